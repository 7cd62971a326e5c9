//! Text shared by both faces of `recall quiz` and `recall cram`: the status line, the verdict
//! on one answer, the final report and the cram summary.

use super::render::{diff_plain, safe};
use crate::deck::Shown;
use crate::quiz::{Answered, CramSummary, Ending, QuizStatus, Report};
use crate::session::Question;

/// What a reply that starts with `:` asks of a quiz or a cram round.
#[derive(Debug, PartialEq, Eq)]
pub enum QuizCommand {
    /// End the quiz (`:quit`, `:q`).
    Quit,
    /// Show this line and ask the same question again.
    Say(String),
}

/// The command in `reply`, or `None` when it is an answer. Cram shows a card's hint on
/// `:hint`; a quiz, being a mock exam, gives none.
#[must_use]
pub fn quiz_command(reply: &str, question: &Question, status: &QuizStatus) -> Option<QuizCommand> {
    let word = reply.trim().strip_prefix(':')?.trim();
    let cram = status.round.is_some();
    Some(match word {
        "quit" | "q" => QuizCommand::Quit,
        "hint" if cram => QuizCommand::Say(match &question.hint {
            Some(hint) => format!("Hint: {}", safe(hint)),
            None => "(no hint for this card)".to_owned(),
        }),
        "hint" => QuizCommand::Say("No hints in a quiz; :quit ends it.".to_owned()),
        other if cram => {
            QuizCommand::Say(format!("Unknown command :{}; try :hint :quit", safe(other)))
        }
        other => QuizCommand::Say(format!(
            "Unknown command :{}; :quit ends the quiz",
            safe(other)
        )),
    })
}

/// "Question 3 of 20 · 4:32 left", or "Round 2 · card 1 of 3".
#[must_use]
pub fn status_line(status: &QuizStatus) -> String {
    let mut line = match status.round {
        Some(round) => format!("Round {round} · card {} of {}", status.number, status.total),
        None => format!("Question {} of {}", status.number, status.total),
    };
    if let Some(millis) = status.millis_left {
        let left = millis.div_ceil(1000);
        line.push_str(&format!(" · {}:{:02} left", left / 60, left % 60));
    }
    line
}

/// One line of feedback on an answer: words, or a picture to show there.
#[derive(Debug, PartialEq, Eq)]
pub enum VerdictLine<'a> {
    /// A line of text, made safe to print.
    Text(String),
    /// A picture, drawn or said in words.
    Picture(&'a Shown),
}

/// The verdict on one answer, then the right answer and the card's explanation, the answer's
/// picture under `A:` and the explanation's under `Why:`, as a study session shows them.
#[must_use]
pub fn verdict_lines(answered: &Answered) -> Vec<VerdictLine<'_>> {
    let given = answered.given.as_deref().map(safe);
    let verdict = match (answered.correct, given) {
        (true, _) if answered.diff.is_some() => "Correct (typo forgiven).".to_owned(),
        (true, _) => "Correct.".to_owned(),
        (false, None) => "No answer.".to_owned(),
        (false, Some(given)) => format!("Not right: you answered \"{given}\""),
    };
    let [answer_picture, explain_picture] = &answered.pictures;
    let mut out = vec![
        VerdictLine::Text(verdict),
        VerdictLine::Text(format!("A: {}", safe(&answered.expected))),
    ];
    out.extend(answer_picture.as_ref().map(VerdictLine::Picture));
    if let Some(diff) = &answered.diff {
        out.push(VerdictLine::Text(format!(
            "Difference: {}",
            diff_plain(diff)
        )));
    }
    if let Some(explain) = &answered.explain {
        out.push(VerdictLine::Text(format!("Why: {}", safe(explain))));
    }
    out.extend(explain_picture.as_ref().map(VerdictLine::Picture));
    out
}

/// The report: score, why it ended, the breakdown per tag, then each missed question with the
/// answer given and the right one.
#[must_use]
pub fn report_text(report: &Report) -> String {
    let mut out = format!(
        "Score: {} of {} ({}%)",
        report.score,
        report.total,
        report.percent()
    );
    let seconds = (report.finished - report.started).num_seconds().max(0);
    out.push_str(&format!(
        " · {}:{:02} · seed {}\n",
        seconds / 60,
        seconds % 60,
        report.seed
    ));
    match report.ending {
        Ending::Finished => {}
        Ending::TimeUp => out.push_str("Time ran out: unanswered questions count as wrong.\n"),
        Ending::Quit => out.push_str("Quit early: unanswered questions count as wrong.\n"),
    }
    if !report.tags.is_empty() {
        out.push_str("By tag:\n");
        let width = report
            .tags
            .keys()
            .map(|t| t.chars().count())
            .max()
            .unwrap_or(0);
        for (tag, score) in &report.tags {
            let percent = crate::percent::percent(score.score, score.total).unwrap_or(0);
            out.push_str(&format!(
                "  {:<width$}  {} of {} ({percent}%)\n",
                safe(tag),
                score.score,
                score.total
            ));
        }
    }
    let missed: Vec<(usize, &Answered)> = report
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| !q.correct)
        .collect();
    if !missed.is_empty() {
        out.push_str("Missed:\n");
    }
    for (i, q) in missed {
        out.push_str(&format!("  {}. {}\n", i + 1, safe(&q.prompt)));
        let given = q
            .given
            .as_deref()
            .map_or_else(|| "(no answer)".to_owned(), |g| format!("\"{}\"", safe(g)));
        out.push_str(&format!(
            "     you: {given} · right: {}\n",
            safe(&q.expected)
        ));
    }
    out
}

/// "Crammed 12 cards in 3 rounds · 17 answers · 8 right the first time".
#[must_use]
pub fn cram_text(summary: &CramSummary) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "Crammed {} in {} · {} · {} right the first time",
        plural(summary.cards, "card"),
        plural(summary.rounds, "round"),
        plural(summary.answers, "answer"),
        summary.right_first_time
    );
    if summary.quit {
        line.push_str(&format!(
            "\nQuit early: {} of {} answered right so far.",
            summary.learned, summary.cards
        ));
    }
    line
}
