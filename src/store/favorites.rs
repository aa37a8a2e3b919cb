//! Favorites: skill or card ids in the order the rep sets.

use super::{Db, StoreError};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

/// Which way to move a favorite in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// One place towards the top.
    Up,
    /// One place towards the bottom.
    Down,
    /// To the top.
    First,
    /// To the bottom.
    Last,
}

impl Db {
    /// Favorite ids (skills or cards), in the rep's order.
    pub fn favorites(&self) -> Result<Vec<String>, StoreError> {
        let mut st = self.conn.prepare_cached("SELECT id FROM favorites ORDER BY pos, id")?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether `id` is a favorite.
    pub fn is_favorite(&self, id: &str) -> Result<bool, StoreError> {
        let mut st = self.conn.prepare_cached("SELECT 1 FROM favorites WHERE id = ?1")?;
        Ok(st.exists([id])?)
    }

    /// Adds `id` at the bottom of the favorites; `false` if it already was one.
    pub fn add_favorite(&mut self, id: &str) -> Result<bool, StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let added = tx.execute(
            "INSERT OR IGNORE INTO favorites (id, pos)
             VALUES (?1, (SELECT COALESCE(MAX(pos), 0) + 1 FROM favorites))",
            [id],
        )? == 1;
        tx.commit()?;
        Ok(added)
    }

    /// Removes `id` from the favorites; `false` if it was not one.
    pub fn remove_favorite(&mut self, id: &str) -> Result<bool, StoreError> {
        Ok(self.conn.execute("DELETE FROM favorites WHERE id = ?1", [id])? == 1)
    }

    /// Stars or unstars `id`; returns whether it is a favorite now.
    pub fn toggle_favorite(&mut self, id: &str) -> Result<bool, StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let removed = tx.execute("DELETE FROM favorites WHERE id = ?1", [id])? == 1;
        if !removed {
            tx.execute(
                "INSERT INTO favorites (id, pos) VALUES (?1, (SELECT COALESCE(MAX(pos), 0) + 1 FROM favorites))",
                [id],
            )?;
        }
        tx.commit()?;
        Ok(!removed)
    }

    /// Moves favorite `id` up, down, to the top or bottom; `false` if it is not a favorite or
    /// already at that end.
    pub fn move_favorite(&mut self, id: &str, to: Move) -> Result<bool, StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let Some(pos): Option<i64> = tx
            .query_row("SELECT pos FROM favorites WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
        else {
            return Ok(false);
        };
        let moved = match to {
            Move::Up | Move::Down => {
                let sql = if to == Move::Up {
                    "SELECT id, pos FROM favorites WHERE pos < ?1 OR (pos = ?1 AND id < ?2) ORDER BY pos DESC, id DESC LIMIT 1"
                } else {
                    "SELECT id, pos FROM favorites WHERE pos > ?1 OR (pos = ?1 AND id > ?2) ORDER BY pos, id LIMIT 1"
                };
                let other: Option<(String, i64)> = tx
                    .query_row(sql, params![pos, id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                match other {
                    Some((other_id, other_pos)) => {
                        // Equal positions (never written by us) are split so the swap shows.
                        let (mine, theirs) = if other_pos == pos {
                            if to == Move::Up { (pos, pos + 1) } else { (pos + 1, pos) }
                        } else {
                            (other_pos, pos)
                        };
                        tx.execute("UPDATE favorites SET pos = ?1 WHERE id = ?2", params![mine, id])?;
                        tx.execute("UPDATE favorites SET pos = ?1 WHERE id = ?2", params![theirs, other_id])?;
                        true
                    }
                    None => false,
                }
            }
            Move::First | Move::Last => {
                let sql = if to == Move::First {
                    "SELECT MIN(pos) - 1, COUNT(*) FROM favorites WHERE pos < ?1 OR (pos = ?1 AND id < ?2)"
                } else {
                    "SELECT MAX(pos) + 1, COUNT(*) FROM favorites WHERE pos > ?1 OR (pos = ?1 AND id > ?2)"
                };
                let (new_pos, others): (Option<i64>, i64) =
                    tx.query_row(sql, params![pos, id], |r| Ok((r.get(0)?, r.get(1)?)))?;
                match new_pos.filter(|_| others > 0) {
                    Some(p) => tx.execute("UPDATE favorites SET pos = ?1 WHERE id = ?2", params![p, id])? == 1,
                    None => false,
                }
            }
        };
        tx.commit()?;
        Ok(moved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db_with(ids: &[&str]) -> Db {
        let mut db = Db::open_in_memory().unwrap();
        for id in ids {
            assert!(db.add_favorite(id).unwrap());
        }
        db
    }

    #[test]
    fn adds_in_order_without_duplicates_and_removes() {
        let mut db = db_with(&["b", "a", "c"]);
        assert!(!db.add_favorite("a").unwrap());
        assert_eq!(db.favorites().unwrap(), ["b", "a", "c"]);
        assert!(db.remove_favorite("a").unwrap());
        assert!(!db.remove_favorite("a").unwrap());
        assert!(!db.is_favorite("a").unwrap());
        assert!(db.is_favorite("b").unwrap());
        assert_eq!(db.favorites().unwrap(), ["b", "c"]);
    }

    #[test]
    fn toggle_stars_and_unstars() {
        let mut db = db_with(&["x"]);
        assert!(db.toggle_favorite("y").unwrap());
        assert!(!db.toggle_favorite("x").unwrap());
        assert_eq!(db.favorites().unwrap(), ["y"]);
        assert!(db.toggle_favorite("x").unwrap());
        assert_eq!(db.favorites().unwrap(), ["y", "x"]);
    }

    #[test]
    fn moves_up_down_and_to_the_ends() {
        let mut db = db_with(&["a", "b", "c", "d"]);
        assert!(db.move_favorite("c", Move::Up).unwrap());
        assert_eq!(db.favorites().unwrap(), ["a", "c", "b", "d"]);
        assert!(db.move_favorite("a", Move::Down).unwrap());
        assert_eq!(db.favorites().unwrap(), ["c", "a", "b", "d"]);
        assert!(!db.move_favorite("c", Move::Up).unwrap());
        assert!(!db.move_favorite("d", Move::Down).unwrap());
        assert!(!db.move_favorite("nope", Move::Up).unwrap());
        assert!(db.move_favorite("d", Move::First).unwrap());
        assert_eq!(db.favorites().unwrap(), ["d", "c", "a", "b"]);
        assert!(db.move_favorite("c", Move::Last).unwrap());
        assert_eq!(db.favorites().unwrap(), ["d", "a", "b", "c"]);
        assert!(!db.move_favorite("c", Move::Last).unwrap());
        assert!(!db.move_favorite("d", Move::First).unwrap());
        // A removed one leaves a gap that moving steps over.
        db.remove_favorite("a").unwrap();
        assert!(db.move_favorite("b", Move::Up).unwrap());
        assert_eq!(db.favorites().unwrap(), ["b", "d", "c"]);
    }
}
