//! Which items a name given on the command line means: `DECK/ITEM` or `ITEM`, where `ITEM`
//! is an item id as `recall log` prints it or a card id, which names every item of the card
//! (`orgburo` names `orgburo` and `orgburo:reverse`). Used by `suspend`, `unsuspend`,
//! `unbury` and `card`.

use std::collections::BTreeSet;

use crate::text::escape_controls;

/// Whether `name` names the item `item` of deck `deck`.
#[must_use]
pub fn names(name: &str, deck: &str, item: &str) -> bool {
    let (want_deck, want_item) = match name.split_once('/') {
        Some((d, i)) => (Some(d), i),
        None => (None, name),
    };
    want_deck.is_none_or(|d| d == deck)
        && (item == want_item
            || item
                .strip_prefix(want_item)
                .is_some_and(|rest| rest.starts_with(':')))
}

/// The indexes into `items` (deck id, item id) of what `wanted` name, sorted and without
/// repeats. Every name must match, and within one deck.
///
/// # Errors
/// One line per name that matches no item, or items of several decks.
pub fn resolve(wanted: &[String], items: &[(&str, &str)]) -> Result<Vec<usize>, Vec<String>> {
    let mut chosen = Vec::new();
    let mut problems = Vec::new();
    for name in wanted {
        let found: Vec<usize> = (0..items.len())
            .filter(|&i| names(name, items[i].0, items[i].1))
            .collect();
        let decks: BTreeSet<&str> = found.iter().map(|&i| items[i].0).collect();
        let shown = escape_controls(name);
        match decks.len() {
            0 => problems.push(format!("no item or card {shown} in this profile")),
            1 => chosen.extend(found),
            _ => problems.push(format!(
                "{shown} is in several decks ({}): name one as DECK/{shown}",
                decks.into_iter().collect::<Vec<_>>().join(", ")
            )),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    chosen.sort_by_key(|&i| items[i]);
    chosen.dedup();
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_id_names_its_items_and_a_deck_narrows_the_name() {
        assert!(names("orgburo", "t", "orgburo"));
        assert!(names("orgburo", "t", "orgburo:reverse"));
        assert!(names("t/orgburo:reverse", "t", "orgburo:reverse"));
        assert!(!names("t/orgburo:reverse", "t", "orgburo"));
        assert!(!names("orgburo", "t", "orgburo-head"));
        assert!(!names("u/orgburo", "t", "orgburo"));
        assert!(names("exile:2", "t", "exile:2"));
        assert!(!names("exile:2", "t", "exile:20"));
    }

    #[test]
    fn every_name_must_match_in_one_deck() {
        let items = [("t", "b"), ("t", "a:reverse"), ("t", "a"), ("u", "b")];
        assert_eq!(resolve(&["t/a".to_owned()], &items), Ok(vec![2, 1]));
        let problems = resolve(&["b".to_owned(), "zz".to_owned()], &items).unwrap_err();
        assert_eq!(problems.len(), 2);
        assert!(problems[0].contains("several decks (t, u)"), "{problems:?}");
        assert!(problems[1].contains("no item or card zz"), "{problems:?}");
    }
}
