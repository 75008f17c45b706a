//! The reader's speed: frame time and find on a 10,000-comment thread, and
//! the time to a first screen on a large dump next to `less`.
//!
//! cargo bench --bench reader            # 10,000 comments; first screen on 200 MB
//! cargo bench --bench reader -- 500     # first screen on a 500 MB dump
//!
//! Frames are drawn to ratatui's TestBackend at 160x48. The first screen is
//! timed in tmux for both programs the same way: start the program in a
//! 160x48 session, poll `capture-pane` until its first screen shows.

mod common;

use common::time_to_screen;
use std::{
    path::{Path, PathBuf},
    process::Command,
    time::{Duration, Instant},
};

use ratatui::{Terminal, backend::TestBackend};
use tread::{
    dump::generate,
    dump::thread::Document,
    reader::find,
    reader::view::view,
    reader::{app::App, update::update},
    settings::actions::Action,
};

fn main() {
    let mb: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(200);
    frames_and_find();
    corpus_find(mb);
    first_screen(mb);
}

/// Find in every post (`\\`) on a large dump indexed by the reader (each
/// post's bytes read back and searched, only those that match parsed): the
/// time for each keystroke of a query, a rare word's and a common one's.
fn corpus_find(mb: usize) {
    let path = data_file(mb);
    let mut app = App::with_paths(std::slice::from_ref(&path), 160, 48);
    for query in ["post 777", "Napo"] {
        update(&mut app, Action::CorpusFind);
        // The query before, gone (Ctrl-U).
        update(
            &mut app,
            Action::Edit(tread::settings::actions::Edit::DeleteToStart),
        );
        let mut keys = Vec::new();
        for c in query.chars() {
            let started = Instant::now();
            update(&mut app, Action::FindInput(c));
            keys.push(started.elapsed());
        }
        // The rest of the search, a step at a time between keys.
        let started = Instant::now();
        let mut steps = 0;
        while app.search_step() {
            steps += 1;
        }
        let all = keys.last().copied().unwrap_or_default() + started.elapsed();
        let lines = app.corpus.hits.len();
        let slowest = keys.iter().max().copied().unwrap_or_default();
        println!(
            "find everywhere {query:>9} on {mb} MB: {lines} lines; a key {:.1} ms at most (first results), all {:.1} ms ({steps} more steps)",
            ms(slowest),
            ms(all)
        );
        update(&mut app, Action::FindCancel);
    }
}

fn big_thread(comments: usize) -> Document {
    let mut rng = generate::Rng::new(11);
    let thread = generate::thread(&mut rng, comments, 1);
    let mut text = String::new();
    generate::write_clean(&thread, &mut text);
    tread::dump::grammar::parse("big-thread.txt", text)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn frames_and_find() {
    let doc = big_thread(10_000);
    let count = doc.posts[0].count();
    println!(
        "thread: {count} comments, {:.1} MB",
        doc.text.len() as f64 / 1e6
    );
    let started = Instant::now();
    let mut app = App::with_docs(vec![doc], 160, 48);
    println!(
        "open the post (outline of every comment): {:.1} ms",
        ms(started.elapsed())
    );
    update(&mut app, Action::SwitchPane);
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");

    // Frames at positions all through the thread: page down, then jump.
    let mut draws = Vec::new();
    let mut keys = Vec::new();
    let moves = [
        Action::PageDown,
        Action::NextTop,
        Action::Next,
        Action::HalfDown,
        Action::Enter,
    ];
    for step in 0..2_000 {
        let action = if step == 1_000 {
            Action::Bottom
        } else {
            moves[step % moves.len()].clone()
        };
        let t = Instant::now();
        update(&mut app, action);
        keys.push(t.elapsed());
        let t = Instant::now();
        terminal.draw(|f| view(&app, f)).expect("draw");
        draws.push(t.elapsed());
    }
    report("render a frame (view, 160x48)", &mut draws);
    report("handle a key (update + layout)", &mut keys);

    let Some(t) = &app.thread else { return };
    for query in ["probation", "Staff", "café", "£194", "zzz"] {
        let mut runs = Vec::new();
        let mut found = 0;
        for _ in 0..20 {
            let started = Instant::now();
            let re = find::compile(query, false).expect("query");
            found = find::find_all(&re, &t.outline.items, t.outline.date.as_deref()).len();
            runs.push(started.elapsed());
        }
        runs.sort();
        println!(
            "find {query:>10}: {found:6} matches, median {:6.2} ms",
            ms(runs[runs.len() / 2])
        );
    }
    let mut runs = Vec::new();
    for _ in 0..5 {
        update(&mut app, Action::FindCancel);
        let started = Instant::now();
        update(&mut app, Action::FindStart);
        for c in "probation".chars() {
            update(&mut app, Action::FindInput(c));
        }
        runs.push(started.elapsed() / 9);
    }
    report("one keystroke of incremental find", &mut runs);
}

fn report(what: &str, runs: &mut [Duration]) {
    runs.sort();
    let n = runs.len();
    println!(
        "{what}: median {:.3} ms, p99 {:.3} ms, max {:.3} ms ({n} runs)",
        ms(runs[n / 2]),
        ms(runs[n * 99 / 100]),
        ms(runs[n - 1])
    );
}

fn data_file(mb: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!("bench-dump-{mb}mb.txt"));
    if !path.exists() {
        let _ = std::fs::create_dir_all(dir);
        let text = generate::big_dump(mb * 1_000_000, 42);
        std::fs::write(&path, text)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
    path
}

fn first_screen(mb: usize) {
    if Command::new("tmux").arg("-V").output().is_err() {
        println!("first screen: tmux not found, skipped");
        return;
    }
    let path = data_file(mb);
    let file = path.display().to_string();
    let tread = env!("CARGO_BIN_EXE_tread");
    // What each program's first screen shows once it is drawn.
    let less = (format!("less {file}"), "Generated post 1");
    let ours = (format!("{tread} {file}"), "post 1/");
    for (name, (cmd, shows)) in [("less", &less), ("tread", &ours)] {
        let mut runs: Vec<Duration> = (0..7).filter_map(|_| time_to_screen(cmd, shows)).collect();
        if runs.is_empty() {
            println!("first screen, {name}: never appeared");
            continue;
        }
        runs.sort();
        println!(
            "first screen, {name:5} on {mb} MB: median {:6.1} ms (min {:.1}, max {:.1}, {} runs)",
            ms(runs[runs.len() / 2]),
            ms(runs[0]),
            ms(runs[runs.len() - 1]),
            runs.len()
        );
    }
}
