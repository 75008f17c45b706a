//! Layouts the seeds do not show, from other Blogger dumps, as written fixtures.

mod shape;

use shape::{load, shape};
use tread::{
    dump::source,
    dump::thread::{Document, Layout},
};

#[test]
fn unindented_blogger_dump_with_chrome_and_an_upper_case_header() {
    let doc = load("blogger_unindented.txt");
    let [post] = doc.posts.as_slice() else {
        panic!("one post")
    };
    assert_eq!(post.layout, Layout::Clean);
    assert_eq!(post.date_text(&doc), Some("Saturday, 4 October 2014"));
    assert_eq!(post.title_text(&doc), Some("Walking the Downs"));
    assert_eq!(
        post.body_text(&doc),
        "A long walk today.\n\nSecond paragraph."
    );
    assert_eq!(post.declared, Some(17));
    assert_eq!(post.comments.len(), 3);
    let first = &post.comments[0];
    assert_eq!(first.author_text(&doc), Some("Ofer"));
    assert_eq!(first.timestamp_text(&doc), Some("06 October, 2014 10:09"));
    assert_eq!(first.text(&doc), "Lovely pictures.\nWhat camera?");
    assert_eq!(first.replies.len(), 2);
    assert_eq!(first.replies[0].author_text(&doc), Some("Anonymous"));
    assert_eq!(
        first.replies[0].timestamp_text(&doc),
        Some("October 7, 2014 at 9:56 PM")
    );
    assert_eq!(first.replies[0].text(&doc), "A Canon, I think.");
    assert_eq!(first.replies[1].id, "1.2");
    assert_eq!(first.replies[1].text(&doc), "Thanks!");
    let second = &post.comments[1];
    assert_eq!(second.author_text(&doc), None);
    assert_eq!(second.timestamp_text(&doc), Some("26 May 2021 at 05:04"));
    assert_eq!(second.text(&doc), "Still a great walk.");
    let third = &post.comments[2];
    assert!(third.removed);
    assert_eq!(
        third.text(&doc),
        "This comment has been removed by a blog administrator."
    );
    assert_eq!(doc.slice(&post.trailer), "Add comment\nLoad more...\n");
    assert!(
        post.diagnostics
            .iter()
            .any(|d| d.message == "the header declares 17 comments; 5 found")
    );
}

#[test]
fn without_a_header_the_first_comment_starts_at_its_author_line() {
    let doc = load("headerless_authors.txt");
    let [post] = doc.posts.as_slice() else {
        panic!("one post")
    };
    assert_eq!(post.layout, Layout::Flattened);
    assert_eq!(post.title, None);
    assert_eq!(post.body_text(&doc), "Some post text here.\nMore text.");
    assert_eq!(post.comments.len(), 1);
    let c = &post.comments[0];
    assert_eq!(c.author_text(&doc), Some("Anonymous"));
    assert_eq!(c.text(&doc), "First comment.\n\nSecond paragraph.");
    assert_eq!(c.replies[0].author_text(&doc), Some("Jim"));
    assert_eq!(c.replies[0].text(&doc), "Reply to it.");
}

#[test]
fn without_a_header_or_author_the_first_comment_is_the_paragraph_before_the_action_word() {
    let doc = load("headerless_paragraphs.txt");
    let [post] = doc.posts.as_slice() else {
        panic!("one post")
    };
    assert_eq!(post.title_text(&doc), Some("Title"));
    assert_eq!(post.body_text(&doc), "Body para one.");
    assert_eq!(
        post.comments[0].text(&doc),
        "A comment paragraph\nthat spans two lines."
    );
    assert_eq!(post.comments[0].replies[0].text(&doc), "and a reply");
}

#[test]
fn a_date_line_after_a_comment_section_starts_a_new_post() {
    let doc = load("two_posts.txt");
    let titles: Vec<_> = doc.posts.iter().map(|p| p.title_text(&doc)).collect();
    assert_eq!(titles, [Some("First post"), Some("Second post")]);
    assert_eq!(doc.posts[0].comments.len(), 1);
    assert_eq!(doc.posts[0].comments[0].text(&doc), "Only comment.");
    assert_eq!(doc.posts[1].declared, Some(0));
    assert!(doc.posts[1].comments.is_empty());
    assert!(
        doc.posts[1].diagnostics.is_empty(),
        "{:?}",
        doc.posts[1].diagnostics
    );
}

