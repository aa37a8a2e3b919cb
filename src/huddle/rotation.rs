//! The skill of the day: chosen by date alone, the same for every rep on a team.
//!
//! How it works. Days are counted from [`EPOCH`]. With `n` skills in the rotation, day `d` is day
//! `d mod n` of cycle `d div n`. Each cycle deals every skill once, in an order shuffled by a hash
//! of (team seed, cycle number, skill **id**): so every skill comes up once before any repeats,
//! the order differs from cycle to cycle, and it does not depend on which file or pack a skill was
//! written in. When the deal would start a cycle with the skill that ended the last one, the
//! first two swap, so no skill shows two days running.
//!
//! When a pack adds (or drops) a skill, `n` changes, so the cycle boundaries and the deal change
//! from that day on: reps with the same packs still all see the same skill, and each cycle dealt
//! with the new library still shows every skill once, but the skill of the day may jump (one
//! cycle is cut short; a skill may come back sooner than `n` days). Teams that want no jump at
//! all set an explicit `order` in their pack; new skills then join at the end of it.
//!
//! A pack can set `huddle: (order: [...])`, which replaces the shuffle: the listed skills in that
//! order, then any skill not listed (in the seeded order of cycle 0) so none is left out. A pin
//! (`pins: [(date, skill)]`) shows its skill on that date, whatever the rotation says; the skill
//! the rotation had for that day waits for the next cycle.

use super::hash::stable_hash;
use crate::content::Library;
use chrono::NaiveDate;

/// Day 0 of the rotation (a Monday).
pub const EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(2024, 1, 1) {
    Some(d) => d,
    None => panic!("valid epoch"),
};

/// Why a skill is today's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickReason {
    /// A pack pinned it to this date.
    Pinned,
    /// The team's own order: `position` (0-based) of `of`.
    TeamOrder {
        /// Where the skill stands in the team's order (0-based).
        position: usize,
        /// How many skills the order holds.
        of: usize,
    },
    /// The seeded shuffle: day `position` (0-based) of cycle `cycle`, which has `of` days.
    Rotation {
        /// Which run through every skill this is (0-based, counted from the epoch).
        cycle: i64,
        /// The day within that run (0-based).
        position: usize,
        /// How many days (skills) the run has.
        of: usize,
    },
}

/// The skill of the day, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    /// The date asked about.
    pub date: NaiveDate,
    /// Skill index.
    pub skill: usize,
    /// How it was chosen.
    pub reason: PickReason,
}

/// The skill for `date` (None only for a library with no skills).
pub fn skill_of_the_day(lib: &Library, date: NaiveDate) -> Option<Pick> {
    let n = lib.skills.len();
    if n == 0 {
        return None;
    }
    if let Some(pin) = lib.huddle.pins.iter().find(|p| p.date == date) {
        return Some(Pick {
            date,
            skill: pin.skill,
            reason: PickReason::Pinned,
        });
    }
    let day = (date - EPOCH).num_days();
    let (cycle, position) = (day.div_euclid(n as i64), day.rem_euclid(n as i64) as usize);
    if !lib.huddle.order.is_empty() {
        let sequence = team_sequence(lib);
        let position = day.rem_euclid(sequence.len() as i64) as usize;
        return Some(Pick {
            date,
            skill: sequence[position],
            reason: PickReason::TeamOrder {
                position,
                of: sequence.len(),
            },
        });
    }
    let deal = cycle_deal(lib, cycle);
    Some(Pick {
        date,
        skill: deal[position],
        reason: PickReason::Rotation { cycle, position, of: n },
    })
}

/// Every skill once, in the shuffled order of `cycle`; never starting with the previous cycle's
/// last skill (when there are three or more).
pub(crate) fn cycle_deal(lib: &Library, cycle: i64) -> Vec<usize> {
    let mut deal = raw_deal(lib, cycle);
    if deal.len() >= 3 && raw_deal(lib, cycle - 1).last() == deal.first() {
        deal.swap(0, 1);
    }
    deal
}

/// Skills sorted by a hash of (seed, cycle, id): ids, not positions, so adding a skill to the
/// library does not reorder the others relative to each other.
fn raw_deal(lib: &Library, cycle: i64) -> Vec<usize> {
    let seed = lib.huddle.seed.as_bytes();
    let cycle = cycle.to_le_bytes();
    let mut keyed: Vec<(u64, &str, usize)> = lib
        .skills
        .iter()
        .enumerate()
        .map(|(i, s)| (stable_hash(&[seed, &cycle, s.id.as_bytes()]), s.id.as_str(), i))
        .collect();
    keyed.sort();
    keyed.into_iter().map(|(_, _, i)| i).collect()
}

