//! The tough-call helper: scenarios from the seed articles, every tag alone, and tag suggestion
//! from realistic customer messages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::coach::{self, Plan, parse_tags, recommend, suggest_tags};
use callside::content::{self, Library};

fn lib() -> Library {
    content::load(&content::builtin::sources()).library
}

fn plan(lib: &Library, tags: &[&str]) -> Plan {
    recommend(lib, &parse_tags(lib, tags).unwrap())
}

fn top(lib: &Library, p: &Plan, n: usize) -> Vec<String> {
    p.skills
        .iter()
        .take(n)
        .map(|r| lib.skills[r.skill].id.clone())
        .collect()
}

fn steps(lib: &Library, p: &Plan) -> Vec<String> {
    p.steps.iter().map(|s| lib.steps[s.step].id.clone()).collect()
}

fn rank(lib: &Library, p: &Plan, skill: &str) -> usize {
    p.skills
        .iter()
        .position(|r| lib.skills[r.skill].id == skill)
        .unwrap_or(usize::MAX)
}

#[test]
fn frustrated_customer_with_a_delayed_shipment() {
    // The seed's own example: acknowledge the frustration, then offer something practical.
    let lib = lib();
    let p = plan(&lib, &["frustrated", "delayed-shipment"]);
    let t = top(&lib, &p, 4);
    assert!(t.contains(&"empathy".to_string()), "{t:?}");
    assert!(
        t.iter()
            .any(|s| s == "problem-solving" || s == "follow-up" || s == "taking-responsibility"),
        "{t:?}"
    );
    let st = steps(&lib, &p);
    assert!(st.len() >= 3, "{st:?}");
    for r in &p.skills {
        assert!(!r.why.is_empty(), "{} has no reason", lib.skills[r.skill].id);
        assert!(!r.phrases.is_empty(), "{} has no phrases", lib.skills[r.skill].id);
    }
}

#[test]
fn a_joking_customer_gets_humor_and_no_apology() {
    let lib = lib();
    let p = plan(&lib, &["joking"]);
    assert!(
        top(&lib, &p, 3).contains(&"humor".to_string()),
        "{:?}",
        top(&lib, &p, 5)
    );
    let st = steps(&lib, &p);
    assert!(
        !st.iter().any(|s| s.contains("apolog") || s.contains("own")),
        "no apology step when nothing went wrong: {st:?}"
    );
}

#[test]
fn our_mistake_puts_ownership_first() {
    let lib = lib();
    for tags in [
        &["company-error"][..],
        &["company-error", "angry"],
        &["company-error", "billing-error"],
    ] {
        let p = plan(&lib, tags);
        assert_eq!(top(&lib, &p, 1), ["taking-responsibility"], "{tags:?}");
    }
}

#[test]
fn not_the_reps_fault_still_means_apologising_for_the_company() {
    let lib = lib();
    let p = plan(&lib, &["third-party-fault", "delayed-shipment"]);
    assert!(
        top(&lib, &p, 3).contains(&"taking-responsibility".to_string()),
        "{:?}",
        top(&lib, &p, 5)
    );
}

#[test]
fn a_customer_from_another_culture() {
    let lib = lib();
    let p = plan(&lib, &["cultural-difference"]);
    assert!(
        top(&lib, &p, 3).contains(&"cultural-sensitivity".to_string()),
        "{:?}",
        top(&lib, &p, 5)
    );
    let p = plan(&lib, &["language-barrier", "billing-error"]);
    let t = top(&lib, &p, 4);
    assert!(
        t.iter().any(|s| s == "clear-communication" || s == "language-skills"),
        "{t:?}"
    );
}

#[test]
fn handling_sensitive_information() {
    let lib = lib();
    let p = plan(&lib, &["sensitive-data"]);
    assert!(
        top(&lib, &p, 3).contains(&"compliance-awareness".to_string()),
        "{:?}",
        top(&lib, &p, 5)
    );
    let p = plan(&lib, &["sensitive-data", "public-social-media"]);
    let t = top(&lib, &p, 4);
    assert!(
        t.iter().any(|s| s == "compliance-awareness")
            && t.iter()
                .any(|s| s == "social-media-management" || s == "ethical-decision-making"),
        "{t:?}"
    );
}

#[test]
fn abuse_brings_composure_and_boundaries_ahead_of_warmth() {
    let lib = lib();
    let p = plan(&lib, &["abusive"]);
    let composure = rank(&lib, &p, "self-control").min(rank(&lib, &p, "assertiveness"));
    assert!(composure < rank(&lib, &p, "empathy"), "{:?}", top(&lib, &p, 6));
    assert_eq!(rank(&lib, &p, "humor"), usize::MAX, "no jokes with an abusive caller");
    assert!(
        steps(&lib, &p).iter().any(|s| s.contains("boundar")),
        "{:?}",
        steps(&lib, &p)
    );
}

