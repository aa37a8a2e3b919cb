//! "Did you mean …?" for unknown references while loading, with bounded work: a pack with tens
//! of thousands of bad references against a library of tens of thousands of ids still loads in
//! milliseconds. Small id sets are searched whole (the best suggestion); large ones only near
//! the unknown id in sorted order, among ids of about its length; and only the first
//! [`MAX_LOOKUPS`] distinct unknown ids of a load get a suggestion at all.

use crate::text::edit_distance;
use std::collections::HashMap;

/// Id sets up to this size are compared in full.
const EXHAUSTIVE: usize = 64;
/// In larger sets, how many sorted neighbours on each side, per length, are compared.
const NEIGHBOURS: usize = 4;
/// Distinct unknown ids per load that get a suggestion; later ones are reported without one.
pub const MAX_LOOKUPS: usize = 1000;

/// Which set of ids a reference points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ids {
    /// Skill ids.
    Skills,
    /// Situation tag ids.
    Tags,
    /// Skill group ids.
    Groups,
    /// Tag group ids.
    TagGroups,
    /// Framework ids.
    Frameworks,
    /// Phrase card ids.
    Phrases,
}

/// Ids of one set, by length, each length sorted.
struct Sorted {
    size: usize,
    by_len: HashMap<usize, Vec<String>>,
}

/// Suggestions for one load: a sorted copy of each id set (made on first need) and a memo.
#[derive(Default)]
pub struct Hints {
    sorted: HashMap<Ids, Sorted>,
    memo: HashMap<(Ids, String), Option<String>>,
    lookups: usize,
}

impl Hints {
    /// The known id closest to `unknown` in `known` (a likely typo), if any.
    pub fn nearest<'k>(
        &mut self,
        ids: Ids,
        unknown: &str,
        known: impl ExactSizeIterator<Item = &'k str>,
    ) -> Option<String> {
        if let Some(hit) = self.memo.get(&(ids, unknown.to_string())) {
            return hit.clone();
        }
        if self.lookups >= MAX_LOOKUPS {
            return None;
        }
        self.lookups += 1;
        let size = known.len();
        let found = if size <= EXHAUSTIVE {
            crate::text::nearest(unknown, known).map(str::to_string)
        } else {
            let sorted = self.sorted.entry(ids).or_insert_with(|| Sorted {
                size: 0,
                by_len: HashMap::new(),
            });
            if sorted.size != size {
                *sorted = Sorted::new(known, size);
            }
            sorted.nearest(unknown)
        };
        self.memo.insert((ids, unknown.to_string()), found.clone());
        found
    }
}

impl Sorted {
    fn new<'k>(known: impl Iterator<Item = &'k str>, size: usize) -> Sorted {
        let mut by_len: HashMap<usize, Vec<String>> = HashMap::new();
        for k in known {
            by_len.entry(k.chars().count()).or_default().push(k.to_string());
        }
        for v in by_len.values_mut() {
            v.sort_unstable();
        }
        Sorted { size, by_len }
    }

    fn nearest(&self, unknown: &str) -> Option<String> {
        let len = unknown.chars().count();
        let max = (len / 3).clamp(2, 4);
        let mut best: Option<(usize, &str)> = None;
        for l in len.saturating_sub(max)..=len + max {
            let Some(bucket) = self.by_len.get(&l) else { continue };
            let at = bucket.partition_point(|k| k.as_str() < unknown);
            let from = at.saturating_sub(NEIGHBOURS);
            let to = (at + NEIGHBOURS).min(bucket.len());
            for k in &bucket[from..to] {
                if let Some(d) = edit_distance(unknown, k, max)
                    && best.is_none_or(|(bd, bk)| (d, k.as_str()) < (bd, bk))
                {
                    best = Some((d, k));
                }
            }
        }
        best.map(|(_, k)| k.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_sets_get_the_best_suggestion() {
        let mut h = Hints::default();
        let known = ["empathy", "patience", "humor"];
        assert_eq!(
            h.nearest(Ids::Skills, "empaty", known.iter().copied()),
            Some("empathy".into())
        );
        assert_eq!(h.nearest(Ids::Skills, "zzzzzz", known.iter().copied()), None);
    }

    #[test]
    fn large_sets_find_typos_near_in_sorted_order() {
        let known: Vec<String> = (0..20_000).map(|i| format!("skill-{i:05}")).collect();
        let mut h = Hints::default();
        let near = h.nearest(Ids::Skills, "skill-1234x", known.iter().map(String::as_str));
        assert!(near.as_deref().is_some_and(|n| n.starts_with("skill-123")), "{near:?}");
        assert_eq!(
            h.nearest(Ids::Skills, "qqqqqqqqqqq", known.iter().map(String::as_str)),
            None
        );
    }

    #[test]
    fn lookups_are_capped_per_load() {
        let known = ["empathy"];
        let mut h = Hints::default();
        for i in 0..MAX_LOOKUPS {
            h.nearest(Ids::Skills, &format!("x{i}"), known.iter().copied());
        }
        assert_eq!(h.nearest(Ids::Skills, "empaty", known.iter().copied()), None);
    }
}
