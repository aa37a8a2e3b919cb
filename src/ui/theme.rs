//! Look and feel: one palette per theme (light, dark), a type scale, spacing, rounded cards, one
//! accent colour and a colour per skill group. Every text and control colour meets WCAG AA on the
//! backgrounds it is drawn on (the tests below compute the ratios from these very colours).
//! Size is egui's zoom ([`apply`]), so spacing, checkboxes and chips grow with the text.

use super::settings::{Settings, ThemeChoice};
use egui::{Color32, CornerRadius, FontFamily, FontId, Stroke, TextStyle, Visuals, style::WidgetVisuals};

/// Body text size in points at 100 % (the type scale is built around it).
pub const BODY: f32 = 15.0;
/// How many characters a line of running text may hold before it wraps (readable measure).
pub const MEASURE_CHARS: f32 = 70.0;

/// The named colours of one theme. Widgets get them through [`visuals`]; panels through the
/// small functions below.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    /// Window background.
    pub panel: Color32,
    /// Cards, buttons and chips.
    pub surface: Color32,
    /// Text boxes.
    pub field: Color32,
    /// Body text.
    pub text: Color32,
    /// Headings and strong labels (a step stronger than body text).
    pub strong: Color32,
    /// Secondary text: quiet but legible.
    pub weak: Color32,
    /// The one accent: links, focus rings, the selected tab.
    pub accent: Color32,
    /// Behind a selected row.
    pub selection: Color32,
    /// Borders of controls (checkboxes, text boxes, buttons): 3:1 against the background.
    pub control: Color32,
    /// Hairlines around cards (decorative); also the ground of placeholder chips.
    pub hairline: Color32,
    /// Matched characters in search results.
    pub highlight: Color32,
    /// "Don't say" and problems.
    pub dont: Color32,
    /// "Say instead" and confirmations.
    pub good: Color32,
    /// The analogy box.
    pub analogy: Color32,
    /// One colour per skill group, used as a small mark (chip border, dot), never for text.
    pub groups: [Color32; 6],
}

/// The light palette.
pub const LIGHT: Palette = Palette {
    panel: Color32::from_rgb(0xF6, 0xF7, 0xF9),
    surface: Color32::from_rgb(0xFF, 0xFF, 0xFF),
    field: Color32::from_rgb(0xFF, 0xFF, 0xFF),
    text: Color32::from_rgb(0x1E, 0x23, 0x2B),
    strong: Color32::from_rgb(0x0A, 0x0D, 0x12),
    weak: Color32::from_rgb(0x55, 0x5D, 0x6A),
    accent: Color32::from_rgb(0x1C, 0x5F, 0xC4),
    selection: Color32::from_rgb(0xDC, 0xE8, 0xFA),
    control: Color32::from_rgb(0x7C, 0x85, 0x92),
    hairline: Color32::from_rgb(0xD9, 0xDE, 0xE5),
    highlight: Color32::from_rgb(0x9A, 0x3F, 0x00),
    dont: Color32::from_rgb(0xA8, 0x24, 0x1A),
    good: Color32::from_rgb(0x17, 0x6A, 0x2E),
    analogy: Color32::from_rgb(0xEC, 0xF2, 0xFB),
    groups: [
        Color32::from_rgb(0x1C, 0x7C, 0x8C),
        Color32::from_rgb(0xB0, 0x5A, 0x00),
        Color32::from_rgb(0x7A, 0x4F, 0xC8),
        Color32::from_rgb(0x2F, 0x84, 0x3E),
        Color32::from_rgb(0xC2, 0x3B, 0x6B),
        Color32::from_rgb(0x5B, 0x6B, 0x80),
    ],
};

/// The dark palette.
pub const DARK: Palette = Palette {
    panel: Color32::from_rgb(0x15, 0x17, 0x1B),
    surface: Color32::from_rgb(0x1F, 0x23, 0x29),
    field: Color32::from_rgb(0x0E, 0x10, 0x13),
    text: Color32::from_rgb(0xE3, 0xE6, 0xEA),
    strong: Color32::from_rgb(0xFF, 0xFF, 0xFF),
    weak: Color32::from_rgb(0xA6, 0xAE, 0xBA),
    accent: Color32::from_rgb(0x6C, 0xA8, 0xFF),
    selection: Color32::from_rgb(0x1F, 0x3A, 0x63),
    control: Color32::from_rgb(0x7F, 0x88, 0x95),
    hairline: Color32::from_rgb(0x34, 0x39, 0x42),
    highlight: Color32::from_rgb(0xFF, 0xC8, 0x5C),
    dont: Color32::from_rgb(0xFF, 0x9C, 0x90),
    good: Color32::from_rgb(0x86, 0xD8, 0x9E),
    analogy: Color32::from_rgb(0x1E, 0x2A, 0x3B),
    groups: [
        Color32::from_rgb(0x4F, 0xC3, 0xD4),
        Color32::from_rgb(0xF0, 0xA4, 0x4B),
        Color32::from_rgb(0xB3, 0x94, 0xF5),
        Color32::from_rgb(0x72, 0xC9, 0x7F),
        Color32::from_rgb(0xF2, 0x84, 0xAE),
        Color32::from_rgb(0x9A, 0xA8, 0xBA),
    ],
};

