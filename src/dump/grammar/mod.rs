//! The blog-dump grammar: from a decoded dump to posts and comment trees.
//!
//! [`rules`] holds the line rules (nom parsers). This module walks the lines
//! once, front to back, with [`memchr`] finding line ends, and assembles:
//!
//! ```text
//! dump     = post+
//! post     = header body section?
//! header   = blank* (post_date blank* title? blank*)?      title alone: only when followed by a blank line
//! body     = line*                                        up to comments_header or the first action word
//! section  = (comments_header blank*)? (comment gap)* trailer
//! comment  = first_line line* action_word                 first_line = comment_number? author_timestamp?
//! gap      = (blank | page_chrome)*
//! ```
//!
//! The closing action word gives a comment's level in every layout:
//! `ReplyDelete` closes a top-level comment, `Delete` a reply to the nearest
//! top-level comment before it. See README "The blog-dump format".

mod comments;
mod lines;
mod nest;
mod opening;
mod post;
pub mod rules;

pub use lines::is_post_date_line;

use memchr::memchr;

use crate::dump::thread::{Document, Post};
use lines::{Cursor, is_post_date};
use post::post;

/// Parses a decoded dump named `name` into a document.
pub fn parse(name: impl Into<String>, text: String) -> Document {
    let posts = posts(&text);
    Document {
        name: name.into(),
        text,
        posts,
    }
}

/// Parses a whole decoded dump. Never panics; any input gives posts whose
/// spans tile the text.
///
/// Large inputs are cut at post date lines and the pieces parsed on all
/// cores; a piece counts only when the piece before it ended exactly where it
/// starts, so the result is always the one a single front-to-back pass gives.
pub fn posts(text: &str) -> Vec<Post> {
    const PIECE: usize = 8 << 20;
    if text.len() < 2 * PIECE {
        // One piece, whatever the cores: not worth asking how many.
        return parse_in_pieces(text, PIECE, 1);
    }
    let cores = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    parse_in_pieces(text, PIECE, cores)
}

/// `parse`, with pieces of at least `piece` bytes, at most `cores` of them.
fn parse_in_pieces(text: &str, piece: usize, cores: usize) -> Vec<Post> {
    let pieces = (text.len() / piece.max(1)).clamp(1, cores.max(1));
    let cuts: Vec<usize> = (1..pieces)
        .filter_map(|i| next_post_date(text, text.len() * i / pieces))
        .collect();
    if cuts.is_empty() {
        return parse_from(text, 0, text.len()).posts;
    }
    let ranges: Vec<(usize, usize)> = cuts
        .iter()
        .zip(cuts.iter().skip(1).chain([&text.len()]))
        .map(|(&a, &b)| (a, b))
        .collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = ranges
            .iter()
            .map(|&(from, to)| {
                std::thread::Builder::new().spawn_scoped(scope, move || parse_from(text, from, to))
            })
            .collect();
        let mut done = parse_from(text, 0, cuts[0]);
        for ((from, to), worker) in ranges.into_iter().zip(workers) {
            let piece = worker.ok().and_then(|w| w.join().ok());
            match piece {
                Some(mut piece) if done.end == from => {
                    piece.shift_lines(done.next_line - 1);
                    done.posts.append(&mut piece.posts);
                    done.end = piece.end;
                    done.next_line += piece.next_line - 1;
                }
                _ => {
                    let mut rest = parse_from_line(text, done.end, done.next_line, to);
                    done.posts.append(&mut rest.posts);
                    done.end = rest.end;
                    done.next_line = rest.next_line;
                }
            }
        }
        done.posts
    })
}

