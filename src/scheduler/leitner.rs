//! Leitner boxes: each box has a fixed interval; a pass moves the card up, a miss sends it back
//! to box 1.
//!
//! Owns the box moves only. Ratings map onto them as: Again → box 1; Hard → stay in the same
//! box; Good → one box up; Easy → two boxes up; never past the last box. A new card counts as
//! being before box 1, so Hard or Good put it in box 1 and Easy in box 2. There are no learning
//! steps and no fuzz: fixed, predictable intervals are the point of the method.

use super::{CardState, Context, Memory, Outcome, Phase, Rating, Wait};

/// The box (1-based) a card is in, or 0 for a card never placed in one. A memory left by
/// another scheduler places the card in the highest box whose interval is not longer than the
/// card's last interval (SM-2) or its stability (FSRS).
#[must_use]
pub fn current_box(card: &CardState, intervals: &[u32]) -> u32 {
    let last = u32::try_from(intervals.len()).unwrap_or(u32::MAX);
    let fitting = |days: f64| {
        let count = intervals
            .iter()
            .take_while(|&&i| f64::from(i) <= days)
            .count();
        u32::try_from(count).unwrap_or(last).max(1)
    };
    if card.phase == Phase::New {
        return 0;
    }
    match card.memory {
        Some(Memory::Leitner { box_ }) => box_.min(last),
        Some(Memory::Sm2 { interval_days, .. }) => fitting(f64::from(interval_days)),
        Some(Memory::Fsrs { stability, .. }) => fitting(stability),
        None => 0,
    }
}

/// The box after answering `rating` from box `from` (0 = not yet in a box), with `boxes` boxes.
#[must_use]
pub fn next_box(from: u32, rating: Rating, boxes: u32) -> u32 {
    let to = match rating {
        Rating::Again => 1,
        Rating::Hard => from.max(1),
        Rating::Good => from.saturating_add(1),
        Rating::Easy => from.saturating_add(2),
    };
    to.clamp(1, boxes.max(1))
}

/// The outcome of answering `rating` on `card`.
pub(super) fn answer(ctx: &Context<'_>, card: &CardState, rating: Rating) -> Outcome {
    let intervals = &ctx.settings.leitner_intervals;
    let boxes = u32::try_from(intervals.len()).unwrap_or(u32::MAX);
    let from = current_box(card, intervals);
    let to = next_box(from, rating, boxes);
    let index = usize::try_from(to - 1).unwrap_or(0);
    let days = intervals.get(index).copied().unwrap_or(1);
    Outcome {
        phase: Phase::Review,
        memory: Some(Memory::Leitner { box_: to }),
        wait: Wait::Days(days.clamp(1, ctx.settings.maximum_interval)),
        lapse: rating == Rating::Again && from > 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn box_moves() {
        assert_eq!(next_box(0, Rating::Again, 6), 1);
        assert_eq!(next_box(0, Rating::Hard, 6), 1);
        assert_eq!(next_box(0, Rating::Good, 6), 1);
        assert_eq!(next_box(0, Rating::Easy, 6), 2);
        assert_eq!(next_box(3, Rating::Good, 6), 4);
        assert_eq!(next_box(3, Rating::Hard, 6), 3);
        assert_eq!(next_box(5, Rating::Again, 6), 1);
        assert_eq!(next_box(6, Rating::Good, 6), 6);
        assert_eq!(next_box(5, Rating::Easy, 6), 6);
        assert_eq!(next_box(u32::MAX, Rating::Easy, 6), 6);
        assert_eq!(next_box(3, Rating::Good, 0), 1);
    }
}
