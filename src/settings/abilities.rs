//! What the terminal can draw: how many colours, and whether more than
//! ASCII. Told by the environment, as less and mutt read it, unless the
//! config file says otherwise (`[theme] colors`, `[reader] ascii`):
//! - colours: none when `NO_COLOR` is set; all 256 (and RGB) when
//!   `COLORTERM` is `truecolor` or `24bit`, or `TERM` names a 256-colour or
//!   direct-colour terminal (`*-256color`, `*-direct`, `xterm-kitty`,
//!   `alacritty`, `wezterm`, `foot`, `xterm-ghostty`); otherwise the 16
//!   basic ones (`TERM=linux`, `xterm`, `vt220`, `screen`, ...);
//! - characters: UTF-8 when the locale (the first of `LC_ALL`, `LC_CTYPE`,
//!   `LANG` that is set) names UTF-8; otherwise ASCII only (`LANG=C`, no
//!   locale at all, `en_US.ISO-8859-1`).

/// The colours the reader may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Colours {
    /// 256 colours and RGB.
    #[default]
    Full,
    /// The 8 basic colours and their bright forms, as `ESC[3Xm`, no italics.
    Basic,
    /// None: reverse, bold and underline only.
    None,
}

/// What the terminal can draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Abilities {
    pub colours: Colours,
    /// Only ASCII characters: box drawing, marks and text outside ASCII
    /// drawn in ASCII forms.
    pub ascii: bool,
}

impl Abilities {
    /// What the environment variables (looked up by `var`) tell.
    pub fn detect(var: impl Fn(&str) -> Option<String>) -> Abilities {
        let set = |name: &str| var(name).filter(|v| !v.is_empty());
        let colours = if set("NO_COLOR").is_some() {
            Colours::None
        } else if set("COLORTERM").is_some_and(|c| c == "truecolor" || c == "24bit")
            || set("TERM").is_some_and(|t| rich(&t))
        {
            Colours::Full
        } else {
            Colours::Basic
        };
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
            .into_iter()
            .find_map(set)
            .unwrap_or_default()
            .to_ascii_lowercase();
        Abilities {
            colours,
            ascii: !(locale.contains("utf-8") || locale.contains("utf8")),
        }
    }

    /// What this process's environment tells.
    pub fn from_env() -> Abilities {
        Abilities::detect(|name| std::env::var(name).ok())
    }
}

/// A `TERM` that names a terminal of 256 colours or more.
fn rich(term: &str) -> bool {
    term.contains("256color")
        || term.ends_with("-direct")
        || matches!(
            term,
            "xterm-kitty" | "alacritty" | "wezterm" | "foot" | "xterm-ghostty" | "contour"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(vars: &[(&str, &str)]) -> Abilities {
        Abilities::detect(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn colours_follow_term_and_colorterm() {
        let utf8 = ("LANG", "en_GB.UTF-8");
        for (term, colours) in [
            ("xterm-256color", Colours::Full),
            ("tmux-256color", Colours::Full),
            ("xterm-kitty", Colours::Full),
            ("xterm", Colours::Basic),
            ("linux", Colours::Basic),
            ("vt220", Colours::Basic),
            ("screen", Colours::Basic),
        ] {
            assert_eq!(detect(&[("TERM", term), utf8]).colours, colours, "{term}");
        }
        let truecolor = detect(&[("TERM", "xterm"), ("COLORTERM", "truecolor"), utf8]);
        assert_eq!(truecolor.colours, Colours::Full);
        let no_color = detect(&[("TERM", "xterm-256color"), ("NO_COLOR", "1"), utf8]);
        assert_eq!(no_color.colours, Colours::None);
        // An empty NO_COLOR is no NO_COLOR.
        let empty = detect(&[("TERM", "xterm-256color"), ("NO_COLOR", ""), utf8]);
        assert_eq!(empty.colours, Colours::Full);
    }

    #[test]
    fn characters_follow_the_locale() {
        let term = ("TERM", "xterm-256color");
        assert!(!detect(&[term, ("LANG", "en_GB.UTF-8")]).ascii);
        assert!(!detect(&[term, ("LANG", "C.utf8")]).ascii);
        assert!(detect(&[term, ("LANG", "C")]).ascii);
        assert!(detect(&[term]).ascii, "no locale is the C locale");
        assert!(detect(&[term, ("LANG", "en_US.ISO-8859-1")]).ascii);
        // LC_ALL goes before LC_CTYPE, and that before LANG.
        assert!(detect(&[term, ("LC_ALL", "C"), ("LANG", "en_GB.UTF-8")]).ascii);
        assert!(!detect(&[term, ("LC_CTYPE", "de_DE.UTF-8"), ("LANG", "C")]).ascii);
    }
}
