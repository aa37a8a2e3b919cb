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

/// [`append`] in a given font (the line to say is a step larger than body text). Each
/// `{placeholder}` is drawn as a chip: its name on a tinted ground, the braces painted in the
/// ground's colour (so they pad the chip, and screen readers and copies still read `{name}`); a
/// match inside a placeholder is highlighted on the chip. A rep sees a blank to fill, not code.
fn append_font(
    job: &mut LayoutJob,
    ui: &egui::Ui,
    text: &str,
    ranges: &[Range<usize>],
    font: egui::FontId,
    color: Color32,
) {
    let hl = super::theme::highlight(ui);
    let ground = super::theme::colours(ui).hairline;
    let chip_text = ui.visuals().text_color();
    let spans = crate::content::placeholder::spans(text);
    // What each character is: 0 plain, 1 a placeholder's brace, 2 a placeholder's name; and
    // whether it matched.
    let kind = |i: usize| -> (u8, bool) {
        let k = spans
            .iter()
            .find(|(s, e)| i >= *s && i < *e)
            .map_or(0, |(s, e)| if i == *s || i + 1 == *e { 1 } else { 2 });
        (k, ranges.iter().any(|r| i >= r.start && i < r.end))
    };
    let format = |(k, lit): (u8, bool)| {
        let mut f = TextFormat {
            font_id: font.clone(),
            color,
            ..Default::default()
        };
        if k > 0 {
            f.background = ground;
            f.color = if k == 1 { ground } else { chip_text };
        }
        if lit && k != 1 {
            f.color = hl;
            f.underline = egui::Stroke::new(1.0, hl);
        }
        f
    };
    let mut run_start = 0;
    let mut run_kind = None;
    for (i, _) in text.char_indices() {
        let k = kind(i);
        if run_kind != Some(k) {
            if let Some(prev) = run_kind {
                job.append(&text[run_start..i], 0.0, format(prev));
            }
            run_start = i;
            run_kind = Some(k);
        }
    }
    if let Some(prev) = run_kind {
        job.append(&text[run_start..], 0.0, format(prev));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The formats `text` is laid out with, as (piece of text, colour, background).
    fn pieces(text: &str, ranges: &[Range<usize>]) -> Vec<(String, Color32, Color32)> {
        let ctx = egui::Context::default();
        let mut got = Vec::new();
        let _ = ctx.run_ui(egui::RawInput::default(), |ui| {
            let job = job(ui, text, ranges, egui::TextStyle::Body);
            got = job
                .sections
                .iter()
                .map(|s| {
                    (
                        job.text[s.byte_range.start.0..s.byte_range.end.0].to_string(),
                        s.format.color,
                        s.format.background,
                    )
                })
                .collect();
        });
        got
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // byte ranges, as the search gives them
    fn a_placeholder_is_a_chip_even_where_the_search_matched_it() {
        let ctx = egui::Context::default();
        let ground = super::super::theme::palette(ctx.global_style().visuals.dark_mode).hairline;
        for ranges in [vec![], vec![8..12], vec![0..3, 9..11]] {
            let got = pieces("Thanks, {name}. Bye", &ranges);
            let text: String = got.iter().map(|p| p.0.as_str()).collect();
            assert_eq!(text, "Thanks, {name}. Bye", "nothing lost or doubled");
            for (piece, color, background) in &got {
                if piece.contains('{') || piece.contains('}') {
                    assert_eq!(
                        (*color, *background),
                        (ground, ground),
                        "{ranges:?}: brace shows in {piece:?}"
                    );
                }
                if piece.contains("am") {
                    assert_eq!(*background, ground, "{ranges:?}: {piece:?} is off the chip");
                }
            }
        }
        // A match outside a placeholder is highlighted on the plain ground.
        let got = pieces("Thanks, {name}. Bye", &[0..6]);
        assert_eq!(got[0].0, "Thanks");
        assert_eq!(got[0].2, Color32::TRANSPARENT);
    }
}
