//! Items as text: `recall cards`' one line per item and `recall card`'s story of one, with
//! its chart of predicted recall in plain characters (coloured only when
//! [`super::paint::wanted`] says so). Deck text is stripped of control characters.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use super::paint::Paint;
use crate::config::LeechAction;
use crate::stats::listing::Listed;
use crate::stats::story::{Forecast, Story};
use crate::text::{escape_controls, strip_controls};

/// Width of a full bar of the recall chart.
const BAR: usize = 20;

/// A chance as a whole percentage, `-` when unknown.
fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| "-".to_owned(), |p| format!("{:.0}%", p * 100.0))
}

/// Where the item's card is written: `path:line`, or its deck id when its deck was not read.
fn place(item: &Listed) -> String {
    match (&item.path, item.line) {
        (Some(path), Some(line)) => format!("{}:{line}", escape_controls(path)),
        _ => format!("({} not read)", escape_controls(&item.deck)),
    }
}

/// The flags worth a word: suspended, buried, leech.
fn flags(item: &Listed) -> String {
    [
        (item.suspended, "suspended"),
        (item.buried, "buried"),
        (item.leech, "leech"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, name)| *name)
    .collect::<Vec<_>>()
    .join(",")
}

/// What a session says when an answer makes `item` (`DECK/ITEM`) a leech, forgotten `lapses`
/// times, and what was done to it.
#[must_use]
pub fn leech_notice(lapses: u32, action: LeechAction, item: &str) -> String {
    let item = escape_controls(item);
    let find = "`recall cards --leeches` shows where it is written";
    match action {
        LeechAction::Suspend => format!(
            "Leech: forgotten {lapses} times, so {item} is suspended. Rewrite it ({find}), then \
             `recall unsuspend {item}`."
        ),
        LeechAction::Tag => format!(
            "Leech: forgotten {lapses} times, so {item} is marked as a leech ({find}). Consider \
             rewriting it."
        ),
        LeechAction::Warn => format!(
            "Leech: {item} was forgotten {lapses} times. Consider rewriting or suspending it."
        ),
    }
}

