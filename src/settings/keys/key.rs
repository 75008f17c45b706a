//! What a key is: as the table and the config file name it (`j`,
//! `Ctrl-n`, `Alt-b`, `PgDn`), shown in the help and read from the config.

use ratatui::crossterm::event::KeyCode;

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

pub(super) const fn k(c: char) -> Key {
    code(KeyCode::Char(c))
}

pub(super) const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
        alt: false,
    }
}

pub(super) const fn alt(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
        alt: true,
    }
}

pub(super) const fn code(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        alt: false,
    }
}

/// Ctrl-C: it quits in every mode, whatever the config binds.
pub const CTRL_C: Key = ctrl('c');

/// `j`, `Ctrl-N`, `PgDn`: a key as the help overlay shows it.
pub fn describe(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        code => NAMED
            .iter()
            .find(|(_, c)| *c == code)
            .map_or_else(|| format!("{code:?}"), |(n, _)| (*n).to_owned()),
    };
    if key.ctrl {
        format!("Ctrl-{}", name.to_uppercase())
    } else if key.alt {
        format!("Alt-{name}")
    } else {
        name
    }
}

const NAMED: &[(&str, KeyCode)] = &[
    ("Space", KeyCode::Char(' ')),
    ("Down", KeyCode::Down),
    ("Up", KeyCode::Up),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PgDn", KeyCode::PageDown),
    ("PgUp", KeyCode::PageUp),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Enter", KeyCode::Enter),
    ("Tab", KeyCode::Tab),
    ("Esc", KeyCode::Esc),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
];

/// Reads a key as the config file writes it: `j`, `J`, `Ctrl-n`, `Space`,
/// `PgDn`, `F1` (names in any case; a single character as it is).
pub fn parse_key(text: &str) -> Result<Key, String> {
    let prefix = |p: &str| {
        text.get(..p.len())
            .filter(|head| head.eq_ignore_ascii_case(p) && text.len() > p.len())
            .map(|_| &text[p.len()..])
    };
    let (ctrl, alt, rest) = match (prefix("ctrl-"), prefix("alt-")) {
        (Some(rest), _) => (true, false, rest),
        (None, Some(rest)) => (false, true, rest),
        (None, None) => (false, false, text),
    };
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
        _ => {
            if let Some(n) = rest
                .strip_prefix(['F', 'f'])
                .and_then(|n| n.parse::<u8>().ok())
                .filter(|n| (1..=12).contains(n))
            {
                KeyCode::F(n)
            } else {
                NAMED
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(rest))
                    .map(|(_, c)| *c)
                    .ok_or_else(|| {
                        format!(
                            "`{text}` is not a key (write a character, Ctrl-x, Alt-x, F1-F12 or one of {})",
                            NAMED.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                        )
                    })?
            }
        }
    };
    Ok(Key { code, ctrl, alt })
}
