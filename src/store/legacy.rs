//! The old `user.ron` store (recent situations, favourites, copy counts), saved crash-safe: write
//! a temp file, fsync, rename. A file we cannot read is kept aside, never overwritten. Kept until
//! the window uses [`super::Db`]; the database imports this file once.

use super::write_atomic;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Most recent situations kept.
pub const MAX_RECENT_SITUATIONS: usize = 8;

/// Everything the user builds up by using the app. Keyed by stable ids, never display text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserData {
    /// Tough-call tag sets used, most recent first (each a list of tag ids).
    pub recent_situations: Vec<Vec<String>>,
    /// Favourite skill or phrase ids.
    pub favorites: Vec<String>,
    /// How often each phrase id was copied.
    pub copies: BTreeMap<String, u32>,
}

impl UserData {
    /// Records a tough-call situation as the most recent (moving it up if already there).
    pub fn remember_situation(&mut self, tags: &[String]) {
        if tags.is_empty() {
            return;
        }
        let mut key = tags.to_vec();
        key.sort();
        self.recent_situations.retain(|s| {
            let mut s = s.clone();
            s.sort();
            s != key
        });
        self.recent_situations.insert(0, tags.to_vec());
        self.recent_situations.truncate(MAX_RECENT_SITUATIONS);
    }

    /// Counts one copy of a phrase (saturating: a count at `u32::MAX` stays there).
    pub fn count_copy(&mut self, phrase_id: &str) {
        let n = self.copies.entry(phrase_id.to_string()).or_default();
        *n = n.saturating_add(1);
    }
}

/// What happened when loading user data, for the window to tell the user.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadNote {
    /// No file yet: a fresh start.
    Fresh,
    /// Read fine.
    Loaded,
    /// The file could not be read; it was moved to this path and a fresh one begun.
    KeptAside {
        /// Why it could not be read.
        reason: String,
        /// Where the unreadable file now is.
        moved_to: PathBuf,
    },
}

/// Where user data lives and how it is saved.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    /// Set when an unreadable file could not be moved aside: saving would overwrite it.
    blocked: bool,
}

impl Store {
    /// A store for the file `user.ron` in `dir`.
    pub fn in_dir(dir: &Path) -> Store {
        Store {
            path: dir.join("user.ron"),
            blocked: false,
        }
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Loads the data. A file that is not readable data is renamed to `user.ron.unreadable-N`
    /// (kept for the user) and a fresh set returned.
    pub fn load(&mut self) -> (UserData, LoadNote) {
        let text = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (UserData::default(), LoadNote::Fresh),
            Err(e) => return self.keep_aside(format!("cannot read: {e}")),
        };
        let parsed = String::from_utf8(text)
            .map_err(|e| e.to_string())
            .and_then(|t| ron::from_str::<UserData>(&t).map_err(|e| e.to_string()));
        match parsed {
            Ok(d) => (d, LoadNote::Loaded),
            Err(reason) => self.keep_aside(reason),
        }
    }

    fn keep_aside(&mut self, reason: String) -> (UserData, LoadNote) {
        let moved_to = (1..)
            .map(|n| self.path.with_extension(format!("ron.unreadable-{n}")))
            .find(|p| !p.exists())
            .unwrap_or_else(|| self.path.with_extension("ron.unreadable"));
        match std::fs::rename(&self.path, &moved_to) {
            Ok(()) => (UserData::default(), LoadNote::KeptAside { reason, moved_to }),
            // It could not be moved: never save over it.
            Err(e) => {
                self.blocked = true;
                (
                    UserData::default(),
                    LoadNote::KeptAside {
                        reason: format!(
                            "{reason}; it could not be moved aside ({e}), so nothing will be saved over it"
                        ),
                        moved_to: self.path.clone(),
                    },
                )
            }
        }
    }

    /// Saves crash-safe (temp file, fsync, rename).
    pub fn save(&self, data: &UserData) -> std::io::Result<()> {
        if self.blocked {
            return Err(std::io::Error::other(format!(
                "not saving: {} could not be read or moved aside",
                self.path.display()
            )));
        }
        let text = ron::ser::to_string_pretty(data, ron::ser::PrettyConfig::default())
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        write_atomic(&self.path, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_starts_fresh() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::in_dir(dir.path());
        assert_eq!(store.load().1, LoadNote::Fresh);
        let mut d = UserData::default();
        d.remember_situation(&["angry".into(), "delayed-shipment".into()]);
        d.count_copy("empathy-x");
        d.count_copy("empathy-x");
        store.save(&d).unwrap();
        let (back, note) = store.load();
        assert_eq!(note, LoadNote::Loaded);
        assert_eq!(back, d);
        assert_eq!(back.copies["empathy-x"], 2);
        d.copies.insert("max".into(), u32::MAX);
        d.count_copy("max");
        assert_eq!(d.copies["max"], u32::MAX);
    }

    #[test]
    fn unreadable_file_is_kept_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::in_dir(dir.path());
        std::fs::write(store.path(), "this is (not ron").unwrap();
        let (d, note) = store.load();
        assert_eq!(d, UserData::default());
        let LoadNote::KeptAside { moved_to, .. } = note else {
            panic!("expected kept aside, got {note:?}")
        };
        assert_eq!(std::fs::read_to_string(&moved_to).unwrap(), "this is (not ron");
        store.save(&d).unwrap();
        assert_eq!(std::fs::read_to_string(&moved_to).unwrap(), "this is (not ron");
    }

    #[test]
    fn recent_situations_move_up_and_are_capped() {
        let mut d = UserData::default();
        for i in 0..12 {
            d.remember_situation(&[format!("t{i}")]);
        }
        d.remember_situation(&["t5".into()]);
        assert_eq!(d.recent_situations.len(), MAX_RECENT_SITUATIONS);
        assert_eq!(d.recent_situations[0], vec!["t5".to_string()]);
        assert_eq!(d.recent_situations.iter().filter(|s| s[0] == "t5").count(), 1);
        d.remember_situation(&["b".into(), "a".into()]);
        d.remember_situation(&["a".into(), "b".into()]);
        assert_eq!(d.recent_situations.iter().filter(|s| s.len() == 2).count(), 1);
    }
}
