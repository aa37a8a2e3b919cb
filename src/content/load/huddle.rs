//! Loading the huddle parts of a pack: `huddle: (seed, order, pins)` and `practice` lines. Every
//! reference is checked like the rest of the format; a bad one is a problem and is left out.

use super::{At, Loader};
use crate::content::hints::Ids;
use crate::content::huddle::{Pin, PracticeLine};
use crate::content::problem::ProblemKind;
use crate::content::raw::{RawHuddle, RawPractice};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Longest opening line accepted, in characters (it is read aloud in a huddle).
const MAX_LINE_CHARS: usize = 300;

impl Loader<'_> {
    /// Where a top-level key stands in a source (falls back to the file start); its values are
    /// looked for from there to the end of the file.
    fn key_at(&self, src: usize, key: &str) -> At {
        let offset = self.locators[src].key(key).unwrap_or(0);
        At {
            src,
            offset,
            start: offset,
            end: self.locators[src].text_len(),
        }
    }

    /// The first `value` at or after `from`'s start; further lookups from it start there.
    fn value_from(&self, from: At, value: &str) -> At {
        let at = self.value_at(from, value);
        At { start: at.offset, ..at }
    }

    /// Adds customers' opening lines for practice rounds.
    pub(super) fn practice(&mut self, src: usize, raws: &[RawPractice]) {
        if raws.is_empty() {
            return;
        }
        for raw in raws {
            let entry = self.entry_at(src, "practice entry", "practice", &raw.situation);
            let at = self.value_from(entry, &raw.situation);
            let Some(&tag) = self.lib.tag_ix.get(&raw.situation) else {
                if raw.situation.trim().is_empty() {
                    self.report_as(
                        at,
                        ProblemKind::MissingField,
                        "practice entry without a `situation`: name a situation tag".into(),
                    );
                } else {
                    self.unknown(at, "situation tag", &raw.situation, Ids::Tags);
                }
                continue;
            };
            if raw.lines.is_empty() {
                self.report_as(
                    at,
                    ProblemKind::MissingField,
                    format!(
                        "practice \"{}\": `lines` is empty: add what a customer might say first",
                        raw.situation
                    ),
                );
            }
            for line in &raw.lines {
                let text = line.trim();
                let line_at = self.value_at(at, line);
                if text.is_empty() {
                    self.report_as(
                        line_at,
                        ProblemKind::MissingField,
                        format!("practice \"{}\": an empty line", raw.situation),
                    );
                } else if text.chars().count() > MAX_LINE_CHARS {
                    self.report_as(
                        line_at,
                        ProblemKind::Invalid,
                        format!(
                            "practice \"{}\": a line over {MAX_LINE_CHARS} characters: keep it to what a customer says first",
                            raw.situation
                        ),
                    );
                } else if self.lib.practice.iter().any(|p| p.tag == tag && p.text == text) {
                    self.report_as(
                        line_at,
                        ProblemKind::Pointless,
                        format!("practice \"{}\": this line is already there", raw.situation),
                    );
                } else {
                    self.lib.practice.push(PracticeLine {
                        tag,
                        text: text.to_string(),
                    });
                }
            }
        }
    }

    /// Applies a pack's huddle settings: a later pack's seed and order replace earlier ones;
    /// pins add up, one per date.
    pub(super) fn huddle(&mut self, src: usize, raw: &RawHuddle) {
        let at = self.key_at(src, "huddle");
        if !raw.seed.trim().is_empty() {
            self.lib.huddle.seed = raw.seed.trim().to_string();
        }
        if !raw.order.is_empty() {
            let mut order = Vec::new();
            // Values are found in file order, so a repeated id is reported where it repeats.
            let mut cursor = at;
            for id in &raw.order {
                let id_at = self.value_from(cursor, id);
                cursor.start = id_at.offset + 1;
                match self.lib.skill_ix.get(id).copied() {
                    Some(s) if order.contains(&s) => self.report_as(
                        id_at,
                        ProblemKind::Invalid,
                        format!("huddle order: \"{id}\" is listed twice"),
                    ),
                    Some(s) => order.push(s),
                    None => {
                        self.unknown(id_at, "skill", id, Ids::Skills);
                    }
                }
            }
            self.lib.huddle.order = order;
        }
        let mut pinned_here: HashMap<NaiveDate, At> = HashMap::new();
        let mut cursor = at;
        for pin in &raw.pins {
            let date_at = self.value_from(cursor, &pin.date);
            cursor.start = date_at.offset + 1;
            let Ok(date) = NaiveDate::parse_from_str(pin.date.trim(), "%Y-%m-%d") else {
                self.report_as(
                    date_at,
                    ProblemKind::Invalid,
                    format!("huddle pin: \"{}\" is not a date: write YYYY-MM-DD", pin.date),
                );
                continue;
            };
            let Some(&skill) = self.lib.skill_ix.get(&pin.skill) else {
                self.unknown(date_at, "skill", &pin.skill, Ids::Skills);
                continue;
            };
            if let Some(first) = pinned_here.get(&date) {
                let first = self.where_is(*first);
                self.report_as(
                    date_at,
                    ProblemKind::DuplicateId,
                    format!("huddle pin: {date} is already pinned (at {first})"),
                );
                continue;
            }
            pinned_here.insert(date, date_at);
            // A later pack's pin for the same date replaces an earlier pack's.
            self.lib.huddle.pins.retain(|p| p.date != date);
            self.lib.huddle.pins.push(Pin { date, skill });
        }
    }
}
