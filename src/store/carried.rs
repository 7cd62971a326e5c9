//! What a sync between machines carries besides the review log: the learner's marks on items
//! (suspended, buried, leech), each with the time it last changed; the answers accepted "from
//! now on"; the fitted FSRS parameters; and the id of this profile's copy in a sync folder.
//!
//! Merging is by one rule: the latest change wins. Two changes of one mark at the same
//! millisecond are ordered by their values, so that every copy picks the same one. Accepted
//! answers are only ever added, so they merge as a union. Everything one merge takes goes in
//! in one transaction, with the reviews the log lacked: all of it or none.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::cards::card_key;
use super::exchange::insert_missing;
use super::{FittedParameters, Result, Review, Store, StoreError, from_ms, to_ms};

/// A mark of the learner's on an item, as last set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// Suspended, or not.
    Suspended(bool),
    /// Buried until this instant, or not buried.
    Buried(Option<DateTime<Utc>>),
    /// Marked as a leech, or not.
    Leech(bool),
}

impl Flag {
    /// The card column holding the mark, and its value as stored.
    fn column(self) -> (&'static str, Option<i64>) {
        match self {
            Flag::Suspended(on) => ("suspended", Some(i64::from(on))),
            Flag::Buried(until) => ("buried_until", until.map(to_ms)),
            Flag::Leech(on) => ("leech", Some(i64::from(on))),
        }
    }
}

/// One mark of one item and when it was set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The deck's id.
    pub deck: String,
    /// The item's id.
    pub card: String,
    /// The mark.
    pub flag: Flag,
    /// When it was set (1970 for a mark set before changes were timed).
    pub changed: DateTime<Utc>,
}

/// An answer accepted for an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The deck's id.
    pub deck: String,
    /// The item's id.
    pub card: String,
    /// The answer.
    pub text: String,
    /// When it was (last) accepted.
    pub time: DateTime<Utc>,
}

/// What a profile carries to its other copies besides its log.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Carried {
    /// Every mark ever set on an item, with its time.
    pub marks: Vec<Mark>,
    /// Every accepted answer.
    pub accepted: Vec<Accepted>,
    /// The fitted parameters, if any.
    pub fitted: Option<FittedParameters>,
}

/// What a merge took in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Taken {
    /// Reviews the log did not have.
    pub reviews: usize,
    /// Marks newer than this profile's.
    pub marks: usize,
    /// Accepted answers this profile did not have.
    pub accepted: usize,
    /// Whether the fitted parameters were newer than this profile's.
    pub fitted: bool,
}

/// This profile's copy in a sync folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncState {
    /// A random id, made once, naming its file.
    pub device: String,
    /// The random id of the last file it wrote.
    pub written: Option<String>,
    /// A fingerprint of what that file held.
    pub fingerprint: Option<String>,
    /// The [`Store::log_mark`] of the log when it was last replayed.
    pub replayed: Option<String>,
}

/// The column recording when the card column `column` last changed.
pub(super) fn changed_column(column: &str) -> &'static str {
    match column {
        "suspended" => "suspended_at",
        "buried_until" => "buried_at",
        _ => "leech_at",
    }
}

impl Store {
    /// The marks, accepted answers and fitted parameters of this profile, in one read
    /// transaction; marks never set are left out.
    ///
    /// # Errors
    /// SQLite failed or a stored time is out of range.
    pub fn carried(&self) -> Result<Carried> {
        self.reading(|store| {
            let mut carried = Carried {
                fitted: store.fitted_parameters()?,
                ..Carried::default()
            };
            let mut stmt = store.conn.prepare(
                "SELECT d.id, c.id, c.suspended, c.suspended_at, c.buried_until, c.buried_at, \
                 c.leech, c.leech_at FROM card c JOIN deck d ON d.key = c.deck \
                 WHERE c.suspended_at IS NOT NULL OR c.buried_at IS NOT NULL \
                 OR c.leech_at IS NOT NULL ORDER BY d.id, c.id",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let (deck, card): (String, String) = (r.get(0)?, r.get(1)?);
                let until = r.get::<_, Option<i64>>(4)?.map(from_ms).transpose()?;
                let flags = [
                    (Flag::Suspended(r.get(2)?), r.get::<_, Option<i64>>(3)?),
                    (Flag::Buried(until), r.get(5)?),
                    (Flag::Leech(r.get(6)?), r.get(7)?),
                ];
                for (flag, at) in flags {
                    if let Some(at) = at {
                        carried.marks.push(Mark {
                            deck: deck.clone(),
                            card: card.clone(),
                            flag,
                            changed: from_ms(at)?,
                        });
                    }
                }
            }
            let mut stmt = store.conn.prepare(
                "SELECT d.id, c.id, a.text, a.time FROM accepted_answer a \
                 JOIN card c ON c.key = a.card JOIN deck d ON d.key = c.deck \
                 ORDER BY d.id, c.id, a.text",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                carried.accepted.push(Accepted {
                    deck: r.get(0)?,
                    card: r.get(1)?,
                    text: r.get(2)?,
                    time: from_ms(r.get(3)?)?,
                });
            }
            Ok(carried)
        })
    }

