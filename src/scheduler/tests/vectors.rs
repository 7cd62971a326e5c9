//! The reference vectors of `tests/data/fsrs-vectors.json`: 43 histories with the values the
//! reference implementations give. Every stability, difficulty and retrievability must agree
//! to a relative 1e-4, and every interval in days at 90% and 80% retention exactly, except a
//! raw interval within 0.001 of a half day, where either neighbour is accepted.

use serde_json::Value;

use super::super::fsrs::Model;
use super::super::replay::replay;
use super::super::{Rating, SchedulerKind, Settings};

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fsrs-vectors.json");
/// How close to a half day a raw interval may be for either rounding to count as a tie.
pub(super) const TIE: f64 = 0.001;

fn close(ours: f64, theirs: f64) -> bool {
    (ours - theirs).abs() <= 1e-4 * theirs.abs()
}

/// True when `days` is what rounding `raw` gives, or `raw` sits on a half-day tie.
fn days_agree(raw: f64, ours: u32, theirs: u32) -> bool {
    ours == theirs || ((raw - raw.floor() - 0.5).abs() < TIE && ours.abs_diff(theirs) == 1)
}

fn history(case: &Value) -> Vec<(u32, Rating)> {
    case["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| {
            let days = u32::try_from(pair[0].as_u64().unwrap()).unwrap();
            let code = u8::try_from(pair[1].as_u64().unwrap()).unwrap();
            (days, Rating::from_u8(code).unwrap())
        })
        .collect()
}

#[test]
fn every_reference_step_agrees() {
    let text = std::fs::read_to_string(VECTORS).expect("tests/data/fsrs-vectors.json");
    let data: Value = serde_json::from_str(&text).unwrap();
    let model = Model::default();
    let (mut steps, mut problems) = (0, Vec::new());
    for case in data["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let reviews = history(case);
        let at_90 = replay(SchedulerKind::Fsrs, &Settings::default(), &reviews).unwrap();
        let settings_80 = Settings::default().with_retention(0.8).unwrap();
        let at_80 = replay(SchedulerKind::Fsrs, &settings_80, &reviews).unwrap();
        for (i, want) in case["steps"].as_array().unwrap().iter().enumerate() {
            steps += 1;
            let (row, row_80) = (at_90[i], at_80[i]);
            let s = row.stability.unwrap();
            let checks = [
                ("stability", close(s, want["stability"].as_f64().unwrap())),
                (
                    "difficulty",
                    close(
                        row.difficulty.unwrap(),
                        want["difficulty"].as_f64().unwrap(),
                    ),
                ),
                (
                    "retrievability",
                    match (row.retrievability, want["r_at_review"].as_f64()) {
                        (None, None) => true,
                        (Some(ours), Some(theirs)) => close(ours, theirs),
                        _ => false,
                    },
                ),
                (
                    "interval r=0.9",
                    days_agree(
                        model.interval(s, 0.9),
                        row.interval_days,
                        u32::try_from(want["interval_days_r090"].as_u64().unwrap()).unwrap(),
                    ),
                ),
                (
                    "interval r=0.8",
                    days_agree(
                        model.interval(s, 0.8),
                        row_80.interval_days,
                        u32::try_from(want["interval_days_r080"].as_u64().unwrap()).unwrap(),
                    ),
                ),
            ];
            for (what, ok) in checks {
                if !ok {
                    problems.push(format!(
                        "{name} step {i}: {what}: ours {row:?} / {row_80:?}, theirs {want}"
                    ));
                }
            }
        }
    }
    assert_eq!(steps, 314, "the vectors file should hold 314 steps");
    assert!(
        problems.is_empty(),
        "{} disagreements:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
