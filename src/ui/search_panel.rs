//! The search view: the search box, results grouped into skills and phrases with matches
//! highlighted, and (with an empty query) the library by group and the rep's most-used phrases.

use super::app::Action;
use super::highlight;
use super::nav::move_selection;
use crate::content::Library;
use crate::search::{DocRef, FieldKind, Hit, Index};
use crate::store::UserData;
use egui::{RichText, TextStyle};

/// Most results fetched per query.
const RESULT_LIMIT: usize = 60;
/// Most-used phrases shown above the library with an empty query.
const MOST_USED: usize = 5;
/// Skills listed above the phrases when phrases match too.
const MAX_SKILLS_WITH_PHRASES: usize = 3;

/// State of the search view.
pub struct SearchPanel {
    /// The text in the search box.
    pub query: String,
    searched: Option<String>,
    hits: Vec<Hit>,
    /// The selected row, kept as the thing it shows so rows moving (most-used) don't change it.
    selected: Option<Item>,
    scroll_to_selected: bool,
    /// Put the keyboard in the search box on the next frame.
    pub focus: bool,
}

impl Default for SearchPanel {
    fn default() -> Self {
        SearchPanel {
            query: String::new(),
            searched: None,
            hits: Vec::new(),
            selected: None,
            scroll_to_selected: false,
            focus: true,
        }
    }
}

/// One selectable row.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Item {
    Skill(usize),
    Phrase(usize),
}

impl SearchPanel {
    /// Sets the query and searches.
    pub fn set_query(&mut self, q: &str, index: &Index) {
        self.query = q.to_string();
        self.refresh(index);
    }

    /// Searches again if the query changed; results go skills first, the best hit preselected.
    fn refresh(&mut self, index: &Index) {
        if self.searched.as_deref() == Some(self.query.as_str()) {
            return;
        }
        let mut hits = index.search(&self.query, RESULT_LIMIT);
        hits.retain(|h| !matches!(h.target, DocRef::Tag(_)));
        let best = hits.first().map(|h| h.target);
        let (mut skills, phrases): (Vec<Hit>, Vec<Hit>) =
            hits.into_iter().partition(|h| matches!(h.target, DocRef::Skill(_)));
        // Skills found only through words deep in their text crowd out the phrases: keep a few.
        if !phrases.is_empty() {
            let mut n = 0;
            skills.retain(|h| {
                n += 1;
                n <= MAX_SKILLS_WITH_PHRASES || by_name(h)
            });
        }
        skills.extend(phrases);
        self.hits = skills;
        self.selected = best.map(item_of);
        self.scroll_to_selected = true;
        self.searched = Some(self.query.clone());
    }

    fn browsing(&self) -> bool {
        self.query.trim().is_empty()
    }

    /// The rows in display order.
    fn items(&self, lib: &Library, user: &UserData) -> Vec<Item> {
        if !self.browsing() {
            return self.hits.iter().map(|h| item_of(h.target)).collect();
        }
        let mut items: Vec<Item> = most_used(lib, user).into_iter().map(Item::Phrase).collect();
        for (_, members) in lib.skills_by_group() {
            items.extend(members.into_iter().map(Item::Skill));
        }
        items
    }

    /// Moves the selection up or down.
    pub fn move_selection(&mut self, delta: i32, lib: &Library, user: &UserData) {
        let items = self.items(lib, user);
        let row = self.selected.and_then(|s| items.iter().position(|&i| i == s));
        self.selected = move_selection(row, delta, items.len()).map(|r| items[r]);
        self.scroll_to_selected = true;
    }

    /// Whether a row is selected (so Enter and Ctrl+C have something to act on).
    pub fn has_selection(&self) -> bool {
        self.selected.is_some()
    }

    /// Enter (or Ctrl+C with `copy_only`): copy the selected phrase or open the selected skill.
    pub fn activate(&self, lib: &Library, user: &UserData, copy_only: bool) -> Option<Action> {
        let item = self.selected.filter(|s| self.items(lib, user).contains(s))?;
        match item {
            Item::Phrase(p) => Some(Action::CopyPhrase(p)),
            Item::Skill(s) if copy_only => Some(Action::CopyText(lib.skills[s].definition.clone(), None)),
            Item::Skill(s) => Some(Action::OpenSkill(s)),
        }
    }

