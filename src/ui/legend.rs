//! The keyboard shortcut legend (F1 or ?), drawn from the one table in [`super::keys`].

use super::action::{Action, Actions};
use super::keys::SHORTCUTS;

/// Draws the legend with a close button.
pub fn show(ui: &mut egui::Ui) -> Actions {
    let mut acts = Actions::new();
    super::theme::card(ui).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new("Keyboard shortcuts").strong());
            if ui.small_button("Close").clicked() {
                acts.push(Action::ToggleLegend);
            }
        });
        // One wrapping line per shortcut, so a 360 px window shows all of it.
        for s in SHORTCUTS {
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(s.keys).monospace().strong());
                ui.label(s.what);
            });
        }
    });
    acts
}