    /// Merges `reviews` (by id) and `carried` (the latest change of each mark, the union of
    /// accepted answers, the latest fit) into this profile in one transaction. Card states
    /// are not replayed here: [`Store::replay_log`] does that, with the parameters now in
    /// force.
    ///
    /// # Errors
    /// An inconsistent review or SQLite failed; then nothing changed.
    pub fn merge_carried(&mut self, reviews: &[Review], carried: &Carried) -> Result<Taken> {
        let missing = self.missing(reviews)?;
        let mut taken = Taken::default();
        let tx = self.conn.transaction()?;
        taken.reviews = insert_missing(&tx, &missing)?;
        for mark in &carried.marks {
            taken.marks += usize::from(merge_mark(&tx, mark)?);
        }
        for a in &carried.accepted {
            let key = card_key(&tx, &a.deck, &a.card, false)?;
            let added = tx
                .prepare_cached(
                    "INSERT INTO accepted_answer (card, text, time) VALUES (?1, ?2, ?3) \
                     ON CONFLICT DO NOTHING",
                )?
                .execute(params![key, a.text, to_ms(a.time)])?;
            if added == 0 {
                tx.prepare_cached(
                    "UPDATE accepted_answer SET time = max(time, ?3) WHERE card = ?1 AND text = ?2",
                )?
                .execute(params![key, a.text, to_ms(a.time)])?;
            }
            taken.accepted += added;
        }
        if let Some(fit) = &carried.fitted {
            taken.fitted = merge_fit(&tx, fit)?;
        }
        tx.commit()?;
        Ok(taken)
    }

    /// This profile's copy in a sync folder, its device id made by `fresh` the first time.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn sync_state(&mut self, fresh: impl FnOnce() -> String) -> Result<SyncState> {
        let read = |conn: &Connection| {
            conn.query_row(
                "SELECT device, written, fingerprint, replayed FROM sync_device WHERE id = 1",
                [],
                |r| {
                    Ok(SyncState {
                        device: r.get(0)?,
                        written: r.get(1)?,
                        fingerprint: r.get(2)?,
                        replayed: r.get(3)?,
                    })
                },
            )
            .optional()
        };
        if let Some(state) = read(&self.conn)? {
            return Ok(state);
        }
        let tx = self.conn.transaction()?;
        // Read again under the write lock: another process may have made one meanwhile.
        let state = match read(&tx)? {
            Some(state) => state,
            None => {
                let device = fresh();
                tx.execute(
                    "INSERT INTO sync_device (id, device) VALUES (1, ?1)",
                    [&device],
                )?;
                SyncState {
                    device,
                    ..SyncState::default()
                }
            }
        };
        tx.commit()?;
        Ok(state)
    }

    /// Keeps `state` as this copy's (a new device id forgets what the old one wrote).
    ///
    /// # Errors
    /// SQLite failed.
    pub fn set_sync_state(&mut self, state: &SyncState) -> Result<()> {
        self.conn.execute(
            "INSERT INTO sync_device (id, device, written, fingerprint, replayed) \
             VALUES (1, ?1, ?2, ?3, ?4) ON CONFLICT (id) DO UPDATE SET device = ?1, \
             written = ?2, fingerprint = ?3, replayed = ?4",
            params![
                state.device,
                state.written,
                state.fingerprint,
                state.replayed
            ],
        )?;
        Ok(())
    }

    /// The id of the version of another copy's file `file` last merged, if any.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn sync_seen(&self, file: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT write FROM sync_seen WHERE file = ?1", [file], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Records that the version `write` of another copy's file `file` was merged.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn set_sync_seen(&mut self, file: &str, write: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO sync_seen (file, write) VALUES (?1, ?2) \
             ON CONFLICT (file) DO UPDATE SET write = ?2",
            [file, write],
        )?;
        Ok(())
    }

    /// The log's review count and last id: it changed when this changed.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn log_mark(&self) -> Result<String> {
        Ok(self.conn.query_row(
            "SELECT count(*) || ':' || coalesce(hex(max(id)), '') FROM review",
            [],
            |r| r.get(0),
        )?)
    }
}

/// Takes `mark` when it is newer than the item's own (or the item has none); true when taken.
fn merge_mark(tx: &Connection, mark: &Mark) -> Result<bool> {
    let (column, value) = mark.flag.column();
    let at = changed_column(column);
    let key = card_key(tx, &mark.deck, &mark.card, false)?;
    let (mine, mine_at): (Option<i64>, Option<i64>) = tx
        .prepare_cached(&format!("SELECT {column}, {at} FROM card WHERE key = ?1"))?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let theirs = (to_ms(mark.changed), value);
    if mine_at.is_some_and(|mine_at| (mine_at, mine) >= theirs) {
        return Ok(false);
    }
    tx.prepare_cached(&format!(
        "UPDATE card SET {column} = ?2, {at} = ?3 WHERE key = ?1"
    ))?
    .execute(params![key, value, theirs.0])?;
    Ok(true)
}

/// Takes `fit` when it was fitted later than this profile's (or there is none); true when
/// taken.
fn merge_fit(tx: &Connection, fit: &FittedParameters) -> Result<bool> {
    if fit.parameters.iter().any(|w| !w.is_finite()) {
        return Err(StoreError::BadData(
            "an FSRS parameter is not a number".to_owned(),
        ));
    }
    let text = serde_json::to_string(&fit.parameters[..])
        .map_err(|e| StoreError::BadData(e.to_string()))?;
    let reviews = i64::try_from(fit.reviews).unwrap_or(i64::MAX);
    let theirs = (to_ms(fit.time), reviews, text);
    let mine: Option<(i64, i64, String)> = tx
        .query_row(
            "SELECT time, reviews, parameters FROM fsrs_parameters WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if mine.is_some_and(|mine| mine >= theirs) {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO fsrs_parameters (id, parameters, reviews, time) VALUES (1, ?1, ?2, ?3) \
         ON CONFLICT (id) DO UPDATE SET parameters = ?1, reviews = ?2, time = ?3",
        params![theirs.2, theirs.1, theirs.0],
    )?;
    Ok(true)
}
