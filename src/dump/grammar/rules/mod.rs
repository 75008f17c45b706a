//! The line rules of the blog-dump grammar, one nom parser per rule.
//!
//! Every rule takes one line without its line ending and uses nom's
//! `complete` parsers, so a rule either matches or fails; none asks for more
//! input. Rules that describe a whole line are `all_consuming`; rules that
//! describe the start of a line return the rest of it.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, tag_no_case, take_while, take_while_m_n, take_while1},
    character::complete::{char, digit1, space0, space1},
    combinator::{all_consuming, eof, map, map_res, opt, recognize, value, verify},
    error::{Error, ErrorKind},
    sequence::{delimited, preceded, terminated},
};

use crate::dump::{
    thread::is_blank_char,
    words::{Action, Langs, words},
};

pub type Res<'a, T> = IResult<&'a str, T>;

/// The two action words Blogger prints under a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionWord {
    /// `ReplyDelete`: closes a top-level comment.
    ReplyDelete,
    /// `Delete`: closes a reply.
    Delete,
}

impl ActionWord {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionWord::ReplyDelete => "ReplyDelete",
            ActionWord::Delete => "Delete",
        }
    }
}

fn fail<T>(input: &str) -> Res<'_, T> {
    Err(nom::Err::Error(Error::new(input, ErrorKind::Verify)))
}

/// `trailing_blank`: spaces, tabs or no-break spaces to the end of the line.
pub fn trailing_blank(input: &str) -> Res<'_, ()> {
    value((), (take_while(is_blank_char), eof)).parse(input)
}

/// `blank_line`: nothing but spaces, tabs and no-break spaces.
pub fn blank_line(input: &str) -> Res<'_, ()> {
    trailing_blank(input)
}

/// `indentation`: the leading ASCII spaces of a line, counted.
pub fn indentation(input: &str) -> Res<'_, usize> {
    map(take_while(|c| c == ' '), str::len).parse(input)
}

/// `heading_marks`: a Markdown heading's `#` marks (one to six) and the
/// blank after them.
pub fn heading_marks(input: &str) -> Res<'_, &str> {
    terminated(take_while_m_n(1, 6, |c| c == '#'), space1).parse(input)
}

/// `comments_header`: `21 comments:`, `1 comment:`, `No comments:`, `17
/// COMMENTS:`, as Markdown headings too (`####  5 comments :`, a space
/// before the colon allowed), and `### Comments` (a heading, no count).
/// Yields the declared count (`Some(0)` for `No`, `None` for none given).
pub fn comments_header(input: &str) -> Res<'_, Option<usize>> {
    let marks = || heading_marks;
    let counted = (
        opt(marks()),
        map_res(digit1, str::parse::<usize>),
        space1,
        comment_word,
        space0,
        char(':'),
    )
        .map(|(_, count, ..)| Some(count));
    let none = (opt(marks()), no_comments, space0, char(':')).map(|_| Some(0));
    let uncounted = (marks(), comment_word, space0, opt(char(':'))).map(|_| None);
    all_consuming(terminated(alt((counted, none, uncounted)), trailing_blank)).parse(input)
}

/// The word after a comment count, in any language of the words table
/// (`comments`, `comentarios`, `Kommentare`; ASCII letters in any case).
fn comment_word(input: &str) -> Res<'_, &str> {
    match words().comment_word(input) {
        Some((_, len, _)) => Ok((&input[len..], &input[..len])),
        None => fail(input),
    }
}

/// The header words of a section without comments (`No comments`, `No hay
/// comentarios`, `Keine Kommentare`).
fn no_comments(input: &str) -> Res<'_, &str> {
    match words().no_comments(input) {
        Some((_, len, _)) => Ok((&input[len..], &input[..len])),
        None => fail(input),
    }
}

/// The language of a comments header (its code in the words table).
pub fn header_language(input: &str) -> Option<Langs> {
    let rest = heading_marks(input).map_or(input, |(rest, _)| rest);
    if let Some((_, _, lang)) = words().no_comments(rest) {
        return Some(lang);
    }
    let rest = rest
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start();
    words().comment_word(rest).map(|(_, _, lang)| lang)
}

