//! Read state: per post, where you were, what you folded and which comments
//! you have seen. Dumps carry no ids, so a post is known by a hash of its
//! title, date and body, and a comment by a hash of its author, timestamp
//! and text: a post that gains comments keeps its state, and its new
//! comments are the ones not seen.
//!
//! The file lives in the platform's data folder (`tread/state.json`). It is
//! written atomically (temp file, then rename), merged with what another
//! tread wrote meanwhile, and a file that cannot be read is set aside once,
//! never a crash.

use std::{
    collections::{BTreeMap, BTreeSet},
    io::Write,
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

use crate::thread::{Comment, Document, Post};

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
    /// Posts changed since the last save.
    changed: BTreeSet<String>,
    places: BTreeMap<String, String>,
    /// Places changed since the last save.
    moved: BTreeSet<String>,
}

/// Where the state file lives by default.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "tread").map(|d| d.data_dir().join("state.json"))
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
                        crate::sanitize::path(&path)
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
                        crate::sanitize::path(&path),
                        crate::sanitize::path(&aside)
                    ),
                    Err(re) => {
                        store.path = None;
                        format!(
                            "state file {} is corrupt ({e}) and cannot be set aside ({re}); \
                             read state will not be kept",
                            crate::sanitize::path(&path)
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
        if self.posts.get(&key) != Some(&state) {
            self.changed.insert(key.clone());
            self.posts.insert(key, state);
        }
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
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        if self.changed.is_empty() && self.moved.is_empty() {
            return Ok(());
        }
        let mut file = std::fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice::<StateFile>(&b).ok())
            .unwrap_or_default();
        for key in &self.changed {
            if let Some(state) = self.posts.get(key) {
                file.posts.insert(key.clone(), state.clone());
            }
        }
        for session in &self.moved {
            if let Some(post) = self.places.get(session) {
                file.places.insert(session.clone(), post.clone());
            }
        }
        file.version = VERSION;
        let bytes = serde_json::to_vec(&file).map_err(|e| e.to_string())?;
        write_atomic(&path, &bytes).map_err(|e| {
            format!(
                "cannot save read state to {}: {e}",
                crate::sanitize::path(&path)
            )
        })?;
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

/// The temp file a save writes before renaming it over the state file.
pub fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".tmp");
    PathBuf::from(name)
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

