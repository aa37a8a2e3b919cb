//! Opening the database: create, configure (WAL, busy timeout), check, migrate, import; a file
//! that cannot be opened is moved aside byte-identical and a fresh one begun.

use super::{StoreError, import, now_ms, schema, temp};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The database's file name in the data folder.
pub const DB_FILE: &str = "callside.db";

/// The file that keeps two processes from opening (and moving aside) at the same moment.
pub const LOCK_FILE: &str = "callside.db.lock";

/// How long a write waits for another process's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The rep's data: one SQLite connection. Open one per thread or process; SQLite (WAL mode)
/// keeps their writes apart. Reads take `&self`, writes `&mut self`.
#[derive(Debug)]
pub struct Db {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
}

/// A database just opened, and what the window should tell the rep about it.
#[derive(Debug)]
pub struct Opened {
    /// The open database.
    pub db: Db,
    /// Things worth telling (kept aside, imported); empty on an ordinary start.
    pub notes: Vec<OpenNote>,
}

/// Something that happened while opening, for the window to show once.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenNote {
    /// The database could not be opened; it was renamed (byte-identical) and a fresh one begun.
    KeptAside {
        /// Why it could not be opened.
        reason: String,
        /// Where the old file is now.
        moved_to: PathBuf,
    },
    /// The old `user.ron` was imported (and left where it is).
    Imported {
        /// The file imported.
        from: PathBuf,
        /// How many favorites, copied cards and recent situations came over.
        favorites: usize,
        /// How many cards had copy counts.
        copies: usize,
        /// How many recent situations.
        situations: usize,
    },
    /// The old `user.ron` could not be read, so nothing was imported; it is left untouched.
    ImportSkipped {
        /// The file.
        from: PathBuf,
        /// Why.
        reason: String,
    },
}

impl OpenNote {
    /// A sentence for the rep.
    pub fn message(&self) -> String {
        match self {
            OpenNote::KeptAside { reason, moved_to } => format!(
                "Your saved data could not be opened ({reason}). It was kept as {} and a fresh start was made.",
                moved_to.display()
            ),
            OpenNote::Imported {
                from,
                favorites,
                copies,
                situations,
            } => format!(
                "Brought over your data from {}: {favorites} favorites, {copies} copied cards, {situations} recent situations. The old file is kept.",
                from.display()
            ),
            OpenNote::ImportSkipped { from, reason } => format!(
                "Your old data in {} could not be read ({reason}); it was left as it is and not brought over.",
                from.display()
            ),
        }
    }

    /// Whether this is bad news (something could not be read).
    pub fn is_warning(&self) -> bool {
        !matches!(self, OpenNote::Imported { .. })
    }
}

/// Why a first open failed: the file itself is bad (move it aside), or something else (stop).
enum OpenFailure {
    Unreadable(String),
    Other(StoreError),
}

impl From<rusqlite::Error> for OpenFailure {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => OpenFailure::Unreadable(e.to_string()),
            _ => OpenFailure::Other(e.into()),
        }
    }
}

impl From<StoreError> for OpenFailure {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Sqlite(e) => e.into(),
            e => OpenFailure::Other(e),
        }
    }
}

impl Db {
    /// Opens (or creates) `callside.db` in `dir`, creating `dir` if needed. Removes stale temp
    /// files of old atomic saves, moves an unreadable database aside, migrates, and imports
    /// `user.ron` the first time.
    pub fn open_in(dir: &Path) -> Result<Opened, StoreError> {
        std::fs::create_dir_all(dir)?;
        temp::clean_stale_temp_files(dir, now_ms());
        let lock = lock_for_open(dir);
        let path = dir.join(DB_FILE);
        let mut notes = Vec::new();
        let conn = match open_checked(&path) {
            Ok(conn) => conn,
            Err(OpenFailure::Other(e)) => return Err(e),
            Err(OpenFailure::Unreadable(reason)) => {
                let moved_to = keep_aside(&path)?;
                notes.push(OpenNote::KeptAside { reason, moved_to });
                match open_checked(&path) {
                    Ok(conn) => conn,
                    Err(OpenFailure::Other(e)) => return Err(e),
                    Err(OpenFailure::Unreadable(reason)) => {
                        return Err(StoreError::Io(std::io::Error::other(format!(
                            "a fresh database at {} could not be opened either: {reason}",
                            path.display()
                        ))));
                    }
                }
            }
        };
        let mut db = Db { conn, path: Some(path) };
        if let Some(note) = import::import_once(&mut db, dir)? {
            notes.push(note);
        }
        drop(lock);
        Ok(Opened { db, notes })
    }

    /// A database in memory (for tests and previews): nothing is saved.
    pub fn open_in_memory() -> Result<Db, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        schema::migrate(&mut conn)?;
        Ok(Db { conn, path: None })
    }

    /// The database file (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// A number that changes when another connection (a CLI command, a second window) commits a
    /// change; this connection's own writes leave it alone. Cheap: poll it to know when to read a
    /// fresh [`super::UserSnapshot`].
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
    }
}