/// `weekday`: `Monday` … `Sunday`, in any language of the words table
/// (`jueves`, `terça-feira`, `Mittwoch`).
pub fn weekday(input: &str) -> Res<'_, &str> {
    match words().weekday(input) {
        Some(len) => Ok((&input[len..], &input[..len])),
        None => fail(input),
    }
}

/// `month`: a month name in any language of the words table, in full (or,
/// in English, in three letters): `January`, `Jan`, `febrero`, `kwietnia`.
pub fn month(input: &str) -> Res<'_, &str> {
    match words().month(input) {
        Some(len) => Ok((&input[len..], &input[..len])),
        None => fail(input),
    }
}

/// A word between a date's parts (`de`), with the blank after it.
fn date_word(input: &str) -> Res<'_, &str> {
    match words().date_word(input) {
        Some(len) => {
            let (rest, _) = space1(&input[len..])?;
            Ok((rest, &input[..len]))
        }
        None => fail(input),
    }
}

/// `day`: a day of the month, one or two digits, 1 to 31.
pub fn day(input: &str) -> Res<'_, u8> {
    verify(
        map_res(
            take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
            str::parse::<u8>,
        ),
        |d| (1..=31).contains(d),
    )
    .parse(input)
}

/// `year`: four digits.
pub fn year(input: &str) -> Res<'_, &str> {
    take_while_m_n(4, 4, |c: char| c.is_ascii_digit()).parse(input)
}

/// `calendar_date`: `9 January 2024`, `27 October, 2024`, `February 25,
/// 2012`, and as other languages write them: `10 de febrero de 2011`,
/// `25. September 2013`, `16 kwietnia 2022`, `febrero 28, 2006`.
pub fn calendar_date(input: &str) -> Res<'_, &str> {
    recognize((
        alt((
            recognize((day, opt(char('.')), space1, opt(date_word), month)),
            recognize((month, space1, day)),
        )),
        opt(char(',')),
        space1,
        opt(date_word),
        year,
    ))
    .parse(input)
}

/// `post_date`: the date line that opens a post, alone on its line:
/// `Tuesday 9 January 2024`, `Sunday, 27 October 2024`.
pub fn post_date(input: &str) -> Res<'_, &str> {
    all_consuming(terminated(
        recognize((weekday, opt(char(',')), space1, calendar_date)),
        trailing_blank,
    ))
    .parse(input)
}

/// The word between a timestamp's date and its clock, in any language of
/// the words table (`at`, `à`, `um`).
fn at_word(input: &str) -> Res<'_, &str> {
    match words().at(input) {
        Some(len) => Ok((&input[len..], &input[..len])),
        None => fail(input),
    }
}

/// `clock`: `03:02`, `9:56 PM`, `10:09:33`.
pub fn clock(input: &str) -> Res<'_, &str> {
    let two_digits = || take_while_m_n(2, 2, |c: char| c.is_ascii_digit());
    recognize((
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
        char(':'),
        two_digits(),
        opt((char(':'), two_digits())),
        opt((space0, alt((tag_no_case("am"), tag_no_case("pm"))))),
    ))
    .parse(input)
}

/// `timestamp`: a Blogger comment time, alone to the end of the line:
/// `28 July 2024 at 03:02`, `06 October, 2014 10:09`, `February 25, 2012 at 9:56 PM`.
pub fn timestamp(input: &str) -> Res<'_, &str> {
    all_consuming(terminated(
        recognize((
            calendar_date,
            opt(char(',')),
            opt((space1, at_word)),
            space1,
            clock,
        )),
        trailing_blank,
    ))
    .parse(input)
}

