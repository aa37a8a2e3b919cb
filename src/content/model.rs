//! The checked library: plain data with every cross-reference resolved to an index.
//! Built by [`super::load`]; read by search, the tough-call helper, the CLI and the window.

use serde::Serialize;
use std::collections::HashMap;

/// Id of the tag group whose tags are feelings (what a card's `feels` may name).
pub const FEELING_GROUP: &str = "feeling";

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
    /// Why the card is worded the way it is, for the rep (may be empty).
    pub note: String,
    /// Indices of the situation tags it fits. A card that names cases (tags of a `specific`
    /// group) is only for contacts where one of those cases is picked.
    #[serde(skip)]
    pub situations: Vec<usize>,
    /// Indices of tags that must all be picked for the card to be used (the case its words
    /// presume: "the refund you were promised" needs a refund request).
    #[serde(skip)]
    pub needs: Vec<usize>,
    /// Indices of tags that rule the card out (a line issuing a refund is never for "policy
    /// says no").
    #[serde(skip)]
    pub not_when: Vec<usize>,
    /// Indices of the feelings the line names or presumes ("I can see why you're upset"):
    /// with a feeling picked, the card is only for one of these (see `coach::rules`).
    #[serde(skip)]
    pub feels: Vec<usize>,
    /// The moment of the conversation the card belongs to; `None` (a pack card without one):
    /// shown with its skill, never in a plan step.
    pub phase: Option<Phase>,
    /// Channels it suits, in [`Channel::ALL`] order; never empty. A card that does not say
    /// suits the live channels (spoken and written), never a public post.
    pub channels: Vec<Channel>,
    /// The content file it came from (its [`super::Source`] path; `builtin:…` when built in).
    #[serde(skip)]
    pub source: String,
    /// What the line does that the plan rules care about (asks for account details, sets a
    /// boundary…).
    pub acts: Vec<Act>,
    /// Cards that are alternatives for one move (two ways of summing up, of taking a post
    /// private): a plan offers at most one card of a family.
    pub family: Option<String>,
    /// What the line says or promises, as short keys ("dated-promise", "sorry-for-the-wait"):
    /// a plan never offers two cards that say the same thing, so a rep following it never
    /// says it twice. A card's `family` counts as one more such key.
    pub says: Vec<String>,
}

impl Phrase {
    /// Whether the two cards say the same thing: the same move (family) or a shared key.
    pub fn repeats(&self, other: &Phrase) -> bool {
        let f = self.family_key();
        (f.is_some() && f == other.family_key()) || self.says.iter().any(|k| other.says.contains(k))
    }

    /// The move the card makes, for "one card per move in a plan": its `family` or, for a
    /// boundary-step line, what it does (one boundary, one warning, one ending).
    pub fn family_key(&self) -> Option<&str> {
        if let Some(f) = &self.family {
            return Some(f);
        }
        self.acts.iter().find_map(|a| match a {
            Act::Boundary => Some("boundary line"),
            Act::Warning => Some("warning"),
            Act::EndContact => Some("ending"),
            _ => None,
        })
    }

    /// Whether the card is a reply written for a public post only.
    pub fn public_reply(&self) -> bool {
        self.channels.iter().all(|c| *c == Channel::Public)
    }
}

/// The moment of a conversation a card or plan step belongs to, in conversation order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Greeting, steadying yourself, reading the history, taking a public post private.
    Open,
    /// Naming abuse and the line it must not cross; comes before any warmth.
    Boundary,
    /// Letting them tell it, asking, playing back.
    Hear,
    /// Naming the feeling.
    Acknowledge,
    /// Saying sorry and owning it.
    Apologise,
    /// Checking, deciding, fixing.
    Solve,
    /// Saying what was done and what happens next; checking it worked.
    Confirm,
    /// Thanking and closing.
    Close,
    /// After the contact: an outbound message (a check-in), never part of a live plan.
    After,
}

impl Phase {
    /// All phases, in conversation order.
    pub const ALL: [Phase; 9] = [
        Phase::Open,
        Phase::Boundary,
        Phase::Hear,
        Phase::Acknowledge,
        Phase::Apologise,
        Phase::Solve,
        Phase::Confirm,
        Phase::Close,
        Phase::After,
    ];

    /// The id used in files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Phase::Open => "open",
            Phase::Boundary => "boundary",
            Phase::Hear => "hear",
            Phase::Acknowledge => "acknowledge",
            Phase::Apologise => "apologise",
            Phase::Solve => "solve",
            Phase::Confirm => "confirm",
            Phase::Close => "close",
            Phase::After => "after",
        }
    }

    /// Parses a phase id.
    pub fn from_id(s: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.id() == s)
    }
}

/// A conversation channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    /// Voice call.
    Phone,
    /// Face to face, at a counter or in store.
    InPerson,
    /// Live chat or messaging.
    Chat,
    /// Email or ticket.
    Email,
    /// A public post, comment or review that everyone can read.
    Public,
}

