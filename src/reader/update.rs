//! The one place state changes: `update(&mut App, Action)`, dispatched on
//! what has the keyboard (an overlay, else the pane), then the list or the
//! open post.

use crate::{
    reader::app::{App, Effect, LinkList, Overlay, Pane},
    reader::help::help_grid,
    reader::{corpus, filter, panels, prompt, tree_filter},
    settings::actions::Action,
    settings::keys,
};

/// The one place state changes.
pub fn update(app: &mut App, action: Action) {
    app.notice = None;
    match action {
        Action::Quit => {
            app.remember();
            app.quit = true;
            return;
        }
        Action::Resize { width, height } => {
            app.size = (width, height);
            app.keep_list_selection_visible();
            // Rows rewrap at the new width: the focused comment stays in view.
            let (w, h) = app.thread_area();
            if let Some(t) = &mut app.thread {
                t.scroll_to_focus(w, h as usize);
            }
            // The source view keeps its cursor line on screen.
            if let Some(Overlay::Source(mut s)) = app.overlay.take() {
                let (w, h) = app.source_room(&s);
                if let Some(doc) = app.open_doc() {
                    let cursor = s.cursor;
                    s.go(doc, cursor, w, h);
                }
                app.overlay = Some(Overlay::Source(s));
            }
        }
        // While the terminal is too small to draw in, keys do nothing
        // unseen.
        _ if app.panes().too_small => return,
        action => {
            app.touched = true;
            // An overlay takes the action first; what it gives back goes to
            // the panes.
            let left = match app.overlay.take() {
                None => Some(action),
                Some(overlay) => on_overlay(app, overlay, action),
            };
            if let Some(action) = left {
                on_panes(app, action);
            }
        }
    }
    app.relayout();
}

fn on_overlay(app: &mut App, overlay: Overlay, action: Action) -> Option<Action> {
    match overlay {
        Overlay::Alerts(_) if action == Action::Back => {}
        Overlay::Help { .. } if action == Action::Back => {}
        Overlay::Help { scroll } => {
            let scroll = match action {
                Action::PageDown | Action::PageUp | Action::Scroll { .. } => {
                    help_scroll(app, scroll, &action)
                }
                _ => scroll,
            };
            app.overlay = Some(Overlay::Help { scroll });
        }
        Overlay::Links(list) => app.overlay = pick_link(app, list, action),
        Overlay::Source(source) => app.overlay = panels::on_source(app, source, action),
        Overlay::Diagnostics(panel) => app.overlay = panels::on_diagnostics(app, panel, action),
        // The key after `z`: a place goes to the thread, anything else
        // has cancelled it.
        Overlay::AfterZ => return matches!(action, Action::Place(_)).then_some(action),
        Overlay::Prompt { saved } => {
            app.overlay = Some(Overlay::Prompt { saved });
            return prompt::on_prompt(app, action);
        }
        Overlay::Filter { saved } => {
            app.overlay = Some(Overlay::Filter { saved });
            return filter::on_filter(app, action);
        }
        Overlay::TreeFilter => return tree_filter::on_tree_filter(app, action),
        Overlay::Corpus => return corpus::on_corpus(app, action),
        kept => app.overlay = Some(kept),
    }
    None
}

/// The help scrolled by a page (or the wheel's rows), within its rows.
fn help_scroll(app: &App, scroll: usize, action: &Action) -> usize {
    let entries = keys::help_lines(&app.settings.keys).len();
    let (_, rows, shown) = help_grid(entries, app.size);
    let page = shown.saturating_sub(1).max(1) as isize;
    let step = match action {
        Action::Scroll { rows, .. } => *rows as isize,
        Action::PageDown => page,
        _ => -page,
    };
    scroll.saturating_add_signed(step).min(rows - shown)
}

/// The link list: the overlay left after the action (None: closed).
fn pick_link(app: &mut App, mut list: LinkList, action: Action) -> Option<Overlay> {
    let n = list.urls.len();
    match action {
        Action::Next => list.selected = (list.selected + 1).min(n.saturating_sub(1)),
        Action::Prev => list.selected = list.selected.saturating_sub(1),
        Action::Enter | Action::PickLink(_) => {
            let pick = match action {
                Action::PickLink(k) => k as usize,
                _ => list.selected,
            };
            if !list.items.is_empty() {
                if let Some(&item) = list.items.get(pick) {
                    app.go_to_item(item);
                    return None;
                }
            } else if let Some(url) = list.urls.get(pick) {
                app.effects.push(Effect::Open(url.clone()));
                return None;
            }
        }
        Action::Back => return None,
        _ => {}
    }
    Some(Overlay::Links(list))
}

