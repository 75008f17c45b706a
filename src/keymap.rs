//! Keys to actions: one table, per mode. The help overlay is drawn from the
//! same table, so every key that works is listed.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::Action;

/// What the keyboard is talking to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    List,
    Thread,
    /// Typing a find query.
    Prompt,
    Help,
}

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

pub struct Binding {
    pub modes: &'static [Mode],
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

const BROWSE: &[Mode] = &[Mode::List, Mode::Thread];
const THREAD: &[Mode] = &[Mode::Thread];

const fn bind(
    modes: &'static [Mode],
    keys: &'static [Key],
    action: Action,
    help: &'static str,
) -> Binding {
    Binding {
        modes,
        keys,
        action,
        help,
    }
}

pub const BINDINGS: &[Binding] = &[
    bind(
        BROWSE,
        &[k('j'), code(KeyCode::Down)],
        Action::Next,
        "next comment (list: next post)",
    ),
    bind(
        BROWSE,
        &[k('k'), code(KeyCode::Up)],
        Action::Prev,
        "previous comment (list: previous)",
    ),
    bind(
        THREAD,
        &[k('J')],
        Action::NextSibling,
        "next at same or shallower depth",
    ),
    bind(
        THREAD,
        &[k('K')],
        Action::PrevSibling,
        "prev. at same or shallower depth",
    ),
    bind(THREAD, &[k('P')], Action::Parent, "parent comment"),
    bind(THREAD, &[k('r')], Action::Root, "root of this thread"),
    bind(THREAD, &[k('}')], Action::NextTop, "next top-level comment"),
    bind(
        THREAD,
        &[k('{')],
        Action::PrevTop,
        "previous top-level comment",
    ),
    bind(BROWSE, &[ctrl('n')], Action::NextPost, "next post"),
    bind(BROWSE, &[ctrl('p')], Action::PrevPost, "previous post"),
    bind(
        BROWSE,
        &[k(' '), k('f'), code(KeyCode::PageDown)],
        Action::PageDown,
        "page down",
    ),
    bind(
        BROWSE,
        &[k('b'), code(KeyCode::PageUp)],
        Action::PageUp,
        "page up",
    ),
    bind(
        BROWSE,
        &[k('d'), ctrl('d')],
        Action::HalfDown,
        "half a page down",
    ),
    bind(
        BROWSE,
        &[k('u'), ctrl('u')],
        Action::HalfUp,
        "half a page up",
    ),
    bind(BROWSE, &[k('g'), code(KeyCode::Home)], Action::Top, "top"),
    bind(
        BROWSE,
        &[k('G'), code(KeyCode::End)],
        Action::Bottom,
        "bottom",
    ),
    bind(
        BROWSE,
        &[code(KeyCode::Enter)],
        Action::Enter,
        "fold/unfold (list: open post)",
    ),
    bind(THREAD, &[k('h'), code(KeyCode::Left)], Action::Fold, "fold"),
    bind(
        BROWSE,
        &[k('l'), code(KeyCode::Right)],
        Action::Unfold,
        "unfold (list: open post)",
    ),
    bind(THREAD, &[k('C')], Action::CollapseAll, "collapse all"),
    bind(THREAD, &[k('E')], Action::ExpandAll, "expand all"),
    bind(BROWSE, &[k('/')], Action::FindStart, "find in this post"),
    bind(BROWSE, &[k('n')], Action::FindNext, "next match"),
    bind(BROWSE, &[k('N')], Action::FindPrev, "previous match"),
    bind(
        BROWSE,
        &[code(KeyCode::Tab)],
        Action::SwitchPane,
        "switch list / thread",
    ),
    bind(
        BROWSE,
        &[k('q'), code(KeyCode::Esc)],
        Action::Back,
        "back (from the list: quit)",
    ),
    bind(
        BROWSE,
        &[k('?'), code(KeyCode::F(1))],
        Action::Help,
        "this help",
    ),
    bind(
        &[Mode::Prompt],
        &[code(KeyCode::Enter)],
        Action::FindAccept,
        "keep the find",
    ),
    bind(
        &[Mode::Prompt],
        &[code(KeyCode::Esc)],
        Action::FindCancel,
        "cancel, back to where you were",
    ),
    bind(
        &[Mode::Prompt],
        &[code(KeyCode::Backspace)],
        Action::FindBackspace,
        "delete a character",
    ),
    bind(
        &[Mode::Prompt],
        &[ctrl('r')],
        Action::FindToggleRegex,
        "toggle regular expression",
    ),
    bind(
        &[Mode::Help],
        &[k('q'), k('?'), code(KeyCode::Esc), code(KeyCode::F(1))],
        Action::Back,
        "close help",
    ),
    bind(
        &[Mode::List, Mode::Thread, Mode::Prompt, Mode::Help],
        &[ctrl('c')],
        Action::Quit,
        "quit",
    ),
];

/// The action a key means in a mode. In the find prompt, a character key
/// that is not bound types itself.
pub fn resolve(mode: Mode, key: KeyEvent) -> Option<Action> {
    let pressed = Key {
        code: key.code,
        ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
    };
    let bound = BINDINGS
        .iter()
        .find(|b| b.modes.contains(&mode) && b.keys.contains(&pressed))
        .map(|b| b.action);
    match (bound, mode, pressed) {
        (Some(a), ..) => Some(a),
        (
            None,
            Mode::Prompt,
            Key {
                code: KeyCode::Char(c),
                ctrl: false,
            },
        ) => Some(Action::FindInput(c)),
        _ => None,
    }
}

/// `j`, `Ctrl-N`, `PgDn`: a key as the help overlay shows it.
pub fn describe(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "Down".into(),
        KeyCode::Up => "Up".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.ctrl {
        format!("Ctrl-{}", name.to_uppercase())
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn shifted_letters_and_control_keys_resolve() {
        assert_eq!(
            resolve(Mode::Thread, key(KeyCode::Char('J'), KeyModifiers::SHIFT)),
            Some(Action::NextSibling)
        );
        assert_eq!(
            resolve(Mode::Thread, key(KeyCode::Char('n'), KeyModifiers::CONTROL)),
            Some(Action::NextPost)
        );
        assert_eq!(
            resolve(Mode::Thread, key(KeyCode::Char('n'), KeyModifiers::NONE)),
            Some(Action::FindNext)
        );
    }

    #[test]
    fn the_prompt_types_unbound_characters() {
        assert_eq!(
            resolve(Mode::Prompt, key(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::FindInput('q'))
        );
        assert_eq!(
            resolve(Mode::Prompt, key(KeyCode::Char('r'), KeyModifiers::CONTROL)),
            Some(Action::FindToggleRegex)
        );
        assert_eq!(
            resolve(Mode::Prompt, key(KeyCode::Esc, KeyModifiers::NONE)),
            Some(Action::FindCancel)
        );
    }

    #[test]
    fn no_key_means_two_things_in_one_mode() {
        for mode in [Mode::List, Mode::Thread, Mode::Prompt, Mode::Help] {
            let mut seen: Vec<Key> = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.modes.contains(&mode)) {
                for key in b.keys {
                    assert!(
                        !seen.contains(key),
                        "{} bound twice in {mode:?}",
                        describe(key)
                    );
                    seen.push(*key);
                }
            }
        }
    }
}
