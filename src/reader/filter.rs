//! The list's filter: `/` in the list narrows it, as you type, to the posts
//! whose title or date match (smartcase; Ctrl-R for a regular expression).
//! Enter keeps the filter, Esc returns to the whole list.

use crate::{
    reader::{
        app::{App, Overlay},
        find::{self, Find},
        prompt,
    },
    settings::actions::Action,
};

/// Opens the filter's prompt, on the filter there is (if any).
pub(super) fn start(app: &mut App) {
    app.overlay = Some(Overlay::Filter {
        saved: app.selected,
    });
}

/// What the filter's prompt does with an action; others go to the panes.
pub(super) fn on_filter(app: &mut App, action: Action) -> Option<Action> {
    if prompt::edit_query(&mut app.filter, &action).is_some() {
        refilter(app);
        return None;
    }
    match action {
        Action::FindAccept => app.overlay = None,
        Action::FindCancel => {
            let saved = match app.overlay.take() {
                Some(Overlay::Filter { saved }) => saved,
                _ => app.selected,
            };
            clear(app);
            app.select(saved);
        }
        other => return Some(other),
    }
    None
}

/// Back to the whole list.
pub(super) fn clear(app: &mut App) {
    app.filter = Find {
        regex: app.filter.regex,
        ..Find::default()
    };
    app.list = None;
    app.list_top = 0;
    app.keep_list_selection_visible();
}

/// The list for the query as it is now; the selection moves to the first
/// post shown when the filter hides it.
fn refilter(app: &mut App) {
    app.filter.error = None;
    app.list_top = 0;
    if app.filter.query().is_empty() {
        app.list = None;
    } else {
        app.list = Some(Vec::new());
        app.filter_from(0);
    }
    if let Some(list) = &app.list
        && !list.contains(&app.selected)
        && let Some(&first) = list.first()
    {
        app.select(first);
    }
    app.keep_list_selection_visible();
}

impl App {
    /// Adds to the filtered list the posts from `first` on that match it
    /// (posts arriving while loading, or all of them).
    pub(super) fn filter_from(&mut self, first: usize) {
        if self.list.is_none() {
            return;
        }
        let re = match find::compile(self.filter.query(), self.filter.regex) {
            Ok(re) => re,
            Err(e) => {
                self.filter.error = Some(e);
                return;
            }
        };
        let matching: Vec<usize> = (first..self.post_count())
            .filter(|&i| {
                self.entry(i).is_some_and(|e| {
                    re.is_match(&crate::reader::display::display(&e.title))
                        || e.date.as_deref().is_some_and(|d| re.is_match(d))
                })
            })
            .collect();
        if let Some(list) = &mut self.list {
            list.extend(matching);
        }
    }
}
