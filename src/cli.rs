//! The command line: clap definitions and the entry point the binary calls.
//!
//! Each subcommand's arguments are a struct here; its behaviour lives in `cmd/<name>.rs`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::error::{EXIT_FAILURE, Error};

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

fn parse_minutes(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(m) if m.is_finite() && m > 0.0 && m <= 24.0 * 60.0 => Ok(m),
        _ => Err("use a number of minutes above 0, at most 1440".to_owned()),
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
    /// Import a review history exported from Anki as CSV (card_id, review_rating,
    /// review_time, review_duration) into a deck of its own.
    ImportRevlog(ImportRevlogArgs),
    /// Fit the FSRS parameters to this profile's review log and use them from now on.
    Optimize(OptimizeArgs),
    /// Show cards by state, work done, true retention, the hardest cards, and charts of the
    /// due forecast, the calendar of reviews and the intervals.
    Stats(StatsArgs),
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

/// Output formats for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per problem: `path:line:column: severity: message`.
    Text,
    /// A JSON array of problems, for editors and CI.
    Json,
}

/// Arguments of `recall check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Deck files or folders (searched recursively for *.toml). Default: ./decks
    pub paths: Vec<PathBuf>,
    /// A text file every card's `cite` phrase must be found in.
    #[arg(long, value_name = "FILE")]
    pub source: Option<PathBuf>,
    /// Also list the sentences of the --source FILE that no card's `cite` falls in, with
    /// their line numbers, and the share of sentences covered.
    #[arg(long, requires = "source", conflicts_with = "format")]
    pub coverage: bool,
    /// How to print the problems.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Arguments of `recall new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The deck file to create (never replaced if it exists).
    #[arg(value_name = "FILE.toml")]
    pub file: PathBuf,
    /// The deck's title [default: the file name].
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// The text the cards will be written from: its name becomes the deck's `source`.
    #[arg(long, value_name = "FILE")]
    pub source: Option<PathBuf>,
}

/// The formats `recall import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Quizlet's export: term, separator, definition.
    Quizlet,
    /// A spreadsheet saved as CSV, its first row naming the columns.
    Csv,
    /// Anki's "notes in plain text" export.
    AnkiText,
    /// An Anki package (.apkg or .colpkg).
    Apkg,
}

/// Arguments of `recall import`.
#[derive(Debug, Args)]
#[command(
    after_help = "Ids are made from each card's question (see docs/import-export.md), so a \
                        re-import of an updated file keeps the progress of unchanged cards."
)]
pub struct ImportCardsArgs {
    /// The file to read.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The deck file to write [default: FILE's name with .toml].
    #[arg(long, value_name = "DECK.toml")]
    pub to: Option<PathBuf>,
    /// The format of FILE [default: found from the file].
    #[arg(long, value_enum)]
    pub format: Option<ImportFormat>,
    /// The character between fields: tab, comma, semicolon or the character itself
    /// [default: found from the first line].
    #[arg(long, value_name = "SEP", value_parser = parse_separator)]
    pub separator: Option<char>,
    /// What ends a row of a Quizlet export, when not a line break (e.g. ";").
    #[arg(long, value_name = "SEP")]
    pub row_separator: Option<String>,
    /// The deck's title [default: the Anki deck's name, else the file name].
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// Replace the deck file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `recall draft`.
#[derive(Debug, Args)]
#[command(
    after_help = "Every card cites a phrase of its sentence, so `recall check --source TEXT` proves \
                        it; review each card before studying (see docs/draft.md)."
)]
pub struct DraftArgs {
    /// The text to draft from (plain text or Markdown).
    #[arg(long, value_name = "TEXT")]
    pub source: PathBuf,
    /// Write a new deck file [default: print the draft].
    #[arg(long, value_name = "DECK.toml", conflicts_with = "append")]
    pub to: Option<PathBuf>,
    /// Add cards to this deck for the sentences none of its cards cites yet.
    #[arg(long, value_name = "DECK.toml")]
    pub append: Option<PathBuf>,
    /// At most N cards, the first in the text.
    #[arg(long, value_name = "N")]
    pub max: Option<usize>,
    /// Replace the `--to` file if it exists.
    #[arg(long, requires = "to")]
    pub force: bool,
}

