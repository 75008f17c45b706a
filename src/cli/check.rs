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
    dump::source::{self, Loaded},
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

/// `tread check PATH...`: each file read, reported and let go before the
/// next, so a folder of many dumps holds one at a time.
pub(super) fn check_paths(paths: &[PathBuf]) -> Result<ExitCode> {
    let found = source::find_files(paths);
    let mut problems = found.problems;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for path in &found.files {
        match source::load(path) {
            Ok(doc) => check_doc(&mut out, &doc)?,
            Err(e) => problems.push(e.to_string()),
        }
    }
    out.flush()?;
    drop(out);
    Ok(exit_code(report_problems(&found.notes, &problems)))
}

/// One document's report: a line per post, then its diagnostics.
fn check_doc(out: &mut impl Write, doc: &crate::dump::thread::Document) -> io::Result<()> {
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
