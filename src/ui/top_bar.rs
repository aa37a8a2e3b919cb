//! The bar at the top: views, back, text size, theme, on-top, compact, help.

use super::action::{Action, Actions};
use super::nav::View;
use super::settings::Settings;

/// Draws the top bar for `view` with `settings`; wraps onto more lines in a narrow window.
pub fn show(ui: &mut egui::Ui, view: &View, settings: &Settings) -> Actions {
    let mut acts = Actions::new();
    ui.horizontal_wrapped(|ui| {
        if settings.compact && *view == View::Search {
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
        if *view != View::Search && ui.button("Back").on_hover_text("Esc or Alt+←").clicked() {
            acts.push(Action::Back);
        }
        if ui
            .selectable_label(*view == View::Search, "Library")
            .on_hover_text("Search skills and phrases (Ctrl+K)")
            .clicked()
        {
            acts.push(Action::FocusSearch);
        }
        if ui
            .selectable_label(*view == View::ToughCall, "Tough call")
            .on_hover_text("Ctrl+T")
            .clicked()
        {
            acts.push(Action::Go(View::ToughCall));
        }
        if ui
            .selectable_label(*view == View::Huddle, "Huddle")
            .on_hover_text("Present the skill of the day (F5)")
            .clicked()
        {
            acts.push(Action::Go(View::Huddle));
        }
        if ui
            .selectable_label(*view == View::Review, "Review")
            .on_hover_text("Daily flashcards (F6)")
            .clicked()
        {
            acts.push(Action::Go(View::Review));
        }
        ui.separator();
        if ui.small_button("A-").on_hover_text("Smaller text (Ctrl+-)").clicked() {
            acts.push(Action::Font(-1));
        }
        if ui.small_button("A+").on_hover_text("Bigger text (Ctrl+=)").clicked() {
            acts.push(Action::Font(1));
        }
        if ui.small_button(settings.theme.label()).clicked() {
            acts.push(Action::CycleTheme);
        }
        if ui
            .selectable_label(settings.always_on_top, "On top")
            .on_hover_text("Keep this window above others")
            .clicked()
        {
            acts.push(Action::ToggleOnTop);
        }
        if ui
            .selectable_label(settings.compact, "Compact")
            .on_hover_text("Search and results only")
            .clicked()
        {
            acts.push(Action::ToggleCompact);
        }
        if ui.small_button("?").on_hover_text("Keyboard shortcuts (F1)").clicked() {
            acts.push(Action::ToggleLegend);
        }
    });
    acts
}
