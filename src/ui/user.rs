//! The rep's own data as the window shows it: favorites, recent and most-used cards, recent
//! situations and own cards, read from the store after each change (never every frame).

use crate::content::Source;
use crate::store::{self, CardDraft, CopyCount, Db, Move, OpenNote, Opened, OwnCard, StoreError, WEEK_MS};

/// Cards under "Recently copied".
const RECENT: usize = 3;
/// Cards under "Most used this week".
const MOST_USED: usize = 5;

/// The store and what the window last read from it.
pub struct UserView {
    db: Option<Db>,
    /// Favorite skill and card ids, in the rep's order.
    pub favorites: Vec<String>,
    /// Card ids, most recently copied first.
    pub recent: Vec<String>,
    /// The cards copied most in the last seven days.
    pub week: Vec<CopyCount>,
    /// Recent tough-call situations (tag ids), newest first.
    pub recent_situations: Vec<Vec<String>>,
    /// The rep's own cards.
    pub own: Vec<OwnCard>,
    /// The store's change counter when last read (moves when another program writes).
    seen_version: Option<i64>,
}

impl UserView {
    /// Over an opened store (or, with none, one in memory that saves nothing). Returns what
    /// opening had to say, for a notice.
    pub fn open(opened: Option<Opened>) -> (UserView, Vec<String>) {
        let (db, notes) = match opened {
            Some(o) => (Some(o.db), o.notes.iter().map(OpenNote::message).collect()),
            None => (Db::open_in_memory().ok(), Vec::new()),
        };
        let mut v = UserView {
            db,
            favorites: Vec::new(),
            recent: Vec::new(),
            week: Vec::new(),
            recent_situations: Vec::new(),
            own: Vec::new(),
            seen_version: None,
        };
        let mut notes = notes;
        if let Err(e) = v.reload() {
            notes.push(format!("Could not read your data: {e}"));
        }
        (v, notes)
    }

    /// Reads everything again if another program (a `callside` command, a second window) wrote
    /// since the last read; true if it did. Cheap: one pragma.
    pub fn reload_if_changed(&mut self) -> Result<bool, StoreError> {
        let Some(db) = &self.db else { return Ok(false) };
        let v = db.data_version()?;
        if self.seen_version == Some(v) {
            return Ok(false);
        }
        self.reload()?;
        Ok(true)
    }

    /// Reads everything shown again.
    pub fn reload(&mut self) -> Result<(), StoreError> {
        let Some(db) = &self.db else { return Ok(()) };
        self.seen_version = db.data_version().ok();
        let now = store::now_ms();
        self.favorites = db.favorites()?;
        self.recent = db.recently_copied(now, RECENT)?;
        self.week = db.most_used(now, WEEK_MS, MOST_USED + RECENT)?;
        self.recent_situations = db.recent_situations()?;
        self.own = db.own_cards()?;
        Ok(())
    }

    fn write<T>(&mut self, f: impl FnOnce(&mut Db) -> Result<T, StoreError>) -> Result<T, String> {
        let Some(db) = &mut self.db else {
            return Err("your data cannot be saved (no database)".into());
        };
        let out = f(db).map_err(|e| e.to_string())?;
        self.reload().map_err(|e| e.to_string())?;
        Ok(out)
    }

    /// Whether `id` is starred.
    pub fn is_favorite(&self, id: &str) -> bool {
        self.favorites.iter().any(|f| f == id)
    }

    /// Stars or unstars a skill or card; true if it is starred now.
    pub fn toggle_favorite(&mut self, id: &str) -> Result<bool, String> {
        self.write(|db| db.toggle_favorite(id))
    }

    /// Moves a favorite one place up or down.
    pub fn move_favorite(&mut self, id: &str, to: Move) -> Result<bool, String> {
        self.write(|db| db.move_favorite(id, to))
    }

    /// Records a copy of a card, now.
    pub fn record_copy(&mut self, id: &str) -> Result<(), String> {
        self.write(|db| db.record_copy(id, store::now_ms()))
    }

    /// Records one copy of each card of a reply, in one write.
    pub fn record_copies(&mut self, ids: &[String]) -> Result<(), String> {
        self.write(|db| db.record_copies(ids, store::now_ms()))
    }

    /// Remembers a tough-call situation.
    pub fn remember_situation(&mut self, tags: &[String]) -> Result<(), String> {
        self.write(|db| db.remember_situation(tags))
    }

    /// Saves a new card (`editing` None) or new content for one of the rep's cards.
    pub fn save_card(&mut self, draft: &CardDraft, editing: Option<&str>) -> Result<OwnCard, String> {
        let now = store::now_ms();
        self.write(|db| match editing {
            Some(id) => db.update_card(id, draft, now),
            None => db.create_card(draft, now),
        })
    }

    /// Deletes one of the rep's cards (kept for undo).
    pub fn delete_card(&mut self, id: &str) -> Result<OwnCard, String> {
        self.write(|db| db.delete_card(id, store::now_ms()))
    }

    /// Brings a deleted card back.
    pub fn restore_card(&mut self, id: &str) -> Result<OwnCard, String> {
        self.write(|db| db.restore_card(id))
    }

    /// The rep's cards as a pack for the content loader.
    pub fn own_source(&self) -> Source {
        store::own_pack_source(&self.own)
    }

    /// The rep's cards as a pack to share (ids renamed so they never collide with their own).
    pub fn export_text(&self) -> String {
        store::export_pack_text(&self.own)
    }

    /// Where the data lives (none in memory).
    pub fn folder(&self) -> Option<std::path::PathBuf> {
        self.db
            .as_ref()
            .and_then(|d| d.path())
            .and_then(|p| p.parent())
            .map(|p| p.to_path_buf())
    }
}
