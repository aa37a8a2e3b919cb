//! Watching pack folders: debounced file events (native, or polling for network drives where
//! change events do not arrive). Every batch of events becomes one call of `on_change`.
//!
//! Native events are debounced here, by a thread that sleeps until an event arrives:
//! `notify-debouncer-full` runs a tick loop (every 75 ms, forever) even when nothing happens,
//! which kept an idle window from idling. Polled folders keep that crate, as polling wakes anyway.

use notify::{PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};
use notify_debouncer_full::{DebounceEventResult, Debouncer, NoCache, new_debouncer_opt};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long file events settle before a batch is reported.
pub const DEBOUNCE: Duration = Duration::from_millis(300);
/// How often a polling watcher looks at the files.
pub const POLL_EVERY: Duration = Duration::from_secs(2);

/// However busy a folder stays, a change is reported at least this often.
const LONGEST_WAIT: Duration = Duration::from_secs(3);

/// Keeps the watchers alive; dropping it stops watching (and ends the debounce thread).
pub struct Watch {
    _native: Option<RecommendedWatcher>,
    _poll: Option<Debouncer<PollWatcher, NoCache>>,
    /// Folders that could not be watched, with why.
    pub errors: Vec<String>,
}

/// Starts watching `roots` (folders, or the folder of a file root). Roots for which `poll`
/// says so (network drives) are polled. `on_change` runs on a watcher thread.
pub fn watch(
    roots: &[PathBuf],
    poll: impl Fn(&Path) -> bool,
    on_change: impl Fn() + Send + Sync + Clone + 'static,
) -> Watch {
    let mut errors = Vec::new();
    let (polled, native): (Vec<PathBuf>, Vec<PathBuf>) =
        roots.iter().filter_map(|r| folder_of(r)).partition(|f| poll(f));
    let native = if native.is_empty() {
        None
    } else {
        let (tx, rx) = std::sync::mpsc::channel();
        let cb = on_change.clone();
        let watcher = RecommendedWatcher::new(tx, notify::Config::default()).and_then(|w| {
            std::thread::Builder::new()
                .name("callside-watch".into())
                .spawn(move || debounce(&rx, DEBOUNCE, &cb))
                .map_err(notify::Error::io)?;
            Ok(w)
        });
        match watcher {
            Ok(mut w) => {
                for f in &native {
                    if let Err(e) = w.watch(f, RecursiveMode::NonRecursive) {
                        errors.push(format!("{}: cannot watch for changes: {e}", f.display()));
                    }
                }
                Some(w)
            }
            Err(e) => {
                errors.push(format!("cannot watch pack folders for changes: {e}"));
                None
            }
        }
    };
    let poll = if polled.is_empty() {
        None
    } else {
        let cb = on_change;
        let config = notify::Config::default().with_poll_interval(POLL_EVERY);
        match new_debouncer_opt::<_, PollWatcher, NoCache>(
            DEBOUNCE,
            None,
            move |r: DebounceEventResult| {
                if r.is_ok_and(|e| changes(&e)) {
                    cb();
                }
            },
            NoCache,
            config,
        ) {
            Ok(mut d) => {
                for f in &polled {
                    if let Err(e) = d.watch(f, RecursiveMode::NonRecursive) {
                        errors.push(format!("{}: cannot watch for changes: {e}", f.display()));
                    }
                }
                Some(d)
            }
            Err(e) => {
                errors.push(format!("cannot poll pack folders for changes: {e}"));
                None
            }
        }
    };
    Watch {
        _native: native,
        _poll: poll,
        errors,
    }
}

/// Sleeps until a file event arrives, waits until none has come for `quiet` (or for
/// [`LONGEST_WAIT`]), then calls `on_change` once if the batch held a change. Returns when the
/// watcher is dropped.
fn debounce(rx: &Receiver<notify::Result<notify::Event>>, quiet: Duration, on_change: &impl Fn()) {
    while let Ok(first) = rx.recv() {
        let started = Instant::now();
        let mut changed = is_change(&first);
        loop {
            match rx.recv_timeout(quiet) {
                Ok(e) => changed |= is_change(&e),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
            if started.elapsed() >= LONGEST_WAIT {
                break;
            }
        }
        if changed {
            on_change();
        }
    }
}

/// Whether an event is a change. Opening or reading a file or the folder is not one: the
/// loader's own rescan opens the folder, and counting that made an idle window rescan every
/// 300 ms forever. An error (events lost) may hide a change, so it counts as one.
fn is_change(event: &notify::Result<notify::Event>) -> bool {
    event.as_ref().map_or(true, |e| !e.kind.is_access())
}

/// Whether a batch of polled events holds a change (see [`is_change`]).
fn changes(events: &[notify_debouncer_full::DebouncedEvent]) -> bool {
    events.iter().any(|e| !e.kind.is_access())
}

/// The folder to watch for a root: itself if a folder, else the folder holding the file.
fn folder_of(root: &Path) -> Option<PathBuf> {
    if root.is_dir() {
        Some(root.to_path_buf())
    } else {
        root.parent().filter(|p| p.is_dir()).map(Path::to_path_buf)
    }
}

/// File systems where change events do not arrive (network and FUSE drives): poll those.
const NETWORK_FS: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "9p",
    "afs",
    "ceph",
    "fuse.sshfs",
    "fuse.rclone",
    "davfs",
    "fuse.davfs2",
];

