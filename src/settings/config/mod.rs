//! The config file: keys, colours and reading settings, from
//! `tread/config.toml` in the platform's config folder (or `--config PATH`).
//! No file means defaults; a bad file is one clear error naming the file,
//! line and key, and the defaults hold.

use std::{
    collections::BTreeMap,
    fmt,
    path::{Path, PathBuf},
    str::FromStr,
};

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use toml::Spanned;

use crate::settings::{
    abilities::{Abilities, Colours},
    keys::{self, BINDINGS, Keymap},
};

/// Everything the config file can change.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub keys: Keymap,
    pub theme: Theme,
    /// Comment text is wrapped at most this wide (None: the pane's width).
    pub wrap_width: Option<u16>,
    /// The post list's width (None: a third of the terminal, 24 to 40).
    pub list_width: Option<u16>,
    /// Threads open with every comment folded.
    pub folded: bool,
    /// A line or paragraph equal to the one before it (a scrape's
    /// duplicate) is drawn each time, not once with a mark (`R` toggles).
    pub show_repeats: bool,
    /// Where `s` and `S` save (None: downloads, else documents, else here).
    pub save_dir: Option<PathBuf>,
    /// The program that opens links (None: the system's opener).
    pub opener: Option<String>,
    /// What the file says of ASCII (`[reader] ascii`; None: detect).
    pub ascii: Option<bool>,
    /// What the file says of colours (`[theme] colors`; None: detect).
    pub colours: Option<Colours>,
    /// What the reader draws with: the file's word over what was detected.
    pub abilities: Abilities,
}

/// The styles the reader draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub heading: Style,
    pub dim: Style,
    pub matched: Style,
    pub current: Style,
    pub focus: Style,
    pub warning: Style,
    pub new: Style,
    pub link: Style,
}

/// The colours a theme is made from, by their names in the file.
#[derive(Debug, Clone, Copy)]
struct Colors {
    heading: Color,
    dim: Color,
    matched: Color,
    current: Color,
    warning: Color,
    new: Color,
    link: Color,
}

const DEFAULT_COLORS: Colors = Colors {
    heading: Color::Cyan,
    dim: Color::DarkGray,
    matched: Color::Yellow,
    current: Color::LightRed,
    warning: Color::Yellow,
    new: Color::Green,
    link: Color::Blue,
};

impl Theme {
    fn from_colors(c: Colors) -> Theme {
        Theme {
            heading: Style::new().fg(c.heading).add_modifier(Modifier::BOLD),
            dim: Style::new().fg(c.dim),
            matched: Style::new().bg(c.matched).fg(Color::Black),
            current: Style::new()
                .bg(c.current)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            focus: Style::new().add_modifier(Modifier::REVERSED),
            warning: Style::new().fg(c.warning),
            new: Style::new().fg(c.new).add_modifier(Modifier::BOLD),
            link: Style::new().fg(c.link).add_modifier(Modifier::UNDERLINED),
        }
    }

    /// No colour at all (`NO_COLOR`): focus, matches and links still show,
    /// by reverse video, bold and underline.
    pub fn plain() -> Theme {
        Theme {
            heading: Style::new().add_modifier(Modifier::BOLD),
            dim: Style::new().add_modifier(Modifier::DIM),
            matched: Style::new().add_modifier(Modifier::REVERSED),
            current: Style::new()
                .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
            focus: Style::new().add_modifier(Modifier::REVERSED),
            warning: Style::new().add_modifier(Modifier::BOLD),
            new: Style::new().add_modifier(Modifier::BOLD),
            link: Style::new().add_modifier(Modifier::UNDERLINED),
        }
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::from_colors(DEFAULT_COLORS)
    }
}

