//! The reviews already due on each of the learner's coming days, for the load balancer
//! (see `crate::scheduler::balance`): one pass over the due index, counted once a session.

use chrono::{DateTime, Utc};

use super::{Result, Store, from_ms, to_ms};
use crate::scheduler::balance::DayLoads;
use crate::scheduler::days::DayClock;

impl Store {
    /// How many answered cards fall due on each of the learner's days (under `clock`) from
    /// the day of `now` on. Every card with a state counts, suspended or not, as a replay of
    /// the log counts it.
    ///
    /// # Errors
    /// SQLite failed, or a due time is out of range.
    pub fn day_loads(&self, clock: DayClock, now: DateTime<Utc>) -> Result<DayLoads> {
        let from = to_ms(clock.day_start(clock.day_number(now)));
        let mut stmt = self
            .conn
            .prepare_cached("SELECT due FROM card WHERE due >= ?1")?;
        let mut rows = stmt.query([from])?;
        let mut days = Vec::new();
        while let Some(r) = rows.next()? {
            days.push(clock.day_number(from_ms(r.get(0)?)?));
        }
        Ok(DayLoads::from_days(days))
    }
}
