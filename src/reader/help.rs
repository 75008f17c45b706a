//! How the help overlay pages the key table on a screen of a given size:
//! shared by the view that draws it and the update that scrolls it.

/// Columns of the help overlay, borders aside.
pub const HELP_COLUMN: usize = 48;

/// How the help overlay lays out `entries` lines on a screen of `size`:
/// (columns, rows in each, rows shown at once). Columns are added while
/// they fit; what still does not fit scrolls.
pub fn help_grid(entries: usize, (w, h): (u16, u16)) -> (usize, usize, usize) {
    let inner_h = (h as usize).saturating_sub(2).max(1);
    let fit = ((w as usize).saturating_sub(2) / HELP_COLUMN).max(1);
    let columns = entries.div_ceil(inner_h).clamp(1, fit);
    let rows = entries.div_ceil(columns).max(1);
    (columns, rows, rows.min(inner_h))
}
