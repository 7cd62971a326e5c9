//! What `recall optimize` reports: whether the fit is saved and why, its figures against
//! the defaults and the parameters in use, as a table or as JSON.

use std::io::Write;

use serde::Serialize;

use crate::optimize::{Fit, Metrics};
use crate::store::StudyHistory;

/// Whether the fit is saved, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Its log-loss is lower than that of the parameters in use.
    Better,
    /// It is not better, and `--force` saved it all the same.
    Forced,
    /// It is not better: the parameters in use stay.
    Kept,
}

impl Verdict {
    /// The verdict on `fit`, saved anyway when `force`.
    #[must_use]
    pub fn of(fit: &Fit, force: bool) -> Self {
        match (fit.improves(), force) {
            (true, _) => Verdict::Better,
            (false, true) => Verdict::Forced,
            (false, false) => Verdict::Kept,
        }
    }

    /// Whether the fit is saved.
    #[must_use]
    pub fn saved(self) -> bool {
        self != Verdict::Kept
    }

    /// The reason, for `--json`.
    fn reason(self) -> &'static str {
        match self {
            Verdict::Better => "lower log-loss than the parameters in use",
            Verdict::Forced => "not a lower log-loss than the parameters in use, saved by --force",
            Verdict::Kept => "not a lower log-loss than the parameters in use, which stay",
        }
    }
}

/// `--json`: the figures, with the counts of what the log holds and what became of the fit.
#[derive(Serialize)]
pub struct JsonFit {
    reviews: usize,
    study_answers: usize,
    cards: usize,
    default: JsonMetrics,
    /// The earlier fit in use; null when the profile uses the defaults.
    current: Option<JsonMetrics>,
    fitted: JsonMetrics,
    parameters: Vec<f64>,
    saved: bool,
    reason: &'static str,
}

#[derive(Serialize)]
struct JsonMetrics {
    log_loss: f64,
    rmse_bins: f64,
}

impl From<Metrics> for JsonMetrics {
    fn from(m: Metrics) -> Self {
        JsonMetrics {
            log_loss: m.log_loss,
            rmse_bins: m.rmse_bins,
        }
    }
}

impl JsonFit {
    /// The figures of `fit` over `histories`, and what became of it.
    #[must_use]
    pub fn new(fit: &Fit, histories: &[StudyHistory], verdict: Verdict) -> Self {
        JsonFit {
            reviews: fit.reviews,
            study_answers: histories.iter().map(|h| h.reviews.len()).sum(),
            cards: histories.len(),
            default: fit.default.into(),
            current: fit.current.map(Into::into),
            fitted: fit.fitted.into(),
            parameters: fit.parameters.to_vec(),
            saved: verdict.saved(),
            reason: verdict.reason(),
        }
    }
}

/// The hint after a saved fit: cards keep the due dates the old parameters gave until then.
const RESCHEDULE: &str = "Cards already scheduled keep their due dates: recall reschedule \
                          --dry-run shows what the new parameters move, recall reschedule \
                          moves them.";

/// Writes the fit's figures as a table and what became of it.
///
/// # Errors
/// Writing failed.
pub fn write_report(
    out: &mut impl Write,
    fit: &Fit,
    histories: &[StudyHistory],
    verdict: Verdict,
) -> std::io::Result<()> {
    let answers: usize = histories.iter().map(|h| h.reviews.len()).sum();
    writeln!(
        out,
        "Fitted FSRS-6 to {} reviews ({answers} study answers of {} cards).",
        fit.reviews,
        histories.len()
    )?;
    writeln!(out, "parameters  log-loss  RMSE (bins)")?;
    let rows = [
        Some(("default", fit.default)),
        fit.current.map(|m| ("in use", m)),
        Some(("fitted", fit.fitted)),
    ];
    for (name, m) in rows.into_iter().flatten() {
        writeln!(
            out,
            "{name:<10}  {:>8.4}  {:>11.4}",
            m.log_loss, m.rmse_bins
        )?;
    }
    let w: Vec<String> = fit.parameters.iter().map(|w| format!("{w:.4}")).collect();
    writeln!(out, "w0-w20: {}", w.join(", "))?;
    let in_use = if fit.current.is_some() {
        "the parameters fitted before"
    } else {
        "the defaults"
    };
    let (fitted, kept) = (fit.fitted.log_loss, fit.in_use().log_loss);
    match verdict {
        Verdict::Better => writeln!(
            out,
            "Saved for this profile: study and schedule use them from now on \
             (recall optimize --reset goes back to the defaults).\n{RESCHEDULE}"
        ),
        Verdict::Forced => writeln!(
            out,
            "Saved because of --force, although the fit's log-loss {fitted:.4} is not lower \
             than {kept:.4} of {in_use}.\n{RESCHEDULE}"
        ),
        Verdict::Kept => writeln!(
            out,
            "Not saved: the fit's log-loss {fitted:.4} is not lower than {kept:.4} of \
             {in_use}, which the profile keeps using (recall optimize --force saves the fit \
             anyway)."
        ),
    }
}
