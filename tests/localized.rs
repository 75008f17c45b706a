//! Properties of the grammar in every language of the words table:
//! generated threads written in a language's words (action words, headers,
//! dates, timestamps, `said...` lines) round-trip in the clean, flattened
//! and classic layouts, the post tells its language, and spans tile.

use proptest::prelude::*;
use tread::dump::{
    generate::{self, Chrome, Entry, Thread},
    thread::{Comment, Document, Layout},
    words::{Language, words},
};

/// A language of the table, by its code.
fn language() -> impl Strategy<Value = (&'static str, &'static Language)> {
    let all: Vec<(&'static str, &'static Language)> = words()
        .languages
        .iter()
        .map(|(code, l)| (code.as_str(), l))
        .collect();
    prop::sample::select(all)
}

/// A date in the language's words: `10 de febrero de 2011`, `2 marzo 2014`.
fn date(l: &Language, day: usize, month: usize, year: usize) -> String {
    let month = &l.months[month % 12];
    match l.date_words.first() {
        Some(de) => format!("{day} {de} {month} {de} {year}"),
        None => format!("{day} {month} {year}"),
    }
}

/// A timestamp: the date, the language's `at` word, a clock.
fn stamp(
    l: &Language,
    (day, month, year, hour, minute): (usize, usize, usize, usize, usize),
) -> String {
    let date = date(l, day, month, year);
    match l.at.first() {
        Some(at) => format!("{date} {at} {hour:02}:{minute:02}"),
        None => format!("{date} {hour:02}:{minute:02}"),
    }
}

fn when() -> impl Strategy<Value = (usize, usize, usize, usize, usize)> {
    (
        1..29usize,
        0..12usize,
        1990..2030usize,
        0..24usize,
        0..60usize,
    )
}

fn line() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&["Staff", "Wir", "Él", "«Non»", "Ça", "Probation"][..]),
        prop::collection::vec(
            prop::sample::select(
                &[
                    "la",
                    "de",
                    "und",
                    "é",
                    "che",
                    "comentario",
                    "Delete",
                    "2011",
                    "café",
                    "😀",
                ][..],
            ),
            0..8,
        ),
    )
        .prop_map(|(first, rest)| {
            std::iter::once(first)
                .chain(rest)
                .collect::<Vec<_>>()
                .join(" ")
        })
}

fn paragraphs() -> impl Strategy<Value = Vec<Vec<String>>> {
    prop::collection::vec(prop::collection::vec(line(), 1..3), 1..3)
}

