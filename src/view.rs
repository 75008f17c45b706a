//! Drawing the app: `view(&App, &mut Frame)`. Reads state, changes nothing.

use ratatui::{
    Frame,
    layout::Rect,
    style::{Color, Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Borders, Clear, Paragraph},
};

use crate::{
    app::{App, Pane, ScreenRow, ThreadState},
    keymap::{self, BINDINGS, Mode},
    outline::{self, RowKind},
};

const DIM: Style = Style::new().fg(Color::DarkGray);
const MATCH: Style = Style::new().bg(Color::Yellow).fg(Color::Black);
const CURRENT: Style = Style::new()
    .bg(Color::LightRed)
    .fg(Color::Black)
    .add_modifier(Modifier::BOLD);
const FOCUS: Style = Style::new().add_modifier(Modifier::REVERSED);

pub fn view(app: &App, frame: &mut Frame) {
    let panes = app.panes();
    if panes.too_small {
        frame.render_widget(Paragraph::new("terminal too small"), frame.area());
        return;
    }
    if let Some(area) = panes.list {
        post_list(app, frame, area);
    }
    if let Some(area) = panes.thread {
        match &app.thread {
            Some(t) => thread(app, t, frame, area),
            None => frame.render_widget(Paragraph::new(waiting(app)).style(DIM), area),
        }
    }
    status(app, frame, panes.status);
    if app.help {
        help(frame, frame.area());
    }
}

fn waiting(app: &App) -> String {
    match &app.loading {
        Some(_) => "  loading…".into(),
        None => "  no posts".into(),
    }
}

