//! The schema as a list of migration steps. Step `n` takes `user_version` from `n` to `n + 1`;
//! each runs in its own transaction. Never edit a published step: add one.

use super::StoreError;
use rusqlite::{Connection, TransactionBehavior};

/// The SQL of each migration step, in order.
const MIGRATIONS: &[&str] = &[
    // 1: everything user.ron held, plus own cards.
    "CREATE TABLE favorites (
         id  TEXT PRIMARY KEY NOT NULL,   -- a skill or card id
         pos INTEGER NOT NULL             -- the rep's order, smallest first
     );
     CREATE TABLE copies (
         seq     INTEGER PRIMARY KEY AUTOINCREMENT,
         card_id TEXT NOT NULL,
         at      INTEGER,                 -- ms since epoch; NULL for counts imported without a time
         count   INTEGER NOT NULL DEFAULT 1
     );
     CREATE INDEX copies_at ON copies(at);
     CREATE INDEX copies_card ON copies(card_id);
     CREATE TABLE situations (
         key  TEXT PRIMARY KEY NOT NULL,  -- sorted tag ids, one line each
         tags TEXT NOT NULL,              -- JSON array of tag ids, in the order picked
         seq  INTEGER NOT NULL            -- larger is more recent
     );
     CREATE TABLE own_cards (
         id         TEXT PRIMARY KEY NOT NULL,
         text       TEXT NOT NULL,
         skill      TEXT NOT NULL,
         situations TEXT NOT NULL,        -- JSON array of tag ids
         channels   TEXT NOT NULL,        -- JSON array of channel ids
         instead_of TEXT,
         created    INTEGER NOT NULL,
         updated    INTEGER NOT NULL,
         deleted    INTEGER               -- ms since epoch when deleted (kept for undo), else NULL
     );
     CREATE TABLE meta (
         key   TEXT PRIMARY KEY NOT NULL,
         value TEXT NOT NULL
     );",
];

/// The schema version this build writes (`PRAGMA user_version` after all migrations).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The database's `user_version`.
pub(crate) fn version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Runs every step not yet applied, each in one IMMEDIATE transaction that re-reads the version
/// first (so two processes starting at once apply each step once).
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    for (n, sql) in MIGRATIONS.iter().enumerate() {
        let n = n as i64;
        if version(conn)? > n {
            continue;
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if version(&tx)? == n {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", n + 1)?;
        }
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_from_empty_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION);
        // Running again changes nothing and does not fail on existing tables.
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION);
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'own_cards'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 1);
    }
}
