//! The search view: the search box, results grouped into skills, situations and phrases with
//! matches highlighted (results with every word first, then the closest matches under a quiet
//! line), and (with an empty query) the library by group and the rep's most-used phrases.

use super::action::{Action, Actions};
use super::highlight;
use super::nav::{View, move_selection};
use super::user::UserView;
use crate::content::Library;
use crate::live::Content;
use crate::search::{DocRef, FieldKind, Hit, MAX_QUERY_CHARS};
use egui::{RichText, TextStyle};

/// Most results fetched per query.
const RESULT_LIMIT: usize = 60;
/// Cards shown under "Most used this week" (besides those shown above it).
const MOST_USED: usize = 5;
/// Skills listed above the phrases when phrases match too.
const MAX_SKILLS_WITH_PHRASES: usize = 3;

/// State of the search view.
pub struct SearchPanel {
    /// The text in the search box.
    pub query: String,
    /// The query and content generation `hits` were found for (their positions are only valid
    /// for that generation).
    searched: Option<(String, u64)>,
    hits: Vec<Hit>,
    /// The selected row, kept as the id of the thing it shows so rows moving (most-used) or
    /// the content being replaced don't change it.
    selected: Option<Item>,
    scroll_to_selected: bool,
    /// Put the keyboard in the search box on the next frame.
    pub focus: bool,
    /// Phrase rows drawn so far this frame (the first nine are numbered for Alt+1…9).
    phrases_shown: usize,
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
            phrases_shown: 0,
        }
    }
}

/// One selectable row, by id.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Skill(String),
    Phrase(String),
    /// A situation tag: opens the tough-call helper with it.
    Tag(String),
}

impl SearchPanel {
    /// Sets the query and searches.
    pub fn set_query(&mut self, q: &str, content: &Content) {
        self.query = q.to_string();
        self.refresh(content);
    }

    /// Searches again if the query or the content changed; results go skills first. A new query
    /// preselects the best hit; new content keeps the selected item if it is still there.
    fn refresh(&mut self, content: &Content) {
        let key = (self.query.clone(), content.generation);
        if self.searched.as_ref() == Some(&key) {
            return;
        }
        let same_query = self.searched.as_ref().is_some_and(|(q, _)| *q == self.query);
        let hits = content.index.search(&self.query, RESULT_LIMIT);
        // The best phrase is preselected (Enter copies it); a skill only when the query is its
        // very name or alias, or when no phrase matched.
        let q = self.query.trim().to_lowercase();
        let named = |h: &&Hit| match h.target {
            DocRef::Skill(s) => {
                let sk = &content.library.skills[s];
                sk.name.to_lowercase() == q || sk.aliases.iter().any(|a| a.to_lowercase() == q)
            }
            _ => false,
        };
        let best = hits
            .iter()
            .find(named)
            .or_else(|| hits.iter().find(|h| matches!(h.target, DocRef::Phrase(_))))
            .or(hits.first())
            .map(|h| item_of(&content.library, h.target));
        // Hits with every word first (skills, situations, phrases), then the closest matches.
        let (all, partial): (Vec<Hit>, Vec<Hit>) = hits.into_iter().partition(|h| h.all_words);
        let (mut skills, rest): (Vec<Hit>, Vec<Hit>) =
            all.into_iter().partition(|h| matches!(h.target, DocRef::Skill(_)));
        let (mut tags, phrases): (Vec<Hit>, Vec<Hit>) =
            rest.into_iter().partition(|h| matches!(h.target, DocRef::Tag(_)));
        // Skills found only through words deep in their text crowd out the phrases: keep a few.
        if !phrases.is_empty() {
            let mut n = 0;
            skills.retain(|h| {
                n += 1;
                n <= MAX_SKILLS_WITH_PHRASES || by_name(h)
            });
        }
        skills.append(&mut tags);
        skills.extend(phrases);
        skills.extend(partial);
        self.hits = skills;
        self.searched = Some(key);
        if same_query {
            let lib = &content.library;
            let still = self.selected.as_ref().is_some_and(|s| match s {
                Item::Skill(id) => lib.skill_index(id).is_some(),
                Item::Phrase(id) => lib.phrase_index(id).is_some(),
                Item::Tag(id) => lib.tag_index(id).is_some(),
            });
            if !still {
                // What was selected is gone (or nothing was): the best hit, as for a new query.
                self.selected = best;
            }
        } else {
            self.selected = best;
            self.scroll_to_selected = true;
        }
    }

