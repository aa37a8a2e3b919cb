//! The command line: `callside search|skills|show|check|tags|recommend|suggest-tags|today|review`,
//! and over the rep's own data `favorites|export` (in `cli/data.rs`). With no subcommand the
//! binary opens the window instead (see `main.rs`).
//!
//! Exit codes: 0 ok, 1 problems found (`check`), 2 usage (bad arguments, unknown ids, unreadable
//! input, output that cannot be written). A closed pipe is not an error: output stops quietly
//! and the code is the one the command would have had.

use crate::coach::{self, Plan};
use crate::content::{self, Library, Loaded, Problem, Source};
use crate::search::{DocRef, Index, MAX_QUERY_CHARS};
use crate::text::did_you_mean;
use clap::{Parser, Subcommand};
use std::io::{Read, Write};
use std::path::PathBuf;

mod data;
mod huddle;
mod json;

/// Command-line arguments.
#[derive(Debug, Parser, Default)]
#[command(
    name = "callside",
    version,
    about = "Service skills, phrase cards and a tough-call helper, beside your calls."
)]
pub struct Cli {
    /// Extra content pack (a .ron file or a folder of them); repeat for more.
    #[arg(long = "pack", value_name = "PATH", global = true)]
    pub packs: Vec<PathBuf>,
    /// The team's shared pack folder (a synced or network drive); the window watches it.
    #[arg(long, value_name = "PATH", global = true)]
    pub team_folder: Option<PathBuf>,
    /// Look at the team folder every 2 s instead of waiting for change events (network drives
    /// that send none; detected for NFS/SMB mounts).
    #[arg(long)]
    pub poll: bool,
    /// Open the window with this search filled in.
    #[arg(long, value_name = "TEXT")]
    pub query: Option<String>,
    /// Open the window on this skill.
    #[arg(long, value_name = "ID")]
    pub skill: Option<String>,
    /// Open the window on the tough-call helper with these tags (comma-separated ids).
    #[arg(long, value_name = "TAGS")]
    pub tough_call: Option<String>,
    /// Open the window on the tough-call helper with this customer message pasted in (its
    /// suggested tags show under it), e.g. `--message "$(xclip -o)"` from a hotkey script.
    #[arg(long, value_name = "TEXT")]
    pub message: Option<String>,
    /// Open the window with the form for a new card of your own.
    #[arg(long)]
    pub new_card: bool,
    /// Open the window with these cards (comma-separated ids) in the reply tray.
    #[arg(long, value_name = "IDS")]
    pub reply: Option<String>,
    /// Open the window at this size in points, e.g. 360x600 (a narrow side window).
    #[arg(long, value_name = "WIDTHxHEIGHT", value_parser = parse_size)]
    pub size: Option<[f32; 2]>,
    /// Open the window in this colour scheme: light, dark or system (saved as the setting).
    #[arg(long, value_name = "SCHEME", value_parser = ["light", "dark", "system"])]
    pub theme: Option<String>,
    /// Bring the open window to the front (or open one); bind this to a desktop shortcut where
    /// the summon key cannot be grabbed (Wayland).
    #[arg(long)]
    pub show: bool,
    /// Open the window on the huddle presentation (the skill of the day).
    #[arg(long)]
    pub huddle: bool,
    /// Open the window on the daily flashcard review.
    #[arg(long, conflicts_with = "huddle")]
    pub review: bool,
    /// What to do; none opens the window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Why a `--size` value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SizeError {
    /// Not `WIDTHxHEIGHT` with whole numbers.
    #[error("\"{0}\" is not a size; write WIDTHxHEIGHT, e.g. 360x600")]
    NotASize(String),
    /// A side outside 200..=10000.
    #[error("{0} is outside 200..=10000 for a window side")]
    OutOfRange(u32),
}

