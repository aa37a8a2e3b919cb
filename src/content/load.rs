//! Loading: RON text → [`RawPack`]s → one checked [`Library`], with a [`Problem`] for every bad
//! part. A file that is not RON is skipped whole; a bad entry or reference is skipped alone.

use super::hints::{Hints, Ids};
use super::locate::Locator;
use super::model::*;
use super::placeholder;
use super::problem::{Problem, ProblemKind, Severity};
use super::raw::*;
use crate::text::is_valid_id;
use std::collections::{HashMap, HashSet};
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

/// Why a content file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The folder could not be listed.
    #[error("cannot read folder: {0}")]
    Folder(#[source] std::io::Error),
    /// Opening or reading failed.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// A FIFO, device, socket or folder where a file was expected.
    #[error("not a regular file: give a .ron file or a folder")]
    NotRegular,
    /// Over [`MAX_FILE_BYTES`] on disk.
    #[error("file is {0} bytes; content files are limited to {MAX_FILE_BYTES} bytes: split it into several packs")]
    TooLarge(u64),
    /// Grew past [`MAX_FILE_BYTES`] while being read.
    #[error("file grew past {MAX_FILE_BYTES} bytes while being read; content files are limited to that: split it")]
    Grew,
    /// Not UTF-8 text.
    #[error("not UTF-8 text (bad byte at offset {0}): save it as UTF-8")]
    NotUtf8(usize),
}

/// True for a file name ending in `.ron`, in any case (`pack.RON` too).
fn is_ron(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

/// Reads a pack file, or every `.ron` file in a folder (sorted by name, not recursive; the
/// extension in any case). Only regular files are read, at most [`MAX_FILE_BYTES`] of them:
/// unreadable, special, oversized or non-UTF-8 files become problems, and nothing blocks.
pub fn read_pack_path(path: &Path) -> (Vec<Source>, Vec<Problem>) {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    let at_start = |p: &Path, e: ReadError| {
        Problem::error(p.display().to_string(), (1, 1), ProblemKind::Unreadable, e.to_string())
    };
    let files: Vec<std::path::PathBuf> = if path.is_dir() {
        match std::fs::read_dir(path) {
            Ok(entries) => {
                let mut v: Vec<_> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| is_ron(p) && p.is_file())
                    .collect();
                v.sort();
                v
            }
            Err(e) => {
                problems.push(at_start(path, ReadError::Folder(e)));
                return (sources, problems);
            }
        }
    } else {
        vec![path.to_path_buf()]
    };
    for file in files {
        match read_text(&file) {
            Ok(text) => sources.push(Source {
                path: file.display().to_string(),
                text,
            }),
            Err(e) => problems.push(at_start(&file, e)),
        }
    }
    (sources, problems)
}

/// Reads one content file as text, refusing anything but a regular file of at most
/// [`MAX_FILE_BYTES`].
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let bytes = read_regular_capped(path, MAX_FILE_BYTES)?;
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8(e.utf8_error().valid_up_to()))
}

/// Opens `path` without blocking (a FIFO would block a plain open until a writer comes), checks
/// on the open handle that it is a regular file of at most `cap` bytes, and reads at most that.
pub fn read_regular_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > cap {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::Grew);
    }
    Ok(bytes)
}

/// The text without a leading UTF-8 byte-order mark (editors on Windows add one).
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Parses one source; a parse error becomes a problem at the position RON reports.
fn parse(src: &Source) -> Result<RawPack, Problem> {
    let opts = ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    opts.from_str::<RawPack>(without_bom(&src.text)).map_err(|e| {
        Problem::error(
            src.path.clone(),
            (e.span.start.line.max(1), e.span.start.col.max(1)),
            ProblemKind::Syntax,
            format!("not valid content RON: {}", e.code),
        )
    })
}

/// Where an entry was defined: source index, the byte offset to report (its id, else its
/// start) and the byte range of the whole entry (where its values are looked for).
#[derive(Clone, Copy)]
struct At {
    src: usize,
    offset: usize,
    start: usize,
    end: usize,
}

