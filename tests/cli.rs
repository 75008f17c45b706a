//! The command line as a user meets it: check, export, bad input.

mod common;

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use common::tread;

/// A fresh directory under the target dir for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn path_str(p: &std::path::Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn check_names_a_binary_file_and_still_reports_the_others() {
    let dir = scratch("binary");
    std::fs::write(dir.join("a.txt"), "Title\n\nBody\n\nNo comments:\n").expect("write");
    std::fs::write(dir.join("b.txt"), b"one\ntwo\0three").expect("write");
    let (out, err, code) = tread(&["check", path_str(&dir)]);
    assert_ne!(code, 0);
    assert!(out.contains("a.txt:1: \"Title\""), "{out}");
    assert!(
        err.contains("b.txt:2: not a text dump (it holds NUL bytes)"),
        "{err}"
    );
}

#[test]
fn check_says_so_for_an_empty_file_and_an_empty_directory() {
    let dir = scratch("empty");
    std::fs::create_dir_all(dir.join("nothing")).expect("mkdir");
    std::fs::write(dir.join("empty.txt"), "").expect("write");
    let (out, _, code) = tread(&["check", path_str(&dir.join("empty.txt"))]);
    assert_eq!(code, 0);
    assert!(out.contains("empty.txt: empty file, no posts"), "{out}");
    let (_, err, code) = tread(&["check", path_str(&dir.join("nothing"))]);
    assert_eq!(code, 0);
    assert!(err.contains("no dump files in this directory"), "{err}");
}

