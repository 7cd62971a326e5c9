//! FSRS applied to a card, as Anki runs it: learning steps, review intervals, lapses and
//! relearning steps around the memory model of [`super::fsrs`].
//!
//! The memory state is updated on every answer, including answers inside the steps (which are
//! same-day reviews and use the short-term formula). Good on the last step graduates to the
//! FSRS interval, Easy graduates at once; review intervals are kept in the order
//! Hard < Good < Easy. This module decides phases and waits only; the caller stamps the times.

use chrono::{DateTime, Utc};

use super::fsrs::{MemoryState, clamp_stability};
use super::steps::{StepOutcome, Steps};
use super::{CardState, Context, Memory, Outcome, Phase, Rating, Wait};

/// The outcome of answering `rating` on `card` at `now`.
pub(super) fn answer(
    ctx: &Context<'_>,
    card: &CardState,
    rating: Rating,
    now: DateTime<Utc>,
) -> Outcome {
    let previous = memory_of(ctx, card);
    let elapsed = match (previous, card.last_review) {
        (Some(_), Some(last)) => ctx.settings.day_clock().elapsed_days(last, now),
        _ => 0,
    };
    let next = ctx.model.next_states(previous, elapsed);
    let s = ctx.settings;
    let (learn, relearn) = (Steps(&s.learning_steps), Steps(&s.relearning_steps));
    let lapse = card.phase == Phase::Review && rating == Rating::Again;
    let (phase, wait) = match card.phase {
        Phase::New => in_steps(ctx, learn, 0, rating, &next, learning),
        Phase::Learning { step } => in_steps(ctx, learn, step, rating, &next, learning),
        Phase::Relearning { step } => in_steps(ctx, relearn, step, rating, &next, relearning),
        // A lapse enters the relearning steps at their start.
        Phase::Review if lapse => in_steps(ctx, relearn, 0, rating, &next, relearning),
        Phase::Review => {
            let [hard, good, easy] = passing_days(ctx, &next);
            let days = match rating {
                Rating::Hard => hard,
                Rating::Good => good,
                _ => easy,
            };
            (Phase::Review, Wait::Days(days))
        }
    };
    let memory = next[rating.index()];
    Outcome {
        phase,
        memory: Some(Memory::Fsrs {
            stability: memory.stability,
            difficulty: memory.difficulty,
        }),
        wait,
        lapse,
    }
}

fn learning(step: u32) -> Phase {
    Phase::Learning { step }
}

fn relearning(step: u32) -> Phase {
    Phase::Relearning { step }
}

/// An answer given inside a list of steps (an Again on a review card enters them at step 0).
fn in_steps(
    ctx: &Context<'_>,
    steps: Steps<'_>,
    step: u32,
    rating: Rating,
    next: &[MemoryState; 4],
    phase: fn(u32) -> Phase,
) -> (Phase, Wait) {
    match steps.answer(step, rating) {
        StepOutcome::Stay {
            step,
            delay_seconds,
        } => (phase(step), Wait::Seconds(delay_seconds)),
        StepOutcome::Graduate => (
            Phase::Review,
            Wait::Days(graduating_days(ctx, next, rating)),
        ),
    }
}

/// Days for a card leaving its steps: the rating's own FSRS interval, Easy at least one day
/// more than Good would have given.
fn graduating_days(ctx: &Context<'_>, next: &[MemoryState; 4], rating: Rating) -> u32 {
    let r = ctx.settings.desired_retention;
    let interval = |rating: Rating| ctx.model.interval(next[rating.index()].stability, r);
    match rating {
        Rating::Easy => {
            let good = ctx.days(interval(Rating::Good), 1);
            ctx.days(interval(Rating::Easy), good.saturating_add(1))
        }
        other => ctx.days(interval(other), 1),
    }
}

/// Days for Hard, Good and Easy on a review card, each at least one more than the one before.
fn passing_days(ctx: &Context<'_>, next: &[MemoryState; 4]) -> [u32; 3] {
    let r = ctx.settings.desired_retention;
    let interval = |rating: Rating| ctx.model.interval(next[rating.index()].stability, r);
    let hard = ctx.days(interval(Rating::Hard), 1);
    let good = ctx.days(interval(Rating::Good), hard.saturating_add(1));
    let easy = ctx.days(interval(Rating::Easy), good.saturating_add(1));
    [hard, good, easy]
}

/// The card's FSRS memory before this answer: `None` for a card never answered. A memory left
/// by another scheduler is converted: SM-2's interval becomes the stability and its ease a
/// difficulty; a Leitner box's interval becomes the stability, with a Good first answer's
/// difficulty.
fn memory_of(ctx: &Context<'_>, card: &CardState) -> Option<MemoryState> {
    if card.phase == Phase::New {
        return None;
    }
    match card.memory? {
        Memory::Fsrs {
            stability,
            difficulty,
        } => Some(MemoryState {
            stability,
            difficulty,
        }),
        Memory::Sm2 {
            ease,
            interval_days,
        } => Some(ctx.model.from_sm2(ease, interval_days)),
        Memory::Leitner { box_ } => {
            let boxes = &ctx.settings.leitner_intervals;
            let index = usize::try_from(box_.max(1) - 1).unwrap_or(usize::MAX);
            let days = boxes.get(index).or(boxes.last()).copied().unwrap_or(1);
            let difficulty = ctx.model.initial(Rating::Good).difficulty;
            Some(MemoryState {
                stability: clamp_stability(f64::from(days)),
                difficulty,
            })
        }
    }
}
