//! Tests of `store`.

use super::*;

/// A folder for one test (gone when dropped) and a state file's path in it.
fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("state.json");
    (dir, path)
}

/// What a test compares: the state without its merge stamps.
fn plain(p: Option<&PostState>) -> Option<PostState> {
    p.map(|p| PostState {
        moved_at: 0,
        folds_at: 0,
        cleared_at: 0,
        ..p.clone()
    })
}

fn state(seen: &[u64]) -> PostState {
    PostState {
        focus: Some(7),
        seen: seen.iter().copied().collect(),
        ..PostState::default()
    }
}

#[test]
fn state_round_trips_through_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sub/state.json");
    let (mut store, problem) = Store::open(path.clone());
    assert_eq!(problem, None);
    store.put("a".into(), state(&[1, 2]));
    assert!(store.dirty());
    store.save().expect("save");
    assert!(!store.dirty());
    let (store, problem) = Store::open(path);
    assert_eq!(problem, None);
    assert_eq!(plain(store.get("a")), Some(state(&[1, 2])));
}

#[test]
fn a_crash_between_temp_write_and_rename_keeps_the_old_state() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("state.json");
    let (mut store, _) = Store::open(path.clone());
    store.put("a".into(), state(&[1]));
    store.save().expect("save");
    // The crash: a new state half written to the temp file, never renamed.
    std::fs::write(temp_path(&path), b"{\"version\":1,\"posts\":{\"a\":{\"se").expect("write");
    let (mut store, problem) = Store::open(path.clone());
    assert_eq!(problem, None);
    assert_eq!(plain(store.get("a")), Some(state(&[1])));
    // The next save goes through and leaves no temp file behind.
    store.put("a".into(), state(&[1, 2]));
    store.save().expect("save");
    assert!(!temp_path(&path).exists());
    assert_eq!(plain(Store::open(path).0.get("a")), Some(state(&[1, 2])));
}

#[test]
fn a_corrupt_state_file_is_set_aside_once_and_reading_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("state.json");
    std::fs::write(&path, b"{not json").expect("write");
    let (mut store, problem) = Store::open(path.clone());
    let problem = problem.expect("reported");
    assert!(
        problem.contains("corrupt") && problem.contains("set aside"),
        "{problem}"
    );
    assert!(!path.exists());
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read(aside[0].path()).expect("read"), b"{not json");
    // Reported once: the next start finds a fresh file.
    store.put("a".into(), state(&[3]));
    store.save().expect("save");
    assert_eq!(Store::open(path).1, None);
}

#[test]
fn the_last_post_read_is_kept_per_set_of_paths() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("state.json");
    let (mut store, _) = Store::open(path.clone());
    let here = session_key(&[dir.path().to_path_buf()]);
    let there = session_key(&[dir.path().join("x"), dir.path().to_path_buf()]);
    assert_ne!(here, there);
    store.set_place(&here, "post-a");
    assert!(store.dirty());
    store.save().expect("save");
    let (store, _) = Store::open(path);
    assert_eq!(store.place(&here), Some("post-a"));
    assert_eq!(store.place(&there), None);
}

#[test]
fn saves_merge_with_what_another_reader_wrote() {
    let (_dir, path) = scratch();
    let (mut one, mut two) = (Store::open(path.clone()).0, Store::open(path.clone()).0);
    one.put("a".into(), state(&[1]));
    one.save().expect("save");
    two.put("b".into(), state(&[2]));
    two.save().expect("save");
    let (both, _) = Store::open(path);
    assert_eq!(plain(both.get("a")), Some(state(&[1])));
    assert_eq!(plain(both.get("b")), Some(state(&[2])));
}

#[test]
fn two_readers_of_one_post_keep_both_their_reading() {
    let (_dir, path) = scratch();
    let (mut one, mut two) = (Store::open(path.clone()).0, Store::open(path.clone()).0);
    let at = |focus: u64, seen: &[u64], folded: &[u64]| PostState {
        focus: Some(focus),
        seen: seen.iter().copied().collect(),
        folded: folded.iter().copied().collect(),
        ..PostState::default()
    };
    one.put("p".into(), at(1, &[1, 2], &[9]));
    two.put("p".into(), at(5, &[3, 5], &[]));
    // Two moved last, one quits last.
    two.save_at(2_000).expect("save");
    one.save_at(1_000).expect("save");
    let (both, _) = Store::open(path.clone());
    let p = both.get("p").expect("kept");
    assert_eq!(p.seen, [1, 2, 3, 5].into_iter().collect());
    assert_eq!(p.focus, Some(5), "the later move wins");
    assert_eq!(
        p.folded,
        [9].into_iter().collect(),
        "only one changed folds"
    );
    // One reader that only reads on keeps the other's focus.
    let mut seen_more = p.clone();
    seen_more.seen.insert(7);
    let (mut three, _) = Store::open(path.clone());
    three.put("p".into(), seen_more);
    three.save_at(3_000).expect("save");
    assert_eq!(
        Store::open(path.clone()).0.get("p").map(|p| p.focus),
        Some(Some(5))
    );
    // Marked unread after: what was seen before is forgotten.
    let (mut four, _) = Store::open(path.clone());
    let mut unread = four.get("p").cloned().expect("kept");
    unread.seen.clear();
    four.put("p".into(), unread);
    four.save_at(4_000).expect("save");
    let seen = Store::open(path).0.get("p").map(|p| p.seen.len());
    assert_eq!(seen, Some(0));
}