#[test]
fn channel_tags_shift_the_phrasing() {
    let lib = lib();
    let chat = lib.tag_index("chat").unwrap();
    let phone = content::Channel::Phone;
    let p = recommend(&lib, &[lib.tag_index("angry").unwrap(), chat]);
    for r in &p.skills {
        for &ph in &r.phrases {
            assert!(
                !lib.phrases[ph].channels.contains(&phone) || lib.phrases[ph].channels.len() > 1,
                "phone-only card offered in chat: {}",
                lib.phrases[ph].id
            );
        }
    }
    assert_ne!(
        top(&lib, &plan(&lib, &["angry", "chat"]), 6),
        top(&lib, &plan(&lib, &["angry", "phone"]), 6)
    );
}

#[test]
fn every_tag_alone_gives_reasoned_skills_and_a_plan() {
    let lib = lib();
    for t in 0..lib.tags.len() {
        let p = recommend(&lib, &[t]);
        let id = &lib.tags[t].id;
        assert!(p.skills.len() >= 3, "{id}: {} skills", p.skills.len());
        assert!(p.skills.iter().all(|r| !r.why.is_empty() && r.score > 0), "{id}");
        assert!(p.steps.len() >= 2, "{id}: {:?}", steps(&lib, &p));
        assert!(p.steps.iter().all(|s| !s.skills.is_empty()), "{id}");
        assert!(p.skills.windows(2).all(|w| w[0].score >= w[1].score), "{id}: ranked");
    }
}

#[test]
fn plan_steps_only_offer_cards_written_for_the_situation() {
    let lib = lib();
    let mut combos: Vec<Vec<usize>> = (0..lib.tags.len()).map(|t| vec![t]).collect();
    for pair in [
        ["joking", "product-question"],
        ["language-barrier", "billing-error"],
        ["angry", "delayed-shipment"],
        ["abusive", "phone"],
    ] {
        combos.push(parse_tags(&lib, &pair).unwrap());
    }
    for tags in combos {
        let p = recommend(&lib, &tags);
        for st in &p.steps {
            for &ph in &st.phrases {
                let card = &lib.phrases[ph];
                let specific = |t: &usize| lib.tag_groups[lib.tags[*t].group].specific;
                let picked_case = card.situations.iter().any(|t| specific(t) && tags.contains(t));
                let other_case = card.situations.iter().any(|t| specific(t) && !tags.contains(t));
                assert!(
                    picked_case || !other_case,
                    "{:?}: step {} offers {:?}, which presumes a case not picked ({:?})",
                    tags.iter().map(|&t| &lib.tags[t].id).collect::<Vec<_>>(),
                    lib.steps[st.step].id,
                    card.text,
                    card.situations.iter().map(|&t| &lib.tags[t].id).collect::<Vec<_>>()
                );
                assert!(
                    card.situations.iter().any(|t| tags.contains(t)),
                    "{:?}: step {} offers {:?}, written for {:?}",
                    tags.iter().map(|&t| &lib.tags[t].id).collect::<Vec<_>>(),
                    lib.steps[st.step].id,
                    card.text,
                    card.situations.iter().map(|&t| &lib.tags[t].id).collect::<Vec<_>>()
                );
            }
        }
        // Outside the steps, a skill's cards never include one written for a case not picked
        // when it carries no picked situation at all.
        for r in &p.skills {
            for &ph in &r.phrases {
                let card = &lib.phrases[ph];
                let fits = card.situations.iter().any(|t| tags.contains(t));
                let specific = card
                    .situations
                    .iter()
                    .any(|&t| lib.tag_groups[lib.tags[t].group].specific);
                assert!(fits || !specific, "{} offered for unrelated {:?}", card.id, tags);
            }
        }
    }
}

#[test]
fn deterministic_and_order_independent() {
    let lib = lib();
    let a = plan(&lib, &["angry", "delayed-shipment", "phone"]);
    let b = plan(&lib, &["angry", "delayed-shipment", "phone"]);
    assert_eq!(a, b);
    let c = plan(&lib, &["phone", "delayed-shipment", "angry"]);
    assert_eq!(top(&lib, &a, 10), top(&lib, &c, 10));
    assert_eq!(steps(&lib, &a), steps(&lib, &c));
    assert!(recommend(&lib, &[]).skills.is_empty());
}

#[test]
fn unknown_tags_name_the_nearest() {
    let lib = lib();
    let e = parse_tags(&lib, &["angyr"]).unwrap_err();
    assert_eq!(e.to_string(), "unknown tag \"angyr\" (did you mean \"angry\"?)");
    let e = parse_tags(&lib, &["angry", "zzzzzzzz"]).unwrap_err();
    assert!(e.to_string().contains("callside tags"), "{e}");
}

