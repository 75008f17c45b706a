//! Blogger's words around a comment section, in every language of the
//! bundled table (`assets/blogger-words.toml`, embedded at build time): the
//! action words, the page chrome, the words of a comments header, the
//! removed-comment notices, the names of weekdays and months. The table is
//! read once and never changes; the words of all languages are looked for
//! at once, in one index by first byte.

use std::{collections::BTreeMap, sync::OnceLock};

use serde::Deserialize;

use starts::Starts;

mod starts;

/// The table as the file holds it.
const TABLE: &str = include_str!("../../../assets/blogger-words.toml");

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

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Words")
            .field("languages", &self.languages.keys())
            .finish()
    }
}

/// Reads the bundled table and makes every automaton it looks words up
/// with (otherwise made as they are first wanted): for a thread started
/// when the program is, so the first parse waits for little.
pub fn warm_up() {
    words().warm();
}

/// The bundled table, read once.
pub fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    // The table is part of the program, and a test reads it.
    WORDS.get_or_init(|| Words::parse(TABLE).expect("the bundled words table reads"))
}

impl Words {
    /// Makes every automaton now, the ones the grammar meets first first;
    /// false when one cannot be made.
    pub fn warm(&self) -> bool {
        [
            &self.weekdays,
            &self.months,
            &self.date_words,
            &self.counted,
            &self.none,
            &self.actions,
            &self.at,
            &self.chrome,
            &self.removed,
            &self.icons,
        ]
        // Every one made (an array's map), then asked.
        .map(Starts::warm)
        .iter()
        .all(|&made| made)
    }

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
mod tests;
