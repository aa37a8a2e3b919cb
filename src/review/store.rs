//! Review data in the user database (SQLite): each card's current state, and an append-only log
//! of every rating (triggers refuse UPDATE and DELETE on it). Each rating is one transaction:
//! the log row and the new state land together or not at all.
//!
//! These tables keep their own schema version (table `review_schema`), apart from the
//! database's `user_version` that the rest of the store migrates with: the review tables can
//! then be added to, or read from, any database the store opens without the two migration lists
//! having to agree on numbers.

use super::schedule::{CardState, Phase, Rating};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// The newest review schema this build knows.
pub const REVIEW_SCHEMA_VERSION: i64 = 1;

/// Migrations, in order: entry `i` takes the review schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[r#"
CREATE TABLE review_card (
    card_id TEXT PRIMARY KEY,
    due_ms INTEGER NOT NULL,
    stability REAL NOT NULL,
    difficulty REAL NOT NULL,
    elapsed_days INTEGER NOT NULL,
    scheduled_days INTEGER NOT NULL,
    reps INTEGER NOT NULL,
    lapses INTEGER NOT NULL,
    phase INTEGER NOT NULL,
    last_review_ms INTEGER
);
CREATE TABLE review_log (
    id INTEGER PRIMARY KEY,
    card_id TEXT NOT NULL,
    reviewed_ms INTEGER NOT NULL,
    day TEXT NOT NULL,
    rating INTEGER NOT NULL,
    phase_before INTEGER NOT NULL,
    phase_after INTEGER NOT NULL,
    due_after_ms INTEGER NOT NULL
);
CREATE INDEX review_log_day ON review_log(day);
CREATE TRIGGER review_log_no_update BEFORE UPDATE ON review_log
    BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
CREATE TRIGGER review_log_no_delete BEFORE DELETE ON review_log
    BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
"#];

/// A review-store failure, with what to do about it.
#[derive(Debug)]
pub struct StoreError {
    /// What went wrong, in words a rep can act on.
    pub message: String,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError {
            message: format!("review data: {e}"),
        }
    }
}

/// One rating in the log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    /// The card.
    pub card_id: String,
    /// When, in UTC.
    pub at: DateTime<Utc>,
    /// The rep's local date at the time (days, streaks and limits count by it).
    pub day: NaiveDate,
    /// The rating given.
    pub rating: Rating,
    /// The card's phase before the rating.
    pub phase_before: Phase,
}

/// The review tables of one database.
pub struct ReviewStore {
    conn: Connection,
}

impl ReviewStore {
    /// Opens (creating if needed) the database at `path`, in WAL mode, and brings the review
    /// tables up to date.
    pub fn open(path: &Path) -> Result<ReviewStore, StoreError> {
        let conn = Connection::open(path).map_err(|e| StoreError {
            message: format!("cannot open {}: {e}", path.display()),
        })?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        ReviewStore::from_connection(conn)
    }

    /// A store in memory (nothing saved): for tests and previews.
    pub fn in_memory() -> Result<ReviewStore, StoreError> {
        ReviewStore::from_connection(Connection::open_in_memory()?)
    }

    /// Uses an open connection (e.g. the user database's), migrating the review tables.
    pub fn from_connection(mut conn: Connection) -> Result<ReviewStore, StoreError> {
        migrate(&mut conn)?;
        Ok(ReviewStore { conn })
    }

