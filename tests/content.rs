//! The built-in library and the loader's handling of bad packs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::content::{self, Loaded, Source, load, read_pack_path};
use std::io::Write;

const SKILL_IDS: &str = "active-listening empathy patience clear-communication problem-solving time-management \
adaptability positive-attitude conflict-resolution product-knowledge professionalism follow-up \
teamwork cultural-sensitivity continuous-learning self-control assertiveness depersonalization \
taking-responsibility humor crm-proficiency digital-literacy social-media-management data-analysis \
ai-collaboration customer-psychology language-skills ethical-decision-making compliance-awareness \
emotional-intelligence stress-management relationship-building";

const TAG_IDS: &str = "angry frustrated upset anxious confused impatient abusive joking happy \
delayed-shipment billing-error refund-request return technical-problem product-question cancellation complaint account-access \
company-error policy-limit repeat-contact escalation-request long-wait busy-queue language-barrier cultural-difference \
sensitive-data public-social-media complex-multi-team unknown-answer phone chat email";

fn builtin() -> Loaded {
    load(&content::builtin::sources())
}

/// Built-in sources plus one pack text named `pack.ron`.
fn with_pack(text: &str) -> Loaded {
    let mut s = content::builtin::sources();
    s.push(Source {
        path: "pack.ron".into(),
        text: text.into(),
    });
    load(&s)
}

#[test]
fn builtin_library_loads_without_problems() {
    let l = builtin();
    assert!(
        l.problems.is_empty(),
        "built-in content has problems:\n{}",
        l.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn all_32_skills_with_every_field_filled() {
    let lib = builtin().library;
    let ids: Vec<&str> = SKILL_IDS.split_whitespace().collect();
    assert_eq!(ids.len(), 32);
    assert_eq!(lib.skills.len(), 32, "exactly the 32 skills");
    for id in ids {
        let s = lib.skill(id).unwrap_or_else(|| panic!("missing skill {id}"));
        for (field, v) in [
            ("name", &s.name),
            ("definition", &s.definition),
            ("in_service", &s.in_service),
            ("analogy", &s.analogy),
        ] {
            assert!(!v.trim().is_empty(), "{id}: empty {field}");
        }
        assert!(!s.aliases.is_empty(), "{id}: no aliases");
        assert!(!s.related.is_empty(), "{id}: no related skills");
        assert!(s.phrases.len() >= 6, "{id}: only {} phrase cards", s.phrases.len());
        let pairs = s
            .phrases
            .iter()
            .filter(|&&p| lib.phrases[p].instead_of.is_some())
            .count();
        assert!(pairs >= 1, "{id}: no instead-of pair");
        for &p in &s.phrases {
            let words = lib.phrases[p].text.split_whitespace().count();
            assert!(words <= 30, "{}: {words} words is too long to say", lib.phrases[p].id);
        }
    }
}

#[test]
fn situation_vocabulary_is_complete_and_linked() {
    let lib = builtin().library;
    for id in TAG_IDS.split_whitespace() {
        let ix = lib.tag_index(id).unwrap_or_else(|| panic!("missing tag {id}"));
        let t = &lib.tags[ix];
        assert!(!t.description.is_empty(), "{id}: no description");
        assert!(t.links.len() >= 3, "{id}: only {} skill links", t.links.len());
        assert!(
            t.links.iter().all(|l| !l.why.trim().is_empty()),
            "{id}: a link without a reason"
        );
        if t.channel.is_none() {
            assert!(t.cues.len() >= 4, "{id}: only {} cues", t.cues.len());
        }
    }
    assert!(!lib.steps.is_empty() && !lib.frameworks.is_empty() && !lib.rules.is_empty());
}

#[test]
fn not_ron_reports_line_and_column_and_skips_the_file() {
    let l = with_pack("(\n  phrases: [\n    (id: \"x\" skill: \"empathy\"),\n  ],\n)");
    assert_eq!(l.problems.len(), 1, "{:?}", l.problems);
    let p = &l.problems[0];
    assert_eq!((p.path.as_str(), p.line), ("pack.ron", 3), "{p}");
    assert!(p.col > 1, "{p}");
    assert!(p.to_string().starts_with("pack.ron:3:"), "{p}");
    assert_eq!(l.library.skills.len(), 32, "everything else still loads");
}

#[test]
fn unknown_skill_names_the_nearest_and_its_position() {
    let text = "(\n  phrases: [\n    (\n      id: \"team-hello\",\n      skill: \"empaty\",\n      text: \"Hello there.\",\n    ),\n  ],\n)";
    let l = with_pack(text);
    assert_eq!(l.problems.len(), 1, "{:?}", l.problems);
    assert_eq!(
        l.problems[0].to_string(),
        "pack.ron:5:14: unknown skill \"empaty\" (did you mean \"empathy\"?)"
    );
    assert!(l.library.phrase_index("team-hello").is_none());
}

#[test]
fn unknown_tag_and_channel_are_reported_and_the_card_kept_without_them() {
    let l = with_pack(
        r#"(phrases: [(id: "team-a", skill: "empathy", text: "Hi.", situations: ["angyr", "angry"], channels: ["fax"])])"#,
    );
    let msgs: Vec<String> = l.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("unknown situation tag \"angyr\" (did you mean \"angry\"?)")),
        "{msgs:?}"
    );
    assert!(msgs.iter().any(|m| m.contains("unknown channel \"fax\"")), "{msgs:?}");
    let p = l.library.phrase_index("team-a").expect("card kept");
    assert_eq!(l.library.phrases[p].situations.len(), 1);
}

