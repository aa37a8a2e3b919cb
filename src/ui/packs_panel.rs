//! The packs settings: where the team folder is and whether to poll it. Opened from the top bar.

use super::action::{Action, Actions};
use egui::RichText;

/// The packs settings being edited (applied with the button, not on every keystroke).
#[derive(Default)]
pub struct PacksPanel {
    /// The team folder path typed.
    pub team_folder: String,
    /// Poll it (network drive).
    pub poll: bool,
}

impl PacksPanel {
    /// Draws the panel.
    pub fn show(&mut self, ui: &mut egui::Ui, watching: &[String]) -> Actions {
        let mut acts = Actions::new();
        super::theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(RichText::new("Pack folders").strong());
                if ui.small_button("Close").clicked() {
                    acts.push(Action::TogglePacks);
                }
            });
            let label = ui.label("Team folder");
            ui.add(
                egui::TextEdit::singleline(&mut self.team_folder)
                    .hint_text("a shared folder of .ron packs, e.g. /mnt/team/callside")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.checkbox(&mut self.poll, "Look every 2 s (network drive without change events)");
            if ui.button("Use this team folder").clicked() {
                acts.push(Action::SetTeamFolder(self.team_folder.trim().to_string(), self.poll));
            }
            if watching.is_empty() {
                ui.label(RichText::new("No pack folders in use.").small().weak());
            } else {
                ui.label(RichText::new("Loaded and watched:").small().weak());
                for w in watching {
                    ui.label(RichText::new(w).small().monospace());
                }
            }
        });
        acts
    }
}
