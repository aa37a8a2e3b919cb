//! The search index and its query function.

use super::matcher::{MatchKind, Term, char_mask};
use crate::content::Library;
use crate::text::{cap_chars, char_indices_to_byte_ranges, stem, words};
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Longest query read, in characters; the rest is ignored (the window says so). A rep types a
/// few words; a pasted paragraph is cut here so a keystroke stays cheap.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most distinct words of a query that are looked up.
pub const MAX_QUERY_WORDS: usize = 32;
/// Partial matches shown after the results that have every word, at most.
const MAX_PARTIAL: usize = 10;
/// A card shares this part of a match on one of its situations.
const SITUATION_SHARE: f32 = 0.4;
/// Score of a library word that is another form of the query word.
const STEM_SCORE: f32 = 92.0;

/// What a search hit points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "lowercase")]
pub enum DocRef {
    /// A skill (index into `Library::skills`).
    Skill(usize),
    /// A phrase card (index into `Library::phrases`).
    Phrase(usize),
    /// A situation tag of the tough-call helper (index into `Library::tags`).
    Tag(usize),
}

/// Which text of a skill, phrase or tag a match is in.
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
    /// A situation tag's label.
    TagLabel,
    /// A situation tag's description.
    TagDescription,
    /// A situation tag's cue words (what customers say).
    TagCues,
    /// Everyday words from the vocabulary that lead here.
    Everyday,
}

