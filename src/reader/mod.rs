//! The terminal reader, in the Elm shape: state (`app`), one pure
//! `update`, effects carried out apart (`effects`), and `view`. The
//! terminal loop (`terminal`) reads events, calls `update`, runs effects
//! and draws.
//!
//! Imports from `settings`, `export` and `dump`; nothing imports it but the
//! command line.

pub mod app;
pub mod effects;
pub mod find;
pub mod links;
pub mod outline;
pub mod terminal;
pub mod view;
