//! The bar at the top: one row even at 360 px. Tabs for the views on the left; help and a
//! settings menu (text size, theme, on-top, compact, summon key) on the right.

use super::action::{Action, Actions};
use super::nav::View;
use super::settings::Settings;

/// Draws the top bar for `view` with `settings`. `summon_note` tells how the summon key stands
/// (taken, failed, or not possible on Wayland) and is shown in the settings menu.
pub fn show(ui: &mut egui::Ui, view: &View, settings: &Settings, summon_note: Option<&str>) -> Actions {
    let mut acts = Actions::new();
    ui.horizontal(|ui| {
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
        // Below about 400 px the occasional views move into the menu, so the bar stays one row.
        let narrow = ui.available_width() < 390.0;
        if !narrow {
            views(ui, view, &mut acts);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("?").on_hover_text("Keyboard shortcuts (F1)").clicked() {
                acts.push(Action::ToggleLegend);
            }
            ui.menu_button("Settings", |ui| {
                if narrow {
                    views(ui, view, &mut acts);
                    ui.separator();
                }
                menu(ui, settings, summon_note, &mut acts);
            });
        });
    });
    acts
}

/// The huddle and review tabs (on the bar, or in the menu of a narrow window).
fn views(ui: &mut egui::Ui, view: &View, acts: &mut Actions) {
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
}

/// The settings menu's contents.
fn menu(ui: &mut egui::Ui, settings: &Settings, summon_note: Option<&str>, acts: &mut Actions) {
    ui.set_min_width(220.0);
    ui.horizontal(|ui| {
        ui.label(format!("Text size {:.0} %", settings.font_scale * 100.0));
        if ui.button("A-").on_hover_text("Smaller text (Ctrl+-)").clicked() {
            acts.push(Action::Font(-1));
        }
        if ui.button("A+").on_hover_text("Bigger text (Ctrl+=)").clicked() {
            acts.push(Action::Font(1));
        }
    });
    if ui.button(settings.theme.label()).clicked() {
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
    if ui
        .button("Packs")
        .on_hover_text("Team folder and pack folders")
        .clicked()
    {
        acts.push(Action::TogglePacks);
    }
    ui.separator();
    let id = ui.make_persistent_id("summon-key-edit");
    let mut text = ui.data_mut(|d| {
        d.get_temp_mut_or_insert_with(id, || settings.summon_key.clone())
            .clone()
    });
    let label = ui.label("Summon key (from any app)");
    let r = ui
        .add(egui::TextEdit::singleline(&mut text).desired_width(200.0))
        .labelled_by(label.id);
    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if ui.button("Use this key").clicked() || enter {
        acts.push(Action::SetSummonKey(text.clone()));
    }
    ui.data_mut(|d| d.insert_temp(id, text));
    if let Some(note) = summon_note {
        ui.label(egui::RichText::new(note).small().weak());
    }
}
