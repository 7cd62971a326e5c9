//! How many new cards a day an exam needs: the cards never studied, spread evenly over the
//! days left to introduce them.
//!
//! New cards are introduced from today up to two days before the exam, so that each one
//! still has the eve for a review when it needs one (when the exam is tomorrow, all of them
//! today). The count is never below the learner's own new-cards-per-day setting. In those
//! last days the new siblings of a card are no longer kept a day apart
//! ([`siblings_together`]). Pure arithmetic: days are the learner's day numbers.

use crate::scheduler::exam::ExamDay;

/// The new cards to introduce per deck today, so that the deck's `unstudied` cards (counting
/// those already introduced today) are all introduced before the exam, evenly; at least
/// `usual`. On the exam day or after, `usual`.
#[must_use]
pub fn new_per_day(unstudied: usize, today: i64, exam: ExamDay, usual: u32) -> u32 {
    if today > exam.eve() {
        return usual;
    }
    let days = (exam.eve() - today).max(1);
    let days = usize::try_from(days).unwrap_or(usize::MAX);
    let needed = unstudied.div_ceil(days);
    u32::try_from(needed).unwrap_or(u32::MAX).max(usual)
}

/// Whether, on day `today`, a deck's new items may come on the same day as their siblings
/// (the sides of a reversed card, the deletions of a cloze), which are otherwise a day
/// apart: from the day [`new_per_day`] asks for every card left (two days before the exam)
/// until the exam, so that no deletion of a long cloze is left unseen for want of days.
#[must_use]
pub fn siblings_together(today: i64, exam: ExamDay) -> bool {
    today >= exam.eve() - 1 && today < exam.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siblings_come_together_in_the_last_two_days_before_the_exam() {
        let exam = ExamDay(130);
        assert!(!siblings_together(127, exam));
        assert!(siblings_together(128, exam));
        assert!(siblings_together(129, exam));
        assert!(!siblings_together(130, exam));
        // The day they come together is the day every card left is asked for.
        assert_eq!(new_per_day(57, 128, exam, 20), 57);
    }

    #[test]
    fn spreads_evenly_over_the_days_before_the_eve() {
        // Exam on day 130: introductions on days 100..=128, 29 days.
        assert_eq!(new_per_day(900, 100, ExamDay(130), 20), 32);
        assert_eq!(new_per_day(290, 100, ExamDay(130), 5), 10);
        // The usual count wins when it is enough.
        assert_eq!(new_per_day(100, 100, ExamDay(130), 20), 20);
        // Two days before the exam everything left comes in.
        assert_eq!(new_per_day(57, 128, ExamDay(130), 20), 57);
    }

    #[test]
    fn on_the_eve_everything_left_and_after_the_exam_the_usual_count() {
        assert_eq!(new_per_day(57, 129, ExamDay(130), 20), 57);
        assert_eq!(new_per_day(5, 129, ExamDay(130), 20), 20);
        assert_eq!(new_per_day(57, 130, ExamDay(130), 20), 20);
        assert_eq!(new_per_day(57, 140, ExamDay(130), 20), 20);
        assert_eq!(new_per_day(0, 100, ExamDay(130), 0), 0);
    }
}
