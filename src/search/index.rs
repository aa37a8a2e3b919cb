//! The search index and its query function.

use super::matcher::{MatchKind, Term, char_mask};
use crate::content::Library;
use crate::text::{char_indices_to_byte_ranges, normalize, words};
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;

/// What a search hit points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "lowercase")]
pub enum DocRef {
    /// A skill (index into `Library::skills`).
    Skill(usize),
    /// A phrase card (index into `Library::phrases`).
    Phrase(usize),
}

/// Which text of a skill or phrase a match is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// Skill name.
    Name,
    /// One of the skill's aliases.
    Alias,
    /// Skill definition.
    Definition,
    /// What the skill means in service.
    InService,
    /// Skill analogy.
    Analogy,
    /// Phrase text.
    PhraseText,
    /// The "instead of" line of a phrase.
    InsteadOf,
    /// The name of the phrase's skill.
    PhraseSkill,
    /// The labels of the phrase's situations.
    PhraseSituations,
}

impl FieldKind {
    /// How much a match in this field counts: names and aliases beat words buried in text.
    fn weight(self) -> f32 {
        match self {
            FieldKind::Name => 3.0,
            FieldKind::Alias => 2.4,
            FieldKind::PhraseText => 1.2,
            FieldKind::Definition => 1.0,
            FieldKind::InsteadOf => 0.9,
            FieldKind::InService | FieldKind::Analogy => 0.8,
            FieldKind::PhraseSituations => 0.6,
            FieldKind::PhraseSkill => 0.5,
        }
    }
}

/// Matched text in one field of a hit, for highlighting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldMatch {
    /// Which field.
    pub field: FieldKind,
    /// The field's text (for an alias, that alias).
    pub text: String,
    /// Byte ranges of matched characters in `text`, sorted, not overlapping.
    pub ranges: Vec<Range<usize>>,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// What was found.
    pub target: DocRef,
    /// Relevance; higher is better.
    pub score: u32,
    /// The fields that matched, best first.
    pub matches: Vec<FieldMatch>,
}

impl Hit {
    /// Highlight ranges in the given field, or none.
    pub fn ranges(&self, field: FieldKind) -> &[Range<usize>] {
        self.matches
            .iter()
            .find(|m| m.field == field)
            .map_or(&[], |m| m.ranges.as_slice())
    }
}

struct Field {
    doc: u32,
    kind: FieldKind,
    text: String,
    /// (vocabulary word, byte range in `text`) for each word.
    words: Vec<(u32, Range<usize>)>,
}

struct Doc {
    target: DocRef,
    fields: Range<u32>,
    /// Normalised titles that, typed in full, make this the top hit (skill name and aliases).
    titles: Vec<String>,
}

struct VocabWord {
    text: String,
    chars: usize,
    mask: u64,
}

/// A search index over one library. Build once per library; query on every keystroke.
pub struct Index {
    docs: Vec<Doc>,
    fields: Vec<Field>,
    vocab: Vec<VocabWord>,
    postings: Vec<Vec<u32>>,
    fuzzy: SkimMatcherV2,
}

/// Best match per library word for one query term.
type TermMatches = HashMap<u32, (f32, MatchKind)>;

impl Index {
    /// Builds the index over every skill and phrase card of `lib`.
    pub fn new(lib: &Library) -> Index {
        let mut b = Builder::default();
        for (i, s) in lib.skills.iter().enumerate() {
            let mut fields = vec![(FieldKind::Name, s.name.clone())];
            fields.extend(s.aliases.iter().map(|a| (FieldKind::Alias, a.clone())));
            fields.push((FieldKind::Definition, s.definition.clone()));
            fields.push((FieldKind::InService, s.in_service.clone()));
            fields.push((FieldKind::Analogy, s.analogy.clone()));
            let mut titles = vec![normalize(&s.name)];
            titles.extend(s.aliases.iter().map(|a| normalize(a)));
            b.doc(DocRef::Skill(i), fields, titles);
        }
        for (i, p) in lib.phrases.iter().enumerate() {
            let mut fields = vec![(FieldKind::PhraseText, p.text.clone())];
            if let Some(instead) = &p.instead_of {
                fields.push((FieldKind::InsteadOf, instead.clone()));
            }
            fields.push((FieldKind::PhraseSkill, lib.skills[p.skill].name.clone()));
            if !p.situations.is_empty() {
                let labels: Vec<&str> = p.situations.iter().map(|&t| lib.tags[t].label.as_str()).collect();
                fields.push((FieldKind::PhraseSituations, labels.join(", ")));
            }
            b.doc(DocRef::Phrase(i), fields, Vec::new());
        }
        b.finish()
    }

    /// Number of searchable items (skills + phrase cards).
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when the library had nothing to index.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Library words matching a query word. When the query word is itself a word of the library,
    /// it was typed on purpose: typo and scattered-letter matches ("worry" for "sorry") go.
    fn match_term(&self, term: &Term) -> TermMatches {
        let mut m: TermMatches = self
            .vocab
            .iter()
            .enumerate()
            .filter_map(|(i, w)| term.score(&w.text, w.chars, w.mask, &self.fuzzy).map(|m| (i as u32, m)))
            .collect();
        if m.values().any(|(_, k)| *k == MatchKind::Exact) {
            m.retain(|_, (_, k)| matches!(k, MatchKind::Exact | MatchKind::Prefix(_)));
        }
        m
    }

    /// The best `limit` hits for `query`, best first. Every query word must match somewhere in
    /// a hit (in any order); an empty query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let mut terms: Vec<String> = words(query).into_iter().map(|w| w.norm).collect();
        terms.dedup();
        if terms.is_empty() || limit == 0 {
            return Vec::new();
        }
        let matched: Vec<TermMatches> = terms.iter().map(|t| self.match_term(&Term::new(t))).collect();