impl FieldKind {
    /// How much a match in this field counts: a skill's name or alias beats a tag, which beats
    /// a word in a card's body.
    fn weight(self) -> f32 {
        match self {
            FieldKind::Name => 3.0,
            FieldKind::Alias => 2.4,
            FieldKind::Everyday => 2.3,
            FieldKind::TagLabel => 2.0,
            FieldKind::TagCues => 1.5,
            FieldKind::PhraseText => 1.2,
            FieldKind::Definition => 1.0,
            FieldKind::InsteadOf | FieldKind::TagDescription => 0.9,
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
    /// True when every query word (fillers aside) matched; hits with every word come first,
    /// the closest partial matches after them.
    pub all_words: bool,
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
    weight: f32,
    text: String,
    /// (vocabulary word, byte range in `text`) for each word.
    words: Vec<(u32, Range<usize>)>,
}

struct Doc {
    target: DocRef,
    fields: Range<u32>,
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
    word_ix: HashMap<String, u32>,
    /// Stem → the library words with that stem.
    stems: HashMap<String, Vec<u32>>,
    postings: Vec<Vec<u32>>,
    /// Per tag: the doc of the tag, and the docs of the cards that list it as a situation.
    tag_docs: Vec<(u32, Vec<u32>)>,
    /// Words that never decide a search alone (from the vocabulary).
    filler: HashSet<String>,
    /// Titles that, typed in full, make a doc the top hit (a skill's name and aliases, a tag's
    /// label, an everyday phrase) → those docs.
    titles: HashMap<String, Vec<u32>>,
    /// Word ids in text order (prefix look-up by binary search).
    sorted: Vec<u32>,
    /// Per word: whether it is in a skill name, an alias or a tag label.
    title_word: Vec<bool>,
    fuzzy: SkimMatcherV2,
}

/// Best match per library word for one query term: (word, score, kind), each word once.
type TermMatches = Vec<(u32, f32, MatchKind)>;
/// Most fields of a hit returned with their text for highlighting (the best ones).
const MAX_FIELD_MATCHES: usize = 4;

/// Per-query scratch: one slot per doc.
struct Tally {
    total: Vec<f32>,
    best: Vec<f32>,
    required: Vec<u32>,
    seen: Vec<bool>,
    candidates: Vec<u32>,
}

impl Index {
    /// Builds the index over every skill, phrase card and situation tag of `lib`, with the
    /// vocabulary's everyday words.
    pub fn new(lib: &Library) -> Index {
        let mut b = Builder::default();
        let mut everyday_skill: Vec<Vec<(usize, f32, String)>> = vec![Vec::new(); lib.skills.len()];
        let mut everyday_tag: Vec<Vec<String>> = vec![Vec::new(); lib.tags.len()];
        let mut everyday_card: HashMap<usize, Vec<String>> = HashMap::new();
        let mut filler = HashSet::new();
        // An everyday phrase typed in full makes what it leads to first (the tag, else the
        // first skill), as a skill's name does.
        let mut titles_skill: Vec<Vec<String>> = vec![Vec::new(); lib.skills.len()];
        let mut titles_tag: Vec<Vec<String>> = vec![Vec::new(); lib.tags.len()];
        for e in lib.vocabulary.iter().filter(|e| !e.filler) {
            let norms = e.words.iter().map(|w| title_key(w));
            match (e.tags.first(), e.skills.first()) {
                (Some(_), _) => e.tags.iter().for_each(|&t| titles_tag[t].extend(norms.clone())),
                (None, Some(&s)) => titles_skill[s].extend(norms),
                _ => {}
            }
        }
        for e in &lib.vocabulary {
            if e.filler {
                filler.extend(e.words.iter().flat_map(|w| words(w)).map(|w| w.norm));
            }
            let text = e.words.join(", ");
            if text.is_empty() {
                continue;
            }
            // Words about a situation lead to its tag first, then to the skills for it.
            let skill_factor = if e.tags.is_empty() { 1.0 } else { 0.8 };
            for (rank, &s) in e.skills.iter().enumerate() {
                everyday_skill[s].push((rank, skill_factor, text.clone()));
            }
            for &t in &e.tags {
                everyday_tag[t].push(text.clone());
            }
            for &c in &e.cards {
                everyday_card.entry(c).or_default().push(text.clone());
            }
        }
        for (i, s) in lib.skills.iter().enumerate() {
            let mut fields = vec![(FieldKind::Name, 1.0, s.name.clone())];
            fields.extend(s.aliases.iter().map(|a| (FieldKind::Alias, 1.0, a.clone())));
            for (rank, factor, text) in &everyday_skill[i] {
                // The skill listed first for a word leads; later ones follow it.
                let factor = factor * (1.0 - 0.06 * (*rank).min(5) as f32);
                fields.push((FieldKind::Everyday, factor, text.clone()));
            }
            fields.push((FieldKind::Definition, 1.0, s.definition.clone()));
            fields.push((FieldKind::InService, 1.0, s.in_service.clone()));
            fields.push((FieldKind::Analogy, 1.0, s.analogy.clone()));
            let mut titles = vec![title_key(&s.name)];
            titles.extend(s.aliases.iter().map(|a| title_key(a)));
            titles.append(&mut titles_skill[i]);
            b.doc(DocRef::Skill(i), fields, titles);
        }
        let mut tag_cards: Vec<Vec<u32>> = vec![Vec::new(); lib.tags.len()];
        for (i, p) in lib.phrases.iter().enumerate() {
            let mut fields = vec![(FieldKind::PhraseText, 1.0, p.text.clone())];
            if let Some(instead) = &p.instead_of {
                fields.push((FieldKind::InsteadOf, 1.0, instead.clone()));
            }
            for text in everyday_card.get(&i).into_iter().flatten() {
                fields.push((FieldKind::Everyday, 0.7, text.clone()));
            }
            fields.push((FieldKind::PhraseSkill, 1.0, lib.skills[p.skill].name.clone()));
            if !p.situations.is_empty() {
                let labels: Vec<&str> = p.situations.iter().map(|&t| lib.tags[t].label.as_str()).collect();
                fields.push((FieldKind::PhraseSituations, 1.0, labels.join(", ")));
            }
            for &t in &p.situations {
                tag_cards[t].push(b.docs.len() as u32);
            }
            b.doc(DocRef::Phrase(i), fields, Vec::new());
        }
        let mut tag_docs = Vec::with_capacity(lib.tags.len());
        for ((i, t), cards) in lib.tags.iter().enumerate().zip(tag_cards) {
            let mut fields = vec![(FieldKind::TagLabel, 1.0, t.label.clone())];
            for text in &everyday_tag[i] {
                fields.push((FieldKind::Everyday, 1.0, text.clone()));
            }
            if !t.cues.is_empty() {
                fields.push((FieldKind::TagCues, 1.0, t.cues.join(", ")));
            }
            let vocab_cues: Vec<&str> = lib
                .vocabulary
                .iter()
                .filter(|e| e.tags.contains(&i))
                .flat_map(|e| e.cues.iter().map(String::as_str))
                .collect();
            if !vocab_cues.is_empty() {
                fields.push((FieldKind::TagCues, 0.9, vocab_cues.join(", ")));
            }
            if !t.description.is_empty() {
                fields.push((FieldKind::TagDescription, 1.0, t.description.clone()));
            }
            tag_docs.push((b.docs.len() as u32, cards));
            let mut titles = vec![title_key(&t.label)];
            titles.append(&mut titles_tag[i]);
            b.doc(DocRef::Tag(i), fields, titles);
        }
        b.finish(tag_docs, filler)
    }

    /// Number of searchable items (skills, phrase cards and tags).
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when the library had nothing to index.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Library words matching a query word: the same word, another form of it (same stem), a
    /// word it starts (only while `typing` it, or when nothing else matches), a typo or
    /// scattered letters. When the query word is itself a word of the library, it was typed on
    /// purpose: typo and scattered-letter matches ("worry" for "sorry") go.
    fn match_term(&self, text: &str, typing: bool) -> TermMatches {
        let mut m: TermMatches = Vec::new();
        if let Some(&w) = self.word_ix.get(text) {
            m.push((w, 100.0, MatchKind::Exact));
        }
        for &w in self.stems.get(&stem(text)).into_iter().flatten() {
            if !m.iter().any(|x| x.0 == w) {
                m.push((w, STEM_SCORE, MatchKind::Stem));
            }
        }
        if !m.is_empty() && !typing {
            return m;
        }
        let exact = !m.is_empty();
        let known = m.len();
        let term = Term::new(text);
        if exact || text.chars().count() == 1 {
            // Only longer words it starts: found by binary search in the sorted word list. A
            // single letter only reaches names, aliases and tag labels (it is barely a query).
            let from = self
                .sorted
                .partition_point(|&i| self.vocab[i as usize].text.as_str() < text);
            for &i in &self.sorted[from..] {
                let w = &self.vocab[i as usize];
                if !w.text.starts_with(text) {
                    break;
                }
                if w.text.len() > text.len()
                    && (exact || self.title_word[i as usize])
                    && !m[..known].iter().any(|x| x.0 == i)
                {
                    m.push((
                        i,
                        term.score(&w.text, w.chars, w.mask, &self.fuzzy).map_or(60.0, |x| x.0),
                        MatchKind::Prefix(term_chars(text)),
                    ));
                }
            }
            return m;
        }
        for (i, w) in self.vocab.iter().enumerate() {
            let i = i as u32;
            if let Some((score, kind)) = term.score(&w.text, w.chars, w.mask, &self.fuzzy) {
                if kind == MatchKind::Exact || (exact && !matches!(kind, MatchKind::Prefix(_))) {
                    continue;
                }
                if !m[..known].iter().any(|x| x.0 == i) {
                    m.push((i, score, kind));
                }
            }
        }
        m
    }

    /// The best `limit` hits for `query`, best first: those with every query word (in any
    /// order; filler words like "customer" optional) first, then the closest partial matches.
    /// An empty query finds nothing. Only the first [`MAX_QUERY_CHARS`] characters count.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let (mut query, capped) = cap_chars(query, MAX_QUERY_CHARS);
        if capped {
            // The word cut in two at the cap is not searched.
            query = query.rfind(char::is_whitespace).map_or(query, |i| &query[..=i]);
        }
        let typing_last = !query.ends_with(char::is_whitespace);
        let mut terms: Vec<String> = Vec::new();
        for w in words(query) {
            if !terms.contains(&w.norm) && terms.len() < MAX_QUERY_WORDS {
                terms.push(w.norm);
            }
        }
        if terms.is_empty() || limit == 0 {
            return Vec::new();
        }
        let last = terms.len() - 1;
        let all_filler = terms.iter().all(|t| self.filler.contains(t));
        let required: Vec<bool> = terms.iter().map(|t| all_filler || !self.filler.contains(t)).collect();
        let need = required.iter().filter(|&&r| r).count() as u32;
        let matched: Vec<TermMatches> = terms
            .iter()
            .enumerate()
            .map(|(i, t)| self.match_term(t, i == last && typing_last))
            .collect();

        let n = self.docs.len();
        let mut tally = Tally {
            total: vec![0f32; n],
            best: vec![0f32; n],
            required: vec![0u32; n],
            seen: vec![false; n],
            candidates: Vec::new(),
        };
        for (m, &req) in matched.iter().zip(&required) {
            self.add_term(m, req, &mut tally);
        }
        let whole = terms.join(" ");
        let titled: &[u32] = self.titles.get(&whole).map_or(&[], Vec::as_slice);
        let bonus = |d: u32| if titled.contains(&d) { 150.0 } else { 0.0 };
        let mut ranked: Vec<(bool, f32, u32)> = tally
            .candidates
            .iter()
            .map(|&d| {
                let all = tally.required[d as usize] >= need;
                // Partial matches: more of the words first, then the score.
                let partial_rank = tally.required[d as usize] as f32 * 1000.0;
                let score = tally.total[d as usize] + bonus(d);
                (all, if all { score } else { partial_rank + score }, d)
            })
            .collect();
        let order =
            |a: &(bool, f32, u32), b: &(bool, f32, u32)| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2));
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit - 1, order);
            ranked.truncate(limit);
        }
        ranked.sort_by(order);
        let complete = ranked.iter().filter(|r| r.0).count();
        if complete > 0 {
            ranked.truncate(complete + MAX_PARTIAL);
        }

        // The best kind of match per library word, for highlighting (dense: one slot per word).
        let mut per_word: Vec<Option<&MatchKind>> = vec![None; self.vocab.len()];
        for m in &matched {
            for (w, _, kind) in m {
                let slot = &mut per_word[*w as usize];
                if slot.is_none_or(|k| rank(kind) > rank(k)) {
                    *slot = Some(kind);
                }
            }
        }
        ranked
            .into_iter()
            .map(|(all, _, d)| {
                let d = d as usize;
                let score = tally.total[d] + bonus(d as u32);
                self.hit(d, score, all, &per_word)
            })
            .collect()
    }

    /// Adds one query term's best match per doc to the tally; a tag's match is shared with the
    /// cards that list it as a situation.
    fn add_term(&self, m: &TermMatches, required: bool, t: &mut Tally) {
        let mut touched: Vec<u32> = Vec::new();
        for &(w, score, _) in m {
            for &f in &self.postings[w as usize] {
                let field = &self.fields[f as usize];
                let d = field.doc as usize;
                let s = score * field.weight;
                if t.best[d] == 0.0 {
                    touched.push(d as u32);
                }
                if s > t.best[d] {
                    t.best[d] = s;
                }
            }
        }
        let tags: Vec<(u32, f32)> = touched
            .iter()
            .filter_map(|&d| match self.docs[d as usize].target {
                DocRef::Tag(tag) => Some((tag as u32, t.best[d as usize])),
                _ => None,
            })
            .collect();
        for (tag, s) in tags {
            for &c in &self.tag_docs[tag as usize].1 {
                let c = c as usize;
                let shared = s * SITUATION_SHARE;
                if t.best[c] == 0.0 {
                    touched.push(c as u32);
                }
                if shared > t.best[c] {
                    t.best[c] = shared;
                }
            }
        }
        for &d in &touched {
            let d = d as usize;
            t.total[d] += t.best[d];
            t.best[d] = 0.0;
            if required {
                t.required[d] = t.required[d].saturating_add(1);
            }
            if !t.seen[d] {
                t.seen[d] = true;
                t.candidates.push(d as u32);
            }
        }
    }

    fn hit(&self, d: usize, score: f32, all_words: bool, per_word: &[Option<&MatchKind>]) -> Hit {
        let doc = &self.docs[d];
        let mut matches: Vec<(f32, u32, Vec<Range<usize>>)> = Vec::new();
        for f in doc.fields.clone() {
            let field = &self.fields[f as usize];
            let mut ranges: Vec<Range<usize>> = Vec::new();
            for (w, r) in &field.words {
                let Some(kind) = per_word[*w as usize] else { continue };
                let word_text = &field.text[r.clone()];
                match kind {
                    MatchKind::Exact | MatchKind::Stem | MatchKind::Typo => ranges.push(r.clone()),
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
                matches.push((field.weight * covered as f32, f, ranges));
            }
        }
        matches.sort_by(|a, b| b.0.total_cmp(&a.0));
        matches.truncate(MAX_FIELD_MATCHES);
        let matches = matches
            .into_iter()
            .map(|(_, f, ranges)| {
                let field = &self.fields[f as usize];
                FieldMatch {
                    field: field.kind,
                    text: field.text.clone(),
                    ranges,
                }
            })
            .collect();
        Hit {
            target: doc.target,
            score: score.round().clamp(0.0, u32::MAX as f32) as u32,
            all_words,
            matches,
        }
    }
}

