//! The rep's own things, done as a rep does them: star a card and find it after a restart,
//! write a card and search for it at once, build a reply from three cards and copy it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::live::Content;
use callside::store::Db;
use callside::ui::App;
use callside::ui::settings::Settings;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

#[path = "common/ui_helpers.rs"]
mod ui_helpers;
use ui_helpers::copied;

fn window(data: Option<&Path>) -> Harness<'static, App> {
    let store = data.map(|d| Db::open_in(d).expect("database opens"));
    let app = App::new(Arc::new(Content::builtin()), Settings::default(), store);
    let mut h = Harness::builder()
        .with_size(egui::vec2(420.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run_ok();
    h
}

fn search(h: &mut Harness<'_, App>, text: &str) {
    h.get_by_label("Search").focus();
    h.run_ok();
    if text.is_empty() {
        // Esc clears the search, as a rep would.
        h.key_press(Key::Escape);
        h.run_ok();
        return;
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Search").type_text(text);
    h.run_ok();
}

fn press(h: &mut Harness<'_, App>, mods: Modifiers, key: Key) -> Option<String> {
    let ev = |pressed| egui::Event::Key {
        key,
        pressed,
        modifiers: mods,
        repeat: false,
        physical_key: None,
    };
    h.event(ev(true));
    h.step();
    let c = copied(h);
    h.event(ev(false));
    h.run_ok();
    c
}

fn wait_until(h: &mut Harness<'_, App>, what: &str, seen: impl Fn(&Harness<'_, App>) -> bool) {
    for _ in 0..300 {
        h.run_ok();
        if seen(h) {
            return;
        }
        std::thread::sleep(Duration::from_millis(30));
    }
    panic!("never saw: {what}");
}

#[test]
fn a_starred_card_leads_the_empty_search_under_favorites_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(Some(dir.path()));
    search(&mut h, "refund");
    // Select the first card found and star it with the keyboard.
    let skills_first = h.state().search.selected_card().is_none();
    if skills_first {
        for _ in 0..10 {
            if h.state().search.selected_card().is_some() {
                break;
            }
            h.key_press(Key::ArrowDown);
            h.run_ok();
        }
    }
    let starred = h.state().search.selected_card().expect("a card selected").to_string();
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_ok();
    drop(h);

    // A restart: a new window over the same data folder.
    let mut h = window(Some(dir.path()));
    search(&mut h, "");
    h.get_by_label("Favorites");
    let lib = Content::builtin().library;
    let text = &lib.phrases[lib.phrase_index(&starred).unwrap()].text;
    h.get_by_label_contains(text.as_str());
    h.get_by_label("Unstar");
    // The first phrase shown is the favorite: Alt+1 copies it.
    if callside::content::placeholder::placeholders(text).is_empty() {
        assert_eq!(press(&mut h, Modifiers::ALT, Key::Num1).as_deref(), Some(text.as_str()));
    }
}

#[test]
fn favorites_keep_the_order_the_rep_gives_them() {
    let mut h = window(None);
    let lib = Content::builtin().library;
    // Star two skills from their pages' search rows, in this order.
    for q in ["empathy", "patience"] {
        search(&mut h, q);
        h.key_press_modifiers(Modifiers::COMMAND, Key::D);
        h.run_ok();
    }
    assert_eq!(h.state().user().favorites, ["empathy", "patience"]);
    search(&mut h, "");
    // Select the second favorite (Patience) and move it up.
    h.key_press(Key::ArrowDown);
    h.key_press(Key::ArrowDown);
    h.run_ok();
    assert_eq!(h.state().search.selected_id(), Some("patience"));
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run_ok();
    assert_eq!(h.state().user().favorites, ["patience", "empathy"]);
    // Each is listed twice (under Favorites, then in its group): compare the first of each.
    let first = |name: &str| h.query_all_by_label(name).next().expect("shown").rect();
    let patience = first(&lib.skill("patience").unwrap().name);
    let empathy = first(&lib.skill("empathy").unwrap().name);
    assert!(patience.top() < empathy.top(), "Patience is shown first now");
}

