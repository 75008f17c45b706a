//! The thread model: a dump parsed into posts, comments and replies.
//!
//! Nodes hold byte spans into the document's one text buffer, never copies,
//! so parsing a large archive allocates little; texts are derived on demand
//! (`Comment::text`, `Post::body_text`). The spans of a post and its parts
//! tile the file: every byte belongs to exactly one leaf span (see
//! [`Document::tiling_errors`]).

use std::ops::Range;

use serde::Serialize;

/// A byte range in [`Document::text`].
pub type Span = Range<usize>;

/// How the comment section of a post was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// Action words (`ReplyDelete`, `Delete`) stand on lines of their own.
    Clean,
    /// Action words are glued to the start of the next comment's first line.
    Flattened,
    /// A Markdown export: avatar images, `[author](profile)[time](link)`
    /// lines, action words as links (`Reply[Delete](url)`).
    Markdown,
    /// Blogger's older template: a line `NAME said...` opens each comment,
    /// a timestamp line closes it; no action words.
    Classic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
}

/// Something odd the grammar met, pinned to a place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub offset: usize,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub severity: Severity,
    pub message: String,
}

/// One blog post and its comment section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    /// Everything this post owns, from its first byte to the next post's first byte.
    pub span: Span,
    /// 1-based line of the post's first line.
    pub line: usize,
    pub layout: Layout,
    /// Leading blank lines, date line, title line and the blank lines after them.
    pub header: Span,
    pub date: Option<Span>,
    pub title: Option<Span>,
    pub body: Span,
    /// The `N comments:` line and the blank lines after it; empty when there is none.
    pub section: Span,
    pub declared: Option<usize>,
    /// The language its section was read in (a code of the words table:
    /// `en`, `es`, ...), from its header or its first action word.
    pub lang: Option<&'static str>,
    pub comments: Vec<Comment>,
    /// Blank lines and page chrome (`Load more...`, `Add comment`) after the last comment.
    pub trailer: Span,
    pub diagnostics: Vec<Diagnostic>,
}

/// A comment or a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Path in the tree: `"3"` for the third comment, `"3.2"` for its second reply.
    pub id: String,
    /// 1-based line where the comment starts.
    pub line: usize,
    /// The whole subtree: `own` followed by every reply's `span`.
    pub span: Span,
    /// The comment's own bytes: number, author line, text, closing action word,
    /// and the blank lines and page chrome after it.
    pub own: Span,
    /// The text region (after the number and author line, before the action word).
    pub content: Span,
    /// Leading spaces stripped from each line of `content`.
    pub indent: usize,
    pub author: Option<Span>,
    pub timestamp: Option<Span>,
    pub removed: bool,
    /// The comment's Blogger id, from its action word's delete link or
    /// permalink, where the dump kept one.
    pub blogger_id: Option<Span>,
    pub replies: Vec<Comment>,
}

/// A parsed dump file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The name the file was opened by, as shown in messages.
    pub name: String,
    /// The decoded text; every span indexes into it.
    pub text: String,
    pub posts: Vec<Post>,
}

impl Document {
    pub fn slice(&self, span: &Span) -> &str {
        &self.text[span.clone()]
    }

    /// Checks that the spans tile the file: posts cover the text in order, each
    /// post's parts cover the post, each comment's own part and replies cover
    /// the comment. Returns one message per gap or overlap.
    pub fn tiling_errors(&self) -> Vec<String> {
        let mut errors = Vec::new();
        let mut at = 0;
        for (i, post) in self.posts.iter().enumerate() {
            let mut parts: Vec<(&str, &Span)> = vec![
                ("post", &post.span),
                ("header", &post.header),
                ("body", &post.body),
                ("section", &post.section),
            ];
            expect_at(&mut errors, &format!("post {}", i + 1), at, &post.span);
            let mut inner = post.span.start;
            for (what, span) in parts.drain(1..) {
                expect_at(&mut errors, &format!("post {} {what}", i + 1), inner, span);
                inner = span.end;
            }
            for comment in &post.comments {
                inner = comment_tiling(&mut errors, comment, inner);
            }
            expect_at(
                &mut errors,
                &format!("post {} trailer", i + 1),
                inner,
                &post.trailer,
            );
            if post.trailer.end != post.span.end {
                errors.push(format!(
                    "post {} ends at {} but its parts end at {}",
                    i + 1,
                    post.span.end,
                    post.trailer.end
                ));
            }
            for inner_span in [&post.date, &post.title].into_iter().flatten() {
                if inner_span.start < post.header.start || inner_span.end > post.header.end {
                    errors.push(format!("post {}: date/title outside its header", i + 1));
                }
            }
            at = post.span.end;
        }
        if at != self.text.len() {
            errors.push(format!(
                "posts end at {at}, the file at {}",
                self.text.len()
            ));
        }
        errors
    }
}

fn expect_at(errors: &mut Vec<String>, what: &str, at: usize, span: &Span) {
    if span.start != at {
        errors.push(format!(
            "{what} starts at {} where the previous part ended at {at}",
            span.start
        ));
    }
    if span.end < span.start {
        errors.push(format!("{what} ends before it starts: {span:?}"));
    }
}

