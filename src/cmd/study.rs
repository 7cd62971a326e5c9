//! `recall study`: today's queue of the chosen decks, asked in the terminal (or in plain
//! lines), every answer saved the moment it is given.

use std::collections::{HashMap, HashSet};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use chrono::{DateTime, Utc};

use super::decks::{self, LoadedDeck};
use super::exam_date::{self, ExamArg};
use super::journal::StoreJournal;
use super::{profile, settings};
use crate::cli::{StoreOptions, StudyArgs};
use crate::deck::{Content, Side, card_items};
use crate::error::Error;
use crate::plan::intro;
use crate::scheduler::exam::ExamDay;
use crate::scheduler::{Phase, Scheduler};
use crate::session::distractors::OtherAnswer;
use crate::session::queue::{Entry, Limits, Queue, Today};
use crate::session::{Clock, Ending, FixedClock, Prompter, Session, StudyItem, Summary};
use crate::store::{CardRecord, Store, history};
use crate::ui::plain::PlainPrompter;
use crate::ui::terminal::TerminalPrompter;

/// The system clock: the only place a session's time comes from when `RECALL_NOW` is unset.
struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Runs `recall study`.
///
/// # Errors
/// Bad decks, settings or arguments; a store that cannot be opened or written.
pub fn run(args: &StudyArgs, options: &StoreOptions) -> Result<ExitCode, Error> {
    let now = crate::time::now().map_err(Error::Usage)?;
    let fixed = std::env::var_os(crate::time::NOW_VAR).is_some();
    let mut config = settings::effective(options, &args.overrides)?;
    let clock_days = config.settings.day_clock();
    if let Some(ExamArg::On(date)) = args.exam {
        // Refused before anything is written.
        exam_date::future_day(date, now, clock_days)?;
    }
    let mut store = profile::open(options)?;
    settings::apply_fitted(&mut config, &store)?;
    let decks = decks::load_cached(&args.paths, &mut store)?;
    let ids: Vec<&str> = decks.iter().map(|d| d.deck.id.as_str()).collect();
    let exams = exam_date::for_decks(args.exam, options, &ids, now, clock_days)?;
    let exam_days: Vec<Option<ExamDay>> = exams.iter().map(|e| e.map(|(_, day)| day)).collect();
    let Planned {
        mut session,
        hidden_dues,
        exam_new,
    } = plan(&decks, &mut store, &config, args, now, &exam_days)?;
    if let Some(new) = exam_new {
        let today = clock_days.day_number(now);
        eprintln!(
            "{}",
            exam_date::notice(&exams, today, new, config.new_per_day)
        );
    }
    let clock: Box<dyn Clock> = if fixed {
        Box::new(FixedClock(now))
    } else {
        Box::new(SystemClock)
    };
    let plain = args.plain || !io::stdin().is_terminal();
    let mut prompter: Box<dyn Prompter> = if plain {
        Box::new(PlainPrompter::new(io::stdin().lock(), io::stdout()))
    } else {
        Box::new(TerminalPrompter::new(
            std::env::var_os("NO_COLOR").is_some(),
        ))
    };
    let summary = loop {
        let mut journal = StoreJournal { store: &mut store };
        let summary = session
            .run(prompter.as_mut(), &mut journal, clock.as_ref())
            .map_err(|e| Error::Usage(e.to_string()))?;
        match summary.ending {
            Ending::Edit(key) => edit(&mut session, key, &decks, &mut store)?,
            _ => break summary,
        }
    };
    drop(prompter);
    print_summary(
        &summary,
        &session,
        &hidden_dues,
        &store,
        &config.settings.day_clock(),
        clock.now(),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// A session and what it leaves out.
struct Planned {
    session: Session,
    /// The due times of answered items left out of the session (never in today's queue),
    /// for the summary's "due by tomorrow".
    hidden_dues: Vec<DateTime<Utc>>,
    /// With an exam: the new cards per deck allowed today.
    exam_new: Option<u32>,
}

/// One wanted item of the decks, before it is known whether the session needs it.
struct Candidate<'d> {
    deck: usize,
    card: &'d crate::deck::Card,
    side: Side,
    group: usize,
    record: Option<&'d CardRecord>,
}

impl Candidate<'_> {
    fn state(&self) -> Option<&crate::scheduler::CardState> {
        self.record.and_then(|r| r.state.as_ref())
    }

    fn visible(&self, now: DateTime<Utc>) -> bool {
        self.record
            .is_none_or(|r| !r.suspended && r.buried_until.is_none_or(|b| b <= now))
    }

    fn is_new(&self) -> bool {
        self.state().is_none_or(|s| s.phase == Phase::New)
    }
}

