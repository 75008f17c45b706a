//! The index cache: a file's entries kept in the platform's cache folder,
//! so reopening an archive shows its list at once. An entry file is an
//! entry a line of JSON, written as the dump is read, then a last line
//! saying what it is for, with a hash of the lines before it: checked whole
//! first, then read a batch at a time, so the first screen comes with the
//! first batch. It is known by a hash of the dump's path and trusted only
//! when the dump's path, size, modification time and inode are those it
//! was made for, and its first and last 4 KiB still hash the same. A dump
//! that only grew (an archive appended to) keeps its entries but the last
//! post's, and only its tail is read again. A dump changed within the last
//! two seconds is not kept (a change within the same clock tick could pass
//! for none). The folder is kept under `CAP` bytes, oldest entry files
//! going first; one that cannot be read (corrupt, foreign) is said in a
//! notice and never trusted; one of another version is read again quietly.

use std::{
    fs,
    hash::Hasher,
    io::{BufWriter, Write},
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

use super::archive::{At, Entry};

/// What marks an entry file as tread's, in this format.
const FORMAT: &str = "tread index 3";

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

impl Stamp {
    /// The size of the dump it was made for.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Changed so lately that a change within the same clock tick could
    /// follow unseen: not to be kept.
    fn recent(&self) -> bool {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        now.saturating_sub(self.modified) < 2_000_000_000
    }
}

/// An entry file's last line.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: String,
    stamp: Stamp,
    /// How many entries come before it, and the XXH64 of their lines.
    posts: usize,
    hash: u64,
}

/// The entries of an entry file, checked, to be read a batch at a time.
#[derive(Debug)]
pub struct Stored {
    bytes: Vec<u8>,
    /// Where the next entry's line starts, and where the entries end.
    at: usize,
    end: usize,
}

impl Stored {
    /// The next `n` entries (none: all read). A line that is no entry
    /// ends them: the file was checked whole, so only a tread that wrote
    /// what it cannot read would get there.
    pub fn next_batch(&mut self, n: usize) -> Vec<Entry> {
        let mut batch = Vec::with_capacity(n.min(4096));
        while batch.len() < n && self.at < self.end {
            let rest = &self.bytes[self.at..self.end];
            let line = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
            self.at += line + 1;
            match serde_json::from_slice(&rest[..line]) {
                Ok(entry) => batch.push(entry),
                Err(_) => {
                    self.at = self.end;
                    break;
                }
            }
        }
        batch
    }

    /// Takes the last entry off the end (None: there is none).
    fn pop_last(&mut self) -> Option<Entry> {
        let lines = self.bytes.get(self.at..self.end)?.strip_suffix(b"\n")?;
        let start = memchr::memrchr(b'\n', lines).map_or(0, |i| i + 1);
        let last = serde_json::from_slice(&lines[start..]).ok()?;
        self.end = self.at + start;
        Some(last)
    }
}

/// What the cache knows of a dump.
#[derive(Debug)]
pub enum Known {
    /// Its entries, all of them still right.
    Whole(Stored),
    /// It grew: the entries before its last post, and where that post
    /// starts (byte, line), to be read again from there.
    Grown(Stored, u64, usize),
    /// Nothing (or nothing to trust).
    Nothing,
}

