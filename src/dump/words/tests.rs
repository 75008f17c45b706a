//! The bundled table, and looking words up in it.

use super::*;

#[test]
fn every_automaton_of_the_bundled_table_is_made() {
    assert!(words().warm());
}

#[test]
fn the_bundled_table_reads_and_every_language_has_every_word() {
    let w = words();
    for code in ["en", "es", "pt-BR", "pt-PT", "fr", "de", "it", "nl", "pl"] {
        let l = w.languages.get(code).unwrap_or_else(|| panic!("{code}"));
        for (name, list) in [
            ("reply_delete", &l.reply_delete),
            ("delete", &l.delete),
            ("comment_words", &l.comment_words),
            ("no_comments", &l.no_comments),
            ("post_comment", &l.post_comment),
            ("removed", &l.removed),
            ("weekdays", &l.weekdays),
            ("months", &l.months),
            ("said", &l.said),
            ("icon", &l.icon),
        ] {
            assert!(!list.is_empty(), "{code}: {name}");
        }
        for c in &l.checked {
            assert!(
                [
                    "reply_delete",
                    "delete",
                    "reply",
                    "replies",
                    "add_comment",
                    "load_more",
                    "post_comment",
                    "comment_words",
                    "no_comments",
                    "anonymous",
                    "removed",
                    "weekdays",
                    "months",
                    "date_words",
                    "at",
                    "said",
                    "icon"
                ]
                .contains(&c.as_str()),
                "{code}: checked names no entry: {c}"
            );
        }
    }
}

#[test]
fn words_of_every_language_in_one_search() {
    let w = words();
    let action = |t: &str| w.action(t).map(|(a, len, l)| (a, len, w.code(l)));
    assert_eq!(
        action("ReplyDelete"),
        Some((Action::ReplyDelete, 11, Some("en")))
    );
    assert_eq!(
        action("ResponderBorrarHola"),
        Some((Action::ReplyDelete, 15, Some("es")))
    );
    assert_eq!(
        action("RispondiElimina"),
        Some((Action::ReplyDelete, 15, Some("it")))
    );
    assert_eq!(action("Delete"), Some((Action::Delete, 6, Some("en"))));
    assert_eq!(action("Usuń"), Some((Action::Delete, 5, Some("pl"))));
    assert_eq!(action("Deleted"), Some((Action::Delete, 6, Some("en"))));
    assert_eq!(action("Hello"), None);
    // A word two languages share is a word of both.
    let (_, _, shared) = w.action("ResponderEliminar").expect("found");
    assert!(w.holds(shared, "es") && w.holds(shared, "pt-PT"));
    assert!(!w.holds(shared, "pt-BR"));
    let (_, portugal) = w.chrome("Enviar um comentário").expect("found");
    assert_eq!(w.code(shared.narrow(portugal)), Some("pt-PT"));
    assert_eq!(w.code(Langs::ANY), None);
    let code = |f: Option<Found<()>>| f.and_then(|(_, _, l)| w.code(l));
    assert_eq!(w.comment_word("COMMENTS:").map(|f| f.1), Some(8));
    assert_eq!(code(w.comment_word("comentarios:")), Some("es"));
    assert_eq!(code(w.no_comments("Keine Kommentare:")), Some("de"));
    assert_eq!(w.chrome("Replies").map(|c| c.0), Some(false));
    assert_eq!(w.chrome("Publicar un comentario").map(|c| c.0), Some(true));
    assert_eq!(w.chrome("Replies to this"), None);
    assert_eq!(
        w.removed("This comment has been removed by the author.")
            .and_then(|l| w.code(l)),
        Some("en")
    );
}

#[test]
fn a_classic_line_in_every_language_of_the_table() {
    let w = words();
    let said = |t: &str| w.said(t).map(|(icon, end, l)| (icon, end, w.code(l)));
    assert_eq!(said("Anonymous said..."), Some((0, 9, Some("en"))));
    assert_eq!(
        said("Blogger Pepper Potts said..."),
        Some((8, 20, Some("en")))
    );
    assert_eq!(said("Anonimo ha detto..."), Some((0, 7, Some("it"))));
    assert_eq!(said("bo54 a dit…"), Some((0, 4, Some("fr"))));
    assert_eq!(said("J.R. Smith said..."), Some((0, 10, Some("en"))));
    // `Blogger` alone is the name.
    assert_eq!(said("Blogger said..."), Some((0, 7, Some("en"))));
    assert_eq!(said("Who said..."), Some((0, 3, Some("en"))));
    assert_eq!(said("said..."), None);
    assert_eq!(said("Anonymous said"), None);
    assert_eq!(said("It was late. Then he said..."), None);
    assert_eq!(said("What has she said: nothing, he said..."), None);
    assert_eq!(
        said("and then one of the people in the queue said..."),
        None
    );
}
