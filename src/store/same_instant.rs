//! The order of a card's study answers that carry the same millisecond, for the replay of an
//! import. A fixed clock (`RECALL_NOW`) gives every answer of a session one time, so a card
//! answered twice in it has two reviews whose ids (time, then random bits) order them at
//! random. Their recorded states still tell the order they were given in: each answer's
//! `before` is the `after` of the answer given just before it.

use super::{Result, StoreError};
use crate::scheduler::Rating;

/// One of the answers sharing a time.
struct Tied {
    rating: Rating,
    /// The encoded states; answers of one time are encoded alike, so equal bytes are equal
    /// states.
    before: Option<Vec<u8>>,
    after: Vec<u8>,
}

/// The ratings of the study answers of card `card` at `ms` (Unix milliseconds), in the
/// order they were given. Reads only the reviews of that millisecond: review ids start with
/// their time, so they are a range of the primary key.
///
/// # Errors
/// SQLite failed or a rating is out of range.
pub(super) fn ratings_at(conn: &rusqlite::Connection, card: i64, ms: i64) -> Result<Vec<Rating>> {
    let bound = |ms: i64| super::ReviewId::key_floor(ms.cast_unsigned());
    let mut stmt = conn.prepare_cached(
        "SELECT rating, before, after FROM review \
         WHERE id >= ?1 AND id < ?2 AND card = ?3 AND mode = 0 ORDER BY id",
    )?;
    let mut rows = stmt.query(rusqlite::params![&bound(ms)[..], &bound(ms + 1)[..], card])?;
    let mut group = Vec::new();
    while let Some(r) = rows.next()? {
        let code: i64 = r.get(0)?;
        let rating = u8::try_from(code)
            .ok()
            .and_then(Rating::from_u8)
            .ok_or_else(|| StoreError::BadData(format!("rating {code}")))?;
        group.push(Tied {
            rating,
            before: r.get(1)?,
            after: r.get(2)?,
        });
    }
    Ok(chain(group))
}

/// The ratings of `group` (in id order) in the order their states chain: first the answer
/// whose `before` is no other's `after`, then each one whose `before` is the last one's
/// `after`. What does not chain (logs of two machines that answered the card at the same
/// millisecond) follows in id order.
fn chain(mut group: Vec<Tied>) -> Vec<Rating> {
    let follows = |a: &Tied, b: &Tied| b.before.as_ref() == Some(&a.after);
    let head = (0..group.len())
        .find(|&i| !(0..group.len()).any(|j| j != i && follows(&group[j], &group[i])))
        .unwrap_or(0);
    if group.is_empty() {
        return Vec::new();
    }
    let mut current = group.remove(head);
    let mut order = Vec::with_capacity(group.len() + 1);
    loop {
        let next = group.iter().position(|t| follows(&current, t));
        order.push(current.rating);
        match next {
            Some(i) => current = group.remove(i),
            None => break,
        }
    }
    order.extend(group.into_iter().map(|t| t.rating));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tied(rating: Rating, before: Option<u8>, after: u8) -> Tied {
        Tied {
            rating,
            before: before.map(|b| vec![b]),
            after: vec![after],
        }
    }

    #[test]
    fn answers_follow_their_states_not_their_ids() {
        // Given Good (new → 1), then Again (1 → 2), then Hard (2 → 3); stored in another order.
        let group = vec![
            tied(Rating::Hard, Some(2), 3),
            tied(Rating::Good, None, 1),
            tied(Rating::Again, Some(1), 2),
        ];
        assert_eq!(chain(group), [Rating::Good, Rating::Again, Rating::Hard]);
        // A first answer that had a state before it.
        let group = vec![
            tied(Rating::Easy, Some(7), 8),
            tied(Rating::Hard, Some(5), 7),
        ];
        assert_eq!(chain(group), [Rating::Hard, Rating::Easy]);
        // Two answers from the same state (two machines): id order.
        let group = vec![
            tied(Rating::Easy, Some(5), 8),
            tied(Rating::Hard, Some(5), 7),
        ];
        assert_eq!(chain(group), [Rating::Easy, Rating::Hard]);
    }
}
