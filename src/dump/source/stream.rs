//! Reading a dump piece by piece (whole posts at a time, cut at post date
//! lines): each piece's posts are sent as soon as they are parsed, so the
//! reader's first screen never waits for the rest of a large archive, and
//! the index, `check` and the exports hold a piece at a time.

use std::path::Path;

use memchr::memchr;

use super::bytes::{LoadError, append, from_bytes, line_of, name_of, open_at, read_blocks, utf16};
use crate::dump::{sanitize, thread::Document};

/// What a streaming load reports, in order, for the reader to show as it comes.
#[derive(Debug)]
pub enum LoadEvent {
    /// Posts of a document read whole, or of a piece of a file whose text
    /// was decoded; its line numbers are the file's.
    Doc(Document),
    /// Posts from a piece of a file whose text is the file's bytes from
    /// byte `at` on, as they are (UTF-8); its line numbers are the file's.
    Piece {
        doc: Document,
        at: u64,
    },
    Progress {
        name: String,
        read: u64,
        total: u64,
    },
    Problem(String),
    Note(String),
    Done,
}

/// Streams one file, a piece at a time; false when `send` asked to stop.
pub fn stream_file(path: &Path, send: &mut impl FnMut(LoadEvent) -> bool) -> bool {
    stream_file_from(path, (0, 1), send)
}

/// `stream_file` from byte `from.0` of a regular file on, which is the
/// start of line `from.1` (where a post starts): its tail.
pub fn stream_file_from(
    path: &Path,
    from: (u64, usize),
    send: &mut impl FnMut(LoadEvent) -> bool,
) -> bool {
    const FIRST: usize = 64 << 10;
    const SECOND: usize = 2 << 20;
    // Large enough to be parsed on two cores.
    const NEXT: usize = 16 << 20;
    let name = name_of(path);
    let (mut file, meta) = match open_at(path, from.0) {
        Ok(opened) => opened,
        Err(e) => return send(LoadEvent::Problem(LoadError::Io(name, e).to_string())),
    };
    let total = meta.as_ref().map_or(0, |m| m.len());
    let sized = meta.is_some();
    // Said before the first read, which a slow pipe may keep waiting.
    if !send(LoadEvent::Progress {
        name: name.clone(),
        read: from.0,
        total,
    }) {
        return false;
    }
    let mut carry: Vec<u8> = Vec::new();
    let mut lines_before = from.1.saturating_sub(1);
    let mut read = from.0;
    // Where the bytes in `carry` start in the file.
    let mut at = from.0;
    let mut want = FIRST;
    loop {
        let start = carry.len();
        // A regular file's size is known: no buffer is larger than what is
        // left of it (a byte more shows its end), whatever piece is wanted.
        let left = sized.then(|| usize::try_from(total.saturating_sub(read)).unwrap_or(usize::MAX));
        let eof = match append(&mut file, &mut carry, want, left) {
            Ok(eof) => eof,
            Err(e) => return send(LoadEvent::Problem(LoadError::Io(name, e).to_string())),
        };
        read += (carry.len() - start) as u64;
        if read == carry.len() as u64 && from.0 == 0 && utf16(&carry).is_some() {
            // UTF-16: read whole, then decoded and parsed at once.
            let whole = match read_blocks(&mut file, carry, &name) {
                Ok(whole) => whole,
                Err(e) => return send(LoadEvent::Problem(e.to_string())),
            };
            return match from_bytes(name, whole) {
                Ok(doc) => send(LoadEvent::Doc(doc)),
                Err(e) => send(LoadEvent::Problem(e.to_string())),
            };
        }
        if let Some(nul) = memchr(0, &carry[start..]) {
            let line = lines_before + line_of(&carry, start + nul);
            // Posts before it were sent already: said as read up to there.
            let said = if at > 0 {
                format!(
                    "{}:{line}: not text from here on (it holds NUL bytes); \
                     read up to the post before",
                    sanitize::name(&name)
                )
            } else {
                LoadError::binary(&name, &carry, line).to_string()
            };
            return send(LoadEvent::Problem(said));
        }
        if !send(LoadEvent::Progress {
            name: name.clone(),
            read,
            total,
        }) {
            return false;
        }
        if eof && carry.is_empty() {
            // Nothing (more) to parse: an empty file says so.
            return read > from.0
                || send(LoadEvent::Note(format!(
                    "{}: empty file, no posts",
                    sanitize::name(&name)
                )));
        }
        let cut = if eof {
            carry.len()
        } else {
            last_post_start(&carry)
        };
        if cut == 0 {
            want = (want * 2).min(64 << 20);
            continue;
        }
        let rest = carry.split_off(cut);
        let mut piece = std::mem::replace(&mut carry, rest);
        // The piece becomes a post's text for as long as the reader runs:
        // it keeps no spare room.
        piece.shrink_to_fit();
        let lines = memchr::memchr_iter(b'\n', &piece).count();
        let len = piece.len() as u64;
        let Ok(mut doc) = from_bytes(name.clone(), piece) else {
            return send(LoadEvent::Problem(format!(
                "{}: cannot read",
                sanitize::name(&name)
            )));
        };
        // A cut is right only where a whole-file parse would start a post too:
        // after a post that reached its comment section.
        if !eof && !doc.posts.last().is_some_and(|p| p.has_section()) {
            let mut whole = doc.text.into_bytes();
            whole.append(&mut carry);
            carry = whole;
            want = (want * 2).min(64 << 20);
            continue;
        }
        doc.posts
            .iter_mut()
            .for_each(|p| p.shift_lines(lines_before));
        lines_before += lines;
        // Decoded text (Windows-1252 lines) is longer than its bytes: a
        // piece of the same length is the file's bytes as they are.
        let event = if doc.text.len() as u64 == len {
            LoadEvent::Piece { doc, at }
        } else {
            LoadEvent::Doc(doc)
        };
        at += len;
        if !send(event) {
            return false;
        }
        if eof {
            return true;
        }
        // A small second piece, parsed on one core while the first screen
        // is drawn on the other; then pieces large enough for two cores.
        want = if at < SECOND as u64 { SECOND } else { NEXT };
    }
}

/// The start of the last post date line in `bytes` that has a line end after
/// it (0 when there is none past the first line).
fn last_post_start(bytes: &[u8]) -> usize {
    let Some(mut end) = memchr::memrchr(b'\n', bytes) else {
        return 0;
    };
    while end > 0 {
        let start = memchr::memrchr(b'\n', &bytes[..end]).map_or(0, |i| i + 1);
        let line = &bytes[start..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if start > 0 && std::str::from_utf8(line).is_ok_and(crate::dump::grammar::is_post_date_line)
        {
            return start;
        }
        end = start.saturating_sub(1);
    }
    0
}
