//! What a post is known by outside its file: the read-state key (a hash of
//! its title, date and body) and the title the list shows. Both are made
//! when a file is indexed, so the list and the read state need no tree.

use crate::dump::thread::{Document, Post};

/// XXH64 over the parts, each ended by a byte UTF-8 never holds: a
/// specified hash, stable across runs, platforms and Rust versions (unlike
/// std's hasher), and fast enough for a 10,000-comment thread at open.
pub fn digest(parts: &[&str]) -> u64 {
    use std::hash::Hasher;
    let mut h = twox_hash::XxHash64::with_seed(0);
    for part in parts {
        h.write(part.as_bytes());
        h.write(&[0xff]);
    }
    h.finish()
}

/// A post's key: its title, date and body, not its comments.
pub fn post_key(doc: &Document, post: &Post) -> String {
    format!(
        "{:016x}",
        digest(&[
            post.title_text(doc).unwrap_or(""),
            post.date_text(doc).unwrap_or(""),
            &post.body_text(doc),
        ])
    )
}

/// The file a document was read from, as a status bar names it: the last
/// part of its path, made safe to print.
pub fn file_name(name: &str) -> String {
    let short = std::path::Path::new(name)
        .file_name()
        .map_or(name.to_owned(), |f| f.to_string_lossy().into());
    crate::dump::sanitize::name(&short).into_owned()
}

/// The title a post shows: its title, else its file name and first words.
pub fn post_title(doc: &Document, post: &Post) -> String {
    if let Some(t) = post.title_text(doc) {
        return t.to_owned();
    }
    let file = file_name(&doc.name);
    let body = post.body_text(doc);
    let words: Vec<&str> = body.split_whitespace().take(8).collect();
    format!("{file}: {}…", words.join(" "))
}
