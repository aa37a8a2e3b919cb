//! The everyday vocabulary: the words reps and customers actually use ("irate", "parcel",
//! "double charged", "passed away"), tied to the library's skills, tags and cards. Search reads
//! `words` as other names for what an entry points at; tag suggestion reads `cues` as more cue
//! words for its tags, and `rules_out` as context that means a tag's shorter cues nearby are not
//! about that tag ("return my call" is not a return). Built-in in `data/vocabulary.ron`; a team
//! pack can add entries.

use super::model::Library;
use crate::text::{stem, words};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// One vocabulary entry as written in a file. Every list is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawVocab {
    /// Words or short phrases a rep might type for what this entry points at.
    pub words: Vec<String>,
    /// Words or short phrases in a customer's message that point to `tags` (or, with
    /// `rules_out`, that rule tags out). `*` stands for any one word ("does the * support").
    pub cues: Vec<String>,
    /// Skill ids these words lead to, best first.
    pub skills: Vec<String>,
    /// Tag ids these words lead to.
    pub tags: Vec<String>,
    /// Phrase card ids these words lead to.
    pub cards: Vec<String>,
    /// Tag ids that `cues` rule out: a cue of such a tag that is not longer than the context
    /// and stands in the same sentence does not count.
    pub rules_out: Vec<String>,
    /// Tag ids that, read from a message, bring `tags` with them when the words show no other
    /// tag of that group (a customer on a repeat contact is frustrated).
    pub follows: Vec<String>,
    /// With `rules_out`: the context colours the whole message, not just its sentence (sarcasm:
    /// "Fantastic service as always. Really impressive." is not a happy customer).
    pub whole_message: bool,
    /// `cues` that are weak evidence alone ("again", "still"): a tag needs two different weak
    /// cues, or a weak cue and a stronger sign (another cue, shouting), to be suggested.
    pub weak: bool,
    /// `cues` that imply a feeling from the circumstances ("still not", "third time") rather
    /// than name it ("furious", "worried"): when two feelings of a `one_of` set are read, a
    /// named one wins over an implied one.
    pub implied: bool,
    /// `tags` of which a person names one: the strongest one read from a message is suggested,
    /// the others are dropped (a customer is angry *or* frustrated, not both at once).
    pub one_of: bool,
    /// `words` that never decide a search alone ("customer", "the"): a result need not have them.
    pub filler: bool,
}

/// A checked vocabulary entry, every reference resolved to an index.
#[derive(Debug, Clone, Default)]
pub struct VocabEntry {
    /// Search words (trimmed, lowercased).
    pub words: Vec<String>,
    /// Message cues (trimmed, lowercased).
    pub cues: Vec<String>,
    /// Skill indices, best first.
    pub skills: Vec<usize>,
    /// Tag indices.
    pub tags: Vec<usize>,
    /// Phrase card indices.
    pub cards: Vec<usize>,
    /// Tag indices that the cues rule out.
    pub rules_out: Vec<usize>,
    /// Tag indices that bring `tags` with them.
    pub follows: Vec<usize>,
    /// Whether `rules_out` reaches the whole message.
    pub whole_message: bool,
    /// Whether `cues` are weak evidence alone.
    pub weak: bool,
    /// Whether `cues` imply a feeling rather than name it.
    pub implied: bool,
    /// Whether `tags` are a set of which only the strongest is suggested.
    pub one_of: bool,
    /// Whether `words` are filler words.
    pub filler: bool,
}

