//! Content never reaches a terminal raw: control characters become visible
//! placeholders.

use std::borrow::Cow;

/// Replaces C0 controls (but `\n` and `\t`), DEL and C1 controls with
/// visible stand-ins: U+2400 control pictures (`␛` for ESC, `␇` for BEL),
/// `␡` for DEL and `�` for C1. Text without controls is borrowed unchanged.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_placeholder) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if needs_placeholder(c) {
                    placeholder(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

fn needs_placeholder(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{7f}'
}

/// The stand-in shown for a control character.
pub fn placeholder(c: char) -> char {
    match c as u32 {
        n @ 0..=0x1f => char::from_u32(0x2400 + n).unwrap_or('\u{fffd}'),
        0x7f => '\u{2421}',
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
    fn plain_text_is_borrowed() {
        assert!(matches!(visible("tab\tand\nnewline é"), Cow::Borrowed(_)));
    }
}