fn suggested(lib: &Library, msg: &str) -> Vec<String> {
    suggest_tags(lib, msg)
        .into_iter()
        .map(|s| lib.tags[s.tag].id.clone())
        .collect()
}

#[test]
fn suggestions_from_realistic_messages() {
    let lib = lib();
    // (message, must suggest, must not suggest)
    let table: &[(&str, &[&str], &[&str])] = &[
        (
            "I'm not angry, just confused about this bill",
            &["confused", "billing-error"],
            &["angry"],
        ),
        (
            "WHERE IS MY PARCEL?!! It should have arrived last week",
            &["delayed-shipment"],
            &["happy"],
        ),
        ("This is RIDICULOUS, I am FURIOUS!!!", &["angry"], &["joking"]),
        ("I want my money back for the damaged lamp", &["refund-request"], &[]),
        (
            "i cant log in to my acount, i forgot my pasword",
            &["account-access"],
            &[],
        ),
        (
            "haha classic, of course it broke the day after the warranty ran out lol",
            &["joking"],
            &["angry"],
        ),
        (
            "This is the third time I've called about the same problem",
            &["repeat-contact"],
            &[],
        ),
        (
            "Hurry up and put me through to your manager",
            &["escalation-request", "impatient"],
            &[],
        ),
        (
            "sorry for my english, can you speak slowly please",
            &["language-barrier"],
            &[],
        ),
        ("I'm not happy with the service at all", &["complaint"], &["happy"]),
        ("Thank you so much, you made my day!", &["happy"], &["angry", "upset"]),
        (
            "My mum passed away and I need to close her account",
            &["vulnerable", "cancellation"],
            &["joking"],
        ),
        (
            "you charged me twice, your mistake not mine",
            &["billing-error", "company-error"],
            &["customer-mistake"],
        ),
        ("I have been on hold for an hour", &["long-wait"], &[]),
        (
            "frustated and anoyed, the app keeps crashing",
            &["frustrated", "technical-problem"],
            &[],
        ),
    ];
    for (msg, yes, no) in table {
        let got = suggested(&lib, msg);
        for y in *yes {
            assert!(got.iter().any(|g| g == y), "{msg:?} should suggest {y}; got {got:?}");
        }
        for n in *no {
            assert!(!got.iter().any(|g| g == n), "{msg:?} must not suggest {n}; got {got:?}");
        }
    }
}

#[test]
fn suggestions_show_the_words_that_triggered_them() {
    let lib = lib();
    let s = suggest_tags(&lib, "I am FURIOUS, this is UNACCEPTABLE!!!");
    let angry = s
        .iter()
        .find(|s| lib.tags[s.tag].id == "angry")
        .expect("angry suggested");
    assert!(angry.cues.iter().any(|c| c == "FURIOUS"), "{:?}", angry.cues);
    assert!(
        angry.cues.iter().any(|c| c == "!!!" || c == "ALL CAPS"),
        "{:?}",
        angry.cues
    );
    assert!(suggest_tags(&lib, "").is_empty());
    assert!(suggest_tags(&lib, "Hello, a quick note.").is_empty());
}

#[test]
fn tag_filter_finds_by_label_start_first() {
    let lib = lib();
    let f = coach::filter_tags(&lib, "ang");
    assert_eq!(lib.tags[f[0]].id, "angry");
    let f = coach::filter_tags(&lib, "ship");
    assert!(f.iter().any(|&t| lib.tags[t].id == "delayed-shipment"));
    assert_eq!(coach::filter_tags(&lib, "").len(), lib.tags.len());
}

#[test]
fn huge_weights_in_a_pack_saturate_instead_of_overflowing() {
    // Huge weights are clamped to the documented range (with a warning each), so they act
    // exactly like the range's ends: nothing overflows or wraps round.
    let pack = |weight: i64| {
        let mut sources = content::builtin::sources();
        sources.push(content::Source {
            path: "huge.ron".into(),
            text: format!(
                r#"(
            tags: [
                (id: "team-huge-a", label: "Huge A", group: "topic", description: "x",
                 skills: [(skill: "empathy", weight: {weight}, why: "A lot.")]),
                (id: "team-huge-b", label: "Huge B", group: "topic", description: "x",
                 skills: [(skill: "empathy", weight: {weight}, why: "Even more.")]),
            ],
            rules: [(id: "team-huge-rule", when: ["team-huge-a", "team-huge-b"],
                     adjust: [(skill: "patience", by: -{weight}, why: "Less.")])],
        )"#
            ),
        });
        content::load(&sources)
    };
    let loaded = pack(i64::from(i32::MAX));
    assert_eq!(loaded.problems.len(), 3, "{:?}", loaded.problems);
    assert!(
        loaded
            .problems
            .iter()
            .all(|p| p.kind == content::ProblemKind::OutOfRange && !p.is_error()),
        "{:?}",
        loaded.problems
    );
    let lib = loaded.library;
    let p = plan(&lib, &["team-huge-a", "team-huge-b", "angry"]);
    assert_eq!(top(&lib, &p, 1), ["empathy"]);
    let ends = pack(i64::from(*content::load::WEIGHT_RANGE.end()));
    assert!(ends.problems.is_empty(), "{:?}", ends.problems);
    let q = plan(&ends.library, &["team-huge-a", "team-huge-b", "angry"]);
    assert_eq!(p.skills[0].score, q.skills[0].score);
    assert!(p.skills[0].score > 0 && p.skills[0].score < i32::MAX);
    assert_eq!(rank(&lib, &p, "patience"), usize::MAX, "pushed down, not wrapped round");
}

