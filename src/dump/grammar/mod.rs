//! The blog-dump grammar: from a decoded dump to posts and comment trees.
//!
//! [`rules`] holds the line rules (nom parsers). This module walks the lines
//! once, front to back, with [`memchr`] finding line ends, and assembles:
//!
//! ```text
//! dump     = post+
//! post     = header body section?
//! header   = blank* (post_date blank* title? blank*)?      title alone: only when followed by a blank line
//! body     = line*                                        up to comments_header or the first action word
//! section  = (comments_header blank*)? (comment gap)* trailer
//! comment  = first_line line* action_word                 first_line = comment_number? author_timestamp?
//! gap      = (blank | page_chrome)*
//! ```
//!
//! The closing action word gives a comment's level in every layout:
//! `ReplyDelete` closes a top-level comment, `Delete` a reply to the nearest
//! top-level comment before it. See README "The blog-dump format".

pub mod rules;

use memchr::memchr;

use crate::dump::thread::{Comment, Diagnostic, Layout, Post, Severity, Span};
use rules::ActionWord;

/// Parses a whole decoded dump. Never panics; any input gives posts whose
/// spans tile the text.
///
/// Large inputs are cut at post date lines and the pieces parsed on all
/// cores; a piece counts only when the piece before it ended exactly where it
/// starts, so the result is always the one a single front-to-back pass gives.
pub fn parse(text: &str) -> Vec<Post> {
    let cores = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    parse_in_pieces(text, 8 << 20, cores)
}

/// `parse`, with pieces of at least `piece` bytes, at most `cores` of them.
fn parse_in_pieces(text: &str, piece: usize, cores: usize) -> Vec<Post> {
    let pieces = (text.len() / piece.max(1)).clamp(1, cores.max(1));
    let cuts: Vec<usize> = (1..pieces)
        .filter_map(|i| next_post_date(text, text.len() * i / pieces))
        .collect();
    if cuts.is_empty() {
        return parse_from(text, 0, text.len()).posts;
    }
    let ranges: Vec<(usize, usize)> = cuts
        .iter()
        .zip(cuts.iter().skip(1).chain([&text.len()]))
        .map(|(&a, &b)| (a, b))
        .collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = ranges
            .iter()
            .map(|&(from, to)| {
                std::thread::Builder::new().spawn_scoped(scope, move || parse_from(text, from, to))
            })
            .collect();
        let mut done = parse_from(text, 0, cuts[0]);
        for ((from, to), worker) in ranges.into_iter().zip(workers) {
            let piece = worker.ok().and_then(|w| w.join().ok());
            match piece {
                Some(mut piece) if done.end == from => {
                    piece.shift_lines(done.next_line - 1);
                    done.posts.append(&mut piece.posts);
                    done.end = piece.end;
                    done.next_line += piece.next_line - 1;
                }
                _ => {
                    let mut rest = parse_from_line(text, done.end, done.next_line, to);
                    done.posts.append(&mut rest.posts);
                    done.end = rest.end;
                    done.next_line = rest.next_line;
                }
            }
        }
        done.posts
    })
}

/// Posts parsed from one place to (at least) another.
struct Parsed {
    posts: Vec<Post>,
    /// Where the last post ended.
    end: usize,
    /// The number of the line at `end`.
    next_line: usize,
}

impl Parsed {
    fn shift_lines(&mut self, by: usize) {
        self.posts.iter_mut().for_each(|p| p.shift_lines(by));
    }
}

/// Parses posts starting at `from` (counting lines from 1 there) for as long
/// as a post starts before `stop`.
fn parse_from(text: &str, from: usize, stop: usize) -> Parsed {
    parse_from_line(text, from, 1, stop)
}

fn parse_from_line(text: &str, from: usize, number: usize, stop: usize) -> Parsed {
    let mut cur = Cursor {
        src: text,
        pos: from,
        number,
    };
    let mut posts = Vec::new();
    while cur.pos < stop.min(text.len()) {
        let before = cur.pos;
        posts.push(post(&mut cur));
        if cur.pos == before {
            // A post always consumes a line; should one not, the rest of the
            // text becomes its trailer rather than a loop.
            if let Some(p) = posts.last_mut() {
                p.span.end = text.len();
                p.trailer.end = text.len();
            }
            cur.pos = text.len();
        }
    }
    Parsed {
        posts,
        end: cur.pos,
        next_line: cur.number,
    }
}

