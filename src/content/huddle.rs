//! Checked huddle content: the team's skill-of-the-day settings and the customers' opening lines
//! used in practice rounds. Read by `crate::huddle`; loaded by `super::load`.

use chrono::NaiveDate;

/// Seed used when no pack sets one.
pub const DEFAULT_SEED: &str = "callside";

/// How the skill of the day is chosen for this team.
#[derive(Debug, Clone)]
pub struct HuddleSettings {
    /// Mixed into every shuffle, so two teams can have different rotations.
    pub seed: String,
    /// Skill indices in the order the team wants them (empty: a seeded shuffle per cycle).
    pub order: Vec<usize>,
    /// Skills pinned to dates; at most one per date.
    pub pins: Vec<Pin>,
}

impl Default for HuddleSettings {
    fn default() -> Self {
        HuddleSettings {
            seed: DEFAULT_SEED.to_string(),
            order: Vec::new(),
            pins: Vec::new(),
        }
    }
}

/// A skill pinned to one date (a launch, a campaign, a known busy day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin {
    /// The date.
    pub date: NaiveDate,
    /// Skill index.
    pub skill: usize,
}

/// A customer's opening line for a situation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeLine {
    /// Situation tag index.
    pub tag: usize,
    /// What the customer says first.
    pub text: String,
}

/// Fewest opening lines the built-in data holds per situation tag (checked by the tests).
pub const MIN_LINES_PER_TAG: usize = 3;
