//! The open post: its rows, with depth guides, headings, new-comment marks,
//! the focus, links and find matches drawn over the text.

use ratatui::{
    Frame,
    layout::Rect,
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::Paragraph,
};

use unicode_segmentation::UnicodeSegmentation;

use crate::reader::{
    app::{App, Pane},
    find::Part,
    outline::RowKind,
    thread::{ScreenRow, ThreadState},
};

pub(super) fn thread(app: &App, t: &ThreadState, frame: &mut Frame, area: Rect) {
    let text = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(1),
        ..area
    };
    let lines: Vec<Line> = t
        .screen
        .iter()
        .map(|row| screen_line(app, t, row))
        .collect();
    frame.render_widget(Paragraph::new(lines), text);
    // The focused comment's whole block is marked in the free column on
    // the left, while the thread has the keyboard.
    if app.pane == Pane::Thread && area.width > 0 {
        let bar = app.settings.theme.heading;
        let buf = frame.buffer_mut();
        for (y, row) in t.screen.iter().enumerate().take(area.height as usize) {
            if row.item == t.focus {
                buf[(area.x, area.y + y as u16)]
                    .set_symbol("▌")
                    .set_style(bar);
            }
        }
    }
}

fn screen_line<'a>(app: &'a App, t: &ThreadState, sr: &'a ScreenRow) -> Line<'a> {
    let theme = &app.settings.theme;
    let item = &t.outline.items[sr.item];
    let row = &sr.row;
    let focused = sr.item == t.focus && app.pane == Pane::Thread;
    let heading = matches!(row.kind, RowKind::Heading | RowKind::Folded);
    let mut spans = Vec::new();
    if item.is_comment() {
        let guides = "│ ".repeat(item.depth);
        spans.push(Span::styled(guides, theme.dim));
        if matches!(row.kind, RowKind::Text | RowKind::Repeated) {
            spans.push(Span::raw("  "));
        }
    }
    if row.kind == RowKind::Repeated {
        // A scrape's duplicates, left out: said, dimly, and never found.
        spans.push(Span::styled(
            row.text.clone(),
            theme.dim.add_modifier(Modifier::ITALIC),
        ));
        return Line::from(spans);
    }
    if heading && t.new[sr.item] {
        spans.push(Span::styled("● ", theme.new));
    }
    let base = match row.kind {
        RowKind::Title => Style::new().add_modifier(Modifier::BOLD),
        RowKind::Date | RowKind::Section => theme.dim.add_modifier(Modifier::ITALIC),
        RowKind::Heading | RowKind::Folded => theme.heading,
        _ => Style::new(),
    };
    // Removed, or kept by the tree filter only as a match's ancestor.
    let context = t
        .kept
        .as_ref()
        .is_some_and(|k| item.is_comment() && !k.matched[sr.item]);
    let base = if item.removed || context {
        base.patch(theme.dim)
    } else {
        base
    };
    let base = if focused && heading
        || focused && item.depth == 0 && !item.is_comment() && row.kind == RowKind::Title
    {
        base.patch(theme.focus)
    } else {
        base
    };
    if row.kind == RowKind::Rule {
        spans.push(Span::styled("─".repeat(24), theme.dim));
        return Line::from(spans);
    }
    let Some(src) = &row.src else {
        // A heading, title or date: matches drawn where the query finds
        // them in the row.
        let mut overlays = filter_matches(app, t, &row.text);
        overlays.extend(heading_matches(app, sr));
        styled_pieces(&row.text, base, &overlays, &mut spans);
        return Line::from(spans);
    };
    // Links and matches that fall in this row, in the row's own offsets,
    // matches drawn over links.
    let lead = row.text.len() - (src.end - src.start);
    let to_row = |r: &std::ops::Range<usize>| {
        let (a, b) = (r.start.max(src.start), r.end.min(src.end));
        (a < b).then(|| (a - src.start + lead, b - src.start + lead))
    };
    // Quotes of earlier comments (`Q` follows them), then links.
    let quoted = theme.heading.add_modifier(Modifier::UNDERLINED);
    let mut overlays: Vec<(usize, usize, Style)> = row
        .refs
        .iter()
        .filter_map(|r| to_row(r).map(|(a, b)| (a, b, quoted)))
        .chain(
            row.links
                .iter()
                .filter_map(|l| to_row(l).map(|(a, b)| (a, b, theme.link))),
        )
        .collect();
    overlays.extend(filter_matches(app, t, &row.text));
    let start = app.find.matches.partition_point(|m| m.item < sr.item);
    for (k, m) in app
        .find
        .matches
        .iter()
        .enumerate()
        .skip(start)
        .take_while(|(_, m)| m.item == sr.item)
        .filter(|(_, m)| m.part == Part::Text)
    {
        let style = if app.find.current == Some(k) {
            theme.current
        } else {
            theme.matched
        };
        if let Some((a, b)) = to_row(&m.range) {
            overlays.push((a, b, style));
        }
    }
    styled_pieces(&row.text, base, &overlays, &mut spans);
    Line::from(spans)
}