/// XXH64 over the parts, each ended by a byte UTF-8 never holds: a
/// specified hash, stable across runs, platforms and Rust versions (unlike
/// std's hasher), and fast enough for a 10,000-comment thread at open.
fn digest(parts: &[&str]) -> u64 {
    use std::hash::Hasher;
    let mut h = twox_hash::XxHash64::with_seed(0);
    for part in parts {
        h.write(part.as_bytes());
        h.write(&[0xff]);
    }
    h.finish()
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

/// A post's key: its title, date and body, not its comments.
pub fn post_key(doc: &Document, post: &Post) -> String {
    format!(
        "{:016x}",
        digest(&[
            post.title_text(doc).unwrap_or(""),
            post.date_text(doc).unwrap_or(""),
            &post.body_text(doc),
        ])
    )
}

/// A comment's key, from its author, timestamp and text (`c.text(doc)`).
pub fn comment_key(doc: &Document, c: &Comment, text: &str) -> u64 {
    digest(&[
        c.author_text(doc).unwrap_or(""),
        c.timestamp_text(doc).unwrap_or(""),
        text,
    ])
}

/// Comments of a post not in `seen`.
pub fn unseen(doc: &Document, post: &Post, seen: &BTreeSet<u64>) -> usize {
    fn walk(doc: &Document, cs: &[Comment], seen: &BTreeSet<u64>) -> usize {
        cs.iter()
            .map(|c| {
                usize::from(!seen.contains(&comment_key(doc, c, &c.text(doc))))
                    + walk(doc, &c.replies, seen)
            })
            .sum()
    }
    walk(doc, &post.comments, seen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(seen: &[u64]) -> PostState {
        PostState {
            focus: Some(7),
            seen: seen.iter().copied().collect(),
            ..PostState::default()
        }
    }

    #[test]
    fn state_round_trips_through_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub/state.json");
        let (mut store, problem) = Store::open(path.clone());
        assert_eq!(problem, None);
        store.put("a".into(), state(&[1, 2]));
        assert!(store.dirty());
        store.save().expect("save");
        assert!(!store.dirty());
        let (store, problem) = Store::open(path);
        assert_eq!(problem, None);
        assert_eq!(store.get("a"), Some(&state(&[1, 2])));
    }

    #[test]
    fn a_crash_between_temp_write_and_rename_keeps_the_old_state() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state.json");
        let (mut store, _) = Store::open(path.clone());
        store.put("a".into(), state(&[1]));
        store.save().expect("save");
        // The crash: a new state half written to the temp file, never renamed.
        std::fs::write(temp_path(&path), b"{\"version\":1,\"posts\":{\"a\":{\"se").expect("write");
        let (mut store, problem) = Store::open(path.clone());
        assert_eq!(problem, None);
        assert_eq!(store.get("a"), Some(&state(&[1])));
        // The next save goes through and leaves no temp file behind.
        store.put("a".into(), state(&[1, 2]));
        store.save().expect("save");
        assert!(!temp_path(&path).exists());
        assert_eq!(Store::open(path).0.get("a"), Some(&state(&[1, 2])));
    }

    #[test]
    fn a_corrupt_state_file_is_set_aside_once_and_reading_goes_on() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state.json");
        std::fs::write(&path, b"{not json").expect("write");
        let (mut store, problem) = Store::open(path.clone());
        let problem = problem.expect("reported");
        assert!(
            problem.contains("corrupt") && problem.contains("set aside"),
            "{problem}"
        );
        assert!(!path.exists());
        let aside: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(std::fs::read(aside[0].path()).expect("read"), b"{not json");
        // Reported once: the next start finds a fresh file.
        store.put("a".into(), state(&[3]));
        store.save().expect("save");
        assert_eq!(Store::open(path).1, None);
    }

    #[test]
    fn the_last_post_read_is_kept_per_set_of_paths() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state.json");
        let (mut store, _) = Store::open(path.clone());
        let here = session_key(&[dir.path().to_path_buf()]);
        let there = session_key(&[dir.path().join("x"), dir.path().to_path_buf()]);
        assert_ne!(here, there);
        store.set_place(&here, "post-a");
        assert!(store.dirty());
        store.save().expect("save");
        let (store, _) = Store::open(path);
        assert_eq!(store.place(&here), Some("post-a"));
        assert_eq!(store.place(&there), None);
    }

    #[test]
    fn saves_merge_with_what_another_reader_wrote() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state.json");
        let (mut one, _) = Store::open(path.clone());
        let (mut two, _) = Store::open(path.clone());
        one.put("a".into(), state(&[1]));
        one.save().expect("save");
        two.put("b".into(), state(&[2]));
        two.save().expect("save");
        let (both, _) = Store::open(path);
        assert_eq!(both.get("a"), Some(&state(&[1])));
        assert_eq!(both.get("b"), Some(&state(&[2])));
    }

    #[test]
    fn keys_are_stable_and_ignore_added_comments() {
        // Pinned: a changed hash would forget every reader's state.
        // XXH64 of "a\xffb\xff", seed 0, as the reference implementation gives it.
        assert_eq!(digest(&["a", "b"]), 0x6088_91b6_a4fd_3588);
        assert_ne!(digest(&["ab", ""]), digest(&["a", "b"]));
        let seed = crate::samples::SEEDS[0].1;
        let doc = Document::parse("a.txt", seed.to_owned());
        let more = format!("{seed}\n  22. A comment added later.\n    ReplyDelete\n");
        let grown = Document::parse("copy.txt", more);
        assert_eq!(
            post_key(&doc, &doc.posts[0]),
            post_key(&grown, &grown.posts[0])
        );
        let keys = |d: &Document| -> BTreeSet<u64> {
            let outline = crate::outline::Outline::new(d, &d.posts[0]);
            outline.items[1..].iter().map(|it| it.key).collect()
        };
        let seen = keys(&doc);
        assert_eq!(unseen(&doc, &doc.posts[0], &seen), 0);
        assert_eq!(unseen(&grown, &grown.posts[0], &seen), 1);
    }
}
