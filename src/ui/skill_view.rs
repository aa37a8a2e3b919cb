//! One skill: first what to say (phrase cards that copy on a click), then what the skill is —
//! definition, what it means in service, the analogy, related skills — one key (L) below.

use super::action::{Action, Actions};
use super::card::{self, Look};
use super::theme;
use crate::content::Library;
use egui::RichText;

/// Where the L key sends the view this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jump {
    /// To "About this skill" (definition, analogy, related skills).
    About,
    /// Back to the top, the phrase cards.
    Cards,
}

/// Draws skill `ix` (found by id this frame); `selected` is the id of the phrase card picked with
/// the arrow keys, scrolled into view when `scroll` (only on the frame the selection moved, so the
/// mouse wheel stays free); `jump` scrolls to a part of the page on the frame it is asked.
pub fn show(
    ui: &mut egui::Ui,
    lib: &Library,
    ix: usize,
    selected: Option<&str>,
    scroll: bool,
    jump: Option<Jump>,
    user: &super::user::UserView,
) -> Actions {
    let mut acts = Actions::new();
    let s = &lib.skills[ix];
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let top = ui.horizontal_wrapped(|ui| {
            ui.heading(RichText::new(&s.name).strong());
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
        if jump == Some(Jump::Cards) {
            top.response.scroll_to_me(Some(egui::Align::TOP));
        }
        // What to say comes first (it is what a rep on a call needs); the rest is one key away.
        let mut go_about = false;
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("What to say ({})", s.phrases.len())).strong());
            let about = ui
                .link(RichText::new("About this skill (L)").small())
                .on_hover_text("Definition, what it means in service, an analogy, related skills");
            if about.clicked() {
                go_about = true;
            }
        });
        for (n, &p) in s.phrases.iter().enumerate() {
            let is_sel = selected == Some(lib.phrases[p].id.as_str());
            let look = Look {
                number: Some(n),
                selected: is_sel,
                why: None,
                fits: true,
            };
            let r = card::show(ui, lib, p, look, user, &mut acts);
            if is_sel && scroll {
                r.scroll_to_me(None);
            }
        }
        ui.add_space(14.0);
        let about = ui.heading(RichText::new("About this skill").strong());
        if jump == Some(Jump::About) || go_about {
            about.scroll_to_me(Some(egui::Align::TOP));
        }
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
