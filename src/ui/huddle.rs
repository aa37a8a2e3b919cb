//! The huddle presentation: the skill of the day on a projector or a shared screen, one section
//! at a time (definition, analogy, what it sounds like, practice round). Its text size is its
//! own, set from the window's height (at 1080 px tall the body text is 36 px), and scaled with
//! Ctrl+= / Ctrl+- while it shows, apart from the side window's size. What to show is decided
//! in `crate::huddle`; this file only draws it and turns keys into steps.

use super::action::{Action, Actions};
use super::keys::{self, Command};
use super::nav::View;
use super::theme;
use crate::content::Library;
use crate::huddle::{self, SECTIONS, Section};
use chrono::NaiveDate;
use egui::{Color32, RichText};

/// Window height (in pixels) divided by this is the body text size in pixels.
const LINES_PER_SCREEN: f32 = 30.0;
/// Smallest body text, in pixels (readable from the back of a room).
const MIN_BODY_PX: f32 = 32.0;
/// Window width (in points) divided by this caps the body text size: room for a skill name of
/// about 22 characters in the 1.9× title on one line.
const NAME_WIDTH_IN_BODY: f32 = 26.0;
/// Each Ctrl+= / Ctrl+- multiplies the huddle's text by this.
const SCALE_STEP: f32 = 1.15;
/// The huddle's own scale range.
const SCALE_RANGE: (f32, f32) = (0.5, 2.5);

/// The presentation's state. Names the skill by the date it belongs to, never by position.
#[derive(Debug, Clone)]
pub struct HuddleView {
    /// The date being presented (None: today, by the machine's clock).
    pub date: Option<NaiveDate>,
    /// Index into [`SECTIONS`].
    pub section: usize,
    /// Whether the practice round's plan is showing.
    pub revealed: bool,
    /// Which practice round (0: the day's own, as `callside today` prints it).
    pub round: u32,
    /// The presentation's own text scale (1.0: from the window height).
    pub scale: f32,
    /// Whether the window is full screen.
    pub fullscreen: bool,
}

impl Default for HuddleView {
    fn default() -> Self {
        HuddleView {
            date: None,
            section: 0,
            revealed: false,
            round: 0,
            scale: 1.0,
            fullscreen: false,
        }
    }
}

