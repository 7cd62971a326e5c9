//! A simulated learner studying every day until an exam, whose recall follows the FSRS model.
//!
//! Each day the learner opens one session (at the time given for the first day, six hours
//! after the day starts on the others) and does everything the day asks: cards in steps,
//! due reviews, then new cards up to the day's count, keeping a card's siblings a day apart
//! as the study queue does (`session::queue`). A graduated card is recalled (Good) with
//! the probability the model predicts at that moment, else forgotten (Again); the first
//! answer to a new card is Again with probability [`FIRST_ANSWER_AGAIN`], else Good; a card in
//! its steps on the day it was last answered is recalled (the model's recall after zero days
//! is 1). Every answer goes through the real [`Scheduler`] (steps, fuzz, and the exam rule
//! when the scheduler has an exam), so the simulation runs the very code a session runs.
//!
//! On the exam day it measures each card's predicted recall (0 for a card never studied)
//! and draws whether the learner recalls it. The random numbers come from a seeded generator:
//! the same inputs and seed give the same outcome. Pure: no clock, no I/O.

use std::collections::HashSet;

use chrono::{DateTime, TimeDelta, Utc};
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use super::intro;
use crate::scheduler::exam::ExamDay;
use crate::scheduler::{CardSeed, CardState, Phase, Rating, Scheduler};

/// Share of first answers to a new card that are Again.
pub const FIRST_ANSWER_AGAIN: f64 = 0.25;

/// Hours after the day's start at which the learner studies (on days after the first).
const SESSION_HOUR: i64 = 6;

/// One study item as the simulation sees it.
#[derive(Debug, Clone)]
pub struct SimCard {
    /// Index of its deck in [`Setup::schedulers`].
    pub deck: usize,
    /// Its identity, for fuzz.
    pub seed: CardSeed,
    /// Its sibling group, (deck, card position): the items of one card (the sides of a
    /// reversed card, the deletions of a cloze) share it, and are kept a day apart.
    pub sibling: (usize, usize),
    /// Its state now; `None` for an item never studied.
    pub state: Option<CardState>,
}

/// What a simulation starts from.
#[derive(Debug, Clone, Copy)]
pub struct Setup<'a> {
    /// The items, in the order new ones are introduced.
    pub cards: &'a [SimCard],
    /// Each deck's scheduler, with the exam set for a planned run and without for a plain one.
    /// All share one calendar (the first one's).
    pub schedulers: &'a [Scheduler],
    /// When the first session starts.
    pub now: DateTime<Utc>,
    /// The exam.
    pub exam: ExamDay,
    /// New cards per deck per day the learner usually takes; a deck whose scheduler has an
    /// exam takes more when the exam needs them ([`intro::new_per_day`]).
    pub new_per_day: u32,
    /// Seconds the learner spends per answer.
    pub seconds_per_answer: f64,
}

/// One simulated day of work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayWork {
    /// The learner's day number.
    pub day: i64,
    /// New cards introduced.
    pub new: u32,
    /// Answers to cards already introduced (reviews, steps, relearning).
    pub reviews: u32,
    /// The largest new-card count allowed to any deck that day.
    pub new_allowed: u32,
}

/// What a simulated learner did and how the exam went.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Every day from the first up to the eve.
    pub days: Vec<DayWork>,
    /// Mean predicted recall of the items at the start of the exam day (0 for unstudied ones).
    pub exam_recall: f64,
    /// Share of the items whose predicted recall on exam day is at least their desired
    /// retention.
    pub ready: f64,
    /// Share of the items the simulated learner recalled on exam day.
    pub recalled: f64,
}

impl Outcome {
    /// Answers to introduced cards over all days.
    #[must_use]
    pub fn reviews(&self) -> u64 {
        self.days.iter().map(|d| u64::from(d.reviews)).sum()
    }

    /// New cards introduced over all days.
    #[must_use]
    pub fn introduced(&self) -> u64 {
        self.days.iter().map(|d| u64::from(d.new)).sum()
    }
}

