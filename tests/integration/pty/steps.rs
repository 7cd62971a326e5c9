//! The steps of a learner in the pseudo-terminal, each named for what it does on the screen,
//! so that a test reads as what the learner does.

use super::{ANSWER, ENTER, ESC, FLIP, MENU, MORE, Pty, RATE};

impl Pty {
    /// At a flip card's list, drawn in full: Enter shows the answer.
    pub(super) fn reveal(&mut self) {
        self.list(FLIP);
        self.send(ENTER);
    }

    /// Picks the rating (or other option) that starts with `label` from the rating list.
    pub(super) fn rate(&mut self, label: &str) {
        self.choose(RATE, label);
    }

    /// [`Pty::reveal`], then [`Pty::rate`].
    pub(super) fn reveal_and_rate(&mut self, label: &str) {
        self.reveal();
        self.rate(label);
    }

    /// At the answer line: types `text` and Enter.
    pub(super) fn answer(&mut self, text: &str) {
        self.expect(ANSWER);
        self.send(&format!("{text}{ENTER}"));
    }

    /// Opens the "… more" menu of a flip card.
    pub(super) fn open_menu(&mut self) {
        self.choose(FLIP, MORE);
    }

    /// Opens the "… more" menu of a flip card and picks `label` from it.
    pub(super) fn menu(&mut self, label: &str) {
        self.open_menu();
        self.choose(MENU, label);
    }

    /// Waits for the answer shown as `answer`, judged correct.
    pub(super) fn expect_correct(&mut self, answer: &str) {
        self.expect(&format!("Answer: {answer}"));
        self.expect("Correct.");
    }

    /// Waits for the status line starting with `status`, then for the question `question`.
    pub(super) fn next_question(&mut self, status: &str, question: &str) {
        self.expect(status);
        self.expect(question);
    }

    /// Waits for the list `title` in full, then presses Esc.
    pub(super) fn esc_at(&mut self, title: &str) {
        self.list(title);
        self.send(ESC);
    }

    /// Waits for recall to end with status 0; what it drew last.
    pub(super) fn finish_ok(self) -> String {
        let (code, rest) = self.finish();
        assert_eq!(code, 0, "{rest}");
        rest
    }

    /// Waits for recall to end with status 0 and a summary saying `summary`.
    pub(super) fn expect_summary(self, summary: &str) -> String {
        let rest = self.finish_ok();
        assert!(rest.contains(summary), "{rest}");
        rest
    }
}
