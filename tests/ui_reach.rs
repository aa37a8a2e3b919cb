//! Reaching things in the window as a person does: the start flags a launcher passes, Ctrl+K and
//! `/`, a search that finds nothing, a pasted message turned into tags, taking a picked tag out
//! again (click and keyboard), Tab and Esc in the fill-in form, and the layouts that give the
//! room to what is read.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::coach;
use callside::content::{self, Source};
use callside::live::Content;
use callside::ui::nav::View;
use callside::ui::settings::Settings;
use callside::ui::{App, StartOptions};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::sync::Arc;

#[path = "common/ui_helpers.rs"]
mod ui_helpers;
use ui_helpers::{copied, type_in};

/// The app as `main` builds it: `App::from_creation` with these start flags (no saved settings,
/// no data folder).
fn started(start: StartOptions) -> App {
    let cc = eframe::CreationContext::_new_kittest(egui::Context::default());
    App::from_creation(&cc, start)
}

fn window(app: App, size: (f32, f32)) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(size.0, size.1))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h
}

fn key_event(key: Key, modifiers: Modifiers, pressed: bool) -> egui::Event {
    egui::Event::Key {
        key,
        pressed,
        modifiers,
        repeat: false,
        physical_key: None,
    }
}

/// Presses a key and returns what that frame copied.
fn press_copy(h: &mut Harness<'_, App>, key: Key) -> Option<String> {
    h.event(key_event(key, Modifiers::NONE, true));
    h.step();
    let c = copied(h);
    h.event(key_event(key, Modifiers::NONE, false));
    h.run();
    c
}

#[test]
fn start_flags_open_the_query_the_skill_and_the_tough_call_helper() {
    let h = window(
        started(StartOptions {
            query: Some("refund".into()),
            ..Default::default()
        }),
        (360.0, 600.0),
    );
    assert_eq!(h.state().view(), &View::Search);
    assert_eq!(h.get_by_label("Search").value().as_deref(), Some("refund"));
    assert!(h.query_all_by_label_contains("efund").count() >= 2);
    // The preselected card says how it copies.
    h.get_by_label_contains(" · Enter copies (Alt+1)");

    let h = window(
        started(StartOptions {
            skill: Some("empathy".into()),
            ..Default::default()
        }),
        (360.0, 600.0),
    );
    assert_eq!(h.state().view(), &View::Skill("empathy".into()));
    let n = h.state().lib().skill("empathy").unwrap().phrases.len();
    h.get_by_label(&format!("What to say ({n})"));

    let h = window(
        started(StartOptions {
            tough_call: Some("angry,delayed-shipment".into()),
            ..Default::default()
        }),
        (360.0, 600.0),
    );
    assert_eq!(h.state().view(), &View::ToughCall);
    assert_eq!(h.state().tough.tags(), ["angry", "delayed-shipment"]);
    h.get_by_label("Angry ×");
    h.get_by_label("Delayed shipment ×");
    h.get_by_label("Plan");

    // A customer's message (from a hotkey script's clipboard): pasted, with its suggestions.
    let message = "I was charged twice and nobody answers!!";
    let h = window(
        started(StartOptions {
            message: Some(message.into()),
            ..Default::default()
        }),
        (360.0, 600.0),
    );
    assert_eq!(h.state().view(), &View::ToughCall);
    assert_eq!(
        h.get_by_label("Paste what the customer wrote").value().as_deref(),
        Some(message)
    );
    h.get_by_label("Add Billing error");

    // A mistyped id says what it would have meant, and the window still opens.
    let h = window(
        started(StartOptions {
            skill: Some("empaty".into()),
            ..Default::default()
        }),
        (360.0, 600.0),
    );
    assert_eq!(h.state().view(), &View::Search);
    h.get_by_label_contains("--skill: unknown skill \"empaty\"");
}

