//! One post: its header (date, title), its body, and where its comment
//! section starts.

use super::{
    comments::comment_section,
    lines::{
        Cursor, Line, Marker, Repeat, at_column_zero, check_repeat, classic_opens, comment_follows,
        comments_header, could_be_title, is_blank, is_post_date, marker, trimmed_span,
    },
    rules,
};
use crate::dump::{
    thread::{Comment, Diagnostic, Layout, Post, Severity, Span},
    words::{Langs, words},
};

/// Where the body scan stopped.
pub(super) enum BodyEnd<'a> {
    Header(Line<'a>, Option<usize>),
    FirstAction(Line<'a>),
    /// A classic template's first `NAME said...` line, with no header.
    FirstSaid(Line<'a>),
    EndOfInput,
}

/// What the body scan remembers to place the first comment of a section
/// that has no `N comments:` header.
#[derive(Default)]
pub(super) struct BodyTrack {
    /// (offset, line) of the last author+timestamp line.
    pub(super) author: Option<(usize, usize)>,
    /// Start of the last paragraph.
    pub(super) paragraph: Option<(usize, usize)>,
    /// The last non-blank line.
    pub(super) last: Option<(usize, usize)>,
    pub(super) saw_blank: bool,
}

pub(super) fn post(cur: &mut Cursor) -> Post {
    let start = cur.pos;
    let first_line = cur.number;
    let mut diags = Vec::new();

    let (date, title) = header(cur);
    let header = start..cur.pos;

    let body_start = cur.pos;
    let (end, track) = scan_body(cur, &mut diags);

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
            diags.sort_by_key(|d| d.offset);
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
                lang: None,
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
            let pos = headerless_start(cur, &track, l, &mut diags);
            (body_start..pos, pos, None)
        }
        BodyEnd::FirstSaid(l) => {
            diags.push(cur.diagnostic(
                &l,
                l.start,
                Severity::Info,
                format!(
                    "no \"N comments:\" header; comments start here, at the first \"said...\" line: \"{}\"",
                    l.text.trim()
                ),
            ));
            (body_start..l.start, l.start, None)
        }
    };

    let count = declared.as_ref().and_then(|(n, _)| *n);
    let section = comment_section(cur, declared.is_some(), count, &mut diags);
    if let Some((Some(n), l)) = declared {
        let found = section.comments.iter().map(Comment::count).sum::<usize>();
        if n != found {
            diags.push(cur.diagnostic(
                &l,
                l.start,
                Severity::Warning,
                format!(
                    "the header declares {n} comment{}; {found} found",
                    if n == 1 { "" } else { "s" }
                ),
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
        declared: declared.as_ref().and_then(|(n, _)| *n),
        lang: words().code(
            declared
                .as_ref()
                .and_then(|(_, l)| rules::header_language(l.text))
                .unwrap_or(Langs::ANY)
                .narrow(section.langs),
        ),
        comments: section.comments,
        trailer: section.trailer_start..cur.pos,
        diagnostics: diags,
    }
}

/// Reads the body up to the comments header, the first action word or the
/// end, remembering where a header-less section may start.
fn scan_body<'a>(cur: &mut Cursor<'a>, diags: &mut Vec<Diagnostic>) -> (BodyEnd<'a>, BodyTrack) {
    let mut track = BodyTrack::default();
    let mut prev_blank = true;
    let mut prev_text = Repeat::default();
    let end = loop {
        let Some(l) = cur.peek() else {
            break BodyEnd::EndOfInput;
        };
        // A header without a count (`### Comments`) only where comments
        // follow it: elsewhere it is a heading in the post.
        if let Some(n) = comments_header(&l)
            && (n.is_some() || comment_follows(cur, &l))
        {
            break BodyEnd::Header(l, n);
        }
        if marker(&l, false).is_some() {
            break BodyEnd::FirstAction(l);
        }
        if classic_opens(cur, &l) {
            break BodyEnd::FirstSaid(l);
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
        check_repeat(cur, &l, &mut prev_text, diags);
        prev_blank = blank;
        cur.advance(&l);
    };
    (end, track)
}

/// A section with no `N comments:` header starts at the last author line
/// before the first action word `l`, else at the last paragraph (or line):
/// moves the cursor there, says so, and gives the offset.
fn headerless_start(
    cur: &mut Cursor,
    track: &BodyTrack,
    l: Line,
    diags: &mut Vec<Diagnostic>,
) -> usize {
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
    // The word as the page writes it (`ResponderEliminar`), else its role.
    let text = l.text.trim_start_matches([' ', '\t']);
    let word = match words().action(text) {
        Some((_, len, _)) => &text[..len],
        None => marker(&l, false).map_or("action word", |m| match m {
            Marker::Alone(w, ..) | Marker::Glued(w, ..) => w.as_str(),
        }),
    };
    diags.push(cur.diagnostic(
        &first,
        pos,
        Severity::Info,
        format!("no \"N comments:\" header; comments start here, before the first {word}"),
    ));
    pos
}

/// `header = blank* (post_date blank* title? blank*)?`, or a lone title line
/// followed by a blank line.
pub(super) fn header(cur: &mut Cursor) -> (Option<Span>, Option<Span>) {
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
            title = Some(title_span(cur, &l));
            cur.advance(&l);
            cur.skip_blank();
        }
    } else if at_column_zero(&first)
        && first.text.chars().count() <= 120
        && could_be_title(&first)
        && cur.after(&first).is_some_and(|next| is_blank(&next))
    {
        title = Some(title_span(cur, &first));
        cur.advance(&first);
        cur.skip_blank();
    }
    (date, title)
}

/// A title line's span: trimmed, and without Markdown heading marks
/// (`# Walking the Downs`), which stay in the header's span.
fn title_span(cur: &Cursor, l: &Line) -> Span {
    let span = trimmed_span(cur, l);
    let text = &cur.src[span.clone()];
    match rules::heading_marks(text) {
        Ok((rest, _)) if !rest.trim().is_empty() => span.end - rest.len()..span.end,
        _ => span,
    }
}