/// One opener at a time: else a second process that also found the file unreadable could move
/// aside the fresh database the first one just made. The lock goes with the returned file (or
/// the process). Without a lock file (a read-only folder) or after waiting long for one (a stuck
/// opener), we go on unguarded rather than never start.
fn lock_for_open(dir: &Path) -> Option<std::fs::File> {
    let file = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK_FILE))
        .ok()?;
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match file.try_lock() {
            Ok(()) => return Some(file),
            Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(_) => return None,
        }
    }
}

/// Opens and checks a database file: readable, not from a newer schema, intact; then WAL mode
/// and migrations. Nothing is written before the checks pass.
fn open_checked(path: &Path) -> Result<Connection, OpenFailure> {
    // SQLite would wait forever on a FIFO and read a device without end: only a regular file
    // (or none yet) is ours to open.
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => return Err(OpenFailure::Unreadable("it is not a regular file".into())),
        _ => {}
    }
    let mut conn = Connection::open(path)?;
    // Closing a WAL database checkpoints it into the main file: not before we know it is ours,
    // so a file we move aside keeps its bytes.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let version = schema::version(&conn)?;
    if version > schema::SCHEMA_VERSION {
        return Err(OpenFailure::Unreadable(format!(
            "it was written by a newer Callside (data version {version}; this one knows up to {})",
            schema::SCHEMA_VERSION
        )));
    }
    let check: String = conn.pragma_query_value(None, "quick_check", |r| r.get(0))?;
    if check != "ok" {
        return Err(OpenFailure::Unreadable(format!("the file is damaged: {check}")));
    }
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(OpenFailure::Other(StoreError::Io(std::io::Error::other(format!(
            "the database would not switch to WAL mode (it is in {mode} mode)"
        )))));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    schema::migrate(&mut conn)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
    Ok(conn)
}

