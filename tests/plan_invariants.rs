//! Every plan keeps the plan rules: all combinations of one, two and three tags, and a large
//! fixed sample of four. The rules themselves live in `callside::coach::rules`, shared with the
//! recommender, the CLI and the window; this test runs them over every plan and fails on the
//! first broken one, naming the tags and the card. A second test checks that each card's
//! marks (phase, channels, acts) agree with its words, so the rules see what a lead would see.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::coach::{check_plan, recommend, rules};
use callside::content::{self, Act, Channel, ChannelClass, Library, Phase};

fn lib() -> Library {
    let loaded = content::load(&content::builtin::sources());
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.library
}

/// All combinations of `k` items out of `n`, in lexicographic order.
fn combinations(n: usize, k: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut c: Vec<usize> = (0..k).collect();
    if k > n {
        return out;
    }
    loop {
        out.push(c.clone());
        let Some(i) = (0..k).rev().find(|&i| c[i] != i + n - k) else {
            return out;
        };
        c[i] += 1;
        for j in i + 1..k {
            c[j] = c[j - 1] + 1;
        }
    }
}

/// A fixed sample of four-tag combinations (a small linear congruential generator, so every run
/// checks the same plans).
fn sample_of_four(n: usize, count: usize) -> Vec<Vec<usize>> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    let mut out = Vec::new();
    while out.len() < count {
        let mut c: Vec<usize> = Vec::new();
        while c.len() < 4 {
            let t = next() % n;
            if !c.contains(&t) {
                c.push(t);
            }
        }
        c.sort_unstable();
        out.push(c);
    }
    out
}

/// Four-tag plans checked on top of every plan of up to three tags.
const FOUR_TAG_SAMPLE: usize = 12_000;
/// Most steps that may show no card, over every combination of up to three tags.
const MAX_EMPTY_STEP_SHARE: f64 = 0.05;

#[test]
fn every_plan_keeps_the_plan_rules() {
    let lib = lib();
    let n = lib.tags.len();
    let mut up_to_three = rules::PlanCount::default();
    let mut four = rules::PlanCount::default();
    let mut plans = [0usize; 2];
    let public = lib.tag_index("public-social-media").expect("public tag");
    let combos = (1..=3).flat_map(|k| combinations(n, k)).map(|c| (0, c));
    let sample = sample_of_four(n, FOUR_TAG_SAMPLE).into_iter().map(|c| (1, c));
    for (set, tags) in combos.chain(sample) {
        let plan = recommend(&lib, &tags);
        // Every ranked skill says why (a reason the tags make untrue counts for nothing).
        if let Some(r) = plan.skills.iter().find(|r| r.why.is_empty()) {
            panic!("{tags:?}: {} is ranked with no reason", lib.skills[r.skill].id);
        }
        // A public post is handled in public first: managing it leads the skills.
        if tags.contains(&public) {
            let lead = &lib.skills[plan.skills[0].skill].id;
            assert_eq!(
                lead, "social-media-management",
                "{tags:?}: {lead} leads a public contact"
            );
        }
        match check_plan(&lib, &plan) {
            Ok(c) => {
                let into = if set == 0 { &mut up_to_three } else { &mut four };
                into.steps += c.steps;
                into.empty_steps += c.empty_steps;
                into.cards += c.cards;
                into.off_topic += c.off_topic;
                plans[set] += 1;
            }
            Err(v) => panic!("after {} plans, a plan breaks a rule: {v}", plans[0] + plans[1]),
        }
    }
    let share = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    println!(
        "plans checked: {} ({} of up to three tags, {} of four)",
        plans[0] + plans[1],
        plans[0],
        plans[1]
    );
    for (name, c) in [("up to three tags", up_to_three), ("four tags", four)] {
        println!(
            "{name}: {} steps, {:.2}% empty; {} cards, {:.2}% off-topic",
            c.steps,
            100.0 * share(c.empty_steps, c.steps),
            c.cards,
            100.0 * share(c.off_topic, c.cards)
        );
    }
    assert_eq!(plans[0], n + n * (n - 1) / 2 + n * (n - 1) * (n - 2) / 6);
    let empty = share(up_to_three.empty_steps, up_to_three.steps);
    assert!(
        empty <= MAX_EMPTY_STEP_SHARE,
        "{:.2}% of steps show no card (at most {:.0}%)",
        100.0 * empty,
        100.0 * MAX_EMPTY_STEP_SHARE
    );
}

