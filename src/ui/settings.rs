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

/// Longest saved search text read back, in characters (a longer one is cut).
pub const MAX_SAVED_QUERY_CHARS: usize = 1000;
/// Most saved tough-call tags read back, and the longest id kept.
pub const MAX_SAVED_TAGS: usize = 64;
const MAX_SAVED_ID_CHARS: usize = 100;

impl Settings {
    /// Settings read back from storage, made safe to use: a text scale that is not a finite
    /// number becomes 1.0, one out of range is clamped; long saved texts and lists are cut.
    /// (A hand-edited or corrupt save must never stop the app from starting.)
    pub fn sanitized(mut self) -> Settings {
        self.font_scale = if self.font_scale.is_finite() {
            self.font_scale.clamp(FONT_SCALE_RANGE.0, FONT_SCALE_RANGE.1)
        } else {
            1.0
        };
        let cut = |s: &mut String, max: usize| {
            if let Some((i, _)) = s.char_indices().nth(max) {
                s.truncate(i);
            }
        };
        cut(&mut self.last_query, MAX_SAVED_QUERY_CHARS);
        self.last_tags.truncate(MAX_SAVED_TAGS);
        self.last_tags.retain(|t| t.len() <= MAX_SAVED_ID_CHARS);
        if let View::Skill(id) = &self.last_view
            && id.len() > MAX_SAVED_ID_CHARS
        {
            self.last_view = View::Search;
        }
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
    fn saved_settings_are_clamped_to_sane_ranges() {
        for (saved, want) in [
            (f32::INFINITY, 1.0),
            (f32::NAN, 1.0),
            (1e30, 3.0),
            (1000.0, 3.0),
            (-5.0, 0.7),
            (1.5, 1.5),
        ] {
            let s = Settings {
                font_scale: saved,
                ..Settings::default()
            };
            assert_eq!(s.sanitized().font_scale, want, "{saved}");
        }
        let s = Settings {
            last_query: "é".repeat(1_000_000),
            last_tags: vec!["angry".into(); 10_000],
            last_view: View::Skill("x".repeat(10_000)),
            ..Settings::default()
        }
        .sanitized();
        assert_eq!(s.last_query.chars().count(), MAX_SAVED_QUERY_CHARS);
        assert_eq!(s.last_tags.len(), MAX_SAVED_TAGS);
        assert_eq!(s.last_view, View::Search);
        let fine = Settings {
            last_query: "sorry".into(),
            ..Settings::default()
        };
        assert_eq!(fine.clone().sanitized(), fine);
    }

    #[test]
    fn old_saves_with_missing_fields_still_load() {
        let s: Settings = ron::from_str("(font_scale: 1.5)").unwrap();
        assert_eq!(s.font_scale, 1.5);
        assert_eq!(s.theme, ThemeChoice::System);
    }
}