/// A reference in an entry that does not resolve: (kind of id, the bad value).
pub type BadRef = (&'static str, String);

/// Checks an entry against the library. Returns the entry (or `None` if nothing in it is
/// usable) and every reference that does not resolve, or a message about the entry as a whole.
pub fn check(raw: &RawVocab, lib: &Library) -> (Option<VocabEntry>, Vec<BadRef>, Option<String>) {
    let mut bad: Vec<BadRef> = Vec::new();
    let mut resolve = |kind: &'static str, ids: &[String], ix: &std::collections::HashMap<String, usize>| {
        let mut out = Vec::new();
        for id in ids {
            match ix.get(id) {
                Some(&i) if !out.contains(&i) => out.push(i),
                Some(_) => {}
                None => bad.push((kind, id.clone())),
            }
        }
        out
    };
    let skills = resolve("skill", &raw.skills, &lib.skill_ix);
    let tags = resolve("situation tag", &raw.tags, &lib.tag_ix);
    let cards = resolve("phrase card", &raw.cards, &lib.phrase_ix);
    let rules_out = resolve("situation tag", &raw.rules_out, &lib.tag_ix);
    let follows = resolve("situation tag", &raw.follows, &lib.tag_ix);
    let words = clean(&raw.words);
    let cues = clean(&raw.cues);
    // An entry whose references are all unknown is refused too, but those are reported already
    // (one per reference); the whole-entry messages are for what the author left out.
    let whole = if raw.one_of && tags.len() < 2 && bad.is_empty() {
        Some("vocabulary entry has `one_of` but fewer than two `tags` to choose from".to_string())
    } else if words.is_empty() && cues.is_empty() && raw.follows.is_empty() && !raw.one_of {
        Some("vocabulary entry has no `words`, `cues` or `follows`: add the words it is about".to_string())
    } else if !raw.follows.is_empty() && raw.tags.is_empty() {
        Some("vocabulary entry has `follows` but no `tags` to bring".to_string())
    } else if bad.is_empty()
        && !raw.filler
        && skills.is_empty()
        && tags.is_empty()
        && cards.is_empty()
        && rules_out.is_empty()
    {
        Some(
            "vocabulary entry points at nothing: add `skills`, `tags`, `cards` or `rules_out` (or `filler: true`)"
                .to_string(),
        )
    } else if bad.is_empty() && !cues.is_empty() && tags.is_empty() && rules_out.is_empty() {
        Some("vocabulary entry has `cues` but no `tags` or `rules_out` for them to point at".to_string())
    } else {
        None
    };
    let usable = whole.is_none()
        && (raw.filler || !(skills.is_empty() && tags.is_empty() && cards.is_empty() && rules_out.is_empty()));
    let entry = usable.then_some(VocabEntry {
        words,
        cues,
        skills,
        tags,
        cards,
        rules_out,
        follows,
        whole_message: raw.whole_message,
        weak: raw.weak,
        implied: raw.implied,
        one_of: raw.one_of,
        filler: raw.filler,
    });
    (entry, bad, whole)
}

fn clean(items: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        let t = i.trim().to_lowercase();
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// One cue prepared for matching: its words (normalised and stemmed) and what it points at.
#[derive(Debug, Clone)]
pub struct Cue {
    /// The cue as written in the data.
    pub text: String,
    /// Its words; `*` matches any one word.
    pub words: Vec<CueWord>,
    /// Tags it points to.
    pub tags: Vec<usize>,
    /// Tags it rules out (context cues).
    pub rules_out: Vec<usize>,
    /// Whether it rules them out in the whole message (else in its sentence).
    pub whole_message: bool,
    /// Whether it is weak evidence alone (it counts half).
    pub weak: bool,
    /// Whether it implies a feeling rather than names it.
    pub implied: bool,
}

/// One word of a cue.
#[derive(Debug, Clone)]
pub struct CueWord {
    /// Normalised form ("charged"), `*`, or a punctuation run (`??`, `!!`).
    pub norm: String,
    /// Snowball stem ("charg").
    pub stem: String,
    /// Whether it was written with an apostrophe ("i'd" is not "id").
    pub apostrophe: bool,
}

impl CueWord {
    /// True for the `*` wildcard.
    pub fn is_any(&self) -> bool {
        self.norm == "*"
    }

    /// True for the `<number>` placeholder: a number in digits or words ("for <number>
    /// minutes" is "for 55 minutes" and "for forty minutes", not "for a minute").
    pub fn is_number(&self) -> bool {
        self.norm == NUMBER
    }
}

/// The cue placeholder for a number.
pub const NUMBER: &str = "<number>";

/// Numbers written as words.
const NUMBER_WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty",
    "thirty", "forty", "fifty", "sixty", "ninety", "hundred",
];