/// The palette for light or dark.
pub fn palette(dark: bool) -> &'static Palette {
    if dark { &DARK } else { &LIGHT }
}

/// The palette of the theme showing in `ui`.
pub fn colours(ui: &egui::Ui) -> &'static Palette {
    palette(ui.visuals().dark_mode)
}

/// Applies the theme choice, the type scale, spacing and the text size (as egui's zoom).
pub fn apply(ctx: &egui::Context, settings: &Settings) {
    ctx.set_theme(match settings.theme {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
    });
    ctx.set_visuals_of(egui::Theme::Light, visuals(false));
    ctx.set_visuals_of(egui::Theme::Dark, visuals(true));
    ctx.all_styles_mut(|style| {
        style.text_styles = type_scale();
        let s = &mut style.spacing;
        s.item_spacing = egui::vec2(8.0, 6.0);
        s.button_padding = egui::vec2(7.0, 1.0);
        s.icon_width = 16.0;
        s.icon_width_inner = 9.0;
        s.menu_margin = egui::Margin::same(8);
        s.window_margin = egui::Margin::same(12);
    });
    // Zoom, not font sizes: spacing, checkboxes and chips grow with the text.
    ctx.set_zoom_factor(settings.font_scale);
}

/// Sizes of the text styles at 100 %: body 15, secondary 13, headings that lead.
pub fn type_scale() -> std::collections::BTreeMap<TextStyle, FontId> {
    [
        (TextStyle::Small, FontId::new(13.0, FontFamily::Proportional)),
        (TextStyle::Body, FontId::new(BODY, FontFamily::Proportional)),
        (TextStyle::Button, FontId::new(14.5, FontFamily::Proportional)),
        (TextStyle::Heading, FontId::new(22.0, FontFamily::Proportional)),
        (TextStyle::Monospace, FontId::new(13.5, FontFamily::Monospace)),
    ]
    .into()
}

/// egui's visuals for light or dark, built from the palette.
pub fn visuals(dark: bool) -> Visuals {
    let p = palette(dark);
    let mut v = if dark { Visuals::dark() } else { Visuals::light() };
    let radius = CornerRadius::same(6);
    let widget = |bg: Color32, stroke: Stroke, fg: Color32, expansion: f32| WidgetVisuals {
        bg_fill: bg,
        weak_bg_fill: bg,
        bg_stroke: stroke,
        corner_radius: radius,
        fg_stroke: Stroke::new(1.5, fg),
        expansion,
    };
    let hover_bg = blend(p.surface, p.accent, 0.08);
    // The surface, not the panel: egui-notify draws its toasts on this fill (like the cards).
    v.widgets.noninteractive = widget(p.surface, Stroke::new(1.0, p.hairline), p.text, 0.0);
    v.widgets.inactive = widget(p.surface, Stroke::new(1.0, p.control), p.text, 0.0);
    v.widgets.hovered = widget(hover_bg, Stroke::new(1.0, p.accent), p.strong, 0.0);
    // Pressed or keyboard-focused: the focus ring is a 2 px accent outline.
    v.widgets.active = widget(hover_bg, Stroke::new(2.0, p.accent), p.strong, 0.0);
    v.widgets.open = widget(hover_bg, Stroke::new(1.0, p.accent), p.strong, 0.0);
    v.selection.bg_fill = p.selection;
    v.selection.stroke = Stroke::new(2.0, p.accent);
    v.override_text_color = None;
    v.weak_text_color = Some(p.weak);
    v.hyperlink_color = p.accent;
    v.faint_bg_color = p.surface;
    v.extreme_bg_color = p.field;
    v.text_edit_bg_color = Some(p.field);
    v.code_bg_color = p.surface;
    v.warn_fg_color = p.highlight;
    v.error_fg_color = p.dont;
    v.panel_fill = p.panel;
    v.window_fill = p.surface;
    v.window_stroke = Stroke::new(1.0, p.hairline);
    v.window_corner_radius = CornerRadius::same(10);
    v.menu_corner_radius = CornerRadius::same(8);
    // A caret that does not blink: an idle window never repaints (0 CPU while focused).
    v.text_cursor.blink = false;
    v.text_cursor.stroke = Stroke::new(2.0, p.accent);
    v
}

