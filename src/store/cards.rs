//! The rep's own cards: create, update, delete (kept for undo), restore. Ids are `mine-` plus a
//! random suffix, always a valid content id.

use super::{Db, Millis, StoreError};
use crate::content::{Channel, Library, placeholder};
use crate::text::{did_you_mean, is_valid_id};
use rusqlite::{OptionalExtension, Row, TransactionBehavior, params};
use std::fmt;

/// Every own card's id starts with this; nothing built in does.
pub const OWN_ID_PREFIX: &str = "mine-";

/// Whether `id` is one of the rep's own cards.
pub fn is_own_id(id: &str) -> bool {
    id.starts_with(OWN_ID_PREFIX)
}

/// A card of the rep's own, as saved.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OwnCard {
    /// Stable id (`mine-…`).
    pub id: String,
    /// What to say; may hold placeholders like `{name}`.
    pub text: String,
    /// The skill id it belongs to.
    pub skill: String,
    /// Situation tag ids it fits.
    pub situations: Vec<String>,
    /// Channel ids it suits; empty means any.
    pub channels: Vec<String>,
    /// The hurtful line this replaces, if any.
    pub instead_of: Option<String>,
    /// When it was created ([`Millis`]).
    pub created: Millis,
    /// When it was last changed.
    pub updated: Millis,
}

impl OwnCard {
    /// The card's content as a draft (to edit it).
    pub fn draft(&self) -> CardDraft {
        CardDraft {
            text: self.text.clone(),
            skill: self.skill.clone(),
            situations: self.situations.clone(),
            channels: self.channels.clone(),
            instead_of: self.instead_of.clone(),
        }
    }
}

/// What the card form holds: a new card, or new content for an existing one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardDraft {
    /// What to say.
    pub text: String,
    /// Skill id.
    pub skill: String,
    /// Situation tag ids.
    pub situations: Vec<String>,
    /// Channel ids (`phone`, `chat`, `email`…); empty means any.
    pub channels: Vec<String>,
    /// The line it replaces; blank means none.
    pub instead_of: Option<String>,
}

/// A field of the card form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DraftField {
    /// The text.
    Text,
    /// The skill.
    Skill,
    /// The situations.
    Situations,
    /// The channels.
    Channels,
    /// The "instead of" line.
    InsteadOf,
}

/// What is wrong with one field of a draft, in words for the rep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftProblem {
    /// The field.
    pub field: DraftField,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for DraftProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = match self.field {
            DraftField::Text => "text",
            DraftField::Skill => "skill",
            DraftField::Situations => "situations",
            DraftField::Channels => "channels",
            DraftField::InsteadOf => "instead of",
        };
        write!(f, "{field}: {}", self.message)
    }
}

impl CardDraft {
    /// A draft starting from a library card's wording ("Save as my card"); `None` if no card has
    /// this id.
    pub fn from_card(lib: &Library, id: &str) -> Option<CardDraft> {
        let p = &lib.phrases[lib.phrase_index(id)?];
        Some(CardDraft {
            text: p.text.clone(),
            skill: lib.skills[p.skill].id.clone(),
            situations: p.situations.iter().map(|&t| lib.tags[t].id.clone()).collect(),
            channels: p.channels.iter().map(|c| c.id().to_string()).collect(),
            instead_of: p.instead_of.clone(),
        })
    }

