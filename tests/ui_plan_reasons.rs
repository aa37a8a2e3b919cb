//! The window shows why each plan card was chosen, as a person would read it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::coach;
use callside::content::{self, Library};
use callside::ui::App;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn lib() -> Library {
    content::load(&content::builtin::sources()).library
}

#[test]
fn each_plan_card_says_which_picked_tag_it_fits() {
    let lib = lib();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 2400.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), App::default());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    h.run();
    for typed in ["billing", "chat"] {
        h.get_by_label("Situation").focus();
        h.run();
        h.get_by_label("Situation").type_text(typed);
        h.run();
        h.key_press(Key::Enter);
        h.run();
        // Esc empties the filter for the next tag.
        h.key_press(Key::Escape);
        h.run();
    }
    let plan = h.state().tough.plan().clone();
    let tags: Vec<&str> = plan.tags.iter().map(|&t| lib.tags[t].id.as_str()).collect();
    assert_eq!(tags, ["billing-error", "chat"]);
    let mut shown = 0;
    for st in &plan.steps {
        for &p in &st.phrases {
            let why = coach::card_reason(&lib, &plan.tags, p).text(&lib);
            assert!(why.contains("Billing error") || why.contains("Chat"), "{why}");
            assert!(h.query_all_by_label(&why).next().is_some(), "not shown: {why}");
            shown += 1;
        }
    }
    assert!(shown >= 4, "{shown} cards in the plan");
}
