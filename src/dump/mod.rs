//! The blog-dump format: the thread model, the grammar that parses a dump
//! into it, reading files (and directories) into documents, the bundled
//! sample dumps, a generator of dumps for tests and benchmarks, the
//! sanitizer that keeps text and names from driving a terminal, the
//! signature a comment's text ends in, and the width text takes on screen.
//!
//! Imports nothing from the rest of tread: the format stands alone.

pub mod generate;
pub mod grammar;
pub mod index;
pub mod keys;
pub mod quotes;
pub mod samples;
pub mod sanitize;
pub mod signature;
pub mod source;
pub mod thread;
pub mod width;
pub mod words;