    /// The draft as it will be saved: text trimmed, a blank "instead of" dropped, repeats removed.
    pub fn normalized(&self) -> CardDraft {
        let list = |v: &[String]| {
            let mut out: Vec<String> = Vec::new();
            for s in v.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
                if !out.iter().any(|o| o == s) {
                    out.push(s.to_string());
                }
            }
            out
        };
        CardDraft {
            text: self.text.trim().to_string(),
            skill: self.skill.trim().to_string(),
            situations: list(&self.situations),
            channels: list(&self.channels),
            instead_of: self
                .instead_of
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        }
    }

    /// Everything wrong with the draft. Placeholders are checked exactly as in packs. With a
    /// library, the skill and situations must also exist in it (else they are only checked for
    /// form). Empty means it can be saved.
    pub fn problems(&self, lib: Option<&Library>) -> Vec<DraftProblem> {
        let d = self.normalized();
        let mut out = Vec::new();
        let mut bad = |field, message: String| out.push(DraftProblem { field, message });
        if d.text.is_empty() {
            bad(DraftField::Text, "write what to say".into());
        } else if let Some(msg) = placeholder::check(&d.text) {
            bad(DraftField::Text, msg.to_string());
        }
        if d.skill.is_empty() {
            bad(DraftField::Skill, "pick the skill this card belongs to".into());
        } else if !is_valid_id(&d.skill) {
            bad(DraftField::Skill, format!("\"{}\" is not a skill id", d.skill));
        } else if let Some(lib) = lib
            && lib.skill(&d.skill).is_none()
        {
            let hint = did_you_mean(&d.skill, lib.skills.iter().map(|s| s.id.as_str()));
            bad(DraftField::Skill, format!("unknown skill \"{}\"{hint}", d.skill));
        }
        for t in &d.situations {
            let known = lib.is_none_or(|lib| lib.tag_index(t).is_some());
            if !is_valid_id(t) || !known {
                let hint = lib
                    .map(|lib| did_you_mean(t, lib.tags.iter().map(|t| t.id.as_str())))
                    .unwrap_or_default();
                bad(DraftField::Situations, format!("unknown situation \"{t}\"{hint}"));
            }
        }
        for c in &d.channels {
            if Channel::from_id(c).is_none() {
                let hint = did_you_mean(c, Channel::ALL.iter().map(|c| c.id()));
                bad(DraftField::Channels, format!("unknown channel \"{c}\"{hint}"));
            }
        }
        if let Some(i) = &d.instead_of
            && (i.contains('{') || i.contains('}'))
            && let Some(msg) = placeholder::check(i)
        {
            bad(DraftField::InsteadOf, msg.to_string());
        }
        out
    }
}

/// A fresh random own-card id (`mine-` and ten base-36 characters).
fn new_id(now: Millis) -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_i64(now);
    h.write_u32(std::process::id());
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let mut n = h.finish();
    let mut suffix = String::with_capacity(10);
    for _ in 0..10 {
        suffix.push(char::from_digit((n % 36) as u32, 36).unwrap_or('0'));
        n /= 36;
    }
    format!("{OWN_ID_PREFIX}{suffix}")
}

fn card_from_row(r: &Row<'_>) -> rusqlite::Result<OwnCard> {
    let list = |i: usize| -> rusqlite::Result<Vec<String>> {
        Ok(serde_json::from_str(&r.get::<_, String>(i)?).unwrap_or_default())
    };
    Ok(OwnCard {
        id: r.get(0)?,
        text: r.get(1)?,
        skill: r.get(2)?,
        situations: list(3)?,
        channels: list(4)?,
        instead_of: r.get(5)?,
        created: r.get(6)?,
        updated: r.get(7)?,
    })
}

const CARD_COLUMNS: &str = "id, text, skill, situations, channels, instead_of, created, updated";

/// A list of ids or words as the JSON text stored in a column (a list of strings always
/// serializes; the fallback is the empty list).
pub(crate) fn json(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".to_string())
}