#[test]
fn ctrl_k_and_slash_bring_the_keyboard_to_search_from_anywhere() {
    // Ctrl+K from a skill's page.
    let mut h = window(
        started(StartOptions {
            skill: Some("empathy".into()),
            ..Default::default()
        }),
        (360.0, 600.0),
    );
    assert!(h.query_by_label("Search").is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    assert_eq!(h.state().view(), &View::Search);
    assert!(h.get_by_label("Search").is_focused());

    // `/` from the tough-call helper once the keyboard is out of its text boxes.
    let mut h = window(
        started(StartOptions {
            tough_call: Some("angry".into()),
            ..Default::default()
        }),
        (360.0, 600.0),
    );
    h.get_by_label("Situation").type_text("/");
    h.run();
    assert_eq!(
        h.state().view(),
        &View::ToughCall,
        "`/` in a text box is just a character"
    );
    assert_eq!(h.get_by_label("Situation").value().as_deref(), Some("/"));
    h.key_press(Key::Escape); // clears the filter
    h.run();
    // Tab on to the next control (a button, not a text box).
    h.key_press(Key::Tab);
    h.run();
    assert!(!h.get_by_label("Situation").is_focused());
    h.event(egui::Event::Text("/".into()));
    h.run();
    assert_eq!(h.state().view(), &View::Search);
    let search = h.get_by_label("Search");
    assert!(search.is_focused());
    assert_eq!(
        search.value().as_deref(),
        Some(""),
        "the slash was not typed into the box"
    );
}

#[test]
fn a_search_that_finds_nothing_says_so_and_enter_copies_nothing() {
    let mut h = window(App::default(), (360.0, 600.0));
    type_in(&mut h, "Search", "zzqxjw");
    h.get_by_label("Nothing matches \"zzqxjw\". Try fewer letters or another word.");
    assert_eq!(press_copy(&mut h, Key::Enter), None);
    assert_eq!(h.state().view(), &View::Search);
    assert_eq!(h.state().last_copied, None);
}

#[test]
fn a_pasted_message_shows_its_suggestions_in_a_narrow_window_and_add_all_picks_them() {
    let message = "This is the THIRD time I'm writing and my order is still not here!! I was charged twice too.";
    let mut h = window(App::default(), (360.0, 600.0));
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run();
    type_in(&mut h, "Paste what the customer wrote", message);
    let expected: Vec<String> = {
        let lib = h.state().lib();
        coach::suggest_tags(lib, message)
            .iter()
            .map(|s| lib.tags[s.tag].id.clone())
            .collect()
    };
    assert!(expected.len() >= 2, "{expected:?}");
    // Right under the box, inside a 360×600 window without scrolling.
    let add_all = h.get_by_label("Add all suggested").rect();
    assert!(add_all.bottom() < 600.0, "Add all suggested at y={}", add_all.top());
    let first = {
        let lib = h.state().lib();
        let ix = lib.tag_index(&expected[0]).unwrap();
        format!("Add {}", lib.tags[ix].label)
    };
    assert!(h.get_by_label(&first).rect().bottom() < 600.0);
    h.get_by_label("Add all suggested").click();
    h.run();
    assert_eq!(h.state().tough.tags(), &expected[..]);
    assert!(h.query_by_label("Add all suggested").is_none());
    let lib = h.state().lib().clone();
    for id in &expected {
        let ix = lib.tag_index(id).unwrap();
        h.get_by_label(&format!("{} ×", lib.tags[ix].label));
    }
    h.get_by_label("Plan");
}

#[test]
fn a_picked_tag_comes_out_by_click_by_backspace_and_by_tab_then_enter() {
    let mut h = window(
        started(StartOptions {
            tough_call: Some("angry,billing-error,chat,delayed-shipment".into()),
            ..Default::default()
        }),
        (360.0, 600.0),
    );
    // Click its chip.
    h.get_by_label("Angry ×").click();
    h.run();
    assert_eq!(h.state().tough.tags(), ["billing-error", "chat", "delayed-shipment"]);
    assert!(h.query_by_label("Angry ×").is_none());
    // Backspace in the empty filter takes out the one picked last.
    assert!(h.get_by_label("Situation").is_focused());
    h.key_press(Key::Backspace);
    h.run();
    assert_eq!(h.state().tough.tags(), ["billing-error", "chat"]);
    // Backspace with text in the filter edits the text, tags stay.
    h.get_by_label("Situation").type_text("ab");
    h.run();
    h.key_press(Key::Backspace);
    h.run();
    assert_eq!(h.get_by_label("Situation").value().as_deref(), Some("a"));
    assert_eq!(h.state().tough.tags(), ["billing-error", "chat"]);
    h.key_press(Key::Escape);
    h.run();
    // Shift+Tab back from the filter to a chip, then Enter (and Space) take that one out.
    for (key, chip, left) in [
        (Key::Enter, "Chat ×", "billing-error"),
        (Key::Space, "Billing error ×", ""),
    ] {
        h.get_by_label("Situation").focus();
        h.run();
        let mut reached = false;
        for _ in 0..8 {
            h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
            h.run();
            if h.get_by_label(chip).is_focused() {
                reached = true;
                break;
            }
        }
        assert!(reached, "Shift+Tab never reached {chip}");
        h.key_press(key);
        h.run();
        let want: Vec<&str> = [left].into_iter().filter(|t| !t.is_empty()).collect();
        assert_eq!(h.state().tough.tags(), &want[..], "{key:?} on {chip}");
        assert!(h.query_by_label(chip).is_none());
    }
    assert_eq!(h.state().view(), &View::ToughCall);
}

/// A small library with one card that has two blanks.
fn tiny_app() -> App {
    let ron = r#"(
        groups: [(id: "g", name: "Group")],
        skills: [(id: "care", name: "Care", group: "g", definition: "Caring about people.", in_service: "x", analogy: "y")],
        phrases: [
            (id: "care-mixup", skill: "care", text: "Sorry for the mix-up, {name}. Order {order} is on its way."),
        ],
    )"#;
    let l = content::load(&[Source {
        path: "tiny.ron".into(),
        text: ron.into(),
    }]);
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    App::new(Arc::new(Content::new(l)), Settings::default(), None)
}