/// Today by the machine's clock.
pub fn local_today() -> NaiveDate {
    PINNED_TODAY
        .get()
        .copied()
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// A date that stands in for today for the whole process (see [`pin_today`]).
static PINNED_TODAY: std::sync::OnceLock<NaiveDate> = std::sync::OnceLock::new();

/// Makes the window treat `date` as today for the rest of the process (image snapshots pin it, so
/// the skill of the day does not change the picture from one day to the next). The first pin wins.
pub fn pin_today(date: NaiveDate) {
    let _ = PINNED_TODAY.set(date);
}

impl HuddleView {
    /// The date shown.
    pub fn date(&self) -> NaiveDate {
        self.date.unwrap_or_else(local_today)
    }

    /// The section showing.
    pub fn current(&self) -> Section {
        SECTIONS[self.section.min(SECTIONS.len() - 1)]
    }

    /// Body text size in points for a window `height_pt` tall at `ppp` pixels per point.
    pub fn body_size(&self, height_pt: f32, ppp: f32) -> f32 {
        let px = (height_pt * ppp / LINES_PER_SCREEN).max(MIN_BODY_PX) * self.scale;
        px / ppp
    }

    /// Sets the text scale (a saved value out of range, or not a number, resets it).
    pub fn set_scale(&mut self, scale: f32) {
        self.scale = if (SCALE_RANGE.0..=SCALE_RANGE.1).contains(&scale) {
            scale
        } else {
            1.0
        };
    }

    fn step(&mut self, delta: i32) {
        let next = (self.section as i32 + delta).clamp(0, SECTIONS.len() as i32 - 1) as usize;
        self.section = next;
    }

    fn change_day(&mut self, delta: i64) {
        self.date = Some(self.date() + chrono::Duration::days(delta));
        self.section = 0;
        self.revealed = false;
        self.round = 0;
    }

    /// Handles the huddle's keys (it has no text box, so letters are shortcuts here).
    pub fn keys(&mut self, ctx: &egui::Context) -> Actions {
        let mut acts = Actions::new();
        let fired = |c: Command| keys::fired(ctx, c, true).is_some();
        if fired(Command::NextSection) {
            self.step(1);
        }
        if fired(Command::PrevSection) {
            self.step(-1);
        }
        if fired(Command::Down) {
            self.change_day(1);
        }
        if fired(Command::Up) {
            self.change_day(-1);
        }
        if (fired(Command::Reveal) || fired(Command::Activate)) && self.current() == Section::Practice {
            self.revealed = !self.revealed;
        }
        if fired(Command::AnotherRound) {
            self.round += 1;
            self.revealed = false;
            self.section = SECTIONS.len() - 1;
        }
        if fired(Command::FontBigger) {
            self.scale = (self.scale * SCALE_STEP).min(SCALE_RANGE.1);
        }
        if fired(Command::FontSmaller) {
            self.scale = (self.scale / SCALE_STEP).max(SCALE_RANGE.0);
        }
        if fired(Command::FontReset) {
            self.scale = 1.0;
        }
        if fired(Command::FullScreen) {
            self.fullscreen = !self.fullscreen;
            acts.push(Action::FullScreen(self.fullscreen));
        }
        if fired(Command::Escape) || fired(Command::Back) {
            acts.append(self.leave());
        }
        for (c, a) in [
            (Command::FocusSearch, Action::FocusSearch),
            (Command::ToughCall, Action::Go(View::ToughCall)),
            (Command::Review, Action::Go(View::Review)),
            (Command::Legend, Action::ToggleLegend),
        ] {
            if fired(c) {
                acts.push(a);
            }
        }
        acts
    }

    /// Leaving: out of full screen, then back.
    fn leave(&mut self) -> Actions {
        let mut acts = Actions::new();
        if self.fullscreen {
            self.fullscreen = false;
            acts.push(Action::FullScreen(false));
        }
        acts.push(Action::Back);
        acts
    }

    /// Draws the presentation filling `ui`.
    pub fn show(&mut self, ui: &mut egui::Ui, lib: &Library) -> Actions {
        let mut acts = Actions::new();
        let date = self.date();
        let Some(pick) = huddle::skill_of_the_day(lib, date) else {
            ui.label("The library has no skills to present.");
            return acts;
        };
        let seed = if self.round == 0 {
            date.to_string()
        } else {
            format!("{date}#{}", self.round)
        };
        let h = huddle::huddle_for(lib, pick.skill, &seed);
        let skill = &lib.skills[pick.skill];
        let screen = ui.ctx().content_rect();
        // A narrow window caps the size too, so the skill's name (1.9× body) never breaks
        // inside a word; on a projector the height decides.
        let body = self
            .body_size(screen.height(), ui.ctx().pixels_per_point())
            .min(screen.width() / NAME_WIDTH_IN_BODY * self.scale);
        let small = (body * 0.55).max(12.0);
        let section = self.current();
        let weak = ui.visuals().weak_text_color();

        let margin = body * 0.9;
        egui::Frame::new().inner_margin(margin).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "Skill of the day · {} · {} of {}: {}",
                        date.format("%A %-d %B"),
                        self.section + 1,
                        SECTIONS.len(),
                        section.title()
                    ))
                    .size(small)
                    .color(weak),
                );
            });
            ui.label(RichText::new(&skill.name).size(body * 1.9).strong());
            ui.add_space(body * 0.5);
            let footer_h = small * 3.2;
            let room = (ui.available_height() - footer_h).max(body * 3.0);
            let strong = ui.visuals().strong_text_color();
            egui::ScrollArea::vertical()
                .max_height(room)
                .auto_shrink([false, false])
                .show(ui, |ui| match section {
                    Section::Definition => {
                        ui.label(RichText::new(&skill.definition).size(body).color(strong));
                        if !skill.in_service.is_empty() {
                            ui.add_space(body * 0.6);
                            ui.label(
                                RichText::new(&skill.in_service)
                                    .size(body * 0.8)
                                    .color(ui.visuals().text_color()),
                            );
                        }
                    }
                    Section::Analogy => {
                        egui::Frame::new()
                            .fill(theme::analogy_fill(ui))
                            .inner_margin(body * 0.8)
                            .corner_radius(body * 0.3)
                            .show(ui, |ui| {
                                ui.label(RichText::new(&skill.analogy).size(body * 1.35).italics().color(strong));
                            });
                    }
                    Section::SoundsLike => {
                        for &p in &h.cards {
                            let ph = &lib.phrases[p];
                            if let Some(i) = &ph.instead_of {
                                quote(ui, "Don't", i, body, theme::dont(ui));
                                quote(ui, "Do", &ph.text, body, theme::good(ui));
                            } else {
                                quote(ui, "Say", &ph.text, body, strong);
                            }
                            ui.add_space(body * 0.5);
                        }
                    }
                    Section::Practice => self.practice(ui, lib, &h, body),
                });
            ui.add_space(small * 0.5);
            ui.horizontal_wrapped(|ui| {
                let text = |t: &str| RichText::new(t).size(small);
                if ui
                    .add_enabled(self.section > 0, egui::Button::new(text("Previous")))
                    .clicked()
                {
                    self.step(-1);
                }
                if ui
                    .add_enabled(self.section + 1 < SECTIONS.len(), egui::Button::new(text("Next")))
                    .clicked()
                {
                    self.step(1);
                }
                if section == Section::Practice {
                    let label = if self.revealed {
                        "Hide the plan"
                    } else {
                        "Reveal the plan (Space)"
                    };
                    if ui.button(text(label)).clicked() {
                        self.revealed = !self.revealed;
                    }
                    if ui.button(text("Another round (N)")).clicked() {
                        self.round += 1;
                        self.revealed = false;
                    }
                }
                let fs = if self.fullscreen {
                    "Leave full screen (F11)"
                } else {
                    "Full screen (F11)"
                };
                if ui.button(text(fs)).clicked() {
                    self.fullscreen = !self.fullscreen;
                    acts.push(Action::FullScreen(self.fullscreen));
                }
                if ui.button(text("Leave huddle (Esc)")).clicked() {
                    acts.append(self.leave());
                }
            });
        });
        acts
    }

    fn practice(&self, ui: &mut egui::Ui, lib: &Library, h: &huddle::Huddle, body: f32) {
        let Some(round) = h.round else {
            ui.label(RichText::new("No practice lines in the library.").size(body));
            return;
        };
        let tag = &lib.tags[round.tag];
        ui.label(
            RichText::new(format!("A customer opens with ({}):", tag.label))
                .size(body * 0.7)
                .color(ui.visuals().weak_text_color()),
        );
        let line = format!("\u{201c}{}\u{201d}", lib.practice[round.line].text);
        ui.label(
            RichText::new(line)
                .size(body * 1.2)
                .color(ui.visuals().strong_text_color()),
        );
        ui.add_space(body * 0.5);
        if !self.revealed {
            ui.label(
                RichText::new("What would you say? Answer out loud, then reveal the coach's plan.")
                    .size(body * 0.7)
                    .color(ui.visuals().weak_text_color()),
            );
            return;
        }
        let plan = huddle::reveal(lib, &round);
        let lead: Vec<&str> = plan
            .skills
            .iter()
            .take(3)
            .map(|r| lib.skills[r.skill].name.as_str())
            .collect();
        ui.label(
            RichText::new(format!("Lead with: {}", lead.join(" · ")))
                .size(body * 0.85)
                .strong(),
        );
        if let Some(why) = plan.skills.first().and_then(|r| r.why.first()) {
            ui.label(RichText::new(why).size(body * 0.7).color(ui.visuals().text_color()));
        }
        ui.add_space(body * 0.3);
        for (i, ps) in plan.steps.iter().take(4).enumerate() {
            let step = &lib.steps[ps.step];
            ui.label(
                RichText::new(format!("{}. {}", i + 1, step.title))
                    .size(body * 0.75)
                    .strong(),
            );
            if let Some(&p) = ps.phrases.first() {
                ui.label(
                    RichText::new(format!("   \u{201c}{}\u{201d}", lib.phrases[p].text))
                        .size(body * 0.7)
                        .color(theme::good(ui)),
                );
            }
        }
    }
}

