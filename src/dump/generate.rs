//! Writing threads back out in the dump layouts (clean, flattened,
//! classic), in Blogger's words of any language of the table, and
//! generating large synthetic dumps. Property tests use the writers to
//! round-trip generated threads; benchmarks use the generator for archives
//! of any size.

use super::words::Language;

/// A thread as a writer sees it: plain strings, no spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thread {
    pub date: Option<String>,
    pub title: Option<String>,
    /// Paragraphs, each a list of lines.
    pub body: Vec<Vec<String>>,
    pub comments: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub author: Option<String>,
    pub timestamp: Option<String>,
    /// Paragraphs, each a list of lines; at least one line.
    pub paragraphs: Vec<Vec<String>>,
    pub replies: Vec<Entry>,
}

impl Entry {
    /// The text the grammar should give back: lines joined by `\n`,
    /// paragraphs by a blank line.
    pub fn text(&self) -> String {
        join_paragraphs(&self.paragraphs)
    }

    fn first_line(&self) -> Option<String> {
        match (&self.author, &self.timestamp) {
            (author, Some(stamp)) => Some(format!("{}{stamp}", author.as_deref().unwrap_or(""))),
            _ => None,
        }
    }
}

pub fn join_paragraphs(paragraphs: &[Vec<String>]) -> String {
    paragraphs
        .iter()
        .map(|p| p.join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

impl Thread {
    pub fn count(&self) -> usize {
        self.comments.iter().map(|c| 1 + c.replies.len()).sum()
    }
}

/// The words a writer puts on the page: Blogger's, in one language.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub reply_delete: String,
    pub delete: String,
    pub replies: String,
    /// The word after a count of one, and of more.
    pub comment: String,
    pub comments: String,
    pub no_comments: String,
    /// The end of a classic `NAME said...` line.
    pub said: String,
}

impl Chrome {
    /// The words of the seeds.
    pub fn english() -> Chrome {
        Chrome {
            reply_delete: "ReplyDelete".into(),
            delete: "Delete".into(),
            replies: "Replies".into(),
            comment: "comment".into(),
            comments: "comments".into(),
            no_comments: "No comments".into(),
            said: "said...".into(),
        }
    }

    /// The first form of each word of a language of the table.
    pub fn of(l: &Language) -> Chrome {
        let first = |words: &[String]| words.first().cloned().unwrap_or_default();
        // The table lists a count's word longest first: the plural.
        let shortest = |words: &[String]| {
            words
                .iter()
                .min_by_key(|w| w.len())
                .cloned()
                .unwrap_or_default()
        };
        Chrome {
            reply_delete: first(&l.reply_delete),
            delete: first(&l.delete),
            replies: first(&l.replies),
            comment: shortest(&l.comment_words),
            comments: first(&l.comment_words),
            no_comments: first(&l.no_comments),
            said: first(&l.said),
        }
    }
}

/// The clean layout of seeds 000–003: date, title, body, `N comments:`,
/// numbered comments ending in `ReplyDelete`, `Replies` blocks.
pub fn write_clean(t: &Thread, out: &mut String) {
    write_clean_in(t, &Chrome::english(), out);
}

/// The clean layout in the words of `chrome`.
pub fn write_clean_in(t: &Thread, chrome: &Chrome, out: &mut String) {
    if let Some(date) = &t.date {
        out.push_str(date);
        out.push_str("\n\n");
    }
    if let Some(title) = &t.title {
        out.push_str(title);
        out.push_str("\n\n");
    }
    for p in &t.body {
        for line in p {
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
    match t.count() {
        0 => out.push_str(&format!("{}:\n\n", chrome.no_comments)),
        1 => out.push_str(&format!("1 {}:\n\n", chrome.comment)),
        n => out.push_str(&format!("{n} {}:\n\n", chrome.comments)),
    }
    for (i, c) in t.comments.iter().enumerate() {
        write_clean_entry(c, i + 1, 2, &chrome.reply_delete, out);
        if !c.replies.is_empty() {
            out.push_str(&format!("    {}\n", chrome.replies));
        }
        for (j, r) in c.replies.iter().enumerate() {
            write_clean_entry(r, j + 1, 4, &chrome.delete, out);
        }
    }
}

fn write_clean_entry(c: &Entry, number: usize, indent: usize, action: &str, out: &mut String) {
    let pad = " ".repeat(indent);
    let inner = " ".repeat(indent + 2);
    let mut lines: Vec<String> = Vec::new();
    if let Some(first) = c.first_line() {
        lines.push(first);
        lines.push(String::new());
    }
    for (k, p) in c.paragraphs.iter().enumerate() {
        if k > 0 {
            lines.push(String::new());
        }
        lines.extend(p.iter().cloned());
    }
    for (k, line) in lines.iter().enumerate() {
        if k == 0 {
            out.push_str(&format!("{pad}{number}. {line}\n"));
        } else if line.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("{inner}{line}\n"));
        }
    }
    out.push_str(&format!("\n{inner}{action}\n"));
}

/// The flattened layout of seed 004: no header, no blank lines, no numbers;
/// each comment's action word glued to the start of the next comment's first
/// line, the last one alone at the end. The first comment is written on one
/// line (the layout cannot tell a longer first comment from the body).
pub fn write_flattened(t: &Thread, out: &mut String) {
    write_flattened_in(t, &Chrome::english(), out);
}

/// The flattened layout in the words of `chrome`.
pub fn write_flattened_in(t: &Thread, chrome: &Chrome, out: &mut String) {
    for line in t.body.iter().flatten() {
        out.push_str(line);
        out.push('\n');
    }
    let mut pending = "";
    let entries = t.comments.iter().flat_map(|c| {
        std::iter::once((c, chrome.reply_delete.as_str()))
            .chain(c.replies.iter().map(|r| (r, chrome.delete.as_str())))
    });
    for (k, (c, action)) in entries.enumerate() {
        let mut lines: Vec<String> = c.first_line().into_iter().collect();
        let text: Vec<String> = c.paragraphs.iter().flatten().cloned().collect();
        if k == 0 && lines.is_empty() {
            lines.push(text.join(" "));
        } else {
            lines.extend(text);
        }
        for (n, line) in lines.iter().enumerate() {
            if n == 0 {
                out.push_str(pending);
            }
            out.push_str(line);
            out.push('\n');
        }
        pending = action;
    }
    if !pending.is_empty() {
        out.push_str(pending);
        out.push('\n');
    }
}

/// Blogger's classic template: a `NAME said...` line, the text indented
/// under it, the timestamp line. Comments and replies alike, in order (the
/// template has no replies); each needs an author and a timestamp.
pub fn write_classic_in(t: &Thread, chrome: &Chrome, out: &mut String) {
    if let Some(date) = &t.date {
        out.push_str(&format!("{date}\n\n"));
    }
    if let Some(title) = &t.title {
        out.push_str(&format!("{title}\n\n"));
    }
    for p in &t.body {
        out.push_str(&format!("{}\n\n", p.join("\n")));
    }
    match t.count() {
        1 => out.push_str(&format!("1 {}:\n\n", chrome.comment)),
        n => out.push_str(&format!("{n} {}:\n\n", chrome.comments)),
    }
    let entries = t
        .comments
        .iter()
        .flat_map(|c| std::iter::once(c).chain(&c.replies));
    for c in entries {
        let author = c.author.as_deref().unwrap_or("Anonymous");
        out.push_str(&format!("{author} {}\n\n", chrome.said));
        for p in &c.paragraphs {
            for line in p {
                out.push_str(&format!("    {line}\n"));
            }
            out.push('\n');
        }
        out.push_str(&format!("    {}\n", c.timestamp.as_deref().unwrap_or("")));
    }
}

/// A small deterministic random source (xorshift), so generated dumps are the
/// same on every machine without a dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "probation",
    "staff",
    "the",
    "and",
    "of",
    "caseloads",
    "management",
    "service",
    "a",
    "to",
    "is",
    "inspection",
    "officers",
    "week",
    "report",
    "pay",
    "trust",
    "culture",
    "we",
    "they",
    "it's",
    "don’t",
    "“quoted”",
    "£194",
    "café",
    "naïve",
    "2024",
    "HMPPS",
    "Napo",
    "—",
    "(really)",
    "well,",
    "again.",
];
const AUTHORS: &[&str] = &["Anonymous", "Ofer", "dismissed and damaged", "'Getafix", ""];
const STAMPS: &[&str] = &[
    "28 July 2024 at 03:02",
    "06 October, 2014 10:09",
    "February 25, 2012 at 9:56 PM",
    "26 May 2021 at 05:04",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::from("Staff");
    for _ in 1..words {
        s.push(' ');
        s.push_str(rng.pick(WORDS));
    }
    s
}

