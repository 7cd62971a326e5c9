//! Quizzes and crams through the library: scripted replies, a clock that moves a fixed step at
//! every reading, and a journal that keeps what it is given.

use std::cell::Cell;
use std::collections::VecDeque;
use std::io;
use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};

use super::*;
use crate::deck::{Content, card_items};
use crate::session::{Clock, Form, Journal, JournalError, Question, Response, ReviewRecord};

struct StepClock {
    now: Cell<DateTime<Utc>>,
    step: TimeDelta,
}

impl Clock for StepClock {
    fn now(&self) -> DateTime<Utc> {
        let now = self.now.get();
        self.now.set(now + self.step);
        now
    }
}

fn clock(step_seconds: i64) -> StepClock {
    StepClock {
        now: Cell::new(
            DateTime::parse_from_rfc3339("2026-05-01T09:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
        ),
        step: TimeDelta::seconds(step_seconds),
    }
}

#[derive(Default)]
struct Kept(Vec<ReviewRecord>);

impl Journal for Kept {
    fn record(&mut self, review: &ReviewRecord) -> Result<String, JournalError> {
        self.0.push(review.clone());
        Ok(self.0.len().to_string())
    }
    fn undo(&mut self, _: &str) -> Result<(), JournalError> {
        unreachable!("a quiz never undoes")
    }
    fn bury(
        &mut self,
        _: &str,
        _: &str,
        _: Option<DateTime<Utc>>,
        _: DateTime<Utc>,
    ) -> Result<(), JournalError> {
        unreachable!("a quiz never buries")
    }
    fn suspend(&mut self, _: &str, _: &str, _: bool, _: DateTime<Utc>) -> Result<(), JournalError> {
        unreachable!("a quiz never suspends")
    }
    fn mark_leech(&mut self, _: &str, _: &str, _: DateTime<Utc>) -> Result<(), JournalError> {
        unreachable!("a quiz never marks leeches")
    }
    fn accept_answer(
        &mut self,
        _: &str,
        _: &str,
        _: &str,
        _: DateTime<Utc>,
    ) -> Result<(), JournalError> {
        unreachable!("a quiz never accepts answers")
    }
}

/// Answers every question right, or wrong when `wrong` says so for its prompt, and quits
/// after `replies` questions.
struct Scripted {
    answers: VecDeque<bool>,
    asked: Vec<(Question, QuizStatus)>,
    shown: usize,
    rounds: Vec<(usize, usize)>,
    timed_out: bool,
    /// The right replies, by prompt.
    right: Box<dyn Fn(&Question) -> Response>,
}

impl QuizPrompter for Scripted {
    fn ask(&mut self, q: &Question, status: &QuizStatus) -> io::Result<Option<Response>> {
        self.asked.push((q.clone(), *status));
        Ok(self.answers.pop_front().map(|right| {
            if right {
                (self.right)(q)
            } else {
                Response::Typed("certainly not this".into())
            }
        }))
    }
    fn show(&mut self, _: &Answered) -> io::Result<()> {
        self.shown += 1;
        Ok(())
    }
    fn time_up(&mut self) -> io::Result<()> {
        self.timed_out = true;
        Ok(())
    }
    fn round(&mut self, round: usize, cards: usize) -> io::Result<()> {
        self.rounds.push((round, cards));
        Ok(())
    }
}

fn items() -> Vec<QuizItem> {
    let deck = crate::deck::bundled().deck.unwrap();
    deck.cards
        .iter()
        .flat_map(card_items)
        .filter(|i| matches!(i.card.content, Content::Basic { .. }))
        .map(|item| QuizItem::unstudied(&deck.id, &item))
        .collect()
}

fn scripted(answers: &[bool], items: &[QuizItem]) -> Scripted {
    let answers_by_prompt: Vec<(String, String)> = items
        .iter()
        .filter_map(|i| match (&i.card.content, i.side) {
            (Content::Basic { front, back, .. }, crate::deck::Side::Forward) => {
                Some((front.clone(), back.display()))
            }
            (Content::Basic { front, back, .. }, _) => Some((back.display(), front.clone())),
            _ => None,
        })
        .collect();
    Scripted {
        answers: answers.iter().copied().collect(),
        asked: Vec::new(),
        shown: 0,
        rounds: Vec::new(),
        timed_out: false,
        right: Box::new(move |q| {
            let (_, answer) = answers_by_prompt
                .iter()
                .find(|(p, _)| *p == q.prompt)
                .expect("a typed question about a known card");
            Response::Typed(answer.clone())
        }),
    }
}

fn typed_quiz(count: usize, time_limit: Option<TimeDelta>) -> Quiz {
    let items = items();
    let asked = pick::pick(&items, &[Kind::Typed], count, 11);
    Quiz {
        items,
        asked,
        seed: 11,
        time_limit,
        immediate: false,
    }
}

#[test]
fn a_quiz_is_scored_and_logged_without_moving_any_state() {
    let quiz = typed_quiz(4, None);
    let mut prompter = scripted(&[true, false, true, true], &quiz.items);
    let mut journal = Kept::default();
    let report = run_quiz(&quiz, &mut prompter, &mut journal, &clock(2)).unwrap();
    assert_eq!(
        (report.score, report.total, report.ending),
        (3, 4, Ending::Finished)
    );
    assert_eq!(prompter.shown, 0, "feedback waits for the end");
    assert!(!report.questions[1].correct);
    assert_eq!(
        report.questions[1].given.as_deref(),
        Some("certainly not this")
    );
    assert_eq!(journal.0.len(), 4);
    for (record, q) in journal.0.iter().zip(&report.questions) {
        assert_eq!(record.mode, "quiz");
        assert_eq!(record.item_id, q.card);
        assert_eq!(record.correct, Some(q.correct));
        assert_eq!(record.before, None);
        assert_eq!(record.after.phase, crate::scheduler::Phase::New);
        assert_eq!(record.after.reps, 0);
        // Asked at one clock reading, answered at the next: 2 s.
        assert!((q.seconds - 2.0).abs() < 1e-9, "{}", q.seconds);
    }
}

#[test]
fn the_time_limit_ends_the_quiz_and_unanswered_questions_are_wrong() {
    // Every reading of the clock moves it 20 s: question 1 is asked at 0 s and answered at
    // 20 s, question 2 asked at 40 s and answered at 60 s, question 3 would be asked at 80 s.
    let quiz = typed_quiz(5, Some(TimeDelta::seconds(70)));
    let mut prompter = scripted(&[true; 5], &quiz.items);
    let mut journal = Kept::default();
    let report = run_quiz(&quiz, &mut prompter, &mut journal, &clock(20)).unwrap();
    assert_eq!(report.ending, Ending::TimeUp);
    assert!(prompter.timed_out);
    assert_eq!(prompter.asked.len(), 2);
    assert_eq!(prompter.asked[0].1.millis_left, Some(70_000));
    assert_eq!(prompter.asked[1].1.millis_left, Some(30_000));
    assert_eq!((report.score, report.total), (2, 5));
    assert!(
        report.questions[2..]
            .iter()
            .all(|q| !q.correct && q.given.is_none())
    );
    assert_eq!(journal.0.len(), 2, "only answers given in time are logged");

    // A reply that arrives after the time ran out is not counted.
    let quiz = typed_quiz(3, Some(TimeDelta::seconds(30)));
    let mut prompter = scripted(&[true; 3], &quiz.items);
    let mut journal = Kept::default();
    let report = run_quiz(&quiz, &mut prompter, &mut journal, &clock(40)).unwrap();
    assert_eq!(
        (report.score, report.total, report.ending),
        (0, 3, Ending::TimeUp)
    );
    assert!(journal.0.is_empty());
}

#[test]
fn quitting_keeps_what_was_answered() {
    let mut quiz = typed_quiz(4, None);
    quiz.immediate = true;
    let mut prompter = scripted(&[true, true], &quiz.items);
    let mut journal = Kept::default();
    let report = run_quiz(&quiz, &mut prompter, &mut journal, &clock(1)).unwrap();
    assert_eq!(
        (report.score, report.total, report.ending),
        (2, 4, Ending::Quit)
    );
    assert_eq!(prompter.shown, 2, "immediate feedback after each answer");
    assert_eq!(journal.0.len(), 2);
}

#[test]
fn cram_asks_missed_cards_again_until_each_was_right_once() {
    let items: Vec<QuizItem> = items().into_iter().take(4).collect();
    // Round 1: right, wrong, wrong, right; round 2: wrong, right; round 3: right.
    let mut prompter = scripted(&[true, false, false, true, false, true, true], &items);
    let mut journal = Kept::default();
    let summary = run_cram(&items, 3, &mut prompter, &mut journal, &clock(1)).unwrap();
    assert_eq!(prompter.rounds, [(1, 4), (2, 2), (3, 1)]);
    assert_eq!(
        summary,
        CramSummary {
            cards: 4,
            learned: 4,
            rounds: 3,
            answers: 7,
            right_first_time: 2,
            quit: false,
        }
    );
    assert_eq!(prompter.shown, 7);
    assert!(journal.0.iter().all(|r| r.mode == "cram"));
    // The card missed twice is the one asked in round 3, and it was asked three times.
    let last = &journal.0[6].item_id;
    assert_eq!(journal.0.iter().filter(|r| &r.item_id == last).count(), 3);
    assert_eq!(prompter.asked[6].1.round, Some(3));
}

#[test]
fn a_cram_round_asks_one_side_of_a_reversed_card_and_the_other_waits() {
    let text = "[deck]\ntitle = \"Bodies\"\n\
        [[card]]\nid = \"orgburo\"\nfront = \"Orgburo\"\nback = \"bureau of organization\"\nreverse = true\n\
        [[card]]\nid = \"politburo\"\nfront = \"Politburo\"\nback = \"political bureau\"\nreverse = true\n\
        [[card]]\nid = \"cheka\"\nfront = \"Cheka\"\nback = \"extraordinary commission\"\n";
    let deck = crate::deck::test_support::deck_named(text, "b");
    let items = QuizItem::all_unstudied(&deck);
    assert_eq!(items.len(), 5);
    let mut prompter = scripted(&[true; 5], &items);
    let mut journal = Kept::default();
    let summary = run_cram(&items, 11, &mut prompter, &mut journal, &clock(1)).unwrap();
    assert_eq!(prompter.rounds, [(1, 3), (2, 2)]);
    assert_eq!((summary.rounds, summary.answers), (2, 5));
    assert_eq!(
        summary.right_first_time, 5,
        "each side was right when first asked"
    );
    for (round, cards) in [(1, 3), (2, 2)] {
        let mut ids: Vec<&str> = journal
            .0
            .iter()
            .zip(&prompter.asked)
            .filter(|(_, (_, status))| status.round == Some(round))
            .map(|(r, _)| r.item_id.split(':').next().unwrap_or_default())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), cards, "round {round}: {ids:?}");
    }
}

