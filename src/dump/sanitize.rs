//! Content never reaches a terminal raw: control characters, line and
//! paragraph separators and bidi controls become visible placeholders. File
//! names get the same treatment, and their line breaks are escaped, so a
//! name can neither drive the terminal nor forge a line of output.

use std::{borrow::Cow, path::Path};

/// Replaces C0 controls (but `\n` and `\t`), DEL, C1 controls, U+2028/U+2029
/// and the bidi embedding, override and isolate controls with visible
/// stand-ins: U+2400 control pictures (`␛` for ESC, `␇` for BEL), `␡` for
/// DEL, `␤` for the line separator, `¶` for the paragraph separator and `�`
/// for C1 and bidi controls. Text without any of them is borrowed unchanged.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !has_placeholder(s.as_bytes()) {
        return Cow::Borrowed(s);
    }
    replace(s, |c| {
        needs_placeholder(c).then(|| placeholder(c).to_string())
    })
}

/// Whether any character `needs_placeholder`, told from the UTF-8 bytes
/// (decoding a text's every character would be slower).
fn has_placeholder(b: &[u8]) -> bool {
    // One pass without an early way out, so that it runs on whole vectors
    // of bytes: a control, or a lead byte of the rest.
    let (mut control, mut lead) = (false, false);
    for &x in b {
        control |= (x < 0x20) & (x != b'\n') & (x != b'\t') | (x == 0x7f);
        lead |= (x == 0xc2) | (x == 0xe2);
    }
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    control
        || lead
            && memchr::memchr2_iter(0xc2, 0xe2, b).any(|i| match b[i] {
                // C1 controls: U+0080-U+009F.
                0xc2 => (0x80..=0x9f).contains(&at(i + 1)),
                // U+2028-U+202E, U+2066-U+2069.
                _ => match at(i + 1) {
                    0x80 => (0xa8..=0xae).contains(&at(i + 2)),
                    0x81 => (0xa6..=0xa9).contains(&at(i + 2)),
                    _ => false,
                },
            })
}

/// A file name (or any one-line text) as it may be printed: what `visible`
/// replaces, and line breaks and tabs escaped as `\n`, `\r`, `\t`.
pub fn name(s: &str) -> Cow<'_, str> {
    let escaped = |c| match c {
        '\n' => Some("\\n".to_owned()),
        '\r' => Some("\\r".to_owned()),
        '\t' => Some("\\t".to_owned()),
        c if needs_placeholder(c) => Some(placeholder(c).to_string()),
        _ => None,
    };
    replace(s, escaped)
}

/// A path as `name` prints it.
pub fn path(p: &Path) -> String {
    name(&p.to_string_lossy()).into_owned()
}

fn replace(s: &str, with: impl Fn(char) -> Option<String>) -> Cow<'_, str> {
    if !s.chars().any(|c| with(c).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match with(c) {
            Some(r) => out.push_str(&r),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_placeholder(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The stand-in shown for a control character.
pub fn placeholder(c: char) -> char {
    match c as u32 {
        n @ 0..=0x1f => char::from_u32(0x2400 + n).unwrap_or('\u{fffd}'),
        0x7f => '\u{2421}',
        0x2028 => '\u{2424}',
        0x2029 => '¶',
        _ => '\u{fffd}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_and_bell_become_pictures() {
        assert_eq!(visible("a\u{1b}[31mb\u{7}"), "a\u{241b}[31mb\u{2407}");
        assert_eq!(visible("del\u{7f} c1\u{85}"), "del\u{2421} c1\u{fffd}");
    }

    #[test]
    fn separators_and_bidi_controls_become_placeholders() {
        assert_eq!(visible("a\u{2028}b\u{2029}c"), "a␤b¶c");
        for c in ('\u{202a}'..='\u{202e}').chain('\u{2066}'..='\u{2069}') {
            assert_eq!(visible(&format!("x{c}y")), "x\u{fffd}y", "{:x}", c as u32);
        }
        // Right-to-left text itself is left alone.
        assert!(matches!(visible("שלום عربي"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_byte_check_finds_what_the_character_check_finds() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(
                has_placeholder(text.as_bytes()),
                needs_placeholder(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(visible("tab\tand\nnewline é"), Cow::Borrowed(_)));
        assert!(matches!(name("dumps/café.txt"), Cow::Borrowed(_)));
    }

    #[test]
    fn names_cannot_drive_the_terminal_or_forge_lines() {
        let hostile = "x\u{1b}]0;OWNED\u{7}\u{1b}[2J\nfake.txt:1: fine\t.txt";
        assert_eq!(name(hostile), "x␛]0;OWNED␇␛[2J\\nfake.txt:1: fine\\t.txt");
        assert_eq!(path(Path::new("a\rb")), "a\\rb");
    }
}
