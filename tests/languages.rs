//! Blogger in other languages and in its classic template: written
//! fixtures (no copies of real pages) read in their own words, each with
//! its exact shape, authors, timestamps, date and language.

mod shape;

use shape::{load, shape};
use tread::dump::thread::{Document, Layout, Post};

#[test]
fn a_spanish_page_read_in_its_own_words() {
    let doc = load("es_clean.txt");
    let [post] = doc.posts.as_slice() else {
        panic!("one post")
    };
    assert_eq!(post.lang, Some("es"));
    assert_eq!(post.layout, Layout::Clean);
    assert_eq!(post.date_text(&doc), Some("jueves, 10 de febrero de 2011"));
    assert_eq!(post.title_text(&doc), Some("Paseo por la sierra"));
    assert_eq!(post.declared, Some(3));
    assert_eq!(
        post.body_text(&doc),
        "Un paseo largo hoy.\n\nSegundo párrafo."
    );
    assert_eq!(
        shape(&doc, post),
        "1 | Ofer | 10 de febrero de 2011, 12:30 | - | Fotos preciosas./¿Qué cámara?\n\
         1.1 | Anónimo | 11 de febrero de 2011, 9:56 | - | Una Canon, creo.\n\
         2 | - | - | - | (removed) Este comentario ha sido eliminado por el autor.\n"
    );
    // `Publicar un comentario` ends the section: the page after it is the
    // trailer.
    assert!(doc.slice(&post.trailer).contains("Página principal"));
    assert!(post.diagnostics.is_empty(), "{:?}", post.diagnostics);
}

#[test]
fn an_italian_scrape_with_glued_action_words() {
    let doc = load("it_flattened.txt");
    let [post] = doc.posts.as_slice() else {
        panic!("one post")
    };
    assert_eq!(post.lang, Some("it"));
    assert_eq!(post.layout, Layout::Flattened);
    assert_eq!(
        shape(&doc, post),
        "1 | - | - | - | Primo commento: belle foto!\n\
         1.1 | Anonimo | 2 marzo 2014 12:30 | - | Che macchina fotografica?\n\
         2 | - | - | - | Una Canon, credo.\n\
         3 | - | - | - | Anche io ci sono stato.\n"
    );
}

/// One post of a fixture, with no diagnostic but those given.
fn one_post<'a>(doc: &'a Document, notes: &[&str]) -> &'a Post {
    let [post] = doc.posts.as_slice() else {
        panic!("one post")
    };
    let said: Vec<&str> = post
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(said, notes);
    post
}

#[test]
fn a_spanish_scrape_with_glued_action_words_and_a_month_first_date() {
    let doc = load("es_flattened.txt");
    let post = one_post(
        &doc,
        &["no \"N comments:\" header; comments start here, before the first ResponderEliminar"],
    );
    assert_eq!(post.lang, Some("es"));
    assert_eq!(post.layout, Layout::Flattened);
    assert_eq!(post.date_text(&doc), Some("martes, febrero 28, 2006"));
    assert_eq!(post.title_text(&doc), Some("Carnaval en Cádiz"));
    assert_eq!(
        post.body_text(&doc),
        "Las chirigotas empezaron temprano.\nFotos mañana."
    );
    assert_eq!(
        shape(&doc, post),
        "1 | Pepa | 28 de febrero de 2006, 21:15 | - | ¡Qué envidia!\n\
         1.1 | Anónimo | 1 de marzo de 2006, 9:02 | - | Yo estuve el año pasado.\n\
         2 | Luis | 1 de marzo de 2006, 10:40 | - | Las fotos, por favor.\n"
    );
    assert_eq!(
        doc.slice(&post.trailer),
        "Publicar un comentario\nEntrada más reciente Entrada antigua Página principal\n"
    );
}

#[test]
fn a_brazilian_page_in_the_clean_layout() {
    let doc = load("pt_clean.txt");
    let post = one_post(&doc, &[]);
    assert_eq!(post.lang, Some("pt-BR"));
    assert_eq!(post.layout, Layout::Clean);
    assert_eq!(
        post.date_text(&doc),
        Some("terça-feira, 20 de setembro de 2011")
    );
    assert_eq!(post.title_text(&doc), Some("Feira de domingo"));
    assert_eq!(post.declared, Some(3));
    assert_eq!(
        shape(&doc, post),
        "1 | Joana | 20 de setembro de 2011 20:05 | - | Que delícia!\n\
         1.1 | Anônimo | 21 de setembro de 2011 08:30 | - | Também fui.\n\
         2 | Carlos | 21 de setembro de 2011 às 10:00 | - | Qual feira?\n"
    );
    assert!(
        doc.slice(&post.trailer)
            .starts_with("Adicionar comentário\nCarregar mais...\n\nPostar um comentário\n")
    );
}

