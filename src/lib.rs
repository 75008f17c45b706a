//! tread: a terminal reader for comment threads saved as plain-text blog dumps.
//!
//! The layers, each importing only from those after it:
//! `cli` (the command line) -> `reader` (the terminal app) -> `settings`
//! (config file, key table, read state), `export` (text, Markdown, JSON)
//! and `grep` (matching lines placed in their threads) -> `dump` (the
//! format: model, grammar, reading files).

pub mod cli;
pub mod dump;
pub mod export;
pub mod grep;
pub mod reader;
pub mod settings;
