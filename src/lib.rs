//! recall: flashcards and quizzes from TOML decks, scheduled by a spaced-repetition engine.
//!
//! The core modules (`deck`, `scheduler`) return values and never print; `cli` and `cmd`
//! are the only places that read the environment or the clock and write to the terminal.

pub mod answer;
pub mod atomic_file;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod deck;
pub mod error;
pub mod hangup;
pub mod input_file;
pub mod interchange;
pub mod library;
pub mod optimize;
pub mod percent;
pub mod plan;
pub mod quiz;
pub mod revlog;
pub mod scheduler;
pub mod session;
pub mod stats;
pub mod store;
pub mod text;
pub mod time;
pub mod ui;
