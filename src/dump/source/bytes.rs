//! Bytes to text: opening a path (`-` is standard input), reading a regular
//! file whole on all cores or a pipe in blocks, and decoding (UTF-8, UTF-16
//! with a BOM, Windows-1252 for the lines that are not UTF-8).

use std::{fmt, fs, io::Read, path::Path};

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
    pub(super) fn binary(name: &str, bytes: &[u8], line: usize) -> LoadError {
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

pub(super) fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

/// What a path is called in messages.
pub fn name_of(path: &Path) -> String {
    if is_stdin(path) {
        STDIN_NAME.to_owned()
    } else {
        path.display().to_string()
    }
}

/// The bytes a path names from byte `from` on (a regular file's; a pipe
/// is read from where it is), and what is known of them: a regular file's
/// metadata (None for standard input, a pipe or a device).
pub(super) fn open_at(
    path: &Path,
    from: u64,
) -> std::io::Result<(Box<dyn Read + Send>, Option<fs::Metadata>)> {
    use std::io::{Seek, SeekFrom};
    if is_stdin(path) {
        return Ok((Box::new(std::io::stdin()), None));
    }
    let mut file = fs::File::open(path)?;
    let meta = file.metadata()?;
    if from > 0 && meta.is_file() {
        file.seek(SeekFrom::Start(from))?;
    }
    Ok((Box::new(file), meta.is_file().then_some(meta)))
}

/// Reads and parses one file.
pub fn load(path: &Path) -> Result<Document, LoadError> {
    let (name, bytes) = read_bytes(path)?;
    from_bytes(name, bytes)
}

/// A file's name and bytes, read whole (a pipe or a device in blocks).
fn read_bytes(path: &Path) -> Result<(String, Vec<u8>), LoadError> {
    let name = name_of(path);
    let io = |e| LoadError::Io(name.clone(), e);
    let bytes = if is_stdin(path) || !fs::metadata(path).map_err(io)?.is_file() {
        let (mut input, _) = open_at(path, 0).map_err(io)?;
        read_blocks(&mut input, Vec::new(), &name)?
    } else {
        read(path).map_err(io)?
    };
    Ok((name, bytes))
}

/// UTF-8 bytes as they are, else decoded line by line (Windows-1252 where
/// a line is not UTF-8): the text, and the (line, offset) of each line so
/// read.
fn decode(bytes: Vec<u8>) -> (String, Vec<(usize, usize)>) {
    if is_utf8(&bytes) {
        // SAFETY: `is_utf8` has just validated these exact bytes as UTF-8 (with
        // simdutf8, in pieces cut after a `\n`, which is always a character
        // boundary); it does what `String::from_utf8` does, several times faster.
        (unsafe { String::from_utf8_unchecked(bytes) }, Vec::new())
    } else {
        decode_mixed(&bytes)
    }
}

/// Reads a pipe or a device to its end, onto `buf`, a block at a time;
/// binary input (a NUL byte, or a NUL unit in UTF-16) is refused as soon
/// as a block shows it, so `/dev/zero` costs one block.
/// `buf` holds what was read already (and is looked at too).
pub(super) fn read_blocks(
    input: &mut dyn Read,
    mut buf: Vec<u8>,
    name: &str,
) -> Result<Vec<u8>, LoadError> {
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

/// Reads up to `want` more bytes onto the end of `buf` (never more than
/// `left` and a byte, when the bytes left are known); true at the end of
/// the file.
pub(super) fn append(
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

/// The line `offset` is on, counted in the text's own units: in UTF-16, a
/// line ends at a `\n` unit, not at every 0x0A byte.
pub(super) fn line_of_text(bytes: &[u8], offset: usize) -> usize {
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
pub(super) fn nul_at(bytes: &[u8], from: usize) -> Option<usize> {
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
pub(super) fn utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    match bytes {
        [0xff, 0xfe, ..] => Some(encoding_rs::UTF_16LE),
        [0xfe, 0xff, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
}

/// Pieces a large file is read and validated in, one per core.
pub(super) fn pieces(len: usize) -> usize {
    const PIECE: usize = 16 << 20;
    if len < 2 * PIECE {
        // One piece, whatever the cores: not worth asking how many.
        return 1;
    }
    let cores = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    (len / PIECE).clamp(1, cores)
}

/// Reads a whole regular file; a large one in pieces on all cores, so the
/// kernel's copying and page faulting is shared out. A file that changes
/// size while it is read is read again in one go.
pub(super) fn read(path: &Path) -> std::io::Result<Vec<u8>> {
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
pub(super) fn is_utf8(bytes: &[u8]) -> bool {
    let n = pieces(bytes.len());
    if n == 1 {
        return simdutf8::basic::from_utf8(bytes).is_ok();
    }
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
    let (text, bad_lines) = decode(bytes);
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
pub(super) fn from_utf16(
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
pub(super) fn decode_mixed(bytes: &[u8]) -> (String, Vec<(usize, usize)>) {
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

pub(super) fn line_of(bytes: &[u8], offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &bytes[..offset.min(bytes.len())]).count() + 1
}
