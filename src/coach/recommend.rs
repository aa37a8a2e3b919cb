//! Tags → skills ranked by how much they matter now, each with reasons, phrase cards and a
//! place in an ordered plan. Everything is driven by the data: tag links, combination rules and
//! plan steps.

use super::rules::Situation;
use crate::content::{Act, Library, Phase};

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
    /// How to do the step on the picked channel (the written wording when the contact is
    /// written only).
    pub guidance: String,
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
/// Cards in the boundary step: the boundary, the warning and, after it, the ending.
const BOUNDARY_CARDS: usize = 3;
/// Public replies a plan offers at most: one calm public line and one taking it private;
/// everything else happens in private messages.
pub const MAX_PUBLIC_REPLIES: usize = 2;

/// Recommends skills and a plan for the selected tags (indices into `Library::tags`).
pub fn recommend(lib: &Library, tags: &[usize]) -> Plan {
    if tags.is_empty() {
        return Plan::default();
    }
    let selected = |t: &usize| tags.contains(t);
    let sit = Situation::new(lib, tags);
    // Weights come from content files: sums saturate rather than overflow.
    let mut score = vec![0i32; lib.skills.len()];
    let mut reasons: Vec<Vec<(i32, String)>> = vec![Vec::new(); lib.skills.len()];
    for &t in tags {
        let tag = &lib.tags[t];
        // A link whose reason the picked tags make untrue counts for nothing.
        for l in tag.links.iter().filter(|l| !l.quiet_when.iter().any(selected)) {
            score[l.skill] = score[l.skill].saturating_add(l.weight);
            if l.weight > 0 {
                reasons[l.skill].push((l.weight, format!("{}: {}", tag.label, l.why)));
            }
        }
    }
    for rule in lib.rules.iter().filter(|r| r.when.iter().all(selected)) {
        let label: Vec<&str> = rule.when.iter().map(|&t| lib.tags[t].label.as_str()).collect();
        let label = label.join(" + ");
        for a in &rule.adjust {
            score[a.skill] = score[a.skill].saturating_add(a.weight);
            if a.weight > 0 {
                reasons[a.skill].push((a.weight, format!("{label}: {}", a.why)));
            }
        }
    }

    // Ties go to the skill whose first applicable step comes earlier in the conversation.
    let steps: Vec<usize> = (0..lib.steps.len()).filter(|&s| step_applies(lib, s, tags)).collect();
    let steps = super::rules::in_conversation_order(lib, &sit, steps);
    let first_step = |skill: usize| {
        steps
            .iter()
            .position(|&s| lib.steps[s].skills.contains(&skill))
            .unwrap_or(usize::MAX)
    };
    let mut ranked: Vec<usize> = (0..lib.skills.len()).filter(|&s| score[s] > 0).collect();
    ranked.sort_by_key(|&s| (std::cmp::Reverse(score[s]), first_step(s), s));

    let skills: Vec<Recommendation> = ranked
        .iter()
        .map(|&s| {
            let mut why = std::mem::take(&mut reasons[s]);
            why.sort_by_key(|(w, _)| std::cmp::Reverse(*w));
            Recommendation {
                skill: s,
                score: score[s],
                why: why.into_iter().map(|(_, text)| text).collect(),
                phrases: distinct_families(&sit, best_phrases(&sit, s, None, &[], usize::MAX), PHRASES_PER_SKILL),
            }
        })
        .collect();

    let mut used: Vec<usize> = Vec::new();
    let placed: Vec<usize> = steps
        .iter()
        .copied()
        .filter(|&st| ranked.iter().any(|s| lib.steps[st].skills.contains(s)))
        .collect();
    // A public post is answered in public until a reply has taken it private and either the
    // public replies are spent or a step has no public reply to offer; from then on the plan
    // goes on in private messages, with the cards of a written one-to-one.
    let private = sit.in_private();
    let mut moved = false;
    let mut private_from = 0;
    let mut plan_steps: Vec<PlanStep> = Vec::new();
    let owners: Vec<(usize, Vec<usize>)> = placed
        .iter()
        .map(|&p| {
            (
                p,
                ranked
                    .iter()
                    .copied()
                    .filter(|s| lib.steps[p].skills.contains(s))
                    .collect(),
            )
        })
        .collect();
    let owners: Vec<(usize, &[usize])> = owners.iter().map(|(p, m)| (*p, m.as_slice())).collect();
    for (i, &st) in placed.iter().enumerate() {
        let step = &lib.steps[st];
        let members: Vec<usize> = ranked.iter().copied().filter(|s| step.skills.contains(s)).collect();
        // The last step of a phase may also take that phase's cards of the other
        // recommended skills (a skill no tag spoke for never lends a card: a joke or a
        // cheerful line must be asked for). Opening steps each have their own job (steady
        // yourself, read the history, share a laugh), so they never borrow.
        // The check that comes first in a public plan's private part never borrows: the fix
        // comes later.
        let first_private = sit.public() && super::rules::first_in_private(lib, st);
        let last_of_phase = step.phase != Phase::Open
            && !first_private
            && placed[i + 1..].iter().all(|&n| lib.steps[n].phase != step.phase);
        // A skill with its own step of this phase in the plan keeps its cards there (a
        // failed-check reply stays with the check, never after the fix).
        let rest: Vec<usize> = if last_of_phase {
            ranked
                .iter()
                .copied()
                .filter(|&s| !super::rules::owned_elsewhere(lib, &owners, i, s))
                .collect()
        } else {
            Vec::new()
        };
        let mut phrases = if moved {
            Vec::new()
        } else {
            let opened = !used.is_empty();
            step_cards(
                &sit,
                step.phase,
                &members,
                &rest,
                &used,
                public_steps(lib, &plan_steps),
                opened,
            )
        };
        if !moved && sit.public() && used.iter().any(|&p| super::rules::takes_private(lib, p)) {
            moved = public_steps(lib, &plan_steps) >= MAX_PUBLIC_REPLIES
                || first_private
                || !phrases.iter().any(|&p| lib.phrases[p].public_reply());
            if moved {
                private_from = used.len();
            }
        }
        if moved {
            // In private an opening line may come first, ahead of the private conversation.
            let opened = used.len() > private_from;
            phrases = step_cards(&private, step.phase, &members, &rest, &used, MAX_PUBLIC_REPLIES, opened);
        }
        // The sorry was said in an earlier step (an Acknowledge line that apologises): an
        // Apologise step with nothing left to say is left out rather than shown empty.
        if step.phase == Phase::Apologise
            && phrases.is_empty()
            && used.iter().any(|&p| lib.phrases[p].says.iter().any(|k| k == "sorry"))
        {
            continue;
        }
        used.extend(&phrases);
        let mut guidance = match &step.written_guidance {
            Some(g) if sit.written_only() => g.clone(),
            _ => step.guidance.clone(),
        };
        if moved {
            guidance = format!("In private messages now. {guidance}");
        }
        plan_steps.push(PlanStep {
            step: st,
            skills: members,
            phrases,
            guidance,
        });
    }

    act_on_requests(&sit, &mut plan_steps);
    Plan {
        tags: tags.to_vec(),
        skills,
        steps: plan_steps,
    }
}