        let n = self.docs.len();
        let mut total = vec![0f32; n];
        let mut best = vec![0f32; n];
        let mut terms_hit = vec![0u16; n];
        let mut candidates: Vec<u32> = Vec::new();
        for (ti, m) in matched.iter().enumerate() {
            let mut touched: Vec<u32> = Vec::new();
            for (&w, &(score, _)) in m {
                for &f in &self.postings[w as usize] {
                    let field = &self.fields[f as usize];
                    let d = field.doc as usize;
                    if terms_hit[d] as usize != ti {
                        continue;
                    }
                    let s = score * field.kind.weight();
                    if best[d] == 0.0 {
                        touched.push(d as u32);
                    }
                    if s > best[d] {
                        best[d] = s;
                    }
                }
            }
            for &d in &touched {
                let d = d as usize;
                total[d] += best[d];
                best[d] = 0.0;
                terms_hit[d] += 1;
            }
            candidates = touched;
        }
        let whole = normalize(query.trim());
        let mut ranked: Vec<(f32, u32)> = candidates
            .into_iter()
            .map(|d| {
                let bonus = if self.docs[d as usize].titles.contains(&whole) {
                    150.0
                } else {
                    0.0
                };
                (total[d as usize] + bonus, d)
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.truncate(limit);

        let mut per_word: HashMap<u32, &MatchKind> = HashMap::new();
        for m in &matched {
            for (w, (_, kind)) in m {
                per_word
                    .entry(*w)
                    .and_modify(|k| {
                        if rank(kind) > rank(k) {
                            *k = kind
                        }
                    })
                    .or_insert(kind);
            }
        }
        ranked
            .into_iter()
            .map(|(score, d)| self.hit(d as usize, score, &per_word))
            .collect()
    }

    fn hit(&self, d: usize, score: f32, per_word: &HashMap<u32, &MatchKind>) -> Hit {
        let doc = &self.docs[d];
        let mut matches: Vec<(f32, FieldMatch)> = Vec::new();
        for f in doc.fields.clone() {
            let field = &self.fields[f as usize];
            let mut ranges: Vec<Range<usize>> = Vec::new();
            for (w, r) in &field.words {
                let Some(kind) = per_word.get(w) else { continue };
                let word_text = &field.text[r.clone()];
                match kind {
                    MatchKind::Exact | MatchKind::Typo => ranges.push(r.clone()),
                    MatchKind::Prefix(typed) => {
                        // Highlight only as many characters as were typed for this word.
                        let chars = crate::text::norm_char_ranges(word_text);
                        let end = chars.get(*typed).map_or(r.end, |c| r.start + c.start);
                        ranges.push(r.start..end);
                    }
                    MatchKind::Fuzzy(idx) => {
                        ranges.extend(
                            char_indices_to_byte_ranges(word_text, idx)
                                .into_iter()
                                .map(|x| x.start + r.start..x.end + r.start),
                        );
                    }
                }
            }
            if !ranges.is_empty() {
                ranges.sort_by_key(|r| r.start);
                let covered: usize = ranges.iter().map(|r| r.len()).sum();
                matches.push((
                    field.kind.weight() * covered as f32,
                    FieldMatch {
                        field: field.kind,
                        text: field.text.clone(),
                        ranges,
                    },
                ));
            }
        }
        matches.sort_by(|a, b| b.0.total_cmp(&a.0));
        Hit {
            target: doc.target,
            score: score.round() as u32,
            matches: matches.into_iter().map(|(_, m)| m).collect(),
        }
    }
}

fn rank(k: &MatchKind) -> u8 {
    match k {
        MatchKind::Exact => 3,
        MatchKind::Prefix(_) => 2,
        MatchKind::Typo => 1,
        MatchKind::Fuzzy(_) => 0,
    }
}

#[derive(Default)]
struct Builder {
    docs: Vec<Doc>,
    fields: Vec<Field>,
    vocab: Vec<VocabWord>,
    vocab_ix: HashMap<String, u32>,
    postings: Vec<Vec<u32>>,
}

impl Builder {
    fn doc(&mut self, target: DocRef, fields: Vec<(FieldKind, String)>, titles: Vec<String>) {
        let doc = self.docs.len() as u32;
        let start = self.fields.len() as u32;
        for (kind, text) in fields {
            let f = self.fields.len() as u32;
            let mut ws = Vec::new();
            for w in words(&text) {
                let id = match self.vocab_ix.get(&w.norm) {
                    Some(&id) => id,
                    None => {
                        let id = self.vocab.len() as u32;
                        self.vocab.push(VocabWord {
                            chars: w.norm.chars().count(),
                            mask: char_mask(&w.norm),
                            text: w.norm.clone(),
                        });
                        self.vocab_ix.insert(w.norm.clone(), id);
                        self.postings.push(Vec::new());
                        id
                    }
                };
                let post = &mut self.postings[id as usize];
                if post.last() != Some(&f) {
                    post.push(f);
                }
                ws.push((id, w.range));
            }
            self.fields.push(Field {
                doc,
                kind,
                text,
                words: ws,
            });
        }
        let end = self.fields.len() as u32;
        self.docs.push(Doc {
            target,
            fields: start..end,
            titles,
        });
    }

    fn finish(self) -> Index {
        Index {
            docs: self.docs,
            fields: self.fields,
            vocab: self.vocab,
            postings: self.postings,
            fuzzy: SkimMatcherV2::default(),
        }
    }
}
