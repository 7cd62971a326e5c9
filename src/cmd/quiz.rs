//! `recall quiz`: a mock exam drawn from the decks with a seed, asked in the terminal (or in
//! plain lines), scored at the end; `--results` keeps the report as JSON or CSV. With
//! `--print`, the same quiz as a paper test, drawn without any profile.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use rand::RngExt;

use crate::cli::{Feedback, PaperFormat, QuizArgs};
use crate::config::profile;
use crate::config::profile::Location;
use crate::env::ElapsedClock;
use crate::error::Error;
use crate::library as decks;
use crate::quiz::forms::Asked;
use crate::quiz::gather;
use crate::quiz::report::{DeckFile, ResultsFormat};
use crate::quiz::{Kind, Quiz, QuizItem, pick, run_quiz};
use crate::study::journal::StoreJournal;
use crate::text::escape_controls;
use crate::ui::quiz_paper::Paper;
use crate::ui::quiz_render::report_text;

/// Runs `recall quiz`.
///
/// # Errors
/// Bad arguments or decks, no card of the types asked for, a store or results file that
/// cannot be written.
pub fn run(args: &QuizArgs, options: &Location) -> Result<ExitCode, Error> {
    let now = crate::env::now()?;
    let kinds = match &args.types {
        Some(list) => crate::quiz::parse_kinds(list).map_err(Error::Usage)?,
        None => Kind::ALL.to_vec(),
    };
    if args.print {
        return print(args, &kinds, now);
    }
    crate::hangup::guard_interrupts();
    let format = args.results.as_deref().map(ResultsFormat::of).transpose()?;
    // A results file that cannot be written is refused before the quiz, not after it.
    if let Some(file) = &args.results {
        crate::atomic_file::check_target(file)?;
    }
    let mut store = profile::open_for_answers(options)?;
    let decks = decks::load_cached(&args.paths, &mut store, &profile::deck_cache(options))?;
    // Suspended cards stay in: the same seed must draw the same quiz for every learner.
    let gather::Gathered {
        items, deck_cards, ..
    } = gather::items(&decks, &mut store, &args.tags, false)?;
    // Drawn from the decks' own cards: answers this learner had accepted in study (which
    // rule out wrong options) must not give them another quiz than the class, or than the
    // one `--print` shows. They still count when a typed answer is judged.
    let drawn_from: Vec<QuizItem> = items
        .iter()
        .zip(deck_cards)
        .map(|(item, card)| QuizItem {
            card,
            ..item.clone()
        })
        .collect();
    let (asked, seed) = match &args.retake {
        Some(file) => retake(file, &drawn_from)?,
        None => draw(args, &drawn_from, &kinds)?,
    };
    let quiz = Quiz {
        items,
        asked,
        seed,
        time_limit: args.time_limit,
        immediate: args.feedback == Feedback::Immediate,
    };
    let clock = ElapsedClock::starting_at(now);
    let images = crate::config::settings::effective(options, &Default::default())?.images;
    let mut prompter = crate::ui::prompters::quiz_prompter(args.plain, args.images.wanted(images));
    let mut journal = StoreJournal::new(&mut store);
    let mut report = run_quiz(&quiz, prompter.as_mut(), &mut journal, &clock)?;
    drop(prompter);
    report.profile.clone_from(&options.profile);
    report.student = args
        .student
        .clone()
        .unwrap_or_else(|| options.profile.clone());
    report.decks = DeckFile::all(&decks);
    let mut out = io::stdout().lock();
    writeln!(out)?;
    let text = report_text(&report);
    write!(out, "{}", crate::ui::wrap::fitted(text, args.plain, &out))?;
    if let (Some(file), Some(format)) = (&args.results, format) {
        let text = report.to_results(format).map_err(io::Error::other)?;
        crate::atomic_file::write(file, |out| Ok(out.write_all(text.as_bytes())?))?;
        writeln!(out, "Results written to {}", file.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The questions missed in the quiz of results `file`, drawn from `items`, and a seed.
fn retake(file: &Path, items: &[QuizItem]) -> Result<(Vec<Asked>, u64), Error> {
    let shown = file.display().to_string();
    let why = |why: String| Error::Usage(format!("--retake {}: {why}", escape_controls(&shown)));
    let taken = super::results::read(file).map_err(why)?;
    let seed = rand::rng().random_range(0..1_000_000_000);
    let drawn = crate::quiz::retake::draw(&taken, items, seed).map_err(why)?;
    for item in &drawn.gone {
        eprintln!(
            "recall: note: {} is no longer in its deck",
            escape_controls(item)
        );
    }
    Ok((drawn.asked, seed))
}

/// The quiz `args` ask for, drawn from `items`: its questions and its seed (the one given, or
/// a random one). `recall quiz` and `recall quiz --print` both draw here, so a seed prints
/// the very quiz it asks.
fn draw(args: &QuizArgs, items: &[QuizItem], kinds: &[Kind]) -> Result<(Vec<Asked>, u64), Error> {
    let seed = args
        .seed
        .unwrap_or_else(|| rand::rng().random_range(0..1_000_000_000));
    let asked = pick::pick(items, kinds, usize::from(args.count), seed);
    if asked.is_empty() {
        let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
        return Err(Error::Usage(format!(
            "no card of these decks can be asked as {}",
            names.join(", ")
        )));
    }
    Ok((asked, seed))
}

/// `recall quiz --print`: the quiz a seed draws, as a paper test on stdout. The decks are
/// read without a profile, as a learner who never studied them would be asked them.
fn print(
    args: &QuizArgs,
    kinds: &[Kind],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<ExitCode, Error> {
    let decks = decks::load(&args.paths)?;
    let items = gather::deck_items(&decks, &args.tags)?;
    let (asked, seed) = draw(args, &items, kinds)?;
    let paper = Paper {
        titles: decks.iter().map(|d| d.deck.title.clone()).collect(),
        seed,
        date: now.date_naive(),
        command: crate::cli::again::quiz_command(args, seed),
        items: &items,
        asked: &asked,
        answers: args.answers,
    };
    let text = match args.format {
        PaperFormat::Markdown => paper.markdown(),
        PaperFormat::Html => paper.html(),
    };
    io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
