//! The app: owns the library, index, settings and user data; routes keys; applies actions.

use super::nav::{Nav, View, move_selection};
use super::settings::Settings;
use super::tough_call::{MESSAGE_BOX, ToughCall};
use super::{StartOptions, fill::Fill, legend, search_panel::SearchPanel, skill_view, theme, top_bar};
use crate::content::{self, Library, Problem};
use crate::search::Index;
use crate::store::{LoadNote, Store, UserData};
use egui::{Key, Modifiers};
use std::sync::Arc;

/// Something a panel asks the app to do; applied once, after drawing.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Copy a phrase card (asks for placeholder values first if it has any).
    CopyPhrase(usize),
    /// Put this exact text on the clipboard (from this phrase card, if any).
    CopyText(String, Option<usize>),
    /// Open a skill.
    OpenSkill(usize),
    /// Go to a view.
    Go(View),
    /// Go back.
    Back,
    /// Put the keyboard in the search box.
    FocusSearch,
    /// Select or unselect a tough-call tag.
    ToggleTag(usize),
    /// Replace the tough-call tags.
    SetTags(Vec<usize>),
    /// Change text size by steps (0 resets).
    Font(i32),
    /// Cycle light / dark / system.
    CycleTheme,
    /// Keep above other windows, or not.
    ToggleOnTop,
    /// Search and results only, or everything.
    ToggleCompact,
    /// Show or hide the shortcut legend.
    ToggleLegend,
    /// Close the placeholder form without copying.
    CancelFill,
}

/// eframe storage key for [`Settings`].
const SETTINGS_KEY: &str = "callside-settings";
/// How long the copy confirmation stays.
const TOAST_SECS: f64 = 1.8;

/// The Callside window.
pub struct App {
    /// The content.
    pub lib: Arc<Library>,
    index: Index,
    /// Problems found in content packs (shown in a banner).
    pub problems: Vec<Problem>,
    /// Saved settings.
    pub settings: Settings,
    applied: Option<Settings>,
    nav: Nav,
    /// The search view.
    pub search: SearchPanel,
    /// The tough-call view.
    pub tough: ToughCall,
    skill_selected: Option<usize>,
    /// Scroll the selected phrase card into view on the next frame.
    skill_scroll: bool,
    fill: Option<Fill>,
    legend: bool,
    show_problems: bool,
    toast: Option<(String, f64)>,
    /// The last text put on the clipboard (also visible in egui's output).
    pub last_copied: Option<String>,
    user: UserData,
    store: Option<Store>,
    notice: Option<String>,
    actions: Vec<Action>,
    /// A window size asked for on the command line, sent to the window on the first frame.
    start_size: Option<[f32; 2]>,
}

impl Default for App {
    /// The built-in library, default settings, nothing saved: for tests and previews.
    fn default() -> Self {
        let loaded = content::load(&content::builtin::sources());
        App::new(Arc::new(loaded.library), loaded.problems, Settings::default(), None)
    }
}

impl App {
    /// An app over a library, with saved settings and (optionally) a user-data store.
    pub fn new(lib: Arc<Library>, problems: Vec<Problem>, settings: Settings, store: Option<Store>) -> App {
        let index = Index::new(&lib);
        let mut store = store;
        let (user, notice) = match store.as_mut().map(|s| (s.load(), s.path().display().to_string())) {
            Some(((d, LoadNote::KeptAside { reason, moved_to }), path)) => (
                d,
                Some(format!(
                    "Your saved data in {path} could not be read ({reason}). It was kept as {}.",
                    moved_to.display()
                )),
            ),
            Some(((d, _), _)) => (d, None),
            None => (UserData::default(), None),
        };
        let mut app = App {
            index,
            problems,
            nav: Nav::new(View::Search),
            search: SearchPanel::default(),
            tough: ToughCall::default(),
            skill_selected: None,
            skill_scroll: false,
            fill: None,
            legend: false,
            show_problems: false,
            toast: None,
            last_copied: None,
            user,
            store,
            notice,
            actions: Vec::new(),
            start_size: None,
            applied: None,
            settings: Settings::default(),
            lib,
        };
        app.restore(settings);
        app
    }

