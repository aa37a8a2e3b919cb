//! The tough-call view: pick tags (type to filter, Enter to toggle), or paste the customer's
//! message for suggestions; the plan updates live beside them.

use super::action::{Action, Actions};
use super::theme;
use super::user::UserView;
use crate::coach::{self, Plan, Suggestion};
use crate::content::Library;
use crate::live::Content;
use egui::RichText;

/// Width above which tags and plan sit side by side.
const TWO_COLUMNS: f32 = 720.0;
/// Skills explained under "Why these skills".
const WHY_SKILLS: usize = 6;
/// Tags listed at most in a narrow window (type to narrow down).
const NARROW_MAX_TAGS: usize = 12;

/// State of the tough-call view. What the rep picked is held by id; the plan and the
/// suggestions are worked out from it for one content generation and redone after a swap.
#[derive(Default)]
pub struct ToughCall {
    filter: String,
    /// Picked tag ids, in the order picked.
    tags: Vec<String>,
    /// The tag id under the keyboard cursor.
    cursor: Option<String>,
    message: String,
    suggestions: Vec<Suggestion>,
    /// The message and content generation `suggestions` were made for.
    suggested_for: Option<(String, u64)>,
    plan: Plan,
    /// The content generation `plan` was made for.
    plan_generation: u64,
    /// Phrase ids numbered for Alt+1…9, in the order shown.
    phrase_order: Vec<String>,
    /// The card id shown under each of the top skills in "Why these skills", if any.
    why_cards: Vec<Option<String>>,
    /// How many tag rows the last frame drew (the cursor stays within them).
    rows_drawn: usize,
    scroll_to_cursor: bool,
    /// Put the keyboard in the tag filter on the next frame.
    pub focus_filter: bool,
}

/// Id of the box where the rep pastes the customer's message (its keys are its own).
pub const MESSAGE_BOX: &str = "customer-message";

impl ToughCall {
    /// Replaces the picked tags (ids; unknown ones are dropped) and recomputes the plan.
    pub fn set_tags(&mut self, content: &Content, tags: Vec<String>) {
        let lib = &content.library;
        let mut kept: Vec<String> = Vec::new();
        for t in tags {
            if lib.tag_index(&t).is_some() && !kept.contains(&t) {
                kept.push(t);
            }
        }
        self.tags = kept;
        self.replan(content);
    }

    /// After a content swap: drops picked tags that are gone and works the plan out again.
    pub fn refind(&mut self, content: &Content) {
        if self.plan_generation != content.generation {
            let tags = std::mem::take(&mut self.tags);
            self.set_tags(content, tags);
        }
        if let Some(c) = &self.cursor
            && content.library.tag_index(c).is_none()
        {
            self.cursor = None;
        }
    }

    fn replan(&mut self, content: &Content) {
        let lib = &content.library;
        let ix: Vec<usize> = self.tags.iter().filter_map(|t| lib.tag_index(t)).collect();
        self.plan = coach::recommend(lib, &ix);
        self.plan_generation = content.generation;
        let mut order: Vec<usize> = Vec::new();
        for p in self.plan.steps.iter().flat_map(|s| s.phrases.iter()) {
            if !order.contains(p) {
                order.push(*p);
            }
        }
        // Then, under "Why these skills", each top skill's best card not shown in a step yet.
        let why: Vec<Option<usize>> = self
            .plan
            .skills
            .iter()
            .take(WHY_SKILLS)
            .map(|r| r.phrases.iter().copied().find(|p| !order.contains(p)))
            .collect();
        order.extend(why.iter().flatten());
        let id = |p: usize| lib.phrases[p].id.clone();
        self.why_cards = why.into_iter().map(|w| w.map(id)).collect();
        self.phrase_order = order.into_iter().map(id).collect();
    }

    /// The picked tags, as ids.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// The current plan (positions into the content it was made for).
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    fn visible(&self, lib: &Library) -> Vec<usize> {
        coach::filter_tags(lib, &self.filter)
    }

    /// Moves the cursor in the (filtered) tag list, within the rows on screen.
    pub fn move_cursor(&mut self, delta: i32, content: &Content) {
        let lib = &content.library;
        let v = self.visible(lib);
        let v = &v[..v.len().min(self.rows_drawn)];
        let row = self
            .cursor
            .as_ref()
            .and_then(|c| v.iter().position(|&t| lib.tags[t].id == *c));
        self.cursor = super::nav::move_selection(row, delta, v.len()).map(|r| lib.tags[v[r]].id.clone());
        self.scroll_to_cursor = true;
    }

