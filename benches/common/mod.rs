//! What the benchmarks share: running a command and measuring its time
//! and memory, and timing a terminal program's screens in tmux.

#![allow(dead_code)]

use std::{
    path::Path,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

/// Runs tmux with `args` (on the benchmarks' own server); its output.
pub fn tmux(args: &[&str]) -> String {
    Command::new("tmux")
        .args(["-L", "tread-bench"])
        .args(args)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

/// Starts `cmd` in a new 160x48 tmux session named `session` (one of that
/// name ended first); when it started.
pub fn start_session(session: &str, cmd: &str) -> Instant {
    let _ = tmux(&["kill-session", "-t", session]);
    let started = Instant::now();
    tmux(&[
        "new-session",
        "-d",
        "-s",
        session,
        "-x",
        "160",
        "-y",
        "48",
        cmd,
    ]);
    started
}

/// How long `cmd`, started in a new 160x48 tmux session, takes to show
/// `shows`.
pub fn time_to_screen(cmd: &str, shows: &str) -> Option<Duration> {
    let session = format!("tread-bench-{}", std::process::id());
    let started = start_session(&session, cmd);
    let mut seen = None;
    while started.elapsed() < Duration::from_secs(20) {
        if tmux(&["capture-pane", "-p", "-t", &session]).contains(shows) {
            seen = Some(started.elapsed());
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let _ = tmux(&["kill-session", "-t", &session]);
    seen
}

/// A process's private memory now (RssAnon, in kB; 0 once it is gone).
pub fn anon_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("RssAnon:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Runs `program args`, output drained; its wall time and its largest
/// private memory (RssAnon, sampled every 10 ms, in kB).
pub fn run_sampled(program: &str, args: &[String]) -> (Duration, u64) {
    let started = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let mut out = child.stdout.take().expect("stdout");
    let drain = std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    let mut peak = 0;
    loop {
        peak = peak.max(anon_kb(child.id()));
        match child.try_wait() {
            Ok(Some(status)) => {
                assert!(status.success(), "{program} {args:?} failed");
                break;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => panic!("{program}: {e}"),
        }
    }
    let _ = drain.join();
    (started.elapsed(), peak)
}

/// Runs `program args path` `runs` times; returns the median wall time and
/// the largest peak resident set of those runs, in kB.
#[expect(
    clippy::zombie_processes,
    reason = "each child is reaped by wait4, which also gives its rusage"
)]
pub fn measure(program: &str, args: &[String], path: &Path, runs: usize) -> (Duration, i64) {
    let mut walls = Vec::new();
    let mut peak = 0;
    for _ in 0..runs {
        let started = Instant::now();
        // Output to a pipe drained here, not /dev/null: GNU grep stops at
        // the first match when it sees its output is /dev/null.
        let mut child = Command::new(program)
            .args(args)
            .arg(path)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
        let mut out = child.stdout.take().expect("stdout");
        let drain = std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        let (status, rss) = wait_with_rss(child.id());
        let _ = drain.join();
        walls.push(started.elapsed());
        assert_eq!(status, 0, "{program} failed");
        peak = peak.max(rss);
    }
    walls.sort();
    (walls[runs / 2], peak)
}

/// Waits for one child; returns its wait status and its own peak RSS in kB.
pub fn wait_with_rss(pid: u32) -> (i32, i64) {
    // SAFETY: wait4 writes only into the two values we pass.
    unsafe {
        let mut status = 0;
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage);
        (status, usage.ru_maxrss)
    }
}
