//! One notion of width: text is cut into grapheme clusters and each is
//! measured as ratatui measures what it draws (`CellWidth`), so a family
//! emoji, a flag, `❤️` or an accented letter is one unit of the width it
//! takes on screen. Wrapping breaks at spaces, and a word wider than the
//! row between graphemes, never inside one.

use std::ops::Range;

use ratatui::buffer::CellWidth;
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

/// Columns `text` takes on screen.
pub fn width(text: &str) -> usize {
    // Printable ASCII, most of any dump: a column a byte.
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return text.len();
    }
    text.graphemes(true).map(grapheme_width).sum()
}

/// Columns one grapheme takes (a lone control or format character: none).
pub fn grapheme_width(g: &str) -> usize {
    if g.len() == 1 && g.as_bytes()[0].is_ascii_control() {
        return 0;
    }
    usize::from(g.cell_width())
}

/// The longest start of `text` that fits in `width` columns, in whole
/// graphemes. Looks no further than it needs to.
pub fn prefix(text: &str, width: usize) -> &str {
    let printable = |b: &u8| (b' '..=b'~').contains(b);
    let ascii = text.bytes().take(width + 1).take_while(printable).count();
    if ascii > width {
        return &text[..width];
    }
    if ascii == text.len() {
        return text;
    }
    let mut used = 0;
    for (at, g) in text.grapheme_indices(true) {
        used += grapheme_width(g);
        if used > width {
            return &text[..at];
        }
    }
    text
}

/// `text` in at most `width` columns, ending in `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    let head = prefix(text, width);
    if head.len() == text.len() {
        return text.to_owned();
    }
    format!("{}…", prefix(head, width.saturating_sub(1)))
}

/// What becomes of a word wider than a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Long {
    /// Broken between its graphemes: no row is wider than the width (a
    /// pane, whose edge would cut it off).
    Break,
    /// Kept whole on a row of its own (an export, where a URL must stay
    /// one piece to be copied).
    Keep,
}

/// Wraps a line into rows of at most `columns` columns: at spaces, and a
/// word wider than a row as `long` says. Gives the byte range of each row;
/// what lies between two rows is spaces only.
pub fn wrap(line: &str, columns: usize, long: Long) -> Vec<Range<usize>> {
    let columns = columns.max(1);
    let mut rows: Vec<Range<usize>> = Vec::new();
    // The row being filled: its start, end (without trailing spaces) and
    // the columns up to that end.
    let mut row: Option<(usize, usize, usize)> = None;
    let mut prev_end = 0;
    for (word_start, word) in words(line) {
        let w = width(word);
        // The spaces between the words: one column each (a space that a
        // mark leans on is part of the word).
        let spaces = word_start - prev_end;
        prev_end = word_start + word.len();
        match row {
            Some((start, _, used)) if used + spaces + w <= columns => {
                row = Some((start, word_start + word.len(), used + spaces + w));
            }
            _ => {
                if let Some((start, end, _)) = row.take() {
                    rows.push(start..end);
                }
                if w <= columns || long == Long::Keep {
                    row = Some((word_start, word_start + word.len(), w));
                } else {
                    // Wider than a row: whole graphemes, as many as fit.
                    let mut at = word_start;
                    let mut rest = word;
                    while width(rest) > columns {
                        let mut piece = prefix(rest, columns);
                        if piece.is_empty() {
                            // One grapheme wider than the row: it goes alone.
                            piece = rest.graphemes(true).next().unwrap_or(rest);
                        }
                        rows.push(at..at + piece.len());
                        at += piece.len();
                        rest = &rest[piece.len()..];
                    }
                    row = Some((at, at + rest.len(), width(rest)));
                }
            }
        }
    }
    if let Some((start, end, _)) = row {
        rows.push(start..end);
    }
    rows
}

/// Wraps one line at spaces, keeping its leading indentation on every
/// piece; a word longer than the width (a URL) as `long` says. Yields each
/// piece and its byte range in `line`.
pub fn wrap_indented(line: &str, width: usize, long: Long) -> Vec<(String, Range<usize>)> {
    let lead = line.len() - line.trim_start_matches(' ').len();
    let body = &line[lead..];
    wrap(body, width.saturating_sub(lead).max(8), long)
        .into_iter()
        .map(|r| {
            (
                format!("{}{}", &line[..lead], &body[r.clone()]),
                lead + r.start..lead + r.end,
            )
        })
        .collect()
}

/// The words of a line (runs between spaces that stand alone as a
/// grapheme; a space a combining mark leans on, or one after a prepended
/// mark, is part of a word) with their offsets.
fn words(line: &str) -> Vec<(usize, &str)> {
    if line.is_ascii() {
        let mut at = 0;
        return line
            .split(' ')
            .filter_map(|w| {
                let start = at;
                at += w.len() + 1;
                (!w.is_empty()).then_some((start, w))
            })
            .collect();
    }
    let b = line.as_bytes();
    // A space between ASCII characters stands alone; next to anything
    // else, the grapheme rules say.
    let ascii = |at: Option<usize>| at.and_then(|i| b.get(i)).is_none_or(u8::is_ascii);
    let alone = |i: usize| {
        (ascii(i.checked_sub(1)) && ascii(Some(i + 1)))
            || (boundary(line, i) && boundary(line, i + 1))
    };
    let mut out = Vec::new();
    let mut start = 0;
    for i in memchr::memchr_iter(b' ', b).filter(|&i| alone(i)) {
        if i > start {
            out.push((start, &line[start..i]));
        }
        start = i + 1;
    }
    if start < line.len() {
        out.push((start, &line[start..]));
    }
    out
}

