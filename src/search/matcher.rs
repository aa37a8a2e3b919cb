//! Matching one query word against one library word.

use crate::text::edit_distance;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// How a query word matched a library word.
#[derive(Debug, Clone, PartialEq)]
pub enum MatchKind {
    /// The same word.
    Exact,
    /// Another form of the same word (same Snowball stem: "charged" for "charging").
    Stem,
    /// The query is the start of the word (how many characters were typed).
    Prefix(usize),
    /// The word, or its start, with a typo or two.
    Typo,
    /// The query's letters in order, spread through the word (char indices in the word).
    Fuzzy(Vec<usize>),
}

/// A prepared query word.
pub struct Term {
    pub text: String,
    chars: usize,
    mask: u64,
}

/// Bit set of the letters and digits in a word (a cheap "can it possibly match" test).
pub fn char_mask(s: &str) -> u64 {
    s.chars().fold(0u64, |m, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            other => 36 + (other as u32 % 28),
        };
        m | (1 << bit)
    })
}

impl Term {
    /// Prepares a normalised query word.
    pub fn new(text: &str) -> Self {
        Term {
            text: text.to_string(),
            chars: text.chars().count(),
            mask: char_mask(text),
        }
    }

    /// Typos allowed for a word this long.
    fn max_typos(&self) -> usize {
        match self.chars {
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        }
    }

    /// Scores `word` (normalised, `chars` long, letters `mask`) against this term.
    /// Ranking: exact 100 > prefix 60..95 > typo 40..55 > fuzzy 10..35.
    pub fn score(&self, word: &str, chars: usize, mask: u64, fuzzy: &SkimMatcherV2) -> Option<(f32, MatchKind)> {
        if word == self.text {
            return Some((100.0, MatchKind::Exact));
        }
        if chars > self.chars && word.starts_with(&self.text) {
            return Some((
                60.0 + 35.0 * self.chars as f32 / chars as f32,
                MatchKind::Prefix(self.chars),
            ));
        }
        let max = self.max_typos();
        if max > 0 && (self.mask & !mask).count_ones() as usize <= max {
            if chars.abs_diff(self.chars) <= max
                && let Some(d) = edit_distance(&self.text, word, max)
            {
                return Some((55.0 - 15.0 * (d as f32 - 1.0).max(0.0), MatchKind::Typo));
            }
            // Typing the start of a word with a typo in it ("emapth" → "empathy").
            if chars > self.chars {
                let end = word.char_indices().nth(self.chars).map_or(word.len(), |(b, _)| b);
                if edit_distance(&self.text, &word[..end], 1).is_some() {
                    return Some((45.0, MatchKind::Typo));
                }
            }
        }
        if self.chars >= 3 && chars > self.chars && self.mask & !mask == 0 && is_subsequence(&self.text, word) {
            let (s, idx) = fuzzy.fuzzy_indices(word, &self.text)?;
            let quality = (s as f32 / (self.chars as f32 * 25.0)).clamp(0.0, 1.0);
            return Some((10.0 + 25.0 * quality, MatchKind::Fuzzy(idx)));
        }
        None
    }
}

fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut h = hay.chars();
    needle.chars().all(|n| h.any(|c| c == n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(term: &str, word: &str) -> Option<(f32, MatchKind)> {
        Term::new(term).score(word, word.chars().count(), char_mask(word), &SkimMatcherV2::default())
    }

    #[test]
    fn kinds_rank_exact_prefix_typo_fuzzy() {
        let table = [
            ("sorry", "sorry", Some(MatchKind::Exact)),
            ("sor", "sorry", Some(MatchKind::Prefix(3))),
            ("emapthy", "empathy", Some(MatchKind::Typo)),
            ("paitence", "patience", Some(MatchKind::Typo)),
            ("lisening", "listening", Some(MatchKind::Typo)),
            ("emapth", "empathy", Some(MatchKind::Typo)),
            ("qqqq", "responsibility", None),
            ("xyz", "sorry", None),
            ("so", "also", None),
        ];
        for (t, w, want) in table {
            let got = score(t, w).map(|(_, k)| k);
            assert_eq!(got, want, "{t} vs {w}");
        }
        let exact = score("sorry", "sorry").unwrap().0;
        let prefix = score("sorr", "sorry").unwrap().0;
        let typo = score("sorru", "sorry").unwrap().0;
        let fuzzy = score("lstn", "listening").unwrap();
        assert!(matches!(fuzzy.1, MatchKind::Fuzzy(_)));
        assert!(matches!(
            score("rspnsblty", "responsibility"),
            Some((_, MatchKind::Fuzzy(_)))
        ));
        assert!(
            exact > prefix && prefix > typo && typo > fuzzy.0,
            "{exact} {prefix} {typo} {}",
            fuzzy.0
        );
    }

    #[test]
    fn short_terms_only_match_exactly_or_as_prefix() {
        assert!(score("abc", "acb").is_none());
        assert!(matches!(score("ab", "abc"), Some((_, MatchKind::Prefix(2)))));
    }
}
