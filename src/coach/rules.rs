//! The plan rules, written once: which card may be offered for which situation, why it was
//! chosen, and what a whole plan must look like. The recommender only offers cards these rules
//! allow; the CLI and the window show [`CardReason`]s; the tests run [`check_plan`] over every
//! combination of tags.
//!
//! A few published tag ids carry meaning here: `abusive` (boundary lines), `company-error`
//! (apologising for our own mistake) and the channel tags (see [`Channel::tag_id`]).

use super::Plan;
use crate::content::{Act, Channel, ChannelClass, FEELING_GROUP, Library, Phase};
use std::fmt;

/// Tag id under which boundary, warning and end-the-contact lines may be used.
pub const ABUSIVE: &str = "abusive";
/// Tag id under which a line may apologise for a mistake that was ours.
pub const OUR_MISTAKE: &str = "company-error";
/// Tag id of a customer who has told the story before: no line asks them to tell it again.
pub const REPEAT_CONTACT: &str = "repeat-contact";
/// Feelings no line may name another feeling to: an abusive customer is not "upset", a joking
/// or happy one is not "worried" (a card naming one of these must list it in `feels`).
pub const NEVER_RENAMED: [&str; 3] = ["abusive", "joking", "happy"];

/// Why a card may not be offered for a situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Misfit {
    /// The card's `not_when` names this picked tag.
    NotWhen(usize),
    /// The card needs this tag and it is not picked.
    Needs(usize),
    /// The card names this case, and none of the cases it names is picked.
    OtherCase(usize),
    /// The card does not suit this picked channel (or, with no channel picked, it suits only
    /// spoken or only written contacts).
    Channel(Option<Channel>),
    /// The card asks for or reads out personal details, and the contact is public.
    DetailsInPublic,
    /// The card apologises for our mistake, and no mistake of ours is picked.
    OwnFaultNotPicked,
    /// A boundary, warning or end-the-contact line, and the customer is not abusive.
    NotAbusive,
    /// An outbound message for after the contact, in a live plan.
    Outbound,
    /// The card asks for the story from the start, and the customer has told it before.
    RetellsStory,
    /// A live-conversation line ("as we go", "together"), and the contact is an email or a
    /// public post.
    NotLive(Channel),
    /// The card names a feeling, and this picked feeling is not one it names.
    OtherFeeling(usize),
    /// The card is said on a cue no tag names: never placed in a plan step.
    OnCue,
}

impl Misfit {
    /// The rule broken, in words.
    pub fn describe(&self, lib: &Library) -> String {
        let tag = |t: &usize| lib.tags[*t].id.as_str();
        match self {
            Misfit::NotWhen(t) => format!("its not_when names \"{}\", which is picked", tag(t)),
            Misfit::Needs(t) => format!("it needs \"{}\", which is not picked", tag(t)),
            Misfit::OtherCase(t) => format!("it is about \"{}\", which nobody picked", tag(t)),
            Misfit::Channel(Some(c)) => format!("it is not written for the {} channel", c.id()),
            Misfit::Channel(None) => "it suits only one kind of channel and none is picked".into(),
            Misfit::DetailsInPublic => "it asks for or reveals personal details in public".into(),
            Misfit::OwnFaultNotPicked => "it apologises for our mistake and no mistake of ours is picked".into(),
            Misfit::NotAbusive => "it is a boundary line and the customer is not abusive".into(),
            Misfit::Outbound => "it is a message for after the contact".into(),
            Misfit::RetellsStory => "it asks a repeat contact to tell the story again".into(),
            Misfit::NotLive(c) => format!("it is a live-conversation line, and the contact is {}", c.id()),
            Misfit::OtherFeeling(t) => format!("it names a feeling, and \"{}\" is picked", tag(t)),
            Misfit::OnCue => "it is said on a cue no tag names, never as a plan step".into(),
        }
    }
}

/// Why a card was chosen: the picked tags it was written for and, when it was written for
/// some channels only, the picked channel it suits.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CardReason {
    /// Picked tags among the card's situations and needs: cases first, then feelings.
    pub tags: Vec<usize>,
    /// The picked channel tag, when the card is written for some channels only.
    pub channel: Option<usize>,
}

