//! Differential test: our f64 FSRS-6 against the `fsrs` crate 6.6.2 (the implementation Anki
//! ships, in f32) on 10,000 seeded random review histories. At every review both produce the
//! next memory state from their own previous one, and the rounded interval in days must be the
//! same, except on a half-day tie: both raw intervals within [`TIE`] of the same half day, or
//! within what f32 can resolve there. f32 keeps about 7 significant digits and a chain of f32
//! `powf`/`exp` calls drifts by a few units in the last place, so a 30,000-day interval is only
//! known to a few hundredths of a day; [`F32_RELATIVE`] (2e-6, about 16 f32 ulps) is that band.

use super::super::fsrs::{MemoryState, Model};
use super::super::fuzz::splitmix64;
use super::super::{MAXIMUM_INTERVAL_CAP, Rating};
use super::vectors::TIE;

const HISTORIES: u64 = 10_000;
/// Relative width of the half-day band that f32 cannot resolve.
const F32_RELATIVE: f64 = 2e-6;

/// How a pair of rounded intervals compares.
#[derive(Debug, PartialEq)]
enum Agreement {
    Equal,
    /// Both raw intervals within [`TIE`] of the same half day.
    Tie,
    /// Both raw intervals within the f32 band of the same half day.
    F32Tie,
    Mismatch,
}

fn compare(ours: f64, theirs: f64, our_days: u32, their_days: u32) -> Agreement {
    if our_days == their_days {
        return Agreement::Equal;
    }
    let off_half = |x: f64| (x - x.floor() - 0.5).abs();
    let same_boundary = our_days.abs_diff(their_days) == 1 && (ours - theirs).abs() < 1.0;
    if !same_boundary {
        return Agreement::Mismatch;
    }
    let band = TIE.max(F32_RELATIVE * ours);
    if off_half(ours) < TIE && off_half(theirs) < TIE {
        Agreement::Tie
    } else if off_half(ours) < band && off_half(theirs) < band {
        Agreement::F32Tie
    } else {
        Agreement::Mismatch
    }
}

/// A tiny deterministic generator for the histories (splitmix64 over a counter).
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(1);
        splitmix64(self.0)
    }

    /// A float in [0, 1).
    #[allow(clippy::cast_precision_loss)]
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn rating(g: &mut Gen) -> Rating {
    match g.below(100) {
        0..15 => Rating::Again,
        15..30 => Rating::Hard,
        30..85 => Rating::Good,
        _ => Rating::Easy,
    }
}

/// Days before the next review: same day, around the interval (early, on time or late), or a
/// long absence.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn elapsed(g: &mut Gen, stability: f64) -> u32 {
    match g.below(10) {
        0 | 1 => 0,
        2 => 1 + g.below(3650) as u32,
        _ => (stability * (0.2 + 2.8 * g.unit())).round().min(40_000.0) as u32,
    }
}

#[test]
fn our_intervals_equal_the_fsrs_crate_on_random_histories() {
    let theirs = fsrs::FSRS::new(&fsrs::DEFAULT_PARAMETERS).unwrap();
    let ours = Model::default();
    let mut g = Gen(20_261_126);
    let (mut reviews, mut ties, mut f32_ties, mut mismatches) = (0u64, 0u64, 0u64, Vec::new());
    let mut worst_relative_s = 0.0f64;
    for history in 0..HISTORIES {
        let retention = [0.9, 0.8, 0.7 + 0.29 * g.unit()][usize::try_from(g.below(3)).unwrap()];
        let length = 1 + g.below(20);
        let (mut our_state, mut their_state): (Option<MemoryState>, Option<fsrs::MemoryState>) =
            (None, None);
        for i in 0..length {
            let days = if i == 0 {
                0
            } else {
                elapsed(&mut g, our_state.map_or(1.0, |s| s.stability))
            };
            let r = rating(&mut g);
            let next = ours.next(our_state, days, r);
            #[allow(clippy::cast_possible_truncation)]
            let states = theirs
                .next_states(their_state, retention as f32, days)
                .unwrap();
            let item = [states.again, states.hard, states.good, states.easy][r.index()].clone();
            let raw = ours.interval(next.stability, retention);
            let our_days = ours.interval_days(next.stability, retention, MAXIMUM_INTERVAL_CAP);
            let their_days =
                super::super::fsrs::round_days(f64::from(item.interval), MAXIMUM_INTERVAL_CAP);
            match compare(raw, f64::from(item.interval), our_days, their_days) {
                Agreement::Equal => {}
                Agreement::Tie => ties += 1,
                Agreement::F32Tie => f32_ties += 1,
                Agreement::Mismatch => mismatches.push(format!(
                    "history {history} review {i}: {days}d {r:?} r={retention}: ours {raw} → {our_days}, theirs {} → {their_days}",
                    item.interval
                )),
            }
            let rel = (next.stability - f64::from(item.memory.stability)).abs() / next.stability;
            worst_relative_s = worst_relative_s.max(rel);
            reviews += 1;
            our_state = Some(next);
            their_state = Some(item.memory);
        }
    }
    println!(
        "{HISTORIES} histories, {reviews} reviews: {} mismatches; rounding differences on half-day \
         ties: {ties} within {TIE} day, {f32_ties} more within f32 resolution ({F32_RELATIVE:e} \
         relative); worst relative stability difference {worst_relative_s:.2e}",
        mismatches.len()
    );
    assert!(reviews > 90_000);
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

#[test]
fn ties_are_only_ties_at_the_same_half_day() {
    assert_eq!(compare(10.4, 10.4, 10, 10), Agreement::Equal);
    assert_eq!(compare(10.4996, 10.5004, 10, 11), Agreement::Tie);
    assert_eq!(
        compare(30_000.51, 30_000.495, 30_001, 30_000),
        Agreement::F32Tie
    );
    assert_eq!(compare(100.49, 100.51, 100, 101), Agreement::Mismatch);
    assert_eq!(compare(10.2, 11.6, 10, 12), Agreement::Mismatch);
}
