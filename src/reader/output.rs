//! The bytes that go to the terminal. crossterm writes even the 16 basic
//! colours as 256-colour codes (`ESC[38;5;8m`), which a terminal of 8 or
//! 16 colours does not know; with basic colours, each frame's codes for
//! colours 0-15 are rewritten as the ones every colour terminal knows
//! (`ESC[30m`-`ESC[37m`, `ESC[90m`-`ESC[97m`, and `4X`/`10X` behind).
//! Either way a frame goes out in one write when it is flushed, not in the
//! 1 KiB pieces standard output's own buffer would cut it into (a terminal
//! then draws it at once, not a piece at a time).

use std::io::{self, Write};

use regex::bytes::{Captures, Regex};

/// Standard output, a frame at a time, with colour codes rewritten when
/// `basic`.
pub struct Output<W: Write> {
    out: W,
    /// The frame so far.
    frame: Vec<u8>,
    sgr: Option<Regex>,
}

impl<W: Write> Output<W> {
    pub fn new(out: W, basic: bool) -> Output<W> {
        Output {
            out,
            frame: Vec::new(),
            // Select Graphic Rendition: ESC [ params m.
            sgr: basic.then(|| Regex::new(r"\x1b\[([0-9;]*)m").expect("a valid pattern")),
        }
    }
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.frame.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // Taken first: a failed write does not send it again.
        let frame = std::mem::take(&mut self.frame);
        match &self.sgr {
            Some(sgr) => {
                let frame = sgr.replace_all(&frame, |c: &Captures| {
                    format!("\x1b[{}m", basic_params(&String::from_utf8_lossy(&c[1])))
                });
                self.out.write_all(&frame)?;
            }
            None => self.out.write_all(&frame)?,
        }
        self.out.flush()
    }
}

/// SGR parameters with `38;5;N` and `48;5;N` for N < 16 as basic codes.
fn basic_params(params: &str) -> String {
    let p: Vec<&str> = params.split(';').collect();
    let mut out: Vec<String> = Vec::with_capacity(p.len());
    let mut i = 0;
    while i < p.len() {
        let colour = p.get(i + 2).and_then(|n| n.parse::<u8>().ok());
        match (p[i], p.get(i + 1), colour) {
            (which @ ("38" | "48"), Some(&"5"), Some(n)) if n < 16 => {
                let base = if which == "38" { 30 } else { 40 };
                let code = if n < 8 { base + n } else { base + 60 + n - 8 };
                out.push(code.to_string());
                i += 3;
            }
            (other, _, _) => {
                out.push(other.to_owned());
                i += 1;
            }
        }
    }
    out.join(";")
}

#[cfg(test)]
mod tests {
    use ratatui::{
        Terminal, TerminalOptions, Viewport,
        backend::CrosstermBackend,
        layout::Rect,
        style::{Color, Style},
        widgets::Paragraph,
    };

    use super::*;

    fn drawn(basic: bool) -> String {
        let mut bytes = Vec::new();
        {
            let backend = CrosstermBackend::new(Output::new(&mut bytes, basic));
            let viewport = Viewport::Fixed(Rect::new(0, 0, 3, 1));
            let mut terminal =
                Terminal::with_options(backend, TerminalOptions { viewport }).expect("terminal");
            terminal
                .draw(|f| {
                    let style = Style::new().fg(Color::DarkGray).bg(Color::Yellow);
                    f.render_widget(Paragraph::new("dim").style(style), f.area());
                })
                .expect("draw");
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }

    #[test]
    fn basic_colours_go_out_as_the_codes_of_8_and_16_colour_terminals() {
        // crossterm's own: 256-colour codes.
        assert!(drawn(false).contains("38;5;8"), "{:?}", drawn(false));
        let basic = drawn(true);
        assert!(!basic.contains(";5;"), "{basic:?}");
        assert!(basic.contains("\x1b[90;43m"), "{basic:?}");
    }

    #[test]
    fn other_parameters_are_kept() {
        assert_eq!(basic_params("1;38;5;1;48;5;15"), "1;31;107");
        assert_eq!(basic_params("38;5;200"), "38;5;200");
        assert_eq!(basic_params("0"), "0");
        assert_eq!(basic_params("38;5"), "38;5");
    }
}