/// The team's order, then every skill it leaves out (in the seeded order of cycle 0).
fn team_sequence(lib: &Library) -> Vec<usize> {
    let mut seq = lib.huddle.order.clone();
    seq.extend(raw_deal(lib, 0).into_iter().filter(|s| !lib.huddle.order.contains(s)));
    seq
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{self, Source};
    use std::collections::HashSet;

    fn builtin() -> Library {
        content::load(&content::builtin::sources()).library
    }

    fn with_pack(pack: &str) -> content::Loaded {
        let mut sources = content::builtin::sources();
        sources.push(Source {
            path: "team.ron".into(),
            text: pack.into(),
        });
        content::load(&sources)
    }

    fn day(n: i64) -> NaiveDate {
        EPOCH + chrono::Duration::days(n)
    }

    #[test]
    fn every_skill_once_per_cycle_and_cycles_differ() {
        let lib = builtin();
        let n = lib.skills.len() as i64;
        let mut orders = Vec::new();
        for cycle in 0..4 {
            let picks: Vec<usize> = (cycle * n..(cycle + 1) * n)
                .map(|d| skill_of_the_day(&lib, day(d)).unwrap().skill)
                .collect();
            let distinct: HashSet<_> = picks.iter().collect();
            assert_eq!(distinct.len(), lib.skills.len(), "cycle {cycle} repeats a skill");
            orders.push(picks);
        }
        assert_ne!(orders[0], orders[1], "each cycle should be dealt afresh");
    }

    #[test]
    fn never_the_same_skill_two_days_running() {
        let lib = builtin();
        let picks: Vec<usize> = (-400..1200)
            .map(|d| skill_of_the_day(&lib, day(d)).unwrap().skill)
            .collect();
        for w in picks.windows(2) {
            assert_ne!(w[0], w[1]);
        }
    }

    #[test]
    fn same_date_same_skill_whatever_the_file_order() {
        let lib = builtin();
        let mut sources = content::builtin::sources();
        sources.swap(3, 8); // phrase files in another order
        let reordered = content::load(&sources).library;
        let date = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let a = skill_of_the_day(&lib, date).unwrap();
        let b = skill_of_the_day(&reordered, date).unwrap();
        assert_eq!(lib.skills[a.skill].id, reordered.skills[b.skill].id);
    }

    #[test]
    fn adding_a_skill_keeps_the_relative_order_of_the_others() {
        let lib = builtin();
        let loaded = with_pack(
            r#"(skills: [(id: "warranty-know-how", name: "Warranty know-how", group: "tools", definition: "Knowing what the warranty covers.")])"#,
        );
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let more = loaded.library;
        let ids = |l: &Library, deal: Vec<usize>| -> Vec<String> {
            deal.into_iter()
                .map(|s| l.skills[s].id.clone())
                .filter(|id| id != "warranty-know-how")
                .collect()
        };
        assert_eq!(ids(&lib, raw_deal(&lib, 5)), ids(&more, raw_deal(&more, 5)));
        // …and the bigger library still shows every skill once per cycle.
        let n = more.skills.len() as i64;
        let seen: HashSet<usize> = (0..n).map(|d| skill_of_the_day(&more, day(d)).unwrap().skill).collect();
        assert_eq!(seen.len(), more.skills.len());
    }

    #[test]
    fn seed_changes_the_rotation() {
        let lib = builtin();
        let other = with_pack(r#"(huddle: (seed: "night-shift"))"#).library;
        let a: Vec<usize> = (0..10).map(|d| skill_of_the_day(&lib, day(d)).unwrap().skill).collect();
        let b: Vec<usize> = (0..10)
            .map(|d| skill_of_the_day(&other, day(d)).unwrap().skill)
            .collect();
        assert_ne!(a, b);
    }

    #[test]
    fn team_order_and_pins_win() {
        let loaded = with_pack(
            r#"(huddle: (order: ["empathy", "patience", "active-listening"], pins: [(date: "2026-12-24", skill: "self-control")]))"#,
        );
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let lib = loaded.library;
        let n = lib.skills.len() as i64;
        let first = (0..3).map(|d| lib.skills[skill_of_the_day(&lib, day(d)).unwrap().skill].id.as_str());
        assert_eq!(first.collect::<Vec<_>>(), ["empathy", "patience", "active-listening"]);
        let next_cycle = skill_of_the_day(&lib, day(n)).unwrap();
        assert_eq!(lib.skills[next_cycle.skill].id, "empathy");
        let all: HashSet<usize> = (0..n).map(|d| skill_of_the_day(&lib, day(d)).unwrap().skill).collect();
        assert_eq!(all.len(), lib.skills.len(), "unlisted skills still come up");
        let xmas = skill_of_the_day(&lib, NaiveDate::from_ymd_opt(2026, 12, 24).unwrap()).unwrap();
        assert_eq!(lib.skills[xmas.skill].id, "self-control");
        assert_eq!(xmas.reason, PickReason::Pinned);
    }

    #[test]
    fn bad_huddle_settings_are_reported_with_a_place() {
        let loaded = with_pack(
            "(\n  huddle: (\n    order: [\"empathy\", \"empaty\", \"empathy\"],\n    pins: [(date: \"2026-13-01\", skill: \"empathy\"), (date: \"2026-12-01\", skill: \"patiense\")],\n  ),\n)",
        );
        let msgs: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("team.ron:3:24: unknown skill \"empaty\"") && m.contains("empathy")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("team.ron:3:34: huddle order: \"empathy\" is listed twice")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("team.ron:4:19:") && m.contains("YYYY-MM-DD")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("unknown skill \"patiense\"")),
            "{msgs:?}"
        );
        // The good part still applies.
        assert_eq!(loaded.library.huddle.order.len(), 1);
    }
}
