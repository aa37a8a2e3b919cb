//! Tags → skills ranked by how much they matter now, each with reasons, phrase cards and a
//! place in an ordered plan. Everything is driven by the data: tag links, combination rules and
//! plan steps.

use crate::content::{Channel, Library};

/// One recommended skill.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    /// Skill index.
    pub skill: usize,
    /// Sum of the tag weights and rule adjustments that apply.
    pub score: i32,
    /// Why, in words, strongest first ("Angry: …").
    pub why: Vec<String>,
    /// The best phrase cards for this situation (indices), best first.
    pub phrases: Vec<usize>,
}

/// One step of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanStep {
    /// Step index into `Library::steps`.
    pub step: usize,
    /// The recommended skills that belong to this step, in rank order.
    pub skills: Vec<usize>,
    /// A few phrase cards for this step.
    pub phrases: Vec<usize>,
}

/// The full answer for a situation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    /// The tags the plan is for.
    pub tags: Vec<usize>,
    /// Skills with a positive score, best first.
    pub skills: Vec<Recommendation>,
    /// Steps that apply, in conversation order.
    pub steps: Vec<PlanStep>,
}

/// Phrase cards shown per recommended skill.
const PHRASES_PER_SKILL: usize = 3;
/// Phrase cards shown per plan step.
const PHRASES_PER_STEP: usize = 2;

/// Recommends skills and a plan for the selected tags (indices into `Library::tags`).
pub fn recommend(lib: &Library, tags: &[usize]) -> Plan {
    if tags.is_empty() {
        return Plan::default();
    }
    let selected = |t: &usize| tags.contains(t);
    let mut score = vec![0i32; lib.skills.len()];
    let mut reasons: Vec<Vec<(i32, String)>> = vec![Vec::new(); lib.skills.len()];
    for &t in tags {
        let tag = &lib.tags[t];
        for l in &tag.links {
            score[l.skill] += l.weight;
            if l.weight > 0 {
                reasons[l.skill].push((l.weight, format!("{}: {}", tag.label, l.why)));
            }
        }
    }
    for rule in lib.rules.iter().filter(|r| r.when.iter().all(selected)) {
        let label: Vec<&str> = rule.when.iter().map(|&t| lib.tags[t].label.as_str()).collect();
        let label = label.join(" + ");
        for a in &rule.adjust {
            score[a.skill] += a.weight;
            if a.weight > 0 {
                reasons[a.skill].push((a.weight, format!("{label}: {}", a.why)));
            }
        }
    }

    // Ties go to the skill whose first applicable step comes earlier in the conversation.
    let steps: Vec<usize> = (0..lib.steps.len()).filter(|&s| step_applies(lib, s, tags)).collect();
    let first_step = |skill: usize| {
        steps
            .iter()
            .position(|&s| lib.steps[s].skills.contains(&skill))
            .unwrap_or(usize::MAX)
    };
    let mut ranked: Vec<usize> = (0..lib.skills.len()).filter(|&s| score[s] > 0).collect();
    ranked.sort_by_key(|&s| (std::cmp::Reverse(score[s]), first_step(s), s));

    let channels: Vec<Channel> = tags.iter().filter_map(|&t| lib.tags[t].channel).collect();
    let skills: Vec<Recommendation> = ranked
        .iter()
        .map(|&s| {
            let mut why = std::mem::take(&mut reasons[s]);
            why.sort_by_key(|(w, _)| std::cmp::Reverse(*w));
            Recommendation {
                skill: s,
                score: score[s],
                why: why.into_iter().map(|(_, text)| text).collect(),
                phrases: best_phrases(lib, s, tags, &channels, PHRASES_PER_SKILL, true),
            }
        })
        .collect();

    let plan_steps = steps
        .into_iter()
        .filter_map(|st| {
            let members: Vec<usize> = ranked
                .iter()
                .copied()
                .filter(|s| lib.steps[st].skills.contains(s))
                .collect();
            if members.is_empty() {
                return None;
            }
            // A step only offers cards written for this situation: a near miss reads wrong in
            // the moment; the skill links lead to the rest.
            let mut phrases = Vec::new();
            for &m in &members {
                phrases.extend(best_phrases(lib, m, tags, &channels, 1, false));
                if phrases.len() == PHRASES_PER_STEP {
                    break;
                }
            }
            Some(PlanStep {
                step: st,
                skills: members,
                phrases,
            })
        })
        .collect();

    Plan {
        tags: tags.to_vec(),
        skills,
        steps: plan_steps,
    }
}

/// Whether a plan step fits the selected tags.
fn step_applies(lib: &Library, step: usize, tags: &[usize]) -> bool {
    let s = &lib.steps[step];
    let wanted = s.when_any.is_empty() || s.when_any.iter().any(|t| tags.contains(t));
    let excluded = s.unless_any.iter().any(|t| tags.contains(t));
    wanted && !excluded
}

/// A skill's cards for this situation: cards tagged with the selected situations first (those
/// also tagged with specific cases that are not picked rank lower); then, with `general`, its
/// cards tagged only with non-specific tags (how someone feels), fewest first. Cards meant only
/// for another channel are left out.
fn best_phrases(
    lib: &Library,
    skill: usize,
    tags: &[usize],
    channels: &[Channel],
    n: usize,
    general: bool,
) -> Vec<usize> {
    let mut scored: Vec<(i32, usize)> = lib.skills[skill]
        .phrases
        .iter()
        .filter_map(|&p| {
            let card = &lib.phrases[p];
            let channel_fit =
                card.channels.is_empty() || channels.is_empty() || card.channels.iter().any(|c| channels.contains(c));
            if !channel_fit {
                return None;
            }
            let specific = |t: &usize| lib.tag_groups[lib.tags[*t].group].specific;
            let picked = |t: &&usize| tags.contains(t);
            let situational = card.situations.iter().filter(picked).count() as i32;
            let picked_cases = card.situations.iter().filter(picked).filter(|t| specific(t)).count() as i32;
            if situational == 0 && (!general || card.situations.iter().any(specific)) {
                return None;
            }
            // A card's situations are all the situations it fits. Matching the case in hand (a
            // billing error) says more than matching a feeling; cards fitting fewer other
            // situations are the more focused.
            let elsewhere = (card.situations.len() as i32 - situational).min(5);
            // A feeling-only match that also names a case not in hand presumes it: a line about
            // the courier fits an angry customer only if the courier is the story.
            let other_cases = card.situations.iter().filter(|t| specific(t) && !picked(t)).count() as i32;
            let presumes = if picked_cases == 0 { 6 * other_cases.min(3) } else { 0 };
            if presumes > 0 && !general {
                // In a step, in the moment, a line that presumes a case not in hand reads wrong.
                return None;
            }
            let channel_bonus = i32::from(!card.channels.is_empty() && !channels.is_empty());
            let score = situational * 10 + picked_cases * 5 + channel_bonus * 3 - elsewhere - presumes;
            Some((score, p))
        })
        .collect();
    scored.sort_by_key(|&(s, p)| (std::cmp::Reverse(s), p));
    scored.into_iter().take(n).map(|(_, p)| p).collect()
}