#[test]
fn readers_saving_at_the_same_moment_lose_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("state.json");
    let start = std::sync::Arc::new(std::sync::Barrier::new(4));
    let readers: Vec<_> = (0..4u64)
        .map(|r| {
            let (path, start) = (path.clone(), start.clone());
            std::thread::spawn(move || {
                let (mut store, _) = Store::open(path);
                start.wait();
                for i in 0..25u64 {
                    store.put(format!("post-{r}-{i}"), state(&[i]));
                    let mut shared = store.get("shared").cloned().unwrap_or_default();
                    shared.seen.insert(r * 100 + i);
                    store.put("shared".into(), shared);
                    store.save().expect("save");
                }
            })
        })
        .collect();
    for r in readers {
        r.join().expect("reader");
    }
    let (store, problem) = Store::open(path);
    assert_eq!(problem, None);
    for r in 0..4 {
        for i in 0..25 {
            assert!(
                store.get(&format!("post-{r}-{i}")).is_some(),
                "post-{r}-{i}"
            );
        }
    }
    assert_eq!(store.get("shared").map(|s| s.seen.len()), Some(100));
}

#[test]
fn a_save_that_cannot_be_written_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sub/state.json");
    let (mut store, _) = Store::open(path);
    // The data folder goes away, and a file is where it was.
    std::fs::write(dir.path().join("sub"), "").expect("write");
    store.put("a".into(), state(&[1]));
    let err = store.save().expect_err("fails");
    assert!(err.starts_with("cannot save read state to "), "{err}");
    assert!(
        temp_path(Path::new("s"))
            .to_string_lossy()
            .ends_with(&std::process::id().to_string())
    );
}

#[test]
fn keys_are_stable_and_ignore_added_comments() {
    // Pinned: a changed hash would forget every reader's state.
    // XXH64 of "a\xffb\xff", seed 0, as the reference implementation gives it.
    assert_eq!(digest(&["a", "b"]), 0x6088_91b6_a4fd_3588);
    assert_ne!(digest(&["ab", ""]), digest(&["a", "b"]));
    let seed = crate::dump::samples::SEEDS[0].1;
    let doc = crate::dump::grammar::parse("a.txt", seed.to_owned());
    let more = format!("{seed}\n  22. A comment added later.\n    ReplyDelete\n");
    let grown = crate::dump::grammar::parse("copy.txt", more);
    assert_eq!(
        post_key(&doc, &doc.posts[0]),
        post_key(&grown, &grown.posts[0])
    );
    let keys = |d: &Document| -> BTreeSet<u64> {
        fn walk(d: &Document, cs: &[Comment], o: &mut Occurrences, out: &mut BTreeSet<u64>) {
            for c in cs {
                out.insert(o.key(comment_key(d, c, &c.text(d))));
                walk(d, &c.replies, o, out);
            }
        }
        let mut out = BTreeSet::new();
        walk(
            d,
            &d.posts[0].comments,
            &mut Occurrences::default(),
            &mut out,
        );
        out
    };
    let seen = keys(&doc);
    assert_eq!(unseen(&doc, &doc.posts[0], &seen), 0);
    assert_eq!(unseen(&grown, &grown.posts[0], &seen), 1);
}

#[test]
fn a_comment_with_a_blogger_id_is_known_by_it_whatever_its_text() {
    let dump = |text: &str| {
        format!(
            "Title\n\nBody\n\n1 comments:\n\n  1. Ann 9 January 2024 at 10:01\n    {text}\n    ReplyDelete <https://www.blogger.com/comment/delete/1/77>\n"
        )
    };
    let key = |text: &str| {
        let doc = crate::dump::grammar::parse("x.txt", dump(text));
        let c = &doc.posts[0].comments[0];
        comment_key(&doc, c, &c.text(&doc))
    };
    // An edited comment (a typo fixed) is still the comment read before.
    assert_eq!(key("Helo there."), key("Hello there."));
    let plain = crate::dump::grammar::parse(
        "y.txt",
        "Title\n\nBody\n\n1 comments:\n\n  1. Hello there.\n    ReplyDelete\n".into(),
    );
    let c = &plain.posts[0].comments[0];
    assert_ne!(comment_key(&plain, c, &c.text(&plain)), key("Hello there."));
}