    /// The n-th (0-based) phrase shown (results, or most-used with an empty query), for Alt+1…9.
    pub fn nth_phrase(&self, n: usize, lib: &Library, user: &UserData) -> Option<usize> {
        self.items(lib, user)
            .into_iter()
            .filter_map(|i| match i {
                Item::Phrase(p) => Some(p),
                Item::Skill(_) => None,
            })
            .nth(n)
    }

    /// Esc: clears the query if there is one, else goes back to the top of the list.
    /// Always handled here (returns true).
    pub fn escape(&mut self, index: &Index) -> bool {
        if self.browsing() {
            self.selected = None;
        } else {
            self.set_query("", index);
            self.selected = None;
        }
        self.focus = true;
        true
    }

    /// Draws the view.
    pub fn show(&mut self, ui: &mut egui::Ui, lib: &Library, index: &Index, user: &UserData) -> Vec<Action> {
        let mut acts = Vec::new();
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            let edit = egui::TextEdit::singleline(&mut self.query)
                .id_salt("search-box")
                .hint_text("skills and phrases — e.g. sorry, late order")
                .desired_width(f32::INFINITY);
            let r = ui.add(edit).labelled_by(label.id);
            if self.focus {
                r.request_focus();
                self.focus = false;
            }
        });
        self.refresh(index);
        ui.add_space(4.0);
        let items = self.items(lib, user);
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            if self.browsing() {
                self.browse(ui, lib, user, &items, &mut acts);
            } else if self.hits.is_empty() {
                ui.label(format!(
                    "Nothing matches \"{}\". Try fewer letters or another word.",
                    self.query.trim()
                ));
            } else {
                self.results(ui, lib, &mut acts);
            }
        });
        self.scroll_to_selected = false;
        acts
    }

    fn browse(&mut self, ui: &mut egui::Ui, lib: &Library, user: &UserData, items: &[Item], acts: &mut Vec<Action>) {
        let mut row = 0;
        let used = most_used(lib, user);
        if !used.is_empty() {
            ui.label(RichText::new("Your most-used phrases").strong());
            for p in used {
                self.phrase_row(ui, lib, p, None, acts);
                row += 1;
            }
            ui.add_space(6.0);
        }
        for (g, members) in lib.skills_by_group() {
            ui.label(RichText::new(&lib.groups[g].name).strong());
            if !lib.groups[g].blurb.is_empty() {
                ui.label(RichText::new(&lib.groups[g].blurb).small().weak());
            }
            for s in members {
                debug_assert_eq!(items.get(row), Some(&Item::Skill(s)));
                let job = highlight::job(ui, &lib.skills[s].name, &[], TextStyle::Body);
                self.row(ui, job, Item::Skill(s), acts);
                row += 1;
            }
            ui.add_space(6.0);
        }
    }

    fn results(&mut self, ui: &mut egui::Ui, lib: &Library, acts: &mut Vec<Action>) {
        let hits = std::mem::take(&mut self.hits);
        let skills = hits.iter().filter(|h| matches!(h.target, DocRef::Skill(_))).count();
        for (row, hit) in hits.iter().enumerate() {
            if row == 0 && skills > 0 {
                ui.label(RichText::new("Skills").strong());
            }
            if row == skills {
                ui.add_space(4.0);
                ui.label(RichText::new("Phrases").strong());
            }
            match hit.target {
                DocRef::Skill(s) => {
                    let sk = &lib.skills[s];
                    let mut job = highlight::job(ui, &sk.name, hit.ranges(FieldKind::Name), TextStyle::Body);
                    // Show why it matched when it was not the name: an alias, or a bit of text.
                    let extra = hit.matches.iter().find(|m| m.field != FieldKind::Name);
                    let (text, ranges) = match extra {
                        Some(m) if m.field == FieldKind::Alias => (format!("also: {}", m.text), shift(&m.ranges, 6)),
                        Some(m) if hit.ranges(FieldKind::Name).is_empty() => crate::text::snippet(&m.text, &m.ranges),
                        _ => (first_sentence(&sk.definition).to_string(), Vec::new()),
                    };
                    highlight::append(
                        &mut job,
                        ui,
                        "\n",
                        &[],
                        TextStyle::Small,
                        ui.visuals().weak_text_color(),
                    );
                    highlight::append(
                        &mut job,
                        ui,
                        &text,
                        &ranges,
                        TextStyle::Small,
                        ui.visuals().weak_text_color(),
                    );
                    self.row(ui, job, Item::Skill(s), acts);
                }
                DocRef::Phrase(p) => self.phrase_row(ui, lib, p, Some(hit), acts),
                DocRef::Tag(_) => {}
            }
        }
        self.hits = hits;
    }

    fn phrase_row(&mut self, ui: &mut egui::Ui, lib: &Library, p: usize, hit: Option<&Hit>, acts: &mut Vec<Action>) {
        let ph = &lib.phrases[p];
        let ranges = hit.map_or(&[][..], |h| h.ranges(FieldKind::PhraseText));
        let mut job = highlight::job(ui, &ph.text, ranges, TextStyle::Body);
        let weak = ui.visuals().weak_text_color();
        let skill_name = format!("\n{}", lib.skills[ph.skill].name);
        highlight::append(&mut job, ui, &skill_name, &[], TextStyle::Small, weak);
        if let Some(i) = &ph.instead_of {
            // Matches in the "instead of" line are highlighted too (that may be what they typed).
            let ranges = hit.map_or(&[][..], |h| h.ranges(FieldKind::InsteadOf));
            let ranges = shift(ranges, " · instead of “".len());
            highlight::append(
                &mut job,
                ui,
                &format!(" · instead of “{i}”"),
                &ranges,
                TextStyle::Small,
                weak,
            );
        }
        self.row(ui, job, Item::Phrase(p), acts);
    }

    fn row(&mut self, ui: &mut egui::Ui, job: egui::text::LayoutJob, item: Item, acts: &mut Vec<Action>) {
        let selected = self.selected == Some(item);
        let r = ui.add(egui::Button::selectable(selected, job).wrap());
        if selected && self.scroll_to_selected {
            r.scroll_to_me(Some(egui::Align::Center));
        }
        if r.clicked() {
            self.selected = Some(item);
            acts.push(match item {
                Item::Skill(s) => Action::OpenSkill(s),
                Item::Phrase(p) => Action::CopyPhrase(p),
            });
        }
    }
}