/// The start of the first post date line at or after `at`.
fn next_post_date(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut pos = memchr(b'\n', bytes.get(at..)?)? + at + 1;
    let cur = Cursor {
        src: text,
        pos: 0,
        number: 1,
    };
    while let Some(line) = cur.line_at(pos, 1) {
        if is_post_date(&line) {
            return Some(pos);
        }
        pos = line.next;
    }
    None
}

/// One line: `start..end` is its content without `\n` or `\r\n`, `next` the
/// start of the line after it.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    start: usize,
    end: usize,
    next: usize,
    number: usize,
    text: &'a str,
}

struct Cursor<'a> {
    src: &'a str,
    pos: usize,
    number: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<Line<'a>> {
        self.line_at(self.pos, self.number)
    }

    fn after(&self, line: &Line<'a>) -> Option<Line<'a>> {
        self.line_at(line.next, line.number + 1)
    }

    fn line_at(&self, pos: usize, number: usize) -> Option<Line<'a>> {
        let bytes = self.src.as_bytes();
        if pos >= bytes.len() {
            return None;
        }
        // Half the lines of a dump are empty: no search for those.
        let found = if bytes[pos] == b'\n' {
            Some(0)
        } else {
            memchr(b'\n', &bytes[pos..])
        };
        let (mut end, next) = match found {
            Some(i) => (pos + i, pos + i + 1),
            None => (bytes.len(), bytes.len()),
        };
        if end > pos && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        let mut text = &self.src[pos..end];
        if pos == 0 {
            text = text.strip_prefix('\u{feff}').unwrap_or(text);
        }
        Some(Line {
            start: pos,
            end,
            next,
            number,
            text,
        })
    }

    fn advance(&mut self, line: &Line<'a>) {
        self.pos = line.next;
        self.number = line.number + 1;
    }

    fn skip_blank(&mut self) {
        while let Some(l) = self.peek().filter(is_blank) {
            self.advance(&l);
        }
    }

    fn offset_of(&self, part: &str) -> usize {
        part.as_ptr() as usize - self.src.as_ptr() as usize
    }

    fn diagnostic(
        &self,
        line: &Line<'a>,
        offset: usize,
        severity: Severity,
        message: String,
    ) -> Diagnostic {
        let offset = offset.clamp(line.start, line.end.max(line.start));
        let column = self
            .src
            .get(line.start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        Diagnostic {
            offset,
            line: line.number,
            column,
            severity,
            message,
        }
    }
}

fn is_blank(line: &Line) -> bool {
    rules::blank_line(line.text).is_ok()
}

fn at_column_zero(line: &Line) -> bool {
    line.text
        .chars()
        .next()
        .is_some_and(|c| !crate::dump::thread::is_blank_char(c))
}

fn is_post_date(line: &Line) -> bool {
    is_post_date_line(line.text)
}

/// True for a line (without its line end) that opens a post: a post date at
/// column 0.
pub fn is_post_date_line(text: &str) -> bool {
    text.len() <= 48
        && text.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
        && rules::post_date(text).is_ok()
}

fn comments_header(line: &Line) -> Option<usize> {
    if !at_column_zero(line) || line.text.len() > 40 {
        return None;
    }
    rules::comments_header(line.text).ok().map(|(_, n)| n)
}

fn is_chrome(line: &Line) -> bool {
    line.text.len() <= 24 && rules::page_chrome(line.text).is_ok()
}

enum Marker {
    /// The action word alone on its line, at this indentation.
    Alone(ActionWord, usize),
    /// The action word glued to text that starts at this offset.
    Glued(ActionWord, usize),
}

