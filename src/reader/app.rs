//! The reader's state and its one way to change: `update(&mut App, Action)`.
//! No terminal here: every transition can be tested as plain data.

use ratatui::layout::Rect;
use tui_input::InputRequest;

use crate::{
    dump::source::LoadEvent,
    dump::thread::{Document, Post},
    export::{self, Format, Selection},
    reader::find::{self, Match},
    reader::links,
    reader::outline::{Outline, Row},
    settings::actions::{Action, Edit, Mode},
    settings::config::Settings,
    settings::keys,
    settings::store::{self, PostState, Store},
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

/// A post in the list: which document, which post in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostRef {
    pub doc: usize,
    pub post: usize,
}

/// One row on screen in the thread pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenRow {
    pub item: usize,
    pub row: Row,
}

/// The open post: its outline, folds, focus and scroll position.
#[derive(Debug)]
pub struct ThreadState {
    pub post: usize,
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
    /// Marked unread: what comes on screen is not recorded as seen until
    /// the next post is opened.
    hold_seen: bool,
}

#[derive(Debug, Default)]
pub struct Find {
    /// The query and the caret in it.
    pub input: tui_input::Input,
    pub regex: bool,
    pub matches: Vec<Match>,
    pub current: Option<usize>,
    pub error: Option<String>,
    /// Typing in the prompt.
    pub editing: bool,
    /// The view to return to when the prompt is cancelled.
    saved: Option<SavedView>,
}

impl Find {
    pub fn query(&self) -> &str {
        self.input.value()
    }
}

/// Where a post was when the find prompt opened on it.
#[derive(Debug, Clone)]
struct SavedView {
    post: usize,
    focus: usize,
    top: (usize, usize),
    folded: Vec<bool>,
}