/// A config file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", crate::dump::sanitize::path(&self.path))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        f.write_str(": ")?;
        if let Some(key) = &self.key {
            write!(f, "{key}: ")?;
        }
        match self.line {
            Some(_) => write!(f, "{}; that line is skipped", self.message),
            None => write!(f, "{}; using the default settings", self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct File {
    reader: ReaderSection,
    theme: ThemeSection,
    keys: BTreeMap<Spanned<String>, Spanned<Vec<String>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ReaderSection {
    wrap_width: u16,
    list_width: u16,
    folded: bool,
    show_repeats: bool,
    save_dir: String,
    opener: String,
    ascii: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ThemeSection {
    heading: Option<Spanned<String>>,
    dim: Option<Spanned<String>>,
    #[serde(rename = "match")]
    matched: Option<Spanned<String>>,
    current_match: Option<Spanned<String>>,
    warning: Option<Spanned<String>>,
    new: Option<Spanned<String>>,
    link: Option<Spanned<String>>,
    colors: Option<Spanned<String>>,
}

/// Where the config file lives: `--config`, else the platform's config folder.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "tread").map(|d| d.config_dir().join("config.toml"))
}

impl Settings {
    /// Reads the config at `path` (an explicit `--config`) or the default
    /// place. A missing default file means defaults. A bad entry is skipped
    /// and the rest of the file applies; the problems come back to be shown.
    /// What the terminal can draw is `detected` unless the file says.
    pub fn load(explicit: Option<&Path>, detected: Abilities) -> (Settings, Vec<ConfigError>) {
        let (mut settings, problems) = match explicit.map(Path::to_path_buf).or_else(default_path) {
            None => (Settings::default(), Vec::new()),
            Some(path) => Settings::read(&path, explicit.is_none()),
        };
        settings.abilities = Abilities {
            colours: settings.colours.unwrap_or(detected.colours),
            ascii: settings.ascii.unwrap_or(detected.ascii),
        };
        if settings.abilities.colours == Colours::None {
            settings.theme = Theme::plain();
        }
        (settings, problems)
    }

    /// The settings in the file at `path`, with the problems of the entries
    /// skipped; a missing file is the defaults when `missing_ok`.
    fn read(path: &Path, missing_ok: bool) -> (Settings, Vec<ConfigError>) {
        let error = |(line, key, message): Problem| ConfigError {
            path: path.to_path_buf(),
            line,
            key,
            message,
        };
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && missing_ok => {
                return (Settings::default(), Vec::new());
            }
            Err(e) => {
                let problem = (None, None, format!("cannot read it: {e}"));
                return (Settings::default(), vec![error(problem)]);
            }
        };
        let Ok(text) = String::from_utf8(bytes) else {
            let problem = (None, None, "not UTF-8 text".to_owned());
            return (Settings::default(), vec![error(problem)]);
        };
        let (settings, problems) = Settings::parse_lenient(&text);
        (settings, problems.into_iter().map(error).collect())
    }

    /// Parses a config file's text, skipping what is wrong: each problem
    /// points at a line, which is left out and the file read again, until
    /// what is left reads; a problem with no line gives the defaults.
    pub fn parse_lenient(text: &str) -> (Settings, Vec<Problem>) {
        let mut lines: Vec<&str> = text.split('\n').collect();
        let mut problems = Vec::new();
        loop {
            match Settings::parse(&lines.join("\n")) {
                Ok(settings) => return (settings, problems),
                Err(problem) => {
                    let line = problem.0;
                    problems.push(problem);
                    match line {
                        Some(l) if l >= 1 && l <= lines.len() && problems.len() < 50 => {
                            lines[l - 1] = "";
                        }
                        _ => return (Settings::default(), problems),
                    }
                }
            }
        }
    }

    /// Parses a config file's text: the settings, or (line, key, message).
    pub fn parse(text: &str) -> Result<Settings, Problem> {
        let file: File = toml::from_str(text).map_err(|e| {
            let at = e.span().map(|s| s.start);
            (
                at.map(|o| line_of(text, o)),
                at.and_then(|o| key_at(text, o)),
                e.message().trim().to_owned(),
            )
        })?;
        let fail = |span: std::ops::Range<usize>, key: String, message: String| {
            (Some(line_of(text, span.start)), Some(key), message)
        };
        let mut settings = Settings {
            wrap_width: Some(file.reader.wrap_width).filter(|&w| w > 0),
            list_width: Some(file.reader.list_width).filter(|&w| w > 0),
            folded: file.reader.folded,
            show_repeats: file.reader.show_repeats,
            save_dir: Some(file.reader.save_dir)
                .filter(|d| !d.is_empty())
                .map(|d| home_relative(&d)),
            opener: Some(file.reader.opener).filter(|o| !o.trim().is_empty()),
            ascii: file.reader.ascii,
            ..Settings::default()
        };
        if let Some(c) = &file.theme.colors {
            settings.colours = Some(match c.get_ref().as_str() {
                "256" => Colours::Full,
                "16" | "8" => Colours::Basic,
                "none" => Colours::None,
                other => {
                    return Err(fail(
                        c.span(),
                        "theme.colors".into(),
                        format!("`{other}` is not \"256\", \"16\" or \"none\""),
                    ));
                }
            });
        }
        settings.theme = theme(&file.theme, &fail)?;
        settings.keys = keymap(&file.keys, &fail)?;
        Ok(settings)
    }
}

/// A line, key and message: where a config file is wrong, and how.
type Problem = (Option<usize>, Option<String>, String);

/// Makes a problem from a span of the file, a key and a message.
type Fail<'a> = dyn Fn(std::ops::Range<usize>, String, String) -> Problem + 'a;

/// The `[theme]` section's colours over the defaults.
fn theme(t: &ThemeSection, fail: &Fail) -> Result<Theme, Problem> {
    let mut colors = DEFAULT_COLORS;
    for (name, value, slot) in [
        ("heading", &t.heading, &mut colors.heading),
        ("dim", &t.dim, &mut colors.dim),
        ("match", &t.matched, &mut colors.matched),
        ("current_match", &t.current_match, &mut colors.current),
        ("warning", &t.warning, &mut colors.warning),
        ("new", &t.new, &mut colors.new),
        ("link", &t.link, &mut colors.link),
    ] {
        if let Some(v) = value {
            *slot = Color::from_str(v.get_ref()).map_err(|_| {
                fail(
                    v.span(),
                    format!("theme.{name}"),
                    format!(
                        "`{}` is not a colour (a name such as cyan or darkgray, 0-255, or #rrggbb)",
                        v.get_ref()
                    ),
                )
            })?;
        }
    }
    Ok(Theme::from_colors(colors))
}

/// The `[keys]` section over the default table: refused when it clashes,
/// unbinds quit or takes Ctrl-C.
fn keymap(
    file_keys: &BTreeMap<Spanned<String>, Spanned<Vec<String>>>,
    fail: &Fail,
) -> Result<Keymap, Problem> {
    let mut map = Keymap::default();
    for (name, keys) in file_keys {
        let key = format!("keys.{}", name.get_ref());
        let parsed = keys
            .get_ref()
            .iter()
            .map(|k| keys::parse_key(k))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|m| fail(keys.span(), key.clone(), m))?;
        // The reader can always be left: quit keeps a key, and Ctrl-C
        // means quit whatever else is bound.
        if name.get_ref() == "quit" && parsed.is_empty() {
            return Err(fail(
                keys.span(),
                key,
                "quit needs a key: without one the reader could not be left".into(),
            ));
        }
        if name.get_ref() != "quit" && parsed.contains(&keys::CTRL_C) {
            return Err(fail(
                keys.span(),
                key,
                "Ctrl-C always quits; bind another key".into(),
            ));
        }
        map.rebind(name.get_ref(), parsed)
            .map_err(|m| fail(name.span(), key.clone(), m))?;
    }
    if let Some((k, a, b)) = map.conflict() {
        // Point at whichever of the two the file rebound.
        let (span, name) = [b, a]
            .iter()
            .find_map(|n| file_keys.get_key_value(*n).map(|(s, _)| (s.span(), *n)))
            .unwrap_or((0..0, b));
        return Err(fail(
            span,
            format!("keys.{name}"),
            format!("`{}` is bound to both `{a}` and `{b}`", keys::describe(&k)),
        ));
    }
    Ok(map)
}

/// `~/x` as the home folder's `x`; any other path as it is.
fn home_relative(path: &str) -> PathBuf {
    match (
        path.strip_prefix("~/"),
        directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()),
    ) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..offset]).count()
}

