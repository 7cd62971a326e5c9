//! The arguments of the commands on the profile: its items, log, settings and fitted
//! parameters, and the completion scripts and manual pages.

use std::path::PathBuf;

use clap::Args;

use super::SettingsArgs;

/// Arguments of `recall suspend`, `recall unsuspend` and `recall unbury`.
#[derive(Debug, Args)]
#[command(
    after_help = "An item is named as `recall log` shows it, DECK/ITEM (trotsky-exile/orgburo:reverse), \
                        or by its id alone when one deck has it; a card id (DECK/CARD) names all its items."
)]
pub struct ItemsArgs {
    /// The items or cards.
    #[arg(required = true, value_name = "ITEM")]
    pub items: Vec<String>,
}

/// Arguments of `recall card`.
#[derive(Debug, Args)]
#[command(after_help = "The JSON keys are listed in docs/commands.md.")]
pub struct CardArgs {
    /// The item, as `recall log` prints it (DECK/ITEM or ITEM), or a card id for all its
    /// items.
    #[arg(value_name = "ID")]
    pub id: String,
    /// Deck files or folders, for the card's line and question [default: ./decks if it
    /// exists, else the built-in deck].
    pub paths: Vec<PathBuf>,
    /// Print a JSON array, one object per item.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `recall cards`.
#[derive(Debug, Args)]
#[command(
    after_help = "Filters combine: an item is listed when it passes all of them. \
                        The JSON keys are listed in docs/commands.md."
)]
pub struct CardsArgs {
    /// Deck files or folders [default: ./decks if it exists, else the built-in deck]. Items
    /// of other decks the profile knows are listed after them, without a line.
    pub paths: Vec<PathBuf>,
    /// Only suspended items.
    #[arg(long)]
    pub suspended: bool,
    /// Only items buried until tomorrow.
    #[arg(long)]
    pub buried: bool,
    /// Only leeches: items forgotten `leech_threshold` times or more, or marked as leeches.
    #[arg(long)]
    pub leeches: bool,
    /// Only items due within this span, like 12h, 3d or 2w (a bare number is days); overdue
    /// items included.
    #[arg(long, value_name = "DURATION", value_parser = super::study::parse_span)]
    pub due_within: Option<chrono::TimeDelta>,
    /// Only cards with this tag (repeat for several: any of them).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only items whose id, question or answer holds TEXT (letter case aside).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Print a JSON array, one object per item.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `recall completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell the script is for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `recall man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// A subcommand whose page to print instead of recall's own (e.g. study).
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// Arguments of `recall schedule`.
#[derive(Debug, Args)]
#[command(after_help = "Example: recall schedule 0:good 2:good 8:again 0:good 3:easy")]
pub struct ScheduleArgs {
    /// The scheduler: fsrs, sm2 or leitner.
    #[arg(long, default_value = "fsrs", value_name = "NAME")]
    pub scheduler: String,
    /// Desired retention for FSRS, 0.70 to 0.99 (default 0.90).
    #[arg(long, value_name = "R", allow_negative_numbers = true)]
    pub retention: Option<f64>,
    /// Print a JSON array (keys: elapsed_days, rating, retrievability, stability, difficulty,
    /// interval_days) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// The reviews: days since the previous review (0 for the first) and a rating (1-4 or
    /// again, hard, good, easy), e.g. 0:good 3:good 10:again.
    #[arg(value_name = "DAYS:RATING", allow_hyphen_values = true)]
    pub reviews: Vec<String>,
}

/// Arguments of `recall config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the path of the config file and exit.
    #[arg(long)]
    pub path: bool,
    /// Settings as a command line would give them.
    #[command(flatten)]
    pub overrides: SettingsArgs,
}

/// Arguments of `recall log`.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Print one JSON object per line (id, time, deck, card, rating 1-4, mode, correct,
    /// answer, duration_ms, before, after), as `export-progress` writes them.
    #[arg(long)]
    pub json: bool,
    /// Show only the last N reviews.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

