//! Indexing files: each is read in pieces (`source::stream_file`), each
//! piece parsed on all cores, its posts entered and its text and trees let
//! go at once. Standard input, a pipe or a device is spooled to a temporary
//! file as it is read, so its posts are read back by offset like a file's.

use std::{fs::File, io::Write, path::Path};

use super::archive::{Bytes, Entry, Source};
use crate::dump::source::{self, Found, LoadEvent};

/// What indexing reports, in order.
#[derive(Debug)]
pub enum Event {
    /// A file posts will be read from by offset: the `Posts` after it are its.
    Opened(Source),
    /// Entries of the file opened last (their `source` is set on arrival).
    Posts(Vec<Entry>),
    /// Anything else: a document held whole, progress, problems, notes, the end.
    Load(LoadEvent),
}

/// Indexes every file found, its notes and problems said first; stops
/// early when `send` returns false.
pub fn scan_found(found: Found, mut send: impl FnMut(Event) -> bool) {
    let said = found
        .notes
        .into_iter()
        .map(LoadEvent::Note)
        .chain(found.problems.into_iter().map(LoadEvent::Problem))
        .all(|e| send(Event::Load(e)));
    if !said {
        return;
    }
    for path in &found.files {
        if !scan_file(path, &mut send) {
            return;
        }
    }
    send(Event::Load(LoadEvent::Done));
}

/// Indexes one file; false when `send` asked to stop.
fn scan_file(path: &Path, send: &mut impl FnMut(Event) -> bool) -> bool {
    let name = source::name_of(path);
    let (reader, mut spool) = match reader_for(path) {
        Ok(pair) => pair,
        Err(e) => {
            let said = source::LoadError::Io(name, e).to_string();
            return send(Event::Load(LoadEvent::Problem(said)));
        }
    };
    if !send(Event::Opened(Source {
        name,
        bytes: Bytes::File(reader),
    })) {
        return false;
    }
    let mut spooled = 0u64;
    source::stream_file(path, &mut |event| match event {
        LoadEvent::Piece { doc, at } => {
            let base = match &mut spool {
                None => at,
                Some(file) => {
                    let base = spooled;
                    if let Err(e) = file.write_all(doc.text.as_bytes()) {
                        let said = format!("cannot keep standard input in a temporary file: {e}");
                        return send(Event::Load(LoadEvent::Problem(said)));
                    }
                    spooled += doc.text.len() as u64;
                    base
                }
            };
            // Entered, then the text and trees go.
            send(Event::Posts(Entry::of_piece(&doc, 0, base)))
        }
        other => send(Event::Load(other)),
    })
}

/// A handle to read the file's posts back from, and for what is not a
/// regular file, the temporary file it is spooled to (the same file).
fn reader_for(path: &Path) -> std::io::Result<(File, Option<File>)> {
    let regular =
        path.as_os_str() != source::STDIN && std::fs::metadata(path).is_ok_and(|m| m.is_file());
    if regular {
        return Ok((File::open(path)?, None));
    }
    let spool = tempfile::tempfile()?;
    Ok((spool.try_clone()?, Some(spool)))
}
