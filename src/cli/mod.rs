//! The command line: `tread [PATH...]`, `tread check`, `tread export`.

mod check;
mod grep;
mod man;

use std::{
    io::{self, IsTerminal, Write},
    path::PathBuf,
    process::ExitCode,
};

use anyhow::{Context, Result, bail};
use clap::{CommandFactory, Parser, Subcommand};

use crate::{
    dump::samples,
    dump::sanitize,
    dump::source::{self, Loaded},
    export::{self, Format, Selection},
    settings::config::{self, Settings},
    settings::store::{self, Store},
};

/// A terminal reader for comment threads saved as plain-text blog dumps.
///
/// With no command, opens the reader on PATHs (default: the bundled sample
/// dumps); press ? in it for every key. Keys, colours and layout come from
/// the config file (`tread config --path`); what you have read is kept in
/// the platform's data folder.
#[derive(Debug, Parser)]
#[command(name = "tread", version, subcommand_precedence_over_arg = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Read the config from FILE instead of the default place.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// Dump files or directories to read; `-` is standard input (default:
    /// standard input when it is a pipe, else the bundled sample dumps).
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse dumps and report each post and everything odd in it.
    ///
    /// Prints one line per post (file, title, date, layout, comments found and
    /// declared) and every diagnostic as `file:line: severity: message`.
    /// Exits non-zero when a file could not be read, after reporting the others.
    Check {
        /// Dump files, or directories holding them; `-` (or none, with
        /// standard input a pipe) is standard input.
        paths: Vec<PathBuf>,
    },
    /// Write threads out as plain text, Markdown or JSON.
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Export only post N (1-based, counting posts across all PATHs).
        #[arg(long, value_name = "N")]
        post: Option<usize>,
        /// Export only this comment and its replies (`3`, `3.2`).
        #[arg(long, value_name = "ID")]
        comment: Option<String>,
        /// Wrap text at this many columns (default: no wrapping).
        #[arg(long, value_name = "N")]
        width: Option<usize>,
        /// Write to FILE instead of standard output.
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Dump files, or directories holding them; `-` (or none, with
        /// standard input a pipe) is standard input.
        paths: Vec<PathBuf>,
    },
    /// Print the lines that match PATTERN, each placed in its thread.
    ///
    /// One line per matching line: `file:line: title #id author: text`
    /// (`body` for the post's body, `post` for its title, date and page
    /// chrome), the match in colour when standard output is a terminal and
    /// NO_COLOR is not set. Exits 0 when a line matched, 1 when none did,
    /// 2 on an error, as grep does.
    Grep {
        /// PATTERN is a regular expression (Rust regex syntax), not a
        /// literal string (`-E`, as grep's extended expressions).
        #[arg(short = 'E', long)]
        regex: bool,
        /// Letters match in either case (over -S).
        #[arg(short = 'i', long)]
        ignore_case: bool,
        /// Letters match in either case unless PATTERN holds a capital.
        #[arg(short = 'S', long)]
        smart_case: bool,
        /// One JSON object per line: file, line, title, comment, author,
        /// text.
        #[arg(long)]
        json: bool,
        /// What to look for.
        pattern: String,
        /// Dump files, or directories holding them; `-` (or none, with
        /// standard input a pipe) is standard input.
        paths: Vec<PathBuf>,
    },
    /// Check the config file, or say where it is, or print a default one.
    ///
    /// With no flag, reads the config file and reports the first problem in
    /// it (exit 1), or that it is fine.
    Config {
        /// Print where the config file is read from.
        #[arg(long, conflicts_with_all = ["default", "init"])]
        path: bool,
        /// Print a commented config file holding every default.
        #[arg(long, conflicts_with = "init")]
        default: bool,
        /// Write the commented default config file where it is read from
        /// (making its folder); never over a file that is there.
        #[arg(long)]
        init: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print tread's manual page (roff), e.g. `tread man > tread.1`.
    Man,
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    if cli.command.is_some() && !cli.paths.is_empty() {
        bail!(
            "{}: paths go after the command (`tread check PATH`)",
            sanitize::path(&cli.paths[0])
        );
    }
    match cli.command {
        Some(Command::Config {
            path,
            default,
            init,
        }) => {
            if init {
                init_config(cli.config)
            } else {
                config(cli.config, path, default)
            }
        }
        Some(Command::Completions { shell }) => {
            // Made whole first: clap_complete panics on a failed write.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "tread", &mut script);
            io::stdout().lock().write_all(&script)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            man::page(Cli::command(), &mut io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Check { paths }) => check::check_paths(&given(paths)?),
        Some(Command::Grep {
            regex,
            ignore_case,
            smart_case,
            json,
            pattern,
            paths,
        }) => grep::run(
            &pattern,
            crate::grep::Options {
                regex,
                ignore_case,
                smart_case,
            },
            json,
            &given(paths)?,
        ),
        Some(Command::Export {
            format,
            post,
            comment,
            width,
            output,
            paths,
        }) => {
            let paths = given(paths)?;
            // Every post: written post by post, a piece of a file at a
            // time, none held after it is written.
            if post.is_none() && comment.is_none() {
                return export_by_file(&paths, format, width, output);
            }
            export(
                &source::load_paths(&paths),
                format,
                post,
                comment.as_deref(),
                width,
                output,
            )
        }
        None if !io::stdout().is_terminal() => {
            // Not a terminal (a pipe, a file): report instead of drawing.
            match or_stdin(cli.paths) {
                paths if paths.is_empty() => check::check(&samples::load()),
                paths => check::check_paths(&paths),
            }
        }
        None => {
            let cli = Cli {
                paths: or_stdin(cli.paths),
                ..cli
            };
            // The reader takes its keys from the terminal: a dump cannot
            // come from it too.
            if io::stdin().is_terminal() && cli.paths.iter().any(|p| p.as_os_str() == source::STDIN)
            {
                eprintln!(
                    "tread: - is standard input, which is this terminal; \
                     pipe a dump in (cat dump.txt | tread) or name its file"
                );
                return Ok(ExitCode::from(1));
            }
            // As less does: when no path names anything to read, say why
            // and stop, without taking over the terminal.
            let found = source::find_files(&cli.paths);
            if !cli.paths.is_empty() && found.files.is_empty() && !found.problems.is_empty() {
                for line in found.notes.iter().chain(&found.problems) {
                    eprintln!("{line}");
                }
                return Ok(ExitCode::from(1));
            }
            if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
                eprintln!(
                    "tread: this terminal (TERM=dumb) cannot draw the reader; \
                     `tread check` and `tread export` work anywhere"
                );
                return Ok(ExitCode::from(1));
            }
            let detected = crate::settings::abilities::Abilities::from_env();
            let (settings, config_errors) = Settings::load(cli.config.as_deref(), detected);
            let (store, state_error) = match store::default_path() {
                Some(path) => Store::open(path),
                None => (Store::default(), None),
            };
            let problems = config_errors
                .iter()
                .map(ToString::to_string)
                .chain(state_error)
                .collect();
            let start = crate::reader::terminal::Start {
                settings,
                store,
                problems,
                session: store::session_key(&cli.paths),
                cache: store::index_cache_dir(),
            };
            // The files found above are the ones read: no second walk.
            let found = (!cli.paths.is_empty()).then_some(found);
            use crate::reader::terminal::{Ended, run};
            run(found, start).map(|ended| match ended {
                Ended::Quit => ExitCode::SUCCESS,
                // As a shell reports a process a signal ended: 128 + N.
                Ended::Signal(n) => ExitCode::from(128 + n as u8),
            })
        }
    }
}

