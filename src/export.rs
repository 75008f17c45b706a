//! Writing threads out: plain text, Markdown and JSON.
//!
//! Text and Markdown keep every word of the dump (authors and timestamps
//! included), show nesting by indentation, optionally wrap at a width (never
//! breaking a word or a URL) and carry no control characters.

use std::borrow::Cow;

use serde::Serialize;

use crate::{
    dump::sanitize::visible,
    dump::thread::{Comment, Document, Post},
    dump::width,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
    /// One JSON object per post, a line each (for `jq` and pipelines).
    Jsonl,
}

/// What to write: a post, or one comment's subtree of it.
#[derive(Debug, Clone, Copy)]
pub struct Selection<'a> {
    pub doc: &'a Document,
    pub post: &'a Post,
    pub comment: Option<&'a Comment>,
}

impl Selection<'_> {
    fn comments(&self) -> &[Comment] {
        match self.comment {
            Some(c) => std::slice::from_ref(c),
            None => &self.post.comments,
        }
    }
}

pub fn render(format: Format, items: &[Selection], width: Option<usize>) -> String {
    match format {
        Format::Text => text(items, width),
        Format::Markdown => markdown(items, width),
        Format::Json => json(items),
        Format::Jsonl => jsonl(items),
    }
}

/// What stands between two posts in `format`, written one by one.
pub fn between(format: Format) -> &'static str {
    match format {
        Format::Text => "\n* * *\n\n",
        Format::Markdown => "\n---\n\n",
        Format::Json => ",\n",
        Format::Jsonl => "",
    }
}

/// One post in `format`, as it stands among others written one by one
/// (`between` them): for JSON, an element of the document's `posts`
/// array, which `json_open` and `json_close` go around. The posts so
/// written make what `render` makes of them all at once.
pub fn render_one(format: Format, item: &Selection, width: Option<usize>) -> String {
    if format != Format::Json {
        return render(format, std::slice::from_ref(item), width);
    }
    let post = serde_json::to_string_pretty(&json_post(item)).unwrap_or_default();
    let mut out = String::with_capacity(post.len() + post.len() / 8);
    for (i, line) in post.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("    ");
        out.push_str(line);
    }
    out
}

/// The JSON document's start, before its first post (`render_one`).
pub const JSON_OPEN: &str = "{\n  \"posts\": [\n";

/// The JSON document's end, after its last post; with none written, the
/// whole document.
pub fn json_close(written: bool) -> &'static str {
    if written {
        "\n  ]\n}\n"
    } else {
        "{\n  \"posts\": []\n}\n"
    }
}

/// One line describing a post, as `check` shows it: title, date, and its
/// `post_facts`.
pub fn post_summary(doc: &Document, post: &Post) -> String {
    let title = post
        .title_text(doc)
        .map_or_else(|| "(no title)".to_owned(), |t| format!("\"{t}\""));
    let date = post.date_text(doc).unwrap_or("(no date)");
    format!("{title} · {date} · {}", post_facts(post))
}

/// What the grammar made of a post: its layout and language, the comments
/// found and declared (`clean, en · 20 comments found (14 top-level, 6
/// replies), 21 declared`).
pub fn post_facts(post: &Post) -> String {
    let layout = match post.layout {
        crate::dump::thread::Layout::Clean => "clean",
        crate::dump::thread::Layout::Flattened => "flattened",
        crate::dump::thread::Layout::Markdown => "markdown",
        crate::dump::thread::Layout::Classic => "classic",
    };
    let declared = match post.declared {
        Some(n) => format!("{n} declared"),
        // `### Comments`: a header that gives no count.
        None if !post.section.is_empty() => "none declared".to_owned(),
        None => "no header".to_owned(),
    };
    let lang = post.lang.map(|l| format!(", {l}")).unwrap_or_default();
    let (count, replies) = (post.count(), post.reply_count());
    format!(
        "{layout}{lang} · {count} comment{} found ({} top-level, {replies} repl{}), {declared}",
        if count == 1 { "" } else { "s" },
        post.comments.len(),
        if replies == 1 { "y" } else { "ies" },
    )
}