    /// The tag id under the cursor (the first match when typing a filter); none if the list is
    /// hidden.
    pub fn cursor_tag(&self, content: &Content) -> Option<String> {
        let lib = &content.library;
        let v = self.visible(lib);
        let v = &v[..v.len().min(self.rows_drawn)];
        match &self.cursor {
            Some(c) => v.iter().find(|&&t| lib.tags[t].id == *c).map(|_| c.clone()),
            None if !self.filter.trim().is_empty() => v.first().map(|&t| lib.tags[t].id.clone()),
            None => None,
        }
    }

    /// The id of the n-th numbered phrase of the plan (for Alt+1…9).
    pub fn nth_phrase(&self, n: usize) -> Option<String> {
        self.phrase_order.get(n).cloned()
    }

    /// Esc: clears the filter if there is one (returns true), else lets the app go back.
    pub fn escape(&mut self) -> bool {
        if self.filter.is_empty() {
            return false;
        }
        self.filter.clear();
        self.cursor = None;
        true
    }

    /// Draws the view.
    pub fn show(&mut self, ui: &mut egui::Ui, content: &Content, user: &UserView) -> Actions {
        self.refind(content);
        let lib = &content.library;
        let mut acts = Actions::new();
        if ui.available_width() >= TWO_COLUMNS {
            ui.columns(2, |cols| {
                egui::ScrollArea::vertical()
                    .id_salt("tc-left")
                    .auto_shrink([false, false])
                    .show(&mut cols[0], |ui| {
                        // Room on the right so the scroll bar does not sit on the filter box.
                        egui::Frame::new()
                            .inner_margin(egui::Margin {
                                right: 12,
                                ..Default::default()
                            })
                            .show(ui, |ui| self.picker(ui, content, user, &mut acts, true));
                    });
                egui::ScrollArea::vertical()
                    .id_salt("tc-right")
                    .auto_shrink([false, false])
                    .show(&mut cols[1], |ui| {
                        self.plan_ui(ui, lib, user, &mut acts);
                    });
            });
        } else {
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                self.picker(ui, content, user, &mut acts, false);
                ui.separator();
                self.plan_ui(ui, lib, user, &mut acts);
            });
        }
        acts
    }

    fn picker(&mut self, ui: &mut egui::Ui, content: &Content, user: &UserView, acts: &mut Actions, wide: bool) {
        let lib = &content.library;
        ui.horizontal(|ui| {
            let label = ui.label("Situation");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.filter)
                        .id_salt("tag-filter")
                        .hint_text("type: angry, refund, chat…")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if r.changed() {
                self.cursor = None;
            }
            if self.focus_filter {
                r.request_focus();
                self.focus_filter = false;
            }
        });
        if !self.tags.is_empty() {
            ui.horizontal_wrapped(|ui| {
                for t in &self.tags {
                    let Some(tag) = lib.tag_index(t).map(|i| &lib.tags[i]) else {
                        continue;
                    };
                    if ui.button(format!("{} ×", tag.label)).on_hover_text("Remove").clicked() {
                        acts.push(Action::ToggleTag(t.clone()));
                    }
                }
                if ui.small_button("Clear all").on_hover_text("Ctrl+L").clicked() {
                    acts.push(Action::SetTags(Vec::new()));
                }
            });
        }
        let recent: Vec<(Vec<String>, Vec<usize>)> = user
            .recent_situations
            .iter()
            .filter(|ids| !ids.is_empty() && **ids != self.tags)
            .filter_map(|ids| coach::parse_tags(lib, ids).ok().map(|ix| (ids.clone(), ix)))
            .take(4)
            .collect();
        if !recent.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Recent:").small().weak());
                for (ids, ix) in recent {
                    let label: Vec<&str> = ix.iter().map(|&t| lib.tags[t].label.as_str()).collect();
                    if ui.small_button(label.join(" + ")).clicked() {
                        acts.push(Action::SetTags(ids));
                    }
                }
            });
        }
        let show_list = wide || !self.filter.trim().is_empty() || self.tags.is_empty();
        self.rows_drawn = 0;
        if show_list {
            self.tag_list(ui, lib, acts, wide);
        }
        ui.add_space(4.0);
        egui::CollapsingHeader::new("From the customer's message")
            .default_open(wide)
            .show(ui, |ui| {
                self.suggest_ui(ui, content, acts);
            });
    }

    fn tag_list(&mut self, ui: &mut egui::Ui, lib: &Library, acts: &mut Actions, wide: bool) {
        let visible = self.visible(lib);
        let cursor_row = self
            .cursor
            .as_ref()
            .and_then(|c| visible.iter().position(|&t| lib.tags[t].id == *c));
        let cursor = cursor_row.or(if self.filter.trim().is_empty() { None } else { Some(0) });
        let mut last_group = None;
        let max = if wide { usize::MAX } else { NARROW_MAX_TAGS };
        self.rows_drawn = visible.len().min(max);
        for (row, &t) in visible.iter().enumerate().take(max) {
            let tag = &lib.tags[t];
            if self.filter.trim().is_empty() && last_group != Some(tag.group) {
                ui.label(RichText::new(&lib.tag_groups[tag.group].name).small().strong());
                last_group = Some(tag.group);
            }
            let mut on = self.tags.contains(&tag.id);
            let here = cursor == Some(row);
            let fill = if here {
                ui.visuals().selection.bg_fill.gamma_multiply(0.6)
            } else {
                egui::Color32::TRANSPARENT
            };
            let r = egui::Frame::new()
                .fill(fill)
                .corner_radius(4.0)
                .inner_margin(egui::Margin::symmetric(4, 1))
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.checkbox(&mut on, &tag.label).on_hover_text(&tag.description)
                })
                .inner;
            if here && self.cursor.is_some() && self.scroll_to_cursor {
                r.scroll_to_me(None);
            }
            if r.changed() {
                acts.push(Action::ToggleTag(tag.id.clone()));
            }
        }
        self.scroll_to_cursor = false;
        if visible.len() > max {
            ui.label(
                RichText::new(format!("…and {} more: keep typing", visible.len() - max))
                    .small()
                    .weak(),
            );
        }
        if visible.is_empty() {
            ui.label(RichText::new("No situation matches that.").weak());
        }
    }

    fn suggest_ui(&mut self, ui: &mut egui::Ui, content: &Content, acts: &mut Actions) {
        let lib = &content.library;
        let label = ui.label(RichText::new("Paste what the customer wrote").small());
        ui.add(
            egui::TextEdit::multiline(&mut self.message)
                .id(egui::Id::unique(MESSAGE_BOX))
                .hint_text("e.g. This is the THIRD time I'm writing, my order is still not here!!")
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        let key = (self.message.clone(), content.generation);
        if self.suggested_for.as_ref() != Some(&key) {
            self.suggestions = coach::suggest_tags(lib, &self.message);
            self.suggested_for = Some(key);
        }
        let new: Vec<&Suggestion> = self
            .suggestions
            .iter()
            .filter(|s| !self.tags.contains(&lib.tags[s.tag].id))
            .collect();
        if self.message.chars().count() > coach::MAX_MESSAGE_CHARS {
            let note = format!("Only the first {} characters are read.", coach::MAX_MESSAGE_CHARS);
            ui.label(RichText::new(note).small().weak());
        }
        if !self.message.trim().is_empty() && self.suggestions.is_empty() {
            ui.label(RichText::new("No situation recognised in that message.").weak());
        }
        for s in &new {
            ui.horizontal_wrapped(|ui| {
                if ui.button(format!("Add {}", lib.tags[s.tag].label)).clicked() {
                    acts.push(Action::ToggleTag(lib.tags[s.tag].id.clone()));
                }
                // The customer's own words that led to it, quoted.
                let words: Vec<String> = s
                    .cues
                    .iter()
                    .map(|c| {
                        if c == "ALL CAPS" || c == "CAPS" || c == "!!!" {
                            c.clone()
                        } else {
                            format!("“{c}”")
                        }
                    })
                    .collect();
                ui.label(RichText::new(format!("from {}", words.join(", "))).small().weak());
            });
        }
        if new.len() > 1 && ui.small_button("Add all suggested").clicked() {
            let mut all = self.tags.clone();
            all.extend(new.iter().map(|s| lib.tags[s.tag].id.clone()));
            acts.push(Action::SetTags(all));
        }
    }

    fn plan_ui(&self, ui: &mut egui::Ui, lib: &Library, user: &UserView, acts: &mut Actions) {
        if self.tags.is_empty() {
            ui.label(RichText::new("Pick what is going on — how they feel, what it is about, what makes it hard — and a plan appears here.").weak());
            return;
        }
        if self.plan.skills.is_empty() {
            ui.label(
                RichText::new("No skill is linked to these situations yet. Add another tag, or ask whoever keeps your team pack to link one.")
                    .weak(),
            );
            return;
        }
        ui.heading("Plan");
        for (i, ps) in self.plan.steps.iter().enumerate() {
            let st = &lib.steps[ps.step];
            ui.add_space(4.0);
            let title = ui.label(RichText::new(format!("{}. {}", i + 1, st.title)).strong());
            if !st.from.is_empty() {
                // Where the step comes from is for the curious, not for the call: on hover.
                let from: Vec<String> = st
                    .from
                    .iter()
                    .map(|(f, part)| format!("{} {part}", lib.frameworks[*f].name))
                    .collect();
                title.on_hover_text(format!("From: {}", from.join(" · ")));
            }
            ui.label(&st.guidance);
            ui.horizontal_wrapped(|ui| {
                for &s in &ps.skills {
                    if ui.link(&lib.skills[s].name).clicked() {
                        acts.push(Action::OpenSkill(lib.skills[s].id.clone()));
                    }
                }
            });
            for &p in &ps.phrases {
                let n = self.phrase_order.iter().position(|x| *x == lib.phrases[p].id);
                let why = coach::card_reason(lib, &self.plan.tags, p).text(lib);
                phrase_card(ui, lib, p, n, &why, user, acts);
            }
        }
        ui.add_space(8.0);
        ui.heading("Why these skills");
        for (r, card) in self.plan.skills.iter().zip(&self.why_cards) {
            ui.add_space(2.0);
            ui.horizontal_wrapped(|ui| {
                if ui.link(RichText::new(&lib.skills[r.skill].name).strong()).clicked() {
                    acts.push(Action::OpenSkill(lib.skills[r.skill].id.clone()));
                }
            })
            .response
            .on_hover_text(format!("weight {}", r.score));
            for w in &r.why {
                ui.label(RichText::new(format!("• {w}")).small());
            }
            if let Some(p) = card.as_deref().and_then(|id| lib.phrase_index(id)) {
                let n = self.phrase_order.iter().position(|x| *x == lib.phrases[p].id);
                let why = coach::card_reason(lib, &self.plan.tags, p).text(lib);
                phrase_card(ui, lib, p, n, &why, user, acts);
            }
        }
    }
}

