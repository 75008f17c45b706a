//! Read state: per post, where you were, what you folded and which comments
//! you have seen. Dumps carry no ids, so a post is known by a hash of its
//! title, date and body, and a comment by a hash of its author, timestamp
//! and text: a post that gains comments keeps its state, and its new
//! comments are the ones not seen.
//!
//! The file lives in the platform's data folder (`tread/state.json`). A save
//! holds an advisory lock (`state.json.lock`), reads what another tread
//! wrote meanwhile, merges post by post (seen comments are a union; the
//! focus of the visit that moved last wins; folds come from the reader that
//! changed them last) and writes atomically (a temp file of this process,
//! then rename). A file that cannot be read is set aside once, never a
//! crash.

use std::{
    collections::{BTreeMap, BTreeSet},
    io::Write,
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

pub use crate::dump::keys::{digest, post_key};
use crate::dump::thread::{Comment, Document, Post};

/// What tread remembers of one post.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PostState {
    /// The focused comment (its key); None: the post itself.
    pub focus: Option<u64>,
    /// The item at the top of the pane (None: the post) and rows scrolled
    /// past of it.
    pub top: Option<u64>,
    pub top_row: usize,
    pub folded: BTreeSet<u64>,
    pub seen: BTreeSet<u64>,
    /// When (ms since 1970) the focus or scroll last moved, the folds last
    /// changed and the post was last marked unread: what a merge of two
    /// readers' saves goes by.
    pub moved_at: u64,
    pub folds_at: u64,
    pub cleared_at: u64,
}

/// What changed in a post's state since the last save.
#[derive(Debug, Clone, Copy, Default)]
struct Changes {
    moved: bool,
    folds: bool,
    cleared: bool,
}

impl PostState {
    /// `self` (this reader's, stamped) merged into `theirs` (the file's).
    fn merged_into(mut self, theirs: &PostState) -> PostState {
        if theirs.moved_at > self.moved_at {
            self.focus = theirs.focus;
            self.top = theirs.top;
            self.top_row = theirs.top_row;
            self.moved_at = theirs.moved_at;
        }
        if theirs.folds_at > self.folds_at {
            self.folded.clone_from(&theirs.folded);
            self.folds_at = theirs.folds_at;
        }
        // A mark as unread forgets what was seen before it, on either side.
        match theirs.cleared_at.cmp(&self.cleared_at) {
            std::cmp::Ordering::Equal => self.seen.extend(theirs.seen.iter().copied()),
            std::cmp::Ordering::Greater => {
                self.seen.clone_from(&theirs.seen);
                self.cleared_at = theirs.cleared_at;
            }
            std::cmp::Ordering::Less => {}
        }
        self
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct StateFile {
    version: u32,
    posts: BTreeMap<String, PostState>,
    /// Per set of paths opened together: the post last read in it.
    #[serde(default)]
    places: BTreeMap<String, String>,
}

const VERSION: u32 = 1;

/// The state of every post tread has opened, and where it is kept.
#[derive(Debug, Default)]
pub struct Store {
    /// None: kept in memory only.
    path: Option<PathBuf>,
    posts: BTreeMap<String, PostState>,
    /// Posts changed since the last save, and how.
    changed: BTreeMap<String, Changes>,
    /// What this reader last put per post: its changes are told from that,
    /// not from what another reader's save merged in.
    last_put: BTreeMap<String, PostState>,
    places: BTreeMap<String, String>,
    /// Places changed since the last save.
    moved: BTreeSet<String>,
}

/// Where the state file lives by default.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "tread").map(|d| d.data_dir().join("state.json"))
}

/// The folder of the index cache, in the platform's cache folder
/// (`tread/index`).
pub fn index_cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "tread").map(|d| d.cache_dir().join("index"))
}

impl Store {
    /// Opens the state file at `path` (missing: nothing remembered yet).
    /// A file that cannot be read is renamed aside and reported in the
    /// returned message; tread goes on with an empty state.
    pub fn open(path: PathBuf) -> (Store, Option<String>) {
        let mut store = Store {
            path: Some(path.clone()),
            ..Store::default()
        };
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (store, None),
            Err(e) => {
                // Unreadable (permissions, a folder): leave it alone and do
                // not write over it.
                store.path = None;
                return (
                    store,
                    Some(format!(
                        "state file {} cannot be read ({e}); read state will not be kept",
                        crate::dump::sanitize::path(&path)
                    )),
                );
            }
        };
        match serde_json::from_slice::<StateFile>(&bytes) {
            Ok(file) => {
                store.posts = file.posts;
                store.places = file.places;
                (store, None)
            }
            Err(e) => {
                let aside = set_aside_name(&path);
                let message = match std::fs::rename(&path, &aside) {
                    Ok(()) => format!(
                        "state file {} was corrupt ({e}); set aside as {}, starting afresh",
                        crate::dump::sanitize::path(&path),
                        crate::dump::sanitize::path(&aside)
                    ),
                    Err(re) => {
                        store.path = None;
                        format!(
                            "state file {} is corrupt ({e}) and cannot be set aside ({re}); \
                             read state will not be kept",
                            crate::dump::sanitize::path(&path)
                        )
                    }
                };
                (store, Some(message))
            }
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn get(&self, key: &str) -> Option<&PostState> {
        self.posts.get(key)
    }

    pub fn put(&mut self, key: String, state: PostState) {
        if self.posts.get(&key) == Some(&state) {
            return;
        }
        let fresh = PostState::default();
        let old = (self.last_put.get(&key))
            .or(self.posts.get(&key))
            .unwrap_or(&fresh);
        let c = self.changed.entry(key.clone()).or_default();
        c.moved |= (old.focus, old.top, old.top_row) != (state.focus, state.top, state.top_row);
        c.folds |= old.folded != state.folded;
        c.cleared |= !state.seen.is_superset(&old.seen);
        self.last_put.insert(key.clone(), state.clone());
        self.posts.insert(key, state);
    }

    /// The post last read when `session`'s paths were open.
    pub fn place(&self, session: &str) -> Option<&str> {
        self.places.get(session).map(String::as_str)
    }

    pub fn set_place(&mut self, session: &str, post: &str) {
        if self.place(session) != Some(post) {
            self.places.insert(session.to_owned(), post.to_owned());
            self.moved.insert(session.to_owned());
        }
    }

    /// Something is waiting to be written.
    pub fn dirty(&self) -> bool {
        (!self.changed.is_empty() || !self.moved.is_empty()) && self.path.is_some()
    }

    /// Writes the changed posts, merged into what the file holds now (another
    /// tread may have written it since).
    pub fn save(&mut self) -> Result<(), String> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        self.save_at(now)
    }

