//! The evidence over the thread: the source view (`v`) and the post's
//! diagnostics (`D`), opening them, moving in them, and going from them to
//! the comment they concern (both close back to the thread as it was); and
//! `R`, a scrape's repeated lines drawn each time or once.

use std::sync::Arc;

use ratatui::layout::Rect;

use crate::{
    reader::app::{App, Diagnostics, Overlay, Pane},
    reader::outline::Outline,
    reader::source::Source,
    settings::actions::Action,
};

impl App {
    /// Where a panel is drawn: over the thread pane (over the list when
    /// the thread is not shown), its first row the panel's title.
    pub fn panel_area(&self) -> Rect {
        let panes = self.panes();
        panes.thread.or(panes.list).unwrap_or(Rect::new(
            0,
            0,
            self.size.0,
            self.size.1.saturating_sub(1),
        ))
    }

    /// Columns of a source line in the panel, past its gutter, and rows.
    pub fn source_room(&self, source: &Source) -> (usize, usize) {
        let area = self.panel_area();
        let width = usize::from(area.width).saturating_sub(gutter(source) + 1);
        (
            width.max(1),
            usize::from(area.height).saturating_sub(1).max(1),
        )
    }

    /// `v`: the focused node's lines as the file has them.
    pub(super) fn open_source(&mut self) {
        let Some(t) = &self.thread else {
            return;
        };
        let span = t.outline.items[t.focus].span.clone();
        let source = Source::new(&t.parsed.doc, t.parsed.post(), span, None);
        self.show_source(source);
    }

    /// `R`: repeated lines drawn each time, or once with a mark; the open
    /// post keeps its focus and folds.
    pub(super) fn toggle_repeats(&mut self) {
        self.settings.show_repeats = !self.settings.show_repeats;
        self.notice = Some(
            if self.settings.show_repeats {
                "repeated lines shown each time"
            } else {
                "repeated lines drawn once"
            }
            .into(),
        );
        let Some(parsed) = self.thread.as_ref().map(|t| t.parsed.clone()) else {
            return;
        };
        let outline = Outline::new(&parsed.doc, parsed.post(), self.settings.show_repeats);
        let (w, h) = self.thread_area();
        if let Some(t) = &mut self.thread {
            t.outline = outline;
            t.scroll_to_focus(w, h as usize);
        }
        if !self.find.query().is_empty() {
            self.research();
        }
    }

    /// `D`: the post's diagnostics (the open post's, or the list's).
    pub(super) fn open_diagnostics(&mut self) {
        let n = self.entry(self.selected).map_or(0, |e| e.diagnostics);
        if n > 0 && self.thread.as_ref().is_none_or(|t| t.post != self.selected) {
            self.open(self.selected);
        }
        if n == 0 {
            self.notice = Some("no diagnostics: the post read cleanly".into());
            return;
        }
        self.overlay = Some(Overlay::Diagnostics(Diagnostics {
            selected: 0,
            top: 0,
        }));
    }

    fn show_source(&mut self, mut source: Source) {
        let (w, h) = self.source_room(&source);
        if let Some(doc) = self.open_doc() {
            let cursor = source.cursor;
            source.go(doc, cursor, w, h);
        }
        self.overlay = Some(Overlay::Source(source));
    }

    /// Focuses comment item `i` of the open post, in view: a jump.
    fn focus_item(&mut self, i: usize) {
        self.go_to_item(i);
        self.pane = Pane::Thread;
    }

    /// The deepest item of the open post whose bytes hold `at`.
    fn item_at(&self, at: usize) -> Option<usize> {
        let t = self.thread.as_ref()?;
        t.outline
            .items
            .iter()
            .enumerate()
            .skip(1)
            .rev()
            .find(|(_, it)| it.span.contains(&at))
            .map(|(i, _)| i)
    }
}

/// The gutter of a source view: line numbers, then the node's mark.
pub fn gutter(source: &Source) -> usize {
    (source.first + source.lines.len()).to_string().len() + 2
}

