//! The daily review: one flashcard at a time (Space or Enter shows the answer; 1–4 rate it, each
//! button saying when the card comes back), the cards left today, and progress with a small
//! reviews-per-day chart. Scheduling, limits and numbers are all `crate::review`; this draws them.

use super::action::{Action, Actions};
use super::keys::{self, Command};
use super::nav::View;
use super::theme;
use crate::live::Content;
use crate::review::{Rating, ReviewStore, Reviewer, Stats};
use chrono::{DateTime, FixedOffset};
use egui::RichText;
use std::path::PathBuf;
use std::sync::Arc;

/// Where "now" comes from: the machine's clock, or a fixed one in tests.
pub type Clock = Arc<dyn Fn() -> DateTime<FixedOffset> + Send + Sync>;

/// The machine's clock, in its local time zone.
pub fn system_clock() -> Clock {
    Arc::new(|| chrono::Local::now().fixed_offset())
}

/// The review's state: the reviewer (opened on first use), the card showing and whether its
/// answer is showing.
pub struct ReviewView {
    db: Option<PathBuf>,
    clock: Clock,
    /// The reviewer and the content generation its deck was built from.
    reviewer: Option<(u64, Reviewer)>,
    error: Option<String>,
    /// The card showing (by id), and whether its answer is showing.
    showing: Option<(String, bool)>,
}

impl Default for ReviewView {
    /// Nothing saved (an in-memory database), the machine's clock.
    fn default() -> Self {
        ReviewView::new(None, system_clock())
    }
}

impl ReviewView {
    /// A review kept in the database at `db` (None: in memory only), with this clock.
    pub fn new(db: Option<PathBuf>, clock: Clock) -> ReviewView {
        ReviewView {
            db,
            clock,
            reviewer: None,
            error: None,
            showing: None,
        }
    }

    /// The reviewer for this content, opened (or rebuilt after a content swap) as needed.
    fn reviewer(&mut self, content: &Content) -> Option<&mut Reviewer> {
        let stale = self.reviewer.as_ref().is_some_and(|(g, _)| *g != content.generation);
        if stale {
            self.reviewer = None;
        }
        if self.reviewer.is_none() && self.error.is_none() {
            let store = match &self.db {
                Some(path) => ReviewStore::open(path),
                None => ReviewStore::in_memory(),
            };
            match store.and_then(|s| Reviewer::new(&content.library, s, (self.clock)())) {
                Ok(r) => self.reviewer = Some((content.generation, r)),
                Err(e) => self.error = Some(format!("The review could not open its data: {e}")),
            }
        }
        self.reviewer.as_mut().map(|(_, r)| r)
    }

    /// Cards left today (None if the review data cannot be opened).
    pub fn left_today(&mut self, content: &Content) -> Option<usize> {
        let now = (self.clock)();
        self.reviewer(content).map(|r| r.counts(now).total())
    }

    /// Today's numbers (None if the review data cannot be opened).
    pub fn stats(&mut self, content: &Content) -> Option<Stats> {
        let now = (self.clock)();
        self.reviewer(content).map(|r| r.stats(now))
    }

    /// The card to show now (keeps the one showing until it is rated).
    fn current(&mut self, content: &Content) -> Option<String> {
        let now = (self.clock)();
        let keep = self.showing.as_ref().map(|(id, _)| id.clone());
        let r = self.reviewer(content)?;
        if let Some(id) = keep
            && r.card(&id).is_some()
        {
            return Some(id);
        }
        let next = r.next_card(now).map(|c| c.id.clone());
        self.showing = next.clone().map(|id| (id, false));
        next
    }

    fn reveal(&mut self) {
        if let Some((_, shown)) = &mut self.showing {
            *shown = true;
        }
    }

    fn rate(&mut self, content: &Content, rating: Rating) {
        let Some((id, true)) = self.showing.clone() else { return };
        let now = (self.clock)();
        let Some(r) = self.reviewer(content) else { return };
        match r.rate(&id, rating, now) {
            Ok(()) => self.showing = None,
            Err(e) => self.error = Some(format!("Your rating could not be saved: {e}")),
        }
    }

    /// Handles the review's keys.
    pub fn keys(&mut self, ctx: &egui::Context, content: &Content) -> Actions {
        let mut acts = Actions::new();
        let fired = |c: Command| keys::fired(ctx, c, true);
        if fired(Command::Reveal).is_some() || fired(Command::Activate).is_some() {
            self.current(content);
            self.reveal();
        }
        if let Some(n) = fired(Command::Rate)
            && let Some(&rating) = Rating::ALL.get(n)
        {
            self.rate(content, rating);
        }
        if fired(Command::Escape).is_some() || fired(Command::Back).is_some() {
            acts.push(Action::Back);
        }
        for (c, a) in [
            (Command::FocusSearch, Action::FocusSearch),
            (Command::ToughCall, Action::Go(View::ToughCall)),
            (Command::Huddle, Action::Go(View::Huddle)),
            (Command::Legend, Action::ToggleLegend),
            (Command::FontBigger, Action::Font(1)),
            (Command::FontSmaller, Action::Font(-1)),
            (Command::FontReset, Action::Font(0)),
        ] {
            if fired(c).is_some() {
                acts.push(a);
            }
        }
        acts
    }