fn post_list(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.pane == Pane::List;
    let title = format!(
        " Posts ({}{}) ",
        app.posts.len(),
        if app.loading.is_some() { "…" } else { "" }
    );
    let block = Block::default()
        .borders(Borders::RIGHT | Borders::TOP)
        .title(title)
        .border_style(if focused { Style::new() } else { DIM });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = Vec::new();
    for i in app.list_top
        ..app
            .posts
            .len()
            .min(app.list_top + (inner.height as usize).div_ceil(2))
    {
        let Some((doc, post)) = app.post(i) else {
            continue;
        };
        let mark = if post
            .diagnostics
            .iter()
            .any(|d| d.severity == crate::thread::Severity::Warning)
        {
            "⚠ "
        } else {
            "  "
        };
        let counts = match post.declared {
            Some(n) => format!("{}/{n}", post.count()),
            None => post.count().to_string(),
        };
        let date = post
            .date_text(doc)
            .map(outline::display)
            .unwrap_or_default();
        let selected = i == app.selected;
        let style = match (selected, focused) {
            (true, true) => FOCUS,
            (true, false) => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            _ => Style::new(),
        };
        let title = outline::display(&outline::post_title(doc, post));
        lines.push(Line::from(vec![
            Span::styled(mark, Style::new().fg(Color::Yellow)),
            Span::styled(title, style.add_modifier(Modifier::BOLD)),
        ]));
        let date = if date.is_empty() {
            "no date".to_owned()
        } else {
            date
        };
        lines.push(Line::from(Span::styled(
            format!("  {counts} · {date}"),
            DIM,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn thread(app: &App, t: &ThreadState, frame: &mut Frame, area: Rect) {
    let area = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(1),
        ..area
    };
    let lines: Vec<Line> = t
        .screen
        .iter()
        .map(|row| screen_line(app, t, row))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn screen_line<'a>(app: &'a App, t: &ThreadState, sr: &'a ScreenRow) -> Line<'a> {
    let item = &t.outline.items[sr.item];
    let row = &sr.row;
    let focused = sr.item == t.focus && app.pane == Pane::Thread;
    let mut spans = Vec::new();
    if item.is_comment() {
        let guides = "│ ".repeat(item.depth);
        spans.push(Span::styled(guides, DIM));
        if row.kind == RowKind::Text {
            spans.push(Span::raw("  "));
        }
    }
    let base = match row.kind {
        RowKind::Title => Style::new().add_modifier(Modifier::BOLD),
        RowKind::Date | RowKind::Section => DIM.add_modifier(Modifier::ITALIC),
        RowKind::Heading | RowKind::Folded => {
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
        }
        _ => Style::new(),
    };
    let base = if item.removed { base.patch(DIM) } else { base };
    let base = if focused && matches!(row.kind, RowKind::Heading | RowKind::Folded)
        || focused && item.depth == 0 && !item.is_comment() && row.kind == RowKind::Title
    {
        base.patch(FOCUS)
    } else {
        base
    };
    if row.kind == RowKind::Rule {
        spans.push(Span::styled("─".repeat(24), DIM));
        return Line::from(spans);
    }
    let Some(src) = &row.src else {
        spans.push(Span::styled(row.text.as_str(), base));
        return Line::from(spans);
    };
    // Highlight the matches that fall in this row.
    let lead = row.text.len() - (src.end - src.start);
    let mut at = 0;
    let text = &row.text;
    spans.push(Span::styled(&text[..lead], base));
    at += lead;
    let start = app.find.matches.partition_point(|m| m.item < sr.item);
    for (k, m) in app
        .find
        .matches
        .iter()
        .enumerate()
        .skip(start)
        .take_while(|(_, m)| m.item == sr.item)
    {
        let (a, b) = (m.range.start.max(src.start), m.range.end.min(src.end));
        if a >= b {
            continue;
        }
        let (a, b) = (a - src.start + lead, b - src.start + lead);
        if a < at || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        spans.push(Span::styled(&text[at..a], base));
        let style = if app.find.current == Some(k) {
            CURRENT
        } else {
            MATCH
        };
        spans.push(Span::styled(&text[a..b], style));
        at = b;
    }
    spans.push(Span::styled(&text[at..], base));
    Line::from(spans)
}

fn status(app: &App, frame: &mut Frame, area: Rect) {
    let style = Style::new().add_modifier(Modifier::REVERSED);
    if app.find.editing {
        let kind = if app.find.regex { "regex" } else { "find" };
        let count = match (&app.find.error, app.find.matches.len()) {
            (Some(e), _) => format!("  {e}"),
            (None, 0) if !app.find.query.is_empty() => "  no match".into(),
            (None, 0) => String::new(),
            (None, n) => format!("  {}/{n}", app.find.current.map_or(0, |c| c + 1)),
        };
        let text = format!(
            "{kind} /{}▏{count}   Enter keep · Esc cancel · Ctrl-R regex",
            outline::display(&app.find.query)
        );
        frame.render_widget(Paragraph::new(text).style(style), area);
        return;
    }
    let mut parts = Vec::new();
    if !app.posts.is_empty() {
        parts.push(format!("post {}/{}", app.selected + 1, app.posts.len()));
    }
    if let Some(t) = &app.thread {
        let item = &t.outline.items[t.focus];
        if item.is_comment() {
            parts.push(format!("#{} depth {}", item.id, item.depth + 1));
        } else {
            parts.push("post".into());
        }
    }
    if !app.find.matches.is_empty() {
        let kind = if app.find.regex { "regex" } else { "find" };
        parts.push(format!(
            "{kind} {}/{}",
            app.find.current.map_or(0, |c| c + 1),
            app.find.matches.len()
        ));
    }
    if let Some(p) = &app.loading {
        let pct = (p.read * 100).checked_div(p.total).unwrap_or(0);
        parts.push(format!("loading {pct}%"));
    }
    if let Some(n) = &app.notice {
        parts.push(outline::display(n));
    }
    let left = format!(" {}", parts.join(" · "));
    let right = "? help ";
    let width = area.width as usize;
    let used = unicode_width::UnicodeWidthStr::width(left.as_str());
    let pad = width.saturating_sub(used + right.len());
    frame.render_widget(
        Paragraph::new(format!("{left}{}{right}", " ".repeat(pad))).style(style),
        area,
    );
}

/// The keys, from the key table itself: (section, keys, what they do).
pub fn help_lines() -> Vec<(&'static str, String, &'static str)> {
    BINDINGS
        .iter()
        .map(|b| {
            let section = match b.modes[0] {
                Mode::Prompt => "In the find prompt",
                Mode::Help => "In this help",
                _ if b.modes.len() > 2 => "Anywhere",
                _ => "Reading",
            };
            let keys: Vec<String> = b.keys.iter().map(keymap::describe).collect();
            (section, keys.join(" "), b.help)
        })
        .collect()
}

fn help(frame: &mut Frame, area: Rect) {
    const KEYS: usize = 13;
    const WHAT: usize = 33;
    let mut entries: Vec<Line> = Vec::new();
    let mut section = "";
    for (s, keys, what) in help_lines() {
        if s != section {
            section = s;
            entries.push(Line::from(Span::styled(
                s,
                Style::new().add_modifier(Modifier::BOLD),
            )));
        }
        entries.push(Line::from(vec![
            Span::styled(format!("{keys:KEYS$} "), Style::new().fg(Color::Cyan)),
            Span::raw(format!("{what:WHAT$}")),
        ]));
    }
    let inner_h = area.height.saturating_sub(2).max(1) as usize;
    let columns = entries.len().div_ceil(inner_h).max(1);
    let rows = entries.len().div_ceil(columns);
    let col_w = KEYS + 1 + WHAT + 1;
    let width = ((col_w * columns) as u16 + 2).min(area.width);
    let height = (rows as u16 + 2).min(area.height);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let text: Vec<Line> = (0..rows)
        .map(|r| {
            let mut spans: Vec<Span> = Vec::new();
            for c in 0..columns {
                if let Some(line) = entries.get(c * rows + r) {
                    let used: usize = line.spans.iter().map(|s| s.width()).sum();
                    spans.extend(line.spans.iter().cloned());
                    spans.push(Span::raw(" ".repeat(col_w.saturating_sub(used))));
                }
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(text).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Keys · q or ? to close "),
        ),
        popup,
    );
}
