//! Finding cues in a message: a cue word meets a message word in any inflection or with a
//! typing slip, a cue may skip one word (not before a small word, not over a joining word), and
//! a negation that reaches the cue through small words only takes it away.

use super::message::MsgWord;
use crate::content::vocabulary::{Cue, CueTable, CueWord, TYPO_MIN_CHARS, deletions, is_number_word};
use crate::text::edit_distance;
use std::ops::Range;

/// Words that negate a cue right after them (within the same clause).
const NEGATORS: &[&str] = &[
    "not", "no", "never", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "aint", "without", "nor",
    "hardly", "neither",
];
/// Small words that a cue's words must meet without a word between ("end my", not "end put
/// my").
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "my", "me", "i", "it", "you", "your", "to", "of", "on", "in", "for", "is", "was", "and", "or",
    "that", "this", "we", "our", "us", "her", "his", "him", "she", "he", "they", "them", "their",
];
/// Words that join two thoughts: a cue does not skip over them ("a week and now" is not "week
/// now").
const JOINING_WORDS: &[&str] = &["and", "or", "but", "so", "because", "then"];
/// How many words before a cue a negator still counts.
const NEGATION_WINDOW: usize = 3;
/// Words a negation reaches through to the cue after them.
const NEGATION_SEE_THROUGH: &[&str] = &[
    "a",
    "an",
    "the",
    "any",
    "my",
    "your",
    "this",
    "that",
    "it",
    "its",
    "i",
    "im",
    "be",
    "being",
    "been",
    "is",
    "was",
    "am",
    "are",
    "very",
    "really",
    "so",
    "too",
    "that",
    "at",
    "all",
    "even",
    "quite",
    "particularly",
    "exactly",
    "actually",
    "just",
    "much",
    "ever",
    "want",
    "wanna",
    "need",
    "wish",
    "mean",
    "intend",
    "plan",
    "going",
    "gonna",
    "trying",
    "try",
    "to",
    "like",
    "have",
    "feel",
    "feeling",
    "sound",
    "seem",
    "think",
    "call",
    "about",
    "asking",
    "after",
    "looking",
    "for",
    "expecting",
    "interested",
    "in",
];

/// How well a cue word matches a message word: 10 the same word, 9 another form of it, 7 with
/// a typo (only for words of five letters or more that the library does not know as words).
fn word_match(cue: &CueWord, w: &MsgWord) -> Option<u32> {
    if w.apostrophe && !cue.apostrophe {
        return None;
    }
    if cue.norm == w.norm {
        return Some(10);
    }
    if cue.stem == w.stem && same_word(&cue.norm, &w.norm) {
        return Some(9);
    }
    typo(&cue.norm, w).then_some(7)
}

/// Endings that make another form of the same word ("charge", "charged", "charging"); a stem
/// alone is too loose for reading a message ("customer" and "customs" share one).
const ENDINGS: &[&str] = &["", "s", "es", "e", "ed", "d", "ing", "y", "ies", "ied", "ly"];

/// True if `a` and `b` differ only by an inflection ending (a doubled last letter allowed).
fn same_word(a: &str, b: &str) -> bool {
    let p = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let ending_ok = |w: &str| {
        let (Some(stem), Some(end)) = (w.get(..p), w.get(p..)) else {
            return false;
        };
        let end = match (stem.bytes().last(), end.bytes().next()) {
            (Some(l), Some(f)) if l == f && end.len() > 1 => &end[1..],
            _ => end,
        };
        ENDINGS.contains(&end)
    };
    p >= 3 && ending_ok(a) && ending_ok(b)
}

/// A typing slip: a letter left out, one too many, or two letters swapped. A changed letter
/// is not counted: it mostly makes another real word ("engaged" is not "enraged"). A word the
/// library knows is meant as written.
fn typo(cue: &str, w: &MsgWord) -> bool {
    if w.known || cue.chars().count() < TYPO_MIN_CHARS {
        return false;
    }
    let word = w.norm.as_str();
    let (a, b): (Vec<char>, Vec<char>) = (cue.chars().collect(), word.chars().collect());
    if a.len() != b.len() {
        return edit_distance(cue, word, 1).is_some();
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    diff.len() == 2 && diff[1] == diff[0] + 1 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]]
}

