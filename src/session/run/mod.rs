//! The study loop: take the next item, ask it, judge it, let the learner rate it, hand the
//! review to the journal (which commits it before the next question), repeat.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;

use super::leech::{LEECH_THRESHOLD, LeechAction};
use super::prompter::{Action, Event, Feedback, Grade, Prompter, Reply, Status};
use super::question::{self, Judgement, Question, Response, StudyMode};
use super::queue::Queue;
use super::{Clock, Journal, JournalError, ReviewRecord, StudyItem};
use crate::scheduler::days::DayClock;
use crate::scheduler::humanize::format_wait;
use crate::scheduler::{CardSeed, CardState, Phase, Rating, Scheduler};

mod act;
mod even;

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Nothing left for today.
    Finished,
    /// The learner quit (Ctrl-C, Esc, end of input).
    Quit,
    /// `--limit` cards were studied.
    Limit,
    /// `--minutes` ran out.
    TimeUp,
    /// The learner asked to edit the card with this key; call [`Session::run`] again to go on.
    Edit(usize),
}

/// What a session did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Answers recorded (undone ones not counted).
    pub studied: usize,
    /// Items those answers went to: a card answered three times counts once.
    pub cards: usize,
    /// Answers with an attempt that was judged.
    pub attempted: usize,
    /// Of those, the ones judged right.
    pub correct: usize,
    /// Seconds from the first question to the end.
    pub seconds: u64,
    /// Why it ended.
    pub ending: Ending,
}

/// Everything a session works on.
pub struct Session {
    /// The items, indexed by the queue's keys.
    pub items: Vec<StudyItem>,
    /// Each item's current state.
    pub states: Vec<Option<CardState>>,
    /// Answered items that are not among `items` because the queue will not take them
    /// today, as (due time, deck): they too tell when the next card is due.
    pub left_out: Vec<(DateTime<Utc>, usize)>,
    /// Today's queue.
    pub queue: Queue,
    /// The scheduler of each deck (indexed by `StudyItem::deck`).
    pub schedulers: Vec<Scheduler>,
    /// How to ask.
    pub mode: StudyMode,
    /// Stop after this many answers.
    pub limit: Option<usize>,
    /// Stop after the card in progress once this instant has passed.
    pub deadline: Option<DateTime<Utc>>,
    /// Answers of the cards, for the wrong options of multiple choice.
    pub distractors: Vec<super::distractors::OtherAnswer>,
    /// The words of the loaded decks' answers: a typed word that is one of them is taken as
    /// meant, never as a typo (empty: only the checker's own list applies).
    pub vocabulary: super::lexicon::Lexicon,
    /// Seeds the shuffles of options.
    pub seed: u64,
    /// Lapses that make an item a leech, and what is done to it then.
    pub leech: (u32, LeechAction),
    /// Answers, burials and suspensions that can still be undone, oldest first (kept across
    /// calls to `run`).
    history: Vec<Undoable>,
    /// What was done so far (kept across calls to `run`).
    summary: Summary,
    /// Answers recorded per item, undone ones taken back: the items studied.
    answered: HashMap<usize, usize>,
    /// When the first question was shown.
    started: Option<DateTime<Utc>>,
    /// Reviews due per day, for even days: asked of the journal at the first answer, then
    /// kept up to date as items are answered; `None` until then, or when nothing balances.
    loads: Option<crate::scheduler::balance::DayLoads>,
}

/// What undo takes back: an answer, or a card hidden from the session.
enum Undoable {
    /// An answer.
    Answer(Done),
    /// Item `key` was buried until tomorrow.
    Buried(usize),
    /// Item `key` was suspended.
    Suspended(usize),
}

/// An answer that can still be undone.
struct Done {
    key: usize,
    review_id: String,
    before: Option<CardState>,
    correct: Option<bool>,
}

impl Session {
    /// A session over `items` with their current `states`.
    #[must_use]
    pub fn new(
        items: Vec<StudyItem>,
        states: Vec<Option<CardState>>,
        queue: Queue,
        schedulers: Vec<Scheduler>,
    ) -> Self {
        Session {
            items,
            states,
            left_out: Vec::new(),
            queue,
            schedulers,
            mode: StudyMode::Auto,
            limit: None,
            deadline: None,
            distractors: Vec::new(),
            vocabulary: super::lexicon::Lexicon::new(),
            seed: 0,
            leech: (LEECH_THRESHOLD, LeechAction::default()),
            history: Vec::new(),
            answered: HashMap::new(),
            summary: Summary {
                studied: 0,
                cards: 0,
                attempted: 0,
                correct: 0,
                seconds: 0,
                ending: Ending::Finished,
            },
            started: None,
            loads: None,
        }
    }

