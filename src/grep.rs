//! `tread grep`: the lines of dumps that match a pattern, each placed in
//! its thread: `file:line: title #id author: text`, or `body`, or `post`
//! for the post's other lines (its title, date, header, trailer).
//!
//! The bytes are searched first, and only the posts that hold a hit are
//! parsed (`grammar::posts_at`): a dump that holds no hit costs a search.

use std::ops::Range;

use regex::{Regex, RegexBuilder};
use serde::Serialize;

use crate::dump::{
    grammar,
    sanitize::visible,
    signature,
    thread::{Comment, Document, Post, paragraphs},
};

/// How the pattern is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// A regular expression, not a literal string.
    pub regex: bool,
    /// Letters match in either case.
    pub ignore_case: bool,
    /// Either case unless the pattern holds a capital (as in less).
    pub smart_case: bool,
}

/// The pattern, ready to search with.
pub fn matcher(pattern: &str, options: Options) -> Result<Regex, regex::Error> {
    let (source, fold) = read_pattern(pattern, options);
    // `^` and `$` at every line, as grep has them (a file is searched in
    // pieces and blocks of whole lines).
    RegexBuilder::new(&source)
        .case_insensitive(fold)
        .multi_line(true)
        .build()
}

/// The same pattern over bytes not yet known to be UTF-8: what a block of
/// a large file is asked first, whether it holds a hit at all.
pub fn bytes_matcher(pattern: &str, options: Options) -> Result<regex::bytes::Regex, regex::Error> {
    let (source, fold) = read_pattern(pattern, options);
    regex::bytes::RegexBuilder::new(&source)
        .case_insensitive(fold)
        .multi_line(true)
        .build()
}

/// The pattern as a regular expression, and whether case is ignored.
fn read_pattern(pattern: &str, options: Options) -> (String, bool) {
    let source = if options.regex {
        pattern.to_owned()
    } else {
        regex::escape(pattern)
    };
    let fold =
        options.ignore_case || options.smart_case && !pattern.chars().any(char::is_uppercase);
    (source, fold)
}

/// One matching line, placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub file: String,
    pub line: usize,
    /// The post's title, or its file's name and first words.
    pub title: String,
    /// The comment's id (`3.2`), or `body`, or `post`.
    pub comment: String,
    pub author: Option<String>,
    /// For a comment with no author, the signature its text ends in.
    pub signature: Option<String>,
    /// The line, without its indentation, control characters made visible.
    pub text: String,
    /// Where the pattern matched in `text` (bytes).
    #[serde(skip)]
    pub matches: Vec<Range<usize>>,
}

/// The lines of `text` (the file `name`) that `re` matches, in order.
pub fn hits(name: &str, text: &str, re: &Regex) -> Vec<Hit> {
    let mut out = Vec::new();
    each_hit(name, text, re, |hit| {
        out.push(hit);
        Ok::<(), ()>(())
    })
    .map(|()| out)
    .unwrap_or_default()
}

/// Gives `emit` each line of `text` (the file `name`) that `re` matches,
/// in order, as it is placed; stops at `emit`'s first error (a closed
/// pipe).
pub fn each_hit<E>(
    name: &str,
    text: &str,
    re: &Regex,
    emit: impl FnMut(Hit) -> Result<(), E>,
) -> Result<(), E> {
    // Each matching line once, with its number and its first match (what
    // places it: a line may hold the end of one comment and the start of
    // the next, `ReplyDelete'Getafix`).
    let found = find_lines(text, re, 0, 1);
    if found.is_empty() {
        return Ok(());
    }
    // Hits all through the text: every post is parsed anyway, and on all
    // cores; else only the posts that hold one.
    let dense = found.len() > text.len() / (64 << 10);
    let posts = if dense {
        grammar::posts(text)
    } else {
        let starts: Vec<usize> = found.iter().map(|f| f.line.start).collect();
        grammar::posts_at(text, &starts)
    };
    emit_placed((name, text, &posts), found, re, emit)
}