/// The entry file for `path` in the cache folder `dir`.
fn file_for(dir: &Path, path: &str) -> PathBuf {
    dir.join(format!("{:016x}.json", crate::dump::keys::digest(&[path])))
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
    let at = file_for(dir, &now.path);
    let Ok(bytes) = fs::read(&at) else {
        return (Known::Nothing, None);
    };
    let said = |what: &str| {
        Some(format!(
            "the index cache {} {what}: ignored, the dump is read again",
            crate::dump::sanitize::path(&at)
        ))
    };
    // The last line, after the entries.
    let body_end = bytes
        .strip_suffix(b"\n")
        .and_then(|b| memchr::memrchr(b'\n', b))
        .map_or(0, |i| i + 1);
    let header: Header = match serde_json::from_slice(&bytes[body_end..]) {
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
    let body = &bytes[..body_end];
    let lines = memchr::memchr_iter(b'\n', body).count();
    if twox_hash::XxHash64::oneshot(0, body) != header.hash || lines != header.posts {
        let _ = fs::remove_file(&at);
        return (Known::Nothing, said("could not be read"));
    }
    let stored = Stored {
        bytes,
        at: 0,
        end: body_end,
    };
    let then = &header.stamp;
    if *then == *now {
        return (Known::Whole(stored), None);
    }
    // Grown in place: the same file, its old bytes where they were.
    if then.inode == now.inode
        && now.size > then.size
        && hash_of(&now.path, 0, then.size) == Some(then.first)
        && hash_of(&now.path, then.size.saturating_sub(BLOCK), then.size) == Some(then.last)
    {
        let mut stored = stored;
        if let Some(last) = stored.pop_last()
            && let At::Bytes(range) = &last.at
        {
            return (Known::Grown(stored, range.start, last.line), None);
        }
    }
    (Known::Nothing, None)
}

/// The hash of the bytes `from..to` (at most `BLOCK`) of the file at `path`.
fn hash_of(path: &str, from: u64, to: u64) -> Option<u64> {
    let file = fs::File::open(path).ok()?;
    block_hash(&file, from, to)
}

/// An entry file being written as a dump is read: a temporary file in the
/// cache folder, put in place by `finish`, or dropped (and gone).
pub struct Writer {
    out: BufWriter<tempfile::NamedTempFile>,
    at: PathBuf,
    hash: twox_hash::XxHash64,
    posts: usize,
    failed: bool,
}

impl Writer {
    /// Starts the entry file of the dump stamped `stamp` in `dir` (None:
    /// it cannot be written, and nothing is kept).
    pub fn new(dir: &Path, stamp: &Stamp) -> Option<Writer> {
        fs::create_dir_all(dir).ok()?;
        let temp = tempfile::NamedTempFile::new_in(dir).ok()?;
        Some(Writer {
            out: BufWriter::new(temp),
            at: file_for(dir, &stamp.path),
            hash: twox_hash::XxHash64::with_seed(0),
            posts: 0,
            failed: false,
        })
    }

    /// Writes entries, a line each.
    pub fn add(&mut self, entries: &[Entry]) {
        let mut line = Vec::new();
        for entry in entries {
            line.clear();
            if serde_json::to_writer(&mut line, entry).is_err() {
                self.failed = true;
                return;
            }
            line.push(b'\n');
            self.hash.write(&line);
            self.failed |= self.out.write_all(&line).is_err();
            self.posts += 1;
        }
    }

    /// Ends the file with what it is for and puts it in place, unless the
    /// dump changed too lately to be sure of (`Stamp::recent`). Failing to
    /// is no error: the dump is read next time.
    pub fn finish(mut self, stamp: Stamp) {
        if self.failed || stamp.recent() {
            return;
        }
        let header = Header {
            format: FORMAT.into(),
            stamp,
            posts: self.posts,
            hash: self.hash.finish(),
        };
        let Ok(mut last) = serde_json::to_vec(&header) else {
            return;
        };
        last.push(b'\n');
        if self.out.write_all(&last).is_err() {
            return;
        }
        if let Ok(temp) = self.out.into_inner() {
            let _ = temp.persist(&self.at);
        }
    }
}

/// Removes the oldest entry files until the folder holds at most `CAP`,
/// and what a tread that ended mid-read left half written (a temporary
/// file over an hour old).
pub fn trim(dir: &Path) {
    let Ok(read) = fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    let hour_ago = now
        .checked_sub(std::time::Duration::from_secs(3600))
        .unwrap_or(now);
    let mut files: Vec<(std::time::SystemTime, u64, PathBuf)> = read
        .flatten()
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            Some((meta.modified().ok()?, meta.len(), e.path()))
        })
        .filter(|(modified, _, path)| {
            let temporary = path.extension().is_none_or(|x| x != "json");
            !(temporary && *modified < hour_ago && fs::remove_file(path).is_ok())
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
