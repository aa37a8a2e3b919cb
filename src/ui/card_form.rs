//! The form for the rep's own cards: a new card, "Save as my card" from any card, or an edit.
//! Checks run in the core ([`CardDraft::problems`]); this only draws and returns actions.

use super::action::{Action, Actions};
use crate::content::{Channel, Library};
use crate::store::CardDraft;
use egui::RichText;

/// An open card form.
pub struct CardForm {
    /// The id of the rep's card being edited (None: a new card).
    pub editing: Option<String>,
    text: String,
    skill: String,
    situations: String,
    channels: Vec<Channel>,
    instead_of: String,
    problems: Vec<String>,
    focus: bool,
}

impl CardForm {
    /// A form holding `draft`; `editing` names the card it replaces, if any.
    pub fn new(draft: CardDraft, editing: Option<String>) -> CardForm {
        CardForm {
            editing,
            text: draft.text,
            skill: draft.skill,
            situations: draft.situations.join(", "),
            channels: draft.channels.iter().filter_map(|c| Channel::from_id(c)).collect(),
            instead_of: draft.instead_of.unwrap_or_default(),
            problems: Vec::new(),
            focus: true,
        }
    }

    fn draft(&self) -> CardDraft {
        CardDraft {
            text: self.text.clone(),
            skill: self.skill.clone(),
            situations: self.situations.split(',').map(|s| s.trim().to_string()).collect(),
            channels: self.channels.iter().map(|c| c.id().to_string()).collect(),
            instead_of: Some(self.instead_of.clone()),
        }
        .normalized()
    }

    /// Checks the form and asks to save it; the problems show under the form if any.
    pub fn submit(&mut self, lib: &Library) -> Option<Action> {
        let draft = self.draft();
        self.problems = draft.problems(Some(lib)).iter().map(ToString::to_string).collect();
        self.problems
            .is_empty()
            .then(|| Action::SaveCard(draft, self.editing.clone()))
    }

    /// Shows a problem from saving (the store said no).
    pub fn fail(&mut self, message: String) {
        self.problems = vec![message];
    }

    /// Draws the form.
    pub fn show(&mut self, ui: &mut egui::Ui, lib: &Library) -> Actions {
        let mut acts = Actions::new();
        super::theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let title = if self.editing.is_some() {
                "Edit my card"
            } else {
                "Your new card"
            };
            ui.label(RichText::new(title).strong());
            let label = ui.label("What to say");
            let r = ui
                .add(
                    egui::TextEdit::multiline(&mut self.text)
                        .hint_text("e.g. Thanks for waiting, {name}. Let me check that for you.")
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus) {
                r.request_focus();
            }
            let shown = lib
                .skill(&self.skill)
                .map_or("pick one", |s| s.name.as_str())
                .to_string();
            egui::ComboBox::from_label("Skill")
                .selected_text(shown)
                .height(320.0)
                .show_ui(ui, |ui| {
                    for s in &lib.skills {
                        ui.selectable_value(&mut self.skill, s.id.clone(), &s.name);
                    }
                });
            ui.horizontal_wrapped(|ui| {
                ui.label("Channels");
                for c in Channel::ALL {
                    let mut on = self.channels.contains(&c);
                    if ui.checkbox(&mut on, c.id()).changed() {
                        if on {
                            self.channels.push(c);
                        } else {
                            self.channels.retain(|x| *x != c);
                        }
                    }
                }
            });
            let label = ui.label("Situations (tag ids, comma-separated)");
            ui.add(
                egui::TextEdit::singleline(&mut self.situations)
                    .hint_text("e.g. angry, delayed-shipment")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            let label = ui.label("Instead of (optional)");
            ui.add(
                egui::TextEdit::singleline(&mut self.instead_of)
                    .hint_text("the line this replaces")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            for p in &self.problems {
                ui.label(RichText::new(p).color(super::theme::dont(ui)));
            }
            ui.horizontal_wrapped(|ui| {
                if ui.button("Save card").on_hover_text("Ctrl+Enter").clicked()
                    && let Some(a) = self.submit(lib)
                {
                    acts.push(a);
                }
                if ui.button("Cancel").on_hover_text("Esc").clicked() {
                    acts.push(Action::CloseCardForm);
                }
                if let Some(id) = &self.editing
                    && ui.button("Delete card").clicked()
                {
                    acts.push(Action::DeleteCard(id.clone()));
                }
            });
        });
        acts
    }
}
