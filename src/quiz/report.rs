//! The outcome of a quiz: every question with the answer given, the score, a breakdown per
//! tag, and its JSON and CSV forms for `--results`.

use std::collections::BTreeMap;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use super::Kind;
use crate::answer::Segment;

/// One question of a quiz as it was answered (or not).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answered {
    /// The item's id.
    pub card: String,
    /// The deck's id.
    pub deck: String,
    /// Its type.
    pub kind: Kind,
    /// The question as shown.
    pub prompt: String,
    /// The right answer.
    pub expected: String,
    /// What was typed or chosen; `None` for no answer.
    pub given: Option<String>,
    /// For a choice or true/false question, the options in the order shown (`True`, `False`
    /// for true/false); `None` for other kinds.
    pub options: Option<Vec<String>>,
    /// The number of the option picked, from 1, as shown; `None` for no answer or another
    /// kind.
    pub picked: Option<usize>,
    /// Whether it was right (no answer is wrong).
    pub correct: bool,
    /// From question to answer; 0 when it was not reached.
    pub seconds: f64,
    /// The card's tags.
    pub tags: Vec<String>,
    /// The line of the card's `[[card]]` header in its deck file (see [`Report::decks`]).
    pub line: usize,
    /// The card's explanation, for feedback.
    #[serde(skip)]
    pub explain: Option<String>,
    /// A near miss, for feedback.
    #[serde(skip)]
    pub diff: Option<Vec<Segment>>,
    /// The pictures shown with the answer and with the explanation, for feedback.
    #[serde(skip)]
    pub pictures: [Option<crate::deck::Shown>; 2],
}

/// A deck file a quiz was drawn from: where it was and which version of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct DeckFile {
    /// The deck's id.
    pub id: String,
    /// The deck's title.
    pub title: String,
    /// The file as it was named to the quiz (`built-in` for the deck built into recall).
    pub path: String,
    /// A hash of the file's bytes, 16 hex digits: another version of the file has another.
    pub hash: String,
}

impl DeckFile {
    /// The deck files of a quiz, for its results: path and content hash of each.
    #[must_use]
    pub fn all(decks: &[crate::library::LoadedDeck]) -> Vec<DeckFile> {
        decks
            .iter()
            .map(|d| DeckFile {
                id: d.deck.id.clone(),
                title: d.deck.title.clone(),
                path: d
                    .path
                    .as_ref()
                    .map_or_else(|| "built-in".to_owned(), |p| p.display().to_string()),
                hash: d.file_hash.map(|h| format!("{h:016x}")).unwrap_or_default(),
            })
            .collect()
    }
}

/// The format of a results file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsFormat {
    /// `.json`
    Json,
    /// `.csv`
    Csv,
}

impl ResultsFormat {
    /// The format of results `file`, from its extension.
    ///
    /// # Errors
    /// An extension other than `.json` or `.csv`.
    pub fn of(file: &std::path::Path) -> Result<Self, crate::error::Error> {
        let ext = file
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("json") => Ok(ResultsFormat::Json),
            Some("csv") => Ok(ResultsFormat::Csv),
            _ => Err(crate::error::Error::Usage(format!(
                "--results {}: name a .json or .csv file",
                file.display()
            ))),
        }
    }
}

/// How a quiz ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ending {
    /// Every question was answered.
    Finished,
    /// The time limit ran out.
    TimeUp,
    /// The learner quit.
    Quit,
}

/// Right answers and questions for one tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct TagScore {
    /// Right answers.
    pub score: usize,
    /// Questions.
    pub total: usize,
}

/// A finished quiz.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Right answers.
    pub score: usize,
    /// Questions in the quiz.
    pub total: usize,
    /// The seed that draws this quiz again.
    pub seed: u64,
    /// The learner's profile.
    pub profile: String,
    /// Who took the quiz (`--student`; the profile name unless given).
    pub student: String,
    /// The deck files the quiz was drawn from, with their content hashes.
    pub decks: Vec<DeckFile>,
    /// When the first question was shown.
    #[serde(serialize_with = "rfc3339")]
    pub started: DateTime<Utc>,
    /// When the quiz ended.
    #[serde(serialize_with = "rfc3339")]
    pub finished: DateTime<Utc>,
    /// How it ended.
    pub ending: Ending,
    /// Score per tag, by tag name.
    pub tags: BTreeMap<String, TagScore>,
    /// Every question, in the order asked.
    pub questions: Vec<Answered>,
}

fn rfc3339<S: serde::Serializer>(time: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&time.to_rfc3339_opts(SecondsFormat::Millis, true))
}

impl Report {
    /// A report of `questions`, scored and broken down per tag.
    #[must_use]
    pub fn new(
        questions: Vec<Answered>,
        seed: u64,
        (started, finished): (DateTime<Utc>, DateTime<Utc>),
        ending: Ending,
    ) -> Self {
        let mut tags: BTreeMap<String, TagScore> = BTreeMap::new();
        for q in &questions {
            for tag in &q.tags {
                let entry = tags.entry(tag.clone()).or_default();
                entry.total += 1;
                entry.score += usize::from(q.correct);
            }
        }
        Report {
            score: questions.iter().filter(|q| q.correct).count(),
            total: questions.len(),
            seed,
            profile: String::new(),
            student: String::new(),
            decks: Vec::new(),
            started,
            finished,
            ending,
            tags,
            questions,
        }
    }

    /// The score as a whole percentage (0 for an empty quiz; see [`crate::percent`]).
    #[must_use]
    pub fn percent(&self) -> usize {
        crate::percent::percent(self.score, self.total).unwrap_or(0)
    }

