//! What a class's quiz results say: each student's score, and for each question (a card's
//! item, whatever seed drew it) how many were asked it, its facility, its discrimination, how
//! often each option was picked, and the flags a teacher acts on.
//!
//! - **Facility**: the share of the students asked a question who got it right.
//! - **Discrimination**: the corrected point-biserial, the Pearson correlation, over the
//!   students asked the question, between getting it right (1 or 0) and the student's score
//!   on the other questions of their quiz (their score less this question). `None` where
//!   either side does not vary (everyone right, or every rest score the same): there is then
//!   nothing to correlate.
//!
//! Nothing is flagged on fewer than [`MIN_ASKED`] answers: on so few, chance decides.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::report::DeckFile;

/// Fewer students than this asked a question, and it is not flagged.
pub const MIN_ASKED: usize = 5;
/// A facility at least this high: almost everyone got it right.
pub const EASY: f64 = 0.9;
/// A facility at most this low: almost everyone got it wrong.
pub const HARD: f64 = 0.2;

/// What `recall results` reads of a results file (`recall quiz --results FILE.json`).
#[derive(Debug, Clone, Deserialize)]
pub struct Taken {
    /// The seed that drew the quiz.
    pub seed: u64,
    /// The profile it was taken in.
    #[serde(default)]
    pub profile: String,
    /// Who took it; files written before `--student` name only the profile.
    #[serde(default)]
    pub student: String,
    /// When it started.
    pub started: DateTime<Utc>,
    /// When it ended.
    pub finished: DateTime<Utc>,
    /// The deck files it was drawn from.
    pub decks: Vec<DeckFile>,
    /// Its questions, in the order asked.
    pub questions: Vec<TakenQuestion>,
}

/// One question of a results file.
#[derive(Debug, Clone, Deserialize)]
pub struct TakenQuestion {
    /// The item's id.
    pub card: String,
    /// The deck's id.
    pub deck: String,
    /// Its type (`typed`, `choice`, `truefalse`, `order`, `cloze`).
    pub kind: String,
    /// The question as shown.
    pub prompt: String,
    /// The right answer.
    pub expected: String,
    /// The options shown, for choice and true/false.
    #[serde(default)]
    pub options: Option<Vec<String>>,
    /// The number of the option picked, from 1.
    #[serde(default)]
    pub picked: Option<usize>,
    /// Whether it was right.
    pub correct: bool,
    /// The line of the card in its deck file.
    #[serde(default)]
    pub line: usize,
}

impl Taken {
    /// Checks what JSON alone cannot: a student named, questions there, each deck named
    /// among the files, each card once, each pick among the options.
    ///
    /// # Errors
    /// What is wrong, worded for the teacher.
    pub fn validate(&mut self) -> Result<(), String> {
        if self.student.trim().is_empty() {
            self.student.clone_from(&self.profile);
        }
        if self.student.trim().is_empty() {
            return Err("names no student".to_owned());
        }
        if self.questions.is_empty() {
            return Err("holds no questions".to_owned());
        }
        let mut seen = std::collections::HashSet::new();
        for (n, q) in self.questions.iter().enumerate() {
            let n = n + 1;
            if !self.decks.iter().any(|d| d.id == q.deck) {
                return Err(format!(
                    "question {n} is of deck \"{}\", which the file's decks do not list",
                    q.deck
                ));
            }
            if !seen.insert((q.deck.as_str(), q.card.as_str())) {
                return Err(format!("question {n} asks card \"{}\" again", q.card));
            }
            let count = q.options.as_ref().map_or(0, Vec::len);
            if let Some(p) = q.picked
                && !(1..=count).contains(&p)
            {
                return Err(format!("question {n} picks option {p} of {count} shown"));
            }
        }
        Ok(())
    }

    /// Right answers.
    #[must_use]
    pub fn score(&self) -> usize {
        self.questions.iter().filter(|q| q.correct).count()
    }
}

