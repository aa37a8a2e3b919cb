//! Content replaced while the window is open (a pack edited on the team drive): what the rep
//! had selected, picked or half-filled is found again by id, or dropped quietly if it is gone.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::content::{self, Source};
use callside::live::Content;
use callside::ui::App;
use callside::ui::nav::View;
use callside::ui::settings::Settings;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::sync::Arc;

#[path = "common/ui_helpers.rs"]
mod ui_helpers;
use ui_helpers::{copied, type_in};

/// A small library; `extra` is spliced into the phrase list before the others, so positions
/// shift and only ids stay put.
fn tiny(extra: &str, mixup: &str) -> Arc<Content> {
    let ron = format!(
        r#"(
        groups: [(id: "g", name: "Group")],
        skills: [
            (id: "care", name: "Care", group: "g", definition: "Caring about people.", in_service: "x", analogy: "y"),
            (id: "calm", name: "Calm", group: "g", definition: "Staying calm.", in_service: "x", analogy: "y"),
        ],
        phrases: [
            {extra}
            (id: "care-wait", skill: "care", text: "Sorry about the wait."),
            (id: "care-mixup", skill: "care", text: "{mixup}"),
            (id: "care-thanks", skill: "care", text: "Thanks for holding."),
        ],
    )"#
    );
    let l = content::load(&[Source {
        path: "tiny.ron".into(),
        text: ron,
    }]);
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    Arc::new(Content::new(l))
}

const MIXUP: &str = "Sorry for the mix-up, {name}. Order {order} is on its way.";

fn harness(content: Arc<Content>) -> Harness<'static, App> {
    let app = App::new(content, Settings::default(), None);
    let mut h = Harness::builder()
        .with_size(egui::vec2(420.0, 640.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h
}

fn press_copy(h: &mut Harness<'_, App>, key: Key) -> Option<String> {
    let ev = |pressed| egui::Event::Key {
        key,
        pressed,
        modifiers: Modifiers::NONE,
        repeat: false,
        physical_key: None,
    };
    h.event(ev(true));
    h.step();
    let c = copied(h);
    h.event(ev(false));
    h.run();
    c
}

fn swap(h: &mut Harness<'_, App>, content: Arc<Content>) {
    h.state_mut().swap_content(content);
    h.run();
}

#[test]
fn the_selected_result_stays_the_same_card_when_cards_are_added_before_it() {
    let mut h = harness(tiny("", MIXUP));
    type_in(&mut h, "Search", "holding");
    swap(
        &mut h,
        tiny(
            r#"(id: "care-new", skill: "care", text: "Holding on is hard, thank you."),"#,
            MIXUP,
        ),
    );
    // The new card matches too, but the rep's selection does not jump to it.
    h.get_by_label_contains("Holding on is hard");
    assert_eq!(press_copy(&mut h, Key::Enter).as_deref(), Some("Thanks for holding."));
}

#[test]
fn an_open_fill_form_keeps_what_was_typed_and_copies_the_new_wording() {
    let mut h = harness(tiny("", MIXUP));
    type_in(&mut h, "Search", "mix-up");
    assert_eq!(press_copy(&mut h, Key::Enter), None);
    h.get_by_label("{name}").type_text("Ana");
    h.run();
    let reworded = "Ana's words: sorry about the mix-up, {name}; order {order} ships today.";
    swap(
        &mut h,
        tiny(r#"(id: "care-first", skill: "care", text: "First now."),"#, reworded),
    );
    h.get_by_label(reworded);
    assert_eq!(h.get_by_label("{name}").value().as_deref(), Some("Ana"));
    type_in(&mut h, "{order}", "A-7");
    assert_eq!(
        press_copy(&mut h, Key::Enter).as_deref(),
        Some("Ana's words: sorry about the mix-up, Ana; order A-7 ships today.")
    );
}

#[test]
fn a_fill_form_whose_card_lost_its_blanks_or_went_away_closes_quietly() {
    let mut h = harness(tiny("", MIXUP));
    type_in(&mut h, "Search", "mix-up");
    assert_eq!(press_copy(&mut h, Key::Enter), None);
    h.get_by_label_contains("Fill in the blanks");
    // The card's text no longer has blanks: nothing left to fill, the form goes.
    swap(&mut h, tiny("", "Sorry for the mix-up."));
    assert!(h.query_by_label_contains("Fill in the blanks").is_none());

    let mut h = harness(tiny("", MIXUP));
    type_in(&mut h, "Search", "mix-up");
    assert_eq!(press_copy(&mut h, Key::Enter), None);
    h.get_by_label_contains("Fill in the blanks");
    swap(&mut h, only_care_wait());
    assert!(h.query_by_label_contains("Fill in the blanks").is_none());
    // Enter now acts on the search again instead of a form for a card that is gone.
    assert_eq!(h.state().lib().phrases.len(), 1);
}

/// A library with one skill and one card.
fn only_care_wait() -> Arc<Content> {
    let l = content::load(&[Source {
        path: "tiny.ron".into(),
        text: r#"(groups: [(id: "g", name: "Group")],
            skills: [(id: "care", name: "Care", group: "g", definition: "Caring.", in_service: "x", analogy: "y")],
            phrases: [(id: "care-wait", skill: "care", text: "Sorry about the wait.")])"#
            .into(),
    }]);
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    Arc::new(Content::new(l))
}

#[test]
fn picked_tags_that_are_gone_drop_and_the_rest_stay() {
    let team = |with_warranty: bool| {
        let mut sources = content::builtin::sources();
        if with_warranty {
            sources.push(Source {
                path: "team.ron".into(),
                text: r#"(tags: [(id: "warranty", label: "Warranty claim", group: "topic", description: "x")])"#.into(),
            });
        }
        Arc::new(Content::new(content::load(&sources)))
    };
    let mut app = App::new(team(true), Settings::default(), None);
    app.apply_start(&callside::ui::StartOptions {
        tough_call: Some("angry,warranty".into()),
        ..Default::default()
    });
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 1200.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h.get_by_label("Warranty claim ×");
    swap(&mut h, team(false));
    assert_eq!(h.state().tough.tags(), ["angry"]);
    assert!(h.query_by_label("Warranty claim ×").is_none());
    h.get_by_label("Angry ×");
    h.get_by_label("Plan");
    // And back: the tag exists again, but a dropped pick is not brought back behind the rep's back.
    swap(&mut h, team(true));
    assert_eq!(h.state().tough.tags(), ["angry"]);
}

#[test]
fn a_skill_page_whose_skill_was_removed_falls_back_to_the_search() {
    let mut h = harness(tiny("", MIXUP));
    type_in(&mut h, "Search", "calm");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().view(), &View::Skill("calm".into()));
    swap(&mut h, only_care_wait());
    assert_eq!(h.state().view(), &View::Search);
    assert_eq!(h.get_by_label("Search").value().as_deref(), Some("calm"));
    assert!(h.query_by_label("Staying calm.").is_none());
}

#[test]
fn the_selected_card_on_a_skill_page_survives_a_reorder() {
    let mut h = harness(tiny("", MIXUP));
    type_in(&mut h, "Search", "care");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().view(), &View::Skill("care".into()));
    // Down three times: the third card (the one without blanks at the end).
    for _ in 0..3 {
        h.key_press(Key::ArrowDown);
    }
    h.run();
    swap(
        &mut h,
        tiny(
            r#"(id: "care-first", skill: "care", text: "A new first card."),"#,
            MIXUP,
        ),
    );
    assert_eq!(press_copy(&mut h, Key::Enter).as_deref(), Some("Thanks for holding."));
}
