//! Practice rounds: a situation from the tough-call vocabulary and a customer's opening line.
//! The team answers out loud; then [`reveal`] gives the coach's plan for that situation.

use super::hash::stable_hash;
use crate::coach::{self, Plan};
use crate::content::Library;

/// How far down the coach's ranking a skill may be for a situation to practise it.
const SKILL_RANK_FOR_PRACTICE: usize = 3;

/// One practice round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    /// Index into `Library::practice`: the line the customer opens with.
    pub line: usize,
    /// The situation tag (the line's tag).
    pub tag: usize,
}

/// Draws a round, the same for the same `seed`. With a `skill`, prefers situations where the
/// coach ranks that skill among its top three, so the round practises the skill of the day.
pub fn practice_round(lib: &Library, skill: Option<usize>, seed: &str) -> Option<Round> {
    if lib.practice.is_empty() {
        return None;
    }
    let fits = |tag: usize| {
        skill.is_none_or(|s| {
            coach::recommend(lib, &[tag])
                .skills
                .iter()
                .take(SKILL_RANK_FOR_PRACTICE)
                .any(|r| r.skill == s)
        })
    };
    let mut tag_fits: Vec<Option<bool>> = vec![None; lib.tags.len()];
    let mut candidates: Vec<usize> = Vec::new();
    for (i, line) in lib.practice.iter().enumerate() {
        if *tag_fits[line.tag].get_or_insert_with(|| fits(line.tag)) {
            candidates.push(i);
        }
    }
    if candidates.is_empty() {
        candidates = (0..lib.practice.len()).collect();
    }
    // Hash each candidate's own text, so adding a line elsewhere does not change this pick.
    let line = candidates
        .into_iter()
        .min_by_key(|&i| {
            let l = &lib.practice[i];
            stable_hash(&[seed.as_bytes(), lib.tags[l.tag].id.as_bytes(), l.text.as_bytes()])
        })
        .unwrap_or(0);
    Some(Round {
        line,
        tag: lib.practice[line].tag,
    })
}

/// The coach's plan for the round's situation (the same answer the tough-call helper gives).
pub fn reveal(lib: &Library, round: &Round) -> Plan {
    coach::recommend(lib, &[round.tag])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content;

    fn lib() -> Library {
        content::load(&content::builtin::sources()).library
    }

    #[test]
    fn same_seed_same_round_and_seeds_vary() {
        let lib = lib();
        let a = practice_round(&lib, None, "2026-11-24").unwrap();
        assert_eq!(practice_round(&lib, None, "2026-11-24"), Some(a));
        let distinct: std::collections::HashSet<usize> = (0..30)
            .filter_map(|i| practice_round(&lib, None, &format!("seed-{i}")).map(|r| r.line))
            .collect();
        assert!(
            distinct.len() > 10,
            "only {} different lines in 30 rounds",
            distinct.len()
        );
    }

    #[test]
    fn a_round_for_a_skill_practises_that_skill() {
        let lib = lib();
        let s = lib.skill_index("self-control").unwrap();
        for i in 0..10 {
            let r = practice_round(&lib, Some(s), &format!("day-{i}")).unwrap();
            let plan = reveal(&lib, &r);
            assert!(
                plan.skills.iter().take(SKILL_RANK_FOR_PRACTICE).any(|x| x.skill == s),
                "{} does not lead with self-control",
                lib.tags[r.tag].id
            );
        }
    }
}