/// True if a negator before the cue is about the cue: right before it, or with only small
/// words, degree words or a wish between ("not angry", "not a billing issue", "don't want to
/// cancel"). A negated verb in between makes the cue what is missing, not what is denied ("never
/// got my refund" is about a refund).
fn negated(msg: &[MsgWord], at: usize) -> bool {
    let clause = msg[at].clause;
    for w in msg[at.saturating_sub(NEGATION_WINDOW)..at].iter().rev() {
        if w.clause != clause {
            return false;
        }
        if NEGATORS.contains(&w.norm.as_str()) {
            return true;
        }
        if !NEGATION_SEE_THROUGH.contains(&w.norm.as_str()) {
            return false;
        }
    }
    false
}

/// A cue found in the message.
pub(super) struct Found<'a> {
    pub(super) cue: &'a Cue,
    /// Message words covered.
    pub(super) span: Range<usize>,
    pub(super) points: u32,
}

/// Matches `cue` starting at message word `i` (whose first-word points are `first`): each later
/// cue word in the same clause, right after the previous one or one word further.
fn match_at<'a>(cue: &'a Cue, msg: &[MsgWord], i: usize, first: u32) -> Option<Found<'a>> {
    let clause = msg[i].clause;
    let mut points = first;
    let mut next = i + 1;
    let mut skipped = 0;
    for cw in &cue.words[1..] {
        let same = |j: usize| msg.get(j).filter(|w| w.clause == clause);
        if cw.is_any() {
            same(next)?;
            next += 1;
            continue;
        }
        if cw.is_number() {
            same(next).filter(|w| is_number_word(&w.norm))?;
            next += 1;
            continue;
        }
        let (at, p) = match same(next).and_then(|w| word_match(cw, w)) {
            Some(p) => (next, p),
            // One extra word may stand between cue words ("account was locked"), but not
            // before a small word ("end put my" is not "end my"), nor a joining word, nor a
            // negator, which turns the cue around ("I should not have paid" is not "I should
            // have").
            None if !SMALL_WORDS.contains(&cw.norm.as_str())
                && same(next).is_some_and(|w| {
                    !JOINING_WORDS.contains(&w.norm.as_str()) && !NEGATORS.contains(&w.norm.as_str())
                }) =>
            {
                let p = same(next + 1).and_then(|w| word_match(cw, w))?;
                skipped += 1;
                (next + 1, p)
            }
            None => return None,
        };
        points += p;
        next = at + 1;
    }
    let n = cue.words.len() as u32;
    let points = (points / n + 3 * (n - 1)).saturating_sub(skipped);
    Some(Found {
        cue,
        span: i..next,
        points,
    })
}

/// Every cue found in the message (negated ones left out).
pub(super) fn find_cues<'a>(table: &'a CueTable, msg: &[MsgWord]) -> Vec<Found<'a>> {
    let mut found = Vec::new();
    let mut firsts: Vec<(&str, u32)> = Vec::new();
    for (i, w) in msg.iter().enumerate() {
        firsts.clear();
        firsts.push((w.stem.as_str(), 0));
        if w.norm.chars().count() >= TYPO_MIN_CHARS && !w.known {
            for key in std::iter::once(w.norm.clone()).chain(deletions(&w.norm)) {
                for (norm, st) in table.typo_keys.get(&key).into_iter().flatten() {
                    if st != &w.stem && !firsts.iter().any(|f| f.0 == st) && typo(norm, w) {
                        firsts.push((st.as_str(), 7));
                    }
                }
            }
        }
        for &(key, typo_points) in &firsts {
            for &c in table.by_first.get(key).into_iter().flatten() {
                let cue = &table.cues[c as usize];
                let first = if typo_points > 0 {
                    typo_points
                } else {
                    match word_match(&cue.words[0], w) {
                        Some(p) => p,
                        None => continue,
                    }
                };
                if let Some(f) = match_at(cue, msg, i, first)
                    && !negated(msg, i)
                {
                    found.push(f);
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms_are_inflections_not_relatives() {
        assert!(same_word("charged", "charging"));
        assert!(same_word("cancel", "cancelled"));
        assert!(same_word("worry", "worried"));
        assert!(!same_word("customs", "customer"));
        assert!(!same_word("manager", "manage"));
        assert!(!same_word("acceptable", "accept"));
    }
}