/// Where the find's query matches a row that is no text (a heading, a
/// title, a date), styled as matches; the current one when the current
/// match is in this item's heading or date.
fn heading_matches(app: &App, sr: &ScreenRow) -> Vec<(usize, usize, Style)> {
    let theme = &app.settings.theme;
    let Some(re) = &app.find.re else {
        return Vec::new();
    };
    let current = app
        .find
        .current
        .and_then(|c| app.find.matches.get(c))
        .is_some_and(|m| m.item == sr.item && m.part != Part::Text);
    let style = if current {
        theme.current
    } else {
        theme.matched
    };
    re.find_iter(&sr.row.text)
        .filter(|m| !m.range().is_empty())
        .map(|m| (m.start(), m.end(), style))
        .collect()
}

/// What the tree filter (`&`) matched in a row's `text`, while it is on:
/// why each comment kept is there.
fn filter_matches(app: &App, t: &ThreadState, text: &str) -> Vec<(usize, usize, Style)> {
    let (Some(_), Some(re)) = (&t.kept, &app.tree_filter.re) else {
        return Vec::new();
    };
    re.find_iter(text)
        .filter(|m| !m.range().is_empty())
        .map(|m| (m.start(), m.end(), app.settings.theme.matched))
        .collect()
}

/// Splits `text` where overlays begin and end; each piece gets `base`
/// patched by every overlay over it, later ones on top.
fn styled_pieces<'a>(
    text: &'a str,
    base: Style,
    overlays: &[(usize, usize, Style)],
    spans: &mut Vec<Span<'a>>,
) {
    if overlays.is_empty() {
        spans.push(Span::styled(text, base));
        return;
    }
    // An overlay covers whole graphemes: a match on `e` of `e` + U+0301,
    // or on one person of a family emoji, takes in the whole of it (in
    // ASCII every byte is one).
    let bounds: Vec<usize> = if text.is_ascii() {
        Vec::new()
    } else {
        text.grapheme_indices(true)
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect()
    };
    let snap_down = |c: usize| match bounds.as_slice() {
        [] => c,
        b => b[b.partition_point(|&x| x <= c).saturating_sub(1)],
    };
    let snap_up = |c: usize| match bounds.as_slice() {
        [] => c,
        b => b[b.partition_point(|&x| x < c).min(b.len() - 1)],
    };
    let overlays: Vec<(usize, usize, Style)> = overlays
        .iter()
        .map(|&(a, b, st)| (snap_down(a.min(text.len())), snap_up(b.min(text.len())), st))
        .collect();
    let overlays = overlays.as_slice();
    let mut cuts: Vec<usize> = overlays
        .iter()
        .flat_map(|&(a, b, _)| [a, b])
        .chain([0, text.len()])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let style = overlays
            .iter()
            .filter(|&&(x, y, _)| x <= a && b <= y)
            .fold(base, |s, &(_, _, o)| s.patch(o));
        spans.push(Span::styled(&text[a..b], style));
    }
}
