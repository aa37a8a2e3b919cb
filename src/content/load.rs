//! Loading: RON text → [`RawPack`]s → one checked [`Library`], with a [`Problem`] for every bad
//! part. A file that is not RON is skipped whole; a bad entry or reference is skipped alone.

use super::model::*;
use super::placeholder;
use super::problem::{Locator, Problem};
use super::raw::*;
use crate::text::{did_you_mean, is_valid_id};
use std::collections::HashMap;
use std::path::Path;

mod huddle;

/// Largest content file we read, in bytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// One content file's text and the name to report it by.
#[derive(Debug, Clone)]
pub struct Source {
    /// How problems name the file.
    pub path: String,
    /// The RON text.
    pub text: String,
}

/// The result of loading: everything that was good, and what was not.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The checked content.
    pub library: Library,
    /// Every problem found, in file order.
    pub problems: Vec<Problem>,
}

/// Reads a pack file, or every `.ron` file in a folder (sorted by name, not recursive).
/// Unreadable, oversized or non-UTF-8 files become problems.
pub fn read_pack_path(path: &Path) -> (Vec<Source>, Vec<Problem>) {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    let at_start = |p: &Path, message: String| Problem {
        path: p.display().to_string(),
        line: 1,
        col: 1,
        message,
    };
    let files: Vec<std::path::PathBuf> = if path.is_dir() {
        match std::fs::read_dir(path) {
            Ok(entries) => {
                let mut v: Vec<_> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "ron") && p.is_file())
                    .collect();
                v.sort();
                v
            }
            Err(e) => {
                problems.push(at_start(path, format!("cannot read folder: {e}")));
                return (sources, problems);
            }
        }
    } else {
        vec![path.to_path_buf()]
    };
    for file in files {
        match std::fs::metadata(&file) {
            Ok(m) if m.len() > MAX_FILE_BYTES => {
                problems.push(at_start(
                    &file,
                    format!(
                        "file is {} bytes; content files are limited to {} bytes: split it into several packs",
                        m.len(),
                        MAX_FILE_BYTES
                    ),
                ));
                continue;
            }
            Ok(m) if !m.is_file() => {
                problems.push(at_start(
                    &file,
                    "not a regular file: give a .ron file or a folder".into(),
                ));
                continue;
            }
            Ok(_) => {}
            Err(e) => {
                problems.push(at_start(&file, format!("cannot read: {e}")));
                continue;
            }
        }
        match read_capped(&file) {
            Ok(None) => problems.push(at_start(
                &file,
                format!(
                    "file grew past {MAX_FILE_BYTES} bytes while being read; content files are limited to that: split it"
                ),
            )),
            Ok(Some(bytes)) => match String::from_utf8(bytes) {
                Ok(text) => sources.push(Source {
                    path: file.display().to_string(),
                    text,
                }),
                Err(e) => problems.push(at_start(
                    &file,
                    format!(
                        "not UTF-8 text (bad byte at offset {}): save it as UTF-8",
                        e.utf8_error().valid_up_to()
                    ),
                )),
            },
            Err(e) => problems.push(at_start(&file, format!("cannot read: {e}"))),
        }
    }
    (sources, problems)
}

/// Reads at most [`MAX_FILE_BYTES`]; `None` if the file holds more (the size on disk can lie).
fn read_capped(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= MAX_FILE_BYTES).then_some(bytes))
}

/// Parses one source; a parse error becomes a problem at the position RON reports.
fn parse(src: &Source) -> Result<RawPack, Problem> {
    let opts = ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    opts.from_str::<RawPack>(&src.text).map_err(|e| Problem {
        path: src.path.clone(),
        line: e.span.start.line.max(1),
        col: e.span.start.col.max(1),
        message: format!("not valid content RON: {}", e.code),
    })
}

/// Where an entry was defined: source index and byte offset.
#[derive(Clone, Copy)]
struct At {
    src: usize,
    offset: usize,
}