/// One line per item under a header, and the count; a line saying so when there is none.
#[must_use]
pub fn listing(items: &[Listed]) -> String {
    if items.is_empty() {
        return "No items match.\n".to_owned();
    }
    let mut out = format!(
        "{:<40}  {:<10}  {:<10}  {:>6}  {:>6}  {:<32}  flags\n",
        "item", "state", "due", "recall", "lapses", "card"
    );
    for item in items {
        let id = format!(
            "{}/{}",
            escape_controls(&item.deck),
            escape_controls(&item.item)
        );
        let due = item
            .due
            .map_or_else(|| "-".to_owned(), |d| d.format("%Y-%m-%d").to_string());
        let line = format!(
            "{id:<40}  {:<10}  {due:<10}  {:>6}  {:>6}  {:<32}  {}",
            item.state,
            percent(item.recall),
            item.lapses,
            place(item),
            flags(item)
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let s = if items.len() == 1 { "" } else { "s" };
    let _ = writeln!(out, "{} item{s}", items.len());
    out
}

/// How long after `time` an item came due: minutes, hours or days.
fn interval(time: DateTime<Utc>, due: DateTime<Utc>, days: Option<u32>) -> String {
    let minutes = (due - time).num_minutes();
    match days {
        Some(d) if d > 0 => format!("{d}d"),
        _ if minutes >= 60 => format!("{}h", minutes / 60),
        _ => format!("{}m", minutes.max(0)),
    }
}

/// One item's story.
#[must_use]
pub fn story(story: &Story, color: bool) -> String {
    let paint = Paint { color };
    let item = &story.item;
    let mut out = format!(
        "{}  {}\n",
        paint.paint(
            "1",
            &format!(
                "{}/{}",
                escape_controls(&item.deck),
                escape_controls(&item.item)
            )
        ),
        place(item)
    );
    if let Some(question) = &item.question {
        let _ = writeln!(out, "  {}", strip_controls(question));
    }
    let mut memory = format!(
        "  {} · {} review{} · {} lapse{}",
        item.state,
        story.reviews.len(),
        if story.reviews.len() == 1 { "" } else { "s" },
        item.lapses,
        if item.lapses == 1 { "" } else { "s" },
    );
    if let (Some(d), Some(s)) = (story.difficulty, story.stability) {
        let _ = write!(memory, " · difficulty {d:.2} · stability {s:.1} days");
    }
    let flags = flags(item);
    if !flags.is_empty() {
        let _ = write!(memory, " · {flags}");
    }
    let _ = writeln!(out, "{memory}");
    let mut when = format!("  recall now {}", percent(item.recall));
    if let Some(due) = item.due {
        let _ = write!(
            when,
            " · due {} (recall then {})",
            due.format("%Y-%m-%d %H:%MZ"),
            percent(story.recall_at_due)
        );
    }
    if let Some(exam) = &story.exam {
        let _ = write!(when, " · exam {}: {}", exam.date, percent(exam.recall));
    }
    let _ = writeln!(out, "{when}");
    if !story.reviews.is_empty() {
        let _ = writeln!(
            out,
            "\n  {:<17}  {:<6}  {:<5}  {:<5}  {:>6}  interval",
            "answered", "rating", "mode", "right", "time"
        );
    }
    for step in &story.reviews {
        let rating = crate::scheduler::Rating::from_u8(step.rating).map_or("?", |r| r.label());
        let right = match step.correct {
            Some(true) => "yes",
            Some(false) => "no",
            None => "-",
        };
        let gap = step.next_due.map_or_else(
            || "-".to_owned(),
            |due| interval(step.time, due, step.interval_days),
        );
        let _ = writeln!(
            out,
            "  {:<17}  {rating:<6}  {:<5}  {right:<5}  {:>6}  {gap}",
            step.time.format("%Y-%m-%d %H:%MZ"),
            step.mode,
            format!("{:.1}s", step.duration_ms as f64 / 1000.0),
        );
    }
    if !story.forecast.is_empty() {
        let _ = writeln!(out, "\n  Predicted recall without a review:");
        for point in &story.forecast {
            out.push_str(&chart_row(point, paint));
        }
    }
    out
}

/// One week of the chart: when, a bar of `#` as long as the recall, the percentage.
fn chart_row(point: &Forecast, paint: Paint) -> String {
    let label = match point.days {
        0 => "today".to_owned(),
        7 => "+1 week".to_owned(),
        d => format!("+{} weeks", d / 7),
    };
    let filled = ((point.recall * BAR as f64).round() as usize).min(BAR);
    let code = match point.recall {
        r if r >= 0.8 => "32",
        r if r >= 0.6 => "33",
        _ => "31",
    };
    format!(
        "  {label:<9} {}  |{}{}| {:>4}\n",
        point.date,
        paint.paint(code, &"#".repeat(filled)),
        ".".repeat(BAR - filled),
        percent(Some(point.recall))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::story::Step;

    fn story() -> Story {
        let at = |t: &str| t.parse::<DateTime<Utc>>().unwrap();
        let item = Listed {
            deck: "caps".to_owned(),
            item: "fr\u{1b}[31m".to_owned(),
            path: Some("deck.toml".to_owned()),
            line: Some(5),
            question: Some("Capital of France?".to_owned()),
            state: "review",
            suspended: false,
            buried: false,
            leech: true,
            due: Some(at("2026-04-08T04:00:00Z")),
            recall: Some(0.9),
            lapses: 8,
            reps: 12,
        };
        let forecast = [(0, 0.9), (7, 0.7), (14, 0.5)]
            .map(|(days, recall)| Forecast {
                days,
                date: chrono::NaiveDate::from_ymd_opt(2026, 4, 5 + days).unwrap(),
                recall,
            })
            .to_vec();
        Story {
            item,
            difficulty: Some(7.0),
            stability: Some(3.0),
            recall_at_due: Some(0.85),
            exam: None,
            reviews: vec![Step {
                time: at("2026-04-04T09:00:00Z"),
                rating: 1,
                mode: "study",
                correct: Some(false),
                duration_ms: 2500,
                next_due: Some(at("2026-04-04T09:10:00Z")),
                interval_days: Some(0),
            }],
            forecast,
        }
    }

    #[test]
    fn the_chart_is_plain_characters_coloured_only_when_asked() {
        let plain = story_text(false);
        assert!(!plain.contains('\u{1b}'), "{plain}");
        assert!(plain.contains("caps/fr\\u{1b}[31m  deck.toml:5"), "{plain}");
        assert!(plain.contains("· leech"), "{plain}");
        assert!(
            plain.contains("2026-04-04 09:00Z  Again   study  no       2.5s  10m"),
            "{plain}"
        );
        assert!(
            plain.contains("  today     2026-04-05  |##################..|  90%"),
            "{plain}"
        );
        assert!(
            plain.contains("  +2 weeks  2026-04-19  |##########..........|  50%"),
            "{plain}"
        );
        let coloured = story_text(true);
        assert!(
            coloured.contains("\u{1b}[32m##################\u{1b}[0m"),
            "{coloured}"
        );
        assert!(
            coloured.contains("\u{1b}[31m##########\u{1b}[0m"),
            "{coloured}"
        );
    }

    fn story_text(color: bool) -> String {
        super::story(&story(), color)
    }

    #[test]
    fn a_leech_notice_says_what_was_done_and_how_to_find_the_card() {
        let suspended = leech_notice(8, LeechAction::Suspend, "caps/fr");
        assert!(suspended.contains("so caps/fr is suspended"), "{suspended}");
        assert!(
            suspended.contains("`recall unsuspend caps/fr`"),
            "{suspended}"
        );
        let tagged = leech_notice(8, LeechAction::Tag, "caps/fr");
        assert!(tagged.contains("`recall cards --leeches`"), "{tagged}");
        assert!(!leech_notice(8, LeechAction::Warn, "c/\u{1b}x").contains('\u{1b}'));
    }
}
