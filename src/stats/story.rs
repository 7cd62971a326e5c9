//! `recall card`: one item's story. Every review (when, rating, mode, time taken, the
//! interval it set), its memory now (difficulty, stability, recall), when it is due and the
//! recall expected then and on the exam day, and the recall predicted week by week if it is
//! not reviewed. Never prints, never reads the clock: `now` is an argument.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::date_of;
use super::listing::{self, Context, Filter, Listed};
use crate::scheduler::{CardState, Memory, Phase, Scheduler};
use crate::store::{Review, Store, StoreError, naming};

/// Weeks of predicted recall after today.
pub const FORECAST_WEEKS: u32 = 8;

/// One item's story (also its `--json` form).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Story {
    /// The item as `recall cards` lists it: deck, id, place, state, due, recall now, lapses.
    #[serde(flatten)]
    pub item: Listed,
    /// FSRS difficulty, 1 (easiest) to 10; null without an FSRS memory.
    pub difficulty: Option<f64>,
    /// FSRS stability: days for recall to fall to 90%; null without an FSRS memory.
    pub stability: Option<f64>,
    /// The recall expected when it is next due (null: new, or no FSRS memory).
    pub recall_at_due: Option<f64>,
    /// The exam its deck aims at, if one is set.
    pub exam: Option<ExamRecall>,
    /// Every answer, oldest first.
    pub reviews: Vec<Step>,
    /// Predicted recall without a review: today, then each week after (empty without an
    /// FSRS memory).
    pub forecast: Vec<Forecast>,
}

/// The exam day and the recall expected on it without another review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExamRecall {
    /// The exam's date.
    pub date: NaiveDate,
    /// The recall expected at the start of that day (null: new, or no FSRS memory).
    pub recall: Option<f64>,
}

/// One answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// When it was answered.
    pub time: DateTime<Utc>,
    /// 1 (again) to 4 (easy).
    pub rating: u8,
    /// `study`, `cram` or `quiz`.
    pub mode: &'static str,
    /// Whether a typed or picked answer was right (null: a flip card).
    pub correct: Option<bool>,
    /// From question to rating, in milliseconds.
    pub duration_ms: u64,
    /// When it was due after this answer (null for cram and quiz, which do not move it).
    pub next_due: Option<DateTime<Utc>>,
    /// The learner's days from this answer to that due day (0: again the same day).
    pub interval_days: Option<u32>,
}

/// The recall predicted on one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    /// Days after today.
    pub days: u32,
    /// The learner's date.
    pub date: NaiveDate,
    /// The chance of recall: now for today, at the start of the day after.
    pub recall: f64,
}

/// The story of `item` (as listed at `now`, its due date moved by its exam if any) from its
/// stored state and its `reviews`, under `scheduler` (with the exam of its deck, if any).
#[must_use]
pub fn tell(
    item: Listed,
    state: Option<&CardState>,
    reviews: &[Review],
    scheduler: &Scheduler,
    now: DateTime<Utc>,
) -> Story {
    let clock = scheduler.settings().day_clock();
    let (difficulty, stability) = match state.and_then(|s| s.memory) {
        Some(Memory::Fsrs {
            stability,
            difficulty,
        }) => (Some(difficulty), Some(stability)),
        _ => (None, None),
    };
    let answered = state.filter(|s| s.phase != Phase::New);
    let recall_at = |t: DateTime<Utc>| answered.and_then(|s| scheduler.retrievability(s, t));
    let recall_at_due = item.due.and_then(|due| recall_at(due.max(now)));
    let exam = scheduler.exam().map(|day| ExamRecall {
        date: date_of(day.0),
        recall: recall_at(clock.day_start(day.0)),
    });
    let today = clock.day_number(now);
    let forecast = if recall_at(now).is_some() {
        (0..=FORECAST_WEEKS)
            .filter_map(|week| {
                let days = week * 7;
                let day = today + i64::from(days);
                let at = if days == 0 { now } else { clock.day_start(day) };
                Some(Forecast {
                    days,
                    date: date_of(day),
                    recall: recall_at(at)?,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let reviews = reviews
        .iter()
        .map(|r| {
            let moved = r.mode.moves_schedule();
            Step {
                time: r.time,
                rating: r.rating.as_u8(),
                mode: r.mode.as_str(),
                correct: r.correct,
                duration_ms: r.duration_ms,
                next_due: moved.then_some(r.after.due),
                interval_days: moved.then(|| clock.elapsed_days(r.time, r.after.due)),
            }
        })
        .collect();
    Story {
        item,
        difficulty,
        stability,
        recall_at_due,
        exam,
        reviews,
        forecast,
    }
}

/// The stories of the items `names` name (item ids as `recall log` prints them, or card ids
/// for all their items; see [`naming`]), among the chosen decks' items and the store's.
///
/// # Errors
/// The store failed (outer), or names that match nothing or several decks (inner, a line
/// each).
pub fn stories(
    store: &Store,
    cx: Context<'_>,
    names: &[String],
) -> Result<Result<Vec<Story>, Vec<String>>, StoreError> {
    let all = listing::list(store, cx, &Filter::default())?;
    let ids: Vec<(&str, &str)> = all
        .iter()
        .map(|l| (l.deck.as_str(), l.item.as_str()))
        .collect();
    let chosen = match naming::resolve(names, &ids) {
        Ok(chosen) => chosen,
        Err(problems) => return Ok(Err(problems)),
    };
    let mut told = Vec::with_capacity(chosen.len());
    for i in chosen {
        let item = all[i].clone();
        let state = store.card(&item.deck, &item.item)?.and_then(|r| r.state);
        let reviews = store.reviews_of(&item.deck, &item.item)?;
        let scheduler = cx.scheduler_of(&item.deck);
        told.push(tell(item, state.as_ref(), &reviews, scheduler, cx.now));
    }
    Ok(Ok(told))
}
