//! Screens as rendered buffers (TestBackend), snapshotted with insta.

use ratatui::{Terminal, backend::TestBackend, buffer::Buffer, style::Color};
use tread::{
    dump::samples,
    reader::view::view,
    reader::{app::App, update::update},
    settings::actions::Action,
};

fn seeds(width: u16, height: u16) -> App {
    App::with_docs(samples::load().docs, width, height)
}

fn render(app: &App) -> Buffer {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|f| view(app, f)).expect("draw");
    terminal.backend().buffer().clone()
}

/// The screen as text; the cell after a wide character is its second half.
fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn act(app: &mut App, actions: &[Action]) {
    for a in actions {
        update(app, a.clone());
    }
}

#[test]
fn list_and_thread_on_seed_000() {
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[Action::SwitchPane, Action::NextTop, Action::NextTop],
    );
    let buffer = render(&app);
    let screen = text(&buffer);
    // The focused comment's heading is drawn reversed, and only it (looked
    // at in the column where headings start, after the new-comment mark).
    let heading = screen
        .lines()
        .position(|l| l.ends_with("│▌● #2 · ~'Getafix"))
        .map(|y| y as u16);
    let x = screen
        .lines()
        .find_map(|l| l.chars().position(|c| c == '#'))
        .expect("a heading") as u16;
    let reversed: Vec<u16> = (0..29)
        .filter(|&y| {
            buffer[(x, y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED)
        })
        .collect();
    assert_eq!(reversed.first().copied(), heading, "{screen}");
    assert_eq!(reversed.len(), 1);
    insta::assert_snapshot!(screen);
}

#[test]
fn a_folded_comment() {
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[
            Action::SwitchPane,
            Action::NextTop,
            Action::NextTop,
            Action::Enter,
        ],
    );
    let screen = text(&render(&app));
    assert!(
        screen.contains("#2 · ~'Getafix [+1]  The number of people being"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn find_with_highlights_and_counter() {
    let mut app = seeds(100, 30);
    update(&mut app, Action::SwitchPane);
    update(&mut app, Action::FindStart);
    for c in "getafix".chars() {
        update(&mut app, Action::FindInput(c));
    }
    let buffer = render(&app);
    let screen = text(&buffer);
    // In each signature, and in the heading that shows it inferred.
    assert!(screen.contains("find /getafix▏  1/4"), "{screen}");
    // The current match is drawn in its own colour, over the word.
    let mut current = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            if buffer[(x, y)].bg == Color::LightRed {
                current.push_str(buffer[(x, y)].symbol());
            }
        }
    }
    assert_eq!(current, "Getafix");
    insta::assert_snapshot!(screen);
}

#[test]
fn the_help_overlay_lists_every_key() {
    let mut app = seeds(100, 30);
    update(&mut app, Action::Help);
    let screen = text(&render(&app));
    // What does not fit scrolls: the second page holds the rest.
    update(&mut app, Action::PageDown);
    let rest = text(&render(&app));
    assert_ne!(screen, rest);
    for line in tread::settings::keys::help_lines(&Default::default()) {
        if let tread::settings::keys::HelpLine::Keys { keys, what } = line {
            let shown = |s: &str| s.contains(&keys) && s.contains(what);
            assert!(shown(&screen) || shown(&rest), "{keys} {what} missing");
        }
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn a_20x5_terminal() {
    let app = seeds(20, 5);
    let screen = text(&render(&app));
    assert!(screen.starts_with("terminal too small:"), "{screen}");
    assert!(screen.contains("30x6"), "the minimum is named: {screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn control_characters_never_reach_the_screen() {
    let doc = tread::dump::source::from_bytes(
        "evil.txt".into(),
        b"Ti\x1b]0;x\x07tle\n\nBody \x1b[2J\n\n1 comment:\n\n  1. ring\x07 \xf0\x9f\x99\x82 wide \xe6\x97\xa5\xe6\x9c\xac\n\n    ReplyDelete\n"
            .to_vec(),
    )
    .expect("doc");
    let mut app = App::with_docs(vec![doc], 100, 12);
    update(&mut app, Action::Next);
    let buffer = render(&app);
    let screen = text(&buffer);
    assert!(
        !screen.chars().any(|c| c.is_control() && c != '\n'),
        "{screen:?}"
    );
    assert!(
        screen.contains("Ti␛]0;x␇tle") && screen.contains("ring␇"),
        "{screen}"
    );
    assert!(
        screen.contains("🙂 wide 日本"),
        "wide characters keep their columns: {screen}"
    );
}

/// The symbols of the cells that `pick` selects, in reading order.
fn cells(buffer: &Buffer, pick: impl Fn(&ratatui::buffer::Cell) -> bool) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            if pick(&buffer[(x, y)]) {
                out.push_str(buffer[(x, y)].symbol());
            }
        }
    }
    out
}