/// Arguments of `recall export-progress`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The file to write (replaced atomically if it exists).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// Arguments of `recall import-progress`.
#[derive(Debug, Args)]
#[command(
    after_help = "Importing is idempotent and the order of files does not matter: reviews are \
                  merged by id, then every card's state is recomputed from the merged log."
)]
pub struct ImportArgs {
    /// Files written by `recall export-progress`.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Desired retention to replay with, 0.70 to 0.99, as `recall study --retention`
    /// [default: the config file's, else 0.90].
    #[arg(long, value_name = "R")]
    pub retention: Option<f64>,
    /// Replay every deck with this scheduler, as `recall study --scheduler`: fsrs, sm2 or
    /// leitner [default: the config file's, else each deck's own].
    #[arg(long, value_name = "NAME")]
    pub scheduler: Option<String>,
}

/// Arguments of `recall sync`.
#[derive(Debug, Args)]
#[command(
    after_help = "Each machine writes only its own file in DIR (<profile>.<device>.recall-sync) and \
                  merges every other one of the profile: reviews by id, marks, exam dates and \
                  the fit by their latest change, accepted answers as a union. A damaged or \
                  foreign file is named and skipped. See docs/sync.md."
)]
pub struct SyncArgs {
    /// A folder shared between machines (Syncthing, Dropbox, a network drive).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Print what was done as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `recall import-revlog`.
#[derive(Debug, Args)]
#[command(
    after_help = "Importing is idempotent: a review is identified by its deck, card and time, so \
                  importing a file twice adds nothing. Malformed rows are reported as \
                  FILE:LINE: message and skipped."
)]
pub struct ImportRevlogArgs {
    /// The CSV file, with a header naming the columns card_id, review_rating (1-4),
    /// review_time (ISO 8601 with a zone) and review_duration (milliseconds).
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    /// The deck id the cards are kept under.
    #[arg(long, default_value = "anki-import", value_name = "ID", value_parser = parse_deck_id)]
    pub deck: String,
    /// The learner's offset from UTC when the history was made, in minutes (east positive:
    /// -300 for New York in winter) [default: this system's offset now].
    #[arg(long, value_name = "MINUTES", allow_negative_numbers = true,
          value_parser = clap::value_parser!(i32).range(-1080..=1080))]
    pub tz_offset: Option<i32>,
    /// The local hour a new day started for that learner (Anki's "next day starts at")
    /// [default: day_starts_at of the config, 4].
    #[arg(long, value_name = "HOUR", value_parser = clap::value_parser!(u8).range(0..=23))]
    pub day_starts: Option<u8>,
}

fn parse_deck_id(id: &str) -> Result<String, String> {
    if (1..=200).contains(&id.len()) && !id.chars().any(|c| c.is_control() || c.is_whitespace()) {
        Ok(id.to_owned())
    } else {
        Err("use 1 to 200 characters, no spaces or control characters".to_owned())
    }
}

/// Arguments of `recall optimize`.
#[derive(Debug, Args)]
#[command(
    after_help = "Only study answers feed the fit (not quiz or cram). It needs at least 400 \
                  answers given on a later day than the card's previous one. The fit is saved \
                  only when its log-loss is lower than that of the parameters in use (an \
                  earlier fit, else the defaults), unless --force."
)]
pub struct OptimizeArgs {
    /// Print a JSON object (reviews, default, current, fitted, parameters, saved, reason)
    /// instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Forget the fitted parameters and go back to the defaults.
    #[arg(long, conflicts_with = "json")]
    pub reset: bool,
    /// Save the fit even when its log-loss is not lower than that of the parameters in use.
    #[arg(long, conflicts_with = "reset")]
    pub force: bool,
}

