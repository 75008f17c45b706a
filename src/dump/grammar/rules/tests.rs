//! Tests of `rules`: one per rule, on its exact remaining input.

use super::*;

fn rest<T>(r: Res<'_, T>) -> &str {
    match r {
        Ok((rest, _)) => rest,
        Err(e) => panic!("rule failed: {e:?}"),
    }
}

#[test]
fn blank_line_accepts_spaces_and_no_break_spaces() {
    assert_eq!(rest(blank_line("\u{a0}\u{a0} ")), "");
    assert_eq!(rest(blank_line("")), "");
    assert!(blank_line("  x").is_err());
}

#[test]
fn indentation_counts_spaces() {
    assert_eq!(indentation("    ReplyDelete"), Ok(("ReplyDelete", 4)));
    assert_eq!(indentation("x"), Ok(("x", 0)));
}

#[test]
fn comments_header_reads_every_form() {
    assert_eq!(comments_header("21 comments:"), Ok(("", Some(21))));
    assert_eq!(comments_header("1 comment:"), Ok(("", Some(1))));
    assert_eq!(comments_header("No comments:"), Ok(("", Some(0))));
    assert_eq!(comments_header("17 COMMENTS: "), Ok(("", Some(17))));
    assert_eq!(comments_header("####  5 comments :"), Ok(("", Some(5))));
    assert_eq!(comments_header("### Comments"), Ok(("", None)));
    assert_eq!(comments_header("## Comments:"), Ok(("", None)));
    assert!(comments_header("21 comments: and more").is_err());
    assert!(comments_header("  21 comments").is_err());
    // A word alone is text: a heading needs its marks.
    assert!(comments_header("Comments").is_err());
    assert!(comments_header("####### Comments").is_err());
}

#[test]
fn month_and_day_and_year() {
    assert_eq!(month("January 2024"), Ok((" 2024", "January")));
    assert_eq!(month("Sept"), Ok(("t", "Sep")));
    assert_eq!(day("27 October"), Ok((" October", 27)));
    assert!(day("32 May").is_err());
    assert_eq!(year("2024 at"), Ok((" at", "2024")));
    assert_eq!(weekday("Tuesday 9"), Ok((" 9", "Tuesday")));
}

#[test]
fn calendar_date_reads_both_orders() {
    assert_eq!(
        calendar_date("9 January 2024!"),
        Ok(("!", "9 January 2024"))
    );
    assert_eq!(
        calendar_date("06 October, 2014 10:09"),
        Ok((" 10:09", "06 October, 2014"))
    );
    assert_eq!(
        calendar_date("February 25, 2012 at"),
        Ok((" at", "February 25, 2012"))
    );
}

#[test]
fn post_date_is_a_whole_line() {
    assert_eq!(
        post_date("Tuesday 9 January 2024"),
        Ok(("", "Tuesday 9 January 2024"))
    );
    assert_eq!(
        post_date("Sunday, 27 October 2024\u{a0}"),
        Ok(("", "Sunday, 27 October 2024"))
    );
    assert_eq!(
        post_date("Wednesday, 13 September 2023"),
        Ok(("", "Wednesday, 13 September 2023"))
    );
    assert!(post_date("Tuesday 9 January 2024 was fun").is_err());
    assert!(post_date("9 January 2024").is_err());
}

#[test]
fn clock_reads_24_and_12_hour_times() {
    assert_eq!(clock("03:02"), Ok(("", "03:02")));
    assert_eq!(clock("9:56 PM x"), Ok((" x", "9:56 PM")));
    assert_eq!(clock("10:09:33"), Ok(("", "10:09:33")));
}

#[test]
fn timestamp_reads_the_blogger_forms() {
    assert_eq!(
        timestamp("28 July 2024 at 03:02"),
        Ok(("", "28 July 2024 at 03:02"))
    );
    assert_eq!(
        timestamp("06 October, 2014 10:09"),
        Ok(("", "06 October, 2014 10:09"))
    );
    assert_eq!(
        timestamp("February 25, 2012 at 9:56 PM"),
        Ok(("", "February 25, 2012 at 9:56 PM"))
    );
    assert!(timestamp("28 July 2024 at 03:02 and then").is_err());
}

