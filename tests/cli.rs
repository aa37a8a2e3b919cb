//! The command line, end to end: runs the built binary.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use serde_json::Value;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_callside"))
        .args(args)
        .env("CALLSIDE_HOME", home.path())
        .output()
        .expect("binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(args: &[&str]) -> Value {
    let o = run(args);
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{args:?} printed no JSON ({e}): {}", stdout(&o)))
}

#[test]
fn search_prints_useful_phrases() {
    let o = run(&["search", "sorry"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.to_lowercase().matches("sorry").count() >= 3, "{text}");
}

#[test]
fn search_json_has_the_documented_fields() {
    let v = json(&["search", "late", "shipment", "--json", "--limit", "5"]);
    let a = v.as_array().unwrap();
    assert!(!a.is_empty() && a.len() <= 5);
    for h in a {
        let kind = h["kind"].as_str();
        assert!(matches!(kind, Some("skill" | "phrase" | "tag")), "{h}");
        let fields: &[&str] = if kind == Some("tag") {
            &["id", "title", "text"]
        } else {
            &["id", "skill", "title", "text"]
        };
        for f in fields {
            assert!(h[*f].as_str().is_some_and(|s| !s.is_empty()), "{f} in {h}");
        }
        assert!(
            h["score"].as_u64().is_some() && h["all_words"].as_bool().is_some(),
            "{h}"
        );
    }
    // Best first: every-word hits by score, then partial ones.
    let keys: Vec<(bool, u64)> = a
        .iter()
        .map(|h| (h["all_words"].as_bool().unwrap(), h["score"].as_u64().unwrap()))
        .collect();
    let partial = keys.iter().position(|k| !k.0).unwrap_or(keys.len());
    assert!(keys[partial..].iter().all(|k| !k.0), "{keys:?}");
    assert!(keys[..partial].windows(2).all(|w| w[0].1 >= w[1].1), "{keys:?}");
}

#[test]
fn search_finds_situations_in_everyday_words() {
    let v = json(&["search", "double", "charged", "--json", "--limit", "5"]);
    let first = &v.as_array().unwrap()[0];
    assert_eq!(first["kind"], "tag", "{first}");
    assert_eq!(first["id"], "billing-error");
    let o = run(&["search", "double", "charged"]);
    assert!(
        stdout(&o).contains("[situation] Billing error (billing-error)"),
        "{}",
        stdout(&o)
    );
    // A word no card has: the closest matches, under a line that says so.
    let o = run(&["search", "late", "parcel", "zzyzzq"]);
    let text = stdout(&o);
    assert!(text.contains("no card has every word"), "{text}");
    assert!(text.contains("delayed-shipment"), "{text}");
}

#[test]
fn search_json_matches_are_character_positions() {
    let v = json(&["search", "sorry", "--json", "--limit", "10"]);
    let mut seen = 0;
    for h in v.as_array().unwrap() {
        for m in h["matches"].as_array().unwrap() {
            let text: Vec<char> = m["text"].as_str().unwrap().chars().collect();
            for r in m["chars"].as_array().unwrap() {
                let (s, e) = (r[0].as_u64().unwrap() as usize, r[1].as_u64().unwrap() as usize);
                assert!(s < e && e <= text.len(), "{r} in {m}");
                let got: String = text[s..e].iter().collect::<String>().to_lowercase();
                assert!(got.chars().all(char::is_alphabetic), "{got:?} highlighted in {m}");
                seen += usize::from(got == "sorry");
            }
        }
    }
    assert!(seen >= 3, "only {seen} ranges highlight exactly \"sorry\"");
}

#[test]
fn skills_json_lists_all_skills_with_phrases() {
    let v = json(&["skills", "--json"]);
    let a = v.as_array().unwrap();
    assert_eq!(a.len(), 32);
    for s in a {
        assert!(s["phrases"].as_array().unwrap().len() >= 6, "{}", s["id"]);
        assert!(s["analogy"].as_str().is_some_and(|x| !x.is_empty()));
    }
    let o = run(&["skills"]);
    assert!(stdout(&o).contains("empathy"));
}

#[test]
fn show_prints_a_skill_and_rejects_unknown_ids() {
    let o = run(&["show", "empathy"]);
    assert!(o.status.success());
    let t = stdout(&o);
    assert!(
        t.contains("Empathy") && t.contains("Think of it as") && t.contains("instead of"),
        "{t}"
    );
    let v = json(&["show", "patience", "--json"]);
    assert_eq!(v["id"], "patience");
    let o = run(&["show", "empaty"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean \"empathy\""));
}

#[test]
fn check_validates_packs_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.ron");
    std::fs::write(
        &good,
        r#"(phrases: [(id: "team-hi", skill: "empathy", text: "Howdy, {name}. Good to hear from you again.")])"#,
    )
    .unwrap();
    let o = run(&["check", good.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(stdout(&o).starts_with("ok:"));

    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "(phrases: [\n  (id: \"team-x\", skill: \"empaty\", text: \"Hi.\"),\n])",
    )
    .unwrap();
    let o = run(&["check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let want = format!(
        "{}:2:25: unknown skill \"empaty\" (did you mean \"empathy\"?)",
        bad.display()
    );
    assert!(stdout(&o).contains(&want), "{}", stdout(&o));

    // The window and every command still load around a bad pack, with a warning.
    let o = run(&["--pack", bad.to_str().unwrap(), "search", "sorry"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("warning:"));
    let o = run(&["--pack", good.to_str().unwrap(), "search", "howdy", "--json"]);
    assert!(stdout(&o).contains("team-hi"));
}

#[test]
fn tags_recommend_and_suggest() {
    let v = json(&["tags", "--json"]);
    assert!(v.as_array().unwrap().len() >= 33);
    let v = json(&["recommend", "angry", "delayed-shipment", "--json"]);
    let a = v.as_array().unwrap();
    assert!(a.len() >= 3);
    for r in a {
        assert!(r["skill"].is_string() && r["name"].is_string() && r["score"].is_i64());
        assert!(!r["why"].as_array().unwrap().is_empty());
        assert!(!r["phrases"].as_array().unwrap().is_empty());
    }
    let v = json(&["recommend", "company-error", "--json", "--steps"]);
    assert!(!v["steps"].as_array().unwrap().is_empty());
    assert_eq!(v["skills"][0]["skill"], "taking-responsibility");
    let o = run(&["recommend", "angry", "delayed-shipment"]);
    assert!(stdout(&o).contains("Plan:"));
    let o = run(&["recommend", "angyr"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean \"angry\""));

    let v = json(&["suggest-tags", "I'm not angry, just confused by my bill", "--json"]);
    let tags: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["tag"].as_str().unwrap())
        .collect();
    assert!(tags.contains(&"confused") && !tags.contains(&"angry"), "{tags:?}");
    assert!(v[0]["score"].is_u64() && v[0]["cues"].is_array());
}

#[test]
fn bad_usage_is_a_clear_error_not_a_panic() {
    for args in [
        &["frobnicate"][..],
        &["search"],
        &["show"],
        &["recommend"],
        &["search", "x", "--limit", "lots"],
    ] {
        let o = run(args);
        assert!(!o.status.success(), "{args:?} should fail");
        assert!(!o.stderr.is_empty(), "{args:?} should say why");
    }
}

#[test]
fn check_builds_on_other_packs_without_blaming_the_checked_file_for_them() {
    let home = tempfile::tempdir().unwrap();
    let packs = home.path().join("packs");
    std::fs::create_dir(&packs).unwrap();
    let team = packs.join("team.ron");
    std::fs::write(
        &team,
        r#"(tags: [(id: "warranty", label: "Warranty claim", group: "topic", description: "x")])"#,
    )
    .unwrap();
    std::fs::write(packs.join("broken.ron"), "(phrases: [").unwrap();
    let cards = home.path().join("cards.ron");
    std::fs::write(
        &cards,
        r#"(phrases: [(id: "team-w", skill: "product-knowledge", text: "It's under warranty.", situations: ["warranty"])])"#,
    )
    .unwrap();
    let check = |path: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_callside"))
            .args(["check", path.to_str().unwrap()])
            .env("CALLSIDE_HOME", home.path())
            .output()
            .unwrap()
    };
    // A file from the packs folder is read once (no "duplicate id" with itself); the broken
    // neighbour is a note, not a failure of the checked file.
    for path in [&team, &cards] {
        let o = check(path);
        let text = stdout(&o);
        assert!(o.status.success(), "{}: {text}", path.display());
        assert!(!text.contains("duplicate"), "{text}");
        assert!(
            text.contains("note (in another pack, not checked):") && text.contains("broken.ron"),
            "{text}"
        );
    }
    let o = run(&["search", "sorry", "--limit", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--limit must be at least 1"));
}
