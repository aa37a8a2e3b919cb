//! The copy history: every copy of a card with its time. "Recently copied" and "Most used this
//! week" are queries over it; `now` is always a parameter.

use super::{Db, Millis, StoreError};
use rusqlite::params;
use std::collections::HashMap;

/// One day in [`Millis`].
pub const DAY_MS: Millis = 24 * 60 * 60 * 1000;
/// One week in [`Millis`] (the window of "Most used this week").
pub const WEEK_MS: Millis = 7 * DAY_MS;

/// A card id and how many times it was copied (saturating at `u32::MAX`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CopyCount {
    /// The card id.
    pub id: String,
    /// Copies counted.
    pub count: u32,
}

/// SQLite's integer sum as a count that never overflows.
fn saturate(n: i64) -> u32 {
    n.clamp(0, u32::MAX as i64) as u32
}

impl Db {
    /// Records one copy of card `id` at time `at`.
    pub fn record_copy(&mut self, id: &str, at: Millis) -> Result<(), StoreError> {
        let mut st = self
            .conn
            .prepare_cached("INSERT INTO copies (card_id, at, count) VALUES (?1, ?2, 1)")?;
        st.execute(params![id, at])?;
        Ok(())
    }

    /// Records one copy of each card in `ids` (a reply built from several cards), in one
    /// transaction; a card listed twice counts twice.
    pub fn record_copies(&mut self, ids: &[String], at: Millis) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        {
            let mut st = tx.prepare_cached("INSERT INTO copies (card_id, at, count) VALUES (?1, ?2, 1)")?;
            for id in ids {
                st.execute(params![id, at])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Distinct card ids, most recently copied first, copied at or before `now`; at most `limit`.
    pub fn recently_copied(&self, now: Millis, limit: usize) -> Result<Vec<String>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT card_id FROM copies WHERE at IS NOT NULL AND at <= ?1
             GROUP BY card_id ORDER BY MAX(at) DESC, MAX(seq) DESC LIMIT ?2",
        )?;
        let rows = st.query_map(params![now, limit as i64], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The cards copied most in the `window` before `now` (e.g. [`WEEK_MS`]), most first
    /// (ties: the more recent first); at most `limit`.
    pub fn most_used(&self, now: Millis, window: Millis, limit: usize) -> Result<Vec<CopyCount>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT card_id, SUM(count) AS n FROM copies
             WHERE at IS NOT NULL AND at > ?1 AND at <= ?2
             GROUP BY card_id ORDER BY n DESC, MAX(at) DESC, card_id LIMIT ?3",
        )?;
        let rows = st.query_map(params![now.saturating_sub(window), now, limit as i64], |r| {
            Ok(CopyCount {
                id: r.get(0)?,
                count: saturate(r.get(1)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every card's copies of all time (including counts imported from `user.ron`).
    pub fn copy_counts(&self) -> Result<HashMap<String, u32>, StoreError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT card_id, SUM(count) FROM copies GROUP BY card_id")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, saturate(r.get(1)?))))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: Millis = 1_700_000_000_000;

    #[test]
    fn recently_copied_is_distinct_latest_first_and_respects_now() {
        let mut db = Db::open_in_memory().unwrap();
        db.record_copy("a", T0).unwrap();
        db.record_copy("b", T0 + 10).unwrap();
        db.record_copy("a", T0 + 20).unwrap();
        db.record_copy("c", T0 + 30).unwrap();
        assert_eq!(db.recently_copied(T0 + 100, 10).unwrap(), ["c", "a", "b"]);
        assert_eq!(db.recently_copied(T0 + 100, 2).unwrap(), ["c", "a"]);
        assert_eq!(db.recently_copied(T0 + 15, 10).unwrap(), ["b", "a"]);
        // Same millisecond: the later write wins.
        db.record_copy("b", T0 + 30).unwrap();
        assert_eq!(db.recently_copied(T0 + 100, 1).unwrap(), ["b"]);
    }

    #[test]
    fn a_reply_of_several_cards_counts_each() {
        let mut db = Db::open_in_memory().unwrap();
        db.record_copies(&["a".into(), "b".into(), "a".into()], T0).unwrap();
        let counts = db.copy_counts().unwrap();
        assert_eq!((counts["a"], counts["b"]), (2, 1));
        assert_eq!(db.recently_copied(T0, 5).unwrap(), ["a", "b"]);
    }

    #[test]
    fn most_used_counts_only_the_window() {
        let mut db = Db::open_in_memory().unwrap();
        let now = T0 + 30 * DAY_MS;
        for _ in 0..5 {
            db.record_copy("old", now - 8 * DAY_MS).unwrap();
        }
        for _ in 0..3 {
            db.record_copy("x", now - DAY_MS).unwrap();
        }
        db.record_copy("y", now - 2 * DAY_MS).unwrap();
        db.record_copy("y", now - DAY_MS).unwrap();
        db.record_copy("future", now + 1).unwrap();
        let week = db.most_used(now, WEEK_MS, 10).unwrap();
        let got: Vec<(&str, u32)> = week.iter().map(|c| (c.id.as_str(), c.count)).collect();
        assert_eq!(got, [("x", 3), ("y", 2)]);
        assert_eq!(db.most_used(now, 30 * DAY_MS, 1).unwrap()[0].id, "old");
        assert_eq!(db.copy_counts().unwrap()["old"], 5);
    }

    #[test]
    fn counts_saturate() {
        let mut db = Db::open_in_memory().unwrap();
        db.conn
            .execute(
                "INSERT INTO copies (card_id, at, count) VALUES ('big', NULL, ?1)",
                [u32::MAX as i64],
            )
            .unwrap();
        db.record_copy("big", T0).unwrap();
        assert_eq!(db.copy_counts().unwrap()["big"], u32::MAX);
        assert_eq!(saturate(-3), 0);
    }
}