/// The posts that hold the byte offsets `at` (in order), each parsed once,
/// without the rest of the text: from where the last one ended when the
/// next offset is near, else from the last post date line before it (a
/// post starts there, as where `posts` cuts a large text). Lines are
/// counted from the start all the same. For placing a search's hits in
/// the tree of a large dump that mostly does not hold them.
pub fn posts_at(text: &str, at: &[usize]) -> Vec<Post> {
    /// Nearer than this, parsing on costs less than looking back.
    const NEAR: usize = 256 << 10;
    let mut out: Vec<Post> = Vec::new();
    let (mut end, mut line) = (0, 1);
    for &offset in at {
        if offset >= text.len() || out.last().is_some_and(|p| p.span.contains(&offset)) {
            continue;
        }
        let from = if offset < end + NEAR {
            end
        } else {
            prev_post_date(text, end, offset).unwrap_or(end)
        };
        line += memchr::memchr_iter(b'\n', &text.as_bytes()[end..from]).count();
        let mut parsed = parse_from_line(text, from, line, offset + 1);
        end = parsed.end;
        line = parsed.next_line;
        if let Some(post) = parsed.posts.pop().filter(|p| p.span.contains(&offset)) {
            out.push(post);
        }
    }
    out
}

/// The start of the last post date line in `from..to` (`to` the end of
/// a line): where a post may start, looking back.
pub fn prev_post_date(text: &str, from: usize, to: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut end = to;
    while end > from {
        let start = memchr::memrchr(b'\n', &bytes[from..end]).map_or(from, |i| from + i + 1);
        let line = text.get(start..end)?;
        if is_post_date_line(line.trim_end_matches('\r')) {
            return Some(start);
        }
        end = start.saturating_sub(1);
        if start == from {
            break;
        }
    }
    None
}

/// Posts parsed from one place to (at least) another.
struct Parsed {
    posts: Vec<Post>,
    /// Where the last post ended.
    end: usize,
    /// The number of the line at `end`.
    next_line: usize,
}

impl Parsed {
    fn shift_lines(&mut self, by: usize) {
        self.posts.iter_mut().for_each(|p| p.shift_lines(by));
    }
}

/// Parses posts starting at `from` (counting lines from 1 there) for as long
/// as a post starts before `stop`.
fn parse_from(text: &str, from: usize, stop: usize) -> Parsed {
    parse_from_line(text, from, 1, stop)
}

fn parse_from_line(text: &str, from: usize, number: usize, stop: usize) -> Parsed {
    let mut cur = Cursor {
        src: text,
        pos: from,
        number,
    };
    let mut posts = Vec::new();
    while cur.pos < stop.min(text.len()) {
        let before = cur.pos;
        posts.push(post(&mut cur));
        if cur.pos == before {
            // A post always consumes a line; should one not, the rest of the
            // text becomes its trailer rather than a loop.
            if let Some(p) = posts.last_mut() {
                p.span.end = text.len();
                p.trailer.end = text.len();
            }
            cur.pos = text.len();
        }
    }
    Parsed {
        posts,
        end: cur.pos,
        next_line: cur.number,
    }
}