/// Recognises an action word. Standalone words always count; a glued
/// `ReplyDelete` always counts; a glued `Delete` only once the section is
/// known to be flattened (a line may well start with "Deleted").
fn marker(line: &Line, flattened: bool) -> Option<Marker> {
    // Most lines are text: look at the first letter before asking the rule.
    let first = line.text.bytes().find(|&b| b != b' ');
    if !matches!(first, Some(b'R' | b'D')) {
        return None;
    }
    let (rest, word) = rules::action_word(line.text).ok()?;
    if rules::blank_line(rest).is_ok() {
        let indent = rules::indentation(line.text).map_or(0, |(_, n)| n);
        return Some(Marker::Alone(word, indent));
    }
    (word == ActionWord::ReplyDelete || flattened)
        .then(|| Marker::Glued(word, line.end - rest.len()))
}

fn trimmed_span(cur: &Cursor, line: &Line) -> Span {
    let t = line.text.trim_matches(crate::dump::thread::is_blank_char);
    let start = cur.offset_of(t);
    start..start + t.len()
}

fn could_be_title(line: &Line) -> bool {
    !is_blank(line)
        && comments_header(line).is_none()
        && marker(line, false).is_none()
        && !is_post_date(line)
        && !is_chrome(line)
        && rules::author_timestamp(line.text).is_err()
}