/// A plan card: what to say, why it was chosen for these tags, and its buttons (copy, star,
/// reply tray, save as my card).
fn phrase_card(
    ui: &mut egui::Ui,
    lib: &Library,
    p: usize,
    n: Option<usize>,
    why: &str,
    user: &UserView,
    acts: &mut Actions,
) {
    let ph = &lib.phrases[p];
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        if let Some(bad) = &ph.instead_of {
            ui.label(
                RichText::new(format!("Don't say: “{bad}”"))
                    .small()
                    .color(theme::dont(ui)),
            );
        }
        ui.label(&ph.text);
        ui.label(RichText::new(why).small().weak());
        let hint = match n {
            Some(n) if n < 9 => format!("Copy (Alt+{})", n + 1),
            _ => "Copy".to_string(),
        };
        ui.horizontal_wrapped(|ui| {
            if ui.small_button(hint).clicked() {
                acts.push(Action::CopyPhrase(ph.id.clone()));
            }
            let star = if user.is_favorite(&ph.id) { "Unstar" } else { "Star" };
            if ui.small_button(star).clicked() {
                acts.push(Action::ToggleFavorite(ph.id.clone()));
            }
            if ui.small_button("Add to reply").clicked() {
                acts.push(Action::AddToTray(ph.id.clone()));
            }
            if !crate::store::is_own_id(&ph.id) && ui.small_button("Save as my card").clicked() {
                acts.push(Action::NewCard(Some(ph.id.clone())));
            }
            let from = crate::live::Origin::of(&ph.source).label();
            ui.label(RichText::new(format!("from {from}")).small().weak());
        });
    });
}