fn parse_separator(text: &str) -> Result<char, String> {
    match text.to_lowercase().as_str() {
        "tab" | "\\t" => Ok('\t'),
        "comma" => Ok(','),
        "semicolon" => Ok(';'),
        _ => {
            let mut chars = text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c != '\n' && c != '"' => Ok(c),
                _ => Err("use tab, comma, semicolon or a single character".to_owned()),
            }
        }
    }
}

/// The formats `recall export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One row per card with every field, for a spreadsheet and `recall import`.
    Csv,
    /// Term TAB definition, for Quizlet's import.
    Quizlet,
    /// Anki's "notes in plain text", with its header lines.
    AnkiText,
    /// An Anki package (.apkg).
    Anki,
    /// Moodle's GIFT question format.
    Gift,
    /// Aiken: multiple-choice questions only (Moodle).
    Aiken,
    /// An IMS QTI 1.2 package (zip), as Canvas and Blackboard import.
    Qti,
}

impl ExportFormat {
    /// The usual file ending.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Quizlet | ExportFormat::AnkiText | ExportFormat::Aiken => "txt",
            ExportFormat::Anki => "apkg",
            ExportFormat::Gift => "gift",
            ExportFormat::Qti => "zip",
        }
    }
}

/// Arguments of `recall export`.
#[derive(Debug, Args)]
pub struct ExportCardsArgs {
    /// The deck file.
    #[arg(value_name = "DECK.toml")]
    pub deck: PathBuf,
    /// The format to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// The file to write (replaced atomically) [default: the deck's name with the format's
    /// ending].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only cards with this tag (repeat for several: any of them).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only cards of these kinds, a comma list of basic,reversed,choice,true-false,cloze,order.
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub kinds: Vec<String>,
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

/// How `recall study` asks the cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ModeArg {
    /// The natural form for each card.
    #[default]
    Auto,
    /// Reveal the answer and rate yourself.
    Flip,
    /// Type every answer.
    Type,
    /// Pick from options.
    Choice,
}

impl From<ModeArg> for crate::session::StudyMode {
    fn from(mode: ModeArg) -> Self {
        match mode {
            ModeArg::Auto => Self::Auto,
            ModeArg::Flip => Self::Flip,
            ModeArg::Type => Self::Type,
            ModeArg::Choice => Self::Choice,
        }
    }
}

/// Arguments of `recall study`.
#[derive(Debug, Args)]
#[command(
    after_help = "Environment:\n  RECALL_CONFIG  the config file\n  EDITOR, VISUAL the editor                         for editing a card\n  NO_COLOR       no colour"
)]
pub struct StudyArgs {
    /// Deck files or folders [default: ./decks if it exists, else the built-in deck].
    pub paths: Vec<PathBuf>,
    /// Stop after this many cards.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Stop after the card in progress once this many minutes have passed.
    #[arg(long, value_name = "M", value_parser = parse_minutes)]
    pub minutes: Option<f64>,
    /// Only cards with this tag (repeat for several: any of them).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// How to ask the cards.
    #[arg(long, value_enum, default_value_t = ModeArg::Auto)]
    pub mode: ModeArg,
    /// Plain lines on stdin/stdout instead of prompts (automatic when stdin is not a terminal).
    #[arg(long)]
    pub plain: bool,
    /// Aim the reviews at an exam on DATE (YYYY-MM-DD) and raise the new cards a day as
    /// needed; remembered for these decks until the exam, `off` forgets it.
    #[arg(long, value_name = "DATE", value_parser = crate::cmd::exam_date::parse_arg)]
    pub exam: Option<crate::cmd::exam_date::ExamArg>,
    /// Settings for this run.
    #[command(flatten)]
    pub overrides: SettingsArgs,
}

