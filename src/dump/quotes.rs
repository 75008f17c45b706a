//! Who answers whom: the links from a comment to the earlier text it
//! quotes or names.
//!
//! - A quote: a passage in `"…"`, `“…”`, `'…'`, `‘…’`, or on lines that
//!   start with `>`, of at least six words, that an earlier comment or the
//!   post's body holds; compared without regard to case, to runs of
//!   blanks, to the style of quotation marks and apostrophes, and to the
//!   punctuation at the passage's ends. It links to the first node that
//!   holds it (the one quoted first, not a later quote of it).
//! - A mention: an earlier comment's timestamp written in the text
//!   (`Anonymous 27 October 2024 at 08:46`, or the timestamp alone): it
//!   links to that comment; an author's name just before it is part of
//!   the link. A name and timestamp just before a quotation (past a `:` or
//!   `,`) link to the quotation's source, whether or not that comment kept
//!   its timestamp.
//!
//! The nodes are plain texts, in document order: the body first, then
//! every comment with its replies; a link goes only to an earlier node.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use memchr::memmem::Finder;

/// A node as the links see it.
#[derive(Debug, Clone, Copy)]
pub struct Node<'a> {
    pub text: &'a str,
    pub author: Option<&'a str>,
    pub timestamp: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Quote,
    Mention,
}

/// A link from node `from` (its bytes `span`) to node `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub from: usize,
    pub span: Range<usize>,
    pub to: usize,
    pub kind: Kind,
}

/// Fewer words than this are no quote: a word or two in quotation marks
/// is a way of speaking, not a reference.
const QUOTE_WORDS: usize = 6;

/// Every link between `nodes`, by node, in text order.
pub fn links(nodes: &[Node]) -> Vec<Link> {
    let mut out = Vec::new();
    let mut folded: Vec<Option<String>> = vec![None; nodes.len()];
    let marks = Marks::new();
    for (i, node) in nodes.iter().enumerate().skip(1) {
        for span in quotes(node.text, &marks) {
            // Too few words: done with before folding (words only join).
            if node.text[span.clone()].split_whitespace().count() < QUOTE_WORDS {
                continue;
            }
            let passage = fold(&node.text[span.clone()]);
            if passage.split(' ').count() < QUOTE_WORDS {
                continue;
            }
            let source = (0..i).find(|&j| {
                folded[j]
                    .get_or_insert_with(|| fold(nodes[j].text))
                    .contains(&passage)
            });
            if let Some(to) = source {
                out.push(Link {
                    from: i,
                    span,
                    to,
                    kind: Kind::Quote,
                });
            }
        }
    }
    let mut named = mentions(nodes);
    // A name and a timestamp that introduce a quotation name its source,
    // even where the comment quoted kept no timestamp (`the observation by
    // Anonymous 27 October 2024 at 08:46: "I've even seen..."`).
    for quote in &out {
        let text = nodes[quote.from].text;
        let Some(span) = introduced(text, quote.span.start) else {
            continue;
        };
        if !named.iter().any(|m| m.from == quote.from && m.span == span) {
            named.push(Link {
                from: quote.from,
                span,
                to: quote.to,
                kind: Kind::Mention,
            });
        }
    }
    out.extend(named);
    out.sort_by_key(|l| (l.from, l.span.start));
    out
}

/// The `NAME TIMESTAMP` (or timestamp alone) that ends just before byte
/// `at` of `text` (a quotation's start), past a `:` or `,` and blanks.
fn introduced(text: &str, at: usize) -> Option<Range<usize>> {
    let before = text[..at].trim_end();
    let before = before.strip_suffix([':', ',']).unwrap_or(before).trim_end();
    let end = before.len();
    // A timestamp is at most some 40 bytes; it starts at a digit or a
    // capital (a month first), after a blank.
    let from = end.saturating_sub(48);
    let start = (from..end)
        .filter(|&i| before.is_char_boundary(i))
        .filter(|&i| before[..i].ends_with(' ') || i == 0)
        .find(|&i| crate::dump::grammar::rules::timestamp(&before[i..end]).is_ok())?;
    // The name before it: its last word, when it starts with a capital.
    let name = before[..start].trim_end();
    let word = name.rsplit(' ').next().unwrap_or("");
    let named = word.chars().next().is_some_and(char::is_uppercase);
    Some(
        if named {
            name.len() - word.len()
        } else {
            start
        }..end,
    )
}

