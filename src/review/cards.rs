//! Flashcards drawn from the library. Each card's id is derived from the content id it comes
//! from (`instead:<phrase>`, `lead:<tag>`, `analogy:<skill>`, `define:<skill>`), so a rep's
//! progress follows the card through edits of its text, and a card whose content is gone is
//! simply not offered (its history stays in the database).

use crate::coach;
use crate::content::Library;

/// What a card asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CardKind {
    /// A hurtful line → what to say instead.
    InsteadOf,
    /// A situation → which skill leads (from the coach).
    LeadSkill,
    /// An analogy → which skill.
    Analogy,
    /// A definition → which skill.
    Definition,
}

impl CardKind {
    /// The question shown above the prompt.
    pub fn question(self) -> &'static str {
        match self {
            CardKind::InsteadOf => "What would you say instead?",
            CardKind::LeadSkill => "Which skill leads here?",
            CardKind::Analogy => "Which skill is this an image of?",
            CardKind::Definition => "Which skill is this?",
        }
    }
}

/// One flashcard.
#[derive(Debug, Clone, PartialEq)]
pub struct Flashcard {
    /// Stable id, derived from the content id.
    pub id: String,
    /// What it asks.
    pub kind: CardKind,
    /// The front.
    pub prompt: String,
    /// The back: the answer in a few words or one line.
    pub answer: String,
    /// More on the back (the skill, the coach's reason), may be empty.
    pub detail: String,
}

/// Every card the library gives, in a stable order (skills, then phrases, then situations).
pub fn deck(lib: &Library) -> Vec<Flashcard> {
    let mut out = Vec::new();
    for s in &lib.skills {
        out.push(Flashcard {
            id: format!("define:{}", s.id),
            kind: CardKind::Definition,
            prompt: s.definition.clone(),
            answer: s.name.clone(),
            detail: s.in_service.clone(),
        });
        if !s.analogy.is_empty() {
            out.push(Flashcard {
                id: format!("analogy:{}", s.id),
                kind: CardKind::Analogy,
                prompt: s.analogy.clone(),
                answer: s.name.clone(),
                detail: s.definition.clone(),
            });
        }
    }
    for p in &lib.phrases {
        if let Some(instead) = &p.instead_of {
            out.push(Flashcard {
                id: format!("instead:{}", p.id),
                kind: CardKind::InsteadOf,
                prompt: format!("\u{201c}{instead}\u{201d}"),
                answer: format!("\u{201c}{}\u{201d}", p.text),
                detail: lib.skills[p.skill].name.clone(),
            });
        }
    }
    for (t, tag) in lib.tags.iter().enumerate() {
        // Channels are not situations anyone leads with a skill for.
        if tag.channel.is_some() {
            continue;
        }
        let plan = coach::recommend(lib, &[t]);
        let Some(top) = plan.skills.first() else { continue };
        out.push(Flashcard {
            id: format!("lead:{}", tag.id),
            kind: CardKind::LeadSkill,
            prompt: format!("{}: {}", tag.label, tag.description),
            answer: lib.skills[top.skill].name.clone(),
            detail: top.why.first().cloned().unwrap_or_default(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content;

    #[test]
    fn every_kind_is_drawn_and_ids_are_unique() {
        let lib = content::load(&content::builtin::sources()).library;
        let d = deck(&lib);
        for kind in [
            CardKind::InsteadOf,
            CardKind::LeadSkill,
            CardKind::Analogy,
            CardKind::Definition,
        ] {
            assert!(d.iter().any(|c| c.kind == kind), "no {kind:?} cards");
        }
        let ids: std::collections::HashSet<&str> = d.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), d.len());
        let angry = d.iter().find(|c| c.id == "lead:angry").unwrap();
        let plan = coach::recommend(&lib, &[lib.tag_index("angry").unwrap()]);
        assert_eq!(angry.answer, lib.skills[plan.skills[0].skill].name);
        assert!(d.iter().all(|c| !c.prompt.is_empty() && !c.answer.is_empty()));
    }
}
