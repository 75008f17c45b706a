//! Blogger in other languages and in its classic template: written
//! fixtures (no copies of real pages) read in their own words, each with
//! its exact shape, authors, timestamps, date and language.

mod shape;

use shape::{load, shape};
use tread::dump::thread::Layout;

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
