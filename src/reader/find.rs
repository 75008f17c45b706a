//! In-document find: a query (smartcase literal, or a regular expression)
//! and its matches over a post's body and every comment, folded ones too.
//! Typing the query is `prompt`.

use std::ops::Range;

use regex::{Regex, RegexBuilder};
use unicode_segmentation::GraphemeCursor;

use crate::reader::outline::Item;

/// The find of the open post: the query and its caret, and its matches.
#[derive(Debug, Default)]
pub struct Find {
    /// The query and the caret in it.
    pub input: tui_input::Input,
    pub regex: bool,
    pub matches: Vec<Match>,
    pub current: Option<usize>,
    pub error: Option<String>,
    /// The query compiled, for drawing matches in headings.
    pub re: Option<Regex>,
}

impl Find {
    pub fn query(&self) -> &str {
        self.input.value()
    }
}

/// What the tree filter (`&`) keeps: the items shown (matches and their ancestors,
/// and the post's header), and the items that match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub shown: Vec<bool>,
    pub matched: Vec<bool>,
}

impl Kept {
    /// How many comments match, of how many.
    pub fn counts(&self) -> (usize, usize) {
        let matched = self.matched.iter().skip(1).filter(|&&m| m).count();
        (matched, self.matched.len().saturating_sub(1))
    }
}

/// One matching line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusHit {
    /// The post (its index among all posts) and the item in its outline.
    pub post: usize,
    pub item: usize,
    /// Where it is (`#3.2 author`, `body`, `post`) and its line as shown,
    /// made when it is found: the post's tree is not kept.
    pub place: String,
    pub shown: String,
}

/// The corpus find: its query, its hits, and which one is chosen.
#[derive(Debug, Default)]
pub struct Corpus {
    pub find: Find,
    pub hits: Vec<CorpusHit>,
    /// The search stopped at `LIMIT`.
    pub more: bool,
    pub selected: usize,
    pub top: usize,
    /// The query has the keyboard (else the list of hits).
    pub typing: bool,
    /// A search under way: the next post to search, and the query.
    pub pending: Option<(usize, Regex)>,
}

/// Which part of an item a match is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// The title of the post, or a comment's `#id · author · timestamp`.
    Heading,
    /// The post's date.
    Date,
    Text,
}

/// One match: a byte range in a part of an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub item: usize,
    pub part: Part,
    pub range: Range<usize>,
}

/// Builds the matcher. Smartcase: a query with no upper-case letter ignores
/// case. Without `regex`, the query is matched literally.
pub fn compile(query: &str, regex: bool) -> Result<Regex, String> {
    // The query is made what the text searched is made (see
    // `display::display`): normal form C, nothing that draws nothing.
    let query = &crate::reader::display::display(query);
    let pattern = if regex {
        query.to_owned()
    } else {
        regex::escape(query)
    };
    RegexBuilder::new(&pattern)
        .case_insensitive(!query.chars().any(char::is_uppercase))
        .build()
        .map_err(|e| {
            e.to_string()
                .lines()
                .last()
                .unwrap_or("invalid pattern")
                .trim()
                .to_owned()
        })
}

/// Every non-empty match in every item, in document order: an item's
/// heading (the title; authors and timestamps), then the post's date, then
/// its text.
pub fn find_all(re: &Regex, items: &[Item], date: Option<&str>) -> Vec<Match> {
    let mut out = Vec::new();
    for (item, it) in items.iter().enumerate() {
        let date = if item == 0 { date } else { None };
        let parts = [
            (Part::Heading, Some(it.heading.as_str())),
            (Part::Date, date),
            (Part::Text, Some(it.text.as_str())),
        ];
        for (part, text) in parts {
            let Some(text) = text else { continue };
            let mut last: Option<Range<usize>> = None;
            let ascii = text.is_ascii();
            for m in re.find_iter(text).filter(|m| !m.range().is_empty()) {
                // A match is of whole graphemes: `👩` finds the family it is
                // in, once however many times the family holds it.
                let range = if ascii {
                    m.range()
                } else {
                    whole_graphemes(text, m.range())
                };
                if last.as_ref().is_some_and(|l| range.start < l.end) {
                    continue;
                }
                last = Some(range.clone());
                out.push(Match { item, part, range });
            }
        }
    }
    out
}

/// `range` of `text` grown to the graphemes it touches.
fn whole_graphemes(text: &str, range: Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    let boundary = |at: usize, back: bool| {
        // Between two ASCII characters (no CR LF here) is always one.
        let ascii = |i: usize| bytes.get(i).is_none_or(u8::is_ascii);
        if at == 0 || (ascii(at - 1) && ascii(at)) {
            return at;
        }
        let mut cursor = GraphemeCursor::new(at, text.len(), true);
        match cursor.is_boundary(text, 0) {
            Ok(true) | Err(_) => at,
            Ok(false) if back => cursor.prev_boundary(text, 0).ok().flatten().unwrap_or(at),
            Ok(false) => cursor.next_boundary(text, 0).ok().flatten().unwrap_or(at),
        }
    };
    boundary(range.start, true)..boundary(range.end, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smartcase_and_literal() {
        let re = compile("probation", false).expect("compiles");
        assert!(re.is_match("PROBATION service"));
        let re = compile("Probation", false).expect("compiles");
        assert!(!re.is_match("probation"));
        let re = compile("a.b", false).expect("compiles");
        assert!(!re.is_match("axb") && re.is_match("a.b"));
        assert!(compile("a.b", true).expect("compiles").is_match("axb"));
        assert!(compile("(", true).is_err());
    }

    #[test]
    fn a_match_inside_a_grapheme_is_the_whole_grapheme_once() {
        let family = "👩\u{200d}👩\u{200d}👧";
        let text = format!("a {family} b {family}");
        let re = compile("👩", false).expect("compiles");
        let found = whole_matches(&re, &text);
        let shown: Vec<&str> = found.iter().map(|r| &text[r.clone()]).collect();
        // Each family once, whole, though it holds two 👩.
        assert_eq!(shown, [family, family]);
        let accent = "cafe\u{301}";
        let re = compile("e", false).expect("compiles");
        assert_eq!(whole_matches(&re, accent), vec![Range { start: 3, end: 6 }]);
    }

    fn whole_matches(re: &Regex, text: &str) -> Vec<Range<usize>> {
        let item = Item {
            depth: 0,
            parent: None,
            end: 1,
            heading: String::new(),
            id: String::new(),
            who: String::new(),
            stamp: String::new(),
            quotes: Vec::new(),
            quoted_by: Vec::new(),
            text: text.to_owned(),
            repeats: Vec::new(),
            removed: false,
            line: 1,
            span: 0..0,
            key: 0,
        };
        find_all(re, &[item], None)
            .into_iter()
            .map(|m| m.range)
            .collect()
    }
}
