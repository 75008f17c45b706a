//! The five bundled seeds as fixtures, through the real binary.

mod common;

use std::collections::HashMap;

use common::tread;

use serde_json::Value;

const SEEDS: [&str; 5] = [
    "seeds/000_9d6751376566881c.txt",
    "seeds/001_dc49834f0526d084.txt",
    "seeds/002_709067c7ffbf67ff.txt",
    "seeds/003_c81fa1f32a515e1d.txt",
    "seeds/004_e78408eaad16271b.txt",
];

fn json_post(seed: &str) -> Value {
    let (out, err, code) = tread(&["export", "--format", "json", seed]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).expect("valid JSON");
    let posts = v["posts"].as_array().expect("posts").clone();
    assert_eq!(posts.len(), 1, "{seed} holds one post");
    posts[0].clone()
}

fn shape(post: &Value) -> (Value, Value, Value, usize, usize) {
    let comments = post["comments"].as_array().expect("comments");
    let replies = comments
        .iter()
        .map(|c| c["replies"].as_array().map_or(0, Vec::len))
        .sum();
    (
        post["date"].clone(),
        post["title"].clone(),
        post["declared_comments"].clone(),
        comments.len(),
        replies,
    )
}

#[test]
fn every_seed_has_the_expected_shape() {
    let expected = [
        (
            Value::from("Tuesday 9 January 2024"),
            Value::from("New Probation Scandal"),
            Value::from(21),
            14,
            6,
        ),
        (
            Value::from("Sunday, 27 October 2024"),
            Value::from("Dear Mr Jones"),
            Value::from(28),
            13,
            14,
        ),
        (
            Value::from("Sunday, 4 December 2022"),
            Value::from("Is Probation Toxic?"),
            Value::from(14),
            11,
            2,
        ),
        (
            Value::from("Wednesday, 13 September 2023"),
            Value::from("I Wonder Why?"),
            Value::from(13),
            7,
            6,
        ),
        (Value::Null, Value::Null, Value::Null, 7, 11),
    ];
    for (seed, want) in SEEDS.iter().zip(expected) {
        assert_eq!(shape(&json_post(seed)), want, "{seed}");
    }
}

#[test]
fn seed_002_recovers_the_glued_author_and_timestamp() {
    let post = json_post(SEEDS[2]);
    let c = &post["comments"][10];
    assert_eq!(c["id"], "11");
    assert_eq!(c["author"], "dismissed and damaged");
    assert_eq!(c["timestamp"], "28 July 2024 at 03:02");
    let text = c["text"].as_str().expect("text");
    assert!(text.starts_with("After 20 years service"), "{text}");
    assert!(!text.contains("03:02"));
}