/// Builds the session: syncs the decks into the store (skipped for files unchanged since
/// the store last synced them), reads the items' states and what was done today, and orders
/// today's queue.
///
/// Only the items today's queue can take become session items: those answered and due
/// before the day ends, and per deck the new items in deck order up to the point where the
/// new-card limit is sure to be filled. The queue built from them is the one every item
/// would give; the other items' due times are kept for the summary.
fn plan(
    decks: &[LoadedDeck],
    store: &mut Store,
    config: &crate::config::StudyConfig,
    args: &StudyArgs,
    now: DateTime<Utc>,
    exams: &[Option<ExamDay>],
) -> Result<Planned, Error> {
    let mut schedulers = Vec::new();
    let mut records = Vec::with_capacity(decks.len());
    let mut accepted = Vec::with_capacity(decks.len());
    for loaded in decks {
        let deck = &loaded.deck;
        match loaded.file_hash {
            // Skipped when the rows are already in line with this very file.
            Some(hash) => {
                store.sync_cached(deck, hash)?;
            }
            None => {
                store.sync_deck(deck)?;
            }
        }
        let touched: HashMap<String, CardRecord> = store
            .cards_touched(&deck.id)?
            .into_iter()
            .map(|r| (r.card.clone(), r))
            .collect();
        records.push(touched);
        accepted.push(store.accepted_answers_of_deck(&deck.id)?);
        let named = deck.scheduler.as_deref().and_then(|s| s.parse().ok());
        let kind = settings::scheduler_kind(config, named);
        schedulers.push(
            Scheduler::new(kind, config.settings.clone())
                .map_err(|e| Error::Usage(e.to_string()))?
                .with_exam(exams.get(schedulers.len()).copied().flatten()),
        );
    }
    let days = config.settings.day_clock();
    let day_end = days.day_start(days.day_number(now) + 1);
    let (mut today, reviewed) = today(store, decks, days.day_start(days.day_number(now)))?;

    // Every wanted item, cheaply: no card is copied yet.
    let mut candidates = Vec::new();
    let mut distractors = Vec::new();
    let mut groups = 0;
    for (d, loaded) in decks.iter().enumerate() {
        for card in loaded.deck.cards.iter().filter(|c| wanted(c, &args.tags)) {
            distractors.extend(OtherAnswer::of_card(card, &loaded.deck.tags));
            let group = groups;
            groups += 1;
            if reviewed.get(&d).is_some_and(|ids| ids.contains(&card.id)) {
                today.siblings_seen.insert(group);
            }
            for item in card_items(card) {
                let record = match item.side {
                    Side::Forward => records[d].get(card.id.as_str()),
                    _ => records[d].get(&item.id()),
                };
                candidates.push(Candidate {
                    deck: d,
                    card,
                    side: item.side,
                    group,
                    record,
                });
            }
        }
    }

    // Under an exam a stored due day may move (see `scheduler::exam`).
    let due_of = |c: &Candidate<'_>| c.state().map(|s| schedulers[c.deck].exam_due(s));
    let state_of = |c: &Candidate<'_>| {
        c.state().map(|s| crate::scheduler::CardState {
            due: schedulers[c.deck].exam_due(s),
            ..s.clone()
        })
    };
    let new_per_day = exam_new_per_day(&candidates, &schedulers, &today, config, now);

    // Which of them the queue can take.
    let mut keep = vec![false; candidates.len()];
    let mut busy_groups = HashSet::new();
    for (i, c) in candidates.iter().enumerate() {
        if !c.is_new() && due_of(c).is_some_and(|due| due < day_end) {
            keep[i] = true;
            busy_groups.insert(c.group);
        }
    }
    // New items, per deck in order, until `room` of them are sure to be free: at most one
    // per sibling group is taken, and groups seen today or busy with a due item are not.
    let mut counted: Vec<HashSet<usize>> = vec![HashSet::new(); decks.len()];
    for (i, c) in candidates.iter().enumerate() {
        if !c.is_new() || !c.visible(now) {
            continue;
        }
        let done = today.new_done.get(&c.deck).copied().unwrap_or(0);
        let room = new_per_day
            .unwrap_or(config.new_per_day)
            .saturating_sub(done) as usize;
        let counted = &mut counted[c.deck];
        let fresh = !today.siblings_seen.contains(&c.group) && !counted.contains(&c.group);
        if fresh && counted.len() >= room + busy_groups.len() {
            continue;
        }
        if fresh {
            counted.insert(c.group);
        }
        keep[i] = true;
    }
    // The answered item due soonest among those left out, so that "next due" stays right.
    let soonest = (0..candidates.len())
        .filter(|&i| !keep[i])
        .filter_map(|i| due_of(&candidates[i]).map(|due| (due, i)))
        .min();
    if let Some((_, i)) = soonest {
        keep[i] = true;
    }

    let mut items = Vec::new();
    let mut entries = Vec::new();
    let mut states = Vec::new();
    let mut hidden_dues = Vec::new();
    for (c, _) in candidates.iter().zip(&keep).filter(|(c, kept)| {
        if !**kept && let Some(due) = due_of(c) {
            hidden_dues.push(due);
        }
        **kept
    }) {
        let deck = &decks[c.deck].deck;
        let id = crate::deck::Item {
            card: c.card,
            side: c.side,
        }
        .id();
        let mut card = c.card.clone();
        if let (Content::Basic { accept, .. }, Some(extra)) =
            (&mut card.content, accepted[c.deck].get(&id))
        {
            accept.extend(extra.iter().cloned());
        }
        let record = c.record;
        entries.push(Entry {
            key: items.len(),
            deck: c.deck,
            sibling: c.group,
            state: state_of(c),
            suspended: record.is_some_and(|r| r.suspended),
            buried_until: record.and_then(|r| r.buried_until),
        });
        states.push(state_of(c));
        items.push(StudyItem {
            deck: c.deck,
            deck_id: deck.id.clone(),
            source: deck.source.clone(),
            item_id: id,
            card,
            side: c.side,
            changed: record.is_some_and(|r| r.changed),
        });
    }
    let limits = Limits {
        new_per_day: new_per_day.unwrap_or(config.new_per_day),
        reviews_per_day: config.reviews_per_day,
        ..Limits::default()
    };
    let queue = Queue::build(&entries, now, days, limits, &today);
    let mut session = Session::new(items, states, queue, schedulers);
    session.mode = args.mode.into();
    session.limit = args.limit;
    session.deadline = args
        .minutes
        .map(|m| now + chrono::TimeDelta::seconds((m * 60.0) as i64));
    session.distractors = distractors;
    session.seed = now.timestamp().unsigned_abs();
    Ok(Planned {
        session,
        hidden_dues,
        exam_new: new_per_day,
    })
}

