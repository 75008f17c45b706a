//! tread: a terminal reader for comment threads saved as plain-text blog dumps.

pub mod cli;
pub mod export;
pub mod generate;
pub mod grammar;
pub mod samples;
pub mod sanitize;
pub mod source;
pub mod thread;