/// Where the body scan stopped.
enum BodyEnd<'a> {
    Header(Line<'a>, usize),
    FirstAction(Line<'a>),
    EndOfInput,
}

/// What the body scan remembers to place the first comment of a section
/// that has no `N comments:` header.
#[derive(Default)]
struct BodyTrack {
    /// (offset, line) of the last author+timestamp line.
    author: Option<(usize, usize)>,
    /// Start of the last paragraph.
    paragraph: Option<(usize, usize)>,
    /// The last non-blank line.
    last: Option<(usize, usize)>,
    saw_blank: bool,
}

fn post(cur: &mut Cursor) -> Post {
    let start = cur.pos;
    let first_line = cur.number;
    let mut diags = Vec::new();

    let (date, title) = header(cur);
    let header = start..cur.pos;

    let body_start = cur.pos;
    let mut track = BodyTrack::default();
    let mut prev_blank = true;
    let mut prev_text: Option<&str> = None;
    let end = loop {
        let Some(l) = cur.peek() else {
            break BodyEnd::EndOfInput;
        };
        if let Some(n) = comments_header(&l) {
            break BodyEnd::Header(l, n);
        }
        if marker(&l, false).is_some() {
            break BodyEnd::FirstAction(l);
        }
        let blank = is_blank(&l);
        if blank {
            track.saw_blank = true;
        } else {
            if prev_blank {
                track.paragraph = Some((l.start, l.number));
            }
            track.last = Some((l.start, l.number));
            if rules::author_timestamp(l.text).is_ok() {
                track.author = Some((l.start, l.number));
            }
        }
        check_repeat(cur, &l, &mut prev_text, &mut diags);
        prev_blank = blank;
        cur.advance(&l);
    };

    let (body, section_start, declared) = match end {
        BodyEnd::EndOfInput => {
            if let Some(l) = cur.line_at(body_start, first_line) {
                diags.push(cur.diagnostic(
                    &l,
                    body_start,
                    Severity::Info,
                    "no comment section found".into(),
                ));
            }
            let body = body_start..cur.pos;
            return Post {
                span: start..cur.pos,
                line: first_line,
                layout: Layout::Clean,
                header,
                date,
                title,
                body,
                section: cur.pos..cur.pos,
                declared: None,
                comments: Vec::new(),
                trailer: cur.pos..cur.pos,
                diagnostics: diags,
            };
        }
        BodyEnd::Header(l, n) => {
            cur.advance(&l);
            (body_start..l.start, l.start, Some((n, l)))
        }
        BodyEnd::FirstAction(l) => {
            let fallback = if track.saw_blank {
                track.paragraph
            } else {
                track.last
            };
            let (pos, number) = track.author.or(fallback).unwrap_or((l.start, l.number));
            diags.retain(|d| d.offset < pos);
            cur.pos = pos;
            cur.number = number;
            let first = cur.peek().unwrap_or(l);
            diags.push(cur.diagnostic(
                &first,
                pos,
                Severity::Info,
                format!(
                    "no \"N comments:\" header; comments start here, before the first {}",
                    {
                        marker(&l, false).map_or("action word", |m| match m {
                            Marker::Alone(w, _) | Marker::Glued(w, _) => w.as_str(),
                        })
                    }
                ),
            ));
            (body_start..pos, pos, None)
        }
    };

    let section = comment_section(cur, section_start, declared.is_some(), &mut diags);
    if let Some((n, l)) = declared {
        let found = section.comments.iter().map(Comment::count).sum::<usize>();
        if n != found {
            diags.push(cur.diagnostic(
                &l,
                l.start,
                Severity::Warning,
                format!("the header declares {n} comments; {found} found"),
            ));
        }
    }
    diags.sort_by_key(|d| d.offset);
    Post {
        span: start..cur.pos,
        line: first_line,
        layout: section.layout,
        header,
        date,
        title,
        body,
        section: section_start..section.first_comment,
        declared: declared.map(|(n, _)| n),
        comments: section.comments,
        trailer: section.trailer_start..cur.pos,
        diagnostics: diags,
    }
}

/// `header = blank* (post_date blank* title? blank*)?`, or a lone title line
/// followed by a blank line.
fn header(cur: &mut Cursor) -> (Option<Span>, Option<Span>) {
    cur.skip_blank();
    let mut date = None;
    let mut title = None;
    let Some(first) = cur.peek() else {
        return (None, None);
    };
    if is_post_date(&first) {
        date = Some(trimmed_span(cur, &first));
        cur.advance(&first);
        cur.skip_blank();
        if let Some(l) = cur.peek().filter(could_be_title) {
            title = Some(trimmed_span(cur, &l));
            cur.advance(&l);
            cur.skip_blank();
        }
    } else if at_column_zero(&first)
        && first.text.chars().count() <= 120
        && could_be_title(&first)
        && cur.after(&first).is_some_and(|next| is_blank(&next))
    {
        title = Some(trimmed_span(cur, &first));
        cur.advance(&first);
        cur.skip_blank();
    }
    (date, title)
}

/// A non-blank line equal to the line just before it (a scrape duplicate)
/// stays in the tree, with a note.
fn check_repeat<'a>(
    cur: &Cursor<'a>,
    l: &Line<'a>,
    prev: &mut Option<&'a str>,
    diags: &mut Vec<Diagnostic>,
) {
    let text = l.text.trim_end_matches(crate::dump::thread::is_blank_char);
    if text
        .trim_start_matches(crate::dump::thread::is_blank_char)
        .is_empty()
    {
        *prev = None;
        return;
    }
    if *prev == Some(text) {
        diags.push(cur.diagnostic(
            l,
            l.start,
            Severity::Warning,
            "line repeats the line before it (a duplicate from the scrape?)".into(),
        ));
    }
    *prev = Some(text);
}

/// A comment while its lines are read.
struct Open {
    own_start: usize,
    line: usize,
    content: Span,
    indent: usize,
    number: Option<(usize, usize)>,
    author: Option<Span>,
    timestamp: Option<Span>,
    removed: bool,
    seen_text: bool,
    closed_by: Option<ActionWord>,
}

struct Section {
    layout: Layout,
    comments: Vec<Comment>,
    first_comment: usize,
    trailer_start: usize,
}