    fn browsing(&self) -> bool {
        self.query.trim().is_empty()
    }

    /// The rows in display order.
    fn items(&mut self, content: &Content, user: &UserView) -> Vec<Item> {
        self.refresh(content);
        let lib = &content.library;
        if !self.browsing() {
            return self.hits.iter().map(|h| item_of(lib, h.target)).collect();
        }
        let mut items: Vec<Item> = sections(lib, user).into_iter().flat_map(|(_, v)| v).collect();
        for (_, members) in &content.skills_by_group {
            items.extend(members.iter().map(|&s| Item::Skill(lib.skills[s].id.clone())));
        }
        items
    }

    /// Moves the selection up or down.
    pub fn move_selection(&mut self, delta: i32, content: &Content, user: &UserView) {
        let items = self.items(content, user);
        let row = self.selected.as_ref().and_then(|s| items.iter().position(|i| i == s));
        self.selected = move_selection(row, delta, items.len()).map(|r| items[r].clone());
        self.scroll_to_selected = true;
    }

    /// Whether a row is selected (so Enter and Ctrl+C have something to act on).
    pub fn has_selection(&self) -> bool {
        self.selected.is_some()
    }

    /// Enter (or Ctrl+C with `copy_only`): copy the selected phrase, open the selected skill, or
    /// open the tough-call helper with the selected situation.
    pub fn activate(&mut self, content: &Content, user: &UserView, copy_only: bool) -> Actions {
        let mut acts = Actions::new();
        let items = self.items(content, user);
        let Some(item) = self.selected.clone().filter(|s| items.contains(s)) else {
            return acts;
        };
        match item {
            Item::Phrase(p) => acts.push(Action::CopyPhrase(p)),
            Item::Skill(s) if copy_only => {
                if let Some(sk) = content.library.skill(&s) {
                    acts.push(Action::CopyText(sk.definition.clone(), None));
                }
            }
            Item::Skill(s) => acts.push(Action::OpenSkill(s)),
            Item::Tag(_) if copy_only => {}
            Item::Tag(t) => open_tough_call(&mut acts, t),
        }
        acts
    }

    /// The id of the n-th (0-based) phrase shown (results, or most-used with an empty query),
    /// for Alt+1…9.
    pub fn nth_phrase(&mut self, n: usize, content: &Content, user: &UserView) -> Option<String> {
        self.items(content, user)
            .into_iter()
            .filter_map(|i| match i {
                Item::Phrase(p) => Some(p),
                Item::Skill(_) | Item::Tag(_) => None,
            })
            .nth(n)
    }

    /// Esc: clears the query if there is one, else goes back to the top of the list.
    /// Always handled here (returns true).
    pub fn escape(&mut self, content: &Content) -> bool {
        if !self.browsing() {
            self.set_query("", content);
        }
        self.selected = None;
        self.focus = true;
        true
    }

