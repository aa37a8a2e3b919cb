//! The app: owns the content snapshot, settings and user data; routes keys; applies actions.

use super::action::{Action, Actions};
use super::keys::{self, Command};
use super::nav::{Nav, View, move_selection};
use super::settings::Settings;
use super::tough_call::{MESSAGE_BOX, ToughCall};
use super::{StartOptions, fill::Fill, legend, search_panel::SearchPanel, skill_view, theme, top_bar};
use crate::content::{self, Library};
use crate::live::Content;
use crate::store::{LoadNote, Store, UserData};
use std::sync::Arc;

/// eframe storage key for [`Settings`].
const SETTINGS_KEY: &str = "callside-settings";
/// How long the copy confirmation stays.
const TOAST_SECS: f64 = 1.8;

/// The Callside window.
pub struct App {
    /// What is shown: library, search index and problems, replaced whole (see [`App::swap_content`]).
    content: Arc<Content>,
    /// Saved settings.
    pub settings: Settings,
    applied: Option<Settings>,
    nav: Nav,
    /// The search view.
    pub search: SearchPanel,
    /// The tough-call view.
    pub tough: ToughCall,
    /// The phrase card (id) picked with the arrow keys on a skill's page.
    skill_selected: Option<String>,
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
    actions: Actions,
    /// A window size asked for on the command line, sent to the window on the first frame.
    start_size: Option<[f32; 2]>,
}

impl Default for App {
    /// The built-in library, default settings, nothing saved: for tests and previews.
    fn default() -> Self {
        App::new(Arc::new(Content::builtin()), Settings::default(), None)
    }
}

