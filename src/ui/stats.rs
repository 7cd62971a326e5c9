//! The `recall stats` screen: [`Stats`] drawn as text at most 80 columns wide, with colour
//! only when asked for. Deck ids, titles and tags come from deck files or imported logs, so
//! they are stripped of control sequences and cut to their column.

use std::fmt::Write as _;

use super::chart;
use crate::stats::{Rate, StateCounts, Stats};
use crate::text::strip_controls;

/// The widest line drawn.
pub const WIDTH: usize = 80;
/// Width of the name column of the card table.
const NAME: usize = 26;

/// Colours as ANSI escape sequences, or none.
#[derive(Debug, Clone, Copy)]
struct Paint {
    on: bool,
}

impl Paint {
    fn with(self, code: &str, text: &str) -> String {
        if self.on && !text.is_empty() {
            format!("\u{1b}[{code}m{text}\u{1b}[0m")
        } else {
            text.to_owned()
        }
    }

    fn heading(self, text: &str) -> String {
        self.with("1", text)
    }
}

/// The whole screen; `color` adds ANSI colours.
#[must_use]
pub fn render(stats: &Stats, color: bool) -> String {
    let paint = Paint { on: color };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} · {} (days start at {}:00)",
        paint.heading("recall stats"),
        stats.today,
        stats.day_starts_at
    );
    for section in [
        cards(stats, paint),
        activity(stats, paint),
        retention(stats, paint),
        hardest(stats, paint),
        forecast(stats, paint),
        calendar(stats, paint),
        intervals(stats, paint),
    ] {
        out.push('\n');
        out.push_str(&section);
    }
    // Empty bars and cells leave spaces at the ends of lines.
    out.lines().fold(String::new(), |mut text, line| {
        text.push_str(line.trim_end());
        text.push('\n');
        text
    })
}

/// Untrusted text made safe and cut to `width` characters (the last one an ellipsis).
fn cell(text: &str, width: usize) -> String {
    let safe: String = strip_controls(text)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if safe.chars().count() <= width {
        return safe;
    }
    let mut cut: String = safe.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn counts_row(name: &str, c: &StateCounts) -> String {
    format!(
        "  {:<NAME$}{:>6}{:>9}{:>7}{:>8}{:>11}{:>7}\n",
        cell(name, NAME),
        c.new,
        c.learning,
        c.young,
        c.mature,
        c.suspended,
        c.total
    )
}

fn cards(stats: &Stats, paint: Paint) -> String {
    let mut out = paint.heading("Cards");
    out.push('\n');
    let _ = writeln!(
        out,
        "  {:<NAME$}{:>6}{:>9}{:>7}{:>8}{:>11}{:>7}",
        "", "new", "learning", "young", "mature", "suspended", "total"
    );
    out.push_str(&counts_row("all decks", &stats.cards.all));
    for deck in &stats.cards.decks {
        out.push_str(&counts_row(&format!("  {}", deck.id), &deck.counts));
    }
    if !stats.cards.tags.is_empty() {
        out.push_str("  by tag\n");
        for tag in &stats.cards.tags {
            out.push_str(&counts_row(&format!("  #{}", tag.tag), &tag.counts));
        }
    }
    out
}

fn duration(seconds: u64) -> String {
    if seconds >= 3600 {
        format!("{}h {:02}m", seconds / 3600, seconds % 3600 / 60)
    } else {
        format!("{}m {:02}s", seconds / 60, seconds % 60)
    }
}

fn activity(stats: &Stats, paint: Paint) -> String {
    let a = &stats.activity;
    let mut out = paint.heading("Activity");
    out.push('\n');
    let _ = writeln!(out, "  {:<14}{:>9}{:>11}", "", "reviews", "time");
    for (label, p) in [
        ("today", a.today),
        ("last 7 days", a.last_7_days),
        ("last 30 days", a.last_30_days),
    ] {
        let _ = writeln!(
            out,
            "  {label:<14}{:>9}{:>11}",
            p.reviews,
            duration(p.seconds)
        );
    }
    let _ = writeln!(
        out,
        "  streak: {} day{} in a row",
        a.streak_days,
        if a.streak_days == 1 { "" } else { "s" }
    );
    out
}

fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "-".to_owned(), |r| format!("{:.1}%", r * 100.0))
}

fn rate_row(label: &str, rate: &Rate) -> String {
    format!(
        "  {label:<14}{:>9}   {} of {} passed\n",
        percent(rate.rate),
        rate.passed,
        rate.reviews
    )
}