    /// The report as pretty-printed JSON.
    ///
    /// # Errors
    /// Never in practice: every field serializes.
    pub fn to_json(&self) -> serde_json::Result<String> {
        serde_json::to_string_pretty(self)
    }

    /// The report as a results file of `format`, ending in a line break.
    ///
    /// # Errors
    /// Never in practice (see [`Report::to_json`]).
    pub fn to_results(&self, format: ResultsFormat) -> serde_json::Result<String> {
        Ok(match format {
            ResultsFormat::Json => self.to_json()? + "\n",
            ResultsFormat::Csv => self.to_csv(),
        })
    }

    /// One CSV row per question (RFC 4180: fields quoted when needed, CRLF line ends), after
    /// a header row:
    /// `number,deck,card,kind,tags,prompt,expected,given,correct,seconds,options,picked,`
    /// `student,seed,line,deck_file,deck_hash`.
    /// Tags are joined with `;`, `given` is empty for no answer, `correct` is `true`/`false`;
    /// `options` are those of a choice or true/false question as shown, joined with ` | `,
    /// and `picked` the number of the one picked (both empty otherwise); `line` is that of
    /// the card in `deck_file`, the deck's file, whose content hash is `deck_hash`.
    #[must_use]
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "number,deck,card,kind,tags,prompt,expected,given,correct,seconds,options,picked,\
             student,seed,line,deck_file,deck_hash\r\n",
        );
        for (i, q) in self.questions.iter().enumerate() {
            let file = self.decks.iter().find(|d| d.id == q.deck);
            let fields = [
                (i + 1).to_string(),
                q.deck.clone(),
                q.card.clone(),
                q.kind.as_str().to_owned(),
                q.tags.join(";"),
                q.prompt.clone(),
                q.expected.clone(),
                q.given.clone().unwrap_or_default(),
                q.correct.to_string(),
                format!("{:.3}", q.seconds),
                q.options
                    .as_deref()
                    .map(|o| o.join(" | "))
                    .unwrap_or_default(),
                q.picked.map(|n| n.to_string()).unwrap_or_default(),
                self.student.clone(),
                self.seed.to_string(),
                q.line.to_string(),
                file.map(|f| f.path.clone()).unwrap_or_default(),
                file.map(|f| f.hash.clone()).unwrap_or_default(),
            ];
            let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&row.join(","));
            out.push_str("\r\n");
        }
        out
    }
}

/// A CSV field, quoted (with inner quotes doubled) when it holds a comma, quote or line break.
/// Deck text and typed answers are untrusted: control and invisible characters are shown
/// escaped (`\u{1b}`), and a field that a spreadsheet would take for a formula (it starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return, and is not a plain number) gets a `'`
/// in front, which spreadsheets read as "this is text".
pub(crate) fn csv_field(text: &str) -> String {
    let text = &*crate::text::escape_hidden(text);
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(text);
    let text = if formula {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// True for a number a spreadsheet reads as one: an optional sign, digits, an optional
/// fraction.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered(card: &str, tags: &[&str], correct: bool, given: Option<&str>) -> Answered {
        Answered {
            card: card.into(),
            deck: "d".into(),
            kind: Kind::Typed,
            prompt: "Who, \"really\"?".into(),
            expected: "Trotsky".into(),
            given: given.map(Into::into),
            options: None,
            picked: None,
            correct,
            seconds: 1.5,
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            line: 7,
            explain: None,
            diff: None,
            pictures: [None, None],
        }
    }

    #[test]
    fn scores_and_tags_are_counted() {
        let t = DateTime::parse_from_rfc3339("2026-01-01T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let mut report = Report::new(
            vec![
                answered("a", &["x", "y"], true, Some("Trotsky")),
                answered("b", &["x"], false, None),
                answered("c", &[], false, Some("Stalin")),
            ],
            9,
            (t, t),
            Ending::Finished,
        );
        assert_eq!((report.score, report.total, report.percent()), (1, 3, 33));
        assert_eq!(report.tags["x"], TagScore { score: 1, total: 2 });
        report.student = "ann".into();
        report.decks = vec![DeckFile {
            id: "d".into(),
            title: "D".into(),
            path: "d.toml".into(),
            hash: "00ff".into(),
        }];
        assert_eq!(report.tags["y"], TagScore { score: 1, total: 1 });
        let csv = report.to_csv();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[1],
            "1,d,a,typed,x;y,\"Who, \"\"really\"\"?\",Trotsky,Trotsky,true,1.500,,,ann,9,7,d.toml,00ff"
        );
        assert_eq!(
            lines[2],
            "2,d,b,typed,x,\"Who, \"\"really\"\"?\",Trotsky,,false,1.500,,,ann,9,7,d.toml,00ff"
        );
        let json: serde_json::Value = serde_json::from_str(&report.to_json().unwrap()).unwrap();
        assert_eq!(json["questions"][1]["given"], serde_json::Value::Null);
        assert_eq!(json["started"], "2026-01-01T10:00:00.000Z");
        assert_eq!(json["seed"], 9);
    }

    #[test]
    fn csv_fields_a_spreadsheet_would_run_are_kept_as_text() {
        for (text, field) in [
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "\\u{d}=1"),
            ("a\u{1b}[31mb\u{7}", "a\\u{1b}[31mb\\u{7}"),
            ("I\u{200b}ran \u{202e}x", "I\\u{200b}ran \\u{202e}x"),
            ("two\nlines", "\"two\nlines\""),
            ("-5", "-5"),
            ("+1.25", "+1.25"),
            ("-", "'-"),
            ("-.5", "'-.5"),
            ("1929", "1929"),
            ("a=b", "a=b"),
            ("Trotsky, Leon", "\"Trotsky, Leon\""),
        ] {
            assert_eq!(csv_field(text), field, "{text:?}");
        }
    }
}
