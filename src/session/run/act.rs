//! The actions a learner takes on the card in front of them instead of answering: quit,
//! undo the last answer (or burial, or suspension), bury, suspend, edit.

use super::{Ending, Session, Undoable};
use crate::session::prompter::{Action, Event, Prompter};
use crate::session::{Clock, Journal, JournalError};

impl Session {
    /// Carries out an action; returns how the session ends when it should end.
    pub(super) fn act(
        &mut self,
        action: Action,
        key: usize,
        prompter: &mut dyn Prompter,
        journal: &mut dyn Journal,
        clock: &dyn Clock,
    ) -> Result<Option<Ending>, JournalError> {
        let item = &self.items[key];
        match action {
            Action::Quit => {
                self.queue.restore(key, self.states[key].as_ref());
                return Ok(Some(Ending::Quit));
            }
            Action::Undo => {
                self.queue.restore(key, self.states[key].as_ref());
                match self.history.pop() {
                    None => prompter.notify(&Event::NothingToUndo)?,
                    Some(Undoable::Answer(done)) => {
                        journal.undo(&done.review_id)?;
                        self.queue.restore(done.key, done.before.as_ref());
                        let answered = self.states[done.key].take();
                        self.note_move(answered.as_ref(), done.before.as_ref());
                        self.states[done.key] = done.before;
                        self.summary.studied -= 1;
                        if let Some(n) = self.answered.get_mut(&done.key) {
                            *n -= 1;
                            if *n == 0 {
                                self.answered.remove(&done.key);
                            }
                        }
                        if let Some(c) = done.correct {
                            self.summary.attempted -= 1;
                            self.summary.correct -= usize::from(c);
                        }
                        prompter.notify(&Event::Undone)?;
                    }
                    Some(Undoable::Buried(hidden)) => {
                        let item = &self.items[hidden];
                        journal.bury(&item.deck_id, &item.item_id, None, clock.now())?;
                        self.queue.restore(hidden, self.states[hidden].as_ref());
                        prompter.notify(&Event::Unhidden)?;
                    }
                    Some(Undoable::Suspended(hidden)) => {
                        let item = &self.items[hidden];
                        journal.suspend(&item.deck_id, &item.item_id, false, clock.now())?;
                        self.queue.restore(hidden, self.states[hidden].as_ref());
                        prompter.notify(&Event::Unhidden)?;
                    }
                }
            }
            Action::Bury => {
                let days = self.schedulers[item.deck].settings().day_clock();
                let until = days.day_start(days.day_number(clock.now()) + 1);
                journal.bury(&item.deck_id, &item.item_id, Some(until), clock.now())?;
                self.queue.remove(key);
                self.history.push(Undoable::Buried(key));
                prompter.notify(&Event::Buried)?;
            }
            Action::Suspend => {
                journal.suspend(&item.deck_id, &item.item_id, true, clock.now())?;
                self.queue.remove(key);
                self.history.push(Undoable::Suspended(key));
                prompter.notify(&Event::Suspended)?;
            }
            Action::Edit => {
                self.queue.restore(key, self.states[key].as_ref());
                return Ok(Some(Ending::Edit(key)));
            }
        }
        Ok(None)
    }
}
