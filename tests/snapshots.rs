//! Pictures that guard the look: image snapshots of the main states (empty start, a search for
//! "sorry" with its phrase selected, a skill, the tough-call helper with tags picked, the
//! shortcut legend) and of the feedback (a copy toast; a save toast above the problems banner)
//! at 360×600 and 1280×800, light and dark, compared with the PNGs checked in under
//! `tests/snapshots/` with a small tolerance.
//!
//! Rendering uses egui_kittest's `wgpu` renderer on Mesa's software Vulkan (lavapipe, Debian
//! package `mesa-vulkan-drivers`, which `.ci/run` installs): no GPU or display needed.
//!
//! **Regenerate** after a deliberate change of the look (or after merging a layout change):
//!
//! ```sh
//! UPDATE_SNAPSHOTS=1 cargo test --release --test snapshots
//! git status tests/snapshots   # look at every changed PNG before committing it
//! ```
//!
//! A failing comparison leaves `NAME.new.png` (what was drawn) and `NAME.diff.png` beside the
//! checked-in `NAME.png` (both ignored by git).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::content::{self, Source};
use callside::live::Content;
use callside::ui::settings::{Settings, ThemeChoice};
use callside::ui::{App, StartOptions};
use egui::{Key, Modifiers};
use egui_kittest::{Harness, SnapshotOptions, SnapshotResults};
use std::sync::Arc;

/// The sizes: a narrow side window and a laptop screen.
const SIZES: [(f32, f32); 2] = [(360.0, 600.0), (1280.0, 800.0)];
/// Both themes.
const THEMES: [(ThemeChoice, &str); 2] = [(ThemeChoice::Light, "light"), (ThemeChoice::Dark, "dark")];

/// A pixel may differ a little (YIQ distance 0.6, egui's own default: anti-aliasing noise between
/// Mesa builds); a handful of pixels may differ more. A moved line, a changed colour or a
/// different selected row changes hundreds.
fn options() -> SnapshotOptions {
    SnapshotOptions::new().threshold(0.6).max_failed_pixels(8)
}

/// The skill of the day would change the empty start every day: pin the date.
fn pin_the_date() {
    callside::ui::huddle::pin_today(chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
}

fn harness(start: &StartOptions, theme: ThemeChoice, size: (f32, f32)) -> Harness<'static, App> {
    harness_of(App::default(), start, theme, size)
}

fn harness_of(mut app: App, start: &StartOptions, theme: ThemeChoice, size: (f32, f32)) -> Harness<'static, App> {
    pin_the_date();
    app.settings.theme = theme;
    app.apply_start(start);
    let mut h = Harness::builder()
        .with_size(egui::vec2(size.0, size.1))
        .with_options(options())
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h
}

/// Snapshots `state` in every size and theme; `act` then brings the window into the state.
fn snapshot_all(state: &str, start: StartOptions, act: impl Fn(&mut Harness<'static, App>)) {
    snapshot_all_of(state, App::default, start, act);
}

/// [`snapshot_all`] on the app `make` builds.
fn snapshot_all_of(state: &str, make: impl Fn() -> App, start: StartOptions, act: impl Fn(&mut Harness<'static, App>)) {
    let mut results = SnapshotResults::new();
    for size in SIZES {
        for (theme, theme_name) in THEMES {
            let mut h = harness_of(make(), &start, theme, size);
            act(&mut h);
            let name = format!("{state}-{}x{}-{theme_name}", size.0, size.1);
            results.add(h.try_snapshot(&name));
        }
    }
    // Every picture is drawn (and, with UPDATE_SNAPSHOTS, written) before any failure is reported.
    results.unwrap();
}

#[test]
fn empty_start() {
    snapshot_all("empty", StartOptions::default(), |_| {});
}

#[test]
fn search_sorry_with_a_phrase_selected() {
    let start = StartOptions {
        query: Some("sorry".into()),
        ..StartOptions::default()
    };
    snapshot_all("search-sorry", start, |h| {
        assert!(h.state().search.has_selection(), "a phrase is preselected");
    });
}

#[test]
fn a_skill() {
    let start = StartOptions {
        skill: Some("empathy".into()),
        ..StartOptions::default()
    };
    snapshot_all("skill-empathy", start, |_| {});
}

#[test]
fn tough_call_with_tags_picked() {
    let start = StartOptions {
        tough_call: Some("angry,delayed-shipment,chat".into()),
        ..StartOptions::default()
    };
    snapshot_all("tough-call", start, |h| {
        assert_eq!(h.state().tough.tags().len(), 3);
    });
}

#[test]
fn the_legend() {
    snapshot_all("legend", StartOptions::default(), |h| {
        h.key_press(egui::Key::F1);
        h.run();
        assert!(h.state().legend_open());
    });
}

#[test]
fn a_copy_toast() {
    let start = StartOptions {
        query: Some("sorry".into()),
        ..StartOptions::default()
    };
    snapshot_all("toast-copy", start, |h| {
        h.key_press(Key::Enter);
        h.run();
        assert!(h.state().toast().is_some_and(|t| t.starts_with("Copied: ")));
    });
}

/// The built-in library plus a team pack with one mistake: the problems banner shows.
fn app_with_a_problem() -> App {
    let mut sources = content::builtin::sources();
    sources.push(Source {
        path: "team.ron".into(),
        text: r#"(phrases: [(skill: "empaty", text: "Hello there.")])"#.into(),
    });
    let loaded = content::load(&sources);
    assert!(!loaded.problems.is_empty());
    App::new(Arc::new(Content::new(loaded)), Settings::default(), None)
}

#[test]
fn a_save_toast_above_the_problems_banner() {
    let start = StartOptions {
        query: Some("sorry".into()),
        ..StartOptions::default()
    };
    snapshot_all_of("toast-save", app_with_a_problem, start, |h| {
        h.key_press_modifiers(Modifiers::COMMAND, Key::D);
        h.run();
        assert!(h.state().toast().is_some_and(|t| t.starts_with("Starred: ")));
    });
}

/// The comparison is not blind: the same search with the next row selected (a small, real change
/// of the picture) must not pass as the checked-in one.
#[test]
fn a_real_change_fails_the_comparison() {
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        return; // the reference is being rewritten; nothing to compare with
    }
    let name = "search-sorry-360x600-light";
    let reference = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.png"));
    // Compared in a scratch folder, so the checked-in picture and its neighbours stay untouched.
    let scratch = tempfile::tempdir().unwrap();
    std::fs::copy(&reference, scratch.path().join(format!("{name}.png"))).unwrap();
    let start = StartOptions {
        query: Some("sorry".into()),
        ..StartOptions::default()
    };
    let mut h = harness(&start, ThemeChoice::Light, (360.0, 600.0));
    let opts = options().output_path(scratch.path());
    assert!(
        h.try_snapshot_options(name, &opts).is_ok(),
        "the unchanged window matches its picture"
    );
    h.key_press(Key::ArrowDown);
    h.run();
    match h.try_snapshot_options(name, &opts) {
        Err(egui_kittest::SnapshotError::Diff { diff, .. }) => assert!(diff > 8, "{diff} pixels"),
        other => panic!("another row selected, yet the picture passed: {other:?}"),
    }
}
