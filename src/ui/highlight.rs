//! Drawing text with matched characters highlighted (the ranges come from the search core).

use egui::Color32;
use egui::text::{LayoutJob, TextFormat};
use std::ops::Range;

/// Appends `text` to `job` in `style` and `color`, with `ranges` (byte ranges) highlighted.
pub fn append(
    job: &mut LayoutJob,
    ui: &egui::Ui,
    text: &str,
    ranges: &[Range<usize>],
    style: egui::TextStyle,
    color: Color32,
) {
    append_font(job, ui, text, ranges, style.resolve(ui.style()), color);
}

/// [`append`] in a given font (the line to say is a step larger than body text).
fn append_font(
    job: &mut LayoutJob,
    ui: &egui::Ui,
    text: &str,
    ranges: &[Range<usize>],
    font: egui::FontId,
    color: Color32,
) {
    let hl = super::theme::highlight(ui);
    let normal = TextFormat {
        font_id: font.clone(),
        color,
        ..Default::default()
    };
    let strong = TextFormat {
        font_id: font,
        color: hl,
        underline: egui::Stroke::new(1.0, hl),
        ..Default::default()
    };
    let mut at = 0;
    for r in ranges {
        let (s, e) = (r.start.min(text.len()), r.end.min(text.len()));
        if s < at || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        plain(job, ui, &text[at..s], &normal);
        job.append(&text[s..e], 0.0, strong.clone());
        at = e;
    }
    plain(job, ui, &text[at..], &normal);
}

/// Appends `text` in `format`, drawing each `{placeholder}` as a chip: its name on a tinted
/// ground, the braces painted in the ground's colour (so they pad the chip, and screen readers
/// and copies still read `{name}`). A rep sees a blank to fill rather than code.
fn plain(job: &mut LayoutJob, ui: &egui::Ui, text: &str, format: &TextFormat) {
    let ground = super::theme::colours(ui).hairline;
    let chip = TextFormat {
        background: ground,
        color: ui.visuals().text_color(),
        ..format.clone()
    };
    let brace = TextFormat {
        color: ground,
        ..chip.clone()
    };
    let mut at = 0;
    for (s, e) in crate::content::placeholder::spans(text) {
        job.append(&text[at..s], 0.0, format.clone());
        job.append("{", 0.0, brace.clone());
        job.append(&text[s + 1..e - 1], 0.0, chip.clone());
        job.append("}", 0.0, brace.clone());
        at = e;
    }
    job.append(&text[at..], 0.0, format.clone());
}

/// A wrapping layout job for a phrase's text in `color`, placeholders drawn as chips.
pub fn phrase(ui: &egui::Ui, text: &str, color: Color32) -> LayoutJob {
    let mut job = LayoutJob::default();
    append(&mut job, ui, text, &[], egui::TextStyle::Body, color);
    job.wrap.max_width = ui.available_width();
    job
}

/// Size of the line to say on a card: a step above body text, so it leads.
pub const SAY_SIZE: f32 = super::theme::BODY + 2.0;

/// The line to say on a card: larger and in the strongest text colour, placeholders as chips;
/// with a quiet "Say: " in front when it answers a "don't say".
pub fn say(ui: &egui::Ui, prefixed: bool, text: &str) -> LayoutJob {
    let mut job = LayoutJob::default();
    if prefixed {
        let weak = ui.visuals().weak_text_color();
        append(&mut job, ui, "Say: ", &[], egui::TextStyle::Small, weak);
    }
    let strong = ui.visuals().strong_text_color();
    append_font(&mut job, ui, text, &[], egui::FontId::proportional(SAY_SIZE), strong);
    job.wrap.max_width = ui.available_width();
    job
}

/// A wrapping layout job for `text` with `ranges` highlighted, in the normal text colour.
pub fn job(ui: &egui::Ui, text: &str, ranges: &[Range<usize>], style: egui::TextStyle) -> LayoutJob {
    let mut job = LayoutJob::default();
    append(&mut job, ui, text, ranges, style, ui.visuals().text_color());
    job.wrap.max_width = ui.available_width();
    job
}
