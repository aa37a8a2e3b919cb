//! A big library stays light: the browse list lays out only the rows on screen, and the
//! keyboard still reaches the last row.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

#[path = "common/big_library.rs"]
mod big_library;

use callside::content::{self, Source};
use callside::live::Content;
use callside::ui::App;
use callside::ui::settings::Settings;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::sync::Arc;

const GROUPS: usize = 50;
const SKILLS: usize = 5_000;

fn big() -> Arc<Content> {
    let ron = big_library::big_library_ron(GROUPS, SKILLS, false);
    let l = content::load(&[Source {
        path: "big.ron".into(),
        text: ron,
    }]);
    assert!(l.problems.is_empty(), "{:?}", l.problems.first());
    Arc::new(Content::new(l))
}

#[test]
fn a_library_of_thousands_lays_out_only_what_shows_and_the_keys_reach_the_end() {
    let app = App::new(big(), Settings::default(), None);
    let mut h = Harness::builder()
        .with_size(egui::vec2(420.0, 600.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h.get_by_label("Group 0");
    h.get_by_label("Skill number 0");
    let laid_out = h.query_all_by_label_contains("Skill number").count();
    assert!(laid_out < 60, "{laid_out} rows laid out for a 600 px window");
    assert!(h.query_by_label(&format!("Skill number {}", SKILLS - 1)).is_none());
    // Up from nothing selected goes to the last row; the list scrolls there.
    h.get_by_label("Search").focus();
    h.run();
    h.key_press(Key::ArrowUp);
    for _ in 0..5 {
        h.run();
    }
    h.get_by_label(&format!("Skill number {}", SKILLS - 1));
    assert!(h.query_by_label("Skill number 0").is_none());
    assert_eq!(
        h.state().search.selected_id(),
        Some(format!("s{}", SKILLS - 1).as_str())
    );
}
