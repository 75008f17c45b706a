//! The open post: its outline, folds, focus and scroll position, and the
//! moves inside it (next, sibling, parent, fold, page, scroll). Every move
//! that changes the focus ends with the focused comment in view.

use crate::{
    reader::{find::Kept, outline::Outline, outline::Row},
    settings::{actions::Action, actions::Place, store::PostState},
};

/// Rows of context kept above the focused comment when the view moves to
/// it (vim's `scrolloff`).
const CONTEXT: usize = 2;

/// One row on screen in the thread pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenRow {
    pub item: usize,
    pub row: Row,
    /// The last row of an unfolded item: once it is on screen, the item
    /// has been read.
    pub ends_item: bool,
}

/// The open post: its outline, folds, focus and scroll position.
#[derive(Debug)]
pub struct ThreadState {
    pub post: usize,
    /// The post's tree and text, as parsed when it was opened.
    pub parsed: crate::dump::index::Parsed,
    pub outline: Outline,
    pub folded: Vec<bool>,
    /// Items not hidden under a fold, in order.
    pub visible: Vec<usize>,
    /// The focused item (0: the post header).
    pub focus: usize,
    /// First row on screen: (index into `visible`, row of that item).
    pub top: (usize, usize),
    /// The rows on screen, rebuilt after every action.
    pub screen: Vec<ScreenRow>,
    /// The read-state key of the post.
    pub key: String,
    /// What is remembered of it; `seen` grows as comments come on screen.
    pub state: PostState,
    /// Comments not seen before this visit, marked ●.
    pub new: Vec<bool>,
    /// Comments still not seen.
    pub unseen: usize,
    /// Marked unread: nothing coming on screen is seen till another post.
    pub hold_seen: bool,
    /// The tree filter's kept set (`&`), when one is on.
    pub kept: Option<Kept>,
}

impl ThreadState {
    /// Unfolds `item` and the path to it (only that) and focuses it.
    pub(super) fn reveal(&mut self, item: usize) {
        // A comment the tree filter hides: the filter goes (said below).
        self.kept = self.kept.take().filter(|k| k.shown[item]);
        let mut at = Some(item);
        while let Some(i) = at {
            self.folded[i] = false;
            at = self.outline.items[i].parent;
        }
        self.refresh_visible();
        self.focus = item;
    }

    /// Back to a remembered place: folds, focus and scroll.
    pub(super) fn restore(&mut self, s: &PostState) {
        let items = &self.outline.items;
        let index_of = |key: Option<u64>| match key {
            None => Some(0),
            Some(k) => (1..items.len()).find(|&i| items[i].key == k),
        };
        for (f, it) in self.folded.iter_mut().zip(items).skip(1) {
            *f = s.folded.contains(&it.key);
        }
        let focus = index_of(s.focus);
        let top = index_of(s.top);
        self.refresh_visible();
        if let Some(f) = focus {
            // The way to the focused comment opens; its own fold stays.
            let mut at = self.outline.items[f].parent;
            while let Some(i) = at {
                self.folded[i] = false;
                at = self.outline.items[i].parent;
            }
            self.refresh_visible();
            self.focus = f;
        }
        if let Some(v) = top.and_then(|i| self.vis_position(i)) {
            self.top = (v, s.top_row);
        }
    }

    pub(super) fn refresh_visible(&mut self) {
        self.visible.clear();
        let mut i = 0;
        while i < self.outline.items.len() {
            // Filtered out: no match below it either.
            if self.kept.as_ref().is_some_and(|k| !k.shown[i]) {
                i = self.outline.items[i].end.max(i + 1);
                continue;
            }
            self.visible.push(i);
            i = if self.folded[i] {
                self.outline.items[i].end
            } else {
                i + 1
            };
        }
        // The focus may have gone under a fold: move it to the fold.
        while self.vis_position(self.focus).is_none() {
            match self.outline.items[self.focus].parent {
                Some(p) => self.focus = p,
                None => break,
            }
        }
        self.top.0 = self.top.0.min(self.visible.len().saturating_sub(1));
    }

    pub(super) fn vis_position(&self, item: usize) -> Option<usize> {
        self.visible.binary_search(&item).ok()
    }

