//! Settings a regular changes once and forgets, read from `config.toml`.
//!
//! The file holds settings for every profile at its top level and per-profile overrides
//! under `[profile.NAME]`. Each effective setting remembers where it came from (default,
//! file and line, or a flag), so `recall config` can show it. Problems in the file are
//! reported as `path:line:column`, like deck problems. This module reads no environment
//! and no files itself: the caller finds the file and passes its text.
//!
//! [`settings`] settles a command's effective settings (the file, then the flags) and
//! [`profile`] finds and opens the profile's database.

pub mod breaks;
pub mod easy_days;
pub mod profile;
pub mod settings;

use std::fmt;

use toml::de::{DeTable, DeValue};

use crate::deck::fields::Table;
use crate::deck::report::Report;
use crate::deck::{Diagnostic, NewOrder};
use crate::scheduler::{SchedulerKind, Settings, parse_step};

/// The keys a config file may hold, in the order `recall config` lists them.
pub const KEYS: [&str; 16] = [
    "new_per_day",
    "reviews_per_day",
    "desired_retention",
    "learning_steps",
    "relearning_steps",
    "day_starts_at",
    "scheduler",
    "fuzz",
    "maximum_interval",
    "leech_threshold",
    "leech_action",
    "new_order",
    "load_balance",
    "easy_days",
    "sync_dir",
    "images",
];

pub use crate::session::leech::{LEECH_THRESHOLD, LeechAction};

/// Where an effective setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built in.
    Default,
    /// A line of the config file (the profile's table, or the top level).
    File {
        /// The file.
        path: String,
        /// Its 1-based line.
        line: usize,
    },
    /// A command-line flag.
    Flag,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File { path, line } => write!(f, "{path}:{line}"),
            Origin::Flag => f.write_str("command line"),
        }
    }
}

/// The settings a session runs with.
#[derive(Debug, Clone, PartialEq)]
pub struct StudyConfig {
    /// New items per deck per day.
    pub new_per_day: u32,
    /// Reviews per day.
    pub reviews_per_day: u32,
    /// Scheduler settings (retention, steps, day start, fuzz, maximum interval).
    pub settings: Settings,
    /// A scheduler forced for every deck, else each deck's own choice.
    pub scheduler: Option<SchedulerKind>,
    /// Lapses that make an item a leech.
    pub leech_threshold: u32,
    /// What a session does to an item that becomes a leech.
    pub leech_action: LeechAction,
    /// The order of new cards in decks that do not set their own.
    pub new_order: NewOrder,
    /// The folder `recall study` syncs through before and after a session (`recall sync`).
    pub sync_dir: Option<std::path::PathBuf>,
    /// Cards' pictures are drawn in terminals that can (`images = false`: said in words).
    pub images: bool,
    /// Where each key's value came from, in [`KEYS`] order.
    pub origins: [Origin; 16],
}

impl Default for StudyConfig {
    fn default() -> Self {
        StudyConfig {
            new_per_day: 20,
            reviews_per_day: 200,
            settings: Settings::default(),
            scheduler: None,
            leech_threshold: LEECH_THRESHOLD,
            leech_action: LeechAction::default(),
            new_order: NewOrder::Deck,
            sync_dir: None,
            images: true,
            origins: std::array::from_fn(|_| Origin::Default),
        }
    }
}

impl StudyConfig {
    /// Records that `key` was set from `origin`.
    pub fn set_origin(&mut self, key: &str, origin: Origin) {
        if let Some(i) = KEYS.iter().position(|k| *k == key) {
            self.origins[i] = origin;
        }
    }

