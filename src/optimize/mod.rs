//! Fitting the FSRS-6 parameters to a learner's own answers, with the `fsrs` crate's optimizer
//! (the one Anki ships), and measuring how well the defaults and the fitted parameters
//! predict those answers: log-loss and RMSE over bins, as the FSRS benchmark defines them.
//!
//! The only module that calls the `fsrs` crate outside the scheduler's tests. It never prints
//! and never reads the clock; [`items`] builds the training items from the study histories.

use fsrs::{ComputeParametersInput, FSRS, FSRSItem, compute_parameters};

use crate::scheduler::days::DayClock;
use crate::scheduler::fsrs::{DEFAULT_PARAMETERS, PARAMETER_COUNT};
use crate::store::StudyHistory;

pub mod items;

/// The fewest usable reviews a fit is attempted on.
pub const MIN_REVIEWS: usize = 400;

/// How well a parameter set predicts the answers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// Mean binary cross-entropy of the predicted recall against the answers (lower is better).
    pub log_loss: f64,
    /// Root mean square error between predicted and actual recall over bins of similar reviews.
    pub rmse_bins: f64,
}

/// The outcome of a fit.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// The reviews fitted and measured on: answers given on a later day than the card's
    /// previous answer.
    pub reviews: usize,
    /// The default parameters' metrics on those reviews.
    pub default: Metrics,
    /// The fitted parameters' metrics on the same reviews.
    pub fitted: Metrics,
    /// The metrics of the parameters the profile uses now, when an earlier fit is in use;
    /// `None`: it uses the defaults.
    pub current: Option<Metrics>,
    /// The fitted parameters, w0..w20.
    pub parameters: [f64; PARAMETER_COUNT],
}

impl Fit {
    /// The metrics of the parameters the profile uses now: an earlier fit's, else the
    /// defaults'.
    #[must_use]
    pub fn in_use(&self) -> Metrics {
        self.current.unwrap_or(self.default)
    }

    /// Whether the fit predicts the reviews better than the parameters in use: a strictly
    /// lower log-loss on the same reviews, the test Anki applies before it replaces them.
    #[must_use]
    pub fn improves(&self) -> bool {
        self.fitted.log_loss < self.in_use().log_loss
    }
}

/// Why no fit was made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OptimizeError {
    /// Not enough usable reviews.
    #[error(
        "only {usable} usable reviews (answers on a later day than the card's previous \
         answer); at least {needed} are needed to fit the parameters"
    )]
    TooFew {
        /// Usable reviews found.
        usable: usize,
        /// Usable reviews needed.
        needed: usize,
    },
    /// The optimizer or the evaluation failed.
    #[error("the FSRS optimizer failed: {0}")]
    Fsrs(String),
}

/// Fits the parameters to `histories` (a card without a calendar of its own counts days on
/// `calendar`) and measures the defaults, the `current` parameters (an earlier fit the
/// profile uses, if any) and the fit on the same reviews.
///
/// # Errors
/// Fewer than [`MIN_REVIEWS`] usable reviews, or the optimizer failed.
pub fn optimize(
    histories: &[StudyHistory],
    calendar: DayClock,
    current: Option<&[f64; PARAMETER_COUNT]>,
) -> Result<Fit, OptimizeError> {
    let built = items::build(histories, calendar);
    if built.items.len() < MIN_REVIEWS {
        return Err(OptimizeError::TooFew {
            usable: built.items.len(),
            needed: MIN_REVIEWS,
        });
    }
    let fitted = compute_parameters(ComputeParametersInput {
        train_set: built.items.clone(),
        card_ids: Some(built.card_ids.clone()),
        ..ComputeParametersInput::default()
    })
    .map_err(|e| OptimizeError::Fsrs(e.to_string()))?;
    let parameters = to_f64(&fitted)?;
    // The default parameters as the scheduler holds them.
    #[allow(clippy::cast_possible_truncation)]
    let defaults: Vec<f32> = DEFAULT_PARAMETERS.iter().map(|&w| w as f32).collect();
    let fitted_metrics = evaluate(&fitted, &built.items, &built.card_ids)?;
    let current = match current {
        // The same parameters found again: the same figures, whatever rounding an
        // evaluation's summing order might bring.
        Some(w) if *w == parameters => Some(fitted_metrics),
        #[allow(clippy::cast_possible_truncation)]
        Some(w) => {
            let w: Vec<f32> = w.iter().map(|&x| x as f32).collect();
            Some(evaluate(&w, &built.items, &built.card_ids)?)
        }
        None => None,
    };
    Ok(Fit {
        reviews: built.items.len(),
        default: evaluate(&defaults, &built.items, &built.card_ids)?,
        fitted: fitted_metrics,
        current,
        parameters,
    })
}

