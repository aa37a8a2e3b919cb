//! The inline form that asks for placeholder values before a phrase is copied.

use super::action::{Action, Actions};
use crate::content::{Library, placeholder};

/// An open "fill in the blanks" form for one phrase card, named by id.
pub struct Fill {
    phrase: String,
    text: String,
    names: Vec<String>,
    values: Vec<String>,
    focus_first: bool,
    missing: Vec<String>,
    /// Set by the app when Enter is pressed while the form is open.
    pub submit_requested: bool,
}

impl Fill {
    /// A form for the phrase card `phrase` (an id) whose text is `text`.
    pub fn new(phrase: &str, text: &str) -> Fill {
        let names = placeholder::placeholders(text);
        Fill {
            phrase: phrase.to_string(),
            text: text.to_string(),
            values: vec![String::new(); names.len()],
            names,
            focus_first: true,
            missing: Vec::new(),
            submit_requested: false,
        }
    }

    /// After the content changed: follows the card by id, keeping what was typed for blanks
    /// that are still there. False if the card is gone or no longer has blanks (close the form).
    pub fn refind(&mut self, lib: &Library) -> bool {
        let Some(p) = lib.phrase_index(&self.phrase) else {
            return false;
        };
        let text = &lib.phrases[p].text;
        if *text == self.text {
            return true;
        }
        let names = placeholder::placeholders(text);
        if names.is_empty() {
            return false;
        }
        let values = names
            .iter()
            .map(|n| {
                self.names
                    .iter()
                    .position(|o| o == n)
                    .map(|i| self.values[i].clone())
                    .unwrap_or_default()
            })
            .collect();
        self.text = text.clone();
        self.names = names;
        self.values = values;
        self.missing.clear();
        true
    }

    /// Draws the form; returns the copy (or cancel) when the rep is done.
    pub fn show(&mut self, ui: &mut egui::Ui) -> Actions {
        let mut acts = Actions::new();
        super::theme::card(ui).show(ui, |ui| {
            ui.label(egui::RichText::new("Fill in the blanks, then press Enter to copy").strong());
            let color = ui.visuals().text_color();
            ui.label(super::highlight::phrase(ui, &self.text, color));
            for (i, name) in self.names.iter().enumerate() {
                ui.horizontal(|ui| {
                    let label = ui.label(format!("{{{name}}}"));
                    let edit = egui::TextEdit::singleline(&mut self.values[i])
                        .hint_text(name.as_str())
                        .desired_width(ui.available_width().min(260.0));
                    let r = ui.add(edit).labelled_by(label.id);
                    if i == 0 && self.focus_first {
                        r.request_focus();
                        self.focus_first = false;
                    }
                });
            }
            if !self.missing.is_empty() {
                let m = self
                    .missing
                    .iter()
                    .map(|n| format!("{{{n}}}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                ui.label(egui::RichText::new(format!("Still empty: {m}")).color(super::theme::dont(ui)));
            }
            ui.horizontal(|ui| {
                if ui.button("Copy filled text").clicked() {
                    self.submit_requested = true;
                }
                if ui.button("Cancel").clicked() {
                    acts.push(Action::CancelFill);
                }
            });
        });
        if std::mem::take(&mut self.submit_requested) {
            let pairs: Vec<(String, String)> = self.names.iter().cloned().zip(self.values.iter().cloned()).collect();
            match placeholder::fill(&self.text, &pairs) {
                Ok(filled) => acts.push(Action::CopyText(filled, Some(self.phrase.clone()))),
                Err(missing) => self.missing = missing,
            }
        }
        acts
    }
}
