//! Blogger's words around a comment section, in every language of the
//! bundled table (`assets/blogger-words.toml`, embedded at build time): the
//! action words, the page chrome, the words of a comments header, the
//! removed-comment notices, the names of weekdays and months. The table is
//! read once and never changes; the words of all languages are looked for
//! at once, in one index by first byte.

use std::{collections::BTreeMap, sync::OnceLock};

use serde::Deserialize;

/// The table as the file holds it.
const TABLE: &str = include_str!("../../assets/blogger-words.toml");

/// One language's words.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// Its name in English.
    pub language: String,
    /// The entries seen on a real saved page.
    pub checked: Vec<String>,
    pub reply_delete: Vec<String>,
    pub delete: Vec<String>,
    pub reply: Vec<String>,
    pub replies: Vec<String>,
    pub add_comment: Vec<String>,
    pub load_more: Vec<String>,
    pub post_comment: Vec<String>,
    pub comment_words: Vec<String>,
    pub no_comments: Vec<String>,
    pub anonymous: Vec<String>,
    pub removed: Vec<String>,
    pub weekdays: Vec<String>,
    pub months: Vec<String>,
    pub date_words: Vec<String>,
    pub at: Vec<String>,
}

impl Language {
    /// The page chrome: what stands between and after comments, in no text.
    pub fn chrome(&self) -> impl Iterator<Item = &String> {
        self.reply
            .iter()
            .chain(&self.replies)
            .chain(&self.add_comment)
            .chain(&self.load_more)
            .chain(&self.post_comment)
    }

    /// The chrome after which the page is the post's trailer.
    pub fn section_end(&self) -> impl Iterator<Item = &String> {
        self.add_comment
            .iter()
            .chain(&self.load_more)
            .chain(&self.post_comment)
    }
}

/// What an action word closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A top-level comment (`ReplyDelete`).
    ReplyDelete,
    /// A reply (`Delete`).
    Delete,
}

