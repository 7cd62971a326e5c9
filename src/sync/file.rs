//! The file each copy of a profile writes in a sync folder: JSON Lines, a header first (the
//! format version, the profile, the copy's device id), then one line per review, mark,
//! accepted answer, exam date and fit, and an end line counting the lines between, so that a
//! file cut short anywhere is seen as such.
//!
//! A file is read whole and checked whole before anything of it is used: one bad line, a
//! missing end, a newer format or another profile's header and the file is refused.

use std::collections::BTreeMap;
use std::io::Write;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::atomic_file::FillError;
use crate::scheduler::fsrs::PARAMETER_COUNT;
use crate::store::carried::{Accepted, Carried, Flag, Mark};
use crate::store::{FittedParameters, Review, ReviewLine, Store};
use crate::study::exam_date::ExamEntry;

/// The format version this build writes and reads.
pub const FORMAT: u32 = 1;

/// The first line of a sync file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// The format version.
    pub recall_sync: u32,
    /// The profile the file is a copy of.
    pub profile: String,
    /// The id of the copy that wrote it.
    pub device: String,
    /// When it was written.
    pub written: String,
    /// A random id of this version of the file.
    pub write: String,
}

/// A mark's line: its value and when it was set.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkLine<T> {
    deck: String,
    card: String,
    value: T,
    changed: String,
}

/// Every line after the header.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Line {
    Review(Box<ReviewLine>),
    Suspended(MarkLine<bool>),
    Buried(MarkLine<Option<String>>),
    Leech(MarkLine<bool>),
    Accepted {
        deck: String,
        card: String,
        text: String,
        time: String,
    },
    Exam {
        deck: String,
        date: Option<NaiveDate>,
        changed: String,
    },
    Fitted {
        parameters: Vec<f64>,
        reviews: u64,
        time: String,
    },
    End {
        lines: u64,
    },
}

/// What a sync file holds, checked.
#[derive(Debug, Default)]
pub struct Contents {
    /// Its review log.
    pub reviews: Vec<Review>,
    /// Its marks, accepted answers and fit.
    pub carried: Carried,
    /// Its exam dates, forgotten ones included, by deck id.
    pub exams: Vec<(String, ExamEntry)>,
}

/// A time as the file writes it.
fn stamp(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A time of the file.
fn time(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| crate::store::truncate_ms(t.with_timezone(&Utc)))
        .map_err(|_| format!("{text:?} is not an RFC 3339 time"))
}

/// Writes the file of `header` for everything `store` holds, the `carried` marks and the
/// `exams`; returns how many lines it wrote.
///
/// # Errors
/// Writing failed, or the store did.
pub fn write(
    out: &mut impl Write,
    header: &Header,
    store: &Store,
    carried: &Carried,
    exams: &BTreeMap<String, ExamEntry>,
) -> Result<u64, FillError> {
    let lines = std::cell::Cell::new(0u64);
    let put = |out: &mut dyn Write, line: &Line| -> Result<(), FillError> {
        serde_json::to_writer(&mut *out, line).map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
        lines.set(lines.get() + 1);
        Ok(())
    };
    serde_json::to_writer(&mut *out, header).map_err(std::io::Error::from)?;
    out.write_all(b"\n")?;
    store.for_each_review(|review| put(out, &Line::Review(Box::new((&review).into()))))?;
    for m in &carried.marks {
        let (deck, card, changed) = (m.deck.clone(), m.card.clone(), stamp(m.changed));
        let line = match m.flag {
            Flag::Suspended(value) => Line::Suspended(MarkLine {
                deck,
                card,
                value,
                changed,
            }),
            Flag::Buried(until) => Line::Buried(MarkLine {
                deck,
                card,
                value: until.map(stamp),
                changed,
            }),
            Flag::Leech(value) => Line::Leech(MarkLine {
                deck,
                card,
                value,
                changed,
            }),
        };
        put(out, &line)?;
    }
    for a in &carried.accepted {
        let line = Line::Accepted {
            deck: a.deck.clone(),
            card: a.card.clone(),
            text: a.text.clone(),
            time: stamp(a.time),
        };
        put(out, &line)?;
    }
    for (deck, e) in exams {
        let line = Line::Exam {
            deck: deck.clone(),
            date: e.date,
            changed: stamp(e.changed),
        };
        put(out, &line)?;
    }
    if let Some(fit) = &carried.fitted {
        let line = Line::Fitted {
            parameters: fit.parameters.to_vec(),
            reviews: fit.reviews,
            time: stamp(fit.time),
        };
        put(out, &line)?;
    }
    let total = lines.get();
    put(out, &Line::End { lines: total })?;
    Ok(total)
}