/// True for a message word that is a number: digits ("55") or a number word ("forty").
pub fn is_number_word(norm: &str) -> bool {
    (!norm.is_empty() && norm.bytes().all(|b| b.is_ascii_digit())) || NUMBER_WORDS.contains(&norm)
}

/// Every cue of every tag and of the vocabulary, prepared once per library so that suggesting
/// tags only looks words up.
#[derive(Debug, Clone, Default)]
pub struct CueTable {
    /// All cues.
    pub cues: Vec<Cue>,
    /// Stem of a cue's first word → the cues starting with it.
    pub by_first: HashMap<String, Vec<u32>>,
    /// For typo tolerance: a first word of five letters or more, and each of its one-letter
    /// deletions → (that word, its stem).
    pub typo_keys: HashMap<String, Vec<(String, String)>>,
    /// Every word the library and its cues use: such a word in a message is meant, not a typo.
    pub known: HashSet<String>,
}

/// Shortest word given typo tolerance, in characters.
pub const TYPO_MIN_CHARS: usize = 5;

/// The one-letter deletions of a word (for typo look-up).
pub fn deletions(word: &str) -> impl Iterator<Item = String> + '_ {
    word.char_indices().map(move |(i, c)| {
        let mut s = String::with_capacity(word.len());
        s.push_str(&word[..i]);
        s.push_str(&word[i + c.len_utf8()..]);
        s
    })
}

/// True for a cue word that names the form of a message rather than a word: a run of "?" and
/// "!" ("??" reads as exasperation), one emoji ("😂"), "@" or "#" starting a word (a public
/// post), or "¶" for a blank line between paragraphs.
pub fn is_punctuation_cue(part: &str) -> bool {
    let mut chars = part.chars();
    let single = chars.next().filter(|_| chars.next().is_none());
    (part.len() >= 2 && part.bytes().all(|b| b == b'?' || b == b'!'))
        || single
            .is_some_and(|c| matches!(c, '@' | '#' | '¶') || matches!(c as u32, 0x1F300..=0x1FAFF | 0x2600..=0x27BF))
}

fn cue_words(cue: &str) -> Vec<CueWord> {
    let mut out = Vec::new();
    for part in cue.split_whitespace() {
        if part == "*" || part == NUMBER || is_punctuation_cue(part) {
            out.push(CueWord {
                norm: part.into(),
                stem: part.into(),
                apostrophe: false,
            });
            continue;
        }
        for w in words(part) {
            out.push(CueWord {
                stem: stem(&w.norm),
                apostrophe: part[w.range.clone()].contains(['\'', '’']),
                norm: w.norm,
            });
        }
    }
    out
}

impl CueTable {
    /// Prepares the cues of every tag and of the vocabulary of `lib`.
    pub fn new(lib: &Library) -> CueTable {
        let mut t = CueTable::default();
        for (ti, tag) in lib.tags.iter().enumerate() {
            for c in &tag.cues {
                t.add(c, vec![ti], Vec::new(), false, false, false);
            }
        }
        for e in &lib.vocabulary {
            for c in &e.cues {
                t.add(
                    c,
                    e.tags.clone(),
                    e.rules_out.clone(),
                    e.whole_message,
                    e.weak,
                    e.implied,
                );
            }
        }
        let texts = lib.skills.iter().flat_map(|s| {
            [
                s.name.as_str(),
                s.definition.as_str(),
                s.in_service.as_str(),
                s.analogy.as_str(),
            ]
            .into_iter()
            .chain(s.aliases.iter().map(String::as_str))
        });
        let texts = texts
            .chain(lib.phrases.iter().map(|p| p.text.as_str()))
            .chain(lib.tags.iter().flat_map(|t| [t.label.as_str(), t.description.as_str()]))
            .chain(lib.vocabulary.iter().flat_map(|e| e.words.iter().map(String::as_str)));
        for text in texts {
            for w in words(text) {
                t.known.insert(w.norm);
            }
        }
        t
    }

