//! A raised voice in the raw text: a message in capitals, words stressed in capitals, "!!!".

use super::message::MsgWord;
use std::collections::HashSet;

/// Points for shouting: whole message in capitals (as strong as a word naming the feeling),
/// words stressed in capitals, and "!!" or "?!".
const ALL_CAPS_POINTS: u32 = 12;
const CAPS_POINTS: u32 = 5;
const BANG_POINTS: u32 = 4;

/// One sign of a raised voice.
pub(super) struct Shout {
    pub(super) points: u32,
    /// What the suggestion shows as its cue.
    pub(super) label: &'static str,
    /// Loud enough to read as anger without any cue word.
    pub(super) loud: bool,
}

/// Shouting in the raw text.
pub(super) fn shouting(text: &str, msg: &[MsgWord], known: &HashSet<String>) -> Vec<Shout> {
    let mut out = Vec::new();
    let (mut letters_words, mut caps_words, mut run, mut best_run) = (0usize, 0usize, 0usize, 0usize);
    for w in msg {
        let s = &text[w.range.clone()];
        if s.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            continue;
        }
        letters_words += 1;
        if s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase) {
            caps_words += 1;
            run += 1;
            best_run = best_run.max(run);
        } else {
            run = 0;
        }
    }
    // Capitals shout when they carry the message, not for an acronym or two (UPS, DHL).
    if caps_words >= 3 && (caps_words * 2 >= letters_words || best_run >= 4) {
        out.push(Shout {
            points: ALL_CAPS_POINTS,
            label: "ALL CAPS",
            loud: true,
        });
    }
    // Words in capitals for emphasis ("FOUR times. FOUR.") are a raised voice too; one such
    // word ("wrong item AGAIN") only stresses what the other words say. An acronym (GDPR, DHL)
    // is not emphasis: it is written in capitals anyway.
    let emphasis = msg
        .iter()
        .filter(|w| {
            let s = &text[w.range.clone()];
            s.chars().count() >= 4
                && s.chars().all(|c| c.is_uppercase())
                && s.chars().any(|c| "AEIOUY".contains(c))
                && known.contains(&w.norm)
        })
        .count();
    if out.is_empty() && emphasis > 0 {
        out.push(Shout {
            points: CAPS_POINTS,
            label: "CAPS",
            loud: emphasis >= 2,
        });
    }
    if text.contains("!!") || text.contains("?!") || text.contains("!?") {
        out.push(Shout {
            points: BANG_POINTS,
            label: "!!!",
            loud: false,
        });
    }
    out
}
