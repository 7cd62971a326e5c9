//! Cram: practise cards now, due or not, in rounds until every one was answered right once.
//! A card missed in a round comes back in the next one. A round asks one item of a card at
//! most: the other side of a reversed card, or another deletion of a cloze, waits for a later
//! round, as it would give the first away. Each answer is logged with the mode `cram` and
//! never moves the schedule.

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rand::seq::SliceRandom;

use super::forms::{self, Asked};
use super::pick::one_per_card;
use super::prompter::{QuizPrompter, QuizStatus};
use super::run::{answered, log};
use super::{Kind, QuizItem};
use crate::deck::{Content, Side};
use crate::session::{Clock, Journal, JournalError, Response};

/// What a cram did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CramSummary {
    /// Cards in the cram.
    pub cards: usize,
    /// Cards answered right (all of them unless the learner quit).
    pub learned: usize,
    /// Rounds started.
    pub rounds: usize,
    /// Answers given.
    pub answers: usize,
    /// Cards right the first time they were asked.
    pub right_first_time: usize,
    /// True when the learner quit before every card was right.
    pub quit: bool,
}

/// The question type a card is crammed as: a front/back card is typed, or chosen from its
/// own `choices` when it has some; the other kinds keep their only form.
fn cram_kind(item: &QuizItem, kinds: &[Kind]) -> Kind {
    let own_choices = item.side == Side::Forward
        && matches!(&item.card.content, Content::Basic { choices, .. } if !choices.is_empty());
    match kinds.first() {
        Some(_) if own_choices => Kind::Choice,
        Some(&kind) => kind,
        None => Kind::Typed,
    }
}

/// Runs rounds over `items` (each round in an order drawn from `seed`) until every item
/// that can be asked was answered right once or the learner quits.
///
/// # Errors
/// A failure of the prompter or the journal; every answer before it is kept.
pub fn run_cram(
    items: &[QuizItem],
    seed: u64,
    prompter: &mut dyn QuizPrompter,
    journal: &mut dyn Journal,
    clock: &dyn Clock,
) -> Result<CramSummary, JournalError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let pool = forms::answer_pool(items);
    // An item no question fits (a reversed side whose answer is a question, with too few
    // others to choose it from) is left out, as in a quiz.
    let mut left: Vec<usize> = (0..items.len())
        .filter(|&i| !forms::kinds_for(&items[i], &pool).is_empty())
        .collect();
    let mut asked_before = vec![false; items.len()];
    let mut summary = CramSummary {
        cards: left.len(),
        ..CramSummary::default()
    };
    // Made at the first typed answer, as in a quiz.
    let mut known = None;
    while !left.is_empty() {
        summary.rounds += 1;
        left.shuffle(&mut rng);
        let (round, waiting) = one_per_card(items, &left);
        prompter.round(summary.rounds, round.len())?;
        let mut missed = Vec::new();
        for (n, &i) in round.iter().enumerate() {
            let item = &items[i];
            let kind = cram_kind(item, &forms::kinds_for(item, &pool));
            let asked: Asked = forms::build(i, item, kind, &pool, &mut rng);
            let status = QuizStatus {
                number: n + 1,
                total: round.len(),
                millis_left: None,
                round: Some(summary.rounds),
            };
            let asked_at = clock.now();
            let Some(response) = prompter.ask(&asked.question, &status)? else {
                summary.quit = true;
                summary.learned = summary.cards - left.len() + n - missed.len();
                return Ok(summary);
            };
            let known = match response {
                Response::Typed(_) => Some(&*known.get_or_insert_with(|| forms::vocabulary(items))),
                _ => None,
            };
            let verdict = forms::judge(item, &asked, &response, known);
            let done = answered(item, &asked, verdict, (asked_at, clock.now()));
            log(journal, item, &done, asked_at, "cram")?;
            prompter.show(&done)?;
            summary.answers += 1;
            if done.correct {
                summary.right_first_time += usize::from(!asked_before[i]);
            }
            asked_before[i] = true;
            if !done.correct {
                missed.push(i);
            }
        }
        missed.extend(waiting);
        left = missed;
    }
    summary.learned = summary.cards;
    Ok(summary)
}
