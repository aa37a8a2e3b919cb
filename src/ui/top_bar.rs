//! The bar at the top: views, back, text size, theme, on-top, compact, help.

use super::app::{Action, App};
use super::nav::View;

/// Draws the top bar; wraps onto more lines in a narrow window.
pub fn show(ui: &mut egui::Ui, app: &mut App) {
    let mut acts = Vec::new();
    ui.horizontal_wrapped(|ui| {
        let view = app.view().clone();
        if app.settings.compact && view == View::Search {
            // Compact: one small way back to the full window, nothing else.
            if ui
                .selectable_label(true, "Compact")
                .on_hover_text("Show everything again")
                .clicked()
            {
                acts.push(Action::ToggleCompact);
            }
            return;
        }
        if view != View::Search && ui.button("Back").on_hover_text("Esc or Alt+←").clicked() {
            acts.push(Action::Back);
        }
        if ui
            .selectable_label(view == View::Search, "Library")
            .on_hover_text("Search skills and phrases (Ctrl+K)")
            .clicked()
        {
            acts.push(Action::FocusSearch);
        }
        if ui
            .selectable_label(view == View::ToughCall, "Tough call")
            .on_hover_text("Ctrl+T")
            .clicked()
        {
            acts.push(Action::Go(View::ToughCall));
        }
        ui.separator();
        if ui.small_button("A-").on_hover_text("Smaller text (Ctrl+-)").clicked() {
            acts.push(Action::Font(-1));
        }
        if ui.small_button("A+").on_hover_text("Bigger text (Ctrl+=)").clicked() {
            acts.push(Action::Font(1));
        }
        let s = &app.settings;
        if ui.small_button(s.theme.label()).clicked() {
            acts.push(Action::CycleTheme);
        }
        if ui
            .selectable_label(s.always_on_top, "On top")
            .on_hover_text("Keep this window above others")
            .clicked()
        {
            acts.push(Action::ToggleOnTop);
        }
        if ui
            .selectable_label(s.compact, "Compact")
            .on_hover_text("Search and results only")
            .clicked()
        {
            acts.push(Action::ToggleCompact);
        }
        if ui.small_button("?").on_hover_text("Keyboard shortcuts (F1)").clicked() {
            acts.push(Action::ToggleLegend);
        }
    });
    for a in acts {
        app.push(a);
    }
}
