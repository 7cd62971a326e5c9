//! Scheduler settings: their defaults, their validation and the parsing of step lengths.
//!
//! Owns every knob of the engine (desired retention, maximum interval, steps, day start, fuzz,
//! FSRS parameters, SM-2 options, Leitner boxes). Where the values come from (deck files,
//! flags, a config file) is the caller's business; this module only says whether they are
//! usable, with a message naming the bad value.

use super::days::DayClock;
use super::fsrs::{DEFAULT_PARAMETERS, PARAMETER_COUNT};

/// The longest interval any scheduler gives, in days (100 years).
pub const MAXIMUM_INTERVAL_CAP: u32 = 36_500;
/// The lowest desired retention accepted.
pub const MIN_RETENTION: f64 = 0.70;
/// The highest desired retention accepted.
pub const MAX_RETENTION: f64 = 0.99;

/// Everything the schedulers can be tuned with.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Probability of recall FSRS aims for at the due date, in [0.70, 0.99]. Default 0.90.
    pub desired_retention: f64,
    /// Longest interval, in days, in [1, 36500]. Default 36500.
    pub maximum_interval: u32,
    /// Steps of a new card, in seconds, each more than 0 and none shorter than the one
    /// before. Default 1m, 10m. Empty: a new card graduates at its first answer.
    pub learning_steps: Vec<u32>,
    /// Steps after a lapse, in seconds. Default 10m. Empty: a lapse goes straight back to review.
    pub relearning_steps: Vec<u32>,
    /// Local hour (0-23) at which the learner's day begins. Default 4.
    pub day_start_hour: u8,
    /// The learner's offset from UTC in minutes, within ±18 hours. Default 0 (the CLI passes
    /// the local offset).
    pub utc_offset_minutes: i32,
    /// Spread intervals of 2.5 days and more a little, deterministically per card. Default on.
    pub fuzz: bool,
    /// Even days: within the fuzz range, the day with the fewest reviews due (see
    /// [`super::balance`]), when the caller gives the loads. Default on.
    pub load_balance: bool,
    /// The weight of each weekday for the load balancer, Monday first: 0 keeps the day free
    /// when the fuzz range allows, 1 is a normal day. Default all 1.
    pub easy_days: [f64; 7],
    /// Breaks: ranges of the learner's days (inclusive) kept free of reviews.
    pub breaks: Vec<(i64, i64)>,
    /// The 21 FSRS-6 parameters; each is clamped into its allowed range.
    pub fsrs_parameters: [f64; PARAMETER_COUNT],
    /// Options of the SM-2 scheduler.
    pub sm2: Sm2Options,
    /// Days each Leitner box waits, box 1 first; at least one, each ≥ 1, non-decreasing.
    /// Default 1, 2, 4, 8, 16, 32.
    pub leitner_intervals: Vec<u32>,
}

/// SM-2 as Anki runs it; the defaults are Anki's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sm2Options {
    /// Ease a card starts with at graduation (2.50 = 250%), at least 1.30.
    pub starting_ease: f64,
    /// Interval after the last learning step, in days. Default 1.
    pub graduating_interval: u32,
    /// Interval when a new card is answered Easy, in days. Default 4.
    pub easy_interval: u32,
    /// Extra multiplier on Easy reviews. Default 1.30.
    pub easy_bonus: f64,
    /// Multiplier on the interval for Hard reviews. Default 1.20.
    pub hard_interval: f64,
    /// Multiplier on every review interval. Default 1.00.
    pub interval_modifier: f64,
    /// Share of the old interval kept after a lapse, in [0, 1]. Default 0.
    pub new_interval: f64,
    /// Shortest interval after a lapse, in days. Default 1.
    pub minimum_interval: u32,
    /// Lapses that make a card a leech (then every half of that again). Default 8.
    pub leech_threshold: u32,
}

