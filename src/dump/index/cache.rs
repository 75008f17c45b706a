//! The index cache: a file's entries kept in the platform's cache folder,
//! so reopening an archive shows its list at once. An entry file is a line
//! of JSON saying what it is for (with a hash of the rest), then an entry
//! a line: checked whole first, then read a batch at a time, so the first
//! screen comes with the first batch. An entry file is known
//! by a hash of the dump's path and trusted only when the dump's path,
//! size, modification time and inode are those it was made for, and its
//! first and last 4 KiB still hash the same. A dump that only grew (an
//! archive appended to) keeps its entries but the last post's, and only
//! its tail is read again. The folder is kept under `CAP` bytes, oldest
//! entry files going first; one that cannot be read (corrupt, foreign, of
//! another version) is said in a notice and never trusted.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

use super::archive::Entry;

/// What marks an entry file as tread's, in this format.
const FORMAT: &str = "tread index 2";

/// The most the cache folder holds.
const CAP: u64 = 256 << 20;

/// Bytes hashed at each end of a dump.
const BLOCK: u64 = 4096;

/// What an entry file says of the dump it was made for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    path: String,
    size: u64,
    modified: u128,
    inode: u64,
    /// XXH64 of the first and of the last `BLOCK` bytes.
    first: u64,
    last: u64,
}

/// An entry file's first line.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: String,
    stamp: Stamp,
    /// How many entries follow, and the XXH64 of the lines they are on.
    posts: usize,
    hash: u64,
}

/// The entries of an entry file, checked, to be read a batch at a time.
#[derive(Debug)]
pub struct Stored {
    bytes: Vec<u8>,
    /// Where the next entry's line starts.
    at: usize,
}

impl Stored {
    /// The next `n` entries (none: all read). A line that is no entry
    /// ends them: the file was checked whole, so only a tread that wrote
    /// what it cannot read would get there.
    pub fn next_batch(&mut self, n: usize) -> Vec<Entry> {
        let mut batch = Vec::with_capacity(n.min(4096));
        while batch.len() < n && self.at < self.bytes.len() {
            let rest = &self.bytes[self.at..];
            let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
            self.at += end + 1;
            match serde_json::from_slice(&rest[..end]) {
                Ok(entry) => batch.push(entry),
                Err(_) => {
                    self.at = self.bytes.len();
                    break;
                }
            }
        }
        batch
    }

    /// Every entry left.
    fn all(mut self) -> Vec<Entry> {
        self.next_batch(usize::MAX)
    }
}

/// What the cache knows of a dump.
#[derive(Debug)]
pub enum Known {
    /// Its entries, all of them still right.
    Whole(Stored),
    /// It grew: the entries before its last post, and where that post
    /// starts (byte, line), to be read again from there.
    Grown(Vec<Entry>, u64, usize),
    /// Nothing (or nothing to trust).
    Nothing,
}

impl Stamp {
    /// The size of the dump it was made for.
    pub fn size(&self) -> u64 {
        self.size
    }
}

/// The entry file for `path` in the cache folder `dir`.
fn file_for(dir: &Path, path: &Path) -> PathBuf {
    let name = path.to_string_lossy();
    dir.join(format!("{:016x}.json", crate::dump::keys::digest(&[&name])))
}

/// The stamp of the dump at `path` as it is now (None: not a regular file).
pub fn stamp(path: &Path) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt;
    let path = fs::canonicalize(path).ok()?;
    let file = fs::File::open(&path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() {
        return None;
    }
    let size = meta.len();
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some(Stamp {
        path: path.to_string_lossy().into_owned(),
        size,
        modified,
        inode: meta.ino(),
        first: block_hash(&file, 0, size)?,
        last: block_hash(&file, size.saturating_sub(BLOCK), size)?,
    })
}

/// XXH64 of the bytes `from..to` of `file` (at most `BLOCK` of them).
fn block_hash(file: &fs::File, from: u64, to: u64) -> Option<u64> {
    use std::os::unix::fs::FileExt;
    let mut buf = vec![0u8; usize::try_from(to.saturating_sub(from).min(BLOCK)).ok()?];
    file.read_exact_at(&mut buf, from).ok()?;
    Some(twox_hash::XxHash64::oneshot(0, &buf))
}

