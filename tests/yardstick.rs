//! Our own yardsticks, written blind before tuning (tests/corpus/): rep queries with their
//! acceptable answers, and customer messages with the exact tags a person would pick.
//! Prints search hit@1 / hit@3 and tag-suggestion precision / recall per tag and overall, for
//! the main sets (used for tuning; floors enforced) and the held-out sets (never used for
//! tuning; reported separately). Run with `--nocapture` to see the tables.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::coach::suggest_tags;
use callside::content::{self, Library};
use callside::search::{DocRef, Hit, Index};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};

/// Floors from the issue: search hit@3, suggestion micro-precision and micro-recall.
const FLOOR_HIT3: f64 = 0.95;
const FLOOR_PRECISION: f64 = 0.90;
const FLOOR_RECALL: f64 = 0.85;
/// Held-out levels last measured (README): a change must not push them lower.
const HELD_OUT_HIT3: f64 = 0.85;
const HELD_OUT_PRECISION: f64 = 0.65;
const HELD_OUT_RECALL: f64 = 0.40;

#[derive(Deserialize)]
struct Query {
    query: String,
    accept: Vec<String>,
}

#[derive(Deserialize)]
struct Message {
    text: String,
    tags: Vec<String>,
}

fn read<T: for<'de> Deserialize<'de>>(name: &str) -> Vec<T> {
    let path = format!("{}/tests/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    ron::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn library() -> Library {
    let loaded = content::load(&content::builtin::sources());
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.library
}

/// Ids a corpus names that the library does not have (reported, and left out of the scores).
fn unknown_ids<'a>(lib: &Library, ids: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut out: Vec<String> = ids
        .filter(|id| lib.skill_index(id).is_none() && lib.tag_index(id).is_none())
        .cloned()
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A hit is acceptable if it is an accepted skill or tag, or a card of an accepted skill or
/// written for an accepted tag.
fn acceptable(lib: &Library, hit: &Hit, accept: &HashSet<&str>) -> bool {
    match hit.target {
        DocRef::Skill(s) => accept.contains(lib.skills[s].id.as_str()),
        DocRef::Tag(t) => accept.contains(lib.tags[t].id.as_str()),
        DocRef::Phrase(p) => {
            let ph = &lib.phrases[p];
            accept.contains(lib.skills[ph.skill].id.as_str())
                || ph.situations.iter().any(|&t| accept.contains(lib.tags[t].id.as_str()))
        }
    }
}

fn describe(lib: &Library, hit: &Hit) -> String {
    match hit.target {
        DocRef::Skill(s) => format!("skill {}", lib.skills[s].id),
        DocRef::Tag(t) => format!("tag {}", lib.tags[t].id),
        DocRef::Phrase(p) => format!("card {} ({})", lib.phrases[p].id, lib.skills[lib.phrases[p].skill].id),
    }
}

struct SearchScore {
    n: usize,
    hit1: usize,
    hit3: usize,
    failures: Vec<String>,
}

fn score_search(lib: &Library, index: &Index, queries: &[Query]) -> SearchScore {
    let mut s = SearchScore {
        n: 0,
        hit1: 0,
        hit3: 0,
        failures: Vec::new(),
    };
    for q in queries {
        let accept: HashSet<&str> = q
            .accept
            .iter()
            .map(String::as_str)
            .filter(|id| lib.skill_index(id).is_some() || lib.tag_index(id).is_some())
            .collect();
        if accept.is_empty() {
            continue;
        }
        s.n += 1;
        let hits = index.search(&q.query, 3);
        let ok: Vec<bool> = hits.iter().map(|h| acceptable(lib, h, &accept)).collect();
        if ok.first() == Some(&true) {
            s.hit1 += 1;
        }
        if ok.iter().any(|&b| b) {
            s.hit3 += 1;
        } else {
            let got: Vec<String> = hits.iter().map(|h| describe(lib, h)).collect();
            s.failures
                .push(format!("{:?}: want {:?}, got {:?}", q.query, q.accept, got));
        }
    }
    s
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

struct SuggestScore {
    per_tag: BTreeMap<String, Counts>,
    total: Counts,
    messages: usize,
    exact: usize,
    failures: Vec<String>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn score_suggest(lib: &Library, messages: &[Message]) -> SuggestScore {
    let mut s = SuggestScore {
        per_tag: BTreeMap::new(),
        total: Counts::default(),
        messages: 0,
        exact: 0,
        failures: Vec::new(),
    };
    for m in messages {
        let want: HashSet<&str> = m
            .tags
            .iter()
            .map(String::as_str)
            .filter(|id| lib.tag_index(id).is_some())
            .collect();
        let suggested = suggest_tags(lib, &m.text);
        let got: HashSet<&str> = suggested.iter().map(|sg| lib.tags[sg.tag].id.as_str()).collect();
        s.messages += 1;
        if want == got {
            s.exact += 1;
        }
        for &t in want.union(&got) {
            let c = s.per_tag.entry(t.to_string()).or_default();
            match (want.contains(t), got.contains(t)) {
                (true, true) => {
                    c.tp += 1;
                    s.total.tp += 1;
                }
                (false, true) => {
                    c.fp += 1;
                    s.total.fp += 1;
                }
                _ => {
                    c.fn_ += 1;
                    s.total.fn_ += 1;
                }
            }
        }
        if want != got {
            let mut missed: Vec<&str> = want.difference(&got).copied().collect();
            let mut extra: Vec<String> = suggested
                .iter()
                .filter(|sg| !want.contains(lib.tags[sg.tag].id.as_str()))
                .map(|sg| format!("{} (from {})", lib.tags[sg.tag].id, sg.cues.join(", ")))
                .collect();
            missed.sort();
            extra.sort();
            s.failures
                .push(format!("{:?}: missed {missed:?}, extra {extra:?}", m.text));
        }
    }
    s
}

fn print_search(name: &str, s: &SearchScore) {
    println!(
        "search ({name}): {} queries, hit@1 {:.1}%, hit@3 {:.1}%",
        s.n,
        100.0 * ratio(s.hit1, s.n),
        100.0 * ratio(s.hit3, s.n)
    );
}

fn print_suggest(name: &str, s: &SuggestScore, per_tag: bool) {
    let t = &s.total;
    println!(
        "tag suggestion ({name}): {} messages ({} exactly right), micro-precision {:.3}, micro-recall {:.3}",
        s.messages,
        s.exact,
        ratio(t.tp, t.tp + t.fp),
        ratio(t.tp, t.tp + t.fn_)
    );
    if per_tag {
        println!("| tag | right | wrong | missed | precision | recall |");
        println!("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (tag, c) in &s.per_tag {
            println!(
                "| {tag} | {} | {} | {} | {:.2} | {:.2} |",
                c.tp,
                c.fp,
                c.fn_,
                ratio(c.tp, c.tp + c.fp),
                ratio(c.tp, c.tp + c.fn_)
            );
        }
    }
}

fn main_corpora() -> (Vec<Query>, Vec<Message>) {
    let queries: Vec<Query> = read("search_queries.ron");
    let messages: Vec<Message> = read("messages.ron");
    assert!(queries.len() >= 150 && messages.len() >= 200, "corpora too small");
    (queries, messages)
}

fn note_unknown<'a>(lib: &Library, queries: &'a [Query], messages: &'a [Message]) {
    let unknown = unknown_ids(
        lib,
        queries
            .iter()
            .flat_map(|q| &q.accept)
            .chain(messages.iter().flat_map(|m| &m.tags)),
    );
    if !unknown.is_empty() {
        println!("note: the corpora name ids this library lacks (left out of the scores): {unknown:?}");
    }
}

/// Scores the main sets and prints their tables (with every miss); returns (hit@3,
/// micro-precision, micro-recall). The main messages are also scored as two interleaved halves:
/// a change tuned on the misses of one half should lift the other half too (a check on
/// over-fitting before the held-out sets are consulted).
fn measure_main() -> (f64, f64, f64) {
    let lib = library();
    let index = Index::new(&lib);
    let (queries, messages) = main_corpora();
    note_unknown(&lib, &queries, &messages);
    let main_search = score_search(&lib, &index, &queries);
    let main_suggest = score_suggest(&lib, &messages);

    println!("\n== main sets (used for tuning) ==");
    print_search("main", &main_search);
    for f in &main_search.failures {
        println!("  search miss: {f}");
    }
    print_suggest("main", &main_suggest, true);
    for f in &main_suggest.failures {
        println!("  suggestion off: {f}");
    }
    for (name, parity) in [("main, even lines", 0), ("main, odd lines", 1)] {
        let half: Vec<Message> = messages
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == parity)
            .map(|(_, m)| Message {
                text: m.text.clone(),
                tags: m.tags.clone(),
            })
            .collect();
        print_suggest(name, &score_suggest(&lib, &half), false);
    }

    let hit3 = ratio(main_search.hit3, main_search.n);
    let t = &main_suggest.total;
    (hit3, ratio(t.tp, t.tp + t.fp), ratio(t.tp, t.tp + t.fn_))
}

/// Scores the held-out sets and prints aggregate numbers only, so they never steer tuning;
/// returns (hit@3, micro-precision, micro-recall).
fn measure_held_out() -> (f64, f64, f64) {
    let lib = library();
    let index = Index::new(&lib);
    let queries: Vec<Query> = read("holdout_queries.ron");
    let messages: Vec<Message> = read("holdout_messages.ron");
    assert!(!queries.is_empty() && !messages.is_empty(), "held-out corpora empty");
    note_unknown(&lib, &queries, &messages);
    let search = score_search(&lib, &index, &queries);
    let suggest = score_suggest(&lib, &messages);
    println!("\n== held-out sets (never used for tuning) ==");
    print_search("held out", &search);
    print_suggest("held out", &suggest, false);
    let t = &suggest.total;
    (
        ratio(search.hit3, search.n),
        ratio(t.tp, t.tp + t.fp),
        ratio(t.tp, t.tp + t.fn_),
    )
}

#[test]
fn search_meets_its_floor_and_suggestion_meets_the_issue_floors() {
    let (hit3, p, r) = measure_main();
    assert!(hit3 >= FLOOR_HIT3, "search hit@3 {hit3:.3} below {FLOOR_HIT3}");
    assert!(
        p >= FLOOR_PRECISION,
        "suggestion micro-precision {p:.3} below {FLOOR_PRECISION}"
    );
    assert!(r >= FLOOR_RECALL, "suggestion micro-recall {r:.3} below {FLOOR_RECALL}");
}

/// The held-out sets, never tuned on: numbers only. Guarded at the level last measured so a
/// change that over-fits the main sets shows here.
#[test]
fn held_out_sets_do_not_slip() {
    let (hit3, p, r) = measure_held_out();
    assert!(
        hit3 >= HELD_OUT_HIT3,
        "held-out search hit@3 {hit3:.3} below {HELD_OUT_HIT3}"
    );
    assert!(
        p >= HELD_OUT_PRECISION,
        "held-out suggestion micro-precision {p:.3} below {HELD_OUT_PRECISION}"
    );
    assert!(
        r >= HELD_OUT_RECALL,
        "held-out suggestion micro-recall {r:.3} below {HELD_OUT_RECALL}"
    );
}
