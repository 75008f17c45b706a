//! Carrying out what the reader asks of the world outside it: saving a
//! thread to a file, copying to the clipboard through OSC 52 (which works
//! over ssh and inside tmux), opening a link. Each gives the line the status
//! bar shows.

use std::{
    io::Write,
    path::{Path, PathBuf},
};

use base64::Engine;

use crate::{
    dump::sanitize::{self, visible},
    reader::app::Effect,
    reader::links,
    settings::config::Settings,
};

pub fn run(effect: Effect, settings: &Settings, terminal: &mut impl Write) -> String {
    match effect {
        Effect::Save { name, text } => {
            let Some(dir) = save_dir(settings) else {
                return "no folder to save in: set save_dir in the config".into();
            };
            match save(&dir, &name, &text) {
                Ok(path) => format!("saved to {}", sanitize::path(&path)),
                Err(e) => format!("cannot save in {}: {e}", sanitize::path(&dir)),
            }
        }
        Effect::Copy { what, text } => match copy(&text, terminal) {
            Ok(()) => format!("copied {what} ({} characters)", text.chars().count()),
            Err(e) => format!("cannot copy: {e}"),
        },
        Effect::Open(url) => match links::open(settings.opener.as_deref(), &url) {
            Ok(()) => format!("opening {}", visible(&url)),
            Err(e) => e,
        },
    }
}

/// The config's folder, else downloads, else documents, else tread's own
/// folder in the data folder (`.../tread/saves`): never the current folder,
/// where the next `tread .` would read the saves as dumps.
pub fn save_dir(settings: &Settings) -> Option<PathBuf> {
    settings
        .save_dir
        .clone()
        .or_else(|| {
            directories::UserDirs::new().and_then(|u| {
                u.download_dir()
                    .or_else(|| u.document_dir())
                    .map(Path::to_path_buf)
            })
        })
        .or_else(|| {
            directories::ProjectDirs::from("", "", "tread").map(|d| d.data_dir().join("saves"))
        })
}

/// Writes `text` to `name.txt` in `dir`, or `name-2.txt`, ...: never over
/// a file that is there.
pub fn save(dir: &Path, name: &str, text: &str) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    for n in 1.. {
        let path = if n == 1 {
            dir.join(format!("{name}.txt"))
        } else {
            dir.join(format!("{name}-{n}.txt"))
        };
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(text.as_bytes())?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    unreachable!("an unbounded range always yields")
}

/// The OSC 52 sequence that puts `text` on the system clipboard; inside
/// tmux it is also sent through tmux's passthrough, for a tmux that does
/// not forward it itself.
pub fn osc52(text: &str, in_tmux: bool) -> String {
    let payload = base64::engine::general_purpose::STANDARD.encode(text);
    let plain = format!("\x1b]52;c;{payload}\x07");
    if in_tmux {
        format!("{plain}\x1bPtmux;\x1b\x1b]52;c;{payload}\x07\x1b\\")
    } else {
        plain
    }
}

fn copy(text: &str, terminal: &mut impl Write) -> std::io::Result<()> {
    let in_tmux = std::env::var_os("TMUX").is_some();
    terminal.write_all(osc52(text, in_tmux).as_bytes())?;
    terminal.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_never_overwrites_a_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sub = dir.path().join("new/folder");
        let a = save(&sub, "thread", "one").expect("save");
        let b = save(&sub, "thread", "two").expect("save");
        assert_eq!(a, sub.join("thread.txt"));
        assert_eq!(b, sub.join("thread-2.txt"));
        assert_eq!(std::fs::read_to_string(a).expect("read"), "one");
        assert_eq!(std::fs::read_to_string(b).expect("read"), "two");
    }

    #[test]
    fn the_save_effect_names_the_file_in_its_notice() {
        let dir = tempfile::tempdir().expect("tempdir");
        let settings = Settings {
            save_dir: Some(dir.path().to_path_buf()),
            ..Settings::default()
        };
        let notice = run(
            Effect::Save {
                name: "x".into(),
                text: "hello".into(),
            },
            &settings,
            &mut Vec::new(),
        );
        assert_eq!(
            notice,
            format!("saved to {}", dir.path().join("x.txt").display())
        );
    }

    #[test]
    fn osc52_carries_the_text_base64_encoded() {
        assert_eq!(osc52("héllo\n", false), "\x1b]52;c;aMOpbGxvCg==\x07");
        let wrapped = osc52("hi", true);
        assert!(wrapped.starts_with("\x1b]52;c;aGk=\x07\x1bPtmux;\x1b\x1b]52;c;aGk=\x07"));
        assert!(wrapped.ends_with("\x1b\\"));
        let mut out = Vec::new();
        let notice = run(
            Effect::Copy {
                what: "text of #3".into(),
                text: "hi".into(),
            },
            &Settings::default(),
            &mut out,
        );
        assert_eq!(notice, "copied text of #3 (2 characters)");
        assert!(
            String::from_utf8(out)
                .expect("utf8")
                .starts_with("\x1b]52;c;aGk=\x07")
        );
    }
}
