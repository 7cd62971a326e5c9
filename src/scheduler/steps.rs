//! Learning and relearning steps: the short waits (default 1m, 10m; 10m after a lapse) a card
//! goes through before it gets day-long intervals.
//!
//! Owns only the step arithmetic Anki uses, shared by every scheduler that has steps: which
//! step comes next and how long to wait. It does not touch memory models or calendars.

use super::Rating;

/// Longest extra wait Hard adds on a single step (seconds): one day.
const HARD_SINGLE_STEP_CAP: u32 = 86_400;

/// What an answer does to a card that is in its steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepOutcome {
    /// The card stays in its steps: wait `delay_seconds`, then show it again at `step`.
    Stay {
        /// Index of the step the card is now on.
        step: u32,
        /// Seconds until the card is due again.
        delay_seconds: u32,
    },
    /// The card leaves its steps for a day-long interval.
    Graduate,
}

/// A list of step lengths in seconds.
#[derive(Debug, Clone, Copy)]
pub struct Steps<'a>(pub &'a [u32]);

impl Steps<'_> {
    /// The outcome of answering `rating` on step `step` (0 for a card entering its steps).
    /// A step index beyond the list (the steps were shortened) counts as the last step.
    #[must_use]
    pub fn answer(self, step: u32, rating: Rating) -> StepOutcome {
        let Some(last) = self.0.len().checked_sub(1) else {
            return StepOutcome::Graduate;
        };
        let index = usize::try_from(step).unwrap_or(usize::MAX).min(last);
        match rating {
            Rating::Again => self.stay(0, self.0[0]),
            Rating::Hard => self.stay(index, self.hard_delay(index)),
            Rating::Good if index < last => self.stay(index + 1, self.0[index + 1]),
            Rating::Good | Rating::Easy => StepOutcome::Graduate,
        }
    }

    /// Hard on the first step waits halfway between the first two steps (or 1.5 times a single
    /// step, at most a day more); on a later step it repeats that step.
    fn hard_delay(self, index: usize) -> u32 {
        let current = self.0[index];
        if index > 0 {
            return current;
        }
        match self.0.get(1) {
            Some(&next) => current / 2 + next / 2 + (current % 2 + next % 2) / 2,
            None => current.saturating_add((current / 2).min(HARD_SINGLE_STEP_CAP)),
        }
    }

    fn stay(self, index: usize, delay_seconds: u32) -> StepOutcome {
        StepOutcome::Stay {
            step: u32::try_from(index).unwrap_or(u32::MAX),
            delay_seconds,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFAULT: &[u32] = &[60, 600];

    fn stay(step: u32, delay_seconds: u32) -> StepOutcome {
        StepOutcome::Stay {
            step,
            delay_seconds,
        }
    }

    #[test]
    fn anki_learning_steps() {
        let s = Steps(DEFAULT);
        assert_eq!(s.answer(0, Rating::Again), stay(0, 60));
        assert_eq!(s.answer(0, Rating::Hard), stay(0, 330));
        assert_eq!(s.answer(0, Rating::Good), stay(1, 600));
        assert_eq!(s.answer(0, Rating::Easy), StepOutcome::Graduate);
        assert_eq!(s.answer(1, Rating::Again), stay(0, 60));
        assert_eq!(s.answer(1, Rating::Hard), stay(1, 600));
        assert_eq!(s.answer(1, Rating::Good), StepOutcome::Graduate);
    }

    #[test]
    fn single_step_hard_is_one_and_a_half_times_capped_at_a_day() {
        assert_eq!(Steps(&[600]).answer(0, Rating::Hard), stay(0, 900));
        assert_eq!(Steps(&[600]).answer(0, Rating::Good), StepOutcome::Graduate);
        let three_days = 3 * 86_400;
        assert_eq!(
            Steps(&[three_days]).answer(0, Rating::Hard),
            stay(0, three_days + 86_400)
        );
    }

    #[test]
    fn no_steps_graduate_and_stale_indexes_count_as_last() {
        for r in Rating::ALL {
            assert_eq!(Steps(&[]).answer(0, r), StepOutcome::Graduate);
        }
        assert_eq!(
            Steps(DEFAULT).answer(9, Rating::Good),
            StepOutcome::Graduate
        );
        assert_eq!(Steps(DEFAULT).answer(u32::MAX, Rating::Hard), stay(1, 600));
        assert_eq!(
            Steps(&[u32::MAX, u32::MAX]).answer(0, Rating::Hard),
            stay(0, u32::MAX)
        );
    }
}