/// The line that heads a comment: `#3.2 · author · timestamp`.
pub fn comment_heading(doc: &Document, c: &Comment) -> String {
    let mut head = format!("#{}", c.id);
    for part in [c.author_text(doc), c.timestamp_text(doc)]
        .into_iter()
        .flatten()
    {
        head.push_str(" · ");
        head.push_str(part);
    }
    if c.removed {
        head.push_str(" (removed)");
    }
    head
}

/// The post's `N comments:` line as the dump wrote it, or `Comments:`.
pub fn section_heading<'a>(doc: &'a Document, post: &Post) -> Cow<'a, str> {
    match post.declared {
        Some(_) => {
            let header = doc.slice(&post.section).lines().next().unwrap_or("").trim();
            // A Markdown heading's marks are the page's, not the words'.
            let words =
                crate::dump::grammar::rules::heading_marks(header).map_or(header, |(rest, _)| rest);
            Cow::Borrowed(words)
        }
        None => Cow::Owned(format!("Comments ({} found):", post.count())),
    }
}

/// Appends `text` line by line behind `prefix`, wrapped at `width`.
fn push_block(out: &mut String, text: &str, prefix: &str, width: Option<usize>) {
    for line in text.split('\n') {
        let line = visible(line);
        if line.trim().is_empty() {
            out.push_str(prefix.trim_end());
            out.push('\n');
            continue;
        }
        match width {
            Some(w) => {
                // As the reader wraps, by the width on screen and never
                // inside a grapheme; but a word wider than the line (a
                // URL) stays whole, to be copied.
                let room = w.saturating_sub(width::width(prefix)).max(8);
                for (row, _) in width::wrap_indented(&line, room, width::Long::Keep) {
                    out.push_str(prefix);
                    out.push_str(&row);
                    out.push('\n');
                }
            }
            None => {
                out.push_str(prefix);
                out.push_str(&line);
                out.push('\n');
            }
        }
    }
}

fn post_head(out: &mut String, sel: &Selection, width: Option<usize>, title_mark: &str) {
    let doc = sel.doc;
    let title = sel.post.title_text(doc).map(str::to_owned);
    let title = title.unwrap_or_else(|| {
        format!(
            "{} (untitled post {})",
            crate::dump::sanitize::name(&doc.name),
            sel.post.line
        )
    });
    push_block(out, &format!("{title_mark}{title}"), "", width);
    if let Some(date) = sel.post.date_text(doc) {
        push_block(out, date, "", width);
    }
}

/// Plain text.
pub fn text(items: &[Selection], width: Option<usize>) -> String {
    let mut out = String::new();
    for (i, sel) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(between(Format::Text));
        }
        post_head(&mut out, sel, width, "");
        out.push('\n');
        if sel.comment.is_none() {
            let body = sel.post.body_text(sel.doc);
            if !body.is_empty() {
                push_block(&mut out, &body, "", width);
                out.push('\n');
            }
            push_block(&mut out, &section_heading(sel.doc, sel.post), "", width);
            out.push('\n');
        }
        for c in sel.comments() {
            text_comment(&mut out, sel.doc, c, width);
        }
    }
    out
}

fn text_comment(out: &mut String, doc: &Document, c: &Comment, width: Option<usize>) {
    let indent = "    ".repeat(c.depth());
    push_block(out, &comment_heading(doc, c), &indent, width);
    push_block(out, &c.text(doc), &format!("{indent}  "), width);
    out.push('\n');
    for r in &c.replies {
        text_comment(out, doc, r, width);
    }
}

/// Markdown: the post as a document, comments as headings, replies quoted.
pub fn markdown(items: &[Selection], width: Option<usize>) -> String {
    let mut out = String::new();
    for (i, sel) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(between(Format::Markdown));
        }
        post_head(&mut out, sel, width, "# ");
        out.push('\n');
        if sel.comment.is_none() {
            let body = sel.post.body_text(sel.doc);
            if !body.is_empty() {
                push_block(&mut out, &markdown_escape(&body), "", width);
                out.push('\n');
            }
            push_block(
                &mut out,
                &format!("## {}", section_heading(sel.doc, sel.post)),
                "",
                width,
            );
            out.push('\n');
        }
        for c in sel.comments() {
            markdown_comment(&mut out, sel.doc, c, width);
        }
    }
    out
}

