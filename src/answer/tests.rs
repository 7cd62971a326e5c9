//! The answer checker's table test, properties and diff tests.

use proptest::prelude::*;

use super::*;

fn text(s: &str) -> Answer {
    Answer::Text(s.to_owned())
}

fn num(n: i64) -> Answer {
    Answer::Number(n)
}

fn month(year: i32, month: u32) -> Answer {
    Answer::Month { year, month }
}

const EXACT: Verdict = Verdict::Exact;
const WRONG: Verdict = Verdict::Wrong(Miss::Differs);

fn typo(expected: &str) -> Verdict {
    Verdict::Typo {
        expected: expected.to_owned(),
    }
}

fn wrong(miss: Miss) -> Verdict {
    Verdict::Wrong(miss)
}

/// (response, answer, accept list, verdict)
fn table() -> Vec<(&'static str, Answer, Vec<&'static str>, Verdict)> {
    vec![
        // case and accents
        ("trotsky", text("Trotsky"), vec![], EXACT),
        ("TROTSKY", text("Trotsky"), vec![], EXACT),
        ("Zinovyev", text("Zinóvyev"), vec![], EXACT),
        ("zinóvyev", text("Zinovyev"), vec![], EXACT),
        ("Coyoacan", text("Coyoacán"), vec![], EXACT),
        ("istanbul", text("İstanbul"), vec![], EXACT),
        ("Chateau", text("Château"), vec![], EXACT),
        // hyphens, accept list
        ("alma ata", text("Alma-Ata"), vec![], EXACT),
        ("Alma Ata", text("Alma-Ata"), vec!["Almaty"], EXACT),
        ("Almaty", text("Alma-Ata"), vec!["Almaty"], EXACT),
        ("ALMATY", text("Alma-Ata"), vec!["Almaty"], EXACT),
        ("Almati", text("Alma-Ata"), vec!["Almaty"], typo("Almaty")),
        ("almaata", text("Alma-Ata"), vec![], typo("Alma-Ata")),
        ("Verny", text("Alma-Ata"), vec!["Almaty"], WRONG),
        // letters NFKD leaves alone
        ("Strasse", text("Straße"), vec![], EXACT),
        ("STRASSE", text("Straße"), vec![], EXACT),
        ("aegean", text("Ægean"), vec![], EXACT),
        ("oeuvre", text("œuvre"), vec![], EXACT),
        ("Orsted", text("Ørsted"), vec![], EXACT),
        ("Lodz", text("Łódź"), vec![], EXACT),
        ("Dakovica", text("Đakovica"), vec![], EXACT),
        ("thingvellir", text("Þingvellir"), vec![], EXACT),
        // punctuation, quotes, spaces
        ("Brest Litovsk", text("Brest-Litovsk"), vec![], EXACT),
        ("Brest–Litovsk", text("Brest-Litovsk"), vec![], EXACT),
        ("  brest   litovsk  ", text("Brest-Litovsk"), vec![], EXACT),
        ("Prinkipo!", text("Prinkipo"), vec![], EXACT),
        ("\"Prinkipo\"", text("Prinkipo"), vec![], EXACT),
        ("“Prinkipo”", text("\"Prinkipo\""), vec![], EXACT),
        ("dont", text("don't"), vec![], EXACT),
        ("don’t", text("don't"), vec![], EXACT),
        ("c++", text("C++"), vec![], EXACT),
        ("c", text("C++"), vec![], WRONG),
        ("?", text("?"), vec![], EXACT),
        ("!", text("?"), vec![], WRONG),
        // leading articles
        (
            "Revolution Betrayed",
            text("The Revolution Betrayed"),
            vec![],
            EXACT,
        ),
        (
            "the Permanent Revolution",
            text("Permanent Revolution"),
            vec![],
            EXACT,
        ),
        ("an apple", text("apple"), vec![], EXACT),
        ("A Bolshevik", text("Bolshevik"), vec![], EXACT),
        ("the", text("The"), vec![], EXACT),
        // one typo at 5 to 8 letters
        ("Trotksy", text("Trotsky"), vec![], typo("Trotsky")),
        ("Trotski", text("Trotsky"), vec![], typo("Trotsky")),
        ("Trtsky", text("Trotsky"), vec![], typo("Trotsky")),
        ("Trozkij", text("Trotsky"), vec![], WRONG),
        ("Lenim", text("Lenin"), vec![], typo("Lenin")),
        ("Stalni", text("Stalin"), vec![], typo("Stalin")),
        ("Coyoacna", text("Coyoacán"), vec![], typo("Coyoacán")),
        ("Kahl", text("Kahlo"), vec![], typo("Kahlo")),
        // none at 4 letters or fewer
        ("Olso", text("Oslo"), vec![], WRONG),
        ("Rega", text("Riga"), vec![], WRONG),
        ("Manx", text("Marx"), vec![], WRONG),
        ("Kiev", text("Kyiv"), vec![], WRONG),
        // two at 9 or more, not three
        (
            "Constantinpole",
            text("Constantinople"),
            vec![],
            typo("Constantinople"),
        ),
        (
            "Konstantinopel",
            text("Constantinople"),
            vec![],
            typo("Constantinople"),
        ),
        ("Konstantinopil", text("Constantinople"), vec![], WRONG),
        (
            "Dzerjinsky",
            text("Dzerzhinsky"),
            vec![],
            typo("Dzerzhinsky"),
        ),
        ("Dzerzinskij", text("Dzerzhinsky"), vec![], WRONG),
        // an exact match with an accepted answer wins over a typo of the main one
        ("Kameneva", text("Kamenev"), vec!["Kameneva"], EXACT),
        // numbers
        ("1929", num(1929), vec![], EXACT),
        ("1,929", num(1929), vec![], EXACT),
        (" 1 929 ", num(1929), vec![], EXACT),
        ("1929.0", num(1929), vec![], EXACT),
        ("１９２９", num(1929), vec![], EXACT),
        ("(1929)", num(1929), vec![], EXACT),
        ("1928", num(1929), vec![], WRONG),
        ("1939", num(1929), vec![], WRONG),
        ("1292", num(1929), vec![], WRONG),
        ("1929.5", num(1929), vec![], WRONG),
        ("nineteen", num(1929), vec![], WRONG),
        (
            "nineteen twenty-nine",
            num(1929),
            vec![],
            wrong(Miss::NotANumber),
        ),
        ("three", num(3), vec![], EXACT),
        ("Three.", num(3), vec![], EXACT),
        ("one thousand", num(1000), vec![], EXACT),
        ("Lenin", num(3), vec![], wrong(Miss::NotANumber)),
        ("a dozen", num(12), vec!["a dozen", "dozen"], EXACT),
        ("-40", num(-40), vec![], EXACT),
        // digits inside text answers are never forgiven
        ("1917", text("1917"), vec![], EXACT),
        ("1928", text("1927"), vec![], WRONG),
        ("3", text("three"), vec![], EXACT),
        (
            "Revolution of 1906",
            text("Revolution of 1905"),
            vec![],
            WRONG,
        ),
        (
            "Revolutoin of 1905",
            text("Revolution of 1905"),
            vec![],
            typo("Revolution of 1905"),
        ),
        ("1,000 km", text("1000 km"), vec![], typo("1000 km")),
        ("Len1n", text("Lenin"), vec![], WRONG),
        ("314", text("3.14"), vec![], WRONG),
        ("3.140", text("3.14"), vec![], EXACT),
        // month dates
        ("January 1929", month(1929, 1), vec![], EXACT),
        ("Jan 1929", month(1929, 1), vec![], EXACT),
        ("Jan. 1929", month(1929, 1), vec![], EXACT),
        ("jan 1929", month(1929, 1), vec![], EXACT),
        ("1929-01", month(1929, 1), vec![], EXACT),
        ("1929-1", month(1929, 1), vec![], EXACT),
        ("01/1929", month(1929, 1), vec![], EXACT),
        ("1/1929", month(1929, 1), vec![], EXACT),
        ("January, 1929", month(1929, 1), vec![], EXACT),
        ("20 January 1929", month(1929, 1), vec![], EXACT),
        ("Sept 1929", month(1929, 9), vec![], EXACT),
        ("September 1929", month(1929, 9), vec![], EXACT),
        (
            "Febuary 1929",
            month(1929, 2),
            vec![],
            typo("February 1929"),
        ),
        (
            "February 1929",
            month(1929, 1),
            vec![],
            wrong(Miss::WrongMonth),
        ),
        ("1929-02", month(1929, 1), vec![], wrong(Miss::WrongMonth)),
        (
            "January 1928",
            month(1929, 1),
            vec![],
            wrong(Miss::WrongYear),
        ),
        ("March 1930", month(1929, 1), vec![], WRONG),
        ("1929", month(1929, 1), vec![], wrong(Miss::MissingMonth)),
        ("1930", month(1929, 1), vec![], WRONG),
        ("January", month(1929, 1), vec![], wrong(Miss::MissingYear)),
        ("soon", month(1929, 1), vec![], wrong(Miss::NotADate)),
        ("13/1929", month(1929, 1), vec![], wrong(Miss::NotADate)),
        ("winter 1929", month(1929, 1), vec!["winter 1929"], EXACT),
        // empty responses
        ("", text("Trotsky"), vec![], Verdict::Empty),
        ("   ", num(1929), vec![], Verdict::Empty),
        ("\t\n", month(1929, 1), vec![], Verdict::Empty),
    ]
}

