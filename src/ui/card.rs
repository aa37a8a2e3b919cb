//! One phrase card, drawn the same wherever cards appear (a skill's page, the tough-call plan):
//! the line to say leads, "don't say" sits quietly above it, and the whole card is the copy
//! target, with a "Copy · Alt+N" mark that says so.

use super::action::{Action, Actions};
use super::highlight;
use super::theme;
use super::user::UserView;
use crate::content::Library;
use crate::store::is_own_id;
use egui::RichText;

/// How one card is drawn where it is.
#[derive(Debug, Clone, Copy, Default)]
pub struct Look<'a> {
    /// Its place among the numbered cards (0-based; Alt+1…9 copy the first nine).
    pub number: Option<usize>,
    /// Picked with the arrow keys (Enter copies it).
    pub selected: bool,
    /// Why it was chosen for this situation (the plan), under the line to say.
    pub why: Option<&'a str>,
    /// Show the situations and channels it was written for.
    pub fits: bool,
}

/// Draws card `p`; a click anywhere on it (or Enter/Space after Tab) copies it. Returns the
/// card's response (to scroll it into view).
pub fn show(
    ui: &mut egui::Ui,
    lib: &Library,
    p: usize,
    look: Look<'_>,
    user: &UserView,
    acts: &mut Actions,
) -> egui::Response {
    let ph = &lib.phrases[p];
    let key = look.number.filter(|n| *n < 9).map(|n| format!("Alt+{}", n + 1));
    let accent = theme::colours(ui).accent;
    let builder = egui::UiBuilder::new()
        .id_salt(("phrase-card", ph.id.as_str()))
        .sense(egui::Sense::click());
    let scope = ui.scope_builder(builder, |ui| {
        let hot = {
            let r = ui.response();
            r.hovered() || r.has_focus()
        };
        // Labels inside must not take the click (text selection) from the card.
        ui.style_mut().interaction.selectable_labels = false;
        let mut frame = theme::card(ui);
        if look.selected || hot {
            frame = frame.stroke(egui::Stroke::new(2.0, accent));
        }
        frame.show(ui, |ui| {
            ui.set_width(ui.available_width());
            if let Some(bad) = &ph.instead_of {
                ui.label(
                    RichText::new(format!("Don't say: “{bad}”"))
                        .small()
                        .color(theme::dont(ui)),
                );
            }
            ui.label(highlight::say(ui, ph.instead_of.is_some(), &ph.text));
            if let Some(why) = look.why {
                ui.label(RichText::new(why).small().weak());
            }
            // What it was written for, as one quiet line (not a row of chips).
            if look.fits && !(ph.situations.is_empty() && ph.channels.is_empty()) {
                let tags: Vec<&str> = ph.situations.iter().map(|&t| lib.tags[t].label.as_str()).collect();
                let channels: Vec<&str> = ph.channels.iter().map(|c| c.id()).collect();
                let fits: Vec<String> = [tags.join(", "), channels.join(", ")]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect();
                ui.label(RichText::new(format!("For {}", fits.join(" · "))).small().weak());
            }
            ui.horizontal_wrapped(|ui| {
                // The mark that says the card itself copies, and with which key.
                let mark = match &key {
                    Some(k) => format!("Copy · {k}"),
                    None => "Copy".to_string(),
                };
                let mark =
                    ui.add(egui::Label::new(RichText::new(mark).small().strong().color(accent)).selectable(false));
                ui.painter().rect_stroke(
                    mark.rect.expand2(egui::vec2(5.0, 1.0)),
                    8.0,
                    egui::Stroke::new(1.0, accent),
                    egui::StrokeKind::Outside,
                );
                ui.add_space(4.0);
                let star = if user.is_favorite(&ph.id) { "Unstar" } else { "Star" };
                if ui.small_button(star).on_hover_text("Ctrl+D").clicked() {
                    acts.push(Action::ToggleFavorite(ph.id.clone()));
                }
                if ui.small_button("Add to reply").on_hover_text("Ctrl+R").clicked() {
                    acts.push(Action::AddToTray(ph.id.clone()));
                }
                if is_own_id(&ph.id) {
                    if ui.small_button("Edit").clicked() {
                        acts.push(Action::EditCard(ph.id.clone()));
                    }
                } else if ui.small_button("Save as my card").clicked() {
                    acts.push(Action::NewCard(Some(ph.id.clone())));
                }
                // Only where a card comes from a pack or the rep: built-in is the usual case.
                let origin = crate::live::Origin::of(&ph.source);
                if origin != crate::live::Origin::Builtin {
                    ui.label(RichText::new(format!("from {}", origin.label())).small().weak());
                }
            });
        });
    });
    let r = scope.response.on_hover_cursor(egui::CursorIcon::PointingHand);
    let name = match &key {
        Some(k) => format!("Copy ({k}): {}", ph.text),
        None => format!("Copy: {}", ph.text),
    };
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    if r.clicked() {
        acts.push(Action::CopyPhrase(ph.id.clone()));
    }
    r
}
