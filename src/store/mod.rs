//! The rep's own data — favorites, every copy with its time, their own cards, recent tough-call
//! situations — in a SQLite database (`callside.db` in the data folder). No egui here.
//!
//! - [`Db::open_in`] opens (or creates) the database: WAL mode so the window and a CLI command can
//!   write at the same moment, a `busy_timeout`, migrations by `user_version` (each step one
//!   transaction), a one-time import of the old `user.ron` (kept beside it), and a database that
//!   cannot be opened is moved aside byte-identical (`callside.db.unreadable-N`) with a
//!   [`OpenNote`] the window can show.
//! - Favorites ([`Db::favorites`], [`Db::toggle_favorite`], [`Db::move_favorite`]), the copy history
//!   ([`Db::record_copy`], [`Db::recently_copied`], [`Db::most_used`]) and recent situations
//!   ([`Db::remember_situation`]) hold stable ids only. Time is always passed in ([`Millis`]), so
//!   tests choose the clock; [`now_ms`] is the real one.
//! - Own cards ([`OwnCard`], [`CardDraft`], [`Db::create_card`], [`Db::update_card`],
//!   [`Db::delete_card`] + [`Db::restore_card`] for undo) and their rendering as a pack the content
//!   loader reads ([`own_pack_source`], [`export_pack_text`]).
//! - [`Db::snapshot`] reads all of it at once into a [`UserSnapshot`] for the window to draw from;
//!   [`Db::data_version`] tells cheaply when another process has written since.
//!
//! The old `user.ron` store ([`Store`], [`UserData`]) stays until the window has switched over.

mod atomic;
mod cards;
mod copies;
mod db;
mod error;
mod favorites;
mod import;
mod legacy;
mod pack;
mod schema;
mod situations;
mod snapshot;
mod temp;

pub use atomic::write_atomic;
pub use cards::{CardDraft, DraftField, DraftProblem, OWN_ID_PREFIX, OwnCard, is_own_id};
pub use copies::{CopyCount, DAY_MS, WEEK_MS};
pub use db::{DB_FILE, Db, LOCK_FILE, OpenNote, Opened};
pub use error::StoreError;
pub use favorites::Move;
pub use import::{MAX_USER_RON_BYTES, USER_RON};
pub use legacy::{LoadNote, MAX_RECENT_SITUATIONS, Store, UserData};
pub use pack::{MINE_SOURCE, SHARED_ID_PREFIX, export_pack_text, own_pack_source, own_pack_text};
pub use schema::SCHEMA_VERSION;
pub use snapshot::{SNAPSHOT_LIST_LIMIT, UserSnapshot};
pub use temp::clean_stale_temp_files;

use std::path::PathBuf;

/// Milliseconds since the Unix epoch (UTC). Every time the store keeps or compares is one of these.
pub type Millis = i64;

/// The real clock, in [`Millis`]. Core code takes `now` as a parameter; callers use this.
pub fn now_ms() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis().min(i64::MAX as u128) as i64)
        .unwrap_or(0)
}

/// Where the user's data lives: `$CALLSIDE_HOME` if set, else the platform's data folder
/// (Linux `~/.local/share/callside`). The window and the CLI both use this.
pub fn data_dir() -> Option<PathBuf> {
    // An empty CALLSIDE_HOME must not mean the current folder: it counts as unset.
    if let Some(home) = std::env::var_os("CALLSIDE_HOME").filter(|h| !h.is_empty()) {
        return Some(PathBuf::from(home));
    }
    directories::ProjectDirs::from("", "", "Callside").map(|d| d.data_dir().to_path_buf())
}
