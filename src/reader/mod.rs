//! The terminal reader, in the Elm shape: state (`app`), one pure
//! `update`, effects carried out apart (`effects`), and `view`. The
//! terminal loop (`terminal`) reads events, calls `update`, runs effects
//! and draws.
//!
//! Imports from `settings`, `export` and `dump`; nothing imports it but the
//! command line.

pub mod app;
mod corpus;
pub mod display;
pub mod effects;
mod filter;
pub mod find;
pub mod help;
pub mod jumps;
pub mod links;
mod list;
mod marks;
pub mod outline;
pub mod output;
mod panels;
mod posts;
pub mod prompt;
pub mod repaint;
mod repeats;
mod requests;
pub mod source;
pub mod terminal;
pub mod thread;
mod tree_filter;
pub mod update;
pub mod view;

#[cfg(test)]
mod tests;