/// Runs one simulated learner with random numbers from `seed`.
#[must_use]
pub fn run(setup: &Setup<'_>, seed: u64) -> Outcome {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut states: Vec<Option<CardState>> = setup
        .cards
        .iter()
        .map(|c| {
            c.state.clone().map(|mut s| {
                s.due = setup.schedulers[c.deck].exam_due(&s);
                s
            })
        })
        .collect();
    let Some(first) = setup.schedulers.first() else {
        return Outcome {
            days: Vec::new(),
            exam_recall: 0.0,
            ready: 0.0,
            recalled: 0.0,
        };
    };
    let clock = first.settings().day_clock();
    let today = clock.day_number(setup.now);
    let mut days = Vec::new();
    for day in today..setup.exam.0 {
        let start = if day == today {
            setup.now
        } else {
            clock.day_start(day) + TimeDelta::hours(SESSION_HOUR)
        };
        let mut day_sim = Day {
            setup,
            states: &mut states,
            rng: &mut rng,
            day_end: clock.day_start(day + 1),
            time: start,
        };
        days.push(day_sim.study(day));
    }
    let (exam_recall, ready, recalled) = exam_day(setup, &states, &clock, &mut rng);
    Outcome {
        days,
        exam_recall,
        ready,
        recalled,
    }
}

/// The mean predicted recall, the share at the target and the share recalled on exam day.
fn exam_day(
    setup: &Setup<'_>,
    states: &[Option<CardState>],
    clock: &crate::scheduler::days::DayClock,
    rng: &mut ChaCha8Rng,
) -> (f64, f64, f64) {
    let at = clock.day_start(setup.exam.0);
    let (mut sum, mut ready, mut recalled) = (0.0, 0usize, 0usize);
    for (card, state) in setup.cards.iter().zip(states) {
        let scheduler = &setup.schedulers[card.deck];
        let target = scheduler.settings().desired_retention;
        let r = match state {
            Some(s) if !CardState::is_new(Some(s)) => {
                scheduler.retrievability(s, at).unwrap_or(target)
            }
            _ => 0.0,
        };
        sum += r;
        ready += usize::from(r >= target - 1e-12);
        recalled += usize::from(rng.random::<f64>() < r);
    }
    let n = count_as_f64(setup.cards.len()).max(1.0);
    (sum / n, count_as_f64(ready) / n, count_as_f64(recalled) / n)
}

pub(super) fn count_as_f64(n: usize) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let x = n as f64;
    x
}

/// One day's session in progress.
struct Day<'s, 'a> {
    setup: &'s Setup<'a>,
    states: &'s mut Vec<Option<CardState>>,
    rng: &'s mut ChaCha8Rng,
    day_end: DateTime<Utc>,
    time: DateTime<Utc>,
}

impl Day<'_, '_> {
    /// Does all the work of `day` and says how much it was.
    fn study(&mut self, day: i64) -> DayWork {
        let allowed = self.new_allowed(day);
        let mut work = DayWork {
            day,
            new: 0,
            reviews: 0,
            new_allowed: allowed.iter().copied().max().unwrap_or(0),
        };
        let mut steps: Vec<(DateTime<Utc>, usize)> = Vec::new();
        let mut reviews: Vec<usize> = Vec::new();
        let mut new: Vec<usize> = Vec::new();
        let mut taken = vec![0u32; allowed.len()];
        // As the study queue does: a card's siblings are kept a day apart (one item of a
        // sibling group a day), except new ones when the exam leaves no time for it.
        let mut seen: HashSet<(usize, usize)> = HashSet::new();
        for (i, state) in self.states.iter().enumerate() {
            if let Some(s) = state
                .as_ref()
                .filter(|s| s.in_steps() && s.due < self.day_end)
            {
                steps.push((s.due, i));
                seen.insert(self.setup.cards[i].sibling);
            }
        }
        for (i, state) in self.states.iter().enumerate() {
            let card = &self.setup.cards[i];
            if state
                .as_ref()
                .is_some_and(|s| s.phase == Phase::Review && s.due < self.day_end)
                && seen.insert(card.sibling)
            {
                reviews.push(i);
            }
        }
        let together: Vec<bool> = self
            .setup
            .schedulers
            .iter()
            .map(|s| s.exam().is_some_and(|e| intro::siblings_together(day, e)))
            .collect();
        for (i, state) in self.states.iter().enumerate() {
            let card = &self.setup.cards[i];
            if CardState::is_new(state.as_ref())
                && taken[card.deck] < allowed[card.deck]
                && (together[card.deck] || seen.insert(card.sibling))
            {
                taken[card.deck] += 1;
                new.push(i);
            }
        }
        reviews.reverse();
        new.reverse();
        loop {
            steps.sort_unstable();
            let next = if steps.first().is_some_and(|&(due, _)| due <= self.time) {
                Some(steps.remove(0).1)
            } else if let Some(i) = reviews.pop() {
                Some(i)
            } else if let Some(i) = new.pop() {
                Some(i)
            } else if let Some(&(due, i)) = steps.first() {
                self.time = self.time.max(due);
                steps.remove(0);
                Some(i)
            } else {
                None
            };
            let Some(i) = next else { break };
            if CardState::is_new(self.states[i].as_ref()) {
                work.new += 1;
            } else {
                work.reviews += 1;
            }
            let after = self.answer(i);
            if after.in_steps() && after.due < self.day_end {
                steps.push((after.due, i));
            }
        }
        work
    }

