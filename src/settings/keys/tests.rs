//! The key table: resolving, remapping, clashes, names.

use super::key::{alt, code, ctrl, k};
use super::*;
use crate::settings::actions::Edit;

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
    for (mode, code, modifiers, action) in [
        (
            Mode::Prompt,
            KeyCode::Char('Q'),
            KeyModifiers::SHIFT,
            Action::FindInput('Q'),
        ),
        (
            Mode::List,
            KeyCode::Char('Q'),
            KeyModifiers::SHIFT,
            Action::Quit,
        ),
        (
            Mode::Prompt,
            KeyCode::Char('b'),
            KeyModifiers::ALT,
            Action::Edit(Edit::WordLeft),
        ),
        (
            Mode::Prompt,
            KeyCode::Char('w'),
            KeyModifiers::CONTROL,
            Action::Edit(Edit::DeleteWord),
        ),
    ] {
        assert_eq!(
            map.resolve(mode, key(code, modifiers)),
            Some(action),
            "{mode:?} {code:?}"
        );
    }
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
