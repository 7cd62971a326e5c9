//! Integration tests: the real `recall` binary on real files in temporary folders.
//! One test binary (see `autotests = false` in Cargo.toml) so it links once.

/// Shared helpers: running the binary, writing deck files.
mod support;

/// Decks for tests: `tests/fixtures/` copied into a test's folder, and decks built in code.
mod fixtures;

/// `recall check`: positions, exit codes, JSON, the shipped decks, hostile input.
mod check;

/// Pictures on cards: `check`, and the alt text in plain mode.
mod pictures;

/// `recall import` of an Anki package with pictures: the files beside the deck, safely named.
mod apkg_media;

/// `recall draft`: a deck proposed from a text, checked against it; `--append`.
mod draft;

/// Lines that answer nothing offered are asked again in study, quiz and cram.
mod reasked;

/// Files written for the learner: links followed, FIFOs and folders refused, early checks.
mod writes;

/// Untrusted text: invisible characters and controls in decks, file names and answers.
mod untrusted;

/// Bounds on inputs and clear refusals: FIFOs, endless files, far dates, old times.
mod bounds;

/// `recall suspend`, `unsuspend` and `unbury` outside a session.
mod hide;

/// `recall card` and `recall cards` against a fixed log.
mod cards;

/// Leech threshold and action from the config, in plain mode; the leech list.
mod leeches;

/// `recall cram` filters and `recall quiz --retake`.
mod practice_filters;

/// `recall completions` and `recall man`: scripts the shells accept, pages man renders.
mod shell;

/// Thousands of random mutations of the real deck: always a deck or positioned errors.
mod deck_fuzz;

/// Exam-date planning: the simulated learner with and without the plan, `recall plan`,
/// `recall study --exam` and the remembered date.
mod exam;

/// `recall schedule`: the replay table, JSON against the reference vectors, bad arguments.
mod schedule;

/// The progress store across processes: visibility, concurrent writers, migrations, refusals,
/// undo, `recall log`, export and import, an import killed midway.
mod store;

/// A damaged progress database: refused before a write, saved by `recall repair`.
mod damage;

/// Sessions and maintenance commands on one profile at once: one card answered in two
/// sessions, a busy database.
mod contention;

/// Sessions through the library: scripted answers, a fixed clock and a real store file.
mod session;

/// A terminal that goes away mid-session under a shell that ignores SIGHUP.
mod hangup;

/// `recall study` in plain mode through pipes: the line protocol, days passing, a kill.
mod study_plain;

/// `new_order`: new cards in deck order or shuffled by the day.
mod new_order;

/// The deck cache: beside the data, never in the progress database, rebuilt when damaged,
/// bypassed when it cannot be written, safe to delete.
mod library;

/// Typed answers in plain mode: ordinals by value, no typo into another card's answer.
mod answers;

/// The streak: the walk back through studied days against sorting the whole log; the summary.
mod streak;

/// `recall study --plain` when nothing is due: the next due time, the commands that do more.
mod nothing_due;

/// `recall study` in a pseudo-terminal: each kind of prompt driven by keys, undo, Ctrl-C, Esc.
mod pty;

/// `recall quiz` through pipes: the seed, each question type, the results file, time limits.
mod quiz;

/// Wrong options of multiple choice on the bundled deck and in `study --mode choice`.
mod choices;

/// Issue 15's figures: siblings and typed questions on the bundled deck, the kind of wrong
/// options on a deck without tags.
mod quiz_measure;

/// `recall cram` through pipes: rounds until right, the schedule untouched, `--weakest`.
mod cram;

/// `recall import-progress` with the learner's settings: config, flags, fitted parameters,
/// an Anki history's calendar.
mod progress_settings;

/// `recall import-revlog`: the josh Anki log, twice; malformed rows; unusable files.
mod revlog;

/// `recall optimize`: the fit on the josh log against the reference figures, `--reset`.
mod optimize;

/// `recall stats` on a fixed log: counts, retention, charts, the JSON schema, a snapshot.
mod stats;

/// Even days on the josh log: `recall break` (dry run, refusal, moves, remembered),
/// `easy_days`, a replay that lands where the import did.
mod breaks;
/// `recall postpone` on the josh log weeks later: a dry run writes nothing, a real run keeps
/// every day under the limit, moves the most stable first, only due dates, never suspended cards.
mod postpone;
/// `recall reschedule` on the josh log: a dry run writes nothing, a real run gives the states
/// a fresh replay with the new retention or fit gives, lower retention later, higher earlier;
/// the question in a terminal.
mod reschedule;

/// `recall optimize` keeps the parameters in use unless the fit lowers the log-loss; `--force`.
mod optimize_keep;

/// The class loop: `recall quiz --print` against the quiz it prints, named results, and
/// `recall results` over a class's files against figures computed here.
mod class;
/// `recall new`, `recall import` and `recall export`: every format, bad input, round trips.
mod interchange;

/// `recall retention`: minutes a day and cards remembered per desired retention, on the
/// josh Anki log.
mod retention;
/// `recall sync DIR`: two copies of a profile through one folder end the same; damaged and
/// foreign files are skipped whole; the latest change of a mark wins.
mod sync;
