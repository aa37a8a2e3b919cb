//! The shapes the CLI prints with `--json`, as `Serialize` structs (documented in the README).
//! Fields are in alphabetical order, the order the output has always had.

use crate::coach::{self, Plan, Suggestion};
use crate::content::{Channel, Library, Phase};
use crate::search::{DocRef, FieldKind, FieldMatch, Hit};
use serde::Serialize;

/// One phrase card inside a skill.
#[derive(Serialize)]
pub struct PhraseOut<'a> {
    channels: &'a [Channel],
    id: &'a str,
    instead_of: Option<&'a str>,
    note: &'a str,
    phase: Option<Phase>,
    situations: Vec<&'a str>,
    text: &'a str,
}

/// A skill with its phrase cards (`skills --json`, `show --json`).
#[derive(Serialize)]
pub struct SkillOut<'a> {
    aliases: &'a [String],
    analogy: &'a str,
    definition: &'a str,
    group: &'a str,
    group_name: &'a str,
    id: &'a str,
    in_service: &'a str,
    name: &'a str,
    phrases: Vec<PhraseOut<'a>>,
    related: Vec<&'a str>,
}

impl<'a> SkillOut<'a> {
    /// Skill `ix` of `lib`.
    pub fn new(lib: &'a Library, ix: usize) -> Self {
        let s = &lib.skills[ix];
        let phrases = s
            .phrases
            .iter()
            .map(|&p| {
                let ph = &lib.phrases[p];
                PhraseOut {
                    channels: &ph.channels,
                    id: &ph.id,
                    instead_of: ph.instead_of.as_deref(),
                    note: &ph.note,
                    phase: ph.phase,
                    situations: ph.situations.iter().map(|&t| lib.tags[t].id.as_str()).collect(),
                    text: &ph.text,
                }
            })
            .collect();
        SkillOut {
            aliases: &s.aliases,
            analogy: &s.analogy,
            definition: &s.definition,
            group: &lib.groups[s.group].id,
            group_name: &lib.groups[s.group].name,
            id: &s.id,
            in_service: &s.in_service,
            name: &s.name,
            phrases,
            related: s.related.iter().map(|&r| lib.skills[r].id.as_str()).collect(),
        }
    }
}

/// A tag's weighted link to a skill.
#[derive(Serialize)]
pub struct LinkOut<'a> {
    skill: &'a str,
    weight: i32,
    why: &'a str,
}

/// A situation tag (`tags --json`).
#[derive(Serialize)]
pub struct TagOut<'a> {
    cues: &'a [String],
    description: &'a str,
    group: &'a str,
    id: &'a str,
    label: &'a str,
    skills: Vec<LinkOut<'a>>,
}

impl<'a> TagOut<'a> {
    /// Every tag of `lib`.
    pub fn all(lib: &'a Library) -> Vec<Self> {
        lib.tags
            .iter()
            .map(|t| TagOut {
                cues: &t.cues,
                description: &t.description,
                group: &lib.tag_groups[t.group].id,
                id: &t.id,
                label: &t.label,
                skills: t
                    .links
                    .iter()
                    .map(|l| LinkOut {
                        skill: &lib.skills[l.skill].id,
                        weight: l.weight,
                        why: &l.why,
                    })
                    .collect(),
            })
            .collect()
    }
}

/// One recommended skill (`recommend --json`).
#[derive(Serialize)]
pub struct RecommendationOut<'a> {
    cards: Vec<PlanCardOut<'a>>,
    name: &'a str,
    phrase_ids: Vec<&'a str>,
    phrases: Vec<&'a str>,
    score: i32,
    skill: &'a str,
    why: &'a [String],
}

/// One plan step (`recommend --json --steps`).
#[derive(Serialize)]
pub struct StepOut<'a> {
    cards: Vec<PlanCardOut<'a>>,
    from: Vec<String>,
    guidance: &'a str,
    phase: &'static str,
    phrases: Vec<&'a str>,
    skills: Vec<&'a str>,
    step: &'a str,
    title: &'a str,
}

/// One card of a plan: what to say, its phase, and why it was chosen for these tags.
#[derive(Serialize)]
pub struct PlanCardOut<'a> {
    channel: Option<&'a str>,
    fits: Vec<&'a str>,
    id: &'a str,
    phase: Option<&'static str>,
    skill: &'a str,
    text: &'a str,
    why: String,
}

impl<'a> PlanCardOut<'a> {
    /// Card `p` as chosen for `plan`.
    pub fn new(lib: &'a Library, plan: &Plan, p: usize) -> Self {
        let ph = &lib.phrases[p];
        let reason = coach::card_reason(lib, &plan.tags, p);
        PlanCardOut {
            channel: reason.channel.map(|c| lib.tags[c].id.as_str()),
            fits: reason.tag_ids(lib),
            id: &ph.id,
            phase: ph.phase.map(Phase::id),
            skill: &lib.skills[ph.skill].id,
            text: &ph.text,
            why: reason.text(lib),
        }
    }
}