/// `section.key` for the line holding `offset`, as the file writes it.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or("");
    let key = line
        .split_once('=')
        .map(|(k, _)| k.trim().trim_matches('"'));
    let section = text[..start + line.len()]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|l| l.trim_matches(['[', ']']).trim());
    match (section, key) {
        (_, Some("")) | (_, None) => section.map(str::to_owned),
        (Some(s), Some(k)) => Some(format!("{s}.{k}")),
        (None, Some(k)) => Some(k.to_owned()),
    }
}

/// A commented config file holding every default.
pub fn default_file() -> String {
    let mut out = String::from(
        "# tread configuration. Every setting is optional: leave one out and its\n\
         # default holds. `tread config --path` tells where this file is read from.\n\
         \n\
         [reader]\n\
         # Wrap comment text at most this many columns wide (0: the pane's width).\n\
         wrap_width = 0\n\
         # Width of the post list in columns (0: a third of the terminal, 24 to 40).\n\
         list_width = 0\n\
         # Open every thread with its comments folded.\n\
         folded = false\n\
         # Draw a line or paragraph equal to the one before it (a scrape's\n\
         # duplicate) each time, instead of once with a (repeated) mark.\n\
         show_repeats = false\n\
         # Folder where s and S save threads; ~/ is your home (empty: your\n\
         # downloads folder, else documents, else tread's data folder).\n\
         save_dir = \"\"\n\
         # Program that opens links; it gets the URL as its one argument, never\n\
         # through a shell (empty: xdg-open, or open on macOS).\n\
         opener = \"\"\n\
         # Draw only ASCII: borders, marks and text outside ASCII in ASCII forms.\n\
         # Left out, tread draws ASCII unless the locale (LC_ALL, LC_CTYPE or\n\
         # LANG) names UTF-8.\n\
         # ascii = true\n\
         \n\
         [theme]\n\
         # The colours to use: \"256\" (and #rrggbb), \"16\" (the basic ones, for\n\
         # the Linux console and plain xterms) or \"none\". Left out: none with\n\
         # NO_COLOR set, 256 when COLORTERM is truecolor or TERM names a\n\
         # 256-colour terminal, else 16.\n\
         # colors = \"16\"\n\
         # A colour is a name (black, red, green, yellow, blue, magenta, cyan, gray,\n\
         # darkgray, lightred, lightgreen, lightyellow, lightblue, lightmagenta,\n\
         # lightcyan, white), a number 0-255 or #rrggbb; with 16 colours each is\n\
         # drawn as the nearest basic one. With no colour tread uses reverse,\n\
         # bold and underline only.\n\
         heading = \"cyan\"\n\
         dim = \"darkgray\"\n\
         match = \"yellow\"\n\
         current_match = \"lightred\"\n\
         warning = \"yellow\"\n\
         new = \"green\"\n\
         link = \"blue\"\n\
         \n\
         [keys]\n\
         # action = [keys]. A key is a character (\"j\", \"J\"), Ctrl-x, Alt-x,\n\
         # F1-F12, or Space, Enter, Tab, Esc, Backspace, Up, Down, Left, Right,\n\
         # PgUp, PgDn, Home, End, Delete, Insert. A key may mean one action per\n\
         # mode: a binding that clashes is refused, naming both actions. quit\n\
         # keeps at least one key, and Ctrl-C always quits.\n",
    );
    for b in BINDINGS {
        let keys: Vec<String> = b
            .keys
            .iter()
            .map(|k| format!("{:?}", keys::describe(k)))
            .collect();
        out.push_str(&format!(
            "{} = [{}]  # {}\n",
            b.name,
            keys.join(", "),
            b.help
        ));
    }
    out
}

#[cfg(test)]
mod tests;
