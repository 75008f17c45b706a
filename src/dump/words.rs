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
    /// The end of a classic template's opening line (`said...`).
    pub said: Vec<String>,
    /// A profile icon's alt text before a classic line's name (`Blogger`).
    pub icon: Vec<String>,
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

/// The languages a word is Blogger's word in: a bit per language, in the
/// table's order. A page's language is what all its words agree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Langs(u64);

impl Langs {
    /// Every language: no evidence yet.
    pub const ANY: Langs = Langs(u64::MAX);

    /// The languages both say, or `self` when they share none (a page that
    /// mixes languages: the first evidence wins).
    pub fn narrow(self, other: Langs) -> Langs {
        match self.0 & other.0 {
            0 => self,
            both => Langs(both),
        }
    }
}

/// A word found at the start of a text: what it is, its length in bytes,
/// and the languages it is a word of.
pub type Found<T> = (T, usize, Langs);

/// Words of the table with the languages of each: a word two languages
/// share (`ResponderEliminar`, Spanish and Portugal's) has both.
#[derive(Default)]
struct Listed {
    words: Vec<String>,
    langs: Vec<Langs>,
}

impl Listed {
    fn push(&mut self, word: &str, lang: usize) {
        let bit = 1u64 << lang;
        if let Some(i) = self.words.iter().position(|w| w == word) {
            self.langs[i].0 |= bit;
        } else {
            self.words.push(word.to_owned());
            self.langs.push(Langs(bit));
        }
    }
}

/// The table, ready to match.
pub struct Words {
    /// By language code (`en`, `es`, `pt-BR`, ...).
    pub languages: BTreeMap<String, Language>,
    /// The codes, in the order of the bits of `Langs`.
    codes: Vec<&'static str>,
    actions: Starts,
    action_of: Vec<(Action, Langs)>,
    counted: Starts,
    none: Starts,
    counted_langs: Vec<Langs>,
    none_langs: Vec<Langs>,
    /// Whole lines: chrome (and whether it ends the section) and notices.
    chrome: Starts,
    chrome_of: Vec<(bool, Langs)>,
    removed: Starts,
    removed_langs: Vec<Langs>,
    weekdays: Starts,
    months: Starts,
    date_words: Starts,
    at: Starts,
    /// Every language's `said...` forms, longest first, with their
    /// language: looked for only at the end of a line that ends in `...`
    /// or `…`.
    said: Vec<(String, Langs)>,
    icons: Starts,
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
        if languages.len() > 64 {
            return Err("more than 64 languages".into());
        }
        // The codes live as long as the program: the table is read once.
        let codes: Vec<&'static str> = languages
            .keys()
            .map(|c| -> &'static str { Box::leak(c.clone().into_boxed_str()) })
            .collect();
        let (mut replies, mut deletes) = (Listed::default(), Listed::default());
        let (mut counted, mut none) = (Listed::default(), Listed::default());
        let (mut chrome, mut ends, mut removed) =
            (Listed::default(), Listed::default(), Listed::default());
        let mut said = Listed::default();
        let (mut weekdays, mut months, mut date_words, mut at, mut icons) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (lang, (code, l)) in languages.iter().enumerate() {
            let listed = [
                (&mut replies, &l.reply_delete),
                (&mut deletes, &l.delete),
                (&mut counted, &l.comment_words),
                (&mut none, &l.no_comments),
                (&mut removed, &l.removed),
                (&mut said, &l.said),
            ];
            for (list, words) in listed {
                for w in words {
                    list.push(w, lang);
                }
            }
            for w in l.chrome() {
                // The grammar looks no further (`lines::CHROME_LONGEST`).
                if w.len() > 48 {
                    return Err(format!("{code}: chrome {w:?} is over 48 bytes"));
                }
                chrome.push(w, lang);
            }
            for w in l.section_end() {
                ends.push(w, lang);
            }
            for w in &l.said {
                if !(w.ends_with("...") || w.ends_with('…')) || w.starts_with(' ') {
                    return Err(format!("{code}: said {w:?} must end in ... or …"));
                }
            }
            weekdays.extend(l.weekdays.iter().cloned());
            months.extend(l.months.iter().cloned());
            date_words.extend(l.date_words.iter().cloned());
            at.extend(l.at.iter().cloned());
            icons.extend(l.icon.iter().map(|w| format!("{w} ")));
        }
        if let Some(w) = replies.words.iter().find(|w| deletes.words.contains(w)) {
            return Err(format!("{w:?} is both reply_delete and delete"));
        }
        let action_of = replies
            .langs
            .iter()
            .map(|&l| (Action::ReplyDelete, l))
            .chain(deletes.langs.iter().map(|&l| (Action::Delete, l)))
            .collect();
        let action_words: Vec<String> = replies.words.into_iter().chain(deletes.words).collect();
        // A word may be chrome in one language and end the section in
        // another (German `Antworten` is both reply and replies): it ends
        // the section where it does in any.
        let chrome_of = chrome
            .words
            .iter()
            .zip(&chrome.langs)
            .map(|(w, &l)| (ends.words.contains(w), l))
            .collect();
        let mut said: Vec<(String, Langs)> = said.words.into_iter().zip(said.langs).collect();
        said.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        Ok(Words {
            codes,
            actions: Starts::new(&action_words, false)?,
            action_of,
            counted: Starts::new(&counted.words, true)?,
            none: Starts::new(&none.words, true)?,
            counted_langs: counted.langs,
            none_langs: none.langs,
            chrome: Starts::new(&chrome.words, false)?,
            chrome_of,
            removed: Starts::new(&removed.words, false)?,
            removed_langs: removed.langs,
            weekdays: Starts::new(&weekdays, true)?,
            months: Starts::new(&months, true)?,
            date_words: Starts::new(&date_words, false)?,
            at: Starts::new(&at, false)?,
            said,
            icons: Starts::new(&icons, false)?,
            languages,
        })
    }

