//! The status bar, or the find prompt in its place.

use ratatui::{
    Frame,
    layout::Rect,
    style::{Modifier, Style},
    widgets::Paragraph,
};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::dump::width;
use crate::reader::display::display;
use crate::reader::{
    app::{App, Overlay, Pane},
    outline,
};

pub(super) fn status(app: &App, frame: &mut Frame, area: Rect) {
    let style = Style::new().add_modifier(Modifier::REVERSED);
    if app.editing() {
        let kind = if app.find.regex { "regex" } else { "find" };
        let count = match (&app.find.error, app.find.matches.len()) {
            (Some(e), _) => format!("  {e}"),
            (None, 0) if !app.find.query().is_empty() => "  no match".into(),
            (None, 0) => String::new(),
            (None, n) => format!("  {}/{n}", app.find.current.map_or(0, |c| c + 1)),
        };
        let text = prompt_line(kind, &app.find.input, &count, area.width as usize);
        frame.render_widget(Paragraph::new(text).style(style), area);
        return;
    }
    if matches!(app.overlay, Some(Overlay::Corpus)) && app.corpus.typing {
        let c = &app.corpus;
        let kind = if c.find.regex {
            "find everywhere regex"
        } else {
            "find everywhere"
        };
        let more = if c.more { "+" } else { "" };
        let count = match &c.find.error {
            Some(e) => format!("  {e}"),
            None if c.find.query().is_empty() => String::new(),
            None if c.pending.is_some() => format!("  {} lines, searching…", c.hits.len()),
            None if c.hits.len() == 1 => "  1 line".to_owned(),
            None => format!("  {}{more} lines", c.hits.len()),
        };
        let text = prompt_line(kind, &c.find.input, &count, area.width as usize);
        frame.render_widget(Paragraph::new(text).style(style), area);
        return;
    }
    if matches!(app.overlay, Some(Overlay::TreeFilter)) {
        let kind = if app.tree_filter.regex {
            "filter thread regex"
        } else {
            "filter thread"
        };
        let count = match (&app.tree_filter.error, tree_counts(app)) {
            (Some(e), _) => format!("  {e}"),
            (None, Some((m, n))) => format!("  {m} of {n}"),
            (None, None) => String::new(),
        };
        let text = prompt_line(kind, &app.tree_filter.input, &count, area.width as usize);
        frame.render_widget(Paragraph::new(text).style(style), area);
        return;
    }
    if matches!(app.overlay, Some(Overlay::Filter { .. })) {
        let kind = if app.filter.regex {
            "filter regex"
        } else {
            "filter"
        };
        let count = match &app.filter.error {
            Some(e) => format!("  {e}"),
            None => format!("  {} of {} posts", app.shown(), app.post_count()),
        };
        let text = prompt_line(kind, &app.filter.input, &count, area.width as usize);
        frame.render_widget(Paragraph::new(text).style(style), area);
        return;
    }
    let right = match app.settings.keys.hint("help") {
        Some(k) => format!("{k} help "),
        None => String::new(),
    };
    let width = area.width as usize;
    let mut parts = status_parts(app);
    // Last, where in the post: the file when there is room, and the
    // focused comment's ancestors, cut from the left to fit; when even
    // the focused comment does not fit, the post's number goes first.
    if app.notice.is_none()
        && let Some(t) = &app.thread
    {
        let items = &t.outline.items;
        let room = |parts: &[String]| {
            width.saturating_sub(1 + parts.join(" · ").width() + 3 + right.width() + 1)
        };
        let last = breadcrumb(items, t.focus, 0);
        if room(&parts) < last.width() + 1 {
            parts.retain(|p| !p.starts_with("post "));
        }
        let crumbs = breadcrumb(items, t.focus, room(&parts));
        if let Some(name) = app.archive.name(t.post) {
            let file = crate::dump::keys::file_name(name);
            if crumbs.width() + 3 + file.width() <= room(&parts) {
                parts.push(file);
            }
        }
        parts.push(crumbs);
    }
    let left = format!(" {}", parts.join(" · "));
    // What does not fit ends in `…`; the help hint always shows.
    let left = width::fit(&left, width.saturating_sub(right.width() + 1));
    let pad = width.saturating_sub(left.width() + right.width());
    frame.render_widget(
        Paragraph::new(format!("{left}{}{right}", " ".repeat(pad))).style(style),
        area,
    );
}

