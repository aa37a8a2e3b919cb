//! Look and feel: text sizes from the font scale, colours for highlights, chips and don't/do.

use super::settings::{Settings, ThemeChoice};
use egui::{Color32, FontFamily, FontId, TextStyle};

/// Applies the theme choice and text sizes to the whole app.
pub fn apply(ctx: &egui::Context, settings: &Settings) {
    ctx.set_theme(match settings.theme {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
    });
    let k = settings.font_scale;
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Small, FontId::new(11.5 * k, FontFamily::Proportional)),
            (TextStyle::Body, FontId::new(14.5 * k, FontFamily::Proportional)),
            (TextStyle::Button, FontId::new(14.0 * k, FontFamily::Proportional)),
            (TextStyle::Heading, FontId::new(21.0 * k, FontFamily::Proportional)),
            (TextStyle::Monospace, FontId::new(13.0 * k, FontFamily::Monospace)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
    });
}

/// Colour of matched characters in search results.
pub fn highlight(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(255, 200, 90)
    } else {
        Color32::from_rgb(180, 90, 0)
    }
}

/// Background of the analogy box.
pub fn analogy_fill(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(38, 48, 66)
    } else {
        Color32::from_rgb(232, 240, 252)
    }
}

/// Colour for "don't say" text.
pub fn dont(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(240, 130, 120)
    } else {
        Color32::from_rgb(170, 40, 30)
    }
}

/// Colour for "say instead" text.
pub fn good(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(130, 210, 140)
    } else {
        Color32::from_rgb(20, 120, 40)
    }
}

/// Frame of a phrase card.
pub fn card(ui: &egui::Ui) -> egui::Frame {
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::same(8))
        .corner_radius(6.0)
}

/// Small rounded label (situation, channel, group).
pub fn chip(ui: &mut egui::Ui, text: &str) {
    let fill = ui.visuals().faint_bg_color;
    egui::Frame::new()
        .fill(fill)
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| ui.label(egui::RichText::new(text).small()));
}