fn retention(stats: &Stats, paint: Paint) -> String {
    let r = &stats.retention;
    let mut out = paint.heading("True retention");
    let _ = writeln!(
        out,
        " (review cards in study sessions; desired {:.0}%)",
        r.desired * 100.0
    );
    out.push_str(&rate_row("last 7 days", &r.last_7_days));
    out.push_str(&rate_row("last 30 days", &r.last_30_days));
    out.push_str(&rate_row("last 365 days", &r.last_365_days));
    let _ = writeln!(
        out,
        "  {:<14}{:>9}",
        "predicted now",
        percent(r.predicted_now)
    );
    let p = &stats.practice;
    let _ = writeln!(
        out,
        "  quiz and cram, last 30 days: {} ({} of {} passed)",
        percent(p.rate),
        p.passed,
        p.reviews
    );
    out
}

fn hardest(stats: &Stats, paint: Paint) -> String {
    let h = &stats.hardest;
    let mut out = paint.heading("Hardest cards");
    let _ = writeln!(
        out,
        " (leeches, {}+ lapses: {})",
        h.leech_threshold, h.leeches
    );
    let line = |out: &mut String, c: &crate::stats::HardCard| {
        let id = format!("{}/{}", c.deck, c.card);
        let name = match &c.question {
            Some(q) => format!("{:<18} {}", cell(&id, 18), cell(&q.replace('\n', " "), 31)),
            None => cell(&id, 50),
        };
        let recall = c
            .retrievability
            .map_or_else(String::new, |r| format!("   recall {:.0}%", r * 100.0));
        let lapses = if c.lapses == 1 { "lapse " } else { "lapses" };
        let _ = writeln!(out, "    {name:<50}{:>3} {lapses}{recall}", c.lapses);
        // A leech points at where its card is written, for its author to rewrite it.
        if let (Some(path), Some(line), true) = (&c.path, c.line, c.lapses >= h.leech_threshold) {
            let _ = writeln!(out, "      leech: rewrite it at {}:{line}", cell(path, 50));
        }
    };
    if h.most_lapses.is_empty() && h.lowest_retrievability.is_empty() {
        out.push_str("  none yet\n");
        return out;
    }
    out.push_str("  most lapses\n");
    for c in h.most_lapses.iter().take(5) {
        line(&mut out, c);
    }
    out.push_str("  lowest chance of recall now\n");
    for c in h.lowest_retrievability.iter().take(5) {
        line(&mut out, c);
    }
    out
}

fn forecast(stats: &Stats, paint: Paint) -> String {
    let values = &stats.forecast;
    let total: u64 = values.iter().sum();
    let max = values.iter().copied().max().unwrap_or(0);
    let mut out = paint.heading("Due in the next 30 days");
    let _ = writeln!(out, " ({total} cards; today includes overdue)");
    let rows = chart::vertical_bars(values, 6, 1);
    for (i, row) in rows.iter().enumerate() {
        let label = if i == 0 {
            max.to_string()
        } else {
            String::new()
        };
        let _ = writeln!(out, "  {label:>6} │{}", paint.with("36", row));
    }
    let _ = writeln!(out, "  {:>6} └{}", 0, "─".repeat(2 * values.len()));
    let _ = writeln!(
        out,
        "  {:>6}  {:<14}{:<14}{:<14}{:<14}+29",
        "", "today", "+7", "+14", "+21"
    );
    out
}

fn calendar(stats: &Stats, paint: Paint) -> String {
    let heat = &stats.heatmap;
    let total: u64 = heat.reviews.iter().sum();
    let mut out = paint.heading("Reviews, last 26 weeks");
    let _ = writeln!(out, " ({total}; from {})", heat.first_day);
    let (months, rows) = chart::calendar(heat.first_day, &heat.reviews);
    let _ = writeln!(out, "      {months}");
    for (label, cells) in rows {
        let line: String = cells.iter().map(|&c| format!("{c} ")).collect();
        let _ = writeln!(out, "  {label} {}", paint.with("32", line.trim_end()));
    }
    let _ = writeln!(out, "      less · ░ ▒ ▓ █ more");
    out
}

fn intervals(stats: &Stats, paint: Paint) -> String {
    let bins = &stats.intervals;
    let max = bins.iter().map(|b| b.cards).max().unwrap_or(0);
    let mut out = paint.heading("Intervals of review cards");
    out.push('\n');
    for bin in bins {
        let bar = chart::horizontal_bar(bin.cards, max, 50);
        let _ = writeln!(
            out,
            "  {:<7}{:>7} {}",
            bin.label,
            bin.cards,
            paint.with("35", &bar)
        );
    }
    out
}
