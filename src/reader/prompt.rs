//! The find prompt: the query and its caret (edited as a shell line is),
//! searching as it changes, the view to return to on Esc, and `n` `N`
//! stepping through the matches. Matching itself is `find`.

use tui_input::InputRequest;

use crate::{
    reader::app::{App, Overlay, Pane},
    reader::find::{self, Find, Part},
    reader::thread::SavedView,
    settings::actions::{Action, Edit},
};

impl App {
    pub(super) fn research(&mut self) {
        let Some(t) = &self.thread else {
            return;
        };
        self.find.error = None;
        self.find.re = None;
        self.find.matches.clear();
        self.find.current = None;
        if self.find.query().is_empty() {
            return;
        }
        match find::compile(self.find.query(), self.find.regex) {
            Ok(re) => {
                self.find.matches =
                    find::find_all(&re, &t.outline.items, t.outline.date.as_deref());
                self.find.re = Some(re);
            }
            Err(e) => self.find.error = Some(e),
        }
    }

    /// Goes to match `k`: unfolds only the path to it, focuses its item and
    /// scrolls its row into view.
    pub(super) fn show_match(&mut self, k: usize) {
        let (w, h) = self.thread_area();
        let (Some(t), Some(m)) = (&mut self.thread, self.find.matches.get(k)) else {
            return;
        };
        self.find.current = Some(k);
        t.reveal(m.item);
        let rows = t.outline.rows(m.item, w, false);
        // A match in a heading or a date is on the item's first rows.
        let row = match m.part {
            Part::Text => rows
                .iter()
                .position(|r| r.src.as_ref().is_some_and(|s| s.end > m.range.start))
                .unwrap_or(0),
            Part::Heading | Part::Date => 0,
        };
        let page = h as usize;
        if row + 2 >= page {
            // Deep in a comment taller than the pane: the match's row a
            // third of the way down.
            t.top = (t.vis_index(m.item), row.saturating_sub(page / 3));
            t.clamp_top(w, page);
        } else {
            t.scroll_to_focus(w, page);
        }
    }

    /// The first match at or after the focused item.
    pub(super) fn first_match_from_focus(&self) -> Option<usize> {
        let focus = self.thread.as_ref().map_or(0, |t| t.focus);
        if self.find.matches.is_empty() {
            return None;
        }
        Some(
            self.find
                .matches
                .iter()
                .position(|m| m.item >= focus)
                .unwrap_or(0),
        )
    }
}

/// Opens the prompt on the post shown, with a fresh query.
pub(super) fn start(app: &mut App) {
    let saved = app.thread.as_ref().map(SavedView::of);
    app.find = Find {
        regex: app.find.regex,
        ..Find::default()
    };
    app.overlay = Some(Overlay::Prompt { saved });
    if app.thread.is_some() {
        app.pane = Pane::Thread;
    }
}

/// What the prompt does with an action; one that is not the prompt's (a
/// click, the wheel) is given back, for the panes.
pub(super) fn on_prompt(app: &mut App, action: Action) -> Option<Action> {
    if let Some(changed) = edit_query(&mut app.find, &action) {
        if changed {
            incremental(app);
        }
        return None;
    }
    match action {
        Action::FindAccept => {
            // Where the find started is on the jump list (Ctrl-O).
            if let Some(Overlay::Prompt { saved: Some(s) }) = app.overlay.take() {
                let from = crate::reader::app::Place {
                    post: s.post,
                    item: s.focus,
                    results: false,
                };
                app.jumped_from(from);
            }
            if app.find.matches.is_empty() && !app.find.query().is_empty() {
                app.notice = Some(format!("no match for {}", app.find.query()));
            }
        }
        Action::FindCancel => {
            restore_saved_view(app);
            app.overlay = None;
            app.find = Find {
                regex: app.find.regex,
                ..Find::default()
            };
        }
        other => return Some(other),
    }
    None
}

