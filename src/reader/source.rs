//! The source view (`v`): the raw lines of a node, the post or a comment
//! with its replies, as the file has them, with a few lines of context
//! around; what the grammar read as text (authors, timestamps, titles,
//! comment and body text) apart from what it consumed (numbers, action
//! words, chrome, links), so every structural call can be checked against
//! its proof. Plain data: built from the document, moved by `panels`,
//! drawn by `view::source`.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::{
    dump::thread::{Comment, Document, Post},
    dump::width,
    reader::display::display,
};

/// Lines of context shown before and after the node.
const CONTEXT: usize = 3;

/// What a piece of a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// Outside the node: context.
    Context,
    /// The node's text: what the reader shows.
    Text,
    /// The node's, but read as structure: numbers, action words, chrome.
    Consumed,
}

/// One screen row of a source line: its pieces, as drawn.
pub type Row = Vec<(Piece, String)>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The lines shown, as byte ranges of the document without line ends.
    pub lines: Vec<Range<usize>>,
    /// The 1-based number of the first of them.
    pub first: usize,
    /// The node's bytes.
    pub node: Range<usize>,
    /// Bytes the grammar read as text, in order.
    pub text: Vec<Range<usize>>,
    /// The line the cursor is on, and the first line on screen (indices
    /// into `lines`).
    pub cursor: usize,
    pub top: usize,
}

impl Source {
    /// The source of `node` (bytes of `post` in document `doc`), with the
    /// cursor on its first line, or on line `at` (1-based) when given.
    pub fn new(doc: &Document, post: &Post, node: Range<usize>, at: Option<usize>) -> Source {
        let text = doc.text.as_bytes();
        let node = node.start.min(text.len())..node.end.min(text.len());
        // From the start of the node's first line, back over the context.
        let mut start = line_start(text, node.start);
        // Lines are the file's: counted from the post's first line (a post
        // read alone is the whole of its text).
        let post_start = post.span.start.min(start);
        let mut first = post.line + memchr::memchr_iter(b'\n', &text[post_start..start]).count();
        for _ in 0..CONTEXT {
            if start == 0 {
                break;
            }
            start = line_start(text, start - 1);
            first = first.saturating_sub(1).max(1);
        }
        // To the end of the node's last line, and on over the context.
        let last = node.end.saturating_sub(1).max(node.start);
        let mut end = line_end(text, last);
        for _ in 0..CONTEXT {
            if end >= text.len() {
                break;
            }
            end = line_end(text, end + 1);
        }
        let mut lines = Vec::new();
        let mut at_byte = start;
        while at_byte < end.min(text.len()) || lines.is_empty() {
            let stop = line_end(text, at_byte);
            let content = if stop > at_byte && text[stop - 1] == b'\r' {
                at_byte..stop - 1
            } else {
                at_byte..stop
            };
            lines.push(content);
            if stop >= text.len() {
                break;
            }
            at_byte = stop + 1;
        }
        let node_first = lines.iter().position(|l| l.end >= node.start).unwrap_or(0);
        let cursor = at
            .and_then(|n| n.checked_sub(first))
            .filter(|&i| i < lines.len())
            .unwrap_or(node_first);
        let region = start..end;
        let mut spans = read_as_text(post)
            .into_iter()
            .filter(|r| r.start < region.end && region.start < r.end && !r.is_empty())
            .collect::<Vec<_>>();
        spans.sort_by_key(|r| r.start);
        Source {
            lines,
            first,
            node,
            text: spans,
            cursor,
            top: cursor.saturating_sub(CONTEXT),
        }
    }

    /// The pieces of line `i`, as byte ranges of the document.
    pub fn pieces(&self, i: usize) -> Vec<(Piece, Range<usize>)> {
        let Some(line) = self.lines.get(i) else {
            return Vec::new();
        };
        // The text spans on this line (they are in order and apart).
        let from = self.text.partition_point(|t| t.end <= line.start);
        let on_line: Vec<&Range<usize>> = self.text[from..]
            .iter()
            .take_while(|t| t.start < line.end)
            .collect();
        let mut cuts = vec![line.start, line.end];
        let bounds = [self.node.start, self.node.end]
            .into_iter()
            .chain(on_line.iter().flat_map(|t| [t.start, t.end]));
        cuts.extend(bounds.filter(|b| line.contains(b)));
        cuts.sort_unstable();
        cuts.dedup();
        let mut out: Vec<(Piece, Range<usize>)> = Vec::new();
        for w in cuts.windows(2) {
            let r = w[0]..w[1];
            let piece = if !self.node.contains(&r.start) {
                Piece::Context
            } else if on_line.iter().any(|t| t.contains(&r.start)) {
                Piece::Text
            } else {
                Piece::Consumed
            };
            match out.last_mut() {
                Some((p, last)) if *p == piece && last.end == r.start => last.end = r.end,
                _ => out.push((piece, r)),
            }
        }
        out
    }

