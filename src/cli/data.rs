//! The CLI commands over the rep's own data: `favorites` and `export --mine`. They open the same
//! database as the window, in the same data folder (`CALLSIDE_HOME` or the platform's).

use super::{CliError, Io, pretty};
use crate::content::{self, Library};
use crate::store::{self, Db, WEEK_MS};
use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};

/// How many recently copied and most-used cards `favorites` lists.
const LIST_LIMIT: usize = 10;

impl From<store::StoreError> for CliError {
    fn from(e: store::StoreError) -> Self {
        CliError::new(format!("your data: {e}"))
    }
}

/// Opens the database in the data folder, printing what the window would show on opening.
fn open(err: &mut dyn Write) -> Result<Db, CliError> {
    let dir = store::data_dir()
        .ok_or_else(|| CliError::new("no data folder found: set CALLSIDE_HOME to the folder to use"))?;
    open_in(&dir, err)
}

fn open_in(dir: &Path, err: &mut dyn Write) -> Result<Db, CliError> {
    let opened = Db::open_in(dir)?;
    for note in &opened.notes {
        let _ = writeln!(err, "note: {}", note.message());
    }
    Ok(opened.db)
}

/// The library with the rep's own cards loaded last (as the source `mine`).
fn library_with_mine(packs: &[PathBuf], db: &Db, err: &mut dyn Write) -> Result<Library, CliError> {
    let mut sources = content::builtin::sources();
    let mut problems = Vec::new();
    for p in packs {
        let (s, pr) = content::read_pack_path(p);
        sources.extend(s);
        problems.extend(pr);
    }
    sources.push(store::own_pack_source(&db.own_cards()?));
    let loaded = content::load(&sources);
    for p in problems.iter().chain(&loaded.problems) {
        let _ = writeln!(err, "warning: {p}");
    }
    Ok(loaded.library)
}

/// What an id names, as JSON (`kind` is `skill`, `card` or `unknown`).
fn describe(lib: &Library, id: &str) -> Value {
    let mine = store::is_own_id(id);
    if let Some(s) = lib.skill(id) {
        json!({"id": id, "kind": "skill", "name": s.name, "mine": false})
    } else if let Some(ix) = lib.phrase_index(id) {
        let p = &lib.phrases[ix];
        json!({"id": id, "kind": "card", "text": p.text, "skill": lib.skills[p.skill].id, "mine": mine})
    } else {
        json!({"id": id, "kind": "unknown", "mine": mine})
    }
}

/// One line for an id: the skill's name or the card's text.
fn line(lib: &Library, id: &str) -> String {
    let d = describe(lib, id);
    let mine = if d["mine"] == true { " [mine]" } else { "" };
    match d["kind"].as_str() {
        Some("skill") => format!("{id}  {} (skill)", d["name"].as_str().unwrap_or_default()),
        Some("card") => {
            let text: String = d["text"].as_str().unwrap_or_default().chars().take(70).collect();
            format!("{id}{mine}  \"{text}\"")
        }
        _ => format!("{id}{mine}  (not in the library now)"),
    }
}

/// `callside favorites [--add ID]… [--remove ID]… [--json]`.
pub(super) fn favorites(
    packs: &[PathBuf],
    add: &[String],
    remove: &[String],
    json: bool,
    io: Io,
) -> Result<i32, CliError> {
    if let Some(bad) = add.iter().find(|id| !crate::text::is_valid_id(id)) {
        return Err(CliError::new(format!(
            "\"{bad}\" is not an id: ids are lowercase letters, digits and dashes (`callside search` shows them)"
        )));
    }
    let mut db = open(io.err)?;
    for id in add {
        db.add_favorite(id)?;
    }
    for id in remove {
        db.remove_favorite(id)?;
    }
    let lib = library_with_mine(packs, &db, io.err)?;
    let now = store::now_ms();
    let favs = db.favorites()?;
    let recent = db.recently_copied(now, LIST_LIMIT)?;
    let week = db.most_used(now, WEEK_MS, LIST_LIMIT)?;
    let out = io.out;
    if json {
        let week: Vec<Value> = week
            .iter()
            .map(|c| {
                let mut v = describe(&lib, &c.id);
                v["count"] = json!(c.count);
                v
            })
            .collect();
        let v = json!({
            "favorites": favs.iter().map(|id| describe(&lib, id)).collect::<Vec<_>>(),
            "recently_copied": recent.iter().map(|id| describe(&lib, id)).collect::<Vec<_>>(),
            "most_used_this_week": week,
        });
        writeln!(out, "{}", pretty(&v))?;
        return Ok(0);
    }
    writeln!(out, "Favorites")?;
    if favs.is_empty() {
        writeln!(
            out,
            "  none yet: star a skill or card in the window, or `callside favorites --add ID`"
        )?;
    }
    for (i, id) in favs.iter().enumerate() {
        writeln!(out, "  {:>2}. {}", i + 1, line(&lib, id))?;
    }
    writeln!(out, "Recently copied")?;
    if recent.is_empty() {
        writeln!(out, "  nothing copied yet")?;
    }
    for id in &recent {
        writeln!(out, "  {}", line(&lib, id))?;
    }
    writeln!(out, "Most used this week")?;
    if week.is_empty() {
        writeln!(out, "  nothing copied this week")?;
    }
    for c in &week {
        writeln!(out, "  {:>4}×  {}", c.count, line(&lib, &c.id))?;
    }
    Ok(0)
}

/// `callside export --mine [--out FILE]`: the rep's own cards as a pack for the team folder.
pub(super) fn export_mine(out_file: Option<&Path>, io: Io) -> Result<i32, CliError> {
    let db = open(io.err)?;
    let cards = db.own_cards()?;
    let text = store::export_pack_text(&cards);
    if cards.is_empty() {
        let _ = writeln!(io.err, "note: you have no cards of your own yet; the pack is empty");
    }
    match out_file {
        None => write!(io.out, "{text}")?,
        Some(path) => {
            store::write_atomic(path, text.as_bytes())
                .map_err(|e| CliError::new(format!("cannot write {}: {e}", path.display())))?;
            writeln!(io.out, "Wrote {} card(s) to {}", cards.len(), path.display())?;
        }
    }
    Ok(0)
}