/// The quotation marks, opening and closing, each with its searcher
/// (built once: SIMD searches over every text).
struct Marks(Vec<(Finder<'static>, Finder<'static>)>);

impl Marks {
    fn new() -> Marks {
        let pairs = [("\"", "\""), ("“", "”"), ("'", "'"), ("‘", "’")];
        Marks(
            pairs
                .iter()
                .map(|(o, c)| (Finder::new(o.as_bytes()), Finder::new(c.as_bytes())))
                .collect(),
        )
    }
}

/// The passages of `text` in quotation marks or on `>` lines, with their
/// marks.
fn quotes(text: &str, marks: &Marks) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    for (open, close) in &marks.0 {
        let mut from = 0;
        while let Some(o) = open.find(&bytes[from..]).map(|i| from + i) {
            let inner = o + open.needle().len();
            // A quote opens after a blank (not an apostrophe inside a
            // word) and closes before one or punctuation.
            let opens = text[..o]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || "([:—-".contains(c));
            if !opens {
                from = inner;
                continue;
            }
            let Some(c) = close.find(&bytes[inner..]).map(|i| inner + i) else {
                break;
            };
            let end = c + close.needle().len();
            let closes = text[end..]
                .chars()
                .next()
                .is_none_or(|n| !n.is_alphanumeric());
            // Fewer blanks than a quote's words need: no quote (counted
            // on bytes, before any word is looked at).
            let blanks = memchr::memchr3_iter(b' ', b'\n', b'\t', &bytes[inner..c]).count();
            if closes && c > inner && blanks + 1 >= QUOTE_WORDS {
                out.push(o..end);
                from = end;
            } else if closes {
                from = end;
            } else {
                from = inner;
            }
        }
    }
    // Lines that start with `>`, a run of them one passage.
    if memchr::memchr(b'>', text.as_bytes()).is_none() {
        return out;
    }
    let mut run: Option<Range<usize>> = None;
    let mut at = 0;
    for line in text.split('\n') {
        let range = at..at + line.len();
        at = range.end + 1;
        if line.trim_start().starts_with('>') {
            run = Some(run.map_or(range.clone(), |r| r.start..range.end));
        } else if let Some(r) = run.take() {
            out.push(r);
        }
    }
    out.extend(run);
    out
}

/// Text as compared: lower case, apostrophes and quotation marks of one
/// kind, `>` marks and blanks as single spaces, punctuation off the ends.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c == '>')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '’' | '‘' | '`' | '´' => out.push('\''),
                '“' | '”' | '«' | '»' | '"' => {}
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    let edge = |c: char| !c.is_alphanumeric();
    out.trim_matches(edge).to_owned()
}