/// One student's line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StudentRow {
    /// The name.
    pub student: String,
    /// The results file.
    pub file: String,
    /// The seed of their quiz.
    pub seed: u64,
    /// Right answers.
    pub score: usize,
    /// Questions.
    pub total: usize,
    /// The score as a whole percentage.
    pub percent: usize,
    /// From the first question to the end.
    pub seconds: i64,
}

/// How often one option was picked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionRow {
    /// The option as shown.
    pub text: String,
    /// Whether it was the right one.
    pub correct: bool,
    /// How many students picked it.
    pub picked: usize,
}

/// A flag on a question: what to look at, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Almost everyone got it right: it tells no one apart.
    Easy,
    /// Almost everyone got it wrong.
    Hard,
    /// Zero or negative discrimination: strong students miss it as often as weak ones, or
    /// more (often a flawed question or key).
    NoDiscrimination,
    /// A wrong option nobody picked.
    UnpickedOption,
    /// A wrong option picked more than the right one.
    WrongOptionPreferred,
}

/// One question across the class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionRow {
    /// The item's id.
    pub card: String,
    /// The deck's id.
    pub deck: String,
    /// The question's type.
    pub kind: String,
    /// The question as first shown.
    pub prompt: String,
    /// Where its card is: `path:line`.
    pub at: String,
    /// How many students were asked it.
    pub asked: usize,
    /// How many got it right.
    pub right: usize,
    /// The share who got it right.
    pub facility: f64,
    /// The corrected point-biserial; `None` where either side does not vary.
    pub discrimination: Option<f64>,
    /// For choice and true/false: each option shown and how often it was picked.
    pub options: Vec<OptionRow>,
    /// What a teacher should look at.
    pub flags: Vec<Flag>,
}

impl QuestionRow {
    /// How often the right option was picked; `None` for a question without options.
    #[must_use]
    pub fn right_picks(&self) -> Option<usize> {
        self.options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.picked)
            .max()
    }
}

/// A class's results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassReport {
    /// One row per results file, in the order given.
    pub students: Vec<StudentRow>,
    /// One row per question, in the order first asked.
    pub questions: Vec<QuestionRow>,
}

/// The Pearson correlation of `x` and `y`; `None` when either does not vary.
#[must_use]
pub fn correlation(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    if x.len() != y.len() || x.len() < 2 {
        return None;
    }
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx <= f64::EPSILON || syy <= f64::EPSILON {
        return None;
    }
    Some(sxy / (sxx * syy).sqrt())
}

/// Whether option `text` is the right one of a question whose right answer is `expected`.
fn is_right(kind: &str, text: &str, expected: &str) -> bool {
    if kind == "truefalse" {
        // "True", or "False (the answer is …)".
        expected == text || (text == "False" && expected.starts_with("False"))
    } else {
        expected == text
    }
}

