//! A comment while its lines are read, and how each layout opens one: a
//! number and an author line (clean), an avatar or a linked author line
//! (Markdown), a `NAME said...` line (classic), or just its first text.

use super::{
    lines::{Cursor, Line},
    rules::{self, ActionWord},
};
use crate::dump::thread::Span;

/// A comment while its lines are read.
pub(super) struct Open {
    pub(super) own_start: usize,
    pub(super) line: usize,
    pub(super) content: Span,
    pub(super) indent: usize,
    pub(super) number: Option<(usize, usize)>,
    pub(super) author: Option<Span>,
    pub(super) timestamp: Option<Span>,
    pub(super) removed: bool,
    pub(super) seen_text: bool,
    pub(super) closed_by: Option<ActionWord>,
    /// The Blogger comment id the closing action word's link holds.
    pub(super) blogger_id: Option<Span>,
    /// Written as a Markdown export writes comments.
    pub(super) markdown: bool,
    /// Opened by a classic template's `NAME said...` line.
    pub(super) classic: bool,
}

impl Open {
    /// A comment that starts at `own_start` (on line `line`), its text at
    /// `content`; nothing else known yet.
    fn new(own_start: usize, line: usize, content: Span) -> Open {
        Open {
            own_start,
            line,
            content,
            indent: 0,
            number: None,
            author: None,
            timestamp: None,
            removed: false,
            seen_text: false,
            closed_by: None,
            blogger_id: None,
            markdown: false,
            classic: false,
        }
    }
}

pub(super) fn open_comment(
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
    let at = cur.offset_of(first);
    let mut open = Open::new(own_start, l.number, at..at);
    open.indent = number.map_or(first_indent, |(indent, _)| indent + 2);
    open.number = number;
    if rules::markdown_image(first).is_ok() {
        // An avatar: chrome; the author line comes next.
        open.markdown = true;
        open.content = l.next..l.next;
        return open;
    }
    if markdown_author(cur, l, first, &mut open) {
        return open;
    }
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

/// A comment of the classic template, opened by line `l`, a `NAME said...`
/// line (`None` when it is none): its author is the name (an icon's alt
/// text before it stays in the comment's span, out of the author), its
/// text starts on the next line.
pub(super) fn open_classic(cur: &Cursor, l: &Line) -> Option<Open> {
    let (_, (_, name)) = rules::said_line(l.text).ok()?;
    let at = cur.offset_of(name);
    let mut open = Open::new(l.start, l.number, l.next..l.next);
    open.indent = rules::indentation(l.text).map_or(0, |(_, n)| n);
    open.author = Some(at..at + name.len());
    open.classic = true;
    Some(open)
}

/// A Markdown export's author line (`first`, the rest of line `l`): the
/// comment's author, timestamp and Blogger id (from the permalink), its
/// text starting after it. False when `first` is no such line.
pub(super) fn markdown_author(cur: &Cursor, l: &Line, first: &str, open: &mut Open) -> bool {
    let Ok((_, (author, stamp, link))) = rules::markdown_author(first) else {
        return false;
    };
    let span = |s: &str| {
        let at = cur.offset_of(s);
        at..at + s.len()
    };
    open.author = author.map(span);
    open.timestamp = Some(span(stamp));
    open.blogger_id = open
        .blogger_id
        .take()
        .or_else(|| rules::blogger_id(link).map(span));
    open.content = l.next..l.next;
    open.markdown = true;
    true
}

pub(super) fn take_text_line(open: &mut Open, text: &str, end: usize) {
    if rules::blank_line(text).is_ok() {
        return;
    }
    if !open.seen_text {
        open.seen_text = true;
        open.removed = rules::removed_notice(text).is_ok();
    }
    open.content.end = end;
}