    /// The focused item's place in `visible` (0 when hidden).
    pub(super) fn vis_index(&self, item: usize) -> usize {
        self.vis_position(item).unwrap_or(0)
    }

    pub(super) fn height_of(&mut self, v: usize, width: u16) -> usize {
        let item = self.visible[v];
        // A folded comment is one row: no need to build it to know.
        if self.folded[item] && self.outline.items[item].is_comment() {
            return 1;
        }
        self.outline.rows(item, width, self.folded[item]).len()
    }

    pub(super) fn act(&mut self, action: Action, width: u16, page: usize) {
        if self.read_on(&action, width, page) {
            return;
        }
        let v = self.vis_index(self.focus);
        let items = &self.outline.items;
        let depth = items[self.focus].depth;
        let is_top = |i: usize| items[i].is_comment() && items[i].depth == 0;
        let target = match action {
            Action::Next => self.visible.get(v + 1).copied(),
            Action::Prev => v.checked_sub(1).map(|p| self.visible[p]),
            Action::NextSibling => self.visible[v + 1..]
                .iter()
                .copied()
                .find(|&i| items[i].depth <= depth && i != 0),
            Action::PrevSibling => self.visible[..v]
                .iter()
                .rev()
                .copied()
                .find(|&i| items[i].depth <= depth),
            Action::Parent => items[self.focus].parent,
            Action::Root => {
                let mut i = self.focus;
                while let Some(p) = items[i].parent {
                    i = p;
                }
                Some(i)
            }
            Action::NextTop => self.visible[v + 1..].iter().copied().find(|&i| is_top(i)),
            Action::PrevTop => self.visible[..v].iter().rev().copied().find(|&i| is_top(i)),
            _ => None,
        };
        if let Some(t) = target {
            self.focus = t;
            self.scroll_to_focus(width, page);
            return;
        }
        match action {
            Action::PageDown => self.scroll(page.saturating_sub(2).max(1) as isize, width, page),
            Action::PageUp => self.scroll(-(page.saturating_sub(2).max(1) as isize), width, page),
            Action::HalfDown => self.scroll((page / 2).max(1) as isize, width, page),
            Action::HalfUp => self.scroll(-((page / 2).max(1) as isize), width, page),
            Action::Top => {
                self.focus = 0;
                self.top = (0, 0);
            }
            Action::Bottom => {
                self.focus = *self.visible.last().unwrap_or(&0);
                self.top = (self.visible.len(), 0);
                self.clamp_top(width, page);
            }
            Action::Place(place) => self.place_focus(place, width, page),
            Action::LineDown => self.scroll_keeping_focus(1, width, page),
            Action::LineUp => self.scroll_keeping_focus(-1, width, page),
            Action::Enter => self.set_fold(self.focus, !self.folded[self.focus], width, page),
            Action::Fold => self.set_fold(self.focus, true, width, page),
            Action::Unfold => self.set_fold(self.focus, false, width, page),
            Action::CollapseAll | Action::ExpandAll => {
                let fold = action == Action::CollapseAll;
                for (i, f) in self.folded.iter_mut().enumerate() {
                    *f = fold && i > 0;
                }
                self.refresh_visible();
                self.scroll_to_focus(width, page);
            }
            _ => {}
        }
    }

    pub(super) fn set_fold(&mut self, item: usize, fold: bool, width: u16, page: usize) {
        if item == 0 {
            return;
        }
        self.folded[item] = fold;
        self.refresh_visible();
        self.scroll_to_focus(width, page);
    }

    /// Shows the focused item whole when it fits in the pane, with
    /// `CONTEXT` rows above it when there is room (vim's `scrolloff`): one
    /// that starts on screen scrolls as little as that takes; one above the
    /// pane or wholly below it (a jump) goes near the top, so what follows
    /// it shows too. An item taller than the pane starts at the top.
    pub(super) fn scroll_to_focus(&mut self, width: u16, page: usize) {
        let fv = self.vis_index(self.focus);
        let h = self.height_of(fv, width);
        // Reading inside a comment taller than the pane: it stays where it
        // has been scrolled to.
        if h > page
            && self
                .focus_span(width, page)
                .is_some_and(|(start, _)| start < 0)
        {
            self.clamp_top(width, page);
            return;
        }
        let context = CONTEXT.min(page.saturating_sub(h));
        let target = match self.row_of(fv, width, page) {
            None => Some(context),
            Some(r) if h >= page => (r != 0).then_some(0),
            Some(r) if r < context => Some(context),
            Some(r) if r + h > page => Some(page - h),
            Some(_) => None,
        };
        if let Some(row) = target {
            self.put_at_row(fv, row, width);
        }
        self.clamp_top(width, page);
    }