#[test]
fn author_timestamp_splits_a_glued_author() {
    assert_eq!(
        author_timestamp("dismissed and damaged28 July 2024 at 03:02"),
        Ok(("", ("dismissed and damaged", "28 July 2024 at 03:02")))
    );
    assert_eq!(
        author_timestamp("Ofer06 October, 2014 10:09"),
        Ok(("", ("Ofer", "06 October, 2014 10:09")))
    );
    assert_eq!(
        author_timestamp("AnonymousFebruary 25, 2012 at 9:56 PM"),
        Ok(("", ("Anonymous", "February 25, 2012 at 9:56 PM")))
    );
    assert_eq!(
        author_timestamp("26 May 2021 at 05:04"),
        Ok(("", ("", "26 May 2021 at 05:04")))
    );
    assert_eq!(
        author_timestamp("R2D228 July 2024 at 03:02"),
        Ok(("", ("R2D2", "28 July 2024 at 03:02")))
    );
}

#[test]
fn author_timestamp_rejects_sentences() {
    assert!(author_timestamp("as said on 28 July 2024 at 03:02").is_err());
    assert!(author_timestamp("17:24 I'm pleased you got a response").is_err());
    assert!(author_timestamp("I have 19:06 I see her").is_err());
}

#[test]
fn comment_number_needs_indentation() {
    assert_eq!(
        comment_number("  1. The examples"),
        Ok(("The examples", (2, 1)))
    );
    assert_eq!(comment_number("    12. reply"), Ok(("reply", (4, 12))));
    assert_eq!(comment_number("  3."), Ok(("", (2, 3))));
    assert!(comment_number("1. there is plenty").is_err());
    assert!(comment_number("  1.5 million").is_err());
}

#[test]
fn action_word_leaves_the_glued_text() {
    assert_eq!(
        action_word("    ReplyDelete"),
        Ok(("", ActionWord::ReplyDelete))
    );
    assert_eq!(action_word("      Delete"), Ok(("", ActionWord::Delete)));
    assert_eq!(
        action_word("ReplyDeleteFor nearly two decades"),
        Ok(("For nearly two decades", ActionWord::ReplyDelete))
    );
    assert_eq!(
        action_word("DeleteThe previous"),
        Ok(("The previous", ActionWord::Delete))
    );
    assert!(action_word("Replies").is_err());
}

#[test]
fn action_words_with_their_links() {
    let delete = "https://www.blogger.com/comment/delete/123/456";
    assert_eq!(
        action_link(&format!("    ReplyDelete <{delete}>")),
        Ok(("", (ActionWord::ReplyDelete, delete)))
    );
    assert_eq!(
        action_link(&format!("Delete <{delete}>  ")),
        Ok(("", (ActionWord::Delete, delete)))
    );
    assert_eq!(
        action_link(&format!("Reply[Delete]({delete})")),
        Ok(("", (ActionWord::ReplyDelete, delete)))
    );
    assert_eq!(
        action_link(&format!("[Delete]({delete})")),
        Ok(("", (ActionWord::Delete, delete)))
    );
    assert!(action_link("ReplyDelete").is_err());
    assert!(action_link("Delete <a b>").is_err());
    assert!(action_link(&format!("ReplyDelete <{delete}> and text")).is_err());
    assert_eq!(blogger_id(delete), Some("456"));
    assert_eq!(
        blogger_id("https://x.blogspot.com/2020/03/p.html?showComment=1583262900000#c789"),
        Some("789")
    );
    assert_eq!(blogger_id("https://example.org/"), None);
}

#[test]
fn heading_marks_before_a_heading() {
    assert_eq!(heading_marks("## Walking"), Ok(("Walking", "##")));
    assert!(heading_marks("#MeToo report").is_err());
    assert!(heading_marks("####### Seven").is_err());
}

