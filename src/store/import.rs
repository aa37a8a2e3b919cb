//! The one-time import of the old `user.ron` into the database. The file is read only if it is a
//! regular file under a size cap (a FIFO or a link to `/dev/zero` never blocks or eats memory),
//! imported in one transaction, and left where it is.

use super::situations::remember_in;
use super::{Db, OpenNote, StoreError};
use rusqlite::{OptionalExtension, TransactionBehavior, params};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// The old data file's name in the data folder.
pub const USER_RON: &str = "user.ron";

/// Largest `user.ron` we read, in bytes (a real one is a few kilobytes).
pub const MAX_USER_RON_BYTES: u64 = 4 * 1024 * 1024;

/// The `meta` key that records the import (its value says how it went).
const IMPORT_KEY: &str = "user_ron_import";

/// What `user.ron` may hold; counts are read wide and saturated to `u32`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct OldData {
    recent_situations: Vec<Vec<String>>,
    favorites: Vec<String>,
    copies: BTreeMap<String, u64>,
}

/// Reads `path` if it is a regular file of at most [`MAX_USER_RON_BYTES`]; `Ok(None)` if absent.
pub(crate) fn read_capped_regular(path: &Path, cap: u64) -> Result<Option<Vec<u8>>, String> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read it: {e}")),
    };
    if !meta.is_file() {
        return Err("it is not a regular file".into());
    }
    if meta.len() > cap {
        return Err(format!("it is {} bytes; at most {cap} are read", meta.len()));
    }
    let mut opts = std::fs::File::options();
    opts.read(true);
    nonblocking(&mut opts);
    let file = opts.open(path).map_err(|e| format!("cannot open it: {e}"))?;
    // It may have been swapped for something else since the check above.
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Err("it is not a regular file".into());
    }
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read it: {e}"))?;
    if bytes.len() as u64 > cap {
        return Err(format!("it holds more than {cap} bytes"));
    }
    Ok(Some(bytes))
}

/// Opens without waiting for a writer, so a FIFO swapped in after the check cannot block us.
fn nonblocking(opts: &mut std::fs::OpenOptions) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        #[cfg(all(
            target_os = "linux",
            not(any(target_arch = "mips", target_arch = "mips64", target_arch = "sparc64"))
        ))]
        opts.custom_flags(0o4000);
        #[cfg(any(target_os = "macos", target_os = "ios", target_os = "freebsd"))]
        opts.custom_flags(0x0004);
    }
    let _ = opts;
}

