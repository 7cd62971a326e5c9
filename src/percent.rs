//! Whole percentages for people: 2 of 3 is 67%, and only a perfect score shows 100% (199 of
//! 200 is 99%, not 100%), only a blank one 0%.

/// `part` of `whole` as a whole percentage, rounded to the nearest, but never 100 unless
/// `part == whole` nor 0 unless `part == 0`. `None` when `whole` is 0.
#[must_use]
pub fn percent(part: usize, whole: usize) -> Option<usize> {
    let rounded = (part.saturating_mul(100).saturating_add(whole / 2)).checked_div(whole)?;
    Some(if part >= whole {
        rounded
    } else if part == 0 {
        0
    } else {
        rounded.clamp(1, 99)
    })
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn percentages_round_to_the_nearest_but_keep_0_and_100_for_exact_scores() {
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(1, 8), Some(13));
        assert_eq!(percent(1, 200), Some(1));
        assert_eq!(percent(1, 201), Some(1), "something right is never 0%");
        assert_eq!(percent(199, 200), Some(99), "not all right is never 100%");
        assert_eq!(percent(3, 3), Some(100));
        assert_eq!(percent(0, 7), Some(0));
        assert_eq!(percent(0, 0), None);
    }
}
