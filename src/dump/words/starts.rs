//! The index the words table is looked up in: words of every language at
//! the start of a text, all at once.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

/// Words looked for at the start of a text, all languages at once: one
/// anchored automaton (longest match), behind a filter on the first byte
/// and on the first three bytes (hashed into 64 Ki bits), which passes most
/// texts by without a search (English "And" is no German "Antworten").
/// The automaton is made when it is first wanted (or warmed up on another
/// thread), so a first parse waits only for the ones it uses.
pub(super) struct Starts {
    patterns: Vec<String>,
    case: bool,
    /// None: it could not be made (a table too large); nothing matches.
    words: OnceLock<Option<AhoCorasick>>,
    /// The bytes a word can begin with (in each ASCII case).
    firsts: [bool; 256],
    /// A bit for the first three bytes of each word (in each ASCII case).
    heads: Vec<u64>,
    /// No word is shorter than three bytes: the filter applies.
    filtered: bool,
}

/// Where the first three bytes of a text fall in `Starts::heads`.
fn head(a: u8, b: u8, c: u8) -> usize {
    let bytes = u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c);
    (bytes.wrapping_mul(0x9e37_79b1) >> 16) as usize
}

impl Starts {
    /// `case`: ASCII letters match in either case.
    pub(super) fn new(words: &[String], case: bool) -> Result<Starts, String> {
        let mut heads = vec![0u64; 1 << 10];
        let mut firsts = [false; 256];
        let mut filtered = true;
        for w in words {
            let Some(&first) = w.as_bytes().first() else {
                return Err("an empty word in the table".into());
            };
            firsts[usize::from(first)] = true;
            if case {
                firsts[usize::from(first.to_ascii_lowercase())] = true;
                firsts[usize::from(first.to_ascii_uppercase())] = true;
            }
            let [a, b, c, ..] = *w.as_bytes() else {
                // Under three bytes (`de`, `um`, `o`): no filter.
                filtered = false;
                continue;
            };
            let cases = |x: u8| {
                if case {
                    [x.to_ascii_lowercase(), x.to_ascii_uppercase()]
                } else {
                    [x, x]
                }
            };
            for x in cases(a) {
                for y in cases(b) {
                    for z in cases(c) {
                        let i = head(x, y, z);
                        heads[i / 64] |= 1 << (i % 64);
                    }
                }
            }
        }
        Ok(Starts {
            patterns: words.to_vec(),
            case,
            words: OnceLock::new(),
            firsts,
            heads,
            filtered,
        })
    }

    /// The automaton, made the first time it is wanted.
    fn automaton(&self) -> Option<&AhoCorasick> {
        self.words
            .get_or_init(|| {
                // Anchored, so no prefilter is ever used: none is made.
                AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .match_kind(MatchKind::LeftmostLongest)
                    .start_kind(StartKind::Anchored)
                    .prefilter(false)
                    .ascii_case_insensitive(self.case)
                    .build(&self.patterns)
                    .ok()
            })
            .as_ref()
    }

    /// Makes the automaton now; false when it cannot be made.
    pub(super) fn warm(&self) -> bool {
        self.automaton().is_some()
    }

    /// The longest word `text` starts with: (its index in the list, its
    /// length).
    #[inline]
    pub(super) fn find(&self, text: &str) -> Option<(usize, usize)> {
        let bytes = text.as_bytes();
        if !self.firsts[usize::from(*bytes.first()?)] {
            return None;
        }
        if self.filtered {
            let [a, b, c, ..] = *bytes else {
                return None;
            };
            let i = head(a, b, c);
            if self.heads[i / 64] >> (i % 64) & 1 == 0 {
                return None;
            }
        }
        let found = self
            .automaton()?
            .find(Input::new(bytes).anchored(Anchored::Yes))?;
        Some((found.pattern().as_usize(), found.end()))
    }
}