fn open_comment(
    cur: &Cursor,
    l: &Line,
    own_start: usize,
    text_start: usize,
    numbered: bool,
) -> Open {
    let mut first = &cur.src[text_start.min(l.end)..l.end];
    let mut number = None;
    if numbered && let Ok((rest, found)) = rules::comment_number(first) {
        number = Some(found);
        first = rest;
    }
    let first_indent = rules::indentation(first).map_or(0, |(_, n)| n);
    let mut open = Open {
        own_start,
        line: l.number,
        content: cur.offset_of(first)..cur.offset_of(first),
        indent: number.map_or(first_indent, |(indent, _)| indent + 2),
        number,
        author: None,
        timestamp: None,
        removed: false,
        seen_text: false,
        closed_by: None,
    };
    if let Ok((_, (author, stamp))) = rules::author_timestamp(first) {
        let author = author.trim_end_matches(crate::dump::thread::is_blank_char);
        if !author.trim().is_empty() {
            let at = cur.offset_of(author);
            open.author = Some(at..at + author.len());
        }
        let at = cur.offset_of(stamp);
        open.timestamp = Some(at..at + stamp.len());
        open.content = l.next..l.next;
    } else {
        take_text_line(&mut open, first, l.end);
    }
    open
}

fn take_text_line(open: &mut Open, text: &str, end: usize) {
    if rules::blank_line(text).is_ok() {
        return;
    }
    if !open.seen_text {
        open.seen_text = true;
        open.removed = rules::removed_notice(text).is_ok();
    }
    open.content.end = end;
}

fn comment_section(
    cur: &mut Cursor,
    section_start: usize,
    has_header: bool,
    diags: &mut Vec<Diagnostic>,
) -> Section {
    let _ = section_start;
    let mut closed: Vec<Open> = Vec::new();
    let mut open: Option<Open> = None;
    let mut flattened = false;
    let mut prev_text: Option<&str> = None;
    let mut trailer_start = cur.pos;
    while let Some(l) = cur.peek() {
        if let Some(mut o) = open.take() {
            match marker(&l, flattened) {
                Some(Marker::Alone(word, indent)) => {
                    o.closed_by = Some(word);
                    o.indent = indent;
                    closed.push(o);
                    cur.advance(&l);
                    trailer_start = cur.pos;
                    prev_text = None;
                }
                Some(Marker::Glued(word, at)) => {
                    flattened = true;
                    o.closed_by = Some(word);
                    o.indent = rules::indentation(l.text).map_or(0, |(_, n)| n);
                    closed.push(o);
                    open = Some(open_comment(cur, &l, at, at, false));
                    check_repeat(cur, &l, &mut prev_text, diags);
                    cur.advance(&l);
                }
                None if is_post_date(&l) => {
                    open = Some(o);
                    break;
                }
                None => {
                    check_repeat(cur, &l, &mut prev_text, diags);
                    take_text_line(&mut o, l.text, l.end);
                    open = Some(o);
                    cur.advance(&l);
                }
            }
            continue;
        }
        if is_blank(&l) || is_chrome(&l) {
            cur.advance(&l);
            continue;
        }
        if is_post_date(&l) && (has_header || !closed.is_empty()) {
            break;
        }
        match marker(&l, flattened) {
            Some(Marker::Alone(word, _)) => {
                diags.push(cur.diagnostic(
                    &l,
                    l.start,
                    Severity::Warning,
                    format!("\"{}\" with no comment text before it", word.as_str()),
                ));
                cur.advance(&l);
                trailer_start = cur.pos;
                continue;
            }
            Some(Marker::Glued(word, at)) => {
                diags.push(cur.diagnostic(
                    &l,
                    l.start,
                    Severity::Warning,
                    format!("\"{}\" with no comment text before it", word.as_str()),
                ));
                flattened = true;
                open = Some(open_comment(cur, &l, l.start, at, false));
            }
            None => open = Some(open_comment(cur, &l, l.start, l.start, true)),
        }
        prev_text = None;
        check_repeat(cur, &l, &mut prev_text, diags);
        cur.advance(&l);
    }
    if let Some(o) = open.take() {
        if let Some(l) = cur.line_at(o.own_start, o.line) {
            diags.push(
                cur.diagnostic(
                    &l,
                    o.own_start,
                    Severity::Warning,
                    "comment is not closed by ReplyDelete or Delete; kept as a top-level comment"
                        .into(),
                ),
            );
        }
        closed.push(o);
        trailer_start = cur.pos;
    }
    let first_comment = closed.first().map_or(trailer_start, |o| o.own_start);
    let numbered = closed.iter().any(|o| o.number.is_some());
    let comments = nest(cur, closed, trailer_start, diags);
    // Flattened: action words glued to text, or neither a header nor numbers.
    let layout = if flattened || !(has_header || numbered || comments.is_empty()) {
        Layout::Flattened
    } else {
        Layout::Clean
    };
    Section {
        layout,
        comments,
        first_comment,
        trailer_start,
    }
}

