//! `tread grep`: reads the files the paths name, prints each matching line
//! placed in its thread (or as JSON), and exits as grep does: 0 when a line
//! matched, 1 when none did, 2 on an error (a bad pattern, a file that
//! cannot be read; the other files are still searched).

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
        let (name, text) = match source::read_text(path) {
            Ok(read) => read,
            Err(e) => {
                eprintln!("{e}");
                failed = true;
                continue;
            }
        };
        grep::each_hit(&name, &text, &re, |hit| -> Result<()> {
            matched = true;
            if json {
                serde_json::to_writer(&mut out, &hit)?;
                writeln!(out)?;
            } else {
                writeln!(out, "{}", grep::line(&hit, colour))?;
            }
            Ok(())
        })?;
    }
    out.flush()?;
    Ok(ExitCode::from(match (failed, matched) {
        (true, _) => 2,
        (false, true) => 0,
        (false, false) => 1,
    }))
}