    /// `j` and `k` read: while the focused comment runs on below the pane,
    /// `j` scrolls it (half a page, or to its end) instead of moving on;
    /// while it starts above the pane, `k` scrolls back up the same way.
    /// True when it scrolled.
    fn read_on(&mut self, action: &Action, width: u16, page: usize) -> bool {
        let step = (page / 2).max(1) as isize;
        let Some((start, h)) = self.focus_span(width, page) else {
            return false;
        };
        let end = start + h as isize;
        let delta = match action {
            Action::Next if start < page as isize && end > page as isize => {
                (end - page as isize).min(step)
            }
            Action::Prev if start < 0 && end > 0 => -(-start).min(step),
            _ => return false,
        };
        self.scroll_keeping_focus(delta, width, page);
        true
    }

    /// Where the focused item starts, in rows from the top of the pane
    /// (negative: rows of it above the pane), and its height. None when it
    /// lies wholly above the pane.
    fn focus_span(&mut self, width: u16, page: usize) -> Option<(isize, usize)> {
        let fv = self.vis_index(self.focus);
        let (tv, tr) = self.top;
        if fv < tv || tv >= self.visible.len() {
            return None;
        }
        let h = self.height_of(fv, width);
        if fv == tv {
            return Some((-(tr as isize), h));
        }
        let mut row = self.height_of(tv, width).saturating_sub(tr);
        for v in tv + 1..fv {
            if row > page {
                break;
            }
            row += self.height_of(v, width);
        }
        Some((row as isize, h))
    }

    /// Ctrl-E / Ctrl-Y: the view moves, the focus stays while any of it is
    /// on screen.
    pub(super) fn scroll_keeping_focus(&mut self, delta: isize, width: u16, page: usize) {
        let focus = self.focus;
        self.scroll(delta, width, page);
        let keep = self.focus;
        self.focus = focus;
        match self.focus_span(width, page) {
            Some((start, h)) if start < page as isize && start + h as isize > 0 => {}
            _ => self.focus = keep,
        }
    }

    /// `zz`, `zt`, `zb`: the focused item in the middle of the pane, at its
    /// top (below `CONTEXT` rows) or at its bottom.
    pub(super) fn place_focus(&mut self, place: Place, width: u16, page: usize) {
        let fv = self.vis_index(self.focus);
        let h = self.height_of(fv, width);
        match place {
            Place::Top => self.put_at_row(fv, CONTEXT.min(page.saturating_sub(h)), width),
            Place::Centre => self.put_at_row(fv, page.saturating_sub(h) / 2, width),
            Place::Bottom if h > page => self.top = (fv, h - page),
            Place::Bottom => self.put_at_row(fv, page - h, width),
        }
        self.clamp_top(width, page);
    }

    /// The pane row visible item `fv` starts on (None: above the pane, or
    /// at or below its bottom).
    fn row_of(&mut self, fv: usize, width: u16, page: usize) -> Option<usize> {
        let (tv, tr) = self.top;
        if fv < tv || (fv == tv && tr > 0) {
            return None;
        }
        let mut row = 0;
        for v in tv..fv {
            let skipped = if v == tv { tr } else { 0 };
            row += self.height_of(v, width).saturating_sub(skipped);
            if row >= page {
                return None;
            }
        }
        (row < page).then_some(row)
    }

    /// Scrolls so that visible item `fv` starts `row` rows below the top of
    /// the pane (or as near as the start of the post allows).
    fn put_at_row(&mut self, fv: usize, row: usize, width: u16) {
        let (mut v, mut need) = (fv, row);
        while need > 0 && v > 0 {
            v -= 1;
            let h = self.height_of(v, width);
            if h >= need {
                self.top = (v, h - need);
                return;
            }
            need -= h;
        }
        self.top = (v, 0);
    }

