//! The keyboard shortcut legend (F1 or ?).

use super::app::Action;

/// Every shortcut, as (keys, what it does). The README lists the same.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+K or /", "Search from anywhere"),
    ("Up / Down", "Move the selection"),
    ("Enter", "Copy the phrase / open the skill / toggle the tag"),
    ("Ctrl+C", "Copy the selected phrase"),
    ("Alt+1…9", "Copy the 1st…9th phrase shown"),
    ("Esc", "Clear the search; back from a skill"),
    ("Alt+Left", "Back"),
    ("Ctrl+T", "Tough-call helper"),
    ("Ctrl+L", "Clear all tough-call tags"),
    ("Ctrl+= / Ctrl+- / Ctrl+0", "Bigger / smaller / normal text"),
    ("F1 (or ? in an empty search)", "Show or hide these shortcuts"),
];

/// Draws the legend with a close button.
pub fn show(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    super::theme::card(ui).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new("Keyboard shortcuts").strong());
            if ui.small_button("Close").clicked() {
                actions.push(Action::ToggleLegend);
            }
        });
        // One wrapping line per shortcut, so a 360 px window shows all of it.
        for (keys, what) in SHORTCUTS {
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(*keys).monospace().strong());
                ui.label(*what);
            });
        }
    });
}