/// Arguments of `recall reschedule`.
#[derive(Debug, Args)]
#[command(
    after_help = "Recomputes every card's state and due date from its review log with the \
                  settings in force (the fitted parameters, desired_retention, each deck's \
                  scheduler), as replaying the log would; suspended and buried cards stay so. \
                  Run it after recall optimize saved a fit or the desired retention changed. \
                  --json keys: cards, changed, earlier, later, first_day, due_before, \
                  due_after, written."
)]
pub struct RescheduleArgs {
    /// Deck files or folders whose cards to reschedule [default: every card of the profile].
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Arguments of `recall postpone`.
#[derive(Debug, Args)]
#[command(
    after_help = "Keeps at most N reviews due on each day and moves the others to the \
                  following days, those whose predicted recall stays highest first (FSRS \
                  retrievability; for SM-2 and Leitner cards the interval stands in for \
                  stability). Only due dates change; cards in their learning steps, suspended \
                  and buried cards stay. --json keys: cards, postponed, keep, by_interval, \
                  recall_lost, first_day, due_before, due_after, written."
)]
pub struct PostponeArgs {
    /// Deck files or folders whose cards to postpone [default: every card of the profile].
    pub paths: Vec<PathBuf>,
    /// Reviews to keep due per day at most [default: reviews_per_day of the config].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub keep: Option<u32>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Arguments of `recall break`.
#[derive(Debug, Args)]
#[command(
    after_help = "Moves the reviews due from FROM to TO (both included) to the days around \
                  the break: after it when their predicted recall the day after stays within 3 \
                  points, else before it, spread over a few days; the break is remembered, so \
                  later answers keep it free too. --json keys: cards, moved, earlier, later, \
                  by_interval, recall_lost, recall_lost_total, from, to, first_day, \
                  due_before, due_after, written."
)]
pub struct BreakArgs {
    /// The first day of the break, YYYY-MM-DD.
    #[arg(required_unless_present_any = ["list", "clear"])]
    pub from: Option<chrono::NaiveDate>,
    /// Its last day, YYYY-MM-DD (FROM again for a single day).
    #[arg(required_unless_present_any = ["list", "clear"])]
    pub to: Option<chrono::NaiveDate>,
    /// List the breaks set.
    #[arg(long, conflicts_with_all = ["from", "clear"])]
    pub list: bool,
    /// Forget every break (due dates already moved stay where they are).
    #[arg(long, conflicts_with = "from")]
    pub clear: bool,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// How a command that rewrites the schedule shows it and asks first.
#[derive(Debug, Args)]
pub struct WriteArgs {
    /// Only show what would change, with the reviews due per day before and after.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Write without asking (needed when stdin is not a terminal, and with --json).
    #[arg(long, conflicts_with = "dry_run")]
    pub yes: bool,
    /// Never ask (then writing needs --yes).
    #[arg(long)]
    pub plain: bool,
}

/// Arguments of `recall stats`.
#[derive(Debug, Args)]
#[command(
    after_help = "Environment:\n  RECALL_CONFIG  the config file (day_starts_at, desired_retention)\n  \
                  NO_COLOR       no colour (none either when stdout is not a terminal)"
)]
pub struct StatsArgs {
    /// Deck files or folders whose cards and tags count [default: ./decks if it exists, else
    /// the built-in deck]. Cards of other decks the profile knows count under their deck id.
    pub paths: Vec<PathBuf>,
    /// Print every figure as one JSON object (schema in the README).
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `recall retention`.
#[derive(Debug, Args)]
#[command(
    after_help = "For desired retentions from 0.70 to 0.97: the minutes of study a day and the \
                  share of the cards remembered after 90 days, by simulated learners studying \
                  your cards with your parameters and pace. Assumptions in docs/scheduling.md. \
                  --json keys: cards, horizon_days, seconds_per_answer, timed, current, choices \
                  (retention, answers_per_day, minutes_per_day, remembered, \
                  remembered_per_minute), best, reason."
)]
pub struct RetentionArgs {
    /// Deck files or folders [default: ./decks if it exists, else the built-in deck].
    pub paths: Vec<PathBuf>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}