/// When a quiz shows whether each answer was right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Feedback {
    /// In the report at the end.
    #[default]
    End,
    /// After each answer.
    Immediate,
}

/// Arguments of `recall quiz`.
#[derive(Debug, Args)]
pub struct QuizArgs {
    /// Deck files or folders [default: ./decks if it exists, else the built-in deck].
    pub paths: Vec<PathBuf>,
    /// How many questions.
    #[arg(long, default_value_t = 20, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..))]
    pub count: u16,
    /// Draws the quiz: the same seed and decks give the same questions in the same order
    /// [default: a random seed, shown in the report].
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Question types, a comma list of typed,choice,truefalse,order,cloze [default: all that
    /// the cards allow].
    #[arg(long, value_name = "LIST")]
    pub types: Option<String>,
    /// Only cards with this tag (repeat for several: any of them).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Time allowed, like 90s, 10m, 1h or 1h30m (a bare number is minutes); unanswered
    /// questions count as wrong.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub time_limit: Option<chrono::TimeDelta>,
    /// When to show whether each answer was right.
    #[arg(long, value_enum, default_value_t = Feedback::End)]
    pub feedback: Feedback,
    /// Also write the report to FILE: JSON for .json, CSV for .csv (replaced atomically).
    #[arg(long, value_name = "FILE")]
    pub results: Option<PathBuf>,
    /// Plain lines on stdin/stdout instead of prompts (automatic when stdin is not a terminal).
    #[arg(long)]
    pub plain: bool,
    /// Who takes the quiz, recorded in the results file [default: the profile name].
    #[arg(long, value_name = "NAME", value_parser = parse_student)]
    pub student: Option<String>,
    /// Print the quiz as a paper test instead of asking it: nothing is read from or written
    /// to any profile.
    #[arg(long, conflicts_with_all = ["results", "time_limit", "student", "plain"])]
    pub print: bool,
    /// With --print: add the answer key (accepted wordings and explanations too).
    #[arg(long, requires = "print")]
    pub answers: bool,
    /// With --print: Markdown, or one HTML file that prints on A4 and Letter.
    #[arg(long, value_enum, default_value_t = PaperFormat::Markdown, requires = "print")]
    pub format: PaperFormat,
}

/// What `recall quiz --print` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum PaperFormat {
    /// Markdown text.
    #[default]
    Markdown,
    /// A self-contained HTML page with a print stylesheet.
    Html,
}

/// A student's name: 1 to 100 characters, none of them control or invisible ones.
fn parse_student(name: &str) -> Result<String, String> {
    let name = name.trim();
    let count = name.chars().count();
    if (1..=100).contains(&count) && !name.chars().any(crate::text::is_hidden) {
        Ok(name.to_owned())
    } else {
        Err("use 1 to 100 characters, no control or invisible ones".to_owned())
    }
}

/// Arguments of `recall results`.
#[derive(Debug, Args)]
#[command(
    after_help = "Each file is one student's `recall quiz --results FILE.json`. Files of \
                  different seeds are combined card by card; files of different versions of \
                  a deck are refused unless --mixed-versions. See docs/class.md."
)]
pub struct ResultsArgs {
    /// The results files (JSON, as `recall quiz --results` writes them).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Print one JSON object (students, questions) instead of tables.
    #[arg(long)]
    pub json: bool,
    /// Also write a gradebook: one row per student, one column per question (1 or 0).
    #[arg(long, value_name = "GRADEBOOK.csv")]
    pub csv: Option<PathBuf>,
    /// Combine files taken on different versions of a deck.
    #[arg(long)]
    pub mixed_versions: bool,
}