/// Where a move in a panel takes position `at` (a line, a diagnostic), a
/// page being `page`, the last `last`; the same place for what is no move.
fn moved(at: usize, action: &Action, page: usize, last: usize) -> usize {
    let to = match action {
        Action::Next => at + 1,
        Action::Prev => at.saturating_sub(1),
        Action::PageDown => at + page,
        Action::PageUp => at.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => last,
        Action::Scroll { rows, .. } => at.saturating_add_signed(*rows as isize),
        _ => at,
    };
    to.min(last)
}

/// An action in the source view: the overlay left after it (None: closed).
pub(super) fn on_source(app: &mut App, mut source: Source, action: Action) -> Option<Overlay> {
    let (w, h) = app.source_room(&source);
    let doc = Arc::clone(app.open_doc()?);
    let doc = &*doc;
    let last = source.lines.len().saturating_sub(1);
    // A count before a move (`28G`, `5j`), as in the thread.
    if let Action::Digit(d) = action {
        let count = app.count.unwrap_or(0).saturating_mul(10) + usize::from(d);
        app.count = (count > 0).then_some(count.min(999_999));
        return Some(Overlay::Source(source));
    }
    let count = app.count.take();
    let to = match action {
        Action::Back | Action::Leave | Action::Source => return None,
        Action::PageDown | Action::PageUp => {
            source.page(doc, action == Action::PageDown, w, h);
            return Some(Overlay::Source(source));
        }
        // `NG`, `Ng`: line N of the file.
        Action::Top | Action::Bottom if count.is_some() => {
            count.unwrap_or(1).saturating_sub(source.first)
        }
        Action::Next => source.cursor + count.unwrap_or(1),
        Action::Prev => source.cursor.saturating_sub(count.unwrap_or(1)),
        Action::HalfDown => source.cursor + h / 2,
        Action::HalfUp => source.cursor.saturating_sub(h / 2),
        Action::Enter => {
            // To the comment that owns the line the cursor is on.
            let at = source.lines[source.cursor].start;
            match app.item_at(at) {
                Some(i) => {
                    app.focus_item(i);
                    return None;
                }
                None => {
                    app.notice = Some("this line is no comment's".into());
                    source.cursor
                }
            }
        }
        _ => moved(source.cursor, &action, h, last),
    };
    source.go(doc, to, w, h);
    Some(Overlay::Source(source))
}

/// An action in the diagnostics panel: the overlay left after it.
pub(super) fn on_diagnostics(
    app: &mut App,
    mut panel: Diagnostics,
    action: Action,
) -> Option<Overlay> {
    let n = app.entry(app.selected)?.diagnostics;
    let rows = usize::from(app.panel_area().height)
        .saturating_sub(1)
        .max(1);
    panel.selected = match action {
        Action::Back | Action::Leave | Action::Diagnostics => return None,
        Action::Enter => return go_to_diagnostic(app, panel.selected),
        _ => moved(panel.selected, &action, rows, n.saturating_sub(1)),
    };
    panel.top = panel.top.min(panel.selected);
    if panel.selected >= panel.top + rows {
        panel.top = panel.selected + 1 - rows;
    }
    Some(Overlay::Diagnostics(panel))
}

/// Enter on diagnostic `k`: the comment it concerns, focused in the
/// thread; else (the header, the body, the trailer) the source view at
/// its line.
fn go_to_diagnostic(app: &mut App, k: usize) -> Option<Overlay> {
    let selected = app.selected;
    if app.thread.as_ref().is_none_or(|t| t.post != selected) {
        app.open(selected);
    }
    let parsed = app.thread.as_ref()?.parsed.clone();
    let post = parsed.post();
    let d = post.diagnostics.get(k)?;
    if let Some(i) = app.item_at(d.offset) {
        app.focus_item(i);
        return None;
    }
    let source = Source::new(&parsed.doc, post, post.span.clone(), Some(d.line));
    app.pane = Pane::Thread;
    app.show_source(source);
    app.overlay.take()
}
