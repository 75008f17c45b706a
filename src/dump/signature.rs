//! The signature a comment's text may end in: commenters with no Blogger
//! name often sign their text (`'Getafix`, `BIONIC`, `-- Jim Brown`), and
//! that line names the author better than the empty author field does.
//!
//! The rule: the last non-blank line of the text, when the text has other
//! non-blank lines before it, is a signature if it is one to three words,
//! holds no link, ends in no punctuation (`.`, `!`, `?`, `:`, `;`, `,`,
//! `…`, `-`, a quotation mark or a bracket), and is marked as a name: it
//! starts with `'`, `-`, `--` or `~` before a capital letter (`'Getafix`,
//! `-- Jim`), or is in capitals (`BIONIC`), or is two or three words each
//! starting with a capital (`Jim Brown`). So a one-word reply ("Agreed."),
//! a closing `Thanks` or `Cheers`, a lower-case line (`ditto`) and a link
//! are no signature. The tree keeps the author as parsed; the signature is
//! what the reader shows, marked as inferred, and a field of its own in
//! JSON.

/// The signature `text` (a comment's text) ends in, as written but for a
/// leading dash or tilde: `'Getafix`, `BIONIC`, `Jim Brown`.
pub fn signature(text: &str) -> Option<&str> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let last = lines.next_back()?;
    // Three words are short: a long last line is text, looked at no more.
    if last.len() > 80 {
        return None;
    }
    lines.next_back()?;
    let name = last
        .strip_prefix("--")
        .or_else(|| last.strip_prefix(['-', '~']))
        .map(str::trim_start);
    let marked = name.is_some();
    let name = name.unwrap_or(last);
    let words: Vec<&str> = name.split_whitespace().collect();
    let ends_open = name.ends_with(|c: char| {
        c.is_ascii_punctuation() && !matches!(c, '\'' | '’') || "…—–“”«»‘’".contains(c)
    });
    if words.is_empty()
        || words.len() > 3
        || ends_open
        || name.contains("://")
        || name.contains("www.")
    {
        return None;
    }
    let capital = |w: &str| {
        w.trim_start_matches(['\'', '’'])
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    let quoted = name.starts_with(['\'', '’']);
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let shouting = letters >= 2 && !name.chars().any(char::is_lowercase);
    let named = words.len() > 1 && words.iter().all(|w| capital(w));
    ((marked || quoted) && capital(words[0]) || shouting || named).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::signature;

    #[test]
    fn a_marked_name_on_the_last_line_signs_the_text() {
        assert_eq!(signature("Well said.\n\n'Getafix"), Some("'Getafix"));
        assert_eq!(signature("Agreed with all of it\nBIONIC"), Some("BIONIC"));
        assert_eq!(
            signature("Thanks for this.\n-- Jim Brown"),
            Some("Jim Brown")
        );
        assert_eq!(signature("Thanks for this.\n~ Ann"), Some("Ann"));
        assert_eq!(signature("Thanks for this.\nJim Brown"), Some("Jim Brown"));
    }

    #[test]
    fn what_is_no_signature() {
        // The only text: a one-word reply.
        assert_eq!(signature("Agreed."), None);
        assert_eq!(signature("'Getafix"), None);
        // Sentence punctuation, a closing word, lower case, a link, a
        // heading for what follows, too many words.
        assert_eq!(signature("Right.\nAgreed."), None);
        assert_eq!(signature("Right.\nThanks"), None);
        assert_eq!(signature("Right.\nditto"), None);
        assert_eq!(signature("See\nhttps://example.org/x"), None);
        assert_eq!(signature("More:\nFrom Twitter:-"), None);
        assert_eq!(signature("Right.\nFrom The Whole Team"), None);
        assert_eq!(signature("Right.\n'tis so"), None);
        assert_eq!(signature("Right.\n£194"), None);
    }
}
