//! The packs in use and how they change: which files, the last good version of each, and what
//! is wrong with the newer ones. Pure state plus one timed check; no threads of its own beyond
//! that check, no watching (see [`super::worker`]).

use crate::content::{self, Loaded, Problem, ProblemKind, Source, read_pack_path};
use crate::store::MINE_SOURCE;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Where a card comes from, for the mark on every card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built into the app.
    Builtin,
    /// The rep's own cards.
    Mine,
    /// A pack file, by its name (the file name without `.ron`).
    Pack(String),
}

impl Origin {
    /// Where a card whose [`crate::content::Phrase::source`] is `source` comes from.
    pub fn of(source: &str) -> Origin {
        if source.starts_with("builtin:") {
            Origin::Builtin
        } else if source == MINE_SOURCE {
            Origin::Mine
        } else {
            let stem = Path::new(source).file_stem().map(|s| s.to_string_lossy().into_owned());
            Origin::Pack(stem.unwrap_or_else(|| source.to_string()))
        }
    }

    /// How the card's mark reads.
    pub fn label(&self) -> String {
        match self {
            Origin::Builtin => "built-in".into(),
            Origin::Mine => "mine".into(),
            Origin::Pack(name) => name.clone(),
        }
    }
}

/// What we know about one pack file.
#[derive(Debug, Clone, Default)]
struct FileState {
    /// The text last read (to see whether it changed).
    seen: Option<String>,
    /// The newest version that loaded without problems.
    good: Option<Source>,
    /// The version in use when there is no good one (it loads partly, its problems listed).
    partial: Option<Source>,
    /// What is wrong with the newest version, while an older one (or none) is used instead.
    problems: Vec<Problem>,
}

impl FileState {
    fn in_use(&self) -> Option<&Source> {
        self.good.as_ref().or(self.partial.as_ref())
    }
}

/// The pack files under some roots (folders of `.ron` files, or single files), with the last
/// good version of each kept while a newer one is broken or too slow to load.
#[derive(Debug, Default)]
pub struct PackSet {
    roots: Vec<PathBuf>,
    files: Vec<(PathBuf, FileState)>,
    mine: Option<Source>,
    /// How long one pack may take to load before it is abandoned.
    pub timeout: Duration,
}

/// Note added to a problem of a file whose older version is still in use.
const KEPT: &str = "(not loaded: the last good version of this file is still in use)";

impl PackSet {
    /// Packs under `roots`, in that order (a folder's files sorted by name); none read yet.
    pub fn new(roots: Vec<PathBuf>, timeout: Duration) -> PackSet {
        PackSet {
            roots,
            files: Vec::new(),
            mine: None,
            timeout,
        }
    }

    /// The folders and files watched for changes.
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// Sets the rep's own cards (a pack whose path is [`MINE_SOURCE`]); true if changed.
    pub fn set_mine(&mut self, mine: Option<Source>) -> bool {
        let same = match (&self.mine, &mine) {
            (Some(a), Some(b)) => a.path == b.path && a.text == b.text,
            (None, None) => true,
            _ => false,
        };
        self.mine = mine;
        !same
    }

    /// Reads every pack again and takes in the ones whose text changed. A changed file that
    /// takes longer than [`PackSet::timeout`] alone is abandoned; one that brings problems keeps
    /// its last good version. Returns true if anything that loads changed.
    pub fn rescan(&mut self) -> bool {
        let mut old = std::mem::take(&mut self.files);
        let mut changed = false;
        let mut candidates: Vec<PathBuf> = Vec::new();
        for path in list_files(&self.roots) {
            let prev = old
                .iter()
                .position(|(p, _)| *p == path)
                .map(|i| old.swap_remove(i).1)
                .unwrap_or_default();
            let (mut sources, read_problems) = read_pack_path(&path);
            let mut st = prev;
            match sources.pop() {
                None => {
                    // Unreadable now: keep what loaded before, say why.
                    let text = read_problems.iter().map(ToString::to_string).collect::<String>();
                    if st.seen.as_deref() != Some(text.as_str()) {
                        changed = true;
                        st.seen = Some(text);
                        st.partial = None;
                        st.problems = kept_if(read_problems, st.good.is_some());
                    }
                }
                Some(src) if st.seen.as_deref() == Some(src.text.as_str()) => {}
                Some(src) => {
                    changed = true;
                    st.seen = Some(src.text.clone());
                    if loads_in_time(&src, self.timeout) {
                        st.partial = Some(src);
                        candidates.push(path.clone());
                    } else {
                        st.partial = None;
                        let secs = self.timeout.as_secs_f32();
                        let p = Problem::error(
                            src.path.clone(),
                            (1, 1),
                            ProblemKind::Unreadable,
                            format!("took longer than {secs:.1} s to load, so it was skipped"),
                        );
                        st.problems = kept_if(vec![p], st.good.is_some());
                    }
                }
            }
            self.files.push((path, st));
        }
        changed |= !old.is_empty(); // files that went away
        if !candidates.is_empty() {
            self.settle(&candidates);
        }
        changed
    }