impl Default for Sm2Options {
    fn default() -> Self {
        Self {
            starting_ease: 2.5,
            graduating_interval: 1,
            easy_interval: 4,
            easy_bonus: 1.3,
            hard_interval: 1.2,
            interval_modifier: 1.0,
            new_interval: 0.0,
            minimum_interval: 1,
            leech_threshold: 8,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            desired_retention: 0.9,
            maximum_interval: MAXIMUM_INTERVAL_CAP,
            learning_steps: vec![60, 600],
            relearning_steps: vec![600],
            day_start_hour: 4,
            utc_offset_minutes: 0,
            fuzz: true,
            load_balance: true,
            easy_days: [1.0; 7],
            breaks: Vec::new(),
            fsrs_parameters: DEFAULT_PARAMETERS,
            sm2: Sm2Options::default(),
            leitner_intervals: vec![1, 2, 4, 8, 16, 32],
        }
    }
}

/// A setting that cannot be used, with the reason.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SettingsError {
    /// The desired retention is outside [0.70, 0.99].
    #[error("desired retention must be between 0.70 and 0.99, not {0}")]
    Retention(f64),
    /// A setting is out of its range; the message names it.
    #[error("{0}")]
    OutOfRange(String),
}

impl Settings {
    /// The settings with `desired_retention` replaced, after checking it.
    ///
    /// # Errors
    /// [`SettingsError::Retention`] when it is outside [0.70, 0.99] or not a number.
    pub fn with_retention(mut self, desired_retention: f64) -> Result<Self, SettingsError> {
        check_retention(desired_retention)?;
        self.desired_retention = desired_retention;
        Ok(self)
    }

    /// Checks every setting.
    ///
    /// # Errors
    /// The first setting that is out of range.
    pub fn validate(&self) -> Result<(), SettingsError> {
        check_retention(self.desired_retention)?;
        let out = |message: String| Err(SettingsError::OutOfRange(message));
        if !(1..=MAXIMUM_INTERVAL_CAP).contains(&self.maximum_interval) {
            return out(format!(
                "maximum interval must be 1 to 36500 days, not {}",
                self.maximum_interval
            ));
        }
        check_steps("learning", &self.learning_steps)?;
        check_steps("relearning", &self.relearning_steps)?;
        if self.day_start_hour > 23 {
            return out(format!(
                "the day start hour must be 0 to 23, not {}",
                self.day_start_hour
            ));
        }
        if self.utc_offset_minutes.abs() > 18 * 60 {
            return out(format!(
                "UTC offset must be within ±18 hours, not {} minutes",
                self.utc_offset_minutes
            ));
        }
        if let Some(i) = self.fsrs_parameters.iter().position(|w| !w.is_finite()) {
            return out(format!("FSRS parameter w{i} is not a number"));
        }
        if let Some(w) = self.easy_days.iter().find(|w| !(0.0..=1.0).contains(*w)) {
            return out(format!("an easy_days weight must be from 0 to 1, not {w}"));
        }
        check_sm2(&self.sm2)?;
        if self.leitner_intervals.is_empty() {
            return out("Leitner needs at least one box".to_string());
        }
        check_increasing("Leitner box intervals", &self.leitner_intervals)
    }

    /// The learner's calendar these settings describe.
    #[must_use]
    pub fn day_clock(&self) -> DayClock {
        DayClock {
            day_start_hour: self.day_start_hour,
            utc_offset_minutes: self.utc_offset_minutes,
        }
    }
}

fn check_retention(r: f64) -> Result<(), SettingsError> {
    if (MIN_RETENTION..=MAX_RETENTION).contains(&r) {
        Ok(())
    } else {
        Err(SettingsError::Retention(r))
    }
}

fn check_steps(name: &str, steps: &[u32]) -> Result<(), SettingsError> {
    check_increasing(&format!("{name} steps"), steps)?;
    if steps.len() > 16 {
        return Err(SettingsError::OutOfRange(format!(
            "at most 16 {name} steps are allowed"
        )));
    }
    Ok(())
}

/// Every value at least 1 and none smaller than the one before.
fn check_increasing(name: &str, values: &[u32]) -> Result<(), SettingsError> {
    if values.contains(&0) || values.windows(2).any(|w| w[1] < w[0]) {
        return Err(SettingsError::OutOfRange(format!(
            "{name} must each be at least 1 and none shorter than the one before: {values:?}"
        )));
    }
    Ok(())
}