    /// The new cards each deck may take today.
    fn new_allowed(&self, day: i64) -> Vec<u32> {
        let mut unstudied = vec![0usize; self.setup.schedulers.len()];
        for (card, state) in self.setup.cards.iter().zip(self.states.iter()) {
            if CardState::is_new(state.as_ref()) {
                unstudied[card.deck] += 1;
            }
        }
        self.setup
            .schedulers
            .iter()
            .zip(unstudied)
            .map(|(s, n)| match s.exam() {
                Some(exam) => intro::new_per_day(n, day, exam, self.setup.new_per_day),
                None => self.setup.new_per_day,
            })
            .collect()
    }

    /// Answers item `i` now, as the model says the learner would, and moves the clock on.
    fn answer(&mut self, i: usize) -> CardState {
        let card = &self.setup.cards[i];
        let scheduler = &self.setup.schedulers[card.deck];
        let state = self.states[i].clone();
        let p = match &state {
            s if CardState::is_new(s.as_ref()) => 1.0 - FIRST_ANSWER_AGAIN,
            Some(s) => scheduler
                .retrievability(s, self.time)
                .unwrap_or(scheduler.settings().desired_retention),
            None => 1.0,
        };
        let rating = if self.rng.random::<f64>() < p {
            Rating::Good
        } else {
            Rating::Again
        };
        let base = state.unwrap_or_else(|| CardState::new(self.time));
        let after = scheduler.review(&base, rating, self.time, card.seed);
        self.states[i] = Some(after.clone());
        self.time += seconds(self.setup.seconds_per_answer);
        after
    }
}

/// A duration of `s` seconds (whole milliseconds; at least one).
fn seconds(s: f64) -> TimeDelta {
    #[allow(clippy::cast_possible_truncation)]
    let ms = (s * 1000.0).round().clamp(1.0, 86_400_000.0) as i64;
    TimeDelta::milliseconds(ms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::{SchedulerKind, Settings};

    fn cards(n: u64) -> Vec<SimCard> {
        (0..n)
            .map(|i| SimCard {
                deck: 0,
                seed: CardSeed(i),
                sibling: (0, usize::try_from(i).unwrap_or(usize::MAX)),
                state: None,
            })
            .collect()
    }

    fn start() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn outcome(exam: bool, seed: u64) -> Outcome {
        let cards = cards(60);
        let plain = Scheduler::new(SchedulerKind::Fsrs, Settings::default()).unwrap();
        let day = ExamDay(plain.settings().day_clock().day_number(start()) + 10);
        let scheduler = [plain.with_exam(exam.then_some(day))];
        let setup = Setup {
            cards: &cards,
            schedulers: &scheduler,
            now: start(),
            exam: day,
            new_per_day: 5,
            seconds_per_answer: 8.0,
        };
        run(&setup, seed)
    }

    #[test]
    fn the_same_seed_gives_the_same_learner() {
        assert_eq!(outcome(true, 1), outcome(true, 1));
        assert_ne!(outcome(true, 1).days, outcome(true, 2).days);
    }

    #[test]
    fn new_cards_follow_the_day_limit() {
        // Usual: 5 a day for 10 days, 50 of 60. With the exam: 60 over the 9 days before
        // the eve, 7 a day (the last day takes what is left).
        let plain = outcome(false, 3);
        assert_eq!(plain.days.len(), 10);
        assert!(plain.days.iter().all(|d| d.new == 5));
        let planned = outcome(true, 3);
        assert_eq!(planned.introduced(), 60);
        assert_eq!(planned.days[0].new, 7);
        assert_eq!(planned.days[9].new, 0);
        // Never-studied cards count as forgotten on exam day.
        assert!(plain.exam_recall < 50.0 / 60.0 + 1e-9);
        assert!(plain.ready <= 50.0 / 60.0);
    }
}