/// Reads the header of a sync file's `text`.
///
/// # Errors
/// Why the file is not one this build can merge into `profile`.
pub fn header(text: &str, profile: &str) -> Result<Header, String> {
    let first = text.lines().next().unwrap_or("");
    let header: Header = serde_json::from_str(first)
        .map_err(|_| "not a recall sync file (no header line)".to_owned())?;
    if header.recall_sync > FORMAT {
        return Err(format!(
            "written by a newer recall (format {}; this one reads {FORMAT})",
            header.recall_sync
        ));
    }
    if header.recall_sync == 0 {
        return Err("format 0 is not a recall sync format".to_owned());
    }
    if header.profile != profile {
        return Err(format!(
            "a copy of profile {:?}, not {profile:?}",
            header.profile
        ));
    }
    Ok(header)
}

/// Reads and checks a whole sync file for `profile`.
///
/// # Errors
/// The first reason the file cannot be merged: its header, a bad line (by number), a line
/// after the end, or no end (a file cut short).
pub fn parse(text: &str, profile: &str) -> Result<(Header, Contents), String> {
    let header = header(text, profile)?;
    let mut contents = Contents::default();
    let mut counted = 0u64;
    let mut ended = false;
    for (i, raw) in text.lines().enumerate().skip(1) {
        let at = |message: String| format!("line {}: {message}", i + 1);
        if raw.trim().is_empty() {
            continue;
        }
        if ended {
            return Err(at("a line after the end line".to_owned()));
        }
        let line: Line = serde_json::from_str(raw).map_err(|e| at(e.to_string()))?;
        if let Line::End { lines } = line {
            if lines != counted {
                return Err(at(format!(
                    "the end line counts {lines} lines, not {counted}"
                )));
            }
            ended = true;
            continue;
        }
        counted += 1;
        take(line, &mut contents).map_err(at)?;
    }
    if !ended {
        return Err("cut short (no end line)".to_owned());
    }
    Ok((header, contents))
}