fn paragraphs(
    rng: &mut Rng,
    max_paragraphs: usize,
    max_lines: usize,
    line_words: usize,
) -> Vec<Vec<String>> {
    (0..1 + rng.below(max_paragraphs))
        .map(|_| {
            (0..1 + rng.below(max_lines))
                .map(|_| {
                    let words = 3 + rng.below(line_words);
                    sentence(rng, words)
                })
                .collect()
        })
        .collect()
}

fn entry(rng: &mut Rng, replies: usize) -> Entry {
    let stamped = rng.below(3) == 0;
    Entry {
        author: stamped
            .then(|| rng.pick(AUTHORS))
            .filter(|a| !a.is_empty())
            .map(str::to_owned),
        timestamp: stamped.then(|| rng.pick(STAMPS).to_owned()),
        paragraphs: paragraphs(rng, 3, 3, 40),
        replies: (0..replies).map(|_| entry(rng, 0)).collect(),
    }
}

/// A thread with `comments` comments and replies in all, about one in three
/// of them a reply.
pub fn thread(rng: &mut Rng, comments: usize, index: usize) -> Thread {
    let mut left = comments;
    let mut top = Vec::new();
    while left > 0 {
        let replies = if rng.below(3) == 0 {
            rng.below(4).min(left - 1)
        } else {
            0
        };
        top.push(entry(rng, replies));
        left -= 1 + replies;
    }
    Thread {
        date: Some(format!("Tuesday {} January 2024", 1 + index % 28)),
        title: Some(format!("Generated post {index}")),
        body: paragraphs(rng, 6, 4, 60),
        comments: top,
    }
}

