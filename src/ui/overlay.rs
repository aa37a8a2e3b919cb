//! Overlays: toasts, banners, the shortcut legend and the fill-in form float above the page, so
//! opening one never moves the search box. Banners, forms and the legend are one card style with
//! a shadow; toasts come from `egui-notify` on the same surface colour and shadow, raised in one
//! place ([`Feedback::raise`], called from the app's action code).

use super::theme;

/// Where an overlay sits.
#[derive(Debug, Clone, Copy)]
pub enum Place {
    /// Under the top bar, centred (forms and the legend: near where the eye is).
    Top,
    /// At the bottom, centred (toasts and banners).
    Bottom,
}

/// Draws `add` in a floating card at `place`; `top` is where the page starts (under the bar).
/// The overlay never reaches above `top`: what does not fit scrolls.
pub fn show<R>(
    ctx: &egui::Context,
    id: &str,
    place: Place,
    top: f32,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> egui::InnerResponse<R> {
    let screen = ctx.content_rect();
    let width = (screen.width() - 24.0).clamp(160.0, 460.0);
    let (anchor, offset) = match place {
        Place::Top => (egui::Align2::CENTER_TOP, egui::vec2(0.0, top - screen.top() + 6.0)),
        Place::Bottom => (egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -10.0)),
    };
    // Never taller than the page: a long overlay (the legend at 360×600) scrolls inside instead
    // of being pushed up over the top bar.
    let height = (screen.bottom() - 10.0 - (top + 6.0)).max(80.0);
    egui::Area::new(egui::Id::unique(id))
        .order(egui::Order::Foreground)
        .anchor(anchor, offset)
        .show(ctx, |ui| {
            // An area remembers its first size as its room: give it the page's height.
            ui.set_max_height(height);
            egui::Frame::new()
                .corner_radius(8.0)
                .shadow(ui.visuals().popup_shadow)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt(id)
                        .max_height(height)
                        .show(ui, |ui| {
                            ui.set_max_width(width);
                            add(ui)
                        })
                        .inner
                })
                .inner
        })
}

/// A card for an overlay's own content (banners), the same card the legend and the forms use.
pub fn card<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    theme::card(ui).show(ui, add).inner
}

/// What a toast tells: something done, or a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Copied, saved, starred, exported (a dot in the "good" colour).
    Done,
    /// Something went wrong, e.g. a pack that failed to load (a "!" in the problem colour).
    Problem,
}

impl Tone {
    /// How long a toast of this tone saying `text` stays: long enough to read it (about
    /// four words a second).
    fn secs(self, text: &str) -> f64 {
        let base: f64 = match self {
            Tone::Done => 2.5,
            Tone::Problem => 8.0,
        };
        base.max(text.split_whitespace().count() as f64 * 0.25)
    }
}

/// The window's feedback: `egui-notify` toasts, one at a time (a new one replaces the last),
/// plus the same words as an AccessKit status node (a polite live region), because the crate
/// paints its toasts without any accessibility node.
///
/// Toasts never count down by themselves: egui-notify would repaint every frame while one shows.
/// Instead each has no duration of its own and is dismissed here when read (2.5 s, a problem 8 s, longer texts longer), with one
/// repaint asked for at that time (only the short slide-in and slide-out animate).
#[derive(Default)]
pub struct Feedback {
    toasts: egui_notify::Toasts,
    /// What the toast showing now says, and when it goes.
    now: Option<(String, f64)>,
}

/// Distance of the toasts from the window's right and bottom edges (above any banner).
const MARGIN: f32 = 10.0;

impl Feedback {
    /// Shows `text` as a toast (replacing the one showing) and says it to screen readers.
    pub fn raise(&mut self, ctx: &egui::Context, tone: Tone, text: impl Into<String>) {
        let text = text.into();
        let p = theme::palette(ctx.global_style().visuals.dark_mode);
        let (icon, colour) = match tone {
            // Glyphs the default fonts have (egui 0.37 ships no emoji font).
            Tone::Done => ("•", p.good),
            Tone::Problem => ("!", p.dont),
        };
        // egui-notify never wraps: lay the text out here, as wide as the window allows.
        let room = (ctx.content_rect().width() - 80.0).clamp(120.0, 420.0);
        let font = egui::TextStyle::Body.resolve(&ctx.global_style());
        let galley = ctx.fonts_mut(|f| f.layout(text.clone(), font, egui::Color32::PLACEHOLDER, room));
        self.toasts.dismiss_all_toasts();
        self.toasts
            .custom(egui::WidgetText::Galley(galley), icon.into(), colour)
            .duration(None)
            .closable(false)
            .show_progress_bar(false);
        let until = ctx.input(|i| i.time) + tone.secs(&text);
        self.now = Some((text, until));
        ctx.request_repaint();
    }

    /// What the toast showing now says (tests read it; screen readers get it as a status node).
    pub fn showing(&self) -> Option<&str> {
        self.now.as_ref().map(|(t, _)| t.as_str())
    }

    /// Draws the toasts `lift` points above the bottom edge (so they sit above a banner there,
    /// never over its buttons) and the status node; dismisses the toast when its time is up.
    pub fn show(&mut self, ctx: &egui::Context, lift: f32) {
        let margin = egui::vec2(MARGIN, MARGIN + lift);
        if let Some((text, until)) = &self.now {
            let left = until - ctx.input(|i| i.time);
            if left <= 0.0 {
                self.toasts.dismiss_all_toasts();
                self.now = None;
            } else {
                // Where the toast's bottom-right corner is (toasts grow up and left from there).
                status_node(ctx, text, ctx.content_rect().right_bottom() - margin);
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(left));
            }
        }
        // The crate takes its margin and shadow by value; the toasts showing are kept.
        self.toasts = std::mem::take(&mut self.toasts)
            .with_anchor(egui_notify::Anchor::BottomRight)
            .with_margin(margin)
            .with_padding(egui::vec2(10.0, 8.0))
            .with_shadow(ctx.global_style().visuals.popup_shadow);
        self.toasts.show(ctx);
    }
}

/// The toast's words as an AccessKit status node (a polite live region: read out once, without
/// taking the focus), at the toast's bottom-right `corner`. It has no size and paints nothing;
/// the toast is what sighted people see.
fn status_node(ctx: &egui::Context, text: &str, corner: egui::Pos2) {
    egui::Area::new(egui::Id::unique("callside-status"))
        .order(egui::Order::Foreground)
        .fixed_pos(corner)
        .interactable(false)
        .show(ctx, |ui| {
            let r = ui.allocate_response(egui::Vec2::ZERO, egui::Sense::hover());
            r.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Status, true, text));
            ctx.accesskit_node_builder(r.id, |node| node.set_live(egui::accesskit::Live::Polite));
        });
}
