//! Keys to actions: one table (`table`), per mode. The help overlay is
//! drawn from the same table, so every key that works is listed; the config
//! file rebinds rows of it by name.

mod key;
mod table;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use key::{CTRL_C, Key, describe, parse_key};
pub use table::{BINDINGS, Binding};

use crate::settings::actions::{Action, Mode};

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
            // A digit nothing binds starts (or goes on with) a count.
            (Mode::List | Mode::Thread | Mode::Panel, Some(c @ '0'..='9')) => {
                bound(&|m: &[Mode]| m.contains(&mode)).or(Some(Action::Digit(c as u8 - b'0')))
            }
            // After `z`, a key that means nothing there cancels it.
            (Mode::AfterZ, _) => bound(&|m: &[Mode]| m.contains(&mode)).or(Some(Action::Back)),
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
            Mode::AfterZ => "After z",
            Mode::Panel => "In the source view and the diagnostics",
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

#[cfg(test)]
mod tests;