/// A case the customer asked us to act on (a cancellation) gets a card that does it in the
/// last Solve step, in place of that step's weakest card, when no card there does it yet.
/// Not in public: there the plan takes it private first.
fn act_on_requests(sit: &Situation, steps: &mut [PlanStep]) {
    let lib = sit.library();
    if sit.public() {
        return;
    }
    for id in super::rules::MUST_ACT_ON {
        let Some(t) = lib.tag_index(id).filter(|t| sit.tags().contains(t)) else {
            continue;
        };
        let Some(last) = steps.iter().rposition(|ps| lib.steps[ps.step].phase == Phase::Solve) else {
            continue;
        };
        let acts = |p: &usize| lib.phrases[*p].situations.contains(&t);
        let solving = |ps: &PlanStep| lib.steps[ps.step].phase == Phase::Solve;
        if steps
            .iter()
            .filter(|ps| solving(ps))
            .any(|ps| ps.phrases.iter().any(acts))
        {
            continue;
        }
        let used: Vec<usize> = steps.iter().flat_map(|ps| ps.phrases.iter().copied()).collect();
        // Only a skill whose cards may sit in that step: its own, or one no other Solve-phase
        // step of the plan owns.
        let owners: Vec<(usize, &[usize])> = steps.iter().map(|ps| (ps.step, ps.skills.as_slice())).collect();
        let best = (0..lib.skills.len())
            .filter(|&s| steps[last].skills.contains(&s) || !super::rules::owned_elsewhere(lib, &owners, last, s))
            .flat_map(|s| scored_phrases(sit, s, Some(Phase::Solve), &used))
            .filter(|(_, p)| acts(p) && super::rules::superseded(lib, *p, &used).is_none())
            .max_by_key(|&(score, p)| (score, std::cmp::Reverse(p)));
        if let Some((_, p)) = best {
            let cards = &mut steps[last].phrases;
            if cards.len() >= PHRASES_PER_STEP {
                cards.pop();
            }
            cards.insert(0, p);
        }
    }
}

