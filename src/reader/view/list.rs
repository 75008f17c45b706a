//! The post list: title, comments found / declared, new comments, date.

use ratatui::{
    Frame,
    layout::Rect,
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Borders, Paragraph},
};

use crate::{
    dump::width,
    reader::app::{App, Pane},
    reader::display::display,
};

pub(super) fn post_list(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.settings.theme;
    let focused = app.pane == Pane::List;
    let loading = if app.loading.is_some() { "…" } else { "" };
    let title = match &app.list {
        Some(list) => format!(" Posts ({} of {}{loading}) ", list.len(), app.post_count()),
        None => format!(" Posts ({}{loading}) ", app.post_count()),
    };
    let block = Block::default()
        .borders(Borders::RIGHT | Borders::TOP)
        .title(title)
        .border_style(if focused { theme.heading } else { theme.dim });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = Vec::new();
    let rows = app.list_top
        ..app
            .shown()
            .min(app.list_top + (inner.height as usize).div_ceil(2));
    for i in rows.filter_map(|pos| app.shown_post(pos)) {
        let Some(post) = app.entry(i) else {
            continue;
        };
        let mark = if post.warning { "⚠ " } else { "  " };
        let counts = match post.declared {
            Some(n) => format!("{}/{n}", post.count),
            None => post.count.to_string(),
        };
        let date = post.date.as_deref().map(display).unwrap_or_default();
        let selected = i == app.selected;
        let style = match (selected, focused) {
            (true, true) => theme.focus,
            (true, false) => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            _ => Style::new(),
        };
        let raw_title = &post.title;
        let shared = app.title_shared(raw_title);
        // What does not fit ends in `…`.
        let room = usize::from(inner.width);
        let title = width::fit(&display(raw_title), room.saturating_sub(2));
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
        // How many diagnostics: `D` lists them.
        if post.diagnostics > 0 {
            second.push(Span::styled(
                format!(" ⚠{}", post.diagnostics),
                theme.warning,
            ));
        }
        if let Some(n) = app.new_count(i).filter(|&n| n > 0) {
            second.push(Span::styled(format!(" ●{n}"), theme.new));
        }
        // Posts of one title from several files: the file tells them apart.
        if shared {
            second.push(Span::styled(
                format!(
                    " · {}",
                    crate::dump::keys::file_name(app.archive.name(i).unwrap_or(""))
                ),
                theme.dim,
            ));
        }
        let used: usize = second.iter().map(|s| width::width(&s.content)).sum();
        let date = width::fit(&format!(" · {date}"), room.saturating_sub(used));
        second.push(Span::styled(date, theme.dim));
        lines.push(Line::from(second));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
