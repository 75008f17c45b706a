//! Properties of the grammar: generated threads round-trip through both
//! layouts, spans tile every input, and no input makes the parser panic.

use proptest::prelude::*;
use tread::{
    dump::generate::{self, Entry, Thread},
    dump::source,
    dump::thread::{Comment, Document, Layout},
    export::{self, Format, Selection},
};

const VOCAB: &[&str] = &[
    "probation",
    "staff",
    "the",
    "of",
    "Deleted",
    "Replying",
    "1.",
    "2.",
    "*",
    "#",
    "—",
    "£10,000",
    "café",
    "naïve",
    "日本",
    "🙂",
    "don’t",
    "“quoted”",
    "https://example.org/a?b=c&d",
    "ReplyDelete",
    "Delete",
    "comments:",
    "21",
    "Tuesday",
    "9:56",
    "(x)",
    "'Getafix",
    "a\u{a0}b",
    "--oo00oo--",
    "*****",
];

fn line() -> impl Strategy<Value = String> {
    // The first word never starts with an action word or a digit run (the
    // flattened layout cannot tell those from markers); the rest is free.
    (
        prop::sample::select(&["Staff", "We", "It’s", "«Non»", "I", "Probation"][..]),
        prop::collection::vec(prop::sample::select(VOCAB), 0..10),
    )
        .prop_map(|(first, rest)| {
            std::iter::once(first)
                .chain(rest)
                .collect::<Vec<_>>()
                .join(" ")
        })
}

fn paragraphs() -> impl Strategy<Value = Vec<Vec<String>>> {
    prop::collection::vec(prop::collection::vec(line(), 1..4), 1..4)
}

fn stamp() -> impl Strategy<Value = Option<(Option<String>, String)>> {
    prop::option::weighted(
        0.3,
        (
            prop::option::of(prop::sample::select(
                &["Anonymous", "Ofer", "dismissed and damaged", "R2D2"][..],
            )),
            prop::sample::select(
                &[
                    "28 July 2024 at 03:02",
                    "06 October, 2014 10:09",
                    "February 25, 2012 at 9:56 PM",
                ][..],
            ),
        )
            .prop_map(|(a, s)| (a.map(str::to_owned), s.to_owned())),
    )
}

fn entry(replies: impl Strategy<Value = Vec<Entry>>) -> impl Strategy<Value = Entry> {
    (stamp(), paragraphs(), replies).prop_map(|(stamp, paragraphs, replies)| {
        let (author, timestamp) = match stamp {
            Some((a, s)) => (a, Some(s)),
            None => (None, None),
        };
        Entry {
            author,
            timestamp,
            paragraphs,
            replies,
        }
    })
}