/// What kind of channel: what a rep means by "spoken", "written" and "public".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelClass {
    /// Phone and in person.
    Spoken,
    /// Chat and email.
    Written,
    /// A post or review in public.
    Public,
}

impl Channel {
    /// All channels, in display order.
    pub const ALL: [Channel; 5] = [
        Channel::Phone,
        Channel::InPerson,
        Channel::Chat,
        Channel::Email,
        Channel::Public,
    ];

    /// The id used in files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::InPerson => "in-person",
            Channel::Chat => "chat",
            Channel::Email => "email",
            Channel::Public => "public",
        }
    }

    /// The id of the situation tag that stands for this channel.
    pub fn tag_id(self) -> &'static str {
        match self {
            Channel::Public => "public-social-media",
            c => c.id(),
        }
    }

    /// The channel a situation tag stands for, if any.
    pub fn from_tag_id(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.tag_id() == s)
    }

    /// Parses a channel id.
    pub fn from_id(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.id() == s)
    }

    /// Spoken, written or public.
    pub fn class(self) -> ChannelClass {
        match self {
            Channel::Phone | Channel::InPerson => ChannelClass::Spoken,
            Channel::Chat | Channel::Email => ChannelClass::Written,
            Channel::Public => ChannelClass::Public,
        }
    }

    /// What a card's `channels` entry means: a channel id, a class (`spoken`, `written`,
    /// `public`) or `any`. `None` for an unknown word.
    pub fn expand(word: &str) -> Option<Vec<Channel>> {
        let of = |class| Channel::ALL.into_iter().filter(|c| c.class() == class).collect();
        match word {
            "any" => Some(Channel::ALL.to_vec()),
            "spoken" => Some(of(ChannelClass::Spoken)),
            "written" => Some(of(ChannelClass::Written)),
            w => Channel::from_id(w).map(|c| vec![c]),
        }
    }

    /// Every word [`Channel::expand`] understands.
    pub const WORDS: [&'static str; 8] = [
        "any",
        "spoken",
        "written",
        "public",
        "phone",
        "in-person",
        "chat",
        "email",
    ];

    /// What a card suits when it does not say: every live channel, never a public post.
    pub fn live() -> Vec<Channel> {
        Channel::ALL
            .into_iter()
            .filter(|c| c.class() != ChannelClass::Public)
            .collect()
    }
}

/// Something a line does that decides where it may be used; the plan rules in
/// `coach::rules` say where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Act {
    /// Asks for or reads out account or personal details.
    AsksDetails,
    /// Apologises for a mistake that was ours.
    OwnFault,
    /// Names abusive behaviour and the line it must not cross.
    Boundary,
    /// Warns that the contact will end if the abuse carries on.
    Warning,
    /// Ends the contact.
    EndContact,
    /// Asks the customer to tell what happened from the start: never for a repeat contact,
    /// who has told it before.
    AsksStory,
    /// Opens the contact ("Thanks for writing in", a first public reply): only before any
    /// other card of the plan.
    Opens,
    /// Only a live conversation carries it ("as we go", "let's look at this together", "line
    /// by line"): spoken or chat, never an email or a public post.
    Live,
    /// Said only when something happens that no tag names (the rep gave a wrong figure, the
    /// customer offers a fix, someone else is on the line): shown under its skill, never
    /// placed in a plan step.
    OnCue,
}

impl Act {
    /// All acts.
    pub const ALL: [Act; 9] = [
        Act::AsksDetails,
        Act::OwnFault,
        Act::Boundary,
        Act::Warning,
        Act::EndContact,
        Act::AsksStory,
        Act::Opens,
        Act::Live,
        Act::OnCue,
    ];

    /// The id used in files.
    pub fn id(self) -> &'static str {
        match self {
            Act::AsksDetails => "asks-details",
            Act::OwnFault => "own-fault",
            Act::Boundary => "boundary",
            Act::Warning => "warning",
            Act::EndContact => "end-contact",
            Act::AsksStory => "asks-story",
            Act::Opens => "opens",
            Act::Live => "live",
            Act::OnCue => "on-cue",
        }
    }

    /// Parses an act id.
    pub fn from_id(s: &str) -> Option<Act> {
        Act::ALL.into_iter().find(|a| a.id() == s)
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
    /// Tags under which the link does not apply, because its reason presumes otherwise (a
    /// refund reason when policy says no): neither its weight nor its reason counts.
    pub quiet_when: Vec<usize>,
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
    /// How to do it when the contact is written only (chat, email, a public post); `None`:
    /// `guidance` serves every channel.
    pub written_guidance: Option<String>,
    /// (framework index, part name) pairs this step comes from.
    pub from: Vec<(usize, String)>,
    /// The conversation phase: the step's cards are those of this phase.
    pub phase: Phase,
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
