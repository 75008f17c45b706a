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
    thread::{Comment, Post, paragraphs},
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
    let source = if options.regex {
        pattern.to_owned()
    } else {
        regex::escape(pattern)
    };
    let fold =
        options.ignore_case || options.smart_case && !pattern.chars().any(char::is_uppercase);
    RegexBuilder::new(&source).case_insensitive(fold).build()
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
    mut emit: impl FnMut(Hit) -> Result<(), E>,
) -> Result<(), E> {
    // Each matching line once: (its start, its end), and where its first
    // match is (what places it: a line may hold the end of one comment and
    // the start of the next, `ReplyDelete'Getafix`).
    let bytes = text.as_bytes();
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut firsts: Vec<usize> = Vec::new();
    for m in re.find_iter(text) {
        if lines.last().is_some_and(|l| m.start() <= l.end) {
            continue;
        }
        let start = memchr::memrchr(b'\n', &bytes[..m.start()]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[m.start()..]).map_or(bytes.len(), |i| m.start() + i);
        lines.push(start..end);
        firsts.push(m.start());
    }
    if lines.is_empty() {
        return Ok(());
    }
    // Hits all through the text: every post is parsed anyway, and on all
    // cores; else only the posts that hold one.
    let dense = lines.len() > text.len() / (64 << 10);
    let posts = if dense {
        grammar::posts(text)
    } else {
        let starts: Vec<usize> = lines.iter().map(|l| l.start).collect();
        grammar::posts_at(text, &starts)
    };
    let mut post_at = 0;
    // Line numbers, counted on from the last hit.
    let (mut counted, mut number) = (0, 1);
    for (range, first) in lines.into_iter().zip(firsts) {
        number += memchr::memchr_iter(b'\n', &bytes[counted..range.start]).count();
        counted = range.start;
        // Hits come in order: the post of the last one, or one after it.
        while posts
            .get(post_at)
            .is_some_and(|p| p.span.end <= range.start)
        {
            post_at += 1;
        }
        let Some(post) = posts.get(post_at).filter(|p| p.span.contains(&range.start)) else {
            continue;
        };
        let raw = text[range.clone()].trim_end_matches('\r');
        let shown = visible(raw.trim());
        let matches = re.find_iter(&shown).map(|m| m.range()).collect();
        let (comment, author, signature) = place(text, post, first);
        emit(Hit {
            file: name.to_owned(),
            line: number,
            title: title(text, name, post),
            comment,
            author,
            signature,
            text: shown.into_owned(),
            matches,
        })?;
    }
    Ok(())
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
}
