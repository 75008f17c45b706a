//! Lines and the cursor that walks them, and the questions the walk asks of
//! a line (blank? a post date? a comments header? an action word?), each
//! answered by a rule in `rules`.

use memchr::memchr;

use super::rules::{self, ActionWord};
use crate::dump::{
    thread::{Diagnostic, Severity, Span},
    words::{Action, Langs, words},
};

/// One line: `start..end` is its content without `\n` or `\r\n`, `next` the
/// start of the line after it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) next: usize,
    pub(super) number: usize,
    pub(super) text: &'a str,
}

pub(super) struct Cursor<'a> {
    pub(super) src: &'a str,
    pub(super) pos: usize,
    pub(super) number: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn peek(&self) -> Option<Line<'a>> {
        self.line_at(self.pos, self.number)
    }

    pub(super) fn after(&self, line: &Line<'a>) -> Option<Line<'a>> {
        self.line_at(line.next, line.number + 1)
    }

    pub(super) fn line_at(&self, pos: usize, number: usize) -> Option<Line<'a>> {
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

    pub(super) fn advance(&mut self, line: &Line<'a>) {
        self.pos = line.next;
        self.number = line.number + 1;
    }

    pub(super) fn skip_blank(&mut self) {
        while let Some(l) = self.peek().filter(is_blank) {
            self.advance(&l);
        }
    }

    pub(super) fn offset_of(&self, part: &str) -> usize {
        part.as_ptr() as usize - self.src.as_ptr() as usize
    }

    pub(super) fn diagnostic(
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

pub(super) fn is_blank(line: &Line) -> bool {
    rules::blank_line(line.text).is_ok()
}

pub(super) fn at_column_zero(line: &Line) -> bool {
    line.text
        .chars()
        .next()
        .is_some_and(|c| !crate::dump::thread::is_blank_char(c))
}

pub(super) fn is_post_date(line: &Line) -> bool {
    is_post_date_line(line.text)
}

/// True for a line (without its line end) that opens a post: a post date at
/// column 0.
pub fn is_post_date_line(text: &str) -> bool {
    // A weekday starts it (a letter: `Tuesday`, `jueves`, `środa`) and a
    // year ends it: most lines are done with before the rule.
    let bytes = text
        .trim_end_matches(crate::dump::thread::is_blank_char)
        .as_bytes();
    text.len() <= 48
        && bytes.last().is_some_and(u8::is_ascii_digit)
        && bytes
            .first()
            .is_some_and(|&b| b.is_ascii_alphabetic() || b >= 0x80)
        && rules::post_date(text).is_ok()
}

/// Where a post's date glued to the end of line `l` starts, when a blank
/// line follows it: the next dump's first line, where dumps were joined
/// end to end and the first did not end its last line (`...Home
/// pagesábado, 14 de mayo de 2016`, `8 giugno 2013 10:40lundi 3 mars
/// 2008`). The date must be glued: after a space it is text.
pub(super) fn glued_date(cur: &Cursor, l: &Line) -> Option<usize> {
    let text = l.text.trim_end_matches(crate::dump::thread::is_blank_char);
    // A year ends it: most lines are done with here.
    if !text.ends_with(|c: char| c.is_ascii_digit()) || !cur.after(l).is_some_and(|n| is_blank(&n))
    {
        return None;
    }
    // A post date is at most 48 bytes (`is_post_date_line`).
    let from = text.len().saturating_sub(48);
    let at = text
        .char_indices()
        .filter(|&(i, c)| i >= from && i > 0 && c.is_alphabetic())
        .map(|(i, _)| i)
        .filter(|&i| !text[..i].ends_with(char::is_whitespace))
        // A weekday starts it: one look in the table before the rule.
        .filter(|&i| words().weekday(&text[i..]).is_some())
        .find(|&i| is_post_date_line(&text[i..]))?;
    Some(cur.offset_of(&text[at..]))
}

/// A comments header: `Some(count)`, the count `None` when it gives none.
pub(super) fn comments_header(line: &Line) -> Option<Option<usize>> {
    if !at_column_zero(line) || line.text.len() > 40 {
        return None;
    }
    // It ends in a colon, or is a Markdown heading: most lines are done
    // with before the rule.
    let text = line
        .text
        .trim_end_matches(crate::dump::thread::is_blank_char);
    if !(text.ends_with(':') || text.starts_with('#')) {
        return None;
    }
    rules::comments_header(line.text).ok().map(|(_, n)| n)
}

/// No line of chrome is longer, in bytes, with its indentation: a longer
/// line is text without a look in the table (the longest in it is 28).
const CHROME_LONGEST: usize = 64;

pub(super) fn is_chrome(line: &Line) -> bool {
    line.text.len() <= CHROME_LONGEST && rules::page_chrome(line.text).is_ok()
}

/// Whether the first non-blank line after `l` opens a comment (a number,
/// an avatar, an author line) or closes one: what tells a section's
/// `### Comments` from a heading in a post's text.
pub(super) fn comment_follows(cur: &Cursor, l: &Line) -> bool {
    let mut next = cur.after(l);
    while let Some(blank) = next.filter(is_blank) {
        next = cur.after(&blank);
    }
    let Some(n) = next else {
        return false;
    };
    let numbered = rules::comment_number(n.text).ok();
    let first = numbered.map_or(n.text, |(rest, _)| rest);
    numbered.is_some()
        || rules::markdown_image(first).is_ok()
        || rules::markdown_author(first).is_ok()
        || rules::author_timestamp(first).is_ok()
        || marker(&n, false).is_some()
        || rules::said_line(first).is_ok()
}

/// Whether line `l` is a classic template's `NAME said...` line whose
/// comment a timestamp line closes within the next 30 lines: what opens a
/// classic section that has no header.
pub(super) fn classic_opens(cur: &Cursor, l: &Line) -> bool {
    let text = l.text.trim_end_matches(crate::dump::thread::is_blank_char);
    if !(text.ends_with('.') || text.ends_with('…')) || rules::said_line(text).is_err() {
        return false;
    }
    let mut next = cur.after(l);
    for _ in 0..30 {
        let Some(n) = next else {
            return false;
        };
        if rules::timestamp(n.text.trim_matches(crate::dump::thread::is_blank_char)).is_ok() {
            return true;
        }
        next = cur.after(&n);
    }
    false
}

/// The chrome glued to the action word line `l` starts with
/// (`ResponderEliminarRespuestas`, `ResponderEliminarAñadir comentario`):
/// its words.
pub(super) fn glued_chrome<'a>(l: &Line<'a>) -> Option<&'a str> {
    let text = l.text.trim_start_matches([' ', '\t']);
    let (_, len, _) = words().action(text)?;
    let rest = text[len..].trim();
    (!rest.is_empty() && rules::page_chrome(rest).is_ok()).then_some(rest)
}

