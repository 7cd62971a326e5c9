//! The rows of `recall schedule`: a table, or one JSON object per review.

use std::io::Write;

use serde::Serialize;

use crate::scheduler::SchedulerKind;
use crate::scheduler::replay::ReplayRow;

/// One JSON object per review, its keys in this order.
#[derive(Serialize)]
pub struct JsonRow {
    elapsed_days: u32,
    rating: u8,
    retrievability: Option<f64>,
    stability: Option<f64>,
    difficulty: Option<f64>,
    interval_days: u32,
}

impl From<&ReplayRow> for JsonRow {
    fn from(row: &ReplayRow) -> Self {
        Self {
            elapsed_days: row.elapsed_days,
            rating: row.rating.as_u8(),
            retrievability: row.retrievability,
            stability: row.stability,
            difficulty: row.difficulty,
            interval_days: row.interval_days,
        }
    }
}

/// Writes the rows as a table whose third column is what `kind` keeps.
///
/// # Errors
/// Writing failed.
pub fn write_table(
    out: &mut impl Write,
    kind: SchedulerKind,
    rows: &[ReplayRow],
) -> std::io::Result<()> {
    let third = match kind {
        SchedulerKind::Fsrs => "difficulty",
        SchedulerKind::Sm2 => "ease",
        SchedulerKind::Leitner => "box",
    };
    writeln!(
        out,
        "{:>7}  {:<6}  {:>14}  {:>10}  {:>10}  {:>8}",
        "elapsed", "rating", "retrievability", "stability", third, "interval"
    )?;
    for row in rows {
        let third = match (kind, row.difficulty) {
            (SchedulerKind::Leitner, Some(b)) => format!("{b:.0}"),
            (SchedulerKind::Sm2, Some(e)) => format!("{e:.2}"),
            _ => number(row.difficulty),
        };
        writeln!(
            out,
            "{:>7}  {:<6}  {:>14}  {:>10}  {:>10}  {:>8}",
            format!("{}d", row.elapsed_days),
            row.rating.label(),
            number(row.retrievability),
            number(row.stability),
            third,
            format!("{}d", row.interval_days),
        )?;
    }
    Ok(())
}

/// Four decimals, or `-` for a value the model does not have.
fn number(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.4}"))
}
