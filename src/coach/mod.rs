//! The tough-call helper: situation tags in, a ranked and reasoned plan out; and tags suggested
//! from a customer's own words.

mod recommend;
pub mod rules;
mod suggest;

pub use recommend::{Plan, PlanStep, Recommendation, recommend};
pub use rules::{CardReason, Situation, check_plan};
pub use suggest::{MAX_MESSAGE_CHARS, Suggestion, suggest_tags};

use crate::content::Library;
use crate::text::nearest;
use std::fmt;

/// A tag the user named that the library does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownTag {
    /// What was asked for.
    pub tag: String,
    /// The closest known tag, if any is close.
    pub nearest: Option<String>,
}

impl fmt::Display for UnknownTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown tag \"{}\"", self.tag)?;
        match &self.nearest {
            Some(n) => write!(f, " (did you mean \"{n}\"?)"),
            None => write!(f, " (run `callside tags` to list them)"),
        }
    }
}

impl std::error::Error for UnknownTag {}

/// Why a card of a plan for these tags was chosen (see [`rules::Situation::reason`]).
pub fn card_reason(lib: &Library, tags: &[usize], phrase: usize) -> CardReason {
    Situation::new(lib, tags).reason(phrase)
}

/// Turns tag ids into tag indices, in the order given, without duplicates.
pub fn parse_tags<S: AsRef<str>>(lib: &Library, ids: &[S]) -> Result<Vec<usize>, UnknownTag> {
    let mut out = Vec::new();
    for id in ids {
        let id = id.as_ref().trim();
        let Some(ix) = lib.tag_index(id) else {
            let nearest = nearest(id, lib.tags.iter().map(|t| t.id.as_str())).map(str::to_string);
            return Err(UnknownTag {
                tag: id.to_string(),
                nearest,
            });
        };
        if !out.contains(&ix) {
            out.push(ix);
        }
    }
    Ok(out)
}

/// Tags matching what the rep typed in the tag filter, best first: label starts with it, then a
/// label word starts with it, then the id, description or a cue contains it. Empty: all tags.
pub fn filter_tags(lib: &Library, query: &str) -> Vec<usize> {
    let q = crate::text::normalize(query.trim());
    if q.is_empty() {
        return (0..lib.tags.len()).collect();
    }
    let mut scored: Vec<(u8, usize)> = lib
        .tags
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let label = crate::text::normalize(&t.label);
            let rank = if label.starts_with(&q) {
                0
            } else if label.split(|c: char| !c.is_alphanumeric()).any(|w| w.starts_with(&q)) {
                1
            } else if t.id.contains(&q) {
                2
            } else if crate::text::normalize(&t.description).contains(&q) || t.cues.iter().any(|c| c.contains(&q)) {
                3
            } else {
                return None;
            };
            Some((rank, i))
        })
        .collect();
    scored.sort();
    scored.into_iter().map(|(_, i)| i).collect()
}