/// Earlier comments' timestamps written in later comments' text.
fn mentions(nodes: &[Node]) -> Vec<Link> {
    // Each timestamp once, for the first comment that has it; only texts
    // with a clock's colon are looked at.
    let mut stamped: Vec<(usize, &str)> = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        let Some(stamp) = n.timestamp.map(str::trim).filter(|s| !s.is_empty()) else {
            continue;
        };
        if !stamped.iter().any(|(_, s)| *s == stamp) {
            stamped.push((i, stamp));
        }
    }
    let clocked = |n: &Node| memchr::memchr(b':', n.text.as_bytes()).is_some();
    if stamped.is_empty() || !nodes.iter().skip(1).any(clocked) {
        return Vec::new();
    }
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(stamped.iter().map(|(_, s)| s))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, node) in nodes.iter().enumerate().skip(1).filter(|(_, n)| clocked(n)) {
        for m in ac.find_iter(node.text) {
            let (to, _) = stamped[m.pattern().as_usize()];
            if to >= i {
                continue;
            }
            // The author's name just before it is part of the link.
            let mut start = m.start();
            if let Some(author) = nodes[to].author.map(str::trim).filter(|a| !a.is_empty()) {
                let before = node.text[..start].trim_end();
                if before.ends_with(author) {
                    start = before.len() - author.len();
                }
            }
            out.push(Link {
                from: i,
                span: start..m.end(),
                to,
                kind: Kind::Mention,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(text: &str) -> Node<'_> {
        Node {
            text,
            author: None,
            timestamp: None,
        }
    }

    #[test]
    fn a_quote_of_six_words_or_more_links_to_the_first_node_that_holds_it() {
        let body = node("The post.");
        let first = node("I’ve even seen colleagues kept out of focus groups, all of it.");
        let second =
            node("As they said: \"I've even seen colleagues   KEPT out of focus groups\". Yes.");
        let third = node("Again: “i’ve even seen colleagues kept out of focus groups”");
        let short = node("Quite \"out of focus\" and 'so it goes'.");
        let links = links(&[body, first, second, third, short]);
        let found: Vec<(usize, usize, &str)> = links
            .iter()
            .map(|l| {
                (
                    l.from,
                    l.to,
                    &[body, first, second, third, short][l.from].text[l.span.clone()],
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    2,
                    1,
                    "\"I've even seen colleagues   KEPT out of focus groups\""
                ),
                (3, 1, "“i’ve even seen colleagues kept out of focus groups”"),
            ]
        );
    }

    #[test]
    fn quoted_lines_and_apostrophes() {
        let body = node("We don't know what they're doing with the money at all.");
        let reply = node("> we don't know what they're doing\n> with the money\nAgreed.");
        let apostrophes = node("It's what they're doing that's odd, isn't it, don't you think so.");
        let links = links(&[body, reply, apostrophes]);
        assert_eq!(links.len(), 1);
        assert_eq!((links[0].from, links[0].to), (1, 0));
        assert_eq!(
            &reply.text[links[0].span.clone()],
            "> we don't know what they're doing\n> with the money"
        );
    }

    #[test]
    fn a_name_and_timestamp_before_a_quotation_name_its_source() {
        let first = node("I've even seen colleagues kept out of focus groups, really.");
        let later = node(
            "Shocking, as the observation by Anonymous 27 October 2024 at 08:46: \"I've even seen colleagues kept out of focus groups\".",
        );
        let nodes = [node("Body."), first, later];
        let found: Vec<(Kind, usize, &str)> = links(&nodes)
            .iter()
            .map(|l| (l.kind, l.to, &later.text[l.span.clone()]))
            .collect();
        assert_eq!(
            found,
            [
                (Kind::Mention, 1, "Anonymous 27 October 2024 at 08:46"),
                (
                    Kind::Quote,
                    1,
                    "\"I've even seen colleagues kept out of focus groups\""
                ),
            ]
        );
    }

    #[test]
    fn a_timestamp_mentions_the_comment_that_has_it() {
        let nodes = [
            node("Body."),
            Node {
                text: "First.",
                author: Some("Ofer"),
                timestamp: Some("06 October, 2014 10:09"),
            },
            node("As Ofer 06 October, 2014 10:09 said, and 07 October, 2014 10:09 did not."),
        ];
        let links = links(&nodes);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].kind, Kind::Mention);
        assert_eq!((links[0].from, links[0].to), (2, 1));
        assert_eq!(
            &nodes[2].text[links[0].span.clone()],
            "Ofer 06 October, 2014 10:09"
        );
    }
}
