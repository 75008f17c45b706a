//! `tread check`: a line per post (title, date, layout, language,
//! comments found and declared), then every diagnostic as
//! `file:line: severity: message`; what could not be read said on stderr,
//! the exit code 1 then.

use std::{
    io::{self, Write},
    path::PathBuf,
    process::ExitCode,
};

use anyhow::Result;

use crate::{
    dump::sanitize,
    dump::source::{self, LoadEvent, Loaded},
    dump::thread::Document,
    export,
};

pub(super) fn check(loaded: &Loaded) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for doc in &loaded.docs {
        check_doc(&mut out, doc)?;
    }
    out.flush()?;
    drop(out);
    Ok(exit_code(report_problems(&loaded.notes, &loaded.problems)))
}

/// `tread check PATH...`: each file read a piece at a time, each piece
/// reported and let go before the next, so memory is bounded by a piece
/// (a few dozen MB), whatever the archive.
pub(super) fn check_paths(paths: &[PathBuf]) -> Result<ExitCode> {
    let found = source::find_files(paths);
    let mut problems = found.problems;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    each_piece(&found.files, &mut problems, |piece| match piece {
        Ok(doc) => check_doc(&mut out, doc),
        // An empty file, said where its report would be.
        Err(note) => writeln!(out, "{note}"),
    })?;
    out.flush()?;
    drop(out);
    Ok(exit_code(report_problems(&found.notes, &problems)))
}

/// Every file's posts, a piece of a file at a time (a document whose
/// lines are the file's), each let go before the next is read; what cannot
/// be read goes to `problems`, a note (an empty file) to `each` as `Err`.
/// Stops at the first error `each` returns (a closed pipe).
///
/// The next piece is read and parsed on another thread while `each` writes
/// this one, so a long export takes about the longer of the two, not both;
/// at most two pieces are held at once (the channel holds none).
pub(super) fn each_piece(
    files: &[PathBuf],
    problems: &mut Vec<String>,
    mut each: impl FnMut(Result<&Document, &str>) -> io::Result<()>,
) -> io::Result<()> {
    let (tx, rx) = std::sync::mpsc::sync_channel::<LoadEvent>(0);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for path in files {
                let went_on = source::stream_file(path, &mut |event| match event {
                    LoadEvent::Progress { .. } | LoadEvent::Done => true,
                    other => tx.send(other).is_ok(),
                });
                if !went_on {
                    return;
                }
            }
        });
        // Dropping `rx` on an error stops the reading thread at its next piece.
        for event in rx {
            match event {
                LoadEvent::Doc(doc) | LoadEvent::Piece { doc, .. } => each(Ok(&doc))?,
                LoadEvent::Note(note) => each(Err(&note))?,
                LoadEvent::Problem(p) => problems.push(p),
                LoadEvent::Progress { .. } | LoadEvent::Done => {}
            }
        }
        Ok(())
    })
}

/// One document's report: a line per post, then its diagnostics.
fn check_doc(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    if doc.text.trim().is_empty() {
        return writeln!(out, "{}: empty file, no posts", sanitize::name(&doc.name));
    }
    for post in &doc.posts {
        writeln!(
            out,
            "{}:{}: {}",
            sanitize::name(&doc.name),
            post.line,
            crate::dump::sanitize::visible(&export::post_summary(doc, post))
        )?;
        for d in &post.diagnostics {
            let severity = match d.severity {
                crate::dump::thread::Severity::Info => "info",
                crate::dump::thread::Severity::Warning => "warning",
            };
            writeln!(
                out,
                "{}:{}: {severity}: {}",
                sanitize::name(&doc.name),
                d.line,
                d.message
            )?;
        }
    }
    Ok(())
}

/// Says on stderr the notes (empty folders) and what could not be read;
/// true when something failed.
pub(super) fn report_problems(notes: &[String], problems: &[String]) -> bool {
    for line in notes.iter().chain(problems) {
        eprintln!("{line}");
    }
    !problems.is_empty()
}

pub(super) fn exit_code(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