impl SavedView {
    fn of(t: &ThreadState) -> SavedView {
        SavedView {
            post: t.post,
            focus: t.focus,
            top: t.top,
            folded: t.folded.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub name: String,
    pub read: u64,
    pub total: u64,
}

#[derive(Debug)]
pub struct App {
    pub docs: Vec<Document>,
    pub posts: Vec<PostRef>,
    pub selected: usize,
    pub list_top: usize,
    pub pane: Pane,
    pub thread: Option<ThreadState>,
    pub find: Find,
    pub help: bool,
    /// Rows of the help overlay scrolled past.
    pub help_scroll: usize,
    pub size: (u16, u16),
    pub notice: Option<String>,
    pub loading: Option<Progress>,
    pub problems: Vec<String>,
    /// Problems that must be read before going on (a bad config or state
    /// file): shown in a box until dismissed.
    pub alerts: Vec<String>,
    pub quit: bool,
    pub settings: Settings,
    pub store: Store,
    /// Side effects waiting for the terminal loop.
    pub effects: Vec<Effect>,
    pub links: Option<LinkList>,
    /// What the paths opened together are known by in the store.
    pub session: Option<String>,
    /// The post to go back to when it arrives (the one last read here).
    pub resume: Option<String>,
    /// Comments not yet seen, per post, for the list (None: not counted yet).
    new_counts: Vec<Option<usize>>,
    /// The user has pressed a key: loading no longer moves the focus.
    touched: bool,
}

impl App {
    pub fn new(width: u16, height: u16) -> App {
        App {
            docs: Vec::new(),
            posts: Vec::new(),
            selected: 0,
            list_top: 0,
            pane: Pane::List,
            thread: None,
            find: Find::default(),
            help: false,
            help_scroll: 0,
            size: (width, height),
            notice: None,
            loading: None,
            problems: Vec::new(),
            alerts: Vec::new(),
            quit: false,
            settings: Settings::default(),
            store: Store::default(),
            effects: Vec::new(),
            links: None,
            session: None,
            resume: None,
            new_counts: Vec::new(),
            touched: false,
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

    pub fn mode(&self) -> Mode {
        if self.help || !self.alerts.is_empty() {
            Mode::Help
        } else if self.links.is_some() {
            Mode::Links
        } else if self.find.editing {
            Mode::Prompt
        } else if self.pane == Pane::Thread && self.thread.is_some() {
            Mode::Thread
        } else {
            Mode::List
        }
    }

    pub fn post(&self, i: usize) -> Option<(&Document, &Post)> {
        let r = self.posts.get(i)?;
        let doc = self.docs.get(r.doc)?;
        Some((doc, doc.posts.get(r.post)?))
    }

    pub fn panes(&self) -> Panes {
        let (w, h) = self.size;
        let status = Rect::new(0, h.saturating_sub(1), w, 1.min(h));
        if w < 30 || h < 6 {
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
    fn thread_area(&self) -> (u16, u16) {
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
    fn list_width(&self) -> u16 {
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
    fn list_capacity(&self) -> usize {
        (self.size.1.saturating_sub(3) / 2).max(1) as usize
    }

    /// Takes in what the loader sends.
    pub fn loaded(&mut self, event: LoadEvent) {
        match event {
            LoadEvent::Doc(doc) => {
                let d = self.docs.len();
                let first = self.posts.len();
                self.posts
                    .extend((0..doc.posts.len()).map(|post| PostRef { doc: d, post }));
                self.docs.push(doc);
                if self.thread.is_none() && !self.posts.is_empty() {
                    self.open(self.selected.min(self.posts.len() - 1));
                }
                self.resume_from(first);
            }
            LoadEvent::Progress { name, read, total } => {
                self.loading = Some(Progress { name, read, total })
            }
            LoadEvent::Problem(p) => {
                self.notice = Some(p.clone());
                self.problems.push(p);
            }
            LoadEvent::Note(n) => self.notice = Some(n),
            LoadEvent::Done => {
                self.loading = None;
                if self.posts.is_empty() && self.notice.is_none() {
                    self.notice = Some("no posts to show".into());
                }
                if self.posts.len() == 1 && !self.touched {
                    self.pane = Pane::Thread;
                }
            }
        }
        self.relayout();
    }

    fn open(&mut self, i: usize) {
        self.remember();
        let Some((doc, post)) = self.post(i) else {
            return;
        };
        let outline = Outline::new(doc, post);
        let key = store::post_key(doc, post);
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
        if self.find.editing {
            self.find.saved = Some(SavedView::of(&t));
        }
        self.thread = Some(t);
        self.find.matches.clear();
        self.find.current = None;
        if !self.find.query().is_empty() {
            self.research();
        }
        self.keep_list_selection_visible();
    }

    fn keep_list_selection_visible(&mut self) {
        let cap = self.list_capacity();
        if self.selected < self.list_top {
            self.list_top = self.selected;
        } else if self.selected >= self.list_top + cap {
            self.list_top = self.selected + 1 - cap;
        }
    }

    fn select(&mut self, i: usize) {
        if self.posts.is_empty() {
            return;
        }
        let i = i.min(self.posts.len() - 1);
        if self.thread.as_ref().is_none_or(|t| t.post != i) {
            self.open(i);
        }
        self.selected = i;
        self.keep_list_selection_visible();
    }

    /// Goes back to the post last read here if it is among the posts from
    /// `first` on, unless the user has moved already.
    fn resume_from(&mut self, first: usize) {
        let Some(want) = self.resume.as_deref() else {
            return;
        };
        if self.touched {
            self.resume = None;
            return;
        }
        let found = (first..self.posts.len()).find(|&i| {
            self.post(i)
                .is_some_and(|(d, p)| store::post_key(d, p) == want)
        });
        if let Some(i) = found {
            self.resume = None;
            // The post shown meanwhile was not read: nothing to remember.
            self.thread = None;
            self.open(i);
        }
    }

    /// Puts what the open post's state is now into the store.
    fn remember(&mut self) {
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

    /// Rebuilds what the thread pane shows; what comes on screen is seen.
    pub fn relayout(&mut self) {
        let (w, h) = self.thread_area();
        let thread_shown = self.panes().thread.is_some() && !self.help && self.alerts.is_empty();
        if let Some(t) = &mut self.thread {
            t.layout(w, h as usize);
            if thread_shown && !t.hold_seen {
                t.mark_screen_seen();
            }
        }
        self.count_new_in_list();
    }

    /// Counts unseen comments of the posts the list shows, once each.
    fn count_new_in_list(&mut self) {
        self.new_counts.resize(self.posts.len(), None);
        let end = self.posts.len().min(self.list_top + self.list_capacity());
        for i in self.list_top..end {
            if self.new_counts[i].is_some() {
                continue;
            }
            let Some((doc, post)) = self.post(i) else {
                continue;
            };
            let n = match self.store.get(&store::post_key(doc, post)) {
                Some(s) => store::unseen(doc, post, &s.seen),
                None => post.count(),
            };
            self.new_counts[i] = Some(n);
        }
    }

    fn research(&mut self) {
        let Some(t) = &self.thread else {
            return;
        };
        self.find.error = None;
        self.find.matches.clear();
        self.find.current = None;
        if self.find.query().is_empty() {
            return;
        }
        match find::compile(self.find.query(), self.find.regex) {
            Ok(re) => self.find.matches = find::find_all(&re, &t.outline.items),
            Err(e) => self.find.error = Some(e),
        }
    }

    /// Goes to match `k`: unfolds only the path to it, focuses its item and
    /// scrolls its row into view.
    fn show_match(&mut self, k: usize) {
        let (w, h) = self.thread_area();
        let (Some(t), Some(m)) = (&mut self.thread, self.find.matches.get(k)) else {
            return;
        };
        self.find.current = Some(k);
        t.reveal(m.item);
        let rows = t.outline.rows(m.item, w, false);
        let row = rows
            .iter()
            .position(|r| r.src.as_ref().is_some_and(|s| s.end > m.range.start))
            .unwrap_or(0);
        let v = t.vis_index(m.item);
        t.top = (
            v,
            if row + 2 >= h as usize {
                row.saturating_sub(h as usize / 3)
            } else {
                0
            },
        );
        t.clamp_top(w, h as usize);
    }

    /// Marks the open post read, or unread when nothing in it is new.
    fn toggle_read(&mut self) {
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
    fn step_new(&mut self, forward: bool) {
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
            None => {
                self.notice = Some(
                    if forward {
                        "no new comment below"
                    } else {
                        "no new comment above"
                    }
                    .into(),
                )
            }
        }
    }

    /// The focused item's document, post and comment (None: the post itself).
    fn focused(&self) -> Option<(&Document, &Post, Option<&crate::dump::thread::Comment>)> {
        let t = self.thread.as_ref()?;
        let (doc, post) = self.post(t.post)?;
        let item = &t.outline.items[t.focus];
        let comment = if item.is_comment() {
            Some(post.find(&item.id)?)
        } else {
            None
        };
        Some((doc, post, comment))
    }

    /// Queues the save of the focused comment's subtree, or the thread.
    fn save(&mut self, whole: bool) {
        let Some((doc, post, comment)) = self.focused() else {
            return;
        };
        let comment = if whole { None } else { comment };
        let text = export::render(Format::Text, &[Selection { doc, post, comment }], None);
        let mut name = slug(&crate::reader::outline::post_title(doc, post));
        if let Some(c) = comment {
            name.push_str("-comment-");
            name.push_str(&c.id);
        }
        self.effects.push(Effect::Save { name, text });
    }

    fn copy(&mut self, reference: bool) {
        let Some(t) = &self.thread else {
            return;
        };
        let Some((doc, _)) = self.post(t.post) else {
            return;
        };
        let item = &t.outline.items[t.focus];
        let effect = if reference {
            let mut text = format!("{}:{}", doc.name, item.line);
            if item.is_comment() {
                text.push_str(&format!(" #{}", item.id));
            }
            Effect::Copy {
                what: "reference".into(),
                text,
            }
        } else if item.is_comment() {
            Effect::Copy {
                what: format!("text of #{}", item.id),
                text: item.text.clone(),
            }
        } else {
            Effect::Copy {
                what: "the post's text".into(),
                text: format!("{}\n\n{}", item.heading, item.text),
            }
        };
        self.effects.push(effect);
    }

    fn open_link(&mut self) {
        let Some(t) = &self.thread else {
            return;
        };
        let mut urls = links::urls(&t.outline.items[t.focus].text);
        match urls.len() {
            0 => self.notice = Some("no link here".into()),
            1 => self.effects.push(Effect::Open(urls.remove(0))),
            _ => self.links = Some(LinkList { urls, selected: 0 }),
        }
    }

    /// The first match at or after the focused item.
    fn first_match_from_focus(&self) -> Option<usize> {
        let focus = self.thread.as_ref().map_or(0, |t| t.focus);
        if self.find.matches.is_empty() {
            return None;
        }
        Some(
            self.find
                .matches
                .iter()
                .position(|m| m.item >= focus)
                .unwrap_or(0),
        )
    }
}

/// Columns of the help overlay, borders aside.
pub const HELP_COLUMN: usize = 48;

/// How the help overlay lays out `entries` lines on a screen of `size`:
/// (columns, rows in each, rows shown at once). Columns are added while
/// they fit; what still does not fit scrolls.
pub fn help_grid(entries: usize, (w, h): (u16, u16)) -> (usize, usize, usize) {
    let inner_h = (h as usize).saturating_sub(2).max(1);
    let fit = ((w as usize).saturating_sub(2) / HELP_COLUMN).max(1);
    let columns = entries.div_ceil(inner_h).clamp(1, fit);
    let rows = entries.div_ceil(columns).max(1);
    (columns, rows, rows.min(inner_h))
}

/// The one place state changes.
pub fn update(app: &mut App, action: Action) {
    app.notice = None;
    if !matches!(action, Action::Resize { .. }) {
        app.touched = true;
    }
    let (w, h) = app.thread_area();
    let page = h as usize;
    if let Some(list) = &mut app.links {
        let n = list.urls.len();
        match action {
            Action::Next => list.selected = (list.selected + 1).min(n - 1),
            Action::Prev => list.selected = list.selected.saturating_sub(1),
            Action::Enter | Action::PickLink(_) => {
                let pick = match action {
                    Action::PickLink(k) => k as usize,
                    _ => list.selected,
                };
                if let Some(url) = list.urls.get(pick) {
                    app.effects.push(Effect::Open(url.clone()));
                    app.links = None;
                }
            }
            Action::Back => app.links = None,
            Action::Quit => {
                app.remember();
                app.quit = true;
            }
            _ => {}
        }
        return;
    }
    match action {
        Action::Quit => {
            app.remember();
            app.quit = true;
        }
        Action::Resize { width, height } => {
            app.size = (width, height);
            app.keep_list_selection_visible();
        }
        Action::Back if !app.alerts.is_empty() => app.alerts.clear(),
        Action::Help => {
            app.help = true;
            app.help_scroll = 0;
        }
        Action::Back if app.help => app.help = false,
        Action::PageDown | Action::PageUp | Action::Scroll { .. } if app.help => {
            let entries = keys::help_lines(&app.settings.keys).len();
            let (_, rows, shown) = help_grid(entries, app.size);
            let step = match action {
                Action::Scroll { rows, .. } => rows as isize,
                Action::PageDown => shown.saturating_sub(1).max(1) as isize,
                _ => -(shown.saturating_sub(1).max(1) as isize),
            };
            app.help_scroll = app
                .help_scroll
                .saturating_add_signed(step)
                .min(rows - shown);
        }
        Action::Back => match app.pane {
            Pane::Thread => app.pane = Pane::List,
            Pane::List => {
                app.remember();
                app.quit = true;
            }
        },
        Action::ToggleRead => app.toggle_read(),
        Action::NextNew | Action::PrevNew => app.step_new(action == Action::NextNew),
        Action::SaveComment | Action::SaveThread => app.save(action == Action::SaveThread),
        Action::CopyText | Action::CopyRef => app.copy(action == Action::CopyRef),
        Action::OpenLink => app.open_link(),
        Action::SwitchPane => {
            app.pane = match app.pane {
                Pane::List if app.thread.is_some() => Pane::Thread,
                _ => Pane::List,
            }
        }
        Action::NextPost => app.select(app.selected + 1),
        Action::PrevPost => app.select(app.selected.saturating_sub(1)),
        Action::FindStart => {
            let saved = app.thread.as_ref().map(SavedView::of);
            app.find = Find {
                editing: true,
                regex: app.find.regex,
                saved,
                ..Find::default()
            };
            if app.thread.is_some() {
                app.pane = Pane::Thread;
            }
        }
        Action::FindInput(c) => {
            app.find.input.handle(InputRequest::InsertChar(c));
            incremental(app);
        }
        Action::Insert(text) if app.find.editing => {
            insert(&mut app.find.input, &text);
            incremental(app);
        }
        Action::Insert(_) => {
            app.notice = Some("pasted text ignored: only the find prompt (/) takes text".into())
        }
        Action::FindBackspace => {
            app.find.input.handle(InputRequest::DeletePrevChar);
            incremental(app);
        }
        Action::Edit(edit) => {
            if edit_prompt(&mut app.find.input, edit) {
                incremental(app);
            }
        }
        Action::FindToggleRegex => {
            app.find.regex = !app.find.regex;
            incremental(app);
        }
        Action::FindAccept => {
            app.find.editing = false;
            app.find.saved = None;
            if app.find.matches.is_empty() && !app.find.query().is_empty() {
                app.notice = Some(format!("no match for {}", app.find.query()));
            }
        }
        Action::FindCancel => {
            restore_saved(app);
            app.find = Find {
                regex: app.find.regex,
                ..Find::default()
            };
        }
        Action::FindNext | Action::FindPrev => step_match(app, action == Action::FindNext),
        Action::Scroll { rows, x, y } => {
            let panes = app.panes();
            let in_list = panes.list.is_some_and(|r| r.contains((x, y).into()));
            if in_list {
                let n = app.selected as i64 + i64::from(rows.signum());
                app.select(n.max(0) as usize);
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
    app.relayout();
}

fn list_action(app: &mut App, action: Action) {
    let cap = app.list_capacity();
    let last = app.posts.len().saturating_sub(1);
    match action {
        Action::Next => app.select(app.selected + 1),
        Action::Prev => app.select(app.selected.saturating_sub(1)),
        Action::PageDown => app.select(app.selected + cap),
        Action::PageUp => app.select(app.selected.saturating_sub(cap)),
        Action::HalfDown => app.select(app.selected + cap / 2),
        Action::HalfUp => app.select(app.selected.saturating_sub(cap / 2)),
        Action::Top => app.select(0),
        Action::Bottom => app.select(last),
        Action::Enter | Action::Unfold if app.thread.is_some() => app.pane = Pane::Thread,
        _ => {}
    }
}

fn incremental(app: &mut App) {
    restore_saved_view(app);
    app.research();
    if let Some(k) = app.first_match_from_focus() {
        app.show_match(k);
    }
}

/// Back to the view the prompt was opened on, keeping the prompt.
fn restore_saved_view(app: &mut App) {
    let (Some(t), Some(saved)) = (&mut app.thread, &app.find.saved) else {
        return;
    };
    if saved.post != t.post || saved.folded.len() != t.folded.len() {
        return;
    }
    t.focus = saved.focus;
    t.top = saved.top;
    t.folded.clone_from(&saved.folded);
    t.refresh_visible();
}

/// Puts `text` in at the caret; line breaks and other controls become
/// spaces, so a pasted paragraph is one query.
fn insert(input: &mut tui_input::Input, text: &str) {
    let value = input.value();
    let at = value
        .char_indices()
        .nth(input.cursor())
        .map_or(value.len(), |(b, _)| b);
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let cursor = input.cursor() + clean.chars().count();
    let joined = format!("{}{clean}{}", &value[..at], &value[at..]);
    *input = tui_input::Input::new(joined).with_cursor(cursor);
}

/// Carries out a line edit; true when the query changed.
fn edit_prompt(input: &mut tui_input::Input, edit: Edit) -> bool {
    let request = match edit {
        Edit::Left => InputRequest::GoToPrevChar,
        Edit::Right => InputRequest::GoToNextChar,
        Edit::WordLeft => InputRequest::GoToPrevWord,
        Edit::WordRight => InputRequest::GoToNextWord,
        Edit::Start => InputRequest::GoToStart,
        Edit::End => InputRequest::GoToEnd,
        Edit::DeleteNext => InputRequest::DeleteNextChar,
        Edit::DeleteWord => InputRequest::DeletePrevWord,
        Edit::DeleteToStart => InputRequest::DeleteFromStart,
        Edit::DeleteToEnd => InputRequest::DeleteTillEnd,
    };
    input.handle(request).is_some_and(|changed| changed.value)
}

fn restore_saved(app: &mut App) {
    restore_saved_view(app);
    app.find.saved = None;
}

fn step_match(app: &mut App, forward: bool) {
    let n = app.find.matches.len();
    if n == 0 {
        app.notice = Some(if app.find.query().is_empty() {
            "nothing to find: press / first".into()
        } else {
            format!("no match for {}", app.find.query())
        });
        return;
    }
    let focus = app.thread.as_ref().map_or(0, |t| t.focus);
    let next = match app.find.current {
        Some(c) if app.find.matches[c].item == focus || !forward => {
            if forward {
                (c + 1) % n
            } else {
                (c + n - 1) % n
            }
        }
        Some(_) | None => {
            if forward {
                app.find
                    .matches
                    .iter()
                    .position(|m| m.item > focus)
                    .unwrap_or(0)
            } else {
                app.find
                    .matches
                    .iter()
                    .rposition(|m| m.item < focus)
                    .unwrap_or(n - 1)
            }
        }
    };
    let wrapped = match app.find.current {
        Some(c) => (forward && next <= c) || (!forward && next >= c),
        None => false,
    };
    app.show_match(next);
    if wrapped {
        app.notice = Some(
            if forward {
                "search wrapped to the top"
            } else {
                "search wrapped to the bottom"
            }
            .into(),
        );
    }
}

fn click(app: &mut App, x: u16, y: u16) {
    let panes = app.panes();
    if let Some(list) = panes.list.filter(|r| r.contains((x, y).into())) {
        let row = y.saturating_sub(list.y + 1) as usize;
        let i = app.list_top + row / 2;
        if i < app.posts.len() {
            app.select(i);
            app.pane = Pane::List;
        }
    } else if let Some(area) = panes.thread.filter(|r| r.contains((x, y).into()))
        && let Some(t) = &mut app.thread
        && let Some(row) = t.screen.get((y - area.y) as usize)
    {
        t.focus = row.item;
        app.pane = Pane::Thread;
    }
}

/// `New Probation Scandal` → `new-probation-scandal`: a file name safe anywhere.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if out.len() + word.len() > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    if out.is_empty() { "thread".into() } else { out }
}

impl ThreadState {
    /// Unfolds `item` and the path to it (only that) and focuses it.
    fn reveal(&mut self, item: usize) {
        let mut at = Some(item);
        while let Some(i) = at {
            self.folded[i] = false;
            at = self.outline.items[i].parent;
        }
        self.refresh_visible();
        self.focus = item;
    }

    /// Back to a remembered place: folds, focus and scroll.
    fn restore(&mut self, s: &PostState) {
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
            self.reveal(f);
        }
        if let Some(v) = top.and_then(|i| self.vis_position(i)) {
            self.top = (v, s.top_row);
        }
    }

    /// Records the comments on screen as seen.
    fn mark_screen_seen(&mut self) {
        let mut last = usize::MAX;
        for row in &self.screen {
            if row.item != last && row.item > 0 {
                last = row.item;
                // Keys are one per comment (equal comments are told apart
                // by their order), so each new key is one comment seen.
                if self.state.seen.insert(self.outline.items[row.item].key) {
                    self.unseen = self.unseen.saturating_sub(1);
                }
            }
        }
    }

    fn refresh_visible(&mut self) {
        self.visible.clear();
        let mut i = 0;
        while i < self.outline.items.len() {
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

    fn vis_position(&self, item: usize) -> Option<usize> {
        self.visible.binary_search(&item).ok()
    }

    /// The focused item's place in `visible` (0 when hidden).
    fn vis_index(&self, item: usize) -> usize {
        self.vis_position(item).unwrap_or(0)
    }

    fn height_of(&mut self, v: usize, width: u16) -> usize {
        let item = self.visible[v];
        self.outline.rows(item, width, self.folded[item]).len()
    }

    fn act(&mut self, action: Action, width: u16, page: usize) {
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

    fn set_fold(&mut self, item: usize, fold: bool, width: u16, page: usize) {
        if item == 0 {
            return;
        }
        self.folded[item] = fold;
        self.refresh_visible();
        self.scroll_to_focus(width, page);
    }

    /// Brings the focused item's first row on screen; an item off screen is
    /// put at the top.
    fn scroll_to_focus(&mut self, width: u16, page: usize) {
        let fv = self.vis_index(self.focus);
        if fv < self.top.0 || (fv == self.top.0 && self.top.1 > 0) {
            self.top = (fv, 0);
        } else {
            let mut rows = self.height_of(self.top.0, width).saturating_sub(self.top.1);
            for v in self.top.0 + 1..=fv {
                if rows >= page {
                    break;
                }
                if v == fv {
                    return;
                }
                rows += self.height_of(v, width);
            }
            if rows >= page || fv != self.top.0 {
                self.top = (fv, 0);
            }
        }
        self.clamp_top(width, page);
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
    fn clamp_top(&mut self, width: u16, page: usize) {
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
    fn fit_top(&mut self, width: u16) {
        if self.top.1 > 0
            && self.top.0 < self.visible.len()
            && self.top.1 >= self.height_of(self.top.0, width)
        {
            self.top.1 = 0;
        }
    }

    fn layout(&mut self, width: u16, page: usize) {
        self.fit_top(width);
        self.screen.clear();
        let (mut v, mut r) = self.top;
        while self.screen.len() < page && v < self.visible.len() {
            let item = self.visible[v];
            let rows = self.outline.rows(item, width, self.folded[item]);
            for row in rows.iter().skip(r).take(page - self.screen.len()) {
                self.screen.push(ScreenRow {
                    item,
                    row: row.clone(),
                });
            }
            v += 1;
            r = 0;
        }
    }
}

#[cfg(test)]
mod tests;
