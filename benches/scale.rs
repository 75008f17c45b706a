//! Archives of any size: for one large file and for a folder of many
//! files, the reader's first screen, time to a complete list and private
//! memory (cold, reopened from the index cache, and after a post is
//! appended), `tread check` and every export, next to `wc -l`, `grep -c`
//! and `less` in the same run.
//!
//! cargo bench --bench scale                  # 4,800 MB file; 1,200 MB as 2,000 files
//! cargo bench --bench scale -- 10000 0       # a 10,000 MB file only
//! cargo bench --bench scale -- 0 1200 2000   # the folder only
//!
//! Archives are generated once into target/tmp a post at a time (the
//! generator's own peak memory is said). Memory is private memory
//! (RssAnon), sampled every 10 ms; pages of the file in the page cache do
//! not count. The reader runs in tmux at 160x48 with its cache, data and
//! config folders in target/tmp.

mod common;

use std::{
    io::Write,
    path::{Path, PathBuf},
    process::Command,
    time::{Duration, Instant},
};

use common::{anon_kb, run_sampled, start_session, time_to_screen, tmux};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, path, bytes, seed, first] = args.as_slice()
        && flag == "--generate"
    {
        let number = |s: &str| s.parse::<u64>().unwrap_or(0);
        let file = std::fs::File::create(path).expect("create");
        let mut out = std::io::BufWriter::new(file);
        tread::dump::generate::write_big_dump(
            &mut out,
            number(bytes),
            number(seed),
            number(first) as usize,
        )
        .expect("write");
        out.flush().expect("flush");
        return;
    }
    let numbers: Vec<u64> = args.iter().skip(1).filter_map(|a| a.parse().ok()).collect();
    let single = numbers.first().copied().unwrap_or(4800);
    let folder = numbers.get(1).copied().unwrap_or(1200);
    let files = numbers.get(2).copied().unwrap_or(2000);
    if single > 0 {
        let path = single_file(single);
        measure_all(&path, std::slice::from_ref(&path));
    }
    if folder > 0 && files > 0 {
        let (dir, pages) = folder_of(folder, files);
        measure_all(&dir, &pages);
    }
}

fn tmp() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
}

/// Generates `bytes` of dump at `path` in a child process; says its time
/// and peak private memory when `say`.
fn generate(path: &Path, bytes: u64, seed: u64, first: u64, say: bool) {
    let me = std::env::current_exe().expect("own path");
    let args: Vec<String> = vec![
        "--generate".into(),
        path.display().to_string(),
        bytes.to_string(),
        seed.to_string(),
        first.to_string(),
    ];
    let (wall, anon) = run_sampled(&me.display().to_string(), &args);
    if say {
        println!(
            "generated {} ({:.0} MB) in {:.1} s, peak private memory {:.1} MB",
            path.display(),
            bytes as f64 / 1e6,
            wall.as_secs_f64(),
            anon as f64 / 1e3
        );
    }
}

fn single_file(mb: u64) -> PathBuf {
    let path = tmp().join(format!("scale-{mb}mb.txt"));
    if !path.exists() {
        let _ = std::fs::create_dir_all(tmp());
        generate(&path, mb * 1_000_000, 42, 1, true);
    }
    path
}

fn folder_of(mb: u64, files: u64) -> (PathBuf, Vec<PathBuf>) {
    let dir = tmp().join(format!("scale-{mb}mb-{files}-files"));
    let pages: Vec<PathBuf> = (0..files)
        .map(|i| dir.join(format!("page-{i:05}.txt")))
        .collect();
    if !pages.iter().all(|p| p.exists()) {
        let _ = std::fs::create_dir_all(&dir);
        let started = Instant::now();
        for (i, page) in pages.iter().enumerate() {
            let i = i as u64;
            generate(page, mb * 1_000_000 / files, i, i * 1000 + 1, false);
        }
        println!(
            "generated {} ({files} files) in {:.1} s",
            dir.display(),
            started.elapsed().as_secs_f64()
        );
    }
    (dir, pages)
}

fn measure_all(path: &Path, files: &[PathBuf]) {
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "\n== {} ({mb:.0} MB in {} files)",
        path.display(),
        files.len()
    );
    let tread = env!("CARGO_BIN_EXE_tread");
    let target = path.display().to_string();
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let mut runs: Vec<(String, String, Vec<String>)> = vec![
        (
            "wc -l".into(),
            "wc".into(),
            [vec!["-l".into()], names.clone()].concat(),
        ),
        (
            "grep -c ReplyDelete".into(),
            "grep".into(),
            vec!["-rc".into(), "ReplyDelete".into(), target.clone()],
        ),
        (
            "tread check".into(),
            tread.into(),
            vec!["check".into(), target.clone()],
        ),
    ];
    for format in ["text", "markdown", "json", "jsonl"] {
        runs.push((
            format!("tread export {format}"),
            tread.into(),
            ["export", "--format", format, "-o", "/dev/null", &target]
                .map(String::from)
                .to_vec(),
        ));
    }
    let mut check = Duration::ZERO;
    for (name, program, args) in &runs {
        let (wall, anon) = run_sampled(program, args);
        if name == "tread check" {
            check = wall;
        }
        println!(
            "{name:22} {:8.2} s  {:7.0} MB/s  peak private {:7.1} MB",
            wall.as_secs_f64(),
            mb / wall.as_secs_f64(),
            anon as f64 / 1e3
        );
    }
    if Command::new("tmux").arg("-V").output().is_err() {
        println!("reader: tmux not found, skipped");
        return;
    }
    if files.len() == 1 {
        // Both timed the same way, 7 runs each: the median.
        let tread = env!("CARGO_BIN_EXE_tread");
        for (name, cmd, shows) in [
            ("less", format!("less {target}"), "Generated post"),
            ("tread", format!("{tread} {target}"), "· post "),
        ] {
            let mut runs: Vec<Duration> =
                (0..7).filter_map(|_| time_to_screen(&cmd, shows)).collect();
            runs.sort();
            if let Some(t) = runs.get(runs.len() / 2) {
                println!(
                    "{name}: first screen {:.1} ms (median of {})",
                    t.as_secs_f64() * 1e3,
                    runs.len()
                );
            }
        }
    }
    let home = tmp().join("scale-home");
    let _ = std::fs::remove_dir_all(&home);
    let cold = reader(path, &home, None);
    cold.say("reader, cold", check);
    let warm = reader(path, &home, None);
    warm.say("reader, reopened", check);
    if files.len() == 1 {
        let before = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .expect("open to append");
        tread::dump::generate::write_big_dump(&mut file, 1, 7, 9_999_999).expect("append");
        drop(file);
        let grown = reader(path, &home, Some(cold.posts + 1));
        grown.say("reader, a post appended", check);
        // The bench file as it was.
        if let Ok(f) = std::fs::OpenOptions::new().write(true).open(path) {
            let _ = f.set_len(before);
        }
    }
}

