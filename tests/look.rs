//! The look-and-reach promises, acted out as a rep would: two keystrokes from a query to a copied
//! phrase, skills in a strip, the summon request applied, the theme's zoom.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::instance::Request;
use callside::ui::App;
use callside::ui::nav::View;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

#[path = "common/ui_helpers.rs"]
mod ui_helpers;
use ui_helpers::copied;

fn harness_at(app: App, size: (f32, f32)) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(size.0, size.1))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h
}

fn start_with_query(q: &str) -> App {
    let mut app = App::default();
    app.apply_start(&callside::ui::StartOptions {
        query: Some(q.into()),
        ..Default::default()
    });
    app
}

#[test]
fn query_sorry_then_enter_copies_a_phrase_not_a_skill() {
    let mut h = harness_at(start_with_query("sorry"), (360.0, 600.0));
    h.key_press(Key::Enter);
    h.step();
    let text = copied(&h).or_else(|| h.state().last_copied.clone());
    h.run();
    assert_eq!(h.state().view(), &View::Search, "Enter must not open a skill");
    let text = text.expect("Enter copied something");
    let lib = h.state().lib();
    assert!(
        lib.phrases.iter().any(|p| p.text == text),
        "what was copied is a phrase card: {text}"
    );
    assert!(text.to_lowercase().contains("sorry"), "{text}");
}

#[test]
fn every_query_that_finds_phrases_preselects_one() {
    for q in ["sorry", "hold", "refund", "late order", "angry"] {
        let mut h = harness_at(start_with_query(q), (360.0, 600.0));
        let finds_phrases = {
            let c = h.state().content().clone();
            c.index
                .search(q, 60)
                .iter()
                .any(|x| matches!(x.target, callside::search::DocRef::Phrase(_)))
        };
        if !finds_phrases {
            continue;
        }
        h.key_press(Key::Enter);
        h.run();
        assert_eq!(h.state().view(), &View::Search, "{q}: Enter opened a skill");
        let copied = h.state().last_copied.clone();
        let lib = h.state().lib();
        let copied_or_filling = copied.is_some_and(|t| lib.phrases.iter().any(|p| p.text == t))
            || h.query_by_label("Copy filled text").is_some()
            || h.query_all_by_label_contains("{").next().is_some();
        assert!(copied_or_filling, "{q}: Enter did not copy a phrase");
    }
}

#[test]
fn skills_sit_in_a_strip_that_a_click_or_alt_enter_opens() {
    let mut h = harness_at(start_with_query("sorry"), (360.0, 600.0));
    // The skill found through its alias "saying sorry" is a small button above the phrases.
    h.get_by_label("Taking responsibility").click();
    h.run();
    assert_eq!(h.state().view(), &View::Skill("taking-responsibility".into()));

    let mut h = harness_at(start_with_query("sorry"), (360.0, 600.0));
    h.key_press_modifiers(egui::Modifiers::ALT, Key::Enter);
    h.run();
    assert!(matches!(h.state().view(), View::Skill(_)));
}

#[test]
fn a_second_start_hands_its_query_to_the_open_window_and_exits_0() {
    // This test process plays the open window: it listens where the binary will look.
    let home = tempfile::tempdir().unwrap();
    let sock = callside::instance::socket_path(home.path());
    let listener = callside::instance::Listener::bind(&sock).unwrap();
    let window = std::thread::spawn(move || listener.accept_one());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_callside"))
        .args(["--query", "sorry"])
        .env("CALLSIDE_HOME", home.path())
        // No display: if the handoff failed, opening a window would fail and exit non-zero.
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    let got = window.join().unwrap().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("handed to the open window"));
    assert_eq!(
        got,
        Request {
            query: Some("sorry".into()),
            ..Request::default()
        }
    );
}

#[test]
fn the_window_applies_a_handed_over_query() {
    // What the socket thread's request becomes on the window's side.
    let mut h = harness_at(App::default(), (360.0, 600.0));
    h.state_mut().apply_start(&callside::ui::StartOptions {
        query: Some("refund".into()),
        ..Default::default()
    });
    h.run();
    assert_eq!(h.state().search.query, "refund");
    assert!(h.query_all_by_label_contains("efund").count() >= 2);
}

