//! Exam-date scheduling: where a graduated card's next review goes when an exam is coming.
//!
//! Owns one decision, taken for a card just answered (or read back from the store): its due
//! day given the exam day. The exam is sat at the start of the learner's exam day, so the
//! last day a review helps is the eve. The goal is the desired retention on exam day for
//! every card, with no review that does not serve it:
//!
//! - a card whose recall on exam day, with no further review, is at or above the target is
//!   ready: no review before the exam would serve it, so it comes back on the exam day or at
//!   its normal due day if that is later (fuzz may have put that day before the exam);
//! - a card that is not ready and whose normal due day is on or before the eve keeps it (the
//!   normal interval keeps its recall at or above the target until then);
//! - a card that is not ready and whose normal due day is the exam day or later (fuzz or
//!   rounding pushed it past the day its recall falls below the target) comes back on the
//!   latest day up to the eve from which the exam-day recall is still expected at or above
//!   the target, counting the chance of forgetting it at that review; when no day qualifies,
//!   on the eve.
//!
//! A card without an FSRS memory (SM-2, Leitner) has no predicted recall: its normal due day
//! is kept when it is before the exam, else it is capped at the eve.
//!
//! Pure: the exam day and the card's state come in, a due instant goes out. No clock, no I/O.

use chrono::{DateTime, Utc};

use super::fsrs::{MemoryState, Model};
use super::{CardState, Memory, Phase, Rating, Settings};

/// An exam: the learner's day number (see [`super::days::DayClock::day_number`]) on which it
/// is sat. Recall is measured at the start of that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExamDay(pub i64);

impl ExamDay {
    /// The last day on which a review still helps.
    #[must_use]
    pub fn eve(self) -> i64 {
        self.0 - 1
    }
}

/// The due instant of `state` (just answered, or stored) under the exam.
///
/// Only graduated cards (phase review, with a last review) are moved; steps of minutes, new
/// cards and cards answered on or after the eve keep their due instant.
#[must_use]
pub fn due(model: &Model, settings: &Settings, exam: ExamDay, state: &CardState) -> DateTime<Utc> {
    let (Phase::Review, Some(last)) = (state.phase, state.last_review) else {
        return state.due;
    };
    let clock = settings.day_clock();
    let answered = clock.day_number(last);
    let due_day = clock.day_number(state.due);
    if answered >= exam.eve() {
        return state.due;
    }
    let Some(Memory::Fsrs {
        stability,
        difficulty,
    }) = state.memory
    else {
        // No memory model to predict recall: the normal interval, capped at the eve.
        return state.due.min(clock.day_start(exam.eve()));
    };
    let memory = MemoryState {
        stability,
        difficulty,
    };
    let target = settings.desired_retention;
    let days_to_exam = exam.0 - answered;
    if model.retrievability(days_as_f64(days_to_exam), stability) >= target {
        return state.due.max(clock.day_start(exam.0));
    }
    if due_day <= exam.eve() {
        return state.due;
    }
    let day = (answered + 1..=exam.eve())
        .rev()
        .find(|&d| expected_exam_recall(model, memory, d - answered, exam.0 - d) >= target)
        .unwrap_or(exam.eve());
    clock.day_start(day)
}

/// The exam-day recall expected after one more review `wait` days after the last one, the
/// exam being `after` days after that review: recalled (Good) with the model's probability,
/// else forgotten (Again) and relearned the same day (Good), with no review after it.
#[must_use]
pub fn expected_exam_recall(model: &Model, memory: MemoryState, wait: i64, after: i64) -> f64 {
    let wait_days = u32::try_from(wait.max(0)).unwrap_or(u32::MAX);
    let r = model.retrievability(days_as_f64(wait), memory.stability);
    let recalled = model.next(Some(memory), wait_days, Rating::Good);
    let forgotten = model.next(Some(memory), wait_days, Rating::Again);
    let relearned = model.next(Some(forgotten), 0, Rating::Good);
    let after = days_as_f64(after);
    r * model.retrievability(after, recalled.stability)
        + (1.0 - r) * model.retrievability(after, relearned.stability)
}

/// A day count as `f64` (exact for any count a calendar holds).
fn days_as_f64(days: i64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let d = days as f64;
    d
}

#[cfg(test)]
mod tests {
    use chrono::TimeDelta;

    use super::*;
    use crate::scheduler::days::DayClock;

    fn at_day(day: i64) -> DateTime<Utc> {
        DayClock::default().day_start(day) + TimeDelta::hours(6)
    }

    fn review_state(answered: i64, due_in: i64, stability: f64) -> CardState {
        CardState {
            phase: Phase::Review,
            due: DayClock::default().day_start(answered + due_in),
            last_review: Some(at_day(answered)),
            reps: 3,
            lapses: 0,
            memory: Some(Memory::Fsrs {
                stability,
                difficulty: 5.0,
            }),
        }
    }