/// Arguments of `recall cram`.
#[derive(Debug, Args)]
pub struct CramArgs {
    /// Deck files or folders [default: ./decks if it exists, else the built-in deck].
    pub paths: Vec<PathBuf>,
    /// Only cards with this tag (repeat for several: any of them).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only the N cards with the lowest predicted recall (never-studied cards first).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub weakest: Option<u32>,
    /// Plain lines on stdin/stdout instead of prompts (automatic when stdin is not a terminal).
    #[arg(long)]
    pub plain: bool,
}

/// A duration such as `90s`, `10m`, `1h`, `1h30m` or `2m30s`; a bare number is minutes.
fn parse_duration(text: &str) -> Result<chrono::TimeDelta, String> {
    let bad = || format!("{text:?} is not a duration like 90s, 10m, 1h or 1h30m");
    let t = text.trim();
    let seconds: u64 = if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        t.parse::<u64>()
            .map_err(|_| bad())?
            .checked_mul(60)
            .ok_or_else(bad)?
    } else {
        let mut total = 0u64;
        let mut number = String::new();
        for c in t.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let unit = match c {
                'h' => 3600,
                'm' => 60,
                's' => 1,
                _ => return Err(bad()),
            };
            let n: u64 = number.parse().map_err(|_| bad())?;
            total = n
                .checked_mul(unit)
                .and_then(|s| total.checked_add(s))
                .ok_or_else(bad)?;
            number.clear();
        }
        if !number.is_empty() {
            return Err(bad());
        }
        total
    };
    match i64::try_from(seconds) {
        Ok(s) if s > 0 && s <= 7 * 86_400 => Ok(chrono::TimeDelta::seconds(s)),
        _ => Err("use a time limit above 0, at most 7 days".to_owned()),
    }
}

/// Arguments of `recall plan`.
#[derive(Debug, Args)]
#[command(
    after_help = "The figures are the averages of 32 simulated learners whose recall follows the \
                  FSRS model, studying every day what the schedule asks."
)]
pub struct PlanArgs {
    /// Deck files or folders [default: ./decks if it exists, else the built-in deck].
    pub paths: Vec<PathBuf>,
    /// The exam date (YYYY-MM-DD) [default: the one `recall study --exam` set for the decks].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub exam: Option<chrono::NaiveDate>,
    /// Warn about the days that need more than this many minutes of study.
    #[arg(long, value_name = "M", value_parser = parse_minutes)]
    pub minutes_per_day: Option<f64>,
    /// Settings for this run.
    #[command(flatten)]
    pub overrides: SettingsArgs,
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    match crate::cmd::exam_date::parse_arg(text)? {
        crate::cmd::exam_date::ExamArg::On(date) => Ok(date),
        crate::cmd::exam_date::ExamArg::Off => {
            Err("give a date like 2026-12-18 to plan for".to_owned())
        }
    }
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

/// Parses the process arguments, runs the command and reports any error on stderr.
#[must_use]
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match crate::cmd::run(cli) {
        Ok(code) => code,
        Err(Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            // Each line escaped on its own: a list of deck problems keeps its line breaks.
            let message = e.to_string();
            let lines: Vec<_> = message.lines().map(crate::text::escape_controls).collect();
            eprintln!("recall: error: {}", lines.join("\n"));
            ExitCode::from(e.exit_code())
        }
    }
}

/// The exit code for a failure that was already reported.
#[must_use]
pub fn failure() -> ExitCode {
    ExitCode::from(EXIT_FAILURE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn durations_parse_in_hours_minutes_and_seconds() {
        let secs = |t: &str| parse_duration(t).map(|d| d.num_seconds());
        assert_eq!(secs("90s"), Ok(90));
        assert_eq!(secs("10m"), Ok(600));
        assert_eq!(secs("1h30m"), Ok(5400));
        assert_eq!(secs("2m30s"), Ok(150));
        assert_eq!(secs("5"), Ok(300));
        for bad in [
            "",
            "0s",
            "10x",
            "m",
            "1.5m",
            "-1m",
            "8d",
            "99999999999999999999h",
        ] {
            assert!(secs(bad).is_err(), "{bad}");
        }
    }
}
