//! A generated pack with thousands of skills, for the tests and benchmarks that check the window
//! stays light with a very large library (shared by tests/ui_big.rs and benches/frame.rs).

use std::fmt::Write;

/// Pack text with `skills` skills spread over `groups` groups; with `cards`, one phrase card
/// per skill ("Card N: …", phase `solve`).
pub fn big_library_ron(groups: usize, skills: usize, cards: bool) -> String {
    let mut ron = String::from("(groups: [");
    for g in 0..groups {
        let _ = write!(ron, r#"(id: "g{g}", name: "Group {g}", blurb: "About group {g}."),"#);
    }
    ron.push_str("], skills: [");
    for s in 0..skills {
        let g = s * groups / skills;
        let _ = write!(
            ron,
            r#"(id: "s{s}", name: "Skill number {s}", group: "g{g}", definition: "What skill {s} is.", in_service: "How it sounds.", analogy: "Like item {s}."),"#
        );
    }
    ron.push_str("], phrases: [");
    if cards {
        for s in 0..skills {
            let _ = write!(
                ron,
                r#"(id: "p{s}", skill: "s{s}", text: "Card {s}: let me look into that for you.", phase: "solve"),"#
            );
        }
    }
    ron.push_str("])");
    ron
}
