//! Keys to actions: one table, per mode. The help overlay is drawn from the
//! same table, so every key that works is listed; the config file rebinds
//! rows of it by name.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::reader::app::{Action, Edit};

/// What the keyboard is talking to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    List,
    Thread,
    /// Typing a find query.
    Prompt,
    Help,
    /// Choosing one of the focused comment's links.
    Links,
}

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

const fn k(c: char) -> Key {
    code(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
        alt: false,
    }
}

const fn alt(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
        alt: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        alt: false,
    }
}

/// Ctrl-C: it quits in every mode, whatever the config binds.
pub const CTRL_C: Key = ctrl('c');

/// One row of the default table. `name` is what the config file calls it.
pub struct Binding {
    pub name: &'static str,
    pub modes: &'static [Mode],
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

const BROWSE: &[Mode] = &[Mode::List, Mode::Thread];
const THREAD: &[Mode] = &[Mode::Thread];
const PROMPT: &[Mode] = &[Mode::Prompt];
const LINKS: &[Mode] = &[Mode::Links];

const fn bind(
    name: &'static str,
    modes: &'static [Mode],
    keys: &'static [Key],
    action: Action,
    help: &'static str,
) -> Binding {
    Binding {
        name,
        modes,
        keys,
        action,
        help,
    }
}

/// The default keys.
pub const BINDINGS: &[Binding] = &[
    bind(
        "next",
        BROWSE,
        &[k('j'), code(KeyCode::Down)],
        Action::Next,
        "next comment (list: next post)",
    ),
    bind(
        "prev",
        BROWSE,
        &[k('k'), code(KeyCode::Up)],
        Action::Prev,
        "previous comment (list: previous)",
    ),
    bind(
        "next_sibling",
        THREAD,
        &[k('J')],
        Action::NextSibling,
        "next at same or shallower depth",
    ),
    bind(
        "prev_sibling",
        THREAD,
        &[k('K')],
        Action::PrevSibling,
        "prev. at same or shallower depth",
    ),
    bind(
        "parent",
        THREAD,
        &[k('P')],
        Action::Parent,
        "parent comment",
    ),
    bind(
        "root",
        THREAD,
        &[k('r')],
        Action::Root,
        "root of this thread",
    ),
    bind(
        "next_top",
        THREAD,
        &[k('}')],
        Action::NextTop,
        "next top-level comment",
    ),
    bind(
        "prev_top",
        THREAD,
        &[k('{')],
        Action::PrevTop,
        "previous top-level comment",
    ),
    bind(
        "next_new",
        BROWSE,
        &[k(']')],
        Action::NextNew,
        "next new comment",
    ),
    bind(
        "prev_new",
        BROWSE,
        &[k('[')],
        Action::PrevNew,
        "previous new comment",
    ),
    bind(
        "next_post",
        BROWSE,
        &[ctrl('n')],
        Action::NextPost,
        "next post",
    ),
    bind(
        "prev_post",
        BROWSE,
        &[ctrl('p')],
        Action::PrevPost,
        "previous post",
    ),
    bind(
        "toggle_read",
        BROWSE,
        &[k('m')],
        Action::ToggleRead,
        "mark post read / unread",
    ),
    bind(
        "page_down",
        BROWSE,
        &[k(' '), k('f'), code(KeyCode::PageDown)],
        Action::PageDown,
        "page down",
    ),
    bind(
        "page_up",
        BROWSE,
        &[k('b'), code(KeyCode::PageUp)],
        Action::PageUp,
        "page up",
    ),
    bind(
        "half_down",
        BROWSE,
        &[k('d'), ctrl('d')],
        Action::HalfDown,
        "half a page down",
    ),
    bind(
        "half_up",
        BROWSE,
        &[k('u'), ctrl('u')],
        Action::HalfUp,
        "half a page up",
    ),
    bind(
        "top",
        BROWSE,
        &[k('g'), code(KeyCode::Home)],
        Action::Top,
        "top",
    ),
    bind(
        "bottom",
        BROWSE,
        &[k('G'), code(KeyCode::End)],
        Action::Bottom,
        "bottom",
    ),
    bind(
        "enter",
        BROWSE,
        &[code(KeyCode::Enter)],
        Action::Enter,
        "fold/unfold (list: open post)",
    ),
    bind(
        "fold",
        THREAD,
        &[k('h'), code(KeyCode::Left)],
        Action::Fold,
        "fold",
    ),
    bind(
        "unfold",
        BROWSE,
        &[k('l'), code(KeyCode::Right)],
        Action::Unfold,
        "unfold (list: open post)",
    ),
    bind(
        "collapse_all",
        THREAD,
        &[k('C')],
        Action::CollapseAll,
        "collapse all",
    ),
    bind(
        "expand_all",
        THREAD,
        &[k('E')],
        Action::ExpandAll,
        "expand all",
    ),
    bind(
        "find",
        BROWSE,
        &[k('/')],
        Action::FindStart,
        "find in this post",
    ),
    bind(
        "find_next",
        BROWSE,
        &[k('n')],
        Action::FindNext,
        "next match",
    ),
    bind(
        "find_prev",
        BROWSE,
        &[k('N')],
        Action::FindPrev,
        "previous match",
    ),
    bind(
        "save_comment",
        THREAD,
        &[k('s')],
        Action::SaveComment,
        "save comment + replies as text",
    ),
    bind(
        "save_thread",
        BROWSE,
        &[k('S')],
        Action::SaveThread,
        "save the whole thread as text",
    ),
    bind(
        "copy_text",
        THREAD,
        &[k('y')],
        Action::CopyText,
        "copy comment text (OSC 52)",
    ),
    bind(
        "copy_ref",
        THREAD,
        &[k('Y')],
        Action::CopyRef,
        "copy reference file:line #id",
    ),
    bind(
        "open_link",
        THREAD,
        &[k('o')],
        Action::OpenLink,
        "open the comment's link",
    ),
    bind(
        "switch_pane",
        BROWSE,
        &[code(KeyCode::Tab)],
        Action::SwitchPane,
        "switch list / thread",
    ),
    bind(
        "back",
        BROWSE,
        &[k('q'), code(KeyCode::Esc)],
        Action::Back,
        "back (from the list: quit)",
    ),
    bind(
        "help",
        BROWSE,
        &[k('?'), code(KeyCode::F(1))],
        Action::Help,
        "this help",
    ),
    bind(
        "find_accept",
        PROMPT,
        &[code(KeyCode::Enter)],
        Action::FindAccept,
        "keep the find",
    ),
    bind(
        "find_cancel",
        PROMPT,
        &[code(KeyCode::Esc)],
        Action::FindCancel,
        "cancel, back to where you were",
    ),
    bind(
        "find_backspace",
        PROMPT,
        &[code(KeyCode::Backspace)],
        Action::FindBackspace,
        "delete a character",
    ),
    bind(
        "find_regex",
        PROMPT,
        &[ctrl('r')],
        Action::FindToggleRegex,
        "toggle regular expression",
    ),
    bind(
        "find_delete",
        PROMPT,
        &[code(KeyCode::Delete), ctrl('d')],
        Action::Edit(Edit::DeleteNext),
        "delete the character at the caret",
    ),
    bind(
        "find_delete_word",
        PROMPT,
        &[ctrl('w')],
        Action::Edit(Edit::DeleteWord),
        "delete the word before the caret",
    ),
    bind(
        "find_delete_to_start",
        PROMPT,
        &[ctrl('u')],
        Action::Edit(Edit::DeleteToStart),
        "delete to the start",
    ),
    bind(
        "find_delete_to_end",
        PROMPT,
        &[ctrl('k')],
        Action::Edit(Edit::DeleteToEnd),
        "delete to the end",
    ),
    bind(
        "find_start_of_line",
        PROMPT,
        &[ctrl('a'), code(KeyCode::Home)],
        Action::Edit(Edit::Start),
        "caret to the start",
    ),
    bind(
        "find_end_of_line",
        PROMPT,
        &[ctrl('e'), code(KeyCode::End)],
        Action::Edit(Edit::End),
        "caret to the end",
    ),
    bind(
        "find_left",
        PROMPT,
        &[code(KeyCode::Left), ctrl('b')],
        Action::Edit(Edit::Left),
        "caret left",
    ),
    bind(
        "find_right",
        PROMPT,
        &[code(KeyCode::Right), ctrl('f')],
        Action::Edit(Edit::Right),
        "caret right",
    ),
    bind(
        "find_word_left",
        PROMPT,
        &[alt('b')],
        Action::Edit(Edit::WordLeft),
        "caret a word left",
    ),
    bind(
        "find_word_right",
        PROMPT,
        &[alt('f')],
        Action::Edit(Edit::WordRight),
        "caret a word right",
    ),
    bind(
        "link_next",
        LINKS,
        &[k('j'), code(KeyCode::Down)],
        Action::Next,
        "next link (1-9: open that one)",
    ),
    bind(
        "link_prev",
        LINKS,
        &[k('k'), code(KeyCode::Up)],
        Action::Prev,
        "previous link",
    ),
    bind(
        "link_open",
        LINKS,
        &[code(KeyCode::Enter)],
        Action::Enter,
        "open the chosen link",
    ),
    bind(
        "link_close",
        LINKS,
        &[k('q'), code(KeyCode::Esc)],
        Action::Back,
        "close the link list",
    ),
    bind(
        "help_down",
        &[Mode::Help],
        &[k('j'), code(KeyCode::Down), code(KeyCode::PageDown)],
        Action::PageDown,
        "scroll the help down",
    ),
    bind(
        "help_up",
        &[Mode::Help],
        &[k('k'), code(KeyCode::Up), code(KeyCode::PageUp)],
        Action::PageUp,
        "scroll the help up",
    ),
    bind(
        "close_help",
        &[Mode::Help],
        &[k('q'), k('?'), code(KeyCode::Esc), code(KeyCode::F(1))],
        Action::Back,
        "close help",
    ),
    bind(
        "quit",
        &[
            Mode::List,
            Mode::Thread,
            Mode::Prompt,
            Mode::Help,
            Mode::Links,
        ],
        &[ctrl('c')],
        Action::Quit,
        "quit",
    ),
];

/// A row of the table in use: the default keys, or the config file's.
#[derive(Debug, Clone)]
pub struct Bound {
    pub name: &'static str,
    pub modes: &'static [Mode],
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
}

/// The key table in use.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Bound>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: BINDINGS
                .iter()
                .map(|b| Bound {
                    name: b.name,
                    modes: b.modes,
                    keys: b.keys.to_vec(),
                    action: b.action.clone(),
                    help: b.help,
                })
                .collect(),
        }
    }
}

