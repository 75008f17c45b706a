//! What the fixture tests share: loading a fixture (its spans must tile
//! it) and a post's comments drawn one line each.

use tread::{dump::source, dump::thread::Document};

pub fn load(name: &str) -> Document {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let doc = source::load(&path).expect("fixture loads");
    assert!(doc.tiling_errors().is_empty(), "{:?}", doc.tiling_errors());
    doc
}

/// A post's comments, one line each: `id | author | timestamp | blogger id
/// | removed? | text` (line breaks in the text as `/`).
pub fn shape(doc: &Document, post: &tread::dump::thread::Post) -> String {
    fn walk(doc: &Document, comments: &[tread::dump::thread::Comment], out: &mut String) {
        for c in comments {
            out.push_str(&format!(
                "{} | {} | {} | {} | {}{}\n",
                c.id,
                c.author_text(doc).unwrap_or("-"),
                c.timestamp_text(doc).unwrap_or("-"),
                c.blogger_id.as_ref().map_or("-", |s| doc.slice(s)),
                if c.removed { "(removed) " } else { "" },
                c.text(doc).replace('\n', "/")
            ));
            walk(doc, &c.replies, out);
        }
    }
    let mut out = String::new();
    walk(doc, &post.comments, &mut out);
    out
}
