//! The reply tray: several cards in order, each placeholder asked once, copied as one reply.

use super::action::{Action, Actions};
use crate::content::{Library, placeholder};
use egui::RichText;

/// The cards of the reply being built (ids, in order) and the values typed for its blanks.
#[derive(Default)]
pub struct Tray {
    cards: Vec<String>,
    values: Vec<(String, String)>,
    missing: Vec<String>,
}

impl Tray {
    /// Card ids in the tray, in order.
    pub fn cards(&self) -> &[String] {
        &self.cards
    }

    /// Adds a card at the end (a card already in the tray is not added twice).
    pub fn add(&mut self, id: &str) {
        if !self.cards.iter().any(|c| c == id) {
            self.cards.push(id.to_string());
        }
    }

    /// Moves the entry at `at` by `delta` places.
    pub fn shift(&mut self, at: usize, delta: i32) {
        let to = at as i64 + i64::from(delta);
        if at < self.cards.len() && (0..self.cards.len() as i64).contains(&to) {
            self.cards.swap(at, to as usize);
        }
    }

    /// Takes the entry at `at` out.
    pub fn remove(&mut self, at: usize) {
        if at < self.cards.len() {
            self.cards.remove(at);
        }
    }

    /// Empties the tray.
    pub fn clear(&mut self) {
        *self = Tray::default();
    }

    /// After a content swap: cards that are gone drop out.
    pub fn refind(&mut self, lib: &Library) {
        self.cards.retain(|c| lib.phrase_index(c).is_some());
    }

    /// The reply text with its blanks still in (cards joined by a space).
    fn joined(&self, lib: &Library) -> String {
        let texts: Vec<&str> = self
            .cards
            .iter()
            .filter_map(|c| lib.phrase_index(c))
            .map(|p| lib.phrases[p].text.as_str())
            .collect();
        texts.join(" ")
    }

    /// The filled reply, or the blanks still empty (shown under the tray).
    pub fn submit(&mut self, lib: &Library) -> Option<Action> {
        match placeholder::fill(&self.joined(lib), &self.values) {
            Ok(text) => {
                self.missing.clear();
                Some(Action::CopyReply(text))
            }
            Err(missing) => {
                self.missing = missing;
                None
            }
        }
    }

    /// Draws the tray (nothing when empty).
    pub fn show(&mut self, ui: &mut egui::Ui, lib: &Library) -> Actions {
        let mut acts = Actions::new();
        if self.cards.is_empty() {
            return acts;
        }
        super::theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(format!("Reply ({} cards)", self.cards.len())).strong());
            let n = self.cards.len();
            for (i, id) in self.cards.iter().enumerate() {
                let Some(p) = lib.phrase_index(id) else { continue };
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!("{}.", i + 1));
                    if i > 0 && ui.small_button("Up").on_hover_text("Move up").clicked() {
                        acts.push(Action::MoveInTray(i, -1));
                    }
                    if i + 1 < n && ui.small_button("Down").on_hover_text("Move down").clicked() {
                        acts.push(Action::MoveInTray(i, 1));
                    }
                    if ui.small_button("Remove").clicked() {
                        acts.push(Action::RemoveFromTray(i));
                    }
                    // Blanks drawn as chips, as on every card.
                    let color = ui.visuals().text_color();
                    ui.label(super::highlight::phrase(ui, &lib.phrases[p].text, color));
                });
            }
            // Each blank once, however many cards use it.
            let names = placeholder::placeholders(&self.joined(lib));
            for name in &names {
                if !self.values.iter().any(|(n, _)| n == name) {
                    self.values.push((name.clone(), String::new()));
                }
                let Some(slot) = self.values.iter_mut().find(|(n, _)| n == name) else {
                    continue;
                };
                ui.horizontal(|ui| {
                    let label = ui.label(format!("Reply {{{name}}}"));
                    ui.add(
                        egui::TextEdit::singleline(&mut slot.1)
                            .hint_text(name.as_str())
                            .desired_width(ui.available_width().min(260.0)),
                    )
                    .labelled_by(label.id);
                });
            }
            if !self.missing.is_empty() {
                let m: Vec<String> = self.missing.iter().map(|n| format!("{{{n}}}")).collect();
                ui.label(RichText::new(format!("Still empty: {}", m.join(", "))).color(super::theme::dont(ui)));
            }
            ui.horizontal_wrapped(|ui| {
                if ui.button("Copy reply").on_hover_text("Ctrl+Shift+C").clicked()
                    && let Some(a) = self.submit(lib)
                {
                    acts.push(a);
                }
                if ui.small_button("Clear reply").clicked() {
                    acts.push(Action::ClearTray);
                }
            });
        });
        acts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{self, Source};

    #[test]
    fn a_blank_used_by_two_cards_is_asked_once_and_filled_in_both() {
        let l = content::load(&[Source {
            path: "t.ron".into(),
            text: r#"(groups: [(id: "g", name: "G")],
                skills: [(id: "s", name: "S", group: "g", definition: "d", in_service: "x", analogy: "y")],
                phrases: [
                    (id: "a", skill: "s", text: "Hi {name}."),
                    (id: "b", skill: "s", text: "Order {order} ships today, {name}."),
                ])"#
            .into(),
        }])
        .library;
        let mut t = Tray::default();
        t.add("b");
        t.add("a");
        t.add("a");
        t.shift(1, -1);
        assert_eq!(t.cards(), ["a", "b"]);
        assert!(t.submit(&l).is_none());
        assert_eq!(t.missing, ["name", "order"]);
        t.values = vec![("name".into(), "Ana".into()), ("order".into(), "A-1".into())];
        assert_eq!(
            t.submit(&l),
            Some(Action::CopyReply("Hi Ana. Order A-1 ships today, Ana.".into()))
        );
    }
}