/// The paths as given; none means standard input when it is a pipe (as
/// with grep and less).
fn or_stdin(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() && !io::stdin().is_terminal() {
        vec![PathBuf::from(source::STDIN)]
    } else {
        paths
    }
}

/// The paths a command reads: as given, or standard input; none at all
/// from a terminal is a mistake.
fn given(paths: Vec<PathBuf>) -> Result<Vec<PathBuf>> {
    let paths = or_stdin(paths);
    if paths.is_empty() {
        bail!("no PATH: name dump files or directories, or - (or a pipe) for standard input");
    }
    Ok(paths)
}

/// `tread config --init`: the default file, where tread reads it.
fn init_config(explicit: Option<PathBuf>) -> Result<ExitCode> {
    let Some(p) = explicit.or_else(config::default_path) else {
        bail!("this platform has no config folder; use --config FILE");
    };
    if let Some(dir) = p.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot make {}", sanitize::path(dir)))?;
    }
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&p)
        .and_then(|mut f| f.write_all(config::default_file().as_bytes()));
    match written {
        Ok(()) => {
            say(&format!(
                "{}: written, every setting at its default",
                sanitize::path(&p)
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            eprintln!("{}: there already; left as it is", sanitize::path(&p));
            Ok(ExitCode::from(1))
        }
        Err(e) => bail!("cannot write {}: {e}", sanitize::path(&p)),
    }
}

fn config(explicit: Option<PathBuf>, path: bool, default: bool) -> Result<ExitCode> {
    let where_ = explicit.clone().or_else(config::default_path);
    if path {
        match where_ {
            Some(p) => say(&sanitize::path(&p))?,
            None => bail!("this platform has no config folder; use --config FILE"),
        }
        return Ok(ExitCode::SUCCESS);
    }
    if default {
        io::stdout()
            .lock()
            .write_all(config::default_file().as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(p) = where_ else {
        bail!("this platform has no config folder; use --config FILE");
    };
    if explicit.is_none() && !p.exists() {
        say(&format!(
            "{}: no config file; the defaults hold",
            sanitize::path(&p)
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let problems = Settings::load(Some(&p), Default::default()).1;
    if problems.is_empty() {
        say(&format!("{}: fine", sanitize::path(&p)))?;
        return Ok(ExitCode::SUCCESS);
    }
    for e in &problems {
        eprintln!("{e}");
    }
    Ok(ExitCode::from(1))
}

/// A line on standard output; an error (a closed pipe) is returned, where
/// `println!` would panic.
fn say(line: &str) -> io::Result<()> {
    writeln!(io::stdout().lock(), "{line}")
}

/// Whether `e` comes of standard output's reader having gone away (`tread
/// export | head -1`): a command then ends quietly, as cat and grep do.
pub fn broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

fn export(
    loaded: &Loaded,
    format: Format,
    post: Option<usize>,
    comment: Option<&str>,
    width: Option<usize>,
    output: Option<PathBuf>,
) -> Result<ExitCode> {
    let failed = check::report_problems(&loaded.notes, &loaded.problems);
    let mut items: Vec<Selection> = loaded
        .docs
        .iter()
        .flat_map(|doc| {
            doc.posts.iter().map(move |post| Selection {
                doc,
                post,
                comment: None,
            })
        })
        .filter(|s| !s.doc.text.trim().is_empty())
        .collect();
    if let Some(n) = post {
        let total = items.len();
        let Some(sel) = n.checked_sub(1).and_then(|i| items.get(i)).copied() else {
            bail!("--post {n}: the paths hold {total} posts");
        };
        items = vec![sel];
    }
    if let Some(id) = comment {
        let [sel] = items.as_mut_slice() else {
            bail!(
                "--comment needs a single post: the paths hold {} posts; choose one with --post",
                items.len()
            );
        };
        sel.comment = Some(
            sel.post
                .find(id)
                .with_context(|| format!("--comment {id}: no such comment in this post"))?,
        );
    }
    if let Some(path) = &output {
        refuse_inputs(path, &loaded.files)?;
    }
    let rendered = export::render(format, &items, width);
    match output {
        Some(path) => std::fs::write(&path, rendered)
            .with_context(|| format!("cannot write {}", sanitize::path(&path)))?,
        None => io::stdout().lock().write_all(rendered.as_bytes())?,
    }
    Ok(check::exit_code(failed))
}

/// Every post of every file the paths name, written as it is made, a
/// piece of a file at a time: each piece is read, written out post by post
/// and let go before the next (the JSON document too: its posts are
/// written into it one by one).
fn export_by_file(
    paths: &[PathBuf],
    format: Format,
    width: Option<usize>,
    output: Option<PathBuf>,
) -> Result<ExitCode> {
    let found = source::find_files(paths);
    if let Some(path) = &output {
        refuse_inputs(path, &found.files)?;
    }
    let mut out: Box<dyn Write> = match &output {
        Some(path) => Box::new(io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", sanitize::path(path)))?,
        )),
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    let mut problems = found.problems;
    let mut written = false;
    check::each_piece(&found.files, &mut problems, |piece| {
        let Ok(doc) = piece else {
            return Ok(()); // An empty file: nothing to export.
        };
        if doc.text.trim().is_empty() {
            return Ok(());
        }
        // Post by post: only one post's text is made at a time.
        for post in &doc.posts {
            let sel = Selection {
                doc,
                post,
                comment: None,
            };
            if written {
                out.write_all(export::between(format).as_bytes())?;
            } else if format == Format::Json {
                // The JSON document around its posts, written as they come.
                out.write_all(export::JSON_OPEN.as_bytes())?;
            }
            out.write_all(export::render_one(format, &sel, width).as_bytes())?;
            written = true;
        }
        Ok(())
    })?;
    if format == Format::Json {
        out.write_all(export::json_close(written).as_bytes())?;
    }
    out.flush()?;
    drop(out);
    Ok(check::exit_code(check::report_problems(
        &found.notes,
        &problems,
    )))
}

/// An export never replaces one of the dumps it reads.
fn refuse_inputs(output: &std::path::Path, inputs: &[PathBuf]) -> Result<()> {
    let Ok(out) = std::fs::canonicalize(output) else {
        return Ok(()); // Not there yet: it cannot be an input.
    };
    if inputs
        .iter()
        .any(|i| std::fs::canonicalize(i).is_ok_and(|i| i == out))
    {
        bail!(
            "{}: is one of the dumps being exported; not writing over it",
            sanitize::path(output)
        );
    }
    Ok(())
}
