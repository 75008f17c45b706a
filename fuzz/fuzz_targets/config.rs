//! Any text as a config file: the lenient parse never panics, and what it
//! keeps parses again to the same settings' keys and theme.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tread::settings::config::Settings;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (settings, problems) = Settings::parse_lenient(text);
    // Every problem names a line of the file, or none.
    let lines = text.split('\n').count();
    for (line, _, _) in &problems {
        assert!(
            line.is_none_or(|l| (1..=lines).contains(&l)),
            "{problems:?}"
        );
    }
    // Quit always keeps a key.
    assert!(settings.keys.hint("quit").is_some());
});
