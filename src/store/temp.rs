//! Cleaning up temp files that old atomic saves left behind (`.user.ron.tmp-PID` after a crash).

use super::Millis;
use std::path::Path;
use std::time::{Duration, UNIX_EPOCH};

/// A temp file younger than this may belong to a save in progress and is left alone.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// Whether `name` is a temp file written by [`super::write_atomic`]: `.NAME.tmp-DIGITS`.
fn is_temp_name(name: &str) -> bool {
    name.starts_with('.')
        && name
            .rsplit_once(".tmp-")
            .is_some_and(|(stem, pid)| stem.len() > 1 && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// Removes stale temp files of atomic saves from `dir` (not from this process, and older than a
/// minute at `now`). Returns how many were removed; errors are ignored (it is only tidying).
pub fn clean_stale_temp_files(dir: &Path, now: Millis) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let own = format!(".tmp-{}", std::process::id());
    let now = UNIX_EPOCH + Duration::from_millis(now.max(0) as u64);
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_temp_name(name) || name.ends_with(&own) {
            continue;
        }
        // Only plain files (never follow a link), and only old ones.
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        let age = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .unwrap_or(Duration::ZERO);
        if meta.is_file() && age >= STALE_AFTER && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The modification time to give a file so it counts as stale (for tests).
#[cfg(test)]
fn long_ago() -> std::time::SystemTime {
    std::time::SystemTime::now() - Duration::from_secs(3600)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(is_temp_name(".user.ron.tmp-1234"));
        assert!(!is_temp_name("user.ron.tmp-1234"));
        assert!(!is_temp_name(".user.ron.tmp-"));
        assert!(!is_temp_name(".user.ron.tmp-12a"));
        assert!(!is_temp_name(".tmp-12"));
        assert!(!is_temp_name("user.ron"));
    }

    #[test]
    fn removes_only_old_foreign_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let old = d.join(".user.ron.tmp-999999999");
        let fresh = d.join(".user.ron.tmp-999999998");
        let ours = d.join(format!(".user.ron.tmp-{}", std::process::id()));
        let keep = d.join("user.ron");
        for p in [&old, &fresh, &ours, &keep] {
            std::fs::write(p, "x").unwrap();
        }
        for p in [&old, &ours, &keep] {
            std::fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(long_ago())
                .unwrap();
        }
        assert_eq!(clean_stale_temp_files(d, crate::store::now_ms()), 1);
        assert!(!old.exists());
        assert!(fresh.exists() && ours.exists() && keep.exists());
    }
}
