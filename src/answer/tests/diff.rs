//! Tests of what a near miss shows: the closest wording and the diff of the response
//! against it.

use super::*;

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
