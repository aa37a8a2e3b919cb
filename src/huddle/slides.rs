//! What a huddle shows for one skill: its sections in order, the cards for "what it sounds
//! like", and the practice round. One place decides, for the window and for `callside today`.

use super::practice::{Round, practice_round};
use crate::content::{Library, placeholder};

/// A section of the presentation, in the order a lead steps through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// What the skill is (and what it looks like in service).
    Definition,
    /// The analogy, set large.
    Analogy,
    /// Two or three phrase cards, one a don't/do pair.
    SoundsLike,
    /// A customer's opening line; the coach's plan on reveal.
    Practice,
}

/// All sections, in presentation order.
pub const SECTIONS: [Section; 4] = [
    Section::Definition,
    Section::Analogy,
    Section::SoundsLike,
    Section::Practice,
];

impl Section {
    /// The heading shown for the section.
    pub fn title(self) -> &'static str {
        match self {
            Section::Definition => "What it is",
            Section::Analogy => "Think of it as",
            Section::SoundsLike => "What it sounds like",
            Section::Practice => "Practice round",
        }
    }
}

/// Cards shown under "what it sounds like".
const CARDS: usize = 3;

/// One skill's huddle.
#[derive(Debug, Clone, PartialEq)]
pub struct Huddle {
    /// Skill index.
    pub skill: usize,
    /// Phrase cards for "what it sounds like": a don't/do pair first when the skill has one.
    pub cards: Vec<usize>,
    /// The practice round (None if the library has no practice lines).
    pub round: Option<Round>,
}

/// The huddle for `skill`; `seed` (usually the date) picks the practice round.
pub fn huddle_for(lib: &Library, skill: usize, seed: &str) -> Huddle {
    let phrases = &lib.skills[skill].phrases;
    // Read aloud, a card with a blank ({name}) stumbles: prefer cards without one.
    let plain = |p: &usize| placeholder::placeholders(&lib.phrases[*p].text).is_empty();
    let pair = phrases
        .iter()
        .copied()
        .filter(|p| lib.phrases[*p].instead_of.is_some())
        .min_by_key(|p| (!plain(p), *p));
    let mut cards: Vec<usize> = pair.into_iter().collect();
    let mut rest: Vec<usize> = phrases.iter().copied().filter(|p| Some(*p) != pair).collect();
    rest.sort_by_key(|p| (!plain(p), lib.phrases[*p].instead_of.is_some(), *p));
    cards.extend(rest.into_iter().take(CARDS - cards.len()));
    Huddle {
        skill,
        cards,
        round: practice_round(lib, Some(skill), &format!("{seed}/{}", lib.skills[skill].id)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content;

    #[test]
    fn every_skill_gets_a_dont_do_pair_first_when_it_has_one() {
        let lib = content::load(&content::builtin::sources()).library;
        for s in 0..lib.skills.len() {
            let h = huddle_for(&lib, s, "2026-11-24");
            assert!(!h.cards.is_empty() && h.cards.len() <= CARDS, "{}", lib.skills[s].id);
            assert!(h.cards.iter().all(|&p| lib.phrases[p].skill == s));
            let has_pair = lib.skills[s]
                .phrases
                .iter()
                .any(|&p| lib.phrases[p].instead_of.is_some());
            assert_eq!(
                lib.phrases[h.cards[0]].instead_of.is_some(),
                has_pair,
                "{}",
                lib.skills[s].id
            );
            assert!(h.round.is_some());
        }
    }
}
