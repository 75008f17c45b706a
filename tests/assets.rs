//! `assets/` is made from the real program and kept equal to it: the
//! commented default config (`tread config --default`) and the README's
//! picture of the reader (a rendered screen, written out as SVG). A test
//! fails when either is stale; `TREAD_UPDATE_ASSETS=1 cargo test --test
//! assets` writes them anew.

use std::path::{Path, PathBuf};

use ratatui::{
    Terminal,
    backend::TestBackend,
    buffer::{Buffer, Cell},
    style::{Color, Modifier},
};
use tread::{
    dump::samples,
    reader::{app::App, update::update, view::view},
    settings::{actions::Action, config},
};

fn asset(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name)
}

/// Compares `fresh` with the file, or writes it when asked to.
fn keep(name: &str, fresh: &str) {
    let path = asset(name);
    if std::env::var_os("TREAD_UPDATE_ASSETS").is_some() {
        std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
        std::fs::write(&path, fresh).expect("write asset");
        return;
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == fresh,
        "assets/{name} is stale: run TREAD_UPDATE_ASSETS=1 cargo test --test assets"
    );
}

#[test]
fn the_config_in_assets_is_the_default_config() {
    keep("config.toml", &config::default_file());
}

#[test]
fn the_picture_in_assets_is_the_reader_as_it_draws() {
    let (w, h) = (110, 34);
    let mut app = App::with_docs(samples::load().docs, w, h);
    for action in [
        Action::Next,
        Action::SwitchPane,
        Action::NextTop,
        Action::NextTop,
        Action::NextTop,
        Action::NextTop,
    ] {
        update(&mut app, action);
    }
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|f| view(&app, f)).expect("draw");
    keep("reader.svg", &svg(terminal.backend().buffer()));
}

const CELL_W: f32 = 8.4;
const CELL_H: f32 = 18.0;
const BACKGROUND: &str = "#1d1f21";
const FOREGROUND: &str = "#d0d0d0";

fn hex(c: Color) -> Option<&'static str> {
    Some(match c {
        Color::Reset => return None,
        Color::Black => "#1d1f21",
        Color::Red => "#cc6666",
        Color::Green => "#8fb86a",
        Color::Yellow => "#e6c35c",
        Color::Blue => "#6f9fd8",
        Color::Magenta => "#b294bb",
        Color::Cyan => "#6fc2c2",
        Color::Gray => "#b8b8b8",
        Color::DarkGray => "#7a7a7a",
        Color::LightRed => "#ff8080",
        Color::LightGreen => "#b5e08a",
        Color::LightYellow => "#f0e08a",
        Color::LightBlue => "#9cc3f0",
        Color::LightMagenta => "#d6b3e0",
        Color::LightCyan => "#a0e0e0",
        Color::White => "#f5f5f5",
        _ => FOREGROUND,
    })
}

/// (foreground, background) of a cell, reverse video applied.
fn colours(cell: &Cell) -> (&'static str, Option<&'static str>) {
    let fg = hex(cell.fg).unwrap_or(FOREGROUND);
    let bg = hex(cell.bg);
    if cell.modifier.contains(Modifier::REVERSED) {
        (bg.unwrap_or(BACKGROUND), Some(fg))
    } else {
        (fg, bg)
    }
}

/// How a cell's text is drawn, as SVG attributes.
fn attributes(cell: &Cell) -> String {
    let (fg, _) = colours(cell);
    let mut attrs = format!("fill=\"{fg}\"");
    for (modifier, attr) in [
        (Modifier::BOLD, " font-weight=\"bold\""),
        (Modifier::ITALIC, " font-style=\"italic\""),
        (Modifier::UNDERLINED, " text-decoration=\"underline\""),
        (Modifier::DIM, " opacity=\"0.6\""),
    ] {
        if cell.modifier.contains(modifier) {
            attrs.push_str(attr);
        }
    }
    attrs
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The buffer as an SVG picture: one text element per cell that shows
/// something, placed on the cell grid (so wide characters keep their
/// columns), with background rectangles.
fn svg(buffer: &Buffer) -> String {
    let area = buffer.area;
    let (width, height) = (
        f32::from(area.width) * CELL_W + 16.0,
        f32::from(area.height) * CELL_H + 16.0,
    );
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" \
         font-size=\"14\">\n<rect width=\"100%\" height=\"100%\" rx=\"6\" fill=\"{BACKGROUND}\"/>\n"
    );
    for y in 0..area.height {
        let top = 8.0 + f32::from(y) * CELL_H;
        // Backgrounds: one rectangle per run of cells of one colour.
        let mut x = 0;
        while x < area.width {
            let bg = colours(&buffer[(x, y)]).1;
            let start = x;
            while x < area.width && colours(&buffer[(x, y)]).1 == bg {
                x += 1;
            }
            if let Some(bg) = bg {
                out.push_str(&format!(
                    "<rect x=\"{:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{CELL_H}\" fill=\"{bg}\"/>\n",
                    8.0 + f32::from(start) * CELL_W,
                    f32::from(x - start) * CELL_W
                ));
            }
        }
        // Runs of cells drawn alike: one text element each, every
        // character placed on its own cell.
        let mut x = 0;
        while x < area.width {
            let attrs = attributes(&buffer[(x, y)]);
            let (mut xs, mut text) = (Vec::new(), String::new());
            while x < area.width && attributes(&buffer[(x, y)]) == attrs {
                let symbol = buffer[(x, y)].symbol();
                if !symbol.is_empty() {
                    xs.push(format!("{:.1}", 8.0 + f32::from(x) * CELL_W));
                    text.push_str(symbol);
                }
                x += 1;
            }
            if !text.trim().is_empty() {
                out.push_str(&format!(
                    "<text x=\"{}\" y=\"{:.1}\" {attrs} xml:space=\"preserve\">{}</text>\n",
                    xs.join(" "),
                    top + CELL_H * 0.75,
                    escape(&text)
                ));
            }
        }
    }
    out.push_str("</svg>\n");
    out
}