    /// Draws the review.
    pub fn show(&mut self, ui: &mut egui::Ui, content: &Content) -> Actions {
        let acts = Actions::new();
        let now = (self.clock)();
        let card_id = self.current(content);
        if let Some(e) = &self.error {
            ui.label(RichText::new(e).color(theme::dont(ui)));
        }
        let Some((_, r)) = &self.reviewer else { return acts };
        let counts = r.counts(now);
        ui.horizontal_wrapped(|ui| {
            ui.heading("Daily review");
            ui.label(
                RichText::new(format!(
                    "{} left today: {} new · {} learning · {} to review",
                    counts.total(),
                    counts.new,
                    counts.learning,
                    counts.review
                ))
                .small(),
            );
        });
        ui.separator();
        let shown = self.showing.as_ref().is_some_and(|(_, s)| *s);
        let card = card_id.as_deref().and_then(|id| r.card(id)).cloned();
        let mut rate: Option<Rating> = None;
        let mut reveal = false;
        match card {
            Some(card) => {
                ui.label(
                    RichText::new(card.kind.question())
                        .small()
                        .color(ui.visuals().weak_text_color()),
                );
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(&card.prompt);
                });
                ui.add_space(6.0);
                if shown {
                    ui.label(RichText::new(&card.answer).strong().color(theme::good(ui)));
                    if !card.detail.is_empty() {
                        ui.label(RichText::new(&card.detail).small());
                    }
                    ui.add_space(6.0);
                    let preview = r.preview(&card.id, now);
                    ui.columns(4, |cols| {
                        for (i, (rating, next)) in preview.iter().enumerate() {
                            let text = format!("{} {}\n{next}", i + 1, rating.label());
                            let b = egui::Button::new(text).min_size(egui::vec2(cols[i].available_width(), 0.0));
                            if cols[i].add(b).on_hover_text(format!("Comes back in {next}")).clicked() {
                                rate = Some(*rating);
                            }
                        }
                    });
                } else if ui.button("Show answer (Space)").clicked() {
                    reveal = true;
                }
            }
            None => {
                ui.label(RichText::new("All done for today. Come back tomorrow.").strong());
            }
        }
        ui.add_space(8.0);
        progress(ui, &r.stats(now));
        // Wake once when a card being learned comes due; no repaint loop while idle.
        if let Some(wake) = r.next_wake(now)
            && let Ok(wait) = (wake - now.to_utc()).to_std()
        {
            ui.ctx().request_repaint_after(wait);
        }
        if reveal {
            self.reveal();
        }
        if let Some(rating) = rate {
            self.rate(content, rating);
        }
        acts
    }
}

/// Due today, streak, retention, and the reviews-per-day chart.
fn progress(ui: &mut egui::Ui, s: &Stats) {
    ui.label(RichText::new("Progress").strong());
    let retention = match s.retention_30d {
        Some(r) => format!(
            "{:.0}% remembered (30 days, {} reviews)",
            r * 100.0,
            s.retention_reviews
        ),
        None => "no reviews of learned cards yet".into(),
    };
    let days = if s.streak_days == 1 { "day" } else { "days" };
    ui.label(
        RichText::new(format!(
            "Due today {} · streak {} {days} · {retention} · seen {} of {} cards",
            s.due_today, s.streak_days, s.cards_seen, s.cards_total
        ))
        .small(),
    );
    let color = theme::good(ui);
    let bars: Vec<egui_plot::Bar> = s
        .per_day
        .iter()
        .enumerate()
        .map(|(i, (d, n))| {
            egui_plot::Bar::new(i as f64, *n as f64)
                .name(d.format("%-d %b"))
                .width(0.7)
                .fill(color)
        })
        .collect();
    let first = s.per_day.first().map(|(d, _)| *d);
    egui_plot::Plot::new("reviews-per-day")
        .height(90.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_grid(false)
        .show_x(false)
        .show_y(false)
        .include_y(0.0)
        .include_y(5.0)
        .y_axis_min_width(18.0)
        .x_axis_formatter(move |mark, _| match first {
            Some(d) if mark.value.fract() == 0.0 && mark.value >= 0.0 => {
                (d + chrono::Duration::days(mark.value as i64))
                    .format("%-d %b")
                    .to_string()
            }
            _ => String::new(),
        })
        .show(ui, |plot| {
            plot.bar_chart(egui_plot::BarChart::new("Reviews per day", bars).color(color));
        });
}