#[test]
fn a_portuguese_scrape_tells_portugal_by_its_form() {
    let doc = load("pt_flattened.txt");
    let post = one_post(
        &doc,
        &["no \"N comments:\" header; comments start here, before the first ResponderEliminar"],
    );
    // `ResponderEliminar` is Spanish and Portugal's; `Enviar um
    // comentário` is Portugal's alone.
    assert_eq!(post.lang, Some("pt-PT"));
    assert_eq!(post.layout, Layout::Flattened);
    assert_eq!(post.date_text(&doc), None);
    assert_eq!(post.title_text(&doc), Some("Passeio em Sintra"));
    assert_eq!(
        shape(&doc, post),
        "1 | Rui | 12 de maio de 2015 às 18:20 | - | Acontece sempre!\n\
         1.1 | Anónimo | 13 de maio de 2015 às 09:00 | - | Eu gosto do nevoeiro.\n\
         2 | - | - | - | (removed) Este comentário foi removido pelo autor.\n\
         3 | Rui | 14 de maio de 2015 às 08:00 | - | Para o ano há mais.\n"
    );
    assert_eq!(doc.slice(&post.trailer), "Enviar um comentário\n");
}

#[test]
fn a_french_page_in_the_clean_layout() {
    let doc = load("fr_clean.txt");
    let post = one_post(&doc, &[]);
    assert_eq!(post.lang, Some("fr"));
    assert_eq!(post.layout, Layout::Clean);
    assert_eq!(post.date_text(&doc), Some("dimanche 30 septembre 2012"));
    assert_eq!(post.declared, Some(3));
    assert_eq!(
        shape(&doc, post),
        "1 | Claire | 30 septembre 2012 à 14:05 | - | Quelle chance !\n\
         1.1 | Anonyme | 30 septembre 2012 à 18:40 | - | Et le vin ?\n\
         2 | - | - | - | (removed) Ce commentaire a été supprimé par l'auteur.\n"
    );
    assert!(
        doc.slice(&post.trailer)
            .contains("Enregistrer un commentaire\n")
    );
}

#[test]
fn a_french_scrape_with_glued_action_words() {
    let doc = load("fr_flattened.txt");
    let post = one_post(
        &doc,
        &["no \"N comments:\" header; comments start here, before the first RépondreSupprimer"],
    );
    assert_eq!(post.lang, Some("fr"));
    assert_eq!(post.layout, Layout::Flattened);
    assert_eq!(
        shape(&doc, post),
        "1 | Claire | 1 octobre 2012 à 09:12 | - | Encore des photos !\n\
         1.1 | Anonyme | 1 octobre 2012 à 10:00 | - | Oui, demain.\n\
         2 | Paul | 2 octobre 2012 à 08:30 | - | Superbe.\n"
    );
    assert_eq!(doc.slice(&post.trailer), "Enregistrer un commentaire\n");
}

#[test]
fn a_german_page_in_the_clean_layout() {
    let doc = load("de_clean.txt");
    let post = one_post(&doc, &[]);
    assert_eq!(post.lang, Some("de"));
    assert_eq!(post.layout, Layout::Clean);
    assert_eq!(post.date_text(&doc), Some("Mittwoch, 25. September 2013"));
    assert_eq!(post.title_text(&doc), Some("Wanderung im Harz"));
    assert_eq!(
        shape(&doc, post),
        "1 | Jens | 25. September 2013 um 19:10 | - | Schöne Bilder!\n\
         1.1 | Anonym | 26. September 2013 um 07:45 | - | Wie lange seid ihr gelaufen?\n"
    );
    assert!(
        doc.slice(&post.trailer)
            .contains("Kommentar veröffentlichen\n")
    );
}

#[test]
fn a_german_scrape_with_glued_action_words() {
    let doc = load("de_flattened.txt");
    let post = one_post(
        &doc,
        &["no \"N comments:\" header; comments start here, before the first AntwortenLöschen"],
    );
    assert_eq!(post.lang, Some("de"));
    assert_eq!(post.layout, Layout::Flattened);
    assert_eq!(
        shape(&doc, post),
        "1 | Jens | 26. September 2013 um 20:00 | - | Schade!\n\
         1.1 | Anonym | 27. September 2013 um 08:00 | - | Morgen wird es besser.\n\
         2 | Jens | 27. September 2013 um 09:15 | - | Hoffentlich.\n"
    );
    assert_eq!(doc.slice(&post.trailer), "Kommentar veröffentlichen\n");
}