/// `each_hit` for a document parsed already (a piece of a file: its lines
/// counted from its first post's).
pub fn each_hit_in<E>(
    doc: &Document,
    re: &Regex,
    emit: impl FnMut(Hit) -> Result<(), E>,
) -> Result<(), E> {
    let first_line = doc.posts.first().map_or(1, |p| p.line);
    let found = find_lines(&doc.text, re, 0, first_line);
    emit_placed((&doc.name, &doc.text, &doc.posts), found, re, emit)
}

/// Each line found, placed in the post of `posts` that holds it.
fn emit_placed<E>(
    (name, text, posts): (&str, &str, &[Post]),
    found: Vec<Found>,
    re: &Regex,
    mut emit: impl FnMut(Hit) -> Result<(), E>,
) -> Result<(), E> {
    let mut post_at = 0;
    for f in found {
        // Hits come in order: the post of the last one, or one after it.
        while posts
            .get(post_at)
            .is_some_and(|p| p.span.end <= f.line.start)
        {
            post_at += 1;
        }
        let Some(post) = posts
            .get(post_at)
            .filter(|p| p.span.contains(&f.line.start))
        else {
            continue;
        };
        emit(make_hit((name, text, post), f.line, f.first, f.number, re))?;
    }
    Ok(())
}

/// The hit on line `range` of `text` (bytes; its first match at `first`),
/// line `number` of the file `name`, in `post`.
fn make_hit(
    (name, text, post): (&str, &str, &Post),
    range: Range<usize>,
    first: usize,
    number: usize,
    re: &Regex,
) -> Hit {
    let raw = text[range].trim_end_matches('\r');
    let shown = visible(raw.trim());
    let matches = re.find_iter(&shown).map(|m| m.range()).collect();
    let (comment, author, signature) = place(text, post, first);
    Hit {
        file: name.to_owned(),
        line: number,
        title: title(text, name, post),
        comment,
        author,
        signature,
        text: shown.into_owned(),
        matches,
    }
}

/// A line that matched, found in a file not held whole: its bytes, where
/// its first match is, its number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub line: Range<usize>,
    pub first: usize,
    pub number: usize,
}

/// The lines of `text` that `re` matches, `text` being the file's bytes
/// from `offset` on, starting line `number`: each once, with its first
/// match.
pub fn find_lines(text: &str, re: &Regex, offset: usize, number: usize) -> Vec<Found> {
    let bytes = text.as_bytes();
    let (mut counted, mut line_no) = (0, number);
    let mut out: Vec<Found> = Vec::new();
    for m in re.find_iter(text) {
        if out.last().is_some_and(|f| offset + m.start() <= f.line.end) {
            continue;
        }
        let start = memchr::memrchr(b'\n', &bytes[..m.start()]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[m.start()..]).map_or(bytes.len(), |i| m.start() + i);
        line_no += memchr::memchr_iter(b'\n', &bytes[counted..start]).count();
        counted = start;
        out.push(Found {
            line: offset + start..offset + end,
            first: offset + m.start(),
            number: line_no,
        });
    }
    out
}

/// The hits of lines found in a file not held whole (`found`, in order),
/// placed by parsing only the text around each: `read(range)` gives the
/// file's bytes there. Gives the line from which the file must be read
/// whole instead, when the text around a hit is not UTF-8. From the last post date line before a hit to the
/// first after it (the window grows until it holds both, or the file's
/// ends), the posts there are parsed; the next hits in them use them too.
pub fn place_found<E>(
    name: &str,
    len: usize,
    found: &[Found],
    re: &Regex,
    mut read: impl FnMut(Range<usize>) -> Option<Vec<u8>>,
    mut emit: impl FnMut(Hit) -> Result<(), E>,
) -> Result<Option<usize>, E> {
    // The window parsed last: where it starts, its text, its posts.
    let mut window: Option<(usize, String, Vec<Post>)> = None;
    for f in found {
        let held = window.as_ref().is_some_and(|(start, text, posts)| {
            f.line.start >= *start
                && f.line.end <= start + text.len()
                && posts
                    .iter()
                    .any(|p| p.span.contains(&(f.line.start - start)))
        });
        if !held {
            window = parse_around(len, f, &mut read);
        }
        // Text around a hit that could not be read as UTF-8: the file is
        // to be read whole from this hit's line on.
        let Some((start, text, posts)) = &window else {
            return Ok(Some(f.number));
        };
        let at = f.line.start - start;
        let Some(post) = posts.iter().find(|p| p.span.contains(&at)) else {
            continue;
        };
        let line = at..f.line.end - start;
        emit(make_hit(
            (name, text, post),
            line,
            f.first - start,
            f.number,
            re,
        ))?;
    }
    Ok(None)
}

