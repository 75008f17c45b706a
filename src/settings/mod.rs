//! What a user sets and what tread remembers: the key table (actions,
//! modes, keys; the help and the config are drawn from it), the config file
//! (keys, theme, reading settings), what the terminal can draw, and the
//! read-state store.
//!
//! Imports only from `dump`.

pub mod abilities;
pub mod actions;
pub mod config;
pub mod keys;
pub mod store;
