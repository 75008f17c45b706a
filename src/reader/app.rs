//! The reader's state: the posts, the pane and post shown, what has the
//! keyboard (`Overlay`), and how loading feeds it. It changes only through
//! `update::update`; no terminal here, so every transition can be tested as
//! plain data. The open post's own state is `thread::ThreadState`.

use std::collections::HashMap;
use std::sync::Arc;

use ratatui::layout::Rect;

use crate::{
    dump::index::{Archive, Parsed},
    dump::source::LoadEvent,
    dump::thread::Document,
    reader::find::{Corpus, Find},
    reader::outline::Outline,
    reader::source::Source,
    reader::thread::{SavedView, ThreadState},
    settings::actions::Mode,
    settings::config::Settings,
    settings::store::Store,
};

/// What the reader asks of the world outside it; the terminal loop carries
/// it out and says how it went in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write `text` to a new file named after `name` in the save folder.
    Save {
        name: String,
        text: String,
    },
    /// Put `text` on the clipboard (OSC 52); `what` names it in the notice.
    Copy {
        what: String,
        text: String,
    },
    Open(String),
}

/// The focused comment's links, one to choose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkList {
    pub urls: Vec<String>,
    pub selected: usize,
    /// When not empty, the entries are places in the thread (what a
    /// comment quotes): the item each goes to.
    pub items: Vec<usize>,
}

/// A place to come back to: a post (its index in the list of all posts)
/// and the item focused in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub post: usize,
    pub item: usize,
    /// Find in every post's results were open over it.
    pub results: bool,
}

/// Where jumps came from, and where going back left.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Jumps {
    pub back: Vec<Place>,
    pub forward: Vec<Place>,
}

/// The diagnostics panel: which one is chosen, and the first on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics {
    pub selected: usize,
    pub top: usize,
}

/// The smallest terminal the reader draws in (columns, rows).
pub const MIN_SIZE: (u16, u16) = (30, 6);

/// What has the keyboard above the panes: at most one at a time.
#[derive(Debug, Clone)]
pub enum Overlay {
    /// The key list, scrolled by this many rows.
    Help { scroll: usize },
    /// Problems that must be read before going on (a bad config or state
    /// file): shown in a box until dismissed.
    Alerts(Vec<String>),
    /// Choosing one of the focused comment's links.
    Links(LinkList),
    /// Typing a find query; Esc returns to the view it opened on.
    Prompt { saved: Option<SavedView> },
    /// Typing the list's filter; Esc returns to the whole list and the
    /// post selected before.
    Filter { saved: usize },
    /// `z` was pressed: the next key says where the focused comment goes.
    AfterZ,
    /// Typing the tree filter's query (`&`).
    TreeFilter,
    /// Find in every post: its query, or its hits (`app.corpus`).
    Corpus,
    /// The focused node's lines as the file has them.
    Source(Source),
    /// The post's diagnostics, one to go to.
    Diagnostics(Diagnostics),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Thread,
}

/// Where each part of the screen is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub list: Option<Rect>,
    pub thread: Option<Rect>,
    pub status: Rect,
    pub too_small: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub name: String,
    pub read: u64,
    pub total: u64,
}

#[derive(Debug)]
pub struct App {
    /// Every post's entry, and where its bytes are.
    pub archive: Archive,
    /// The posts parsed last (the open one among them), newest last.
    pub(super) parsed: Vec<(usize, Parsed)>,
    /// The document the next entries were made from (`Event::Seed`).
    pub(super) seed: Option<Arc<Document>>,
    /// The source the indexer's entries are of (the file opened last).
    pub(super) current_source: usize,
    /// Why the selected post is not shown (it could not be read).
    pub unreadable: Option<String>,
    pub selected: usize,
    pub list_top: usize,
    pub pane: Pane,
    pub thread: Option<ThreadState>,
    pub find: Find,
    /// The list's filter (its query; its matches are `list`).
    pub filter: Find,
    /// The tree filter's query (`&`; what it keeps is the thread's).
    pub tree_filter: Find,
    /// Find in every post (`\`): the query, the hits, the one chosen.
    pub corpus: Corpus,
    /// The posts the list shows, in order, when filtered (None: all).
    pub list: Option<Vec<usize>>,
    pub overlay: Option<Overlay>,
    /// A count being typed before a motion (`5j`).
    pub count: Option<usize>,
    /// How many posts have each title (the list names the file when two do).
    pub(super) titles: HashMap<String, usize>,
    pub size: (u16, u16),
    pub notice: Option<String>,
    pub loading: Option<Progress>,
    pub problems: Vec<String>,
    pub quit: bool,
    pub settings: Settings,
    pub store: Store,
    /// Side effects waiting for the terminal loop.
    pub effects: Vec<Effect>,
    /// What the paths opened together are known by in the store.
    pub session: Option<String>,
    /// The post to go back to when it arrives (the one last read here).
    pub resume: Option<String>,
    /// Comments not yet seen, per post, for the list (None: not counted yet).
    pub(super) new_counts: Vec<Option<usize>>,
    /// The user has pressed a key: loading no longer moves the focus.
    pub(super) touched: bool,
    /// Where jumps came from (Ctrl-O) and went back from (Ctrl-T).
    pub jumps: Jumps,
}