#[test]
fn duplicate_ids_point_at_the_first_definition() {
    let l = with_pack(
        r#"(phrases: [(id: "dup", skill: "empathy", text: "One."), (id: "dup", skill: "empathy", text: "Two.")])"#,
    );
    assert_eq!(l.problems.len(), 1, "{:?}", l.problems);
    let m = l.problems[0].to_string();
    assert!(
        m.starts_with("pack.ron:1:62: duplicate phrase id \"dup\" (first defined at pack.ron:1:17)"),
        "{m}"
    );
    let lib = l.library;
    assert_eq!(lib.phrases[lib.phrase_index("dup").unwrap()].text, "One.");

    let l = with_pack(r#"(skills: [(id: "empathy", name: "Empathy again", group: "connect", definition: "x")])"#);
    assert!(
        l.problems[0]
            .message
            .contains("duplicate skill id \"empathy\" (first defined at builtin:data/skills.ron:"),
        "{}",
        l.problems[0]
    );
}

#[test]
fn empty_required_fields_are_named() {
    let l = with_pack(r#"(skills: [(id: "coaching", name: "", group: "connect", definition: "  ")])"#);
    let msgs: Vec<&str> = l.problems.iter().map(|p| p.message.as_str()).collect();
    assert!(
        msgs.contains(&"skill \"coaching\": `name` is empty or missing"),
        "{msgs:?}"
    );
    assert!(
        msgs.contains(&"skill \"coaching\": `definition` is empty or missing"),
        "{msgs:?}"
    );
    assert!(l.library.skill("coaching").is_none());
}

#[test]
fn unknown_field_and_bad_placeholder_and_bad_id_are_reported() {
    let l = with_pack(r#"(skills: [(id: "x", nmae: "X")])"#);
    assert!(l.problems[0].message.contains("nmae"), "{}", l.problems[0]);
    let l = with_pack(r#"(phrases: [(id: "team-b", skill: "empathy", text: "Hi {Name.")])"#);
    assert!(l.problems[0].message.contains("stray brace"), "{}", l.problems[0]);
    let l = with_pack(r#"(phrases: [(id: "Team B", skill: "empathy", text: "Hi.")])"#);
    assert!(l.problems[0].message.contains("not valid"), "{}", l.problems[0]);
}

#[test]
fn a_pack_adds_to_builtin_skills_and_tags_by_id() {
    let pack = r#"(
        skills: [(id: "empathy", aliases: ["compassion"])],
        phrases: [(id: "team-empathy-1", skill: "empathy", text: "That would upset me too, {name}.", situations: ["upset"])],
        tags: [(id: "angry", cues: ["steaming"])],
        groups: [(id: "team", name: "Our team")],
    )"#;
    let l = with_pack(pack);
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    let lib = l.library;
    let e = lib.skill("empathy").unwrap();
    assert!(e.aliases.iter().any(|a| a == "compassion"));
    assert_eq!(lib.phrases[*e.phrases.last().unwrap()].id, "team-empathy-1");
    assert!(
        lib.tags[lib.tag_index("angry").unwrap()]
            .cues
            .iter()
            .any(|c| c == "steaming")
    );
}

#[test]
fn oversized_and_non_utf8_files_are_reported_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.ron");
    let mut f = std::fs::File::create(&big).unwrap();
    f.write_all(&vec![b' '; content::load::MAX_FILE_BYTES as usize + 1])
        .unwrap();
    std::fs::write(dir.path().join("bin.ron"), [0xff, 0xfe, 0x00]).unwrap();
    std::fs::write(dir.path().join("ok.ron"), "(phrases: [])").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
    let (sources, problems) = read_pack_path(dir.path());
    assert_eq!(sources.len(), 1);
    assert!(sources[0].path.ends_with("ok.ron"));
    let msgs: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("big.ron:1:1: file is") && m.contains("limited to")),
        "{msgs:?}"
    );
    assert!(msgs.iter().any(|m| m.contains("bin.ron:1:1: not UTF-8")), "{msgs:?}");
    let (_, problems) = read_pack_path(&dir.path().join("missing.ron"));
    assert!(problems[0].message.starts_with("cannot read"));
}

#[test]
fn a_rejected_duplicate_changes_nothing_in_the_original() {
    let l = with_pack(
        r#"(tags: [(id: "angry", label: "Angry again", group: "feeling",
            skills: [(skill: "humor", weight: 9, why: "Would be wrong here.")])],
           skills: [(id: "empathy", name: "Empathy again", group: "connect", definition: "x", related: ["humor"])])"#,
    );
    assert_eq!(l.problems.len(), 2, "{:?}", l.problems);
    let lib = l.library;
    let humor = lib.skill_index("humor").unwrap();
    let angry = &lib.tags[lib.tag_index("angry").unwrap()];
    assert_eq!(angry.label, "Angry");
    assert!(
        angry.links.iter().all(|k| k.skill != humor),
        "duplicate's links leaked in"
    );
    assert!(
        !lib.skill("empathy").unwrap().related.contains(&humor),
        "duplicate's related skills leaked in"
    );
}

