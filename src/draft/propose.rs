//! Cards proposed for the sentences of a source: for each sentence with a fact, one card,
//! a question when the sentence has a clear shape, else a cloze of its one or two best
//! facts. Each cites a phrase of its sentence.

use std::collections::VecDeque;

use super::facts::{self, Fact, Kind, Token};
use super::questions::{self, Back};
use super::sentences;
use crate::deck::cite::{Source, fold};
use crate::deck::lint::{GIVEAWAY_REACH, words};
use crate::deck::{Content, Deck, MAX_CITE_WORDS};
use crate::interchange::draft::{DraftBack, DraftCard, DraftDeck};

/// Sentences longer than this, in words, make poor cards and are skipped.
pub const MAX_SENTENCE_WORDS: usize = 50;

/// How many words a cite quotes at most (fewer than the deck format allows).
const CITE_WORDS: usize = 6;

/// What a draft is made with besides the source.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// At most this many cards.
    pub max: Option<usize>,
    /// The cites of the deck drafted into: sentences they fall in get no card.
    pub cites: Vec<String>,
    /// Card ids already taken.
    pub ids: Vec<String>,
    /// The texts of the last cards before the draft, which a student reads just before it.
    pub recent: Vec<String>,
}

impl Options {
    /// Options for adding to `deck`: its cites, its ids, the texts of its last cards.
    #[must_use]
    pub fn after(deck: &Deck, max: Option<usize>) -> Options {
        let start = deck.cards.len().saturating_sub(GIVEAWAY_REACH);
        Options {
            max,
            cites: deck.cards.iter().filter_map(|c| c.cite.clone()).collect(),
            ids: deck.cards.iter().map(|c| c.id.clone()).collect(),
            recent: deck.cards[start..]
                .iter()
                .map(|c| {
                    let mut texts: Vec<&str> = match &c.content {
                        Content::Basic { front, choices, .. } => std::iter::once(front)
                            .chain(choices)
                            .map(String::as_str)
                            .collect(),
                        Content::TrueFalse { statement, .. } => vec![statement],
                        Content::Cloze { text, .. } => vec![text],
                        Content::Order { prompt, items } => std::iter::once(prompt)
                            .chain(items)
                            .map(String::as_str)
                            .collect(),
                    };
                    texts.extend(c.hint.as_deref());
                    texts.extend(c.explain.as_deref());
                    texts.join(" / ")
                })
                .collect(),
        }
    }
}

/// One proposed card.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// The line its sentence starts on.
    pub line: usize,
    /// The sentence.
    pub sentence: String,
    /// The card, its id given.
    pub card: DraftCard,
}

/// What a draft read and wrote, for the teacher.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Sentences read.
    pub sentences: usize,
    /// Markdown headings read (as tags).
    pub headings: usize,
    /// Cloze cards proposed.
    pub clozes: usize,
    /// Question cards proposed.
    pub questions: usize,
    /// Facts asked (deletions and answers), by kind: years and month dates, numbers, names,
    /// terms.
    pub dates: usize,
    /// See `dates`.
    pub numbers: usize,
    /// See `dates`.
    pub names: usize,
    /// See `dates`.
    pub terms: usize,
    /// Sentences skipped with no fact found (or none a card can ask fairly).
    pub no_fact: usize,
    /// Sentences skipped as too long.
    pub too_long: usize,
    /// Sentences skipped as already cited by the deck.
    pub cited: usize,
    /// Sentences whose every fact stands in one of the cards just before.
    pub given_away: usize,
    /// Sentences left out by `--max`.
    pub over_max: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = |n: usize| if n == 1 { "" } else { "s" };
        writeln!(
            f,
            "read {} sentence{} ({} heading{} read as tags): {} candidate{}, {} cloze{} and {} question{}",
            self.sentences,
            s(self.sentences),
            self.headings,
            s(self.headings),
            self.clozes + self.questions,
            s(self.clozes + self.questions),
            self.clozes,
            if self.clozes == 1 { "" } else { "s" },
            self.questions,
            s(self.questions),
        )?;
        writeln!(
            f,
            "asked: {} year{} or date{}, {} number{}, {} name{}, {} term{}",
            self.dates,
            s(self.dates),
            s(self.dates),
            self.numbers,
            s(self.numbers),
            self.names,
            s(self.names),
            self.terms,
            s(self.terms)
        )?;
        let reasons = [
            (self.no_fact, "no fact found"),
            (self.too_long, "too long"),
            (self.cited, "already cited"),
            (self.given_away, "facts given away by the cards just before"),
            (self.over_max, "over --max"),
        ];
        let skipped: usize = reasons.iter().map(|(n, _)| n).sum();
        let listed: Vec<String> = reasons
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, why)| format!("{n} {why}"))
            .collect();
        write!(f, "skipped {skipped} sentence{}", s(skipped))?;
        if !listed.is_empty() {
            write!(f, ": {}", listed.join(", "))?;
        }
        writeln!(f)
    }
}