/// Loading state shared by the passes.
struct Loader<'a> {
    sources: &'a [Source],
    locators: Vec<Locator<'a>>,
    problems: Vec<Problem>,
    lib: Library,
    group_ix: HashMap<String, usize>,
    tag_group_ix: HashMap<String, usize>,
    framework_ix: HashMap<String, usize>,
    rule_ids: HashMap<String, At>,
    step_ids: HashMap<String, At>,
    defined_at: HashMap<(&'static str, String), At>,
    /// Per source and kind, how many entries with each id we have seen (to find the n-th).
    seen: HashMap<(usize, &'static str, String), usize>,
}

/// Loads sources in order (built-in first, then packs) into one library.
pub fn load(sources: &[Source]) -> Loaded {
    let mut ld = Loader {
        sources,
        locators: sources.iter().map(|s| Locator::new(&s.text)).collect(),
        problems: Vec::new(),
        lib: Library::default(),
        group_ix: HashMap::new(),
        tag_group_ix: HashMap::new(),
        framework_ix: HashMap::new(),
        rule_ids: HashMap::new(),
        step_ids: HashMap::new(),
        defined_at: HashMap::new(),
        seen: HashMap::new(),
    };
    let mut packs: Vec<(usize, RawPack)> = Vec::new();
    for (i, src) in sources.iter().enumerate() {
        match parse(src) {
            Ok(p) => packs.push((i, p)),
            Err(p) => ld.problems.push(p),
        }
    }
    for (s, p) in &packs {
        ld.groups(*s, &p.groups, false);
        ld.groups(*s, &p.tag_groups, true);
        ld.frameworks(*s, &p.frameworks);
    }
    // Where each accepted skill and tag entry sits; rejected ones (duplicates, missing fields)
    // are None and take no part in the second pass.
    let mut skill_at: Vec<Vec<Option<At>>> = Vec::new();
    let mut tag_at: Vec<Vec<Option<At>>> = Vec::new();
    for (s, p) in &packs {
        skill_at.push(p.skills.iter().map(|raw| ld.skill(*s, raw)).collect());
        tag_at.push(p.tags.iter().map(|raw| ld.tag(*s, raw)).collect());
    }
    for (k, (s, p)) in packs.iter().enumerate() {
        for (raw, at) in p.skills.iter().zip(&skill_at[k]) {
            if let Some(at) = at {
                ld.skill_refs(*at, raw);
            }
        }
        for raw in &p.phrases {
            ld.phrase(*s, raw);
        }
        for (raw, at) in p.tags.iter().zip(&tag_at[k]) {
            if let Some(at) = at {
                ld.tag_links(*at, raw);
            }
        }
        for raw in &p.rules {
            ld.rule(*s, raw);
        }
        for raw in &p.steps {
            ld.step(*s, raw);
        }
        ld.practice(*s, &p.practice);
        if let Some(h) = &p.huddle {
            ld.huddle(*s, h);
        }
    }
    // Plan steps run in conversation order; within a phase, in file order.
    ld.lib.steps.sort_by_key(|s| s.phase);
    for t in &mut ld.lib.tags {
        t.cue_words = t
            .cues
            .iter()
            .map(|c| crate::text::words(c).into_iter().map(|w| w.norm).collect())
            .collect();
    }
    for (s, p) in &packs {
        ld.vocabulary(*s, &p.vocabulary);
    }
    ld.lib.cue_table = super::vocabulary::CueTable::new(&ld.lib);
    ld.problems.sort_by_key(|p| {
        let src = sources.iter().position(|s| s.path == p.path).unwrap_or(usize::MAX);
        (src, p.line, p.col)
    });
    Loaded {
        library: ld.lib,
        problems: ld.problems,
    }
}

impl<'a> Loader<'a> {
    fn report(&mut self, at: At, message: String) {
        let (line, col) = self.locators[at.src].line_col(at.offset);
        self.problems.push(Problem {
            path: self.sources[at.src].path.clone(),
            line,
            col,
            message,
        });
    }

    fn where_is(&self, at: At) -> String {
        let (line, col) = self.locators[at.src].line_col(at.offset);
        format!("{}:{}:{}", self.sources[at.src].path, line, col)
    }

    /// Locates an entry by its id (the n-th such id of this kind in its file), else its list key.
    fn entry_at(&mut self, src: usize, kind: &'static str, list_key: &str, id: &str) -> At {
        let n = self.seen.entry((src, kind, id.to_string())).or_insert(0);
        let nth = *n;
        *n += 1;
        let loc = &self.locators[src];
        let offset = loc.find_id(id, nth).or_else(|| loc.find_key(0, list_key)).unwrap_or(0);
        At { src, offset }
    }

    /// Locates a quoted value after an entry's position (falls back to the entry).
    fn value_at(&self, entry: At, value: &str) -> At {
        let offset = self.locators[entry.src]
            .find_value(entry.offset, value)
            .unwrap_or(entry.offset);
        At { src: entry.src, offset }
    }

    /// Checks an id's form and uniqueness; records where it was defined.
    fn claim_id(&mut self, kind: &'static str, id: &str, at: At) -> bool {
        if id.trim().is_empty() {
            self.report(at, format!("{kind} without an id: add `id: \"some-name\"`"));
            return false;
        }
        if !is_valid_id(id) {
            self.report(
                at,
                format!("{kind} id \"{id}\" is not valid: use lowercase letters, digits and single dashes"),
            );
            return false;
        }
        if let Some(first) = self.defined_at.get(&(kind, id.to_string())).copied() {
            let first = self.where_is(first);
            self.report(at, format!("duplicate {kind} id \"{id}\" (first defined at {first})"));
            return false;
        }
        self.defined_at.insert((kind, id.to_string()), at);
        true
    }

    /// Reports each empty required field; true if all are filled.
    fn required(&mut self, at: At, kind: &str, id: &str, fields: &[(&str, &str)]) -> bool {
        let mut ok = true;
        for (name, value) in fields {
            if value.trim().is_empty() {
                self.report(at, format!("{kind} \"{id}\": `{name}` is empty or missing"));
                ok = false;
            }
        }
        ok
    }

    fn unknown(&mut self, at: At, kind: &str, value: &str, known: &HashMap<String, usize>) {
        let hint = did_you_mean(value, known.keys().map(String::as_str));
        self.report(self.value_at(at, value), format!("unknown {kind} \"{value}\"{hint}"));
    }

    fn groups(&mut self, src: usize, raws: &[RawGroup], tags: bool) {
        let (kind, key) = if tags {
            ("tag group", "tag_groups")
        } else {
            ("group", "groups")
        };
        for raw in raws {
            let at = self.entry_at(src, kind, key, &raw.id);
            if !self.claim_id(kind, &raw.id, at) || !self.required(at, kind, &raw.id, &[("name", &raw.name)]) {
                continue;
            }
            let g = Group {
                id: raw.id.clone(),
                name: raw.name.trim().to_string(),
                blurb: raw.blurb.trim().to_string(),
                specific: raw.specific,
            };
            if tags {
                self.tag_group_ix.insert(g.id.clone(), self.lib.tag_groups.len());
                self.lib.tag_groups.push(g);
            } else {
                self.group_ix.insert(g.id.clone(), self.lib.groups.len());
                self.lib.groups.push(g);
            }
        }
    }

    fn frameworks(&mut self, src: usize, raws: &[RawFramework]) {
        for raw in raws {
            let at = self.entry_at(src, "framework", "frameworks", &raw.id);
            if !self.claim_id("framework", &raw.id, at)
                || !self.required(
                    at,
                    "framework",
                    &raw.id,
                    &[("name", &raw.name), ("stands_for", &raw.stands_for)],
                )
            {
                continue;
            }
            self.framework_ix.insert(raw.id.clone(), self.lib.frameworks.len());
            self.lib.frameworks.push(Framework {
                id: raw.id.clone(),
                name: raw.name.trim().to_string(),
                stands_for: raw.stands_for.trim().to_string(),
                about: raw.about.trim().to_string(),
            });
        }
    }

    /// A skill with an existing id and no name adds to that skill; otherwise it is a new skill.
    fn is_extension(raw_name: &str, existing: bool) -> bool {
        existing && raw_name.trim().is_empty()
    }

    /// Adds a skill (or extends one); returns where it is when accepted.
    fn skill(&mut self, src: usize, raw: &RawSkill) -> Option<At> {
        let at = self.entry_at(src, "skill", "skills", &raw.id);
        if let Some(&ix) = self.lib.skill_ix.get(&raw.id)
            && Self::is_extension(&raw.name, true)
        {
            let s = &mut self.lib.skills[ix];
            for a in clean_list(&raw.aliases, false) {
                if !s.aliases.contains(&a) {
                    s.aliases.push(a);
                }
            }
            return Some(at);
        }
        if !self.claim_id("skill", &raw.id, at) {
            return None;
        }
        let filled = self.required(
            at,
            "skill",
            &raw.id,
            &[
                ("name", &raw.name),
                ("group", &raw.group),
                ("definition", &raw.definition),
            ],
        );
        if !filled {
            return None;
        }
        let Some(&group) = self.group_ix.get(&raw.group) else {
            let known = self.group_ix.clone();
            self.unknown(at, "group", &raw.group, &known);
            return None;
        };
        self.lib.skill_ix.insert(raw.id.clone(), self.lib.skills.len());
        self.lib.skills.push(Skill {
            id: raw.id.clone(),
            name: raw.name.trim().to_string(),
            group,
            aliases: clean_list(&raw.aliases, false),
            definition: raw.definition.trim().to_string(),
            in_service: raw.in_service.trim().to_string(),
            analogy: raw.analogy.trim().to_string(),
            related: Vec::new(),
            phrases: Vec::new(),
        });
        Some(at)
    }

    /// Second pass for an accepted skill entry at `at`: its related skills.
    fn skill_refs(&mut self, at: At, raw: &RawSkill) {
        let Some(&ix) = self.lib.skill_ix.get(&raw.id) else {
            return;
        };
        for r in &raw.related {
            match self.lib.skill_ix.get(r).copied() {
                Some(rel) if rel == ix => {
                    self.report(self.value_at(at, r), format!("skill \"{r}\" lists itself as related"))
                }
                Some(rel) => {
                    if !self.lib.skills[ix].related.contains(&rel) {
                        self.lib.skills[ix].related.push(rel);
                    }
                }
                None => {
                    let known = self.lib.skill_ix.clone();
                    self.unknown(at, "skill", r, &known);
                }
            }
        }
    }

    /// Adds a tag (or extends one); returns where it is when accepted.
    fn tag(&mut self, src: usize, raw: &RawTag) -> Option<At> {
        let at = self.entry_at(src, "tag", "tags", &raw.id);
        if let Some(&ix) = self.lib.tag_ix.get(&raw.id)
            && Self::is_extension(&raw.label, true)
        {
            let t = &mut self.lib.tags[ix];
            for c in clean_list(&raw.cues, true) {
                if !t.cues.contains(&c) {
                    t.cues.push(c);
                }
            }
            t.shouting |= raw.shouting;
            return Some(at);
        }
        if !self.claim_id("tag", &raw.id, at)
            || !self.required(at, "tag", &raw.id, &[("label", &raw.label), ("group", &raw.group)])
        {
            return None;
        }
        let Some(&group) = self.tag_group_ix.get(&raw.group) else {
            let known = self.tag_group_ix.clone();
            self.unknown(at, "tag group", &raw.group, &known);
            return None;
        };
        self.lib.tag_ix.insert(raw.id.clone(), self.lib.tags.len());
        self.lib.tags.push(Tag {
            id: raw.id.clone(),
            label: raw.label.trim().to_string(),
            group,
            description: raw.description.trim().to_string(),
            cues: clean_list(&raw.cues, true),
            cue_words: Vec::new(),
            shouting: raw.shouting,
            links: Vec::new(),
            channel: Channel::from_tag_id(&raw.id),
        });
        Some(at)
    }

    /// Resolves skill links (reported against the link's `skill:` value).
    fn links(&mut self, at: At, owner: &str, raws: &[(&str, i32, &str)]) -> Vec<Link> {
        let mut out = Vec::new();
        for &(skill, weight, why) in raws {
            let Some(&s) = self.lib.skill_ix.get(skill) else {
                let known = self.lib.skill_ix.clone();
                self.unknown(at, "skill", skill, &known);
                continue;
            };
            if why.trim().is_empty() {
                self.report(
                    self.value_at(at, skill),
                    format!("{owner}: the link to \"{skill}\" needs a `why`"),
                );
                continue;
            }
            out.push(Link {
                skill: s,
                weight,
                why: why.trim().to_string(),
                quiet_when: Vec::new(),
            });
        }
        out
    }

    /// Second pass for an accepted tag entry at `at`: its skill links.
    fn tag_links(&mut self, at: At, raw: &RawTag) {
        let Some(&ix) = self.lib.tag_ix.get(&raw.id) else {
            return;
        };
        let items: Vec<(&str, i32, &str)> = raw
            .skills
            .iter()
            .map(|l| (l.skill.as_str(), l.weight, l.why.as_str()))
            .collect();
        let mut links = self.links(at, &format!("tag \"{}\"", raw.id), &items);
        for link in &mut links {
            let quiet = raw
                .skills
                .iter()
                .find(|l| self.lib.skill_ix.get(&l.skill) == Some(&link.skill) && l.why.trim() == link.why)
                .map(|l| l.quiet_when.clone())
                .unwrap_or_default();
            link.quiet_when = self.tag_list(at, &quiet);
        }
        self.lib.tags[ix].links.extend(links);
    }

    fn tag_list(&mut self, at: At, ids: &[String]) -> Vec<usize> {
        let mut out = Vec::new();
        for t in ids {
            match self.lib.tag_ix.get(t) {
                Some(&i) => {
                    if !out.contains(&i) {
                        out.push(i)
                    }
                }
                None => {
                    let known = self.lib.tag_ix.clone();
                    self.unknown(at, "situation tag", t, &known);
                }
            }
        }
        out
    }

    fn skill_list(&mut self, at: At, ids: &[String]) -> Vec<usize> {
        let mut out = Vec::new();
        for s in ids {
            match self.lib.skill_ix.get(s) {
                Some(&i) => out.push(i),
                None => {
                    let known = self.lib.skill_ix.clone();
                    self.unknown(at, "skill", s, &known);
                }
            }
        }
        out
    }

    fn phrase(&mut self, src: usize, raw: &RawPhrase) {
        let at = self.entry_at(src, "phrase", "phrases", &raw.id);
        if !self.claim_id("phrase", &raw.id, at)
            || !self.required(at, "phrase", &raw.id, &[("skill", &raw.skill), ("text", &raw.text)])
        {
            return;
        }
        let Some(&skill) = self.lib.skill_ix.get(&raw.skill) else {
            let known = self.lib.skill_ix.clone();
            self.unknown(at, "skill", &raw.skill, &known);
            return;
        };
        if let Some(msg) = placeholder::check(&raw.text) {
            self.report(self.value_at(at, &raw.text), format!("phrase \"{}\": {msg}", raw.id));
            return;
        }
        let instead_of = raw.instead_of.as_deref().map(str::trim).filter(|s| !s.is_empty());
        if raw.instead_of.is_some() && instead_of.is_none() {
            self.report(
                at,
                format!(
                    "phrase \"{}\": `instead_of` is empty: remove it or say what it replaces",
                    raw.id
                ),
            );
        }
        let situations = self.tag_list(at, &raw.situations);
        let needs = self.tag_list(at, &raw.needs);
        let not_when = self.tag_list(at, &raw.not_when);
        if let Some(t) = not_when.iter().find(|t| needs.contains(t) || situations.contains(t)) {
            let id = self.lib.tags[*t].id.clone();
            self.report(
                self.value_at(at, &id),
                format!(
                    "phrase \"{}\": \"{id}\" is both a situation it fits and in `not_when`",
                    raw.id
                ),
            );
        }
        let phase = match raw.phase.as_deref().map(str::trim) {
            None => None,
            Some(p) => match Phase::from_id(p) {
                Some(ph) => Some(ph),
                None => {
                    let known = word_ix(Phase::ALL.iter().map(|p| p.id()));
                    self.unknown(at, "phase", p, &known);
                    None
                }
            },
        };
        let channels = self.phrase_channels(at, &raw.id, raw.channels.as_deref());
        let mut acts = Vec::new();
        for a in &raw.acts {
            match Act::from_id(a) {
                Some(act) if !acts.contains(&act) => acts.push(act),
                Some(_) => {}
                None => {
                    let known = word_ix(Act::ALL.iter().map(|a| a.id()));
                    self.unknown(at, "act", a, &known);
                }
            }
        }
        let ix = self.lib.phrases.len();
        self.lib.phrase_ix.insert(raw.id.clone(), ix);
        self.lib.skills[skill].phrases.push(ix);
        self.lib.phrases.push(Phrase {
            id: raw.id.clone(),
            skill,
            text: raw.text.trim().to_string(),
            instead_of: instead_of.map(str::to_string),
            note: raw.note.as_deref().unwrap_or_default().trim().to_string(),
            situations,
            needs,
            not_when,
            phase,
            channels,
            source: self.sources[src].path.clone(),
            acts,
            family: raw
                .family
                .as_deref()
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(str::to_string),
        });
    }

    /// A card's channel reading: channel ids, classes or `any`, expanded and in
    /// [`Channel::ALL`] order. Not given: the live channels; given but empty or all unknown:
    /// reported, and the live channels.
    fn phrase_channels(&mut self, at: At, id: &str, raw: Option<&[String]>) -> Vec<Channel> {
        let Some(words) = raw else {
            return Channel::live();
        };
        let mut set = Vec::new();
        for w in words {
            match Channel::expand(w.trim()) {
                Some(cs) => set.extend(cs),
                None => {
                    let known = word_ix(Channel::WORDS.iter().copied());
                    self.unknown(at, "channel", w, &known);
                }
            }
        }
        if set.is_empty() {
            if words.is_empty() {
                self.report(
                    at,
                    format!(
                        "phrase \"{id}\": `channels` is empty: say where it can be used ({}), or leave it out",
                        Channel::WORDS.join(", ")
                    ),
                );
            }
            return Channel::live();
        }
        Channel::ALL.into_iter().filter(|c| set.contains(c)).collect()
    }

    /// Vocabulary entries have no id: each is located by its first word, after the previous one.
    fn vocabulary(&mut self, src: usize, raws: &[super::vocabulary::RawVocab]) {
        let mut cursor = self.locators[src].find_key(0, "vocabulary").unwrap_or(0);
        for raw in raws {
            let first = raw.words.first().or(raw.cues.first());
            let offset = first.and_then(|w| self.locators[src].find_value(cursor, w));
            let at = At {
                src,
                offset: offset.unwrap_or(cursor),
            };
            cursor = at.offset;
            let (entry, bad, whole) = super::vocabulary::check(raw, &self.lib);
            for (kind, value) in bad {
                let known = match kind {
                    "skill" => &self.lib.skill_ix,
                    "phrase card" => &self.lib.phrase_ix,
                    _ => &self.lib.tag_ix,
                };
                let hint = did_you_mean(&value, known.keys().map(String::as_str));
                self.report(self.value_at(at, &value), format!("unknown {kind} \"{value}\"{hint}"));
            }
            if let Some(message) = whole {
                self.report(at, message);
            }
            self.lib.vocabulary.extend(entry);
        }
    }

    fn rule(&mut self, src: usize, raw: &RawRule) {
        let at = self.entry_at(src, "rule", "rules", &raw.id);
        if raw.id.trim().is_empty() || !is_valid_id(&raw.id) {
            self.claim_id("rule", &raw.id, at);
            return;
        }
        if let Some(first) = self.rule_ids.get(&raw.id).copied() {
            let first = self.where_is(first);
            self.report(
                at,
                format!("duplicate rule id \"{}\" (first defined at {first})", raw.id),
            );
            return;
        }
        self.rule_ids.insert(raw.id.clone(), at);
        if raw.when.is_empty() {
            self.report(at, format!("rule \"{}\": `when` needs at least one tag", raw.id));
            return;
        }
        let before = self.problems.len();
        let when = self.tag_list(at, &raw.when);
        if self.problems.len() > before {
            return;
        }
        let items: Vec<(&str, i32, &str)> = raw
            .adjust
            .iter()
            .map(|a| (a.skill.as_str(), a.by, a.why.as_str()))
            .collect();
        let adjust = self.links(at, &format!("rule \"{}\"", raw.id), &items);
        self.lib.rules.push(Rule {
            id: raw.id.clone(),
            when,
            adjust,
        });
    }

    fn step(&mut self, src: usize, raw: &RawStep) {
        let at = self.entry_at(src, "step", "steps", &raw.id);
        if raw.id.trim().is_empty() || !is_valid_id(&raw.id) {
            self.claim_id("step", &raw.id, at);
            return;
        }
        if let Some(first) = self.step_ids.get(&raw.id).copied() {
            let first = self.where_is(first);
            self.report(
                at,
                format!("duplicate step id \"{}\" (first defined at {first})", raw.id),
            );
            return;
        }
        self.step_ids.insert(raw.id.clone(), at);
        if !self.required(
            at,
            "step",
            &raw.id,
            &[("title", &raw.title), ("guidance", &raw.guidance)],
        ) {
            return;
        }
        let Some(phase) = Phase::from_id(raw.phase.trim()) else {
            if raw.phase.trim().is_empty() {
                self.report(
                    at,
                    format!(
                        "step \"{}\": `phase` is empty or missing (one of: {})",
                        raw.id,
                        Phase::ALL.map(Phase::id).join(", ")
                    ),
                );
            } else {
                let known = word_ix(Phase::ALL.iter().map(|p| p.id()));
                self.unknown(at, "phase", &raw.phase, &known);
            }
            return;
        };
        let mut from = Vec::new();
        for f in &raw.from {
            match self.framework_ix.get(&f.framework) {
                Some(&i) => from.push((i, f.part.trim().to_string())),
                None => {
                    let known = self.framework_ix.clone();
                    self.unknown(at, "framework", &f.framework, &known);
                }
            }
        }
        let skills = self.skill_list(at, &raw.skills);
        let when_any = self.tag_list(at, &raw.when_any);
        let unless_any = self.tag_list(at, &raw.unless_any);
        self.lib.steps.push(Step {
            id: raw.id.clone(),
            title: raw.title.trim().to_string(),
            guidance: raw.guidance.trim().to_string(),
            written_guidance: Some(raw.written_guidance.trim().to_string()).filter(|g| !g.is_empty()),
            phase,
            from,
            skills,
            when_any,
            unless_any,
        });
    }
}

/// A closed list of words (phases, channels, acts) as a lookup for "did you mean".
fn word_ix<'w>(words: impl Iterator<Item = &'w str>) -> HashMap<String, usize> {
    words.enumerate().map(|(i, w)| (w.to_string(), i)).collect()
}

/// Trims a list of words (lowercasing them when `lower`), dropping empty ones and repeats.
fn clean_list(items: &[String], lower: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        let t = if lower {
            i.trim().to_lowercase()
        } else {
            i.trim().to_string()
        };
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}
