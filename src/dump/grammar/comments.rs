//! A comment section: comments opened at their first line, closed by their
//! action word, and nested by it (`ReplyDelete` closes a top-level comment,
//! `Delete` a reply).

use super::{
    lines::{
        Cursor, Glued, Line, Marker, Repeat, check_repeat, glued_chrome, glued_date, is_blank,
        is_chrome, is_post_date, is_post_date_line, is_section_end, marker,
    },
    nest::nest,
    opening::{Open, markdown_author, open_classic, open_comment, take_text_line},
    rules::{self, ActionWord},
};
use crate::dump::{
    thread::{Comment, Diagnostic, Layout, Severity},
    words::Langs,
};

pub(super) struct Section {
    pub(super) layout: Layout,
    /// The languages its words (action words, chrome, `said...`) agree on.
    pub(super) langs: Langs,
    pub(super) comments: Vec<Comment>,
    pub(super) first_comment: usize,
    pub(super) trailer_start: usize,
}

/// The comments from the cursor on. `has_header`: the section has one;
/// `declared`: the count it gives.
pub(super) fn comment_section(
    cur: &mut Cursor,
    has_header: bool,
    declared: Option<usize>,
    diags: &mut Vec<Diagnostic>,
) -> Section {
    let mut walk = Walk {
        declared,
        closed: Vec::new(),
        open: None,
        flattened: false,
        prev_text: Repeat::default(),
        trailer_start: cur.pos,
        ended: None,
        after_blank: false,
        trailer_noted: false,
        langs: Langs::ANY,
    };
    while let Some(l) = cur.peek() {
        let go_on = match walk.open.take() {
            Some(o) => walk.inside(cur, &l, o, diags),
            None => walk.between(cur, &l, has_header, diags),
        };
        if !go_on {
            break;
        }
        walk.after_blank = is_blank(&l);
    }
    walk.finish(cur, has_header, diags)
}

/// The walk through a section: the comments closed so far, the one open,
/// whether the section has shown itself flattened.
struct Walk<'a> {
    /// The count the section's header gives.
    declared: Option<usize>,
    closed: Vec<Open>,
    open: Option<Open>,
    flattened: bool,
    prev_text: Repeat<'a>,
    trailer_start: usize,
    /// Past `Add comment`, `Load more...` or the form (this line): the
    /// rest is the page's trailer.
    ended: Option<&'a str>,
    /// The line before was blank.
    after_blank: bool,
    /// An action word in the trailer was said.
    trailer_noted: bool,
    /// The languages the section's words agree on.
    langs: Langs,
}

