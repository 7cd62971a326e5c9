//! `recall study`: today's queue of the chosen decks, asked in the terminal (or in plain
//! lines), every answer saved the moment it is given.

use std::collections::{HashMap, HashSet};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use chrono::{DateTime, Utc};

use super::decks::{self, LoadedDeck};
use super::exam_date::{self, ExamArg};
use super::journal::StoreJournal;
use super::study_queue::{PlanError, Planned, plan};
use super::{profile, settings, study_more};
use crate::cli::{CramArgs, StoreOptions, StudyArgs};
use crate::error::Error;
use crate::scheduler::Phase;
use crate::scheduler::exam::ExamDay;
use crate::session::queue::Today;
use crate::session::{Clock, Ending, FixedClock, Prompter, Session, StudyItem, Summary};
use crate::store::Store;
use crate::ui::more::{self, More};
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
    // Until the first answer, every write can be made again from the deck files.
    store.set_durable(false)?;
    let mut decks = decks::load_cached(&args.paths, &mut store)?;
    let exams = {
        let ids: Vec<&str> = decks.iter().map(|d| d.deck.id.as_str()).collect();
        exam_date::for_decks(args.exam, options, &ids, now, clock_days)?
    };
    let exam_days: Vec<Option<ExamDay>> = exams.iter().map(|e| e.map(|(_, day)| day)).collect();
    let planned = match plan(&decks, &mut store, &config, args, now, &exam_days) {
        Ok(planned) => Ok(planned),
        // A cache entry that disagrees with the store: parse the file and sync it again.
        Err(PlanError::Damaged(d)) => {
            if let Some(cached) = &decks[d].cached {
                store.forget_deck_file(&cached.key)?;
            }
            store.unsync_deck(&decks[d].deck.id)?;
            decks = decks::load_cached(&args.paths, &mut store)?;
            plan(&decks, &mut store, &config, args, now, &exam_days)
        }
        Err(e) => Err(e),
    };
    let Planned {
        mut session,
        hidden_dues,
        exam_new,
    } = planned.map_err(|e| study_more::plan_error(e, &decks))?;
    store.set_durable(true)?;
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
    let mut prompter = new_prompter(plain);
    let summary = study(
        &mut session,
        prompter.as_mut(),
        &mut store,
        &decks,
        args,
        &*clock,
    )?;
    drop(prompter);
    let mut last = (summary, session, hidden_dues);
    let mut hint = None;
    if last.0.ending == Ending::Finished && last.0.studied == 0 {
        // Nothing was due: offer more new cards or a cram.
        let more =
            study_more::more_new(&decks, &mut store, &config, args, clock.now(), &exam_days)?;
        if plain {
            let env = std::env::var_os("RECALL_DATA_DIR");
            let data_dir = study_more::named_data_dir(options, env.as_deref());
            let (study, cram) = study_more::commands(args, options, data_dir, more.new_per_day);
            let learn = (more.count > 0).then_some((study.as_str(), more.count));
            hint = Some(more::hint(learn, &cram));
        } else {
            match more::ask(more.count)? {
                More::Quit => {}
                More::LearnNew => {
                    let Planned {
                        mut session,
                        hidden_dues,
                        ..
                    } = more.planned;
                    let mut prompter = new_prompter(false);
                    let summary = study(
                        &mut session,
                        prompter.as_mut(),
                        &mut store,
                        &decks,
                        args,
                        &*clock,
                    )?;
                    last = (summary, session, hidden_dues);
                }
                More::Cram => {
                    drop(store);
                    let cram = CramArgs {
                        paths: args.paths.clone(),
                        tags: args.tags.clone(),
                        weakest: None,
                        plain: false,
                    };
                    return super::cram::run(&cram, options);
                }
            }
        }
    }
    let (summary, session, hidden_dues) = last;
    print_summary(
        &summary,
        &session,
        &hidden_dues,
        &store,
        &clock_days,
        clock.now(),
    )?;
    if let Some(line) = hint {
        writeln!(io::stdout().lock(), "{line}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The plain line protocol, or prompts in the terminal.
fn new_prompter(plain: bool) -> Box<dyn Prompter> {
    if plain {
        Box::new(PlainPrompter::new(io::stdin().lock(), io::stdout()))
    } else {
        Box::new(TerminalPrompter::new(
            std::env::var_os("NO_COLOR").is_some(),
        ))
    }
}

/// Runs `session` to its end, opening the deck file in an editor whenever the learner asks.
fn study(
    session: &mut Session,
    prompter: &mut dyn Prompter,
    store: &mut Store,
    decks: &[LoadedDeck],
    args: &StudyArgs,
    clock: &dyn Clock,
) -> Result<Summary, Error> {
    loop {
        let mut journal = StoreJournal { store };
        let summary = session
            .run(prompter, &mut journal, clock)
            .map_err(|e| Error::Usage(e.to_string()))?;
        match summary.ending {
            Ending::Edit(key) => edit(session, key, decks, store, &args.tags)?,
            _ => return Ok(summary),
        }
    }
}

/// What was already answered today: new items per deck and reviews, and the ids of the
/// cards answered today per deck (their sibling groups are filled in by the caller).
pub(super) fn today(
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
    tags: &[String],
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
    // The card may now be a multiple choice that needs other cards' answers.
    let needs = session
        .items
        .iter()
        .any(|i| crate::session::question::uses_distractors(&i.card, i.side, session.mode));
    if needs && session.distractors.is_empty() {
        session.distractors =
            super::study_queue::distractors(decks, store, tags).unwrap_or_default();
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
    let streak = store.review_streak(shift, today, None, 4000)?;
    let accuracy = match crate::percent::percent(summary.correct, summary.attempted) {
        Some(percent) => format!(
            "{percent}% right ({} of {})",
            summary.correct, summary.attempted
        ),
        None => "no typed or chosen answers".to_owned(),
    };
    // Two short lines rather than one that wraps in an 80-column terminal.
    writeln!(
        out,
        "Studied {} card{} in {}:{:02} · {accuracy}",
        summary.studied,
        if summary.studied == 1 { "" } else { "s" },
        summary.seconds / 60,
        summary.seconds % 60,
    )?;
    writeln!(
        out,
        "Due by tomorrow: {due_tomorrow} · streak: {streak} day{} in a row",
        if streak == 1 { "" } else { "s" },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::TimeDelta;
    use clap::Parser;

    use super::*;
    use crate::deck::card_items;
    use crate::scheduler::{CardSeed, CardState, Rating, Scheduler, SchedulerKind};
    use crate::session::queue::{Entry, Limits, Queue};
    use crate::store::CardRecord;
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
        let loaded = [LoadedDeck::parsed(deck.clone(), None, None)];
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
        let loaded = [LoadedDeck::parsed(deck.clone(), None, None)];
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
            let Ok(Planned {
                mut session,
                hidden_dues,
                exam_new,
            }) = plan(&loaded, &mut store, &config, &args, now(), &[None])
            else {
                panic!("no plan");
            };
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
            // The same deck read from the cache: synced from it first, then as it is.
            let hash = crate::store::file_hash(deck_text().as_bytes());
            let stamp = crate::store::FileStamp {
                size: 1,
                mtime_ns: 1,
                hash,
            };
            let file = store.cache_deck("/d.toml", stamp, &deck).unwrap();
            let entry = store.cached_deck("/d.toml", stamp).unwrap().unwrap();
            let cached = [LoadedDeck {
                deck: entry.deck,
                path: None,
                file_hash: Some(hash),
                cached: Some(decks::CachedCards {
                    key: "/d.toml".to_owned(),
                    file,
                    count: entry.cards,
                }),
            }];
            store.unsync_deck("d").unwrap();
            for round in 0..2 {
                assert_eq!(store.is_synced("d", hash).unwrap(), round == 1);
                let Ok(Planned { mut session, .. }) =
                    plan(&cached, &mut store, &config, &args, now(), &[None])
                else {
                    panic!("no plan from the cache");
                };
                assert_eq!(session.queue.counts(), counts, "cached, new {new}");
                let order: Vec<String> = std::iter::from_fn(|| session.queue.next(later))
                    .map(|k| session.items[k].item_id.clone())
                    .collect();
                assert_eq!(order, expected, "cached, new {new}, reviews {reviews}");
            }
            // A damaged card row is reported, to be rebuilt from the file.
            store
                .sqlite()
                .execute_batch("UPDATE deck_file_card SET card = X'00'")
                .unwrap();
            assert!(matches!(
                plan(&cached, &mut store, &config, &args, now(), &[None]),
                Err(PlanError::Damaged(0))
            ));
        }
    }
}
