//! The rep's own cards as a content pack, in the exact format the loader reads
//! (`phrases: [(id, skill, text, instead_of, situations, channels)]`, see `content::raw`).

use super::cards::{OWN_ID_PREFIX, OwnCard};
use crate::content::Source;
use serde::Serialize;

/// The source name own cards are loaded under (problems read `mine:LINE:COL`).
pub const MINE_SOURCE: &str = "mine";

/// Exported cards get this prefix instead of `mine-`, so a rep whose export lands in the team
/// folder never sees their own card and its team copy collide.
pub const SHARED_ID_PREFIX: &str = "shared-";

#[derive(Serialize)]
struct PackOut<'a> {
    phrases: Vec<PhraseOut<'a>>,
}

#[derive(Serialize)]
struct PhraseOut<'a> {
    id: String,
    skill: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    instead_of: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    situations: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    channels: &'a [String],
}

fn render(cards: &[OwnCard], header: &str, id: impl Fn(&str) -> String) -> String {
    let pack = PackOut {
        phrases: cards
            .iter()
            .map(|c| PhraseOut {
                id: id(&c.id),
                skill: &c.skill,
                text: &c.text,
                instead_of: c.instead_of.as_deref().unwrap_or_default(),
                situations: &c.situations,
                channels: &c.channels,
            })
            .collect(),
    };
    let body = ron::ser::to_string_pretty(&pack, ron::ser::PrettyConfig::default().indentor("  "))
        .expect("plain strings and lists serialize");
    format!("{header}{body}\n")
}

/// The own cards as pack text with their own ids, for the app to load as [`MINE_SOURCE`].
pub fn own_pack_text(cards: &[OwnCard]) -> String {
    render(
        cards,
        "// Your own cards (kept in callside.db; this text is made from them).\n",
        str::to_string,
    )
}

/// The own cards as a [`Source`] named [`MINE_SOURCE`], to load after the built-in and team packs.
pub fn own_pack_source(cards: &[OwnCard]) -> Source {
    Source {
        path: MINE_SOURCE.to_string(),
        text: own_pack_text(cards),
    }
}

/// The own cards as a pack for a team lead to check and drop into the team folder: ids become
/// `shared-…` so they never collide with the author's own `mine-…` cards.
pub fn export_pack_text(cards: &[OwnCard]) -> String {
    render(
        cards,
        "// Phrase cards written by a rep in Callside (`callside export --mine`).\n\
         // Check with `callside check FILE`, then put it in the team's packs folder.\n",
        |id| format!("{SHARED_ID_PREFIX}{}", id.strip_prefix(OWN_ID_PREFIX).unwrap_or(id)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content;

    fn card(id: &str, text: &str, instead_of: Option<&str>) -> OwnCard {
        OwnCard {
            id: id.into(),
            text: text.into(),
            skill: "empathy".into(),
            situations: vec!["angry".into(), "delayed-shipment".into()],
            channels: vec!["chat".into()],
            instead_of: instead_of.map(str::to_string),
            created: 1,
            updated: 1,
        }
    }

    #[test]
    fn own_pack_loads_through_the_real_loader() {
        let cards = [
            card(
                "mine-abc",
                "I hear you, {name} — \"late\" is not OK.\nLet me look.",
                None,
            ),
            card("mine-def", "Let me find out.", Some("Not my problem.")),
        ];
        let mut sources = content::builtin::sources();
        sources.push(own_pack_source(&cards));
        let loaded = content::load(&sources);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        for c in &cards {
            let p = &loaded.library.phrases[loaded.library.phrase_index(&c.id).unwrap()];
            assert_eq!(p.text, c.text);
            assert_eq!(p.instead_of, c.instead_of);
            assert_eq!(loaded.library.skills[p.skill].id, "empathy");
            assert_eq!(p.situations.len(), 2);
            assert_eq!(p.channels, [content::Channel::Chat]);
        }
    }

    #[test]
    fn export_renames_ids_and_loads_beside_the_own_cards() {
        let cards = [card("mine-abc", "Thanks for waiting.", None)];
        let text = export_pack_text(&cards);
        assert!(text.contains("\"shared-abc\""), "{text}");
        let mut sources = content::builtin::sources();
        sources.push(Source {
            path: "team/export.ron".into(),
            text,
        });
        sources.push(own_pack_source(&cards));
        let loaded = content::load(&sources);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert!(loaded.library.phrase_index("shared-abc").is_some());
        assert!(loaded.library.phrase_index("mine-abc").is_some());
    }

    #[test]
    fn no_cards_is_an_empty_pack() {
        let loaded = content::load(&[own_pack_source(&[])]);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert!(loaded.library.phrases.is_empty());
    }
}