impl App {
    /// An app over some content, with saved settings and (optionally) a user-data store.
    pub fn new(content: Arc<Content>, settings: Settings, store: Option<Store>) -> App {
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
            content,
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
            actions: Actions::new(),
            start_size: None,
            applied: None,
            settings: Settings::default(),
        };
        app.restore(settings);
        app
    }

    /// The library showing now.
    pub fn lib(&self) -> &Library {
        &self.content.library
    }

    /// The content snapshot showing now.
    pub fn content(&self) -> &Arc<Content> {
        &self.content
    }

    /// Replaces the content whole (between frames). What the rep had open is found again by id:
    /// the view's skill, the selected card, the picked tags and an open fill form; whatever is
    /// gone is dropped quietly.
    pub fn swap_content(&mut self, content: Arc<Content>) {
        self.content = content;
        let lib = &self.content.library;
        if let Some(f) = &mut self.fill
            && !f.refind(lib)
        {
            self.fill = None;
        }
        if let Some(p) = &self.skill_selected {
            let on_page = match self.nav.current() {
                View::Skill(s) => lib
                    .phrase_index(p)
                    .is_some_and(|i| lib.skill(s).is_some_and(|sk| sk.phrases.contains(&i))),
                _ => false,
            };
            if !on_page {
                self.skill_selected = None;
            }
        }
        if let View::Skill(id) = self.nav.current()
            && lib.skill(id).is_none()
        {
            self.nav = Nav::new(View::Search);
        }
        self.tough.refind(&self.content);
        let q = self.search.query.clone();
        self.search.set_query(&q, &self.content);
    }

    /// Restores what was showing last time.
    fn restore(&mut self, settings: Settings) {
        self.search.set_query(&settings.last_query, &self.content);
        self.tough.set_tags(&self.content, settings.last_tags.clone());
        let view = match &settings.last_view {
            View::Skill(id) if self.lib().skill(id).is_none() => View::Search,
            v => v.clone(),
        };
        self.tough.focus_filter = view == View::ToughCall;
        self.nav = Nav::new(view);
        self.settings = settings;
    }

    /// Builds the app for eframe: loads packs, saved settings, user data, and the start flags.
    pub fn from_creation(cc: &eframe::CreationContext<'_>, start: StartOptions) -> App {
        let content = Content::new(content::load_with_packs(&start.packs));
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default();
        let store = start.data_dir.as_deref().map(Store::in_dir);
        let mut app = App::new(Arc::new(content), settings, store);
        app.apply_start(&start);
        app
    }

    /// Applies `--query`, `--skill` and `--tough-call`.
    pub fn apply_start(&mut self, start: &StartOptions) {
        self.start_size = start.size;
        if let Some(q) = &start.query {
            self.search.set_query(q, &self.content);
            self.nav = Nav::new(View::Search);
        }
        if let Some(tags) = &start.tough_call {
            let ids: Vec<&str> = tags.split(',').map(str::trim).filter(|t| !t.is_empty()).collect();
            match crate::coach::parse_tags(self.lib(), &ids) {
                Ok(_) => {
                    let ids = ids.iter().map(|t| t.to_string()).collect();
                    self.tough.set_tags(&self.content, ids);
                    self.tough.focus_filter = true;
                    self.nav = Nav::new(View::ToughCall);
                }
                Err(e) => self.notice = Some(format!("--tough-call: {e}")),
            }
        }
        if let Some(id) = &start.skill {
            match self.lib().skill_index(id) {
                Some(_) => self.nav = Nav::new(View::Skill(id.clone())),
                None => {
                    let hint = crate::text::did_you_mean(id, self.lib().skills.iter().map(|s| s.id.as_str()));
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

    /// Whether the keyboard legend is showing.
    pub fn legend_open(&self) -> bool {
        self.legend
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

        let top = egui::Panel::top("top-bar").show(ui, |ui| top_bar::show(ui, self.nav.current(), &self.settings));
        self.actions.append(top.inner);
        self.toast_bar(ui);
        let content = Arc::clone(&self.content);
        egui::CentralPanel::default().show(ui, |ui| {
            self.banners(ui);
            if self.legend {
                self.actions.append(legend::show(ui));
            }
            if let Some(fill) = &mut self.fill {
                self.actions.append(fill.show(ui));
            }
            let acts = match self.nav.current().clone() {
                View::Search => self.search.show(ui, &content, &self.user),
                View::Skill(id) => match content.library.skill_index(&id) {
                    Some(ix) => {
                        let scroll = std::mem::take(&mut self.skill_scroll);
                        skill_view::show(ui, &content.library, ix, self.skill_selected.as_deref(), scroll)
                    }
                    None => {
                        ui.label(format!("The skill \"{id}\" is not in the library any more."));
                        Actions::new()
                    }
                },
                View::ToughCall => self.tough.show(ui, &content, &self.user),
            };
            self.actions.append(acts);
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
        let problems = &self.content.problems;
        if !problems.is_empty() && !self.settings.compact {
            ui.horizontal_wrapped(|ui| {
                let n = problems.len();
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
                for p in problems {
                    ui.label(egui::RichText::new(p.to_string()).monospace().small());
                }
            }
        }
    }

    /// Keyboard routing, driven by the shortcut table in [`keys`]. Runs before drawing so
    /// arrows, Enter and Esc reach us, not the text box.
    fn keys(&mut self, ctx: &egui::Context) {
        if let Some(fill) = &mut self.fill {
            if keys::fired(ctx, Command::Escape, false).is_some() {
                self.fill = None;
            } else if keys::fired(ctx, Command::Activate, false).is_some() {
                fill.submit_requested = true;
            }
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        // In an empty search box `?` and `/` mean nothing as text, so they stay shortcuts there.
        let search_empty = self.nav.current() == &View::Search && self.search.query.is_empty();
        let free = !typing || search_empty;
        let fired = |c: Command| keys::fired(ctx, c, free);
        let global = [
            (Command::FocusSearch, Action::FocusSearch),
            (Command::Legend, Action::ToggleLegend),
            (Command::ToughCall, Action::Go(View::ToughCall)),
            (Command::FontBigger, Action::Font(1)),
            (Command::FontSmaller, Action::Font(-1)),
            (Command::FontReset, Action::Font(0)),
            (Command::Back, Action::Back),
        ];
        for (c, a) in global {
            if fired(c).is_some() {
                self.actions.push(a);
            }
        }
        let digit = fired(Command::CopyNth);
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
        let copy = can_copy && fired(Command::Copy).is_some();
        let delta = i32::from(fired(Command::Down).is_some()) - i32::from(fired(Command::Up).is_some());
        let enter = fired(Command::Activate).is_some();
        let esc = fired(Command::Escape).is_some();
        let content = Arc::clone(&self.content);
        let lib = &content.library;

        match self.nav.current().clone() {
            View::Search => {
                if delta != 0 {
                    self.search.move_selection(delta, &content, &self.user);
                }
                if enter || copy {
                    for a in self.search.activate(&content, &self.user, copy) {
                        self.actions.push(a);
                    }
                }
                if let Some(n) = digit
                    && let Some(p) = self.search.nth_phrase(n, &content, &self.user)
                {
                    self.actions.push(Action::CopyPhrase(p));
                }
                if esc && !self.search.escape(&content) {
                    self.actions.push(Action::Back);
                }
            }
            View::Skill(id) => {
                let Some(skill) = lib.skill(&id) else { return };
                let cards: Vec<&str> = skill.phrases.iter().map(|&p| lib.phrases[p].id.as_str()).collect();
                if delta != 0 {
                    let row = self
                        .skill_selected
                        .as_deref()
                        .and_then(|s| cards.iter().position(|c| *c == s));
                    self.skill_selected = move_selection(row, delta, cards.len()).map(|r| cards[r].to_string());
                    self.skill_scroll = true;
                }
                if (enter || copy)
                    && let Some(p) = self.skill_selected.clone()
                {
                    self.actions.push(Action::CopyPhrase(p));
                }
                if let Some(p) = digit.and_then(|n| cards.get(n)) {
                    self.actions.push(Action::CopyPhrase(p.to_string()));
                }
                if esc {
                    self.actions.push(Action::Back);
                }
            }
            View::ToughCall => {
                if delta != 0 {
                    self.tough.move_cursor(delta, &content);
                }
                if enter && let Some(t) = self.tough.cursor_tag(&content) {
                    self.actions.push(Action::ToggleTag(t));
                }
                if fired(Command::ClearTags).is_some() {
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
            Action::CopyPhrase(id) => {
                let Some(p) = self.lib().phrase_index(&id) else { return };
                let text = self.lib().phrases[p].text.clone();
                if content::placeholder::placeholders(&text).is_empty() {
                    self.apply(ctx, Action::CopyText(text, Some(id)));
                } else {
                    self.fill = Some(Fill::new(&id, &text));
                }
            }
            Action::CopyText(text, phrase) => {
                ctx.copy_text(text.clone());
                let shown: String = text.chars().take(60).collect();
                let more = if text.chars().count() > 60 { "…" } else { "" };
                self.toast = Some((format!("Copied: {shown}{more}"), ctx.input(|i| i.time)));
                self.last_copied = Some(text);
                self.fill = None;
                if let Some(id) = phrase {
                    self.user.count_copy(&id);
                    if self.nav.current() == &View::ToughCall {
                        let ids = self.tough.tags().to_vec();
                        self.user.remember_situation(&ids);
                    }
                    self.save_user();
                }
            }
            Action::OpenSkill(id) => {
                if self.lib().skill(&id).is_some() {
                    self.skill_selected = None;
                    self.nav.go(View::Skill(id));
                }
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
                match tags.iter().position(|x| *x == t) {
                    Some(i) => {
                        tags.remove(i);
                    }
                    None => tags.push(t),
                }
                self.tough.set_tags(&self.content, tags);
            }
            Action::SetTags(tags) => {
                if tags.is_empty() {
                    self.leave_tough_call();
                }
                self.tough.set_tags(&self.content, tags);
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
        let ids = self.tough.tags().to_vec();
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
        s.last_tags = self.tough.tags().to_vec();
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