/// `author_timestamp`: a comment's opening line, an author glued to a
/// timestamp (`dismissed and damaged28 July 2024 at 03:02`,
/// `AnonymousFebruary 25, 2012 at 9:56 PM`) or a timestamp alone
/// (`26 May 2021 at 05:04`). Yields (author, timestamp); the author is empty
/// when there is none. The timestamp must be glued: `said on 28 July 2024 at
/// 03:02` is a sentence, not an author line.
pub fn author_timestamp(input: &str) -> Res<'_, (&str, &str)> {
    const LONGEST: usize = 160;
    let line = input.trim_start_matches(' ');
    let end = line.trim_end_matches(is_blank_char);
    let ends_like_clock = end
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || c == 'M' || c == 'm')
        && end.bytes().rev().take(9).any(|b| b == b':');
    if line.len() > LONGEST || !ends_like_clock {
        return fail(input);
    }
    // A timestamp may start at a capital or at any digit of a digit run, as
    // long as the capital or the run is glued to what comes before it.
    let mut prev: Option<char> = None;
    let mut run_glued = false;
    for (at, c) in line.char_indices() {
        let glued = prev.is_none_or(|p| !p.is_whitespace());
        if c.is_ascii_digit() && !prev.is_some_and(|p| p.is_ascii_digit()) {
            run_glued = glued;
        }
        let could_start = if c.is_ascii_digit() {
            run_glued
        } else {
            c.is_ascii_uppercase() && glued
        };
        prev = Some(c);
        if !could_start {
            continue;
        }
        if let Ok((rest, stamp)) = timestamp(&line[at..]) {
            return Ok((rest, (&line[..at], stamp)));
        }
    }
    fail(input)
}

/// `comment_number`: the number that opens a comment in the clean layout,
/// `  3. ` (top level, two spaces) or `    3. ` (reply, four spaces).
/// Yields (indentation, number); the rest is the comment's first text.
pub fn comment_number(input: &str) -> Res<'_, (usize, usize)> {
    (
        verify(indentation, |n| *n >= 2),
        terminated(map_res(digit1, str::parse::<usize>), char('.')),
    )
        .parse(input)
        .and_then(|(rest, found)| {
            let (rest, _) = alt((space1, eof)).parse(rest)?;
            Ok((rest, found))
        })
}

/// `action_word`: `ReplyDelete` or `Delete`, in any language of the words
/// table (`ResponderBorrar`, `RispondiElimina`, `Usuń`), at the start of a
/// line, after any indentation. The rest is blank in the clean layout, and
/// the next comment's first text in the flattened one.
pub fn action_word(input: &str) -> Res<'_, ActionWord> {
    preceded(space0, action_token).parse(input)
}

/// An action word of any language, at the very start of `input`.
fn action_token(input: &str) -> Res<'_, ActionWord> {
    match words().action(input) {
        Some((action, len, _)) => {
            let word = match action {
                Action::ReplyDelete => ActionWord::ReplyDelete,
                Action::Delete => ActionWord::Delete,
            };
            Ok((&input[len..], word))
        }
        None => fail(input),
    }
}

/// The languages of the page chrome line `input` is.
pub fn chrome_language(input: &str) -> Option<Langs> {
    words()
        .chrome(input.trim_matches(is_blank_char))
        .map(|(_, langs)| langs)
}

/// `page_chrome`: a line of page furniture between comments, in any
/// language of the words table: `Replies`, `Reply`, `Add comment`, `Load
/// more...`, `Post a Comment` (`Respuestas`, `Publicar un comentario`), and
/// `-` alone (html2text's bullet between comments).
pub fn page_chrome(input: &str) -> Res<'_, &str> {
    let line = input.trim_matches(is_blank_char);
    if line == "-" || words().chrome(line).is_some() {
        Ok(("", line))
    } else {
        fail(input)
    }
}

/// `section_end`: the chrome after the last comment of a page, in any
/// language: `Add comment`, `Load more...`, the form `Post a Comment`
/// (`Publicar un comentario`). What follows it is the page's trailer.
pub fn section_end(input: &str) -> Res<'_, &str> {
    let line = input.trim_matches(is_blank_char);
    if words().chrome(line).is_some_and(|(ends, _)| ends) {
        Ok(("", line))
    } else {
        fail(input)
    }
}

/// `action_link`: an action word with its link on its line, as converters
/// write it: `ReplyDelete <url>`, `Delete <url>` (text), `Reply[Delete](url)`,
/// `[Delete](url)` (Markdown). Yields the word and the URL.
pub fn action_link(input: &str) -> Res<'_, (ActionWord, &str)> {
    let text = (action_token, space1, delimited(char('<'), url, char('>'))).map(|(w, _, u)| (w, u));
    let markdown = alt((
        value(ActionWord::ReplyDelete, tag("Reply[Delete]")),
        value(ActionWord::Delete, tag("[Delete]")),
    ));
    let markdown = (markdown, delimited(char('('), url, char(')')));
    all_consuming(delimited(space0, alt((text, markdown)), trailing_blank)).parse(input)
}

