//! What is drawn over the panes: problems to read, the key list, the link
//! list.

use ratatui::{
    Frame,
    layout::Rect,
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Borders, Clear, Paragraph},
};

use crate::{
    dump::width,
    reader::display::display,
    reader::{
        app::{App, LinkList},
        help,
    },
    settings::keys::{self, HelpLine},
};

/// Problems to read before going on, wrapped in a box.
pub(super) fn alerts(app: &App, alerts: &[String], frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(4).clamp(1, 100);
    let inner = (width as usize).saturating_sub(2).max(1);
    let mut lines: Vec<Line> = Vec::new();
    for a in alerts {
        for line in display(a).split('\n') {
            for (piece, _) in width::wrap_indented(line, inner, width::Long::Break) {
                lines.push(Line::from(piece));
            }
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

pub(super) fn help(app: &App, scroll: usize, frame: &mut Frame, area: Rect) {
    const KEYS: usize = 13;
    let what_w = help::HELP_COLUMN - KEYS - 2;
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
    let (columns, rows, shown) = help::help_grid(entries.len(), (area.width, area.height));
    let scroll = scroll.min(rows - shown);
    let width = ((help::HELP_COLUMN * columns) as u16 + 2).min(area.width);
    let height = (shown as u16 + 2).min(area.height);
    let popup = centered(area, width, height);
    let text: Vec<Line> = (scroll..scroll + shown)
        .map(|r| {
            let mut spans: Vec<Span> = Vec::new();
            for c in 0..columns {
                if let Some(line) = entries.get(c * rows + r) {
                    let used: usize = line.spans.iter().map(|s| s.width()).sum();
                    spans.extend(line.spans.iter().cloned());
                    spans.push(Span::raw(
                        " ".repeat(help::HELP_COLUMN.saturating_sub(used)),
                    ));
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
pub(super) fn link_list(app: &App, list: &LinkList, frame: &mut Frame, area: Rect) {
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
            Line::from(vec![Span::raw(number), Span::styled(display(url), style)])
        })
        .collect();
    let skip = (list.selected + 3).saturating_sub(height as usize);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).scroll((skip as u16, 0)).block(
            Block::default()
                .borders(Borders::ALL)
                .title(if list.items.is_empty() {
                    " Open which link? 1-9 or Enter · Esc closes "
                } else {
                    " Go to which? 1-9 or Enter · Esc closes "
                }),
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
