//! The post index: what the list needs of each post (where its bytes are,
//! its title, date, counts, diagnostics and read-state key) in a few
//! hundred bytes, so an archive of any size is held as its index. A post's
//! tree is parsed from its bytes, read by offset, when it is shown,
//! searched or exported; nothing else of the file stays in memory.
//!
//! Bytes are read with `pread`, never mapped: a file truncated or
//! rewritten while it is open gives a short read or a post whose key no
//! longer matches, both said as a notice, never a crash (a map would end
//! the process with SIGBUS). Text that is not UTF-8 (decoded as UTF-16 or
//! Windows-1252) is held whole, as its document, since its offsets are not
//! the file's.

mod archive;
mod cache;
mod scan;

pub use archive::{Archive, At, Bytes, Entry, Parsed, Source};
pub use scan::{Event, scan_found};

#[cfg(test)]
mod tests;
