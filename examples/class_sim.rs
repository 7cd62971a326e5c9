//! `cargo run --example class_sim [OUT] [SEED]`: a class of 30 simulated students takes the
//! seeded quiz (`recall quiz --seed SEED --count 12`, default seed 2026) on the shipped deck
//! `decks/trotsky-exile.toml`, and each student's results file is written to OUT (default
//! `class-sim/`) as `recall quiz --results` writes it. Then read them as a teacher would:
//! `recall results OUT/*.json`.
//!
//! Each student has an ability and each question a difficulty (from its prompt); a student
//! gets a question right with the Rasch model's chance, 1 / (1 + e^-(ability - difficulty)).
//! A wrong choice goes mostly to the first wrong option shown, so some wrong options go
//! unpicked. One question, the third, behaves as a flawed one does: the stronger the
//! student, the likelier they miss it (say, the key is wrong), so there is something for
//! the flags to find.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeDelta, Utc};
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use recall::deck::{self, Options};
use recall::quiz::report::DeckFile;
use recall::quiz::{Answered, Kind, Quiz, QuizItem, QuizPrompter, QuizStatus, pick, run_quiz};
use recall::session::{Clock, Form, Journal, JournalError, Question, Response, ReviewRecord};

const STUDENTS: usize = 30;
const DECK: &str = "decks/trotsky-exile.toml";

/// A student answering each question with the Rasch model's chance of being right.
struct Student {
    ability: f64,
    rng: ChaCha8Rng,
    asked: usize,
}

/// A question's difficulty from -2 to 2, from its prompt.
fn difficulty(prompt: &str) -> f64 {
    let sum: u32 = prompt.bytes().map(u32::from).sum();
    f64::from(sum % 41) / 10.0 - 2.0
}

impl QuizPrompter for Student {
    fn ask(&mut self, question: &Question, _: &QuizStatus) -> std::io::Result<Option<Response>> {
        self.asked += 1;
        let ability = if self.asked == 3 {
            -self.ability
        } else {
            self.ability
        };
        let chance = 1.0 / (1.0 + (difficulty(&question.prompt) - ability).exp());
        let right = self.rng.random_bool(chance);
        Ok(Some(match &question.form {
            Form::Choice { options, correct } => {
                let wrong: Vec<usize> = (0..options.len()).filter(|i| i != correct).collect();
                let other = if self.rng.random_bool(0.8) {
                    wrong[0]
                } else {
                    wrong[wrong.len() - 1]
                };
                Response::Chose(if right { *correct } else { other })
            }
            Form::TrueFalse => Response::Judged(question.answer.starts_with("True") == right),
            Form::Order { shown } => {
                let mut order: Vec<usize> = question
                    .answer
                    .split(" → ")
                    .filter_map(|item| shown.iter().position(|s| s == item))
                    .collect();
                if !right {
                    order.reverse();
                }
                Response::Ordered(order)
            }
            Form::Flip | Form::Type if right => Response::Typed(question.answer.clone()),
            Form::Flip | Form::Type => Response::Typed("I don't remember".to_owned()),
        }))
    }

    fn show(&mut self, _: &Answered) -> std::io::Result<()> {
        Ok(())
    }

    fn time_up(&mut self) -> std::io::Result<()> {
        Ok(())
    }

    fn round(&mut self, _: usize, _: usize) -> std::io::Result<()> {
        Ok(())
    }
}

/// Keeps no answer: a simulated student has no profile.
struct Nowhere;

impl Journal for Nowhere {
    fn record(&mut self, _: &ReviewRecord) -> Result<String, JournalError> {
        Ok(String::new())
    }
    fn undo(&mut self, _: &str) -> Result<(), JournalError> {
        Ok(())
    }
    fn bury(
        &mut self,
        _: &str,
        _: &str,
        _: Option<DateTime<Utc>>,
        _: DateTime<Utc>,
    ) -> Result<(), JournalError> {
        Ok(())
    }
    fn suspend(&mut self, _: &str, _: &str, _: bool, _: DateTime<Utc>) -> Result<(), JournalError> {
        Ok(())
    }
    fn mark_leech(&mut self, _: &str, _: &str, _: DateTime<Utc>) -> Result<(), JournalError> {
        Ok(())
    }
    fn accept_answer(
        &mut self,
        _: &str,
        _: &str,
        _: &str,
        _: DateTime<Utc>,
    ) -> Result<(), JournalError> {
        Ok(())
    }
}

/// A clock that moves on 20 to 60 seconds each time it is read.
struct Ticking {
    now: std::cell::Cell<DateTime<Utc>>,
    step: i64,
}

impl Clock for Ticking {
    fn now(&self) -> DateTime<Utc> {
        let now = self.now.get();
        self.now.set(now + TimeDelta::seconds(self.step));
        now
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().unwrap_or_else(|| "class-sim".to_owned()));
    let seed: u64 = args.next().map_or(2026, |s| s.parse().expect("a seed"));
    let bytes = std::fs::read(DECK).expect("run from the project's folder");
    let parsed = deck::load(Path::new(DECK), Options::default());
    let deck = parsed.deck.expect("the shipped deck is valid");
    let items = QuizItem::all_unstudied(&deck);
    let asked = pick::pick(&items, &Kind::ALL, 12, seed);
    let quiz = Quiz {
        items,
        asked,
        seed,
        time_limit: None,
        immediate: false,
    };
    let file = DeckFile {
        id: deck.id.clone(),
        title: deck.title.clone(),
        path: DECK.to_owned(),
        hash: format!("{:016x}", recall::library::file_hash(&bytes)),
    };
    std::fs::create_dir_all(&out).expect("the output folder");
    let start = DateTime::parse_from_rfc3339("2026-05-04T09:00:00Z")
        .expect("a fixed start")
        .with_timezone(&Utc);
    for s in 0..STUDENTS {
        let mut student = Student {
            ability: -1.5 + 3.5 * s as f64 / (STUDENTS - 1) as f64,
            rng: ChaCha8Rng::seed_from_u64(s as u64),
            asked: 0,
        };
        let clock = Ticking {
            now: std::cell::Cell::new(start),
            step: 20 + (s as i64 * 7) % 41,
        };
        let mut report =
            run_quiz(&quiz, &mut student, &mut Nowhere, &clock).expect("a simulated quiz");
        report.profile = format!("s{s:02}");
        report.student = format!("Student {:02}", s + 1);
        report.decks = vec![file.clone()];
        let text = report.to_json().expect("a report serializes") + "\n";
        let path = out.join(format!("student-{:02}.json", s + 1));
        recall::atomic_file::write(&path, |f| Ok(f.write_all(text.as_bytes())?))
            .expect("a results file");
    }
    println!(
        "{STUDENTS} results files in {}; now run: recall results {}/*.json",
        out.display(),
        out.display()
    );
}