fn markdown_comment(out: &mut String, doc: &Document, c: &Comment, width: Option<usize>) {
    let quote = "> ".repeat(c.depth());
    push_block(
        out,
        &format!("### {}", comment_heading(doc, c)),
        &quote,
        width,
    );
    push_block(out, "", &quote, None);
    push_block(out, &markdown_escape(&c.text(doc)), &quote, width);
    out.push('\n');
    for r in &c.replies {
        markdown_comment(out, doc, r, width);
    }
}

/// Escapes what would turn a line of text into a heading or a quote.
fn markdown_escape(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed.starts_with('#') || trimmed.starts_with('>') {
                let at = line.len() - trimmed.len();
                format!("{}\\{}", &line[..at], trimmed)
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[derive(Serialize)]
struct JsonExport<'a> {
    posts: Vec<JsonPost<'a>>,
}

#[derive(Serialize)]
struct JsonPost<'a> {
    file: &'a str,
    layout: crate::dump::thread::Layout,
    date: Option<&'a str>,
    title: Option<&'a str>,
    declared_comments: Option<usize>,
    /// The language the comment section was read in, or null.
    lang: Option<&'static str>,
    body: String,
    comments: Vec<JsonComment<'a>>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonComment<'a> {
    id: &'a str,
    author: Option<&'a str>,
    /// The signature the text ends in, for a comment with no author.
    signature: Option<String>,
    timestamp: Option<&'a str>,
    removed: bool,
    /// The comment's Blogger id, where the dump kept its links.
    blogger_id: Option<&'a str>,
    text: String,
    replies: Vec<JsonComment<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    line: usize,
    severity: crate::dump::thread::Severity,
    message: &'a str,
}

fn json_comment<'a>(doc: &'a Document, c: &'a Comment) -> JsonComment<'a> {
    let text = c.text(doc);
    JsonComment {
        id: &c.id,
        author: c.author_text(doc),
        signature: c
            .author
            .is_none()
            .then(|| crate::dump::signature::signature(&text).map(str::to_owned))
            .flatten(),
        timestamp: c.timestamp_text(doc),
        removed: c.removed,
        blogger_id: c.blogger_id.as_ref().map(|s| doc.slice(s)),
        text,
        replies: c.replies.iter().map(|r| json_comment(doc, r)).collect(),
    }
}

/// A post (or a comment's subtree of it) in the JSON schema.
fn json_post<'a>(sel: &'a Selection<'a>) -> JsonPost<'a> {
    JsonPost {
        file: &sel.doc.name,
        layout: sel.post.layout,
        date: sel.post.date_text(sel.doc),
        title: sel.post.title_text(sel.doc),
        declared_comments: sel.post.declared,
        lang: sel.post.lang,
        body: sel.post.body_text(sel.doc),
        comments: sel
            .comments()
            .iter()
            .map(|c| json_comment(sel.doc, c))
            .collect(),
        diagnostics: sel
            .post
            .diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                line: d.line,
                severity: d.severity,
                message: &d.message,
            })
            .collect(),
    }
}

/// JSON, in the stable schema the README documents.
pub fn json(items: &[Selection]) -> String {
    let posts = items.iter().map(json_post).collect();
    let mut out = serde_json::to_string_pretty(&JsonExport { posts }).unwrap_or_default();
    out.push('\n');
    out
}

/// One JSON object per post per line, in the schema of `json`'s posts.
pub fn jsonl(items: &[Selection]) -> String {
    let mut out = String::new();
    for sel in items {
        out.push_str(&serde_json::to_string(&json_post(sel)).unwrap_or_default());
        out.push('\n');
    }
    out
}
