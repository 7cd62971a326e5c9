//! The compact binary form of a parsed deck kept in the deck cache: about a third of its
//! JSON and several times faster to read back (the cache exists to make launches fast).
//! The deck's own fields (its header) and each card are encoded apart, so that a session
//! decodes only the cards it asks.
//!
//! Little-endian integers, strings as a `u32` length and UTF-8 bytes, options and enums as a
//! one-byte tag. The form starts with [`MAGIC`]: a build that changes the deck model must
//! change it, so that older entries read as misses. Decoding never panics; anything
//! malformed (truncated, a bad tag, invalid UTF-8, bytes left over) gives `None`.
//!
//! It is hand-written rather than a serde binary format (postcard, bincode): the deck
//! model's `Content` is an internally tagged enum (`#[serde(tag = "kind")]`, the shape of
//! the JSON the export and `check --json` print), which formats that do not describe
//! themselves cannot read back, so a serde format would need a second shape of the model.

use crate::deck::{
    Answer, AnswerKind, Card, Content, Deck, Deletion, Picture, Pictures, PromptMode,
};

/// The first bytes of an encoded deck, naming this version of the form.
const MAGIC: &[u8; 4] = b"RDK5";

/// The deck's own fields (everything but its cards) in the compact form.
#[must_use]
pub fn encode_header(deck: &Deck) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(256));
    w.0.extend_from_slice(MAGIC);
    w.str(&deck.id);
    w.str(&deck.title);
    w.opt(deck.description.as_deref());
    w.opt(deck.source.as_deref());
    w.strs(&deck.tags);
    w.opt(deck.scheduler.as_deref());
    w.opt(deck.new_order.map(|o| o.to_string()).as_deref());
    w.0
}

/// A deck without cards from [`encode_header`]'s bytes; `None` when they are not one.
#[must_use]
pub fn decode_header(bytes: &[u8]) -> Option<Deck> {
    let mut r = Reader { rest: bytes };
    if r.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let deck = Deck {
        id: r.str()?,
        title: r.str()?,
        description: r.opt()?,
        source: r.opt()?,
        tags: r.strs()?,
        scheduler: r.opt()?,
        new_order: match r.opt()? {
            Some(order) => Some(order.parse().ok()?),
            None => None,
        },
        cards: Vec::new(),
    };
    r.rest.is_empty().then_some(deck)
}

/// One card in the compact form.
#[cfg(test)]
#[must_use]
pub fn encode_card(card: &Card) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(128);
    encode_card_into(card, &mut bytes);
    bytes
}

/// One card in the compact form, appended to `out`.
pub fn encode_card_into(card: &Card, out: &mut Vec<u8>) {
    let mut w = Writer(std::mem::take(out));
    w.0.extend_from_slice(MAGIC);
    w.card(card);
    *out = w.0;
}

/// A card from [`encode_card_into`]'s bytes; `None` when they are not one.
#[must_use]
pub fn decode_card(bytes: &[u8]) -> Option<Card> {
    let mut r = Reader { rest: bytes };
    if r.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let card = r.card()?;
    r.rest.is_empty().then_some(card)
}

struct Writer(Vec<u8>);