    /// Every card's saved state, by card id.
    pub fn states(&self) -> Result<HashMap<String, CardState>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT card_id, due_ms, stability, difficulty, elapsed_days, scheduled_days, reps, lapses, phase, last_review_ms FROM review_card",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, f64>(2)?,
                r.get::<_, f64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, i32>(6)?,
                r.get::<_, i32>(7)?,
                r.get::<_, i64>(8)?,
                r.get::<_, Option<i64>>(9)?,
            ))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, due, stability, difficulty, elapsed_days, scheduled_days, reps, lapses, phase, last) = row?;
            let (Some(due), Some(phase)) = (from_ms(due), Phase::from_number(phase)) else {
                continue; // a row we cannot read is left alone, not lost
            };
            out.insert(
                id,
                CardState {
                    due,
                    stability,
                    difficulty,
                    elapsed_days,
                    scheduled_days,
                    reps,
                    lapses,
                    phase,
                    last_review: last.and_then(from_ms),
                },
            );
        }
        Ok(out)
    }

    /// Records a rating: appends to the log and saves the card's new state, in one transaction.
    pub fn record(
        &mut self,
        card_id: &str,
        rating: Rating,
        before: &CardState,
        after: &CardState,
        now: DateTime<FixedOffset>,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO review_log (card_id, reviewed_ms, day, rating, phase_before, phase_after, due_after_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                card_id,
                now.timestamp_millis(),
                now.date_naive().format("%Y-%m-%d").to_string(),
                rating as i64,
                before.phase as i64,
                after.phase as i64,
                after.due.timestamp_millis(),
            ],
        )?;
        tx.execute(
            "INSERT INTO review_card (card_id, due_ms, stability, difficulty, elapsed_days, scheduled_days, reps, lapses, phase, last_review_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT(card_id) DO UPDATE SET due_ms = excluded.due_ms, stability = excluded.stability,
               difficulty = excluded.difficulty, elapsed_days = excluded.elapsed_days,
               scheduled_days = excluded.scheduled_days, reps = excluded.reps, lapses = excluded.lapses,
               phase = excluded.phase, last_review_ms = excluded.last_review_ms",
            params![
                card_id,
                after.due.timestamp_millis(),
                after.stability,
                after.difficulty,
                after.elapsed_days,
                after.scheduled_days,
                after.reps,
                after.lapses,
                after.phase as i64,
                after.last_review.map(|t| t.timestamp_millis()),
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Log entries from `since` (a local date) on, oldest first.
    pub fn log_since(&self, since: NaiveDate) -> Result<Vec<LogEntry>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT card_id, reviewed_ms, day, rating, phase_before FROM review_log WHERE day >= ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![since.format("%Y-%m-%d").to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (card_id, ms, day, rating, phase) = row?;
            let parsed = (
                from_ms(ms),
                NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok(),
                Rating::from_number(rating),
                Phase::from_number(phase),
            );
            if let (Some(at), Some(day), Some(rating), Some(phase_before)) = parsed {
                out.push(LogEntry {
                    card_id,
                    at,
                    day,
                    rating,
                    phase_before,
                });
            }
        }
        Ok(out)
    }
}

fn from_ms(ms: i64) -> Option<DateTime<Utc>> {
    DateTime::<Utc>::from_timestamp_millis(ms)
}

/// Brings the review tables to [`REVIEW_SCHEMA_VERSION`], each step one transaction. A database
/// written by a newer Callside is refused rather than changed.
fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    conn.execute_batch("CREATE TABLE IF NOT EXISTS review_schema (version INTEGER NOT NULL)")?;
    let version: i64 = conn
        .query_row("SELECT version FROM review_schema", [], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    if version > REVIEW_SCHEMA_VERSION {
        return Err(StoreError {
            message: format!(
                "your review data was saved by a newer Callside (review schema {version}, this one knows {REVIEW_SCHEMA_VERSION}); update Callside to review"
            ),
        });
    }
    for (v, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.execute("DELETE FROM review_schema", [])?;
        tx.execute("INSERT INTO review_schema (version) VALUES (?1)", params![v as i64 + 1])?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{Fsrs, Scheduler};
    use chrono::TimeZone;

    #[test]
    fn states_and_log_survive_reopening_and_the_log_is_append_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("user.db");
        let now = FixedOffset::east_opt(3600)
            .unwrap()
            .with_ymd_and_hms(2026, 3, 1, 23, 30, 0)
            .unwrap();
        let before = CardState::new_card(now.to_utc());
        let after = Fsrs::default().next(&before, Rating::Good, now.to_utc());
        {
            let mut s = ReviewStore::open(&path).unwrap();
            s.record("define:empathy", Rating::Good, &before, &after, now).unwrap();
        }
        let s = ReviewStore::open(&path).unwrap();
        let states = s.states().unwrap();
        assert_eq!(states["define:empathy"].phase, after.phase);
        assert_eq!(
            states["define:empathy"].due.timestamp_millis(),
            after.due.timestamp_millis()
        );
        let log = s.log_since(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()).unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(
            log[0].day,
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            "local day, not UTC"
        );
        assert_eq!(log[0].phase_before, Phase::New);
        assert!(s.conn.execute("DELETE FROM review_log", []).is_err());
        assert!(s.conn.execute("UPDATE review_log SET rating = 1", []).is_err());
    }

    #[test]
    fn a_newer_schema_is_refused_not_changed() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE review_schema (version INTEGER NOT NULL); INSERT INTO review_schema VALUES (99);",
        )
        .unwrap();
        let err = ReviewStore::from_connection(conn).err().unwrap();
        assert!(err.message.contains("newer Callside"), "{err}");
    }
}
