//! The file format: what a `.ron` content file (built-in or team pack) may contain, exactly as
//! written. Every list is optional, so a pack can hold any subset. Checked into the domain types
//! of [`super::model`] by [`super::load`].

use serde::Deserialize;

/// One content file. All lists default to empty.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawPack {
    pub groups: Vec<RawGroup>,
    pub skills: Vec<RawSkill>,
    pub phrases: Vec<RawPhrase>,
    pub tag_groups: Vec<RawGroup>,
    pub tags: Vec<RawTag>,
    pub rules: Vec<RawRule>,
    pub frameworks: Vec<RawFramework>,
    pub steps: Vec<RawStep>,
    pub vocabulary: Vec<super::vocabulary::RawVocab>,
    /// Huddle settings: the team's skill-of-the-day order, pins, seed (see `super::huddle`).
    pub huddle: Option<RawHuddle>,
    /// Customers' opening lines per situation, for huddle practice rounds.
    pub practice: Vec<RawPractice>,
}

/// A group of skills or of tags.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawGroup {
    pub id: String,
    pub name: String,
    pub blurb: String,
    pub specific: bool,
}

/// A skill; with only `id` (and aliases/related), an addition to an existing skill.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawSkill {
    pub id: String,
    pub name: String,
    pub group: String,
    pub aliases: Vec<String>,
    pub definition: String,
    pub in_service: String,
    pub analogy: String,
    pub related: Vec<String>,
}

/// A phrase card.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawPhrase {
    pub id: String,
    pub skill: String,
    pub text: String,
    pub instead_of: Option<String>,
    pub note: Option<String>,
    pub situations: Vec<String>,
    pub needs: Vec<String>,
    pub not_when: Vec<String>,
    pub feels: Vec<String>,
    pub phase: Option<String>,
    pub channels: Option<Vec<String>>,
    pub acts: Vec<String>,
    pub family: Option<String>,
    pub says: Vec<String>,
}

/// A situation tag; with an existing `id` and no `label`, an addition (more cues, more links).
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawTag {
    pub id: String,
    pub label: String,
    pub group: String,
    pub description: String,
    pub cues: Vec<String>,
    pub shouting: bool,
    pub skills: Vec<RawLink>,
}

/// A weighted link from a tag to a skill, with the reason shown to the rep.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawLink {
    pub skill: String,
    pub weight: i32,
    pub why: String,
    pub quiet_when: Vec<String>,
}

/// A combination rule: when all `when` tags are selected, adjust these skills.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawRule {
    pub id: String,
    pub when: Vec<String>,
    pub adjust: Vec<RawAdjust>,
}

/// One skill adjustment inside a rule (`by` may be negative).
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawAdjust {
    pub skill: String,
    pub by: i32,
    pub why: String,
}

/// A named de-escalation sequence (HEARD, LAST, CARP…).
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawFramework {
    pub id: String,
    pub name: String,
    pub stands_for: String,
    pub about: String,
}

/// A plan step, in conversation order.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawStep {
    pub id: String,
    pub title: String,
    pub guidance: String,
    pub written_guidance: String,
    pub phase: String,
    pub from: Vec<RawStepSource>,
    pub skills: Vec<String>,
    pub when_any: Vec<String>,
    pub unless_any: Vec<String>,
}

/// Which part of which framework a step comes from.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawStepSource {
    pub framework: String,
    pub part: String,
}

/// A team's huddle settings: the order skills of the day go in, and skills pinned to dates.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawHuddle {
    pub seed: String,
    pub order: Vec<String>,
    pub pins: Vec<RawPin>,
}

/// A skill pinned to a date (`YYYY-MM-DD`).
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawPin {
    pub date: String,
    pub skill: String,
}

/// Opening lines a customer in this situation might start with.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawPractice {
    pub situation: String,
    pub lines: Vec<String>,
}