/// Most problems listed per file; past that they are only counted (one line says how many
/// more), so a file with a problem on every line cannot flood the window or the terminal.
pub const MAX_PROBLEMS_PER_FILE: usize = 1000;

/// Problems of one file past [`MAX_PROBLEMS_PER_FILE`].
#[derive(Debug, Clone, Default)]
struct Hidden {
    listed: usize,
    more: usize,
    errors: bool,
    first: Option<usize>,
}

/// The documented range of a tag link's `weight` and a rule's `by`; values outside are clamped
/// (with a warning), so one huge number cannot overflow a sum or push every other skill out.
pub const WEIGHT_RANGE: std::ops::RangeInclusive<i32> = -100..=100;

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
    /// Per source and list key, how many entries we have located (the next one is the n-th).
    seen: HashMap<(usize, String), usize>,
    /// "Did you mean" for unknown references, with bounded work.
    hints: Hints,
    /// Per source, problems listed and those only counted.
    hidden: Vec<Hidden>,
    /// Aliases and cues already on a skill or tag that packs extend (no quadratic `contains`).
    alias_sets: HashMap<usize, HashSet<String>>,
    cue_sets: HashMap<usize, HashSet<String>>,
    /// (skill, related skill) pairs already linked.
    related_pairs: HashSet<(usize, usize)>,
}