/// `a` mixed with `t` of `b` (opaque colours).
fn blend(a: Color32, b: Color32, t: f32) -> Color32 {
    let m = |x: u8, y: u8| (x as f32 + (y as f32 - x as f32) * t).round() as u8;
    Color32::from_rgb(m(a.r(), b.r()), m(a.g(), b.g()), m(a.b(), b.b()))
}

/// Width for running text: the space there is, but no more than about [`MEASURE_CHARS`]
/// characters of body text. Panels call `ui.set_max_width(theme::measure(ui))`.
pub fn measure(ui: &egui::Ui) -> f32 {
    // The average width of a character of the default proportional font is about half its size.
    let chars = MEASURE_CHARS * BODY * 0.5;
    ui.available_width().min(chars)
}

/// Draws `add` in a column no wider than a readable page, centred on wide windows.
pub fn page<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    // The page is a little wider than the text measure, for cards' padding and chips.
    let max = MEASURE_CHARS * BODY * 0.5 + 120.0;
    let avail = ui.available_width();
    if avail <= max {
        return add(ui);
    }
    let side = ((avail - max) / 2.0).floor();
    ui.horizontal_top(|ui| {
        ui.add_space(side);
        ui.vertical(|ui| {
            ui.set_width(max);
            add(ui)
        })
        .inner
    })
    .inner
}

/// Colour of matched characters in search results.
pub fn highlight(ui: &egui::Ui) -> Color32 {
    colours(ui).highlight
}

/// Background of the analogy box.
pub fn analogy_fill(ui: &egui::Ui) -> Color32 {
    colours(ui).analogy
}

/// Colour for "don't say" text.
pub fn dont(ui: &egui::Ui) -> Color32 {
    colours(ui).dont
}

/// Colour for "say instead" text.
pub fn good(ui: &egui::Ui) -> Color32 {
    colours(ui).good
}

/// The mark colour of skill group number `group` (used sparingly: a chip border or a dot).
pub fn group_colour(ui: &egui::Ui, group: usize) -> Color32 {
    let g = &colours(ui).groups;
    g[group % g.len()]
}

/// Frame of a phrase card: the surface colour, a hairline, rounded corners.
pub fn card(ui: &egui::Ui) -> egui::Frame {
    let p = colours(ui);
    egui::Frame::new()
        .fill(p.surface)
        .stroke(Stroke::new(1.0, p.hairline))
        .inner_margin(egui::Margin::same(10))
        .corner_radius(8.0)
}

/// Small rounded label (situation, channel, group).
pub fn chip(ui: &mut egui::Ui, text: &str) {
    chip_with(ui, text, colours(ui).hairline);
}

/// A chip whose border is a skill group's colour.
pub fn group_chip(ui: &mut egui::Ui, text: &str, group: usize) {
    let c = group_colour(ui, group);
    chip_with(ui, text, c);
}

fn chip_with(ui: &mut egui::Ui, text: &str, border: Color32) {
    let p = colours(ui);
    // A plain label that never breaks inside, so a wrapping row moves the whole chip to the next
    // line (a Frame would let the text wrap letter by letter in a narrow row); the rounded
    // ground is painted behind it afterwards.
    let ground = ui.painter().add(egui::Shape::Noop);
    let r = ui.add(
        egui::Label::new(egui::RichText::new(format!(" {text} ")).small().color(p.text))
            .wrap_mode(egui::TextWrapMode::Extend)
            .selectable(false),
    );
    ui.painter().set(
        ground,
        egui::epaint::RectShape::new(
            r.rect.expand2(egui::vec2(2.0, 1.0)),
            10.0,
            p.surface,
            Stroke::new(1.0, border),
            egui::StrokeKind::Inside,
        ),
    );
}

