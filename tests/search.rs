//! Search ranking on the real library and on small made-up libraries.

use callside::content::{self, Library, Source};
use callside::search::{DocRef, FieldKind, Index};

fn builtin() -> Library {
    content::load(&content::builtin::sources()).library
}

fn top_skills(lib: &Library, index: &Index, q: &str, n: usize) -> Vec<String> {
    index
        .search(q, 50)
        .into_iter()
        .filter_map(|h| match h.target {
            DocRef::Skill(s) => Some(lib.skills[s].id.clone()),
            DocRef::Phrase(_) => None,
        })
        .take(n)
        .collect()
}

/// The highlighted pieces of the first phrase card's text in the best hit for `query`.
fn highlighted<'a>(lib: &'a Library, index: &Index, query: &str) -> Vec<&'a str> {
    let hit = &index.search(query, 1)[0];
    let text = &lib.phrases[0].text;
    hit.ranges(FieldKind::PhraseText)
        .iter()
        .map(|r| &text[r.clone()])
        .collect()
}

#[test]
fn typos_still_find_the_skill_in_the_top_three() {
    let lib = builtin();
    let index = Index::new(&lib);
    for (typo, want) in [
        ("emapthy", "empathy"),
        ("paitence", "patience"),
        ("lisening", "active-listening"),
        ("profesionalism", "professionalism"),
        ("humour", "humor"),
    ] {
        let top = top_skills(&lib, &index, typo, 3);
        assert!(top.iter().any(|s| s == want), "{typo}: got {top:?}");
    }
}

#[test]
fn a_skill_name_beats_a_word_buried_in_a_phrase() {
    let lib = builtin();
    let index = Index::new(&lib);
    for (q, want) in [
        ("empathy", "empathy"),
        ("patience", "patience"),
        ("humor", "humor"),
        ("teamwork", "teamwork"),
    ] {
        let hits = index.search(q, 10);
        assert_eq!(
            hits.first().map(|h| h.target),
            Some(DocRef::Skill(lib.skill_index(want).unwrap())),
            "{q}"
        );
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score), "sorted best first");
    }
}

#[test]
fn prefixes_find_what_is_being_typed() {
    let lib = builtin();
    let index = Index::new(&lib);
    assert_eq!(top_skills(&lib, &index, "pati", 1), ["patience"]);
    assert_eq!(top_skills(&lib, &index, "conflict res", 1), ["conflict-resolution"]);
}

#[test]
fn sorry_finds_phrases_that_say_sorry_with_highlights() {
    let lib = builtin();
    let index = Index::new(&lib);
    let hits = index.search("sorry", 20);
    let phrases: Vec<_> = hits.iter().filter(|h| matches!(h.target, DocRef::Phrase(_))).collect();
    assert!(phrases.len() >= 3, "only {} phrases", phrases.len());
    for h in phrases.iter().take(3) {
        let r = h.ranges(FieldKind::PhraseText);
        assert!(!r.is_empty(), "top phrase hits match in the phrase text itself");
        let DocRef::Phrase(p) = h.target else { unreachable!() };
        let text = &lib.phrases[p].text;
        assert!(text[r[0].clone()].eq_ignore_ascii_case("sorry"), "{text}");
    }
}

/// A library of one skill and the given phrase texts.
fn tiny(phrases: &[&str]) -> Library {
    let mut ron = String::from(
        "(groups: [(id: \"g\", name: \"G\")], skills: [(id: \"care\", name: \"Care\", group: \"g\", definition: \"Caring.\")], phrases: [",
    );
    for (i, p) in phrases.iter().enumerate() {
        ron.push_str(&format!("(id: \"p{i}\", skill: \"care\", text: \"{p}\"),"));
    }
    ron.push_str("])");
    let l = content::load(&[Source {
        path: "t.ron".into(),
        text: ron,
    }]);
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    l.library
}

fn phrase_ids(lib: &Library, index: &Index, q: &str) -> Vec<String> {
    index
        .search(q, 10)
        .into_iter()
        .filter_map(|h| match h.target {
            DocRef::Phrase(p) => Some(lib.phrases[p].id.clone()),
            DocRef::Skill(_) => None,
        })
        .collect()
}

#[test]
fn words_match_in_any_order_and_all_must_match() {
    let lib = tiny(&[
        "Sorry about the late shipment.",
        "The shipment is on its way.",
        "Late fees are waived.",
    ]);
    let index = Index::new(&lib);
    assert_eq!(phrase_ids(&lib, &index, "shipment late"), ["p0"]);
    assert_eq!(phrase_ids(&lib, &index, "late shipment"), ["p0"]);
    assert_eq!(highlighted(&lib, &index, "shipment late"), ["late", "shipment"]);
}

#[test]
fn exact_beats_prefix_beats_typo_beats_scattered() {
    let lib = tiny(&[
        "We will refund it.",
        "Your refunds are ready.",
        "A refnud is coming.",
        "Read each form under review.",
    ]);
    let index = Index::new(&lib);
    // Half-typed: whole word, then longer word, then the misspelt one.
    let order = phrase_ids(&lib, &index, "refun");
    assert_eq!(&order[..3], ["p0", "p1", "p2"], "{order:?}");
    // A whole word of the library was typed on purpose: exact first, no typo look-alikes.
    let order = phrase_ids(&lib, &index, "refund");
    assert_eq!(order, ["p0", "p1"], "{order:?}");
}

#[test]
fn a_real_word_does_not_pull_in_its_look_alikes() {
    let lib = builtin();
    let index = Index::new(&lib);
    for h in index.search("sorry", 60) {
        for m in &h.matches {
            for r in &m.ranges {
                let w = m.text[r.clone()].to_lowercase();
                assert!("sorry".starts_with(&w), "\"sorry\" highlighted {w:?} in {:?}", m.text);
            }
        }
    }
}

#[test]
fn prefix_highlight_covers_only_what_was_typed_and_accents_fold() {
    let lib = tiny(&["Café receipts are here."]);
    let index = Index::new(&lib);
    assert_eq!(highlighted(&lib, &index, "cafe rec"), ["Café", "rec"]);
}

#[test]
fn empty_and_hopeless_queries_find_nothing() {
    let lib = builtin();
    let index = Index::new(&lib);
    assert!(index.search("", 10).is_empty());
    assert!(index.search("   ", 10).is_empty());
    assert!(index.search("qqqqzzzz", 10).is_empty());
    assert!(index.search("sorry", 0).is_empty());
}