/// A word found at the start of a text: what it is, its length in bytes,
/// and its language's code.
pub type Found<T> = (T, usize, &'static str);

/// The table, ready to match.
pub struct Words {
    /// By language code (`en`, `es`, `pt-BR`, ...).
    pub languages: BTreeMap<String, Language>,
    actions: Starts,
    action_of: Vec<(Action, &'static str)>,
    counted: Starts,
    none: Starts,
    word_lang: Vec<&'static str>,
    none_lang: Vec<&'static str>,
    /// Whole lines: chrome (and whether it ends the section) and notices.
    chrome: Starts,
    chrome_ends: Vec<bool>,
    removed: Starts,
    removed_lang: Vec<&'static str>,
    weekdays: Starts,
    months: Starts,
    date_words: Starts,
    at: Starts,
}

/// Words looked for at the start of a text, all languages at once: the
/// words by their first byte, longest first, behind a filter on the first
/// three bytes (hashed into 64 Ki bits), which passes most texts by without
/// a comparison (English "And" is no German "Antworten").
struct Starts {
    words: Vec<String>,
    /// Per first byte (folded to lower case when `case`), the indices of
    /// the words beginning with it, longest first.
    by_first: Vec<Vec<usize>>,
    /// The bytes a word can begin with (in each ASCII case).
    firsts: [bool; 256],
    /// A bit for the first three bytes of each word (in each ASCII case).
    heads: Vec<u64>,
    /// No word is shorter than three bytes: the filter applies.
    filtered: bool,
    /// ASCII letters match in either case.
    case: bool,
}

/// Where the first three bytes of a text fall in `Starts::heads`.
fn head(a: u8, b: u8, c: u8) -> usize {
    let bytes = u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c);
    (bytes.wrapping_mul(0x9e37_79b1) >> 16) as usize
}

impl Starts {
    /// `case`: ASCII letters match in either case.
    fn new(words: &[String], case: bool) -> Result<Starts, String> {
        let mut heads = vec![0u64; 1 << 10];
        let mut by_first = vec![Vec::new(); 256];
        let mut firsts = [false; 256];
        let mut filtered = true;
        let fold = |x: u8| if case { x.to_ascii_lowercase() } else { x };
        for (i, w) in words.iter().enumerate() {
            let Some(&first) = w.as_bytes().first() else {
                return Err("an empty word in the table".into());
            };
            by_first[usize::from(fold(first))].push(i);
            firsts[usize::from(first)] = true;
            firsts[usize::from(fold(first))] = true;
            if case {
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
        for bucket in &mut by_first {
            bucket.sort_by_key(|&i| std::cmp::Reverse(words[i].len()));
        }
        Ok(Starts {
            words: words.to_vec(),
            by_first,
            firsts,
            heads,
            filtered,
            case,
        })
    }

    /// The longest word `text` starts with: (its index in the list, its
    /// length).
    #[inline]
    fn find(&self, text: &str) -> Option<(usize, usize)> {
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
        let first = *bytes.first()?;
        let first = if self.case {
            first.to_ascii_lowercase()
        } else {
            first
        };
        self.by_first[usize::from(first)]
            .iter()
            .find(|&&i| {
                let w = self.words[i].as_bytes();
                bytes.len() >= w.len()
                    && if self.case {
                        bytes[..w.len()].eq_ignore_ascii_case(w)
                    } else {
                        &bytes[..w.len()] == w
                    }
            })
            .map(|&i| (i, self.words[i].len()))
    }
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Words")
            .field("languages", &self.languages.keys())
            .finish()
    }
}

/// The bundled table, read once.
pub fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    // The table is part of the program, and a test reads it.
    WORDS.get_or_init(|| Words::parse(TABLE).expect("the bundled words table reads"))
}

impl Words {
    /// Reads a table.
    pub fn parse(text: &str) -> Result<Words, String> {
        let languages: BTreeMap<String, Language> =
            toml::from_str(text).map_err(|e| e.to_string())?;
        // The strings live as long as the program: the table is read once.
        let leak = |s: &str| -> &'static str { Box::leak(s.to_owned().into_boxed_str()) };
        let mut action_words = Vec::new();
        let mut action_of = Vec::new();
        let (mut counted, mut word_lang, mut none, mut none_lang) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut chrome, mut chrome_ends) = (Vec::new(), Vec::new());
        let (mut removed, mut removed_lang) = (Vec::new(), Vec::new());
        let (mut weekdays, mut months, mut date_words, mut at) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (code, l) in &languages {
            let code = leak(code);
            for (words, action) in [
                (&l.reply_delete, Action::ReplyDelete),
                (&l.delete, Action::Delete),
            ] {
                for w in words {
                    action_words.push(w.clone());
                    action_of.push((action, code));
                }
            }
            for w in &l.comment_words {
                counted.push(w.clone());
                word_lang.push(code);
            }
            for w in &l.no_comments {
                none.push(w.clone());
                none_lang.push(code);
            }
            let ends: Vec<&String> = l.section_end().collect();
            for w in l.chrome() {
                chrome.push(w.clone());
                chrome_ends.push(ends.contains(&w));
            }
            for w in &l.removed {
                removed.push(w.clone());
                removed_lang.push(code);
            }
            weekdays.extend(l.weekdays.iter().cloned());
            months.extend(l.months.iter().cloned());
            date_words.extend(l.date_words.iter().cloned());
            at.extend(l.at.iter().cloned());
        }
        Ok(Words {
            actions: Starts::new(&action_words, false)?,
            action_of,
            counted: Starts::new(&counted, true)?,
            none: Starts::new(&none, true)?,
            word_lang,
            none_lang,
            chrome: Starts::new(&chrome, false)?,
            chrome_ends,
            removed: Starts::new(&removed, false)?,
            removed_lang,
            weekdays: Starts::new(&weekdays, true)?,
            months: Starts::new(&months, true)?,
            date_words: Starts::new(&date_words, false)?,
            at: Starts::new(&at, false)?,
            languages,
        })
    }

    /// The action word `text` starts with, of any language.
    pub fn action(&self, text: &str) -> Option<Found<Action>> {
        let (i, len) = self.actions.find(text)?;
        let (action, lang) = self.action_of[i];
        Some((action, len, lang))
    }

    /// The word after a count that `text` starts with (`comments`,
    /// `comentarios`; ASCII letters in any case).
    pub fn comment_word(&self, text: &str) -> Option<Found<()>> {
        let (i, len) = self.counted.find(text)?;
        Some(((), len, self.word_lang[i]))
    }

    /// The words of an empty section's header `text` starts with (`No
    /// comments`, `No hay comentarios`).
    pub fn no_comments(&self, text: &str) -> Option<Found<()>> {
        let (i, len) = self.none.find(text)?;
        Some(((), len, self.none_lang[i]))
    }

    /// Whether `line` (trimmed) is page chrome: `Some(true)` when the page
    /// after it is the trailer.
    pub fn chrome(&self, line: &str) -> Option<bool> {
        let i = whole(&self.chrome, line)?;
        // A word may be chrome in one language and end the section in
        // another (German `Antworten` is both reply and replies).
        Some(self.chrome_ends[i])
    }

    /// The length of the weekday `text` starts with (`Tuesday`, `jueves`,
    /// `terça-feira`; ASCII letters in any case).
    pub fn weekday(&self, text: &str) -> Option<usize> {
        self.weekdays.find(text).map(|(_, len)| len)
    }

    /// The length of the month name `text` starts with (`January`, `Jan`,
    /// `febrero`, `kwietnia`).
    pub fn month(&self, text: &str) -> Option<usize> {
        self.months.find(text).map(|(_, len)| len)
    }

    /// The length of the word between a date's parts `text` starts with
    /// (`de`).
    pub fn date_word(&self, text: &str) -> Option<usize> {
        self.date_words.find(text).map(|(_, len)| len)
    }

    /// The length of the word between a timestamp's date and its clock
    /// `text` starts with (`at`, `à`, `um`).
    pub fn at(&self, text: &str) -> Option<usize> {
        self.at.find(text).map(|(_, len)| len)
    }

    /// The language of the removed-comment notice `line` (trimmed) is.
    pub fn removed(&self, line: &str) -> Option<&'static str> {
        whole(&self.removed, line).map(|i| self.removed_lang[i])
    }
}

