//! `recall study`: today's queue of the chosen decks, asked in the terminal (or in plain
//! lines), every answer saved the moment it is given.

use std::collections::{HashMap, HashSet};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use chrono::{DateTime, Utc};

use super::decks::{self, LoadedDeck};
use super::journal::StoreJournal;
use super::{profile, settings};
use crate::cli::{StoreOptions, StudyArgs};
use crate::deck::{Content, card_items};
use crate::error::Error;
use crate::scheduler::{Phase, Scheduler, SchedulerKind};
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
    let config = settings::effective(options, &args.overrides)?;
    let decks = decks::load(&args.paths)?;
    let mut store = profile::open(options)?;
    let mut session = plan(&decks, &mut store, &config, args, now)?;
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
        &store,
        &config.settings.day_clock(),
        clock.now(),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Builds the session: syncs the decks into the store, reads every item's state and what
/// was done today, and orders today's queue.
fn plan(
    decks: &[LoadedDeck],
    store: &mut Store,
    config: &crate::config::StudyConfig,
    args: &StudyArgs,
    now: DateTime<Utc>,
) -> Result<Session, Error> {
    let mut items = Vec::new();
    let mut entries = Vec::new();
    let mut states = Vec::new();
    let mut schedulers = Vec::new();
    let mut distractors = Vec::new();
    let mut siblings: HashMap<(usize, String), usize> = HashMap::new();
    for (d, loaded) in decks.iter().enumerate() {
        let deck = &loaded.deck;
        store.sync_deck(deck)?;
        let records: HashMap<String, CardRecord> = store
            .cards(&deck.id)?
            .into_iter()
            .map(|r| (r.card.clone(), r))
            .collect();
        let accepted = store.accepted_answers_of_deck(&deck.id)?;
        let kind = config
            .scheduler
            .or_else(|| {
                deck.scheduler
                    .as_deref()
                    .and_then(|s| s.parse::<SchedulerKind>().ok())
            })
            .unwrap_or_default();
        schedulers.push(
            Scheduler::new(kind, config.settings.clone())
                .map_err(|e| Error::Usage(e.to_string()))?,
        );
        for card in deck.cards.iter().filter(|c| wanted(c, &args.tags)) {
            if let Content::Basic { back, .. } = &card.content {
                distractors.push(back.clone());
            }
            let next_group = siblings.len();
            let group = *siblings.entry((d, card.id.clone())).or_insert(next_group);
            for item in card_items(card) {
                let id = item.id();
                let record = records.get(&id);
                let mut card = card.clone();
                if let (Content::Basic { accept, .. }, Some(extra)) =
                    (&mut card.content, accepted.get(&id))
                {
                    accept.extend(extra.iter().cloned());
                }
                entries.push(Entry {
                    key: items.len(),
                    deck: d,
                    sibling: group,
                    state: record.and_then(|r| r.state.clone()),
                    suspended: record.is_some_and(|r| r.suspended),
                    buried_until: record.and_then(|r| r.buried_until),
                });
                states.push(record.and_then(|r| r.state.clone()));
                items.push(StudyItem {
                    deck: d,
                    deck_id: deck.id.clone(),
                    source: deck.source.clone(),
                    item_id: id,
                    card,
                    side: item.side,
                    changed: record.is_some_and(|r| r.changed),
                });
            }
        }
    }
    let days = config.settings.day_clock();
    let today = today(
        store,
        decks,
        &siblings,
        days.day_start(days.day_number(now)),
    )?;
    let limits = Limits {
        new_per_day: config.new_per_day,
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
    Ok(session)
}

fn wanted(card: &crate::deck::Card, tags: &[String]) -> bool {
    tags.is_empty()
        || card
            .tags
            .iter()
            .any(|t| tags.iter().any(|w| w.eq_ignore_ascii_case(t)))
}

/// What was already answered today: new items per deck, reviews, sibling groups.
fn today(
    store: &Store,
    decks: &[LoadedDeck],
    siblings: &HashMap<(usize, String), usize>,
    day_start: DateTime<Utc>,
) -> Result<Today, Error> {
    let index: HashMap<&str, usize> = decks
        .iter()
        .enumerate()
        .map(|(i, d)| (d.deck.id.as_str(), i))
        .collect();
    let mut today = Today::default();
    let mut seen = HashSet::new();
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
        if let Some(&group) = siblings.get(&(d, card_id)) {
            seen.insert(group);
        }
    }
    today.siblings_seen = seen;
    Ok(today)
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
        .filter(|s| s.due < tomorrow_end)
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