/// A step's cards: cards of its phase written for the situation, from its own skills first
/// (in rank order), then from the `others`; never one already in the plan.
/// Boundary lines go in order (boundary, warning, ending), and an ending only after a warning.
/// Steps so far that offered a public reply (cards of one step are alternatives: one reply).
fn public_steps(lib: &Library, steps: &[PlanStep]) -> usize {
    steps
        .iter()
        .filter(|ps| ps.phrases.iter().any(|&p| lib.phrases[p].public_reply()))
        .count()
}

/// A step's cards (see [`step_cards`]); `public` is how many steps already posted in public,
/// `opened` whether anything has been said yet (in private: since the move), which rules out
/// an opening line.
fn step_cards(
    sit: &Situation,
    phase: Phase,
    members: &[usize],
    others: &[usize],
    used: &[usize],
    public: usize,
    opened: bool,
) -> Vec<usize> {
    let per_step = if phase == Phase::Boundary {
        BOUNDARY_CARDS
    } else {
        PHRASES_PER_STEP
    };
    let mut out: Vec<usize> = Vec::new();
    let lib = sit.library();
    // Cards the plan may still take: not an alternative of one already offered, and no
    // public reply beyond the plan's allowance.
    let taken = used;
    // Cards of one step are alternatives (the rep picks one), so they may say the same thing;
    // boundary lines are said in turn, so there one of each.
    let blocked = |p: usize, out: &[usize]| {
        let card = &lib.phrases[p];
        let before: Vec<usize> = if phase == Phase::Boundary {
            taken.iter().chain(out).copied().collect()
        } else {
            taken.to_vec()
        };
        let family_taken = super::rules::superseded(lib, p, &before).is_some();
        // An opening line only while nothing has been said yet.
        let late_opener = super::rules::opens(lib, p) && opened;
        family_taken || late_opener || (card.public_reply() && public >= MAX_PUBLIC_REPLIES)
    };
    // The lead skill's best card first; then the best of the rest by how well each card fits
    // (the step's own skills ahead on a tie), one card per skill until the step is full.
    let others: Vec<usize> = others.iter().copied().filter(|s| !members.contains(s)).collect();
    if let Some(&lead) = members.first()
        && let Some(p) = best_phrases(sit, lead, Some(phase), used, usize::MAX)
            .into_iter()
            .find(|&p| !blocked(p, &out))
    {
        out.push(p);
    }
    let mut pool: Vec<(i32, usize, usize)> = Vec::new();
    for (rank, &skill) in members.iter().chain(&others).enumerate() {
        let own = i32::from(rank < members.len());
        for (score, p) in scored_phrases(sit, skill, Some(phase), used) {
            if !out.contains(&p) {
                pool.push((score * 2 + own, rank, p));
            }
        }
    }
    pool.sort_by_key(|&(score, rank, p)| (std::cmp::Reverse(score), rank, p));
    let mut skills_used: Vec<usize> = out.iter().map(|&p| sit.library().phrases[p].skill).collect();
    for &(_, _, p) in &pool {
        if out.len() >= per_step {
            break;
        }
        let skill = sit.library().phrases[p].skill;
        if blocked(p, &out) {
            continue;
        }
        if !skills_used.contains(&skill) || phase == Phase::Boundary {
            out.push(p);
            skills_used.push(skill);
        }
    }
    // Still short: a second card of a skill already used beats an empty slot.
    for &(_, _, p) in &pool {
        if out.len() >= per_step {
            break;
        }
        if !out.contains(&p) && !blocked(p, &out) {
            out.push(p);
        }
    }
    if phase == Phase::Boundary {
        let rank = |p: &usize| {
            let acts = &lib.phrases[*p].acts;
            if acts.contains(&Act::EndContact) {
                2
            } else if acts.contains(&Act::Warning) {
                1
            } else {
                0
            }
        };
        out.sort_by_key(rank);
        let warned = out.iter().any(|p| lib.phrases[*p].acts.contains(&Act::Warning));
        out.retain(|p| warned || !lib.phrases[*p].acts.contains(&Act::EndContact));
    }
    out
}

