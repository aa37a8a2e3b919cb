//! Golden scenarios: realistic situations a team lead reviewed (tests/data/golden.ron). Each
//! names the skills that must lead, cards that must appear in the plan's steps, and cards that
//! must never appear anywhere in the plan, or never in its steps (a card said on a cue may still
//! be listed under its skill).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::coach::{check_plan, parse_tags, recommend};
use callside::content::{self, Library};
use serde::Deserialize;

/// How many of the top skills the `lead` skills must be among.
const LEAD_WITHIN: usize = 3;
/// Fewest scenarios the file must hold.
const MIN_SCENARIOS: usize = 40;

#[derive(Deserialize)]
struct Scenario {
    name: String,
    tags: Vec<String>,
    lead: Vec<String>,
    must: Vec<String>,
    never: Vec<String>,
    /// Cards that may sit under a skill but never in a plan step.
    #[serde(default)]
    never_in_steps: Vec<String>,
}

fn lib() -> Library {
    content::load(&content::builtin::sources()).library
}

fn scenarios() -> Vec<Scenario> {
    let text = include_str!("data/golden.ron");
    ron::from_str(text).unwrap_or_else(|e| panic!("tests/data/golden.ron: {e}"))
}

#[test]
fn every_golden_scenario_holds() {
    let lib = lib();
    let all = scenarios();
    assert!(all.len() >= MIN_SCENARIOS, "only {} scenarios", all.len());
    let mut failures: Vec<String> = Vec::new();
    for s in &all {
        let tags = parse_tags(&lib, &s.tags).unwrap_or_else(|e| panic!("{}: {e}", s.name));
        let plan = recommend(&lib, &tags);
        if let Err(v) = check_plan(&lib, &plan) {
            failures.push(format!("{}: {v}", s.name));
        }
        let top: Vec<&str> = plan
            .skills
            .iter()
            .take(LEAD_WITHIN)
            .map(|r| lib.skills[r.skill].id.as_str())
            .collect();
        for l in &s.lead {
            assert!(lib.skill(l).is_some(), "{}: unknown skill {l}", s.name);
            if !top.contains(&l.as_str()) {
                failures.push(format!("{}: {l} should lead; top {LEAD_WITHIN} are {top:?}", s.name));
            }
        }
        let in_steps: Vec<usize> = plan.steps.iter().flat_map(|st| st.phrases.iter().copied()).collect();
        let anywhere: Vec<usize> = in_steps
            .iter()
            .copied()
            .chain(plan.skills.iter().flat_map(|r| r.phrases.iter().copied()))
            .collect();
        for id in &s.must {
            let p = lib
                .phrase_index(id)
                .unwrap_or_else(|| panic!("{}: unknown card {id}", s.name));
            if !in_steps.contains(&p) {
                failures.push(format!("{}: card {id} should be in the plan's steps", s.name));
            }
        }
        for id in &s.never {
            let p = lib
                .phrase_index(id)
                .unwrap_or_else(|| panic!("{}: unknown card {id}", s.name));
            if anywhere.contains(&p) {
                failures.push(format!("{}: card {id} must never be offered here", s.name));
            }
        }
        for id in &s.never_in_steps {
            let p = lib
                .phrase_index(id)
                .unwrap_or_else(|| panic!("{}: unknown card {id}", s.name));
            if in_steps.contains(&p) {
                failures.push(format!("{}: card {id} must never be in a plan step here", s.name));
            }
        }
    }
    println!("{} golden scenarios checked", all.len());
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