fn incremental(app: &mut App) {
    restore_saved_view(app);
    app.research();
    if let Some(k) = app.first_match_from_focus() {
        app.show_match(k);
    }
}

/// Back to the view the prompt was opened on, keeping the prompt.
fn restore_saved_view(app: &mut App) {
    let (Some(t), Some(Overlay::Prompt { saved: Some(saved) })) = (&mut app.thread, &app.overlay)
    else {
        return;
    };
    t.return_to(saved);
}

/// Carries out an action that edits a prompt's query (typing, pasting,
/// deleting, moving the caret, the regex toggle): Some(whether the find
/// should run again), or None for an action that is no edit. Shared by
/// find and the list's filter.
pub(super) fn edit_query(find: &mut Find, action: &Action) -> Option<bool> {
    match action {
        Action::FindInput(c) => {
            find.input.handle(InputRequest::InsertChar(*c));
        }
        Action::Insert(text) => insert(&mut find.input, text),
        Action::FindBackspace => {
            find.input.handle(InputRequest::DeletePrevChar);
        }
        Action::Edit(edit) => return Some(edit_prompt(&mut find.input, *edit)),
        Action::FindToggleRegex => find.regex = !find.regex,
        _ => return None,
    }
    Some(true)
}

/// Puts `text` in at the caret; line breaks and other controls become
/// spaces, so a pasted paragraph is one query.
fn insert(input: &mut tui_input::Input, text: &str) {
    let value = input.value();
    let at = value
        .char_indices()
        .nth(input.cursor())
        .map_or(value.len(), |(b, _)| b);
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let cursor = input.cursor() + clean.chars().count();
    let joined = format!("{}{clean}{}", &value[..at], &value[at..]);
    *input = tui_input::Input::new(joined).with_cursor(cursor);
}

/// Carries out a line edit; true when the query changed.
fn edit_prompt(input: &mut tui_input::Input, edit: Edit) -> bool {
    let request = match edit {
        Edit::Left => InputRequest::GoToPrevChar,
        Edit::Right => InputRequest::GoToNextChar,
        Edit::WordLeft => InputRequest::GoToPrevWord,
        Edit::WordRight => InputRequest::GoToNextWord,
        Edit::Start => InputRequest::GoToStart,
        Edit::End => InputRequest::GoToEnd,
        Edit::DeleteNext => InputRequest::DeleteNextChar,
        Edit::DeleteWord => InputRequest::DeletePrevWord,
        Edit::DeleteToStart => InputRequest::DeleteFromStart,
        Edit::DeleteToEnd => InputRequest::DeleteTillEnd,
    };
    input.handle(request).is_some_and(|changed| changed.value)
}

pub(super) fn step_match(app: &mut App, forward: bool) {
    let n = app.find.matches.len();
    if n == 0 {
        app.notice = Some(if app.find.query().is_empty() {
            "nothing to find: press / first".into()
        } else {
            format!("no match for {}", app.find.query())
        });
        return;
    }
    let focus = app.thread.as_ref().map_or(0, |t| t.focus);
    let next = match app.find.current {
        Some(c) if app.find.matches[c].item == focus || !forward => {
            if forward {
                (c + 1) % n
            } else {
                (c + n - 1) % n
            }
        }
        Some(_) | None => {
            if forward {
                app.find
                    .matches
                    .iter()
                    .position(|m| m.item > focus)
                    .unwrap_or(0)
            } else {
                app.find
                    .matches
                    .iter()
                    .rposition(|m| m.item < focus)
                    .unwrap_or(n - 1)
            }
        }
    };
    let wrapped = match app.find.current {
        Some(c) => (forward && next <= c) || (!forward && next >= c),
        None => false,
    };
    app.show_match(next);
    if wrapped {
        app.notice = Some(
            if forward {
                "search wrapped to the top"
            } else {
                "search wrapped to the bottom"
            }
            .into(),
        );
    }
}
