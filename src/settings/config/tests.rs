//! Tests of `config`.

use super::*;
use crate::settings::actions::{Action, Mode};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn press(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn the_default_file_parses_to_the_defaults() {
    let parsed = Settings::parse(&default_file()).expect("default file parses");
    let defaults = Settings::default();
    assert_eq!(parsed.theme, defaults.theme);
    assert_eq!(parsed.wrap_width, None);
    assert_eq!(parsed.list_width, None);
    assert!(!parsed.folded);
    assert_eq!(parsed.save_dir, None);
    assert_eq!(parsed.opener, None);
    let keys = |s: &Settings| -> Vec<(&str, Vec<String>)> {
        s.keys
            .bindings()
            .iter()
            .map(|b| (b.name, b.keys.iter().map(keys::describe).collect()))
            .collect()
    };
    assert_eq!(keys(&parsed), keys(&defaults));
    assert_eq!(Settings::parse("").map(|s| s.theme), Ok(defaults.theme));
}

#[test]
fn settings_are_read() {
    let s = Settings::parse(
        "[reader]\nwrap_width = 72\nlist_width = 30\nfolded = true\nsave_dir = \"/tmp/x\"\n\
         opener = \"firefox\"\n[theme]\nheading = \"#ff8800\"\n[keys]\nnext = [\"x\", \"Ctrl-j\"]\n",
    )
    .expect("parses");
    assert_eq!(s.wrap_width, Some(72));
    assert_eq!(s.list_width, Some(30));
    assert!(s.folded);
    assert_eq!(s.save_dir, Some(PathBuf::from("/tmp/x")));
    let home = Settings::parse("[reader]\nsave_dir = \"~/threads\"\n").expect("parses");
    if let Some(b) = directories::BaseDirs::new() {
        assert_eq!(home.save_dir, Some(b.home_dir().join("threads")));
    }
    assert_eq!(s.opener.as_deref(), Some("firefox"));
    assert_eq!(s.theme.heading.fg, Some(Color::Rgb(0xff, 0x88, 0)));
    assert_eq!(s.keys.resolve(Mode::Thread, press('x')), Some(Action::Next));
    assert_eq!(s.keys.resolve(Mode::Thread, press('j')), None);
}

#[test]
fn a_conflicting_binding_is_refused_naming_both_actions_and_the_line() {
    let err = Settings::parse("[keys]\n\nfold = [\"h\"]\nnext = [\"n\"]\n").unwrap_err();
    assert_eq!(err.0, Some(4));
    assert_eq!(err.1.as_deref(), Some("keys.next"));
    assert!(
        err.2
            .contains("`n` is bound to both `next` and `find_next`"),
        "{}",
        err.2
    );
}

#[test]
fn the_reader_can_always_be_left() {
    for (text, line, key) in [
        ("[keys]\nback = []\nquit = []\n", 3, "keys.quit"),
        ("[keys]\nnext = [\"Ctrl-c\"]\n", 2, "keys.next"),
    ] {
        let (l, k, m) = Settings::parse(text).unwrap_err();
        assert_eq!((l, k.as_deref()), (Some(line), Some(key)), "{m}");
    }
    // Unbinding back leaves Ctrl-C, which quits in every mode.
    let s = Settings::parse("[keys]\nback = []\nquit = [\"F10\"]\n").expect("parses");
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    for mode in [
        Mode::List,
        Mode::Thread,
        Mode::Prompt,
        Mode::Help,
        Mode::Links,
    ] {
        assert_eq!(s.keys.resolve(mode, ctrl_c), Some(Action::Quit), "{mode:?}");
    }
}

#[test]
fn bad_values_name_their_line_and_key() {
    let cases = [
        ("[reader]\nwrap_width = \"wide\"\n", 2, "reader.wrap_width"),
        ("[reader]\nfolded = true\nwrap = 3\n", 3, "reader.wrap"),
        ("[theme]\nheading = \"cyann\"\n", 2, "theme.heading"),
        ("[keys]\nnext = [\"jk\"]\n", 2, "keys.next"),
        ("[keys]\njump = [\"j\"]\n", 2, "keys.jump"),
        ("[reader\nfolded = true\n", 1, "reader"),
    ];
    for (text, line, key) in cases {
        let (l, k, m) = Settings::parse(text).unwrap_err();
        assert_eq!((l, k.as_deref()), (Some(line), Some(key)), "{text}: {m}");
    }
}

#[test]
fn a_bad_entry_is_reported_and_skipped_and_the_rest_applies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(
        &path,
        "[reader]\nwrap_width = \"wide\"\nfolded = true\n[theme]\nheading = \"cyann\"\n\
         link = \"red\"\n[keys]\nnext = [\"n\"]\nfold = [\"x\"]\n",
    )
    .expect("write");
    let (s, problems) = Settings::load(Some(&path), Abilities::default());
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(shown.len(), 3, "{shown:#?}");
    let name = path.display().to_string();
    assert!(
        shown[0].starts_with(&format!("{name}:2: reader.wrap_width: ")),
        "{shown:#?}"
    );
    assert!(
        shown[1].starts_with(&format!("{name}:5: theme.heading: ")),
        "{shown:#?}"
    );
    assert!(
        shown[2].starts_with(&format!("{name}:8: keys.next: ")),
        "{shown:#?}"
    );
    assert!(shown.iter().all(|s| s.ends_with("that line is skipped")));
    // The rest applies.
    assert!(s.folded);
    assert_eq!(s.wrap_width, None);
    assert_eq!(s.theme.link.fg, Some(Color::Red));
    assert_eq!(s.keys.resolve(Mode::Thread, press('x')), Some(Action::Fold));
    assert_eq!(s.keys.resolve(Mode::Thread, press('j')), Some(Action::Next));
    // A broken line is skipped too; a file that cannot be read gives the
    // defaults and says why.
    let (s, problems) = Settings::parse_lenient("[reader]\nfolded = \nlist_width = 30\n");
    assert_eq!((problems.len(), s.list_width), (1, Some(30)));
    let (_, problems) = Settings::load(Some(&dir.path().join("none.toml")), Abilities::default());
    assert!(problems[0].message.starts_with("cannot read it"));
    assert!(
        problems[0]
            .to_string()
            .ends_with("using the default settings")
    );
}