    /// Draws the view.
    pub fn show(&mut self, ui: &mut egui::Ui, content: &Content, user: &UserView) -> Actions {
        let mut acts = Actions::new();
        let lib = &content.library;
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
                // Focus selects the whole query, so typing replaces it (Ctrl+K, the summon key).
                let mut st = egui::TextEdit::load_state(ui.ctx(), r.id).unwrap_or_default();
                let all = egui::text::CCursorRange::two(
                    egui::text::CCursor::new(0),
                    egui::text::CCursor::new(self.query.chars().count()),
                );
                st.cursor.set_char_range(Some(all));
                st.store(ui.ctx(), r.id);
            }
        });
        if self.query.chars().count() > MAX_QUERY_CHARS {
            ui.label(
                RichText::new(format!("Only the first {MAX_QUERY_CHARS} characters are searched."))
                    .small()
                    .weak(),
            );
        }
        self.refresh(content);
        ui.add_space(4.0);
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            if self.browsing() {
                self.browse(ui, content, user, &mut acts);
            } else if self.hits.is_empty() {
                ui.label(format!(
                    "Nothing matches \"{}\". Try fewer letters or another word.",
                    self.query.trim()
                ));
            } else {
                self.results(ui, lib, user, &mut acts);
            }
        });
        self.scroll_to_selected = false;
        acts
    }

    fn browse(&mut self, ui: &mut egui::Ui, content: &Content, user: &UserView, acts: &mut Actions) {
        let lib = &content.library;
        acts.append(super::huddle::today_strip(ui, lib));
        ui.horizontal_wrapped(|ui| {
            if ui.button("New card").on_hover_text("Ctrl+N").clicked() {
                acts.push(Action::NewCard(None));
            }
            if !user.own.is_empty() {
                let n = user.own.len();
                if ui
                    .button(format!("Export my {n} card(s)"))
                    .on_hover_text("As a pack for the team folder")
                    .clicked()
                {
                    acts.push(Action::ExportMine);
                }
            }
        });
        self.phrases_shown = 0;
        for (title, items) in sections(lib, user) {
            ui.label(RichText::new(title).strong());
            if title == FAVORITES {
                ui.label(RichText::new("Alt+Up / Alt+Down moves the selected one").small().weak());
            }
            for item in items {
                match &item {
                    Item::Phrase(id) => {
                        if let Some(p) = lib.phrase_index(id) {
                            self.phrase_row(ui, lib, p, None, user, acts);
                        }
                    }
                    Item::Skill(id) => {
                        if let Some(s) = lib.skill(id) {
                            let job = highlight::job(ui, &s.name, &[], TextStyle::Body);
                            self.row(ui, job, item.clone(), user, acts);
                        }
                    }
                    Item::Tag(_) => {}
                }
            }
            ui.add_space(6.0);
        }
        self.group_rows(ui, content, user, acts);
    }

    /// The library by group, one line per row, laid out only where the scroll area shows it (a
    /// library of 20,000 skills costs a frame no more than one of 30).
    fn group_rows(&mut self, ui: &mut egui::Ui, content: &Content, user: &UserView, acts: &mut Actions) {
        let lib = &content.library;
        let rows: usize = content.skills_by_group.iter().map(|(_, m)| m.len() + 2).sum();
        let spacing = ui.spacing().item_spacing.y;
        let line = ui.spacing().interact_size.y.max(ui.text_style_height(&TextStyle::Body)) + 2.0;
        let h = line + spacing;
        let top = ui.cursor().top();
        let clip = ui.clip_rect();
        let first = (((clip.top() - top) / h).floor().max(0.0) as usize).min(rows);
        let last = ((((clip.bottom() - top) / h).ceil().max(0.0) as usize) + 1).min(rows);
        // Keyboard selection far below or above: scroll to where its row is.
        if self.scroll_to_selected
            && let Some(Item::Skill(id)) = &self.selected
        {
            let mut at = 0;
            'find: for (_, members) in &content.skills_by_group {
                at += 2;
                for &s in members {
                    if lib.skills[s].id == *id {
                        let y = top + at as f32 * h;
                        let rect = egui::Rect::from_min_size(egui::pos2(ui.min_rect().left(), y), egui::vec2(1.0, h));
                        ui.scroll_to_rect(rect, Some(egui::Align::Center));
                        break 'find;
                    }
                    at += 1;
                }
            }
        }
        ui.add_space(first as f32 * h);
        let mut row = 0;
        for (g, members) in &content.skills_by_group {
            let n = members.len() + 2;
            if row + n <= first || row >= last {
                row += n;
                continue;
            }
            for i in 0..n {
                if row < first || row >= last {
                    row += 1;
                    continue;
                }
                let size = egui::vec2(ui.available_width(), line);
                ui.allocate_ui(size, |ui| {
                    ui.set_min_height(line);
                    match i {
                        0 => {
                            ui.label(RichText::new(&lib.groups[*g].name).strong());
                        }
                        1 => {
                            let blurb = RichText::new(&lib.groups[*g].blurb).small().weak();
                            ui.add(egui::Label::new(blurb).truncate());
                        }
                        _ => {
                            let s = members[i - 2];
                            let mut job = highlight::job(ui, &lib.skills[s].name, &[], TextStyle::Body);
                            job.wrap.max_rows = 1;
                            self.row(ui, job, Item::Skill(lib.skills[s].id.clone()), user, acts);
                        }
                    }
                });
                row += 1;
            }
        }
        ui.add_space(rows.saturating_sub(last) as f32 * h);
    }

    fn results(&mut self, ui: &mut egui::Ui, lib: &Library, user: &UserView, acts: &mut Actions) {
        let hits = std::mem::take(&mut self.hits);
        // With phrases found, skills sit in one compact strip so the phrases start high.
        let is_skill = |h: &Hit| h.all_words && matches!(h.target, DocRef::Skill(_));
        let strip = hits.iter().any(is_skill) && hits.iter().any(|h| matches!(h.target, DocRef::Phrase(_)));
        if strip {
            let skill_hits: Vec<Hit> = hits.iter().filter(|h| is_skill(h)).cloned().collect();
            self.skill_strip(ui, lib, &skill_hits, acts);
        }
        let mut heading: Option<&str> = None;
        self.phrases_shown = 0;
        for hit in &hits {
            if strip && is_skill(hit) {
                continue;
            }
            let section = match (hit.all_words, hit.target) {
                (false, _) => "partial",
                (true, DocRef::Skill(_)) => "Skills",
                (true, DocRef::Tag(_)) => "Situations",
                (true, DocRef::Phrase(_)) => "Phrases",
            };
            if heading != Some(section) {
                if heading.is_some() {
                    ui.add_space(4.0);
                }
                heading = Some(section);
                if section == "partial" {
                    ui.label(RichText::new("No card has every word — closest matches").small().weak());
                } else {
                    ui.label(RichText::new(section).strong());
                }
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
                    let weak = ui.visuals().weak_text_color();
                    highlight::append(&mut job, ui, "\n", &[], TextStyle::Small, weak);
                    highlight::append(&mut job, ui, &text, &ranges, TextStyle::Small, weak);
                    self.row(ui, job, Item::Skill(sk.id.clone()), user, acts);
                }
                DocRef::Phrase(p) => self.phrase_row(ui, lib, p, Some(hit), user, acts),
                DocRef::Tag(t) => self.tag_row(ui, lib, t, hit, acts),
            }
        }
        self.hits = hits;
    }

    /// Skill hits as one wrapping row of small buttons (Alt+Enter opens the first).
    fn skill_strip(&mut self, ui: &mut egui::Ui, lib: &Library, hits: &[Hit], acts: &mut Actions) {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Skills").small().weak())
                .on_hover_text("Alt+Enter opens the first");
            for hit in hits {
                let DocRef::Skill(s) = hit.target else { continue };
                let sk = &lib.skills[s];
                let item = Item::Skill(sk.id.clone());
                let selected = self.selected.as_ref() == Some(&item);
                let why = hit
                    .matches
                    .iter()
                    .find(|m| m.field != FieldKind::Name)
                    .map_or_else(|| first_sentence(&sk.definition).to_string(), |m| m.text.clone());
                let r = ui
                    .add(egui::Button::selectable(selected, RichText::new(&sk.name).small()).frame_when_inactive(true))
                    .on_hover_text(why);
                if selected && self.scroll_to_selected {
                    r.scroll_to_me(Some(egui::Align::Center));
                }
                if r.clicked() {
                    self.selected = Some(item);
                    acts.push(Action::OpenSkill(sk.id.clone()));
                }
            }
        });
        ui.add_space(2.0);
    }

    /// The id of the first skill found for the query (for Alt+Enter).
    pub fn first_skill(&self, lib: &Library) -> Option<String> {
        self.hits.iter().find_map(|h| match h.target {
            DocRef::Skill(s) => Some(lib.skills[s].id.clone()),
            _ => None,
        })
    }

    /// A situation: its label, the everyday words that matched, and what Enter does.
    fn tag_row(&mut self, ui: &mut egui::Ui, lib: &Library, t: usize, hit: &Hit, acts: &mut Actions) {
        let tag = &lib.tags[t];
        let mut job = highlight::job(ui, &tag.label, hit.ranges(FieldKind::TagLabel), TextStyle::Body);
        let why = hit
            .matches
            .iter()
            .find(|m| m.field != FieldKind::TagLabel)
            .map(|m| crate::text::list_item(&m.text, &m.ranges));
        let line = match why {
            Some(w) if !w.is_empty() => format!("\n“{w}” · open in the tough-call helper"),
            _ => "\nSituation · open in the tough-call helper".to_string(),
        };
        let weak = ui.visuals().weak_text_color();
        highlight::append(&mut job, ui, &line, &[], TextStyle::Small, weak);
        let item = Item::Tag(tag.id.clone());
        let selected = self.selected.as_ref() == Some(&item);
        let r = ui.add(egui::Button::selectable(selected, job).wrap());
        if selected && self.scroll_to_selected {
            r.scroll_to_me(Some(egui::Align::Center));
        }
        if r.clicked() {
            self.selected = Some(item);
            open_tough_call(acts, tag.id.clone());
        }
    }

    fn phrase_row(
        &mut self,
        ui: &mut egui::Ui,
        lib: &Library,
        p: usize,
        hit: Option<&Hit>,
        user: &UserView,
        acts: &mut Actions,
    ) {
        let ph = &lib.phrases[p];
        let ranges = hit.map_or(&[][..], |h| h.ranges(FieldKind::PhraseText));
        let mut job = highlight::job(ui, &ph.text, ranges, TextStyle::Body);
        let weak = ui.visuals().weak_text_color();
        // Where it comes from only when that is news (a pack, the rep's own); then how it copies.
        let origin = crate::live::Origin::of(&ph.source);
        let from = match origin {
            crate::live::Origin::Builtin => String::new(),
            o => format!(" · {}", o.label()),
        };
        let n = self.phrases_shown;
        self.phrases_shown += 1;
        let selected = self
            .selected
            .as_ref()
            .is_some_and(|s| *s == Item::Phrase(ph.id.clone()));
        let key = match (selected, n < 9) {
            (true, true) => format!(" · Enter copies (Alt+{})", n + 1),
            (true, false) => " · Enter copies".to_string(),
            (false, true) => format!(" · Alt+{}", n + 1),
            (false, false) => String::new(),
        };
        let skill_name = format!("\n{}{from}{key}", lib.skills[ph.skill].name);
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
        self.row(ui, job, Item::Phrase(ph.id.clone()), user, acts);
    }

    fn row(&mut self, ui: &mut egui::Ui, job: egui::text::LayoutJob, item: Item, user: &UserView, acts: &mut Actions) {
        let selected = self.selected.as_ref() == Some(&item);
        let id = match &item {
            Item::Skill(id) | Item::Phrase(id) | Item::Tag(id) => id.clone(),
        };
        let r = ui
            .horizontal(|ui| {
                let starred = user.is_favorite(&id);
                let star = if starred { "Unstar" } else { "Star" };
                if ui.small_button(star).on_hover_text("Ctrl+D").clicked() {
                    acts.push(Action::ToggleFavorite(id.clone()));
                }
                let mut job = job;
                job.wrap.max_width = ui.available_width();
                ui.add(egui::Button::selectable(selected, job).wrap())
            })
            .inner;
        if selected && self.scroll_to_selected {
            r.scroll_to_me(Some(egui::Align::Center));
        }
        if r.clicked() {
            self.selected = Some(item.clone());
            match item {
                Item::Skill(s) => acts.push(Action::OpenSkill(s)),
                Item::Phrase(p) => acts.push(Action::CopyPhrase(p)),
                Item::Tag(t) => open_tough_call(acts, t),
            }
        }
    }
}

