//! Everything the window shows from the rep's data, read in one go, so a frame never queries the
//! database: read a [`UserSnapshot`] at start and again after each write.

use super::{CopyCount, Db, Millis, OwnCard, StoreError, WEEK_MS};
use std::collections::HashMap;

/// How many "Recently copied" and "Most used this week" entries a snapshot keeps.
pub const SNAPSHOT_LIST_LIMIT: usize = 10;

/// The rep's data as the window shows it. `Default` is a fresh start (for tests and previews).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserSnapshot {
    /// Favorite skill or card ids, in the rep's order.
    pub favorites: Vec<String>,
    /// Card ids most recently copied first.
    pub recently_copied: Vec<String>,
    /// The cards copied most in the week before the snapshot.
    pub most_used_week: Vec<CopyCount>,
    /// All-time copies per card id.
    pub copy_counts: HashMap<String, u32>,
    /// Recent tough-call situations (tag ids), most recent first.
    pub recent_situations: Vec<Vec<String>>,
    /// The rep's own cards, oldest first.
    pub own_cards: Vec<OwnCard>,
}

impl UserSnapshot {
    /// Whether `id` is starred.
    pub fn is_favorite(&self, id: &str) -> bool {
        self.favorites.iter().any(|f| f == id)
    }

    /// All-time copies of card `id`.
    pub fn copies(&self, id: &str) -> u32 {
        self.copy_counts.get(id).copied().unwrap_or(0)
    }
}

impl Db {
    /// Reads everything the window shows, as of `now`.
    pub fn snapshot(&self, now: Millis) -> Result<UserSnapshot, StoreError> {
        Ok(UserSnapshot {
            favorites: self.favorites()?,
            recently_copied: self.recently_copied(now, SNAPSHOT_LIST_LIMIT)?,
            most_used_week: self.most_used(now, WEEK_MS, SNAPSHOT_LIST_LIMIT)?,
            copy_counts: self.copy_counts()?,
            recent_situations: self.recent_situations()?,
            own_cards: self.own_cards()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::CardDraft;

    #[test]
    fn snapshot_reads_every_part() {
        let mut db = Db::open_in_memory().unwrap();
        assert_eq!(db.snapshot(0).unwrap(), UserSnapshot::default());
        let card = db
            .create_card(
                &CardDraft {
                    text: "Mine.".into(),
                    skill: "empathy".into(),
                    ..CardDraft::default()
                },
                1,
            )
            .unwrap();
        db.toggle_favorite(&card.id).unwrap();
        db.record_copy(&card.id, 5).unwrap();
        db.record_copy(&card.id, 6).unwrap();
        db.remember_situation(&["angry".into()]).unwrap();
        let s = db.snapshot(10).unwrap();
        assert!(s.is_favorite(&card.id) && !s.is_favorite("other"));
        assert_eq!(s.recently_copied, std::slice::from_ref(&card.id));
        assert_eq!(s.most_used_week[0].count, 2);
        assert_eq!((s.copies(&card.id), s.copies("other")), (2, 0));
        assert_eq!(s.recent_situations, [vec!["angry".to_string()]]);
        assert_eq!(s.own_cards, [card]);
    }
}