impl<'a> Walk<'a> {
    /// Line `l` while comment `o` is open: its closing action word, or
    /// more of its text; false at the next post.
    fn inside(
        &mut self,
        cur: &mut Cursor<'a>,
        l: &Line<'a>,
        mut o: Open,
        diags: &mut Vec<Diagnostic>,
    ) -> bool {
        if o.classic {
            match self.classic_line(cur, l, o, diags) {
                None => return true,
                Some(back) => o = back,
            }
        }
        // Dumps joined end to end: the next post's date glued to a classic
        // comment's last line (its timestamp, or its text). In the other
        // layouts the action word closes the last comment, and the date is
        // glued to it (`glued_post`), or to the trailer (`between`): a line
        // of text is not looked at twice.
        if o.classic
            && let Some(at) = glued_date(cur, l)
        {
            let before = cur.src[l.start..at].trim_matches(crate::dump::thread::is_blank_char);
            if rules::timestamp(before).is_ok() {
                let start = cur.offset_of(before);
                o.timestamp = Some(start..start + before.len());
            } else {
                take_text_line(&mut o, &cur.src[l.start..at], at);
            }
            self.closed.push(o);
            self.trailer_start = at;
            cur.pos = at;
            return false;
        }
        match marker(l, self.flattened) {
            Some(Marker::Alone(word, indent, id, langs, glued)) => {
                self.langs = self.langs.narrow(langs);
                if glued == Glued::Chrome
                    && let Some(chrome) = glued_chrome(l)
                {
                    // A scrape that lost the line end after the action
                    // word: flattened.
                    self.flattened = true;
                    if rules::section_end(chrome).is_ok() {
                        self.ended = self.ended.or(Some(chrome));
                    }
                }
                o.closed_by = Some(word);
                o.indent = indent;
                o.blogger_id = id.or(o.blogger_id);
                self.closed.push(o);
                cur.advance(l);
                self.trailer_start = cur.pos;
                self.prev_text = Repeat::default();
            }
            Some(Marker::Glued(word, at, langs))
                if glued_post(cur, l, at) || self.all_declared(&o, cur, l, at, diags) =>
            {
                self.langs = self.langs.narrow(langs);
                // Dumps joined end to end (`cat a.txt b.txt`, files without
                // a last line end): the action word closes the last comment
                // and the date glued to it starts the next post.
                o.closed_by = Some(word);
                o.indent = rules::indentation(l.text).map_or(0, |(_, n)| n);
                self.closed.push(o);
                self.trailer_start = at;
                cur.pos = at;
                return false;
            }
            Some(Marker::Glued(word, at, langs)) => {
                self.langs = self.langs.narrow(langs);
                self.flattened = true;
                if word == ActionWord::ReplyDelete
                    && mid_sentence(self.prev_text.text, &cur.src[at..l.end])
                {
                    diags.push(
                        cur.diagnostic(
                            l,
                            l.start,
                            Severity::Info,
                            "ReplyDelete inside a sentence: maybe a link, not a comment boundary"
                                .into(),
                        ),
                    );
                }
                o.closed_by = Some(word);
                o.indent = rules::indentation(l.text).map_or(0, |(_, n)| n);
                self.closed.push(o);
                self.open = Some(open_comment(cur, l, at, at, false));
                check_repeat(cur, l, &mut self.prev_text, diags);
                cur.advance(l);
            }
            None if is_post_date(l) => {
                self.open = Some(o);
                return false;
            }
            // Flattened: a removed comment's notice that starts a paragraph
            // starts that comment (its action word was lost with the link).
            None if self.flattened
                && o.seen_text
                && self.after_blank
                && rules::removed_notice(l.text).is_ok() =>
            {
                self.closed.push(o);
                diags.push(cur.diagnostic(
                    l,
                    l.start,
                    Severity::Info,
                    "a removed comment's notice starts a comment here".into(),
                ));
                self.open = Some(open_comment(cur, l, l.start, l.start, false));
                self.prev_text = Repeat::default();
                check_repeat(cur, l, &mut self.prev_text, diags);
                cur.advance(l);
            }
            None => {
                check_repeat(cur, l, &mut self.prev_text, diags);
                let author_line = !o.seen_text
                    && o.timestamp.is_none()
                    && markdown_author(cur, l, l.text, &mut o);
                if !author_line {
                    take_text_line(&mut o, l.text, l.end);
                }
                self.open = Some(o);
                cur.advance(l);
            }
        }
        true
    }