/// A draft: its cards in source order, and what was done.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// The source's first heading, when it opens with one.
    pub title: Option<String>,
    /// The cards.
    pub proposals: Vec<Proposal>,
    /// The counts.
    pub summary: Summary,
}

/// Drafts cards for `text` (see the module documentation).
#[must_use]
pub fn draft(text: &str, options: &Options) -> Draft {
    let split = sentences::split(text);
    let cited = cited_pieces(text, &split, &options.cites);
    let known = facts::known_names(split.sentences.iter().map(|s| s.text.as_str()));
    let source = Source::new(text);
    let mentions = Mentions::of(split.sentences.iter().map(|s| s.text.as_str()));
    let mut recent: VecDeque<String> = options.recent.iter().map(|t| padded(t)).collect();
    let mut out = Draft {
        title: split.title.clone(),
        ..Draft::default()
    };
    let summary = &mut out.summary;
    summary.headings = split.headings;
    for s in &split.sentences {
        summary.sentences += 1;
        if s.pieces.clone().any(|p| cited[p]) {
            summary.cited += 1;
            continue;
        }
        let toks = facts::tokens(&s.text);
        if toks.len() > MAX_SENTENCE_WORDS {
            summary.too_long += 1;
            continue;
        }
        let unusable =
            s.text.contains("{{") || s.text.contains("}}") || s.text.chars().any(char::is_control);
        let found = if unusable {
            Vec::new()
        } else {
            facts::facts(&s.text, &toks, &known)
        };
        let found: Vec<Fact> = found
            .into_iter()
            .filter(|f| !s.text[f.span.clone()].contains(['|', ':', '{', '}']))
            .collect();
        let fresh: Vec<Fact> = found
            .iter()
            .filter(|f| {
                !recent
                    .iter()
                    .any(|r| r.contains(&padded(&s.text[f.span.clone()])))
            })
            .cloned()
            .collect();
        if found.is_empty() {
            summary.no_fact += 1;
            continue;
        }
        if fresh.is_empty() {
            summary.given_away += 1;
            continue;
        }
        if options
            .max
            .is_some_and(|m| summary.clozes + summary.questions >= m)
        {
            summary.over_max += 1;
            continue;
        }
        let (mut card, asked) = match questions::question(&s.text, &toks, &fresh) {
            Some(q) => {
                let card = DraftCard {
                    front: Some(q.front),
                    back: Some(match q.back {
                        Back::Number(n) => DraftBack::Number(n),
                        Back::Text(t) => DraftBack::Text(t),
                    }),
                    ..DraftCard::default()
                };
                (card, vec![q.fact])
            }
            None => {
                let chosen = choose(&fresh, toks.len(), &s.text, &mentions);
                let card = DraftCard {
                    cloze: Some(cloze(&s.text, &chosen)),
                    ..DraftCard::default()
                };
                (card, chosen)
            }
        };
        let Some(cite) = cite(&s.text, &toks, &asked, &source) else {
            summary.no_fact += 1;
            continue;
        };
        for fact in &asked {
            *match fact.kind {
                Kind::Year | Kind::Month | Kind::MonthName => &mut summary.dates,
                Kind::Number => &mut summary.numbers,
                Kind::Name => &mut summary.names,
                Kind::Term => &mut summary.terms,
            } += 1;
        }
        if card.cloze.is_some() {
            summary.clozes += 1;
        } else {
            summary.questions += 1;
        }
        card.cite = Some(cite);
        card.tags = s.tag.iter().cloned().collect();
        recent.push_back(padded(card.question()));
        if recent.len() > GIVEAWAY_REACH {
            recent.pop_front();
        }
        out.proposals.push(Proposal {
            line: s.line,
            sentence: s.text.clone(),
            card,
        });
    }
    assign_ids(&mut out.proposals, &options.ids);
    out
}

/// For each coverage piece of `text`, whether one of `cites` falls in it, as `check
/// --coverage` finds.
fn cited_pieces(text: &str, split: &sentences::Split, cites: &[String]) -> Vec<bool> {
    if cites.is_empty() {
        return vec![false; split.pieces.len()];
    }
    let uncovered = crate::deck::coverage::coverage(text, cites).uncovered;
    let mut next = uncovered.iter().peekable();
    split
        .pieces
        .iter()
        .map(|p| {
            if next.peek() == Some(&p) {
                next.next();
                false
            } else {
                true
            }
        })
        .collect()
}

/// The words of `text`, folded and a plural `s` taken off, between single spaces and with
/// one at each end, so a phrase is found as whole words by `contains` ("Bolsheviks" in a text
/// saying "Bolshevik" too: stricter than `check`'s give-away warning).
fn padded(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::from(" ");
    for word in words(&folded) {
        out.push_str(Mentions::key(word));
        out.push(' ');
    }
    out
}