#[test]
fn the_legend_and_the_fill_form_float_without_moving_the_search_box() {
    let mut h = harness_at(start_with_query("name"), (360.0, 600.0));
    let before = h.get_by_label("Search").rect();
    h.key_press(Key::F1);
    h.run();
    assert!(h.state().legend_open());
    h.get_by_label_contains("Keyboard shortcuts");
    assert_eq!(
        h.get_by_label("Search").rect(),
        before,
        "the legend pushed the search box"
    );
    // At 360×600 the legend is taller than the page: it scrolls under the top bar instead of
    // being pushed up over the tabs and the settings.
    let title = h.get_by_label_contains("Keyboard shortcuts").rect();
    let bar = h.get_by_label("Settings").rect();
    assert!(
        title.top() >= bar.bottom(),
        "the legend ({title:?}) covers the top bar ({bar:?})"
    );
}

/// The built-in library plus a team pack with one mistake: the problems banner shows.
fn app_with_a_problem(query: &str) -> App {
    use callside::content::{self, Source};
    let mut sources = content::builtin::sources();
    sources.push(Source {
        path: "team.ron".into(),
        text: r#"(phrases: [(skill: "empaty", text: "Hello there.")])"#.into(),
    });
    let content = callside::live::Content::new(content::load(&sources));
    let mut app = App::new(
        std::sync::Arc::new(content),
        callside::ui::settings::Settings::default(),
        None,
    );
    app.apply_start(&callside::ui::StartOptions {
        query: Some(query.into()),
        ..Default::default()
    });
    app
}

#[test]
fn a_copy_toast_sits_above_the_problems_banner_and_moves_nothing() {
    for width in [360.0, 1280.0] {
        let mut h = harness_at(app_with_a_problem("sorry"), (width, 600.0));
        let search = h.get_by_label("Search").rect();
        let show = h.get_by_label("Show").rect();
        h.key_press(Key::Enter);
        h.run();
        let said = h.state().toast().expect("a toast says what was copied").to_string();
        assert!(said.starts_with("Copied: "), "{said}");
        // Screen readers get the same words (a status node at the toast's bottom-right corner).
        let status = h.get_by_label(&said).rect();
        assert!(
            status.bottom() <= show.top(),
            "at {width} px the toast (bottom {}) covers the banner's Show button (top {})",
            status.bottom(),
            show.top()
        );
        assert_eq!(
            h.get_by_label("Search").rect(),
            search,
            "the toast moved the search box"
        );
        assert_eq!(h.get_by_label("Show").rect(), show, "the toast moved the banner");
    }
}

#[test]
fn saves_and_copies_all_answer_with_a_toast() {
    let mut h = harness_at(start_with_query("sorry"), (360.0, 600.0));
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::D);
    h.run();
    let starred = h.state().toast().unwrap_or_default().to_string();
    assert!(starred.starts_with("Starred: "), "{starred}");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::D);
    h.run();
    let unstarred = h.state().toast().unwrap_or_default().to_string();
    assert!(unstarred.starts_with("Unstarred: "), "{unstarred}");
    // One toast at a time: the newer one replaced the older.
    assert!(h.query_by_label(&starred).is_none());
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().toast().is_some_and(|t| t.starts_with("Copied: ")));
}

#[test]
fn a_toast_goes_away_by_itself_without_repainting_meanwhile() {
    let mut h = harness_at(start_with_query("sorry"), (360.0, 600.0));
    h.key_press(Key::Enter);
    // Settles within a few frames although the toast still shows (no per-frame countdown).
    h.run();
    assert!(h.state().toast().is_some());
    // Ten seconds later (step by step, as the clock would go), it is gone.
    for _ in 0..40 {
        h.step();
    }
    h.run();
    assert_eq!(h.state().toast(), None);
}

#[test]
fn the_theme_sets_size_by_zoom_and_keeps_body_text_readable() {
    let mut h = harness_at(App::default(), (360.0, 600.0));
    let body = h.ctx.global_style().text_styles[&egui::TextStyle::Body].size;
    assert!(body >= 14.0, "{body}");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Equals);
    h.run();
    assert!(h.ctx.zoom_factor() > 1.0);
    // The style stays the same: text, spacing and controls all grow through the zoom.
    assert_eq!(h.ctx.global_style().text_styles[&egui::TextStyle::Body].size, body);
}
