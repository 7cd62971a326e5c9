//! The two faces of a session: terminal prompts (inquire) and a plain line protocol.
//! Both only show what the session hands them, with deck text stripped of control
//! sequences, and turn keys or lines into replies. `quiz_*` are the same two faces for
//! `recall quiz` and `recall cram`; `stats` and `chart` draw the statistics screen; `more` is
//! what a study offers when nothing is due, and `when` says a due time in the learner's terms.
//! `picture` draws a card's pictures or says them in words; `cancel` reads the end of a terminal prompt; `list` is the list a study session picks from. `wrap` and `fitted` break the terminal faces' lines between words at the terminal's width.
//! `sync_report` is what `recall sync` shows.

pub mod break_report;
pub mod cancel;
pub mod chart;
pub mod check_report;
pub mod class_render;
pub mod closing;
pub mod fit_report;
pub mod fitted;
pub mod items;
pub mod list;
pub mod more;
pub mod paint;
pub mod picture;
pub mod plain;
pub mod plan_report;
pub mod postpone_report;
pub mod prompters;
pub mod quiz_paper;
pub mod quiz_plain;
pub mod quiz_render;
pub mod quiz_terminal;
pub mod render;
pub mod replay_table;
pub mod reschedule_report;
pub mod retention_report;
pub mod stats;
pub mod sync_report;
pub mod terminal;
pub mod when;
pub mod wrap;
