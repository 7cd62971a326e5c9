//! Tests of the plain line protocol: what each question prints, how answer and rating
//! lines are read.

use super::*;
use crate::session::Question;

fn question(form: Form) -> Question {
    Question {
        prompt: "Q".into(),
        form,
        answer: "A".into(),
        hint: Some("think".into()),
        picture: None,
    }
}

#[test]
fn answers_are_read_by_form() {
    let choice = question(Form::Choice {
        options: vec!["Rome".into(), "Paris".into()],
        correct: 1,
    });
    assert_eq!(parse_answer(&choice, "2"), Ok(Response::Chose(1)));
    assert_eq!(parse_answer(&choice, " paris "), Ok(Response::Chose(1)));
    let tf = question(Form::TrueFalse);
    assert_eq!(parse_answer(&tf, "1"), Ok(Response::Judged(true)));
    assert_eq!(parse_answer(&tf, "false"), Ok(Response::Judged(false)));
    let order = question(Form::Order {
        shown: vec!["b".into(), "a".into(), "c".into()],
    });
    assert_eq!(
        parse_answer(&order, "2, 1 3"),
        Ok(Response::Ordered(vec![1, 0, 2]))
    );
    assert_eq!(
        parse_answer(&question(Form::Flip), ""),
        Ok(Response::Revealed)
    );
    assert_eq!(
        parse_answer(&question(Form::Type), "Trotsky"),
        Ok(Response::Typed("Trotsky".into()))
    );
}

#[test]
fn lines_that_answer_nothing_offered_are_refused() {
    let choice = question(Form::Choice {
        options: vec!["Rome".into(), "Paris".into()],
        correct: 1,
    });
    for line in ["3", "0", "-1", "Berlin", "1 2"] {
        let why = parse_answer(&choice, line).unwrap_err();
        assert_eq!(
            why,
            "Answer with a number from 1 to 2, or the text of an option."
        );
    }
    let tf = question(Form::TrueFalse);
    for line in ["7", "0", "maybe", "1 2"] {
        assert!(parse_answer(&tf, line).is_err(), "{line}");
    }
    let order = question(Form::Order {
        shown: vec!["d".into(), "b".into(), "a".into(), "c".into()],
    });
    for line in [
        "9 9 9 9",
        "1 2",
        "1 1 1 1",
        "1 2 3 4 1",
        "1 2 3 x",
        "0 1 2 3",
        "first",
    ] {
        let why = parse_answer(&order, line).unwrap_err();
        assert!(
            why.starts_with("Give each number from 1 to 4 once"),
            "{line}: {why}"
        );
    }
    assert_eq!(
        parse_answer(&order, "4,3 2,1"),
        Ok(Response::Ordered(vec![3, 2, 1, 0]))
    );
}

#[test]
fn a_refused_line_is_asked_again_with_what_is_expected() {
    let input = b"7\nmaybe\n2\n" as &[u8];
    let mut out = Vec::new();
    let mut p = PlainPrompter::new(input, &mut out);
    let reply = p
        .ask(&question(Form::TrueFalse), &Status::default())
        .unwrap();
    assert_eq!(reply, Reply::Answer(Response::Judged(false)));
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text.matches("Answer 1 or true, 2 or false.").count(),
        2,
        "{text}"
    );
}

#[test]
fn protocol_reads_one_answer_and_one_rating() {
    let input = b":hint\nTrotsky\n\n" as &[u8];
    let mut out = Vec::new();
    let mut p = PlainPrompter::new(input, &mut out);
    let q = question(Form::Type);
    let reply = p.ask(&q, &Status::default()).unwrap();
    assert_eq!(reply, Reply::Answer(Response::Typed("Trotsky".into())));
    let feedback = Feedback {
        answer: "Trotsky".into(),
        correct: Some(true),
        given: Some("Trotsky".into()),
        diff: None,
        explain: Some("He led the \u{1b}[31mRed Army".into()),
        answer_picture: None,
        explain_picture: None,
        source: None,
        buttons: Rating::ALL.map(|r| (r, "1d".to_owned())),
        suggested: Some(Rating::Good),
        can_overrule: false,
    };
    assert_eq!(p.grade(&q, &feedback).unwrap(), Grade::Rate(Rating::Good));
    assert_eq!(
        p.ask(&q, &Status::default()).unwrap(),
        Reply::Act(Action::Quit)
    );
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("Hint: think"), "{text}");
    assert!(text.contains("Why: He led the Red Army"), "{text}");
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn an_empty_rating_after_no_attempt_is_asked_again() {
    let input = b"\nmeh\n4\n" as &[u8];
    let mut out = Vec::new();
    let mut p = PlainPrompter::new(input, &mut out);
    let feedback = Feedback {
        answer: "A".into(),
        correct: None,
        given: None,
        diff: None,
        explain: None,
        answer_picture: None,
        explain_picture: None,
        source: None,
        buttons: Rating::ALL.map(|r| (r, "1m".to_owned())),
        suggested: None,
        can_overrule: false,
    };
    let q = question(Form::Flip);
    assert_eq!(p.grade(&q, &feedback).unwrap(), Grade::Rate(Rating::Easy));
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.matches("Rate 1-4").count(), 2, "{text}");
}