/// A clean multi-post dump of at least `bytes` bytes.
pub fn big_dump(bytes: usize, seed: u64) -> String {
    let mut out = Vec::with_capacity(bytes + bytes / 16);
    // Writing to memory does not fail.
    let _ = write_big_dump(&mut out, bytes as u64, seed, 1);
    String::from_utf8(out).unwrap_or_default()
}

/// `big_dump` with a Windows-1252 line (`it\x92s`) after the first
/// post's first blank line: a file that is not all UTF-8.
pub fn big_dump_with_windows_1252(bytes: usize, seed: u64) -> Vec<u8> {
    let text = big_dump(bytes, seed);
    let at = text.find("\n\n").map_or(0, |i| i + 2);
    let mut out = text.as_bytes()[..at].to_vec();
    out.extend_from_slice(b"it\x92s\n");
    out.extend_from_slice(&text.as_bytes()[at..]);
    out
}

/// `big_dump` written to `out` a post at a time, so a dump of any size
/// takes a post's memory to make; its posts numbered from `first`.
/// Returns the bytes written and the next post's number.
pub fn write_big_dump(
    out: &mut impl std::io::Write,
    bytes: u64,
    seed: u64,
    first: usize,
) -> std::io::Result<(u64, usize)> {
    let mut rng = Rng::new(seed);
    let mut written = 0u64;
    let mut index = first - 1;
    let mut post = String::new();
    while written < bytes {
        index += 1;
        let comments = 5 + rng.below(300);
        post.clear();
        write_clean(&thread(&mut rng, comments, index), &mut post);
        out.write_all(post.as_bytes())?;
        written += post.len() as u64;
    }
    Ok((written, index + 1))
}