/// A title or a query as its words ("Self-control" and "self control" meet).
fn title_key(text: &str) -> String {
    words(text).into_iter().map(|w| w.norm).collect::<Vec<_>>().join(" ")
}

fn term_chars(text: &str) -> usize {
    text.chars().count()
}

fn rank(k: &MatchKind) -> u8 {
    match k {
        MatchKind::Exact => 4,
        MatchKind::Stem => 3,
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
    titles: HashMap<String, Vec<u32>>,
}

impl Builder {
    /// Adds a doc with its fields: (kind, weight factor, text).
    fn doc(&mut self, target: DocRef, fields: Vec<(FieldKind, f32, String)>, titles: Vec<String>) {
        let doc = self.docs.len() as u32;
        let start = self.fields.len() as u32;
        for (kind, factor, text) in fields {
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
                weight: kind.weight() * factor,
                text,
                words: ws,
            });
        }
        let end = self.fields.len() as u32;
        for t in titles {
            let docs = self.titles.entry(t).or_default();
            if docs.last() != Some(&doc) {
                docs.push(doc);
            }
        }
        self.docs.push(Doc {
            target,
            fields: start..end,
        });
    }

    fn finish(self, tag_docs: Vec<(u32, Vec<u32>)>, filler: HashSet<String>) -> Index {
        let mut sorted: Vec<u32> = (0..self.vocab.len() as u32).collect();
        sorted.sort_by(|&a, &b| self.vocab[a as usize].text.cmp(&self.vocab[b as usize].text));
        let mut title_word = vec![false; self.vocab.len()];
        for f in &self.fields {
            if matches!(f.kind, FieldKind::Name | FieldKind::Alias | FieldKind::TagLabel) {
                for (w, _) in &f.words {
                    title_word[*w as usize] = true;
                }
            }
        }
        let mut stems: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, w) in self.vocab.iter().enumerate() {
            stems.entry(stem(&w.text)).or_default().push(i as u32);
        }
        Index {
            docs: self.docs,
            fields: self.fields,
            vocab: self.vocab,
            word_ix: self.vocab_ix,
            stems,
            postings: self.postings,
            tag_docs,
            filler,
            titles: self.titles,
            sorted,
            title_word,
            fuzzy: SkimMatcherV2::default(),
        }
    }
}