#[test]
fn seed_004_is_flattened_with_the_documented_reply_counts() {
    let post = json_post(SEEDS[4]);
    assert_eq!(post["layout"], "flattened");
    let comments = post["comments"].as_array().expect("comments");
    let replies: Vec<usize> = comments
        .iter()
        .map(|c| c["replies"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(replies, [0, 3, 0, 1, 7, 0, 0]);
    assert_eq!(
        comments[0]["text"],
        "Damning report on West Kent Probation."
    );
    assert_eq!(
        comments[1]["replies"][0]["text"],
        "'Getafix\nPress Release:-"
    );
    assert!(
        comments[6]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("\"Senior managers"))
    );
    let body = post["body"].as_str().expect("body");
    assert!(
        body.ends_with("contact details can be found on the profile page."),
        "{body}"
    );
    let repeats = post["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["message"].as_str().is_some_and(|m| m.contains("repeats")))
        .count();
    assert_eq!(
        repeats, 2,
        "the two consecutive scrape duplicates are reported"
    );
}

#[test]
fn clean_seeds_strip_numbers_indentation_and_action_words() {
    let post = json_post(SEEDS[0]);
    let c = &post["comments"][9]["replies"][0];
    assert_eq!(c["id"], "10.1");
    let text = c["text"].as_str().expect("text");
    assert!(
        text.starts_with("You've nailed it, sunshine.\n\n* Yes, they knew TR"),
        "{text}"
    );
    let all = serde_json::to_string(&post["comments"]).expect("json");
    for word in ["ReplyDelete", "\"Delete", "Replies", "    "] {
        assert!(!all.contains(word), "{word} leaked into comment text");
    }
}

#[test]
fn declared_and_found_counts_are_both_reported() {
    let (out, _, code) = tread(&["check", SEEDS[0]]);
    assert_eq!(code, 0);
    assert!(
        out.contains("20 comments found (14 top-level, 6 replies), 21 declared"),
        "{out}"
    );
    assert!(
        out.contains(
            "000_9d6751376566881c.txt:16: warning: the header declares 21 comments; 20 found"
        ),
        "{out}"
    );
}

/// Words, for comparing what a text keeps: runs of letters or runs of digits
/// (an author glued to a date, `damaged28`, is two words).
fn words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    let mut word = String::new();
    let mut kind = 0u8;
    for c in text.chars().chain([' ']) {
        let k = if c.is_alphabetic() {
            1
        } else if c.is_numeric() {
            2
        } else {
            0
        };
        if k != kind && !word.is_empty() {
            *counts.entry(std::mem::take(&mut word)).or_insert(0) += 1;
        }
        if k != 0 {
            word.push(c);
        }
        kind = k;
    }
    counts
}

/// The seed's words less what the export is allowed to drop: the action
/// words and page chrome, and the comment numbers.
fn seed_words(seed: &str) -> HashMap<String, usize> {
    let text = std::fs::read_to_string(seed).expect("seed");
    let mut kept = String::new();
    for line in text.lines() {
        let mut rest = line.trim_start();
        if matches!(rest.trim_end(), "Replies" | "Reply" | "Load more...") {
            continue;
        }
        for action in ["ReplyDelete", "Delete"] {
            if let Some(r) = rest.strip_prefix(action) {
                rest = r;
                break;
            }
        }
        let indented = line.starts_with("  ");
        if let Some((number, r)) = rest.split_once(". ")
            && indented
            && !number.is_empty()
            && number.chars().all(|c| c.is_ascii_digit())
        {
            rest = r;
        }
        kept.push_str(rest);
        kept.push('\n');
    }
    words(&kept)
}

#[test]
fn text_export_keeps_every_word_of_every_seed() {
    for seed in SEEDS {
        let (out, err, code) = tread(&["export", seed]);
        assert_eq!(code, 0, "{err}");
        let exported = words(&out);
        assert!(
            seed_words(seed).len() > 100,
            "the comparison has words to compare"
        );
        let mut missing = Vec::new();
        for (word, n) in seed_words(seed) {
            let have = exported.get(&word).copied().unwrap_or(0);
            if have < n {
                missing.push(format!("{word} ({have} of {n})"));
            }
        }
        assert!(missing.is_empty(), "{seed}: export lost {missing:?}");
    }
}

#[test]
fn markdown_export_keeps_every_word_too() {
    for seed in SEEDS {
        let (out, _, code) = tread(&["export", "--format", "markdown", "--width", "72", seed]);
        assert_eq!(code, 0);
        let exported = words(&out);
        for (word, n) in seed_words(seed) {
            assert!(
                exported.get(&word).copied().unwrap_or(0) >= n,
                "{seed}: markdown lost {word}"
            );
        }
    }
}

#[test]
fn the_seeds_in_the_repo_are_the_shared_seeds() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !shared.exists() {
        return; // a clone without the workplace beside it
    }
    for seed in SEEDS {
        let name = seed.trim_start_matches("seeds/");
        let ours = std::fs::read(seed).expect("seed");
        let theirs = std::fs::read(shared.join(name)).expect("shared seed");
        assert!(ours == theirs, "{seed} differs from ../shared/seeds/{name}");
    }
}

#[test]
fn the_seeds_joined_with_cat_read_as_the_five_files() {
    // The seeds end without a last line end: `cat` glues each one's last
    // action word to the next one's first line.
    let mut joined = Vec::new();
    let mut one_by_one = Vec::new();
    for seed in SEEDS {
        let bytes = std::fs::read(seed).expect("seed");
        joined.extend_from_slice(&bytes);
        let doc = tread::dump::source::from_bytes(seed.into(), bytes).expect("seed");
        one_by_one.extend(posts_of(&doc));
    }
    let doc = tread::dump::source::from_bytes("all.txt".into(), joined).expect("joined");
    assert!(doc.tiling_errors().is_empty());
    assert_eq!(posts_of(&doc), one_by_one);
}

