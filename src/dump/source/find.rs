//! Which dump files the command-line paths name: files as given, folders
//! walked (links followed, nothing read twice), `-` for standard input.

use std::{
    collections::HashSet,
    fs,
    os::unix::fs::MetadataExt,
    path::{Path, PathBuf},
};

use super::bytes::is_stdin;
use crate::dump::sanitize;

/// What a list of command-line paths names: dump files to read, and messages
/// for paths that name none.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    pub problems: Vec<String>,
    /// Directories without any dump file: said, not failed.
    pub notes: Vec<String>,
}

/// A directory means every dump file below it (`.txt`, `.text`, `.dump` or no
/// extension; hidden entries skipped), in name order. Symbolic links are
/// followed, but no directory or file is read twice, so a link loop ends;
/// FIFOs, sockets and devices inside a directory are skipped with a note
/// (one named on the command line is read, as a pipe is).
pub fn find_files(paths: &[PathBuf]) -> Found {
    let mut found = Found::default();
    let mut visited = HashSet::new();
    for path in paths {
        if is_stdin(path) {
            // Read once: a second `-` would find it at its end.
            if !found.files.iter().any(|f| is_stdin(f)) {
                found.files.push(path.clone());
            }
            continue;
        }
        match fs::metadata(path) {
            Err(e) => found
                .problems
                .push(format!("{}: cannot read: {e}", sanitize::path(path))),
            Ok(m) if m.is_dir() => {
                let before = found.files.len();
                visited.insert((m.dev(), m.ino()));
                walk(path, &mut found, &mut visited);
                if found.files.len() == before {
                    found.notes.push(format!(
                        "{}: no dump files in this directory",
                        sanitize::path(path)
                    ));
                }
            }
            Ok(_) => found.files.push(path.clone()),
        }
    }
    found
}

/// Adds the dump files below `dir`; `visited` holds the (device, inode) of
/// every directory and file taken already.
fn walk(dir: &Path, found: &mut Found, visited: &mut HashSet<(u64, u64)>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            found
                .problems
                .push(format!("{}: cannot read: {e}", sanitize::path(dir)));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_none_or(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        let meta = match fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                found
                    .problems
                    .push(format!("{}: cannot read: {e}", sanitize::path(&path)));
                continue;
            }
        };
        let first_time = visited.insert((meta.dev(), meta.ino()));
        if meta.is_dir() {
            if first_time {
                walk(&path, found, visited);
            } else {
                found.notes.push(format!(
                    "{}: skipped: a directory already read (a link loop?)",
                    sanitize::path(&path)
                ));
            }
        } else if !is_dump_name(&path) || !first_time {
            // Not a dump, or the same file by another name.
        } else if meta.is_file() {
            found.files.push(path);
        } else {
            found.notes.push(format!(
                "{}: skipped: not a regular file (a FIFO, socket or device)",
                sanitize::path(&path)
            ));
        }
    }
}

fn is_dump_name(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(ext) => ["txt", "text", "dump"]
            .iter()
            .any(|d| ext.eq_ignore_ascii_case(d)),
    }
}