impl Keymap {
    pub fn bindings(&self) -> &[Bound] {
        &self.bindings
    }

    /// Gives the action called `name` these keys instead of its defaults.
    pub fn rebind(&mut self, name: &str, keys: Vec<Key>) -> Result<(), String> {
        let Some(b) = self.bindings.iter_mut().find(|b| b.name == name) else {
            return Err(format!("no action called `{name}`"));
        };
        b.keys = keys;
        Ok(())
    }

    /// The first key bound to two actions in one mode: (key, first, second).
    pub fn conflict(&self) -> Option<(Key, &'static str, &'static str)> {
        for (i, a) in self.bindings.iter().enumerate() {
            for b in &self.bindings[i + 1..] {
                if !a.modes.iter().any(|m| b.modes.contains(m)) {
                    continue;
                }
                if let Some(key) = a.keys.iter().find(|key| b.keys.contains(key)) {
                    return Some((*key, a.name, b.name));
                }
            }
        }
        None
    }

    /// The action a key means in a mode. In the find prompt, a character key
    /// that is not bound types itself; in the link list, a digit picks a link.
    pub fn resolve(&self, mode: Mode, key: KeyEvent) -> Option<Action> {
        let pressed = Key {
            code: key.code,
            ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
            alt: key.modifiers.contains(KeyModifiers::ALT),
        };
        if pressed == CTRL_C {
            return Some(Action::Quit);
        }
        let bound = |modes: &dyn Fn(&[Mode]) -> bool| {
            self.bindings
                .iter()
                .find(|b| modes(b.modes) && b.keys.contains(&pressed))
                .map(|b| b.action.clone())
        };
        let plain_char = match pressed {
            Key {
                code: KeyCode::Char(c),
                ctrl: false,
                alt: false,
            } => Some(c),
            _ => None,
        };
        match (mode, plain_char) {
            // In the prompt a character types itself, unless a key of the
            // prompt's own (not one bound everywhere) claims it.
            (Mode::Prompt, Some(c)) => {
                Some(bound(&|m: &[Mode]| m == [Mode::Prompt]).unwrap_or(Action::FindInput(c)))
            }
            (Mode::Links, Some(c @ '1'..='9')) => {
                bound(&|m: &[Mode]| m.contains(&mode)).or(Some(Action::PickLink(c as u8 - b'1')))
            }
            // An Alt-x that nothing binds is also what a terminal makes of
            // Esc and x arriving together: it does nothing.
            _ => bound(&|m: &[Mode]| m.contains(&mode)),
        }
    }