#[test]
fn markdown_avatars_and_author_lines() {
    assert_eq!(
        markdown_image("  ![](https://x.org/a.png)"),
        Ok(("", "https://x.org/a.png"))
    );
    assert_eq!(markdown_image("![Jane](a.png) "), Ok(("", "a.png")));
    assert!(markdown_image("![](a.png) and text").is_err());
    let line = "[Jane Doe](https://www.blogger.com/profile/123)[March 3, 2020 at 7:15 PM](https://ex.blogspot.com/p.html?showComment=1583262900000#c456)";
    assert_eq!(
        markdown_author(line),
        Ok((
            "",
            (
                Some("Jane Doe"),
                "March 3, 2020 at 7:15 PM",
                "https://ex.blogspot.com/p.html?showComment=1583262900000#c456"
            )
        ))
    );
    assert_eq!(
        markdown_author("[26 May 2021 at 05:04](https://ex.org/p#c1)"),
        Ok(("", (None, "26 May 2021 at 05:04", "https://ex.org/p#c1")))
    );
    // A link whose text is no timestamp is text.
    assert!(markdown_author("[Jane](https://a.org)[the report](https://b.org)").is_err());
}

#[test]
fn page_chrome_is_a_whole_line() {
    assert_eq!(page_chrome("    Replies"), Ok(("", "Replies")));
    assert_eq!(page_chrome("Reply"), Ok(("", "Reply")));
    assert_eq!(page_chrome("Add comment"), Ok(("", "Add comment")));
    assert_eq!(page_chrome("Load more..."), Ok(("", "Load more...")));
    assert!(page_chrome("ReplyDelete").is_err());
    assert!(page_chrome("Reply to this").is_err());
    assert_eq!(page_chrome("  - "), Ok(("", "-")));
    assert!(page_chrome("- an item").is_err());
    assert_eq!(section_end("Add comment"), Ok(("", "Add comment")));
    assert!(section_end("Replies").is_err());
}

#[test]
fn removed_notice_both_forms() {
    assert!(removed_notice("This comment has been removed by the author.").is_ok());
    assert!(removed_notice("  This comment has been removed by a blog administrator.").is_ok());
    assert!(removed_notice("This comment has been removed by the author. Why?").is_err());
}

#[test]
fn separator_lines() {
    assert_eq!(separator("--oo00oo--"), Ok(("", "--oo00oo--")));
    assert_eq!(separator("*****"), Ok(("", "*****")));
    assert!(separator("oooo").is_err());
    assert!(separator("--").is_err());
    assert!(separator("-- hello --").is_err());
}

#[test]
fn post_dates_in_every_language_of_the_table() {
    for date in [
        "jueves, 10 de febrero de 2011",
        "martes, febrero 28, 2006",
        "domenica 2 marzo 2014",
        "terça-feira, 20 de setembro de 2011",
        "dimanche 30 septembre 2012",
        "Mittwoch, 25. September 2013",
        "sobota, 16 kwietnia 2022",
        "zaterdag 4 oktober 2014",
        "Tuesday 9 January 2024",
    ] {
        assert_eq!(post_date(date), Ok(("", date)), "{date}");
    }
    assert!(post_date("jueves, 10 de febrero").is_err());
    assert!(post_date("Dear Mr Jones").is_err());
}

#[test]
fn timestamps_in_other_languages() {
    for stamp in [
        "10 de febrero de 2011, 12:30",
        "25. September 2013 um 10:13",
        "30 septembre 2012 à 14:05",
        "16 kwietnia 2022 13:05",
        "28 July 2024 at 03:02",
    ] {
        assert_eq!(timestamp(stamp), Ok(("", stamp)), "{stamp}");
    }
    assert_eq!(
        author_timestamp("Ofer10 de febrero de 2011, 12:30"),
        Ok(("", ("Ofer", "10 de febrero de 2011, 12:30")))
    );
}