#[test]
fn crlf_and_bom_read_like_lf() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/000_9d6751376566881c.txt"),
    )
    .expect("seed");
    let lf = tread::dump::grammar::parse("lf", text.clone());
    let crlf =
        tread::dump::grammar::parse("crlf", format!("\u{feff}{}", text.replace('\n', "\r\n")));
    assert!(crlf.tiling_errors().is_empty());
    let (a, b) = (&lf.posts[0], &crlf.posts[0]);
    assert_eq!(a.title_text(&lf), b.title_text(&crlf));
    assert_eq!(a.body_text(&lf), b.body_text(&crlf));
    assert_eq!(a.count(), b.count());
    for (x, y) in a.comments.iter().zip(&b.comments) {
        assert_eq!(x.text(&lf), y.text(&crlf));
        assert!(!y.text(&crlf).contains('\r'));
    }
}

#[test]
fn a_numbered_line_inside_a_comment_is_text_not_a_reply() {
    let text = "T\n\nBody\n\n1 comment:\n\n  1. My points:\n\n    1. first\n    2. second\n\n    ReplyDelete\n";
    let doc = tread::dump::grammar::parse("x", text.to_owned());
    let post = &doc.posts[0];
    assert_eq!(post.comments.len(), 1);
    assert!(post.comments[0].replies.is_empty());
    assert_eq!(
        post.comments[0].text(&doc),
        "My points:\n\n1. first\n2. second"
    );
}

#[test]
fn an_unclosed_last_comment_is_kept_with_a_warning() {
    let text = "T\n\nBody\n\n2 comments:\n\n  1. closed\n\n    ReplyDelete\n  2. cut off here\n";
    let doc = tread::dump::grammar::parse("x", text.to_owned());
    let post = &doc.posts[0];
    assert_eq!(post.comments.len(), 2);
    assert_eq!(post.comments[1].text(&doc), "cut off here");
    assert!(
        post.diagnostics
            .iter()
            .any(|d| d.line == 10 && d.message.contains("not closed"))
    );
}

#[test]
fn utf16_with_a_byte_order_mark_parses_to_the_same_tree_as_utf8() {
    let original = load("blogger_unindented.txt");
    let json = |doc: &Document| {
        let items: Vec<tread::export::Selection> = doc
            .posts
            .iter()
            .map(|post| tread::export::Selection {
                doc,
                post,
                comment: None,
            })
            .collect();
        tread::export::render(tread::export::Format::Json, &items, None).replace(&doc.name, "NAME")
    };
    for (name, encoding) in [
        ("blogger_unindented.utf16le.txt", "UTF-16LE"),
        ("blogger_unindented.utf16be.txt", "UTF-16BE"),
    ] {
        let mut doc = load(name);
        assert_eq!(doc.text, original.text, "{name}: the same text");
        // One note more, saying what it was decoded from.
        let note = doc.posts[0].diagnostics.remove(0);
        assert!(note.message.contains(encoding), "{note:?}");
        assert_eq!(json(&doc), json(&original), "{name}: the same tree");
    }
}

#[test]
fn a_converted_page_with_links_on_its_action_words_bullets_and_a_footer() {
    let doc = load("converted_links.txt");
    let [post] = doc.posts.as_slice() else {
        panic!("one post")
    };
    assert_eq!(post.layout, Layout::Clean);
    assert_eq!(post.declared, Some(4));
    assert_eq!(
        shape(&doc, post),
        "1 | Ofer | 06 October, 2014 10:09 | 5001 | Lovely pictures./What camera?\n\
         1.1 | Anonymous | October 7, 2014 at 9:56 PM | 5002 | A Canon, I think.\n\
         1.2 | Ofer | 07 October, 2014 11:00 | 5003 | Thanks!\n\
         2 | Sam | 26 May 2021 at 05:04 | 5004 | Still a great walk.\n"
    );
    // The page after `Add comment` is the trailer, no comment.
    assert!(doc.slice(&post.trailer).starts_with("  -\nAdd comment\n"));
    assert!(
        doc.slice(&post.trailer)
            .ends_with("Labels: walking, downs\n")
    );
    assert!(post.diagnostics.is_empty(), "{:?}", post.diagnostics);
}