impl CardReason {
    /// The reason in words: "For Billing error + Angry + Chat"; a card written for any
    /// contact says so.
    pub fn text(&self, lib: &Library) -> String {
        let labels: Vec<&str> = self
            .tags
            .iter()
            .chain(&self.channel)
            .map(|&t| lib.tags[t].label.as_str())
            .collect();
        if labels.is_empty() {
            "For any situation".to_string()
        } else {
            format!("For {}", labels.join(" + "))
        }
    }

    /// Tag ids, for JSON.
    pub fn tag_ids<'l>(&self, lib: &'l Library) -> Vec<&'l str> {
        self.tags.iter().map(|&t| lib.tags[t].id.as_str()).collect()
    }
}

/// The picked situation, prepared for asking card questions.
#[derive(Debug, Clone)]
pub struct Situation<'a> {
    lib: &'a Library,
    tags: Vec<usize>,
    channels: Vec<Channel>,
    abusive: bool,
    our_mistake: bool,
    repeat: bool,
    /// The contact began as a public post (now in private messages): still no personal
    /// details asked for.
    from_public: bool,
}

impl<'a> Situation<'a> {
    /// The situation of these picked tags.
    pub fn new(lib: &'a Library, tags: &[usize]) -> Self {
        let picked = |id: &str| lib.tag_index(id).is_some_and(|t| tags.contains(&t));
        Situation {
            lib,
            tags: tags.to_vec(),
            channels: tags.iter().filter_map(|&t| lib.tags[t].channel).collect(),
            abusive: picked(ABUSIVE),
            our_mistake: picked(OUR_MISTAKE),
            repeat: picked(REPEAT_CONTACT),
            from_public: false,
        }
    }