#[test]
fn without_colour_the_focus_and_matches_still_show() {
    use ratatui::style::Modifier;
    let mut app = seeds(100, 30);
    app.settings.theme = tread::settings::config::Theme::plain();
    update(&mut app, Action::SwitchPane);
    update(&mut app, Action::FindStart);
    for c in "getafix".chars() {
        update(&mut app, Action::FindInput(c));
    }
    let buffer = render(&app);
    let all = buffer.area;
    let coloured = (0..all.height)
        .flat_map(|y| (0..all.width).map(move |x| (x, y)))
        .filter(|&p| buffer[p].fg != Color::Reset || buffer[p].bg != Color::Reset)
        .count();
    assert_eq!(coloured, 0, "no colour at all");
    let current = cells(&buffer, |c| {
        c.modifier
            .contains(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
    });
    assert_eq!(current, "Getafix");
    // The focused comment's heading is reversed, then the match, then the
    // status bar.
    let reversed = cells(&buffer, |c| c.modifier.contains(Modifier::REVERSED));
    assert!(
        reversed.starts_with("#2 · ~'GetafixGetafixfind /getafix"),
        "{reversed}"
    );
}

#[test]
fn links_are_underlined_and_new_comments_marked() {
    use ratatui::style::Modifier;
    let dump = format!(
        "{}\n  21. Read https://example.org/report first.\n    ReplyDelete\n",
        samples::SEEDS[0].1
    );
    let doc = tread::dump::source::from_bytes("000.txt".into(), dump.into_bytes()).expect("doc");
    let mut app = App::with_docs(vec![doc], 100, 30);
    update(&mut app, Action::Bottom);
    let buffer = render(&app);
    let screen = text(&buffer);
    assert!(screen.contains("● #15"), "{screen}");
    let underlined = cells(&buffer, |c| c.modifier.contains(Modifier::UNDERLINED));
    // The seed's own link, the new one; and the list's selected title.
    assert_eq!(
        underlined,
        "New Probation Scandal\
         https://twitter.com/DanNeidle/status/1745920610893434993/photo/1\
         https://example.org/report"
    );
}

#[test]
fn problems_with_config_or_state_are_shown_whole_until_dismissed() {
    let mut app = seeds(100, 30);
    let long = "/home/someone/.config/tread/config.toml:4: keys.fold: `j` is bound to both \
                `next` and `fold`; using the default settings";
    app.alert(vec![
        long.into(),
        "state file was corrupt; set aside".into(),
    ]);
    let screen = text(&render(&app));
    assert!(screen.contains("Not everything could be read"), "{screen}");
    let shown: String = screen
        .lines()
        .filter_map(|l| l.split('│').nth(1))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(shown.contains(long), "{shown}");
    insta::assert_snapshot!(screen);
}

#[test]
fn a_long_query_scrolls_to_keep_the_caret_and_the_counter_in_view() {
    let mut app = seeds(80, 20);
    update(&mut app, Action::SwitchPane);
    update(&mut app, Action::FindStart);
    let long = format!("{}getafix", "x".repeat(200));
    update(&mut app, Action::Insert(long));
    let status = text(&render(&app)).lines().last().unwrap_or("").to_owned();
    assert!(status.starts_with("find /"), "{status}");
    assert!(status.contains("xgetafix▏  no match"), "{status}");
    // At the start, the caret is on screen at the left.
    update(
        &mut app,
        Action::Edit(tread::settings::actions::Edit::Start),
    );
    let status = text(&render(&app)).lines().last().unwrap_or("").to_owned();
    assert!(status.starts_with("find /▏xxx"), "{status}");
    assert!(status.ends_with("no match"), "{status}");
}

#[test]
fn separators_and_bidi_controls_are_drawn_as_placeholders() {
    let dump = "Title\n\nBody\n\n1 comments:\n\n  1. one\u{2028}two\u{2029}three \u{202e}evil\u{202c} end\n    ReplyDelete\n";
    let doc =
        tread::dump::source::from_bytes("sep.txt".into(), dump.as_bytes().to_vec()).expect("doc");
    let app = App::with_docs(vec![doc], 100, 20);
    let screen = text(&render(&app));
    assert!(screen.contains("one␤two¶three �evil� end"), "{screen}");
    for c in ['\u{2028}', '\u{2029}', '\u{202e}', '\u{202c}'] {
        assert!(!screen.contains(c));
    }
}

/// The rows of the thread pane (right of the list), as text.
fn thread_rows(app: &App) -> Vec<String> {
    let screen = text(&render(app));
    let first = screen.lines().next().unwrap_or("");
    let list_w = first.find('┐').map_or(0, |i| {
        unicode_width::UnicodeWidthStr::width(&first[..i]) + 1
    });
    screen
        .lines()
        .map(|l| l.chars().skip(list_w).collect())
        .collect()
}

/// The row where comment `id`'s heading is drawn.
fn heading_row(rows: &[String], id: &str) -> Option<usize> {
    rows.iter().position(|r| {
        let r = r.trim_start_matches([' ', '│', '●', '▌']);
        r.strip_prefix('#')
            .and_then(|r| r.strip_prefix(id))
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
}

#[test]
fn a_jump_shows_the_comment_whole_and_what_follows() {
    let mut app = seeds(120, 60);
    act(&mut app, &[Action::Next, Action::SwitchPane, Action::Top]);
    act(
        &mut app,
        &[
            Action::NextTop,
            Action::NextTop,
            Action::NextTop,
            Action::NextTop,
        ],
    );
    let t = app.thread.as_ref().expect("thread");
    assert_eq!(t.outline.items[t.focus].id, "4");
    let rows = thread_rows(&app);
    let screen = rows.join("\n");
    assert!(heading_row(&rows, "4.1").is_some(), "{screen}");
    assert!(screen.contains("Ooh yes! HMPPS Promote"), "{screen}");
    // Two rows of context above the heading.
    assert_eq!(heading_row(&rows, "4"), Some(2), "{screen}");
}

#[test]
fn a_comment_taller_than_the_pane_starts_at_its_top() {
    let mut app = seeds(100, 12);
    act(&mut app, &[Action::SwitchPane, Action::NextTop]);
    let rows = thread_rows(&app);
    assert_eq!(heading_row(&rows, "1"), Some(0), "{rows:#?}");
}

#[test]
fn zz_zt_zb_put_the_focused_comment_in_the_centre_at_the_top_or_bottom() {
    use tread::settings::actions::Place;
    let mut app = seeds(120, 40);
    act(&mut app, &[Action::Next, Action::SwitchPane, Action::Top]);
    act(
        &mut app,
        &[Action::NextTop, Action::NextTop, Action::NextTop],
    );
    let heading = |app: &App| heading_row(&thread_rows(app), "3").expect("#3 on screen");
    let height = {
        let t = app.thread.as_ref().expect("thread");
        t.screen.iter().filter(|r| r.item == t.focus).count()
    };
    let page = 39;
    assert!(height + 4 < page, "a short comment");
    act(&mut app, &[Action::PlacePrefix, Action::Place(Place::Top)]);
    assert_eq!(heading(&app), 2);
    act(
        &mut app,
        &[Action::PlacePrefix, Action::Place(Place::Bottom)],
    );
    assert_eq!(heading(&app) + height, page, "its last row at the bottom");
    act(
        &mut app,
        &[Action::PlacePrefix, Action::Place(Place::Centre)],
    );
    assert_eq!(heading(&app), (page - height) / 2);
    // Another key after z cancels it and does nothing else.
    act(&mut app, &[Action::PlacePrefix, Action::Back]);
    assert_eq!(app.mode(), tread::settings::actions::Mode::Thread);
    assert_eq!(heading(&app), (page - height) / 2);
}

#[test]
fn the_focus_and_the_pane_with_the_keyboard_show_with_and_without_colour() {
    use ratatui::style::Modifier;
    for (w, h) in [(120, 40), (80, 24)] {
        for plain in [false, true] {
            let mut app = seeds(w, h);
            if plain {
                app.settings.theme = tread::settings::config::Theme::plain();
            }
            act(
                &mut app,
                &[Action::SwitchPane, Action::NextTop, Action::NextTop],
            );
            let buffer = render(&app);
            let screen = text(&buffer);
            let t = app.thread.as_ref().expect("thread");
            let focused_rows = t.screen.iter().filter(|r| r.item == t.focus).count();
            assert_eq!(
                screen.matches('▌').count(),
                focused_rows,
                "{w}x{h} {plain}: {screen}"
            );
            let status = screen.lines().nth(h as usize - 1).unwrap_or("");
            assert!(status.starts_with(" thread · "), "{status}");
            // In the list, the list's border is the one drawn bold/coloured.
            act(&mut app, &[Action::SwitchPane]);
            let buffer = render(&app);
            let screen = text(&buffer);
            assert_eq!(screen.matches('▌').count(), 0, "{screen}");
            let status = screen.lines().nth(h as usize - 1).unwrap_or("");
            assert!(status.starts_with(" list · "), "{status}");
            let border = &buffer[(1, 0)];
            assert!(
                border.modifier.contains(Modifier::BOLD),
                "{w}x{h} {plain}: the active border is bold"
            );
        }
    }
}

#[test]
fn a_long_notice_ends_in_an_ellipsis_and_keeps_the_help_hint() {
    let mut app = seeds(80, 24);
    app.notice = Some(format!("saved to /{}", "very/long/path/".repeat(10)));
    let screen = text(&render(&app));
    let status = screen.lines().last().unwrap_or("");
    assert!(status.ends_with("? help"), "{status}");
    assert!(status.contains('…'), "{status}");
}

#[test]
fn the_help_fits_80x24_in_one_column_and_scrolls_to_its_end() {
    let mut app = seeds(80, 24);
    update(&mut app, Action::Help);
    let mut pages = vec![text(&render(&app))];
    for _ in 0..20 {
        update(&mut app, Action::PageDown);
        let page = text(&render(&app));
        if pages.last() == Some(&page) {
            break;
        }
        pages.push(page);
    }
    assert!(pages.len() > 2, "it scrolls");
    let last = pages.last().expect("a page");
    assert!(last.contains("Ctrl-C") && last.contains("quit"), "{last}");
    for line in tread::settings::keys::help_lines(&Default::default()) {
        if let tread::settings::keys::HelpLine::Keys { keys, what } = line {
            assert!(
                pages.iter().any(|p| p.contains(&keys) && p.contains(what)),
                "{keys} {what} missing"
            );
        }
    }
    // One column: no line holds two key entries.
    assert!(pages[0].lines().all(|l| l.chars().count() <= 80));
}

#[test]
fn slash_in_the_list_filters_posts_by_title_and_date() {
    let mut app = seeds(120, 40);
    act(&mut app, &[Action::Next, Action::FindStart]);
    for c in "toxic".chars() {
        update(&mut app, Action::FindInput(c));
    }
    let screen = text(&render(&app));
    assert!(screen.contains("Posts (1 of 5)"), "{screen}");
    assert!(screen.contains("Is Probation Toxic?"), "{screen}");
    assert!(!screen.contains("Dear Mr Jones"), "{screen}");
    let status = screen.lines().last().unwrap_or("");
    assert!(
        status.starts_with("filter /toxic▏  1 of 5 posts"),
        "{status}"
    );
    assert_eq!(app.selected, 2, "the selection follows to what is shown");
    // Esc in the prompt: the whole list, and the post selected before.
    update(&mut app, Action::FindCancel);
    assert_eq!((app.shown(), app.selected), (5, 1));
    // By date, kept with Enter; j moves among what is shown; Esc clears.
    update(&mut app, Action::FindStart);
    update(&mut app, Action::Insert("2024".into()));
    update(&mut app, Action::FindAccept);
    assert_eq!(app.shown(), 2, "January and October 2024");
    act(&mut app, &[Action::Top, Action::Next, Action::Next]);
    assert_eq!(app.selected, 1, "the second of the two, and no further");
    update(&mut app, Action::Leave);
    assert_eq!(app.shown(), 5);
    assert!(!app.quit);
}

#[test]
fn posts_of_one_title_from_two_files_show_their_files() {
    let seed = samples::SEEDS[0].1.as_bytes().to_vec();
    let docs = vec![
        tread::dump::source::from_bytes("saved/monday.txt".into(), seed.clone()).expect("doc"),
        tread::dump::source::from_bytes("saved/tuesday.txt".into(), seed).expect("doc"),
        tread::dump::source::from_bytes(
            "other.txt".into(),
            samples::SEEDS[1].1.as_bytes().to_vec(),
        )
        .expect("doc"),
    ];
    let app = App::with_docs(docs, 120, 30);
    let screen = text(&render(&app));
    assert!(screen.contains("· monday.txt ·"), "{screen}");
    assert!(screen.contains("· tuesday.txt ·"), "{screen}");
    assert!(
        !screen.contains("· other.txt ·"),
        "a title of its own needs no file: {screen}"
    );
}

#[test]
fn emoji_cjk_and_combining_marks_wrap_whole_and_within_the_pane() {
    use tread::dump::width;
    let hard = [
        "❤️".repeat(60),
        "👩‍👩‍👧 family 🇬🇧 🇯🇵 flags 👍🏽 1️⃣ keycaps".repeat(4),
        "日本語のテキストは空白なしで長く続くことがあります".repeat(3),
        "cafe\u{301} naïve e\u{301}e\u{301}e\u{301} ".repeat(8),
        "שלום עולם, مرحبا بالعالم ".repeat(6),
    ];
    let mut dump = String::from("Title\n\nBody\n\n5 comments:\n\n");
    for (i, text) in hard.iter().enumerate() {
        dump.push_str(&format!("  {}. {text}\n    ReplyDelete\n\n", i + 1));
    }
    for (w, h) in [(60, 12), (120, 40)] {
        let doc = tread::dump::source::from_bytes("hard.txt".into(), dump.clone().into_bytes())
            .expect("doc");
        let mut app = App::with_docs(vec![doc], w, h);
        for step in [
            Action::Bottom,
            Action::Top,
            Action::NextTop,
            Action::Enter,
            Action::Enter,
        ] {
            update(&mut app, step);
            let t = app.thread.as_ref().expect("thread");
            let pane = usize::from(w) - 2;
            for row in &t.screen {
                let item = &t.outline.items[row.item];
                let indent = tread::reader::outline::indent(item.depth, row.row.kind);
                assert!(
                    indent + width::width(&row.row.text) <= pane,
                    "{w}x{h}: {:?} is wider than {pane}",
                    row.row.text
                );
                if let Some(src) = &row.row.src {
                    let text = &item.text;
                    assert!(
                        text.is_char_boundary(src.start) && text.is_char_boundary(src.end),
                        "{src:?}"
                    );
                    let before = &text[..src.start];
                    use unicode_segmentation::UnicodeSegmentation;
                    let bounds: Vec<usize> = text
                        .grapheme_indices(true)
                        .map(|(i, _)| i)
                        .chain([text.len()])
                        .collect();
                    assert!(
                        bounds.contains(&src.start) && bounds.contains(&src.end),
                        "a grapheme split at {src:?} after {:?}",
                        before.chars().rev().take(3).collect::<String>()
                    );
                }
            }
        }
    }
}

#[test]
fn the_find_highlight_covers_whole_graphemes() {
    // q with an acute has no precomposed form: it stays two code points.
    let dump = "Title\n\nBody\n\n1 comments:\n\n  1. Iq\u{301} and a family 👩‍👩‍👧 here\u{200b}too\n    ReplyDelete\n";
    let doc =
        tread::dump::source::from_bytes("g.txt".into(), dump.as_bytes().to_vec()).expect("doc");
    for (query, whole) in [("q", "q\u{301}"), ("👩", "👩‍👩‍👧")] {
        let mut app = App::with_docs(vec![doc.clone()], 100, 20);
        update(&mut app, Action::FindStart);
        update(&mut app, Action::Insert(query.into()));
        let buffer = render(&app);
        let lit: Vec<String> = (0..20)
            .flat_map(|y| (0..100).map(move |x| (x, y)))
            .filter(|&p| buffer[p].bg == Color::LightRed || buffer[p].bg == Color::Yellow)
            .map(|p| buffer[p].symbol().to_owned())
            .collect();
        assert!(lit.iter().any(|s| s == whole), "{query}: {lit:?}");
        let screen = text(&buffer);
        assert!(
            screen.contains("heretoo"),
            "a zero-width space is not drawn: {screen}"
        );
    }
}

/// A dump of hard text: flags, families, skin tones, VS16, keycaps, CJK,
/// combining marks, right-to-left scripts, a stray joiner, long authors.
fn hard_dump() -> String {
    let mut dump =
        String::from("Title 🇬🇧 日本\n\nBody 🇬🇧 🇯🇵 👩‍👩‍👧 日本語 a\u{200d}b\n\n6 comments:\n\n");
    for i in 1..=6 {
        let author = if i % 2 == 0 {
            "長い名前の作者".repeat(6)
        } else {
            "Ann".into()
        };
        dump.push_str(&format!(
            "  {i}. {author} 28 July 2024 at 03:0{i}\n    {}\n    ReplyDelete\n\n",
            "🇬🇧 🇯🇵 👩‍👩‍👧 日本語 cafe\u{301} ❤️ 1️⃣ 👍🏽 שלום مرحبا ".repeat(i * 3)
        ));
    }
    dump
}

/// The screen as a terminal shows it: every cell but those a wide grapheme
/// before them covers (ratatui never sends those).
fn shown(buffer: &Buffer) -> Vec<(u16, u16, String, Color, Color)> {
    let mut out = Vec::new();
    for y in 0..buffer.area.height {
        let mut covered = 0;
        for x in 0..buffer.area.width {
            if covered > 0 {
                covered -= 1;
                continue;
            }
            let cell = &buffer[(x, y)];
            covered = tread::dump::width::width(cell.symbol()).saturating_sub(1);
            out.push((x, y, cell.symbol().to_owned(), cell.fg, cell.bg));
        }
    }
    out
}

/// Stale cells under wide graphemes (issue: every script and emoji drawn
/// right): ratatui resends only the cells that changed in its own buffer,
/// so the cell behind a wide grapheme kept what a terminal (tmux keeps a
/// flag in two cells) or the TestBackend last had there. The reader
/// resends rows with such graphemes whole (`Repaint`); after every move,
/// fold and resize the screen equals a fresh render, no cell holds part of
/// a grapheme, and no row is wider than its pane.
#[test]
fn an_incremental_render_equals_a_fresh_one_over_flags_families_and_cjk() {
    use unicode_segmentation::UnicodeSegmentation;
    let dump = hard_dump();
    let whole: std::collections::HashSet<String> = tread::reader::display::display(&dump)
        .graphemes(true)
        .map(str::to_owned)
        .collect();
    for (w, h) in [(60, 12), (120, 40)] {
        let doc = tread::dump::source::from_bytes("flags.txt".into(), dump.clone().into_bytes())
            .expect("doc");
        let mut app = App::with_docs(vec![doc], w, h);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        let mut repaint = tread::reader::repaint::Repaint::default();
        let mut steps = vec![
            Action::SwitchPane,
            Action::Bottom,
            Action::Top,
            Action::NextTop,
            Action::Fold,
            Action::PageDown,
            Action::Unfold,
            Action::Resize {
                width: w - 13,
                height: h - 3,
            },
            Action::Next,
            Action::Resize {
                width: w + 1,
                height: h + 1,
            },
            Action::Fold,
            Action::Bottom,
            Action::SwitchPane,
            Action::Top,
        ];
        // A storm of resizes.
        steps.extend((0..50u16).map(|i| Action::Resize {
            width: w - 20 + (i * 7) % 40,
            height: h - 4 + i % 8,
        }));
        steps.extend([
            Action::Resize {
                width: w,
                height: h,
            },
            Action::Bottom,
        ]);
        for step in steps {
            if let Action::Resize { width, height } = step {
                terminal.backend_mut().resize(width, height);
                terminal
                    .resize(ratatui::layout::Rect::new(0, 0, width, height))
                    .expect("resize");
            }
            update(&mut app, step.clone());
            repaint
                .draw(&mut terminal, |f| view(&app, f))
                .expect("draw");
            let fresh = render(&app);
            assert_eq!(
                shown(terminal.backend().buffer()),
                shown(&fresh),
                "{w}x{h} after {step:?}"
            );
            for (x, y, symbol, _, _) in shown(&fresh) {
                assert!(
                    symbol.is_ascii() || whole.contains(&symbol) || symbol.chars().count() == 1,
                    "{w}x{h} after {step:?}: {symbol:?} at {x},{y} is part of a grapheme"
                );
            }
            if let (Some(t), Some(pane)) = (&app.thread, app.panes().thread) {
                for row in &t.screen {
                    let item = &t.outline.items[row.item];
                    let indent = tread::reader::outline::indent(item.depth, row.row.kind);
                    assert!(
                        indent + tread::dump::width::width(&row.row.text) < usize::from(pane.width),
                        "{w}x{h} after {step:?}: {:?} is wider than its pane",
                        row.row.text
                    );
                }
            }
        }
    }
}

#[test]
fn both_ways_to_write_cafe_find_both() {
    let dump = "Title\n\nBody\n\n2 comments:\n\n  1. un café noir\n    ReplyDelete\n\n  2. un cafe\u{301} au lait\n    ReplyDelete\n";
    let doc =
        tread::dump::source::from_bytes("c.txt".into(), dump.as_bytes().to_vec()).expect("doc");
    for query in ["café", "cafe\u{301}"] {
        let mut app = App::with_docs(vec![doc.clone()], 100, 20);
        update(&mut app, Action::FindStart);
        update(&mut app, Action::Insert(query.into()));
        assert_eq!(app.find.matches.len(), 2, "{query:?}");
    }
    // Accents count: `cafe` finds neither (as less does).
    let mut app = App::with_docs(vec![doc], 100, 20);
    update(&mut app, Action::FindStart);
    update(&mut app, Action::Insert("cafe ".into()));
    assert_eq!(app.find.matches.len(), 0);
}

#[test]
fn the_prompt_draws_an_emoji_family_and_an_accent_whole() {
    use tread::settings::actions::Edit;
    let mut app = seeds(60, 12);
    update(&mut app, Action::SwitchPane);
    update(&mut app, Action::FindStart);
    update(&mut app, Action::Insert("👩‍👩‍👧 cafe\u{301}".into()));
    let status = |app: &App| {
        text(&render(app))
            .lines()
            .last()
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        status(&app).starts_with("find /👩‍👩‍👧 café▏"),
        "{}",
        status(&app)
    );
    // The cursor steps back a code point at a time; the caret stands
    // before the grapheme it is in, never inside one.
    // (The query is kept in normal form C: `é` is one code point.)
    for back in 1..=10 {
        update(&mut app, Action::Edit(Edit::Left));
        let line = status(&app);
        let caret = match back {
            1 => "find /👩‍👩‍👧 caf▏é",
            2 => "find /👩‍👩‍👧 ca▏fé",
            5 => "find /👩‍👩‍👧▏ café",
            6.. => "find /▏👩‍👩‍👧 café",
            _ => "find /👩‍👩‍👧 ",
        };
        assert!(line.starts_with(caret), "{back}: {line}");
    }
}

/// What a terminal that keeps a flag's two letters in two cells (tmux 3.3;
/// vt100 here) shows after each step, drawn incrementally, next to what it
/// shows of the same state drawn on a fresh screen. (vt100's own way with
/// `❤️` and keycaps, which it widens after the fact, is no terminal's and
/// left out; tmux with them was tried by hand.)
#[test]
fn a_terminal_that_keeps_a_flag_in_two_cells_is_left_nothing_stale() {
    use ratatui::{TerminalOptions, Viewport, backend::CrosstermBackend, layout::Rect};
    let mut dump = String::from("Title\n\nBody\n\n4 comments:\n\n");
    for i in 1..=4 {
        dump.push_str(&format!(
            "  {i}. {}\n    {}\n    {}\n    ReplyDelete\n\n",
            "🇬🇧".repeat(20),
            "日本語 🇯🇵 ".repeat(6),
            "👩‍👩‍👧 café".repeat(4)
        ));
    }
    let doc = tread::dump::source::from_bytes("stale.txt".into(), dump.into_bytes()).expect("doc");
    let (w, h) = (60u16, 12u16);
    let screen_of = |bytes: &[u8]| {
        let size = |n| std::num::NonZeroU16::new(n).expect("not zero");
        let mut parser = vt100::Parser::new(size(h), size(w), 0);
        parser.process(bytes);
        // Cells written with a space and cells never written look alike.
        let rows: Vec<String> = parser
            .screen()
            .contents()
            .lines()
            .map(|l| l.trim_end().to_owned())
            .collect();
        rows.join("\n")
    };
    /// What a terminal is sent, kept to be read.
    #[derive(Clone, Default)]
    struct Tape(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);
    impl std::io::Write for Tape {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let terminal = |tape: &Tape| {
        let viewport = Viewport::Fixed(Rect::new(0, 0, w, h));
        let backend = CrosstermBackend::new(tape.clone());
        Terminal::with_options(backend, TerminalOptions { viewport }).expect("terminal")
    };
    let mut app = App::with_docs(vec![doc], w, h);
    let tape = Tape::default();
    let mut incremental = terminal(&tape);
    let mut repaint = tread::reader::repaint::Repaint::default();
    for step in [
        Action::LineDown,
        Action::LineDown,
        Action::Next,
        Action::Bottom,
        Action::LineUp,
        Action::Top,
        Action::SwitchPane,
        Action::SwitchPane,
        Action::FindStart,
        Action::Insert("❤️".into()),
        Action::Edit(tread::settings::actions::Edit::Start),
    ] {
        update(&mut app, step.clone());
        repaint
            .draw(&mut incremental, |f| view(&app, f))
            .expect("draw");
        let fresh = Tape::default();
        tread::reader::repaint::Repaint::default()
            .draw(&mut terminal(&fresh), |f| view(&app, f))
            .expect("draw");
        assert_eq!(
            screen_of(&tape.0.borrow()),
            screen_of(&fresh.0.borrow()),
            "after {step:?}"
        );
    }
}

#[test]
fn a_persian_word_with_its_non_joiner_is_found_as_typed() {
    // Persian keyboards type the zero-width non-joiner inside words; it
    // stays in the text and in the query alike.
    let word = "می\u{200c}خواهم";
    let dump = format!("Title\n\nBody\n\n1 comments:\n\n  1. من {word} بروم\n    ReplyDelete\n");
    let doc = tread::dump::source::from_bytes("fa.txt".into(), dump.into_bytes()).expect("doc");
    // One post: it opens in the thread.
    let mut app = App::with_docs(vec![doc], 100, 20);
    update(&mut app, Action::FindStart);
    update(&mut app, Action::Insert(word.into()));
    assert_eq!(app.find.matches.len(), 1);
    // And a query with a zero-width space in it finds the word without.
    update(&mut app, Action::FindCancel);
    update(&mut app, Action::FindStart);
    update(&mut app, Action::Insert("Bo\u{200b}dy".into()));
    assert_eq!(app.find.matches.len(), 1);
}

#[test]
fn a_spanish_post_says_its_language_in_its_header() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/es_clean.txt");
    let doc = tread::dump::source::load(&path).expect("fixture loads");
    let mut app = App::with_docs(vec![doc], 100, 24);
    act(&mut app, &[Action::SwitchPane]);
    let screen = text(&render(&app));
    assert!(screen.contains("3 comentarios: · Spanish"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn the_status_bar_shows_the_focused_comments_ancestors_cut_from_the_left() {
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[
            Action::SwitchPane,
            Action::Digit(6),
            Action::Top,
            Action::Next,
        ],
    );
    let screen = text(&render(&app));
    let status = screen.lines().last().unwrap_or_default().to_owned();
    assert!(status.contains(" · #6 › #6.1 ~'Getafix"), "{status}");
    // Narrow: the chain loses its start, never the focused comment.
    update(
        &mut app,
        Action::Resize {
            width: 36,
            height: 20,
        },
    );
    let screen = text(&render(&app));
    let status = screen.lines().last().unwrap_or_default().to_owned();
    assert!(
        status.contains("…") && status.contains("#6.1 ~'Getafix"),
        "{status}"
    );
}

/// Seeds, at post `post` (0-based) with the thread pane.
fn at_post(post: usize) -> App {
    let mut app = seeds(100, 30);
    for _ in 0..post {
        update(&mut app, Action::Next);
    }
    update(&mut app, Action::SwitchPane);
    app
}

/// The cells drawn in `style`'s modifier, as text.
fn italic_cells(buffer: &Buffer) -> String {
    cells(buffer, |c| {
        c.modifier.contains(ratatui::style::Modifier::ITALIC)
    })
}

#[test]
fn the_source_view_of_seed_001_comment_7() {
    let mut app = at_post(1);
    act(&mut app, &[Action::Digit(7), Action::Top, Action::Source]);
    let buffer = render(&app);
    let screen = text(&buffer);
    insta::assert_snapshot!(screen);
}

#[test]
fn the_source_view_of_a_seed_004_comment_dims_its_glued_action_words() {
    let mut app = at_post(4);
    act(&mut app, &[Action::Digit(2), Action::Top, Action::Source]);
    let buffer = render(&app);
    let screen = text(&buffer);
    insta::assert_snapshot!(screen);
    let consumed = italic_cells(&buffer);
    assert!(consumed.contains("ReplyDelete"), "{consumed}");
}

#[test]
fn the_diagnostics_of_seed_000_and_004() {
    let mut app = at_post(0);
    update(&mut app, Action::Diagnostics);
    let screen = text(&render(&app));
    assert!(
        screen.contains("the header declares 21 comments; 20 found"),
        "{screen}"
    );
    insta::assert_snapshot!("diagnostics_000", screen);
    let mut app = at_post(4);
    update(&mut app, Action::Diagnostics);
    let screen = text(&render(&app));
    insta::assert_snapshot!("diagnostics_004", screen);
}

#[test]
fn a_repeated_line_of_seed_004_is_drawn_once_and_r_shows_it_again() {
    let mut app = at_post(4);
    update(&mut app, Action::PageDown);
    let once = text(&render(&app));
    assert!(once.contains("(repeated)"), "{once}");
    insta::assert_snapshot!(once);
    update(&mut app, Action::ToggleRepeats);
    let each = text(&render(&app));
    assert!(!each.contains("(repeated)"), "{each}");
    // The line left out is back, once more.
    let line = "So true it is dysfunctional";
    assert_eq!(
        once.matches(line).count() + 1,
        each.matches(line).count(),
        "{each}"
    );
}

#[test]
fn find_everywhere_draws_its_lines_around_their_matches_at_any_width() {
    for (w, h) in [(100, 30), (60, 20), (40, 12), (30, 6)] {
        for query in ["e", "inspector", "…", "Napo", "shocking"] {
            let mut app = seeds(w, h);
            update(&mut app, Action::CorpusFind);
            for c in query.chars() {
                update(&mut app, Action::FindInput(c));
            }
            let screen = text(&render(&app));
            if query == "inspector" && w == 60 {
                // Each line shows its match, not only its start.
                let shown = screen.lines().filter(|l| l.contains("#")).count();
                let with = screen
                    .lines()
                    .filter(|l| l.to_lowercase().contains("inspector"))
                    .count();
                assert!(shown > 0 && with >= shown, "{screen}");
            }
        }
    }
}

#[test]
fn the_tree_filter_shows_why_each_comment_is_kept() {
    let mut app = seeds(100, 30);
    act(
        &mut app,
        &[Action::Next, Action::SwitchPane, Action::TreeFilter],
    );
    for c in "inspect".chars() {
        update(&mut app, Action::FindInput(c));
    }
    update(&mut app, Action::FindAccept);
    let buffer = render(&app);
    let matched = cells(&buffer, |c| {
        c.bg == Color::Yellow
            || c.fg == Color::Yellow && c.modifier.contains(ratatui::style::Modifier::REVERSED)
    });
    assert!(
        matched.to_lowercase().contains("inspect"),
        "{matched:?}\n{}",
        text(&buffer)
    );
}
