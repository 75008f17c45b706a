//! Drawing a frame so that the terminal ends up showing it: rows that hold,
//! or held, a wide or many-code-point grapheme are sent whole.
//!
//! Terminals and ratatui disagree about such graphemes, and so do terminals
//! among themselves. tmux 3.3 keeps a flag's two letters in two cells, so
//! writing over the first leaves the second on screen; it draws `❤️` one
//! column wide and a skin-toned hand four. ratatui's diff resends only the
//! cells that changed in its own buffer, and the cell behind a wide grapheme
//! never changes there, so what the terminal left in it stays: the flag
//! halves of a scrolled post. A row blanked and sent whole, left to right
//! with the cursor placed after every wide grapheme, ends up right whatever
//! the terminal made of the graphemes in it.

use std::io::{self, Write};

use ratatui::{
    Frame, Terminal,
    backend::{Backend, CrosstermBackend, TestBackend},
    buffer::{Buffer, Cell, CellDiffOption, CellWidth},
    crossterm::{
        cursor::MoveTo,
        queue,
        terminal::{Clear, ClearType},
    },
};

/// The rows of the last frame drawn that held a wide or many-code-point
/// grapheme.
#[derive(Debug, Default)]
pub struct Repaint {
    rows: Vec<bool>,
}

impl Repaint {
    /// Draws a frame with `render`: every row that holds such a grapheme
    /// now or held one in the frame before is blanked on the terminal and
    /// sent whole; the rest as ratatui's diff says.
    pub fn draw<B: Blank>(
        &mut self,
        terminal: &mut Terminal<B>,
        render: impl FnOnce(&mut Frame),
    ) -> Result<(), B::Error> {
        terminal.autoresize()?;
        render(&mut terminal.get_frame());
        let rows = self.mark(terminal.current_buffer_mut());
        // A terminal that drew a grapheme narrower than ratatui counts it
        // (tmux and `❤️`) keeps what it had behind it, in a cell ratatui
        // never sends: blanked first, it shows nothing stale.
        let backend = terminal.backend_mut();
        for y in rows {
            backend.blank_row(y)?;
        }
        terminal.apply_buffer()?;
        Ok(())
    }

    /// Marks the rows of `buf` to resend (and gives them), and remembers
    /// which hold a fragile grapheme for the next frame.
    fn mark(&mut self, buf: &mut Buffer) -> Vec<u16> {
        let now = fragile_rows(buf);
        let mut resent = Vec::new();
        for (y, &fragile) in now.iter().enumerate() {
            if fragile || self.rows.get(y).copied().unwrap_or(false) {
                resend_row(buf, y as u16);
                resent.push(buf.area.y + y as u16);
            }
        }
        self.rows = now;
        resent
    }
}

/// A backend that can blank a row of the terminal, as part of the frame
/// it is about to send.
pub trait Blank: Backend {
    fn blank_row(&mut self, y: u16) -> Result<(), Self::Error>;
}

impl<W: Write> Blank for CrosstermBackend<W> {
    fn blank_row(&mut self, y: u16) -> io::Result<()> {
        // Queued, not flushed: the row is blank and drawn in one write.
        queue!(self, MoveTo(0, y), Clear(ClearType::UntilNewLine))
    }
}

impl Blank for TestBackend {
    fn blank_row(&mut self, y: u16) -> Result<(), Self::Error> {
        self.set_cursor_position((0, y))?;
        self.clear_region(ratatui::backend::ClearType::UntilNewLine)
    }
}

/// Which rows of `buf` hold a grapheme a terminal may draw otherwise than
/// ratatui counts it.
fn fragile_rows(buf: &Buffer) -> Vec<bool> {
    let width = usize::from(buf.area.width).max(1);
    buf.content
        .chunks(width)
        .map(|row| row.iter().any(fragile))
        .collect()
}

/// A grapheme of more than one code point, or wider than a column.
fn fragile(cell: &Cell) -> bool {
    let s = cell.symbol();
    s.len() > 1 && (s.chars().nth(1).is_some() || s.cell_width() > 1)
}

/// Marks every cell of row `y` to be sent, but those a wide grapheme
/// before them covers (ratatui never sends those, and a terminal that
/// drew the grapheme wide would lose its second half).
fn resend_row(buf: &mut Buffer, y: u16) {
    let area = buf.area;
    let mut covered = 0;
    for x in area.left()..area.right() {
        let cell = &mut buf[(x, area.y + y)];
        if covered > 0 {
            covered -= 1;
            continue;
        }
        covered = cell.cell_width().saturating_sub(1);
        if cell.diff_option == CellDiffOption::None {
            cell.set_diff_option(CellDiffOption::AlwaysUpdate);
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::{layout::Rect, style::Style};

    use super::*;

    /// The cells sent to a terminal showing `prev` to make it show `next`.
    fn sent(prev: &str, next: &str) -> Vec<u16> {
        let mut repaint = Repaint::default();
        let [mut a, mut b] = [prev, next].map(|text| {
            let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
            buf.set_string(0, 0, text, Style::new());
            buf
        });
        repaint.mark(&mut a);
        repaint.mark(&mut b);
        a.diff(&b).into_iter().map(|(x, _, _)| x).collect()
    }

    #[test]
    fn a_row_that_held_a_flag_is_sent_whole() {
        // Without this, only x = 0 would be sent, and a terminal that kept
        // the flag's second letter in x = 1 would go on showing it.
        assert_eq!(sent("🇬🇧 ab", "  x ab"), [0, 1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn the_half_a_wide_grapheme_covers_is_never_sent() {
        assert_eq!(sent("abcdefgh", "日本 ab"), [0, 2, 4, 5, 6, 7]);
    }

    #[test]
    fn plain_rows_are_diffed_as_usual() {
        assert_eq!(sent("abcdé’gh", "abXdé’gh"), [2]);
    }
}