#[test]
fn check_fails_on_a_missing_path_after_reporting_the_rest() {
    let (out, err, code) = tread(&[
        "check",
        "seeds/002_709067c7ffbf67ff.txt",
        "no/such/file.txt",
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("Is Probation Toxic?"));
    assert!(err.contains("no/such/file.txt: cannot read"), "{err}");
}

#[test]
fn export_one_comment_subtree() {
    let (out, _, code) = tread(&[
        "export",
        "--comment",
        "10",
        "seeds/000_9d6751376566881c.txt",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("#10\n  I do now wonder"), "{out}");
    assert!(
        out.contains("    #10.1\n      You've nailed it, sunshine."),
        "{out}"
    );
    assert!(out.contains("#10.2"));
    assert!(!out.contains("#9") && !out.contains("#11"));
}

#[test]
fn export_picks_a_post_across_files_and_writes_a_file() {
    let dir = scratch("output");
    let target = dir.join("out.md");
    let (_, err, code) = tread(&[
        "export",
        "--format",
        "markdown",
        "--post",
        "3",
        "-o",
        path_str(&target),
        "seeds",
    ]);
    assert_eq!(code, 0, "{err}");
    let md = std::fs::read_to_string(&target).expect("written");
    assert!(
        md.starts_with("# Is Probation Toxic?\nSunday, 4 December 2022\n"),
        "{md}"
    );
    assert!(md.contains("\n### #11 · dismissed and damaged · 28 July 2024 at 03:02\n"));
    assert!(md.contains("\n> ### #3.1\n"), "replies are quoted");
    let (_, err, code) = tread(&["export", "--post", "9", "seeds"]);
    assert_ne!(code, 0);
    assert!(err.contains("--post 9: the paths hold 5 posts"), "{err}");
}

#[test]
fn export_wraps_at_the_width_without_breaking_words() {
    let (out, _, code) = tread(&["export", "--width", "40", "seeds/002_709067c7ffbf67ff.txt"]);
    assert_eq!(code, 0);
    for line in out.lines() {
        assert!(
            tread::dump::width::width(line) <= 40 || !line.trim().contains(' '),
            "too wide: {line:?}"
        );
    }
    // A URL wider than the line stays whole, on a row of its own.
    assert!(out.contains("https://www-mirror-co-uk.cdn.ampproject.org/v/s/www.mirror.co.uk/news/politics/uk-prisons-most-hostile-workplaces-28647615.amp?amp_gsa=1"));
}

#[test]
fn export_wraps_emoji_families_and_cjk_by_their_width_on_screen() {
    let dir = scratch("wide-export");
    let dump = format!(
        "Title\n\nBody\n\n1 comments:\n\n  1. {}\n    ReplyDelete\n",
        "👩‍👩‍👧 日本語 ".repeat(20)
    );
    let file = dir.join("wide.txt");
    std::fs::write(&file, dump).expect("write");
    let (out, _, code) = tread(&["export", "--width", "30", path_str(&file)]);
    assert_eq!(code, 0);
    let rows: Vec<&str> = out.lines().filter(|l| l.contains('日')).collect();
    for row in &rows {
        assert!(tread::dump::width::width(row) <= 30, "{row:?}");
    }
    // A family is two columns, not six: three go in a row of 30.
    assert_eq!(rows[0].matches("👩‍👩‍👧").count(), 3, "{rows:?}");
}

#[test]
fn exports_carry_no_control_characters() {
    let dir = scratch("controls");
    let file = dir.join("evil.txt");
    std::fs::write(
        &file,
        "Ti\x1b]0;pwned\x07tle\n\nBody \x1b[2J\n\n1 comment:\n\n  1. ring\x07\n\n    ReplyDelete\n",
    )
    .expect("write");
    for format in ["text", "markdown"] {
        let (out, _, code) = tread(&["export", "--format", format, path_str(&file)]);
        assert_eq!(code, 0);
        assert!(
            !out.chars().any(|c| c.is_control() && c != '\n'),
            "{format}: {out:?}"
        );
        assert!(
            out.contains("Ti\u{241b}]0;pwned\u{2407}tle") && out.contains("ring\u{2407}"),
            "{out}"
        );
    }
    let (out, _, _) = tread(&["check", path_str(&file)]);
    assert!(!out.contains('\x1b'), "check output is safe too");
}

#[test]
fn json_has_every_key_with_null_for_absent_values() {
    let (out, _, code) = tread(&[
        "export",
        "--format",
        "json",
        "seeds/004_e78408eaad16271b.txt",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let post = &v["posts"][0];
    for key in [
        "file",
        "layout",
        "date",
        "title",
        "declared_comments",
        "body",
        "comments",
        "diagnostics",
    ] {
        assert!(post.get(key).is_some(), "post lacks {key}");
    }
    let c = &post["comments"][0];
    for key in ["id", "author", "timestamp", "removed", "text", "replies"] {
        assert!(c.get(key).is_some(), "comment lacks {key}");
    }
    assert!(c["author"].is_null() && post["date"].is_null());
    let d = &post["diagnostics"][0];
    for key in ["line", "severity", "message"] {
        assert!(d.get(key).is_some(), "diagnostic lacks {key}");
    }
}

#[test]
fn help_is_there_for_everything() {
    for args in [&["--help"][..], &["check", "--help"], &["export", "--help"]] {
        let (out, _, code) = tread(args);
        assert_eq!(code, 0);
        assert!(out.contains("Usage:"), "{args:?}");
    }
}

#[test]
fn config_default_prints_a_file_that_config_accepts() {
    let dir = scratch("config-default");
    let (out, _, code) = tread(&["config", "--default"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("\nnext = [\"j\", \"Down\"]  # next comment"),
        "{out}"
    );
    let file = dir.join("config.toml");
    std::fs::write(&file, &out).expect("write");
    let (out, err, code) = tread(&["config", "--config", path_str(&file)]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, format!("{}: fine\n", file.display()));
    let (out, _, code) = tread(&["config", "--path", "--config", path_str(&file)]);
    assert_eq!((code, out), (0, format!("{}\n", file.display())));
}

#[test]
fn config_names_the_file_line_and_key_of_a_bad_setting() {
    let dir = scratch("config-bad");
    let file = dir.join("config.toml");
    std::fs::write(&file, "[reader]\nfolded = true\n\n[keys]\nquit = [\"q\"]\n").expect("write");
    let (_, err, code) = tread(&["config", "--config", path_str(&file)]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "{}:5: keys.quit: `q` is bound to both `back` and `quit`; that line is skipped\n",
            file.display()
        )
    );
}

#[test]
fn the_config_lives_in_the_platform_config_folder() {
    let dir = scratch("config-home");
    let out = Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(["config", "--path"])
        .env("XDG_CONFIG_HOME", &dir)
        .output()
        .expect("tread runs");
    let shown = String::from_utf8_lossy(&out.stdout);
    if cfg!(target_os = "linux") {
        assert_eq!(
            shown,
            format!("{}\n", dir.join("tread/config.toml").display())
        );
    } else {
        assert!(shown.trim_end().ends_with("config.toml"), "{shown}");
    }
}

#[test]
fn a_man_page_and_completions_are_generated() {
    let (man, _, code) = tread(&["man"]);
    assert_eq!(code, 0);
    assert!(man.starts_with(".ie"), "{}", &man[..man.len().min(200)]);
    assert!(man.contains("tread"));
    assert!(man.contains("export"));
    // A KEYS section from the key table, and no pages that do not exist.
    assert!(man.contains(".SH KEYS"), "{man}");
    for line in tread::settings::keys::help_lines(&Default::default()) {
        if let tread::settings::keys::HelpLine::Keys { what, .. } = line {
            assert!(man.contains(&what.replace('-', "\\-")), "{what}");
        }
    }
    assert!(!man.contains("(1)"), "no references to other pages");
    let (bash, _, code) = tread(&["completions", "bash"]);
    assert_eq!(code, 0);
    assert!(
        bash.contains("_tread()"),
        "{}",
        &bash[..bash.len().min(200)]
    );
    assert!(bash.contains("--format"));
}

#[test]
fn export_never_writes_over_a_dump_it_reads() {
    let dir = scratch("over");
    let dump = dir.join("post.txt");
    let seed = std::fs::read("seeds/002_709067c7ffbf67ff.txt").expect("seed");
    std::fs::write(&dump, &seed).expect("write");
    std::os::unix::fs::symlink(&dump, dir.join("alias.txt")).expect("link");
    for out in [dump.clone(), dir.join("alias.txt"), dir.join("./post.txt")] {
        let (_, err, code) = tread(&["export", "-o", path_str(&out), path_str(&dir)]);
        assert_ne!(code, 0, "{}", out.display());
        assert!(err.contains("not writing over it"), "{err}");
    }
    assert_eq!(
        std::fs::read(&dump).expect("read"),
        seed,
        "the dump is intact"
    );
    let (_, err, code) = tread(&[
        "export",
        "-o",
        path_str(&dir.join("out.md")),
        path_str(&dump),
    ]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn global_options_go_before_or_after_the_command() {
    let dir = scratch("global");
    let config = dir.join("c.toml");
    std::fs::write(&config, "[reader]\nfolded = true\n").expect("write");
    for args in [
        ["--config", path_str(&config), "config"],
        ["config", "--config", path_str(&config)],
    ] {
        let (out, err, code) = tread(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.ends_with("c.toml: fine\n"), "{args:?}: {out}");
    }
    let (_, err, code) = tread(&["seeds", "check", "seeds"]);
    assert_ne!(code, 0);
    assert!(err.contains("paths go after the command"), "{err}");
}

#[test]
fn hostile_file_names_reach_the_terminal_as_placeholders() {
    let dir = scratch("names");
    let name = "x\u{1b}]0;OWNED\u{7}\u{1b}[2J\nforged.txt:1: fine.txt";
    std::fs::write(dir.join(name), "Title\n\nBody\n").expect("write");
    std::fs::write(dir.join(format!("{name}-bin.txt")), b"a\0b").expect("write");
    let (out, err, _) = tread(&["check", path_str(&dir)]);
    for text in [&out, &err] {
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
    }
    assert!(!out.lines().any(|l| l.starts_with("forged")), "{out}");
    assert!(
        out.contains("x␛]0;OWNED␇␛[2J\\nforged.txt:1: fine.txt:1: \"Title\""),
        "{out}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_directory_with_link_loops_and_a_fifo_is_checked_and_ends() {
    let dir = scratch("loops");
    std::fs::write(dir.join("post.txt"), "Title\n\nBody\n").expect("write");
    std::os::unix::fs::symlink(".", dir.join("a")).expect("link");
    std::os::unix::fs::symlink(".", dir.join("b")).expect("link");
    let _ = Command::new("mkfifo").arg(dir.join("pipe.txt")).status();
    let (out, err, code) = tread(&["check", path_str(&dir)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.matches("\"Title\"").count(), 1, "{out}");
}

#[test]
fn the_readme_lists_every_key_of_the_key_table() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let start = readme.find("## Reading").expect("a Reading section");
    let end = readme
        .find("## Configuration")
        .expect("a Configuration section");
    let keys = readme[start..end].to_lowercase();
    let mut missing = Vec::new();
    for b in tread::settings::keys::BINDINGS {
        for key in b.keys {
            let shown = tread::settings::keys::describe(key);
            let written = if shown.chars().count() == 1 {
                format!("`{shown}`")
            } else {
                shown.clone()
            };
            if !keys.contains(&written.to_lowercase()) {
                missing.push(format!("{} ({})", shown, b.name));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys the README does not list: {missing:?}"
    );
}

#[test]
fn the_reader_on_paths_that_name_nothing_says_so_and_exits_1() {
    let (out, err, code) = tread(&["no/such/file.txt", "nor/this"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("no/such/file.txt: cannot read"), "{err}");
    assert!(err.contains("nor/this: cannot read"), "{err}");
    assert!(out.is_empty(), "no reader, nothing on stdout: {out:?}");
}

#[test]
fn an_empty_file_is_said_and_the_run_ends() {
    let dir = scratch("emptyfile");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let (out, _, code) = tread(&["check", path_str(&empty)]);
    assert_eq!(code, 0);
    assert!(out.contains("empty.txt: empty file, no posts"), "{out}");
}

#[test]
fn config_init_writes_the_default_file_once_making_its_folder() {
    let dir = scratch("init");
    let path = dir.join("new/folder/config.toml");
    let (out, err, code) = tread(&["config", "--init", "--config", path_str(&path)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("written"), "{out}");
    let (default, _, _) = tread(&["config", "--default"]);
    assert_eq!(std::fs::read_to_string(&path).expect("written"), default);
    std::fs::write(&path, "[reader]\nfolded = true\n").expect("write");
    let (_, err, code) = tread(&["config", "--init", "--config", path_str(&path)]);
    assert_eq!(code, 1);
    assert!(err.contains("there already"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).expect("kept"),
        "[reader]\nfolded = true\n"
    );
}

/// Runs `tread args`, reads one line of its output and closes the pipe, as
/// `| head -1` does: (its stderr, its exit code).
fn head_1(args: &[&str]) -> (String, Option<i32>) {
    use std::io::{BufRead, Read};
    let mut child = Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("tread runs");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("a line");
    // The reader is gone: the pipe is closed.
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    let status = child.wait().expect("exits");
    (err, status.code())
}

#[test]
fn output_commands_end_quietly_when_their_reader_goes_away() {
    // More output than a pipe holds (64 KiB): the export of the seeds, and
    // the check of 1,500 small dumps.
    let dir = scratch("epipe");
    for i in 0..1500 {
        let dump = format!("Title {i}\n\nBody\n\n1 comments:\n\n  1. x\n    ReplyDelete\n");
        std::fs::write(dir.join(format!("{i:04}.txt")), dump).expect("write");
    }
    for args in [
        vec!["export", "seeds"],
        vec!["check", path_str(&dir)],
        vec!["grep", "-i", "e", "seeds"],
        vec!["grep", "--json", "-i", "e", "seeds"],
    ] {
        let (err, code) = head_1(&args);
        assert_eq!((err.as_str(), code), ("", Some(0)), "{args:?}");
    }
}

/// Runs `tread args` with `input` on its standard input: (stdout, stderr,
/// exit code).
fn tread_fed(args: &[&str], input: Vec<u8>) -> (String, String, i32) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_tread"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("tread runs");
    let mut stdin = child.stdin.take().expect("stdin");
    // Fed from a thread: tread may stop reading early (and the pipe break).
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("ends");
    let _ = feeder.join();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn a_dash_or_a_pipe_and_no_path_is_standard_input() {
    let seed = "seeds/001_dc49834f0526d084.txt";
    let bytes = std::fs::read(seed).expect("seed");
    let (direct, _, code) = tread(&["check", seed]);
    assert_eq!(code, 0);
    let expected = direct.replace(seed, "(standard input)");
    for args in [&["check", "-"][..], &["check"][..]] {
        let (piped, err, code) = tread_fed(args, bytes.clone());
        assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
        assert_eq!(piped, expected, "{args:?}");
    }
    // Export too, and the reader's stand-in when stdout is no terminal.
    let (exported, _, _) = tread(&["export", seed]);
    assert_eq!(tread_fed(&["export"], bytes.clone()).0, exported);
    assert_eq!(tread_fed(&[], bytes).0, expected);
}

#[test]
fn an_empty_pipe_is_said_not_failed() {
    let (out, _, code) = tread_fed(&["check"], Vec::new());
    assert_eq!(code, 0);
    assert!(out.contains("(standard input): empty file"), "{out}");
}

#[test]
fn an_endless_stream_of_nul_bytes_is_refused_at_once() {
    // 256 MiB of NUL bytes through a pipe, as from /dev/zero: refused after
    // the first block, long before the feeder is done.
    let started = std::time::Instant::now();
    let (_, err, code) = tread_fed(&["check", "-"], vec![0; 256 << 20]);
    assert_eq!(code, 1);
    assert!(err.contains("(standard input):1: not a text dump"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn a_compressed_dump_is_named_as_such_with_a_hint() {
    let dir = scratch("gz");
    let file = dir.join("dump.txt.gz");
    // A gzip header and some deflated bytes: binary, with the magic first.
    std::fs::write(&file, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 0, 3]).expect("write");
    let (_, err, code) = tread(&["check", path_str(&file)]);
    assert_eq!(code, 1);
    assert!(
        err.contains("compressed (gzip)") && err.contains("zcat"),
        "{err}"
    );
}

#[test]
fn grep_places_each_matching_line_in_its_thread_and_exits_as_grep_does() {
    let (out, err, code) = tread(&["grep", "sofa surfing", "seeds"]);
    assert_eq!((err.as_str(), code), ("", 0));
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with(
            "seeds/000_9d6751376566881c.txt:28: New Probation Scandal #2.1: \
             1. True, but there are also some probation officers sofa surfing"
        ),
        "{out}"
    );
    // The body says `body`; an inferred signature is marked; piped, no colour.
    let (out, _, code) = tread(&["grep", "-S", "getafix", "seeds/000_9d6751376566881c.txt"]);
    assert_eq!(code, 0);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "seeds/000_9d6751376566881c.txt:24: New Probation Scandal #2 ~'Getafix: 'Getafix",
            "seeds/000_9d6751376566881c.txt:48: New Probation Scandal #6.1 ~'Getafix: 'Getafix",
        ]
    );
    let (out, _, _) = tread(&["grep", "Mr Bates", "seeds"]);
    assert!(
        out.starts_with(
            "seeds/000_9d6751376566881c.txt:5: New Probation Scandal body: OK it's not"
        ),
        "{out}"
    );
    // None: 1; a bad pattern or a missing file: 2, the rest still searched.
    assert_eq!(tread(&["grep", "zzzqqq", "seeds"]).2, 1);
    let (_, err, code) = tread(&["grep", "-E", "(", "seeds"]);
    assert_eq!(code, 2);
    assert!(err.contains("unclosed group"), "{err}");
    let (out, err, code) = tread(&["grep", "sofa surfing", "seeds", "no-such-file"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no-such-file") && out.contains("#2.1"),
        "{err}"
    );
    // JSON: one object per line.
    let (out, _, code) = tread(&["grep", "--json", "-i", "SOFA SURFING", "seeds"]);
    assert_eq!(code, 0);
    let hit: serde_json::Value = serde_json::from_str(out.trim()).expect("JSON");
    assert_eq!(hit["file"], "seeds/000_9d6751376566881c.txt");
    assert_eq!(hit["line"], 28);
    assert_eq!(hit["title"], "New Probation Scandal");
    assert_eq!(hit["comment"], "2.1");
    assert!(hit["author"].is_null());
}

#[test]
fn grep_on_a_large_file_finds_a_rare_word_and_places_it_even_past_a_line_not_utf8() {
    // More than 16 MiB: searched in blocks, the text around the hit read
    // again. A line in Windows-1252 (é as one byte) before the hit.
    let dir = scratch("grep-large");
    let mut bytes = tread::dump::generate::big_dump(17 << 20, 4).into_bytes();
    let lines_before = bytes.iter().filter(|&&b| b == b'\n').count();
    bytes.extend_from_slice(b"Tuesday 9 January 2024\n\nZanzibar post\n\nCaf\xe9 society.\n\n1 comment:\n\n  1. Ann9 January 2024 at 10:01\n\n    We met in Zanzibar.\n\n    ReplyDelete\n");
    let path = dir.join("large.txt");
    std::fs::write(&path, &bytes).expect("write");
    let (out, err, code) = tread(&["grep", "Zanzibar", path_str(&path)]);
    assert_eq!((err.as_str(), code), ("", 0));
    let name = path_str(&path);
    assert_eq!(
        out,
        format!(
            "{name}:{}: Zanzibar post post: Zanzibar post\n{name}:{}: Zanzibar post #1 Ann: We met in Zanzibar.\n",
            lines_before + 3,
            lines_before + 11
        )
    );
}

#[test]
fn jsonl_is_a_json_object_per_post_a_line_each() {
    let (json, _, code) = tread(&["export", "--format", "json", "seeds"]);
    assert_eq!(code, 0);
    let whole: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let (lines, err, code) = tread(&["export", "--format", "jsonl", "seeds"]);
    assert_eq!((err.as_str(), code), ("", 0));
    let posts: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(serde_json::Value::Array(posts), whole["posts"]);
}

#[test]
fn the_json_document_written_post_by_post_is_the_one_made_whole() {
    use tread::export::{Format, JSON_OPEN, Selection, between, json_close, render, render_one};
    let doc = tread::dump::source::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/000_9d6751376566881c.txt"),
    )
    .expect("seed");
    let docs = [
        doc,
        tread::dump::source::load(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/two_posts.txt"),
        )
        .expect("seed"),
    ];
    let items: Vec<Selection> = docs
        .iter()
        .flat_map(|doc| {
            doc.posts.iter().map(move |post| Selection {
                doc,
                post,
                comment: None,
            })
        })
        .collect();
    let mut streamed = String::from(JSON_OPEN);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            streamed.push_str(between(Format::Json));
        }
        streamed.push_str(&render_one(Format::Json, item, None));
    }
    streamed.push_str(json_close(true));
    assert_eq!(streamed, render(Format::Json, &items, None));
    assert_eq!(json_close(false), render(Format::Json, &[], None));
}