/// What the cache in `dir` knows of the dump stamped `now`; a notice when
/// an entry file was there but could not be trusted.
pub fn look_up(dir: &Path, now: &Stamp) -> (Known, Option<String>) {
    let at = file_for(dir, Path::new(&now.path));
    let Ok(bytes) = fs::read(&at) else {
        return (Known::Nothing, None);
    };
    let said = |what: &str| {
        Some(format!(
            "the index cache {} {what}: ignored, the dump is read again",
            crate::dump::sanitize::path(&at)
        ))
    };
    let end = memchr::memchr(b'\n', &bytes).unwrap_or(bytes.len());
    let header: Header = match serde_json::from_slice(&bytes[..end]) {
        Ok(h) => h,
        Err(_) if bytes.starts_with(b"{\"format\":\"tread index") => {
            // Another version's: written anew after this read.
            return (Known::Nothing, None);
        }
        Err(_) => return (Known::Nothing, said("could not be read")),
    };
    if header.format != FORMAT || header.stamp.path != now.path {
        return (Known::Nothing, said("is not this tread's"));
    }
    let body = &bytes[(end + 1).min(bytes.len())..];
    let lines = memchr::memchr_iter(b'\n', body).count();
    if twox_hash::XxHash64::oneshot(0, body) != header.hash || lines != header.posts {
        let _ = fs::remove_file(&at);
        return (Known::Nothing, said("could not be read"));
    }
    let stored = Stored { at: end + 1, bytes };
    let then = &header.stamp;
    if *then == *now {
        return (Known::Whole(stored), None);
    }
    // Grown in place: the same file, its old bytes where they were.
    if then.inode == now.inode
        && now.size > then.size
        && then.first == now.first
        && stamp_block(&now.path, then.size) == Some(then.last)
    {
        let mut posts = stored.all();
        if let Some(last) = posts.pop()
            && let super::archive::At::Bytes(range) = &last.at
        {
            return (Known::Grown(posts, range.start, last.line), None);
        }
    }
    (Known::Nothing, None)
}

/// The hash of the last `BLOCK` bytes before `size` of the file at `path`.
fn stamp_block(path: &str, size: u64) -> Option<u64> {
    let file = fs::File::open(path).ok()?;
    block_hash(&file, size.saturating_sub(BLOCK), size)
}

/// Keeps `posts` as the entries of the dump stamped `stamp` (the folder is
/// trimmed to its cap once a scan, `trim`). Failing to is no error: the
/// dump is read next time.
pub fn keep(dir: &Path, stamp: Stamp, posts: Vec<Entry>) {
    let at = file_for(dir, Path::new(&stamp.path));
    let mut body = Vec::new();
    for entry in &posts {
        if serde_json::to_writer(&mut body, entry).is_err() {
            return;
        }
        body.push(b'\n');
    }
    let header = Header {
        format: FORMAT.into(),
        stamp,
        posts: posts.len(),
        hash: twox_hash::XxHash64::oneshot(0, &body),
    };
    let Ok(mut bytes) = serde_json::to_vec(&header) else {
        return;
    };
    bytes.push(b'\n');
    bytes.append(&mut body);
    let temp = at.with_extension(format!("tmp.{}", std::process::id()));
    let written = fs::create_dir_all(dir).is_ok()
        && fs::File::create(&temp)
            .and_then(|mut f| f.write_all(&bytes))
            .is_ok()
        && fs::rename(&temp, &at).is_ok();
    if !written {
        let _ = fs::remove_file(&temp);
    }
}

/// Removes the oldest entry files until the folder holds at most `CAP`.
pub fn trim(dir: &Path) {
    let Ok(read) = fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, u64, PathBuf)> = read
        .flatten()
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            Some((meta.modified().ok()?, meta.len(), e.path()))
        })
        .collect();
    let mut total: u64 = files.iter().map(|f| f.1).sum();
    files.sort();
    for (_, len, path) in files {
        if total <= CAP {
            break;
        }
        if fs::remove_file(&path).is_ok() {
            total -= len;
        }
    }
}