    /// The first key of an action, as the help shows it (`?`), for hints.
    pub fn hint(&self, name: &str) -> Option<String> {
        let b = self.bindings.iter().find(|b| b.name == name)?;
        b.keys.first().map(describe)
    }
}

/// One line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Section(&'static str),
    Keys { keys: String, what: &'static str },
}

/// The help overlay's lines, from the key table in use: each section's
/// heading, then its keys and what they do.
pub fn help_lines(keys: &Keymap) -> Vec<HelpLine> {
    let mut lines = Vec::new();
    let mut section = "";
    for b in keys.bindings() {
        let s = match b.modes[0] {
            Mode::Prompt => "In the find prompt",
            Mode::Help => "In this help",
            Mode::Links => "In the link list",
            _ if b.modes.len() > 2 => "Anywhere",
            _ => "Reading",
        };
        if s != section {
            section = s;
            lines.push(HelpLine::Section(s));
        }
        let shown: Vec<String> = b.keys.iter().map(describe).collect();
        lines.push(HelpLine::Keys {
            keys: shown.join(" "),
            what: b.help,
        });
    }
    lines
}

/// `j`, `Ctrl-N`, `PgDn`: a key as the help overlay shows it.
pub fn describe(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        code => NAMED
            .iter()
            .find(|(_, c)| *c == code)
            .map_or_else(|| format!("{code:?}"), |(n, _)| (*n).to_owned()),
    };
    if key.ctrl {
        format!("Ctrl-{}", name.to_uppercase())
    } else if key.alt {
        format!("Alt-{name}")
    } else {
        name
    }
}