#[test]
fn no_fixture_or_seed_has_any_languages_chrome_or_a_blogger_link_in_a_comment_text() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<std::path::PathBuf> = ["tests/fixtures", "seeds"]
        .iter()
        .flat_map(|d| std::fs::read_dir(dir.join(d)).expect("folder"))
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    // Every language's chrome, from the words table itself, and the bullet;
    // its action words and its form, which may stand anywhere in a line.
    let table = tread::dump::words::words();
    let langs = || table.languages.values();
    let chrome: Vec<&str> = langs()
        .flat_map(|l| l.chrome())
        .map(String::as_str)
        .chain(["-"])
        .collect();
    let anywhere: Vec<&str> = langs()
        .flat_map(|l| l.reply_delete.iter().chain(&l.post_comment))
        .map(String::as_str)
        .collect();
    // A `Delete` is a word in a sentence, but not alone, nor glued to what
    // follows it (`EliminarLuis`).
    let deletes: Vec<&str> = langs()
        .flat_map(|l| &l.delete)
        .map(String::as_str)
        .collect();
    let glued_delete = |line: &str| {
        deletes.iter().any(|d| {
            line.strip_prefix(d).is_some_and(|rest| {
                rest.is_empty()
                    || rest.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            })
        })
    };
    for path in files {
        let doc = source::load(&path).expect("loads");
        assert!(doc.tiling_errors().is_empty(), "{path:?}");
        let mut texts = Vec::new();
        fn collect(doc: &Document, cs: &[tread::dump::thread::Comment], out: &mut Vec<String>) {
            for c in cs {
                out.push(c.text(doc));
                collect(doc, &c.replies, out);
            }
        }
        for post in &doc.posts {
            collect(&doc, &post.comments, &mut texts);
        }
        for text in &texts {
            for line in text.lines().map(str::trim) {
                assert!(!chrome.contains(&line), "{path:?}: {line:?} in {text:?}");
                assert!(!glued_delete(line), "{path:?}: {line:?} in {text:?}");
                for word in &anywhere {
                    assert!(!line.contains(word), "{path:?}: {word:?} in {text:?}");
                }
            }
            assert!(
                !text.contains("blogger.com/comment/delete") && !text.contains("showComment="),
                "{path:?}: a link in {text:?}"
            );
        }
    }
}

#[test]
fn a_flattened_scrape_with_a_removed_comment_a_split_sentence_and_a_table() {
    let doc = load("flattened_removed.txt");
    let [post] = doc.posts.as_slice() else {
        panic!("one post")
    };
    assert_eq!(post.layout, Layout::Flattened);
    // A rule of punctuation is no title; lines of numbers repeat unremarked.
    assert_eq!(post.title, None);
    assert!(post.body_text(&doc).contains("44\n44\n44"));
    assert_eq!(
        shape(&doc, post),
        "1 | - | - | - | This is the first comment, long awaited.\n\
         2 | - | - | - | Second comment here, and we offer the\n\
         3 | - | - | - | best service in town, says HQ.\n\
         4 | - | - | - | Third comment, before a removed one.\n\
         5 | - | - | - | (removed) This comment has been removed by the author.\n\
         6 | - | - | - | A last word.\n"
    );
    let said: Vec<(usize, &str)> = post
        .diagnostics
        .iter()
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(
        said,
        [
            (
                9,
                "no \"N comments:\" header; comments start here, before the first ReplyDelete"
            ),
            (
                11,
                "ReplyDelete inside a sentence: maybe a link, not a comment boundary"
            ),
            (14, "a removed comment's notice starts a comment here"),
        ]
    );
}

#[test]
fn a_markdown_export_with_avatars_linked_authors_and_action_links() {
    let doc = load("markdown_export.txt");
    let [post] = doc.posts.as_slice() else {
        panic!("one post")
    };
    assert_eq!(post.layout, Layout::Markdown);
    assert_eq!(post.title_text(&doc), Some("Walking the Downs"));
    assert_eq!(post.declared, Some(3));
    assert_eq!(
        shape(&doc, post),
        "1 | Jane Doe | March 3, 2020 at 7:15 PM | 456 | Lovely pictures.//What camera?\n\
         1.1 | Bob | March 4, 2020 at 8:00 AM | 789 | A Canon, I think.\n\
         2 | Anonymous | 26 May 2021 at 05:04 | 1011 | Still a great walk.\n"
    );
    assert!(doc.slice(&post.trailer).contains("## Feed"));
    assert!(post.diagnostics.is_empty(), "{:?}", post.diagnostics);
    let json = tread::export::render(
        tread::export::Format::Json,
        &[tread::export::Selection {
            doc: &doc,
            post,
            comment: None,
        }],
        None,
    );
    assert!(json.contains("\"layout\": \"markdown\""));
    assert!(json.contains("\"blogger_id\": \"456\""));
}

#[test]
fn a_markdown_export_with_a_countless_header_and_no_avatars() {
    let doc = load("markdown_no_count.txt");
    let [post] = doc.posts.as_slice() else {
        panic!("one post")
    };
    assert_eq!(post.layout, Layout::Markdown);
    assert_eq!(post.title_text(&doc), Some("Pay news"));
    assert_eq!(post.body_text(&doc), "Short body.");
    // `### Comments` starts the section but declares no count.
    assert_eq!(post.declared, None);
    assert_eq!(doc.slice(&post.section).trim(), "### Comments");
    assert_eq!(
        shape(&doc, post),
        "1 | Jane Doe | March 3, 2020 at 7:15 PM | 456 | First.\n\
         2 | - | March 4, 2020 at 8:00 AM | 457 | An anonymous one, no avatar.\n"
    );
    assert!(post.diagnostics.is_empty(), "{:?}", post.diagnostics);
}