/// Whether a skill hit matched its name or an alias (not only words deep in its text).
fn by_name(h: &Hit) -> bool {
    h.matches
        .iter()
        .any(|m| matches!(m.field, FieldKind::Name | FieldKind::Alias))
}

fn item_of(d: DocRef) -> Item {
    match d {
        DocRef::Skill(s) => Item::Skill(s),
        DocRef::Phrase(p) | DocRef::Tag(p) => Item::Phrase(p),
    }
}

/// The rep's most-copied phrase cards, most first.
fn most_used(lib: &Library, user: &UserData) -> Vec<usize> {
    let mut used: Vec<(u32, usize)> = user
        .copies
        .iter()
        .filter_map(|(id, &n)| lib.phrase_index(id).map(|p| (n, p)))
        .collect();
    used.sort_by_key(|&(n, p)| (std::cmp::Reverse(n), p));
    used.into_iter().take(MOST_USED).map(|(_, p)| p).collect()
}

fn first_sentence(s: &str) -> &str {
    match s.find(". ") {
        Some(i) => &s[..=i],
        None => s,
    }
}

fn shift(ranges: &[std::ops::Range<usize>], by: usize) -> Vec<std::ops::Range<usize>> {
    ranges.iter().map(|r| r.start + by..r.end + by).collect()
}