/// Each post as JSON, without what names its file or lines.
fn posts_of(doc: &tread::dump::thread::Document) -> Vec<serde_json::Value> {
    doc.posts
        .iter()
        .map(|post| {
            let sel = tread::export::Selection {
                doc,
                post,
                comment: None,
            };
            let json = tread::export::render(tread::export::Format::Json, &[sel], None);
            let mut value: serde_json::Value = serde_json::from_str(&json).expect("json");
            let mut post = value["posts"][0].take();
            for key in ["file", "diagnostics"] {
                post.as_object_mut().expect("an object").remove(key);
            }
            post
        })
        .collect()
}

/// Every comment of a post, with its replies, in order.
fn all_comments(post: &Value) -> Vec<Value> {
    fn walk(cs: &Value, out: &mut Vec<Value>) {
        for c in cs.as_array().into_iter().flatten() {
            out.push(c.clone());
            walk(&c["replies"], out);
        }
    }
    let mut out = Vec::new();
    walk(&post["comments"], &mut out);
    out
}

#[test]
fn the_signatures_of_every_seed() {
    let mut found = Vec::new();
    for seed in SEEDS {
        for c in all_comments(&json_post(seed)) {
            let text = c["text"].as_str().expect("text");
            let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
            match c["signature"].as_str() {
                Some(s) => {
                    // A signature is never a comment's only text, and its
                    // author stays as parsed: none.
                    assert!(lines > 1, "{seed} #{}: {text:?}", c["id"]);
                    assert!(c["author"].is_null());
                    found.push(format!(
                        "{} #{} {s}",
                        &seed[6..9],
                        c["id"].as_str().unwrap_or("?")
                    ));
                }
                None => assert!(c["signature"].is_null()),
            }
        }
    }
    // Checked by hand: each of these comments ends in its writer's name
    // on a line of its own. 004's `'Getafix` lines sign the post's body
    // and a comment's first line, not a comment's end.
    assert_eq!(
        found,
        [
            "000 #2 'Getafix",
            "000 #6.1 'Getafix",
            "001 #2 BIONIC",
            "002 #7 'Getafix",
            "003 #1.1 'Getafix",
            "003 #1.2 'Getafix",
        ]
    );
}

/// The quote and mention links of a post: `#from -> #to (kind)`, the body
/// named `body`.
fn post_links(
    doc: &tread::dump::thread::Document,
    post: &tread::dump::thread::Post,
) -> Vec<String> {
    use tread::dump::quotes::{Kind, Node, links};
    fn walk<'a>(
        cs: &'a [tread::dump::thread::Comment],
        out: &mut Vec<&'a tread::dump::thread::Comment>,
    ) {
        for c in cs {
            out.push(c);
            walk(&c.replies, out);
        }
    }
    let mut comments = Vec::new();
    walk(&post.comments, &mut comments);
    let texts: Vec<String> = std::iter::once(post.body_text(doc))
        .chain(comments.iter().map(|c| c.text(doc)))
        .collect();
    let mut nodes = vec![Node {
        text: &texts[0],
        author: None,
        timestamp: None,
    }];
    for (c, text) in comments.iter().zip(&texts[1..]) {
        nodes.push(Node {
            text,
            author: c.author_text(doc),
            timestamp: c.timestamp_text(doc),
        });
    }
    let name = |i: usize| {
        if i == 0 {
            "body".to_owned()
        } else {
            format!("#{}", comments[i - 1].id)
        }
    };
    links(&nodes)
        .iter()
        .map(|l| {
            let kind = if l.kind == Kind::Quote {
                "quote"
            } else {
                "mention"
            };
            format!("{} -> {} ({kind})", name(l.from), name(l.to))
        })
        .collect()
}

#[test]
fn the_links_found_on_every_seed() {
    let mut found = Vec::new();
    for seed in SEEDS {
        let doc = tread::dump::source::load(std::path::Path::new(seed)).expect("loads");
        for post in &doc.posts {
            for l in post_links(&doc, post) {
                found.push(format!("{} {l}", &seed[6..9]));
            }
        }
    }
    // Checked by hand: 001 #7 names #2 as "Anonymous 27 October 2024 at
    // 08:46" and quotes it ("I’ve even seen colleagues kept out of focus
    // groups ... reaching inspectors."): the seed kept no comment's
    // timestamp, so the name links by the quotation it introduces; and
    // 004 #5.2 quotes #5 ("seemingly oblivious to how this might
    // appear"). No other quotation of six words or more in the seeds is
    // found in an earlier comment.
    assert_eq!(
        found,
        [
            "001 #7 -> #2 (mention)",
            "001 #7 -> #2 (quote)",
            "004 #5.2 -> #5 (quote)"
        ],
        "{found:#?}"
    );
}
