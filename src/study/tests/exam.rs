//! A learner who studies the bundled deck every day for an exam six days ahead: every item
//! is seen before the exam, and `recall plan`'s forecast of each day's new cards is what the
//! study session then asks.

use chrono::{DateTime, TimeDelta, Utc};
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use crate::config::StudyConfig;
use crate::deck::NewOrder;
use crate::library::LoadedDeck;
use crate::library::intake::Intakes;
use crate::plan::inputs::{cards, schedulers};
use crate::plan::{Setup, forecast};
use crate::scheduler::Rating;
use crate::scheduler::exam::ExamDay;
use crate::session::script::ScriptedPrompter;
use crate::session::{FixedClock, Grade, Reply, Response, StudyMode};
use crate::store::Store;
use crate::study::planner::{Planned, plan};
use crate::study::{Options, answer};

fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-02T18:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// Replies that reveal every card and rate it: Again a quarter of the time on a first
/// answer, else Good nine times in ten (the desired retention).
fn learner(rng: &mut ChaCha8Rng, answers: usize) -> ScriptedPrompter {
    let replies = vec![Reply::Answer(Response::Revealed); answers];
    let grades = (0..answers)
        .map(|_| {
            let right = rng.random::<f64>() < 0.85;
            Grade::Rate(if right { Rating::Good } else { Rating::Again })
        })
        .collect();
    ScriptedPrompter::new(replies, grades)
}

#[test]
fn an_exam_six_days_ahead_leaves_no_item_unseen_and_plan_and_study_agree_each_day() {
    exam_week(NewOrder::Deck);
}

/// The same with new cards in random order: `recall plan` simulates them in the day's order.
#[test]
fn an_exam_week_with_new_cards_in_random_order_too() {
    exam_week(NewOrder::Random);
}

fn exam_week(new_order: NewOrder) {
    let deck = crate::deck::bundled().deck.unwrap();
    let items = deck.items().len();
    let loaded = [LoadedDeck::parsed(deck.clone(), None, None)];
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(dir.path(), "exam").unwrap();
    let config = StudyConfig {
        new_order,
        ..StudyConfig::default()
    };
    let days = config.settings.day_clock();
    let first = days.day_number(start());
    let exam = ExamDay(first + 6);
    let options = Options {
        mode: StudyMode::Flip,
        ..Options::default()
    };
    let mut rng = ChaCha8Rng::seed_from_u64(19);
    for day in first..exam.0 {
        let now = if day == first {
            start()
        } else {
            days.day_start(day) + TimeDelta::hours(6)
        };
        // What `recall plan` forecasts for today.
        let plain = schedulers(&loaded, &config).unwrap();
        let planned: Vec<_> = plain.into_iter().map(|s| s.with_exam(Some(exam))).collect();
        let sim_cards = cards(&loaded, Some(&store), new_order, day).unwrap();
        let setup = Setup {
            cards: &sim_cards,
            schedulers: &planned,
            now,
            exam,
            new_per_day: config.new_per_day,
            seconds_per_answer: 8.0,
        };
        let forecast_new = forecast(&setup, 4, 1).days[0].new;
        // What `recall study` asks today.
        let Planned { mut session, .. } = plan(
            &loaded,
            &mut store,
            &config,
            &options,
            now,
            &[Some(exam)],
            None,
        )
        .unwrap();
        let queued = session.queue.counts().new;
        assert_eq!(
            forecast_new,
            queued as f64,
            "day {} of 6: the plan and the session disagree on today's new cards",
            day - first + 1
        );
        let mut prompter = learner(&mut rng, 2000);
        let mut none = Intakes::default();
        let summary = answer(
            &mut session,
            &mut prompter,
            (&mut store, &mut none),
            &FixedClock(now),
        )
        .unwrap();
        assert!(summary.studied > 0 || queued == 0);
    }
    let seen = store
        .cards_touched(&deck.id)
        .unwrap()
        .into_iter()
        .filter(|r| r.state.is_some())
        .count();
    assert_eq!(seen, items, "items never studied before the exam");
}