/// The first `n` of `cards` (best first), skipping an alternative of a card already kept.
fn distinct_families(sit: &Situation, cards: Vec<usize>, n: usize) -> Vec<usize> {
    let lib = sit.library();
    let mut out: Vec<usize> = Vec::new();
    for p in cards {
        if out.len() >= n {
            break;
        }
        if !out.iter().any(|&q| lib.phrases[q].repeats(&lib.phrases[p])) {
            out.push(p);
        }
    }
    out
}

/// Whether a plan step fits the selected tags.
fn step_applies(lib: &Library, step: usize, tags: &[usize]) -> bool {
    let s = &lib.steps[step];
    let wanted = s.when_any.is_empty() || s.when_any.iter().any(|t| tags.contains(t));
    let excluded = s.unless_any.iter().any(|t| tags.contains(t));
    wanted && !excluded
}

/// A skill's best `n` cards for this situation, never one in `taken`: only cards the plan
/// rules allow and that were written for something picked (or for any contact); with a
/// `phase`, only cards of that phase. Cards matching a picked case beat those matching a
/// feeling; cards written for the picked channel, and cards fitting fewer other situations,
/// come first.
fn best_phrases(sit: &Situation, skill: usize, phase: Option<Phase>, taken: &[usize], n: usize) -> Vec<usize> {
    scored_phrases(sit, skill, phase, taken)
        .into_iter()
        .take(n)
        .map(|(_, p)| p)
        .collect()
}

/// Every card [`best_phrases`] may choose from, with how well it fits, best first.
fn scored_phrases(sit: &Situation, skill: usize, phase: Option<Phase>, taken: &[usize]) -> Vec<(i32, usize)> {
    let lib = sit.library();
    let mut scored: Vec<(i32, usize)> = lib.skills[skill]
        .phrases
        .iter()
        .copied()
        .filter(|p| !taken.contains(p))
        .filter(|&p| phase.is_none_or(|ph| lib.phrases[p].phase == Some(ph)))
        .filter(|&p| {
            sit.on_topic(p)
                && if phase.is_some() {
                    sit.step_misfit(p).is_none()
                } else {
                    sit.misfit(p).is_none()
                }
        })
        .map(|p| {
            let card = &lib.phrases[p];
            let reason = sit.reason(p);
            let cases = reason
                .tags
                .iter()
                .filter(|&&t| lib.tag_groups[lib.tags[t].group].specific)
                .count() as i32;
            let matched = reason.tags.len() as i32;
            let elsewhere = (card.situations.len() as i32 - matched).clamp(0, 5);
            let channel = i32::from(reason.channel.is_some());
            // A card that needs what was picked (our mistake, a refused refund) was written for
            // exactly this and beats a general one.
            let needed = card.needs.len() as i32;
            (matched * 10 + cases * 5 + needed * 5 + channel * 3 - elsewhere, p)
        })
        .collect();
    scored.sort_by_key(|&(s, p)| (std::cmp::Reverse(s), p));
    scored
}