    /// Runs the session until it ends, recording each answer through `journal`. After
    /// [`Ending::Edit`], calling it again goes on where it stopped.
    ///
    /// # Errors
    /// A failure of the prompter or the journal; everything answered before it is kept.
    pub fn run(
        &mut self,
        prompter: &mut dyn Prompter,
        journal: &mut dyn Journal,
        clock: &dyn Clock,
    ) -> Result<Summary, JournalError> {
        let started = *self.started.get_or_insert_with(|| clock.now());
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed ^ self.summary.studied as u64);
        let studied_before = self.summary.studied;
        let ending = loop {
            let now = clock.now();
            if self.limit.is_some_and(|l| self.summary.studied >= l) {
                break Ending::Limit;
            }
            if self.deadline.is_some_and(|d| now >= d) {
                break Ending::TimeUp;
            }
            let Some(key) = self.queue.next(now) else {
                break Ending::Finished;
            };
            if let Some(ending) = self.step(key, &mut rng, prompter, journal, clock)? {
                break ending;
            }
        };
        if ending == Ending::Finished && self.summary.studied == studied_before {
            let now = clock.now();
            let next = self.next_due(now);
            let deck = next.map_or(0, |(_, deck)| deck);
            let days = self
                .schedulers
                .get(deck)
                .map_or_else(DayClock::default, |s| s.settings().day_clock());
            prompter.notify(&Event::NothingDue {
                next_due: next.map(|(due, _)| due),
                now,
                days,
            })?;
        }
        self.summary.ending = ending;
        self.summary.cards = self.answered.len();
        self.summary.seconds = u64::try_from((clock.now() - started).num_seconds()).unwrap_or(0);
        Ok(self.summary.clone())
    }

    /// The first due time after `now` of the answered items, those left out of the queue
    /// included, with the deck of its item.
    #[must_use]
    pub fn next_due(&self, now: DateTime<Utc>) -> Option<(DateTime<Utc>, usize)> {
        self.states
            .iter()
            .zip(&self.items)
            .filter_map(|(s, item)| Some((s.as_ref()?.due, item.deck)))
            .chain(self.left_out.iter().copied())
            .filter(|&(due, _)| due > now)
            .min()
    }

    /// Asks one item, grades it and records the answer; `Some` when the session ends.
    fn step(
        &mut self,
        key: usize,
        rng: &mut ChaCha8Rng,
        prompter: &mut dyn Prompter,
        journal: &mut dyn Journal,
        clock: &dyn Clock,
    ) -> Result<Option<Ending>, JournalError> {
        let item = &self.items[key];
        let stability = question::stability_days(self.states[key].as_ref());
        let (card, side, pool) = (&item.card, item.side, &self.distractors);
        let mut question = question::build_at(card, side, self.mode, stability, pool, rng);
        [question.picture, ..] = item.pictures();
        if item.changed {
            prompter.notify(&Event::Changed)?;
            self.items[key].changed = false;
        }
        let asked_at = clock.now();
        let status = self.status(asked_at, key);
        let response = match prompter.ask(&question, &status)? {
            Reply::Answer(response) => response,
            Reply::Act(action) => return self.act(action, key, prompter, journal, clock),
        };
        self.fetch_loads(journal, asked_at)?;
        let item = &self.items[key];
        let judgement = question::judge_in(
            &item.card,
            item.side,
            &question,
            &response,
            Some(self.vocabulary.words()),
        );
        let feedback = self.feedback(key, &question, &judgement, asked_at);
        // Quitting at the rating keeps an answer that was checked, with the rating suggested
        // for it: the learner's work is not thrown away.
        let mut quitting = false;
        let (rating, correct) = match prompter.grade(&question, &feedback)? {
            Grade::Rate(r) => (r, judgement.correct),
            Grade::Act(Action::Quit)
                if judgement.correct.is_some() && feedback.suggested.is_some() =>
            {
                quitting = true;
                let rating = feedback.suggested.unwrap_or(Rating::Again);
                (rating, judgement.correct)
            }
            Grade::Overrule => (Rating::Good, Some(true)),
            Grade::AcceptTyped => {
                if let Some(text) = &judgement.given {
                    journal.accept_answer(&item.deck_id, &item.item_id, text, clock.now())?;
                }
                (Rating::Good, Some(true))
            }
            Grade::Act(action) => return self.act(action, key, prompter, journal, clock),
        };
        let answered_at = clock.now();
        let given = judgement.given.clone();
        let done = self.record(
            key,
            rating,
            given,
            correct,
            (asked_at, answered_at),
            journal,
        )?;
        if let Some(c) = done.correct {
            self.summary.attempted += 1;
            self.summary.correct += usize::from(c);
        }
        self.summary.studied += 1;
        *self.answered.entry(key).or_default() += 1;
        let leech = self.became_leech(key, done.before.as_ref(), rating);
        self.history.push(Undoable::Answer(done));
        if let Some(lapses) = leech {
            self.handle_leech(key, (lapses, answered_at), prompter, journal)?;
        }
        if quitting {
            prompter.notify(&Event::KeptOnQuit(rating))?;
            return Ok(Some(Ending::Quit));
        }
        Ok(None)
    }

    /// Where the session stands at `now`; `asking` is the item on screen, which the queue no
    /// longer holds but which is still to do, so it is counted under its kind.
    fn status(&self, now: DateTime<Utc>, asking: usize) -> Status {
        let counts = self.queue.counts();
        let started = self.started.unwrap_or(now);
        let mut status = Status {
            done: self.summary.studied,
            new: counts.new,
            learning: counts.learning,
            review: counts.review,
            elapsed_seconds: u64::try_from((now - started).num_seconds()).unwrap_or(0),
        };
        match self.states[asking].as_ref().map(|s| s.phase) {
            None | Some(Phase::New) => status.new += 1,
            Some(Phase::Learning { .. } | Phase::Relearning { .. }) => status.learning += 1,
            Some(Phase::Review) => status.review += 1,
        }
        status
    }

    fn seed_of(&self, key: usize) -> CardSeed {
        let item = &self.items[key];
        CardSeed::from_ids(&item.deck_id, &item.item_id)
    }

    fn feedback(
        &self,
        key: usize,
        question: &Question,
        judgement: &Judgement,
        now: DateTime<Utc>,
    ) -> Feedback {
        let item = &self.items[key];
        let scheduler = &self.schedulers[item.deck];
        let state = self.states[key]
            .clone()
            .unwrap_or_else(|| CardState::new(now));
        let preview = scheduler.preview_with(&state, now, self.seed_of(key), self.loads.as_ref());
        let buttons = preview.map(|next| (next.rating, format_wait(next.wait)));
        let [_, answer_picture, explain_picture] = item.pictures();
        Feedback {
            answer: question.answer.clone(),
            correct: judgement.correct,
            given: judgement.given.clone(),
            diff: judgement.diff.clone(),
            explain: item.card.explain.clone(),
            answer_picture,
            explain_picture,
            source: item.source.clone(),
            buttons,
            suggested: judgement
                .correct
                .map(|c| if c { Rating::Good } else { Rating::Again }),
            can_overrule: judgement.correct == Some(false)
                && matches!(question.form, question::Form::Type),
        }
    }

    fn record(
        &mut self,
        key: usize,
        rating: Rating,
        given: Option<String>,
        correct: Option<bool>,
        (asked_at, answered_at): (DateTime<Utc>, DateTime<Utc>),
        journal: &mut dyn Journal,
    ) -> Result<Done, JournalError> {
        let item = &self.items[key];
        let before = self.states[key].clone();
        let base = before.clone().unwrap_or_else(|| CardState::new(asked_at));
        let loads = self.loads.as_ref();
        let after = self.schedulers[item.deck].review_with(
            &base,
            rating,
            asked_at,
            self.seed_of(key),
            loads,
        );
        let review = ReviewRecord {
            deck_id: item.deck_id.clone(),
            item_id: item.item_id.clone(),
            time: asked_at,
            rating,
            answer: given,
            correct,
            duration_ms: u64::try_from((answered_at - asked_at).num_milliseconds()).unwrap_or(0),
            mode: "study",
            before: before.clone(),
            after: after.clone(),
        };
        let scheduler = &self.schedulers[item.deck];
        let seed = self.seed_of(key);
        let kept = journal.record_scheduled(&review, &|state, at| {
            scheduler.review_with(state, rating, at, seed, loads)
        })?;
        self.note_move(kept.before.as_ref(), Some(&kept.after));
        self.queue.after_answer(key, &kept.after);
        self.states[key] = Some(kept.after);
        Ok(Done {
            key,
            review_id: kept.id,
            before: kept.before,
            correct,
        })
    }

    /// The lapses of item `key` when the answer rated `rating` (from `before`) made them
    /// reach the leech threshold.
    fn became_leech(&self, key: usize, before: Option<&CardState>, rating: Rating) -> Option<u32> {
        let lapses = self.states[key].as_ref().map_or(0, |s| s.lapses);
        let was = before.map_or(0, |s| s.lapses);
        (rating == Rating::Again && was < self.leech.0 && lapses >= self.leech.0).then_some(lapses)
    }

    /// Applies the leech action to item `key` (answered at `at`) and says so. A suspension
    /// can be undone.
    fn handle_leech(
        &mut self,
        key: usize,
        (lapses, at): (u32, DateTime<Utc>),
        prompter: &mut dyn Prompter,
        journal: &mut dyn Journal,
    ) -> Result<(), JournalError> {
        let action = self.leech.1;
        let item = &self.items[key];
        let name = format!("{}/{}", item.deck_id, item.item_id);
        match action {
            LeechAction::Suspend => {
                journal.suspend(&item.deck_id, &item.item_id, true, at)?;
                self.queue.remove(key);
                self.history.push(Undoable::Suspended(key));
            }
            LeechAction::Tag => journal.mark_leech(&item.deck_id, &item.item_id, at)?,
            LeechAction::Warn => {}
        }
        prompter.notify(&Event::Leech {
            lapses,
            action,
            item: name,
        })?;
        Ok(())
    }
}

impl From<Response> for Reply {
    fn from(response: Response) -> Self {
        Reply::Answer(response)
    }
}