/// Imports `dir/user.ron` unless an import was already recorded. Returns what to tell the rep.
pub(crate) fn import_once(db: &mut Db, dir: &Path) -> Result<Option<OpenNote>, StoreError> {
    let from = dir.join(USER_RON);
    let done = |db: &Db| -> Result<bool, StoreError> {
        Ok(db
            .conn
            .query_row("SELECT 1 FROM meta WHERE key = ?1", [IMPORT_KEY], |_| Ok(()))
            .optional()?
            .is_some())
    };
    // Cheap check first, so an ordinary start takes no write lock.
    if done(db)? || !from.exists() {
        return Ok(None);
    }
    let tx = db.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let already: bool = tx
        .query_row("SELECT 1 FROM meta WHERE key = ?1", [IMPORT_KEY], |_| Ok(()))
        .optional()?
        .is_some();
    if already {
        return Ok(None);
    }
    let parsed = read_capped_regular(&from, MAX_USER_RON_BYTES).and_then(|bytes| match bytes {
        None => Ok(None),
        Some(bytes) => String::from_utf8(bytes)
            .map_err(|_| "it is not UTF-8 text".to_string())
            .and_then(|t| ron::from_str::<OldData>(&t).map_err(|e| format!("it is not readable data: {e}")))
            .map(Some),
    });
    let note = match parsed {
        Ok(None) => return Ok(None),
        Err(reason) => {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)",
                params![IMPORT_KEY, format!("skipped: {reason}")],
            )?;
            OpenNote::ImportSkipped { from, reason }
        }
        Ok(Some(old)) => {
            for id in &old.favorites {
                tx.execute(
                    "INSERT OR IGNORE INTO favorites (id, pos)
                     VALUES (?1, (SELECT COALESCE(MAX(pos), 0) + 1 FROM favorites))",
                    [id],
                )?;
            }
            for (id, &n) in &old.copies {
                let n = n.min(u32::MAX as u64) as i64;
                if n > 0 {
                    tx.execute(
                        "INSERT INTO copies (card_id, at, count) VALUES (?1, NULL, ?2)",
                        params![id, n],
                    )?;
                }
            }
            // Oldest first, so the most recent ends on top.
            for tags in old.recent_situations.iter().rev().filter(|t| !t.is_empty()) {
                remember_in(&tx, tags)?;
            }
            tx.execute("INSERT INTO meta (key, value) VALUES (?1, 'imported')", [IMPORT_KEY])?;
            OpenNote::Imported {
                from,
                favorites: old.favorites.len(),
                copies: old.copies.len(),
                situations: old.recent_situations.len(),
            }
        }
    };
    tx.commit()?;
    Ok(Some(note))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = r#"(
        recent_situations: [["angry", "delayed-shipment"], ["confused"]],
        favorites: ["empathy", "empathy-acknowledge"],
        copies: {"empathy-acknowledge": 3, "huge": 4294967295, "wider": 99999999999},
    )"#;

    #[test]
    fn imports_once_and_keeps_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(USER_RON), OLD).unwrap();
        let opened = Db::open_in(dir.path()).unwrap();
        assert_eq!(
            opened.notes,
            [OpenNote::Imported {
                from: dir.path().join(USER_RON),
                favorites: 2,
                copies: 3,
                situations: 2
            }]
        );
        let mut db = opened.db;
        assert_eq!(db.favorites().unwrap(), ["empathy", "empathy-acknowledge"]);
        assert_eq!(
            db.recent_situations().unwrap(),
            [
                vec!["angry".to_string(), "delayed-shipment".into()],
                vec!["confused".into()]
            ]
        );
        let counts = db.copy_counts().unwrap();
        assert_eq!(
            (counts["empathy-acknowledge"], counts["huge"], counts["wider"]),
            (3, u32::MAX, u32::MAX)
        );
        db.record_copy("huge", 5).unwrap();
        assert_eq!(db.copy_counts().unwrap()["huge"], u32::MAX);
        assert_eq!(std::fs::read_to_string(dir.path().join(USER_RON)).unwrap(), OLD);
        drop(db);
        // Again: nothing more.
        let again = Db::open_in(dir.path()).unwrap();
        assert!(again.notes.is_empty(), "{:?}", again.notes);
        assert_eq!(again.db.favorites().unwrap().len(), 2);
        assert_eq!(again.db.copy_counts().unwrap()["empathy-acknowledge"], 3);
    }

    #[test]
    fn unreadable_user_ron_is_left_alone_and_said_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(USER_RON), "(favorites: [").unwrap();
        let opened = Db::open_in(dir.path()).unwrap();
        assert!(matches!(opened.notes.as_slice(), [OpenNote::ImportSkipped { .. }]));
        assert!(opened.notes[0].is_warning());
        drop(opened);
        assert!(Db::open_in(dir.path()).unwrap().notes.is_empty());
        assert_eq!(
            std::fs::read_to_string(dir.path().join(USER_RON)).unwrap(),
            "(favorites: ["
        );
    }

    #[test]
    fn oversized_is_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big");
        std::fs::write(&p, vec![b' '; 100]).unwrap();
        assert!(read_capped_regular(&p, 99).unwrap_err().contains("100 bytes"));
        assert_eq!(read_capped_regular(&p, 100).unwrap().unwrap().len(), 100);
        assert_eq!(read_capped_regular(&dir.path().join("none"), 10).unwrap(), None);
        assert!(read_capped_regular(dir.path(), 10).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn fifo_and_device_links_do_not_block() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join(USER_RON);
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert!(
                read_capped_regular(&fifo, 10)
                    .unwrap_err()
                    .contains("not a regular file")
            );
            let opened = Db::open_in(dir.path()).unwrap();
            assert!(matches!(opened.notes.as_slice(), [OpenNote::ImportSkipped { .. }]));
            std::fs::remove_file(&fifo).unwrap();
        }
        std::os::unix::fs::symlink("/dev/zero", &fifo).unwrap();
        assert!(
            read_capped_regular(&fifo, 10)
                .unwrap_err()
                .contains("not a regular file")
        );
    }
}
