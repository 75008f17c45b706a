//! Links in comment text: found with linkify, opened with the system opener
//! (the URL is its one argument; no shell ever sees it).

use std::{ops::Range, process::Command};

use linkify::{LinkFinder, LinkKind};

/// Schemes tread will hand to an opener; `file:` and the like are not.
const SCHEMES: &[&str] = &["http://", "https://", "ftp://"];

/// The web links in `text`, as byte ranges.
pub fn find(text: &str) -> Vec<Range<usize>> {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]);
    finder
        .links(text)
        .filter(|l| {
            let s = l.as_str();
            SCHEMES.iter().any(|p| {
                s.len() > p.len() && s.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
            })
        })
        .map(|l| l.start()..l.end())
        .collect()
}

/// The web links in `text`, once each, in order.
pub fn urls(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in find(text) {
        let url = &text[r];
        if !out.iter().any(|u| u == url) {
            out.push(url.to_owned());
        }
    }
    out
}

/// Starts `opener` (default: the platform's) on `url` and does not wait
/// for it; its output goes nowhere, so it cannot draw over the reader.
pub fn open(opener: Option<&str>, url: &str) -> Result<(), String> {
    let program = opener.unwrap_or(if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    });
    let mut child = Command::new(program)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    // Reap it when it ends, without holding up the reader.
    std::thread::spawn(move || child.wait());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_links_are_found_and_others_are_not() {
        let text = "see https://example.org/a?b=1, and http://example.com/z. Not file:///etc/passwd \
                    nor javascript:alert(1) nor mail@example.org; again https://example.org/a?b=1";
        let found: Vec<&str> = find(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            [
                "https://example.org/a?b=1",
                "http://example.com/z",
                "https://example.org/a?b=1"
            ]
        );
        assert_eq!(
            urls(text),
            ["https://example.org/a?b=1", "http://example.com/z"]
        );
    }

    #[test]
    fn non_ascii_letters_near_a_scheme_are_no_link_and_no_panic() {
        // linkify takes `s://ééé.com` for a URL; its 8th byte is inside `é`.
        for text in ["see s://ééé.com here", "x://é", "ftp:/éé", "h://日本語.jp/"] {
            assert_eq!(find(text), Vec::<Range<usize>>::new(), "{text}");
        }
        assert_eq!(urls("é https://é.example/ß é"), ["https://é.example/ß"]);
    }

    #[test]
    fn the_url_reaches_the_opener_as_one_argument() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("args");
        let script = dir.path().join("opener.sh");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$1\" > {}\n",
                out.display()
            ),
        )
        .expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
                .expect("chmod");
            let url = "https://example.org/a b;$(touch x)&c=1";
            open(script.to_str(), url).expect("open");
            for _ in 0..200 {
                if std::fs::read_to_string(&out).is_ok_and(|s| s.ends_with('\n')) {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            assert_eq!(
                std::fs::read_to_string(&out).expect("ran"),
                format!("1\n{url}\n")
            );
        }
        assert!(open(Some("/nonexistent/opener"), "https://x.y").is_err());
    }
}
