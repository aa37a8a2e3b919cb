//! The window (egui only). Panels draw state and return [`action::Actions`]; the app applies them.
//! Every decision — search, recommendation, placeholder filling — is a call into the core.

pub mod action;
pub mod app;
mod card;
mod card_form;
mod fill;
mod highlight;
pub mod huddle;
pub mod keys;
mod legend;
pub mod nav;
mod overlay;
mod packs_panel;
pub mod review;
mod search_panel;
pub mod settings;
mod skill_view;
pub mod theme;
mod top_bar;
mod tough_call;
mod tray;
pub mod user;

pub use app::App;

use std::path::PathBuf;

/// How the window should start (from the command line).
#[derive(Debug, Default, Clone)]
pub struct StartOptions {
    /// Search text to fill in.
    pub query: Option<String>,
    /// Skill id to open.
    pub skill: Option<String>,
    /// Tough-call tags to select (comma-separated ids).
    pub tough_call: Option<String>,
    /// A customer message to paste into the tough-call helper (its suggestions show).
    pub message: Option<String>,
    /// Open the form for a new card of the rep's own.
    pub new_card: bool,
    /// Card ids (comma-separated) to put in the reply tray.
    pub reply: Option<String>,
    /// Window size in points (overrides the size remembered from last time).
    pub size: Option<[f32; 2]>,
    /// Colour scheme to switch to (`--theme`; saved like the setting).
    pub theme: Option<settings::ThemeChoice>,
    /// Content packs to load on top of the built-in library (folders or files), watched.
    pub packs: Vec<PathBuf>,
    /// The team's shared pack folder (overrides the one in the settings), watched.
    pub team_folder: Option<PathBuf>,
    /// Poll the team folder instead of waiting for change events.
    pub poll: bool,
    /// Where user data lives (None: nothing is saved).
    pub data_dir: Option<PathBuf>,
    /// Open on the huddle presentation.
    pub huddle: bool,
    /// Open on the daily review.
    pub review: bool,
}

/// Opens the window and runs until it is closed.
pub fn run(start: StartOptions) -> eframe::Result<()> {
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")).ok();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Callside")
        .with_app_id("callside")
        .with_inner_size(start.size.unwrap_or([420.0, 680.0]))
        .with_min_inner_size([300.0, 360.0]);
    if let Some(icon) = icon {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Callside",
        options,
        Box::new(move |cc| Ok(Box::new(App::from_creation(cc, start)))),
    )
}
