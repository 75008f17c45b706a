//! tread: a terminal reader for comment threads saved as plain-text blog dumps.

pub mod app;
pub mod cli;
pub mod config;
pub mod effects;
pub mod export;
pub mod find;
pub mod generate;
pub mod grammar;
pub mod keymap;
pub mod links;
pub mod outline;
pub mod samples;
pub mod sanitize;
pub mod source;
pub mod store;
pub mod thread;
pub mod tui;
pub mod view;
