//! Huddle mode in the window, driven as a person would: open the presentation, step through it
//! with the arrow keys, reveal a practice round; do a daily review (reveal, rate, watch the count
//! fall) and find it as it was after a restart.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::content::{self, Library};
use callside::huddle;
use callside::review::{ReviewStore, Reviewer};
use callside::ui::App;
use callside::ui::nav::View;
use callside::ui::review::{Clock, ReviewView};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;
use std::sync::Arc;

fn harness(app: App, w: f32, h: f32) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(w, h))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h
}

/// Presses a key and lets the app answer it.
fn press(h: &mut Harness<'_, App>, key: Key) {
    h.key_press(key);
    h.run();
}

fn lib() -> Library {
    content::load(&content::builtin::sources()).library
}

const DAY: &str = "2026-11-24";

fn date() -> NaiveDate {
    NaiveDate::parse_from_str(DAY, "%Y-%m-%d").unwrap()
}

fn now() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 24, 8, 30, 0)
        .unwrap()
}

fn fixed_clock() -> Clock {
    Arc::new(now)
}

#[test]
fn a_lead_steps_through_the_presentation_and_reveals_the_practice_round() {
    let lib = lib();
    let pick = huddle::skill_of_the_day(&lib, date()).unwrap();
    let plan = huddle::huddle_for(&lib, pick.skill, DAY);
    let skill = &lib.skills[pick.skill];
    let mut app = App::default();
    app.huddle.date = Some(date());
    let mut h = harness(app, 1920.0, 1080.0);

    press(&mut h, Key::F5);
    assert_eq!(h.state().view(), &View::Huddle);
    h.get_by_label(&skill.name);
    h.get_by_label_contains("1 of 4: What it is");
    h.get_by_label(&skill.definition);

    press(&mut h, Key::ArrowRight);
    h.get_by_label_contains("2 of 4: Think of it as");
    h.get_by_label(&skill.analogy);

    press(&mut h, Key::ArrowRight);
    h.get_by_label_contains("3 of 4: What it sounds like");
    let first = &lib.phrases[plan.cards[0]];
    if let Some(dont) = &first.instead_of {
        h.get_by_label("Don't:");
        h.get_by_label(&format!("\u{201c}{dont}\u{201d}"));
    }
    h.get_by_label(&format!("\u{201c}{}\u{201d}", first.text));

    // Back one, forward again: the arrows go both ways; Page Down (a clicker) goes on.
    press(&mut h, Key::ArrowLeft);
    h.get_by_label_contains("2 of 4");
    press(&mut h, Key::ArrowRight);
    press(&mut h, Key::PageDown);
    h.get_by_label_contains("4 of 4: Practice round");
    let round = plan.round.unwrap();
    h.get_by_label(&format!("\u{201c}{}\u{201d}", lib.practice[round.line].text));
    assert!(
        h.query_by_label_contains("Lead with:").is_none(),
        "the plan waits for the reveal"
    );

    press(&mut h, Key::Space);
    let coach = huddle::reveal(&lib, &round);
    let lead = &lib.skills[coach.skills[0].skill].name;
    let shown = h.get_by_label_contains("Lead with:").value().unwrap_or_default();
    assert!(shown.starts_with(&format!("Lead with: {lead}")), "{shown}");
    let step = &lib.steps[coach.steps[0].step];
    h.get_by_label(&format!("1. {}", step.title));

    // Another round draws another line, with the plan hidden again.
    h.event(egui::Event::Text("n".into()));
    h.run();
    assert!(h.query_by_label_contains("Lead with:").is_none());
    assert!(
        h.query_by_label(&format!("\u{201c}{}\u{201d}", lib.practice[round.line].text))
            .is_none()
    );

    press(&mut h, Key::Escape);
    assert_eq!(h.state().view(), &View::Search);
}

#[test]
fn the_huddle_sizes_its_text_for_a_room_and_on_its_own() {
    let mut app = App::default();
    app.huddle.date = Some(date());
    let mut h = harness(app, 1920.0, 1080.0);
    h.get_by_label("Huddle").click();
    h.run();
    assert_eq!(h.state().view(), &View::Huddle);
    let body = h.state().huddle.body_size(1080.0, 1.0);
    assert!(body >= 32.0, "body text {body} px at 1080 px tall");
    let side_font = h.state().settings.font_scale;
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run();
    assert!(h.state().huddle.body_size(1080.0, 1.0) > body);
    assert_eq!(
        h.state().settings.font_scale,
        side_font,
        "the side window's size is untouched"
    );
    // Full screen hides the top bar; F11 again brings it back.
    press(&mut h, Key::F11);
    assert!(h.state().huddle.fullscreen);
    assert!(h.query_by_label("Library").is_none());
    press(&mut h, Key::F11);
    h.get_by_label("Library");
}

#[test]
fn the_empty_search_shows_the_skill_of_the_day() {
    let lib = lib();
    let today = chrono::Local::now().date_naive();
    let pick = huddle::skill_of_the_day(&lib, today).unwrap();
    let mut h = harness(App::default(), 360.0, 600.0);
    h.get_by_label("Skill of the day:");
    // The strip comes first; the browse list below names the skill too.
    h.query_all_by_label(&lib.skills[pick.skill].name)
        .next()
        .unwrap()
        .click();
    h.run();
    assert_eq!(h.state().view(), &View::Skill(lib.skills[pick.skill].id.clone()));
}

fn review_app(db: &Path) -> App {
    let mut app = App::default();
    app.review = ReviewView::new(Some(db.to_path_buf()), fixed_clock());
    app
}

fn left_today(h: &Harness<'_, App>) -> usize {
    let label = h.get_by_label_contains("left today:").value().unwrap_or_default();
    label
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{label}"))
}

#[test]
fn a_review_session_reveals_rates_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("callside.db");
    let lib = lib();
    // The same deck and clock, on the side, tell us which card comes first.
    let first = Reviewer::new(&lib, ReviewStore::in_memory().unwrap(), now())
        .unwrap()
        .next_card(now())
        .unwrap()
        .clone();

    let mut h = harness(review_app(&db), 360.0, 600.0);
    press(&mut h, Key::F6);
    assert_eq!(h.state().view(), &View::Review);
    let before = left_today(&h);
    assert!(before > 0);
    h.get_by_label(first.kind.question());
    h.get_by_label(&first.prompt);
    assert!(h.query_by_label(&first.answer).is_none(), "the answer waits for Space");

    press(&mut h, Key::Space);
    h.get_by_label(&first.answer);
    // Each rating says when the card comes back.
    h.get_by_label("1 Again\n1m");
    h.get_by_label("3 Good\n10m");
    assert!(h.query_by_label_contains("4 Easy\n").is_some());

    press(&mut h, Key::Num4);
    assert_eq!(left_today(&h), before - 1, "rating Easy takes the card out of today");
    assert!(h.query_by_label(&first.prompt).is_none());

    // The next card: shown with Enter this time, rated Again: it stays for today.
    press(&mut h, Key::Enter);
    press(&mut h, Key::Num1);
    assert_eq!(left_today(&h), before - 1);
    h.get_by_label_contains("seen 2 of");
    drop(h);

    // A restart: the same database, the same counts.
    let mut h = harness(review_app(&db), 360.0, 600.0);
    // At 360 px the huddle and review tabs sit in the Settings menu (the bar stays one row).
    h.get_by_label("Settings").click();
    h.run();
    h.get_by_label("Review").click();
    h.run();
    assert_eq!(left_today(&h), before - 1);
    h.get_by_label_contains("seen 2 of");
    h.get_by_label_contains("streak 1 day");
}