/// The class report of `files` (each a validated [`Taken`] and its name).
#[must_use]
pub fn analyse(files: &[(String, Taken)]) -> ClassReport {
    let students = files
        .iter()
        .map(|(file, t)| StudentRow {
            student: t.student.clone(),
            file: file.clone(),
            seed: t.seed,
            score: t.score(),
            total: t.questions.len(),
            percent: crate::percent::percent(t.score(), t.questions.len()).unwrap_or(0),
            seconds: (t.finished - t.started).num_seconds().max(0),
        })
        .collect();
    let mut order: Vec<(String, String)> = Vec::new();
    // Per question: (right or not, the rest score) of each student asked it, and the picks.
    let mut answers: HashMap<(String, String), Vec<(f64, f64)>> = HashMap::new();
    let mut first: HashMap<(String, String), (&Taken, &TakenQuestion)> = HashMap::new();
    let mut options: HashMap<(String, String), Vec<OptionRow>> = HashMap::new();
    for (_, taken) in files {
        let score = taken.score() as f64;
        for q in &taken.questions {
            let key = (q.deck.clone(), q.card.clone());
            if !first.contains_key(&key) {
                order.push(key.clone());
                first.insert(key.clone(), (taken, q));
            }
            let x = f64::from(u8::from(q.correct));
            answers.entry(key.clone()).or_default().push((x, score - x));
            let rows = options.entry(key).or_default();
            for (i, text) in q.options.iter().flatten().enumerate() {
                let correct = is_right(&q.kind, text, &q.expected);
                let picked = usize::from(q.picked == Some(i + 1));
                match rows
                    .iter_mut()
                    .find(|o| o.text == *text && o.correct == correct)
                {
                    Some(row) => row.picked += picked,
                    None => rows.push(OptionRow {
                        text: text.clone(),
                        correct,
                        picked,
                    }),
                }
            }
        }
    }
    let questions = order
        .into_iter()
        .map(|key| {
            let (taken, q) = first[&key];
            let pairs = &answers[&key];
            let (x, y): (Vec<f64>, Vec<f64>) = pairs.iter().copied().unzip();
            let right = x.iter().filter(|&&v| v > 0.5).count();
            let options = options.remove(&key).unwrap_or_default();
            let mut row = QuestionRow {
                card: q.card.clone(),
                deck: q.deck.clone(),
                kind: q.kind.clone(),
                prompt: q.prompt.clone(),
                at: taken
                    .decks
                    .iter()
                    .find(|d| d.id == q.deck)
                    .map_or_else(String::new, |d| format!("{}:{}", d.path, q.line)),
                asked: pairs.len(),
                right,
                facility: right as f64 / pairs.len() as f64,
                discrimination: correlation(&x, &y),
                options,
                flags: Vec::new(),
            };
            row.flags = flags(&row);
            row
        })
        .collect();
    ClassReport {
        students,
        questions,
    }
}

/// The flags on a question (none on fewer than [`MIN_ASKED`] answers).
fn flags(q: &QuestionRow) -> Vec<Flag> {
    let mut flags = Vec::new();
    if q.asked < MIN_ASKED {
        return flags;
    }
    if q.facility >= EASY {
        flags.push(Flag::Easy);
    }
    if q.facility <= HARD {
        flags.push(Flag::Hard);
    }
    if q.discrimination.is_some_and(|d| d <= 0.0) {
        flags.push(Flag::NoDiscrimination);
    }
    let right = q.right_picks();
    let wrong = q.options.iter().filter(|o| !o.correct);
    // A true/false question has one wrong option, which no one picking is no fault of it.
    if q.kind == "choice" && wrong.clone().any(|o| o.picked == 0) {
        flags.push(Flag::UnpickedOption);
    }
    if let Some(right) = right
        && wrong.clone().any(|o| o.picked > right)
    {
        flags.push(Flag::WrongOptionPreferred);
    }
    flags
}

/// A deck met in several versions: its id, and each version's hash with the files of it.
pub type MixedDeck = (String, Vec<(String, Vec<String>)>);