#[test]
fn a_card_the_rep_writes_is_found_by_search_at_once_and_marked_mine() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(Some(dir.path()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_ok();
    h.get_by_label("Your new card");
    // Saving an empty card says what is missing.
    h.get_by_label("Save card").click();
    h.run_ok();
    h.get_by_label_contains("text: write what to say");
    // A stray brace is caught as in packs.
    h.get_by_label("What to say").focus();
    h.run_ok();
    h.get_by_label("What to say")
        .type_text("Thanks for your patience, {name. I'm on it");
    h.run_ok();
    h.get_by_label("Skill").click();
    h.run_ok();
    h.get_by_label("Patience").click();
    h.run_ok();
    h.get_by_label("Save card").click();
    h.run_ok();
    h.get_by_label_contains("stray brace");
    h.get_by_label("What to say").focus();
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("What to say")
        .type_text("Thanks for bearing with me, {name}. The walrus team is on it.");
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run_ok();
    assert!(
        h.query_by_label("Your new card").is_none(),
        "the form closed after saving"
    );
    search(&mut h, "walrus");
    wait_until(&mut h, "my card in the results", |h| {
        h.query_by_label_contains("The walrus team is on it.").is_some()
    });
    h.get_by_label_contains("Patience · mine");
    // It keeps its blanks: copying asks for the name.
    assert_eq!(press(&mut h, Modifiers::NONE, Key::Enter), None);
    h.get_by_label_contains("Fill in the blanks");
}

#[test]
fn a_deleted_card_comes_back_with_undo() {
    let mut h = window(None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_ok();
    h.get_by_label("What to say")
        .type_text("Penguins never give up on a ticket.");
    h.get_by_label("Skill").click();
    h.run_ok();
    h.get_by_label("Patience").click();
    h.run_ok();
    h.get_by_label("Save card").click();
    h.run_ok();
    let id = h.state().user().own[0].id.clone();
    h.state_mut().push(callside::ui::action::Action::EditCard(id.clone()));
    h.run_ok();
    h.get_by_label("Edit my card");
    h.get_by_label("Delete card").click();
    h.run_ok();
    assert!(h.state().user().own.is_empty());
    h.get_by_label_contains("was deleted");
    h.get_by_label("Undo").click();
    h.run_ok();
    assert_eq!(h.state().user().own.len(), 1);
    search(&mut h, "penguins");
    wait_until(&mut h, "the card back in search", |h| {
        h.query_by_label_contains("Penguins never give up").is_some()
    });
}

#[test]
fn a_reply_from_three_cards_asks_each_blank_once_and_copies_in_order() {
    let mut h = window(None);
    let picks = ["late order", "refund", "thank"];
    let mut texts = Vec::new();
    for q in picks {
        search(&mut h, q);
        for _ in 0..10 {
            if h.state().search.selected_card().is_some() {
                break;
            }
            h.key_press(Key::ArrowDown);
            h.run_ok();
        }
        let id = h.state().search.selected_card().unwrap().to_string();
        let lib = Content::builtin().library;
        texts.push(lib.phrases[lib.phrase_index(&id).unwrap()].text.clone());
        h.key_press_modifiers(Modifiers::COMMAND, Key::R);
        h.run_ok();
    }
    h.get_by_label("Reply (3 cards)");
    // Move the last card up one place: the order becomes 1, 3, 2.
    assert!(h.query_all_by_label_contains(&texts[2]).count() >= 1);
    let ups: Vec<_> = h.query_all_by_label("Up").collect();
    assert_eq!(ups.len(), 2, "every card but the first can move up");
    ups[1].click();
    h.run_ok();
    texts.swap(1, 2);
    // Fill each blank of the whole reply once.
    let joined = texts.join(" ");
    let names = callside::content::placeholder::placeholders(&joined);
    let values: Vec<(String, String)> = names.iter().map(|n| (n.clone(), format!("<{n}>"))).collect();
    for (n, v) in &values {
        let label = format!("Reply {{{n}}}");
        assert_eq!(h.query_all_by_label(&label).count(), 1, "{{{n}}} asked once");
        h.get_by_label(&label).focus();
        h.run_ok();
        h.get_by_label(&label).type_text(v);
        h.run_ok();
    }
    let want = callside::content::placeholder::fill(&joined, &values).unwrap();
    h.get_by_label("Search").focus();
    h.run_ok();
    let got = press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    assert_eq!(got.as_deref(), Some(want.as_str()));
    assert!(!want.contains('{'));
    assert!(
        h.query_by_label_contains("Reply (").is_none(),
        "the tray empties once copied"
    );
}

#[test]
fn a_favorite_added_from_the_command_line_shows_when_the_rep_comes_back_to_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(Some(dir.path()));
    assert!(h.query_by_label("Favorites").is_none());
    // The rep switches to another program…
    h.input_mut().focused = false;
    h.event(egui::Event::WindowFocused(false));
    h.run_ok();
    // What `callside favorites --add empathy` does, while the window is open.
    let mut other = Db::open_in(dir.path()).unwrap().db;
    other.add_favorite("empathy").unwrap();
    // …and comes back.
    h.input_mut().focused = true;
    h.event(egui::Event::WindowFocused(true));
    h.run_ok();
    h.get_by_label("Favorites");
    assert_eq!(h.state().user().favorites, ["empathy"]);
}

#[test]
fn save_as_my_card_starts_from_the_cards_wording_and_skill() {
    let mut h = window(None);
    search(&mut h, "empathy");
    h.key_press(Key::Enter);
    h.run_ok();
    let lib = Content::builtin().library;
    let skill = lib.skill("empathy").unwrap();
    let first = &lib.phrases[skill.phrases[0]];
    h.query_all_by_label("Save as my card")
        .next()
        .expect("a button on each card")
        .click();
    h.run_ok();
    h.get_by_label("Your new card");
    assert_eq!(
        h.get_by_label("What to say").value().as_deref(),
        Some(first.text.as_str())
    );
    h.get_by_label("What to say").focus();
    h.run_ok();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("What to say").type_text("My own way to say it, kindly.");
    h.run_ok();
    h.get_by_label("Save card").click();
    h.run_ok();
    let own = &h.state().user().own;
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].skill, "empathy");
    assert_eq!(own[0].text, "My own way to say it, kindly.");
    assert!(own[0].id.starts_with("mine-"));
}
