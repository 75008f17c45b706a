//! The drawn screen fitted to a plain terminal, as the last step of a
//! frame: with 16 colours, every colour is the nearest basic one and there
//! are no italics; with ASCII only, every cell is ASCII, column for column
//! (box drawing as `|`, `-`, `+`; `●` as `*`, `⚠` as `!`, `…` as `~`, `›`
//! as `>`; an accented letter as its letter; anything else as `?`, one a
//! column). The layout is the same as on any terminal.

use ratatui::{
    buffer::{Buffer, CellWidth},
    style::{Color, Modifier},
};
use unicode_normalization::UnicodeNormalization;

use crate::settings::abilities::{Abilities, Colours};

/// Fits every cell of `buf` to what the terminal can draw.
pub fn fit(buf: &mut Buffer, abilities: Abilities) {
    if abilities.colours == Colours::Basic {
        for cell in &mut buf.content {
            cell.fg = basic(cell.fg);
            cell.bg = basic(cell.bg);
            cell.modifier.remove(Modifier::ITALIC);
        }
    }
    if abilities.ascii {
        let mut covered = 0;
        for cell in &mut buf.content {
            // The columns behind a wide grapheme get a `?` of their own.
            if covered > 0 {
                covered -= 1;
                cell.set_symbol("?");
                continue;
            }
            if !cell.symbol().is_ascii() {
                covered = cell.cell_width().saturating_sub(1);
                let ascii = ascii(cell.symbol());
                cell.set_char(ascii);
            }
        }
    }
}

/// The ASCII character a one-grapheme symbol is drawn as.
fn ascii(symbol: &str) -> char {
    let first = symbol.chars().next().unwrap_or(' ');
    match first {
        '│' | '┃' | '║' | '▌' | '▏' | '|' => '|',
        '─' | '━' | '═' | '‐' | '‑' | '‒' | '–' | '—' | '−' => '-',
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' => '+',
        '●' | '•' | '∙' => '*',
        '·' => '.',
        '⚠' => '!',
        '…' => '~',
        '›' | '»' => '>',
        '‹' | '«' => '<',
        '‘' | '’' | '‚' | '′' => '\'',
        '“' | '”' | '„' | '″' => '"',
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{3000}' => ' ',
        _ => symbol
            .nfd()
            .next()
            .filter(|c| c.is_ascii_graphic() && symbol.cell_width() == 1)
            .unwrap_or('?'),
    }
}

/// The nearest of the 16 basic colours (those a colour cube or grey of
/// the 256, or an RGB colour, is closest to).
fn basic(c: Color) -> Color {
    const BASIC: [(Color, (u8, u8, u8)); 16] = [
        (Color::Black, (0, 0, 0)),
        (Color::Red, (205, 0, 0)),
        (Color::Green, (0, 205, 0)),
        (Color::Yellow, (205, 205, 0)),
        (Color::Blue, (0, 0, 238)),
        (Color::Magenta, (205, 0, 205)),
        (Color::Cyan, (0, 205, 205)),
        (Color::Gray, (229, 229, 229)),
        (Color::DarkGray, (127, 127, 127)),
        (Color::LightRed, (255, 0, 0)),
        (Color::LightGreen, (0, 255, 0)),
        (Color::LightYellow, (255, 255, 0)),
        (Color::LightBlue, (92, 92, 255)),
        (Color::LightMagenta, (255, 0, 255)),
        (Color::LightCyan, (0, 255, 255)),
        (Color::White, (255, 255, 255)),
    ];
    let rgb = match c {
        Color::Indexed(n) if n < 16 => return BASIC[usize::from(n)].0,
        Color::Indexed(n) if n >= 232 => {
            let v = 8 + 10 * (n - 232);
            (v, v, v)
        }
        Color::Indexed(n) => {
            let level = |i: u8| if i == 0 { 0 } else { 55 + 40 * i };
            let i = n - 16;
            (level(i / 36), level(i / 6 % 6), level(i % 6))
        }
        Color::Rgb(r, g, b) => (r, g, b),
        other => return other,
    };
    let distance = |(r, g, b): (u8, u8, u8)| {
        let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
        d(r, rgb.0) + d(g, rgb.1) + d(b, rgb.2)
    };
    BASIC
        .iter()
        .min_by_key(|(_, v)| distance(*v))
        .map_or(c, |(named, _)| *named)
}

#[cfg(test)]
mod tests {
    use ratatui::{buffer::Cell, layout::Rect, style::Style};

    use super::*;

    #[test]
    fn every_cell_is_ascii_column_for_column() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
        buf.set_string(0, 0, "│● é日本…’👩‍👩‍👧x", Style::new());
        fit(
            &mut buf,
            Abilities {
                colours: Colours::Full,
                ascii: true,
            },
        );
        let row: String = buf.content.iter().map(Cell::symbol).collect();
        assert_eq!(row, "|* e????~'??x       ");
        assert!(buf.content.iter().all(|c| c.symbol().is_ascii()));
    }

    #[test]
    fn colours_become_the_nearest_basic_ones_without_italics() {
        assert_eq!(basic(Color::Indexed(8)), Color::DarkGray);
        assert_eq!(basic(Color::Indexed(196)), Color::LightRed);
        assert_eq!(basic(Color::Indexed(244)), Color::DarkGray);
        assert_eq!(basic(Color::Rgb(10, 10, 200)), Color::Blue);
        assert_eq!(basic(Color::Cyan), Color::Cyan);
        assert_eq!(basic(Color::Reset), Color::Reset);
        let mut buf = Buffer::empty(Rect::new(0, 0, 2, 1));
        buf.set_string(
            0,
            0,
            "ab",
            Style::new()
                .fg(Color::Indexed(250))
                .add_modifier(Modifier::ITALIC | Modifier::BOLD),
        );
        fit(
            &mut buf,
            Abilities {
                colours: Colours::Basic,
                ascii: false,
            },
        );
        assert_eq!(buf[(0, 0)].fg, Color::Gray);
        assert_eq!(buf[(0, 0)].modifier, Modifier::BOLD);
    }
}