/// How often each word (folded, a plural `s` taken off) stands in the text.
struct Mentions(std::collections::HashMap<String, usize>);

impl Mentions {
    fn of<'a>(texts: impl Iterator<Item = &'a str>) -> Mentions {
        let mut counts = std::collections::HashMap::new();
        for text in texts {
            for word in words(&fold(text)) {
                *counts.entry(Self::key(word).to_owned()).or_insert(0) += 1;
            }
        }
        Mentions(counts)
    }

    fn key(word: &str) -> &str {
        match word.strip_suffix('s') {
            Some(stem) if stem.len() > 3 => stem,
            _ => word,
        }
    }

    /// The count of the most mentioned word of `phrase`.
    fn most(&self, phrase: &str) -> usize {
        words(&fold(phrase))
            .map(|w| self.0.get(Self::key(w)).copied().unwrap_or(0))
            .max()
            .unwrap_or(0)
    }
}

/// How good a fact is to ask, best first: dates, terms, numbers in digits, spelled numbers,
/// names, a name opening the sentence or before a common noun last.
fn rank(fact: &Fact) -> usize {
    match fact.kind {
        Kind::Year | Kind::Month | Kind::MonthName => 0,
        Kind::Term => 1,
        Kind::Number if fact.digits => 2,
        Kind::Number => 3,
        Kind::Name if fact.tokens.start > 0 && !fact.attributive => 4,
        Kind::Name => 5,
    }
}

/// The best fact (of the same rank, the one whose words the text mentions least: the
/// subject of the whole text is the easiest to guess), and in a sentence of 12 words or more a second of another kind at least
/// three words from it; in sentence order.
fn choose(facts: &[Fact], words: usize, text: &str, mentions: &Mentions) -> Vec<Fact> {
    let mut ranked: Vec<&Fact> = facts.iter().collect();
    ranked.sort_by_key(|f| (rank(f), mentions.most(&text[f.span.clone()]), f.span.start));
    let Some(first) = ranked.first().copied() else {
        return Vec::new();
    };
    let mut chosen = vec![first.clone()];
    let apart =
        |f: &Fact| f.tokens.start >= first.tokens.end + 3 || first.tokens.start >= f.tokens.end + 3;
    if let Some(second) = ranked
        .iter()
        .find(|f| words >= 12 && rank(f) != rank(first) && rank(f) < 5 && apart(f))
    {
        chosen.push((*second).clone());
    }
    chosen.sort_by_key(|f| f.span.start);
    chosen
}

/// `text` with `facts` (in order) made deletions; years and month dates say what they are.
fn cloze(text: &str, facts: &[Fact]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for f in facts {
        out.push_str(&text[at..f.span.start]);
        out.push_str("{{");
        out.push_str(&text[f.span.clone()]);
        out.push_str(match f.kind {
            Kind::Year => "::year",
            Kind::Month => "::month and year",
            Kind::MonthName => "::month",
            _ => "",
        });
        out.push_str("}}");
        at = f.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A phrase of the sentence around the facts asked that the source holds as written: up to
/// six words, fewer where Markdown inside the words keeps a longer one from matching.
fn cite(text: &str, toks: &[Token<'_>], asked: &[Fact], source: &Source) -> Option<String> {
    let first = asked.first()?.tokens.clone();
    let last = asked.last()?.tokens.clone();
    let core = if last.end - first.start <= CITE_WORDS {
        first.start..last.end
    } else {
        first
    };
    for size in (1..=CITE_WORDS.max(core.len())).rev() {
        let size = size.max(core.len());
        // Windows of `size` words holding the core, the most balanced first.
        let lowest = core.end.saturating_sub(size);
        let highest = core.start.min(toks.len().saturating_sub(size));
        let mut starts: Vec<usize> = (lowest..=highest).collect();
        let centre = core.start.saturating_sub((size - core.len()) / 2);
        starts.sort_by_key(|s| s.abs_diff(centre));
        for start in starts {
            let end = start + size;
            if end > toks.len() {
                continue;
            }
            let phrase = &text[toks[start].start..toks[end - 1].end];
            if crate::deck::cite::word_count(phrase) <= MAX_CITE_WORDS && source.contains(phrase) {
                return Some(phrase.to_owned());
            }
        }
        if size == core.len() {
            break;
        }
    }
    None
}

/// Gives each card an id made from its question, never one of `taken` or another card's.
fn assign_ids(proposals: &mut [Proposal], taken: &[String]) {
    let mut deck = DraftDeck {
        card: taken
            .iter()
            .map(|id| DraftCard {
                id: id.clone(),
                ..DraftCard::default()
            })
            .collect(),
        ..DraftDeck::default()
    };
    deck.card.extend(proposals.iter().map(|p| p.card.clone()));
    deck.assign_ids();
    for (p, card) in proposals.iter_mut().zip(deck.card.drain(taken.len()..)) {
        p.card = card;
    }
}
