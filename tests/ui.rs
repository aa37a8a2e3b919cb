//! The window, driven the way a person drives it: type, press keys, click, read what is shown.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::content::{self, Library, Source};
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

fn harness_with(app: App, size: (f32, f32)) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(size.0, size.1))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h
}

fn harness() -> Harness<'static, App> {
    harness_with(App::default(), (420.0, 720.0))
}

/// A small library whose phrases we know, to check exactly what gets copied.
fn tiny_app() -> App {
    let ron = r#"(
        groups: [(id: "g", name: "Group")],
        skills: [(id: "care", name: "Care", group: "g", definition: "Caring about people.", in_service: "x", analogy: "y")],
        phrases: [
            (id: "care-wait", skill: "care", text: "Sorry about the wait."),
            (id: "care-mixup", skill: "care", text: "Sorry for the mix-up, {name}. Order {order} is on its way."),
            (id: "care-thanks", skill: "care", text: "Thanks for holding."),
        ],
    )"#;
    let l = content::load(&[Source {
        path: "tiny.ron".into(),
        text: ron.into(),
    }]);
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    App::new(Arc::new(Content::new(l)), Settings::default(), None)
}

/// Presses a key and returns what that frame copied (kittest runs one frame per queued event, so
/// the key goes in as one event carrying its modifiers, and its frame is read before the next).
fn press_copy(h: &mut Harness<'_, App>, mods: Modifiers, key: Key) -> Option<String> {
    h.event(key_event(key, mods, true));
    h.step();
    let c = copied(h);
    h.event(key_event(key, mods, false));
    h.run();
    c
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

/// In the tough-call view: types into the situation filter and presses Enter on the first match.
fn pick_tag(h: &mut Harness<'_, App>, typed: &str) {
    h.get_by_label("Situation").type_text(typed);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

fn lib() -> Library {
    content::load(&content::builtin::sources()).library
}

#[test]
fn opens_with_focus_in_search_and_the_library_by_group() {
    let h = harness();
    assert!(h.get_by_label("Search").is_focused());
    let lib = lib();
    h.get_by_label(&lib.groups[0].name);
    h.get_by_label(&lib.skills[0].name);
}

#[test]
fn typing_finds_the_skill_and_its_phrases_even_with_a_typo() {
    let mut h = harness();
    type_in(&mut h, "Search", "emapthy");
    assert!(!h.query_all_by_label_contains("Empathy").collect::<Vec<_>>().is_empty());
    let mut h = harness();
    type_in(&mut h, "Search", "sorry");
    let lib = lib();
    let sorry_phrases = lib
        .phrases
        .iter()
        .filter(|p| p.text.to_lowercase().contains("sorry"))
        .count();
    assert!(sorry_phrases > 0);
    let shown = h.query_all_by_label_contains("orry").count();
    assert!(shown >= 3.min(sorry_phrases), "{shown} rows show 'sorry'");
}

#[test]
fn arrow_down_and_enter_copy_the_next_phrase() {
    let mut h = harness_with(tiny_app(), (420.0, 600.0));
    type_in(&mut h, "Search", "wait");
    assert_eq!(
        press_copy(&mut h, Modifiers::NONE, Key::Enter).as_deref(),
        Some("Sorry about the wait.")
    );
    h.run();
    h.get_by_label_contains("Copied: Sorry about the wait.");

    let mut h = harness_with(tiny_app(), (420.0, 600.0));
    type_in(&mut h, "Search", "holding");
    h.key_press(Key::ArrowUp);
    h.key_press(Key::ArrowDown);
    assert_eq!(
        press_copy(&mut h, Modifiers::COMMAND, Key::C).as_deref(),
        Some("Thanks for holding.")
    );
}

#[test]
fn placeholders_are_asked_for_and_never_copied_unfilled() {
    let mut h = harness_with(tiny_app(), (420.0, 600.0));
    type_in(&mut h, "Search", "sorry");
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(
        press_copy(&mut h, Modifiers::NONE, Key::Enter),
        None,
        "not copied before the blanks are filled"
    );
    h.run();
    h.get_by_label_contains("Fill in the blanks");
    assert!(h.get_by_label("{name}").is_focused());
    h.get_by_label("{name}").type_text("Ana");
    h.run();
    assert_eq!(
        press_copy(&mut h, Modifiers::NONE, Key::Enter),
        None,
        "order is still empty"
    );
    h.run();
    h.get_by_label_contains("Still empty: {order}");
    h.get_by_label("{order}").focus();
    h.run();
    h.get_by_label("{order}").type_text("A-1042");
    h.run();
    assert_eq!(
        press_copy(&mut h, Modifiers::NONE, Key::Enter).as_deref(),
        Some("Sorry for the mix-up, Ana. Order A-1042 is on its way.")
    );
}

#[test]
fn escape_clears_the_query_then_returns_to_the_list() {
    let mut h = harness();
    type_in(&mut h, "Search", "patience");
    assert_eq!(h.get_by_label("Search").value().as_deref(), Some("patience"));
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.get_by_label("Search").value().as_deref(), Some(""));
    assert!(h.get_by_label("Search").is_focused());
    h.get_by_label(&lib().groups[0].name);
}

#[test]
fn enter_opens_a_skill_with_all_its_parts_and_esc_goes_back() {
    let lib = lib();
    // Tall enough for the whole page in its readable column (links below the fold get no click).
    let mut h = harness_with(App::default(), (1280.0, 4000.0));
    type_in(&mut h, "Search", "empathy");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().view(), &View::Skill("empathy".into()));
    let s = lib.skill("empathy").unwrap();
    h.get_by_label(&s.definition);
    h.get_by_label(&s.in_service);
    h.get_by_label(&s.analogy);
    h.get_by_label("Think of it as…");
    let pair = s
        .phrases
        .iter()
        .map(|&p| &lib.phrases[p])
        .find(|p| p.instead_of.is_some())
        .unwrap();
    h.get_by_label(&format!("Don't say: “{}”", pair.instead_of.as_ref().unwrap()));
    h.get_by_label(&format!("Say: {}", pair.text));
    h.get_by_label(&lib.skills[s.related[0]].name).click();
    h.run();
    assert_eq!(h.state().view(), &View::Skill(lib.skills[s.related[0]].id.clone()));
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().view(), &View::Skill("empathy".into()));
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().view(), &View::Search);
}