/// An action with no overlay up, done as many times as a count before it
/// says (`5j`, `3}`); with a count, `g` and `G` go to post N in the list
/// and to comment #N in a thread.
fn on_panes(app: &mut App, action: Action) {
    if let Action::Digit(d) = action {
        let count = app.count.unwrap_or(0).saturating_mul(10) + usize::from(d);
        app.count = (count > 0).then_some(count.min(999_999));
        return;
    }
    let Some(n) = app.count.take() else {
        return act_once(app, action);
    };
    let in_list = app.pane == Pane::List || app.thread.is_none();
    match action {
        Action::Top | Action::Bottom => go_to(app, n),
        // Moves over posts go straight to the post N away: no post on the
        // way is opened.
        Action::Next | Action::Prev if in_list => step_posts(app, n, action == Action::Next),
        Action::NextPost | Action::PrevPost => step_posts(app, n, action == Action::NextPost),
        // Moves by rows: as many as asked (a bound keeps a typo cheap).
        Action::PageDown
        | Action::PageUp
        | Action::HalfDown
        | Action::HalfUp
        | Action::LineDown
        | Action::LineUp => {
            for _ in 0..n.min(10_000) {
                act_once(app, action.clone());
            }
        }
        Action::FindNext | Action::FindPrev => {
            for _ in 0..n.min(app.find.matches.len().max(1)) {
                act_once(app, action.clone());
            }
        }
        Action::Next
        | Action::Prev
        | Action::NextSibling
        | Action::PrevSibling
        | Action::NextTop
        | Action::PrevTop
        | Action::Parent
        | Action::NextNew
        | Action::PrevNew => {
            // No more steps than there are places to step to.
            let most = app
                .shown()
                .max(app.thread.as_ref().map_or(0, |t| t.visible.len()));
            for _ in 0..n.min(most.max(1)) {
                act_once(app, action.clone());
            }
        }
        // Esc drops the count; any other key forgets it.
        Action::Leave => {}
        other => act_once(app, other),
    }
}

/// `N` posts down (or up) the list, opening only the one arrived at.
fn step_posts(app: &mut App, n: usize, down: bool) {
    let pos = app.list_pos();
    let to = if down {
        pos.saturating_add(n)
    } else {
        pos.saturating_sub(n)
    };
    app.select_pos(to);
}

/// `NG`: post N in the list, comment #N (top-level) in a thread; a jump.
fn go_to(app: &mut App, n: usize) {
    let from = app.place();
    go_to_n(app, n);
    if let Some(from) = from {
        app.jumped_from(from);
    }
}

fn go_to_n(app: &mut App, n: usize) {
    if app.pane == Pane::List || app.thread.is_none() {
        app.select_pos(n.saturating_sub(1));
        return;
    }
    let (w, h) = app.thread_area();
    let id = n.to_string();
    if let Some(t) = &mut app.thread {
        match t.outline.items.iter().position(|it| it.id == id) {
            Some(i) => {
                t.reveal(i);
                t.scroll_to_focus(w, h as usize);
            }
            None => app.notice = Some(format!("no comment #{id}")),
        }
    }
}

fn act_once(app: &mut App, action: Action) {
    // What jumps goes on the jump list, when it moved.
    let jump = matches!(
        action,
        Action::NextNew
            | Action::PrevNew
            | Action::NextTop
            | Action::PrevTop
            | Action::Top
            | Action::Bottom
            | Action::NextPost
            | Action::PrevPost
            | Action::FindNext
            | Action::FindPrev
    );
    let from = app.place();
    act(app, action);
    if jump && let Some(from) = from {
        app.jumped_from(from);
    }
}