/// `recommend --json --steps`.
#[derive(Serialize)]
pub struct PlanOut<'a> {
    skills: Vec<RecommendationOut<'a>>,
    steps: Vec<StepOut<'a>>,
}

/// The recommended skills of `plan`.
pub fn recommendations<'a>(lib: &'a Library, plan: &'a Plan) -> Vec<RecommendationOut<'a>> {
    plan.skills
        .iter()
        .map(|r| {
            let s = &lib.skills[r.skill];
            RecommendationOut {
                cards: r.phrases.iter().map(|&p| PlanCardOut::new(lib, plan, p)).collect(),
                name: &s.name,
                phrase_ids: r.phrases.iter().map(|&p| lib.phrases[p].id.as_str()).collect(),
                phrases: r.phrases.iter().map(|&p| lib.phrases[p].text.as_str()).collect(),
                score: r.score,
                skill: &s.id,
                why: &r.why,
            }
        })
        .collect()
}

/// The steps of `plan`.
pub fn steps<'a>(lib: &'a Library, plan: &'a Plan) -> Vec<StepOut<'a>> {
    plan.steps
        .iter()
        .map(|ps| {
            let st = &lib.steps[ps.step];
            StepOut {
                cards: ps.phrases.iter().map(|&p| PlanCardOut::new(lib, plan, p)).collect(),
                from: st
                    .from
                    .iter()
                    .map(|(f, part)| format!("{} ({part})", lib.frameworks[*f].name))
                    .collect(),
                guidance: &ps.guidance,
                phase: st.phase.id(),
                phrases: ps.phrases.iter().map(|&p| lib.phrases[p].text.as_str()).collect(),
                skills: ps.skills.iter().map(|&s| lib.skills[s].id.as_str()).collect(),
                step: &st.id,
                title: &st.title,
            }
        })
        .collect()
}

/// Skills and steps of `plan`.
pub fn plan<'a>(lib: &'a Library, plan: &'a Plan) -> PlanOut<'a> {
    PlanOut {
        skills: recommendations(lib, plan),
        steps: steps(lib, plan),
    }
}

/// One suggested tag (`suggest-tags --json`).
#[derive(Serialize)]
pub struct SuggestionOut<'a> {
    cues: &'a [String],
    label: &'a str,
    score: u32,
    tag: &'a str,
}

/// The suggestions, in order.
pub fn suggestions<'a>(lib: &'a Library, found: &'a [Suggestion]) -> Vec<SuggestionOut<'a>> {
    found
        .iter()
        .map(|s| SuggestionOut {
            cues: &s.cues,
            label: &lib.tags[s.tag].label,
            score: s.score,
            tag: &lib.tags[s.tag].id,
        })
        .collect()
}

/// Where a search matched, in character positions.
#[derive(Serialize)]
pub struct MatchOut<'a> {
    chars: Vec<[usize; 2]>,
    field: &'a FieldKind,
    text: &'a str,
}

/// One search hit (`search --json`); `instead_of` only for phrases, `skill` null for tags.
#[derive(Serialize)]
pub struct HitOut<'a> {
    all_words: bool,
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    instead_of: Option<Option<&'a str>>,
    kind: &'static str,
    matches: Vec<MatchOut<'a>>,
    score: u32,
    skill: Option<&'a str>,
    text: &'a str,
    title: &'a str,
}

fn matches(ms: &[FieldMatch]) -> Vec<MatchOut<'_>> {
    ms.iter()
        .map(|m| MatchOut {
            chars: crate::text::byte_to_char_ranges(&m.text, &m.ranges)
                .into_iter()
                .map(|r| [r.start, r.end])
                .collect(),
            field: &m.field,
            text: &m.text,
        })
        .collect()
}

/// The hits, in order.
pub fn hits<'a>(lib: &'a Library, hits: &'a [Hit]) -> Vec<HitOut<'a>> {
    hits.iter()
        .map(|h| match h.target {
            DocRef::Skill(s) => {
                let sk = &lib.skills[s];
                HitOut {
                    all_words: h.all_words,
                    id: &sk.id,
                    instead_of: None,
                    kind: "skill",
                    matches: matches(&h.matches),
                    score: h.score,
                    skill: Some(&sk.id),
                    text: &sk.definition,
                    title: &sk.name,
                }
            }
            DocRef::Phrase(p) => {
                let ph = &lib.phrases[p];
                let sk = &lib.skills[ph.skill];
                HitOut {
                    all_words: h.all_words,
                    id: &ph.id,
                    instead_of: Some(ph.instead_of.as_deref()),
                    kind: "phrase",
                    matches: matches(&h.matches),
                    score: h.score,
                    skill: Some(&sk.id),
                    text: &ph.text,
                    title: &sk.name,
                }
            }
            DocRef::Tag(t) => {
                let tag = &lib.tags[t];
                HitOut {
                    all_words: h.all_words,
                    id: &tag.id,
                    instead_of: None,
                    kind: "tag",
                    matches: matches(&h.matches),
                    score: h.score,
                    skill: None,
                    text: &tag.description,
                    title: &tag.label,
                }
            }
        })
        .collect()
}