    /// Each key with its value as text and its origin, for `recall config`.
    #[must_use]
    pub fn rows(&self) -> Vec<(&'static str, String, &Origin)> {
        let steps = |s: &[u32]| {
            let parts: Vec<String> = s
                .iter()
                .map(|&x| crate::scheduler::humanize::format_seconds(f64::from(x)))
                .collect();
            format!("[{}]", parts.join(", "))
        };
        let s = &self.settings;
        let values = [
            self.new_per_day.to_string(),
            self.reviews_per_day.to_string(),
            format!("{:.2}", s.desired_retention),
            steps(&s.learning_steps),
            steps(&s.relearning_steps),
            s.day_start_hour.to_string(),
            self.scheduler.map_or_else(
                || "per deck (fsrs unless the deck says)".to_owned(),
                |k| k.to_string(),
            ),
            s.fuzz.to_string(),
            s.maximum_interval.to_string(),
            self.leech_threshold.to_string(),
            self.leech_action.name().to_owned(),
            self.new_order.to_string(),
            s.load_balance.to_string(),
            easy_days::describe(&s.easy_days),
            self.sync_dir
                .as_ref()
                .map_or_else(|| "off".to_owned(), |d| d.display().to_string()),
            self.images.to_string(),
        ];
        KEYS.iter()
            .zip(values)
            .zip(self.origins.iter())
            .map(|((k, v), o)| (*k, v, o))
            .collect()
    }
}

/// Reads a config file's `text` for `profile`, on top of the defaults.
///
/// # Errors
/// Every problem in the file, positioned.
pub fn parse(text: &str, path: &str, profile: &str) -> Result<StudyConfig, Vec<Diagnostic>> {
    let mut report = Report::new(path, text);
    let mut config = StudyConfig::default();
    let (root, errors) = DeTable::parse_recoverable(text);
    for e in &errors {
        report.error(
            &e.span().unwrap_or(0..0),
            format!("TOML syntax: {}", e.message().lines().next().unwrap_or("")),
        );
    }
    if errors.is_empty() {
        let root = root.get_ref();
        let mut known: Vec<&str> = KEYS.to_vec();
        known.push("profile");
        Table::new(root, 0..0, "the config file").reject_unknown(&known, &mut report);
        apply(root, path, &mut config, &mut report);
        if let Some(value) = root.get("profile") {
            match value.get_ref() {
                DeValue::Table(profiles) => {
                    // Every profile's table is checked, not only this one's: a mistake in
                    // another learner's settings is found by whoever runs recall first.
                    for (name, settings) in profiles {
                        match settings.get_ref() {
                            DeValue::Table(table) => {
                                Table::new(table, settings.span(), "a profile")
                                    .reject_unknown(&KEYS, &mut report);
                                if name.get_ref() == profile {
                                    apply(table, path, &mut config, &mut report);
                                }
                            }
                            _ => report.error(
                                &settings.span(),
                                format!(
                                    "`profile.{}` must be a table of settings: write [profile.{0}]",
                                    crate::text::escape_controls(name.get_ref())
                                ),
                            ),
                        }
                    }
                }
                _ => report.error(
                    &value.span(),
                    "`profile` must be a table: write [profile.NAME]",
                ),
            }
        }
    }
    if report.has_errors() {
        return Err(report.into_sorted());
    }
    if let Err(e) = config.settings.validate() {
        report.error(&(0..0), e.to_string());
        return Err(report.into_sorted());
    }
    Ok(config)
}

fn integer(
    table: &DeTable<'_>,
    key: &str,
    range: std::ops::RangeInclusive<i64>,
    report: &mut Report<'_>,
) -> Option<i64> {
    let value = table.get(key)?;
    let n = match value.get_ref() {
        DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok(),
        _ => None,
    };
    match n {
        Some(n) if range.contains(&n) => Some(n),
        _ => {
            report.error(
                &value.span(),
                format!(
                    "`{key}` must be a whole number from {} to {}",
                    range.start(),
                    range.end()
                ),
            );
            None
        }
    }
}

fn steps(table: &DeTable<'_>, key: &str, report: &mut Report<'_>) -> Option<Vec<u32>> {
    let value = table.get(key)?;
    let Some(array) = value.get_ref().as_array() else {
        report.error(
            &value.span(),
            format!("`{key}` must be a list like [\"1m\", \"10m\"]"),
        );
        return None;
    };
    let mut out = Vec::new();
    for item in array.iter() {
        match item.get_ref().as_str().map(parse_step) {
            Some(Ok(seconds)) => out.push(seconds),
            Some(Err(message)) => report.error(&item.span(), message),
            None => report.error(
                &item.span(),
                format!("`{key}` must hold steps like \"10m\""),
            ),
        }
    }
    Some(out)
}