/// A prompt in `width` columns: `kind /query▏count`, and the keys when
/// there is room (they go first when the query needs it).
fn prompt_line(kind: &str, input: &tui_input::Input, count: &str, width: usize) -> String {
    let head = format!("{kind} /");
    let hints = "   Enter keep · Esc cancel · Ctrl-R regex";
    let fixed = head.width() + 1 + count.width();
    let query_width = width::width(input.value()) + 1;
    let hints = if fixed + query_width + hints.width() <= width {
        hints
    } else {
        ""
    };
    let room = width.saturating_sub(fixed + hints.width()).max(1);
    format!("{head}{}{count}{hints}", prompt_window(input, room))
}

/// What the status bar says, most important first: the pane with the
/// keyboard, then a notice if there is one, else where you are.
fn status_parts(app: &App) -> Vec<String> {
    let mut parts = vec![match app.pane {
        Pane::List => "list".to_owned(),
        Pane::Thread => "thread".to_owned(),
    }];
    if let Some(n) = &app.notice {
        parts.push(display(n));
        return parts;
    }
    if app.post_count() > 0 {
        parts.push(format!("post {}/{}", app.selected + 1, app.post_count()));
    }

    if let Some(Overlay::Source(s)) = &app.overlay {
        parts.push(format!("source line {}", s.first + s.cursor));
    }
    if let Some((m, n)) = tree_counts(app) {
        parts.push(format!("filter: {m} of {n}"));
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
        // A pipe's size is not known: what has come so far.
        match (p.read * 100).checked_div(p.total) {
            Some(pct) => parts.push(format!("loading {pct}%")),
            None => parts.push(format!("loading {} MB", p.read >> 20)),
        }
    }
    if let Some(n) = app.count {
        parts.push(format!("{n}…"));
    }
    if matches!(app.overlay, Some(Overlay::AfterZ)) {
        parts.push("z: z centre · t top · b bottom".into());
    }
    parts
}

/// The tree filter's comments matched, of all, when it is on.
fn tree_counts(app: &App) -> Option<(usize, usize)> {
    app.thread.as_ref()?.kept.as_ref().map(|k| k.counts())
}

/// Where the focused item is: `post`, or its comment's ancestors and
/// itself, `#4 Getafix › #4.2 Anonymous`, in `room` columns: what does
/// not fit goes from the left (`…#4.2 Anonymous`), but for the focused
/// comment itself (with `room` 0, all there is).
fn breadcrumb(items: &[outline::Item], focus: usize, room: usize) -> String {
    let mut chain = Vec::new();
    let mut at = Some(focus);
    while let Some(i) = at.filter(|&i| items[i].is_comment()) {
        let item = &items[i];
        chain.push(match item.who.as_str() {
            "" => format!("#{}", item.id),
            who => format!("#{} {who}", item.id),
        });
        at = item.parent;
    }
    if chain.is_empty() {
        return "post".into();
    }
    chain.reverse();
    let whole = chain.join(" › ");
    if width::width(&whole) <= room {
        return whole;
    }
    // Whole ancestors go from the left; the focused comment stays.
    (1..chain.len())
        .map(|k| format!("… › {}", chain[k..].join(" › ")))
        .find(|cut| width::width(cut) <= room)
        .unwrap_or_else(|| format!("…{}", chain[chain.len() - 1]))
}

/// The query as the prompt shows it in `room` columns, whole graphemes
/// each as wide as on screen: scrolled to keep the caret (`▏`, a column of
/// its own, before the grapheme the cursor is in) in view.
fn prompt_window(input: &tui_input::Input, room: usize) -> String {
    let value = input.value();
    let caret = value
        .char_indices()
        .nth(input.cursor())
        .map_or(value.len(), |(i, _)| i);
    let shown: Vec<(usize, String)> = value
        .grapheme_indices(true)
        .map(|(at, g)| (at + g.len(), display(g)))
        .collect();
    // Graphemes before the caret, and the first of them still in view.
    let before = shown.iter().take_while(|(end, _)| *end <= caret).count();
    let mut first = before;
    let mut used = 1;
    while first > 0 && used + width::width(&shown[first - 1].1) <= room {
        first -= 1;
        used += width::width(&shown[first].1);
    }
    let mut out = String::new();
    let mut used = 0;
    for (i, (_, g)) in shown.iter().enumerate().skip(first) {
        if i == before {
            out.push('▏');
            used += 1;
        }
        let w = width::width(g);
        if used + w > room {
            return out;
        }
        out.push_str(g);
        used += w;
    }
    if before == shown.len() {
        out.push('▏');
    }
    out
}
