//! recall: flashcards and quizzes from TOML decks, scheduled by a spaced-repetition engine.
//!
//! The core (`deck`, `scheduler`, `store`, `session`, `answer`, `stats`, and the study mode
//! `study`) returns values and never prints; `env` is the one place that reads the
//! environment and the clock; `cli` turns the command line into plain options; `cmd` runs a
//! subcommand and `ui` draws it.

pub mod answer;
pub mod atomic_file;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod deck;
pub mod draft;
pub mod env;
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
pub mod study;
pub mod sync;
pub mod text;
pub mod ui;
