//! The FSRS-6 memory model: pure arithmetic on stability, difficulty and retrievability.
//!
//! This module owns the formulas of `shared/fsrs/FORMULAS.md` (forgetting curve, interval,
//! initial state, difficulty update, recall and lapse stability, the same-day formula and the
//! clamps), computed in `f64`. It knows nothing of cards, phases, calendars or fuzz: callers pass
//! whole elapsed days and get numbers back. It must never return NaN or an infinity; every input
//! is clamped into the model's domain before use.

use super::Rating;

/// Number of FSRS-6 parameters.
pub const PARAMETER_COUNT: usize = 21;

/// The default FSRS-6 parameters (medians over many learners), `w0..w20`.
pub const DEFAULT_PARAMETERS: [f64; PARAMETER_COUNT] = [
    0.212, 1.2931, 2.3065, 8.2956, // w0-3: initial stability for Again/Hard/Good/Easy (days)
    6.4133, 0.8334, 3.0194, 0.001, // w4-7: initial difficulty, its slope, ΔD, mean reversion
    1.8722, 0.1666, 0.796, // w8-10: stability increase after a recall
    1.4835, 0.0614, 0.2629, 1.6483, // w11-14: stability after a lapse
    0.6014, 1.8729, // w15 hard penalty, w16 easy bonus
    0.5425, 0.0912, 0.0658, // w17-19: same-day (short-term) stability
    0.1542, // w20: decay of the forgetting curve
];

/// Smallest stability the model keeps (days).
pub const S_MIN: f64 = 0.001;
/// Largest stability the model keeps (days).
pub const S_MAX: f64 = 36_500.0;
/// Smallest difficulty.
pub const D_MIN: f64 = 1.0;
/// Largest difficulty.
pub const D_MAX: f64 = 10.0;

/// Allowed range of each parameter, as the reference optimizer clips them (one relearning step,
/// short-term training off).
const PARAMETER_BOUNDS: [(f64, f64); PARAMETER_COUNT] = [
    (S_MIN, 100.0),
    (S_MIN, 100.0),
    (S_MIN, 100.0),
    (S_MIN, 100.0),
    (D_MIN, D_MAX),
    (0.001, 4.0),
    (0.001, 4.0),
    (0.001, 0.75),
    (0.0, 4.5),
    (0.0, 0.8),
    (0.001, 3.5),
    (0.001, 5.0),
    (0.001, 0.25),
    (0.001, 0.9),
    (0.0, 4.0),
    (0.0, 1.0),
    (1.0, 6.0),
    (0.0, 2.0),
    (0.0, 2.0),
    (0.0, 0.8),
    (0.1, 0.8),
];

/// A card's memory as FSRS sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MemoryState {
    /// Days until retrievability falls to 90%, in [0.001, 36500].
    pub stability: f64,
    /// How hard the card is, in [1, 10].
    pub difficulty: f64,
}

/// The FSRS-6 model for one parameter set, with the constants it derives from them cached.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    w: [f64; PARAMETER_COUNT],
    /// `0.9^(−1/w20) − 1`, so that R(S, S) = 0.9.
    factor: f64,
    /// `e^w8`.
    exp_w8: f64,
    /// `D0(Easy)` without its clamp: the target of mean reversion.
    d0_easy_raw: f64,
    /// `e^(w17·w18)`: a lapse never leaves stability above `S / this`.
    lapse_cap_divisor: f64,
    /// `e^(w17·(G−3+w18))` for each rating, Again to Easy: the same-day growth before `S^(−w19)`.
    same_day_growth: [f64; 4],
}

impl Default for Model {
    fn default() -> Self {
        Self::new(DEFAULT_PARAMETERS)
    }
}

impl Model {
    /// Builds the model, clamping each parameter into its allowed range (as the reference
    /// implementation does). A non-finite parameter is replaced by its default.
    #[must_use]
    pub fn new(parameters: [f64; PARAMETER_COUNT]) -> Self {
        let mut w = parameters;
        for (i, value) in w.iter_mut().enumerate() {
            let (low, high) = PARAMETER_BOUNDS[i];
            if !value.is_finite() {
                *value = DEFAULT_PARAMETERS[i];
            }
            *value = value.clamp(low, high);
        }
        let factor = 0.9f64.powf(-1.0 / w[20]) - 1.0;
        Self {
            w,
            factor,
            exp_w8: w[8].exp(),
            d0_easy_raw: w[4] - (3.0 * w[5]).exp() + 1.0,
            lapse_cap_divisor: (w[17] * w[18]).exp(),
            same_day_growth: Rating::ALL
                .map(|r| (w[17] * (f64::from(r.as_u8()) - 3.0 + w[18])).exp()),
        }
    }

    /// The parameters in use, after clamping.
    #[must_use]
    pub fn parameters(&self) -> &[f64; PARAMETER_COUNT] {
        &self.w
    }

