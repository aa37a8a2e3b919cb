//! Overlays: the copy toast, banners, the shortcut legend and the fill-in form float above the
//! page in one style (a card with a shadow), so opening one never moves the search box.

use super::theme;

/// Where an overlay sits.
#[derive(Debug, Clone, Copy)]
pub enum Place {
    /// Under the top bar, centred (forms and the legend: near where the eye is).
    Top,
    /// At the bottom, centred (toasts and banners).
    Bottom,
}

/// Draws `add` in a floating card at `place`; `top` is where the page starts (under the bar).
pub fn show<R>(ctx: &egui::Context, id: &str, place: Place, top: f32, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let screen = ctx.content_rect();
    let width = (screen.width() - 24.0).clamp(160.0, 460.0);
    let (anchor, offset) = match place {
        Place::Top => (egui::Align2::CENTER_TOP, egui::vec2(0.0, top - screen.top() + 6.0)),
        Place::Bottom => (egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -10.0)),
    };
    egui::Area::new(egui::Id::unique(id))
        .order(egui::Order::Foreground)
        .anchor(anchor, offset)
        .show(ctx, |ui| {
            egui::Frame::new()
                .corner_radius(8.0)
                .shadow(ui.visuals().popup_shadow)
                .show(ui, |ui| {
                    ui.set_max_width(width);
                    add(ui)
                })
                .inner
        })
        .inner
}

/// A card for an overlay's own content (toasts and banners; the legend and form draw theirs).
pub fn card<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    theme::card(ui)
        .stroke(egui::Stroke::new(1.0, theme::colours(ui).control))
        .show(ui, add)
        .inner
}