/// `markdown_image`: an image alone on its line, as Markdown exports draw a
/// commenter's avatar: `![](url)`, `![alt](url)`.
pub fn markdown_image(input: &str) -> Res<'_, &str> {
    all_consuming(delimited(
        (space0, tag("!["), take_while(|c| c != ']'), tag("](")),
        url,
        (char(')'), trailing_blank),
    ))
    .parse(input)
}

/// `markdown_author`: a Markdown export's author line, the name linked to
/// its profile and the timestamp to the comment's permalink:
/// `[Jane Doe](profile)[March 3, 2020 at 7:15 PM](permalink)`, or the
/// timestamp link alone. Yields (author, timestamp, permalink).
pub fn markdown_author(input: &str) -> Res<'_, (Option<&str>, &str, &str)> {
    let link_text = || delimited(char('['), take_while1(|c| c != ']'), char(']'));
    let target = || delimited(char('('), url, char(')'));
    let stamp = || {
        verify(link_text(), |t: &str| {
            timestamp(t).is_ok_and(|(rest, _)| rest.is_empty())
        })
    };
    let named =
        (terminated(link_text(), target()), stamp(), target()).map(|(a, t, u)| (Some(a), t, u));
    let unnamed = (stamp(), target()).map(|(t, u)| (None, t, u));
    all_consuming(delimited(space0, alt((named, unnamed)), trailing_blank)).parse(input)
}

/// A URL inside `<>` or `()`: no blanks, no closing bracket.
fn url(input: &str) -> Res<'_, &str> {
    take_while1(|c: char| !c.is_whitespace() && c != '>' && c != ')').parse(input)
}

/// `blogger_id`: the comment id in a Blogger delete link
/// (`.../comment/delete/BLOG/ID`) or permalink (`...?showComment=T#cID`).
pub fn blogger_id(url: &str) -> Option<&str> {
    let id = match url.split_once("/comment/delete/") {
        Some((_, rest)) => rest.rsplit('/').next()?,
        None => url.rsplit_once("#c")?.1,
    };
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then_some(id)
}

/// `said_line`: the line that opens a comment in Blogger's classic
/// template, in any language of the words table: `Anonymous said...`,
/// `Blogger Pepper Potts said...` (`Blogger`, the profile icon's alt text,
/// is no part of the name), `Anonimo ha detto...`, `bo54 a dit…`. Yields
/// (icon, name); the icon is empty when there is none.
pub fn said_line(input: &str) -> Res<'_, (&str, &str)> {
    let line = input.trim_matches(is_blank_char);
    match words().said(line) {
        Some((icon, name_end, _)) => Ok(("", (&line[..icon], &line[icon..name_end]))),
        None => fail(input),
    }
}

/// The languages of a classic line.
pub fn said_language(input: &str) -> Option<Langs> {
    words()
        .said(input.trim_matches(is_blank_char))
        .map(|(.., lang)| lang)
}

/// `removed_notice`: `This comment has been removed by the author.` or
/// `… by a blog administrator.`, in any language of the words table.
pub fn removed_notice(input: &str) -> Res<'_, &str> {
    let line = input.trim_matches(is_blank_char);
    if words().removed(line).is_some() {
        Ok(("", line))
    } else {
        fail(input)
    }
}

/// `separator`: a line drawn between sections of a post: `--oo00oo--`,
/// `*****`, `-----`, `~~~`.
pub fn separator(input: &str) -> Res<'_, &str> {
    const RULE: &str = "-*=_~#";
    all_consuming(delimited(
        space0,
        verify(
            take_while1(|c: char| RULE.contains(c) || matches!(c, 'o' | 'O' | '0' | ' ')),
            |s: &str| {
                s.trim_end().len() >= 3 && s.chars().filter(|c| RULE.contains(*c)).count() >= 2
            },
        ),
        trailing_blank,
    ))
    .parse(input)
}

#[cfg(test)]
mod tests;