    /// Line `l` between comments: a gap, a stray action word, or the first
    /// line of the next comment; false at the next post.
    fn between(
        &mut self,
        cur: &mut Cursor<'a>,
        l: &Line<'a>,
        has_header: bool,
        diags: &mut Vec<Diagnostic>,
    ) -> bool {
        if is_post_date(l) && (self.ended.is_some() || has_header || !self.closed.is_empty()) {
            return false;
        }
        if self.ended.is_some()
            && let Some(at) = glued_date(cur, l)
        {
            // Dumps joined end to end: the next post's date glued to the
            // last line of this page's trailer (`...Home pagesábado, 14 de
            // mayo de 2016`).
            cur.pos = at;
            return false;
        }
        if let Some(end) = self.ended
            && !self.trailer_noted
            && marker(l, self.flattened).is_some()
        {
            // Comments after the section's end: said, once, for the
            // evidence; they stay in the trailer.
            self.trailer_noted = true;
            diags.push(cur.diagnostic(
                l,
                l.start,
                Severity::Warning,
                format!("an action word after {end:?}, the comment section's end: read as the page's trailer"),
            ));
        }
        let chrome = self.ended.is_none() && !is_blank(l) && is_chrome(l);
        if chrome {
            let langs = rules::chrome_language(l.text).unwrap_or(Langs::ANY);
            self.langs = self.langs.narrow(langs);
        }
        if self.ended.is_some() || chrome || is_blank(l) {
            // The page after the section (navigation, feeds, labels) is
            // no comment.
            if self.ended.is_none() && is_section_end(l) {
                self.ended = Some(l.text.trim());
            }
            cur.advance(l);
            return true;
        }
        if let Some(o) = (!self.flattened).then(|| open_classic(cur, l)).flatten() {
            self.heard_said(l);
            self.open = Some(o);
            self.prev_text = Repeat::default();
            cur.advance(l);
            return true;
        }
        let stray = |word: ActionWord| {
            cur.diagnostic(
                l,
                l.start,
                Severity::Warning,
                format!("\"{}\" with no comment text before it", word.as_str()),
            )
        };
        match marker(l, self.flattened) {
            Some(Marker::Alone(word, _, _, langs, _)) => {
                self.langs = self.langs.narrow(langs);
                diags.push(stray(word));
                cur.advance(l);
                self.trailer_start = cur.pos;
                return true;
            }
            Some(Marker::Glued(word, at, langs)) => {
                self.langs = self.langs.narrow(langs);
                diags.push(stray(word));
                self.flattened = true;
                self.open = Some(open_comment(cur, l, l.start, at, false));
            }
            None => self.open = Some(open_comment(cur, l, l.start, l.start, true)),
        }
        self.prev_text = Repeat::default();
        check_repeat(cur, l, &mut self.prev_text, diags);
        cur.advance(l);
        true
    }