    fn due_day(state: &CardState, exam: i64) -> i64 {
        let d = due(
            &Model::default(),
            &Settings::default(),
            ExamDay(exam),
            state,
        );
        DayClock::default().day_number(d)
    }

    #[test]
    fn a_review_before_the_eve_keeps_its_day() {
        let s = review_state(100, 5, 5.0);
        assert_eq!(due_day(&s, 120), 105);
        // Due exactly on the eve: kept too.
        assert_eq!(due_day(&s, 106), 105);
    }

    #[test]
    fn a_ready_card_is_not_reviewed_before_the_exam() {
        // Stability 40: recall after 10 days is well above 0.9.
        let s = review_state(100, 40, 40.0);
        let m = Model::default();
        assert!(m.retrievability(10.0, 40.0) > 0.9);
        assert_eq!(due_day(&s, 110), 140);
        // Fuzz put its due day 3 days before the exam: moved to the exam day.
        let s = review_state(100, 36, 40.0);
        assert_eq!(due_day(&s, 139), 139);
    }

    #[test]
    fn a_card_that_would_fall_below_the_target_comes_back_before_the_exam() {
        // Stability 10 but fuzz put the due 12 days out; the exam is in 11 days, when the
        // recall would be below 0.9.
        let s = review_state(100, 12, 10.0);
        assert!(Model::default().retrievability(11.0, 10.0) < 0.9);
        let day = due_day(&s, 111);
        assert!((101..=110).contains(&day), "{day}");
        // The chosen day leaves the expected exam-day recall at the target, and the day after
        // (if before the exam) would not have.
        let m = Model::default();
        let mem = MemoryState {
            stability: 10.0,
            difficulty: 5.0,
        };
        assert!(expected_exam_recall(&m, mem, day - 100, 111 - day) >= 0.9);
        if day < 110 {
            assert!(expected_exam_recall(&m, mem, day + 1 - 100, 111 - day - 1) < 0.9);
        }
    }

    #[test]
    fn a_weak_card_far_from_the_exam_comes_back_on_the_eve_at_the_latest() {
        // A lapse-sized stability with its normal due after the exam (only a stale due can do
        // that): whatever qualifies, never after the eve.
        let s = review_state(100, 30, 0.5);
        let day = due_day(&s, 110);
        assert!((101..=109).contains(&day), "{day}");
    }

    #[test]
    fn cards_in_steps_new_cards_and_late_answers_are_left_alone() {
        let mut s = review_state(100, 12, 10.0);
        s.phase = Phase::Relearning { step: 0 };
        assert_eq!(due_day(&s, 105), 112);
        let s = review_state(104, 12, 1.0);
        assert_eq!(due_day(&s, 105), 116, "answered on the eve");
        let s = review_state(106, 12, 1.0);
        assert_eq!(due_day(&s, 105), 118, "answered after the exam");
        let new = CardState::new(at_day(100));
        assert_eq!(
            due(&Model::default(), &Settings::default(), ExamDay(105), &new),
            new.due
        );
    }

    #[test]
    fn without_a_memory_model_the_due_is_capped_at_the_eve() {
        let mut s = review_state(100, 30, 10.0);
        s.memory = Some(Memory::Sm2 {
            ease: 2.5,
            interval_days: 30,
        });
        assert_eq!(due_day(&s, 110), 109);
    }

    #[test]
    fn the_scheduler_applies_the_exam_to_its_answers_and_previews() {
        use crate::scheduler::{CardSeed, Scheduler, SchedulerKind, Wait};
        let plain = Scheduler::new(SchedulerKind::Fsrs, Settings::default()).unwrap();
        let clock = DayClock::default();
        let before = review_state(90, 10, 10.0);
        let now = at_day(100);
        // A card whose fuzzed Good interval lands after the day its recall falls to 0.9.
        let (seed, normal) = (0..1000)
            .map(CardSeed)
            .map(|seed| (seed, plain.review(&before, Rating::Good, now, seed)))
            .find(|(_, after)| {
                let Some(Memory::Fsrs { stability, .. }) = after.memory else {
                    return false;
                };
                let days = clock.day_number(after.due) - 100;
                Model::default().retrievability(days_as_f64(days), stability) < 0.9
            })
            .unwrap();
        // The exam is sat on that very day: the plain schedule would review it too late.
        let exam = ExamDay(clock.day_number(normal.due));
        let planned = plain.with_exam(Some(exam));
        let next = &planned.preview(&before, now, seed)[Rating::Good.index()];
        let day = clock.day_number(next.state.due);
        assert!(day <= exam.eve() && day > 100, "{day} {exam:?}");
        assert_eq!(next.wait, Wait::Days(u32::try_from(day - 100).unwrap()));
        assert_eq!(planned.review(&before, Rating::Good, now, seed), next.state);
        assert_eq!(planned.exam_due(&normal), next.state.due);
    }
}