impl Writer {
    fn len(&mut self, n: usize) {
        self.0
            .extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    fn opt(&mut self, s: Option<&str>) {
        match s {
            None => self.0.push(0),
            Some(s) => {
                self.0.push(1);
                self.str(s);
            }
        }
    }

    fn strs(&mut self, list: &[String]) {
        self.len(list.len());
        for s in list {
            self.str(s);
        }
    }

    fn card(&mut self, card: &Card) {
        self.str(&card.id);
        self.0.push(u8::from(card.derived_id));
        self.0.extend_from_slice(&(card.line as u64).to_le_bytes());
        self.strs(&card.tags);
        self.opt(card.hint.as_deref());
        self.opt(card.explain.as_deref());
        self.opt(card.cite.as_deref());
        self.0.push(match card.mode {
            PromptMode::Auto => 0,
            PromptMode::Flip => 1,
            PromptMode::Type => 2,
            PromptMode::Choice => 3,
        });
        self.0.push(card.kind.map_or(0, |k| {
            let at = AnswerKind::ALL.iter().position(|a| *a == k).unwrap_or(0);
            u8::try_from(at + 1).unwrap_or(0)
        }));
        self.0.push(u8::from(card.in_order));
        for picture in [
            &card.pictures.front,
            &card.pictures.back,
            &card.pictures.explain,
        ] {
            self.opt(picture.as_ref().map(|p| p.file.as_str()));
            if let Some(p) = picture {
                self.str(&p.alt);
            }
        }
        match &card.content {
            Content::Basic {
                front,
                back,
                accept,
                choices,
                reverse,
            } => {
                self.0.push(0);
                self.str(front);
                self.answer(back);
                self.strs(accept);
                self.strs(choices);
                self.0.push(u8::from(*reverse));
            }
            Content::TrueFalse { statement, answer } => {
                self.0.push(1);
                self.str(statement);
                self.0.push(u8::from(*answer));
            }
            Content::Cloze { text, deletions } => {
                self.0.push(2);
                self.str(text);
                self.len(deletions.len());
                for d in deletions {
                    self.str(&d.answer);
                    self.strs(&d.accept);
                    self.opt(d.hint.as_deref());
                }
            }
            Content::Order { prompt, items } => {
                self.0.push(3);
                self.str(prompt);
                self.strs(items);
            }
        }
    }

    fn answer(&mut self, answer: &Answer) {
        match answer {
            Answer::Text(t) => {
                self.0.push(0);
                self.str(t);
            }
            Answer::Number(n) => {
                self.0.push(1);
                self.0.extend_from_slice(&n.to_le_bytes());
            }
            Answer::Month { year, month } => {
                self.0.push(2);
                self.0.extend_from_slice(&year.to_le_bytes());
                self.0.extend_from_slice(&month.to_le_bytes());
            }
        }
    }
}

struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.rest.len() {
            return None;
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn flag(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn len(&mut self) -> Option<usize> {
        usize::try_from(u32::from_le_bytes(self.array()?)).ok()
    }

    fn str(&mut self) -> Option<String> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).ok().map(str::to_owned)
    }

    fn opt(&mut self) -> Option<Option<String>> {
        if self.flag()? {
            self.str().map(Some)
        } else {
            Some(None)
        }
    }

    fn strs(&mut self) -> Option<Vec<String>> {
        let n = self.len()?;
        // Each string takes at least its 4-byte length: a bad count cannot over-allocate.
        let mut out = Vec::with_capacity(n.min(self.rest.len() / 4));
        for _ in 0..n {
            out.push(self.str()?);
        }
        Some(out)
    }

    fn card(&mut self) -> Option<Card> {
        let id = self.str()?;
        let derived_id = self.flag()?;
        let line = usize::try_from(u64::from_le_bytes(self.array()?)).ok()?;
        let tags = self.strs()?;
        let hint = self.opt()?;
        let explain = self.opt()?;
        let cite = self.opt()?;
        let mode = match self.byte()? {
            0 => PromptMode::Auto,
            1 => PromptMode::Flip,
            2 => PromptMode::Type,
            3 => PromptMode::Choice,
            _ => return None,
        };
        let kind = match self.byte()? {
            0 => None,
            n => Some(*AnswerKind::ALL.get(usize::from(n) - 1)?),
        };
        let in_order = self.flag()?;
        let mut picture = || -> Option<Option<Picture>> {
            match self.opt()? {
                None => Some(None),
                Some(file) => Some(Some(Picture {
                    file,
                    alt: self.str()?,
                })),
            }
        };
        let pictures = Pictures {
            front: picture()?,
            back: picture()?,
            explain: picture()?,
        };
        let content = match self.byte()? {
            0 => Content::Basic {
                front: self.str()?,
                back: self.answer()?,
                accept: self.strs()?,
                choices: self.strs()?,
                reverse: self.flag()?,
            },
            1 => Content::TrueFalse {
                statement: self.str()?,
                answer: self.flag()?,
            },
            2 => {
                let text = self.str()?;
                let n = self.len()?;
                let mut deletions = Vec::with_capacity(n.min(self.rest.len() / 5));
                for _ in 0..n {
                    deletions.push(Deletion {
                        answer: self.str()?,
                        accept: self.strs()?,
                        hint: self.opt()?,
                    });
                }
                Content::Cloze { text, deletions }
            }
            3 => Content::Order {
                prompt: self.str()?,
                items: self.strs()?,
            },
            _ => return None,
        };
        Some(Card {
            id,
            derived_id,
            line,
            tags,
            hint,
            explain,
            cite,
            mode,
            kind,
            in_order,
            pictures,
            content,
        })
    }