/// Applies every key present in `table` to `config`.
fn apply(table: &DeTable<'_>, path: &str, config: &mut StudyConfig, report: &mut Report<'_>) {
    let before = report.diagnostics.len();
    let mut set: Vec<&str> = Vec::new();
    if let Some(n) = integer(table, "new_per_day", 0..=100_000, report) {
        config.new_per_day = u32::try_from(n).unwrap_or(0);
        set.push("new_per_day");
    }
    if let Some(n) = integer(table, "reviews_per_day", 0..=1_000_000, report) {
        config.reviews_per_day = u32::try_from(n).unwrap_or(0);
        set.push("reviews_per_day");
    }
    if let Some(n) = integer(table, "day_starts_at", 0..=23, report) {
        config.settings.day_start_hour = u8::try_from(n).unwrap_or(4);
        set.push("day_starts_at");
    }
    if let Some(n) = integer(table, "maximum_interval", 1..=36_500, report) {
        config.settings.maximum_interval = u32::try_from(n).unwrap_or(36_500);
        set.push("maximum_interval");
    }
    if let Some(n) = integer(table, "leech_threshold", 1..=1000, report) {
        config.leech_threshold = u32::try_from(n).unwrap_or(LEECH_THRESHOLD);
        set.push("leech_threshold");
    }
    if let Some(value) = table.get("leech_action") {
        match value.get_ref().as_str().and_then(LeechAction::from_name) {
            Some(action) => {
                config.leech_action = action;
                set.push("leech_action");
            }
            None => report.error(
                &value.span(),
                "`leech_action` must be \"suspend\", \"tag\" or \"warn\"",
            ),
        }
    }
    if let Some(value) = table.get("desired_retention") {
        match value.get_ref() {
            DeValue::Float(f) => match f.as_str().parse::<f64>() {
                Ok(r) if (0.70..=0.99).contains(&r) => {
                    config.settings.desired_retention = r;
                    set.push("desired_retention");
                }
                _ => report.error(
                    &value.span(),
                    "`desired_retention` must be from 0.70 to 0.99",
                ),
            },
            _ => report.error(
                &value.span(),
                "`desired_retention` must be a number like 0.90",
            ),
        }
    }
    if let Some(s) = steps(table, "learning_steps", report) {
        config.settings.learning_steps = s;
        set.push("learning_steps");
    }
    if let Some(s) = steps(table, "relearning_steps", report) {
        config.settings.relearning_steps = s;
        set.push("relearning_steps");
    }
    if let Some(value) = table.get("scheduler") {
        match value.get_ref().as_str().map(str::parse::<SchedulerKind>) {
            Some(Ok(kind)) => {
                config.scheduler = Some(kind);
                set.push("scheduler");
            }
            _ => report.error(
                &value.span(),
                "`scheduler` must be \"fsrs\", \"sm2\" or \"leitner\"",
            ),
        }
    }
    for key in ["fuzz", "images", "load_balance"] {
        match table.get(key).map(|v| (v.get_ref().as_bool(), v.span())) {
            Some((Some(b), _)) => {
                *match key {
                    "fuzz" => &mut config.settings.fuzz,
                    "images" => &mut config.images,
                    _ => &mut config.settings.load_balance,
                } = b;
                set.push(key);
            }
            Some((None, span)) => report.error(&span, format!("`{key}` must be true or false")),
            None => {}
        }
    }
    if let Some(weights) = easy_days::read(table, report) {
        config.settings.easy_days = weights;
        set.push("easy_days");
    }
    if let Some(value) = table.get("new_order") {
        match value.get_ref().as_str().map(str::parse::<NewOrder>) {
            Some(Ok(order)) => {
                config.new_order = order;
                set.push("new_order");
            }
            _ => report.error(&value.span(), "`new_order` must be \"deck\" or \"random\""),
        }
    }
    if let Some(value) = table.get("sync_dir") {
        match value.get_ref().as_str().map(std::path::PathBuf::from) {
            Some(dir) if dir.is_absolute() => {
                config.sync_dir = Some(dir);
                set.push("sync_dir");
            }
            _ => report.error(&value.span(), "`sync_dir` must be a folder's absolute path"),
        }
    }
    if report.diagnostics.len() > before {
        return;
    }
    for key in set {
        let line = table
            .get_key_value(key)
            .map_or(1, |(k, _)| report.line_of(k.span().start));
        config.set_origin(
            key,
            Origin::File {
                path: path.to_owned(),
                line,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The problems `parse` reports for `text` read for `profile`, one line each.
    fn problems_of(text: &str, profile: &str) -> Vec<String> {
        parse(text, "c.toml", profile)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn empty_file_gives_defaults() {
        let c = parse("", "c.toml", "default").unwrap();
        assert_eq!(c, StudyConfig::default());
    }

    #[test]
    fn profile_overrides_top_level_and_origins_name_lines() {
        let text = "new_per_day = 10\ndesired_retention = 0.85\n\n[profile.alice]\nnew_per_day = 5\nlearning_steps = [\"30s\", \"5m\"]\n";
        let c = parse(text, "c.toml", "alice").unwrap();
        assert_eq!(c.new_per_day, 5);
        assert!((c.settings.desired_retention - 0.85).abs() < 1e-12);
        assert_eq!(c.settings.learning_steps, [30, 300]);
        let rows = c.rows();
        assert_eq!(rows[0].2.to_string(), "c.toml:5");
        assert_eq!(rows[2].2.to_string(), "c.toml:2");
        assert_eq!(rows[1].2.to_string(), "default");
        let bob = parse(text, "c.toml", "bob").unwrap();
        assert_eq!(bob.new_per_day, 10);
        assert_eq!(
            (bob.leech_threshold, bob.leech_action),
            (LEECH_THRESHOLD, LeechAction::Tag)
        );
        let leech = parse(
            "leech_threshold = 3\nleech_action = \"suspend\"\n",
            "c.toml",
            "bob",
        )
        .unwrap();
        assert_eq!(
            (leech.leech_threshold, leech.leech_action),
            (3, LeechAction::Suspend)
        );
        let bad = parse(
            "leech_threshold = 0\nleech_action = \"delete\"\n",
            "c.toml",
            "bob",
        );
        assert_eq!(bad.unwrap_err().len(), 2);
    }

    #[test]
    fn bad_values_are_reported_with_positions() {
        let text = "new_per_day = -1\ndesired_retention = 1.5\nscheduler = \"sm3\"\nlearning_steps = [\"1x\"]\nnew_per_dya = 3\n";
        let problems = problems_of(text, "default");
        assert_eq!(
            problems,
            [
                "c.toml:1:15: error: `new_per_day` must be a whole number from 0 to 100000",
                "c.toml:2:21: error: `desired_retention` must be from 0.70 to 0.99",
                "c.toml:3:13: error: `scheduler` must be \"fsrs\", \"sm2\" or \"leitner\"",
                "c.toml:4:19: error: \"1x\" is not a step like 1m, 10m, 1h or 1d",
                "c.toml:5:1: error: unknown field `new_per_dya` in the config file; did you mean `new_per_day`?",
            ]
        );
    }

    #[test]
    fn every_profile_is_checked_and_a_setting_outside_a_profile_table_is_an_error() {
        let text = "[profile]\nx = 1\n\n[profile.bob]\nnew_per_dya = 3\n";
        let problems = problems_of(text, "alice");
        assert_eq!(
            problems,
            [
                "c.toml:2:5: error: `profile.x` must be a table of settings: write [profile.x]",
                "c.toml:5:1: error: unknown field `new_per_dya` in a profile; did you mean `new_per_day`?",
            ]
        );
    }
}
