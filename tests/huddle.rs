//! Huddle mode end to end: the built-in practice lines, `callside today` and
//! `callside review --stats` (runs the built binary), team packs that pin and order.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::content::{self, huddle::MIN_LINES_PER_TAG};
use callside::review::{Rating, ReviewStore, Reviewer};
use serde_json::Value;
use std::process::{Command, Output};

fn run_in(home: &std::path::Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_callside"))
        .args(args)
        .env("CALLSIDE_HOME", home)
        .output()
        .expect("binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    out
}

fn run(args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    run_in(home.path(), args)
}

fn text(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(o: &Output) -> Value {
    serde_json::from_str(&text(o)).expect("JSON")
}

#[test]
fn every_situation_has_several_opening_lines() {
    let loaded = content::load(&content::builtin::sources());
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let lib = &loaded.library;
    for (t, tag) in lib.tags.iter().enumerate() {
        let lines: Vec<&str> = lib
            .practice
            .iter()
            .filter(|p| p.tag == t)
            .map(|p| p.text.as_str())
            .collect();
        assert!(
            lines.len() >= MIN_LINES_PER_TAG,
            "{}: {} opening lines, want {MIN_LINES_PER_TAG}+",
            tag.id,
            lines.len()
        );
        for l in lines {
            assert!(
                l.split_whitespace().count() <= 50,
                "{}: too long to read out: {l}",
                tag.id
            );
        }
    }
}

#[test]
fn bad_practice_entries_are_reported_and_the_rest_loads() {
    let mut sources = content::builtin::sources();
    sources.push(content::Source {
        path: "team.ron".into(),
        text: "(\n  practice: [\n    (situation: \"angyr\", lines: [\"Hi.\"]),\n    (situation: \"angry\", lines: [\"\", \"Where is my parcel, honestly?\"]),\n  ],\n)".into(),
    });
    let loaded = content::load(&sources);
    let msgs: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("team.ron:3:17: unknown situation tag \"angyr\"") && m.contains("angry")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("team.ron:4:34:") && m.contains("empty line")),
        "{msgs:?}"
    );
    assert!(
        loaded
            .library
            .practice
            .iter()
            .any(|p| p.text == "Where is my parcel, honestly?")
    );
}

#[test]
fn today_is_the_same_for_everyone_on_a_date_and_changes_the_next_day() {
    let a = json(&run(&["today", "--json", "--date", "2026-11-24"]));
    let b = json(&run(&["today", "--json", "--date", "2026-11-24"]));
    assert_eq!(a, b);
    let next = json(&run(&["today", "--json", "--date", "2026-11-25"]));
    assert_ne!(a["skill"], next["skill"]);
    for field in [
        "date",
        "skill",
        "name",
        "definition",
        "analogy",
        "cards",
        "practice",
        "why",
    ] {
        assert!(!a[field].is_null(), "missing {field}: {a}");
    }
    assert_eq!(a["why"]["kind"], "rotation");
    let cards = a["cards"].as_array().unwrap();
    assert!((2..=3).contains(&cards.len()));
    assert!(!a["practice"]["line"].as_str().unwrap().is_empty());
}

#[test]
fn today_prints_text_and_markdown() {
    let j = json(&run(&["today", "--json", "--date", "2026-11-24"]));
    let name = j["name"].as_str().unwrap();
    let plain = text(&run(&["today", "--date", "2026-11-24"]));
    assert!(
        plain.starts_with(&format!("Skill of the day, Tuesday 24 November 2026: {name}")),
        "{plain}"
    );
    assert!(plain.contains("Practice round"));
    let md = text(&run(&["today", "--markdown", "--date", "2026-11-24"]));
    assert!(
        md.starts_with(&format!("**Skill of the day, Tuesday 24 November 2026: {name}**")),
        "{md}"
    );
    assert!(md.contains(&format!("> {}", j["definition"].as_str().unwrap())));
    let bad = run(&["today", "--date", "24/11/2026"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM-DD"));
}

#[test]
fn a_team_pack_pins_a_skill_and_sets_the_order() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("team.ron");
    std::fs::write(
        &pack,
        r#"(huddle: (order: ["patience", "empathy"], pins: [(date: "2026-12-24", skill: "self-control")]))"#,
    )
    .unwrap();
    let p = pack.to_str().unwrap();
    let pinned = json(&run(&["today", "--json", "--date", "2026-12-24", "--pack", p]));
    assert_eq!(pinned["skill"], "self-control");
    assert_eq!(pinned["why"]["kind"], "pinned");
    let ordered = json(&run(&["today", "--json", "--date", "2026-12-23", "--pack", p]));
    assert_eq!(ordered["why"]["kind"], "team-order");

    std::fs::write(
        &pack,
        "(huddle: (pins: [(date: \"2026-12-24\", skill: \"self-contro\")]))",
    )
    .unwrap();
    let check = run(&["check", p]);
    assert!(!check.status.success());
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(
        out.contains("team.ron:1:46: unknown skill \"self-contro\" (did you mean \"self-control\"?)"),
        "{out}"
    );
}

#[test]
fn review_stats_read_the_user_database() {
    let home = tempfile::tempdir().unwrap();
    let fresh = json(&run_in(home.path(), &["review", "--stats", "--json"]));
    assert_eq!(fresh["reviewed_today"], 0);
    assert!(fresh["due_today"].as_u64().unwrap() > 0);
    assert!(!home.path().join("callside.db").exists(), "stats alone create nothing");

    let lib = content::load(&content::builtin::sources()).library;
    let now = chrono::Local::now().fixed_offset();
    let store = ReviewStore::open(&home.path().join("callside.db")).unwrap();
    let mut r = Reviewer::new(&lib, store, now).unwrap();
    for rating in [Rating::Easy, Rating::Good] {
        let id = r.next_card(now).unwrap().id.clone();
        r.rate(&id, rating, now).unwrap();
    }
    let after = json(&run_in(home.path(), &["review", "--stats", "--json"]));
    assert_eq!(after["reviewed_today"], 2);
    assert_eq!(after["streak_days"], 1);
    assert_eq!(after["cards_seen"], 2);
    assert_eq!(after["reviews_per_day"].as_array().unwrap().len(), 30);
    let plain = text(&run_in(home.path(), &["review", "--stats"]));
    assert!(plain.contains("Streak:         1 day"), "{plain}");
}
