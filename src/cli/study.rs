//! The arguments of the sessions and of what plans them: `study`, `quiz`, `results`, `cram`
//! and `plan`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::SettingsArgs;

fn parse_minutes(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(m) if m.is_finite() && m > 0.0 && m <= 24.0 * 60.0 => Ok(m),
        _ => Err("use a number of minutes above 0, at most 1440".to_owned()),
    }
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
    /// Whether pictures are drawn.
    #[command(flatten)]
    pub images: ImagesArg,
    /// Aim the reviews at an exam on DATE (YYYY-MM-DD) and raise the new cards a day as
    /// needed; remembered for these decks until the exam, `off` forgets it.
    #[arg(long, value_name = "DATE", value_parser = crate::study::exam_date::parse_arg)]
    pub exam: Option<crate::study::exam_date::ExamArg>,
    /// Settings for this run.
    #[command(flatten)]
    pub overrides: SettingsArgs,
}

impl StudyArgs {
    /// What these arguments ask of the study session.
    #[must_use]
    pub fn options(&self) -> crate::study::Options {
        crate::study::Options {
            paths: self.paths.clone(),
            limit: self.limit,
            minutes: self.minutes,
            tags: self.tags.clone(),
            mode: self.mode.into(),
        }
    }
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
    /// Whether pictures are drawn.
    #[command(flatten)]
    pub images: ImagesArg,
    /// Ask again the questions missed in an earlier quiz, from its results file (JSON, as
    /// --results writes it), in the order they were asked.
    #[arg(long, value_name = "RESULTS.json", conflicts_with_all = ["print", "count", "types"])]
    pub retake: Option<PathBuf>,
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
    /// Which cards, besides their tags.
    #[command(flatten)]
    pub filters: CramFilterArgs,
    /// Plain lines on stdin/stdout instead of prompts (automatic when stdin is not a terminal).
    #[arg(long)]
    pub plain: bool,
    /// Whether pictures are drawn.
    #[command(flatten)]
    pub images: ImagesArg,
}

/// `--no-images`, shared by `study`, `quiz` and `cram`.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct ImagesArg {
    /// Say the cards' pictures in words instead of drawing them in the terminal.
    #[arg(long)]
    pub no_images: bool,
}

impl ImagesArg {
    /// Whether pictures are drawn where the terminal can: no `--no-images`, and `config`
    /// (the config file's `images`) true.
    #[must_use]
    pub fn wanted(self, config: bool) -> bool {
        !self.no_images && config
    }
}

/// The filters of `recall cram` besides `--tag` and `--weakest`; all given must hold.
#[derive(Debug, Clone, Default, Args)]
pub struct CramFilterArgs {
    /// Only studied cards due within this span, like 12h, 3d or 2w (a bare number is days;
    /// 0: due now).
    #[arg(long, value_name = "DURATION", value_parser = parse_span)]
    pub due_within: Option<chrono::TimeDelta>,
    /// Only cards never studied.
    #[arg(long, conflicts_with_all = ["due_within", "lapses", "recall_below"])]
    pub new: bool,
    /// Only cards forgotten at least N times.
    #[arg(long, value_name = "N")]
    pub lapses: Option<u32>,
    /// Only studied cards whose predicted recall now is under R (0 to 1, like 0.8).
    #[arg(long, value_name = "R", value_parser = parse_recall)]
    pub recall_below: Option<f64>,
}

/// A chance of recall above 0, at most 1.
fn parse_recall(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(r) if r > 0.0 && r <= 1.0 => Ok(r),
        _ => Err("use a chance of recall above 0, at most 1, like 0.8".to_owned()),
    }
}

/// A duration such as `90s`, `10m`, `1h`, `1h30m` or `2m30s`; a bare number is minutes.
fn parse_duration(text: &str) -> Result<chrono::TimeDelta, String> {
    let bad = || format!("{text:?} is not a duration like 90s, 10m, 1h or 1h30m");
    let seconds = seconds_of(text, 60).ok_or_else(bad)?;
    match i64::try_from(seconds) {
        Ok(s) if s > 0 && s <= 7 * 86_400 => Ok(chrono::TimeDelta::seconds(s)),
        _ => Err("use a time limit above 0, at most 7 days".to_owned()),
    }
}

/// A span ahead such as `3d`, `2w`, `12h` or `1w3d`; a bare number is days; at most 10 years.
pub(super) fn parse_span(text: &str) -> Result<chrono::TimeDelta, String> {
    let bad = || format!("{text:?} is not a span like 12h, 3d, 2w or 1w3d");
    let seconds = seconds_of(text, 86_400).ok_or_else(bad)?;
    match i64::try_from(seconds) {
        Ok(s) if s <= 3650 * 86_400 => Ok(chrono::TimeDelta::seconds(s)),
        _ => Err("use a span of at most 10 years (3650d)".to_owned()),
    }
}

/// The seconds of `text`: numbers each followed by a unit (`w`, `d`, `h`, `m`, `s`), or a
/// bare number of `bare` seconds each. `None` when malformed or too large.
fn seconds_of(text: &str, bare: u64) -> Option<u64> {
    let t = text.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse::<u64>().ok()?.checked_mul(bare);
    }
    let mut total = 0u64;
    let mut number = String::new();
    for c in t.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            'w' => 7 * 86_400,
            'd' => 86_400,
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return None,
        };
        let n: u64 = number.parse().ok()?;
        total = total.checked_add(n.checked_mul(unit)?)?;
        number.clear();
    }
    (number.is_empty() && !t.is_empty()).then_some(total)
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
    match crate::study::exam_date::parse_arg(text)? {
        crate::study::exam_date::ExamArg::On(date) => Ok(date),
        crate::study::exam_date::ExamArg::Off => {
            Err("give a date like 2026-12-18 to plan for".to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