/// Whether a skill hit matched its name or an alias (not only words deep in its text).
fn by_name(h: &Hit) -> bool {
    h.matches
        .iter()
        .any(|m| matches!(m.field, FieldKind::Name | FieldKind::Alias))
}

/// The row a hit stands for, by id (hits hold positions valid for one content generation).
fn item_of(lib: &Library, d: DocRef) -> Item {
    match d {
        DocRef::Skill(s) => Item::Skill(lib.skills[s].id.clone()),
        DocRef::Phrase(p) => Item::Phrase(lib.phrases[p].id.clone()),
        DocRef::Tag(t) => Item::Tag(lib.tags[t].id.clone()),
    }
}

/// Opens the tough-call helper with just this situation picked.
fn open_tough_call(acts: &mut Actions, tag: String) {
    acts.push(Action::Go(View::ToughCall));
    acts.push(Action::SetTags(vec![tag]));
}

/// Title of the favorites section.
const FAVORITES: &str = "Favorites";

/// The sections above the library with an empty query: favorites in the rep's order, then
/// recently copied and most used this week (each card shown once, in the first section with it).
fn sections(lib: &Library, user: &UserView) -> Vec<(&'static str, Vec<Item>)> {
    let mut shown: Vec<String> = user.favorites.clone();
    let favorites: Vec<Item> = user
        .favorites
        .iter()
        .filter_map(|id| {
            if lib.phrase_index(id).is_some() {
                Some(Item::Phrase(id.clone()))
            } else {
                lib.skill(id).map(|_| Item::Skill(id.clone()))
            }
        })
        .collect();
    let mut cards = |ids: Vec<&String>, max: usize| -> Vec<Item> {
        let mut out = Vec::new();
        for id in ids {
            if out.len() == max {
                break;
            }
            if lib.phrase_index(id).is_some() && !shown.contains(id) {
                shown.push(id.clone());
                out.push(Item::Phrase(id.clone()));
            }
        }
        out
    };
    let recent = cards(user.recent.iter().collect(), usize::MAX);
    let week = cards(user.week.iter().map(|c| &c.id).collect(), MOST_USED);
    [
        (FAVORITES, favorites),
        ("Recently copied", recent),
        ("Most used this week", week),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect()
}

/// The selected row's id, for starring and moving favorites.
impl SearchPanel {
    /// The id of the selected skill or card, if any.
    pub fn selected_id(&self) -> Option<&str> {
        match self.selected.as_ref()? {
            Item::Skill(id) | Item::Phrase(id) => Some(id),
            Item::Tag(_) => None,
        }
    }

    /// The id of the selected card (not a skill), if any.
    pub fn selected_card(&self) -> Option<&str> {
        match self.selected.as_ref()? {
            Item::Phrase(id) => Some(id),
            Item::Skill(_) | Item::Tag(_) => None,
        }
    }

    /// Selects a card by id (after saving it, so the rep sees it).
    pub fn select_card(&mut self, id: &str) {
        self.selected = Some(Item::Phrase(id.to_string()));
        self.scroll_to_selected = true;
    }
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
