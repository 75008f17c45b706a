//! Drawing the app: `view(&App, &mut Frame)`. Reads state, changes nothing.

use ratatui::{
    Frame,
    layout::Rect,
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Borders, Clear, Paragraph},
};

use unicode_width::UnicodeWidthStr;

use crate::{
    reader::app::{self, App, LinkList, Pane, ScreenRow, ThreadState},
    reader::outline::{self, RowKind},
    settings::keys::{self, HelpLine},
};

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
            None => frame.render_widget(
                Paragraph::new(waiting(app)).style(app.settings.theme.dim),
                area,
            ),
        }
    }
    status(app, frame, panes.status);
    if let Some(list) = &app.links {
        link_list(app, list, frame, frame.area());
    }
    if app.help {
        help(app, frame, frame.area());
    }
    if !app.alerts.is_empty() {
        alerts(app, frame, frame.area());
    }
}

/// Problems to read before going on, wrapped in a box.
fn alerts(app: &App, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(4).clamp(1, 100);
    let inner = (width as usize).saturating_sub(2).max(1);
    let mut lines: Vec<Line> = Vec::new();
    for a in &app.alerts {
        for piece in textwrap::wrap(&outline::display(a), inner) {
            lines.push(Line::from(piece.into_owned()));
        }
        lines.push(Line::from(""));
    }
    lines.pop();
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = centered(area, width, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(app.settings.theme.warning)
                .title(" Not everything could be read · q or Esc to go on "),
        ),
        popup,
    );
}

fn waiting(app: &App) -> String {
    match &app.loading {
        Some(_) => "  loading…".into(),
        None => "  no posts".into(),
    }
}