/// The word of `words` that is all of `line`.
fn whole(words: &Starts, line: &str) -> Option<usize> {
    let (i, len) = words.find(line)?;
    (len == line.len()).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_table_reads_and_every_language_has_every_word() {
        let w = words();
        for code in ["en", "es", "pt-BR", "pt-PT", "fr", "de", "it", "nl", "pl"] {
            let l = w.languages.get(code).unwrap_or_else(|| panic!("{code}"));
            for (name, list) in [
                ("reply_delete", &l.reply_delete),
                ("delete", &l.delete),
                ("comment_words", &l.comment_words),
                ("no_comments", &l.no_comments),
                ("post_comment", &l.post_comment),
                ("removed", &l.removed),
                ("weekdays", &l.weekdays),
                ("months", &l.months),
            ] {
                assert!(!list.is_empty(), "{code}: {name}");
            }
            for c in &l.checked {
                assert!(
                    [
                        "reply_delete",
                        "delete",
                        "reply",
                        "replies",
                        "add_comment",
                        "load_more",
                        "post_comment",
                        "comment_words",
                        "no_comments",
                        "anonymous",
                        "removed",
                        "weekdays",
                        "months",
                        "date_words",
                        "at"
                    ]
                    .contains(&c.as_str()),
                    "{code}: checked names no entry: {c}"
                );
            }
        }
    }

    #[test]
    fn words_of_every_language_in_one_search() {
        let w = words();
        assert_eq!(
            w.action("ReplyDelete"),
            Some((Action::ReplyDelete, 11, "en"))
        );
        assert_eq!(
            w.action("ResponderBorrarHola"),
            Some((Action::ReplyDelete, 15, "es"))
        );
        assert_eq!(
            w.action("RispondiElimina"),
            Some((Action::ReplyDelete, 15, "it"))
        );
        assert_eq!(w.action("Delete"), Some((Action::Delete, 6, "en")));
        assert_eq!(w.action("Usuń"), Some((Action::Delete, 5, "pl")));
        assert_eq!(w.action("Deleted"), Some((Action::Delete, 6, "en")));
        assert_eq!(w.action("Hello"), None);
        assert_eq!(w.comment_word("COMMENTS:"), Some(((), 8, "en")));
        assert_eq!(w.comment_word("comentarios:").map(|f| f.2), Some("es"));
        assert_eq!(w.no_comments("Keine Kommentare:").map(|f| f.2), Some("de"));
        assert_eq!(w.chrome("Replies"), Some(false));
        assert_eq!(w.chrome("Publicar un comentario"), Some(true));
        assert_eq!(w.chrome("Replies to this"), None);
        assert_eq!(
            w.removed("This comment has been removed by the author."),
            Some("en")
        );
    }
}