    /// Decides, for files just read, whether the new version is good (no problems of its own
    /// in the whole library) or the last good one stays.
    fn settle(&mut self, candidates: &[PathBuf]) {
        // Try everything new at once; the new version is what `in_use` gives until settled.
        let trial = {
            let saved: Vec<Option<Source>> = self.files.iter().map(|(_, s)| s.good.clone()).collect();
            for (p, st) in &mut self.files {
                if candidates.contains(p) {
                    st.good = None;
                }
            }
            let loaded = self.load_sources();
            for ((_, st), g) in self.files.iter_mut().zip(saved) {
                st.good = g;
            }
            loaded
        };
        for (p, st) in &mut self.files {
            if !candidates.contains(p) {
                continue;
            }
            let Some(new) = st.partial.take() else { continue };
            let own: Vec<Problem> = trial.problems.iter().filter(|x| x.path == new.path).cloned().collect();
            if own.is_empty() {
                st.good = Some(new);
                st.problems.clear();
            } else if st.good.is_some() {
                st.problems = kept_if(own, true);
            } else {
                // Never loaded cleanly: the good parts load, the problems show as they are.
                st.partial = Some(new);
                st.problems.clear();
            }
        }
    }

    /// The sources in use: built-in, each pack's good (or partial) version, the rep's own.
    fn load_sources(&self) -> Loaded {
        let mut sources = content::builtin::sources();
        sources.extend(self.files.iter().filter_map(|(_, st)| st.in_use().cloned()));
        sources.extend(self.mine.clone());
        content::load(&sources)
    }

    /// Loads what is in use, with every problem: the library's own, then the ones of newer
    /// versions not taken in.
    pub fn load(&self) -> Loaded {
        let mut loaded = self.load_sources();
        for (_, st) in &self.files {
            loaded.problems.extend(st.problems.iter().cloned());
        }
        loaded
    }
}

fn kept_if(problems: Vec<Problem>, kept: bool) -> Vec<Problem> {
    if !kept {
        return problems;
    }
    problems
        .into_iter()
        .map(|mut p| {
            p.message = format!("{} {KEPT}", p.message);
            p
        })
        .collect()
}

/// Every pack file under `roots`: a folder gives its `.ron` files sorted by name (not
/// recursive), a file gives itself; missing roots give nothing.
pub fn list_files(roots: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for root in roots {
        if root.is_dir() {
            let Ok(entries) = std::fs::read_dir(root) else { continue };
            let mut v: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")) && p.is_file())
                .collect();
            v.sort();
            out.extend(v);
        } else if root.exists() {
            out.push(root.clone());
        }
    }
    out.dedup();
    out
}

