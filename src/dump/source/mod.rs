//! Reading dump files: which files a path names (`-` is standard input),
//! and bytes to text.
//!
//! UTF-8 with or without BOM is read as is (one buffer, no copy); UTF-16 with
//! a BOM is decoded, with a note naming it; bytes that are not UTF-8 are
//! decoded as Windows-1252 with a diagnostic naming the first bad line; a
//! file holding NUL bytes is not a dump. A regular file is read whole, on
//! all cores; a pipe or a device in blocks, each looked at for NUL bytes
//! first, so binary input is refused after its first block.

use std::{
    collections::HashSet,
    fmt, fs,
    io::Read,
    os::unix::fs::MetadataExt,
    path::{Path, PathBuf},
};

use memchr::memchr;

use crate::{
    dump::sanitize,
    dump::thread::{Diagnostic, Document, Severity},
};

/// Why a file could not be read as a dump.
#[derive(Debug)]
pub enum LoadError {
    Io(String, std::io::Error),
    /// The file holds a NUL byte: binary, not a text dump; compressed, when
    /// its first bytes are a compressor's magic number.
    Binary {
        name: String,
        line: usize,
        compressed: Option<&'static str>,
    },
}

impl LoadError {
    /// `bytes` (from the file's start) hold a NUL at line `line`.
    fn binary(name: &str, bytes: &[u8], line: usize) -> LoadError {
        let compressed = match bytes {
            [0x1f, 0x8b, ..] => Some("gzip"),
            [b'B', b'Z', b'h', ..] => Some("bzip2"),
            [0xfd, b'7', b'z', b'X', b'Z', 0, ..] => Some("xz"),
            [0x28, 0xb5, 0x2f, 0xfd, ..] => Some("zstd"),
            [b'P', b'K', 3, 4, ..] => Some("zip"),
            _ => None,
        };
        LoadError::Binary {
            name: name.to_owned(),
            line,
            compressed,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io(name, e) => write!(f, "{}: cannot read: {e}", sanitize::name(name)),
            LoadError::Binary {
                name,
                compressed: Some(kind),
                ..
            } => {
                let name = sanitize::name(name);
                write!(
                    f,
                    "{name}: compressed ({kind}), not a text dump; skipped \
                     (decompress it into tread: e.g. zcat FILE | tread)"
                )
            }
            LoadError::Binary { name, line, .. } => {
                let name = sanitize::name(name);
                write!(
                    f,
                    "{name}:{line}: not a text dump (it holds NUL bytes); skipped"
                )
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// Standard input, as a path names it.
pub const STDIN: &str = "-";

/// What standard input is called in messages and the reader.
pub const STDIN_NAME: &str = "(standard input)";

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

/// What a path is called in messages.
fn name_of(path: &Path) -> String {
    if is_stdin(path) {
        STDIN_NAME.to_owned()
    } else {
        path.display().to_string()
    }
}

/// The bytes a path names, and what is known of them: a regular file's
/// metadata (None for standard input, a pipe or a device).
fn open(path: &Path) -> std::io::Result<(Box<dyn Read + Send>, Option<fs::Metadata>)> {
    if is_stdin(path) {
        return Ok((Box::new(std::io::stdin()), None));
    }
    let file = fs::File::open(path)?;
    let meta = file.metadata()?;
    Ok((Box::new(file), meta.is_file().then_some(meta)))
}

/// Reads and parses one file.
pub fn load(path: &Path) -> Result<Document, LoadError> {
    let name = name_of(path);
    let io = |e| LoadError::Io(name.clone(), e);
    let bytes = if is_stdin(path) || !fs::metadata(path).map_err(io)?.is_file() {
        let (mut input, _) = open(path).map_err(io)?;
        read_blocks(&mut input, Vec::new(), &name)?
    } else {
        read(path).map_err(io)?
    };
    from_bytes(name, bytes)
}

/// Reads a pipe or a device to its end, onto `buf`, a block at a time;
/// binary input (a NUL byte, or a NUL unit in UTF-16) is refused as soon
/// as a block shows it, so `/dev/zero` costs one block.
/// `buf` holds what was read already (and is looked at too).
fn read_blocks(input: &mut dyn Read, mut buf: Vec<u8>, name: &str) -> Result<Vec<u8>, LoadError> {
    const BLOCK: usize = 64 << 10;
    // Where the bytes not yet looked at start: all of `buf`, at first.
    let mut start = 0;
    loop {
        let eof =
            append(input, &mut buf, BLOCK, None).map_err(|e| LoadError::Io(name.to_owned(), e))?;
        // Back to the last whole UTF-16 unit, so the check sees units.
        if let Some(at) = nul_at(&buf, start & !1) {
            let line = line_of_text(&buf, at);
            return Err(LoadError::binary(name, &buf, line));
        }
        if eof {
            return Ok(buf);
        }
        start = buf.len();
    }
}

/// The line `offset` is on, counted in the text's own units: in UTF-16, a
/// line ends at a `\n` unit, not at every 0x0A byte.
fn line_of_text(bytes: &[u8], offset: usize) -> usize {
    let newline: [u8; 2] = match utf16(bytes) {
        Some(e) if e == encoding_rs::UTF_16LE => [b'\n', 0],
        Some(_) => [0, b'\n'],
        None => return line_of(bytes, offset),
    };
    let end = offset.min(bytes.len()) & !1;
    1 + bytes[2.min(end)..end]
        .chunks_exact(2)
        .filter(|u| *u == newline)
        .count()
}

/// Where `bytes` (looked at from `from` on) holds a NUL: a zero byte, or
/// in UTF-16 (told by its BOM) a zero unit.
fn nul_at(bytes: &[u8], from: usize) -> Option<usize> {
    if utf16(bytes).is_some() {
        let from = from.max(2) & !1;
        return bytes[from..]
            .chunks_exact(2)
            .position(|u| u == [0, 0])
            .map(|i| from + 2 * i);
    }
    memchr(0, &bytes[from..]).map(|i| from + i)
}

/// The UTF-16 encoding `bytes` start with the BOM of.
fn utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    match bytes {
        [0xff, 0xfe, ..] => Some(encoding_rs::UTF_16LE),
        [0xfe, 0xff, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
}

/// Pieces a large file is read and validated in, one per core.
fn pieces(len: usize) -> usize {
    const PIECE: usize = 16 << 20;
    let cores = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    (len / PIECE).clamp(1, cores)
}

/// Reads a whole regular file; a large one in pieces on all cores, so the
/// kernel's copying and page faulting is shared out. A file that changes
/// size while it is read is read again in one go.
fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let mut file = fs::File::open(path)?;
    let len = usize::try_from(file.metadata()?.len()).unwrap_or(usize::MAX);
    let n = pieces(len);
    if n == 1 {
        // From the file opened, never by opening it again: a FIFO gives
        // its bytes once.
        let mut buf = Vec::with_capacity(len);
        file.read_to_end(&mut buf)?;
        return Ok(buf);
    }
    let mut buf = vec![0u8; len];
    let step = len.div_ceil(n);
    let read_all = std::thread::scope(|scope| {
        let jobs: Vec<_> = buf
            .chunks_mut(step)
            .enumerate()
            .map(|(i, chunk)| {
                let file = &file;
                scope.spawn(move || file.read_exact_at(chunk, (i * step) as u64))
            })
            .collect();
        jobs.into_iter().all(|j| j.join().is_ok_and(|r| r.is_ok()))
    });
    let mut probe = [0u8; 1];
    let grew = file.read_at(&mut probe, len as u64).map_or(true, |n| n > 0);
    if !read_all || grew {
        return fs::read(path);
    }
    Ok(buf)
}

/// UTF-8 validation, in pieces cut at line ends on all cores.
fn is_utf8(bytes: &[u8]) -> bool {
    let n = pieces(bytes.len());
    let mut cuts = vec![0];
    for i in 1..n {
        let at = bytes.len() * i / n;
        if let Some(nl) = memchr(b'\n', &bytes[at..]) {
            cuts.push(at + nl + 1);
        }
    }
    cuts.push(bytes.len());
    cuts.dedup();
    std::thread::scope(|scope| {
        let jobs: Vec<_> = cuts
            .windows(2)
            .map(|w| {
                let piece = &bytes[w[0]..w[1]];
                scope.spawn(move || simdutf8::basic::from_utf8(piece).is_ok())
            })
            .collect();
        jobs.into_iter().all(|j| j.join().unwrap_or(false))
    })
}

/// Decodes and parses a dump held in memory.
pub fn from_bytes(name: String, bytes: Vec<u8>) -> Result<Document, LoadError> {
    if let Some(encoding) = utf16(&bytes) {
        return from_utf16(name, &bytes, encoding);
    }
    if let Some(at) = memchr(0, &bytes) {
        let line = line_of(&bytes, at);
        return Err(LoadError::binary(&name, &bytes, line));
    }
    let (text, bad_lines) = if is_utf8(&bytes) {
        // SAFETY: `is_utf8` has just validated these exact bytes as UTF-8 (with
        // simdutf8, in pieces cut after a `\n`, which is always a character
        // boundary); it does what `String::from_utf8` does, several times faster.
        (unsafe { String::from_utf8_unchecked(bytes) }, Vec::new())
    } else {
        decode_mixed(&bytes)
    };
    let mut doc = crate::dump::grammar::parse(name, text);
    for (line, offset) in bad_lines {
        let diag = Diagnostic {
            offset,
            line,
            column: 1,
            severity: Severity::Warning,
            message: "line is not valid UTF-8; read as Windows-1252".into(),
        };
        let post = doc.posts.iter_mut().rev().find(|p| p.span.start <= offset);
        if let Some(post) = post {
            let at = post.diagnostics.partition_point(|d| d.offset <= offset);
            post.diagnostics.insert(at, diag);
        }
    }
    Ok(doc)
}

/// A UTF-16 dump, decoded (its BOM left out), with a note saying so on its
/// first post.
fn from_utf16(
    name: String,
    bytes: &[u8],
    encoding: &'static encoding_rs::Encoding,
) -> Result<Document, LoadError> {
    let (text, _) = encoding.decode_with_bom_removal(bytes);
    if let Some(at) = memchr(0, text.as_bytes()) {
        let line = line_of(text.as_bytes(), at);
        return Err(LoadError::binary(&name, bytes, line));
    }
    let mut doc = crate::dump::grammar::parse(name, text.into_owned());
    if let Some(post) = doc.posts.first_mut() {
        let note = Diagnostic {
            offset: 0,
            line: 1,
            column: 1,
            severity: Severity::Info,
            message: format!(
                "decoded from {} (it has a byte-order mark)",
                encoding.name()
            ),
        };
        post.diagnostics.insert(0, note);
    }
    Ok(doc)
}

/// Decodes line by line: lines that are UTF-8 stay as they are, the others are
/// read as Windows-1252. Returns the text and (line number, offset in the
/// text) of every line that was not UTF-8.
fn decode_mixed(bytes: &[u8]) -> (String, Vec<(usize, usize)>) {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut bad = Vec::new();
    for (i, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        match std::str::from_utf8(line) {
            Ok(s) => text.push_str(s),
            Err(_) => {
                bad.push((i + 1, text.len()));
                let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(line);
                text.push_str(&decoded);
            }
        }
    }
    (text, bad)
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &bytes[..offset.min(bytes.len())]).count() + 1
}

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

fn is_dump_name(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(ext) => ["txt", "text", "dump"]
            .iter()
            .any(|d| ext.eq_ignore_ascii_case(d)),
    }
}

/// What a streaming load reports, in order, for the reader to show as it comes.
#[derive(Debug)]
pub enum LoadEvent {
    /// Posts from a piece of a file; its line numbers are the file's.
    Doc(Document),
    Progress {
        name: String,
        read: u64,
        total: u64,
    },
    Problem(String),
    Note(String),
    Done,
}

/// Reads every dump the paths name, piece by piece, sending each piece's
/// posts as soon as they are parsed, so a reader can show the first post of a
/// large archive at once. Stops early when `send` returns false.
pub fn stream_paths(paths: &[PathBuf], send: impl FnMut(LoadEvent) -> bool) {
    stream_found(find_files(paths), send);
}

/// `stream_paths` for files found already (their notes and problems said
/// first).
pub fn stream_found(found: Found, mut send: impl FnMut(LoadEvent) -> bool) {
    let mut go = found.notes.into_iter().map(LoadEvent::Note).all(&mut send)
        && found
            .problems
            .into_iter()
            .map(LoadEvent::Problem)
            .all(&mut send);
    for path in &found.files {
        if !go {
            return;
        }
        go = stream_file(path, &mut send);
    }
    if go {
        send(LoadEvent::Done);
    }
}

/// Streams one file; false when `send` asked to stop.
fn stream_file(path: &Path, send: &mut impl FnMut(LoadEvent) -> bool) -> bool {
    const FIRST: usize = 64 << 10;
    const NEXT: usize = 8 << 20;
    let name = name_of(path);
    let (mut file, meta) = match open(path) {
        Ok(opened) => opened,
        Err(e) => return send(LoadEvent::Problem(LoadError::Io(name, e).to_string())),
    };
    let total = meta.as_ref().map_or(0, |m| m.len());
    let sized = meta.is_some();
    // Said before the first read, which a slow pipe may keep waiting.
    if !send(LoadEvent::Progress {
        name: name.clone(),
        read: 0,
        total,
    }) {
        return false;
    }
    let mut carry: Vec<u8> = Vec::new();
    let mut lines_before = 0;
    let mut read = 0u64;
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
        if read == carry.len() as u64 && utf16(&carry).is_some() {
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
        if let Some(at) = memchr(0, &carry[start..]) {
            let line = lines_before + line_of(&carry, start + at);
            return send(LoadEvent::Problem(
                LoadError::binary(&name, &carry, line).to_string(),
            ));
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
            return read > 0
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
        if !send(LoadEvent::Doc(doc)) {
            return false;
        }
        if eof {
            return true;
        }
        want = NEXT;
    }
}

/// Reads up to `want` more bytes onto the end of `buf` (never more than
/// `left` and a byte, when the bytes left are known); true at the end of
/// the file.
fn append(
    file: &mut dyn Read,
    buf: &mut Vec<u8>,
    want: usize,
    left: Option<usize>,
) -> std::io::Result<bool> {
    let chunk = left.map_or(want, |left| want.min(left.saturating_add(1)).max(4096));
    let start = buf.len();
    buf.resize(start + chunk, 0);
    let mut filled = start;
    while filled < buf.len() {
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                buf.truncate(start);
                return Err(e);
            }
        }
    }
    let eof = filled < buf.len();
    buf.truncate(filled);
    Ok(eof)
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

#[cfg(test)]
mod tests;