    /// The library the situation is about.
    pub fn library(&self) -> &'a Library {
        self.lib
    }

    /// The picked tags.
    pub fn tags(&self) -> &[usize] {
        &self.tags
    }

    /// The same situation once a public post has been taken to private messages: the rest of
    /// the conversation is a written one-to-one (read as chat).
    pub fn in_private(&self) -> Situation<'a> {
        let (Some(public), Some(chat)) = (
            self.lib.tags.iter().position(|t| t.channel == Some(Channel::Public)),
            self.lib.tags.iter().position(|t| t.channel == Some(Channel::Chat)),
        ) else {
            return self.clone();
        };
        let mut tags: Vec<usize> = self.tags.iter().map(|&t| if t == public { chat } else { t }).collect();
        tags.dedup();
        Situation {
            from_public: self.public(),
            ..Situation::new(self.lib, &tags)
        }
    }

    fn picked(&self, t: usize) -> bool {
        self.tags.contains(&t)
    }

    fn specific(&self, t: usize) -> bool {
        self.lib.tag_groups[self.lib.tags[t].group].specific
    }

    /// Whether every picked channel is written (chat, email, a public post): spoken guidance
    /// and reasons do not apply.
    pub fn written_only(&self) -> bool {
        !self.channels.is_empty() && self.channels.iter().all(|c| c.class() != ChannelClass::Spoken)
    }

    /// Whether the contact happens in public.
    pub fn public(&self) -> bool {
        self.channels.contains(&Channel::Public)
    }

    /// The first rule the card breaks here, if any. Applies to every card of a plan, in its
    /// steps and under its skills.
    pub fn misfit(&self, card: usize) -> Option<Misfit> {
        let c = &self.lib.phrases[card];
        if let Some(&t) = c.not_when.iter().find(|&&t| self.picked(t)) {
            return Some(Misfit::NotWhen(t));
        }
        if let Some(&t) = c.needs.iter().find(|&&t| !self.picked(t)) {
            return Some(Misfit::Needs(t));
        }
        let cases: Vec<usize> = c.situations.iter().copied().filter(|&t| self.specific(t)).collect();
        if !cases.is_empty() && !cases.iter().any(|&t| self.picked(t)) {
            return Some(Misfit::OtherCase(cases[0]));
        }
        if self.channels.is_empty() {
            let suits = |class| c.channels.iter().any(|ch| ch.class() == class);
            if !(suits(ChannelClass::Spoken) && suits(ChannelClass::Written)) {
                return Some(Misfit::Channel(None));
            }
        } else if let Some(&ch) = self.channels.iter().find(|ch| !c.channels.contains(ch)) {
            return Some(Misfit::Channel(Some(ch)));
        }
        if (self.public() || self.from_public) && c.acts.contains(&Act::AsksDetails) {
            return Some(Misfit::DetailsInPublic);
        }
        if !self.our_mistake && c.acts.contains(&Act::OwnFault) {
            return Some(Misfit::OwnFaultNotPicked);
        }
        if !self.abusive
            && c.acts
                .iter()
                .any(|a| matches!(a, Act::Boundary | Act::Warning | Act::EndContact))
        {
            return Some(Misfit::NotAbusive);
        }
        if c.phase == Some(Phase::After) {
            return Some(Misfit::Outbound);
        }
        if self.repeat && c.acts.contains(&Act::AsksStory) {
            return Some(Misfit::RetellsStory);
        }
        if c.acts.contains(&Act::Live)
            && let Some(&ch) = self
                .channels
                .iter()
                .find(|ch| matches!(ch, Channel::Email | Channel::Public))
        {
            return Some(Misfit::NotLive(ch));
        }
        if names_chat(&c.text) && self.channels.contains(&Channel::Email) {
            return Some(Misfit::Channel(Some(Channel::Email)));
        }
        if let Some(t) = self.other_feeling(card) {
            return Some(Misfit::OtherFeeling(t));
        }
        None
    }

    /// A picked feeling the card's named feeling does not fit: with feelings picked, one of
    /// them must be among its `feels`, and an abusive, joking or happy customer is never told
    /// they feel something else.
    fn other_feeling(&self, card: usize) -> Option<usize> {
        let feels = &self.lib.phrases[card].feels;
        if feels.is_empty() {
            return None;
        }
        let feelings: Vec<usize> = self
            .tags
            .iter()
            .copied()
            .filter(|&t| self.lib.tag_groups[self.lib.tags[t].group].id == FEELING_GROUP)
            .collect();
        if let Some(&t) = feelings
            .iter()
            .find(|&&t| NEVER_RENAMED.contains(&self.lib.tags[t].id.as_str()) && !feels.contains(&t))
        {
            return Some(t);
        }
        if !feelings.is_empty() && !feelings.iter().any(|t| feels.contains(t)) {
            return Some(feelings[0]);
        }
        None
    }

    /// [`Situation::misfit`] for a plan step: a card said only on a cue no tag names is never
    /// placed in a step.
    pub fn step_misfit(&self, card: usize) -> Option<Misfit> {
        if self.lib.phrases[card].acts.contains(&Act::OnCue) {
            return Some(Misfit::OnCue);
        }
        self.misfit(card)
    }

    /// Whether the card was written for something picked: one of its situations is picked, or
    /// it names no situation at all (a line for any contact).
    pub fn on_topic(&self, card: usize) -> bool {
        let c = &self.lib.phrases[card];
        c.situations.is_empty() || c.situations.iter().any(|&t| self.picked(t))
    }

    /// Why the card fits here (meaningful for cards with no [`Misfit`]).
    pub fn reason(&self, card: usize) -> CardReason {
        let c = &self.lib.phrases[card];
        let mut tags: Vec<usize> = Vec::new();
        for &t in c.needs.iter().chain(&c.situations) {
            if self.picked(t) && !tags.contains(&t) && self.lib.tags[t].channel.is_none() {
                tags.push(t);
            }
        }
        tags.sort_by_key(|&t| (!self.specific(t), self.tags.iter().position(|&x| x == t)));
        // The channel counts when the card names its tag, or was written for one kind of
        // channel only (a spoken line, a public reply), and that channel is picked.
        let one_class = c.channels.iter().all(|ch| ch.class() == c.channels[0].class());
        let channel = self.tags.iter().copied().find(|&t| {
            self.lib.tags[t]
                .channel
                .is_some_and(|ch| c.channels.contains(&ch) && (one_class || c.situations.contains(&t)))
        });
        CardReason { tags, channel }
    }
}

/// Words that claim the problem is fixed or ask whether the fix worked: such a line belongs
/// after the fix.
const CLAIMS_FIXED: [&str; 8] = [
    "it's fixed",
    "that's fixed",
    "now fixed",
    "did that work",
    "is it working",
    "working again",
    "all sorted",
    "that's sorted",
];