impl App {
    pub fn new(width: u16, height: u16) -> App {
        App {
            archive: Archive::default(),
            parsed: Vec::new(),
            seed: None,
            current_source: 0,
            unreadable: None,
            selected: 0,
            list_top: 0,
            pane: Pane::List,
            thread: None,
            find: Find::default(),
            filter: Find::default(),
            tree_filter: Find::default(),
            corpus: Corpus::default(),
            list: None,
            overlay: None,
            count: None,
            titles: HashMap::new(),
            size: (width, height),
            notice: None,
            loading: None,
            problems: Vec::new(),
            quit: false,
            settings: Settings::default(),
            store: Store::default(),
            effects: Vec::new(),
            session: None,
            resume: None,
            new_counts: Vec::new(),
            touched: false,
            jumps: Jumps::default(),
        }
    }

    /// An app holding these documents, loaded.
    pub fn with_docs(docs: Vec<Document>, width: u16, height: u16) -> App {
        let mut app = App::new(width, height);
        for doc in docs {
            app.loaded(LoadEvent::Doc(doc));
        }
        app.loaded(LoadEvent::Done);
        app
    }

    /// An app holding the files `paths` name, indexed as the terminal
    /// indexes them (with no cache and no wait for a first screen).
    pub fn with_paths(paths: &[std::path::PathBuf], width: u16, height: u16) -> App {
        let mut app = App::new(width, height);
        let found = crate::dump::source::find_files(paths);
        crate::dump::index::scan_found(
            found,
            None,
            || {},
            |event| {
                app.indexed(event);
                true
            },
        );
        app
    }