/// Whether `path` is on a network drive (Linux: from the mount table; Windows: a `\\server`
/// path). Unknown means no.
pub fn is_network_path(path: &Path) -> bool {
    let shown = path.to_string_lossy();
    if shown.starts_with(r"\\") {
        return true;
    }
    let Ok(mounts) = std::fs::read_to_string("/proc/self/mounts") else {
        return false;
    };
    let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    fs_type_of(&mounts, &full).is_some_and(|t| NETWORK_FS.contains(&t))
}

/// The file system type of the mount holding `path`, from a `/proc/self/mounts` text.
fn fs_type_of<'a>(mounts: &'a str, path: &Path) -> Option<&'a str> {
    mounts
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let (_dev, at, ty) = (f.next()?, f.next()?, f.next()?);
            Some((at.replace("\\040", " "), ty))
        })
        .filter(|(at, _)| path.starts_with(at))
        .max_by_key(|(at, _)| at.len())
        .map(|(_, ty)| ty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deepest_mount_decides_the_file_system() {
        let mounts = "/dev/sda1 / ext4 rw 0 0\n//srv/team /mnt/team cifs rw 0 0\nsrv:/x /mnt/team/sub nfs4 rw 0 0\n";
        assert_eq!(fs_type_of(mounts, Path::new("/home/ana/packs")), Some("ext4"));
        assert_eq!(fs_type_of(mounts, Path::new("/mnt/team/packs")), Some("cifs"));
        assert_eq!(fs_type_of(mounts, Path::new("/mnt/team/sub/a")), Some("nfs4"));
        assert!(!is_network_path(&std::env::temp_dir()));
        assert!(is_network_path(Path::new(r"\\server\share\packs")));
    }

    #[test]
    fn opening_the_folder_is_no_change_but_a_new_file_is() {
        use notify::event::{AccessKind, AccessMode, CreateKind, EventKind};
        use notify_debouncer_full::DebouncedEvent;
        let event = |kind| DebouncedEvent::new(notify::Event::new(kind), std::time::Instant::now());
        let opened = event(EventKind::Access(AccessKind::Open(AccessMode::Any)));
        let created = event(EventKind::Create(CreateKind::File));
        assert!(!changes(std::slice::from_ref(&opened)), "the loader's own rescan");
        assert!(changes(&[opened, created]));
        assert!(!changes(&[]));
    }

    #[test]
    fn a_burst_of_events_is_one_change_and_opening_is_none() {
        use notify::event::{AccessKind, AccessMode, CreateKind, EventKind, ModifyKind};
        use std::sync::atomic::{AtomicUsize, Ordering};
        let (tx, rx) = std::sync::mpsc::channel();
        let calls = std::sync::Arc::new(AtomicUsize::new(0));
        let seen = std::sync::Arc::clone(&calls);
        let thread = std::thread::spawn(move || {
            debounce(&rx, Duration::from_millis(100), &|| {
                seen.fetch_add(1, Ordering::SeqCst);
            })
        });
        let send = |kind| tx.send(Ok(notify::Event::new(kind))).unwrap();
        send(EventKind::Access(AccessKind::Open(AccessMode::Any)));
        std::thread::sleep(Duration::from_millis(400));
        assert_eq!(
            calls.load(Ordering::SeqCst),
            0,
            "the loader opening the folder is no change"
        );
        send(EventKind::Create(CreateKind::File));
        send(EventKind::Modify(ModifyKind::Any));
        send(EventKind::Modify(ModifyKind::Any));
        std::thread::sleep(Duration::from_millis(400));
        assert_eq!(
            calls.load(Ordering::SeqCst),
            1,
            "three events close together are one change"
        );
        send(EventKind::Modify(ModifyKind::Any));
        drop(tx);
        thread.join().unwrap();
        assert_eq!(
            calls.load(Ordering::SeqCst),
            1,
            "a batch cut short by the watcher stopping is dropped"
        );
    }
}