/// WCAG contrast ratio of two opaque colours (1.0 to 21.0).
pub fn contrast(a: Color32, b: Color32) -> f32 {
    fn lum(c: Color32) -> f32 {
        let ch = |v: u8| {
            let s = v as f32 / 255.0;
            if s <= 0.040_45 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(c.r()) + 0.7152 * ch(c.g()) + 0.0722 * ch(c.b())
    }
    let (x, y) = (lum(a), lum(b));
    let (hi, lo) = if x > y { (x, y) } else { (y, x) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text needs 4.5:1, control borders and focus rings 3:1 (WCAG 2.1 AA, 1.4.3 and 1.4.11).
    const TEXT: f32 = 4.5;
    const UI: f32 = 3.0;

    fn check(failures: &mut Vec<String>, what: &str, fg: Color32, bg: Color32, need: f32) {
        let r = contrast(fg, bg);
        if r < need {
            failures.push(format!("{what}: {fg:?} on {bg:?} is {r:.2}:1, needs {need}:1"));
        }
    }

    fn audit(dark: bool) -> Vec<String> {
        let v = visuals(dark);
        let p = palette(dark);
        let mut f = Vec::new();
        // Every background text is drawn on, selected rows included.
        let grounds = [
            ("panel", v.panel_fill),
            ("card", p.surface),
            ("text box", v.text_edit_bg_color()),
            ("selected row", v.selection.bg_fill),
            ("hovered control", v.widgets.hovered.bg_fill),
            ("window", v.window_fill),
        ];
        let texts = [
            ("body text", v.text_color()),
            ("strong text", v.strong_text_color()),
            ("secondary text", v.weak_text_color()),
            ("match highlight", p.highlight),
            ("don't say", p.dont),
            ("say instead", p.good),
            ("link", v.hyperlink_color),
        ];
        for (bn, bg) in grounds {
            for (tn, fg) in texts {
                check(&mut f, &format!("{tn} on {bn}"), fg, bg, TEXT);
            }
        }
        check(&mut f, "text on analogy box", v.text_color(), p.analogy, TEXT);
        check(&mut f, "placeholder chip text", v.text_color(), p.hairline, TEXT);
        check(&mut f, "secondary on analogy box", v.weak_text_color(), p.analogy, TEXT);
        for (name, w) in [
            ("inactive", v.widgets.inactive),
            ("hovered", v.widgets.hovered),
            ("active", v.widgets.active),
        ] {
            check(&mut f, &format!("{name} control text"), w.text_color(), w.bg_fill, TEXT);
            // The border must stand out from the page and from the control's own fill.
            check(
                &mut f,
                &format!("{name} border on panel"),
                w.bg_stroke.color,
                v.panel_fill,
                UI,
            );
            check(
                &mut f,
                &format!("{name} border on card"),
                w.bg_stroke.color,
                p.surface,
                UI,
            );
        }
        for (bn, bg) in [
            ("panel", v.panel_fill),
            ("card", p.surface),
            ("selected row", p.selection),
        ] {
            check(&mut f, &format!("focus ring on {bn}"), v.selection.stroke.color, bg, UI);
            check(&mut f, &format!("caret on {bn}"), v.text_cursor.stroke.color, bg, UI);
        }
        for (i, g) in p.groups.iter().enumerate() {
            check(&mut f, &format!("group mark {i} on panel"), *g, v.panel_fill, UI);
            check(&mut f, &format!("group mark {i} on card"), *g, p.surface, UI);
        }
        f
    }

    #[test]
    fn light_theme_meets_wcag_aa() {
        let f = audit(false);
        assert!(f.is_empty(), "light theme:\n{}", f.join("\n"));
    }

    #[test]
    fn dark_theme_meets_wcag_aa() {
        let f = audit(true);
        assert!(f.is_empty(), "dark theme:\n{}", f.join("\n"));
    }

    #[test]
    fn contrast_matches_the_wcag_formula_at_its_ends() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
        // The measured failure: #5F5F5F on #1B1B1B is about 2.5:1.
        let r = contrast(Color32::from_gray(0x5F), Color32::from_gray(0x1B));
        assert!(r > 2.3 && r < 2.7, "{r}");
    }

    #[test]
    fn type_scale_leads_with_headings_and_keeps_body_readable() {
        let s = type_scale();
        let size = |t: TextStyle| s[&t].size;
        assert!(size(TextStyle::Body) >= 14.0);
        assert!(size(TextStyle::Small) >= 12.0);
        assert!(size(TextStyle::Heading) > size(TextStyle::Body) * 1.3);
        assert!(size(TextStyle::Small) < size(TextStyle::Body));
    }

    #[test]
    fn the_caret_does_not_blink_in_either_theme() {
        assert!(!visuals(false).text_cursor.blink);
        assert!(!visuals(true).text_cursor.blink);
    }
}