fn evaluate(
    parameters: &[f32],
    items: &[FSRSItem],
    card_ids: &[i64],
) -> Result<Metrics, OptimizeError> {
    let fail = |e: fsrs::FSRSError| OptimizeError::Fsrs(e.to_string());
    let model = FSRS::new(parameters).map_err(fail)?;
    let e = model
        .evaluate_with_card_ids(items.to_vec(), card_ids.to_vec(), |_| true)
        .map_err(fail)?;
    Ok(Metrics {
        log_loss: f64::from(e.log_loss),
        rmse_bins: f64::from(e.rmse_bins),
    })
}

/// The optimizer's `f32` parameters as the shortest decimals that read back as the same
/// `f32`, so 0.16218197 is kept as 0.16218197, not 0.16218197345733643.
fn to_f64(parameters: &[f32]) -> Result<[f64; PARAMETER_COUNT], OptimizeError> {
    let values: Vec<f64> = parameters
        .iter()
        .map(|w| w.to_string().parse::<f64>().unwrap_or(f64::NAN))
        .collect();
    match <[f64; PARAMETER_COUNT]>::try_from(values) {
        Ok(w) if w.iter().all(|x| x.is_finite()) => Ok(w),
        _ => Err(OptimizeError::Fsrs(format!(
            "expected {PARAMETER_COUNT} finite parameters, got {parameters:?}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::Rating;
    use chrono::{DateTime, TimeDelta, Utc};

    #[test]
    fn too_few_reviews_are_refused() {
        let t = DateTime::<Utc>::UNIX_EPOCH;
        let histories: Vec<StudyHistory> = (0..100)
            .map(|card| StudyHistory {
                card,
                calendar: None,
                reviews: (0..4)
                    .map(|d| (t + TimeDelta::days(d), Rating::Good))
                    .collect(),
            })
            .collect();
        // Three usable reviews per card: 300.
        assert_eq!(
            optimize(&histories, DayClock::default(), None),
            Err(OptimizeError::TooFew {
                usable: 300,
                needed: MIN_REVIEWS
            })
        );
    }

    #[test]
    fn only_a_lower_log_loss_than_the_parameters_in_use_improves() {
        let m = |log_loss| Metrics {
            log_loss,
            rmse_bins: 0.05,
        };
        let fit = |fitted, current| Fit {
            reviews: 400,
            default: m(0.45),
            fitted: m(fitted),
            current,
            parameters: DEFAULT_PARAMETERS,
        };
        assert!(fit(0.44, None).improves());
        assert!(!fit(0.45, None).improves());
        assert!(!fit(0.46, None).improves());
        // With an earlier fit in use, it is the one to beat, not the defaults.
        assert!(!fit(0.44, Some(m(0.43))).improves());
        assert!(!fit(0.44, Some(m(0.44))).improves());
        assert!(fit(0.44, Some(m(0.441))).improves());
        assert!(fit(0.46, Some(m(0.47))).improves());
        assert_eq!(fit(0.46, Some(m(0.47))).in_use(), m(0.47));
    }

    #[test]
    fn parameters_keep_their_short_decimals() {
        let w = to_f64(&[0.162_181_97_f32; PARAMETER_COUNT]).unwrap();
        assert!(w.iter().all(|&x| x.to_string() == "0.16218197"));
        assert!(to_f64(&[1.0; 3]).is_err());
    }
}
