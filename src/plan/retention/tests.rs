use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::plan::SimCard;
use crate::scheduler::exam::ExamDay;
use crate::scheduler::{CardSeed, SchedulerKind, Settings};

const DECK: usize = 300;
const NEW_PER_DAY: u32 = 10;
const SECONDS: f64 = 8.0;
const HORIZON: i64 = 60;

fn cards() -> Vec<SimCard> {
    (0..DECK)
        .map(|i| SimCard {
            deck: 0,
            seed: CardSeed(i as u64),
            sibling: (0, i),
            state: None,
        })
        .collect()
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

fn ours() -> Vec<Choice> {
    let cards = cards();
    let schedulers = [Scheduler::new(SchedulerKind::Fsrs, Settings::default()).unwrap()];
    let today = schedulers[0].settings().day_clock().day_number(start());
    let setup = Setup {
        cards: &cards,
        schedulers: &schedulers,
        now: start(),
        exam: ExamDay(today + HORIZON),
        new_per_day: NEW_PER_DAY,
        seconds_per_answer: SECONDS,
    };
    compare(&setup, 4, 7)
}

/// Minutes a day by the `fsrs` crate's simulator, configured as close to ours as it goes:
/// the same deck, parameters (the defaults), horizon and new cards a day, every answer
/// costing [`SECONDS`], a first answer Again a quarter of the time and else Good, a recalled
/// review Good, and a card in its steps passing each step (Good).
fn theirs(retention: f64) -> f64 {
    let good = [0.0, 0.0, 1.0, 0.0];
    #[allow(clippy::cast_possible_truncation)]
    let seconds = SECONDS as f32;
    let config = fsrs::SimulatorConfig {
        deck_size: DECK,
        learn_span: usize::try_from(HORIZON).unwrap(),
        max_cost_perday: f32::MAX,
        learn_limit: NEW_PER_DAY as usize,
        first_rating_prob: [0.25, 0.0, 0.75, 0.0],
        review_rating_prob: [0.0, 1.0, 0.0],
        learning_step_transitions: [good; 3],
        relearning_step_transitions: [good; 3],
        state_rating_costs: [[seconds; 4]; 3],
        learning_step_count: 2,
        relearning_step_count: 1,
        ..fsrs::SimulatorConfig::default()
    };
    let days = f64::from(u32::try_from(HORIZON).unwrap());
    #[allow(clippy::cast_possible_truncation)]
    let target = retention as f32;
    let mut total = 0.0;
    for seed in 0..4 {
        let result =
            fsrs::simulate(&config, &fsrs::DEFAULT_PARAMETERS, target, Some(seed), None).unwrap();
        total += result
            .cost_per_day
            .iter()
            .map(|&c| f64::from(c))
            .sum::<f64>()
            / days
            / 60.0;
    }
    total / 4.0
}

#[test]
fn minutes_rise_with_retention_and_remembered_too() {
    let choices = ours();
    assert_eq!(choices.len(), RETENTIONS.len());
    for pair in choices.windows(2) {
        assert!(
            pair[1].minutes_per_day > pair[0].minutes_per_day,
            "{pair:?}"
        );
        assert!(pair[1].remembered > pair[0].remembered - 0.01, "{pair:?}");
    }
    let best = best(&choices, DECK).unwrap();
    assert!(
        choices
            .iter()
            .all(|c| c.per_minute(DECK) <= best.per_minute(DECK))
    );
}

#[test]
fn agrees_with_the_fsrs_crates_simulator() {
    let choices = ours();
    let mut previous = 0.0;
    for choice in choices
        .iter()
        .filter(|c| [0.80, 0.90, 0.95].contains(&c.retention))
    {
        let fsrs = theirs(choice.retention);
        eprintln!(
            "retention {:.2}: ours {:.2} min/day, fsrs {:.2} min/day, ratio {:.3}",
            choice.retention,
            choice.minutes_per_day,
            fsrs,
            choice.minutes_per_day / fsrs
        );
        assert!(fsrs > previous, "fsrs's cost rises with retention");
        previous = fsrs;
        let ratio = choice.minutes_per_day / fsrs;
        assert!((0.85..=1.15).contains(&ratio), "ratio {ratio:.3}");
    }
}

#[test]
fn no_work_gives_no_choice() {
    let none = Choice {
        retention: 0.9,
        answers_per_day: 0.0,
        minutes_per_day: 0.0,
        remembered: 0.0,
    };
    assert_eq!(none.per_minute(10), 0.0);
    assert_eq!(best(&[none], 10), None);
}
