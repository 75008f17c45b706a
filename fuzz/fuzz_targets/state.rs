//! Any bytes as the read-state file: opening never panics (a corrupt file
//! is set aside), and a save merged into whatever is there works and
//! leaves a file that opens cleanly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tread::settings::store::{PostState, Store};

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let path = dir.path().join("state.json");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let (mut store, _) = Store::open(path.clone());
    // Another reader's file, as the merge finds it at save time.
    let _ = std::fs::write(&path, data);
    let state = PostState {
        focus: Some(7),
        seen: [1, 2, 3].into(),
        ..PostState::default()
    };
    store.put("post".into(), state);
    store.set_place("session", "post");
    assert_eq!(store.save_at(1_000), Ok(()));
    let (again, problem) = Store::open(path);
    assert_eq!(problem, None, "a saved file opens cleanly");
    assert!(again.get("post").is_some(), "the post saved is there");
});
