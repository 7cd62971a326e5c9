//! Interval fuzz: a small, deterministic spread of review intervals of 2.5 days and more.
//!
//! Owns Anki's fuzz ranges and the card's fuzz factor. Fuzz keeps cards learned together from
//! staying due together; it must never be random at run time. The factor comes from a
//! card-identity seed and the card's review count, so the same card with the same history
//! always lands on the same day, and tests and simulations are reproducible.

/// Intervals below this many days are never fuzzed.
pub const MIN_FUZZED_INTERVAL: f64 = 2.5;

/// `(start, end, factor)`: each day of the interval inside `[start, end)` widens the range by
/// `factor` days on each side.
const FUZZ_RANGES: [(f64, f64, f64); 3] = [
    (2.5, 7.0, 0.15),
    (7.0, 20.0, 0.10),
    (20.0, f64::INFINITY, 0.05),
];

/// A card's fuzz factor in [0, 1), from its identity seed and how many reviews it has had.
#[must_use]
pub fn fuzz_factor(card_seed: u64, reps: u32) -> f64 {
    let mixed = splitmix64(card_seed ^ splitmix64(u64::from(reps)));
    // The top 53 bits make an exactly representable fraction in [0, 1).
    #[allow(clippy::cast_precision_loss)]
    let fraction = (mixed >> 11) as f64 / (1u64 << 53) as f64;
    fraction
}

/// The widest distance (days) from `interval` that fuzz may move it.
fn fuzz_delta(interval: f64) -> f64 {
    if interval < MIN_FUZZED_INTERVAL {
        return 0.0;
    }
    1.0 + FUZZ_RANGES
        .iter()
        .map(|&(start, end, factor)| factor * (interval.min(end) - start).max(0.0))
        .sum::<f64>()
}

/// The days fuzz may pick from, `[lower, upper]`, kept inside `[minimum, maximum]`.
#[must_use]
pub fn fuzz_bounds(interval: f64, minimum: u32, maximum: u32) -> (u32, u32) {
    let maximum = maximum.max(1);
    let minimum = minimum.clamp(1, maximum);
    let interval = clamp_interval(interval, minimum, maximum);
    let delta = fuzz_delta(interval);
    let lower = to_days(interval - delta).clamp(minimum, maximum);
    let upper = to_days(interval + delta).clamp(minimum, maximum);
    // A collapsed range above 2 days still gets a second choice, as in Anki.
    if lower == upper && upper > 2 && upper < maximum {
        return (lower, upper + 1);
    }
    (lower, upper)
}

/// The interval in whole days within `[minimum, maximum]`: fuzzed with `factor` (in [0, 1)) when
/// given, else simply rounded.
#[must_use]
pub fn constrained_interval(interval: f64, minimum: u32, maximum: u32, factor: Option<f64>) -> u32 {
    let maximum = maximum.max(1);
    let minimum = minimum.clamp(1, maximum);
    match factor {
        None => to_days(clamp_interval(interval, minimum, maximum)).clamp(minimum, maximum),
        Some(f) => {
            let (lower, upper) = fuzz_bounds(interval, minimum, maximum);
            let f = if f.is_finite() {
                f.clamp(0.0, 0.999_999)
            } else {
                0.0
            };
            let span = f64::from(upper - lower + 1);
            lower.saturating_add(to_days((f * span).floor())).min(upper)
        }
    }
}

fn clamp_interval(interval: f64, minimum: u32, maximum: u32) -> f64 {
    if interval.is_nan() {
        f64::from(minimum)
    } else {
        interval.clamp(f64::from(minimum), f64::from(maximum))
    }
}

/// Rounds to whole days, saturating to `[0, u32::MAX]`.
fn to_days(x: f64) -> u32 {
    // `as` saturates for floats and maps NaN to 0, which is what we want here.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let days = x.round() as u32;
    days
}

/// The splitmix64 mixer: a fixed, well-spread 64-bit hash (never changes between versions).
#[must_use]
pub fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anki_anchor_ranges() {
        assert_eq!(fuzz_bounds(2.5, 1, 36_500), (2, 4));
        assert_eq!(fuzz_bounds(7.0, 1, 36_500), (5, 9));
        assert_eq!(fuzz_bounds(17.0, 1, 36_500), (14, 20));
        assert_eq!(fuzz_bounds(37.0, 1, 36_500), (33, 41));
        assert_eq!(fuzz_bounds(100.0, 101, 36_500), (101, 108));
    }

    #[test]
    fn short_intervals_are_not_fuzzed() {
        for f in [0.0, 0.5, 0.99] {
            assert_eq!(constrained_interval(1.4, 1, 36_500, Some(f)), 1);
            assert_eq!(constrained_interval(2.2, 1, 36_500, Some(f)), 2);
        }
    }

    #[test]
    fn factor_spans_the_whole_range() {
        assert_eq!(constrained_interval(7.0, 1, 36_500, Some(0.0)), 5);
        assert_eq!(constrained_interval(7.0, 1, 36_500, Some(0.999)), 9);
        assert_eq!(constrained_interval(7.0, 1, 36_500, None), 7);
        assert!((34_000..=36_500).contains(&constrained_interval(40_000.0, 1, 36_500, Some(0.5))));
        assert_eq!(constrained_interval(40_000.0, 1, 36_500, None), 36_500);
        assert_eq!(constrained_interval(f64::NAN, 3, 36_500, None), 3);
    }

    #[test]
    fn factor_is_deterministic_and_spread() {
        assert_eq!(fuzz_factor(42, 3).to_bits(), fuzz_factor(42, 3).to_bits());
        assert_ne!(fuzz_factor(42, 3).to_bits(), fuzz_factor(42, 4).to_bits());
        let n = 10_000u32;
        let mean = (0..n).map(|i| fuzz_factor(7, i)).sum::<f64>() / f64::from(n);
        assert!((mean - 0.5).abs() < 0.02, "{mean}");
        assert!((0..n).all(|i| (0.0..1.0).contains(&fuzz_factor(u64::from(i), i))));
    }
}
