//! One skill: first what to say (phrase cards that copy on a click), then what the skill is —
//! definition, what it means in service, the analogy, related skills — one key (L) below, or
//! beside the cards on a wide window.

use super::action::{Action, Actions};
use super::card::{self, Look};
use super::theme;
use super::user::UserView;
use crate::content::Library;
use egui::RichText;

/// Space between the two columns (and at least this much beside them).
const GAP: f32 = 28.0;
/// Room a card takes besides its text (padding, border).
const CARD_PADDING: f32 = 26.0;

/// A readable column: about [`theme::MEASURE_CHARS`] characters of body text, measured in the
/// font in use (a card's padding on top). "About this skill" sits beside the cards when two of
/// these fit.
fn column_width(ui: &egui::Ui) -> f32 {
    const SAMPLE: &str = "Sensing how the customer feels and letting them know that you get it, ";
    let font = egui::TextStyle::Body.resolve(ui.style());
    let galley = ui
        .painter()
        .layout_no_wrap(SAMPLE.to_string(), font, egui::Color32::WHITE);
    let per_char = galley.size().x / SAMPLE.chars().count() as f32;
    (per_char * theme::MEASURE_CHARS + CARD_PADDING).ceil()
}

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
    user: &UserView,
) -> Actions {
    let mut acts = Actions::new();
    let col = column_width(ui);
    let wide = ui.available_width() >= 2.0 * col + 3.0 * GAP;
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let cols = if wide { 2.0 } else { 1.0 };
        let width = ui.available_width().min(col);
        let side = ((ui.available_width() - cols * width - (cols - 1.0) * GAP) / 2.0)
            .max(0.0)
            .floor();
        ui.horizontal_top(|ui| {
            ui.add_space(side);
            ui.vertical(|ui| {
                ui.set_width(width);
                let go = header(ui, lib, ix, jump, !wide, user, &mut acts);
                cards(ui, lib, ix, selected, scroll, user, &mut acts);
                if !wide {
                    ui.add_space(14.0);
                    about(ui, lib, ix, go || jump == Some(Jump::About), &mut acts);
                }
            });
            if wide {
                // What the skill is, beside what to say.
                ui.add_space(GAP);
                ui.vertical(|ui| {
                    ui.set_width(width);
                    about(ui, lib, ix, jump == Some(Jump::About), &mut acts);
                });
            }
        });
    });
    acts
}

/// The name, its group, the star, and "What to say (n)" with (when `link`: the rest is below)
/// the link to the rest; true when that link was clicked.
fn header(
    ui: &mut egui::Ui,
    lib: &Library,
    ix: usize,
    jump: Option<Jump>,
    link: bool,
    user: &UserView,
    acts: &mut Actions,
) -> bool {
    let s = &lib.skills[ix];
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
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("What to say ({})", s.phrases.len())).strong());
        link && ui
            .link(RichText::new("About this skill (L)").small())
            .on_hover_text("Definition, what it means in service, an analogy, related skills")
            .clicked()
    })
    .inner
}

/// The phrase cards, numbered for Alt+1…9.
fn cards(
    ui: &mut egui::Ui,
    lib: &Library,
    ix: usize,
    selected: Option<&str>,
    scroll: bool,
    user: &UserView,
    acts: &mut Actions,
) {
    for (n, &p) in lib.skills[ix].phrases.iter().enumerate() {
        let is_sel = selected == Some(lib.phrases[p].id.as_str());
        let look = Look {
            number: Some(n),
            selected: is_sel,
            why: None,
            fits: true,
        };
        let r = card::show(ui, lib, p, look, user, acts);
        if is_sel && scroll {
            r.scroll_to_me(None);
        }
    }
}

/// What the skill is: aliases, definition, in service, the analogy, related skills.
fn about(ui: &mut egui::Ui, lib: &Library, ix: usize, scroll_here: bool, acts: &mut Actions) {
    let s = &lib.skills[ix];
    let heading = ui.heading(RichText::new("About this skill").strong());
    if scroll_here {
        heading.scroll_to_me(Some(egui::Align::TOP));
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
}
