//! Any bytes, read as a dump: the parse never panics, its spans tile the
//! text (nothing lost, nothing twice), and no comment's text holds a line
//! that is an action word alone (`ReplyDelete`, `Delete` after the
//! indentation: the grammar closes a comment there and strips it). And what
//! is built on the parse never panics either: the reader's outline (text as
//! shown, repeats, signatures, quote links) and `tread grep`'s placing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tread::dump::{
    grammar::rules,
    source,
    thread::{Comment, Document},
};

fn check(doc: &Document, comments: &[Comment]) {
    for c in comments {
        let content = doc.slice(&c.content);
        // Lines of the file, from their starts: text on a number's line
        // (`3. Delete`) is the comment's text, not its action word.
        let mid_line = !doc.text[..c.content.start].ends_with('\n');
        for line in content.lines().skip(usize::from(mid_line)) {
            // Alone: nothing after it but what the grammar calls blank.
            let alone =
                rules::action_word(line).is_ok_and(|(rest, _)| rules::blank_line(rest).is_ok());
            assert!(!alone, "#{} holds an action word: {content:?}", c.id);
        }
        check(doc, &c.replies);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = source::from_bytes("fuzz.txt".into(), data.to_vec()) else {
        return;
    };
    let errors = doc.tiling_errors();
    assert!(errors.is_empty(), "{errors:?}");
    for post in &doc.posts {
        check(&doc, &post.comments);
        for show_repeats in [false, true] {
            let outline = tread::reader::outline::Outline::new(&doc, post, show_repeats);
            assert_eq!(outline.items.len(), post.count() + 1);
        }
    }
    if let Ok(re) = tread::grep::matcher("e", tread::grep::Options::default()) {
        for hit in tread::grep::hits(&doc.name, &doc.text, &re) {
            assert!(hit.line >= 1);
        }
    }
});