#[test]
fn an_italian_page_in_the_clean_layout() {
    let doc = load("it_clean.txt");
    let post = one_post(&doc, &[]);
    assert_eq!(post.lang, Some("it"));
    assert_eq!(post.layout, Layout::Clean);
    assert_eq!(post.date_text(&doc), Some("domenica 2 marzo 2014"));
    assert_eq!(post.title_text(&doc), Some("Una gita al lago"));
    assert_eq!(
        shape(&doc, post),
        "1 | Marco | 2 marzo 2014 18:20 | - | Che posto!\n\
         1.1 | Anonimo | 2 marzo 2014 19:05 | - | Ci torno a maggio.\n\
         2 | - | - | - | (removed) Questo commento è stato eliminato dall'autore.\n"
    );
    assert!(doc.slice(&post.trailer).contains("Posta un commento\n"));
}

#[test]
fn the_classic_template_in_english() {
    let doc = load("classic_en.txt");
    let post = one_post(&doc, &[]);
    assert_eq!(post.lang, Some("en"));
    assert_eq!(post.layout, Layout::Classic);
    assert_eq!(post.date_text(&doc), Some("Tuesday, March 06, 2007"));
    assert_eq!(post.title_text(&doc), Some("Walking the Downs"));
    assert_eq!(post.declared, Some(3));
    // `Blogger`, the icon's alt text, is no part of the name; a `said...`
    // line inside a comment's text (no blank line before it) opens nothing.
    assert_eq!(
        shape(&doc, post),
        "1 | Anonymous | March 6, 2007 10:12 PM | - | Lovely walk. Which way back?\n\
         2 | Pepper Potts | March 7, 2007 8:01 AM | - | Over the river and the brooks./\
         Quoting the last one:/Anonymous said.../Which way back?\n\
         3 | Anonymous | March 7, 2007 9:30 AM | - | Thanks!\n"
    );
    let second = &post.comments[1];
    assert!(
        doc.slice(&second.own)
            .starts_with("Blogger Pepper Potts said...\n")
    );
    assert_eq!(
        doc.slice(&post.trailer),
        "Post a Comment\n\nLinks to this post\n\nNewer Post Older Post Home\n"
    );
}

#[test]
fn the_classic_template_in_italian() {
    let doc = load("classic_it.txt");
    let post = one_post(&doc, &[]);
    assert_eq!(post.lang, Some("it"));
    assert_eq!(post.layout, Layout::Classic);
    assert_eq!(post.declared, Some(2));
    assert_eq!(
        shape(&doc, post),
        "1 | Anonimo | 2 marzo 2014 19:05 | - | Bellissimo!\n\
         2 | Marco | 3 marzo 2014 08:10 | - | Grazie!\n"
    );
    assert!(doc.slice(&post.trailer).starts_with("Posta un commento\n"));
}

#[test]
fn the_classic_template_in_french_with_no_header() {
    let doc = load("classic_fr.txt");
    let post = one_post(
        &doc,
        &[
            "no \"N comments:\" header; comments start here, at the first \"said...\" line: \"bo54 a dit…\"",
        ],
    );
    assert_eq!(post.lang, Some("fr"));
    assert_eq!(post.layout, Layout::Classic);
    assert_eq!(post.body_text(&doc), "Le texte du billet.");
    assert_eq!(
        shape(&doc, post),
        "1 | bo54 | 30 septembre 2012 à 14:05 | - | Quelle belle journée.\n\
         2 | Claire | 1 octobre 2012 à 09:12 | - | Merci !/À l'an prochain.\n"
    );
    assert_eq!(doc.slice(&post.trailer), "Enregistrer un commentaire\n");
}

#[test]
fn three_anonymous_said_lines_are_three_comments() {
    let text = "Friday, 1 May 2009\n\nA title\n\nBody.\n\n3 comments:\n\n\
                Anonymous said...\nOne.\nMay 1, 2009 10:00 AM\n\n\
                Anonymous said...\nTwo.\nMay 1, 2009 11:00 AM\n\n\
                Anonymous said...\nThree.\nMay 1, 2009 12:00 PM\n";
    let doc = tread::dump::grammar::parse("three.txt", text.to_owned());
    let post = one_post(&doc, &[]);
    assert_eq!(post.layout, Layout::Classic);
    assert_eq!(
        shape(&doc, post),
        "1 | Anonymous | May 1, 2009 10:00 AM | - | One.\n\
         2 | Anonymous | May 1, 2009 11:00 AM | - | Two.\n\
         3 | Anonymous | May 1, 2009 12:00 PM | - | Three.\n"
    );
}

fn parse(text: &str) -> Document {
    let doc = tread::dump::grammar::parse("trial.txt", text.to_owned());
    assert!(doc.tiling_errors().is_empty(), "{:?}", doc.tiling_errors());
    doc
}