#[test]
fn tab_moves_between_the_blanks_and_esc_closes_the_form_without_copying() {
    let mut h = window(tiny_app(), (360.0, 600.0));
    type_in(&mut h, "Search", "mix-up");
    assert_eq!(press_copy(&mut h, Key::Enter), None, "asks for the blanks first");
    h.get_by_label_contains("Fill in the blanks");
    assert!(h.get_by_label("{name}").is_focused());
    h.get_by_label("{name}").type_text("Ana");
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert!(h.get_by_label("{order}").is_focused(), "Tab goes to the next blank");
    h.get_by_label("{order}").type_text("A-7");
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    assert!(h.get_by_label("{name}").is_focused(), "Shift+Tab goes back");
    assert_eq!(h.get_by_label("{order}").value().as_deref(), Some("A-7"));
    // Esc closes the form; nothing was copied, the search is as it was.
    assert_eq!(press_copy(&mut h, Key::Escape), None);
    assert!(h.query_by_label_contains("Fill in the blanks").is_none());
    assert_eq!(h.state().last_copied, None);
    assert_eq!(h.get_by_label("Search").value().as_deref(), Some("mix-up"));
    // Open again, fill both with Tab between them, Enter copies the filled text.
    assert_eq!(press_copy(&mut h, Key::Enter), None);
    h.get_by_label("{name}").type_text("Bo");
    h.run();
    h.key_press(Key::Tab);
    h.run();
    h.get_by_label("{order}").type_text("B-2");
    h.run();
    assert_eq!(
        press_copy(&mut h, Key::Enter).as_deref(),
        Some("Sorry for the mix-up, Bo. Order B-2 is on its way.")
    );
}

#[test]
fn a_skill_at_360_starts_with_its_cards_and_l_jumps_to_what_it_is() {
    let mut h = window(
        started(StartOptions {
            skill: Some("empathy".into()),
            ..Default::default()
        }),
        (360.0, 600.0),
    );
    let (first, definition) = {
        let lib = h.state().lib();
        let s = lib.skill("empathy").unwrap();
        (lib.phrases[s.phrases[0]].text.clone(), s.definition.clone())
    };
    let card = h.get_by_label(&format!("Copy (Alt+1): {first}")).rect();
    assert!(card.top() < 160.0, "the first card starts at y={}", card.top());
    let def = h.get_by_label(&definition).rect();
    assert!(def.top() > 600.0, "the definition is below the cards (y={})", def.top());
    // L: to what the skill is; again: back to the cards.
    h.event(egui::Event::Text("l".into()));
    h.run();
    let def = h.get_by_label(&definition).rect();
    assert!(
        def.top() >= 0.0 && def.bottom() < 600.0,
        "after L the definition is at y={}",
        def.top()
    );
    h.event(egui::Event::Text("l".into()));
    h.run();
    let card = h.get_by_label(&format!("Copy (Alt+1): {first}")).rect();
    assert!(
        card.top() < 160.0,
        "after L again the first card is at y={}",
        card.top()
    );
    // A click anywhere on the card copies it.
    h.get_by_label(&format!("Copy (Alt+1): {first}")).click();
    h.run();
    assert!(h.state().last_copied.is_some() || h.query_by_label_contains("Fill in the blanks").is_some());
}

