//! What `recall break` shows: how many reviews move before and after the break, the recall
//! the later ones are expected to lose, the reviews due on each day around the break before
//! and after; or all of it as one JSON object; and the list of breaks.

use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use crate::scheduler::breaks::Plan;
use crate::ui::postpone_report::write_by_interval;
use crate::ui::reschedule_report::{JsonDays, write_table};

/// `--json`: the plan as one object.
#[derive(Debug, Serialize)]
pub struct JsonPlan<'a> {
    /// Cards with a state.
    cards: usize,
    /// Cards whose due date moves, and of those the ones moved before and after the break.
    moved: usize,
    earlier: usize,
    later: usize,
    /// Of the moved, cards ranked by their interval (no FSRS memory).
    by_interval: usize,
    /// The mean drop of predicted recall at review time of the cards moved later (0 to 1),
    /// and its sum over them.
    recall_lost: f64,
    recall_lost_total: f64,
    /// The break, YYYY-MM-DD.
    from: String,
    to: String,
    #[serde(flatten)]
    days: JsonDays<'a>,
    /// Whether the new due dates were written.
    written: bool,
}

impl<'a> JsonPlan<'a> {
    /// The plan of the break `from` to `to`, and whether its due dates were written.
    #[must_use]
    pub fn new(plan: &'a Plan, (from, to): (NaiveDate, NaiveDate), written: bool) -> Self {
        let (total, mean) = plan.recall_lost();
        JsonPlan {
            cards: plan.days.cards,
            moved: plan.moved.len(),
            earlier: plan.earlier,
            later: plan.later(),
            by_interval: plan.by_interval,
            recall_lost: mean,
            recall_lost_total: total,
            from: from.to_string(),
            to: to.to_string(),
            days: JsonDays::new(&plan.days),
            written,
        }
    }
}

/// Writes the plan as text: what moves where and what it costs, then one line a day.
///
/// # Errors
/// Writing failed.
pub fn write_plan(
    out: &mut impl Write,
    plan: &Plan,
    (from, to): (NaiveDate, NaiveDate),
) -> io::Result<()> {
    let n = plan.moved.len();
    writeln!(
        out,
        "{n} review{} fall{} due from {from} to {to}: {} move{} before the break, {} after it.",
        if n == 1 { "" } else { "s" },
        if n == 1 { "s" } else { "" },
        plan.earlier,
        if plan.earlier == 1 { "s" } else { "" },
        plan.later(),
    )?;
    if plan.later() > 0 {
        let (total, mean) = plan.recall_lost();
        writeln!(
            out,
            "Expected recall lost: {:.1} percentage points on average at review time for the \
             cards reviewed after the break ({total:.2} reviews' worth in all); those reviewed \
             before it lose none.",
            mean * 100.0,
        )?;
    }
    write_by_interval(out, plan.by_interval)?;
    writeln!(out, "Reviews due per day around the break:")?;
    write_table(out, &plan.days)
}

/// Writes the breaks to come, one a line, or says there is none.
///
/// # Errors
/// Writing failed.
pub fn write_list(
    out: &mut impl Write,
    breaks: &[(NaiveDate, NaiveDate)],
    json: bool,
) -> io::Result<()> {
    if json {
        let list: Vec<[String; 2]> = breaks
            .iter()
            .map(|(from, to)| [from.to_string(), to.to_string()])
            .collect();
        return writeln!(
            out,
            "{}",
            serde_json::to_string(&list).map_err(io::Error::other)?
        );
    }
    if breaks.is_empty() {
        return writeln!(out, "No break is set.");
    }
    for (from, to) in breaks {
        let days = (*to - *from).num_days() + 1;
        writeln!(
            out,
            "{from} to {to} ({days} day{})",
            if days == 1 { "" } else { "s" }
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::postpone::Postponed;
    use crate::scheduler::reschedule::Summary;

    fn plan() -> Plan {
        let moved = |index, recall_after| Postponed {
            index,
            due: chrono::DateTime::<chrono::Utc>::UNIX_EPOCH,
            recall_before: 0.9,
            recall_after,
        };
        Plan {
            moved: vec![moved(0, 0.95), moved(1, 0.88), moved(2, 0.86)],
            earlier: 1,
            by_interval: 0,
            days: Summary {
                cards: 7,
                first_day: NaiveDate::from_ymd_opt(2026, 12, 22).unwrap(),
                due_before: vec![1, 3],
                due_after: vec![4, 0],
                ..Summary::default()
            },
        }
    }

    fn dates() -> (NaiveDate, NaiveDate) {
        let day = NaiveDate::from_ymd_opt(2026, 12, 23).unwrap();
        (day, day)
    }

    #[test]
    fn the_text_tells_where_the_reviews_go_and_the_cost() {
        let mut out = Vec::new();
        write_plan(&mut out, &plan(), dates()).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with(
                "3 reviews fall due from 2026-12-23 to 2026-12-23: 1 moves before the break, 2 \
                 after it.\nExpected recall lost: 3.0 percentage points on average"
            ),
            "{text}"
        );
        assert!(text.contains("(0.06 reviews' worth in all)"), "{text}");
        assert!(
            text.contains("  Wed 2026-12-23       3       0\n"),
            "{text}"
        );
    }

    #[test]
    fn the_json_has_every_key_and_the_list_reads() {
        let plan = plan();
        let json = serde_json::to_value(JsonPlan::new(&plan, dates(), true)).unwrap();
        assert_eq!(json.as_object().unwrap().len(), 13);
        assert_eq!(
            (json["earlier"].clone(), json["later"].clone()),
            (1.into(), 2.into())
        );
        assert!((json["recall_lost"].as_f64().unwrap() - 0.03).abs() < 1e-9);
        assert_eq!(json["from"], "2026-12-23");
        let mut out = Vec::new();
        write_list(&mut out, &[dates()], false).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "2026-12-23 to 2026-12-23 (1 day)\n"
        );
    }
}