    fn answer(&mut self) -> Option<Answer> {
        match self.byte()? {
            0 => Some(Answer::Text(self.str()?)),
            1 => Some(Answer::Number(i64::from_le_bytes(self.array()?))),
            2 => Some(Answer::Month {
                year: i32::from_le_bytes(self.array()?),
                month: u32::from_le_bytes(self.array()?),
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[deck]\ntitle = \"T\"\nid = \"d\"\ndescription = \"about\"\n\
        source = \"a book\"\ntags = [\"x\"]\nscheduler = \"sm2\"\n\
        [[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\nreverse = true\naccept = [\"a\"]\n\
        hint = \"h\"\nexplain = \"e\"\nmode = \"type\"\ntags = [\"t\"]\n\
        [[card]]\nid = \"n\"\nfront = \"How many?\"\nback = 12\nchoices = [\"3\", \"4\"]\nkind = \"number\"\n\
        [[card]]\nid = \"m\"\nfront = \"When?\"\nback = \"January 1929\"\n\
        [[card]]\nid = \"c\"\ncloze = \"{{x::hint}} and {{y|z}}\"\nin_order = true\n\
        [[card]]\nid = \"t\"\nfront = \"Sky is blue\"\nback = true\nimage = \"s.png\"\n\
        image_alt = \"sky\"\nexplain_image = \"e.gif\"\nexplain_image_alt = \"why\"\n\
        [[card]]\nid = \"o\"\nfront = \"Order\"\norder = [\"1\", \"2\", \"3\"]\n\
        [[card]]\nfront = \"Ünïcode ✓ question without an id\"\nback = \"ok\"\n";

    fn decks() -> Vec<Deck> {
        let parsed = crate::deck::parse(TEXT, "d.toml", "d", crate::deck::Options::default());
        let mine = parsed
            .deck
            .unwrap_or_else(|| panic!("{:?}", parsed.diagnostics));
        let bundled = crate::deck::bundled().deck.unwrap();
        vec![mine, bundled]
    }

    #[test]
    fn every_deck_comes_back_as_it_was() {
        for deck in decks() {
            let mut back = decode_header(&encode_header(&deck)).unwrap();
            back.cards = deck
                .cards
                .iter()
                .map(|c| decode_card(&encode_card(c)).unwrap())
                .collect();
            assert_eq!(back, deck, "{}", deck.id);
        }
    }

    #[test]
    fn the_test_deck_has_every_kind_of_card() {
        let kinds: std::collections::HashSet<&str> = decks()[0]
            .cards
            .iter()
            .map(|c| c.content.kind_name())
            .collect();
        for kind in [
            "basic",
            "reversed",
            "choice",
            "cloze",
            "true-false",
            "order",
        ] {
            assert!(kinds.contains(kind), "{kind}: {kinds:?}");
        }
    }

    #[test]
    fn damaged_bytes_are_refused_without_a_panic() {
        let deck = &decks()[0];
        let mut forms = vec![encode_header(deck)];
        forms.extend(deck.cards.iter().map(encode_card));
        for (n, bytes) in forms.iter().enumerate() {
            let decodes = |b: &[u8]| {
                if n == 0 {
                    decode_header(b).is_some()
                } else {
                    decode_card(b).is_some()
                }
            };
            assert!(decodes(bytes), "form {n}");
            for cut in 0..bytes.len() {
                assert!(!decodes(&bytes[..cut]), "form {n} cut at {cut}");
            }
            let mut longer = bytes.clone();
            longer.push(0);
            assert!(!decodes(&longer), "form {n}");
            for i in 0..bytes.len() {
                let mut flipped = bytes.clone();
                flipped[i] ^= 0xff;
                let _ = decodes(&flipped);
            }
        }
        assert_eq!(decode_card(b"RDK1"), None);
        assert_eq!(decode_header(b"RDK0"), None);
    }
}