/// Builds the tree: `ReplyDelete` (or no action word) makes a top-level
/// comment, `Delete` a reply to the last top-level comment. Checks numbering.
fn nest(
    cur: &Cursor,
    closed: Vec<Open>,
    trailer_start: usize,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Comment> {
    let ends: Vec<usize> = closed
        .iter()
        .skip(1)
        .map(|o| o.own_start)
        .chain([trailer_start])
        .collect();
    let mut comments: Vec<Comment> = Vec::new();
    for (o, own_end) in closed.into_iter().zip(ends) {
        let mut note = |severity, message: String| {
            if let Some(l) = cur.line_at(o.own_start, o.line) {
                diags.push(cur.diagnostic(&l, o.own_start, severity, message));
            }
        };
        let is_reply = o.closed_by == Some(ActionWord::Delete);
        let top_level = comments.len();
        let parent = if is_reply { comments.last_mut() } else { None };
        if is_reply && parent.is_none() {
            note(
                Severity::Warning,
                "reply (closed by Delete) with no comment before it; kept as a top-level comment"
                    .into(),
            );
        }
        let (id, depth) = match &parent {
            Some(p) => (format!("{}.{}", p.id, p.replies.len() + 1), 1),
            None => ((top_level + 1).to_string(), 0),
        };
        if let Some((indent, n)) = o.number {
            let expected = id.rsplit('.').next().and_then(|s| s.parse::<usize>().ok());
            if expected != Some(n) {
                note(Severity::Info, format!("comment #{id} is numbered {n}"));
            }
            if indent != 2 + 2 * depth {
                let level = if depth == 0 {
                    "top-level comment"
                } else {
                    "reply"
                };
                note(
                    Severity::Warning,
                    format!(
                        "comment #{id} is indented {indent} spaces but its action word makes it a {level}"
                    ),
                );
            }
        }
        if o.content.is_empty() && o.author.is_none() && o.timestamp.is_none() {
            note(Severity::Warning, format!("comment #{id} has no text"));
        }
        let node = Comment {
            id,
            line: o.line,
            span: o.own_start..own_end,
            own: o.own_start..own_end,
            content: o.content.start..o.content.end.max(o.content.start),
            indent: o.indent,
            author: o.author,
            timestamp: o.timestamp,
            removed: o.removed,
            replies: Vec::new(),
        };
        match parent {
            Some(p) => {
                p.span.end = own_end;
                p.replies.push(node);
            }
            None => comments.push(node),
        }
    }
    comments
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LINES: &[&str] = &[
        "",
        "Tuesday 9 January 2024",
        "Title",
        "body text",
        "2 comments:",
        "  1. a comment",
        "    more",
        "    ReplyDelete",
        "    Replies",
        "    1. a reply",
        "      Delete",
        "ReplyDeleteglued",
        "Deleteglued",
        "Load more...",
        "Ofer06 October, 2014 10:09",
    ];

    proptest! {
        #[test]
        fn pieces_give_the_sequential_result(
            lines in prop::collection::vec(prop::sample::select(LINES), 0..200),
            piece in 1usize..400,
            cores in 1usize..6,
        ) {
            let text = lines.join("\n");
            let sequential = parse_from(&text, 0, text.len()).posts;
            prop_assert_eq!(parse_in_pieces(&text, piece, cores), sequential);
        }
    }

    #[test]
    fn a_generated_archive_parses_the_same_in_pieces() {
        let text = crate::dump::generate::big_dump(2 << 20, 7);
        let sequential = parse_from(&text, 0, text.len()).posts;
        assert!(sequential.len() > 10);
        assert_eq!(parse_in_pieces(&text, 64 << 10, 4), sequential);
    }
}