fn check_sm2(o: &Sm2Options) -> Result<(), SettingsError> {
    let bad = |what: &str, value: f64| {
        Err(SettingsError::OutOfRange(format!(
            "SM-2 {what} is out of range: {value}"
        )))
    };
    let finite_in = |v: f64, lo: f64, hi: f64| v.is_finite() && (lo..=hi).contains(&v);
    if !finite_in(o.starting_ease, 1.3, 10.0) {
        return bad("starting ease (1.30-10)", o.starting_ease);
    }
    if !finite_in(o.easy_bonus, 1.0, 10.0) {
        return bad("easy bonus (1-10)", o.easy_bonus);
    }
    if !finite_in(o.hard_interval, 0.5, 10.0) {
        return bad("hard interval (0.5-10)", o.hard_interval);
    }
    if !finite_in(o.interval_modifier, 0.1, 10.0) {
        return bad("interval modifier (0.1-10)", o.interval_modifier);
    }
    if !finite_in(o.new_interval, 0.0, 1.0) {
        return bad("new interval (0-1)", o.new_interval);
    }
    let days = [o.graduating_interval, o.easy_interval, o.minimum_interval];
    if days
        .iter()
        .any(|&d| !(1..=MAXIMUM_INTERVAL_CAP).contains(&d))
    {
        return Err(SettingsError::OutOfRange(format!(
            "SM-2 graduating, easy and minimum intervals must be 1 to 36500 days: {days:?}"
        )));
    }
    Ok(())
}

/// Parses a step length such as `90s`, `1m`, `10m`, `1h` or `2d` into seconds.
///
/// # Errors
/// A message when the text is not a positive whole number followed by s, m, h or d, or is
/// longer than 365 days.
pub fn parse_step(text: &str) -> Result<u32, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let unit_seconds = match unit {
        "s" => 1,
        "m" | "" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => 0,
    };
    let value: u32 = number.parse().unwrap_or(0);
    match value.checked_mul(unit_seconds) {
        Some(seconds) if seconds > 0 && seconds <= 365 * 86_400 => Ok(seconds),
        _ => Err(format!("{text:?} is not a step like 1m, 10m, 1h or 1d")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert_eq!(Settings::default().validate(), Ok(()));
    }

    #[test]
    fn retention_is_checked() {
        for r in [0.69, 0.995, 1.5, f64::NAN, -0.9] {
            assert!(Settings::default().with_retention(r).is_err(), "{r}");
        }
        for r in [0.7, 0.85, 0.99] {
            assert!(Settings::default().with_retention(r).is_ok(), "{r}");
        }
    }

    #[test]
    fn bad_settings_are_named() {
        let mut s = Settings {
            learning_steps: vec![600, 60],
            ..Settings::default()
        };
        assert!(
            s.validate()
                .unwrap_err()
                .to_string()
                .contains("learning steps")
        );
        s = Settings {
            leitner_intervals: vec![],
            ..Settings::default()
        };
        assert!(s.validate().unwrap_err().to_string().contains("Leitner"));
        s = Settings {
            day_start_hour: 24,
            ..Settings::default()
        };
        assert!(s.validate().is_err());
        s = Settings {
            maximum_interval: 0,
            ..Settings::default()
        };
        assert!(s.validate().is_err());
        s.maximum_interval = 100;
        s.sm2.starting_ease = 1.0;
        assert!(
            s.validate()
                .unwrap_err()
                .to_string()
                .contains("starting ease")
        );
        let mut w = DEFAULT_PARAMETERS;
        w[3] = f64::INFINITY;
        s = Settings {
            fsrs_parameters: w,
            ..Settings::default()
        };
        assert!(s.validate().unwrap_err().to_string().contains("w3"));
    }

    #[test]
    fn parses_steps() {
        assert_eq!(parse_step("1m"), Ok(60));
        assert_eq!(parse_step("10m"), Ok(600));
        assert_eq!(parse_step("90s"), Ok(90));
        assert_eq!(parse_step("1h"), Ok(3600));
        assert_eq!(parse_step("2d"), Ok(172_800));
        assert_eq!(parse_step("5"), Ok(300));
        for bad in ["", "0m", "m", "-1m", "1w", "400d", "99999999999m"] {
            assert!(parse_step(bad).is_err(), "{bad}");
        }
    }
}
