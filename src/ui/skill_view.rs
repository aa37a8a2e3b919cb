//! One skill in full: definition, what it means in service, the analogy, phrase cards with copy
//! buttons and chips, don't/do pairs, related skills.

use super::action::{Action, Actions};
use super::theme;
use crate::content::Library;
use crate::store::is_own_id;
use egui::RichText;

/// Draws skill `ix` (found by id this frame); `selected` is the id of the phrase card picked with
/// the arrow keys, scrolled into view when `scroll` (only on the frame the selection moved, so the
/// mouse wheel stays free).
pub fn show(
    ui: &mut egui::Ui,
    lib: &Library,
    ix: usize,
    selected: Option<&str>,
    scroll: bool,
    user: &super::user::UserView,
) -> Actions {
    let mut acts = Actions::new();
    let s = &lib.skills[ix];
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.heading(&s.name);
            theme::group_chip(ui, &lib.groups[s.group].name, s.group);
            let star = if user.is_favorite(&s.id) {
                "Unstar skill"
            } else {
                "Star skill"
            };
            if ui.small_button(star).clicked() {
                acts.push(Action::ToggleFavorite(s.id.clone()));
            }
        });
        if !s.aliases.is_empty() {
            ui.label(
                RichText::new(format!("Also called: {}", s.aliases.join(", ")))
                    .small()
                    .weak(),
            );
        }
        ui.add_space(4.0);
        ui.label(&s.definition);
        if !s.in_service.is_empty() {
            ui.add_space(6.0);
            ui.label(RichText::new("In a service conversation").strong());
            ui.label(&s.in_service);
        }
        if !s.analogy.is_empty() {
            ui.add_space(6.0);
            egui::Frame::new()
                .fill(theme::analogy_fill(ui))
                .corner_radius(8.0)
                .inner_margin(egui::Margin::same(10))
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(RichText::new("Think of it as…").small().strong());
                    ui.label(RichText::new(&s.analogy).italics());
                });
        }
        ui.add_space(8.0);
        ui.label(RichText::new(format!("What to say ({})", s.phrases.len())).strong());
        for (n, &p) in s.phrases.iter().enumerate() {
            let ph = &lib.phrases[p];
            let is_sel = selected == Some(ph.id.as_str());
            let mut frame = theme::card(ui);
            if is_sel {
                frame = frame.stroke(ui.visuals().selection.stroke);
            }
            let r = frame.show(ui, |ui| {
                ui.set_width(ui.available_width());
                if let Some(bad) = &ph.instead_of {
                    ui.label(RichText::new(format!("Don't say: “{bad}”")).color(theme::dont(ui)));
                    let say = format!("Say: {}", ph.text);
                    ui.label(super::highlight::phrase(ui, &say, theme::good(ui)));
                } else {
                    ui.label(super::highlight::phrase(ui, &ph.text, ui.visuals().text_color()));
                }
                ui.horizontal_wrapped(|ui| {
                    let hint = if n < 9 {
                        format!("Copy (Alt+{})", n + 1)
                    } else {
                        "Copy".to_string()
                    };
                    if ui.small_button(hint).clicked() {
                        acts.push(Action::CopyPhrase(ph.id.clone()));
                    }
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
                    for &t in &ph.situations {
                        theme::chip(ui, &lib.tags[t].label);
                    }
                    for c in &ph.channels {
                        theme::chip(ui, c.id());
                    }
                    let from = crate::live::Origin::of(&ph.source).label();
                    ui.label(RichText::new(format!("from {from}")).small().weak());
                });
            });
            if is_sel && scroll {
                r.response.scroll_to_me(None);
            }
        }
        if !s.related.is_empty() {
            ui.add_space(8.0);
            ui.label(RichText::new("Related skills").strong());
            ui.horizontal_wrapped(|ui| {
                for &r in &s.related {
                    if ui.link(&lib.skills[r].name).clicked() {
                        acts.push(Action::OpenSkill(lib.skills[r].id.clone()));
                    }
                }
            });
        }
    });
    acts
}