#[test]
fn the_reviews_ranking_examples_are_fixed() {
    let lib = lib();
    // Angry + late order: hear them and own it before promising a follow-up.
    let p = plan(&lib, &["angry", "delayed-shipment"]);
    assert_ne!(top(&lib, &p, 1), ["follow-up"], "{:?}", top(&lib, &p, 5));
    assert!(rank(&lib, &p, "active-listening") < rank(&lib, &p, "follow-up"));
    // A public complaint: social-media management leads.
    let p = plan(&lib, &["public-social-media", "complaint"]);
    assert_eq!(top(&lib, &p, 1), ["social-media-management"]);
    // Angry + policy says no + refund: assertiveness and conflict resolution in the top 3.
    let p = plan(&lib, &["angry", "policy-limit", "refund-request"]);
    let t = top(&lib, &p, 3);
    assert!(
        t.contains(&"assertiveness".to_string()) && t.contains(&"conflict-resolution".to_string()),
        "{t:?}"
    );
    // Joking about a broken product: the fix leads, the laugh goes alongside.
    let p = plan(&lib, &["joking", "technical-problem"]);
    assert!(
        rank(&lib, &p, "problem-solving") < rank(&lib, &p, "humor"),
        "{:?}",
        top(&lib, &p, 5)
    );
    // No rule lifts social-media management unless a public post is picked.
    let public = lib.tag_index("public-social-media").unwrap();
    let smm = lib.skill_index("social-media-management").unwrap();
    for r in &lib.rules {
        if r.adjust.iter().any(|a| a.skill == smm && a.weight > 0) {
            assert!(r.when.contains(&public), "rule {} lifts social-media management", r.id);
        }
    }
}

#[test]
fn abuse_plans_set_the_boundary_before_hearing_and_warn_before_ending() {
    let lib = lib();
    for tags in [&["abusive", "phone"][..], &["abusive", "chat"]] {
        let p = plan(&lib, tags);
        let st = steps(&lib, &p);
        let boundary = st.iter().position(|s| s == "set-boundary").expect("boundary step");
        if let Some(hear) = st.iter().position(|s| s == "hear") {
            assert!(boundary < hear, "{tags:?}: {st:?}");
        }
        // No history check before the boundary has landed.
        if let Some(history) = st.iter().position(|s| s == "check-history") {
            assert!(boundary < history, "{tags:?}: {st:?}");
        }
        let cards: Vec<&str> = p.steps[boundary]
            .phrases
            .iter()
            .map(|&c| lib.phrases[c].id.as_str())
            .collect();
        let end = cards.iter().position(|c| c.contains("ending")).expect("an ending line");
        let warn = cards.iter().position(|c| c.contains("swearing")).expect("a warning");
        assert!(warn < end, "{cards:?}");
    }
}

#[test]
fn a_sorry_said_while_acknowledging_is_not_followed_by_an_empty_apology_step() {
    // A vulnerable customer hears "I'm so sorry…" when their feelings are acknowledged; the plan
    // then neither says sorry again nor shows an Apologise step with nothing in it.
    let lib = lib();
    let p = plan(&lib, &["upset", "cancellation", "vulnerable", "email"]);
    let sorry_cards = p
        .steps
        .iter()
        .flat_map(|s| &s.phrases)
        .filter(|&&c| lib.phrases[c].says.iter().any(|k| k == "sorry"))
        .count();
    assert_eq!(sorry_cards, 1, "sorry said once: {:?}", steps(&lib, &p));
    for s in &p.steps {
        let st = &lib.steps[s.step];
        assert!(
            !(st.phase == content::Phase::Apologise && s.phrases.is_empty()),
            "an empty Apologise step: {:?}",
            steps(&lib, &p)
        );
    }
    // Without an earlier sorry the Apologise step stays and carries a card.
    let q = plan(&lib, &["frustrated", "billing-error", "company-error"]);
    assert!(
        q.steps
            .iter()
            .any(|s| lib.steps[s.step].phase == content::Phase::Apologise && !s.phrases.is_empty()),
        "{:?}",
        steps(&lib, &q)
    );
}