/// What a run of the reader showed.
struct Run {
    first_screen: Option<Duration>,
    complete: Option<Duration>,
    posts: usize,
    peak_filling: u64,
    after_browsing: u64,
    peak: u64,
}

impl Run {
    fn say(&self, what: &str, check: Duration) {
        let secs =
            |d: Option<Duration>| d.map_or("never".into(), |d| format!("{:.3} s", d.as_secs_f64()));
        let ratio = self.complete.map_or(String::new(), |c| {
            format!(
                " ({:.2}x tread check)",
                c.as_secs_f64() / check.as_secs_f64()
            )
        });
        println!(
            "{what}: first screen {}, list complete ({} posts) {}{ratio}; \
             peak private {:.1} MB while filling, {:.1} MB after browsing 50 posts, peak {:.1} MB",
            secs(self.first_screen),
            self.posts,
            secs(self.complete),
            self.peak_filling as f64 / 1e3,
            self.after_browsing as f64 / 1e3,
            self.peak as f64 / 1e3
        );
    }
}

/// The status bar names a post (`post 51/2473`): the first screen is up
/// (the post shown is the one last read, on reopening).
fn shows_a_post(screen: &str) -> bool {
    screen.split("post ").skip(1).any(|rest| {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && rest[digits..].starts_with('/')
    })
}

/// The posts the list's title counts once it is complete (no `…`).
fn complete_count(screen: &str) -> Option<usize> {
    let at = screen.find(" Posts (")? + " Posts (".len();
    let rest = &screen[at..];
    let end = rest.find(')')?;
    rest[..end].parse().ok()
}

/// Opens the reader on `path` in tmux with its folders under `home`;
/// waits for the first screen and a complete list (of `want` posts when
/// given), browses 50 posts with `j`, and quits.
fn reader(path: &Path, home: &Path, want: Option<usize>) -> Run {
    let session = format!("tread-scale-{}", std::process::id());
    let folders = [
        "XDG_CACHE_HOME",
        "XDG_DATA_HOME",
        "XDG_CONFIG_HOME",
        "XDG_STATE_HOME",
    ]
    .map(|v| format!("{v}={}", home.join(v.to_lowercase()).display()))
    .join(" ");
    let cmd = format!(
        "exec env HOME={} {folders} {} {}",
        home.display(),
        env!("CARGO_BIN_EXE_tread"),
        path.display()
    );
    let started = start_session(&session, &cmd);
    let pid: u32 = tmux(&["display", "-p", "-t", &session, "#{pane_pid}"])
        .trim()
        .parse()
        .unwrap_or(0);
    let mut run = Run {
        first_screen: None,
        complete: None,
        posts: 0,
        peak_filling: 0,
        after_browsing: 0,
        peak: 0,
    };
    let mut polls = 0u64;
    while started.elapsed() < Duration::from_secs(900) {
        run.peak_filling = run.peak_filling.max(anon_kb(pid));
        polls += 1;
        // The screen looked at every 4th sample (every 20 ms).
        if polls.is_multiple_of(4) || run.first_screen.is_none() {
            let screen = tmux(&["capture-pane", "-p", "-t", &session]);
            if run.first_screen.is_none() && shows_a_post(&screen) {
                run.first_screen = Some(started.elapsed());
            }
            if let Some(n) = complete_count(&screen)
                && want.is_none_or(|w| n == w)
            {
                run.complete = Some(started.elapsed());
                run.posts = n;
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    run.peak = run.peak_filling;
    for _ in 0..50 {
        tmux(&["send-keys", "-t", &session, "j"]);
        std::thread::sleep(Duration::from_millis(40));
        run.peak = run.peak.max(anon_kb(pid));
    }
    std::thread::sleep(Duration::from_millis(300));
    run.after_browsing = anon_kb(pid);
    run.peak = run.peak.max(run.after_browsing);
    tmux(&["send-keys", "-t", &session, "q"]);
    std::thread::sleep(Duration::from_millis(300));
    let _ = tmux(&["kill-session", "-t", &session]);
    run
}
