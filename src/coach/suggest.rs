//! Suggesting situation tags from what a customer wrote: cue words from the data, matched with
//! tolerance for typos and inflections, ignoring negated ones ("not angry, just confused"), plus
//! shouting (ALL CAPS, "!!!") for the tags that count it. Offline and deterministic.

use crate::content::Library;
use crate::text::{edit_distance, words};
use std::ops::Range;

/// A suggested tag.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// Tag index.
    pub tag: usize,
    /// Strength of the evidence; higher is stronger.
    pub score: u32,
    /// The customer's words that triggered it, as they wrote them.
    pub cues: Vec<String>,
}

/// Smallest score that makes a suggestion.
const THRESHOLD: u32 = 7;
/// Words that negate a cue right after them (within the same clause).
const NEGATORS: &[&str] = &[
    "not", "no", "never", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "aint", "without", "nor",
    "hardly", "neither", "im not",
];
/// How many words before a cue a negator still counts.
const NEGATION_WINDOW: usize = 3;
/// Words that start a new clause (negation does not reach past them).
const CLAUSE_WORDS: &[&str] = &["but", "though", "although", "however", "yet", "just", "only"];

struct MsgWord {
    norm: String,
    range: Range<usize>,
    clause: usize,
}

/// Splits a message into words, numbering clauses so negation stays inside its own clause.
fn message_words(text: &str) -> Vec<MsgWord> {
    let mut out: Vec<MsgWord> = Vec::new();
    let mut clause = 0;
    let mut prev_end = 0;
    for w in words(text) {
        let gap = &text[prev_end..w.range.start];
        if gap.contains(['.', ',', ';', ':', '!', '?', '\n', '(', ')']) || CLAUSE_WORDS.contains(&w.norm.as_str()) {
            clause += 1;
        }
        prev_end = w.range.end;
        out.push(MsgWord {
            norm: w.norm,
            range: w.range,
            clause,
        });
    }
    out
}

/// How well a cue word matches a message word: 10 exact, 8 inflected, 7 with a typo.
fn word_match(cue: &str, word: &str) -> Option<u32> {
    if cue == word {
        return Some(10);
    }
    let (cl, wl) = (cue.chars().count(), word.chars().count());
    if cl >= 4 && wl > cl && wl - cl <= 3 && word.starts_with(cue) {
        return Some(8);
    }
    let max = match cl {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    };
    if max > 0 && edit_distance(cue, word, max).is_some() {
        return Some(7);
    }
    None
}

fn negated(msg: &[MsgWord], at: usize) -> bool {
    let clause = msg[at].clause;
    msg[at.saturating_sub(NEGATION_WINDOW)..at]
        .iter()
        .rev()
        .take_while(|w| w.clause == clause)
        .any(|w| NEGATORS.contains(&w.norm.as_str()))
}

/// Shouting evidence in the raw text: (points, what to show as the cue).
fn shouting(text: &str) -> Vec<(u32, &'static str)> {
    let mut out = Vec::new();
    let caps_words = words(text)
        .iter()
        .filter(|w| {
            let s = &text[w.range.clone()];
            s.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !s.chars().any(|c| c.is_lowercase())
        })
        .count();
    if caps_words >= 2 {
        out.push((5, "ALL CAPS"));
    }
    if text.contains("!!") || text.contains("?!") || text.contains("!?") {
        out.push((4, "!!!"));
    }
    out
}

/// Tags suggested by a customer's message, strongest first.
pub fn suggest_tags(lib: &Library, message: &str) -> Vec<Suggestion> {
    let msg = message_words(message);
    let shout = shouting(message);
    let mut out = Vec::new();
    for (t, tag) in lib.tags.iter().enumerate() {
        let mut score = 0;
        let mut cues: Vec<String> = Vec::new();
        for cue_words in &tag.cue_words {
            if cue_words.is_empty() || cue_words.len() > msg.len() {
                continue;
            }
            let found = (0..=msg.len() - cue_words.len()).find_map(|i| {
                let window = &msg[i..i + cue_words.len()];
                if window.iter().any(|w| w.clause != window[0].clause) {
                    return None;
                }
                let points: Option<u32> = cue_words.iter().zip(window).map(|(c, w)| word_match(c, &w.norm)).sum();
                let points = points?;
                if negated(&msg, i) {
                    return None;
                }
                let span = window[0].range.start..window[window.len() - 1].range.end;
                Some((points / cue_words.len() as u32 + 3 * (cue_words.len() as u32 - 1), span))
            });
            if let Some((points, span)) = found {
                let said = message[span].to_string();
                if !cues.iter().any(|c| c.eq_ignore_ascii_case(&said)) {
                    score += points;
                    cues.push(said);
                }
            }
        }
        if tag.shouting {
            for (points, label) in &shout {
                score += points;
                cues.push((*label).to_string());
            }
        }
        if score >= THRESHOLD && cues.iter().any(|c| c != "ALL CAPS" && c != "!!!") || score >= THRESHOLD + 2 {
            out.push(Suggestion { tag: t, score, cues });
        }
    }
    out.sort_by_key(|s| (std::cmp::Reverse(s.score), s.tag));
    out
}
