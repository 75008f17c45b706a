//! A scrape's duplicates drawn once: a line equal to the line just before
//! it, or a paragraph equal to the paragraph before it, is left out of what
//! the reader shows, and a `(repeated)` mark stands after the one kept. The
//! dump, the tree and the exports keep every byte; the source view shows
//! both copies; `R` (or `[reader] show_repeats`) draws them each time.
//!
//! As the grammar's warning does, only lines that hold a letter count:
//! numbers in a table (`44` under `44`) and rules repeat as a matter of
//! course.

/// `text` with its repeats left out, and where the marks go: (the byte
/// offset in the new text of the end of the line kept, how many copies
/// were left out after it). Most texts repeat nothing, and come back as
/// they are.
pub fn fold(text: String) -> (String, Vec<(usize, usize)>) {
    if !repeats_any(&text) {
        return (text, Vec::new());
    }
    rebuild(&text)
}

/// Whether a line of `text` may repeat the line before it, or a
/// paragraph the paragraph before it (its first line is the first line of
/// the paragraph before): one pass over the lines, which most texts end
/// with `false`; `rebuild` tells for sure.
fn repeats_any(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (mut prev, mut prev_first, mut first): (&[u8], &[u8], &[u8]) = (&[], &[], &[]);
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).chain([bytes.len()]);
    for end in ends {
        let line = trim_end(&bytes[start..end]);
        start = end + 1;
        if line.is_empty() {
            // A paragraph ends: its first line is the one to look for.
            if !first.is_empty() {
                prev_first = first;
                first = &[];
            }
            prev = &[];
            continue;
        }
        if line == prev || first.is_empty() && line == prev_first {
            return true;
        }
        if first.is_empty() {
            first = line;
        }
        prev = line;
    }
    false
}

fn trim_end(line: &[u8]) -> &[u8] {
    let keep = line
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    &line[..keep]
}

fn rebuild(text: &str) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(text.len());
    let mut marks: Vec<(usize, usize)> = Vec::new();
    let mut prev_paragraph: Option<&str> = None;
    for paragraph in text.split("\n\n") {
        if prev_paragraph == Some(paragraph) && has_letter(paragraph) {
            note(&mut marks, out.len());
            continue;
        }
        prev_paragraph = Some(paragraph);
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        let mut prev_line: Option<&str> = None;
        for (k, line) in paragraph.split('\n').enumerate() {
            let same = prev_line.is_some_and(|p| p.trim_end() == line.trim_end());
            if same && has_letter(line) {
                note(&mut marks, out.len());
                continue;
            }
            prev_line = Some(line);
            if k > 0 {
                out.push('\n');
            }
            out.push_str(line);
        }
    }
    (out, marks)
}

/// One more copy left out after the text written so far (`at`).
fn note(marks: &mut Vec<(usize, usize)>, at: usize) {
    match marks.last_mut() {
        Some((end, n)) if *end == at => *n += 1,
        _ => marks.push((at, 1)),
    }
}

fn has_letter(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

/// The mark drawn after a line kept: `(repeated)`, `(repeated 3×)`.
pub fn mark(copies: usize) -> String {
    match copies {
        1 => "(repeated)".into(),
        n => format!("(repeated {n}×)"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_line_or_paragraph_equal_to_the_one_before_it_is_drawn_once() {
        let fold = |t: &str| super::fold(t.to_owned());
        assert_eq!(fold("a\nb\nb\nc"), ("a\nb\nc".to_owned(), vec![(3, 1)]));
        assert_eq!(
            fold("one\ntwo\n\none\ntwo\n\nthree"),
            ("one\ntwo\n\nthree".to_owned(), vec![(7, 1)])
        );
        assert_eq!(fold("x\nx\nx"), ("x".to_owned(), vec![(1, 2)]));
        // Numbers and rules repeat as a matter of course.
        assert_eq!(
            fold("44\n44\n***\n***"),
            ("44\n44\n***\n***".to_owned(), vec![])
        );
        assert_eq!(fold("plain text"), ("plain text".to_owned(), vec![]));
    }
}