/// With an exam on any deck: the new cards per deck allowed today, the most any deck with an
/// exam needs to introduce all its unstudied items in time (`plan::intro`; one limit serves
/// every deck of the session), never below the usual count. `None` without an exam.
fn exam_new_per_day(
    candidates: &[Candidate<'_>],
    schedulers: &[Scheduler],
    today: &Today,
    config: &crate::config::StudyConfig,
    now: DateTime<Utc>,
) -> Option<u32> {
    let day = config.settings.day_clock().day_number(now);
    let mut unstudied = vec![0usize; schedulers.len()];
    for c in candidates.iter().filter(|c| c.is_new() && c.visible(now)) {
        unstudied[c.deck] += 1;
    }
    schedulers
        .iter()
        .enumerate()
        .filter_map(|(d, s)| {
            let exam = s.exam()?;
            let done = today.new_done.get(&d).copied().unwrap_or(0) as usize;
            Some(intro::new_per_day(
                unstudied[d] + done,
                day,
                exam,
                config.new_per_day,
            ))
        })
        .max()
}

fn wanted(card: &crate::deck::Card, tags: &[String]) -> bool {
    tags.is_empty()
        || card
            .tags
            .iter()
            .any(|t| tags.iter().any(|w| w.eq_ignore_ascii_case(t)))
}

/// What was already answered today: new items per deck and reviews, and the ids of the
/// cards answered today per deck (their sibling groups are filled in by the caller).
fn today(
    store: &Store,
    decks: &[LoadedDeck],
    day_start: DateTime<Utc>,
) -> Result<(Today, HashMap<usize, HashSet<String>>), Error> {
    let index: HashMap<&str, usize> = decks
        .iter()
        .enumerate()
        .map(|(i, d)| (d.deck.id.as_str(), i))
        .collect();
    let mut today = Today::default();
    let mut reviewed: HashMap<usize, HashSet<String>> = HashMap::new();
    for review in store.reviews_since(day_start)? {
        if review.mode != crate::store::Mode::Study {
            continue;
        }
        let Some(&d) = index.get(review.deck.as_str()) else {
            continue;
        };
        match review.before.as_ref().map(|s| s.phase) {
            None | Some(Phase::New) => *today.new_done.entry(d).or_default() += 1,
            Some(Phase::Review) => today.reviews_done += 1,
            Some(_) => {}
        }
        let card_id = review
            .card
            .split(':')
            .next()
            .unwrap_or(&review.card)
            .to_owned();
        reviewed.entry(d).or_default().insert(card_id);
    }
    Ok((today, reviewed))
}

/// Opens the card's deck file in `$VISUAL`/`$EDITOR` at its line, then reloads the card.
fn edit(
    session: &mut Session,
    key: usize,
    decks: &[LoadedDeck],
    store: &mut Store,
) -> Result<(), Error> {
    let (deck_index, card_id, line) = {
        let item = &session.items[key];
        (item.deck, item.card.id.clone(), item.card.line)
    };
    let Some(path) = decks.get(deck_index).and_then(|d| d.path.as_ref()) else {
        eprintln!("The built-in deck cannot be edited; copy it into ./decks to change it.");
        return Ok(());
    };
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_owned());
    let mut parts = editor.split_whitespace();
    let program = parts.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(parts)
        .arg(format!("+{line}"))
        .arg(path)
        .status();
    if let Err(e) = status {
        eprintln!("Could not start the editor {editor:?}: {e}");
        return Ok(());
    }
    let parsed = crate::deck::load(path, crate::deck::Options::default());
    let Some(deck) = parsed.deck else {
        for d in parsed.diagnostics {
            eprintln!("{d}");
        }
        eprintln!("The deck has errors now; the card is kept as it was.");
        return Ok(());
    };
    store.sync_deck(&deck)?;
    if let Some(card) = deck.cards.iter().find(|c| c.id == card_id) {
        let same = |i: &&mut StudyItem| i.card.id == card_id && i.deck == deck_index;
        for item in session.items.iter_mut().filter(same) {
            item.card = card.clone();
        }
    }
    Ok(())
}