/// Words only a spoken contact can carry: never in a line, a reason or guidance for a
/// contact that is written only.
const SPOKEN_WORDS: [&str; 9] = [
    "your voice",
    "your own voice",
    "friendly tone",
    "i hear you",
    "i'm listening",
    "stop me",
    "hang up",
    "angry call",
    "finish your thought",
];

/// Words only a live conversation carries (spoken or chat): a card using one is marked `live`.
const LIVE_WORDS: [&str; 11] = [
    "as we go",
    "shall we carry on",
    "before i chase",
    "look at this together",
    "go through it together",
    "with you line by line",
    "a moment ago",
    "just now",
    "speak to them now",
    "while you're here",
    "right now, together",
];

/// Whether a line names a chat ("close this chat", "stays in this chat"): it never reaches an
/// email, which has no chat to close or keep things in.
pub fn names_chat(text: &str) -> bool {
    let t = text.to_lowercase();
    ["this chat", "the chat", "our chat"].iter().any(|w| t.contains(w))
}

/// Whether a line uses words only a live conversation carries.
pub fn live_words(text: &str) -> bool {
    let t = text.to_lowercase().replace('\u{2019}', "'");
    LIVE_WORDS.iter().any(|w| t.contains(w))
}

/// Words that name how the customer feels: a card using one lists the feelings it fits in
/// `feels`.
const FEELING_WORDS: [&str; 15] = [
    "upset",
    "unhappy",
    "worry",
    "worried",
    "worrying",
    "anxious",
    "uneasy",
    "unsettling",
    "angry",
    "annoyed",
    "frustrating",
    "fed up",
    "stressful",
    "got to you",
    "feeling like this",
];

/// Whether a line names how the customer feels.
pub fn names_feeling(text: &str) -> bool {
    let t = text.to_lowercase().replace('\u{2019}', "'");
    FEELING_WORDS.iter().any(|w| t.contains(w))
}

/// Whether a line, reason or guidance presumes the contact is spoken.
pub fn spoken_words(text: &str) -> bool {
    let t = text.to_lowercase().replace('\u{2019}', "'");
    SPOKEN_WORDS.iter().any(|w| t.contains(w))
}

/// Cases a plan must act on, not only talk about: when one is picked, some Solve step offers a
/// card written for it (a cancellation plan has a step that cancels).
pub const MUST_ACT_ON: [&str; 1] = ["cancellation"];

/// Card families that take a public post private ("send us a private message", "we've
/// messaged you privately"): after the step that offers one, the plan goes on in private.
pub const PRIVATE_MOVES: [&str; 2] = ["ask-to-message-us", "messaged-privately"];

/// (earlier, later) families: once a card of the first is offered, none of the second may
/// follow ("we've messaged you privately" is never followed by "please message us", and
/// after "please message us" no second public reply says we will message them).
pub const SUPERSEDES: [(&str, &str); 2] = [
    ("messaged-privately", "ask-to-message-us"),
    ("ask-to-message-us", "messaged-privately"),
];

/// Whether `card` may not follow the cards in `before`: it says what one of them already says
/// (same family or a shared `says` key), or makes a move one of them has made needless.
pub fn superseded(lib: &Library, card: usize, before: &[usize]) -> Option<usize> {
    let c = &lib.phrases[card];
    let f = c.family_key();
    before.iter().copied().find(|&q| {
        let g = lib.phrases[q].family_key();
        q != card && (c.repeats(&lib.phrases[q]) || SUPERSEDES.iter().any(|&(a, b)| g == Some(a) && f == Some(b)))
    })
}

/// The step that comes first once a public post has gone private: check who it is before
/// anything about their case is heard, acknowledged or apologised for in private.
pub const FIRST_IN_PRIVATE: &str = "protect-data";

/// Whether `step` is the one a public plan takes first in private ([`FIRST_IN_PRIVATE`]).
pub fn first_in_private(lib: &Library, step: usize) -> bool {
    lib.steps[step].id == FIRST_IN_PRIVATE
}

