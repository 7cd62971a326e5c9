//! Tests of working out an answer's kind from its card.

use super::*;

fn text(question: &str, answer: &str) -> AnswerKind {
    guess(question, &Answer::from_text(answer), &[])
}

#[test]
fn the_question_says_what_it_asks_for() {
    let cases = [
        (
            "Who founded the Red Army?",
            "Leon Trotsky",
            AnswerKind::Person,
        ),
        (
            "With whom did Trotsky fight, and lose?",
            "Joseph Stalin",
            AnswerKind::Person,
        ),
        ("Where was Trotsky killed?", "Coyoacán", AnswerKind::Place),
        (
            "In which Swiss city did Lenin live?",
            "Zurich",
            AnswerKind::Place,
        ),
        (
            "To which town was he exiled?",
            "Alma Ata",
            AnswerKind::Place,
        ),
        (
            "In which part of the Soviet Union lay Alma Ata?",
            "Kazakhstan",
            AnswerKind::Place,
        ),
        (
            "Which Stalin-led party body decided on appointments?",
            "the Orgburo",
            AnswerKind::Body,
        ),
        (
            "At a meeting of which body did they call for it?",
            "the Central Committee",
            AnswerKind::Body,
        ),
        (
            "Which Bolshevik may have been indispensable?",
            "Leon Trotsky",
            AnswerKind::Person,
        ),
        (
            "Which two of Trotsky's former allies died?",
            "Zinovyev and Kamenev",
            AnswerKind::Person,
        ),
        (
            "Which reading-list book interprets Stalin?",
            "Stalin as Revolutionary",
            AnswerKind::Work,
        ),
        (
            "Under what title did Trotsky publish his autobiography?",
            "My Life",
            AnswerKind::Work,
        ),
        (
            "What was the name of Lenin's wife?",
            "Nadezhda Krupskaya",
            AnswerKind::Person,
        ),
        (
            "What is the title of Carr's study?",
            "Socialism in One Country",
            AnswerKind::Work,
        ),
        (
            "What government post did Trotsky hold?",
            "people's commissar of war",
            AnswerKind::Role,
        ),
        (
            "What kind of state did Stalin establish?",
            "a totalitarian state",
            AnswerKind::Concept,
        ),
        (
            "In what event did the falsification peak?",
            "the Great Purge",
            AnswerKind::Event,
        ),
        (
            "Why did Stalin turn down the call?",
            "he did not yet feel secure",
            AnswerKind::Reason,
        ),
        (
            "Which man wrote poems in exile?",
            "Ovid",
            AnswerKind::Person,
        ),
        ("Capital of France?", "Paris", AnswerKind::Place),
    ];
    for (question, answer, kind) in cases {
        assert_eq!(text(question, answer), kind, "{question}");
    }
}

#[test]
fn the_answer_says_year_or_date_and_counts_stay_counts() {
    let number = |q: &str, n: i64| guess(q, &Answer::Number(n), &[]);
    assert_eq!(number("When was Trotsky killed?", 1940), AnswerKind::Year);
    assert_eq!(
        number("In what year did Lenin die?", 1924),
        AnswerKind::Year
    );
    assert_eq!(
        number("How many men were expelled?", 1200),
        AnswerKind::Number
    );
    assert_eq!(
        number("About how many years later?", 10),
        AnswerKind::Number
    );
    assert_eq!(
        text("When was he deported?", "January 1929"),
        AnswerKind::Date
    );
    assert_eq!(
        text("Which years did the purge cover?", "1936-1938"),
        AnswerKind::Year
    );
    assert_eq!(
        text("At the congresses of which two years?", "1923 and 1924"),
        AnswerKind::Year
    );
    assert_eq!(
        text("By about when had they turned?", "mid-1925"),
        AnswerKind::Date
    );
    assert_eq!(
        text("During which seasons of 1917?", "summer and fall"),
        AnswerKind::Date
    );
    assert_eq!(text("In which month of 1917?", "October"), AnswerKind::Date);
    assert_eq!(
        text("How long did it take?", "under a year"),
        AnswerKind::Number
    );
    // A question that names a body wins over the digits of its answer.
    assert_eq!(
        text("Which congress banned factions?", "the 10th Congress"),
        AnswerKind::Body
    );
}

#[test]
fn an_open_question_leaves_it_to_the_answer_and_its_tags() {
    let tags = |t: &[&str]| t.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let open = "What does the abbreviation NEP stand for?";
    assert_eq!(text(open, "New Economic Policy"), AnswerKind::Concept);
    assert_eq!(
        text("What did they demand?", "the April Theses"),
        AnswerKind::Work
    );
    assert_eq!(
        text("What did it break?", "the ban on factions"),
        AnswerKind::Concept
    );
    assert_eq!(
        text("What did he hold?", "people's commissar of war"),
        AnswerKind::Concept
    );
    let places = tags(&["exile", "places"]);
    let named = Answer::Text("Kazakhstan".into());
    assert_eq!(guess("What lay there?", &named, &places), AnswerKind::Place);
    // A tag speaks for names only: "people" is on many cards about people.
    let phrase = Answer::Text("his strength in the rank and file".into());
    assert_eq!(
        guess("What alarmed them?", &phrase, &tags(&["people"])),
        AnswerKind::Concept
    );
    assert_eq!(
        text("What did she say?", "she would stay"),
        AnswerKind::Reason
    );
}