    /// `save`, with the time the changes are stamped with (ms since 1970).
    pub fn save_at(&mut self, now: u64) -> Result<(), String> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        if self.changed.is_empty() && self.moved.is_empty() {
            return Ok(());
        }
        let fail = |e: std::io::Error| {
            format!(
                "cannot save read state to {}: {e}",
                crate::dump::sanitize::path(&path)
            )
        };
        let _lock = lock(&path).map_err(fail)?;
        let mut file = std::fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice::<StateFile>(&b).ok())
            .unwrap_or_default();
        for (key, c) in &self.changed {
            let Some(mut mine) = self.posts.get(key).cloned() else {
                continue;
            };
            for (changed, at) in [
                (c.moved, &mut mine.moved_at),
                (c.folds, &mut mine.folds_at),
                (c.cleared, &mut mine.cleared_at),
            ] {
                if changed {
                    *at = now.max(*at + 1);
                }
            }
            let merged = match file.posts.get(key) {
                Some(theirs) => mine.merged_into(theirs),
                None => mine,
            };
            file.posts.insert(key.clone(), merged);
        }
        for session in &self.moved {
            if let Some(post) = self.places.get(session) {
                file.places.insert(session.clone(), post.clone());
            }
        }
        file.version = VERSION;
        let bytes = serde_json::to_vec(&file).map_err(|e| e.to_string())?;
        write_atomic(&path, &bytes).map_err(fail)?;
        self.posts = file.posts;
        self.places = file.places;
        self.changed.clear();
        self.moved.clear();
        Ok(())
    }
}

/// `state.json.corrupt-<seconds>`: beside the file, never over an older one.
fn set_aside_name(path: &Path) -> PathBuf {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".corrupt-{secs}"));
    let mut aside = PathBuf::from(&name);
    let mut n = 1;
    while aside.exists() {
        n += 1;
        aside = PathBuf::from(format!("{}-{n}", name.to_string_lossy()));
    }
    aside
}

/// The temp file a save writes before renaming it over the state file:
/// this process's own, so two readers saving at once never share one.
pub fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".tmp.{}", std::process::id()));
    PathBuf::from(name)
}

/// Holds the advisory lock beside the state file until dropped: one save
/// at a time reads, merges and writes it.
fn lock(path: &Path) -> std::io::Result<std::fs::File> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(PathBuf::from(name))?;
    file.lock()?;
    Ok(file)
}

/// Writes `bytes` to `path` so that a crash leaves either the old file or
/// the new one, never half of one: temp file, flushed to disk, renamed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temp = temp_path(path);
    let mut file = std::fs::File::create(&temp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temp, path)
}

/// What a set of paths opened together is known by: the paths, made
/// absolute where they exist (none: the bundled samples).
pub fn session_key(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths
        .iter()
        .map(|p| {
            std::fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    format!("{:016x}", digest(&names))
}

/// A comment's key: from its Blogger id where the dump kept one (stable
/// whatever else a later save changes), else from its author, timestamp
/// and text (`c.text(doc)`).
pub fn comment_key(doc: &Document, c: &Comment, text: &str) -> u64 {
    if let Some(id) = &c.blogger_id {
        return digest(&["blogger", doc.slice(id)]);
    }
    digest(&[
        c.author_text(doc).unwrap_or(""),
        c.timestamp_text(doc).unwrap_or(""),
        text,
    ])
}

/// Tells equal comments apart: the first with a given key keeps it (so
/// state saved before keeps working), the n-th after it gets the key mixed
/// with n. Feed it a post's comments in tree order.
#[derive(Debug, Default)]
pub struct Occurrences(std::collections::HashMap<u64, u64>);

impl Occurrences {
    pub fn key(&mut self, base: u64) -> u64 {
        let n = self.0.entry(base).or_insert(0);
        let key = if *n == 0 {
            base
        } else {
            digest(&[&format!("{base:016x}#{n}")])
        };
        *n += 1;
        key
    }
}

/// Comments of a post not in `seen`.
pub fn unseen(doc: &Document, post: &Post, seen: &BTreeSet<u64>) -> usize {
    fn walk(doc: &Document, cs: &[Comment], seen: &BTreeSet<u64>, o: &mut Occurrences) -> usize {
        cs.iter()
            .map(|c| {
                let key = o.key(comment_key(doc, c, &c.text(doc)));
                usize::from(!seen.contains(&key)) + walk(doc, &c.replies, seen, o)
            })
            .sum()
    }
    walk(doc, &post.comments, seen, &mut Occurrences::default())
}

#[cfg(test)]
mod tests;
