//! What `recall postpone` shows: how many cards move and the recall they are expected to
//! lose, then the reviews due on each of the coming days before and after (the table of
//! `recall reschedule`), or all of it as one JSON object.

use std::io::{self, Write};

use serde::Serialize;

use crate::scheduler::postpone::Plan;
use crate::scheduler::reschedule::Summary;
use crate::ui::reschedule_report::{JsonDays, write_days};

/// `--json`: the plan as one object.
#[derive(Debug, Serialize)]
pub struct JsonPlan<'a> {
    /// Cards with a state.
    cards: usize,
    /// Cards whose due date moves.
    postponed: usize,
    /// Reviews kept due per day at most.
    keep: usize,
    /// Of the postponed, cards ranked by their interval (no FSRS memory).
    by_interval: usize,
    /// The mean drop of predicted recall at review time of the postponed cards (0 to 1).
    recall_lost: f64,
    #[serde(flatten)]
    days: JsonDays<'a>,
    /// Whether the new due dates were written.
    written: bool,
}

impl<'a> JsonPlan<'a> {
    /// The plan, its days, the limit and whether its due dates were written.
    #[must_use]
    pub fn new(plan: &Plan, s: &'a Summary, keep: usize, written: bool) -> Self {
        JsonPlan {
            cards: s.cards,
            postponed: plan.postponed.len(),
            keep,
            by_interval: plan.by_interval,
            recall_lost: plan.recall_lost(),
            days: JsonDays::new(s),
            written,
        }
    }
}

/// Writes the plan as text: what moves and what it costs, then one line a day.
///
/// # Errors
/// Writing failed.
pub fn write_plan(out: &mut impl Write, plan: &Plan, s: &Summary, keep: usize) -> io::Result<()> {
    let n = plan.postponed.len();
    writeln!(
        out,
        "{n} of {} card{} move to later days, the most stable first, so that at most {keep} \
         review{} fall{} due a day.",
        s.cards,
        if s.cards == 1 { "" } else { "s" },
        if keep == 1 { "" } else { "s" },
        if keep == 1 { "s" } else { "" },
    )?;
    if n > 0 {
        writeln!(
            out,
            "Expected recall lost: {:.1} percentage points on average at review time for the \
             cards moved.",
            plan.recall_lost() * 100.0
        )?;
    }
    write_by_interval(out, plan.by_interval)?;
    write_days(out, s)
}

/// Says that `n` of the cards moved have no FSRS memory, so their recall figure is a guess;
/// nothing when none.
///
/// # Errors
/// Writing failed.
pub(crate) fn write_by_interval(out: &mut impl Write, n: usize) -> io::Result<()> {
    if n == 0 {
        return Ok(());
    }
    writeln!(
        out,
        "{n} of them have no FSRS memory (SM-2 or Leitner): their interval stands in for \
         stability, so their figure is a rough guess."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::postpone::Postponed;
    use chrono::{NaiveDate, Utc};

    fn plan() -> Plan {
        let moved = |index, recall_after| Postponed {
            index,
            due: chrono::DateTime::<Utc>::UNIX_EPOCH,
            recall_before: 0.9,
            recall_after,
        };
        Plan {
            postponed: vec![moved(0, 0.88), moved(1, 0.86)],
            by_interval: 1,
        }
    }

    fn summary() -> Summary {
        Summary {
            cards: 5,
            changed: 2,
            earlier: 0,
            later: 2,
            first_day: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
            due_before: vec![4, 0],
            due_after: vec![2, 2],
        }
    }

    #[test]
    fn the_text_tells_the_cost_and_the_days() {
        let mut out = Vec::new();
        write_plan(&mut out, &plan(), &summary(), 2).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with("2 of 5 cards move to later days"),
            "{text}"
        );
        assert!(text.contains("at most 2 reviews fall due a day"), "{text}");
        assert!(text.contains("lost: 3.0 percentage points"), "{text}");
        assert!(text.contains("1 of them have no FSRS memory"), "{text}");
        assert!(
            text.contains("  Mon 2026-03-09       4       2\n"),
            "{text}"
        );
    }

    #[test]
    fn the_json_has_every_key() {
        let s = summary();
        let json = serde_json::to_value(JsonPlan::new(&plan(), &s, 2, false)).unwrap();
        assert_eq!(json["postponed"], 2);
        assert_eq!(json["keep"], 2);
        assert!((json["recall_lost"].as_f64().unwrap() - 0.03).abs() < 1e-9);
        assert_eq!(json["due_after"], serde_json::json!([2, 2]));
        assert_eq!(json.as_object().unwrap().len(), 9);
    }
}