/// A "Don't:" / "Do:" / "Say:" line in quotes.
fn quote(ui: &mut egui::Ui, label: &str, text: &str, body: f32, color: Color32) {
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!("{label}:"))
                .size(body * 0.8)
                .strong()
                .color(color),
        );
        let strong = ui.visuals().strong_text_color();
        ui.label(
            RichText::new(format!("\u{201c}{text}\u{201d}"))
                .size(body)
                .color(strong),
        );
    });
}

/// The skill of the day as a strip at the top of the empty search view: its name, the first
/// sentence of its definition, and a way into the huddle.
pub fn today_strip(ui: &mut egui::Ui, lib: &Library) -> Actions {
    let mut acts = Actions::new();
    let Some(pick) = huddle::skill_of_the_day(lib, local_today()) else {
        return acts;
    };
    let skill = &lib.skills[pick.skill];
    egui::Frame::new()
        .fill(theme::analogy_fill(ui))
        .inner_margin(6.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Skill of the day:").small());
                if ui.link(RichText::new(&skill.name).strong()).clicked() {
                    acts.push(Action::OpenSkill(skill.id.clone()));
                }
                if ui
                    .small_button("Present")
                    .on_hover_text("Present it in a huddle (F5)")
                    .clicked()
                {
                    acts.push(Action::Go(View::Huddle));
                }
            });
            let first = skill
                .definition
                .split_inclusive(". ")
                .next()
                .unwrap_or(&skill.definition);
            ui.label(RichText::new(first.trim()).small());
        });
    ui.add_space(4.0);
    acts
}
