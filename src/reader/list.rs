//! The post list's selection: which posts the list shows (all, or the
//! filter's), which row is selected, and keeping it in view.

use crate::reader::app::App;

impl App {
    pub(super) fn keep_list_selection_visible(&mut self) {
        let cap = self.list_capacity();
        let pos = self.list_pos();
        // No rows left empty at the bottom while posts above are hidden.
        self.list_top = self.list_top.min(self.shown().saturating_sub(cap));
        if pos < self.list_top {
            self.list_top = pos;
        } else if pos >= self.list_top + cap {
            self.list_top = pos + 1 - cap;
        }
    }

    /// How many posts the list shows.
    pub fn shown(&self) -> usize {
        self.list.as_ref().map_or(self.post_count(), Vec::len)
    }

    /// The post on row `pos` of the list.
    pub fn shown_post(&self, pos: usize) -> Option<usize> {
        match &self.list {
            Some(list) => list.get(pos).copied(),
            None => (pos < self.post_count()).then_some(pos),
        }
    }

    /// The list row of the selected post (of the one after it, when the
    /// filter hides it).
    pub fn list_pos(&self) -> usize {
        match &self.list {
            Some(list) => list.partition_point(|&p| p < self.selected),
            None => self.selected,
        }
    }

    /// Selects the post on row `pos` of the list (the last row at most).
    pub(super) fn select_pos(&mut self, pos: usize) {
        if let Some(i) = self.shown_post(pos.min(self.shown().saturating_sub(1))) {
            self.select(i);
        }
    }

    pub(super) fn select(&mut self, i: usize) {
        if self.post_count() == 0 {
            return;
        }
        let i = i.min(self.post_count() - 1);
        if self.thread.as_ref().is_none_or(|t| t.post != i) {
            self.open(i);
        }
        self.selected = i;
        self.keep_list_selection_visible();
    }
}