/// The rules know a card by its marks; these checks make sure the marks tell the truth about
/// the words.
#[test]
fn every_cards_marks_agree_with_its_words() {
    let lib = lib();
    let has = |t: &str, words: &[&str]| words.iter().any(|w| t.contains(w));
    let mut wrong: Vec<String> = Vec::new();
    for c in &lib.phrases {
        let t = c.text.to_lowercase().replace('\u{2019}', "'");
        let only = |class| c.channels.iter().all(|ch| ch.class() == class);
        let mut bad = |why: &str| wrong.push(format!("{}: {why}: \"{}\"", c.id, c.text));
        if c.phase.is_none() {
            bad("no phase");
        }
        if rules::spoken_words(&t) && c.channels.iter().any(|ch| ch.class() != ChannelClass::Spoken) {
            bad("spoken words on a written or public channel");
        }
        let asks = has(
            &t,
            &[
                "date of birth",
                "postcode",
                "card number",
                "last four",
                "order number",
                "password?",
            ],
        ) && (t.contains('?') || t.contains("i need") || t.contains("all i need"));
        if asks && !c.acts.contains(&Act::AsksDetails) {
            bad("asks for details without `asks-details`");
        }
        if has(
            &t,
            &[
                "swearing",
                "personal remarks",
                "keep it respectful",
                "keep us respectful",
            ],
        ) && !c.acts.iter().any(|a| matches!(a, Act::Boundary | Act::Warning))
        {
            bad("a boundary line without `boundary` or `warning`");
        }
        if has(
            &t,
            &[
                "end this call",
                "close this chat",
                "end the conversation",
                "leave the conversation here",
            ],
        ) && !c
            .acts
            .iter()
            .any(|a| matches!(a, Act::Warning | Act::EndContact | Act::Boundary))
        {
            bad("ends the contact without `warning` or `end-contact`");
        }
        if has(
            &t,
            &[
                "our mistake",
                "we got that wrong",
                "our fault",
                "so it's on our side",
                "that's on us",
                "one's on us",
                "overcharging",
                "slipped between",
            ],
        ) && !c.acts.contains(&Act::OwnFault)
        {
            bad("owns our mistake without `own-fault`");
        }
        if has(
            &t,
            &[
                "just checking in",
                "checking the replacement",
                "wanted to check",
                "it's been a few days",
                "so here i am",
                "i promised i'd come back",
            ],
        ) && c.phase != Some(Phase::After)
        {
            bad("an outbound message not in the `after` phase");
        }
        if (rules::claims_fixed(&t) || has(&t, &["once we hang up", "in your own words"]))
            && c.phase.is_some_and(|p| p < Phase::Confirm)
        {
            bad("checks the fix before the fix");
        }
        if has(
            &t,
            &[
                "i can hear",
                "can you hear",
                "on the line",
                "this call",
                "hang up",
                "speak a little",
                "gone a bit quiet",
                "over the phone",
                "on hold",
                "read me",
                "read that back",
                "saying your name",
                "counter",
            ],
        ) && !only(ChannelClass::Spoken)
        {
            bad("spoken words on a written or public channel");
        }
        if has(
            &t,
            &[
                "type",
                "reading your message",
                "this chat",
                "this email",
                "screenshot",
                "reply here",
                "in messages",
                "your post",
                "posted",
            ],
        ) && c.channels.iter().any(|ch| ch.class() == ChannelClass::Spoken)
        {
            bad("written words on a spoken channel");
        }
        if has(
            &t,
            &[
                "while we talk",
                "while we're still talking",
                "while i wait",
                "i'll wait",
                "give me a moment",
                "give me a couple",
                "give me one more",
                "tell me when",
                "tell me what you see",
                "what you can see",
                "let's do it together",
                "stay with me",
                "did that work",
                "not going anywhere",
                "let me see",
                "let me check that",
                "let me check the",
                "let me check why",
                "let me check whether",
                "can i ask",
                "bear with me",
                "one moment",
            ],
        ) && c.channels.contains(&Channel::Email)
        {
            bad("a live, back-and-forth line on email");
        }
        if has(
            &t,
            &[
                "what you enter",
                "what you type",
                "what you typed",
                "tell me your password",
                "read me your password",
            ],
        ) {
            bad("invites the customer to say or type a password");
        }
        if has(
            &t,
            &["sending it back", "send it back", "post it back", "the warehouse"],
        ) && c.channels.contains(&Channel::InPerson)
        {
            bad("a postal return line at a counter");
        }
        if has(&t, &["this same device", "this device"])
            && c.channels.iter().any(|ch| ch.class() == ChannelClass::Spoken)
        {
            bad("\"this device\" on a spoken channel");
        }
        if has(
            &t,
            &[
                "thanks for writing in",
                "thanks for messaging us",
                "thanks for calling",
                "thanks for getting in touch",
                "we've read your post",
                "how would you like me to address you",
            ],
        ) && !c.acts.contains(&Act::Opens)
        {
            bad("an opening line without `opens`");
        }
        if has(
            &t,
            &[
                "from the beginning",
                "whole story",
                "tell me what happened",
                "tell me what's happened",
                "what happened?",
                "when did it start",
                "when did it first",
                "what you were doing when",
                "retrace what happened",
            ],
        ) && !c.acts.contains(&Act::AsksStory)
        {
            bad("asks for the story without `asks-story`");
        }
        if c.channels.contains(&Channel::Public) && c.acts.contains(&Act::AsksDetails) {
            bad("asks for details and is meant for public posts");
        }
        if rules::live_words(&t) && !c.acts.contains(&Act::Live) {
            bad("a live-conversation line without `live`");
        }
        if rules::names_chat(&t) && c.channels.contains(&Channel::Email) {
            bad("names a chat and may reach an email");
        }
        if rules::names_feeling(&t) && c.feels.is_empty() {
            bad("names a feeling without `feels`");
        }
        if c.phase.is_some_and(|p| p < Phase::Apologise)
            && has(
                &t,
                &[
                    "here's what i can do",
                    "here's what i'm doing",
                    "here's what i can change",
                ],
            )
        {
            bad("announces the fix before the apology");
        }
        let says = |k: &str| c.says.iter().any(|s| s == k);
        if (c.phase == Some(Phase::Apologise)
            || (c.phase == Some(Phase::Acknowledge)
                && t.contains("sorry")
                // A public reply is its own conversation: the private one may say sorry again.
                && !c.channels.iter().all(|ch| *ch == Channel::Public)))
            && !says("sorry")
        {
            bad("says sorry without the `sorry` key");
        }
        if c.phase.is_some_and(|p| p >= Phase::Solve)
            && t.contains("by {date}")
            && has(&t, &["i'll", "let you know", "you'll hear"])
            && !says("dated-promise")
        {
            bad("a dated promise without the `dated-promise` key");
        }
    }
    assert!(wrong.is_empty(), "{} cards:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn every_built_in_card_says_its_phase_and_channels() {
    // Pack cards may leave them out; ours never do. Read the files as written.
    #[derive(serde::Deserialize)]
    struct Card {
        id: String,
        phase: Option<String>,
        channels: Option<Vec<String>>,
    }
    #[derive(serde::Deserialize)]
    struct Pack {
        #[serde(default)]
        phrases: Vec<Card>,
    }
    let mut cards = 0;
    for src in content::builtin::sources() {
        let opts = ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let pack: Pack = match opts.from_str(&src.text) {
            Ok(p) => p,
            Err(e) => panic!("{}: {e}", src.path),
        };
        for c in pack.phrases {
            cards += 1;
            assert!(c.phase.is_some(), "{}: card {} has no phase", src.path, c.id);
            assert!(
                c.channels.as_ref().is_some_and(|v| !v.is_empty()),
                "{}: card {} has no channel reading",
                src.path,
                c.id
            );
        }
    }
    assert!(cards > 250, "{cards} cards read");
}