const NAMED: &[(&str, KeyCode)] = &[
    ("Space", KeyCode::Char(' ')),
    ("Down", KeyCode::Down),
    ("Up", KeyCode::Up),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PgDn", KeyCode::PageDown),
    ("PgUp", KeyCode::PageUp),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Enter", KeyCode::Enter),
    ("Tab", KeyCode::Tab),
    ("Esc", KeyCode::Esc),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
];

/// Reads a key as the config file writes it: `j`, `J`, `Ctrl-n`, `Space`,
/// `PgDn`, `F1` (names in any case; a single character as it is).
pub fn parse_key(text: &str) -> Result<Key, String> {
    let prefix = |p: &str| {
        text.get(..p.len())
            .filter(|head| head.eq_ignore_ascii_case(p) && text.len() > p.len())
            .map(|_| &text[p.len()..])
    };
    let (ctrl, alt, rest) = match (prefix("ctrl-"), prefix("alt-")) {
        (Some(rest), _) => (true, false, rest),
        (None, Some(rest)) => (false, true, rest),
        (None, None) => (false, false, text),
    };
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
        _ => {
            if let Some(n) = rest
                .strip_prefix(['F', 'f'])
                .and_then(|n| n.parse::<u8>().ok())
                .filter(|n| (1..=12).contains(n))
            {
                KeyCode::F(n)
            } else {
                NAMED
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(rest))
                    .map(|(_, c)| *c)
                    .ok_or_else(|| {
                        format!(
                            "`{text}` is not a key (write a character, Ctrl-x, Alt-x, F1-F12 or one of {})",
                            NAMED.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                        )
                    })?
            }
        }
    };
    Ok(Key { code, ctrl, alt })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn shifted_letters_and_control_keys_resolve() {
        let map = Keymap::default();
        assert_eq!(
            map.resolve(Mode::Thread, key(KeyCode::Char('J'), KeyModifiers::SHIFT)),
            Some(Action::NextSibling)
        );
        assert_eq!(
            map.resolve(Mode::Thread, key(KeyCode::Char('n'), KeyModifiers::CONTROL)),
            Some(Action::NextPost)
        );
        assert_eq!(
            map.resolve(Mode::Thread, key(KeyCode::Char('n'), KeyModifiers::NONE)),
            Some(Action::FindNext)
        );
    }

    #[test]
    fn the_prompt_types_unbound_characters() {
        let map = Keymap::default();
        assert_eq!(
            map.resolve(Mode::Prompt, key(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::FindInput('q'))
        );
        assert_eq!(
            map.resolve(Mode::Prompt, key(KeyCode::Char('r'), KeyModifiers::CONTROL)),
            Some(Action::FindToggleRegex)
        );
        assert_eq!(
            map.resolve(Mode::Prompt, key(KeyCode::Esc, KeyModifiers::NONE)),
            Some(Action::FindCancel)
        );
        assert_eq!(
            map.resolve(Mode::Prompt, key(KeyCode::Char('q'), KeyModifiers::ALT)),
            None
        );
    }

    #[test]
    fn in_the_prompt_characters_type_even_when_bound_elsewhere() {
        let mut map = Keymap::default();
        map.rebind("quit", vec![parse_key("Q").unwrap()]).unwrap();
        assert_eq!(
            map.resolve(Mode::Prompt, key(KeyCode::Char('Q'), KeyModifiers::SHIFT)),
            Some(Action::FindInput('Q'))
        );
        assert_eq!(
            map.resolve(Mode::List, key(KeyCode::Char('Q'), KeyModifiers::SHIFT)),
            Some(Action::Quit)
        );
        assert_eq!(
            map.resolve(Mode::Prompt, key(KeyCode::Char('b'), KeyModifiers::ALT)),
            Some(Action::Edit(Edit::WordLeft))
        );
        assert_eq!(
            map.resolve(Mode::Prompt, key(KeyCode::Char('w'), KeyModifiers::CONTROL)),
            Some(Action::Edit(Edit::DeleteWord))
        );
    }

    #[test]
    fn digits_pick_a_link_in_the_link_list() {
        let map = Keymap::default();
        assert_eq!(
            map.resolve(Mode::Links, key(KeyCode::Char('3'), KeyModifiers::NONE)),
            Some(Action::PickLink(2))
        );
        assert_eq!(
            map.resolve(Mode::Links, key(KeyCode::Char('0'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn no_key_means_two_things_in_one_mode_and_names_are_unique() {
        let map = Keymap::default();
        assert_eq!(map.conflict(), None);
        let mut names: Vec<&str> = BINDINGS.iter().map(|b| b.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), BINDINGS.len());
    }

    #[test]
    fn a_remapped_key_changes_what_the_table_returns() {
        let mut map = Keymap::default();
        let x = key(KeyCode::Char('x'), KeyModifiers::NONE);
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(map.resolve(Mode::Thread, x), None);
        map.rebind("next", vec![parse_key("x").unwrap()]).unwrap();
        assert_eq!(map.resolve(Mode::Thread, x), Some(Action::Next));
        assert_eq!(map.resolve(Mode::Thread, j), None);
        assert_eq!(map.hint("next").as_deref(), Some("x"));
        assert!(map.rebind("jump", vec![]).is_err());
    }

    #[test]
    fn a_key_bound_twice_is_a_conflict_naming_both_actions() {
        let mut map = Keymap::default();
        map.rebind("fold", vec![parse_key("j").unwrap()]).unwrap();
        let (key, a, b) = map.conflict().expect("conflict");
        assert_eq!(describe(&key), "j");
        assert_eq!((a, b), ("next", "fold"));
        // The same key in modes that never meet is no conflict.
        let mut map = Keymap::default();
        map.rebind("find_accept", vec![parse_key("x").unwrap()])
            .unwrap();
        map.rebind("fold", vec![parse_key("x").unwrap()]).unwrap();
        assert_eq!(map.conflict(), None);
    }

    #[test]
    fn keys_parse_as_the_help_shows_them() {
        for b in BINDINGS {
            for key in b.keys {
                assert_eq!(parse_key(&describe(key)), Ok(*key), "{}", describe(key));
            }
        }
        assert_eq!(parse_key("ctrl-N"), Ok(ctrl('n')));
        assert_eq!(parse_key("pgdn"), Ok(code(KeyCode::PageDown)));
        assert_eq!(parse_key("é"), Ok(k('é')));
        assert!(parse_key("Ctrl-").is_err());
        assert_eq!(parse_key("Ctrl--"), Ok(ctrl('-')));
        assert!(parse_key("F13").is_err());
        assert_eq!(parse_key("Alt-b"), Ok(alt('b')));
        assert_eq!(describe(&alt('f')), "Alt-f");
        assert!(parse_key("jk").unwrap_err().contains("`jk` is not a key"));
        assert!(parse_key("").is_err());
    }
}