#[test]
fn table_of_responses() {
    let table = table();
    assert!(table.len() >= 60, "only {} cases", table.len());
    let mut failures = Vec::new();
    for (response, answer, accept, expected) in &table {
        let accept: Vec<String> = accept.iter().map(|s| (*s).to_owned()).collect();
        let got = check(response, answer, &accept);
        if got != *expected {
            failures.push(format!(
                "{response:?} against {answer:?} {accept:?}: got {got:?}, want {expected:?}"
            ));
        }
        assert_eq!(
            got.is_correct(),
            matches!(expected, Verdict::Exact | Verdict::Typo { .. })
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn normalize_examples() {
    assert_eq!(
        normalize("  The  Revolution—Betrayed! "),
        "revolution betrayed"
    );
    assert_eq!(
        normalize("Straße, Æsir, Œuvre, Ørsted, Łódź"),
        "strasse aesir oeuvre orsted lodz"
    );
    assert_eq!(normalize("ﬁnal"), "final");
    assert_eq!(normalize("don’t"), "dont");
    assert_eq!(normalize("the a an"), "an");
    assert_eq!(normalize("The"), "the");
    assert_eq!(normalize("ΟΔΟΣ"), normalize("οδος"));
    assert_eq!(normalize("ᾳ"), normalize("ᾼ"));
    assert_eq!(normalize("Ёлка"), "елка");
    assert_eq!(normalize("100% C# $5"), "100% c# $5");
    assert_eq!(normalize("...!?"), "");
}

#[test]
fn typed_multiple_choice_rejects_distractors() {
    let answer = text("Australia");
    let options = vec!["Austria".to_owned(), "Austrasia".to_owned()];
    assert_eq!(check(" australia", &answer, &[]), EXACT);
    assert_eq!(check("Austria", &answer, &[]), typo("Australia"));
    assert_eq!(check_excluding("Austria", &answer, &[], &options), WRONG);
    assert_eq!(check_excluding("Austrasia", &answer, &[], &options), WRONG);
    assert_eq!(
        check_excluding("Australai", &answer, &[], &options),
        typo("Australia")
    );
    assert_eq!(
        check_text_excluding("Australia", &["Australia"], &["Australia"]),
        EXACT
    );
}

#[test]
fn true_false_words() {
    for yes in [
        "true", "True", "T", "yes", "Y", "right", "correct", " TRUE. ",
    ] {
        assert_eq!(check_bool(yes, true), EXACT, "{yes:?}");
        assert_eq!(check_bool(yes, false), WRONG, "{yes:?}");
    }
    for no in ["false", "F", "no", "n", "wrong", "incorrect", "No!"] {
        assert_eq!(check_bool(no, false), EXACT, "{no:?}");
        assert_eq!(check_bool(no, true), WRONG, "{no:?}");
    }
    assert_eq!(check_bool("", true), Verdict::Empty);
    assert_eq!(check_bool("1", true), wrong(Miss::NotTrueOrFalse));
    assert_eq!(check_bool("maybe", false), wrong(Miss::NotTrueOrFalse));
}

#[test]
fn cloze_and_choice_texts_go_through_check_text() {
    assert_eq!(
        check_text("permanent revolution", &["Permanent Revolution"]),
        EXACT
    );
    assert_eq!(check_text("", &["x"]), Verdict::Empty);
    assert_eq!(check_text("anything", &[]), WRONG);
    assert_eq!(check_text("Mexico", &["Mexico City", "Mexico"]), EXACT);
}

#[test]
fn closest_and_near_miss() {
    assert_eq!(closest("almaty", &["Alma-Ata", "Almaty"]), Some("Almaty"));
    assert_eq!(closest("x", &[]), None);
    let (shown, segments) = near_miss("Trotksy", &text("Trotsky"), &[]).unwrap();
    assert_eq!(shown, "Trotsky");
    assert!(segments.iter().any(|s| !matches!(s, Segment::Same(_))));
    let (shown, _) = near_miss("1928", &num(1929), &[]).unwrap();
    assert_eq!(shown, "1929");
    let (shown, _) = near_miss("Feb 1929", &month(1929, 1), &[]).unwrap();
    assert_eq!(shown, "January 1929");
    assert_eq!(near_miss("  ", &text("x"), &[]), None);
}

fn same(s: &str) -> Segment {
    Segment::Same(s.to_owned())
}

fn missing(s: &str) -> Segment {
    Segment::Missing(s.to_owned())
}

fn extra(s: &str) -> Segment {
    Segment::Extra(s.to_owned())
}

fn changed(typed: &str, expected: &str) -> Segment {
    Segment::Changed {
        typed: typed.to_owned(),
        expected: expected.to_owned(),
    }
}

#[test]
fn diff_segments() {
    assert_eq!(diff("Trotsky", "Trotsky"), Some(vec![same("Trotsky")]));
    assert_eq!(diff("trotsky", "Trotsky"), Some(vec![same("Trotsky")]));
    assert_eq!(diff("Zinovyev", "Zinóvyev"), Some(vec![same("Zinóvyev")]));
    assert_eq!(
        diff("Trtsky", "Trotsky"),
        Some(vec![same("Tr"), missing("o"), same("tsky")])
    );
    assert_eq!(
        diff("Trottsky", "Trotsky"),
        Some(vec![same("Trot"), extra("t"), same("sky")])
    );
    assert_eq!(
        diff("Lenim", "Lenin"),
        Some(vec![same("Leni"), changed("m", "n")])
    );
    assert_eq!(diff("alma ata", "Alma-Ata"), Some(vec![same("Alma-Ata")]));
    assert_eq!(diff("", "abc"), Some(vec![missing("abc")]));
    assert_eq!(diff("abc", ""), Some(vec![extra("abc")]));
    assert_eq!(diff("", ""), Some(vec![]));
    assert_eq!(diff("  a   b ", "a b"), Some(vec![same("a b")]));
    let long = "x".repeat(MAX_DIFF_CHARS + 1);
    assert_eq!(diff(&long, "x"), None);
    assert_eq!(diff("x", &long), None);
    assert!(diff(&long[1..], &long[1..]).is_some());
}

/// Folding every character twice gives what folding it once gave, and upper and lower case
/// fold alike: checked for every assigned Unicode character (unassigned ones are kept as
/// they are).
#[test]
fn every_character_folds_to_a_fixed_point() {
    let mut bad = Vec::new();
    let assigned = (0..=0x10_FFFF_u32)
        .filter_map(char::from_u32)
        .filter(|&c| unicode_normalization::char::is_public_assigned(c));
    for c in assigned {
        let s = c.to_string();
        let once = normalize(&s);
        if normalize(&once) != once {
            bad.push(format!("{c:?} U+{:04X} idempotence", c as u32));
        }
        let upper: String = c.to_uppercase().collect();
        let lower: String = c.to_lowercase().collect();
        if normalize(&upper) != normalize(&lower) {
            bad.push(format!("{c:?} U+{:04X} case", c as u32));
        }
    }
    assert!(
        bad.is_empty(),
        "{} chars: {:?}",
        bad.len(),
        &bad[..bad.len().min(40)]
    );
}

/// Diff sides put back together give the (collapsed) inputs, up to folding in `Same`.
fn rebuild(segments: &[Segment]) -> (String, String) {
    let (mut typed, mut expected) = (String::new(), String::new());
    for s in segments {
        match s {
            Segment::Same(t) => {
                typed.push_str(t);
                expected.push_str(t);
            }
            Segment::Missing(t) => expected.push_str(t),
            Segment::Extra(t) => typed.push_str(t),
            Segment::Changed {
                typed: t,
                expected: e,
            } => {
                typed.push_str(t);
                expected.push_str(e);
            }
        }
    }
    (typed, expected)
}

fn words() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[A-Za-zÀ-ÿßæœøłŁ'’ .,-]{0,24}").unwrap()
}

fn any_answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        any::<String>().prop_map(Answer::Text),
        any::<i64>().prop_map(Answer::Number),
        (any::<i32>(), any::<u32>()).prop_map(|(year, month)| Answer::Month { year, month }),
        (any::<i32>(), 0..=13_u32).prop_map(|(year, month)| Answer::Month { year, month }),
        (1..=9999_i32, 1..=12_u32).prop_map(|(year, month)| Answer::Month { year, month }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn nothing_panics(
        response in any::<String>(),
        answer in any_answer(),
        accept in proptest::collection::vec(any::<String>(), 0..3),
        other in any::<String>(),
    ) {
        let _ = check(&response, &answer, &accept);
        let _ = check_excluding(&response, &answer, &accept, &accept);
        let _ = check_text(&response, &[&other]);
        let _ = check_bool(&response, true);
        let _ = diff(&response, &other);
        let _ = closest(&response, &[&other]);
        let _ = near_miss(&response, &answer, &accept);
    }

    #[test]
    fn date_and_number_shapes_never_panic(
        response in "[0-9a-zA-Z.,/ -]{0,20}",
        year in any::<i32>(),
        month in any::<u32>(),
        n in any::<i64>(),
    ) {
        let _ = check(&response, &Answer::Month { year, month }, &[]);
        let _ = check(&response, &Answer::Number(n), &[]);
    }

    #[test]
    fn normalize_is_idempotent(s in any::<String>()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn normalize_is_idempotent_on_words(s in words()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn an_answer_matches_itself(s in any::<String>(), n in any::<i64>(), year in 1..=9999_i32, m in 1..=12_u32) {
        let verdict = check(&s, &Answer::Text(s.clone()), &[]);
        if s.trim().is_empty() {
            prop_assert_eq!(verdict, Verdict::Empty);
        } else {
            prop_assert_eq!(verdict, Verdict::Exact);
        }
        prop_assert_eq!(check(&n.to_string(), &Answer::Number(n), &[]), Verdict::Exact);
        let date = Answer::Month { year, month: m };
        prop_assert_eq!(check(&date.display(), &date, &[]), Verdict::Exact);
    }

    #[test]
    fn case_does_not_matter(response in any::<String>(), expected in any::<String>()) {
        let answer = Answer::Text(expected);
        prop_assert_eq!(
            check(&response.to_uppercase(), &answer, &[]),
            check(&response.to_lowercase(), &answer, &[])
        );
    }

    #[test]
    fn case_does_not_matter_in_words(response in words(), expected in words()) {
        let answer = Answer::Text(expected.clone());
        let upper = check(&response.to_uppercase(), &answer, &[]);
        prop_assert_eq!(&upper, &check(&response.to_lowercase(), &answer, &[]));
        let upper_answer = Answer::Text(expected.to_uppercase());
        prop_assert_eq!(upper.is_correct(), check(&response, &upper_answer, &[]).is_correct());
    }

    #[test]
    fn diff_rebuilds_both_sides(response in words(), expected in words()) {
        let segments = diff(&response, &expected).unwrap();
        let (typed, wanted) = rebuild(&segments);
        let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert_eq!(typed.chars().count(), collapse(&response).chars().count());
        prop_assert_eq!(wanted, collapse(&expected));
        for pair in segments.windows(2) {
            prop_assert_ne!(std::mem::discriminant(&pair[0]), std::mem::discriminant(&pair[1]));
        }
    }
}