/// Checks one line and adds it to `contents`.
fn take(line: Line, contents: &mut Contents) -> Result<(), String> {
    let item = |deck: &str, card: &str| {
        if deck.is_empty() || card.is_empty() {
            Err("an empty deck or item id".to_owned())
        } else {
            Ok(())
        }
    };
    let mut mark = |deck: String, card: String, flag: Flag, changed: &str| {
        item(&deck, &card)?;
        contents.carried.marks.push(Mark {
            deck,
            card,
            flag,
            changed: time(changed)?,
        });
        Ok::<_, String>(())
    };
    match line {
        Line::Review(r) => contents.reviews.push(r.to_review()?),
        Line::Suspended(m) => mark(m.deck, m.card, Flag::Suspended(m.value), &m.changed)?,
        Line::Leech(m) => mark(m.deck, m.card, Flag::Leech(m.value), &m.changed)?,
        Line::Buried(m) => {
            let until = m.value.as_deref().map(time).transpose()?;
            mark(m.deck, m.card, Flag::Buried(until), &m.changed)?;
        }
        Line::Accepted {
            deck,
            card,
            text,
            time: at,
        } => {
            item(&deck, &card)?;
            if text.is_empty() {
                return Err("an empty accepted answer".to_owned());
            }
            let time = time(&at)?;
            contents.carried.accepted.push(Accepted {
                deck,
                card,
                text,
                time,
            });
        }
        Line::Exam {
            deck,
            date,
            changed,
        } => {
            item(&deck, "-")?;
            let changed = time(&changed)?;
            contents.exams.push((deck, ExamEntry { changed, date }));
        }
        Line::Fitted {
            parameters,
            reviews,
            time: at,
        } => {
            let parameters: [f64; PARAMETER_COUNT] = parameters
                .try_into()
                .map_err(|_| format!("fitted parameters are not {PARAMETER_COUNT} numbers"))?;
            if parameters.iter().any(|w| !w.is_finite()) {
                return Err("a fitted parameter is not a number".to_owned());
            }
            if contents.carried.fitted.is_some() {
                return Err("a second fit".to_owned());
            }
            contents.carried.fitted = Some(FittedParameters {
                parameters,
                reviews,
                time: time(&at)?,
            });
        }
        Line::End { .. } => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::{CardState, Rating};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// A file of one review, one mark of each kind, an answer, an exam date and a fit.
    fn written() -> (String, Carried) {
        let mut store = Store::open_in_memory().unwrap();
        let t = at("2026-03-10T10:00:00Z");
        let review = Review::new("d", "a", t, Rating::Good, None, CardState::new(t));
        store.record_review(&review).unwrap();
        store.suspend("d", "a", true, t).unwrap();
        store.bury("d", "b", Some(t), t).unwrap();
        store.mark_leech("d", "c", true, t).unwrap();
        store.accept_answer("d", "a", "Alma Ata", t).unwrap();
        let mut carried = store.carried().unwrap();
        carried.fitted = Some(FittedParameters {
            parameters: crate::scheduler::fsrs::DEFAULT_PARAMETERS,
            reviews: 9,
            time: t,
        });
        let header = Header {
            recall_sync: FORMAT,
            profile: "default".to_owned(),
            device: "0123".to_owned(),
            written: stamp(t),
            write: "w1".to_owned(),
        };
        let exams = BTreeMap::from([(
            "d".to_owned(),
            ExamEntry {
                changed: t,
                date: NaiveDate::from_ymd_opt(2026, 6, 1),
            },
        )]);
        let mut out = Vec::new();
        assert_eq!(
            write(&mut out, &header, &store, &carried, &exams).unwrap(),
            7
        );
        (String::from_utf8(out).unwrap(), carried)
    }

    #[test]
    fn a_written_file_reads_back_whole() {
        let (text, carried) = written();
        let (header, contents) = parse(&text, "default").unwrap();
        assert_eq!(header.device, "0123");
        assert_eq!(contents.reviews.len(), 1);
        assert_eq!(contents.carried, carried);
        assert_eq!(contents.carried.marks.len(), 3);
        assert_eq!(contents.exams.len(), 1);
    }

    #[test]
    fn a_file_cut_or_changed_anywhere_is_refused() {
        let (text, _) = written();
        let lines: Vec<&str> = text.lines().collect();
        for cut in 1..lines.len() {
            let short = lines[..cut].join("\n");
            assert!(parse(&short, "default").is_err(), "cut after {cut} lines");
        }
        let torn = &text[..text.len() - 5];
        assert!(parse(torn, "default").is_err());
        let mut extra = lines.clone();
        extra.insert(2, lines[1]);
        assert!(
            parse(&extra.join("\n"), "default")
                .unwrap_err()
                .contains("the end line counts 7 lines, not 8")
        );
        assert!(
            parse(&text, "bob")
                .unwrap_err()
                .contains("a copy of profile \"default\"")
        );
        let newer = text.replacen("\"recall_sync\":1", "\"recall_sync\":9", 1);
        assert!(
            parse(&newer, "default")
                .unwrap_err()
                .contains("newer recall")
        );
        assert!(
            parse("{}\n", "default")
                .unwrap_err()
                .contains("not a recall sync file")
        );
    }
}
