//! The default key table: every action, the modes it works in, its keys
//! and the line the help shows for it; and what a key is.

use ratatui::crossterm::event::KeyCode;

use crate::settings::actions::{Action, Edit, Mode, Place};

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

pub(super) const fn k(c: char) -> Key {
    code(KeyCode::Char(c))
}

pub(super) const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
        alt: false,
    }
}

pub(super) const fn alt(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
        alt: true,
    }
}

pub(super) const fn code(code: KeyCode) -> Key {
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
const AFTER_Z: &[Mode] = &[Mode::AfterZ];

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
        "place",
        THREAD,
        &[k('z')],
        Action::PlacePrefix,
        "then z / t / b: centre, top, bottom",
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
        "place_centre",
        AFTER_Z,
        &[k('z'), k('.')],
        Action::Place(Place::Centre),
        "focused comment to the centre",
    ),
    bind(
        "place_top",
        AFTER_Z,
        &[k('t'), code(KeyCode::Enter)],
        Action::Place(Place::Top),
        "focused comment to the top",
    ),
    bind(
        "place_bottom",
        AFTER_Z,
        &[k('b'), k('-')],
        Action::Place(Place::Bottom),
        "focused comment to the bottom",
    ),
    bind(
        "quit",
        &[
            Mode::List,
            Mode::Thread,
            Mode::Prompt,
            Mode::Help,
            Mode::Links,
            Mode::AfterZ,
        ],
        &[ctrl('c')],
        Action::Quit,
        "quit",
    ),
];
