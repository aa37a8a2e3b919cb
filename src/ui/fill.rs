//! The inline form that asks for placeholder values before a phrase is copied.

use super::app::Action;
use crate::content::{Library, placeholder};

/// An open "fill in the blanks" form for one phrase card.
pub struct Fill {
    phrase: usize,
    names: Vec<String>,
    values: Vec<String>,
    focus_first: bool,
    missing: Vec<String>,
    /// Set by the app when Enter is pressed while the form is open.
    pub submit_requested: bool,
}

impl Fill {
    /// A form for phrase `phrase` with text `text`.
    pub fn new(phrase: usize, text: &str) -> Fill {
        let names = placeholder::placeholders(text);
        Fill {
            phrase,
            values: vec![String::new(); names.len()],
            names,
            focus_first: true,
            missing: Vec::new(),
            submit_requested: false,
        }
    }

    /// Draws the form; returns the copy (or cancel) when the rep is done.
    pub fn show(&mut self, ui: &mut egui::Ui, lib: &Library) -> Option<Action> {
        let text = &lib.phrases[self.phrase].text;
        let mut action = None;
        super::theme::card(ui).show(ui, |ui| {
            ui.label(egui::RichText::new("Fill in the blanks, then press Enter to copy").strong());
            ui.label(egui::RichText::new(text).italics());
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
                    action = Some(Action::CancelFill);
                }
            });
        });
        if std::mem::take(&mut self.submit_requested) {
            let pairs: Vec<(String, String)> = self.names.iter().cloned().zip(self.values.iter().cloned()).collect();
            match placeholder::fill(text, &pairs) {
                Ok(filled) => action = Some(Action::CopyText(filled, Some(self.phrase))),
                Err(missing) => self.missing = missing,
            }
        }
        action
    }
}