    /// Line `l` in a classic comment `o`: a timestamp line closes it, and so
    /// do the section's end and a `NAME said...` line after a blank line
    /// (which opens the next). Gives `o` back for any other line.
    fn classic_line(
        &mut self,
        cur: &mut Cursor<'a>,
        l: &Line<'a>,
        mut o: Open,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Open> {
        let text = l.text.trim_matches(crate::dump::thread::is_blank_char);
        if !o.seen_text && !text.is_empty() {
            // The text is indented under the `said...` line: as its first
            // line is.
            o.indent = rules::indentation(l.text).map_or(0, |(_, n)| n);
        }
        let last = text.as_bytes().last().copied().unwrap_or(b' ');
        // A clock ends a timestamp, `...` or `…` a said line, and the
        // table's words the section: most lines are done with here.
        if !(last.is_ascii_alphanumeric() || last == b'.' || text.ends_with('…')) {
            return Some(o);
        }
        if rules::timestamp(text).is_ok() {
            let at = cur.offset_of(text);
            o.timestamp = Some(at..at + text.len());
            self.closed.push(o);
            cur.advance(l);
            self.trailer_start = cur.pos;
            self.prev_text = Repeat::default();
            return None;
        }
        if is_section_end(l) {
            let langs = rules::chrome_language(l.text).unwrap_or(Langs::ANY);
            self.langs = self.langs.narrow(langs);
            self.close_classic(cur, o, diags);
            self.ended = Some(l.text.trim());
            self.trailer_start = l.start;
            cur.advance(l);
            return None;
        }
        // After a blank line, the next comment's `said...` line; not on a
        // comment's first line (a quote of one), nor indented deeper than
        // this comment's own.
        let said_indent = rules::indentation(&cur.src[o.own_start..]).map_or(0, |(_, n)| n);
        let indent = rules::indentation(l.text).map_or(0, |(_, n)| n);
        if self.after_blank
            && o.seen_text
            && indent <= said_indent
            && let Some(next) = open_classic(cur, l)
        {
            self.heard_said(l);
            self.close_classic(cur, o, diags);
            self.trailer_start = l.start;
            self.open = Some(next);
            self.prev_text = Repeat::default();
            cur.advance(l);
            return None;
        }
        Some(o)
    }

    /// Closes classic comment `o` at another's `said...` line or at the
    /// section's end: without its timestamp line, said.
    fn close_classic(&mut self, cur: &Cursor, o: Open, diags: &mut Vec<Diagnostic>) {
        if o.timestamp.is_none()
            && let Some(l) = cur.line_at(o.own_start, o.line)
        {
            diags.push(cur.diagnostic(
                &l,
                o.own_start,
                Severity::Warning,
                "comment has no timestamp line to close it".into(),
            ));
        }
        self.closed.push(o);
    }

    /// A `said...` line's languages, heard.
    fn heard_said(&mut self, l: &Line) {
        let langs = rules::said_language(l.text).unwrap_or(Langs::ANY);
        self.langs = self.langs.narrow(langs);
    }

    /// The section once its lines are read: an unclosed last comment kept
    /// (with a warning), the tree built, the layout told.
    fn finish(mut self, cur: &Cursor, has_header: bool, diags: &mut Vec<Diagnostic>) -> Section {
        if let Some(o) = self.open.take() {
            let message = if o.classic {
                "comment has no timestamp line to close it; kept as it is"
            } else {
                "comment is not closed by ReplyDelete or Delete; kept as a top-level comment"
            };
            if let Some(l) = cur.line_at(o.own_start, o.line) {
                diags.push(cur.diagnostic(&l, o.own_start, Severity::Warning, message.into()));
            }
            self.closed.push(o);
            self.trailer_start = cur.pos;
        }
        let trailer_start = self.trailer_start;
        let first_comment = self.closed.first().map_or(trailer_start, |o| o.own_start);
        let numbered = self.closed.iter().any(|o| o.number.is_some());
        let markdown = self.closed.iter().any(|o| o.markdown);
        let classic = self.closed.iter().any(|o| o.classic);
        let comments = nest(cur, self.closed, trailer_start, diags);
        // Flattened: action words glued to text, or neither a header nor numbers.
        let layout = if markdown {
            Layout::Markdown
        } else if classic && !self.flattened {
            Layout::Classic
        } else if self.flattened || !(has_header || numbered || comments.is_empty()) {
            Layout::Flattened
        } else {
            Layout::Clean
        };
        Section {
            layout,
            langs: self.langs,
            comments,
            first_comment,
            trailer_start,
        }
    }
}

impl Walk<'_> {
    /// Whether comment `o`, closed by an action word glued to text on line
    /// `l`, is the last the header declares, in a clean numbered section:
    /// then the text glued (from `at`) starts the next post, a dump joined
    /// end to end whose first line is no date (said in a note).
    fn all_declared(
        &self,
        o: &Open,
        cur: &Cursor,
        l: &Line,
        at: usize,
        diags: &mut Vec<Diagnostic>,
    ) -> bool {
        let all =
            !self.flattened && o.number.is_some() && self.declared == Some(self.closed.len() + 1);
        if all {
            diags.push(cur.diagnostic(
                l,
                at,
                Severity::Info,
                "all the comments the header declares are here: the text glued to this action word starts the next post"
                    .into(),
            ));
        }
        all
    }
}

/// Whether what is glued to an action word on line `l` (from `at`) is a
/// post's date with a blank line after it: the next dump's first line.
fn glued_post(cur: &Cursor, l: &Line, at: usize) -> bool {
    is_post_date_line(&cur.src[at..l.end]) && cur.after(l).is_some_and(|next| is_blank(&next))
}

/// A glued `ReplyDelete` that seems to fall inside a sentence: the text
/// before it does not end one, and the text after it starts in lower case.
fn mid_sentence(before: Option<&str>, after: &str) -> bool {
    let ended = before
        .map(str::trim_end)
        .is_none_or(|b| b.ends_with(['.', '!', '?', ':', '"', '\'', ')', '…', '”', '’']));
    !ended && after.chars().next().is_some_and(char::is_lowercase)
}