/// The steps of a plan in conversation order: in a public plan, [`FIRST_IN_PRIVATE`] moves to
/// right after the opening and boundary steps (the public replies), ahead of the private
/// conversation.
pub fn in_conversation_order(lib: &Library, sit: &Situation, mut steps: Vec<usize>) -> Vec<usize> {
    if !sit.public() {
        return steps;
    }
    if let Some(at) = steps.iter().position(|&s| first_in_private(lib, s)) {
        let step = steps.remove(at);
        let after_open = steps
            .iter()
            .position(|&s| lib.steps[s].phase > Phase::Boundary)
            .unwrap_or(steps.len());
        steps.insert(after_open, step);
    }
    steps
}

/// Whether the card opens a contact and so may only come before every other card of a plan.
pub fn opens(lib: &Library, card: usize) -> bool {
    lib.phrases[card].acts.contains(&Act::Opens)
}

/// Whether a card of `skill` belongs in another step of the plan: a step of the same phase
/// whose own skills include it (a failed-check reply stays with the check, not after the fix).
pub fn owned_elsewhere(lib: &Library, plan_steps: &[(usize, &[usize])], here: usize, skill: usize) -> bool {
    let phase = lib.steps[plan_steps[here].0].phase;
    plan_steps
        .iter()
        .enumerate()
        .any(|(j, &(st, skills))| j != here && lib.steps[st].phase == phase && skills.contains(&skill))
}

/// Whether the card takes a public post private.
pub fn takes_private(lib: &Library, card: usize) -> bool {
    lib.phrases[card]
        .family_key()
        .is_some_and(|f| PRIVATE_MOVES.contains(&f))
}

/// Whether a line claims the problem is fixed or asks if the fix worked.
pub fn claims_fixed(text: &str) -> bool {
    let t = text.to_lowercase().replace('\u{2019}', "'");
    CLAIMS_FIXED.iter().any(|w| t.contains(w))
}

/// A plan that breaks a rule: the tags, the card (if a card is at fault) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The picked tag ids.
    pub tags: Vec<String>,
    /// The card at fault, if any.
    pub card: Option<String>,
    /// What is wrong.
    pub what: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}]", self.tags.join(", "))?;
        if let Some(c) = &self.card {
            write!(f, " card \"{c}\"")?;
        }
        write!(f, ": {}", self.what)
    }
}

/// What a checked plan holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanCount {
    /// Steps in the plan.
    pub steps: usize,
    /// Steps that offer no card.
    pub empty_steps: usize,
    /// Cards offered, in steps and under skills.
    pub cards: usize,
    /// Cards written for nothing that was picked (a fallback).
    pub off_topic: usize,
}

