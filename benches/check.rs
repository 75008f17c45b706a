//! `tread check` throughput and peak memory on a large generated dump, next
//! to `wc -l` on the same file; `tread grep` next to `grep -c` for the same
//! words.
//!
//! cargo bench --bench check               # 200 MB
//! cargo bench --bench check -- 500        # 500 MB
//!
//! Each command runs 5 times as a child process, output to /dev/null; the
//! figures are the median wall time and the largest peak RSS (wait4).

mod common;

use common::measure;
use std::{
    path::{Path, PathBuf},
    process::Command,
    time::Instant,
};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, path, mb] = args.as_slice()
        && flag == "--generate"
    {
        let text =
            tread::dump::generate::big_dump(mb.parse::<usize>().unwrap_or(200) * 1_000_000, 42);
        std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
        return;
    }
    let mb: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(200);
    let path = data_file(mb);
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let size_mb = bytes as f64 / 1e6;
    println!("file: {} ({size_mb:.1} MB)", path.display());
    let tread = env!("CARGO_BIN_EXE_tread");
    // `tread grep` next to `grep -c` for the same word: a rare one (a few
    // titles) and one of nearly every comment.
    let grep_args = |word: &str| vec!["grep".to_owned(), word.to_owned()];
    let grep_c = |word: &str| vec!["-c".to_owned(), word.to_owned()];
    for (name, program, args) in [
        ("wc -l", "wc", vec!["-l".to_owned()]),
        ("tread check", tread, vec!["check".to_owned()]),
        ("grep -c 'post 777'", "grep", grep_c("post 777")),
        ("tread grep 'post 777'", tread, grep_args("post 777")),
        ("grep -c Napo", "grep", grep_c("Napo")),
        ("tread grep Napo", tread, grep_args("Napo")),
    ] {
        let (wall, rss_kb) = measure(program, &args, &path, 5);
        println!(
            "{name:22} median {:7.1} ms  {:7.0} MB/s  peak RSS {:6.1} MB ({:.2}x the file)",
            wall.as_secs_f64() * 1e3,
            size_mb / wall.as_secs_f64(),
            rss_kb as f64 / 1e3,
            rss_kb as f64 * 1e3 / bytes.max(1) as f64,
        );
    }
}

fn data_file(mb: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!("bench-dump-{mb}mb.txt"));
    if !path.exists() {
        // Generated in a child process, so this one stays small and the
        // children's peak memory is their own.
        let started = Instant::now();
        let _ = std::fs::create_dir_all(dir);
        let me = std::env::current_exe().expect("own path");
        let status = Command::new(me)
            .arg("--generate")
            .arg(&path)
            .arg(mb.to_string())
            .status();
        assert!(
            status.is_ok_and(|s| s.success()),
            "generating {} failed",
            path.display()
        );
        println!(
            "generated {} in {:.1} s",
            path.display(),
            started.elapsed().as_secs_f64()
        );
    }
    path
}
