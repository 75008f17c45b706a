//! The posts the reader has: entries as the indexer sends them (and
//! documents held whole), each post parsed from its bytes when it is
//! wanted, the last few kept parsed, and the post last read gone back to
//! when it arrives.

use std::sync::Arc;

use crate::{
    dump::index::{Entry, Event, Parsed},
    dump::thread::Document,
    reader::app::App,
};

impl App {
    /// The entry of post `i` (of all posts).
    pub fn entry(&self, i: usize) -> Option<&Entry> {
        self.archive.posts.get(i)
    }

    /// How many posts there are.
    pub fn post_count(&self) -> usize {
        self.archive.posts.len()
    }

    /// The open post's document.
    pub fn open_doc(&self) -> Option<&Arc<Document>> {
        self.thread.as_ref().map(|t| &t.parsed.doc)
    }

    /// Keeps post `i` parsed, in place of the one used longest ago when
    /// there are as many as are kept.
    pub(super) fn keep_parsed(&mut self, i: usize, parsed: Parsed) {
        /// Posts kept parsed besides the open one.
        const KEPT: usize = 8;
        if self.parsed.len() >= KEPT {
            self.parsed.remove(0);
        }
        self.parsed.push((i, parsed));
    }

    /// Post `i` parsed: from the few parsed last, else read from its file
    /// and parsed; a file that changed since it was read is said, and None.
    pub(super) fn parse_post(&mut self, i: usize) -> Option<Parsed> {
        if let Some(k) = self.parsed.iter().position(|(p, _)| *p == i) {
            let hit = self.parsed.remove(k);
            self.parsed.push(hit.clone());
            return Some(hit.1);
        }
        match self.archive.parse(i) {
            Ok(parsed) => {
                self.keep_parsed(i, parsed.clone());
                Some(parsed)
            }
            Err(e) => {
                self.notice = Some(e);
                None
            }
        }
    }

    /// Takes in what the indexer sends.
    pub fn indexed(&mut self, event: Event) {
        match event {
            Event::Opened(source) => {
                self.current_source = self.archive.sources.len();
                self.archive.sources.push(source);
            }
            Event::Seed(doc) => self.seed = Some(doc),
            Event::Posts(entries) => {
                let first = self.post_count();
                // The file opened last, whatever was held whole since (a
                // piece of it with Windows-1252 lines).
                let source = self.current_source;
                // Parsed already: kept as if parsed here.
                if let Some(doc) = self.seed.take()
                    && doc.posts.len() == entries.len()
                {
                    for index in 0..entries.len() {
                        let parsed = Parsed {
                            doc: Arc::clone(&doc),
                            index,
                        };
                        self.keep_parsed(first + index, parsed);
                    }
                }
                self.archive
                    .posts
                    .extend(entries.into_iter().map(|e| Entry { source, ..e }));
                self.entered(first);
                self.relayout();
            }
            Event::Load(e) => self.loaded(e),
        }
    }

    /// Posts from `first` on have been entered: counted by title, filtered,
    /// the first opened, the one last read gone back to.
    pub(super) fn entered(&mut self, first: usize) {
        for e in &self.archive.posts[first..] {
            *self.titles.entry(e.title.clone()).or_default() += 1;
        }
        self.filter_from(first);
        // The post last read first, so no other is opened for nothing.
        self.resume_from(first);
        if self.thread.is_none() && self.post_count() > 0 {
            self.open(self.selected.min(self.post_count() - 1));
        }
    }

    /// Goes back to the post last read here if it is among the posts from
    /// `first` on, unless the user has moved already.
    pub(super) fn resume_from(&mut self, first: usize) {
        let Some(want) = self.resume.as_deref() else {
            return;
        };
        if self.touched {
            self.resume = None;
            return;
        }
        let found = (first..self.post_count()).find(|&i| self.archive.posts[i].key == want);
        if let Some(i) = found {
            self.resume = None;
            // The post shown meanwhile was not read: nothing to remember.
            self.thread = None;
            self.open(i);
        }
    }
}