    /// Probability of recall after `elapsed_days` for a memory of the given stability, in (0, 1].
    /// A negative or non-finite elapsed time counts as 0.
    #[must_use]
    pub fn retrievability(&self, elapsed_days: f64, stability: f64) -> f64 {
        let t = if elapsed_days.is_finite() {
            elapsed_days.max(0.0)
        } else {
            0.0
        };
        let s = clamp_stability(stability);
        let r = (1.0 + self.factor * t / s).powf(-self.w[20]);
        // Underflow to 0 is impossible for t ≤ a few million years, but keep R strictly positive.
        r.clamp(f64::MIN_POSITIVE, 1.0)
    }

    /// The unrounded interval (days) after which retrievability falls to `desired_retention`.
    #[must_use]
    pub fn interval(&self, stability: f64, desired_retention: f64) -> f64 {
        let s = clamp_stability(stability);
        let r = desired_retention.clamp(0.01, 0.999);
        s / self.factor * (r.powf(-1.0 / self.w[20]) - 1.0)
    }

    /// The interval rounded to whole days, at least 1 and at most `maximum_days`.
    #[must_use]
    pub fn interval_days(&self, stability: f64, desired_retention: f64, maximum_days: u32) -> u32 {
        round_days(self.interval(stability, desired_retention), maximum_days)
    }

    /// The memory after a card's first review.
    #[must_use]
    pub fn initial(&self, rating: Rating) -> MemoryState {
        MemoryState {
            stability: clamp_stability(self.w[rating.index()]),
            difficulty: self.initial_difficulty(rating).clamp(D_MIN, D_MAX),
        }
    }

    /// The memory after a review rated `rating`, `elapsed_days` whole days after the previous
    /// one (`None` for the card's first review). Zero days uses the same-day formula.
    #[must_use]
    pub fn next(
        &self,
        state: Option<MemoryState>,
        elapsed_days: u32,
        rating: Rating,
    ) -> MemoryState {
        let Some(state) = state else {
            return self.initial(rating);
        };
        let s = clamp_stability(state.stability);
        let d = clamp_difficulty(state.difficulty);
        let stability = if elapsed_days == 0 {
            self.same_day_stability(s, rating)
        } else {
            let r = self.retrievability(f64::from(elapsed_days), s);
            if rating == Rating::Again {
                self.lapse_stability(s, d, r)
            } else {
                self.recall_stability(s, d, r, rating)
            }
        };
        MemoryState {
            stability: clamp_stability(stability),
            difficulty: self.next_difficulty(d, rating),
        }
    }

    /// The memory after each of the four ratings, Again to Easy.
    #[must_use]
    pub fn next_states(&self, state: Option<MemoryState>, elapsed_days: u32) -> [MemoryState; 4] {
        Rating::ALL.map(|rating| self.next(state, elapsed_days, rating))
    }

    /// An estimate of the memory of a card that SM-2 scheduled with `ease` and `interval_days`,
    /// assuming SM-2 kept it at 90% retention: the stability is the interval, and the
    /// difficulty is the one whose Good-recall growth at 90% equals `ease − 1`.
    #[must_use]
    pub fn from_sm2(&self, ease: f64, interval_days: u32) -> MemoryState {
        let s = clamp_stability(f64::from(interval_days));
        let ease = if ease.is_finite() {
            ease.clamp(1.3, 10.0)
        } else {
            2.5
        };
        let growth_per_unit = self.exp_w8 * s.powf(-self.w[9]) * (0.1 * self.w[10]).exp_m1();
        let d = if growth_per_unit > 0.0 {
            11.0 - (ease - 1.0) / growth_per_unit
        } else {
            5.5
        };
        MemoryState {
            stability: s,
            difficulty: clamp_difficulty(d),
        }
    }

    /// `D0(G) = w4 − e^(w5·(G−1)) + 1`, unclamped.
    fn initial_difficulty(&self, rating: Rating) -> f64 {
        self.w[4] - (self.w[5] * f64::from(rating.as_u8() - 1)).exp() + 1.0
    }

    /// Linear damping towards 10, then mean reversion towards the unclamped `D0(Easy)`.
    fn next_difficulty(&self, d: f64, rating: Rating) -> f64 {
        let delta = -self.w[6] * (f64::from(rating.as_u8()) - 3.0);
        let damped = d + delta * (10.0 - d) / 9.0;
        let reverted = self.w[7] * self.d0_easy_raw + (1.0 - self.w[7]) * damped;
        clamp_difficulty(reverted)
    }

    /// Stability after a successful recall (Hard, Good or Easy) at retrievability `r`.
    fn recall_stability(&self, s: f64, d: f64, r: f64, rating: Rating) -> f64 {
        let w = &self.w;
        let hard_penalty = if rating == Rating::Hard { w[15] } else { 1.0 };
        let easy_bonus = if rating == Rating::Easy { w[16] } else { 1.0 };
        let growth = self.exp_w8
            * (11.0 - d)
            * s.powf(-w[9])
            * ((w[10] * (1.0 - r)).exp() - 1.0)
            * hard_penalty
            * easy_bonus;
        s * (1.0 + growth)
    }

