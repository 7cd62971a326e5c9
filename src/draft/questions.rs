//! Front and back questions for sentences of a clear shape, asked in plain words:
//! "X was sent to Y in Z" (where was X sent in Z?), "In YEAR, X was ..." and "X was ...
//! in YEAR" (in what year was X ...?), and the appositive "X, the Y of Z," (who was the Y
//! of Z?).

use super::facts::{Fact, Kind, Token};

/// A card's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Back {
    /// A year.
    Number(i64),
    /// A name, a month date.
    Text(String),
}

/// A question made of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// What is asked.
    pub front: String,
    /// Its answer.
    pub back: Back,
    /// The fact asked for.
    pub fact: Fact,
}

const AUX: &[&str] = &["was", "were", "is", "are", "had"];

/// Past participles of being moved somewhere: "sent to", "exiled to".
const MOVED: &[&str] = &[
    "sent",
    "exiled",
    "deported",
    "banished",
    "moved",
    "transferred",
    "taken",
    "brought",
    "driven",
    "evacuated",
    "shipped",
    "posted",
];

/// Past participles of what happens at a place: "born in", "buried at".
const PLACED: &[&str] = &[
    "born",
    "buried",
    "imprisoned",
    "held",
    "killed",
    "murdered",
    "assassinated",
    "arrested",
    "educated",
    "founded",
    "executed",
    "crowned",
];

struct Words<'a, 't> {
    text: &'t str,
    toks: &'a [Token<'t>],
    lower: Vec<String>,
    facts: &'a [Fact],
}

impl Words<'_, '_> {
    fn at(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }

    fn fact_at(&self, token: usize, kinds: &[Kind]) -> Option<&Fact> {
        self.facts
            .iter()
            .find(|f| f.tokens.start == token && kinds.contains(&f.kind))
    }

    /// The text of tokens `range`, punctuation inside kept.
    fn slice(&self, range: std::ops::Range<usize>) -> &str {
        &self.text[self.toks[range.start].start..self.toks[range.end - 1].end]
    }

    /// Tokens `range` as the subject of a question: its first word in lower case unless a
    /// name; `None` when a comma or stop falls inside.
    fn subject(&self, range: std::ops::Range<usize>) -> Option<String> {
        if range.is_empty() || self.toks[range.clone()].iter().any(|t| !t.after.is_empty()) {
            return None;
        }
        let text = self.slice(range.clone());
        let is_name = self
            .facts
            .iter()
            .any(|f| f.kind == Kind::Name && f.tokens.start == range.start);
        Some(if is_name {
            text.to_owned()
        } else {
            let mut chars = text.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_lowercase().chain(chars).collect::<String>()
            })
        })
    }
}

/// A question for the sentence `text` when it has one of the shapes above; `facts` are
/// its facts that are not given away.
#[must_use]
pub fn question(text: &str, toks: &[Token<'_>], facts: &[Fact]) -> Option<Question> {
    let w = Words {
        text,
        toks,
        lower: toks.iter().map(|t| t.word.to_lowercase()).collect(),
        facts,
    };
    let found = sent_to(&w)
        .or_else(|| year_first(&w))
        .or_else(|| year_last(&w))
        .or_else(|| appositive(&w))?;
    let answer = crate::deck::cite::fold(&text[found.fact.span.clone()]);
    (!crate::deck::cite::fold(&found.front).contains(&answer)).then_some(found)
}

fn back_of(w: &Words<'_, '_>, fact: &Fact) -> Back {
    let text = &w.text[fact.span.clone()];
    match (fact.kind, text.parse::<i64>()) {
        (Kind::Year, Ok(n)) => Back::Number(n),
        _ => Back::Text(text.to_owned()),
    }
}

fn unit(fact: &Fact) -> &'static str {
    if fact.kind == Kind::Month {
        "month and year"
    } else {
        "year"
    }
}

/// "Trotsky was exiled to Alma-Ata in 1928." asks "Where was Trotsky exiled in 1928?"
fn sent_to(w: &Words<'_, '_>) -> Option<Question> {
    let subject = w.fact_at(0, &[Kind::Name])?;
    let aux = subject.tokens.end;
    if !matches!(w.at(aux), "was" | "were") {
        return None;
    }
    let verb = w.at(aux + 1);
    let fits = match w.at(aux + 2) {
        "to" | "into" => MOVED.contains(&verb),
        "in" | "at" => PLACED.contains(&verb),
        _ => false,
    };
    let place = w.fact_at(aux + 3, &[Kind::Name]).filter(|_| fits)?;
    let when = match w.at(place.tokens.end) {
        "in" => w
            .fact_at(place.tokens.end + 1, &[Kind::Year, Kind::Month])
            .map(|f| format!(" in {}", &w.text[f.span.clone()])),
        _ => None,
    };
    Some(Question {
        front: format!(
            "Where {} {} {}{}?",
            w.at(aux),
            w.subject(subject.tokens.clone())?,
            w.toks[aux + 1].word,
            when.unwrap_or_default()
        ),
        back: Back::Text(w.text[place.span.clone()].to_owned()),
        fact: place.clone(),
    })
}