/// The decks whose versions differ among `files`: for each deck id with more than one hash,
/// the hashes and the files of each, in the order met.
#[must_use]
pub fn mixed_versions(files: &[(String, Taken)]) -> Vec<MixedDeck> {
    let mut decks: Vec<MixedDeck> = Vec::new();
    for (file, taken) in files {
        for deck in &taken.decks {
            let entry = match decks.iter_mut().find(|(id, _)| *id == deck.id) {
                Some(entry) => entry,
                None => {
                    decks.push((deck.id.clone(), Vec::new()));
                    decks.last_mut().expect("just pushed")
                }
            };
            match entry.1.iter_mut().find(|(hash, _)| *hash == deck.hash) {
                Some((_, names)) => names.push(file.clone()),
                None => entry.1.push((deck.hash.clone(), vec![file.clone()])),
            }
        }
    }
    decks.retain(|(_, versions)| versions.len() > 1);
    decks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taken(student: &str, right: &[bool]) -> Taken {
        let t = DateTime::parse_from_rfc3339("2026-01-01T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        Taken {
            seed: 1,
            profile: String::new(),
            student: student.into(),
            started: t,
            finished: t + chrono::TimeDelta::seconds(90),
            decks: vec![DeckFile {
                id: "d".into(),
                title: "D".into(),
                path: "d.toml".into(),
                hash: "01".into(),
            }],
            questions: right
                .iter()
                .enumerate()
                .map(|(i, &correct)| TakenQuestion {
                    card: format!("c{i}"),
                    deck: "d".into(),
                    kind: "choice".into(),
                    prompt: format!("Q{i}?"),
                    expected: "a".into(),
                    options: Some(vec!["a".into(), "b".into(), "c".into()]),
                    picked: Some(if correct { 1 } else { 2 }),
                    correct,
                    line: 3 + 4 * i,
                })
                .collect(),
        }
    }

    #[test]
    fn a_question_everyone_gets_right_has_no_discrimination_and_is_flagged_easy() {
        let class: Vec<(String, Taken)> = (0..6)
            .map(|i| {
                (
                    format!("{i}.json"),
                    taken(&format!("s{i}"), &[true, i % 2 == 0]),
                )
            })
            .collect();
        let report = analyse(&class);
        let q = &report.questions[0];
        assert_eq!((q.asked, q.right, q.facility), (6, 6, 1.0));
        assert_eq!(q.discrimination, None);
        assert_eq!(q.at, "d.toml:3");
        assert!(q.flags.contains(&Flag::Easy));
        assert!(q.flags.contains(&Flag::UnpickedOption), "{q:?}");
        // The second: right exactly when the rest (question 1, always right) ... does not
        // vary either: the rest score is 1 for all.
        assert_eq!(report.questions[1].discrimination, None);
        assert_eq!(report.questions[1].facility, 0.5);
        assert_eq!(report.students[0].seconds, 90);
    }

    #[test]
    fn a_wrong_option_picked_more_than_the_right_one_is_flagged() {
        let class: Vec<(String, Taken)> = (0..5)
            .map(|i| (format!("{i}.json"), taken("s", &[i == 0, i < 3])))
            .collect();
        let report = analyse(&class);
        let q = &report.questions[0];
        assert_eq!(q.options[1].picked, 4);
        assert!(q.flags.contains(&Flag::WrongOptionPreferred), "{q:?}");
        assert!(q.flags.contains(&Flag::Hard), "{q:?}");
    }

    #[test]
    fn correlation_is_pearson_and_none_without_spread() {
        let r = correlation(&[1.0, 0.0, 1.0, 0.0], &[3.0, 1.0, 2.0, 2.0]).unwrap();
        assert!((r - std::f64::consts::FRAC_1_SQRT_2).abs() < 1e-9, "{r}");
        assert_eq!(correlation(&[1.0, 1.0], &[0.0, 3.0]), None);
        assert_eq!(correlation(&[1.0, 0.0], &[2.0, 2.0]), None);
        assert_eq!(correlation(&[1.0], &[2.0]), None);
    }

    #[test]
    fn bad_files_are_told_apart() {
        let mut t = taken("", &[true]);
        t.profile = "p".into();
        assert!(t.validate().is_ok());
        assert_eq!(t.student, "p");
        let mut t = taken("s", &[true]);
        t.questions[0].picked = Some(4);
        assert_eq!(
            t.validate().unwrap_err(),
            "question 1 picks option 4 of 3 shown"
        );
        let mut t = taken("s", &[true, false]);
        t.questions[1].card = "c0".into();
        assert!(t.validate().unwrap_err().contains("again"));
        let mut t = taken("s", &[]);
        assert_eq!(t.validate().unwrap_err(), "holds no questions");
        let mut other = taken("s", &[true]);
        other.decks[0].hash = "02".into();
        let files = vec![
            ("a.json".to_owned(), taken("a", &[true])),
            ("b.json".to_owned(), other),
        ];
        let mixed = mixed_versions(&files);
        assert_eq!(mixed.len(), 1);
        assert_eq!(mixed[0].1.len(), 2);
    }
}