fn comment_tiling(errors: &mut Vec<String>, comment: &Comment, at: usize) -> usize {
    let what = format!("comment #{}", comment.id);
    expect_at(errors, &what, at, &comment.span);
    expect_at(errors, &format!("{what} own part"), at, &comment.own);
    let inside = |s: &Span| s.start >= comment.own.start && s.end <= comment.own.end;
    if !inside(&comment.content) {
        errors.push(format!(
            "{what}: text {:?} outside own {:?}",
            comment.content, comment.own
        ));
    }
    for s in [&comment.author, &comment.timestamp].into_iter().flatten() {
        if !inside(s) {
            errors.push(format!("{what}: author/timestamp outside its own part"));
        }
    }
    let mut end = comment.own.end;
    for reply in &comment.replies {
        end = comment_tiling(errors, reply, end);
    }
    if end != comment.span.end {
        errors.push(format!(
            "{what} span ends at {} but its parts at {end}",
            comment.span.end
        ));
    }
    comment.span.end
}

impl Post {
    pub fn date_text<'a>(&self, doc: &'a Document) -> Option<&'a str> {
        self.date.as_ref().map(|s| doc.slice(s).trim())
    }

    pub fn title_text<'a>(&self, doc: &'a Document) -> Option<&'a str> {
        self.title.as_ref().map(|s| doc.slice(s).trim())
    }

    pub fn body_text(&self, doc: &Document) -> String {
        paragraphs(doc.slice(&self.body), 0)
    }

    /// Adds `by` to every line number: for a post parsed from a piece of a file.
    pub fn shift_lines(&mut self, by: usize) {
        fn comment(c: &mut Comment, by: usize) {
            c.line += by;
            c.replies.iter_mut().for_each(|r| comment(r, by));
        }
        self.line += by;
        self.diagnostics.iter_mut().for_each(|d| d.line += by);
        self.comments.iter_mut().for_each(|c| comment(c, by));
    }

    /// True once the post has reached its comment section (a header or a
    /// comment): a post date line after that starts the next post.
    pub fn has_section(&self) -> bool {
        self.declared.is_some() || !self.comments.is_empty()
    }

    /// Every comment and reply, depth first.
    pub fn count(&self) -> usize {
        self.comments.iter().map(Comment::count).sum()
    }

    pub fn reply_count(&self) -> usize {
        self.count() - self.comments.len()
    }

    /// The comment with path `id` (`"3"`, `"3.2"`).
    pub fn find(&self, id: &str) -> Option<&Comment> {
        let mut level = &self.comments;
        let mut found = None;
        for part in id.split('.') {
            let n: usize = part.parse().ok()?;
            let c = level.get(n.checked_sub(1)?)?;
            level = &c.replies;
            found = Some(c);
        }
        found
    }
}

impl Comment {
    pub fn text(&self, doc: &Document) -> String {
        paragraphs(doc.slice(&self.content), self.indent)
    }

    /// The signature the comment's text ends in, when it has no author
    /// (`dump::signature` gives the rule).
    pub fn signature(&self, doc: &Document) -> Option<String> {
        if self.author.is_some() {
            return None;
        }
        crate::dump::signature::signature(&self.text(doc)).map(str::to_owned)
    }

    pub fn author_text<'a>(&self, doc: &'a Document) -> Option<&'a str> {
        self.author.as_ref().map(|s| doc.slice(s).trim())
    }

    pub fn timestamp_text<'a>(&self, doc: &'a Document) -> Option<&'a str> {
        self.timestamp.as_ref().map(|s| doc.slice(s).trim())
    }

    /// This comment and all its replies.
    pub fn count(&self) -> usize {
        1 + self.replies.iter().map(Comment::count).sum::<usize>()
    }

    pub fn depth(&self) -> usize {
        self.id.matches('.').count()
    }
}

/// Whitespace that the dumps use on otherwise empty lines.
pub fn is_blank_char(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\u{a0}' | '\u{200b}' | '\u{feff}')
}

/// Turns a region of lines into text: lines keep their order, up to `indent`
/// leading spaces are stripped, trailing whitespace and `\r` go, runs of blank
/// lines become one paragraph break, and leading/trailing blank lines are dropped.
pub fn paragraphs(region: &str, indent: usize) -> String {
    let mut out = String::with_capacity(region.len());
    let mut pending_break = false;
    let mut take = |raw: &str| {
        let line = raw.trim_end_matches(is_blank_char);
        if line.is_empty() {
            pending_break = !out.is_empty();
            return;
        }
        let strip = line.bytes().take(indent).take_while(|&b| b == b' ').count();
        if !out.is_empty() {
            out.push_str(if pending_break { "\n\n" } else { "\n" });
        }
        pending_break = false;
        out.push_str(&line[strip..]);
    };
    // Lines end at `\n`, `\r\n` or a lone `\r` (found with SIMD).
    let bytes = region.as_bytes();
    let (mut start, mut crlf) = (0, usize::MAX);
    for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if at == crlf {
            continue;
        }
        take(&region[start..at]);
        start = at + 1;
        if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
            crlf = at + 1;
            start = at + 2;
        }
    }
    take(&region[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_strip_indent_and_join_blank_runs() {
        let region = "first line\n    second\r\n\n   \u{a0}\n      third  \n\n";
        assert_eq!(paragraphs(region, 4), "first line\nsecond\n\n  third");
    }

    #[test]
    fn paragraphs_treat_a_lone_carriage_return_as_a_line_break() {
        assert_eq!(paragraphs("a\rb", 0), "a\nb");
        assert_eq!(paragraphs("a\r\nb\r\n\r\nc", 0), "a\nb\n\nc");
        assert_eq!(paragraphs("a\r\r\nb", 0), "a\n\nb");
        assert_eq!(paragraphs("\r\n\r\n", 0), "");
    }
}