    /// What the keyboard is talking to.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Help { .. } | Overlay::Alerts(_)) => Mode::Help,
            Some(Overlay::Links(_)) => Mode::Links,
            Some(Overlay::Prompt { .. } | Overlay::Filter { .. } | Overlay::TreeFilter) => {
                Mode::Prompt
            }
            Some(Overlay::AfterZ) => Mode::AfterZ,
            Some(Overlay::Source(_) | Overlay::Diagnostics(_)) => Mode::Panel,
            Some(Overlay::Corpus) if self.corpus.typing => Mode::Prompt,
            Some(Overlay::Corpus) => Mode::Panel,
            None if self.pane == Pane::Thread && self.thread.is_some() => Mode::Thread,
            None => Mode::List,
        }
    }

    /// The find prompt is open.
    pub fn editing(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Prompt { .. }))
    }

    /// Another post has this post's title.
    /// `title` is `outline::post_title` of the post, which the caller has
    /// at hand already.
    pub fn title_shared(&self, title: &str) -> bool {
        self.titles.get(title).is_some_and(|&n| n > 1)
    }

    /// A prompt (find, or the list's filter) has the keyboard.
    pub fn typing(&self) -> bool {
        matches!(
            self.overlay,
            Some(Overlay::Prompt { .. } | Overlay::Filter { .. } | Overlay::TreeFilter)
        )
    }

    /// Problems shown in a box until dismissed.
    pub fn alerts(&self) -> &[String] {
        match &self.overlay {
            Some(Overlay::Alerts(a)) => a,
            _ => &[],
        }
    }

    /// Shows `problems` in a box until dismissed (none: nothing).
    pub fn alert(&mut self, problems: Vec<String>) {
        if !problems.is_empty() {
            self.overlay = Some(Overlay::Alerts(problems));
        }
    }

    pub fn panes(&self) -> Panes {
        let (w, h) = self.size;
        let status = Rect::new(0, h.saturating_sub(1), w, 1.min(h));
        if w < MIN_SIZE.0 || h < MIN_SIZE.1 {
            return Panes {
                list: None,
                thread: None,
                status,
                too_small: true,
            };
        }
        let body_h = h - 1;
        if w >= 90 {
            let list_w = self.list_width();
            Panes {
                list: Some(Rect::new(0, 0, list_w, body_h)),
                thread: Some(Rect::new(list_w, 0, w - list_w, body_h)),
                status,
                too_small: false,
            }
        } else {
            let full = Rect::new(0, 0, w, body_h);
            let (list, thread) = match self.pane {
                Pane::List => (Some(full), None),
                Pane::Thread => (None, Some(full)),
            };
            Panes {
                list,
                thread,
                status,
                too_small: false,
            }
        }
    }

    /// The thread pane's text area: (width, height); a column is kept free
    /// on the left.
    pub(super) fn thread_area(&self) -> (u16, u16) {
        let (w, h) = self.size;
        let width = if w >= 90 { w - self.list_width() } else { w };
        let width = width.saturating_sub(2).max(10);
        let width = self
            .settings
            .wrap_width
            .map_or(width, |c| width.min(c.max(10)));
        (width, h.saturating_sub(1).max(1))
    }

    /// The list's width beside the thread: the config's, else a third of
    /// the terminal; the thread keeps at least half.
    pub(super) fn list_width(&self) -> u16 {
        let w = self.size.0;
        match self.settings.list_width {
            Some(n) => n.max(12).min(w / 2),
            None => (w / 3).clamp(24, 40),
        }
    }

    /// Comments of post `i` not seen yet, when counted.
    pub fn new_count(&self, i: usize) -> Option<usize> {
        match &self.thread {
            Some(t) if t.post == i => Some(t.unseen),
            _ => self.new_counts.get(i).copied().flatten(),
        }
    }

    /// Posts the list shows at once (two rows each, inside a border).
    pub(super) fn list_capacity(&self) -> usize {
        (self.size.1.saturating_sub(3) / 2).max(1) as usize
    }

    /// Takes in what the loader sends.
    pub fn loaded(&mut self, event: LoadEvent) {
        match event {
            LoadEvent::Doc(doc) | LoadEvent::Piece { doc, .. } => {
                let first = self.post_count();
                self.archive.add_doc(doc);
                self.entered(first);
            }
            LoadEvent::Progress { name, read, total } => {
                self.loading = Some(Progress { name, read, total })
            }
            // What could not be read is shown in the box, with anything
            // else already there; over another overlay, in the status bar.
            LoadEvent::Problem(p) => {
                self.problems.push(p.clone());
                match &mut self.overlay {
                    Some(Overlay::Alerts(alerts)) => alerts.push(p),
                    None => self.overlay = Some(Overlay::Alerts(vec![p])),
                    Some(_) => self.notice = Some(p),
                }
            }
            LoadEvent::Note(n) => self.notice = Some(n),
            LoadEvent::Done => {
                self.loading = None;
                if self.archive.posts.is_empty() && self.notice.is_none() {
                    self.notice = Some("no posts to show".into());
                }
                if self.post_count() == 1 && !self.touched {
                    self.pane = Pane::Thread;
                }
            }
        }
        self.relayout();
    }

    pub(super) fn open(&mut self, i: usize) {
        self.remember();
        let Some(parsed) = self.parse_post(i) else {
            // Not another post shown in its place: the pane says why.
            self.thread = None;
            self.selected = i;
            self.unreadable = self.notice.clone();
            self.keep_list_selection_visible();
            return;
        };
        self.unreadable = None;
        let outline = Outline::new(&parsed.doc, parsed.post(), self.settings.show_repeats);
        // Made when the post was entered (and checked when it was read back).
        let key = self.archive.posts[i].key.clone();
        let saved = self.store.get(&key).cloned();
        let n = outline.items.len();
        let state = saved.clone().unwrap_or_default();
        let new: Vec<bool> = outline
            .items
            .iter()
            .map(|it| it.is_comment() && !state.seen.contains(&it.key))
            .collect();
        let unseen = new.iter().filter(|&&n| n).count();
        let mut t = ThreadState {
            post: i,
            parsed,
            outline,
            folded: vec![false; n],
            visible: (0..n).collect(),
            focus: 0,
            top: (0, 0),
            screen: Vec::new(),
            key,
            state,
            new,
            unseen,
            hold_seen: false,
            kept: None,
        };
        match &saved {
            Some(s) => t.restore(s),
            None if self.settings.folded => {
                t.folded.iter_mut().skip(1).for_each(|f| *f = true);
                t.refresh_visible();
            }
            None => {}
        }
        let (w, h) = self.thread_area();
        t.scroll_to_focus(w, h as usize);
        self.selected = i;
        // A prompt left open now finds in this post, and Esc returns here.
        if let Some(Overlay::Prompt { saved }) = &mut self.overlay {
            *saved = Some(SavedView::of(&t));
        }
        self.thread = Some(t);
        self.find.matches.clear();
        self.find.current = None;
        if !self.find.query().is_empty() {
            self.research();
        }
        self.keep_list_selection_visible();
    }

    /// Rebuilds what the thread pane shows; what comes on screen is seen.
    pub fn relayout(&mut self) {
        let (w, h) = self.thread_area();
        let covered = matches!(
            self.overlay,
            Some(Overlay::Help { .. } | Overlay::Alerts(_))
        );
        // A post beside the list is a preview: it is read only once the
        // thread pane has the keyboard.
        let reading = self.panes().thread.is_some() && !covered && self.pane == Pane::Thread;
        if let Some(t) = &mut self.thread {
            t.layout(w, h as usize);
            if reading && !t.hold_seen {
                t.mark_screen_seen();
            }
        }
        self.count_new_in_list();
    }
}