/// Checks a whole plan against every rule; the first broken rule is the error.
pub fn check_plan(lib: &Library, plan: &Plan) -> Result<PlanCount, Violation> {
    let sit = Situation::new(lib, &plan.tags);
    let private = sit.in_private();
    let mut took_private = false;
    let mut moved = false;
    let fail = |card: Option<usize>, what: String| Violation {
        tags: plan.tags.iter().map(|&t| lib.tags[t].id.clone()).collect(),
        card: card.map(|c| lib.phrases[c].id.clone()),
        what,
    };
    let mut count = PlanCount::default();
    let mut seen: Vec<usize> = Vec::new();
    let mut public_replies = 0;
    let written = sit.written_only();
    let mut warned = false;
    // In a public plan the check of who it is comes first in private, ahead of the rest.
    let private_first = |st: usize| sit.public() && first_in_private(lib, st);
    let private_first_at = plan.steps.iter().position(|s| private_first(s.step));
    let solve_at = plan
        .steps
        .iter()
        .position(|s| lib.steps[s.step].phase == Phase::Solve && !private_first(s.step));
    let mut private_start: Option<usize> = None;
    let mut last_phase = Phase::Open;
    let owners: Vec<(usize, &[usize])> = plan.steps.iter().map(|s| (s.step, s.skills.as_slice())).collect();
    for (i, ps) in plan.steps.iter().enumerate() {
        let step = &lib.steps[ps.step];
        let before_step = seen.len();
        if private_first_at.is_some_and(|at| i < at) && step.phase > Phase::Boundary {
            return Err(fail(
                None,
                format!(
                    "step \"{}\" comes before \"{FIRST_IN_PRIVATE}\", which a public plan takes first in private",
                    step.id
                ),
            ));
        }
        if !private_first(ps.step) {
            if step.phase < last_phase {
                return Err(fail(
                    None,
                    format!("step \"{}\" ({}) comes after a later phase", step.id, step.phase.id()),
                ));
            }
            last_phase = step.phase;
        }
        count.steps += 1;
        if written && spoken_words(&ps.guidance) {
            return Err(fail(
                None,
                format!("step \"{}\": spoken guidance on a written contact", step.id),
            ));
        }
        if ps.phrases.is_empty() {
            count.empty_steps += 1;
        }
        // After a reply took it private, a step with no public reply (or any step once the
        // public replies are spent) goes on in private messages, and so does every later one.
        if sit.public() && took_private && !moved {
            moved = public_replies >= crate::coach::recommend::MAX_PUBLIC_REPLIES
                || private_first(ps.step)
                || !ps.phrases.iter().any(|&p| lib.phrases[p].public_reply());
        }
        if moved && private_start.is_none() {
            private_start = Some(before_step);
        }
        let here = if moved { &private } else { &sit };
        for &p in &ps.phrases {
            let card = &lib.phrases[p];
            count.cards += 1;
            if let Some(m) = here.step_misfit(p) {
                return Err(fail(Some(p), format!("in step \"{}\": {}", step.id, m.describe(lib))));
            }
            if !here.on_topic(p) {
                return Err(fail(
                    Some(p),
                    format!("in step \"{}\": written for nothing that was picked", step.id),
                ));
            }
            if card.phase != Some(step.phase) {
                let ph = card.phase.map_or("none", Phase::id);
                return Err(fail(
                    Some(p),
                    format!("a {ph} card in the {} step \"{}\"", step.phase.id(), step.id),
                ));
            }
            if seen.contains(&p) {
                return Err(fail(Some(p), "offered twice in the plan".into()));
            }
            // An opening line comes first: in a public plan gone private, first in private.
            if opens(lib, p) && before_step > private_start.unwrap_or(0) {
                return Err(fail(
                    Some(p),
                    format!("an opening line in step \"{}\", after other cards", step.id),
                ));
            }
            if !ps.skills.contains(&card.skill) && owned_elsewhere(lib, &owners, i, card.skill) {
                return Err(fail(
                    Some(p),
                    format!(
                        "in step \"{}\", though step of its skill {} is in the plan",
                        step.id, lib.skills[card.skill].id
                    ),
                ));
            }
            // Cards of one step are alternatives; boundary lines are said in turn.
            let earlier = if step.phase == Phase::Boundary {
                &seen[..]
            } else {
                &seen[..before_step]
            };
            if let Some(q) = superseded(lib, p, earlier) {
                return Err(fail(
                    Some(p),
                    format!(
                        "says what \"{}\" in an earlier step already says, or a move it made needless",
                        lib.phrases[q].id
                    ),
                ));
            }
            if written && spoken_words(&card.text) {
                return Err(fail(
                    Some(p),
                    format!("in step \"{}\": spoken words on a written contact", step.id),
                ));
            }
            if card.public_reply() && public_replies >= crate::coach::recommend::MAX_PUBLIC_REPLIES {
                return Err(fail(Some(p), "more public replies than one plan may post".into()));
            }
            seen.push(p);
            took_private |= takes_private(lib, p);
            if card.acts.contains(&Act::Warning) {
                warned = true;
            }
            if card.acts.contains(&Act::EndContact) && !warned {
                return Err(fail(Some(p), "ends the contact before any warning".into()));
            }
            if claims_fixed(&card.text) && solve_at.is_none_or(|s| i < s) {
                return Err(fail(
                    Some(p),
                    format!(
                        "says it's fixed, or asks if it worked, before Solve (step \"{}\")",
                        step.id
                    ),
                ));
            }
        }
        // Cards of one step are alternatives: a step with public cards posts one reply.
        if ps.phrases.iter().any(|&p| lib.phrases[p].public_reply()) {
            public_replies += 1;
        }
    }
    for id in MUST_ACT_ON {
        let Some(t) = lib.tag_index(id) else { continue };
        let acted = plan.steps.iter().any(|ps| {
            lib.steps[ps.step].phase == Phase::Solve
                && ps.phrases.iter().any(|&p| lib.phrases[p].situations.contains(&t))
        });
        if plan.tags.contains(&t) && !sit.public() && !acted {
            return Err(fail(None, format!("\"{id}\" is picked and no Solve step acts on it")));
        }
    }
    for r in &plan.skills {
        if written && let Some(w) = r.why.iter().find(|w| spoken_words(w)) {
            return Err(fail(
                None,
                format!(
                    "under {}: a spoken reason on a written contact: {w}",
                    lib.skills[r.skill].id
                ),
            ));
        }
        let mut mine: Vec<usize> = Vec::new();
        for &p in &r.phrases {
            count.cards += 1;
            if let Some(m) = sit.misfit(p) {
                return Err(fail(
                    Some(p),
                    format!("under {}: {}", lib.skills[r.skill].id, m.describe(lib)),
                ));
            }
            if !sit.on_topic(p) {
                count.off_topic += 1;
            }
            if mine.contains(&p) {
                return Err(fail(Some(p), "offered twice under one skill".into()));
            }
            if mine.iter().any(|&q| lib.phrases[q].repeats(&lib.phrases[p])) {
                return Err(fail(Some(p), "two cards saying the same thing under one skill".into()));
            }
            mine.push(p);
        }
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{builtin, load};

    fn lib() -> Library {
        load(&builtin::sources()).library
    }

    #[test]
    fn lines_claiming_a_fix_are_recognised() {
        assert!(claims_fixed("Short version: yes, it’s fixed."));
        assert!(claims_fixed("Did that work?"));
        assert!(!claims_fixed(
            "I'm not here to defend anyone, just to get this fixed for you."
        ));
    }

    #[test]
    fn a_card_is_ruled_out_for_the_reason_it_breaks() {
        let lib = lib();
        let t = |id: &str| lib.tag_index(id).unwrap();
        let card = |id: &str| lib.phrase_index(id).unwrap();
        let tags = [t("policy-limit"), t("refund-request")];
        let sit = Situation::new(&lib, &tags);
        assert_eq!(
            sit.misfit(card("depersonalization-get-it-moving")),
            Some(Misfit::NotWhen(t("policy-limit")))
        );
        let tags = [t("angry")];
        let sit = Situation::new(&lib, &tags);
        assert_eq!(
            sit.misfit(card("professionalism-swearing-boundary")),
            Some(Misfit::NotAbusive)
        );
        let tags = [t("billing-error"), t("chat")];
        let sit = Situation::new(&lib, &tags);
        assert_eq!(
            sit.misfit(card("empathy-got-to-you")),
            Some(Misfit::Channel(Some(Channel::Chat)))
        );
        let reason = sit.reason(card("empathy-name-it-instead"));
        assert_eq!(reason.text(&lib), "For Billing error");
        let reason = sit.reason(card("empathy-written-got-to-you"));
        assert_eq!(reason.channel, Some(t("chat")));
        let tags = [t("repeat-contact"), t("technical-problem")];
        let sit = Situation::new(&lib, &tags);
        assert_eq!(
            sit.misfit(card("data-analysis-when-did-it-start")),
            Some(Misfit::RetellsStory)
        );
    }

    #[test]
    fn live_feeling_and_on_cue_lines_stay_where_they_fit() {
        let lib = lib();
        let t = |id: &str| lib.tag_index(id).unwrap();
        let card = |id: &str| lib.phrase_index(id).unwrap();
        // "so we can look at this together" is live: fine on the phone, never in an email.
        let open = card("crm-proficiency-payments-open");
        let email = [t("billing-error"), t("email")];
        assert_eq!(
            Situation::new(&lib, &email).misfit(open),
            Some(Misfit::NotLive(Channel::Email))
        );
        assert_eq!(
            Situation::new(&lib, &[t("billing-error"), t("phone")]).misfit(open),
            None
        );
        // "I can see why you're upset": for upset or no feeling, never another one.
        let upset = card("empathy-birthday-parcel");
        let parcel = t("delayed-shipment");
        assert_eq!(Situation::new(&lib, &[parcel]).misfit(upset), None);
        assert_eq!(Situation::new(&lib, &[parcel, t("upset")]).misfit(upset), None);
        for other in ["impatient", "angry", "joking", "abusive"] {
            assert_eq!(
                Situation::new(&lib, &[parcel, t(other)]).misfit(upset),
                Some(Misfit::OtherFeeling(t(other))),
                "{other}"
            );
        }
        // A named feeling among several picked is enough, but never for a joke.
        let angry = card("self-control-hear-how-angry");
        let phone = t("phone");
        assert_eq!(
            Situation::new(&lib, &[t("angry"), t("confused"), phone]).misfit(angry),
            None
        );
        assert_eq!(
            Situation::new(&lib, &[t("angry"), t("joking"), phone]).misfit(angry),
            Some(Misfit::OtherFeeling(t("joking")))
        );
        // A self-correction is shown with its skill, never placed in a step.
        let fix = card("professionalism-correct-myself");
        let sit = Situation::new(&lib, &[t("billing-error"), t("phone")]);
        assert_eq!(sit.misfit(fix), None);
        assert_eq!(sit.step_misfit(fix), Some(Misfit::OnCue));
    }

    #[test]
    fn cards_that_say_the_same_thing_supersede_each_other() {
        let lib = lib();
        let card = |id: &str| lib.phrase_index(id).unwrap();
        // The same dated promise, in other words.
        let confirm = card("follow-up-noted-what-i-promised");
        let close = card("follow-up-either-way");
        assert_eq!(superseded(&lib, close, &[confirm]), Some(confirm));
        // Different moves never block each other.
        assert_eq!(superseded(&lib, close, &[card("empathy-uneasy")]), None);
        // "Please message us" is never followed by "we've messaged you", nor the reverse.
        let ask = card("social-media-management-move-to-private");
        let told = card("compliance-awareness-public-not-here");
        assert_eq!(superseded(&lib, told, &[ask]), Some(ask));
        assert_eq!(superseded(&lib, ask, &[told]), Some(told));
        assert!(opens(&lib, ask));
        // A sorry said in Acknowledge is not said again in Apologise; a found order is not
        // asked for again.
        let ack = card("empathy-no-rush-on-our-side");
        let sorry = card("taking-responsibility-sorry-it-happened");
        assert_eq!(
            superseded(&lib, sorry, &[card("taking-responsibility-on-us")]),
            Some(card("taking-responsibility-on-us"))
        );
        assert_eq!(superseded(&lib, sorry, &[ack]), Some(ack));
        assert_eq!(superseded(&lib, sorry, &[card("empathy-days-matter")]), None);
        let found = card("crm-proficiency-found-order");
        assert_eq!(
            superseded(&lib, card("assertiveness-three-things"), &[found]),
            Some(found)
        );
        // The dated promise of Confirm is not repeated by the close.
        let next = card("clear-communication-what-happens-next");
        assert_eq!(superseded(&lib, close, &[next]), Some(next));
    }

    #[test]
    fn a_public_plan_checks_who_it_is_first_in_private() {
        let lib = lib();
        let tags = crate::coach::parse_tags(&lib, &["angry", "billing-error", "public-social-media"]).unwrap();
        let plan = crate::coach::recommend(&lib, &tags);
        let at = plan.steps.iter().position(|s| first_in_private(&lib, s.step)).unwrap();
        assert!(
            at > 0
                && plan.steps[..at]
                    .iter()
                    .all(|s| lib.steps[s.step].phase <= Phase::Boundary)
        );
        assert!(check_plan(&lib, &plan).is_ok());
        // Moved after the private conversation, the same plan breaks the rule.
        let mut late = plan.clone();
        let step = late.steps.remove(at);
        late.steps.insert(at + 2, step);
        assert!(check_plan(&lib, &late).is_err());
        assert!(names_chat("I'm going to close this chat now."));
        assert!(!names_chat(
            "Whether you call, chat or email, you'll get the same answer."
        ));
    }

    #[test]
    fn words_that_need_a_mark_are_recognised() {
        assert!(live_words("I'll note each point as we go."));
        assert!(!live_words("I've read your whole message."));
        assert!(names_feeling("I can see why you're upset."));
        assert!(!names_feeling("Here's what happens next."));
    }
}