#[test]
fn font_size_follows_the_shortcuts() {
    let mut h = harness();
    // Size is egui's zoom, so spacing and controls grow with the text.
    let body = |h: &Harness<'_, App>| h.ctx.zoom_factor();
    let before = body(&h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run();
    assert!(body(&h) > before);
    assert_eq!(h.state().settings.font_scale, 1.1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run();
    assert!(body(&h) < before);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert_eq!(body(&h), before);
}

#[test]
fn shortcut_legend_is_one_key_away() {
    let mut h = harness();
    assert!(h.query_by_label("Keyboard shortcuts").is_none());
    h.key_press(Key::F1);
    h.run();
    h.get_by_label("Keyboard shortcuts");
    h.get_by_label("Tough-call helper");
}

#[test]
fn tough_call_pick_tags_by_typing_see_the_plan_copy_a_phrase() {
    let lib = lib();
    let mut h = harness_with(App::default(), (1280.0, 1600.0));
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run();
    assert_eq!(h.state().view(), &View::ToughCall);
    assert!(h.get_by_label("Situation").is_focused());
    pick_tag(&mut h, "ang");
    h.get_by_label("Angry ×");
    h.get_by_label("Plan");
    h.get_by_label("Why these skills");
    let plan = h.state().tough.plan().clone();
    assert!(!plan.steps.is_empty());
    let first_step = &lib.steps[plan.steps[0].step];
    h.get_by_label(&format!("1. {}", first_step.title));
    let first = plan.steps[0].phrases[0];
    let got = press_copy(&mut h, Modifiers::ALT, Key::Num1);
    if content::placeholder::placeholders(&lib.phrases[first].text).is_empty() {
        assert_eq!(got.as_deref(), Some(lib.phrases[first].text.as_str()));
    } else {
        h.run();
        h.get_by_label_contains("Fill in the blanks");
    }
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run();
    assert!(h.state().tough.tags().is_empty());
    assert!(h.query_by_label("Angry ×").is_none());
}

#[test]
fn a_pasted_message_suggests_tags_the_rep_can_add() {
    let mut h = harness_with(App::default(), (1280.0, 1600.0));
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run();
    type_in(
        &mut h,
        "Paste what the customer wrote",
        "I'm not angry, just confused by this invoice",
    );
    h.get_by_label("Add Confused").click();
    h.run();
    assert!(h.query_by_label("Add Angry").is_none());
    h.get_by_label("Confused ×");
}

#[test]
fn narrow_window_still_shows_search_results_and_plan() {
    let mut h = harness_with(App::default(), (360.0, 600.0));
    type_in(&mut h, "Search", "sorry");
    assert!(h.query_all_by_label_contains("orry").count() >= 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run();
    pick_tag(&mut h, "delayed");
    h.get_by_label("Plan");
}

/// Sends a key with modifiers and the text the platform also reports for it, in one frame (as
/// winit does for Alt+digit), and returns what that frame copied.
fn press_with_text(h: &mut Harness<'_, App>, mods: Modifiers, key: Key, text: &str) -> Option<String> {
    h.input_mut().events.push(key_event(key, mods, true));
    h.input_mut().events.push(egui::Event::Text(text.into()));
    h.step();
    let c = copied(h);
    h.event(key_event(key, mods, false));
    h.run();
    c
}

#[test]
fn alt_digit_copies_without_typing_the_digit_into_the_search() {
    let mut h = harness_with(tiny_app(), (420.0, 600.0));
    type_in(&mut h, "Search", "thanks");
    let got = press_with_text(&mut h, Modifiers::ALT, Key::Num1, "1");
    assert_eq!(got.as_deref(), Some("Thanks for holding."));
    assert_eq!(h.get_by_label("Search").value().as_deref(), Some("thanks"));
}

#[test]
fn question_mark_in_an_empty_search_box_shows_the_legend() {
    let mut h = harness();
    assert!(h.get_by_label("Search").is_focused());
    h.get_by_label("Search").type_text("?");
    h.run();
    h.get_by_label("Keyboard shortcuts");
    assert_eq!(h.get_by_label("Search").value().as_deref(), Some(""));
    // With a query, `?` is just a character.
    let mut h = harness();
    type_in(&mut h, "Search", "why?");
    assert_eq!(h.get_by_label("Search").value().as_deref(), Some("why?"));
    assert!(h.query_by_label("Keyboard shortcuts").is_none());
}

#[test]
fn recently_copied_phrases_stay_selected_when_the_list_reorders() {
    let mut h = harness_with(tiny_app(), (420.0, 600.0));
    // Copy "holding" twice and "wait" once, then browse with an empty query.
    for (q, times) in [("holding", 2), ("wait", 1)] {
        for _ in 0..times {
            h.get_by_label("Search").focus();
            h.run();
            h.key_press_modifiers(Modifiers::COMMAND, Key::A);
            h.get_by_label("Search").type_text(q);
            h.run();
            assert!(press_copy(&mut h, Modifiers::NONE, Key::Enter).is_some());
        }
    }
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.get_by_label("Search").value().as_deref(), Some(""));
    h.get_by_label("Recently copied");
    // Most recent first: wait, then holding. Alt+2 copies the second one shown.
    assert_eq!(
        press_copy(&mut h, Modifiers::ALT, Key::Num2).as_deref(),
        Some("Thanks for holding.")
    );
    // Now "holding" is the most recent and moves up; select "wait", now second.
    h.key_press(Key::ArrowDown);
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(
        press_copy(&mut h, Modifiers::NONE, Key::Enter).as_deref(),
        Some("Sorry about the wait.")
    );
    // Copying it moved it back to the top; the selection follows the phrase, not the row.
    assert_eq!(
        press_copy(&mut h, Modifiers::NONE, Key::Enter).as_deref(),
        Some("Sorry about the wait."),
        "the second Enter copied a different phrase after the list reordered"
    );
}

#[test]
fn the_pasted_message_box_keeps_enter_and_escape() {
    let mut h = harness_with(App::default(), (1280.0, 1600.0));
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run();
    h.get_by_label("Situation").type_text("ang");
    h.run();
    type_in(&mut h, "Paste what the customer wrote", "first line");
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("Paste what the customer wrote").type_text("second line");
    h.run();
    assert!(
        h.state().tough.tags().is_empty(),
        "Enter in the message box toggled a tag"
    );
    let value = h
        .get_by_label("Paste what the customer wrote")
        .value()
        .unwrap_or_default();
    assert_eq!(value, "first line\nsecond line");
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(
        h.state().view(),
        &View::ToughCall,
        "Esc in the message box left the view"
    );
}

#[test]
fn starting_on_the_tough_call_helper_puts_the_keyboard_in_its_filter() {
    let mut app = App::default();
    app.apply_start(&callside::ui::StartOptions {
        tough_call: Some("angry,chat".into()),
        ..Default::default()
    });
    let h = harness_with(app, (420.0, 680.0));
    assert_eq!(h.state().view(), &View::ToughCall);
    assert!(h.get_by_label("Situation").is_focused());
    h.get_by_label("Angry ×");
    h.get_by_label("Chat ×");
}

#[test]
fn narrow_list_cursor_never_toggles_a_hidden_tag() {
    let mut h = harness_with(App::default(), (360.0, 600.0));
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run();
    // With no filter and no tags, a narrow window lists every situation (no "…and N more"); the
    // cursor stops on the last one.
    for _ in 0..60 {
        h.key_press(Key::ArrowDown);
    }
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let picked = h.state().tough.tags().to_vec();
    let lib = lib();
    let shown = callside::coach::filter_tags(&lib, "");
    assert!(shown.len() > 12);
    let last = &lib.tags[*shown.last().unwrap()];
    assert_eq!(picked, [last.id.as_str()]);
    h.get_by_label(&format!("{} ×", last.label));
    // The chips fold away now (a tag is picked, no filter): arrows and Enter change nothing.
    h.key_press(Key::ArrowDown);
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().tough.tags(), &picked[..]);
}

#[test]
fn the_last_view_query_tags_and_text_size_come_back_after_a_restart() {
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run();
    pick_tag(&mut h, "billing");
    let saved = h.state().settings_to_save();
    // What eframe writes is RON; go through it as a restart would.
    let text = ron::to_string(&saved).unwrap();
    let restored: Settings = ron::from_str(&text).unwrap();
    let h2 = harness_with(App::new(Arc::new(Content::builtin()), restored, None), (420.0, 720.0));
    assert_eq!(h2.state().view(), &View::ToughCall);
    assert_eq!(h2.state().tough.tags(), ["billing-error"]);
    assert!(h2.state().settings.font_scale > 1.0);
    h2.get_by_label("Billing error ×");
    assert!(h2.get_by_label("Situation").is_focused());
}

#[test]
fn compact_on_top_and_theme_toggles_from_the_top_bar() {
    let mut h = harness();
    h.get_by_label("Settings").click();
    h.run();
    h.get_by_label("Compact").click();
    h.run();
    assert!(h.state().settings.compact);
    assert!(
        h.query_by_label("Tough call").is_none(),
        "compact keeps search and results only"
    );
    assert!(h.query_by_label("A+").is_none());
    type_in(&mut h, "Search", "refund");
    assert!(h.query_all_by_label_contains("efund").count() >= 2);
    h.get_by_label("Compact").click();
    h.run();
    assert!(!h.state().settings.compact);
    h.get_by_label("Tough call");

    // The rest sits in the settings menu, so the bar stays one row.
    let open_settings = |h: &mut Harness<'_, App>| {
        if h.query_by_label("On top").is_none() {
            h.get_by_label("Settings").click();
            h.run();
        }
    };
    open_settings(&mut h);
    h.get_by_label("On top").click();
    h.run();
    assert!(h.state().settings.always_on_top);

    open_settings(&mut h);
    h.get_by_label("Theme: system").click();
    h.run();
    open_settings(&mut h);
    h.get_by_label("Theme: light");
    assert_eq!(h.ctx.theme(), egui::Theme::Light);
    h.get_by_label("Theme: light").click();
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
    open_settings(&mut h);
    h.get_by_label("Theme: dark");
}