/// Whether the built-in library plus `src` loads within `timeout`. The check runs on its own
/// thread; one that takes too long is left to finish on its own and never waited on again.
pub fn loads_in_time(src: &Source, timeout: Duration) -> bool {
    let (tx, rx) = mpsc::channel();
    let src = src.clone();
    let spawned = std::thread::Builder::new()
        .name("callside-pack-check".into())
        .spawn(move || {
            let mut sources = content::builtin::sources();
            sources.push(src);
            let _ = content::load(&sources);
            let _ = tx.send(());
        });
    spawned.is_ok() && rx.recv_timeout(timeout).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"(phrases: [(id: "team-hello", skill: "empathy", text: "Hello from the team.")])"#;
    const GOOD2: &str = r#"(phrases: [(id: "team-hello", skill: "empathy", text: "Hello again from the team.")])"#;
    const BROKEN: &str = r#"(phrases: [(id: "team-hello", skill: "empaty", text: "Broken.")])"#;

    fn text_of(set: &PackSet, id: &str) -> Option<String> {
        let l = set.load().library;
        l.phrase_index(id).map(|i| l.phrases[i].text.clone())
    }

    #[test]
    fn a_changed_file_is_taken_in_and_a_broken_one_keeps_its_last_good_version() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("team.ron");
        std::fs::write(&f, GOOD).unwrap();
        let mut set = PackSet::new(vec![dir.path().to_path_buf()], Duration::from_secs(20));
        assert!(set.rescan());
        assert_eq!(text_of(&set, "team-hello").as_deref(), Some("Hello from the team."));
        assert!(!set.rescan(), "nothing changed");
        std::fs::write(&f, GOOD2).unwrap();
        assert!(set.rescan());
        assert_eq!(
            text_of(&set, "team-hello").as_deref(),
            Some("Hello again from the team.")
        );

        std::fs::write(&f, BROKEN).unwrap();
        assert!(set.rescan());
        let l = set.load();
        let l_text = l
            .library
            .phrase_index("team-hello")
            .map(|i| l.library.phrases[i].text.clone());
        assert_eq!(l_text.as_deref(), Some("Hello again from the team."));
        let p = l
            .problems
            .iter()
            .find(|p| p.path == f.display().to_string())
            .expect("problem listed");
        assert_eq!(p.line, 1);
        assert!(p.col > 1, "{p}");
        assert!(p.message.contains("empaty") && p.message.contains(KEPT), "{p}");

        std::fs::write(&f, GOOD).unwrap();
        assert!(set.rescan());
        let l = set.load();
        assert!(l.problems.is_empty(), "{:?}", l.problems);
        assert_eq!(text_of(&set, "team-hello").as_deref(), Some("Hello from the team."));
    }

    #[test]
    fn a_file_that_never_loaded_cleanly_loads_its_good_parts_and_files_can_go() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("half.ron");
        let half = r#"(phrases: [
            (id: "ok-one", skill: "empathy", text: "This one is fine."),
            (id: "bad-one", skill: "nope", text: "This one is not."),
        ])"#;
        std::fs::write(&f, half).unwrap();
        let mut set = PackSet::new(vec![dir.path().to_path_buf()], Duration::from_secs(20));
        set.rescan();
        let l = set.load();
        assert!(l.library.phrase_index("ok-one").is_some());
        assert!(
            l.problems
                .iter()
                .any(|p| p.message.contains("nope") && !p.message.contains(KEPT))
        );
        std::fs::remove_file(&f).unwrap();
        assert!(set.rescan());
        let l = set.load();
        assert!(l.library.phrase_index("ok-one").is_none());
        assert!(l.problems.is_empty());
    }

    #[test]
    fn a_pack_too_slow_to_load_is_abandoned_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("slow.ron"), GOOD).unwrap();
        // No time at all: even a good pack is "too slow", which is what this checks.
        let mut set = PackSet::new(vec![dir.path().to_path_buf()], Duration::ZERO);
        set.rescan();
        let l = set.load();
        assert!(l.library.phrase_index("team-hello").is_none());
        let p = &l.problems[0];
        assert!(p.message.contains("took longer than"), "{p}");
        assert_eq!((p.line, p.col), (1, 1));
    }

    #[test]
    fn origins_read_from_the_source_path() {
        assert_eq!(Origin::of("builtin:phrases/core.ron"), Origin::Builtin);
        assert_eq!(Origin::of(MINE_SOURCE), Origin::Mine);
        assert_eq!(Origin::of("/team/drive/billing.ron"), Origin::Pack("billing".into()));
        assert_eq!(Origin::Pack("billing".into()).label(), "billing");
    }

    #[test]
    fn the_reps_own_cards_load_last_and_changes_are_noticed() {
        let mut set = PackSet::new(Vec::new(), Duration::from_secs(20));
        let mine = Source {
            path: MINE_SOURCE.into(),
            text: r#"(phrases: [(id: "mine-1", skill: "empathy", text: "My own words.")])"#.into(),
        };
        assert!(set.set_mine(Some(mine.clone())));
        assert!(!set.set_mine(Some(mine)));
        let l = set.load().library;
        let p = l.phrase_index("mine-1").unwrap();
        assert_eq!(Origin::of(&l.phrases[p].source), Origin::Mine);
    }
}