/// `Add comment` or `Load more...`: the page after it is a trailer.
pub(super) fn is_section_end(line: &Line) -> bool {
    line.text.len() <= CHROME_LONGEST && rules::section_end(line.text).is_ok()
}

/// What an action word alone on its line has glued to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Glued {
    Nothing,
    /// Page chrome (`ResponderEliminarRespuestas`).
    Chrome,
}

pub(super) enum Marker {
    /// The action word alone on its line (but for its link), at this
    /// indentation, with the Blogger comment id its link holds, and the
    /// languages it is a word of.
    Alone(ActionWord, usize, Option<Span>, Langs, Glued),
    /// The action word glued to text that starts at this offset.
    Glued(ActionWord, usize, Langs),
}

/// Recognises an action word. Standalone words always count; a glued
/// `ReplyDelete` always counts; a glued `Delete` only once the section is
/// known to be flattened (a line may well start with "Deleted").
pub(super) fn marker(line: &Line, flattened: bool) -> Option<Marker> {
    // Past the blanks the rule allows (spaces and tabs), one look in the
    // words table: most lines are text, and are done with here.
    let text = line.text.trim_start_matches([' ', '\t']);
    let markdown = text.starts_with('[') || text.starts_with("Reply[");
    let found = if markdown {
        None
    } else {
        Some(words().action(text)?)
    };
    let indent = || line.text.len() - line.text.trim_start_matches(' ').len();
    let linked = found.is_none_or(|(_, len, _)| text[len..].trim_start().starts_with('<'));
    if linked && let Ok((_, (word, url))) = rules::action_link(line.text) {
        // Where the text of the line starts in the file (a BOM is not in it).
        let text_start = line.end - line.text.len();
        let id = rules::blogger_id(url).map(|id| {
            let at = text_start + (id.as_ptr() as usize - line.text.as_ptr() as usize);
            at..at + id.len()
        });
        let langs = found.map_or(Langs::ANY, |(_, _, langs)| langs);
        return Some(Marker::Alone(word, indent(), id, langs, Glued::Nothing));
    }
    let (action, len, langs) = found?;
    let word = match action {
        Action::ReplyDelete => ActionWord::ReplyDelete,
        Action::Delete => ActionWord::Delete,
    };
    let rest = &text[len..];
    // Alone, or glued to chrome (`ResponderEliminarRespuestas`, a scrape
    // that lost the line end between them).
    if rules::blank_line(rest).is_ok() {
        return Some(Marker::Alone(word, indent(), None, langs, Glued::Nothing));
    }
    if rest.len() <= CHROME_LONGEST && rules::page_chrome(rest).is_ok() {
        return Some(Marker::Alone(word, indent(), None, langs, Glued::Chrome));
    }
    // A glued `Delete` counts in a flattened section (in another language
    // than English, only before what is no lower-case letter, or before an
    // author line: English "Eliminate" holds Italian's `Elimina`, but
    // `Borrarbo543 de junio de 2011` is `bo54`'s comment), or where the next
    // dump's date is glued to it (`cat` of files without a last line end).
    let starts_word = rest.chars().next().is_some_and(char::is_lowercase);
    let glued_delete = flattened
        && (words().holds(langs, "en") || !starts_word || rules::author_timestamp(rest).is_ok());
    (word == ActionWord::ReplyDelete || glued_delete || is_post_date_line(rest))
        .then(|| Marker::Glued(word, line.end - rest.len(), langs))
}