fn act(app: &mut App, action: Action) {
    let (w, h) = app.thread_area();
    let page = h as usize;
    match action {
        Action::Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::PlacePrefix => app.overlay = Some(Overlay::AfterZ),
        Action::Back => match app.pane {
            Pane::Thread => app.pane = Pane::List,
            Pane::List => {
                app.remember();
                app.quit = true;
            }
        },
        Action::Leave => match app.pane {
            // Esc first takes the tree filter off, the focus kept.
            Pane::Thread if app.thread.as_ref().is_some_and(|t| t.kept.is_some()) => {
                tree_filter::clear(app)
            }
            Pane::Thread => app.pane = Pane::List,
            Pane::List if app.list.is_some() => filter::clear(app),
            Pane::List => app.notice = Some(leave_hint(app)),
        },
        Action::ToggleRead => app.toggle_read(),
        Action::NextNew | Action::PrevNew => app.step_new(action == Action::NextNew),
        Action::SaveComment | Action::SaveThread => app.save(action == Action::SaveThread),
        Action::CopyText | Action::CopyRef => app.copy(action == Action::CopyRef),
        Action::OpenLink => app.open_link(),
        Action::Source => app.open_source(),
        Action::Diagnostics => app.open_diagnostics(),
        Action::ToggleRepeats => app.toggle_repeats(),
        Action::Quote => app.follow_quote(),
        Action::TreeFilter => tree_filter::start(app),
        Action::CorpusFind => corpus::start(app),
        Action::JumpBack | Action::JumpForward => app.jump(action == Action::JumpBack),
        Action::SwitchPane => {
            app.pane = match app.pane {
                Pane::List if app.thread.is_some() => Pane::Thread,
                _ => Pane::List,
            }
        }
        Action::NextPost => app.select_pos(app.list_pos() + 1),
        Action::PrevPost => app.select_pos(app.list_pos().saturating_sub(1)),
        Action::FindStart if app.pane == Pane::List => filter::start(app),
        Action::FindStart => prompt::start(app),
        Action::FindNext | Action::FindPrev => prompt::step_match(app, action == Action::FindNext),
        Action::Insert(_) => {
            app.notice = Some("pasted text ignored: only the find prompt (/) takes text".into())
        }
        Action::Scroll { rows, x, y } => {
            let panes = app.panes();
            let in_list = panes.list.is_some_and(|r| r.contains((x, y).into()));
            if in_list {
                let n = app.list_pos() as i64 + i64::from(rows.signum());
                app.select_pos(n.max(0) as usize);
            } else if let Some(t) = &mut app.thread {
                t.scroll(rows as isize, w, page);
            }
        }
        Action::Click { x, y } => click(app, x, y),
        _ if app.pane == Pane::List || app.thread.is_none() => list_action(app, action),
        _ => {
            if let Some(t) = &mut app.thread {
                t.act(action, w, page);
            }
        }
    }
}

/// What Esc in the list says: it never quits, and which key does.
fn leave_hint(app: &App) -> String {
    match app.settings.keys.hint("back") {
        Some(k) => format!("{k} quits"),
        None => "Ctrl-C quits".into(),
    }
}

fn list_action(app: &mut App, action: Action) {
    let cap = app.list_capacity();
    let pos = app.list_pos();
    let last = app.shown().saturating_sub(1);
    match action {
        Action::Next => app.select_pos(pos + 1),
        Action::Prev => app.select_pos(pos.saturating_sub(1)),
        Action::PageDown => app.select_pos(pos + cap),
        Action::PageUp => app.select_pos(pos.saturating_sub(cap)),
        Action::HalfDown => app.select_pos(pos + cap / 2),
        Action::HalfUp => app.select_pos(pos.saturating_sub(cap / 2)),
        Action::Top => app.select_pos(0),
        Action::Bottom => app.select_pos(last),
        Action::Enter | Action::Unfold if app.thread.is_some() => app.pane = Pane::Thread,
        _ => {}
    }
}

fn click(app: &mut App, x: u16, y: u16) {
    let panes = app.panes();
    let (w, h) = app.thread_area();
    if let Some(list) = panes.list.filter(|r| r.contains((x, y).into())) {
        let row = y.saturating_sub(list.y + 1) as usize;
        if let Some(i) = app.shown_post(app.list_top + row / 2) {
            app.select(i);
            app.pane = Pane::List;
        }
    } else if let Some(area) = panes.thread.filter(|r| r.contains((x, y).into()))
        && let Some(t) = &mut app.thread
        && let Some(row) = t.screen.get((y - area.y) as usize)
    {
        if t.focus != row.item {
            t.focus = row.item;
            t.scroll_to_focus(w, h as usize);
        }
        app.pane = Pane::Thread;
    }
}