/// The start of the first post date line after the line that holds
/// byte `at`: where the next post may start.
pub fn next_post_date(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut pos = memchr(b'\n', bytes.get(at..)?)? + at + 1;
    let cur = Cursor {
        src: text,
        pos: 0,
        number: 1,
    };
    while let Some(line) = cur.line_at(pos, 1) {
        if is_post_date(&line) {
            return Some(pos);
        }
        pos = line.next;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LINES: &[&str] = &[
        "",
        "Tuesday 9 January 2024",
        "Title",
        "body text",
        "2 comments:",
        "  1. a comment",
        "    more",
        "    ReplyDelete",
        "    Replies",
        "    1. a reply",
        "      Delete",
        "ReplyDeleteglued",
        "Deleteglued",
        "Load more...",
        "Ofer06 October, 2014 10:09",
    ];

    proptest! {
        // Past failures are kept with the other tests' (the top level stays small).
        #![proptest_config(ProptestConfig {
            failure_persistence: Some(Box::new(
                proptest::test_runner::FileFailurePersistence::Direct("tests/grammar.proptest-regressions"),
            )),
            ..ProptestConfig::default()
        })]

        #[test]
        fn pieces_give_the_sequential_result(
            lines in prop::collection::vec(prop::sample::select(LINES), 0..200),
            piece in 1usize..400,
            cores in 1usize..6,
        ) {
            let text = lines.join("\n");
            let sequential = parse_from(&text, 0, text.len()).posts;
            prop_assert_eq!(parse_in_pieces(&text, piece, cores), sequential);
        }
    }

    /// Found by fuzzing (fuzz/fuzz_targets/grammar.rs): an action word
    /// after a tab was a word to the rule but text to the line walk, so it
    /// stayed in the comment's text.
    #[test]
    fn an_action_word_after_a_tab_closes_its_comment() {
        let text = "Title\n\nBody\n\n2 comments:\n\n  1. First.\n\t    ReplyDelete\n  2. Second.\n    ReplyDelete\n";
        let doc = parse("t.txt", text.to_owned());
        let comments = &doc.posts[0].comments;
        assert_eq!(comments.len(), 2);
        assert_eq!(comments[0].text(&doc), "First.");
        assert_eq!(comments[1].text(&doc), "Second.");
    }

    #[test]
    fn a_countless_heading_is_a_header_only_where_comments_follow() {
        let text = "# Notes\n\nBody.\n\n## Comments\n\nWhat readers said, below.\n\n### Comments\n\n[Ann](https://p.org/1)[9 January 2024 at 10:01](https://b.org/p#c5)\n\nHi.\n\nReply[Delete](https://www.blogger.com/comment/delete/1/5)\n";
        let doc = parse("t.txt", text.to_owned());
        let post = &doc.posts[0];
        assert_eq!(
            post.body_text(&doc),
            "Body.\n\n## Comments\n\nWhat readers said, below."
        );
        assert_eq!(post.comments.len(), 1);
        assert_eq!(post.comments[0].text(&doc), "Hi.");
    }

    #[test]
    fn an_emoji_title_is_a_title_and_a_rule_is_not() {
        let doc = parse("t.txt", "🎄🎄🎄\n\nBody.\n".to_owned());
        assert_eq!(doc.posts[0].title_text(&doc), Some("🎄🎄🎄"));
        let doc = parse("t.txt", "?!?!\n\nBody.\n".to_owned());
        assert_eq!(doc.posts[0].title_text(&doc), None);
    }

    #[test]
    fn an_action_word_in_the_trailer_is_said() {
        let text = "Title\n\nBody\n\n1 comments:\n\n  1. One.\n    ReplyDelete\nAdd comment\n  2. Two.\n    ReplyDelete\n";
        let doc = parse("t.txt", text.to_owned());
        let post = &doc.posts[0];
        assert_eq!(post.comments.len(), 1);
        assert!(doc.slice(&post.trailer).contains("Two."));
        assert!(
            post.diagnostics
                .iter()
                .any(|d| d.line == 11 && d.message.starts_with("an action word after")),
            "{:?}",
            post.diagnostics
        );
    }

    #[test]
    fn a_run_of_one_line_repeated_is_said_once() {
        let mut text = String::from("Title\n\nBody\n\n1 comments:\n\n  1. a\n");
        text.push_str(&"    yes\n".repeat(1000));
        text.push_str("    other\n    other\n    ReplyDelete\n");
        let doc = parse("t.txt", text);
        let repeats: Vec<usize> = doc.posts[0]
            .diagnostics
            .iter()
            .filter(|d| d.message.starts_with("line repeats"))
            .map(|d| d.line)
            .collect();
        assert_eq!(repeats, [9, 1009]);
    }

    #[test]
    fn the_posts_that_hold_offsets_are_the_posts_a_whole_parse_gives() {
        let text = crate::dump::generate::big_dump(3 << 20, 5);
        let all = parse_from(&text, 0, text.len()).posts;
        // An offset in every ninth post, and two in one.
        let mut at: Vec<usize> = all.iter().step_by(9).map(|p| p.span.start + 10).collect();
        at.push(all[9].span.end - 1);
        at.sort_unstable();
        let found = posts_at(&text, &at);
        let want: Vec<Post> = all.iter().step_by(9).cloned().collect();
        assert_eq!(found, want);
    }

    #[test]
    fn a_generated_archive_parses_the_same_in_pieces() {
        let text = crate::dump::generate::big_dump(2 << 20, 7);
        let sequential = parse_from(&text, 0, text.len()).posts;
        assert!(sequential.len() > 10);
        assert_eq!(parse_in_pieces(&text, 64 << 10, 4), sequential);
    }
}
