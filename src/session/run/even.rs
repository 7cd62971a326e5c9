//! Even days in a session: the reviews due per day, asked of the journal once (at the first
//! answer, so that nothing is counted before the first question shows) and then kept up to
//! date as items are answered and answers undone.

use chrono::{DateTime, Utc};

use super::Session;
use crate::scheduler::CardState;
use crate::scheduler::days::DayClock;
use crate::session::{Journal, JournalError};

impl Session {
    /// Asks the journal for the loads the first time an answer needs them, when a scheduler
    /// balances its days or keeps a break free.
    pub(super) fn fetch_loads(
        &mut self,
        journal: &mut dyn Journal,
        now: DateTime<Utc>,
    ) -> Result<(), JournalError> {
        let needed = self.schedulers.iter().any(|s| {
            let s = s.settings();
            s.fuzz && (s.load_balance || !s.breaks.is_empty())
        });
        if self.loads.is_none() && needed {
            self.loads = Some(journal.day_loads(self.day_clock(), now)?);
        }
        Ok(())
    }

    /// An item went from `before` to `after`: its due day moves in the loads.
    pub(super) fn note_move(&mut self, before: Option<&CardState>, after: Option<&CardState>) {
        let clock = self.day_clock();
        if let Some(loads) = &mut self.loads {
            loads.moved(clock, before, after);
        }
    }

    /// The learner's calendar the loads are counted on: the first deck's.
    fn day_clock(&self) -> DayClock {
        self.schedulers
            .first()
            .map_or_else(DayClock::default, |s| s.settings().day_clock())
    }
}