fn print_summary(
    summary: &Summary,
    session: &Session,
    hidden_dues: &[DateTime<Utc>],
    store: &Store,
    days: &crate::scheduler::days::DayClock,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let mut out = io::stdout().lock();
    let today = days.day_number(now);
    let tomorrow_end = days.day_start(today + 2);
    let due_tomorrow = session
        .states
        .iter()
        .flatten()
        .map(|s| s.due)
        .chain(hidden_dues.iter().copied())
        .filter(|&due| due < tomorrow_end)
        .count();
    let shift = i64::from(days.utc_offset_minutes) * 60 - i64::from(days.day_start_hour) * 3600;
    let streak = history::streak(&store.review_days(shift, 4000)?, today);
    let accuracy = match (summary.correct * 100).checked_div(summary.attempted) {
        Some(percent) => format!(
            "{percent}% right ({} of {})",
            summary.correct, summary.attempted
        ),
        None => "no typed or chosen answers".to_owned(),
    };
    writeln!(
        out,
        "Studied {} card{} in {}:{:02} · {accuracy} · due by tomorrow: {due_tomorrow} · streak: {streak} day{}",
        summary.studied,
        if summary.studied == 1 { "" } else { "s" },
        summary.seconds / 60,
        summary.seconds % 60,
        if streak == 1 { "" } else { "s" },
    )?;
    if summary.studied == 0 && summary.ending == Ending::Finished {
        writeln!(
            out,
            "Nothing more is due today. Raise --new to learn more new cards."
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::TimeDelta;
    use clap::Parser;

    use super::*;
    use crate::scheduler::{CardSeed, CardState, Rating, SchedulerKind};
    use crate::store::Review;

    #[derive(Parser)]
    struct Args {
        #[command(flatten)]
        study: StudyArgs,
    }

    /// 90 cards: plain ones, reversed ones (two items) and clozes of two deletions.
    fn deck_text() -> String {
        let mut text = String::from("[deck]\ntitle = \"T\"\nid = \"d\"\n");
        for i in 0..90 {
            text.push_str(&match i % 6 {
                1 => format!(
                    "[[card]]\nid = \"c{i}\"\nfront = \"Q{i}\"\nback = \"A{i}\"\nreverse = true\n"
                ),
                4 => {
                    format!("[[card]]\nid = \"c{i}\"\ncloze = \"{{{{x{i}}}}} and {{{{y{i}}}}}\"\n")
                }
                _ => format!("[[card]]\nid = \"c{i}\"\nfront = \"Q{i}\"\nback = \"A{i}\"\n"),
            });
        }
        text
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-01-10T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    /// A history over the first items: learning steps, reviews due and not due, answers of
    /// today (new ones and reviews), a suspended and a buried item.
    fn studied(deck: &crate::deck::Deck) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        store.sync_deck(deck).unwrap();
        let scheduler =
            Scheduler::new(SchedulerKind::Fsrs, crate::scheduler::Settings::default()).unwrap();
        let ids: Vec<String> = deck.items().iter().map(crate::deck::Item::id).collect();
        for (n, id) in ids.iter().take(70).enumerate() {
            let mut state: Option<CardState> = None;
            let mut time = now() - TimeDelta::days(60 - (n as i64 % 37));
            for k in 0..(n % 6) + 1 {
                let rating = [
                    Rating::Good,
                    Rating::Easy,
                    Rating::Good,
                    Rating::Again,
                    Rating::Good,
                    Rating::Hard,
                ][(n + k) % 6];
                let base = state.clone().unwrap_or_else(|| CardState::new(time));
                let after = scheduler.review(&base, rating, time, CardSeed::from_ids("d", id));
                let review = Review::new("d", id, time, rating, state.clone(), after.clone());
                store.record_review(&review).unwrap();
                time = (after.due).min(now() - TimeDelta::minutes(5));
                state = Some(after);
            }
        }
        for id in &ids[70..74] {
            let time = now() - TimeDelta::hours(1);
            let after = scheduler.review(
                &CardState::new(time),
                Rating::Good,
                time,
                CardSeed::from_ids("d", id),
            );
            store
                .record_review(&Review::new("d", id, time, Rating::Good, None, after))
                .unwrap();
        }
        store.suspend("d", &ids[80], true).unwrap();
        store
            .bury("d", &ids[83], Some(now() + TimeDelta::hours(3)))
            .unwrap();
        store
    }

    /// Today's queue the way a session without the cut builds it: every item of the deck.
    fn full_order(
        deck: &crate::deck::Deck,
        store: &Store,
        config: &crate::config::StudyConfig,
    ) -> (Vec<String>, crate::session::queue::Counts, usize) {
        let records: HashMap<String, CardRecord> = store
            .cards("d")
            .unwrap()
            .into_iter()
            .map(|r| (r.card.clone(), r))
            .collect();
        let mut ids = Vec::new();
        let mut entries = Vec::new();
        for (group, card) in deck.cards.iter().enumerate() {
            for item in card_items(card) {
                let record = records.get(&item.id());
                entries.push(Entry {
                    key: ids.len(),
                    deck: 0,
                    sibling: group,
                    state: record.and_then(|r| r.state.clone()),
                    suspended: record.is_some_and(|r| r.suspended),
                    buried_until: record.and_then(|r| r.buried_until),
                });
                ids.push(item.id());
            }
        }
        let days = config.settings.day_clock();
        let loaded = [LoadedDeck {
            deck: deck.clone(),
            path: None,
            file_hash: None,
        }];
        let (mut today, reviewed) =
            today(store, &loaded, days.day_start(days.day_number(now()))).unwrap();
        for (group, card) in deck.cards.iter().enumerate() {
            if reviewed.get(&0).is_some_and(|r| r.contains(&card.id)) {
                today.siblings_seen.insert(group);
            }
        }
        let limits = Limits {
            new_per_day: config.new_per_day,
            reviews_per_day: config.reviews_per_day,
            ..Limits::default()
        };
        let mut queue = Queue::build(&entries, now(), days, limits, &today);
        let counts = queue.counts();
        let tomorrow = days.day_start(days.day_number(now()) + 2);
        let due = entries
            .iter()
            .filter_map(|e| e.state.as_ref())
            .filter(|s| s.due < tomorrow)
            .count();
        let later = now() + TimeDelta::hours(30);
        let order = std::iter::from_fn(|| queue.next(later))
            .map(|k| ids[k].clone())
            .collect();
        (order, counts, due)
    }

    #[test]
    fn the_session_asks_what_a_queue_of_every_item_would() {
        let deck = crate::deck::parse(&deck_text(), "d.toml", "d", Default::default())
            .deck
            .unwrap();
        let loaded = [LoadedDeck {
            deck: deck.clone(),
            path: None,
            file_hash: None,
        }];
        for (new, reviews) in [
            (0, 200),
            (1, 200),
            (3, 5),
            (20, 200),
            (100, 2),
            (1000, 1000),
        ] {
            let mut store = studied(&deck);
            let config = crate::config::StudyConfig {
                new_per_day: new,
                reviews_per_day: reviews,
                ..Default::default()
            };
            let args = Args::parse_from(["t"]).study;
            let (expected, counts, due) = full_order(&deck, &store, &config);
            let Planned {
                mut session,
                hidden_dues,
                exam_new,
            } = plan(&loaded, &mut store, &config, &args, now(), &[None]).unwrap();
            assert_eq!(exam_new, None);
            assert_eq!(session.queue.counts(), counts, "new {new}");
            let later = now() + TimeDelta::hours(30);
            let order: Vec<String> = std::iter::from_fn(|| session.queue.next(later))
                .map(|k| session.items[k].item_id.clone())
                .collect();
            assert_eq!(order, expected, "new {new}, reviews {reviews}");
            assert!(counts.review > 0 && counts.learning > 0, "{counts:?}");
            let days = config.settings.day_clock();
            let tomorrow = days.day_start(days.day_number(now()) + 2);
            let kept = session.states.iter().flatten().map(|s| s.due);
            let got = kept
                .chain(hidden_dues.iter().copied())
                .filter(|&d| d < tomorrow)
                .count();
            assert_eq!(got, due);
            if new < 100 {
                assert!(session.items.len() < deck.items().len(), "new {new}");
            }
        }
    }
}
