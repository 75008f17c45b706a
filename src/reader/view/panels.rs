//! The evidence panels, drawn over the thread pane: the source view (line
//! numbers, the node's lines marked, what the grammar consumed dimmed) and
//! the post's diagnostics (`line: severity: message`).

use ratatui::{
    Frame,
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Borders, Clear, Paragraph},
};

use crate::{
    dump::thread::Severity,
    dump::width,
    export,
    reader::display::display,
    reader::{
        app::{App, Diagnostics},
        outline,
        panels::gutter,
        source::{Piece, Source},
    },
};

pub(super) fn source(app: &App, source: &Source, frame: &mut Frame) {
    let area = app.panel_area();
    let theme = &app.settings.theme;
    let Some(doc) = app.open_doc() else {
        return;
    };
    let last = source.first + source.lines.len().saturating_sub(1);
    let title = format!(
        " source · {} lines {}–{last} · Enter: its comment, Esc: back ",
        outline::file_name(doc),
        source.first
    );
    let inner = opened(frame, area, &title, theme.heading);
    let (room, height) = app.source_room(source);
    let numbers = gutter(source) - 2;
    let mut lines: Vec<Line> = Vec::new();
    for i in source.top..source.lines.len() {
        let in_node = source.in_node(i);
        for (k, row) in source.rows(doc, i, room).into_iter().enumerate() {
            let number = if k == 0 {
                format!("{:>numbers$}", source.first + i)
            } else {
                " ".repeat(numbers)
            };
            let number_style = match (i == source.cursor, in_node) {
                (true, _) => theme.focus,
                (false, true) => theme.heading,
                (false, false) => theme.dim,
            };
            let mark = if in_node { "▌ " } else { "  " };
            let mut spans = vec![
                Span::styled(number, number_style),
                Span::styled(mark, theme.heading),
            ];
            spans.extend(row.into_iter().map(|(piece, text)| {
                let style = match piece {
                    // Context is plain (the bar tells it), so that where
                    // italics do not show, consumed words still stand out.
                    Piece::Text | Piece::Context => Style::new(),
                    Piece::Consumed => theme.dim.add_modifier(Modifier::ITALIC),
                };
                Span::styled(text, style)
            }));
            lines.push(Line::from(spans));
            if lines.len() >= height {
                break;
            }
        }
        if lines.len() >= height {
            break;
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub(super) fn diagnostics(app: &App, panel: &Diagnostics, frame: &mut Frame) {
    let area = app.panel_area();
    let theme = &app.settings.theme;
    let Some(t) = &app.thread else {
        return;
    };
    let (doc, post) = (&*t.parsed.doc, t.parsed.post());
    let title = format!(
        " diagnostics · {} · {} · Enter: go to it, Esc: back ",
        outline::file_name(doc),
        post.diagnostics.len()
    );
    let inner = opened(frame, area, &title, theme.warning);
    let room = usize::from(inner.width);
    // First what the grammar made of the post, then each diagnostic,
    // wrapped under its line number.
    let mut lines = vec![
        Line::from(Span::styled(
            width::fit(&format!(" {}", export::post_facts(post)), room),
            theme.heading,
        )),
        Line::from(""),
    ];
    // From the panel's top, unless the chosen one would not show: then
    // from as far above it as fits.
    let rows_of = |d: &crate::dump::thread::Diagnostic| {
        let text = format!("{}: warning: {}", d.line, display(&d.message));
        width::wrap_indented(&text, room.saturating_sub(1).max(8), width::Long::Break).len()
    };
    let height = usize::from(inner.height).saturating_sub(2).max(1);
    let fits = |from: usize| {
        post.diagnostics[from..=panel.selected.max(from)]
            .iter()
            .map(rows_of)
            .sum::<usize>()
            <= height
    };
    let mut first = panel.top.min(panel.selected);
    if !fits(first) {
        first = panel.selected;
        while first > 0 && fits(first - 1) {
            first -= 1;
        }
    }
    for (k, d) in post.diagnostics.iter().enumerate().skip(first) {
        let severity = match d.severity {
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let style = match (k == panel.selected, d.severity) {
            (true, _) => theme.focus,
            (false, Severity::Warning) => theme.warning,
            (false, Severity::Info) => Style::new(),
        };
        let text = format!("{}: {severity}: {}", d.line, display(&d.message));
        let pieces = width::wrap_indented(&text, room.saturating_sub(1).max(8), width::Long::Break);
        for (piece, _) in pieces {
            lines.push(Line::from(Span::styled(format!(" {piece}"), style)));
        }
        if lines.len() >= usize::from(inner.height) {
            break;
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The bytes of `line` shown in `room` columns: from its start, or from a
/// little before its first match when that would not show; whole
/// graphemes. With whether it is cut before and after (an `…` each).
fn line_window(
    line: &str,
    matches: &[std::ops::Range<usize>],
    room: usize,
) -> (std::ops::Range<usize>, bool, bool) {
    use unicode_segmentation::UnicodeSegmentation;
    let first = matches.first().map_or(0, |m| m.start);
    let graphemes: Vec<(usize, &str)> = line.grapheme_indices(true).collect();
    let width_to = |to: usize| {
        graphemes
            .iter()
            .take_while(|(at, _)| *at < to)
            .map(|(_, g)| width::width(g))
            .sum::<usize>()
    };
    // Start a third of the room before the match, when the match would
    // fall past two thirds of it.
    let mut start = 0;
    if width_to(first) > room * 2 / 3 {
        let mut before = 0;
        start = first;
        for (at, g) in graphemes.iter().rev().filter(|(at, _)| *at < first) {
            before += width::width(g);
            if before > room / 3 {
                break;
            }
            start = *at;
        }
    }
    let cut_before = start > 0;
    let mut used = usize::from(cut_before);
    let mut end = start;
    for (at, g) in graphemes.iter().filter(|(at, _)| *at >= start) {
        let w = width::width(g);
        if used + w + 1 > room {
            return (start..end, cut_before, true);
        }
        used += w;
        end = at + g.len();
    }
    (start..line.len(), cut_before, false)
}

/// Find in every post: its hits grouped by post, the chosen one marked.
pub(super) fn corpus(app: &App, frame: &mut Frame) {
    let area = app.panel_area();
    let theme = &app.settings.theme;
    let c = &app.corpus;
    let more = if c.more { "+" } else { "" };
    let count = match c.hits.len() {
        1 => "1 line".to_owned(),
        n => format!("{n}{more} lines"),
    };
    let title = format!(
        " find everywhere /{} · {count} · Enter: open, / edit, Esc: back ",
        display(c.find.query()),
    );
    let inner = opened(frame, area, &title, theme.heading);
    let room = usize::from(inner.width);
    let height = usize::from(inner.height).max(1);
    // Only the hits on screen are made into rows: from far enough above
    // the chosen one that it shows below the middle at most.
    let first = c.selected.saturating_sub(height / 2);
    let mut lines: Vec<Line> = Vec::new();
    let mut post = usize::MAX;
    for (k, hit) in c.hits.iter().enumerate().skip(first) {
        if lines.len() >= height {
            break;
        }
        if hit.post != post {
            post = hit.post;
            let title = app
                .entry(post)
                .map(|e| display(&e.title))
                .unwrap_or_default();
            lines.push(Line::from(Span::styled(
                width::fit(&title, room),
                Style::new().add_modifier(Modifier::BOLD),
            )));
        }
        let (place, shown, matches) = crate::reader::corpus::described(app, hit);
        let head = format!("  {place}: ");
        let base = if k == c.selected && !c.typing {
            theme.focus
        } else {
            Style::new()
        };
        let mut spans = vec![Span::styled(head.clone(), theme.heading.patch(base))];
        // The part of the line around its first match, in the room left,
        // the matches in their colour.
        let room_left = room.saturating_sub(width::width(&head)).max(8);
        let (window, cut_before, cut_after) = line_window(&shown, &matches, room_left);
        if cut_before {
            spans.push(Span::styled("…", theme.dim));
        }
        let mut at = window.start;
        for m in matches
            .iter()
            .filter(|m| m.start >= window.start && m.end <= window.end)
        {
            spans.push(Span::styled(shown[at..m.start].to_owned(), base));
            spans.push(Span::styled(
                shown[m.clone()].to_owned(),
                theme.matched.patch(base),
            ));
            at = m.end;
        }
        spans.push(Span::styled(shown[at..window.end].to_owned(), base));
        if cut_after {
            spans.push(Span::styled("…", theme.dim));
        }
        lines.push(Line::from(spans));
    }
    if lines.is_empty() && !c.find.query().is_empty() {
        lines.push(Line::from(Span::styled(" no match in any post", theme.dim)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A panel over `area`: cleared, its title on a rule of `style` at its
/// top; gives the room under it.
fn opened(
    frame: &mut Frame,
    area: ratatui::layout::Rect,
    title: &str,
    style: Style,
) -> ratatui::layout::Rect {
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(style)
        .title(width::fit(title, usize::from(area.width)));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    inner
}