/// Parses `WIDTHxHEIGHT` (e.g. `360x600`) into a window size; each side 200..=10000.
pub fn parse_size(s: &str) -> Result<[f32; 2], SizeError> {
    let bad = || SizeError::NotASize(s.to_string());
    let (w, h) = s.trim().split_once(['x', 'X']).ok_or_else(bad)?;
    let side = |v: &str| -> Result<f32, SizeError> {
        let n: u32 = v.trim().parse().map_err(|_| bad())?;
        if (200..=10_000).contains(&n) {
            Ok(n as f32)
        } else {
            Err(SizeError::OutOfRange(n))
        }
    };
    Ok([side(w)?, side(h)?])
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Search skills and phrase cards.
    Search {
        /// What to look for (several words match in any order).
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// How many results at most.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the whole library.
    Skills {
        /// Print JSON (full skills with their phrase cards).
        #[arg(long)]
        json: bool,
    },
    /// Show one skill.
    Show {
        /// Skill id, e.g. `empathy`.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Validate content packs; exits 1 and prints path:line:col for each problem.
    Check {
        /// Pack files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Check the files alone, not on top of the built-in library.
        #[arg(long)]
        no_builtin: bool,
    },
    /// List the tough-call situation tags.
    Tags {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Recommend skills, reasons, steps and phrases for a situation.
    Recommend {
        /// Situation tag ids, e.g. `angry delayed-shipment`.
        #[arg(required = true)]
        tags: Vec<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// With --json: print {"skills": [...], "steps": [...]} instead of the skills array.
        #[arg(long)]
        steps: bool,
    },
    /// Suggest situation tags from a customer's message (`-` reads standard input).
    SuggestTags {
        /// The customer's words.
        #[arg(required = true, num_args = 1..)]
        message: Vec<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List your favorites, recently copied and most used this week (from your data folder).
    Favorites {
        /// Star this skill or card id first (repeat for more; each is its own write).
        #[arg(long, value_name = "ID")]
        add: Vec<String>,
        /// Unstar this id first (repeat for more).
        #[arg(long, value_name = "ID")]
        remove: Vec<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export your own cards as a pack a team lead can put in the team folder.
    Export {
        /// Export your own cards (required: the only kind of export).
        #[arg(long, required = true)]
        mine: bool,
        /// Write the pack to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// The skill of the day (the same for everyone on the team), for a huddle or a team chat.
    Today {
        /// Print JSON.
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// Print Markdown, for posting into a team chat.
        #[arg(long)]
        markdown: bool,
        /// Another date (YYYY-MM-DD) instead of today.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = huddle::parse_date)]
        date: Option<chrono::NaiveDate>,
    },
    /// Your daily flashcard review: progress (the review itself is in the window: --review).
    Review {
        /// Print progress: due today, streak, retention, reviews per day.
        #[arg(long)]
        stats: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Where the CLI writes.
pub struct Io<'a> {
    /// Normal output.
    pub out: &'a mut dyn Write,
    /// Warnings and errors.
    pub err: &'a mut dyn Write,
}

/// Exit code: everything went well.
pub const EXIT_OK: i32 = 0;
/// Exit code: `check` found problems (errors; warnings alone do not count).
pub const EXIT_PROBLEMS: i32 = 1;
/// Exit code: the command could not do what was asked (usage, unknown id, unreadable input).
pub const EXIT_USAGE: i32 = 2;

/// Most of standard input `suggest-tags -` reads; the rest is ignored (with a warning).
pub const MAX_STDIN_BYTES: u64 = 1024 * 1024;

/// A failure the user can act on; `main` prints it and exits with [`CliError::code`].
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A bad argument value.
    #[error("{0}")]
    Usage(String),
    /// `show` with an id the library does not have.
    #[error("unknown skill \"{id}\"{hint}; `callside skills` lists them")]
    UnknownSkill {
        /// What was asked for.
        id: String,
        /// ` (did you mean "…"?)` or nothing.
        hint: String,
    },
    /// `recommend` with a tag the library does not have.
    #[error(transparent)]
    UnknownTag(#[from] coach::UnknownTag),
    /// `recommend` with no tags at all (`recommend ""`).
    #[error("no situation tags given: name at least one, e.g. `callside recommend angry` (`callside tags` lists them)")]
    NoTags,
    /// Standard input could not be read.
    #[error("cannot read standard input: {0}")]
    Stdin(#[source] std::io::Error),
    /// Standard input is not UTF-8 text.
    #[error("standard input is not UTF-8 text (bad byte at offset {0})")]
    StdinNotUtf8(usize),
    /// Writing the output failed (not a closed pipe: that ends quietly).
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
}

impl CliError {
    /// A usage error with this message (bad arguments, data that cannot be used).
    pub fn new(message: impl Into<String>) -> Self {
        CliError::Usage(message.into())
    }

    /// The exit code for this failure.
    pub fn code(&self) -> i32 {
        EXIT_USAGE
    }
}

/// Wraps an output stream so that a closed pipe (`callside skills | head -1`) ends the output
/// quietly instead of failing: later writes are dropped.
pub struct PipeGuard<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> PipeGuard<W> {
    /// Guards `inner`.
    pub fn new(inner: W) -> Self {
        PipeGuard { inner, closed: false }
    }

    fn guard<T>(&mut self, done: T, r: std::io::Result<T>) -> std::io::Result<T> {
        match r {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(done)
            }
            r => r,
        }
    }
}

impl<W: Write> Write for PipeGuard<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let r = self.inner.write(buf);
        self.guard(buf.len(), r)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let r = self.inner.flush();
        self.guard((), r)
    }
}

/// Reads at most [`MAX_STDIN_BYTES`] of `input` as text; `Ok((text, true))` when more was
/// there and ignored. A character cut by the limit is dropped.
pub fn read_capped_text(input: impl Read) -> Result<(String, bool), CliError> {
    let mut bytes = Vec::new();
    input
        .take(MAX_STDIN_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(CliError::Stdin)?;
    let cut = bytes.len() as u64 > MAX_STDIN_BYTES;
    bytes.truncate(MAX_STDIN_BYTES as usize);
    match String::from_utf8(bytes) {
        Ok(t) => Ok((t, cut)),
        Err(e) if cut && e.utf8_error().error_len().is_none() => {
            let valid = e.utf8_error().valid_up_to();
            let mut bytes = e.into_bytes();
            bytes.truncate(valid);
            Ok((String::from_utf8_lossy(&bytes).into_owned(), cut))
        }
        Err(e) => Err(CliError::StdinNotUtf8(e.utf8_error().valid_up_to())),
    }
}

/// Loads the built-in library plus packs and reports pack problems as warnings (they do not
/// stop the command; a problem that is itself a warning already says so).
pub fn load_library(packs: &[PathBuf], err: &mut dyn Write) -> Library {
    let Loaded { library, problems } = content::load_with_packs(packs);
    for p in &problems {
        let tag = if p.is_error() { "warning: " } else { "" };
        let _ = writeln!(err, "{tag}{p}");
    }
    library
}

/// Runs one subcommand. `packs` are all pack paths (flags and the user's folder).
pub fn run(command: Command, packs: &[PathBuf], io: Io) -> Result<i32, CliError> {
    let Io { out, err } = io;
    // Check, favorites and export do not need the merged library; every other command loads it
    // first (its pack problems go to `err` as warnings).
    match command {
        Command::Check { paths, no_builtin } => return check(&paths, no_builtin, packs, out),
        Command::Favorites { add, remove, json } => {
            return data::favorites(packs, &add, &remove, json, Io { out, err });
        }
        Command::Export { out: file, .. } => return data::export_mine(file.as_deref(), Io { out, err }),
        Command::Search { query, limit, json } => {
            search(&load_library(packs, err), &query.join(" "), limit, json, out)?
        }
        Command::Skills { json } => skills(&load_library(packs, err), json, out)?,
        Command::Show { id, json } => {
            let lib = load_library(packs, err);
            let Some(ix) = lib.skill_index(&id) else {
                let hint = did_you_mean(&id, lib.skills.iter().map(|s| s.id.as_str()));
                return Err(CliError::UnknownSkill { id, hint });
            };
            if json {
                writeln!(out, "{}", pretty(&json::SkillOut::new(&lib, ix)))?;
            } else {
                write_skill(&lib, ix, out)?;
            }
        }
        Command::Tags { json } => tags(&load_library(packs, err), json, out)?,
        Command::Recommend { tags, json, steps } => {
            let lib = load_library(packs, err);
            let tags: Vec<String> = tags
                .iter()
                .flat_map(|t| t.split(','))
                .filter(|t| !t.trim().is_empty())
                .map(str::to_string)
                .collect();
            if tags.is_empty() {
                return Err(CliError::NoTags);
            }
            let ix = coach::parse_tags(&lib, &tags)?;
            let plan = coach::recommend(&lib, &ix);
            if json {
                let v = if steps {
                    pretty(&json::plan(&lib, &plan))
                } else {
                    pretty(&json::recommendations(&lib, &plan))
                };
                writeln!(out, "{v}")?;
            } else {
                write_plan(&lib, &plan, out)?;
            }
        }
        Command::SuggestTags { message, json } => {
            let lib = load_library(packs, err);
            let mut text = message.join(" ");
            if text == "-" {
                let (read, cut) = read_capped_text(std::io::stdin().lock())?;
                if cut {
                    let _ = writeln!(
                        err,
                        "warning: standard input is over {MAX_STDIN_BYTES} bytes; only the first {MAX_STDIN_BYTES} are read"
                    );
                }
                text = read;
            }
            let found = coach::suggest_tags(&lib, &text);
            if json {
                writeln!(out, "{}", pretty(&json::suggestions(&lib, &found)))?;
            } else if found.is_empty() {
                writeln!(out, "No tags suggested: nothing in the message points to a situation.")?;
            } else {
                for s in &found {
                    let t = &lib.tags[s.tag];
                    writeln!(out, "{:<22} {:>3}  from: {}", t.id, s.score, s.cues.join(", "))?;
                }
            }
        }
        Command::Today { json, markdown, date } => {
            let lib = load_library(packs, err);
            let date = date.unwrap_or_else(|| chrono::Local::now().date_naive());
            huddle::today(&lib, date, json, markdown, out)?
        }
        Command::Review { stats: _, json } => {
            let lib = load_library(packs, err);
            let db = crate::store::data_dir().map(|d| d.join(crate::store::DB_FILE));
            huddle::review_stats(&lib, db.as_deref(), chrono::Local::now().fixed_offset(), json, out)?
        }
    }
    Ok(EXIT_OK)
}

fn pretty(v: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// Validates `paths` on top of the built-in library (unless `no_builtin`) and the other packs
/// (`--pack` and the user's packs folder), so a pack that builds on another can be checked.
/// Only problems in the checked files decide the exit code; the other packs' problems are
/// printed as notes, and a checked file that is also one of those packs is read once.
fn check(paths: &[PathBuf], no_builtin: bool, packs: &[PathBuf], out: &mut dyn Write) -> Result<i32, CliError> {
    let canonical = |p: &str| std::fs::canonicalize(p).unwrap_or_else(|_| PathBuf::from(p));
    let mut checked: Vec<Source> = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    for p in paths {
        let (s, pr) = content::read_pack_path(p);
        checked.extend(s);
        problems.extend(pr);
    }
    let checked_files: Vec<PathBuf> = checked.iter().map(|s| canonical(&s.path)).collect();
    let mut sources = if no_builtin {
        Vec::new()
    } else {
        content::builtin::sources()
    };
    let mut notes: Vec<Problem> = Vec::new();
    for p in packs {
        let (s, pr) = content::read_pack_path(p);
        sources.extend(s.into_iter().filter(|s| !checked_files.contains(&canonical(&s.path))));
        notes.extend(pr);
    }
    let files = checked.len();
    let checked_paths: Vec<String> = checked.iter().map(|s| s.path.clone()).collect();
    sources.extend(checked);
    let loaded = content::load(&sources);
    let (mine, others): (Vec<Problem>, Vec<Problem>) = loaded
        .problems
        .into_iter()
        .partition(|p| checked_paths.contains(&p.path));
    problems.extend(mine);
    notes.extend(others);
    for p in &notes {
        writeln!(out, "note (in another pack, not checked): {p}")?;
    }
    for p in &problems {
        writeln!(out, "{p}")?;
    }
    let lib = &loaded.library;
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = match problems.len() - errors {
        0 => String::new(),
        w => format!(" ({w} warning(s))"),
    };
    if errors == 0 {
        writeln!(
            out,
            "ok: {files} file(s); library has {} skills, {} phrase cards, {} tags, {} rules, {} steps{warnings}",
            lib.skills.len(),
            lib.phrases.len(),
            lib.tags.len(),
            lib.rules.len(),
            lib.steps.len()
        )?;
        Ok(EXIT_OK)
    } else {
        writeln!(out, "{errors} problem(s) found{warnings}")?;
        Ok(EXIT_PROBLEMS)
    }
}

fn search(lib: &Library, query: &str, limit: usize, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    if limit == 0 {
        return Err(CliError::Usage("--limit must be at least 1".into()));
    }
    let index = Index::new(lib);
    let (_, capped) = crate::text::cap_chars(query, MAX_QUERY_CHARS);
    let hits = index.search(query, limit);
    if json {
        writeln!(out, "{}", pretty(&json::hits(lib, &hits)))?;
        return Ok(());
    }
    if capped {
        writeln!(
            out,
            "(only the first {MAX_QUERY_CHARS} characters of the query are searched)"
        )?;
    }
    if hits.is_empty() {
        writeln!(out, "Nothing found for \"{query}\". Try fewer or different words.")?;
    }
    let mut said_partial = false;
    for h in &hits {
        if !h.all_words && !said_partial {
            said_partial = true;
            writeln!(out, "-- no card has every word; closest matches --")?;
        }
        match h.target {
            DocRef::Skill(s) => {
                let sk = &lib.skills[s];
                writeln!(out, "[skill] {} ({})\n        {}", sk.name, sk.id, sk.definition)?;
            }
            DocRef::Phrase(p) => {
                let ph = &lib.phrases[p];
                writeln!(out, "{}:\n        \"{}\"", lib.skills[ph.skill].name, ph.text)?;
                if let Some(i) = &ph.instead_of {
                    writeln!(out, "        instead of: \"{i}\"")?;
                }
            }
            DocRef::Tag(t) => {
                let tag = &lib.tags[t];
                writeln!(
                    out,
                    "[situation] {} ({})  -> callside recommend {}\n        {}",
                    tag.label, tag.id, tag.id, tag.description
                )?;
            }
        }
    }
    Ok(())
}

fn skills(lib: &Library, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    if json {
        let v: Vec<json::SkillOut> = (0..lib.skills.len()).map(|i| json::SkillOut::new(lib, i)).collect();
        writeln!(out, "{}", pretty(&v))?;
        return Ok(());
    }
    for (g, members) in lib.skills_by_group() {
        writeln!(out, "{}", lib.groups[g].name)?;
        for s in members {
            let sk = &lib.skills[s];
            writeln!(out, "  {:<26} {:<24} {} cards", sk.id, sk.name, sk.phrases.len())?;
        }
    }
    Ok(())
}

fn write_skill(lib: &Library, ix: usize, out: &mut dyn Write) -> Result<(), CliError> {
    let s = &lib.skills[ix];
    writeln!(out, "{}  ({} · {})", s.name, lib.groups[s.group].name, s.id)?;
    if !s.aliases.is_empty() {
        writeln!(out, "also: {}", s.aliases.join(", "))?;
    }
    writeln!(
        out,
        "\n{}\n\nIn service: {}\n\nThink of it as: {}\n",
        s.definition, s.in_service, s.analogy
    )?;
    writeln!(out, "Say:")?;
    for &p in &s.phrases {
        let ph = &lib.phrases[p];
        match &ph.instead_of {
            Some(i) => writeln!(out, "  - \"{}\"\n      (instead of: \"{i}\")", ph.text)?,
            None => writeln!(out, "  - \"{}\"", ph.text)?,
        }
    }
    if !s.related.is_empty() {
        let rel: Vec<&str> = s.related.iter().map(|&r| lib.skills[r].id.as_str()).collect();
        writeln!(out, "\nRelated: {}", rel.join(", "))?;
    }
    Ok(())
}

fn tags(lib: &Library, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    if json {
        writeln!(out, "{}", pretty(&json::TagOut::all(lib)))?;
        return Ok(());
    }
    for (g, group) in lib.tag_groups.iter().enumerate() {
        writeln!(out, "{}", group.name)?;
        for t in lib.tags.iter().filter(|t| t.group == g) {
            writeln!(out, "  {:<22} {}", t.id, t.description)?;
        }
    }
    Ok(())
}

fn write_plan(lib: &Library, plan: &Plan, out: &mut dyn Write) -> Result<(), CliError> {
    let labels: Vec<&str> = plan.tags.iter().map(|&t| lib.tags[t].label.as_str()).collect();
    writeln!(out, "Situation: {}\n", labels.join(" + "))?;
    writeln!(out, "Skills that matter most now:")?;
    if plan.skills.is_empty() {
        writeln!(
            out,
            "   (none yet: no skill is linked to these tags; a pack can add `skills: [(skill, weight, why)]`)"
        )?;
    }
    for (i, r) in plan.skills.iter().take(6).enumerate() {
        writeln!(out, "{}. {} ({})", i + 1, lib.skills[r.skill].name, r.score)?;
        for w in &r.why {
            writeln!(out, "     why: {w}")?;
        }
        for &p in &r.phrases {
            write_plan_card(lib, plan, p, out)?;
        }
    }
    if plan.skills.len() > 6 {
        let rest: Vec<&str> = plan.skills[6..]
            .iter()
            .map(|r| lib.skills[r.skill].name.as_str())
            .collect();
        writeln!(out, "   also: {}", rest.join(", "))?;
    }
    writeln!(out, "\nPlan:")?;
    for (i, ps) in plan.steps.iter().enumerate() {
        let st = &lib.steps[ps.step];
        let from: Vec<String> = st
            .from
            .iter()
            .map(|(f, part)| format!("{} {part}", lib.frameworks[*f].name))
            .collect();
        let skills: Vec<&str> = ps.skills.iter().map(|&s| lib.skills[s].name.as_str()).collect();
        // A step no framework names (such as the history check) gets no empty brackets.
        let frameworks = if from.is_empty() {
            String::new()
        } else {
            format!("  ({})", from.join("; "))
        };
        writeln!(out, "{}. {} [{}]{frameworks}", i + 1, st.title, skills.join(", "))?;
        writeln!(out, "     {}", ps.guidance)?;
        for &p in &ps.phrases {
            write_plan_card(lib, plan, p, out)?;
        }
    }
    Ok(())
}

/// A plan card as text: what to say and, under it, why it was chosen.
fn write_plan_card(lib: &Library, plan: &Plan, p: usize, out: &mut dyn Write) -> Result<(), CliError> {
    writeln!(out, "     say: \"{}\"", lib.phrases[p].text)?;
    writeln!(out, "          ({})", coach::card_reason(lib, &plan.tags, p).text(lib))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_parse_and_bad_ones_say_why() {
        assert_eq!(parse_size("360x600"), Ok([360.0, 600.0]));
        assert_eq!(parse_size(" 1280X800 "), Ok([1280.0, 800.0]));
        assert!(parse_size("360").unwrap_err().to_string().contains("WIDTHxHEIGHT"));
        assert!(
            parse_size("wide x tall")
                .unwrap_err()
                .to_string()
                .contains("WIDTHxHEIGHT")
        );
        assert!(parse_size("10x600").unwrap_err().to_string().contains("outside"));
    }
}
