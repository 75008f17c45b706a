//! `tread grep`: reads the files the paths name, prints each matching line
//! placed in its thread (or as JSON), and exits as grep does: 0 when a line
//! matched, 1 when none did, 2 on an error (a bad pattern, a file that
//! cannot be read; the other files are still searched). A large file's
//! bytes are searched in blocks and only the posts that hit parsed; where
//! hits are everywhere, files are read a piece at a time: memory is
//! bounded by a piece, whatever the archive.

use std::{
    io::{self, IsTerminal, Write},
    path::PathBuf,
    process::ExitCode,
};

use anyhow::Result;

use crate::{
    dump::source,
    grep::{self, Options},
};

pub fn run(pattern: &str, options: Options, json: bool, paths: &[PathBuf]) -> Result<ExitCode> {
    let re = match grep::matcher(pattern, options) {
        Ok(re) => re,
        Err(e) => {
            eprintln!("tread grep: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    // The same pattern over bytes (the block search of a large file).
    let Ok(any) = grep::bytes_matcher(pattern, options) else {
        return Ok(ExitCode::from(2));
    };
    let colour = !json
        && io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let found = source::find_files(paths);
    for note in &found.notes {
        eprintln!("{note}");
    }
    let mut failed = !found.problems.is_empty();
    for problem in &found.problems {
        eprintln!("{problem}");
    }
    let mut matched = false;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for path in &found.files {
        // A large UTF-8 file is searched in blocks and never held: only
        // the text around its hits is read again, and parsed.
        // The lines before this one were written already (a large file
        // read whole from a hit on, its text around there not UTF-8).
        let mut from_line = 0;
        if let Some((name, len, found)) = scan(path, (&re, &any)) {
            let file = std::fs::File::open(path)?;
            let read = |r: std::ops::Range<usize>| {
                use std::os::unix::fs::FileExt;
                let mut buf = vec![0; r.len()];
                file.read_exact_at(&mut buf, r.start as u64).ok()?;
                Some(buf)
            };
            let rest = grep::place_found(&name, len, &found, &re, read, |hit| {
                matched = true;
                write_hit(&mut out, &hit, json, colour)
            })?;
            match rest {
                None => continue,
                Some(line) => from_line = line,
            }
        }
        // Else (a small file, a pipe, hits all through it, text that is
        // not plain UTF-8) a piece at a time, each parsed once.
        let mut problems = Vec::new();
        super::check::each_piece(std::slice::from_ref(path), &mut problems, |piece| {
            let Ok(doc) = piece else {
                return Ok(()); // An empty file.
            };
            grep::each_hit_in(doc, &re, |hit| {
                if hit.line < from_line {
                    return Ok(());
                }
                matched = true;
                // A closed pipe stays the I/O error it is (a quiet end).
                write_hit(&mut out, &hit, json, colour)
                    .map_err(|e| e.downcast::<io::Error>().unwrap_or_else(io::Error::other))
            })
        })?;
        for problem in &problems {
            eprintln!("{problem}");
        }
        failed |= !problems.is_empty();
    }
    out.flush()?;
    Ok(ExitCode::from(match (failed, matched) {
        (true, _) => 2,
        (false, true) => 0,
        (false, false) => 1,
    }))
}

fn write_hit(out: &mut impl Write, hit: &grep::Hit, json: bool, colour: bool) -> Result<()> {
    if json {
        // Made whole first, so a closed pipe is an I/O error (said as
        // such: a quiet end), not a JSON one.
        writeln!(out, "{}", serde_json::to_string(hit)?)?;
    } else {
        writeln!(out, "{}", grep::line(hit, colour))?;
    }
    Ok(())
}

/// Files this large are searched in blocks rather than held.
const BLOCKS_FROM: u64 = 16 << 20;
const BLOCK: usize = 256 << 10;

/// The lines of a large regular file that `re` matches, found a block of
/// whole lines at a time: (its name, its length, the lines). None for a
/// small file, a pipe, one that is not plain UTF-8 text, or one with more
/// than a hit per MiB (read whole).
fn scan(
    path: &std::path::Path,
    (re, any): (&regex::Regex, &regex::bytes::Regex),
) -> Option<(String, usize, Vec<grep::Found>)> {
    use std::io::Read;
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() < BLOCKS_FROM || path.as_os_str() == source::STDIN {
        return None;
    }
    let mut file = std::fs::File::open(path).ok()?;
    let len = usize::try_from(meta.len()).ok()?;
    // One buffer, filled again and again (never cleared): the bytes of
    // `filled` are the file's from `offset`, line `number` on.
    let mut buf = vec![0u8; BLOCK * 2];
    let mut filled = 0;
    let (mut offset, mut number) = (0usize, 1usize);
    let mut found = Vec::new();
    loop {
        if filled == buf.len() {
            // A line longer than the buffer: it grows.
            buf.resize(buf.len() * 2, 0);
        }
        let room = (buf.len() - filled).min(BLOCK);
        let n = file.read(&mut buf[filled..filled + room]).ok()?;
        filled += n;
        let eof = n == 0;
        if offset == 0
            && (buf[..filled].starts_with(&[0xff, 0xfe])
                || buf[..filled].starts_with(&[0xfe, 0xff]))
        {
            return None;
        }
        let whole = if eof {
            filled
        } else {
            match memchr::memrchr(b'\n', &buf[..filled]) {
                Some(i) => i + 1,
                None => continue,
            }
        };
        let chunk = &buf[..whole];
        // Only a block that holds a hit is looked at as text: no NUL byte
        // (else the file is read whole, and refused), UTF-8.
        if any.is_match(chunk) {
            if memchr::memchr(0, chunk).is_some() {
                return None;
            }
            let text = simdutf8::basic::from_utf8(chunk).ok()?;
            found.extend(grep::find_lines(text, re, offset, number));
            // Hits all through the file: it is parsed whole, on all
            // cores, cheaper than post by post.
            if found.len() > len >> 20 {
                return None;
            }
        }
        number += memchr::memchr_iter(b'\n', chunk).count();
        offset += whole;
        buf.copy_within(whole..filled, 0);
        filled -= whole;
        if eof {
            break;
        }
    }
    Some((source::name_of(path), len, found))
}
