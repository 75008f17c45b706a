//! The tree filter (`&`): the thread shows only the comments that match
//! (the find's rules: smartcase, Ctrl-R for a regular expression), with
//! their ancestors, dimmed, so every match keeps its context. Esc, or an
//! empty query, returns to the whole thread with the focus kept.

use crate::{
    reader::{
        app::{App, Overlay},
        find::{self, Find, Kept},
        prompt,
    },
    settings::actions::Action,
};

/// `&`: the filter's prompt, empty (as `/`'s is).
pub(super) fn start(app: &mut App) {
    if app.thread.is_some() {
        app.tree_filter = Find {
            regex: app.tree_filter.regex,
            ..Find::default()
        };
        app.overlay = Some(Overlay::TreeFilter);
    }
}

/// What the prompt does with an action; others go to the panes.
pub(super) fn on_tree_filter(app: &mut App, action: Action) -> Option<Action> {
    if prompt::edit_query(&mut app.tree_filter, &action).is_some() {
        refilter(app);
        return None;
    }
    match action {
        // An empty filter kept is no filter.
        Action::FindAccept => {
            app.overlay = None;
            if app.tree_filter.query().is_empty() {
                clear(app);
            }
        }
        Action::FindCancel => {
            app.overlay = None;
            clear(app);
        }
        other => {
            app.overlay = Some(Overlay::TreeFilter);
            return Some(other);
        }
    }
    None
}

/// Back to the whole thread, the focus kept.
pub(super) fn clear(app: &mut App) {
    app.tree_filter = Find {
        regex: app.tree_filter.regex,
        ..Find::default()
    };
    let (w, h) = app.thread_area();
    if let Some(t) = &mut app.thread {
        t.kept = None;
        t.refresh_visible();
        t.scroll_to_focus(w, h as usize);
    }
}

/// The thread for the query as it is now.
fn refilter(app: &mut App) {
    app.overlay = Some(Overlay::TreeFilter);
    app.tree_filter.error = None;
    if app.tree_filter.query().is_empty() {
        let (w, h) = app.thread_area();
        if let Some(t) = &mut app.thread {
            t.kept = None;
            t.refresh_visible();
            t.scroll_to_focus(w, h as usize);
        }
        return;
    }
    let re = match find::compile(app.tree_filter.query(), app.tree_filter.regex) {
        Ok(re) => re,
        Err(e) => {
            app.tree_filter.error = Some(e);
            return;
        }
    };
    app.tree_filter.re = Some(re.clone());
    let (w, h) = app.thread_area();
    let Some(t) = &mut app.thread else {
        return;
    };
    let items = &t.outline.items;
    let matched: Vec<bool> = items
        .iter()
        .enumerate()
        .map(|(i, it)| i > 0 && (re.is_match(&it.text) || re.is_match(&it.heading)))
        .collect();
    let mut shown = matched.clone();
    shown[0] = true;
    for i in 0..items.len() {
        if matched[i] {
            let mut at = items[i].parent;
            while let Some(p) = at {
                shown[p] = true;
                at = items[p].parent;
            }
        }
    }
    // The focus stays where it is when it is shown, else goes to the
    // first match.
    if !shown[t.focus] {
        t.focus = matched.iter().position(|&m| m).unwrap_or(0);
    }
    t.kept = Some(Kept { shown, matched });
    t.refresh_visible();
    t.scroll_to_focus(w, h as usize);
}