#[test]
fn a_team_tag_without_linked_skills_says_so_instead_of_an_empty_plan() {
    let mut sources = content::builtin::sources();
    sources.push(Source {
        path: "team.ron".into(),
        text: r#"(tags: [(id: "warranty", label: "Warranty claim", group: "topic", description: "x")])"#.into(),
    });
    let l = content::load(&sources);
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    let mut app = App::new(Arc::new(Content::new(l)), Settings::default(), None);
    app.apply_start(&callside::ui::StartOptions {
        tough_call: Some("warranty".into()),
        ..Default::default()
    });
    let h = harness_with(app, (420.0, 680.0));
    h.get_by_label("Warranty claim ×");
    h.get_by_label_contains("No skill is linked to these situations yet");
    assert!(h.query_by_label("Plan").is_none());
}

#[test]
fn a_saved_text_size_of_infinity_opens_at_normal_size() {
    // A settings file damaged by hand or by a bug used to panic on every start.
    let saved: Settings = ron::from_str(r#"(font_scale: inf, last_query: "sorry")"#).unwrap();
    let h = harness_with(App::new(Arc::new(Content::builtin()), saved, None), (420.0, 720.0));
    assert_eq!(h.state().settings.font_scale, 1.0);
    assert_eq!(h.get_by_label("Search").value().as_deref(), Some("sorry"));
    assert!(h.query_all_by_label_contains("orry").count() >= 2);
}

#[test]
fn everyday_words_find_a_situation_that_opens_the_tough_call_helper() {
    let mut h = harness();
    type_in(&mut h, "Search", "double charged");
    h.get_by_label_contains("Billing error\n").click();
    h.run();
    h.get_by_label("Billing error ×");
    // A word no card has: the closest matches, under a line that says so.
    let mut h = harness();
    type_in(&mut h, "Search", "late parcel zzyzzq");
    h.get_by_label("No card has every word — closest matches");
}

#[test]
fn suggestions_quote_the_customers_words() {
    let mut h = harness_with(App::default(), (1280.0, 1600.0));
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run();
    type_in(
        &mut h,
        "Paste what the customer wrote",
        "Nobody will return my call and I was charged twice",
    );
    h.get_by_label("Add Billing error");
    h.get_by_label_contains("“was charged twice”");
    assert!(h.query_by_label("Add Return").is_none());
}
