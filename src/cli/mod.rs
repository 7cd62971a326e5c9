//! The command line: clap definitions, and their values as the plain options the rest of
//! the program takes (`StoreOptions::location`, `SettingsArgs::overrides`, `StudyArgs::options`).
//!
//! Each subcommand's arguments are a struct in [`study`] (the sessions and what they plan),
//! [`decks`] (deck files) or [`progress`] (the profile, its log and its settings); its
//! behaviour lives in `cmd/<name>.rs`. [`again`] words the commands a session suggests.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::profile::Location;
use crate::config::settings::Overrides;

pub mod again;
pub mod decks;
pub mod progress;
pub mod study;

pub use decks::*;
pub use progress::*;
pub use study::*;

/// Flashcards and quizzes from TOML decks, scheduled by spaced repetition.
#[derive(Debug, Parser)]
#[command(name = "recall", version, about, long_about = None)]
#[command(
    after_help = "Environment:\n  RECALL_NOW        fix \"now\" (RFC 3339), for tests and simulations\n  \
                  RECALL_DATA_DIR   where progress is kept (as --data-dir)"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Where progress is kept.
    #[command(flatten)]
    pub store: StoreOptions,
}

/// Where progress is kept: options every subcommand accepts.
#[derive(Debug, Clone, Args)]
pub struct StoreOptions {
    /// The folder holding progress, one database per profile [default: the platform's data
    /// folder + recall, e.g. ~/.local/share/recall].
    #[arg(long, global = true, env = "RECALL_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Whose progress: keeps learners sharing a computer apart (letters, digits, - and _).
    #[arg(long, global = true, default_value = "default", value_name = "NAME",
          value_parser = parse_profile)]
    pub profile: String,
}

impl StoreOptions {
    /// Where these options keep progress.
    #[must_use]
    pub fn location(&self) -> Location {
        Location {
            data_dir: self.data_dir.clone(),
            profile: self.profile.clone(),
        }
    }
}

fn parse_profile(name: &str) -> Result<String, String> {
    if crate::store::is_valid_profile(name) {
        Ok(name.to_owned())
    } else {
        Err("use 1 to 64 letters, digits, '-' or '_'".to_owned())
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Study what is due: reviews, cards in learning, and new cards.
    Study(StudyArgs),
    /// Take a mock exam drawn from the decks: a score, a breakdown per tag, the misses.
    Quiz(QuizArgs),
    /// Read a class's quiz results files: scores, and how each question did (facility,
    /// discrimination, options picked) with flags on the cards to fix.
    Results(ResultsArgs),
    /// Practise cards now, due or not, in rounds until each was answered right once.
    Cram(CramArgs),
    /// Forecast the work, day by day, that gets the decks ready for an exam date.
    Plan(PlanArgs),
    /// Show each effective setting and where it came from.
    Config(ConfigArgs),
    /// Check deck files and report every problem as path:line:column.
    Check(CheckArgs),
    /// Write a commented starter deck with one card of every kind.
    New(NewArgs),
    /// Make a deck from cards of another tool: Quizlet, a spreadsheet (CSV), Anki.
    Import(ImportCardsArgs),
    /// Propose cards from a text of your own: clozes and questions, each citing its sentence.
    Draft(DraftArgs),
    /// Write a deck's cards for another tool: Anki, Quizlet, Moodle, Canvas, a spreadsheet.
    Export(ExportCardsArgs),
    /// Replay one card's history through a scheduler: retrievability, stability, difficulty and
    /// the next interval after each review.
    Schedule(ScheduleArgs),
    /// Show the review log of the profile, newest last.
    Log(LogArgs),
    /// Write the profile's review log to FILE as JSON Lines, for another machine.
    ExportProgress(ExportArgs),
    /// Merge review logs exported on other machines and recompute the card states.
    ImportProgress(ImportArgs),
    /// Sync the profile through a folder shared between machines: merge the other machines'
    /// files, write this one's.
    Sync(SyncArgs),
    /// Import a review history exported from Anki as CSV (card_id, review_rating,
    /// review_time, review_duration) into a deck of its own.
    ImportRevlog(ImportRevlogArgs),
    /// Fit the FSRS parameters to this profile's review log and use them from now on.
    Optimize(OptimizeArgs),
    /// Recompute every card's due date from its log with the settings in force (after
    /// `optimize` or a new desired retention), showing first what moves.
    Reschedule(RescheduleArgs),
    /// After a break: keep at most N reviews due a day, moving the others to the following
    /// days, the most stable first, showing first what moves.
    Postpone(PostponeArgs),
    /// Keep a holiday free: move the reviews due in it to the days around it, showing what
    /// recall it costs, and keep it free from then on.
    Break(BreakArgs),
    /// Help in choosing the desired retention: minutes a day and cards remembered for each
    /// value, and the one giving the most remembered per minute.
    Retention(RetentionArgs),
    /// Show cards by state, work done, true retention, the hardest cards, and charts of the
    /// due forecast, the calendar of reviews and the intervals.
    Stats(StatsArgs),
    /// List items one per line: where the card is written (path:line), state, due date,
    /// predicted recall now and lapses.
    Cards(CardsArgs),
    /// One item's story: every review, its memory and recall now, when it is due, and a chart
    /// of its predicted recall over the coming weeks.
    Card(CardArgs),
    /// Hide items from every study session and cram until `recall unsuspend`.
    Suspend(ItemsArgs),
    /// Bring suspended items back into study and cram.
    Unsuspend(ItemsArgs),
    /// Bring items buried until tomorrow back today.
    Unbury(ItemsArgs),
    /// Check the profile's database for damage; if damaged, save what can be read into a new
    /// file and keep the damaged one beside it.
    Repair,
    /// Print a completion script for a shell.
    #[command(after_help = "Example: recall completions bash > \
                            ~/.local/share/bash-completion/completions/recall")]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), of recall or of one subcommand.
    #[command(after_help = "Example: recall man | man -l -")]
    Man(ManArgs),
}

/// Settings a command line may override for this run.
#[derive(Debug, Clone, Default, Args)]
pub struct SettingsArgs {
    /// New cards per deck per day [default: 20, or the config file].
    #[arg(long, value_name = "N")]
    pub new: Option<u32>,
    /// Reviews per day [default: 200, or the config file].
    #[arg(long, value_name = "N")]
    pub reviews: Option<u32>,
    /// Desired retention, 0.70 to 0.99 [default: 0.90, or the config file].
    #[arg(long, value_name = "R")]
    pub retention: Option<f64>,
    /// Use this scheduler for every deck: fsrs, sm2 or leitner [default: each deck's own].
    #[arg(long, value_name = "NAME")]
    pub scheduler: Option<String>,
}

impl SettingsArgs {
    /// The settings these flags give for one run.
    #[must_use]
    pub fn overrides(&self) -> Overrides {
        Overrides {
            new: self.new,
            reviews: self.reviews,
            retention: self.retention,
            scheduler: self.scheduler.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
