//! A section's comments made a tree: `ReplyDelete` (or no action word)
//! closes a top-level comment, `Delete` a reply to the last one before it;
//! numbers and indentation that disagree with that are said.

use super::{lines::Cursor, opening::Open, rules::ActionWord};
use crate::dump::thread::{Comment, Diagnostic, Severity};

/// Builds the tree: `ReplyDelete` (or no action word) makes a top-level
/// comment, `Delete` a reply to the last top-level comment. Checks numbering.
pub(super) fn nest(
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
            blogger_id: o.blogger_id,
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