    /// Line `i` as rows of at most `width` columns: whole graphemes, cut
    /// where the width runs out (a source line is not reflowed), control
    /// characters as placeholders. At least one row.
    pub fn rows(&self, doc: &Document, i: usize, width: usize) -> Vec<Row> {
        let width = width.max(1);
        let mut rows: Vec<Row> = vec![Vec::new()];
        let mut used = 0;
        for (piece, range) in self.pieces(i) {
            let shown = display(doc.text.get(range).unwrap_or(""));
            for g in shown.graphemes(true) {
                let w = width::width(g);
                if used + w > width && used > 0 {
                    rows.push(Vec::new());
                    used = 0;
                }
                let row = rows.last_mut().expect("a row");
                match row.last_mut() {
                    Some((p, s)) if *p == piece => s.push_str(g),
                    _ => row.push((piece, g.to_owned())),
                }
                used += w;
            }
        }
        rows
    }

    /// Whether line `i` holds any of the node.
    pub fn in_node(&self, i: usize) -> bool {
        self.lines
            .get(i)
            .is_some_and(|l| l.start < self.node.end && self.node.start <= l.end)
    }

    /// Moves the cursor to line `to` (within the lines) and scrolls as
    /// little as shows it in `height` rows of `width` columns: only the
    /// lines between the top and the cursor are measured.
    pub fn go(&mut self, doc: &Document, to: usize, width: usize, height: usize) {
        self.cursor = to.min(self.lines.len().saturating_sub(1));
        if self.cursor < self.top {
            self.top = self.cursor;
            return;
        }
        // Up from the cursor, as many lines as fit above it.
        let mut used = 0;
        let mut first = self.cursor;
        loop {
            used += self.rows(doc, first, width).len();
            if used > height.max(1) && first < self.cursor {
                first += 1;
                break;
            }
            if first == self.top || first == 0 {
                break;
            }
            first -= 1;
        }
        self.top = self.top.max(first);
    }

    /// A screen down (or up): the line after the last one on screen comes
    /// to the top (the first one to the bottom), the cursor on it.
    pub fn page(&mut self, doc: &Document, down: bool, width: usize, height: usize) {
        let last = self.lines.len().saturating_sub(1);
        let mut used = 0;
        if down {
            let mut i = self.top;
            while i <= last && used + self.rows(doc, i, width).len() <= height.max(1) {
                used += self.rows(doc, i, width).len();
                i += 1;
            }
            self.top = i.min(last).max(self.top + 1).min(last);
            self.cursor = self.top;
        } else {
            let mut i = self.top;
            while i > 0 && used + self.rows(doc, i - 1, width).len() <= height.max(1) {
                used += self.rows(doc, i - 1, width).len();
                i -= 1;
            }
            self.top = i.min(self.top.saturating_sub(1));
            self.cursor = self.top;
        }
    }
}

/// Where the line holding byte `at` starts.
fn line_start(text: &[u8], at: usize) -> usize {
    memchr::memrchr(b'\n', &text[..at.min(text.len())]).map_or(0, |i| i + 1)
}

/// Where the line holding byte `at` ends (its `\n`, or the end).
fn line_end(text: &[u8], at: usize) -> usize {
    let at = at.min(text.len());
    memchr::memchr(b'\n', &text[at..]).map_or(text.len(), |i| at + i)
}

/// What the grammar read as text in `post`: its date, title and body, and
/// every comment's author, timestamp and text.
fn read_as_text(post: &Post) -> Vec<Range<usize>> {
    fn walk(c: &Comment, out: &mut Vec<Range<usize>>) {
        out.extend(c.author.iter().chain(&c.timestamp).cloned());
        out.push(c.content.clone());
        for r in &c.replies {
            walk(r, out);
        }
    }
    let mut out: Vec<Range<usize>> = post.date.iter().chain(&post.title).cloned().collect();
    out.push(post.body.clone());
    for c in &post.comments {
        walk(c, &mut out);
    }
    out
}
