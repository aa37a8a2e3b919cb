//! A customer's message split into words the way a reader takes it in: clauses (negation and
//! cue spans stay inside one) and sentences (context reaches through one), plus pseudo-words for
//! its form ("??", emoji, a text emoticon read as the emoji it draws, "@", a blank line between
//! paragraphs).

use crate::text::{stem, words};
use std::ops::Range;

/// Words that start a new clause (negation does not reach past them).
const CLAUSE_WORDS: &[&str] = &["but", "though", "although", "however", "yet", "just", "only"];
/// Words that start a new sentence-like part (context does not reach past them).
const TURN_WORDS: &[&str] = &["but", "though", "although", "however", "yet"];

/// Text emoticons and the emoji each one draws: ":)" is read as "🙂", so a cue names the face
/// once, however it was typed. Longest first, so ":-)" is not also read as ")".
const EMOTICONS: &[(&str, &str)] = &[
    (":'(", "😢"),
    (":-)", "🙂"),
    (":-(", "🙁"),
    (";-)", "😉"),
    (":)", "🙂"),
    (":(", "🙁"),
    (";)", "😉"),
    ("=)", "🙂"),
    ("=(", "🙁"),
];

/// One word of a message (or a pseudo-word for its form).
pub(super) struct MsgWord {
    pub(super) norm: String,
    /// Written with an apostrophe: "I'd" matches only a cue written "i'd", never "id".
    pub(super) apostrophe: bool,
    pub(super) stem: String,
    pub(super) range: Range<usize>,
    pub(super) clause: u32,
    pub(super) sentence: u32,
    /// A word the library uses (so never read as a typo); looked up once per message by
    /// [`mark_known`], not once per cue compared.
    pub(super) known: bool,
}

/// Marks the words of a message that the library knows.
pub(super) fn mark_known(msg: &mut [MsgWord], known: &std::collections::HashSet<String>) {
    for w in msg {
        w.known = known.contains(&w.norm);
    }
}

/// Splits a message into words, numbering clauses (for negation and cue spans) and sentences
/// (for context).
pub(super) fn message_words(text: &str) -> Vec<MsgWord> {
    let mut out: Vec<MsgWord> = Vec::new();
    let (mut clause, mut sentence) = (0u32, 0u32);
    let mut prev_end = 0;
    for w in words(text) {
        let gap = &text[prev_end..w.range.start];
        push_punctuation(&mut out, gap, prev_end, clause, sentence);
        let turn = TURN_WORDS.contains(&w.norm.as_str());
        if gap.contains(['.', '!', '?', '\n', ';']) || turn {
            sentence = sentence.saturating_add(1);
        }
        if gap.contains(['.', ',', ';', ':', '!', '?', '\n', '(', ')']) || CLAUSE_WORDS.contains(&w.norm.as_str()) {
            clause = clause.saturating_add(1);
        }
        prev_end = w.range.end;
        out.push(MsgWord {
            stem: stem(&w.norm),
            apostrophe: text[w.range.clone()].contains(['\'', '’']),
            norm: w.norm,
            range: w.range,
            clause,
            sentence,
            known: false,
        });
    }
    push_punctuation(&mut out, &text[prev_end..], prev_end, clause, sentence);
    out
}

/// Adds pseudo-words for the form of a message found in a gap between words, which cues can
/// name: a run of "??" or "!!", an emoji (😂) or a text emoticon (":)" as "🙂"), "@" or "#"
/// starting a word (a public post), and "¶" for a blank line between paragraphs (a letter or an
/// email).
fn push_punctuation(out: &mut Vec<MsgWord>, gap: &str, at: usize, clause: u32, sentence: u32) {
    let mut push = |norm: &str, i: usize, len: usize| {
        out.push(MsgWord {
            apostrophe: false,
            norm: norm.to_string(),
            stem: norm.to_string(),
            range: at + i..at + i + len,
            clause,
            sentence,
            known: false,
        });
    };
    for pat in ["??", "!!"] {
        if let Some(i) = gap.find(pat) {
            push(pat, i, pat.len());
        }
    }
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    for &(face, emoji) in EMOTICONS {
        for (i, _) in gap.match_indices(face) {
            let r = i..i + face.len();
            if !taken.iter().any(|t| t.start < r.end && r.start < t.end) {
                push(emoji, i, face.len());
                taken.push(r);
            }
        }
    }
    let mut prev: Option<char> = None;
    let mut line_start: Option<usize> = None;
    for (i, c) in gap.char_indices() {
        if is_form_char(c) {
            let mut buf = [0u8; 4];
            push(c.encode_utf8(&mut buf), i, c.len_utf8());
        } else if matches!(c, '@' | '#')
            && i + 1 == gap.len()
            && (prev.is_some_and(char::is_whitespace) || (prev.is_none() && at == 0))
        {
            push(if c == '@' { "@" } else { "#" }, i, 1);
        } else if c == '\n' {
            if line_start.is_some() {
                push("¶", i, 1);
                line_start = None;
            } else {
                line_start = Some(i);
            }
        } else if !c.is_whitespace() {
            line_start = None;
        }
        prev = Some(c);
    }
}

/// True for a character that says something about a message's tone or form by itself: an
/// emoji or pictograph.
fn is_form_char(c: char) -> bool {
    matches!(c as u32, 0x1F300..=0x1FAFF | 0x2600..=0x27BF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<String> {
        message_words(text)
            .into_iter()
            .filter(|w| !w.norm.chars().any(char::is_alphanumeric))
            .map(|w| format!("{}={}", w.norm, &text[w.range]))
            .collect()
    }

    #[test]
    fn a_text_emoticon_reads_as_its_emoji() {
        assert_eq!(forms("thanks so much :)"), ["🙂=:)"]);
        assert_eq!(forms("still nothing :-( sigh"), ["🙁=:-("]);
        assert_eq!(forms("oh well :'( and ;)"), ["😢=:'(", "😉=;)"]);
        // A colon before a bracket in ordinary writing is not a face.
        assert!(forms("the note (see below): it broke").is_empty());
    }
}
