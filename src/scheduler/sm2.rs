//! SM-2 as Anki implements it: learning steps, graduating and easy intervals, ease changes,
//! late and early reviews, lapses with relearning steps, the 1.30 ease floor.
//!
//! Owns the SM-2 card transitions and nothing else: the caller turns the returned wait into a
//! due time. Defaults and rules are those of `shared/fsrs/FORMULAS.md` (Anki's deck options).

use chrono::{DateTime, Utc};

use super::steps::{StepOutcome, Steps};
use super::{CardState, Context, Memory, Outcome, Phase, Rating, Wait};

/// No ease ever falls below this.
pub const EASE_FLOOR: f64 = 1.3;
/// Ease lost on a lapse.
const EASE_LAPSE: f64 = 0.20;
/// Ease lost on Hard, gained on Easy.
const EASE_STEP: f64 = 0.15;

/// True when a card with `lapses` lapses has just become (or again is) a leech: at the
/// threshold and then every half threshold (8, 12, 16 … by default). A threshold of 0 is off.
#[must_use]
pub fn is_leech(lapses: u32, threshold: u32) -> bool {
    if threshold == 0 || lapses < threshold {
        return false;
    }
    (lapses - threshold).is_multiple_of(threshold.div_ceil(2))
}

/// The outcome of answering `rating` on `card` at `now`.
pub(super) fn answer(
    ctx: &Context<'_>,
    card: &CardState,
    rating: Rating,
    now: DateTime<Utc>,
) -> Outcome {
    let s = ctx.settings;
    let (ease, interval) = memory_of(ctx, card);
    // Inside the steps the card keeps its ease and interval (converted if foreign); a new
    // card has none until it graduates.
    let own = Some(Memory::Sm2 {
        ease,
        interval_days: interval,
    });
    let keep = |phase, wait| {
        let relearning = matches!(phase, Phase::Relearning { .. });
        let memory = if card.memory.is_some() || relearning {
            own
        } else {
            None
        };
        Outcome {
            phase,
            memory,
            wait,
            lapse: false,
        }
    };
    match card.phase {
        Phase::New | Phase::Learning { .. } => {
            let step = if let Phase::Learning { step } = card.phase {
                step
            } else {
                0
            };
            match Steps(&s.learning_steps).answer(step, rating) {
                StepOutcome::Stay {
                    step,
                    delay_seconds,
                } => keep(Phase::Learning { step }, Wait::Seconds(delay_seconds)),
                StepOutcome::Graduate => graduate(ctx, rating),
            }
        }
        Phase::Relearning { step } => match Steps(&s.relearning_steps).answer(step, rating) {
            StepOutcome::Stay {
                step,
                delay_seconds,
            } => keep(Phase::Relearning { step }, Wait::Seconds(delay_seconds)),
            StepOutcome::Graduate => {
                let bonus = u32::from(rating == Rating::Easy);
                let days = interval.saturating_add(bonus).clamp(1, s.maximum_interval);
                review(ease, days)
            }
        },
        Phase::Review => {
            let elapsed = card
                .last_review
                .map_or(interval, |t| s.day_clock().elapsed_days(t, now));
            answer_review(ctx, ease, interval, elapsed, rating)
        }
    }
}

fn review(ease: f64, days: u32) -> Outcome {
    Outcome {
        phase: Phase::Review,
        memory: Some(Memory::Sm2 {
            ease,
            interval_days: days,
        }),
        wait: Wait::Days(days),
        lapse: false,
    }
}

/// A new card leaves its steps: the graduating interval, or the easy interval for Easy.
fn graduate(ctx: &Context<'_>, rating: Rating) -> Outcome {
    let o = &ctx.settings.sm2;
    let good = ctx.days(f64::from(o.graduating_interval), 1);
    let days = if rating == Rating::Easy {
        ctx.days(f64::from(o.easy_interval), good.saturating_add(1))
    } else {
        good
    };
    review(o.starting_ease, days)
}