/// From a new-user trial: pages mangled by hand the way scrapers do.
#[test]
fn dumps_joined_after_a_trailer_or_a_classic_timestamp_are_two_posts() {
    // The first page ends in its navigation links, with no line end.
    let doc = parse(
        "domenica 2 marzo 2014\n\nGita\n\nTesto.\n\n1 commento:\n\n\
         Anonimo ha detto...\n\n    Bello!\n\n    2 marzo 2014 19:05\n\
         Posta un commento\n\nPost più recente Home pagesábado, 14 de mayo de 2016\n\n\
         Un café\n\nTexto.\n\nNo hay comentarios:\n",
    );
    let titles: Vec<Option<&str>> = doc.posts.iter().map(|p| p.title_text(&doc)).collect();
    assert_eq!(titles, [Some("Gita"), Some("Un café")]);
    assert!(
        doc.slice(&doc.posts[0].trailer)
            .ends_with("Post più recente Home page")
    );
    // A classic page that ends on its last timestamp.
    let doc = parse(
        "domenica 2 marzo 2014\n\nGita\n\nTesto.\n\n1 commento:\n\n\
         Anonimo ha detto...\n\n    Bello!\n\n    2 marzo 2014 19:05lundi 3 mars 2008\n\n\
         Noël\n\nTexte.\n\nAucun commentaire:\n",
    );
    assert_eq!(doc.posts.len(), 2);
    assert_eq!(
        shape(&doc, &doc.posts[0]),
        "1 | Anonimo | 2 marzo 2014 19:05 | - | Bello!\n"
    );
    assert_eq!(doc.posts[1].title_text(&doc), Some("Noël"));
}

#[test]
fn a_classic_comment_that_opens_with_a_quote_of_a_said_line_is_one_comment() {
    let doc = parse(
        "lundi 3 mars 2008\n\nNoël\n\nTexte.\n\n2 commentaires:\n\n\
         Claire a dit…\n\n    Superbe.\n\n    3 mars 2008 10:00\n\
         zaza67 a dit...\n\n    Élodie a dit…\n    Le vin chaud était trop sucré\n\n\
         Anonyme a dit...\n\n    Pas du tout.\n",
    );
    let post = one_post(
        &doc,
        &[
            "the header declares 2 comments; 3 found",
            "comment has no timestamp line to close it",
            "comment has no timestamp line to close it; kept as it is",
        ],
    );
    assert_eq!(
        shape(&doc, post),
        "1 | Claire | 3 mars 2008 10:00 | - | Superbe.\n\
         2 | zaza67 | - | - | Élodie a dit…/Le vin chaud était trop sucré\n\
         3 | Anonyme | - | - | Pas du tout.\n"
    );
}

#[test]
fn a_classic_page_with_no_header_and_no_blank_lines() {
    let doc = parse(
        "venerdì 7 giugno 2013\nGelato a Bologna\nTesto del post.\n\
         Anonimo ha detto...\nBuonissimo!\n7 giugno 2013 18:00\n\
         Blogger Marco ha detto...\nGrazie!\n7 giugno 2013 19:30\n\
         Posta un commento\n",
    );
    let post = &doc.posts[0];
    assert_eq!(post.layout, Layout::Classic);
    assert_eq!(
        shape(&doc, post),
        "1 | Anonimo | 7 giugno 2013 18:00 | - | Buonissimo!\n\
         2 | Marco | 7 giugno 2013 19:30 | - | Grazie!\n"
    );
}

#[test]
fn chrome_glued_to_an_action_word_stays_chrome() {
    let doc = parse(
        "sábado, 14 de mayo de 2016\nUn café\nTexto.\n\
         Lucía14 de mayo de 2016, 10:22\n¡Qué envidia!\n\
         ResponderEliminarRespuestas\nAnónimo14 de mayo de 2016, 11:05\nEn el Bar Ruiz.\n\
         EliminarLucía14 de mayo de 2016, 11:40\n¡Gracias!\nEliminarResponder\n\
         José15 de mayo de 2016, 8:01\nEl mejor.\n\
         ResponderEliminarAñadir comentario\nPublicar un comentario\nPágina principal\n",
    );
    let post = &doc.posts[0];
    assert_eq!(post.layout, Layout::Flattened);
    assert_eq!(
        shape(&doc, post),
        "1 | Lucía | 14 de mayo de 2016, 10:22 | - | ¡Qué envidia!\n\
         1.1 | Anónimo | 14 de mayo de 2016, 11:05 | - | En el Bar Ruiz.\n\
         1.2 | Lucía | 14 de mayo de 2016, 11:40 | - | ¡Gracias!\n\
         2 | José | 15 de mayo de 2016, 8:01 | - | El mejor.\n"
    );
    assert_eq!(
        doc.slice(&post.trailer),
        "Publicar un comentario\nPágina principal\n"
    );
}
