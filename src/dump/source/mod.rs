//! Reading dump files: which files a path names (`-` is standard input),
//! and bytes to text.
//!
//! UTF-8 with or without BOM is read as is (one buffer, no copy); UTF-16 with
//! a BOM is decoded, with a note naming it; bytes that are not UTF-8 are
//! decoded as Windows-1252 with a diagnostic naming the first bad line; a
//! file holding NUL bytes is not a dump. A regular file is read whole, on
//! all cores; a pipe or a device in blocks, each looked at for NUL bytes
//! first, so binary input is refused after its first block.

use std::path::PathBuf;

mod bytes;
mod find;
mod stream;

pub use bytes::{LoadError, STDIN, STDIN_NAME, from_bytes, load, name_of};
pub use find::{Found, find_files};
pub use stream::{LoadEvent, stream_file, stream_file_from};

use crate::dump::thread::Document;

/// Documents read from command-line paths, with what could not be read.
#[derive(Debug, Default)]
pub struct Loaded {
    pub docs: Vec<Document>,
    /// The files read (or tried).
    pub files: Vec<PathBuf>,
    /// Paths or files that could not be read: the run fails, after the rest.
    pub problems: Vec<String>,
    /// Said but not failed: empty directories.
    pub notes: Vec<String>,
}

/// Finds and reads every dump the paths name; a file that cannot be read is
/// reported and the others still load.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let found = find_files(paths);
    let mut loaded = Loaded {
        docs: Vec::with_capacity(found.files.len()),
        problems: found.problems,
        notes: found.notes,
        files: Vec::new(),
    };
    for path in &found.files {
        match load(path) {
            Ok(doc) => loaded.docs.push(doc),
            Err(e) => loaded.problems.push(e.to_string()),
        }
    }
    loaded.files = found.files;
    loaded
}

#[cfg(test)]
mod tests;