#[test]
fn no_color_keeps_focus_and_matches_visible_without_colour() {
    let (s, _) = Settings::load(
        Some(Path::new("/nonexistent/tread.toml")),
        Abilities {
            colours: Colours::None,
            ascii: false,
        },
    );
    let t = s.theme;
    for style in [
        t.heading, t.dim, t.matched, t.current, t.focus, t.new, t.link,
    ] {
        assert_eq!(style.fg, None);
        assert_eq!(style.bg, None);
        assert!(!style.add_modifier.is_empty());
    }
    assert_ne!(t.matched, t.current);
}

#[test]
fn the_file_says_what_the_terminal_draws_over_what_was_detected() {
    let detected = Abilities {
        colours: Colours::Full,
        ascii: false,
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[reader]\nascii = true\n[theme]\ncolors = \"16\"\n").expect("write");
    let (s, problems) = Settings::load(Some(&path), detected);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        s.abilities,
        Abilities {
            colours: Colours::Basic,
            ascii: true
        }
    );
    // Left out, what was detected holds; "none" is the plain theme.
    std::fs::write(&path, "[theme]\ncolors = \"none\"\n").expect("write");
    let (s, _) = Settings::load(Some(&path), detected);
    assert_eq!(s.abilities.colours, Colours::None);
    assert!(!s.abilities.ascii);
    assert_eq!(s.theme, Theme::plain());
    let (l, k, m) = Settings::parse("[theme]\n\ncolors = \"lots\"\n").unwrap_err();
    assert_eq!((l, k.as_deref()), (Some(3), Some("theme.colors")), "{m}");
}