/// Loads sources in order (built-in first, then packs) into one library.
pub fn load(sources: &[Source]) -> Loaded {
    let mut ld = Loader {
        sources,
        locators: sources.iter().map(|s| Locator::new(without_bom(&s.text))).collect(),
        problems: Vec::new(),
        lib: Library::default(),
        group_ix: HashMap::new(),
        tag_group_ix: HashMap::new(),
        framework_ix: HashMap::new(),
        rule_ids: HashMap::new(),
        step_ids: HashMap::new(),
        defined_at: HashMap::new(),
        seen: HashMap::new(),
        hints: Hints::default(),
        hidden: vec![Hidden::default(); sources.len()],
        alias_sets: HashMap::new(),
        cue_sets: HashMap::new(),
        related_pairs: HashSet::new(),
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
    let order: HashMap<&str, usize> = sources
        .iter()
        .enumerate()
        .rev()
        .map(|(i, s)| (s.path.as_str(), i))
        .collect();
    for (src, h) in ld.hidden.iter().enumerate() {
        if h.more > 0 {
            let pos = ld.locators[src].line_col(h.first.unwrap_or(0));
            let mut p = Problem::error(
                sources[src].path.clone(),
                pos,
                ProblemKind::Invalid,
                format!(
                    "{} more problem(s) in this file from here on, not listed: only the first {MAX_PROBLEMS_PER_FILE} are",
                    h.more
                ),
            );
            if !h.errors {
                p.severity = Severity::Warning;
            }
            ld.problems.push(p);
        }
    }
    ld.problems
        .sort_by_cached_key(|p| (order.get(p.path.as_str()).copied().unwrap_or(usize::MAX), p.line, p.col));
    Loaded {
        library: ld.lib,
        problems: ld.problems,
    }
}

impl<'a> Loader<'a> {
    /// Records an error of a given kind at `at`.
    fn report_as(&mut self, at: At, kind: ProblemKind, message: String) {
        self.push(at, kind, Severity::Error, message);
    }

    /// Records a warning: the entry loaded, adjusted.
    fn warn(&mut self, at: At, kind: ProblemKind, message: String) {
        self.push(at, kind, Severity::Warning, message);
    }

    /// Records a problem, or past [`MAX_PROBLEMS_PER_FILE`] in its file only counts it.
    fn push(&mut self, at: At, kind: ProblemKind, severity: Severity, message: String) {
        let hidden = &mut self.hidden[at.src];
        if hidden.listed >= MAX_PROBLEMS_PER_FILE {
            hidden.more += 1;
            hidden.errors |= severity == Severity::Error;
            hidden.first.get_or_insert(at.offset);
            return;
        }
        hidden.listed += 1;
        let pos = self.locators[at.src].line_col(at.offset);
        let mut p = Problem::error(self.sources[at.src].path.clone(), pos, kind, message);
        p.severity = severity;
        self.problems.push(p);
    }

    fn where_is(&self, at: At) -> String {
        let (line, col) = self.locators[at.src].line_col(at.offset);
        format!("{}:{}:{}", self.sources[at.src].path, line, col)
    }

    /// Locates the next entry of `list_key` in file `src` (entries are visited in file order):
    /// its `id` value if it has one, else its start. `_kind` and `_id` only name the call.
    fn entry_at(&mut self, src: usize, _kind: &'static str, list_key: &str, _id: &str) -> At {
        let n = self.seen.entry((src, list_key.to_string())).or_insert(0);
        let nth = *n;
        *n += 1;
        match self.locators[src].entry(list_key, nth) {
            Some(e) => At {
                src,
                offset: e.id.unwrap_or(e.start),
                start: e.start,
                end: e.end,
            },
            None => At {
                src,
                offset: 0,
                start: 0,
                end: 0,
            },
        }
    }

    /// Locates a string value inside an entry (falls back to the entry).
    fn value_at(&self, entry: At, value: &str) -> At {
        let offset = self.locators[entry.src]
            .find_string(value, entry.start..entry.end)
            .unwrap_or(entry.offset);
        At { offset, ..entry }
    }

    /// Checks an id's form and uniqueness; records where it was defined.
    fn claim_id(&mut self, kind: &'static str, id: &str, at: At) -> bool {
        if id.trim().is_empty() {
            self.report_as(
                at,
                ProblemKind::BadId,
                format!("{kind} without an id: add `id: \"some-name\"`"),
            );
            return false;
        }
        if !is_valid_id(id) {
            self.report_as(
                at,
                ProblemKind::BadId,
                format!("{kind} id \"{id}\" is not valid: use lowercase letters, digits and single dashes"),
            );
            return false;
        }
        if let Some(first) = self.defined_at.get(&(kind, id.to_string())).copied() {
            let first = self.where_is(first);
            self.report_as(
                at,
                ProblemKind::DuplicateId,
                format!("duplicate {kind} id \"{id}\" (first defined at {first})"),
            );
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
                self.report_as(
                    at,
                    ProblemKind::MissingField,
                    format!("{kind} \"{id}\": `{name}` is empty or missing"),
                );
                ok = false;
            }
        }
        ok
    }

    /// Reports a reference to an id that `ids` does not hold, with a "did you mean" if one is
    /// close (bounded work, see [`Hints`]).
    fn unknown(&mut self, at: At, kind: &str, value: &str, ids: Ids) {
        let near = match ids {
            Ids::Skills => self
                .hints
                .nearest(ids, value, self.lib.skill_ix.keys().map(String::as_str)),
            Ids::Tags => self
                .hints
                .nearest(ids, value, self.lib.tag_ix.keys().map(String::as_str)),
            Ids::Groups => self.hints.nearest(ids, value, self.group_ix.keys().map(String::as_str)),
            Ids::TagGroups => self
                .hints
                .nearest(ids, value, self.tag_group_ix.keys().map(String::as_str)),
            Ids::Frameworks => self
                .hints
                .nearest(ids, value, self.framework_ix.keys().map(String::as_str)),
            Ids::Phrases => self
                .hints
                .nearest(ids, value, self.lib.phrase_ix.keys().map(String::as_str)),
        };
        let hint = near.map(|k| format!(" (did you mean \"{k}\"?)")).unwrap_or_default();
        self.report_as(
            self.value_at(at, value),
            ProblemKind::UnknownReference,
            format!("unknown {kind} \"{value}\"{hint}"),
        );
    }

    /// Reports a word outside a small fixed list (phases, acts, channel words), with a "did you
    /// mean" from the whole list.
    fn unknown_word(&mut self, at: At, kind: &str, value: &str, words: &[&str]) {
        let hint = crate::text::did_you_mean(value, words.iter().copied());
        self.report_as(
            self.value_at(at, value),
            ProblemKind::UnknownReference,
            format!("unknown {kind} \"{value}\"{hint}"),
        );
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
            let have = self
                .alias_sets
                .entry(ix)
                .or_insert_with(|| s.aliases.iter().cloned().collect());
            for a in clean_list(&raw.aliases, false) {
                if have.insert(a.clone()) {
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
            self.unknown(at, "group", &raw.group, Ids::Groups);
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
                Some(rel) if rel == ix => self.warn(
                    self.value_at(at, r),
                    ProblemKind::Pointless,
                    format!("skill \"{r}\" lists itself as related"),
                ),
                Some(rel) => {
                    if self.related_pairs.is_empty() {
                        self.related_pairs = self
                            .lib
                            .skills
                            .iter()
                            .enumerate()
                            .flat_map(|(i, s)| s.related.iter().map(move |&r| (i, r)))
                            .collect();
                    }
                    if self.related_pairs.insert((ix, rel)) {
                        self.lib.skills[ix].related.push(rel);
                    }
                }
                None => self.unknown(at, "skill", r, Ids::Skills),
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
            let have = self
                .cue_sets
                .entry(ix)
                .or_insert_with(|| t.cues.iter().cloned().collect());
            for c in clean_list(&raw.cues, true) {
                if have.insert(c.clone()) {
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
            self.unknown(at, "tag group", &raw.group, Ids::TagGroups);
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
                self.unknown(at, "skill", skill, Ids::Skills);
                continue;
            };
            if why.trim().is_empty() {
                self.report_as(
                    self.value_at(at, skill),
                    ProblemKind::MissingField,
                    format!("{owner}: the link to \"{skill}\" needs a `why`"),
                );
                continue;
            }
            let clamped = weight.clamp(*WEIGHT_RANGE.start(), *WEIGHT_RANGE.end());
            if clamped != weight {
                self.warn(
                    self.value_at(at, skill),
                    ProblemKind::OutOfRange,
                    format!(
                        "{owner}: the weight {weight} for \"{skill}\" is outside {}..={}; it counts as {clamped}",
                        WEIGHT_RANGE.start(),
                        WEIGHT_RANGE.end()
                    ),
                );
            }
            let weight = clamped;
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
        let mut have = HashSet::new();
        for t in ids {
            match self.lib.tag_ix.get(t) {
                Some(&i) => {
                    if have.insert(i) {
                        out.push(i)
                    }
                }
                None => self.unknown(at, "situation tag", t, Ids::Tags),
            }
        }
        out
    }

    fn skill_list(&mut self, at: At, ids: &[String]) -> Vec<usize> {
        let mut out = Vec::new();
        for s in ids {
            match self.lib.skill_ix.get(s) {
                Some(&i) => out.push(i),
                None => self.unknown(at, "skill", s, Ids::Skills),
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
            self.unknown(at, "skill", &raw.skill, Ids::Skills);
            return;
        };
        if let Some(e) = placeholder::check(&raw.text) {
            self.report_as(
                self.value_at(at, &raw.text),
                ProblemKind::Placeholder,
                format!("phrase \"{}\": {e}", raw.id),
            );
            return;
        }
        let instead_of = raw.instead_of.as_deref().map(str::trim).filter(|s| !s.is_empty());
        if raw.instead_of.is_some() && instead_of.is_none() {
            self.warn(
                at,
                ProblemKind::Pointless,
                format!(
                    "phrase \"{}\": `instead_of` is empty: remove it or say what it replaces",
                    raw.id
                ),
            );
        }
        let situations = self.tag_list(at, &raw.situations);
        let needs = self.tag_list(at, &raw.needs);
        let not_when = self.tag_list(at, &raw.not_when);
        // Only feelings count: anything else is reported and left out.
        let mut feels = self.tag_list(at, &raw.feels);
        let is_feeling = |lib: &Library, t: usize| lib.tag_groups[lib.tags[t].group].id == super::FEELING_GROUP;
        for t in feels
            .iter()
            .copied()
            .filter(|&t| !is_feeling(&self.lib, t))
            .collect::<Vec<_>>()
        {
            let id = self.lib.tags[t].id.clone();
            self.report_as(
                self.value_at(at, &id),
                ProblemKind::Invalid,
                format!("phrase \"{}\": `feels` names \"{id}\", which is not a feeling", raw.id),
            );
        }
        feels.retain(|&t| is_feeling(&self.lib, t));
        if let Some(t) = not_when.iter().find(|t| needs.contains(t) || situations.contains(t)) {
            let id = self.lib.tags[*t].id.clone();
            self.report_as(
                self.value_at(at, &id),
                ProblemKind::Invalid,
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
                    self.unknown_word(at, "phase", p, &Phase::ALL.map(Phase::id));
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
                None => self.unknown_word(at, "act", a, &Act::ALL.map(Act::id)),
            }
        }
        let mut says: Vec<String> = Vec::new();
        for k in raw.says.iter().map(|k| k.trim()) {
            if k.is_empty() {
                self.warn(
                    at,
                    ProblemKind::Pointless,
                    format!("phrase \"{}\": an empty key in `says`", raw.id),
                );
            } else if !says.iter().any(|x| x == k) {
                says.push(k.to_string());
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
            feels,
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
            says,
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
                None => self.unknown_word(at, "channel", w, &Channel::WORDS),
            }
        }
        if set.is_empty() {
            if words.is_empty() {
                self.report_as(
                    at,
                    ProblemKind::MissingField,
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

    /// Vocabulary entries have no id: each is reported at its first word (else its start).
    fn vocabulary(&mut self, src: usize, raws: &[super::vocabulary::RawVocab]) {
        for raw in raws {
            let entry = self.entry_at(src, "vocabulary entry", "vocabulary", "");
            let at = match raw.words.first().or(raw.cues.first()) {
                Some(first) => self.value_at(entry, first),
                None => entry,
            };
            let (entry, bad, whole) = super::vocabulary::check(raw, &self.lib);
            for (kind, value) in bad {
                let ids = match kind {
                    "skill" => Ids::Skills,
                    "phrase card" => Ids::Phrases,
                    _ => Ids::Tags,
                };
                self.unknown(at, kind, &value, ids);
            }
            if let Some(message) = whole {
                self.report_as(at, ProblemKind::Invalid, message);
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
            self.report_as(
                at,
                ProblemKind::DuplicateId,
                format!("duplicate rule id \"{}\" (first defined at {first})", raw.id),
            );
            return;
        }
        self.rule_ids.insert(raw.id.clone(), at);
        if raw.when.is_empty() {
            self.report_as(
                at,
                ProblemKind::MissingField,
                format!("rule \"{}\": `when` needs at least one tag", raw.id),
            );
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
            self.report_as(
                at,
                ProblemKind::DuplicateId,
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
                self.report_as(
                    at,
                    ProblemKind::MissingField,
                    format!(
                        "step \"{}\": `phase` is empty or missing (one of: {})",
                        raw.id,
                        Phase::ALL.map(Phase::id).join(", ")
                    ),
                );
            } else {
                self.unknown_word(at, "phase", &raw.phase, &Phase::ALL.map(Phase::id));
            }
            return;
        };
        let mut from = Vec::new();
        for f in &raw.from {
            match self.framework_ix.get(&f.framework) {
                Some(&i) => from.push((i, f.part.trim().to_string())),
                None => self.unknown(at, "framework", &f.framework, Ids::Frameworks),
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

/// Trims a list of words (lowercasing them when `lower`), dropping empty ones and repeats.
fn clean_list(items: &[String], lower: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut have: HashSet<String> = HashSet::new();
    for i in items {
        let t = if lower {
            i.trim().to_lowercase()
        } else {
            i.trim().to_string()
        };
        if !t.is_empty() && have.insert(t.clone()) {
            out.push(t);
        }
    }
    out
}