    /// Moves the view by `delta` rows; the focus follows to the first item
    /// that starts on screen.
    pub fn scroll(&mut self, delta: isize, width: u16, page: usize) {
        self.fit_top(width);
        let (mut v, mut r) = self.top;
        if delta >= 0 {
            let mut left = delta as usize;
            while left > 0 && v < self.visible.len() {
                let h = self.height_of(v, width);
                if r + left < h {
                    r += left;
                    left = 0;
                } else {
                    left -= h.saturating_sub(r).min(left);
                    v += 1;
                    r = 0;
                }
            }
        } else {
            let mut left = delta.unsigned_abs();
            while left > 0 {
                if left <= r {
                    r -= left;
                    left = 0;
                } else if v == 0 {
                    r = 0;
                    left = 0;
                } else {
                    left -= r;
                    v -= 1;
                    r = self.height_of(v, width);
                }
            }
        }
        self.top = (v, r);
        self.clamp_top(width, page);
        let (v, r) = self.top;
        let first = if r == 0 { v } else { v + 1 };
        let on_screen = first < self.visible.len()
            && (r == 0 || self.height_of(v, width).saturating_sub(r) < page);
        self.focus = self.visible[if on_screen {
            first
        } else {
            v.min(self.visible.len() - 1)
        }];
    }

    /// Keeps the view from scrolling past the end: the last row stays at the
    /// bottom of the pane at most.
    pub(super) fn clamp_top(&mut self, width: u16, page: usize) {
        self.fit_top(width);
        let n = self.visible.len();
        // Rows from the current top to the end, stopping once a page is full.
        let mut rows = 0;
        let mut v = self.top.0;
        while v < n && rows < page + self.top.1 {
            rows += self.height_of(v, width);
            v += 1;
        }
        if self.top.0 < n && rows >= page + self.top.1 {
            return;
        }
        // Not a page left: the top is where a page before the end starts.
        let mut need = page;
        let mut v = n;
        while v > 0 {
            let h = self.height_of(v - 1, width);
            if h >= need {
                self.top = (v - 1, h - need);
                return;
            }
            need -= h;
            v -= 1;
        }
        self.top = (0, 0);
    }

    /// Keeps the top row inside its item: a saved row offset can outgrow
    /// the item after a resize, a fold or a find.
    pub(super) fn fit_top(&mut self, width: u16) {
        if self.top.1 > 0
            && self.top.0 < self.visible.len()
            && self.top.1 >= self.height_of(self.top.0, width)
        {
            self.top.1 = 0;
        }
    }

    /// Back to a view taken of this post (a view of another post, or of
    /// another shape, is left alone).
    pub fn return_to(&mut self, saved: &SavedView) {
        if saved.post != self.post || saved.folded.len() != self.folded.len() {
            return;
        }
        self.focus = saved.focus;
        self.top = saved.top;
        self.folded.clone_from(&saved.folded);
        self.refresh_visible();
    }

    pub(super) fn layout(&mut self, width: u16, page: usize) {
        self.fit_top(width);
        self.screen.clear();
        let (mut v, mut r) = self.top;
        while self.screen.len() < page && v < self.visible.len() {
            let item = self.visible[v];
            let folded = self.folded[item];
            let rows = self.outline.rows(item, width, folded);
            let last = rows.len().saturating_sub(1);
            for (i, row) in rows
                .iter()
                .enumerate()
                .skip(r)
                .take(page - self.screen.len())
            {
                self.screen.push(ScreenRow {
                    item,
                    row: row.clone(),
                    ends_item: i == last && !folded,
                });
            }
            v += 1;
            r = 0;
        }
    }
}

/// Where a post was when the find prompt opened on it.
#[derive(Debug, Clone)]
pub struct SavedView {
    pub(super) post: usize,
    pub(super) focus: usize,
    top: (usize, usize),
    folded: Vec<bool>,
}

impl SavedView {
    pub fn of(t: &ThreadState) -> SavedView {
        SavedView {
            post: t.post,
            focus: t.focus,
            top: t.top,
            folded: t.folded.clone(),
        }
    }
}