fn thread() -> impl Strategy<Value = Thread> {
    let reply = entry(Just(Vec::new()));
    let comment = entry(prop::collection::vec(reply, 0..4));
    (
        prop::option::of(Just("Sunday, 27 October 2024".to_owned())),
        prop::collection::vec(
            prop::sample::select(&["Dear", "Mr", "Jones", "Toxic?", "café"][..]),
            1..6,
        ),
        prop::collection::vec(prop::collection::vec(line(), 1..4), 0..4),
        prop::collection::vec(comment, 0..8),
    )
        .prop_map(|(date, title, body, comments)| Thread {
            date,
            title: Some(title.join(" ")),
            body,
            comments,
        })
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_same_comments(doc: &Document, got: &[Comment], want: &[Entry], exact: bool) {
    assert_eq!(got.len(), want.len(), "comment count");
    for (g, w) in got.iter().zip(want) {
        assert_eq!(
            g.author_text(doc),
            w.author.as_deref(),
            "author of #{}",
            g.id
        );
        assert_eq!(
            g.timestamp_text(doc),
            w.timestamp.as_deref(),
            "timestamp of #{}",
            g.id
        );
        if exact {
            assert_eq!(g.text(doc), w.text(), "text of #{}", g.id);
        } else {
            assert_eq!(squash(&g.text(doc)), squash(&w.text()), "text of #{}", g.id);
        }
        assert_same_comments(doc, &g.replies, &w.replies, exact);
    }
}

fn parse(text: String) -> Document {
    let doc = tread::dump::grammar::parse("generated", text);
    let errors = doc.tiling_errors();
    assert!(
        errors.is_empty(),
        "spans do not tile: {errors:?}\n{}",
        doc.text
    );
    doc
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn clean_layout_round_trips_exactly(t in thread()) {
        let mut text = String::new();
        generate::write_clean(&t, &mut text);
        let doc = parse(text);
        prop_assert_eq!(doc.posts.len(), 1, "{}", doc.text);
        let post = &doc.posts[0];
        prop_assert_eq!(post.layout, Layout::Clean);
        prop_assert_eq!(post.date_text(&doc), t.date.as_deref());
        prop_assert_eq!(post.title_text(&doc), t.title.as_deref());
        prop_assert_eq!(post.body_text(&doc), generate::join_paragraphs(&t.body));
        prop_assert_eq!(post.declared, Some(t.count()));
        assert_same_comments(&doc, &post.comments, &t.comments, true);
    }

    #[test]
    fn flattened_layout_round_trips_up_to_whitespace(t in thread()) {
        prop_assume!(!t.comments.is_empty());
        let mut text = String::new();
        generate::write_flattened(&t, &mut text);
        let doc = parse(text);
        prop_assert_eq!(doc.posts.len(), 1, "{}", doc.text);
        let post = &doc.posts[0];
        prop_assert_eq!(post.layout, Layout::Flattened);
        prop_assert_eq!(post.date_text(&doc), None);
        prop_assert_eq!(post.title_text(&doc), None);
        prop_assert_eq!(squash(&post.body_text(&doc)), squash(&generate::join_paragraphs(&t.body)));
        assert_same_comments(&doc, &post.comments, &t.comments, false);
    }

    #[test]
    fn several_posts_in_one_file_split_at_their_date_lines(ts in prop::collection::vec(thread(), 1..4)) {
        let mut text = String::new();
        for t in &ts {
            let mut t = t.clone();
            t.date = Some("Tuesday 9 January 2024".into());
            generate::write_clean(&t, &mut text);
        }
        let doc = parse(text);
        prop_assert_eq!(doc.posts.len(), ts.len());
        for (post, t) in doc.posts.iter().zip(&ts) {
            prop_assert_eq!(post.title_text(&doc), t.title.as_deref());
            assert_same_comments(&doc, &post.comments, &t.comments, true);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_always_tile(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        if let Ok(doc) = source::from_bytes("fuzz".into(), bytes) {
            let errors = doc.tiling_errors();
            prop_assert!(errors.is_empty(), "{:?}", errors);
            exercise_exports(&doc);
        }
    }

    #[test]
    fn grammar_shaped_noise_never_panics_and_always_tiles(
        lines in prop::collection::vec(prop::sample::select(NOISE), 0..80),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut text = if bom { "\u{feff}".to_owned() } else { String::new() };
        text.push_str(&lines.join(eol));
        let doc = parse(text);
        exercise_exports(&doc);
        for post in &doc.posts {
            for c in &post.comments {
                prop_assert!(!c.text(&doc).contains('\r'));
            }
        }
    }
}

const NOISE: &[&str] = &[
    "",
    " ",
    "\u{a0}\u{a0}",
    "Tuesday 9 January 2024",
    "Sunday, 27 October 2024",
    "Title line",
    "21 comments:",
    "No comments:",
    "1 comment:",
    "  1. first comment",
    "  2. second",
    "    1. a reply",
    "    continuation",
    "      reply continuation",
    "    ReplyDelete",
    "      Delete",
    "ReplyDelete",
    "Delete",
    "ReplyDeleteglued text",
    "Deleteglued reply",
    "    Replies",
    "Reply",
    "Load more...",
    "Add comment",
    "dismissed and damaged28 July 2024 at 03:02",
    "26 May 2021 at 05:04",
    "This comment has been removed by the author.",
    "--oo00oo--",
    "*****",
    "plain text line",
    "\u{1b}[31mred\u{7}",
    "日本語のテキスト🙂",
    "\t tabbed",
];

fn exercise_exports(doc: &Document) {
    let items: Vec<Selection> = doc
        .posts
        .iter()
        .map(|post| Selection {
            doc,
            post,
            comment: post.comments.first(),
        })
        .collect();
    for format in [Format::Text, Format::Markdown, Format::Json] {
        let out = export::render(format, &items, Some(20));
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "control characters in {format:?} export"
        );
    }
}

#[test]
fn every_seed_tiles_and_rebuilds_from_its_spans() {
    for (name, text) in tread::dump::samples::SEEDS {
        let doc = parse(text.to_owned());
        let mut rebuilt = String::new();
        for post in &doc.posts {
            for span in [&post.header, &post.body, &post.section] {
                rebuilt.push_str(doc.slice(span));
            }
            fn own(doc: &Document, c: &Comment, out: &mut String) {
                out.push_str(doc.slice(&c.own));
                for r in &c.replies {
                    own(doc, r, out);
                }
            }
            for c in &post.comments {
                own(&doc, c, &mut rebuilt);
            }
            rebuilt.push_str(doc.slice(&post.trailer));
        }
        assert!(
            rebuilt == text,
            "{name}: the leaf spans do not rebuild the file"
        );
    }
}
