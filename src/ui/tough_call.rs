//! The tough-call view: paste the customer's message for suggested tags, or pick tags from
//! grouped chips (type to filter, arrows and Enter to toggle); the plan, beside or below, has
//! most of the room.

use super::action::{Action, Actions};
use super::card::{self, Look};
use super::theme;
use super::user::UserView;
use crate::coach::{self, Plan, Suggestion};
use crate::content::Library;
use crate::live::Content;
use egui::RichText;

/// Width above which picking and the plan sit side by side.
const TWO_COLUMNS: f32 = 720.0;
/// Width of the plan above which its steps and "why these skills" sit side by side.
const PLAN_TWO_COLUMNS: f32 = 1100.0;
/// Space between the picking column and the plan.
const GAP: f32 = 16.0;
/// Skills explained under "Why these skills".
const WHY_SKILLS: usize = 6;

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
    /// Narrow window: the chips are shown although tags are picked.
    picker_open: bool,
    /// Where the suggestions were drawn last frame (for the "below" sign).
    suggest_rect: Option<egui::Rect>,
    /// Suggestions not picked yet.
    new_suggestions: usize,
    /// Scroll the suggestions into view on the next frame (the sign was clicked).
    scroll_to_suggestions: bool,
    /// A situation chip had the keyboard focus last frame (the chips stay shown).
    chip_focused: bool,
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

    /// Puts a customer message in the paste box (its suggestions follow on the next frame).
    pub fn set_message(&mut self, text: &str) {
        self.message = text.to_string();
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

    /// Whether the situation filter is empty (Backspace there takes out the last tag).
    pub fn filter_is_empty(&self) -> bool {
        self.filter.is_empty()
    }

    /// Draws the view: on wide windows a narrow column to pick (message, tags) and the plan
    /// beside it with most of the width; on narrow ones the same parts stacked, plan last.
    pub fn show(&mut self, ui: &mut egui::Ui, content: &Content, user: &UserView) -> Actions {
        self.refind(content);
        let lib = &content.library;
        let mut acts = Actions::new();
        let full = ui.available_rect_before_wrap();
        if full.width() >= TWO_COLUMNS {
            let side = side_width(full.width());
            let left = egui::Rect::from_min_size(full.min, egui::vec2(side, full.height()));
            let right = egui::Rect::from_min_max(egui::pos2(left.right() + GAP, full.top()), full.max);
            ui.scope_builder(egui::UiBuilder::new().max_rect(left), |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("tc-left")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        // Room on the right so the scroll bar does not sit on the boxes.
                        egui::Frame::new()
                            .inner_margin(egui::Margin {
                                right: 12,
                                ..Default::default()
                            })
                            .show(ui, |ui| self.picker(ui, content, user, &mut acts, true));
                    });
            });
            let line = egui::Stroke::new(1.0, theme::colours(ui).hairline);
            ui.painter().vline(left.right() + GAP / 2.0, full.y_range(), line);
            ui.scope_builder(egui::UiBuilder::new().max_rect(right), |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("tc-right")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        egui::Frame::new()
                            .inner_margin(egui::Margin {
                                right: 12,
                                ..Default::default()
                            })
                            .show(ui, |ui| self.plan_ui(ui, lib, user, &mut acts));
                    });
            });
            ui.advance_cursor_after_rect(full);
        } else {
            let out = egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                self.picker(ui, content, user, &mut acts, false);
                ui.separator();
                self.plan_ui(ui, lib, user, &mut acts);
            });
            // Suggestions scrolled out of sight: a sign at the bottom says they are there.
            if let Some(r) = self.suggest_rect.take() {
                let seen = out.inner_rect;
                if r.top() > seen.bottom() - 8.0 {
                    let n = self.new_suggestions;
                    let text = format!("{n} suggested situation(s) below");
                    let pos = egui::pos2(seen.center().x, seen.bottom() - 4.0);
                    egui::Area::new(egui::Id::unique("tc-suggest-sign"))
                        .order(egui::Order::Foreground)
                        .pivot(egui::Align2::CENTER_BOTTOM)
                        .fixed_pos(pos)
                        .show(ui.ctx(), |ui| {
                            if ui.button(text).clicked() {
                                self.scroll_to_suggestions = true;
                                ui.ctx().request_repaint();
                            }
                        });
                }
            }
        }
        acts
    }

    fn picker(&mut self, ui: &mut egui::Ui, content: &Content, user: &UserView, acts: &mut Actions, wide: bool) {
        let lib = &content.library;
        if !self.tags.is_empty() {
            self.picked_row(ui, lib, acts);
        }
        self.suggest_ui(ui, content, acts);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let label = ui.label(RichText::new("Situation").strong());
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
        // A narrow window shows the chips while choosing; once tags are picked they fold away
        // for the plan (typing in the filter, or the button, brings them back).
        // (Not while the keyboard is on a chip: it would fall out of the view with it.)
        let folded =
            !wide && !self.tags.is_empty() && self.filter.trim().is_empty() && !self.picker_open && !self.chip_focused;
        self.chip_focused = false;
        self.rows_drawn = 0;
        if folded {
            let all = format!("Show all {} situations", lib.tags.len());
            if ui.small_button(all).clicked() {
                self.picker_open = true;
            }
        } else {
            // Ids of their own, so a chip keeps the keyboard focus when the rows above change
            // (a tag picked with Space adds its chip to the picked row).
            ui.scope_builder(egui::UiBuilder::new().scope_id(egui::Id::unique("tc-chips")), |ui| {
                self.tag_chips(ui, lib, acts);
            });
            if !wide && self.picker_open && ui.small_button("Hide the situations").clicked() {
                self.picker_open = false;
            }
        }
        let recent: Vec<(Vec<String>, Vec<usize>)> = user
            .recent_situations
            .iter()
            .filter(|ids| !ids.is_empty() && **ids != self.tags)
            .filter_map(|ids| coach::parse_tags(lib, ids).ok().map(|ix| (ids.clone(), ix)))
            .take(4)
            .collect();
        if !recent.is_empty() {
            ui.add_space(4.0);
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
    }

    /// The picked tags as removable chips (click, or Tab to one and press Enter or Space).
    fn picked_row(&mut self, ui: &mut egui::Ui, lib: &Library, acts: &mut Actions) {
        ui.horizontal_wrapped(|ui| {
            let accent = theme::colours(ui).accent;
            for t in &self.tags {
                let Some(tag) = lib.tag_index(t).map(|i| &lib.tags[i]) else {
                    continue;
                };
                let chip = egui::Button::new(RichText::new(format!("{} ×", tag.label)).strong())
                    .fill(ui.visuals().selection.bg_fill)
                    .stroke(egui::Stroke::new(1.0, accent))
                    .corner_radius(12.0);
                let r = ui
                    .add(chip)
                    .on_hover_text("Take out (Backspace in the empty filter takes out the last)");
                if r.clicked() {
                    acts.push(Action::ToggleTag(t.clone()));
                    // The keyboard goes on from the filter, not from a chip that is gone.
                    self.focus_filter = true;
                }
            }
            if ui.small_button("Clear all").on_hover_text("Ctrl+L").clicked() {
                acts.push(Action::SetTags(Vec::new()));
            }
        });
        ui.add_space(4.0);
    }

    /// Every situation as a chip, grouped and wrapping (all reachable: scroll, or the arrows).
    fn tag_chips(&mut self, ui: &mut egui::Ui, lib: &Library, acts: &mut Actions) {
        let visible = self.visible(lib);
        let cursor_row = self
            .cursor
            .as_ref()
            .and_then(|c| visible.iter().position(|&t| lib.tags[t].id == *c));
        let filtering = !self.filter.trim().is_empty();
        let cursor = cursor_row.or(if filtering { Some(0) } else { None });
        self.rows_drawn = visible.len();
        if visible.is_empty() {
            ui.label(RichText::new("No situation matches that.").weak());
            return;
        }
        // Runs of tags of one group (a filter lists the best matches first, in one run).
        let mut runs: Vec<Run> = Vec::new();
        for (row, &t) in visible.iter().enumerate() {
            let g = (!filtering).then_some(lib.tags[t].group);
            match runs.last_mut() {
                Some((lg, v)) if *lg == g => v.push((row, t)),
                _ => runs.push((g, vec![(row, t)])),
            }
        }
        let accent = theme::colours(ui).accent;
        for (g, run) in runs {
            if let Some(g) = g {
                ui.add_space(2.0);
                ui.label(RichText::new(&lib.tag_groups[g].name).strong());
            }
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing = egui::vec2(6.0, 6.0);
                for (row, t) in run {
                    let tag = &lib.tags[t];
                    let on = self.tags.contains(&tag.id);
                    let here = cursor == Some(row);
                    let mut chip = egui::Button::selectable(on, &tag.label)
                        .frame_when_inactive(true)
                        .corner_radius(12.0);
                    if here {
                        chip = chip.stroke(egui::Stroke::new(2.0, accent));
                    }
                    let r = ui.add(chip).on_hover_text(&tag.description);
                    self.chip_focused |= r.has_focus();
                    if here && self.cursor.is_some() && self.scroll_to_cursor {
                        r.scroll_to_me(None);
                    }
                    if r.clicked() {
                        acts.push(Action::ToggleTag(tag.id.clone()));
                    }
                }
            });
        }
        self.scroll_to_cursor = false;
    }

    fn suggest_ui(&mut self, ui: &mut egui::Ui, content: &Content, acts: &mut Actions) {
        let lib = &content.library;
        let label = ui.label(RichText::new("Paste what the customer wrote").strong());
        // The box grows to a few lines, then scrolls, so the suggestions stay right under it.
        egui::ScrollArea::vertical()
            .id_salt("tc-message")
            .max_height(ui.text_style_height(&egui::TextStyle::Body) * 4.5)
            .show(ui, |ui| {
                ui.add(
                    egui::TextEdit::multiline(&mut self.message)
                        .id(egui::Id::unique(MESSAGE_BOX))
                        .hint_text("e.g. This is the THIRD time I'm writing, my order is still not here!!")
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            });
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
        self.new_suggestions = new.len();
        if self.message.chars().count() > coach::MAX_MESSAGE_CHARS {
            let note = format!("Only the first {} characters are read.", coach::MAX_MESSAGE_CHARS);
            ui.label(RichText::new(note).small().weak());
        }
        if !self.message.trim().is_empty() && self.suggestions.is_empty() {
            ui.label(RichText::new("No situation recognised in that message.").weak());
        }
        if new.is_empty() {
            return;
        }
        let head = ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("Suggested ({})", new.len())).small().weak());
            if new.len() > 1 && ui.small_button("Add all suggested").clicked() {
                let mut all = self.tags.clone();
                all.extend(new.iter().map(|s| lib.tags[s.tag].id.clone()));
                acts.push(Action::SetTags(all));
            }
        });
        if std::mem::take(&mut self.scroll_to_suggestions) {
            head.response.scroll_to_me(Some(egui::Align::Center));
        }
        self.suggest_rect = Some(head.response.rect);
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
    }

    fn plan_ui(&self, ui: &mut egui::Ui, lib: &Library, user: &UserView, acts: &mut Actions) {
        if self.tags.is_empty() {
            let hint = if self.new_suggestions > 0 {
                "Add the suggested situations (or pick your own), and a plan appears here."
            } else {
                "Pick what is going on — how they feel, what it is about, what makes it hard — or paste their message, and a plan appears here."
            };
            ui.label(RichText::new(hint).weak());
            return;
        }
        if self.plan.skills.is_empty() {
            ui.label(
                RichText::new("No skill is linked to these situations yet. Add another tag, or ask whoever keeps your team pack to link one.")
                    .weak(),
            );
            return;
        }
        // Very wide: the steps and "why these skills" side by side, each a readable column.
        if ui.available_width() >= PLAN_TWO_COLUMNS {
            ui.columns(2, |cols| {
                self.steps_ui(&mut cols[0], lib, user, acts);
                self.why_ui(&mut cols[1], lib, user, acts);
            });
        } else {
            self.steps_ui(ui, lib, user, acts);
            ui.add_space(8.0);
            self.why_ui(ui, lib, user, acts);
        }
    }

    fn steps_ui(&self, ui: &mut egui::Ui, lib: &Library, user: &UserView, acts: &mut Actions) {
        ui.heading(RichText::new("Plan").strong());
        for (i, ps) in self.plan.steps.iter().enumerate() {
            let st = &lib.steps[ps.step];
            ui.add_space(6.0);
            let step = RichText::new(format!("{}. {}", i + 1, st.title)).size(super::highlight::SAY_SIZE);
            let title = ui.label(step.strong());
            if !st.from.is_empty() {
                // Where the step comes from is for the curious, not for the call: on hover.
                let from: Vec<String> = st
                    .from
                    .iter()
                    .map(|(f, part)| format!("{} {part}", lib.frameworks[*f].name))
                    .collect();
                title.on_hover_text(format!("From: {}", from.join(" · ")));
            }
            ui.label(&ps.guidance);
            ui.horizontal_wrapped(|ui| {
                for &s in &ps.skills {
                    if ui.link(&lib.skills[s].name).clicked() {
                        acts.push(Action::OpenSkill(lib.skills[s].id.clone()));
                    }
                }
            });
            for &p in &ps.phrases {
                self.plan_card(ui, lib, p, user, acts);
            }
        }
    }

    fn why_ui(&self, ui: &mut egui::Ui, lib: &Library, user: &UserView, acts: &mut Actions) {
        ui.heading(RichText::new("Why these skills").strong());
        for (r, card) in self.plan.skills.iter().zip(&self.why_cards) {
            ui.add_space(4.0);
            // The weight is for the curious, not for the call: on hover.
            let name = ui
                .link(RichText::new(&lib.skills[r.skill].name).strong())
                .on_hover_text(format!("weight {}", r.score));
            if name.clicked() {
                acts.push(Action::OpenSkill(lib.skills[r.skill].id.clone()));
            }
            for w in &r.why {
                ui.label(RichText::new(format!("• {w}")).small());
            }
            if let Some(p) = card.as_deref().and_then(|id| lib.phrase_index(id)) {
                self.plan_card(ui, lib, p, user, acts);
            }
        }
    }

    /// A plan card: what to say, why it was chosen for these tags, numbered for Alt+1…9.
    fn plan_card(&self, ui: &mut egui::Ui, lib: &Library, p: usize, user: &UserView, acts: &mut Actions) {
        let n = self.phrase_order.iter().position(|x| *x == lib.phrases[p].id);
        let why = coach::card_reason(lib, &self.plan.tags, p).text(lib);
        let look = Look {
            number: n,
            why: Some(&why),
            ..Look::default()
        };
        card::show(ui, lib, p, look, user, acts);
    }
}

/// Tags of one group in a row of chips: the group (none while filtering) and (row, tag) pairs.
type Run = (Option<usize>, Vec<(usize, usize)>);

/// Width of the picking column beside the plan: about a quarter of the window.
fn side_width(window: f32) -> f32 {
    (window * 0.27).clamp(280.0, 380.0)
}