/// Whether a grapheme ends at byte `at` of `line`.
fn boundary(line: &str, at: usize) -> bool {
    GraphemeCursor::new(at, line.len(), true)
        .is_boundary(line, 0)
        .unwrap_or(true)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Graphemes that are hard to measure or easy to split.
    const HARD: &[&str] = &[
        "a",
        "é",
        "e\u{301}",
        "日",
        "本",
        "👩‍👩‍👧",
        "🇬🇧",
        "🇯🇵",
        "❤️",
        "👍🏽",
        "1️⃣",
        "ﾞ",
        "ש",
        "ع",
        " ",
        " ",
        "-",
        "x",
        "\u{a0}",
        "ｱ",
        "\u{600}",
        "\u{301}",
    ];

    #[test]
    fn wrapped_pieces_point_back_into_the_line() {
        let line = "  alpha beta gamma delta epsilon";
        let pieces = wrap_indented(line, 14, Long::Break);
        assert!(pieces.len() > 1);
        for (text, range) in &pieces {
            assert_eq!(text.trim_start(), &line[range.clone()]);
            assert!(text.starts_with("  "));
        }
    }

    #[test]
    fn a_long_url_is_split_over_rows_without_losing_a_character() {
        let url = "https://example.org/a-very-long/path-with-hyphens/and/more";
        let line = format!("see {url} now");
        let pieces = wrap_indented(&line, 20, Long::Break);
        let joined: String = pieces.iter().map(|(t, _)| t.as_str()).collect();
        assert!(joined.contains(url), "{pieces:?}");
        assert!(pieces.iter().all(|(t, _)| t.chars().count() <= 20));
    }

    #[test]
    fn emoji_sequences_are_one_unit_of_their_width() {
        assert_eq!(width("👩‍👩‍👧"), 2);
        assert_eq!(width("🇬🇧"), 2);
        assert_eq!(width("e\u{301}"), 1);
        let hearts = "❤️".repeat(60);
        let rows = wrap(&hearts, 60, Long::Break);
        assert_eq!(rows.len(), 2, "60 hearts of 2 columns in rows of 60");
        assert!(rows.iter().all(|r| width(&hearts[r.clone()]) <= 60));
    }

    #[test]
    fn a_space_a_mark_leans_on_is_no_place_to_break() {
        // U+FF9E extends the grapheme of the space before it (and takes a
        // column of its own, as ratatui draws it).
        let line = "a \u{ff9e}b c";
        let rows = wrap(line, 4, Long::Break);
        assert!(rows.iter().all(|r| line.is_char_boundary(r.start)));
        assert_eq!(
            rows.iter().map(|r| &line[r.clone()]).collect::<Vec<_>>(),
            ["a \u{ff9e}", "b c"]
        );
        // A prepended mark (the Arabic number sign) takes the space after it.
        let line = "x \u{600} 1 y";
        assert_eq!(
            words(line).into_iter().map(|(_, w)| w).collect::<Vec<_>>(),
            ["x", "\u{600} 1", "y"]
        );
    }

    proptest! {
        // Past failures are kept with the other tests' (the top level stays small).
        #![proptest_config(ProptestConfig {
            failure_persistence: Some(Box::new(
                proptest::test_runner::FileFailurePersistence::Direct("tests/width.proptest-regressions"),
            )),
            ..ProptestConfig::default()
        })]

        #[test]
        fn rows_fit_and_give_back_the_line(
            parts in prop::collection::vec(prop::sample::select(HARD), 0..80),
            width in 1usize..40,
        ) {
            let line: String = parts.concat();
            let rows = wrap(&line, width, Long::Break);
            let mut at = 0;
            for r in &rows {
                // Only spaces between rows; nothing lost, nothing twice.
                prop_assert!(line[at..r.start].bytes().all(|b| b == b' '), "{line:?} {rows:?}");
                let text = &line[r.clone()];
                let one = text.graphemes(true).count() == 1;
                prop_assert!(super::width(text) <= width || one, "{text:?} wider than {width}");
                // No grapheme is split: the row's ends are grapheme boundaries.
                let bounds: Vec<usize> = line.grapheme_indices(true).map(|(i, _)| i).chain([line.len()]).collect();
                prop_assert!(bounds.contains(&r.start) && bounds.contains(&r.end), "{line:?} {r:?}");
                at = r.end;
            }
            prop_assert!(line[at..].bytes().all(|b| b == b' '));
        }

        #[test]
        fn words_are_the_runs_between_spaces_that_stand_alone(
            parts in prop::collection::vec(prop::sample::select(HARD), 0..60),
        ) {
            let line: String = parts.concat();
            // By the grapheme rules, the slow way.
            let mut expected = Vec::new();
            let mut start = None;
            for (at, g) in line.grapheme_indices(true) {
                match (g == " ", start) {
                    (true, Some(s)) => {
                        expected.push((s, &line[s..at]));
                        start = None;
                    }
                    (false, None) => start = Some(at),
                    _ => {}
                }
            }
            if let Some(s) = start {
                expected.push((s, &line[s..]));
            }
            prop_assert_eq!(words(&line), expected);
        }

        #[test]
        fn kept_words_stay_whole_and_only_they_overflow(
            parts in prop::collection::vec(prop::sample::select(HARD), 0..80),
            width in 1usize..40,
        ) {
            let line: String = parts.concat();
            let rows = wrap(&line, width, Long::Keep);
            let joined: Vec<&str> = rows.iter().flat_map(|r| words(&line[r.clone()])).map(|(_, w)| w).collect();
            let words: Vec<&str> = words(&line).into_iter().map(|(_, w)| w).collect();
            prop_assert_eq!(&joined, &words, "every word, whole and once");
            for r in &rows {
                let text = &line[r.clone()];
                prop_assert!(super::width(text) <= width || words.contains(&text), "{text:?} wider than {width}");
            }
        }
    }
}