/// An answer on a graduated card with ease `ease`, current interval `interval` days, answered
/// `elapsed` days after the last review.
fn answer_review(
    ctx: &Context<'_>,
    ease: f64,
    interval: u32,
    elapsed: u32,
    rating: Rating,
) -> Outcome {
    let s = ctx.settings;
    if rating == Rating::Again {
        let ease = (ease - EASE_LAPSE).max(EASE_FLOOR);
        let kept = (f64::from(interval) * s.sm2.new_interval).floor();
        let days = to_days(kept)
            .max(s.sm2.minimum_interval)
            .clamp(1, s.maximum_interval);
        let memory = Some(Memory::Sm2 {
            ease,
            interval_days: days,
        });
        return match s.relearning_steps.first() {
            Some(&delay) => Outcome {
                phase: Phase::Relearning { step: 0 },
                memory,
                wait: Wait::Seconds(delay),
                lapse: true,
            },
            None => Outcome {
                phase: Phase::Review,
                memory,
                wait: Wait::Days(days),
                lapse: true,
            },
        };
    }
    let [hard, good, easy] = if elapsed < interval {
        early_intervals(ctx, ease, interval, elapsed)
    } else {
        on_time_intervals(ctx, ease, interval, elapsed - interval)
    };
    match rating {
        Rating::Hard => review((ease - EASE_STEP).max(EASE_FLOOR), hard),
        Rating::Good => review(ease, good),
        _ => review(ease + EASE_STEP, easy),
    }
}

/// Hard, Good and Easy days for a review on time or `late` days late, fuzzed, each at least
/// one more than the one before.
fn on_time_intervals(ctx: &Context<'_>, ease: f64, interval: u32, late: u32) -> [u32; 3] {
    let o = &ctx.settings.sm2;
    let current = f64::from(interval);
    let late = f64::from(late);
    let modified = |days: f64| days * o.interval_modifier;
    let hard_minimum = if o.hard_interval > 1.0 {
        interval.saturating_add(1)
    } else {
        0
    };
    let hard = ctx.days(modified(current * o.hard_interval), hard_minimum);
    let good_minimum = if o.hard_interval > 1.0 {
        hard.saturating_add(1)
    } else {
        interval.saturating_add(1)
    };
    let good = ctx.days(modified((current + late / 2.0) * ease), good_minimum);
    let easy = ctx.days(
        modified((current + late) * ease * o.easy_bonus),
        good.saturating_add(1),
    );
    [hard, good, easy]
}

/// Hard, Good and Easy days for a review before the interval was up (not fuzzed): the time
/// actually waited counts, and the interval never shrinks much.
fn early_intervals(ctx: &Context<'_>, ease: f64, interval: u32, elapsed: u32) -> [u32; 3] {
    let o = &ctx.settings.sm2;
    let (scheduled, elapsed) = (f64::from(interval), f64::from(elapsed));
    let max = ctx.settings.maximum_interval;
    let days = |x: f64| super::fuzz::constrained_interval(x * o.interval_modifier, 1, max, None);
    let hard = days((elapsed * o.hard_interval).max(scheduled * o.hard_interval / 2.0));
    let good_raw = (elapsed * ease).max(scheduled);
    let reduced_bonus = o.easy_bonus - (o.easy_bonus - 1.0) / 2.0;
    [hard, days(good_raw), days(good_raw * reduced_bonus)]
}

/// The card's ease and interval. A memory left by another scheduler is converted: the
/// starting ease, with FSRS's last scheduled interval or a Leitner box's interval.
fn memory_of(ctx: &Context<'_>, card: &CardState) -> (f64, u32) {
    let s = ctx.settings;
    let starting = s.sm2.starting_ease;
    match card.memory {
        Some(Memory::Sm2 {
            ease,
            interval_days,
        }) => {
            let ease = if ease.is_finite() {
                ease.max(EASE_FLOOR)
            } else {
                starting
            };
            (ease, interval_days.clamp(1, s.maximum_interval))
        }
        Some(Memory::Fsrs { .. }) => {
            let scheduled = card
                .last_review
                .map_or(1, |t| s.day_clock().elapsed_days(t, card.due));
            (starting, scheduled.clamp(1, s.maximum_interval))
        }
        Some(Memory::Leitner { box_ }) => {
            let index = usize::try_from(box_.max(1) - 1).unwrap_or(usize::MAX);
            let days = s
                .leitner_intervals
                .get(index)
                .or(s.leitner_intervals.last());
            (
                starting,
                days.copied().unwrap_or(1).clamp(1, s.maximum_interval),
            )
        }
        None => (starting, s.sm2.graduating_interval),
    }
}

fn to_days(x: f64) -> u32 {
    // Saturating float-to-int conversion; NaN becomes 0 and is then raised to the minimum.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let days = x as u32;
    days
}