    /// The code of the first language of `langs` in the table's order
    /// (`None` for no evidence).
    pub fn code(&self, langs: Langs) -> Option<&'static str> {
        if langs == Langs::ANY {
            return None;
        }
        self.codes
            .iter()
            .enumerate()
            .find(|(i, _)| langs.0 >> i & 1 == 1)
            .map(|(_, c)| *c)
    }

    /// Whether `langs` holds the language `code`.
    pub fn holds(&self, langs: Langs, code: &str) -> bool {
        self.codes
            .iter()
            .position(|c| *c == code)
            .is_some_and(|i| langs.0 >> i & 1 == 1)
    }

    /// The action word `text` starts with, of any language.
    pub fn action(&self, text: &str) -> Option<Found<Action>> {
        let (i, len) = self.actions.find(text)?;
        let (action, langs) = self.action_of[i];
        Some((action, len, langs))
    }

    /// The word after a count that `text` starts with (`comments`,
    /// `comentarios`; ASCII letters in any case).
    pub fn comment_word(&self, text: &str) -> Option<Found<()>> {
        let (i, len) = self.counted.find(text)?;
        Some(((), len, self.counted_langs[i]))
    }

    /// The words of an empty section's header `text` starts with (`No
    /// comments`, `No hay comentarios`).
    pub fn no_comments(&self, text: &str) -> Option<Found<()>> {
        let (i, len) = self.none.find(text)?;
        Some(((), len, self.none_langs[i]))
    }

    /// Whether `line` (trimmed) is page chrome: `Some((true, _))` when the
    /// page after it is the trailer; with the chrome's languages.
    pub fn chrome(&self, line: &str) -> Option<(bool, Langs)> {
        whole(&self.chrome, line).map(|i| self.chrome_of[i])
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

    /// A classic template's opening line (`line`, trimmed): `Anonymous
    /// said...`, `Blogger Pepper Potts said...`, `bo54 a dit…`. Gives the
    /// length of the icon's alt text before the name (with its space, 0 for
    /// none), the name's end, and the language. The name is one to eight
    /// words, with no `:`, `?`, `!` or quotation mark, and no `.` past its
    /// third word (`J.R. Smith`, not `It was late. He`).
    pub fn said(&self, line: &str) -> Option<(usize, usize, Langs)> {
        if !(line.ends_with('.') || line.ends_with('…')) || line.len() > 120 {
            return None;
        }
        let (form, lang) = self.said.iter().find(|(w, _)| line.ends_with(w.as_str()))?;
        let name = line[..line.len() - form.len()].strip_suffix(' ')?;
        let icon = match self.icons.find(name) {
            Some((_, len)) if len < name.len() => len,
            _ => 0,
        };
        let words = name[icon..].split_whitespace().count();
        let sentence = name.contains(['!', '?', ':', '"', '“', '”', '«', '»'])
            || (words > 3 && name.contains('.'));
        ((1..=8).contains(&words) && !sentence && !name.starts_with(char::is_whitespace))
            .then_some((icon, name.len(), *lang))
    }

    /// The language of the removed-comment notice `line` (trimmed) is.
    pub fn removed(&self, line: &str) -> Option<Langs> {
        whole(&self.removed, line).map(|i| self.removed_langs[i])
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
                ("said", &l.said),
                ("icon", &l.icon),
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
                        "at",
                        "said",
                        "icon"
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
        let action = |t: &str| w.action(t).map(|(a, len, l)| (a, len, w.code(l)));
        assert_eq!(
            action("ReplyDelete"),
            Some((Action::ReplyDelete, 11, Some("en")))
        );
        assert_eq!(
            action("ResponderBorrarHola"),
            Some((Action::ReplyDelete, 15, Some("es")))
        );
        assert_eq!(
            action("RispondiElimina"),
            Some((Action::ReplyDelete, 15, Some("it")))
        );
        assert_eq!(action("Delete"), Some((Action::Delete, 6, Some("en"))));
        assert_eq!(action("Usuń"), Some((Action::Delete, 5, Some("pl"))));
        assert_eq!(action("Deleted"), Some((Action::Delete, 6, Some("en"))));
        assert_eq!(action("Hello"), None);
        // A word two languages share is a word of both.
        let (_, _, shared) = w.action("ResponderEliminar").expect("found");
        assert!(w.holds(shared, "es") && w.holds(shared, "pt-PT"));
        assert!(!w.holds(shared, "pt-BR"));
        let (_, portugal) = w.chrome("Enviar um comentário").expect("found");
        assert_eq!(w.code(shared.narrow(portugal)), Some("pt-PT"));
        assert_eq!(w.code(Langs::ANY), None);
        let code = |f: Option<Found<()>>| f.and_then(|(_, _, l)| w.code(l));
        assert_eq!(w.comment_word("COMMENTS:").map(|f| f.1), Some(8));
        assert_eq!(code(w.comment_word("comentarios:")), Some("es"));
        assert_eq!(code(w.no_comments("Keine Kommentare:")), Some("de"));
        assert_eq!(w.chrome("Replies").map(|c| c.0), Some(false));
        assert_eq!(w.chrome("Publicar un comentario").map(|c| c.0), Some(true));
        assert_eq!(w.chrome("Replies to this"), None);
        assert_eq!(
            w.removed("This comment has been removed by the author.")
                .and_then(|l| w.code(l)),
            Some("en")
        );
    }

    #[test]
    fn a_classic_line_in_every_language_of_the_table() {
        let w = words();
        let said = |t: &str| w.said(t).map(|(icon, end, l)| (icon, end, w.code(l)));
        assert_eq!(said("Anonymous said..."), Some((0, 9, Some("en"))));
        assert_eq!(
            said("Blogger Pepper Potts said..."),
            Some((8, 20, Some("en")))
        );
        assert_eq!(said("Anonimo ha detto..."), Some((0, 7, Some("it"))));
        assert_eq!(said("bo54 a dit…"), Some((0, 4, Some("fr"))));
        assert_eq!(said("J.R. Smith said..."), Some((0, 10, Some("en"))));
        // `Blogger` alone is the name.
        assert_eq!(said("Blogger said..."), Some((0, 7, Some("en"))));
        assert_eq!(said("Who said..."), Some((0, 3, Some("en"))));
        assert_eq!(said("said..."), None);
        assert_eq!(said("Anonymous said"), None);
        assert_eq!(said("It was late. Then he said..."), None);
        assert_eq!(said("What has she said: nothing, he said..."), None);
        assert_eq!(
            said("and then one of the people in the queue said..."),
            None
        );
    }
}
