//! Rows of folded comments and headings cut to fit.

use super::*;

#[test]
fn a_folded_comment_with_a_long_author_keeps_its_timestamp() {
    let item = Item {
        depth: 0,
        parent: None,
        end: 3,
        heading: format!(
            "#1 · {} · 9 January 2024 at 10:01",
            "An Extremely Long Author Name ".repeat(4).trim()
        ),
        id: "1".into(),
        who: "An Extremely Long Author Name".into(),
        stamp: String::new(),
        quotes: Vec::new(),
        quoted_by: Vec::new(),
        text: "the first line of the comment".into(),
        repeats: Vec::new(),
        removed: false,
        line: 1,
        span: 0..0,
        key: 1,
    };
    let row = folded_row(&item, 0, 60);
    assert!(
        row.text.contains("· 9 January 2024 at 10:01 [+2]"),
        "{}",
        row.text
    );
    assert!(width::width(&row.text) <= 58, "{}", row.text);
}

#[test]
fn a_long_author_is_shortened_so_the_timestamp_shows() {
    let author = "An Extremely Long Author Name ".repeat(4);
    let heading = format!("#3.2 · {author} · 28 July 2024 at 03:02");
    let shown = heading_in(&heading, 50);
    assert!(shown.ends_with(" · 28 July 2024 at 03:02"), "{shown}");
    assert!(shown.contains('…') && width::width(&shown) <= 50, "{shown}");
    let cjk = format!("#1 · {} · 2024年7月28日", "長い名前の作者".repeat(6));
    let shown = heading_in(&cjk, 40);
    assert!(
        shown.ends_with("2024年7月28日") && width::width(&shown) <= 40,
        "{shown}"
    );
    assert_eq!(heading_in("#1 · Ofer · 9:56", 40), "#1 · Ofer · 9:56");
}
