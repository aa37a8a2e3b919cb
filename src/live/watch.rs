//! Watching pack folders: debounced file events (native, or polling for network drives where
//! change events do not arrive). Every batch of events becomes one call of `on_change`.

use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer, new_debouncer_opt,
};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long file events settle before a batch is reported.
pub const DEBOUNCE: Duration = Duration::from_millis(300);
/// How often a polling watcher looks at the files.
pub const POLL_EVERY: Duration = Duration::from_secs(2);

/// Keeps the watchers alive; dropping it stops watching.
pub struct Watch {
    _native: Option<Debouncer<RecommendedWatcher, RecommendedCache>>,
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
        let cb = on_change.clone();
        match new_debouncer(DEBOUNCE, None, move |r: DebounceEventResult| {
            if r.is_ok_and(|e| changes(&e)) {
                cb();
            }
        }) {
            Ok(mut d) => {
                for f in &native {
                    if let Err(e) = d.watch(f, RecursiveMode::NonRecursive) {
                        errors.push(format!("{}: cannot watch for changes: {e}", f.display()));
                    }
                }
                Some(d)
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

/// Whether a batch of events holds a change. Opening or reading a file or the folder is not one:
/// the loader's own rescan opens the folder, and counting that made an idle window rescan every
/// 300 ms forever.
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
}