    /// Stability after a lapse at retrievability `r`, never above `S / e^(w17·w18)`.
    fn lapse_stability(&self, s: f64, d: f64, r: f64) -> f64 {
        let w = &self.w;
        let post_lapse =
            w[11] * d.powf(-w[12]) * ((s + 1.0).powf(w[13]) - 1.0) * (w[14] * (1.0 - r)).exp();
        post_lapse.min(s / self.lapse_cap_divisor)
    }

    /// Same-day review: `S·e^(w17·(G−3+w18))·S^(−w19)`; only Again may shrink stability.
    fn same_day_stability(&self, s: f64, rating: Rating) -> f64 {
        let increase = self.same_day_growth[rating.index()] * s.powf(-self.w[19]);
        if rating == Rating::Again {
            s * increase
        } else {
            s * increase.max(1.0)
        }
    }
}

/// Rounds an interval to whole days in `[1, maximum_days]`; NaN counts as 1.
#[must_use]
pub fn round_days(interval: f64, maximum_days: u32) -> u32 {
    let maximum = maximum_days.max(1);
    if interval.is_nan() {
        return 1;
    }
    let rounded = interval.round().clamp(1.0, f64::from(maximum));
    // In range [1, maximum] by the clamp above, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let days = rounded as u32;
    days
}

/// Clamps a stability into [`S_MIN`, `S_MAX`]; NaN becomes `S_MIN`.
#[must_use]
pub fn clamp_stability(s: f64) -> f64 {
    if s.is_nan() {
        S_MIN
    } else {
        s.clamp(S_MIN, S_MAX)
    }
}

/// Clamps a difficulty into [`D_MIN`, `D_MAX`]; NaN becomes the middle of the range.
#[must_use]
pub fn clamp_difficulty(d: f64) -> f64 {
    if d.is_nan() {
        5.5
    } else {
        d.clamp(D_MIN, D_MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(1e-12)
    }

    #[test]
    fn interval_at_ninety_percent_is_the_stability() {
        let m = Model::default();
        for s in [0.01, 1.0, 2.3065, 100.0, 36_500.0] {
            assert!(close(m.interval(s, 0.9), s, 1e-12), "{s}");
            assert!(close(m.retrievability(s, s), 0.9, 1e-12));
        }
    }

    #[test]
    fn interval_ratios_match_the_formula_sheet() {
        let m = Model::default();
        for (r, ratio) in [
            (0.95, 0.4026),
            (0.85, 1.9064),
            (0.80, 3.3160),
            (0.70, 9.2879),
        ] {
            // The sheet gives four decimals.
            assert!((m.interval(10.0, r) / 10.0 - ratio).abs() < 5e-5, "{r}");
        }
    }

    #[test]
    fn initial_states_match_the_formula_sheet() {
        let m = Model::default();
        let want = [
            (0.212, 6.4133),
            (1.2931, 5.1122),
            (2.3065, 2.1181),
            (8.2956, 1.0),
        ];
        for (rating, (s, d)) in Rating::ALL.into_iter().zip(want) {
            let st = m.initial(rating);
            assert!(close(st.stability, s, 1e-9));
            assert!(
                close(st.difficulty, d, 1e-4),
                "{rating:?} {}",
                st.difficulty
            );
        }
        assert!(close(m.d0_easy_raw, -4.7716, 1e-4));
    }

    #[test]
    fn same_day_again_may_shrink_but_good_never_does() {
        let m = Model::default();
        let st = m.initial(Rating::Good);
        assert!(m.next(Some(st), 0, Rating::Again).stability < st.stability);
        assert!(m.next(Some(st), 0, Rating::Hard).stability >= st.stability);
        assert!(m.next(Some(st), 0, Rating::Good).stability >= st.stability);
    }

    #[test]
    fn hostile_inputs_stay_finite() {
        let m = Model::new([f64::NAN; PARAMETER_COUNT]);
        assert_eq!(m.parameters(), &DEFAULT_PARAMETERS);
        let bad = MemoryState {
            stability: f64::NAN,
            difficulty: f64::INFINITY,
        };
        for rating in Rating::ALL {
            for days in [0, 1, u32::MAX] {
                let st = m.next(Some(bad), days, rating);
                assert!(st.stability.is_finite() && st.difficulty.is_finite());
            }
        }
        assert!(m.retrievability(f64::INFINITY, 1.0) > 0.0);
        assert!(m.retrievability(-5.0, 1.0) <= 1.0);
        assert_eq!(round_days(f64::NAN, 36_500), 1);
        assert_eq!(round_days(1e300, 36_500), 36_500);
    }

    #[test]
    fn parameters_are_clamped() {
        let mut w = DEFAULT_PARAMETERS;
        w[20] = 5.0;
        w[0] = -1.0;
        let m = Model::new(w);
        assert!((m.parameters()[20] - 0.8).abs() < 1e-12);
        assert!((m.parameters()[0] - S_MIN).abs() < 1e-12);
    }
}
