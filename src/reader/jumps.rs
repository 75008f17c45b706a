//! Following the conversation: `Q` goes from a comment to what it quotes
//! or names (or, from a comment that quotes nothing, back to who quotes
//! it), and a jump list like vim's: every jump (a quote, a find match,
//! `]` `[`, `{` `}`, `g` `G`, a diagnostic, another post) records where it
//! came from; Ctrl-O goes back, Ctrl-T forward. The list lives as long as
//! the reader runs, across posts.

use crate::reader::app::{App, LinkList, Overlay, Place};

/// No more places than this are kept.
const KEPT: usize = 100;

impl App {
    /// Where the reader is: the open post and its focus.
    pub fn place(&self) -> Option<Place> {
        self.thread.as_ref().map(|t| Place {
            post: t.post,
            item: t.focus,
            results: false,
        })
    }

    /// A jump from `from` was made: it goes on the list, and what was
    /// ahead is gone (as in vim).
    pub(super) fn jumped_from(&mut self, from: Place) {
        if self.place() == Some(from) && !from.results {
            return;
        }
        if self.jumps.back.len() == KEPT {
            self.jumps.back.remove(0);
        }
        self.jumps.back.push(from);
        self.jumps.forward.clear();
    }

    /// Ctrl-O (`back`) or Ctrl-T: the place before (after) this one.
    pub(super) fn jump(&mut self, back: bool) {
        let (from, to) = if back {
            (&mut self.jumps.back, &mut self.jumps.forward)
        } else {
            (&mut self.jumps.forward, &mut self.jumps.back)
        };
        let Some(place) = from.pop() else {
            self.notice = Some(
                if back {
                    "no jump to go back to"
                } else {
                    "no jump to go forward to"
                }
                .into(),
            );
            return;
        };
        if let Some(here) = self.thread.as_ref().map(|t| Place {
            post: t.post,
            item: t.focus,
            results: false,
        }) {
            to.push(here);
        }
        self.go_to_place(place);
    }

    fn go_to_place(&mut self, place: Place) {
        if place.post >= self.post_count() {
            return;
        }
        self.select(place.post);
        let (w, h) = self.thread_area();
        if let Some(t) = &mut self.thread
            && place.item < t.outline.items.len()
        {
            t.reveal(place.item);
            t.scroll_to_focus(w, h as usize);
        }
        self.pane = crate::reader::app::Pane::Thread;
        // Back to find in every post's results, as they were.
        if place.results {
            self.corpus.typing = false;
            self.overlay = Some(Overlay::Corpus);
        } else if matches!(self.overlay, Some(Overlay::Corpus)) {
            self.overlay = None;
        }
    }

    /// `Q`: to what the focused comment quotes or names; from a comment
    /// that quotes nothing, to who quotes it; several: a list to choose.
    pub(super) fn follow_quote(&mut self) {
        let Some(t) = &self.thread else {
            return;
        };
        let item = &t.outline.items[t.focus];
        let mut targets: Vec<usize> = Vec::new();
        for &(_, to) in &item.quotes {
            if !targets.contains(&to) {
                targets.push(to);
            }
        }
        let quoting = !targets.is_empty();
        if !quoting {
            targets = item.quoted_by.clone();
        }
        match targets.as_slice() {
            [] => self.notice = Some("quotes no earlier comment, and none quotes it".into()),
            [one] => self.go_to_item(*one),
            _ => {
                let label = |i: usize| {
                    let it = &t.outline.items[i];
                    match it.is_comment() {
                        true => it.heading.clone(),
                        false => "the post's body".to_owned(),
                    }
                };
                let urls = targets.iter().map(|&i| label(i)).collect();
                self.overlay = Some(Overlay::Links(LinkList {
                    urls,
                    selected: 0,
                    items: targets,
                }));
            }
        }
    }

    /// Focuses item `i` of the open post, as a jump.
    pub(super) fn go_to_item(&mut self, i: usize) {
        let Some(from) = self.place() else {
            return;
        };
        let (w, h) = self.thread_area();
        if let Some(t) = &mut self.thread {
            let filtered = t.kept.is_some();
            t.reveal(i);
            t.scroll_to_focus(w, h as usize);
            if filtered && t.kept.is_none() {
                self.notice = Some("the filter is off: that comment is not among its".into());
            }
        }
        self.jumped_from(from);
    }
}
