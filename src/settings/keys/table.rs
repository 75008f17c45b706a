//! The default key table: every action, the modes it works in, its keys
//! and the line the help shows for it.

use ratatui::crossterm::event::KeyCode;

use super::key::{Key, alt, code, ctrl, k};
use crate::settings::actions::{Action, Edit, Mode, Place};

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
const PANEL: &[Mode] = &[Mode::Panel];
const ANYWHERE: &[Mode] = &[
    Mode::List,
    Mode::Thread,
    Mode::Prompt,
    Mode::Help,
    Mode::Links,
    Mode::AfterZ,
    Mode::Panel,
];

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

/// The default keys, a row each (kept so: rustfmt would spread a row over
/// seven lines).
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind("next", BROWSE, &[k('j'), code(KeyCode::Down)], Action::Next, "next comment (list: next post)"),
    bind("prev", BROWSE, &[k('k'), code(KeyCode::Up)], Action::Prev, "previous comment (list: previous)"),
    bind("next_sibling", THREAD, &[k('J')], Action::NextSibling, "next at same or shallower depth"),
    bind("prev_sibling", THREAD, &[k('K')], Action::PrevSibling, "prev. at same or shallower depth"),
    bind("parent", THREAD, &[k('P')], Action::Parent, "parent comment"),
    bind("root", THREAD, &[k('r')], Action::Root, "root of this thread"),
    bind("next_top", THREAD, &[k('}')], Action::NextTop, "next top-level comment"),
    bind("prev_top", THREAD, &[k('{')], Action::PrevTop, "previous top-level comment"),
    bind("next_new", BROWSE, &[k(']')], Action::NextNew, "next new comment"),
    bind("prev_new", BROWSE, &[k('[')], Action::PrevNew, "previous new comment"),
    bind("next_post", BROWSE, &[ctrl('n')], Action::NextPost, "next post"),
    bind("prev_post", BROWSE, &[ctrl('p')], Action::PrevPost, "previous post"),
    bind("toggle_read", BROWSE, &[k('m')], Action::ToggleRead, "mark post read / unread"),
    bind("page_down", BROWSE, &[k(' '), k('f'), code(KeyCode::PageDown)], Action::PageDown, "page down"),
    bind("page_up", BROWSE, &[k('b'), code(KeyCode::PageUp)], Action::PageUp, "page up"),
    bind("line_down", THREAD, &[ctrl('e')], Action::LineDown, "one line down, the focus kept"),
    bind("line_up", THREAD, &[ctrl('y')], Action::LineUp, "one line up, the focus kept"),
    bind("half_down", BROWSE, &[k('d'), ctrl('d')], Action::HalfDown, "half a page down"),
    bind("half_up", BROWSE, &[k('u'), ctrl('u')], Action::HalfUp, "half a page up"),
    bind("top", BROWSE, &[k('g'), code(KeyCode::Home)], Action::Top, "top"),
    bind("bottom", BROWSE, &[k('G'), code(KeyCode::End)], Action::Bottom, "bottom"),
    bind("enter", BROWSE, &[code(KeyCode::Enter)], Action::Enter, "fold/unfold (list: open post)"),
    bind("fold", THREAD, &[k('h'), code(KeyCode::Left)], Action::Fold, "fold"),
    bind("unfold", BROWSE, &[k('l'), code(KeyCode::Right)], Action::Unfold, "unfold (list: open post)"),
    bind("collapse_all", THREAD, &[k('C')], Action::CollapseAll, "collapse all"),
    bind("expand_all", THREAD, &[k('E')], Action::ExpandAll, "expand all"),
    bind("place", THREAD, &[k('z')], Action::PlacePrefix, "then z, t, b: centre, top, bottom"),
    bind("find", BROWSE, &[k('/')], Action::FindStart, "find (list: filter the posts)"),
    bind("find_next", BROWSE, &[k('n')], Action::FindNext, "next match"),
    bind("find_prev", BROWSE, &[k('N')], Action::FindPrev, "previous match"),
    bind("save_comment", THREAD, &[k('s')], Action::SaveComment, "save comment + replies as text"),
    bind("save_thread", BROWSE, &[k('S')], Action::SaveThread, "save the whole thread as text"),
    bind("copy_text", THREAD, &[k('y')], Action::CopyText, "copy comment text (OSC 52)"),
    bind("copy_ref", THREAD, &[k('Y')], Action::CopyRef, "copy reference file:line #id"),
    bind("open_link", THREAD, &[k('o')], Action::OpenLink, "open the comment's link"),
    bind("find_everywhere", BROWSE, &[k('\\')], Action::CorpusFind, "find in every post"),
    bind("filter_thread", THREAD, &[k('&')], Action::TreeFilter, "only the comments that match"),
    bind("quote", THREAD, &[k('Q')], Action::Quote, "to what it quotes, or back"),
    bind("jump_back", BROWSE, &[ctrl('o')], Action::JumpBack, "back to where the last jump was"),
    bind("jump_forward", BROWSE, &[ctrl('t')], Action::JumpForward, "forward on the jump list"),
    bind("source", THREAD, &[k('v')], Action::Source, "its lines as the file has them"),
    bind("diagnostics", BROWSE, &[k('D')], Action::Diagnostics, "the post's diagnostics"),
    bind("repeats", BROWSE, &[k('R')], Action::ToggleRepeats, "repeated lines: each time / once"),
    bind("switch_pane", BROWSE, &[code(KeyCode::Tab)], Action::SwitchPane, "switch list / thread"),
    bind("back", BROWSE, &[k('q')], Action::Back, "back (from the list: quit)"),
    bind("leave", BROWSE, &[code(KeyCode::Esc)], Action::Leave, "back to the list; never quits"),
    bind("help", BROWSE, &[k('?'), code(KeyCode::F(1))], Action::Help, "this help"),
    bind("find_accept", PROMPT, &[code(KeyCode::Enter)], Action::FindAccept, "keep the find"),
    bind("find_cancel", PROMPT, &[code(KeyCode::Esc)], Action::FindCancel, "cancel, back to where you were"),
    bind("find_backspace", PROMPT, &[code(KeyCode::Backspace)], Action::FindBackspace, "delete a character"),
    bind("find_regex", PROMPT, &[ctrl('r')], Action::FindToggleRegex, "toggle regular expression"),
    bind("find_delete", PROMPT, &[code(KeyCode::Delete), ctrl('d')], Action::Edit(Edit::DeleteNext), "delete the character at the caret"),
    bind("find_delete_word", PROMPT, &[ctrl('w')], Action::Edit(Edit::DeleteWord), "delete the word before the caret"),
    bind("find_delete_to_start", PROMPT, &[ctrl('u')], Action::Edit(Edit::DeleteToStart), "delete to the start"),
    bind("find_delete_to_end", PROMPT, &[ctrl('k')], Action::Edit(Edit::DeleteToEnd), "delete to the end"),
    bind("find_start_of_line", PROMPT, &[ctrl('a'), code(KeyCode::Home)], Action::Edit(Edit::Start), "caret to the start"),
    bind("find_end_of_line", PROMPT, &[ctrl('e'), code(KeyCode::End)], Action::Edit(Edit::End), "caret to the end"),
    bind("find_left", PROMPT, &[code(KeyCode::Left), ctrl('b')], Action::Edit(Edit::Left), "caret left"),
    bind("find_right", PROMPT, &[code(KeyCode::Right), ctrl('f')], Action::Edit(Edit::Right), "caret right"),
    bind("find_word_left", PROMPT, &[alt('b')], Action::Edit(Edit::WordLeft), "caret a word left"),
    bind("find_word_right", PROMPT, &[alt('f')], Action::Edit(Edit::WordRight), "caret a word right"),
    bind("link_next", LINKS, &[k('j'), code(KeyCode::Down)], Action::Next, "next link (1-9: open that one)"),
    bind("link_prev", LINKS, &[k('k'), code(KeyCode::Up)], Action::Prev, "previous link"),
    bind("link_open", LINKS, &[code(KeyCode::Enter)], Action::Enter, "open the chosen link"),
    bind("link_close", LINKS, &[k('q'), code(KeyCode::Esc)], Action::Back, "close the link list"),
    bind("help_down", &[Mode::Help], &[k('j'), code(KeyCode::Down), code(KeyCode::PageDown)], Action::PageDown, "scroll the help down"),
    bind("help_up", &[Mode::Help], &[k('k'), code(KeyCode::Up), code(KeyCode::PageUp)], Action::PageUp, "scroll the help up"),
    bind("close_help", &[Mode::Help], &[k('q'), k('?'), code(KeyCode::Esc), code(KeyCode::F(1))], Action::Back, "close help"),
    bind("panel_down", PANEL, &[k('j'), code(KeyCode::Down)], Action::Next, "next line / diagnostic"),
    bind("panel_up", PANEL, &[k('k'), code(KeyCode::Up)], Action::Prev, "previous line / diagnostic"),
    bind("panel_page_down", PANEL, &[k(' '), k('f'), code(KeyCode::PageDown)], Action::PageDown, "page down"),
    bind("panel_page_up", PANEL, &[k('b'), code(KeyCode::PageUp)], Action::PageUp, "page up"),
    bind("panel_half_down", PANEL, &[k('d'), ctrl('d')], Action::HalfDown, "half a page down"),
    bind("panel_half_up", PANEL, &[k('u'), ctrl('u')], Action::HalfUp, "half a page up"),
    bind("panel_top", PANEL, &[k('g'), code(KeyCode::Home)], Action::Top, "first line"),
    bind("panel_bottom", PANEL, &[k('G'), code(KeyCode::End)], Action::Bottom, "last line"),
    bind("panel_go", PANEL, &[code(KeyCode::Enter)], Action::Enter, "go to the comment it concerns"),
    bind("panel_jump_back", PANEL, &[ctrl('o')], Action::JumpBack, "back on the jump list"),
    bind("panel_jump_forward", PANEL, &[ctrl('t')], Action::JumpForward, "forward on the jump list"),
    bind("panel_close", PANEL, &[k('q'), k('v'), k('D'), code(KeyCode::Esc)], Action::Back, "back to the thread, where you were"),
    bind("place_centre", AFTER_Z, &[k('z'), k('.')], Action::Place(Place::Centre), "focused comment to the centre"),
    bind("place_top", AFTER_Z, &[k('t'), code(KeyCode::Enter)], Action::Place(Place::Top), "focused comment to the top"),
    bind("place_bottom", AFTER_Z, &[k('b'), k('-')], Action::Place(Place::Bottom), "focused comment to the bottom"),
    bind("quit", ANYWHERE, &[ctrl('c')], Action::Quit, "quit"),
];