impl Db {
    /// The rep's cards (not deleted), oldest first.
    pub fn own_cards(&self) -> Result<Vec<OwnCard>, StoreError> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {CARD_COLUMNS} FROM own_cards WHERE deleted IS NULL ORDER BY created, id"
        ))?;
        let rows = st.query_map([], card_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One own card by id (`None` if unknown or deleted).
    pub fn own_card(&self, id: &str) -> Result<Option<OwnCard>, StoreError> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {CARD_COLUMNS} FROM own_cards WHERE id = ?1 AND deleted IS NULL"
        ))?;
        Ok(st.query_row([id], card_from_row).optional()?)
    }

    /// Saves a new card from `draft` (normalized; structural problems refuse it — check
    /// [`CardDraft::problems`] with the library first to catch unknown skills and tags).
    pub fn create_card(&mut self, draft: &CardDraft, now: Millis) -> Result<OwnCard, StoreError> {
        let problems = draft.problems(None);
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let d = draft.normalized();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = loop {
            let id = new_id(now);
            let taken = tx
                .prepare_cached("SELECT 1 FROM own_cards WHERE id = ?1")?
                .exists([&id])?;
            if !taken {
                break id;
            }
        };
        tx.execute(
            "INSERT INTO own_cards (id, text, skill, situations, channels, instead_of, created, updated)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                id,
                d.text,
                d.skill,
                json(&d.situations),
                json(&d.channels),
                d.instead_of,
                now
            ],
        )?;
        tx.commit()?;
        Ok(OwnCard {
            id,
            text: d.text,
            skill: d.skill,
            situations: d.situations,
            channels: d.channels,
            instead_of: d.instead_of,
            created: now,
            updated: now,
        })
    }

    /// Replaces the content of own card `id` with `draft`.
    pub fn update_card(&mut self, id: &str, draft: &CardDraft, now: Millis) -> Result<OwnCard, StoreError> {
        let problems = draft.problems(None);
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let d = draft.normalized();
        let changed = self.conn.execute(
            "UPDATE own_cards SET text = ?2, skill = ?3, situations = ?4, channels = ?5, instead_of = ?6, updated = ?7
             WHERE id = ?1 AND deleted IS NULL",
            params![
                id,
                d.text,
                d.skill,
                json(&d.situations),
                json(&d.channels),
                d.instead_of,
                now
            ],
        )?;
        if changed == 0 {
            return Err(StoreError::NoSuchCard(id.to_string()));
        }
        self.own_card(id)?.ok_or_else(|| StoreError::NoSuchCard(id.to_string()))
    }

    /// Deletes own card `id`, keeping it restorable by [`Db::restore_card`] (undo); returns the
    /// card as it was.
    pub fn delete_card(&mut self, id: &str, now: Millis) -> Result<OwnCard, StoreError> {
        let card = self
            .own_card(id)?
            .ok_or_else(|| StoreError::NoSuchCard(id.to_string()))?;
        let changed = self.conn.execute(
            "UPDATE own_cards SET deleted = ?2 WHERE id = ?1 AND deleted IS NULL",
            params![id, now],
        )?;
        if changed == 0 {
            return Err(StoreError::NoSuchCard(id.to_string()));
        }
        Ok(card)
    }

    /// Undoes [`Db::delete_card`]: the card is back with its id, text and times.
    pub fn restore_card(&mut self, id: &str) -> Result<OwnCard, StoreError> {
        self.conn.execute(
            "UPDATE own_cards SET deleted = NULL WHERE id = ?1 AND deleted IS NOT NULL",
            [id],
        )?;
        self.own_card(id)?.ok_or_else(|| StoreError::NoSuchCard(id.to_string()))
    }

    /// Forgets for good the cards deleted before `before`; returns how many.
    pub fn purge_deleted_cards(&mut self, before: Millis) -> Result<usize, StoreError> {
        Ok(self.conn.execute(
            "DELETE FROM own_cards WHERE deleted IS NOT NULL AND deleted < ?1",
            [before],
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content;

    fn draft(text: &str) -> CardDraft {
        CardDraft {
            text: text.into(),
            skill: "empathy".into(),
            situations: vec!["angry".into()],
            channels: vec!["chat".into()],
            instead_of: None,
        }
    }

    #[test]
    fn ids_are_valid_prefixed_and_distinct() {
        let ids: std::collections::HashSet<String> = (0..1000).map(|_| new_id(5)).collect();
        assert_eq!(ids.len(), 1000);
        assert!(ids.iter().all(|id| is_own_id(id) && is_valid_id(id)));
        let lib = content::load(&content::builtin::sources()).library;
        assert!(lib.phrases.iter().all(|p| !is_own_id(&p.id)));
        assert!(lib.skills.iter().all(|s| !is_own_id(&s.id)));
    }

    #[test]
    fn create_update_delete_restore() {
        let mut db = Db::open_in_memory().unwrap();
        let a = db.create_card(&draft("  I hear you, {name}.  "), 10).unwrap();
        assert_eq!(a.text, "I hear you, {name}.");
        let b = db.create_card(&draft("Second"), 20).unwrap();
        assert_ne!(a.id, b.id);
        assert_eq!(db.own_cards().unwrap(), [a.clone(), b.clone()]);

        let mut d = a.draft();
        d.text = "Changed".into();
        d.instead_of = Some("  ".into());
        let a2 = db.update_card(&a.id, &d, 30).unwrap();
        assert_eq!((a2.text.as_str(), a2.created, a2.updated), ("Changed", 10, 30));
        assert_eq!(a2.instead_of, None);

        let gone = db.delete_card(&a.id, 40).unwrap();
        assert_eq!(gone, a2);
        assert_eq!(db.own_cards().unwrap(), std::slice::from_ref(&b));
        assert!(matches!(db.update_card(&a.id, &d, 50), Err(StoreError::NoSuchCard(_))));
        assert!(matches!(db.delete_card(&a.id, 50), Err(StoreError::NoSuchCard(_))));
        assert_eq!(db.restore_card(&a.id).unwrap(), a2);
        assert_eq!(db.own_cards().unwrap(), [a2.clone(), b.clone()]);

        db.delete_card(&b.id, 60).unwrap();
        assert_eq!(db.purge_deleted_cards(61).unwrap(), 1);
        assert!(db.restore_card(&b.id).is_err());
    }

    #[test]
    fn bad_drafts_are_refused_with_the_field() {
        let mut db = Db::open_in_memory().unwrap();
        let lib = content::load(&content::builtin::sources()).library;
        let mut d = draft("Hi {name");
        d.skill = "empaty".into();
        d.situations.push("angy".into());
        d.channels.push("fax".into());
        let fields: Vec<DraftField> = d.problems(Some(&lib)).iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                DraftField::Text,
                DraftField::Skill,
                DraftField::Situations,
                DraftField::Channels
            ]
        );
        let skill = d
            .problems(Some(&lib))
            .into_iter()
            .find(|p| p.field == DraftField::Skill)
            .unwrap();
        assert!(skill.message.contains("empathy"), "{skill}");
        // Without a library only the form is checked: the text and the channel.
        assert_eq!(d.problems(None).len(), 2);
        assert!(matches!(db.create_card(&d, 1), Err(StoreError::Invalid(p)) if p.len() == 2));
        assert!(db.create_card(&draft("   "), 1).is_err());
        assert!(db.own_cards().unwrap().is_empty());
        assert!(draft("Fine {order}").problems(Some(&lib)).is_empty());
    }

    #[test]
    fn save_as_my_card_starts_from_the_wording() {
        let lib = content::load(&content::builtin::sources()).library;
        let p = lib.phrases.iter().find(|p| !p.situations.is_empty()).unwrap();
        let d = CardDraft::from_card(&lib, &p.id).unwrap();
        assert_eq!(d.text, p.text);
        assert_eq!(d.skill, lib.skills[p.skill].id);
        assert_eq!(d.situations.len(), p.situations.len());
        assert!(d.problems(Some(&lib)).is_empty());
        assert!(CardDraft::from_card(&lib, "no-such-card").is_none());
    }
}