/// A thread in language `l`: every comment has an author (a name or the
/// language's anonymous) and a timestamp.
fn thread(l: &'static Language) -> impl Strategy<Value = Thread> {
    let entry = move |replies: BoxedStrategy<Vec<Entry>>| {
        (
            prop::sample::select(vec![l.anonymous[0].clone(), "Ofer".into(), "bo54".into()]),
            when(),
            paragraphs(),
            replies,
        )
            .prop_map(move |(author, at, paragraphs, replies)| Entry {
                author: Some(author),
                timestamp: Some(stamp(l, at)),
                paragraphs,
                replies,
            })
    };
    let reply = entry(Just(Vec::new()).boxed());
    let comment = entry(prop::collection::vec(reply, 0..3).boxed());
    (
        when(),
        0..7usize,
        prop::collection::vec(paragraphs(), 1..3),
        prop::collection::vec(comment, 1..6),
    )
        .prop_map(
            move |((day, month, year, ..), weekday, body, comments)| Thread {
                date: Some(format!(
                    "{}, {}",
                    l.weekdays[weekday],
                    date(l, day, month, year)
                )),
                title: Some("Una entrada".into()),
                body: body.into_iter().flatten().collect(),
                comments,
            },
        )
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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

/// Comments, flattened in order with their replies: (author, timestamp, text).
fn flat(doc: &Document, comments: &[Comment]) -> Vec<(Option<String>, Option<String>, String)> {
    comments
        .iter()
        .flat_map(|c| std::iter::once(c).chain(&c.replies))
        .map(|c| {
            (
                c.author_text(doc).map(str::to_owned),
                c.timestamp_text(doc).map(str::to_owned),
                squash(&c.text(doc)),
            )
        })
        .collect()
}

/// The diagnostics of the first post but the repeated lines the generator
/// may write.
fn notes(doc: &Document) -> Vec<&str> {
    doc.posts[0]
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .filter(|m| !m.starts_with("line repeats"))
        .collect()
}

fn want(t: &Thread) -> Vec<(Option<String>, Option<String>, String)> {
    t.comments
        .iter()
        .flat_map(|c| std::iter::once(c).chain(&c.replies))
        .map(|c| (c.author.clone(), c.timestamp.clone(), squash(&c.text())))
        .collect()
}

/// Whether the language read, `got`, has every word written (`pick`s
/// them from a language and from `chrome`): a page in Portugal's words
/// may read as Spanish where the two share every word on it
/// (`ResponderEliminar`, `Eliminar`).
fn same_words(
    got: Option<&str>,
    chrome: &Chrome,
    pick: impl Fn(&Language, &Chrome) -> Vec<bool>,
) -> bool {
    got.and_then(|g| words().languages.get(g))
        .is_some_and(|g| pick(g, chrome).into_iter().all(|has| has))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn the_clean_layout_round_trips_in_every_language(
        (code, l, t) in language().prop_flat_map(|(code, l)| (Just(code), Just(l), thread(l)))
    ) {
        let chrome = Chrome::of(l);
        let mut text = String::new();
        generate::write_clean_in(&t, &chrome, &mut text);
        let doc = parse(text);
        prop_assert_eq!(doc.posts.len(), 1, "{}", doc.text);
        let post = &doc.posts[0];
        prop_assert_eq!(post.layout, Layout::Clean);
        // The header's word and the action word name the language.
        prop_assert_eq!(post.lang, Some(code), "{}", doc.text);
        prop_assert_eq!(post.date_text(&doc), t.date.as_deref());
        prop_assert_eq!(post.declared, Some(t.count()));
        prop_assert_eq!(flat(&doc, &post.comments), want(&t));
        prop_assert!(notes(&doc).is_empty(), "{:?}", notes(&doc));
    }

    #[test]
    fn the_flattened_layout_round_trips_in_every_language(
        (code, l, t) in language().prop_flat_map(|(code, l)| (Just(code), Just(l), thread(l)))
    ) {
        let chrome = Chrome::of(l);
        let mut text = String::new();
        generate::write_flattened_in(&t, &chrome, &mut text);
        let doc = parse(text);
        prop_assert_eq!(doc.posts.len(), 1, "{}", doc.text);
        let post = &doc.posts[0];
        prop_assert_eq!(post.layout, Layout::Flattened);
        let written = |g: &Language, c: &Chrome| {
            vec![g.reply_delete.contains(&c.reply_delete), g.delete.contains(&c.delete)]
        };
        prop_assert!(same_words(post.lang, &chrome, written), "{:?} for {}", post.lang, code);
        prop_assert_eq!(flat(&doc, &post.comments), want(&t));
        let tree: Vec<usize> = post.comments.iter().map(|c| c.replies.len()).collect();
        let made: Vec<usize> = t.comments.iter().map(|c| c.replies.len()).collect();
        prop_assert_eq!(tree, made);
    }

    #[test]
    fn the_classic_template_round_trips_in_every_language(
        (code, l, t) in language().prop_flat_map(|(code, l)| (Just(code), Just(l), thread(l)))
    ) {
        let chrome = Chrome::of(l);
        let mut text = String::new();
        generate::write_classic_in(&t, &chrome, &mut text);
        let doc = parse(text);
        prop_assert_eq!(doc.posts.len(), 1, "{}", doc.text);
        let post = &doc.posts[0];
        prop_assert_eq!(post.layout, Layout::Classic, "{}", doc.text);
        let written = |g: &Language, c: &Chrome| {
            vec![g.said.contains(&c.said), g.comment_words.contains(&c.comments)]
        };
        prop_assert!(same_words(post.lang, &chrome, written), "{:?} for {}", post.lang, code);
        prop_assert_eq!(flat(&doc, &post.comments), want(&t));
        prop_assert!(post.comments.iter().all(|c| c.replies.is_empty()));
        prop_assert!(notes(&doc).is_empty(), "{:?}", notes(&doc));
    }
}
