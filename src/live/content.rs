//! One consistent snapshot of everything the window shows: library, search index and problems.

use crate::content::{self, Library, Loaded, Problem};
use crate::search::Index;
use std::sync::atomic::{AtomicU64, Ordering};

/// Hands out generation numbers, so two snapshots built anywhere never share one.
static NEXT_GENERATION: AtomicU64 = AtomicU64::new(1);

/// The library, its search index and the problems found loading it, built together and
/// replaced together (held in an `Arc` and swapped whole). Anything derived from positions in
/// [`Content::library`] is only valid for the same [`Content::generation`].
pub struct Content {
    /// Unique per snapshot; changes whenever the content is replaced.
    pub generation: u64,
    /// The checked library.
    pub library: Library,
    /// The search index over [`Content::library`].
    pub index: Index,
    /// Problems found while loading, in file order.
    pub problems: Vec<Problem>,
    /// The browse list: skill positions by group, groups in order, empty groups left out.
    pub skills_by_group: Vec<(usize, Vec<usize>)>,
}

impl Content {
    /// Indexes a loaded library (the slow part: run it off the UI thread for big libraries).
    pub fn new(loaded: Loaded) -> Content {
        let index = Index::new(&loaded.library);
        let skills_by_group = group_skills(&loaded.library);
        Content {
            generation: NEXT_GENERATION.fetch_add(1, Ordering::Relaxed),
            library: loaded.library,
            index,
            problems: loaded.problems,
            skills_by_group,
        }
    }

    /// The built-in library alone.
    pub fn builtin() -> Content {
        Content::new(content::load(&content::builtin::sources()))
    }
}

/// Skills by group in one pass (a library of 40,000 groups and 17,500 skills groups in
/// milliseconds, not the seconds a scan per group takes).
fn group_skills(lib: &Library) -> Vec<(usize, Vec<usize>)> {
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); lib.groups.len()];
    for (i, s) in lib.skills.iter().enumerate() {
        if let Some(b) = buckets.get_mut(s.group) {
            b.push(i);
        }
    }
    buckets.into_iter().enumerate().filter(|(_, m)| !m.is_empty()).collect()
}

impl std::fmt::Debug for Content {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Content")
            .field("generation", &self.generation)
            .field("skills", &self.library.skills.len())
            .field("phrases", &self.library.phrases.len())
            .field("problems", &self.problems.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_snapshot_has_its_own_generation_and_a_matching_index() {
        let a = Content::builtin();
        let b = Content::builtin();
        assert_ne!(a.generation, b.generation);
        let lib = &a.library;
        assert_eq!(a.index.len(), lib.skills.len() + lib.phrases.len() + lib.tags.len());
        assert!(a.problems.is_empty(), "{:?}", a.problems);
        assert_eq!(a.skills_by_group, a.library.skills_by_group());
    }
}
