//! The words of the loaded decks' answers for a session ([`Vocabulary`]), which may still be
//! on their way from another thread when the session starts: gathering them reads every
//! card of every deck, and a large deck would otherwise delay the first question.

use std::sync::mpsc::Receiver;

use crate::answer::Vocabulary;
use crate::deck::Card;

/// A session's vocabulary: the words at hand, and perhaps more still coming.
#[derive(Debug, Default)]
pub struct Lexicon {
    words: Vocabulary,
    coming: Option<Receiver<Vocabulary>>,
}

impl Lexicon {
    /// No words but the checker's own list.
    #[must_use]
    pub fn new() -> Lexicon {
        Lexicon::default()
    }

    /// `words` now, and whatever `coming` brings, waited for the first time the words are
    /// needed (a sender that goes away without sending brings nothing).
    #[must_use]
    pub fn with_coming(words: Vocabulary, coming: Receiver<Vocabulary>) -> Lexicon {
        Lexicon {
            words,
            coming: Some(coming),
        }
    }

    /// Adds what a card accepts as answers (see [`Vocabulary::add_card`]).
    pub fn add_card(&mut self, card: &Card) {
        self.words.add_card(card);
    }

    /// All the words, once those still coming have come.
    pub fn words(&mut self) -> &Vocabulary {
        if let Some(coming) = self.coming.take()
            && let Ok(more) = coming.recv()
        {
            self.words.extend(more);
        }
        &self.words
    }
}

impl From<Vocabulary> for Lexicon {
    fn from(words: Vocabulary) -> Lexicon {
        Lexicon {
            words,
            coming: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::channel;

    use super::*;

    #[test]
    fn words_still_coming_are_waited_for_once() {
        let mut now = Vocabulary::new();
        now.add("Sverdlovsk");
        let (send, receive) = channel();
        let mut lexicon = Lexicon::with_coming(now, receive);
        let sender = std::thread::spawn(move || {
            let mut later = Vocabulary::new();
            later.add("Sverdlov");
            send.send(later).unwrap();
        });
        assert!(lexicon.words().knows("sverdlov"));
        assert!(lexicon.words().knows("sverdlovsk"));
        sender.join().unwrap();

        let (send, receive) = channel::<Vocabulary>();
        drop(send);
        let mut gone = Lexicon::with_coming(Vocabulary::new(), receive);
        assert!(gone.words().is_empty());
        assert!(Lexicon::new().words().knows("prussia"));
    }
}