    /// Restores what was showing last time.
    fn restore(&mut self, settings: Settings) {
        self.search.set_query(&settings.last_query, &self.index);
        let tags: Vec<usize> = settings
            .last_tags
            .iter()
            .filter_map(|t| self.lib.tag_index(t))
            .collect();
        self.tough.set_tags(&self.lib, tags);
        let view = match &settings.last_view {
            View::Skill(id) if self.lib.skill(id).is_none() => View::Search,
            v => v.clone(),
        };
        self.tough.focus_filter = view == View::ToughCall;
        self.nav = Nav::new(view);
        self.settings = settings;
    }

    /// Builds the app for eframe: loads packs, saved settings, user data, and the start flags.
    pub fn from_creation(cc: &eframe::CreationContext<'_>, start: StartOptions) -> App {
        let loaded = content::load_with_packs(&start.packs);
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value::<Settings>(s, SETTINGS_KEY))
            .map(Settings::sanitized)
            .unwrap_or_default();
        let store = start.data_dir.as_deref().map(Store::in_dir);
        let mut app = App::new(Arc::new(loaded.library), loaded.problems, settings, store);
        app.apply_start(&start);
        app
    }

    /// Applies `--query`, `--skill` and `--tough-call`.
    pub fn apply_start(&mut self, start: &StartOptions) {
        self.start_size = start.size;
        if let Some(q) = &start.query {
            self.search.set_query(q, &self.index);
            self.nav = Nav::new(View::Search);
        }
        if let Some(tags) = &start.tough_call {
            let ids: Vec<&str> = tags.split(',').map(str::trim).filter(|t| !t.is_empty()).collect();
            match crate::coach::parse_tags(&self.lib, &ids) {
                Ok(ix) => {
                    self.tough.set_tags(&self.lib, ix);
                    self.tough.focus_filter = true;
                    self.nav = Nav::new(View::ToughCall);
                }
                Err(e) => self.notice = Some(format!("--tough-call: {e}")),
            }
        }
        if let Some(id) = &start.skill {
            match self.lib.skill_index(id) {
                Some(_) => self.nav = Nav::new(View::Skill(id.clone())),
                None => {
                    let hint = crate::text::did_you_mean(id, self.lib.skills.iter().map(|s| s.id.as_str()));
                    self.notice = Some(format!("--skill: unknown skill \"{id}\"{hint}"));
                }
            }
        }
    }

    /// The view showing now.
    pub fn view(&self) -> &View {
        self.nav.current()
    }

    /// Queues an action (applied at the end of the frame).
    pub fn push(&mut self, a: Action) {
        self.actions.push(a);
    }

    /// Draws the whole app into `ui` (used by eframe and by the UI tests).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if let Some([w, h]) = self.start_size.take() {
            // The remembered window size would otherwise win over the flag.
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(egui::vec2(w, h)));
        }
        if self.applied.as_ref() != Some(&self.settings) {
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            theme::apply(&ctx, &self.settings);
            let on_top = self.applied.as_ref().map(|s| s.always_on_top);
            if on_top.is_some_and(|t| t != self.settings.always_on_top)
                || (on_top.is_none() && self.settings.always_on_top)
            {
                let level = if self.settings.always_on_top {
                    egui::WindowLevel::AlwaysOnTop
                } else {
                    egui::WindowLevel::Normal
                };
                ctx.send_viewport_cmd(egui::ViewportCommand::WindowLevel(level));
            }
            self.applied = Some(self.settings.clone());
        }
        self.keys(&ctx);

        egui::Panel::top("top-bar").show(ui, |ui| {
            top_bar::show(ui, self);
        });
        self.toast_bar(ui);
        egui::CentralPanel::default().show(ui, |ui| {
            self.banners(ui);
            if self.legend {
                legend::show(ui, &mut self.actions);
            }
            if let Some(fill) = &mut self.fill
                && let Some(a) = fill.show(ui, &self.lib)
            {
                self.actions.push(a);
            }
            match self.nav.current().clone() {
                View::Search => {
                    let acts = self.search.show(ui, &self.lib, &self.index, &self.user);
                    self.actions.extend(acts);
                }
                View::Skill(id) => match self.lib.skill_index(&id) {
                    Some(ix) => {
                        let scroll = std::mem::take(&mut self.skill_scroll);
                        let acts = skill_view::show(ui, &self.lib, ix, self.skill_selected, scroll);
                        self.actions.extend(acts);
                    }
                    None => {
                        ui.label(format!("The skill \"{id}\" is not in the library any more."));
                    }
                },
                View::ToughCall => {
                    let acts = self.tough.show(ui, &self.lib, &self.user);
                    self.actions.extend(acts);
                }
            }
        });
        let actions = std::mem::take(&mut self.actions);
        for a in actions {
            self.apply(&ctx, a);
        }
    }

    fn toast_bar(&mut self, ui: &mut egui::Ui) {
        let now = ui.input(|i| i.time);
        let Some((text, at)) = &self.toast else { return };
        let left = TOAST_SECS - (now - at);
        if left <= 0.0 {
            self.toast = None;
            return;
        }
        let text = text.clone();
        egui::Panel::bottom("toast").show(ui, |ui| {
            ui.label(egui::RichText::new(text).color(theme::good(ui)));
        });
        // One repaint when it should disappear; no loop.
        ui.ctx().request_repaint_after(std::time::Duration::from_secs_f64(left));
    }

    fn banners(&mut self, ui: &mut egui::Ui) {
        if let Some(n) = self.notice.clone() {
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(n).color(theme::dont(ui)));
                if ui.small_button("Dismiss").clicked() {
                    self.notice = None;
                }
            });
        }
        if !self.problems.is_empty() && !self.settings.compact {
            ui.horizontal_wrapped(|ui| {
                let n = self.problems.len();
                ui.label(
                    egui::RichText::new(format!("{n} problem(s) in content packs; the rest loaded."))
                        .color(theme::dont(ui)),
                );
                let label = if self.show_problems { "Hide" } else { "Show" };
                if ui.small_button(label).clicked() {
                    self.show_problems = !self.show_problems;
                }
            });
            if self.show_problems {
                for p in &self.problems {
                    ui.label(egui::RichText::new(p.to_string()).monospace().small());
                }
            }
        }
    }

    /// Keyboard routing. Runs before drawing so arrows, Enter and Esc reach us, not the text box.
    fn keys(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        let pressed = |m: Modifiers, k: Key| ctx.input_mut(|i| i.consume_key(m, k));
        let typed = |ch: &str| {
            ctx.input_mut(|i| {
                let pos = i
                    .events
                    .iter()
                    .position(|e| matches!(e, egui::Event::Text(t) if t == ch));
                pos.map(|p| i.events.remove(p)).is_some()
            })
        };

        if let Some(fill) = &mut self.fill {
            if pressed(Modifiers::NONE, Key::Escape) {
                self.fill = None;
            } else if pressed(Modifiers::NONE, Key::Enter) {
                fill.submit_requested = true;
            }
            return;
        }
        // In an empty search box `?` and `/` mean nothing as text, so they stay shortcuts there.
        let search_empty = self.nav.current() == &View::Search && self.search.query.is_empty();
        let free = !typing || search_empty;
        if pressed(Modifiers::COMMAND, Key::K) || (free && typed("/")) {
            self.actions.push(Action::FocusSearch);
        }
        if pressed(Modifiers::NONE, Key::F1) || (free && typed("?")) {
            self.legend = !self.legend;
        }
        if pressed(Modifiers::COMMAND, Key::T) {
            self.actions.push(Action::Go(View::ToughCall));
        }
        if pressed(Modifiers::COMMAND, Key::Equals)
            || pressed(Modifiers::COMMAND, Key::Plus)
            || pressed(Modifiers::COMMAND | Modifiers::SHIFT, Key::Equals)
        {
            self.actions.push(Action::Font(1));
        }
        if pressed(Modifiers::COMMAND, Key::Minus) {
            self.actions.push(Action::Font(-1));
        }
        if pressed(Modifiers::COMMAND, Key::Num0) {
            self.actions.push(Action::Font(0));
        }
        if pressed(Modifiers::ALT, Key::ArrowLeft) {
            self.actions.push(Action::Back);
        }
        let digit = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ]
        .iter()
        .position(|&k| pressed(Modifiers::ALT, k));
        if let Some(n) = digit {
            // Alt+digit also arrives as typed text on most platforms: keep it out of the text box.
            typed(&(n + 1).to_string());
        }
        // The pasted-message box keeps its own keys (new lines, arrows, Esc).
        if ctx.memory(|m| m.has_focus(egui::Id::unique(MESSAGE_BOX))) {
            if let Some(p) = digit.and_then(|n| self.tough.nth_phrase(n)) {
                self.actions.push(Action::CopyPhrase(p));
            }
            return;
        }
        // Ctrl+C is ours only when there is a selected item and no text selected in a box.
        let can_copy = !text_selected(ctx)
            && match self.nav.current() {
                View::Search => self.search.has_selection(),
                View::Skill(_) => self.skill_selected.is_some(),
                View::ToughCall => false,
            };
        let copy = can_copy
            && (pressed(Modifiers::COMMAND, Key::C)
                || ctx.input_mut(|i| {
                    let pos = i.events.iter().position(|e| matches!(e, egui::Event::Copy));
                    pos.map(|p| i.events.remove(p)).is_some()
                }));
        let up = pressed(Modifiers::NONE, Key::ArrowUp);
        let down = pressed(Modifiers::NONE, Key::ArrowDown);
        let delta = i32::from(down) - i32::from(up);
        let enter = pressed(Modifiers::NONE, Key::Enter);
        let esc = pressed(Modifiers::NONE, Key::Escape);

        match self.nav.current().clone() {
            View::Search => {
                if delta != 0 {
                    self.search.move_selection(delta, &self.lib, &self.user);
                }
                if (enter || copy)
                    && let Some(a) = self.search.activate(&self.lib, &self.user, copy)
                {
                    self.actions.push(a);
                }
                if let Some(n) = digit
                    && let Some(p) = self.search.nth_phrase(n, &self.lib, &self.user)
                {
                    self.actions.push(Action::CopyPhrase(p));
                }
                if esc && !self.search.escape(&self.index) {
                    self.actions.push(Action::Back);
                }
            }
            View::Skill(id) => {
                let Some(ix) = self.lib.skill_index(&id) else { return };
                let cards = &self.lib.skills[ix].phrases;
                if delta != 0 {
                    self.skill_selected = move_selection(self.skill_selected, delta, cards.len());
                    self.skill_scroll = true;
                }
                if (enter || copy)
                    && let Some(&p) = self.skill_selected.and_then(|s| cards.get(s))
                {
                    self.actions.push(Action::CopyPhrase(p));
                }
                if let Some(&p) = digit.and_then(|n| cards.get(n)) {
                    self.actions.push(Action::CopyPhrase(p));
                }
                if esc {
                    self.actions.push(Action::Back);
                }
            }
            View::ToughCall => {
                if delta != 0 {
                    self.tough.move_cursor(delta, &self.lib);
                }
                if enter && let Some(t) = self.tough.cursor_tag(&self.lib) {
                    self.actions.push(Action::ToggleTag(t));
                }
                if pressed(Modifiers::COMMAND, Key::L) {
                    self.actions.push(Action::SetTags(Vec::new()));
                }
                if let Some(p) = digit.and_then(|n| self.tough.nth_phrase(n)) {
                    self.actions.push(Action::CopyPhrase(p));
                }
                if esc && !self.tough.escape() {
                    self.actions.push(Action::Back);
                }
            }
        }
    }

    fn apply(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::CopyPhrase(p) => {
                let text = &self.lib.phrases[p].text;
                if content::placeholder::placeholders(text).is_empty() {
                    self.apply(ctx, Action::CopyText(text.clone(), Some(p)));
                } else {
                    self.fill = Some(Fill::new(p, text));
                }
            }
            Action::CopyText(text, phrase) => {
                ctx.copy_text(text.clone());
                let shown: String = text.chars().take(60).collect();
                let more = if text.chars().count() > 60 { "…" } else { "" };
                self.toast = Some((format!("Copied: {shown}{more}"), ctx.input(|i| i.time)));
                self.last_copied = Some(text);
                self.fill = None;
                if let Some(p) = phrase {
                    self.user.count_copy(&self.lib.phrases[p].id);
                    if self.nav.current() == &View::ToughCall {
                        let ids = self.tough.tag_ids(&self.lib);
                        self.user.remember_situation(&ids);
                    }
                    self.save_user();
                }
            }
            Action::OpenSkill(s) => {
                self.skill_selected = None;
                self.nav.go(View::Skill(self.lib.skills[s].id.clone()));
            }
            Action::Go(v) => {
                self.leave_tough_call();
                if v == View::ToughCall {
                    self.tough.focus_filter = true;
                }
                self.nav.go(v);
            }
            Action::Back => {
                self.leave_tough_call();
                self.skill_selected = None;
                self.nav.back();
                if self.nav.current() == &View::ToughCall {
                    self.tough.focus_filter = true;
                }
            }
            Action::FocusSearch => {
                self.leave_tough_call();
                self.nav.go(View::Search);
                self.search.focus = true;
            }
            Action::ToggleTag(t) => {
                let mut tags = self.tough.tags().to_vec();
                match tags.iter().position(|&x| x == t) {
                    Some(i) => {
                        tags.remove(i);
                    }
                    None => tags.push(t),
                }
                self.tough.set_tags(&self.lib, tags);
            }
            Action::SetTags(tags) => {
                if tags.is_empty() {
                    self.leave_tough_call();
                }
                self.tough.set_tags(&self.lib, tags);
            }
            Action::Font(steps) => self.settings.change_font(steps),
            Action::CycleTheme => self.settings.theme = self.settings.theme.next(),
            Action::ToggleOnTop => self.settings.always_on_top = !self.settings.always_on_top,
            Action::ToggleCompact => self.settings.compact = !self.settings.compact,
            Action::ToggleLegend => self.legend = !self.legend,
            Action::CancelFill => self.fill = None,
        }
    }

    /// Remembers the current tough-call situation as a recent one.
    fn leave_tough_call(&mut self) {
        let ids = self.tough.tag_ids(&self.lib);
        if !ids.is_empty() && self.user.recent_situations.first() != Some(&ids) {
            self.user.remember_situation(&ids);
            self.save_user();
        }
    }

    fn save_user(&mut self) {
        if let Some(store) = &self.store
            && let Err(e) = store.save(&self.user)
        {
            self.notice = Some(format!("Could not save your data: {e}"));
        }
    }

    /// The user's data (recents, copy counts).
    pub fn user(&self) -> &UserData {
        &self.user
    }

    /// Settings as they should be saved now (with the current view, query and tags).
    pub fn settings_to_save(&self) -> Settings {
        let mut s = self.settings.clone();
        s.last_view = self.nav.current().clone();
        s.last_query = self.search.query.clone();
        s.last_tags = self.tough.tag_ids(&self.lib);
        s
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings_to_save());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.leave_tough_call();
    }
}

/// Whether the focused text box has text selected (then Ctrl+C copies that, not our item).
fn text_selected(ctx: &egui::Context) -> bool {
    let Some(id) = ctx.memory(|m| m.focused()) else {
        return false;
    };
    egui::TextEdit::load_state(ctx, id)
        .and_then(|st| st.cursor.char_range())
        .is_some_and(|r| !r.is_empty())
}
