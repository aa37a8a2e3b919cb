//! Helpers shared by the window tests (egui_kittest): what the app put on the clipboard, and
//! typing into a labelled text box as a person does. Included by path; each test file uses
//! some of them.
#![allow(dead_code)]

use callside::ui::App;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The text the app copied during the last frame, if any.
pub fn copied(h: &Harness<'_, App>) -> Option<String> {
    h.output().platform_output.commands.iter().find_map(|c| match c {
        egui::OutputCommand::CopyText(t) => Some(t.clone()),
        _ => None,
    })
}

/// Focuses the text box labelled `label` and types `text` into it.
pub fn type_in(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}
