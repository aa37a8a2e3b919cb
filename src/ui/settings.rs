//! The window's own settings, saved with eframe's storage. Plain data; unknown or missing
//! fields fall back to defaults so an old save never breaks a new version.

use super::nav::View;
use serde::{Deserialize, Serialize};

/// Light, dark, or whatever the system uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    /// The next choice when cycling with the theme button.
    pub fn next(self) -> ThemeChoice {
        match self {
            ThemeChoice::System => ThemeChoice::Light,
            ThemeChoice::Light => ThemeChoice::Dark,
            ThemeChoice::Dark => ThemeChoice::System,
        }
    }

    /// Short label for the button.
    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "Theme: system",
            ThemeChoice::Light => "Theme: light",
            ThemeChoice::Dark => "Theme: dark",
        }
    }
}

/// Smallest and largest text scale.
pub const FONT_SCALE_RANGE: (f32, f32) = (0.7, 3.0);
/// One Ctrl+= / Ctrl+- step.
pub const FONT_SCALE_STEP: f32 = 0.1;

/// Everything about the window that survives a restart (window size and position are saved by
/// eframe itself).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Text scale, 1.0 = normal.
    pub font_scale: f32,
    /// Colour scheme.
    pub theme: ThemeChoice,
    /// Keep the window above others.
    pub always_on_top: bool,
    /// Search box and results only.
    pub compact: bool,
    /// The view open when the app closed.
    pub last_view: View,
    /// The search text when the app closed.
    pub last_query: String,
    /// The tough-call tags (ids) selected when the app closed.
    pub last_tags: Vec<String>,
    /// The global key that shows or hides the window from any app (e.g. `Ctrl+Alt+Space`);
    /// empty for none.
    pub summon_key: String,
    /// The huddle presentation's own text scale (apart from `font_scale`).
    pub huddle_scale: f32,
    /// The team's shared pack folder (empty: none); `--team-folder` overrides it.
    pub team_folder: String,
    /// Poll the team folder every few seconds (for network drives that send no change events).
    pub poll_team_folder: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            font_scale: 1.0,
            theme: ThemeChoice::System,
            always_on_top: false,
            compact: false,
            last_view: View::Search,
            last_query: String::new(),
            last_tags: Vec::new(),
            summon_key: crate::summon::DEFAULT_KEY.to_string(),
            huddle_scale: 1.0,
            team_folder: String::new(),
            poll_team_folder: false,
        }
    }
}

/// Longest search text kept from last time, in characters (a pasted page is not worth
/// 10 s of start-up).
pub const MAX_SAVED_QUERY_CHARS: usize = 500;
/// Most tough-call tags kept from last time.
pub const MAX_SAVED_TAGS: usize = 50;

impl Settings {
    /// The settings made safe to use, whatever the saved file held: a text scale that is not a
    /// number or out of range goes back in range (never panics, never eats memory), an endless
    /// last query or tag list is cut.
    pub fn sanitized(mut self) -> Settings {
        self.font_scale = if self.font_scale.is_finite() {
            self.font_scale.clamp(FONT_SCALE_RANGE.0, FONT_SCALE_RANGE.1)
        } else {
            1.0
        };
        if self.last_query.chars().count() > MAX_SAVED_QUERY_CHARS {
            self.last_query = self.last_query.chars().take(MAX_SAVED_QUERY_CHARS).collect();
        }
        self.last_tags.truncate(MAX_SAVED_TAGS);
        self
    }

    /// Changes the text scale by `steps` (negative: smaller), clamped; 0 resets to normal.
    pub fn change_font(&mut self, steps: i32) {
        if steps == 0 {
            self.font_scale = 1.0;
            return;
        }
        let v = self.font_scale + steps as f32 * FONT_SCALE_STEP;
        self.font_scale = (v.clamp(FONT_SCALE_RANGE.0, FONT_SCALE_RANGE.1) * 10.0).round() / 10.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_scale_steps_clamps_and_resets() {
        let mut s = Settings::default();
        s.change_font(1);
        assert_eq!(s.font_scale, 1.1);
        s.change_font(-3);
        assert_eq!(s.font_scale, 0.8);
        for _ in 0..50 {
            s.change_font(1);
        }
        assert_eq!(s.font_scale, FONT_SCALE_RANGE.1);
        s.change_font(0);
        assert_eq!(s.font_scale, 1.0);
    }

    #[test]
    fn a_bad_saved_setting_is_brought_back_in_range() {
        for (saved, want) in [
            ("inf", 1.0),
            ("NaN", 1.0),
            ("1e30", FONT_SCALE_RANGE.1),
            ("1000.0", FONT_SCALE_RANGE.1),
            ("-5.0", FONT_SCALE_RANGE.0),
            ("1.2", 1.2),
        ] {
            let s: Settings = ron::from_str(&format!("(font_scale: {saved})")).unwrap();
            assert_eq!(s.sanitized().font_scale, want, "{saved}");
        }
        let long = Settings {
            last_query: "é".repeat(1_000_000),
            last_tags: vec!["angry".into(); 10_000],
            ..Settings::default()
        }
        .sanitized();
        assert_eq!(long.last_query.chars().count(), MAX_SAVED_QUERY_CHARS);
        assert_eq!(long.last_tags.len(), MAX_SAVED_TAGS);
    }

    #[test]
    fn old_saves_with_missing_fields_still_load() {
        let s: Settings = ron::from_str("(font_scale: 1.5)").unwrap();
        assert_eq!(s.font_scale, 1.5);
        assert_eq!(s.theme, ThemeChoice::System);
    }
}