fn post_list(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.settings.theme;
    let focused = app.pane == Pane::List;
    let title = format!(
        " Posts ({}{}) ",
        app.posts.len(),
        if app.loading.is_some() { "…" } else { "" }
    );
    let block = Block::default()
        .borders(Borders::RIGHT | Borders::TOP)
        .title(title)
        .border_style(if focused { Style::new() } else { theme.dim });
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
            .any(|d| d.severity == crate::dump::thread::Severity::Warning)
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
            (true, true) => theme.focus,
            (true, false) => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            _ => Style::new(),
        };
        let title = outline::display(&outline::post_title(doc, post));
        lines.push(Line::from(vec![
            Span::styled(mark, theme.warning),
            Span::styled(title, style.add_modifier(Modifier::BOLD)),
        ]));
        let date = if date.is_empty() {
            "no date".to_owned()
        } else {
            date
        };
        // Found/declared, ●new, date: the date is what gets cut when narrow.
        let mut second = vec![Span::styled(format!("  {counts}"), theme.dim)];
        if let Some(n) = app.new_count(i).filter(|&n| n > 0) {
            second.push(Span::styled(format!(" ●{n}"), theme.new));
        }
        second.push(Span::styled(format!(" · {date}"), theme.dim));
        lines.push(Line::from(second));
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
    let theme = &app.settings.theme;
    let item = &t.outline.items[sr.item];
    let row = &sr.row;
    let focused = sr.item == t.focus && app.pane == Pane::Thread;
    let heading = matches!(row.kind, RowKind::Heading | RowKind::Folded);
    let mut spans = Vec::new();
    if item.is_comment() {
        let guides = "│ ".repeat(item.depth);
        spans.push(Span::styled(guides, theme.dim));
        if row.kind == RowKind::Text {
            spans.push(Span::raw("  "));
        }
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
    let base = if item.removed {
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
        spans.push(Span::styled(row.text.as_str(), base));
        return Line::from(spans);
    };
    // Links and matches that fall in this row, in the row's own offsets,
    // matches drawn over links.
    let lead = row.text.len() - (src.end - src.start);
    let to_row = |r: &std::ops::Range<usize>| {
        let (a, b) = (r.start.max(src.start), r.end.min(src.end));
        (a < b).then(|| (a - src.start + lead, b - src.start + lead))
    };
    let mut overlays: Vec<(usize, usize, Style)> = row
        .links
        .iter()
        .filter_map(|l| to_row(l).map(|(a, b)| (a, b, theme.link)))
        .collect();
    let start = app.find.matches.partition_point(|m| m.item < sr.item);
    for (k, m) in app
        .find
        .matches
        .iter()
        .enumerate()
        .skip(start)
        .take_while(|(_, m)| m.item == sr.item)
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

/// Splits `text` where overlays begin and end; each piece gets `base`
/// patched by every overlay over it, later ones on top.
fn styled_pieces<'a>(
    text: &'a str,
    base: Style,
    overlays: &[(usize, usize, Style)],
    spans: &mut Vec<Span<'a>>,
) {
    let mut cuts: Vec<usize> = overlays
        .iter()
        .flat_map(|&(a, b, _)| [a, b])
        .chain([0, text.len()])
        .filter(|&c| c <= text.len() && text.is_char_boundary(c))
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

fn status(app: &App, frame: &mut Frame, area: Rect) {
    let style = Style::new().add_modifier(Modifier::REVERSED);
    if app.find.editing {
        let kind = if app.find.regex { "regex" } else { "find" };
        let count = match (&app.find.error, app.find.matches.len()) {
            (Some(e), _) => format!("  {e}"),
            (None, 0) if !app.find.query().is_empty() => "  no match".into(),
            (None, 0) => String::new(),
            (None, n) => format!("  {}/{n}", app.find.current.map_or(0, |c| c + 1)),
        };
        let head = format!("{kind} /");
        let hints = "   Enter keep · Esc cancel · Ctrl-R regex";
        let width = area.width as usize;
        let fixed = head.width() + 1 + count.width();
        // The hints go first when the query needs the room.
        let query_width = app.find.input.visual_cursor().max(app.find.query().width());
        let hints = if fixed + query_width + hints.width() <= width {
            hints
        } else {
            ""
        };
        let room = width.saturating_sub(fixed + hints.width()).max(1);
        let text = format!(
            "{head}{}{count}{hints}",
            prompt_window(&app.find.input, room)
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
    let right = match app.settings.keys.hint("help") {
        Some(k) => format!("{k} help "),
        None => String::new(),
    };
    let width = area.width as usize;
    let used = left.width();
    let pad = width.saturating_sub(used + right.len());
    frame.render_widget(
        Paragraph::new(format!("{left}{}{right}", " ".repeat(pad))).style(style),
        area,
    );
}

/// The query as the prompt shows it in `room` columns: scrolled to keep the
/// caret (`▏`) in view.
fn prompt_window(input: &tui_input::Input, room: usize) -> String {
    // The caret takes a column of its own.
    let scroll = input.visual_scroll(room.saturating_sub(1));
    let mut out = String::new();
    let (mut col, mut used) = (0, 0);
    let mut chars = input.value().chars();
    for i in 0.. {
        if i == input.cursor() {
            out.push('▏');
            used += 1;
        }
        let Some(c) = chars.next() else { break };
        let shown = outline::display(c.encode_utf8(&mut [0; 4]));
        let w = shown.width();
        if col >= scroll {
            if used + w > room {
                break;
            }
            out.push_str(&shown);
            used += w;
        }
        col += w;
    }
    out
}

fn help(app: &App, frame: &mut Frame, area: Rect) {
    const KEYS: usize = 13;
    let what_w = app::HELP_COLUMN - KEYS - 2;
    let entries: Vec<Line> = keys::help_lines(&app.settings.keys)
        .into_iter()
        .map(|line| match line {
            HelpLine::Section(s) => {
                Line::from(Span::styled(s, Style::new().add_modifier(Modifier::BOLD)))
            }
            HelpLine::Keys { keys, what } => Line::from(vec![
                Span::styled(format!("{keys:KEYS$} "), app.settings.theme.heading),
                Span::raw(format!("{what:what_w$}")),
            ]),
        })
        .collect();
    let (columns, rows, shown) = app::help_grid(entries.len(), (area.width, area.height));
    let scroll = app.help_scroll.min(rows - shown);
    let width = ((app::HELP_COLUMN * columns) as u16 + 2).min(area.width);
    let height = (shown as u16 + 2).min(area.height);
    let popup = centered(area, width, height);
    let text: Vec<Line> = (scroll..scroll + shown)
        .map(|r| {
            let mut spans: Vec<Span> = Vec::new();
            for c in 0..columns {
                if let Some(line) = entries.get(c * rows + r) {
                    let used: usize = line.spans.iter().map(|s| s.width()).sum();
                    spans.extend(line.spans.iter().cloned());
                    spans.push(Span::raw(" ".repeat(app::HELP_COLUMN.saturating_sub(used))));
                }
            }
            Line::from(spans)
        })
        .collect();
    let title = if shown < rows {
        format!(
            " Keys {}-{} of {rows} · j/k scroll · q or ? to close ",
            scroll + 1,
            scroll + shown
        )
    } else {
        " Keys · q or ? to close ".to_owned()
    };
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(text).block(Block::default().borders(Borders::ALL).title(title)),
        popup,
    );
}

/// The focused comment's links, numbered, the chosen one reversed.
fn link_list(app: &App, list: &LinkList, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(4).max(1);
    let height = (list.urls.len() as u16 + 2).min(area.height);
    let popup = centered(area, width, height);
    let lines: Vec<Line> = list
        .urls
        .iter()
        .enumerate()
        .map(|(i, url)| {
            let number = if i < 9 {
                format!("{} ", i + 1)
            } else {
                "  ".into()
            };
            let style = if i == list.selected {
                app.settings.theme.focus
            } else {
                app.settings.theme.link
            };
            Line::from(vec![
                Span::raw(number),
                Span::styled(outline::display(url), style),
            ])
        })
        .collect();
    let skip = (list.selected + 3).saturating_sub(height as usize);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).scroll((skip as u16, 0)).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Open which link? 1-9 or Enter · Esc closes "),
        ),
        popup,
    );
}

/// A `width` x `height` box in the middle of `area` (sizes within it).
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let (width, height) = (width.min(area.width), height.min(area.height));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}
