//! Recent tough-call situations (sets of tag ids), most recent first, capped.

use super::{Db, MAX_RECENT_SITUATIONS, StoreError};
use rusqlite::{Transaction, TransactionBehavior, params};

/// The key that makes `[a, b]` and `[b, a]` the same situation.
pub(crate) fn situation_key(tags: &[String]) -> String {
    let mut sorted: Vec<&str> = tags.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    sorted.dedup();
    sorted.join("\n")
}

/// Puts `tags` on top (or moves it there) inside `tx`, then trims to the cap.
pub(crate) fn remember_in(tx: &Transaction<'_>, tags: &[String]) -> Result<(), StoreError> {
    let json = serde_json::to_string(tags).expect("strings serialize");
    tx.execute(
        "INSERT INTO situations (key, tags, seq) VALUES (?1, ?2, (SELECT COALESCE(MAX(seq), 0) + 1 FROM situations))
         ON CONFLICT(key) DO UPDATE SET tags = excluded.tags, seq = excluded.seq",
        params![situation_key(tags), json],
    )?;
    tx.execute(
        "DELETE FROM situations WHERE key NOT IN (SELECT key FROM situations ORDER BY seq DESC LIMIT ?1)",
        [MAX_RECENT_SITUATIONS as i64],
    )?;
    Ok(())
}

impl Db {
    /// Records a tough-call situation (tag ids, in the order picked) as the most recent, moving it
    /// up if the same set was there. Keeps [`MAX_RECENT_SITUATIONS`]. An empty set is ignored.
    pub fn remember_situation(&mut self, tags: &[String]) -> Result<(), StoreError> {
        if tags.is_empty() {
            return Ok(());
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        remember_in(&tx, tags)?;
        tx.commit()?;
        Ok(())
    }

    /// Recent situations, most recent first (each the tag ids as picked).
    pub fn recent_situations(&self) -> Result<Vec<Vec<String>>, StoreError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT tags FROM situations ORDER BY seq DESC")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for json in rows {
            // A row we cannot read is skipped, not fatal.
            if let Ok(tags) = serde_json::from_str::<Vec<String>>(&json?) {
                out.push(tags);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn most_recent_first_moved_up_and_capped() {
        let mut db = Db::open_in_memory().unwrap();
        for i in 0..12 {
            db.remember_situation(&[format!("t{i}")]).unwrap();
        }
        db.remember_situation(&s(&["t5"])).unwrap();
        let recent = db.recent_situations().unwrap();
        assert_eq!(recent.len(), MAX_RECENT_SITUATIONS);
        assert_eq!(recent[0], s(&["t5"]));
        assert_eq!(recent[1], s(&["t11"]));
        assert_eq!(recent.iter().filter(|r| r[0] == "t5").count(), 1);
        db.remember_situation(&s(&["b", "a"])).unwrap();
        db.remember_situation(&s(&["a", "b"])).unwrap();
        let recent = db.recent_situations().unwrap();
        assert_eq!(recent[0], s(&["a", "b"]));
        assert_eq!(recent.iter().filter(|r| r.len() == 2).count(), 1);
        db.remember_situation(&[]).unwrap();
        assert_eq!(db.recent_situations().unwrap().len(), MAX_RECENT_SITUATIONS);
    }
}