#[test]
fn a_reversed_question_is_chosen_among_questions_of_the_same_kind_never_typed() {
    let items = items();
    let pool = forms::answer_pool(&items);
    // "Which party body was Trotsky's last bastion of strength after his congress defeats of
    // 1923-1925?",
    // asked back to front.
    let at = items
        .iter()
        .position(|i| i.item_id == "last-bastion")
        .unwrap();
    let mut card = Card::clone(&items[at].card);
    if let Content::Basic { reverse, .. } = &mut card.content {
        *reverse = true;
    }
    let item = &QuizItem::unstudied(
        "trotsky-exile",
        &crate::deck::Item {
            card: &card,
            side: crate::deck::Side::Reverse,
        },
    );
    assert_eq!(forms::kinds_for(item, &pool), [Kind::Choice]);
    let bodies: Vec<(&str, String)> = items
        .iter()
        .filter(|i| i.side == crate::deck::Side::Forward)
        .filter_map(|i| match &i.card.content {
            Content::Basic { front, back, .. }
                if crate::session::distractors::kinds::of_card(&i.card)
                    == Some(crate::deck::AnswerKind::Body) =>
            {
                Some((front.as_str(), back.display()))
            }
            _ => None,
        })
        .collect();
    for seed in 0..20 {
        let mut rng = <rand::rngs::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(seed);
        let asked = forms::build(at, item, Kind::Choice, &pool, &mut rng);
        assert_eq!(
            asked.question.prompt,
            "the Politburo — which of these does it answer?"
        );
        let Form::Choice { options, correct } = &asked.question.form else {
            panic!("{asked:?}")
        };
        assert_eq!(options.len(), 4);
        assert_eq!(
            options[*correct],
            "Which party body was Trotsky's last bastion of strength after his congress defeats of 1923-1925?"
        );
        for (i, option) in options.iter().enumerate().filter(|(i, _)| i != correct) {
            let (_, answer) = bodies
                .iter()
                .find(|(front, _)| front == option)
                .unwrap_or_else(|| panic!("{option} asks for no body"));
            // "the party body that was the leading policy-making authority" is the Politburo too.
            assert_ne!(answer, "the Politburo", "{option}");
            let wrong = Response::Chose(i);
            assert!(!forms::judge(item, &asked, &wrong, None).correct);
        }
        let right = Response::Chose(*correct);
        assert!(forms::judge(item, &asked, &right, None).correct);
    }
}

#[test]
fn the_answer_pool_tells_a_card_s_own_tags_from_its_deck_s() {
    let mut items = items();
    let pool = forms::answer_pool(&items);
    // Every card of the bundled deck ends with the deck's one tag, "soviet-history".
    assert!(!pool.is_empty());
    assert!(pool.iter().all(|a| a.inherited() == 1), "{:?}", pool[0]);
    // A second deck whose cards share no tag inherits nothing.
    let mut other = items[0].clone();
    other.deck_id = "other".into();
    Arc::make_mut(&mut other.card).tags = vec!["x".into()];
    let mut another = other.clone();
    Arc::make_mut(&mut another.card).tags = vec!["y".into()];
    items.extend([other, another]);
    let pool = forms::answer_pool(&items);
    assert!(pool[..pool.len() - 2].iter().all(|a| a.inherited() == 1));
    assert!(pool[pool.len() - 2..].iter().all(|a| a.inherited() == 0));
}