#[test]
fn the_plan_gets_most_of_a_wide_window_and_frameworks_stay_behind_a_hover() {
    let h = window(
        started(StartOptions {
            tough_call: Some("angry,delayed-shipment".into()),
            ..Default::default()
        }),
        (1280.0, 800.0),
    );
    let plan = h.get_by_label("Plan").rect();
    let filter = h.get_by_label("Situation").rect();
    assert!(filter.right() < plan.left(), "picking sits beside the plan");
    let share = (1280.0 - plan.left()) / 1280.0;
    assert!(share > 0.6, "the plan has {:.0}% of the width", share * 100.0);
    // No framework name or weight is written out on the page.
    let lib = h.state().lib().clone();
    for f in &lib.frameworks {
        assert!(
            h.query_all_by_label_contains(&format!("{} ", f.name)).next().is_none(),
            "{} is shown inline",
            f.name
        );
    }
    for r in &h.state().tough.plan().skills {
        let weight = format!("weight {}", r.score);
        assert!(
            h.query_all_by_label_contains(&weight).next().is_none(),
            "{weight} is shown inline"
        );
    }
    // Every situation is on the page: no "…and N more".
    for t in &lib.tags {
        assert!(h.query_all_by_label(&t.label).next().is_some(), "{} not shown", t.label);
    }
}

#[test]
fn suggestions_pushed_below_the_window_by_large_text_are_signposted() {
    let message = "This is the THIRD time I'm writing and my order is still not here!! I was charged twice too.";
    let mut app = started(StartOptions {
        tough_call: Some("angry,billing-error,chat,delayed-shipment,long-wait,policy-limit".into()),
        ..Default::default()
    });
    app.settings.font_scale = 2.0;
    let mut h = window(app, (360.0, 600.0));
    type_in(&mut h, "Paste what the customer wrote", message);
    h.run();
    let (sign, top) = {
        let sign = h.get_by_label_contains("suggested situation(s) below");
        (sign.rect(), h.get_by_label_contains("Suggested (").rect().top())
    };
    assert!(
        top > sign.top(),
        "the suggestions (y={top}) are really below the sign (y={})",
        sign.top()
    );
    h.get_by_label_contains("suggested situation(s) below").click();
    h.run();
    h.run();
    let top = h.get_by_label_contains("Suggested (").rect().top();
    let window_bottom = h.ctx.content_rect().bottom();
    assert!(
        top < window_bottom,
        "after the click the suggestions are in view (y={top})"
    );
}

#[test]
fn a_skill_on_a_wide_window_reads_in_columns_of_about_seventy_characters() {
    for size in [(1280.0, 800.0), (1920.0, 1080.0)] {
        let h = window(
            started(StartOptions {
                skill: Some("empathy".into()),
                ..Default::default()
            }),
            size,
        );
        let (text, first) = {
            let lib = h.state().lib();
            let s = lib.skill("empathy").unwrap();
            (s.in_service.clone(), lib.phrases[s.phrases[0]].text.clone())
        };
        let para = h.get_by_label(&text).rect();
        let row = h.ctx.global_style().text_styles[&egui::TextStyle::Body].size * 1.2;
        let rows = (para.height() / row).round().max(1.0);
        let per_line = text.chars().count() as f32 / rows;
        assert!(
            (50.0..=85.0).contains(&per_line),
            "{size:?}: about {per_line:.0} characters a line over {rows} lines"
        );
        // What the skill is sits beside the cards, both near the top.
        let card = h.get_by_label(&format!("Copy (Alt+1): {first}")).rect();
        assert!(para.left() > card.right(), "{size:?}: the text is beside the cards");
        assert!(para.top() < 300.0 && card.top() < 160.0, "{size:?}");
    }
}

#[test]
fn tab_from_the_filter_reaches_the_chips_and_space_or_enter_toggles_one() {
    let mut h = window(App::default(), (360.0, 600.0));
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run();
    assert!(h.get_by_label("Situation").is_focused());
    let first = {
        let lib = h.state().lib();
        lib.tags[callside::coach::filter_tags(lib, "")[0]].clone()
    };
    h.key_press(Key::Tab);
    h.run();
    assert!(
        h.get_by_label(&first.label).is_focused(),
        "Tab goes on to the first chip"
    );
    h.key_press(Key::Space);
    h.run();
    assert_eq!(h.state().tough.tags(), [first.id.as_str()]);
    h.get_by_label(&format!("{} ×", first.label));
    // The chips stay while the keyboard is on them; Enter toggles the focused one back.
    assert!(h.get_by_label(&first.label).is_focused());
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().tough.tags().is_empty());
}
