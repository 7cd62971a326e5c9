//! Properties of the checker over generated input: nothing panics, folding is
//! idempotent and ignores case, an answer matches itself, a diff rebuilds both sides.

use proptest::prelude::*;

use super::*;

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

    /// Upper-casing the answer changes nothing but its Roman numerals ("charles ii" holds
    /// none, "CHARLES II" holds 2), so answers with a word of Roman letters are left out.
    #[test]
    fn case_does_not_matter_in_words(response in words(), expected in words()) {
        prop_assume!(!expected
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| !w.is_empty() && w.chars().all(|c| "ivxlIVXL".contains(c))));
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