/// The posts around hit `f`: (where the text read starts, the text, its
/// posts, spans relative to it).
fn parse_around(
    len: usize,
    f: &Found,
    read: &mut impl FnMut(Range<usize>) -> Option<Vec<u8>>,
) -> Option<(usize, String, Vec<Post>)> {
    let mut reach = 64usize << 10;
    loop {
        let from = f.line.start.saturating_sub(reach);
        let to = (f.line.end + reach).min(len);
        let mut bytes = read(from..to)?;
        // Whole lines only: a partial first line (unless the file's) and
        // a partial last one (unless the file's end) are left out; lines
        // of a file found UTF-8 are UTF-8.
        let mut start = from;
        if from > 0 {
            let cut = memchr::memchr(b'\n', &bytes)? + 1;
            bytes.drain(..cut);
            start += cut;
        }
        if to < len {
            let keep = memchr::memrchr(b'\n', &bytes).map_or(0, |i| i + 1);
            bytes.truncate(keep);
        }
        let text = String::from_utf8(bytes).ok()?;
        let hit = f.line.start.checked_sub(start)?;
        let before = grammar::prev_post_date(&text, 0, f.line.end - start);
        let after = grammar::next_post_date(&text, f.line.end - start);
        let whole = (before.is_some() || from == 0) && (after.is_some() || to == len);
        if whole || reach >= len {
            let begin = before.unwrap_or(0);
            let end = after.unwrap_or(text.len());
            let region = text.get(begin..end)?;
            // Line numbers from the hit's.
            let lines_before =
                memchr::memchr_iter(b'\n', &region.as_bytes()[..hit - begin]).count();
            let mut posts = grammar::posts_at(region, &[hit - begin]);
            for p in &mut posts {
                p.shift_lines((f.number - 1).saturating_sub(lines_before));
            }
            return Some((start + begin, region.to_owned(), posts));
        }
        reach *= 4;
    }
}

/// Where byte `at` of a post is: a comment's id, author and signature, or
/// `body`, or `post`.
fn place(text: &str, post: &Post, at: usize) -> (String, Option<String>, Option<String>) {
    fn find(cs: &[Comment], at: usize) -> Option<&Comment> {
        let c = cs.iter().find(|c| c.span.contains(&at))?;
        if c.own.contains(&at) {
            Some(c)
        } else {
            find(&c.replies, at)
        }
    }
    if let Some(c) = find(&post.comments, at) {
        let author = c
            .author
            .as_ref()
            .map(|s| visible(text[s.clone()].trim()).into_owned());
        let signature = author
            .is_none()
            .then(|| {
                let own = paragraphs(&text[c.content.clone()], c.indent);
                signature::signature(&own).map(|s| visible(s).into_owned())
            })
            .flatten();
        return (c.id.clone(), author, signature);
    }
    let in_body = post.body.contains(&at);
    (if in_body { "body" } else { "post" }.into(), None, None)
}

/// A post's title as grep names it.
fn title(text: &str, name: &str, post: &Post) -> String {
    match &post.title {
        Some(t) => visible(text[t.clone()].trim()).into_owned(),
        None => {
            let file = std::path::Path::new(name)
                .file_name()
                .map_or(name.to_owned(), |f| f.to_string_lossy().into_owned());
            visible(&file).into_owned()
        }
    }
}