#[test]
fn extensions_are_cleaned_like_new_entries() {
    let l = with_pack(
        r#"(tags: [(id: "angry", cues: ["  Steaming MAD ", "", "furious"])], skills: [(id: "empathy", aliases: [" ", " Compassion "])])"#,
    );
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    let lib = l.library;
    let cues = &lib.tags[lib.tag_index("angry").unwrap()].cues;
    assert!(cues.iter().any(|c| c == "steaming mad"), "{cues:?}");
    assert!(cues.iter().all(|c| !c.is_empty()));
    assert_eq!(cues.iter().filter(|c| *c == "furious").count(), 1);
    let aliases = &lib.skill("empathy").unwrap().aliases;
    assert!(aliases.iter().any(|a| a == "Compassion"), "{aliases:?}");
    assert!(aliases.iter().all(|a| !a.trim().is_empty()));
}

#[cfg(unix)]
#[test]
fn devices_and_pipes_are_refused_not_read_forever() {
    let (sources, problems) = read_pack_path(std::path::Path::new("/dev/zero"));
    assert!(sources.is_empty());
    assert!(
        problems[0].to_string().starts_with("/dev/zero:1:1: not a regular file"),
        "{}",
        problems[0]
    );
}

#[test]
fn garbage_never_panics() {
    let mut seed = 7u64;
    for len in [0usize, 1, 5, 50, 500] {
        for _ in 0..40 {
            let text: String = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    b"()[]{}\":,.abcid phrases skill \n\\'#/*"[(seed >> 33) as usize % 36] as char
                })
                .collect();
            let _ = with_pack(&text);
        }
    }
}