/// "In 1927, Trotsky was expelled from the party." asks "In what year was Trotsky expelled
/// from the party?"; without a "was" it asks "Trotsky lost ... In what year?".
fn year_first(w: &Words<'_, '_>) -> Option<Question> {
    if w.at(0) != "in" {
        return None;
    }
    let date = w.fact_at(1, &[Kind::Year, Kind::Month])?;
    let from = date.tokens.end;
    let end = w.toks.len();
    if from + 2 >= end {
        return None;
    }
    let last = w.toks[end - 1].end;
    let aux = (from + 1..end.min(from + 7)).find(|&i| AUX.contains(&w.at(i)));
    let front = match aux.and_then(|a| Some((a, w.subject(from..a)?))) {
        Some((aux, subject)) if aux + 1 < end => format!(
            "In what {} {} {subject} {}?",
            unit(date),
            w.at(aux),
            &w.text[w.toks[aux + 1].start..last]
        ),
        _ => {
            let clause = &w.text[w.toks[from].start..last];
            let mut chars = clause.chars();
            let first = chars.next()?;
            format!(
                "{}{}. In what {}?",
                first.to_uppercase(),
                chars.as_str(),
                unit(date)
            )
        }
    };
    Some(Question {
        front,
        back: back_of(w, date),
        fact: date.clone(),
    })
}

/// "Trotsky was expelled from the party in 1927." asks "In what year was Trotsky expelled
/// from the party?"
fn year_last(w: &Words<'_, '_>) -> Option<Question> {
    let date = w
        .facts
        .iter()
        .find(|f| matches!(f.kind, Kind::Year | Kind::Month) && f.tokens.end == w.toks.len())?;
    let at_in = date.tokens.start.checked_sub(1)?;
    if w.at(at_in) != "in" {
        return None;
    }
    let aux = (1..at_in.min(6)).find(|&i| AUX.contains(&w.at(i)))?;
    if aux + 1 >= at_in {
        return None;
    }
    let subject = w.subject(0..aux)?;
    Some(Question {
        front: format!(
            "In what {} {} {subject} {}?",
            unit(date),
            w.at(aux),
            w.slice(aux + 1..at_in)
        ),
        back: back_of(w, date),
        fact: date.clone(),
    })
}

/// "Stalin, the general secretary of the party, ..." asks "Who was the general secretary
/// of the party?"
fn appositive(w: &Words<'_, '_>) -> Option<Question> {
    let n = w.toks.len();
    for name in w.facts.iter().filter(|f| f.kind == Kind::Name) {
        let the = name.tokens.end;
        if the >= n || w.at(the) != "the" || !w.toks[the - 1].after.starts_with(',') {
            continue;
        }
        let Some(close) = (the + 1..n.min(the + 9)).find(|&i| w.toks[i].after.starts_with(','))
        else {
            continue;
        };
        if !(the + 2..close).any(|i| w.at(i) == "of") {
            continue;
        }
        let phrase = w.slice(the..close + 1);
        let asked = crate::session::distractors::kinds::guess(
            &format!("What was {phrase}?"),
            &crate::deck::Answer::Text(w.text[name.span.clone()].to_owned()),
            &[],
        );
        let head = (the + 1..=close)
            .find(|&i| w.at(i) == "of")
            .map_or("", |of| w.at(of - 1));
        let who = if asked == crate::deck::AnswerKind::Person
            || ["ist", "ian", "ess", "man", "woman"]
                .iter()
                .any(|end| head.ends_with(end))
        {
            "Who"
        } else {
            "What"
        };
        let present = w.lower.iter().any(|x| x == "is" || x == "are")
            && !w.lower.iter().any(|x| x == "was" || x == "were");
        return Some(Question {
            front: format!("{who} {} {phrase}?", if present { "is" } else { "was" }),
            back: Back::Text(w.text[name.span.clone()].to_owned()),
            fact: name.clone(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::facts::{facts, known_names, tokens};
    use super::*;

    fn ask(text: &str) -> Option<(String, Back)> {
        let toks = tokens(text);
        let known = known_names([text].into_iter());
        let found = facts(text, &toks, &known);
        question(text, &toks, &found).map(|q| (q.front, q.back))
    }

    #[test]
    fn asks_the_clear_shapes_in_plain_words() {
        assert_eq!(
            ask("Leon Trotsky was exiled to Alma-Ata in 1928, far from Moscow."),
            Some((
                "Where was Leon Trotsky exiled in 1928?".into(),
                Back::Text("Alma-Ata".into())
            ))
        );
        assert_eq!(
            ask("In 1927, the Left Opposition was expelled from the party."),
            Some((
                "In what year was the Left Opposition expelled from the party?".into(),
                Back::Number(1927)
            ))
        );
        assert_eq!(
            ask("In March 1921, sailors rose against the government."),
            Some((
                "Sailors rose against the government. In what month and year?".into(),
                Back::Text("March 1921".into())
            ))
        );
        assert_eq!(
            ask("The great bridge was opened to traffic in 1894."),
            Some((
                "In what year was the great bridge opened to traffic?".into(),
                Back::Number(1894)
            ))
        );
        assert_eq!(
            ask("They met Joseph Stalin, the general secretary of the party, in his office."),
            Some((
                "Who was the general secretary of the party?".into(),
                Back::Text("Joseph Stalin".into())
            ))
        );
        assert_eq!(ask("Nothing of the kind happened here."), None);
    }
}
