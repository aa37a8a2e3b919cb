//! Loading the huddle parts of a pack: `huddle: (seed, order, pins)` and `practice` lines. Every
//! reference is checked like the rest of the format; a bad one is a problem and is left out.

use super::{At, Loader};
use crate::content::huddle::{Pin, PracticeLine};
use crate::content::raw::{RawHuddle, RawPractice};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Longest opening line accepted, in characters (it is read aloud in a huddle).
const MAX_LINE_CHARS: usize = 300;

impl Loader<'_> {
    /// Where a list key stands in a source (falls back to the file start).
    fn key_at(&self, src: usize, key: &str) -> At {
        At {
            src,
            offset: self.locators[src].find_key(0, key).unwrap_or(0),
        }
    }

    /// Adds customers' opening lines for practice rounds.
    pub(super) fn practice(&mut self, src: usize, raws: &[RawPractice]) {
        if raws.is_empty() {
            return;
        }
        let list = self.key_at(src, "practice");
        for raw in raws {
            let at = self.value_at(list, &raw.situation);
            let Some(&tag) = self.lib.tag_ix.get(&raw.situation) else {
                if raw.situation.trim().is_empty() {
                    self.report(at, "practice entry without a `situation`: name a situation tag".into());
                } else {
                    let known = self.lib.tag_ix.clone();
                    self.unknown(at, "situation tag", &raw.situation, &known);
                }
                continue;
            };
            if raw.lines.is_empty() {
                self.report(
                    at,
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
                    self.report(line_at, format!("practice \"{}\": an empty line", raw.situation));
                } else if text.chars().count() > MAX_LINE_CHARS {
                    self.report(
                        line_at,
                        format!(
                            "practice \"{}\": a line over {MAX_LINE_CHARS} characters: keep it to what a customer says first",
                            raw.situation
                        ),
                    );
                } else if self.lib.practice.iter().any(|p| p.tag == tag && p.text == text) {
                    self.report(
                        line_at,
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
                let id_at = self.value_at(cursor, id);
                cursor.offset = id_at.offset + 1;
                match self.lib.skill_ix.get(id).copied() {
                    Some(s) if order.contains(&s) => {
                        self.report(id_at, format!("huddle order: \"{id}\" is listed twice"))
                    }
                    Some(s) => order.push(s),
                    None => {
                        let known = self.lib.skill_ix.clone();
                        self.unknown(id_at, "skill", id, &known);
                    }
                }
            }
            self.lib.huddle.order = order;
        }
        let mut pinned_here: HashMap<NaiveDate, At> = HashMap::new();
        let mut cursor = at;
        for pin in &raw.pins {
            let date_at = self.value_at(cursor, &pin.date);
            cursor.offset = date_at.offset + 1;
            let Ok(date) = NaiveDate::parse_from_str(pin.date.trim(), "%Y-%m-%d") else {
                self.report(
                    date_at,
                    format!("huddle pin: \"{}\" is not a date: write YYYY-MM-DD", pin.date),
                );
                continue;
            };
            let Some(&skill) = self.lib.skill_ix.get(&pin.skill) else {
                let known = self.lib.skill_ix.clone();
                self.unknown(date_at, "skill", &pin.skill, &known);
                continue;
            };
            if let Some(first) = pinned_here.get(&date) {
                let first = self.where_is(*first);
                self.report(date_at, format!("huddle pin: {date} is already pinned (at {first})"));
                continue;
            }
            pinned_here.insert(date, date_at);
            // A later pack's pin for the same date replaces an earlier pack's.
            self.lib.huddle.pins.retain(|p| p.date != date);
            self.lib.huddle.pins.push(Pin { date, skill });
        }
    }
}