/// A hit as a line: `file:line: title #id author: text`, matches marked
/// in colour when `colour`.
pub fn line(hit: &Hit, colour: bool) -> String {
    let place = match (hit.comment.as_str(), &hit.author, &hit.signature) {
        (id @ ("body" | "post"), ..) => id.to_owned(),
        (id, Some(author), _) => format!("#{id} {author}"),
        // Inferred, as the reader marks it.
        (id, None, Some(signature)) => format!("#{id} ~{signature}"),
        (id, None, None) => format!("#{id}"),
    };
    let mut text = String::with_capacity(hit.text.len() + 16);
    let mut at = 0;
    for m in hit.matches.iter().filter(|_| colour) {
        text.push_str(&hit.text[at..m.start]);
        text.push_str("\x1b[1;31m");
        text.push_str(&hit.text[m.clone()]);
        text.push_str("\x1b[0m");
        at = m.end;
    }
    text.push_str(&hit.text[at..]);
    format!("{}:{}: {} {place}: {text}", hit.file, hit.line, hit.title)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DUMP: &str = "Tuesday 9 January 2024\n\nA title\n\nThe body says probation.\n\n2 comments:\n\n  1. Ann9 January 2024 at 10:01\n\n    Probation again.\n\n    ReplyDelete\n    Replies\n    1. A reply on probation\n\n      Delete\n  2. Nothing here.\n\n    ReplyDelete\n";

    #[test]
    fn caret_and_dollar_hold_at_every_line_as_in_grep() {
        let options = Options {
            regex: true,
            ignore_case: false,
            smart_case: false,
        };
        let re = matcher("^b$", options).expect("a pattern");
        assert!(re.is_match("a\nb\nc"));
        let bytes = bytes_matcher("^b$", options).expect("a pattern");
        assert!(bytes.is_match(b"a\nb\nc"));
    }

    #[test]
    fn each_matching_line_is_placed_in_its_thread() {
        let re = matcher(
            "probation",
            Options {
                smart_case: true,
                ..Options::default()
            },
        )
        .expect("a pattern");
        let shown: Vec<String> = hits("d.txt", DUMP, &re)
            .iter()
            .map(|h| line(h, false))
            .collect();
        assert_eq!(
            shown,
            [
                "d.txt:5: A title body: The body says probation.",
                "d.txt:11: A title #1 Ann: Probation again.",
                "d.txt:15: A title #1.1: 1. A reply on probation",
            ]
        );
        let re = matcher(
            "Probation",
            Options {
                smart_case: true,
                ..Options::default()
            },
        )
        .expect("a pattern");
        let found = hits("d.txt", DUMP, &re);
        assert_eq!(found.len(), 1);
        assert_eq!(
            line(&found[0], true),
            "d.txt:11: A title #1 Ann: \u{1b}[1;31mProbation\u{1b}[0m again."
        );
        let re = matcher(
            "no+thing",
            Options {
                regex: true,
                ignore_case: true,
                ..Options::default()
            },
        )
        .expect("a pattern");
        assert_eq!(hits("d.txt", DUMP, &re)[0].comment, "2");
    }

    #[test]
    fn hits_placed_from_the_text_around_them_are_the_hits_of_the_whole() {
        let text = crate::dump::generate::big_dump(3 << 20, 9);
        for word in ["post 1", "post 17", "Napo pay"] {
            let re = matcher(word, Options::default()).expect("a pattern");
            let whole = hits("big.txt", &text, &re);
            let found = find_lines(&text, &re, 0, 1);
            let mut around = Vec::new();
            let read = |r: Range<usize>| text.as_bytes().get(r).map(<[u8]>::to_vec);
            let placed = place_found("big.txt", text.len(), &found, &re, read, |h| {
                around.push(h);
                Ok::<(), ()>(())
            });
            assert_eq!(placed, Ok(None));
            assert!(!whole.is_empty(), "{word}");
            assert_eq!(around, whole, "{word}");
        }
    }
}