pub(super) fn trimmed_span(cur: &Cursor, line: &Line) -> Span {
    let t = line.text.trim_matches(crate::dump::thread::is_blank_char);
    let start = cur.offset_of(t);
    start..start + t.len()
}

/// A title: no rule of punctuation (`;;;;;;;;`): it holds a letter, a
/// digit or an emoji (`🎄🎄🎄`).
pub(super) fn could_be_title(line: &Line) -> bool {
    let emoji = |c: char| c >= '\u{1f000}' || ('\u{2600}'..='\u{27bf}').contains(&c);
    line.text.chars().any(|c| c.is_alphanumeric() || emoji(c))
        && comments_header(line).is_none()
        && marker(line, false).is_none()
        && !is_post_date(line)
        && !is_chrome(line)
        && rules::author_timestamp(line.text).is_err()
}

/// The line before, for telling a repeated line: its text (None after a
/// blank line) and whether its run of repeats was said.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Repeat<'a> {
    pub(super) text: Option<&'a str>,
    said: bool,
}

/// A non-blank line equal to the line just before it (a scrape duplicate)
/// stays in the tree, with a note: one for a run of them.
pub(super) fn check_repeat<'a>(
    cur: &Cursor<'a>,
    l: &Line<'a>,
    prev: &mut Repeat<'a>,
    diags: &mut Vec<Diagnostic>,
) {
    let text = l.text.trim_end_matches(crate::dump::thread::is_blank_char);
    if text
        .trim_start_matches(crate::dump::thread::is_blank_char)
        .is_empty()
    {
        *prev = Repeat::default();
        return;
    }
    if prev.text != Some(text) {
        *prev = Repeat {
            text: Some(text),
            said: false,
        };
        return;
    }
    // Lines without letters (numbers in a table, braces of code, rules)
    // repeat as a matter of course (looked at only for a repeat).
    if !prev.said && text.chars().any(char::is_alphabetic) {
        diags.push(cur.diagnostic(
            l,
            l.start,
            Severity::Warning,
            "line repeats the line before it (a duplicate from the scrape?)".into(),
        ));
        prev.said = true;
    }
}
