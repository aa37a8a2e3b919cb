//! The checked library: plain data with every cross-reference resolved to an index.
//! Built by [`super::load`]; read by search, the tough-call helper, the CLI and the window.

use serde::Serialize;
use std::collections::HashMap;

/// A group of skills or of situation tags.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// One line on what the group is for (may be empty).
    pub blurb: String,
    /// For tag groups: these tags name a case (a billing error). A card that names a case not
    /// picked is never a general fallback, and a plan step never offers it unless it also fits
    /// a picked case (a billing line never turns up for a return).
    pub specific: bool,
}

/// A service skill.
#[derive(Debug, Clone, Serialize)]
pub struct Skill {
    /// Stable id (`empathy`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Index into [`Library::groups`].
    #[serde(skip)]
    pub group: usize,
    /// Other names for the skill.
    pub aliases: Vec<String>,
    /// What the skill is, in a sentence or two.
    pub definition: String,
    /// What it looks like in a service conversation.
    pub in_service: String,
    /// An image that makes it stick.
    pub analogy: String,
    /// Indices of related skills.
    #[serde(skip)]
    pub related: Vec<usize>,
    /// Indices of this skill's phrase cards, in file order.
    #[serde(skip)]
    pub phrases: Vec<usize>,
}

/// A phrase card: something a rep can say.
#[derive(Debug, Clone, Serialize)]
pub struct Phrase {
    /// Stable id.
    pub id: String,
    /// Index of the skill it belongs to.
    #[serde(skip)]
    pub skill: usize,
    /// What to say; may hold placeholders like `{name}`.
    pub text: String,
    /// The hurtful thing this replaces, for "instead of" cards.
    pub instead_of: Option<String>,
    /// Indices of the situation tags it fits.
    #[serde(skip)]
    pub situations: Vec<usize>,
    /// Channels it suits; empty means any.
    pub channels: Vec<Channel>,
    /// The content file it came from (its [`super::Source`] path; `builtin:…` when built in).
    #[serde(skip)]
    pub source: String,
}

/// A conversation channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// Voice call.
    Phone,
    /// Live chat or messaging.
    Chat,
    /// Email or ticket.
    Email,
}

impl Channel {
    /// All channels, in display order.
    pub const ALL: [Channel; 3] = [Channel::Phone, Channel::Chat, Channel::Email];

    /// The id used in files and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::Chat => "chat",
            Channel::Email => "email",
        }
    }

    /// Parses a channel id.
    pub fn from_id(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.id() == s)
    }
}

/// A weighted link from a tag to a skill.
#[derive(Debug, Clone)]
pub struct Link {
    /// Skill index.
    pub skill: usize,
    /// How much the skill matters for the tag (1..5 in the built-in data).
    pub weight: i32,
    /// The reason, shown to the rep.
    pub why: String,
}

/// A situation tag of the tough-call helper.
#[derive(Debug, Clone)]
pub struct Tag {
    /// Stable id (`delayed-shipment`).
    pub id: String,
    /// Display label.
    pub label: String,
    /// Index into [`Library::tag_groups`].
    pub group: usize,
    /// What it looks and sounds like.
    pub description: String,
    /// Words and short phrases in a customer's message that reveal it.
    pub cues: Vec<String>,
    /// Each cue split into normalized words (same order as `cues`), prepared once at load.
    pub cue_words: Vec<Vec<String>>,
    /// Whether ALL CAPS or "!!!" counts as a cue.
    pub shouting: bool,
    /// Skills this tag pulls up.
    pub links: Vec<Link>,
    /// The channel this tag stands for, if it is a channel tag.
    pub channel: Option<Channel>,
}

/// A combination rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id.
    pub id: String,
    /// Tag indices that must all be selected.
    pub when: Vec<usize>,
    /// Skill adjustments.
    pub adjust: Vec<Link>,
}

/// A named de-escalation sequence.
#[derive(Debug, Clone)]
pub struct Framework {
    /// Stable id.
    pub id: String,
    /// Display name (`HEARD`).
    pub name: String,
    /// What the letters stand for.
    pub stands_for: String,
    /// Where it is used.
    pub about: String,
}

/// A plan step.
#[derive(Debug, Clone)]
pub struct Step {
    /// Stable id.
    pub id: String,
    /// Short title ("Hear them out").
    pub title: String,
    /// How to do it.
    pub guidance: String,
    /// (framework index, part name) pairs this step comes from.
    pub from: Vec<(usize, String)>,
    /// Skills belonging to the step.
    pub skills: Vec<usize>,
    /// The step applies only if one of these tags is selected (empty: always).
    pub when_any: Vec<usize>,
    /// The step is left out if one of these tags is selected.
    pub unless_any: Vec<usize>,
}

/// The whole content: built-in plus packs, checked.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Skill groups, in file order.
    pub groups: Vec<Group>,
    /// Skills, in file order.
    pub skills: Vec<Skill>,
    /// Phrase cards, in file order.
    pub phrases: Vec<Phrase>,
    /// Tag groups.
    pub tag_groups: Vec<Group>,
    /// Situation tags.
    pub tags: Vec<Tag>,
    /// Combination rules.
    pub rules: Vec<Rule>,
    /// De-escalation frameworks.
    pub frameworks: Vec<Framework>,
    /// Plan steps in conversation order.
    pub steps: Vec<Step>,
    /// The everyday vocabulary (search words and message cues tied to skills, tags and cards).
    pub vocabulary: Vec<super::vocabulary::VocabEntry>,
    /// Tag cues and vocabulary cues, prepared once for tag suggestion.
    pub cue_table: super::vocabulary::CueTable,
    /// The team's huddle settings (skill-of-the-day order, pins, seed).
    pub huddle: super::huddle::HuddleSettings,
    /// Customers' opening lines for practice rounds, in load order.
    pub practice: Vec<super::huddle::PracticeLine>,
    pub(crate) skill_ix: HashMap<String, usize>,
    pub(crate) phrase_ix: HashMap<String, usize>,
    pub(crate) tag_ix: HashMap<String, usize>,
}

impl Library {
    /// The skill with this id.
    pub fn skill(&self, id: &str) -> Option<&Skill> {
        self.skill_ix.get(id).map(|&i| &self.skills[i])
    }

    /// Index of the skill with this id.
    pub fn skill_index(&self, id: &str) -> Option<usize> {
        self.skill_ix.get(id).copied()
    }

    /// Index of the phrase card with this id.
    pub fn phrase_index(&self, id: &str) -> Option<usize> {
        self.phrase_ix.get(id).copied()
    }

    /// Index of the tag with this id.
    pub fn tag_index(&self, id: &str) -> Option<usize> {
        self.tag_ix.get(id).copied()
    }

    /// Skill indices grouped by skill group, groups in order.
    pub fn skills_by_group(&self) -> Vec<(usize, Vec<usize>)> {
        (0..self.groups.len())
            .map(|g| {
                let members = (0..self.skills.len()).filter(|&s| self.skills[s].group == g).collect();
                (g, members)
            })
            .filter(|(_, m): &(usize, Vec<usize>)| !m.is_empty())
            .collect()
    }
}