    fn add(
        &mut self,
        text: &str,
        tags: Vec<usize>,
        rules_out: Vec<usize>,
        whole_message: bool,
        weak: bool,
        implied: bool,
    ) {
        let ws = cue_words(text);
        let Some(first) = ws.first().filter(|w| !w.is_any() && !w.is_number()) else {
            return;
        };
        // The same cue for the same tags twice counts once.
        if let Some(ids) = self.by_first.get(&first.stem)
            && ids.iter().any(|&i| {
                let c = &self.cues[i as usize];
                c.text == text && c.tags == tags && c.rules_out == rules_out && c.weak == weak
            })
        {
            return;
        }
        let ix = self.cues.len() as u32;
        self.by_first.entry(first.stem.clone()).or_default().push(ix);
        if first.norm.chars().count() >= TYPO_MIN_CHARS {
            let pair = (first.norm.clone(), first.stem.clone());
            for key in std::iter::once(first.norm.clone()).chain(deletions(&first.norm)) {
                let v = self.typo_keys.entry(key).or_default();
                if !v.contains(&pair) {
                    v.push(pair.clone());
                }
            }
        }
        for w in &ws {
            self.known.insert(w.norm.clone());
        }
        self.cues.push(Cue {
            text: text.to_string(),
            words: ws,
            tags,
            rules_out,
            whole_message,
            weak,
            implied,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Source, load};

    fn lib() -> Library {
        load(&[Source {
            path: "t.ron".into(),
            text: r#"(groups: [(id: "g", name: "G")],
                skills: [(id: "calm", name: "Calm", group: "g", definition: "Staying calm.")],
                tag_groups: [(id: "f", name: "F")],
                tags: [(id: "angry", label: "Angry", group: "f")])"#
                .into(),
        }])
        .library
    }

    #[test]
    fn references_resolve_and_bad_ones_are_reported() {
        let lib = lib();
        let raw = RawVocab {
            words: vec![" Irate ".into()],
            skills: vec!["calm".into(), "clam".into()],
            tags: vec!["angry".into()],
            ..RawVocab::default()
        };
        let (entry, bad, whole) = check(&raw, &lib);
        let entry = entry.unwrap();
        assert_eq!(entry.words, ["irate"]);
        assert_eq!(entry.skills, [0]);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].1, "clam");
        assert!(whole.is_none());
    }

    #[test]
    fn a_pack_extends_the_vocabulary_and_bad_ids_point_at_their_place() {
        let mut sources = crate::content::builtin::sources();
        sources.push(Source {
            path: "team.ron".into(),
            text: "(\n  vocabulary: [\n    (words: [\"gobsmacked\"], tags: [\"angyr\", \"upset\"]),\n  ],\n)".into(),
        });
        let loaded = load(&sources);
        assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
        let p = loaded.problems[0].to_string();
        assert!(
            p.starts_with("team.ron:3:36: unknown situation tag \"angyr\" (did you mean \"angry\"?)"),
            "{p}"
        );
        let lib = loaded.library;
        let index = crate::search::Index::new(&lib);
        let upset = lib.tag_index("upset").unwrap();
        assert_eq!(
            index.search("gobsmacked", 1).first().map(|h| h.target),
            Some(crate::search::DocRef::Tag(upset))
        );
    }

    #[test]
    fn numbers_are_digits_or_number_words() {
        assert!(is_number_word("55") && is_number_word("forty"));
        assert!(!is_number_word("a") && !is_number_word("few") && !is_number_word("2nd"));
    }

    #[test]
    fn an_entry_that_points_nowhere_is_refused() {
        let lib = lib();
        let raw = RawVocab {
            words: vec!["irate".into()],
            ..RawVocab::default()
        };
        let (entry, _, whole) = check(&raw, &lib);
        assert!(entry.is_none());
        assert!(whole.unwrap().contains("points at nothing"));
        let cues_only = RawVocab {
            cues: vec!["so cross".into()],
            skills: vec!["calm".into()],
            ..RawVocab::default()
        };
        assert!(check(&cues_only, &lib).2.unwrap().contains("no `tags`"));
        let one_of_one = RawVocab {
            tags: vec!["angry".into()],
            one_of: true,
            ..RawVocab::default()
        };
        assert!(check(&one_of_one, &lib).2.unwrap().contains("fewer than two"));
    }
}
