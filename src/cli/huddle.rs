//! `callside today` (the skill of the day, as text, JSON or Markdown for a team chat) and
//! `callside review --stats` (the rep's review progress).

use super::{CliError, pretty};
use crate::content::Library;
use crate::huddle::{self, Pick, PickReason};
use crate::review::{ReviewStore, Reviewer, Stats};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;

/// Parses `YYYY-MM-DD` for `--date`.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| format!("\"{s}\" is not a date; write YYYY-MM-DD"))
}

fn reason_text(p: &Pick) -> String {
    match p.reason {
        PickReason::Pinned => "pinned for this date by your team".into(),
        PickReason::TeamOrder { position, of } => format!("{} of {of} in your team's order", position + 1),
        PickReason::Rotation { position, of, .. } => format!("day {} of {of} in this round of skills", position + 1),
    }
}

fn reason_json(p: &Pick) -> Value {
    match p.reason {
        PickReason::Pinned => json!({"kind": "pinned"}),
        PickReason::TeamOrder { position, of } => json!({"kind": "team-order", "position": position + 1, "of": of}),
        PickReason::Rotation { cycle, position, of } => {
            json!({"kind": "rotation", "cycle": cycle, "position": position + 1, "of": of})
        }
    }
}

/// Prints the skill of the day for `date`.
pub fn today(lib: &Library, date: NaiveDate, json: bool, markdown: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let Some(pick) = huddle::skill_of_the_day(lib, date) else {
        return Err(CliError::new(
            "the library has no skills, so there is no skill of the day",
        ));
    };
    let h = huddle::huddle_for(lib, pick.skill, &date.to_string());
    let s = &lib.skills[pick.skill];
    let round = h.round.map(|r| (&lib.tags[r.tag], lib.practice[r.line].text.as_str()));
    if json {
        let cards: Vec<Value> = h
            .cards
            .iter()
            .map(|&p| {
                let ph = &lib.phrases[p];
                json!({"id": ph.id, "text": ph.text, "instead_of": ph.instead_of})
            })
            .collect();
        let practice = round.map(|(t, line)| json!({"situation": t.id, "label": t.label, "line": line}));
        let v = json!({
            "date": date.to_string(),
            "skill": s.id,
            "name": s.name,
            "group": lib.groups[s.group].id,
            "why": reason_json(&pick),
            "definition": s.definition,
            "in_service": s.in_service,
            "analogy": s.analogy,
            "cards": cards,
            "practice": practice,
        });
        writeln!(out, "{}", pretty(&v))?;
        return Ok(());
    }
    let day = date.format("%A %-d %B %Y");
    if markdown {
        writeln!(out, "**Skill of the day, {day}: {}**\n", s.name)?;
        writeln!(out, "> {}\n", s.definition)?;
        if !s.analogy.is_empty() {
            writeln!(out, "*Think of it as:* {}\n", s.analogy)?;
        }
        writeln!(out, "**What it sounds like**")?;
        for &p in &h.cards {
            let ph = &lib.phrases[p];
            match &ph.instead_of {
                Some(i) => writeln!(out, "- Instead of ~~\"{i}\"~~ say: \"{}\"", ph.text)?,
                None => writeln!(out, "- \"{}\"", ph.text)?,
            }
        }
        if let Some((t, line)) = round {
            writeln!(
                out,
                "\n**Practice** ({}): a customer opens with *\"{line}\"* What would you say?",
                t.label
            )?;
        }
        return Ok(());
    }
    writeln!(out, "Skill of the day, {day}: {} ({})", s.name, reason_text(&pick))?;
    writeln!(out, "\nWhat it is: {}", s.definition)?;
    if !s.analogy.is_empty() {
        writeln!(out, "\nThink of it as: {}", s.analogy)?;
    }
    writeln!(out, "\nWhat it sounds like:")?;
    for &p in &h.cards {
        let ph = &lib.phrases[p];
        if let Some(i) = &ph.instead_of {
            writeln!(out, "  Don't: \"{i}\"\n  Do:    \"{}\"", ph.text)?;
        } else {
            writeln!(out, "  Say:   \"{}\"", ph.text)?;
        }
    }
    if let Some((t, line)) = round {
        writeln!(out, "\nPractice round ({}): \"{line}\"", t.label)?;
        writeln!(out, "  Answer out loud, then see the plan: callside recommend {}", t.id)?;
    }
    Ok(())
}

/// Review progress from the database in `data` (nothing is created if there is none yet).
pub fn review_stats(
    lib: &Library,
    db: Option<&Path>,
    now: DateTime<FixedOffset>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let store = match db.filter(|p| p.exists()) {
        Some(path) => ReviewStore::open(path),
        None => ReviewStore::in_memory(),
    }
    .map_err(|e| CliError::new(e.message))?;
    let stats = Reviewer::new(lib, store, now)
        .map_err(|e| CliError::new(e.message))?
        .stats(now);
    if json {
        writeln!(out, "{}", pretty(&stats_json(&stats)))?;
    } else {
        write_stats(&stats, out)?;
    }
    Ok(())
}

fn stats_json(s: &Stats) -> Value {
    json!({
        "date": s.today.to_string(),
        "due_today": s.due_today,
        "new_today": s.new_today,
        "reviewed_today": s.reviewed_today,
        "streak_days": s.streak_days,
        "retention_30d": s.retention_30d,
        "retention_reviews": s.retention_reviews,
        "reviews_per_day": s.per_day.iter().map(|(d, n)| json!({"date": d.to_string(), "reviews": n})).collect::<Vec<_>>(),
        "cards_total": s.cards_total,
        "cards_seen": s.cards_seen,
    })
}

fn write_stats(s: &Stats, out: &mut dyn Write) -> Result<(), CliError> {
    writeln!(out, "Due today:      {} ({} new)", s.due_today, s.new_today)?;
    writeln!(out, "Reviewed today: {}", s.reviewed_today)?;
    let days = if s.streak_days == 1 { "day" } else { "days" };
    writeln!(out, "Streak:         {} {days}", s.streak_days)?;
    match s.retention_30d {
        Some(r) => writeln!(
            out,
            "Retention:      {:.0}% over the last 30 days ({} review cards)",
            r * 100.0,
            s.retention_reviews
        )?,
        None => writeln!(out, "Retention:      none yet (no review cards in the last 30 days)")?,
    }
    writeln!(out, "Cards seen:     {} of {}", s.cards_seen, s.cards_total)?;
    writeln!(out, "Reviews per day, last 30 days (oldest first):")?;
    let counts: Vec<String> = s.per_day.iter().map(|(_, n)| n.to_string()).collect();
    writeln!(out, "  {}", counts.join(" "))?;
    Ok(())
}
