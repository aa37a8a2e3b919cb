//! Where a card belongs (phase, channels, needs, not_when, acts) is checked on load like every
//! other reference: `path:line:col`, the nearest known word, and the rest still loads.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::content::{self, Act, Channel, Loaded, Phase, Source, load};

fn with_pack(text: &str) -> Loaded {
    let mut s = content::builtin::sources();
    s.push(Source {
        path: "pack.ron".into(),
        text: text.into(),
    });
    load(&s)
}

fn messages(l: &Loaded) -> Vec<String> {
    l.problems.iter().map(|p| p.to_string()).collect()
}

#[test]
fn a_well_placed_card_loads_with_its_reading() {
    let l = with_pack(
        r#"(phrases: [(id: "team-sorry", skill: "taking-responsibility", text: "That one's on us.",
            situations: ["company-error"], needs: ["company-error"], not_when: ["policy-limit"],
            phase: "apologise", channels: ["spoken", "chat"], acts: ["own-fault"])])"#,
    );
    assert!(l.problems.is_empty(), "{:?}", messages(&l));
    let lib = &l.library;
    let c = &lib.phrases[lib.phrase_index("team-sorry").unwrap()];
    assert_eq!(c.phase, Some(Phase::Apologise));
    assert_eq!(c.channels, [Channel::Phone, Channel::InPerson, Channel::Chat]);
    assert_eq!(c.acts, [Act::OwnFault]);
    assert_eq!(c.needs, [lib.tag_index("company-error").unwrap()]);
    assert_eq!(c.not_when, [lib.tag_index("policy-limit").unwrap()]);
}

#[test]
fn a_card_that_does_not_say_suits_live_channels_and_no_step() {
    let l = with_pack(r#"(phrases: [(id: "team-hi", skill: "empathy", text: "Hi.")])"#);
    assert!(l.problems.is_empty(), "{:?}", messages(&l));
    let c = &l.library.phrases[l.library.phrase_index("team-hi").unwrap()];
    assert_eq!(c.phase, None);
    assert!(!c.channels.contains(&Channel::Public), "never public unless it says so");
    assert_eq!(c.channels, Channel::live());
}

#[test]
fn misspelt_phase_channel_act_and_tags_name_the_nearest_at_their_place() {
    let text = "(\n  phrases: [\n    (\n      id: \"team-x\",\n      skill: \"empathy\",\n      text: \"Hello.\",\n      phase: \"hearr\",\n      channels: [\"spoke\"],\n      acts: [\"bondary\"],\n      not_when: [\"polcy-limit\"],\n      needs: [\"abusiv\"],\n    ),\n  ],\n)";
    let l = with_pack(text);
    let m = messages(&l);
    for want in [
        "pack.ron:7:14: unknown phase \"hearr\" (did you mean \"hear\"?)",
        "pack.ron:8:18: unknown channel \"spoke\" (did you mean \"spoken\"?)",
        "pack.ron:9:14: unknown act \"bondary\" (did you mean \"boundary\"?)",
        "pack.ron:10:18: unknown situation tag \"polcy-limit\" (did you mean \"policy-limit\"?)",
        "pack.ron:11:15: unknown situation tag \"abusiv\" (did you mean \"abusive\"?)",
    ] {
        assert!(m.iter().any(|x| x == want), "missing {want:?} in {m:?}");
    }
    // The card still loads, without the bad parts.
    let c = &l.library.phrases[l.library.phrase_index("team-x").expect("kept")];
    assert_eq!(c.phase, None);
    assert!(c.acts.is_empty() && c.not_when.is_empty() && c.needs.is_empty());
}

#[test]
fn a_card_names_only_feelings_in_feels_and_its_live_and_on_cue_acts_load() {
    let text = "(\n  phrases: [\n    (\n      id: \"team-z\",\n      skill: \"empathy\",\n      text: \"I can see why you're upset.\",\n      feels: [\"upset\", \"billing-error\"],\n      acts: [\"live\", \"on-cue\"],\n    ),\n  ],\n)";
    let l = with_pack(text);
    let m = messages(&l);
    let want = "pack.ron:7:24: phrase \"team-z\": `feels` names \"billing-error\", which is not a feeling";
    assert!(m.iter().any(|x| x == want), "missing {want:?} in {m:?}");
    let lib = &l.library;
    let c = &lib.phrases[lib.phrase_index("team-z").expect("kept")];
    assert_eq!(c.feels, [lib.tag_index("upset").unwrap()]);
    assert_eq!(c.acts, [Act::Live, Act::OnCue]);
}

#[test]
fn an_empty_channel_list_and_a_contradiction_are_reported() {
    let l = with_pack(
        r#"(phrases: [(id: "team-y", skill: "empathy", text: "Hi.", situations: ["angry"], not_when: ["angry"], channels: [])])"#,
    );
    let m = messages(&l).join("\n");
    assert!(m.contains("`channels` is empty"), "{m}");
    assert!(
        m.contains("\"angry\" is both a situation it fits and in `not_when`"),
        "{m}"
    );
}

#[test]
fn a_step_needs_a_known_phase() {
    let l = with_pack(
        r#"(steps: [(id: "team-step", title: "T", guidance: "G", phase: "sovle"), (id: "team-step-2", title: "T", guidance: "G")])"#,
    );
    let m = messages(&l).join("\n");
    assert!(m.contains("unknown phase \"sovle\" (did you mean \"solve\"?)"), "{m}");
    assert!(m.contains("step \"team-step-2\": `phase` is empty or missing"), "{m}");
}

#[test]
fn channel_tags_stand_for_their_channels() {
    let lib = content::load(&content::builtin::sources()).library;
    for ch in Channel::ALL {
        let t = lib
            .tag_index(ch.tag_id())
            .unwrap_or_else(|| panic!("no tag {}", ch.tag_id()));
        assert_eq!(lib.tags[t].channel, Some(ch));
        assert_eq!(lib.tag_groups[lib.tags[t].group].id, "channel");
    }
    assert_eq!(lib.tags[lib.tag_index("in-person").unwrap()].label, "In person");
}

#[test]
fn what_a_card_says_is_read_once_per_key_and_an_empty_key_is_reported() {
    let l = with_pack(
        r#"(phrases: [(id: "team-promise", skill: "follow-up", text: "I'll call by {date}.",
            phase: "confirm", channels: ["spoken"], says: ["dated-promise", " dated-promise ", ""],
            acts: ["opens", "asks-story"])])"#,
    );
    let m = messages(&l).join("\n");
    assert!(m.contains("phrase \"team-promise\": an empty key in `says`"), "{m}");
    let lib = &l.library;
    let c = &lib.phrases[lib.phrase_index("team-promise").unwrap()];
    assert_eq!(c.says, ["dated-promise"]);
    assert_eq!(c.acts, [Act::Opens, Act::AsksStory]);
    // It says what a built-in dated promise says, so a plan never offers both in two steps.
    let other = &lib.phrases[lib.phrase_index("follow-up-either-way").unwrap()];
    assert!(c.repeats(other));
}