/// Renames `path` (and its `-wal`/`-shm` companions) to the first free
/// `callside.db.unreadable-N`; returns the new name. Never copies, never overwrites.
fn keep_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let with_suffix = |p: &Path, s: &str| {
        let mut os = p.as_os_str().to_owned();
        os.push(s);
        PathBuf::from(os)
    };
    let moved_to = (1..)
        .map(|n| with_suffix(path, &format!(".unreadable-{n}")))
        .find(|p| !p.exists() && !with_suffix(p, "-wal").exists())
        .expect("an unused name");
    match std::fs::rename(path, &moved_to) {
        Ok(()) => {}
        // Another process moved it first: nothing of ours to keep.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(moved_to),
        Err(e) => {
            return Err(StoreError::Io(std::io::Error::new(
                e.kind(),
                format!(
                    "{} cannot be opened and could not be moved aside ({e}); it was left untouched",
                    path.display()
                ),
            )));
        }
    }
    for companion in ["-wal", "-shm"] {
        let from = with_suffix(path, companion);
        if from.exists() {
            std::fs::rename(&from, with_suffix(&moved_to, companion))?;
        }
    }
    Ok(moved_to)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(unix)]
    use std::os::unix::fs::FileTypeExt;

    #[test]
    fn creates_a_wal_database_at_the_current_version() {
        let dir = tempfile::tempdir().unwrap();
        let opened = Db::open_in(&dir.path().join("sub")).unwrap();
        assert!(opened.notes.is_empty(), "{:?}", opened.notes);
        let mode: String = opened
            .db
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(schema::version(&opened.db.conn).unwrap(), schema::SCHEMA_VERSION);
        assert_eq!(opened.db.path(), Some(dir.path().join("sub").join(DB_FILE).as_path()));
    }

    #[test]
    fn garbage_is_kept_aside_byte_identical() {
        let dir = tempfile::tempdir().unwrap();
        let bytes: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(dir.path().join(DB_FILE), &bytes).unwrap();
        let opened = Db::open_in(dir.path()).unwrap();
        let [OpenNote::KeptAside { moved_to, reason }] = opened.notes.as_slice() else {
            panic!("{:?}", opened.notes)
        };
        assert_eq!(moved_to, &dir.path().join("callside.db.unreadable-1"));
        assert!(!reason.is_empty());
        assert_eq!(std::fs::read(moved_to).unwrap(), bytes);
        assert!(opened.notes[0].message().contains("unreadable-1"));
        assert!(opened.db.favorites().unwrap().is_empty());
    }

    #[test]
    fn newer_schema_is_kept_aside_and_a_second_one_gets_the_next_number() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        for n in 1..=2 {
            {
                let conn = Connection::open(&path).unwrap();
                conn.pragma_update(None, "user_version", schema::SCHEMA_VERSION + 5)
                    .unwrap();
            }
            let before = std::fs::read(&path).unwrap();
            let opened = Db::open_in(dir.path()).unwrap();
            let [OpenNote::KeptAside { moved_to, reason }] = opened.notes.as_slice() else {
                panic!("{:?}", opened.notes)
            };
            assert!(reason.contains("newer"), "{reason}");
            assert_eq!(moved_to, &dir.path().join(format!("callside.db.unreadable-{n}")));
            assert_eq!(std::fs::read(moved_to).unwrap(), before);
            drop(opened);
            std::fs::remove_file(&path).unwrap();
            let _ = std::fs::remove_file(dir.path().join("callside.db-wal"));
            let _ = std::fs::remove_file(dir.path().join("callside.db-shm"));
        }
    }

    #[test]
    fn a_newer_wal_database_keeps_its_wal_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        let wal = dir.path().join("callside.db-wal");
        {
            let conn = Connection::open(&path).unwrap();
            conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
                .unwrap();
            let _: String = conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
                .unwrap();
            conn.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1);")
                .unwrap();
            conn.pragma_update(None, "user_version", 99).unwrap();
        }
        let (db_bytes, wal_bytes) = (std::fs::read(&path).unwrap(), std::fs::read(&wal).unwrap());
        assert!(!wal_bytes.is_empty());
        let opened = Db::open_in(dir.path()).unwrap();
        let [OpenNote::KeptAside { moved_to, .. }] = opened.notes.as_slice() else {
            panic!("{:?}", opened.notes)
        };
        assert_eq!(std::fs::read(moved_to).unwrap(), db_bytes);
        assert_eq!(
            std::fs::read(dir.path().join("callside.db.unreadable-1-wal")).unwrap(),
            wal_bytes
        );
        // The aside copy still opens with its data.
        let old = Connection::open(moved_to).unwrap();
        let x: i64 = old.query_row("SELECT x FROM future", [], |r| r.get(0)).unwrap();
        assert_eq!(x, 1);
    }

    #[cfg(unix)]
    #[test]
    fn fifos_and_device_links_are_moved_aside_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        let opened = Db::open_in(dir.path()).unwrap();
        let [OpenNote::KeptAside { moved_to, reason }] = opened.notes.as_slice() else {
            panic!("{:?}", opened.notes)
        };
        assert!(reason.contains("not a regular file"), "{reason}");
        assert_eq!(std::fs::read_link(moved_to).unwrap(), Path::new("/dev/zero"));
        drop(opened);
        std::fs::remove_file(&path).unwrap();
        if std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .is_ok_and(|s| s.success())
        {
            let opened = Db::open_in(dir.path()).unwrap();
            assert!(matches!(opened.notes.as_slice(), [OpenNote::KeptAside { .. }]));
            assert!(
                dir.path()
                    .join("callside.db.unreadable-2")
                    .symlink_metadata()
                    .unwrap()
                    .file_type()
                    .is_fifo()
            );
        }
    }

    #[test]
    fn data_version_tells_of_writes_by_others_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Db::open_in(dir.path()).unwrap().db;
        let mut b = Db::open_in(dir.path()).unwrap().db;
        let v0 = a.data_version().unwrap();
        a.add_favorite("x").unwrap();
        assert_eq!(a.data_version().unwrap(), v0);
        b.add_favorite("y").unwrap();
        let v1 = a.data_version().unwrap();
        assert_ne!(v1, v0);
        assert_eq!(a.favorites().unwrap(), ["x", "y"]);
        assert_eq!(a.data_version().unwrap(), v1);
    }

    #[test]
    fn a_held_open_lock_makes_the_next_opener_wait_its_turn() {
        let dir = tempfile::tempdir().unwrap();
        let held = lock_for_open(dir.path()).unwrap();
        let d = dir.path().to_path_buf();
        let waiter = std::thread::spawn(move || {
            let t = std::time::Instant::now();
            Db::open_in(&d).unwrap();
            t.elapsed()
        });
        std::thread::sleep(Duration::from_millis(300));
        drop(held);
        assert!(waiter.join().unwrap() >= Duration::from_millis(250));
    }

    #[test]
    fn many_openers_of_an_unreadable_database_move_it_aside_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(DB_FILE), b"garbage, not a database".repeat(100)).unwrap();
        let threads: Vec<_> = (0..6)
            .map(|i| {
                let d = dir.path().to_path_buf();
                std::thread::spawn(move || {
                    let mut opened = Db::open_in(&d).unwrap();
                    opened.db.add_favorite(&format!("t{i}")).unwrap();
                    opened.notes.len()
                })
            })
            .collect();
        let notes: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
        assert_eq!(notes, 1);
        assert_eq!(Db::open_in(dir.path()).unwrap().db.favorites().unwrap().len(), 6);
        assert!(!dir.path().join("callside.db.unreadable-2").exists());
    }

    #[test]
    fn reopening_keeps_data() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut db = Db::open_in(dir.path()).unwrap().db;
            db.add_favorite("empathy").unwrap();
        }
        let opened = Db::open_in(dir.path()).unwrap();
        assert!(opened.notes.is_empty());
        assert_eq!(opened.db.favorites().unwrap(), ["empathy"]);
    }
}
