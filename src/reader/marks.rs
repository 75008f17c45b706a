//! Read marks: what has been seen of the open post, what the list counts as
//! new, `m` (read / unread) and `]` `[` (next / previous new comment), and
//! putting the open post's place into the store.

use crate::{
    reader::app::{App, Pane},
    reader::thread::ThreadState,
    settings::store,
};

impl App {
    /// Puts what the open post's state is now into the store.
    pub(super) fn remember(&mut self) {
        let Some(t) = &self.thread else {
            return;
        };
        let items = &t.outline.items;
        let key_of = |i: usize| (i > 0).then(|| items[i].key);
        let mut state = t.state.clone();
        state.focus = key_of(t.focus);
        state.top = key_of(t.visible.get(t.top.0).copied().unwrap_or(0));
        state.top_row = t.top.1;
        state.folded = (1..items.len())
            .filter(|&i| t.folded[i])
            .map(|i| items[i].key)
            .collect();
        let (key, post, unseen) = (t.key.clone(), t.post, t.unseen);
        if let Some(session) = &self.session {
            self.store.set_place(session, &key);
        }
        self.store.put(key, state);
        if let Some(c) = self.new_counts.get_mut(post) {
            *c = Some(unseen);
        }
    }

    /// Counts unseen comments of the posts the list shows, once each.
    pub(super) fn count_new_in_list(&mut self) {
        self.new_counts.resize(self.post_count(), None);
        let end = self.shown().min(self.list_top + self.list_capacity());
        for pos in self.list_top..end {
            if let Some(i) = self.shown_post(pos) {
                self.count_new(i);
            }
        }
    }

    /// Marks the open post read, or unread when nothing in it is new.
    pub(super) fn toggle_read(&mut self) {
        let Some(t) = &mut self.thread else {
            return;
        };
        let comments = t.outline.items.iter().filter(|it| it.is_comment());
        if t.unseen > 0 {
            t.state.seen.extend(comments.map(|it| it.key));
            t.new.iter_mut().for_each(|n| *n = false);
            t.unseen = 0;
            t.hold_seen = false;
            self.notice = Some("marked read".into());
        } else {
            t.state.seen.clear();
            for (n, it) in t.new.iter_mut().zip(&t.outline.items) {
                *n = it.is_comment();
            }
            t.unseen = comments.count();
            t.hold_seen = true;
            self.notice = Some("marked unread".into());
        }
        self.remember();
    }

    /// Goes to the next (or previous) comment marked new, unfolding the way.
    pub(super) fn step_new(&mut self, forward: bool) {
        let (w, h) = self.thread_area();
        let Some(t) = &mut self.thread else {
            return;
        };
        let next = if forward {
            (t.focus + 1..t.new.len()).find(|&i| t.new[i])
        } else {
            (1..t.focus).rev().find(|&i| t.new[i])
        };
        match next {
            Some(i) => {
                t.reveal(i);
                t.scroll_to_focus(w, h as usize);
                self.pane = Pane::Thread;
            }
            None => self.step_new_post(forward),
        }
    }

    /// Past the last new comment of a post: on to the next post with new
    /// comments (its first one), or back to the previous (its last).
    fn step_new_post(&mut self, forward: bool) {
        let here = self.selected;
        let found = if forward {
            (here + 1..self.post_count()).find(|&i| self.count_new(i) > 0)
        } else {
            (0..here).rev().find(|&i| self.count_new(i) > 0)
        };
        let Some(i) = found else {
            self.notice = Some(
                if forward {
                    "no new comment below"
                } else {
                    "no new comment above"
                }
                .into(),
            );
            return;
        };
        self.select(i);
        let (w, h) = self.thread_area();
        if let Some(t) = &mut self.thread {
            let news = (1..t.new.len()).filter(|&n| t.new[n]);
            let pick = if forward { news.min() } else { news.max() };
            if let Some(n) = pick {
                t.reveal(n);
                t.scroll_to_focus(w, h as usize);
            }
        }
        self.pane = Pane::Thread;
        self.notice = Some(format!(
            "post {}/{}: new comments",
            i + 1,
            self.post_count()
        ));
    }

    /// Comments of post `i` not seen yet, counted once.
    fn count_new(&mut self, i: usize) -> usize {
        if let Some(n) = self.new_count(i) {
            return n;
        }
        let Some(entry) = self.entry(i) else {
            return 0;
        };
        // Only a post read before is parsed to be counted.
        let n = match self.store.get(&entry.key).map(|s| s.seen.clone()) {
            Some(seen) => match self.parse_post(i) {
                Some(p) => store::unseen(&p.doc, p.post(), &seen),
                None => 0,
            },
            None => entry.count,
        };
        self.new_counts.resize(self.post_count(), None);
        self.new_counts[i] = Some(n);
        n
    }
}

impl ThreadState {
    /// Records the comments on screen as seen.
    pub(super) fn mark_screen_seen(&mut self) {
        for row in &self.screen {
            // Seen means read: the comment's last row on screen, unfolded
            // (its whole text when it fits the pane, its end when it does
            // not); a heading or a folded preview is not reading.
            if row.ends_item && row.item > 0 {
                // Keys are one per comment (equal comments are told apart
                // by their order), so each new key is one comment seen.
                if self.state.seen.insert(self.outline.items[row.item].key) {
                    self.unseen = self.unseen.saturating_sub(1);
                }
            }
        }
    }
}
