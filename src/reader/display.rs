//! Text as the reader shows it: control characters as placeholders, tabs
//! as spaces, what draws nothing left out, in Unicode normal form C. Every
//! part of the screen shows text through `display`, and find's query goes
//! through it too.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_segmentation::UnicodeSegmentation;

use crate::dump::sanitize::visible;

/// Text as the reader shows it: no control characters, tabs as spaces.
/// Format characters that draw nothing and only confuse a terminal about
/// widths are left out of what is drawn (the dump keeps them): zero-width
/// spaces, word joiners, invisible operators, soft hyphens, byte-order
/// marks, left/right and Arabic letter marks, and a zero-width joiner that
/// joins nothing: one that ends its grapheme after an ASCII character or a
/// symbol (`a` ZWJ `b`, an emoji then ZWJ then a letter). Joiners that shape
/// a script stay: inside an emoji sequence, after a virama or a letter of
/// another script (Malayalam chillu, Sinhala, Arabic), and the zero-width
/// non-joiner of Persian.
///
/// What is shown is in Unicode normal form C, as find's query is, so the
/// two ways to write `café` look and match alike.
pub fn display(text: &str) -> String {
    let shown = match visible(text) {
        Cow::Borrowed(s) if memchr::memchr(b'\t', s.as_bytes()).is_none() => s.to_owned(),
        shown => shown.replace('\t', "    "),
    };
    if shown.is_ascii() {
        return shown;
    }
    let shown = match is_nfc_quick(high_chars(&shown)) {
        IsNormalized::Yes => shown,
        _ => shown.nfc().collect(),
    };
    // What draws nothing is from U+0300 on, but the soft hyphen.
    let hidden = memchr::memmem::find(shown.as_bytes(), "\u{ad}".as_bytes()).is_some()
        || high_chars(&shown).any(|c| invisible(c) || c == ZWJ);
    if !hidden {
        return shown;
    }
    let mut out = String::with_capacity(shown.len());
    for g in shown.graphemes(true) {
        let g = match g.strip_suffix(ZWJ) {
            Some(head) if stray_joiner(head) => head.trim_end_matches(ZWJ),
            _ => g,
        };
        out.extend(g.chars().filter(|&c| !invisible(c)));
    }
    out
}

/// The characters of `text` from U+0300 on: enough for NFC's quick check,
/// since what comes before U+0300 is NFC and of combining class 0 (leaving
/// it out can only make the check say "normalise" where it need not, never
/// the other way). Found by their lead bytes, without decoding the rest.
fn high_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    // A lead byte from 0xCC on starts a character from U+0300 on (no
    // continuation byte is that high): only those are decoded, as they
    // are needed.
    text.as_bytes()
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b >= 0xcc)
        .filter_map(|(i, _)| text.get(i..).and_then(|rest| rest.chars().next()))
}

const ZWJ: char = '\u{200d}';

/// Format characters that are never drawn (the joiner apart).
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{2060}'
            ..='\u{2064}' | '\u{feff}'
    )
}

/// Whether a joiner that ends a grapheme after `head` joins nothing: after
/// an ASCII character, a symbol or nothing; not after a letter of another
/// script or a mark (a virama), where it shapes the text.
fn stray_joiner(head: &str) -> bool {
    let before = head.trim_end_matches(ZWJ).chars().next_back();
    before.is_none_or(|c| {
        c.is_ascii() || !(c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_characters_that_draw_nothing_are_left_out() {
        // A stray joiner, a zero-width space, a soft hyphen, marks.
        assert_eq!(
            display("a\u{200d}b \u{200d}c d\u{200b}e co\u{ad}op"),
            "ab c de coop"
        );
        assert_eq!(display("\u{feff}x\u{200e}y\u{200f}z\u{2060}!"), "xyz!");
        // Joiners that join or shape stay: an emoji family, a man with a
        // laptop, a Devanagari conjunct, a Malayalam chillu, Sinhala
        // `ශ්‍රී`, and Persian's non-joiner.
        for kept in [
            "👩\u{200d}👩\u{200d}👧",
            "👨\u{200d}💻 ok",
            "क्\u{200d}ष",
            "ന്\u{200d} x",
            "ශ්\u{200d}රී",
            "می\u{200c}خواهم",
        ] {
            assert_eq!(display(kept), kept);
        }
        // An emoji followed by a joiner and a letter: the joiner joins nothing.
        assert_eq!(display("👩\u{200d}a"), "👩a");
    }
}
