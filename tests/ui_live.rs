//! Packs that live while the window runs: loaded after the window opens, edited on the team
//! drive and seen without a restart, broken and kept at their last good version.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::live::LiveConfig;
use callside::ui::App;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;
use std::time::Duration;

/// A row of the problems list containing `text` (the problem's toast says it to screen readers
/// too, in a status node).
fn problem_row(text: &str) -> egui_kittest::kittest::By<'_> {
    egui_kittest::kittest::by()
        .label_contains(text)
        .predicate(|n| n.role() != egui::accesskit::Role::Status)
}

fn pack(text: &str) -> String {
    format!(r#"(phrases: [(id: "team-hello", skill: "empathy", text: "{text}")])"#)
}

/// A window over the built-in library with `dir` loaded and watched as the team folder.
fn window_watching(dir: &Path, timeout: Duration) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(420.0, 720.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), App::default());
    let ctx = h.ctx.clone();
    let config = LiveConfig {
        timeout,
        ..LiveConfig::new(vec![dir.to_path_buf()])
    };
    h.state_mut().start_live(config, &ctx);
    // The window is up on the built-in library before any pack is read.
    h.run_ok();
    h.get_by_label("Search");
    h
}

/// Runs frames until `seen` holds, as a person waits a moment for the drive to sync.
fn wait_until(h: &mut Harness<'_, App>, what: &str, seen: impl Fn(&Harness<'_, App>) -> bool) {
    for _ in 0..300 {
        h.run_ok();
        if seen(h) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("never saw: {what}");
}

fn search(h: &mut Harness<'_, App>, text: &str) {
    h.get_by_label("Search").focus();
    h.run_ok();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Search").type_text(text);
    h.run_ok();
}

#[test]
fn a_pack_edited_in_the_watched_folder_shows_without_a_restart_and_a_broken_one_keeps_the_last_good() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.ron");
    std::fs::write(&file, pack("Hello from the team drive.")).unwrap();
    let mut h = window_watching(dir.path(), Duration::from_secs(20));
    search(&mut h, "team drive");
    wait_until(&mut h, "the team's card", |h| {
        h.query_by_label_contains("Hello from the team drive.").is_some()
    });
    // Every card says where it comes from: this one from the "team" pack.
    h.get_by_label_contains("Empathy · team");

    std::fs::write(&file, pack("Fresh words from the team drive.")).unwrap();
    wait_until(&mut h, "the edited card", |h| {
        h.query_by_label_contains("Fresh words from the team drive.").is_some()
    });
    assert!(h.query_by_label_contains("Hello from the team drive.").is_none());

    // Break it: an unknown skill. The last good version stays, and the problem is listed.
    std::fs::write(
        &file,
        r#"(phrases: [(id: "team-hello", skill: "empaty", text: "Broken words from the team drive.")])"#,
    )
    .unwrap();
    wait_until(&mut h, "the problem banner", |h| {
        h.query_by_label_contains("problem(s) in content packs").is_some()
    });
    h.get_by_label_contains("Fresh words from the team drive.");
    assert!(h.query_by_label_contains("Broken words").is_none());
    h.get_by_label("Show").click();
    h.run_ok();
    let shown = h
        .get(problem_row("unknown skill \"empaty\""))
        .value()
        .unwrap_or_default();
    assert!(shown.starts_with(&format!("{}:1:", file.display())), "{shown}");
    assert!(shown.contains("last good version"), "{shown}");

    // Fixed again: the problem goes away by itself.
    std::fs::write(&file, pack("Mended words from the team drive.")).unwrap();
    wait_until(&mut h, "the mended card", |h| {
        h.query_by_label_contains("Mended words from the team drive.").is_some()
    });
    assert!(h.query_by_label_contains("problem(s) in content packs").is_none());
}

#[test]
fn a_pack_that_takes_too_long_is_skipped_and_reported_and_the_window_stays_usable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("slow.ron"), pack("Never waited for.")).unwrap();
    // No time at all to load: the pack counts as too slow.
    let mut h = window_watching(dir.path(), Duration::ZERO);
    wait_until(&mut h, "the too-slow problem", |h| {
        h.query_by_label_contains("problem(s) in content packs").is_some()
    });
    h.get_by_label("Show").click();
    h.run_ok();
    h.get(problem_row("slow.ron:1:1: took longer than"));
    search(&mut h, "sorry");
    assert!(h.query_all_by_label_contains("orry").count() >= 2);
    assert!(h.query_by_label_contains("Never waited for.").is_none());
}

#[test]
fn a_team_folder_set_in_the_window_loads_and_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("billing.ron"), pack("Set from the Packs panel.")).unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(420.0, 720.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), App::default());
    h.run_ok();
    // Packs sits in the Settings menu (the top bar is one row).
    h.get_by_label("Settings").click();
    h.run_ok();
    h.get_by_label("Packs").click();
    h.run_ok();
    h.get_by_label("Team folder").focus();
    h.run_ok();
    h.get_by_label("Team folder")
        .type_text(&dir.path().display().to_string());
    h.run_ok();
    h.get_by_label("Use this team folder").click();
    h.run_ok();
    search(&mut h, "packs panel");
    wait_until(&mut h, "the team folder's card", |h| {
        h.query_by_label_contains("Set from the Packs panel.").is_some()
    });
    h.get_by_label_contains("Empathy · billing");
    assert_eq!(
        h.state().settings_to_save().team_folder,
        dir.path().display().to_string()
    );
}
