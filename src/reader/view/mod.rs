//! Drawing the app: `view(&App, &mut Frame)`. Reads state, changes nothing.
//! One module per part of the screen: the post list, the thread, the status
//! bar, the evidence panels and the popups over them; last, the screen
//! fitted to a plain terminal.

mod list;
mod panels;
mod plain;
mod popups;
mod status;
mod thread;

use ratatui::{
    Frame,
    widgets::{Paragraph, Wrap},
};

use crate::reader::app::{App, MIN_SIZE, Overlay};

pub fn view(app: &App, frame: &mut Frame) {
    draw(app, frame);
    plain::fit(frame.buffer_mut(), app.settings.abilities);
}

fn draw(app: &App, frame: &mut Frame) {
    let panes = app.panes();
    if panes.too_small {
        let (w, h) = MIN_SIZE;
        frame.render_widget(
            Paragraph::new(format!("terminal too small: at least {w}x{h}"))
                .wrap(Wrap { trim: true }),
            frame.area(),
        );
        return;
    }
    if let Some(area) = panes.list {
        list::post_list(app, frame, area);
    }
    if let Some(area) = panes.thread {
        match &app.thread {
            Some(t) => thread::thread(app, t, frame, area),
            None => frame.render_widget(
                Paragraph::new(waiting(app))
                    .style(app.settings.theme.dim)
                    .wrap(Wrap { trim: false }),
                area,
            ),
        }
    }
    status::status(app, frame, panes.status);
    match &app.overlay {
        Some(Overlay::Links(list)) => popups::link_list(app, list, frame, frame.area()),
        Some(Overlay::Help { scroll }) => popups::help(app, *scroll, frame, frame.area()),
        Some(Overlay::Alerts(alerts)) => popups::alerts(app, alerts, frame, frame.area()),
        Some(Overlay::Source(source)) => panels::source(app, source, frame),
        Some(Overlay::Diagnostics(panel)) => panels::diagnostics(app, panel, frame),
        Some(Overlay::Corpus) => panels::corpus(app, frame),
        Some(
            Overlay::Prompt { .. } | Overlay::Filter { .. } | Overlay::TreeFilter | Overlay::AfterZ,
        )
        | None => {}
    }
}

fn waiting(app: &App) -> String {
    if let Some(why) = &app.unreadable {
        return format!("  {}", crate::reader::display::display(why));
    }
    match &app.loading {
        Some(_) => "  loading…".into(),
        None => "  no posts".into(),
    }
}
