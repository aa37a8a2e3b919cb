//! The app: owns the content snapshot, settings and user data; routes keys; applies actions.

use super::action::{Action, Actions};
use super::card_form::CardForm;
use super::keys::{self, Command};
use super::nav::{Nav, View, move_selection};
use super::overlay::{self, Feedback, Place, Tone};
use super::settings::Settings;
use super::tough_call::{MESSAGE_BOX, ToughCall};
use super::tray::Tray;
use super::user::UserView;
use super::{StartOptions, fill::Fill, legend, search_panel::SearchPanel, skill_view, theme, top_bar};
use super::{huddle::HuddleView, review::ReviewView};
use crate::content::{self, Library};
use crate::live::{Content, Live, LiveConfig};
use crate::store::{CardDraft, Db, Move, Opened};
use std::sync::Arc;

/// eframe storage key for [`Settings`].
const SETTINGS_KEY: &str = "callside-settings";

/// When the process started, set only when `CALLSIDE_TRACE_FIRST_PAINT` asks for the trace.
static TRACE_START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Makes the window print, at the end of its first frame, how long after `start` (the start of
/// `main`) that was, and the wall clock; `tools/measure_start.sh` compares it with a bare eframe
/// window. `main` calls it only when `CALLSIDE_TRACE_FIRST_PAINT` is set.
pub fn trace_first_paint(start: std::time::Instant) {
    let _ = TRACE_START.set(start);
}

/// What the window needs before its first frame and can get without it: the built-in library
/// (parsed and indexed) and the rep's database, opened from this folder.
type Preloaded = (Content, Option<Result<Opened, crate::store::StoreError>>);

/// The [`preload`] under way, with the data folder it opens.
type Preloading = (Option<std::path::PathBuf>, std::thread::JoinHandle<Preloaded>);

static PRELOAD: std::sync::Mutex<Option<Preloading>> = std::sync::Mutex::new(None);

/// For the first-paint trace: ms the UI thread waited for [`preload`], and ms `from_creation` took.
static STARTUP_WAITS: std::sync::Mutex<(f64, f64)> = std::sync::Mutex::new((0.0, 0.0));

/// Loads the built-in library and opens the rep's database in `data_dir` on a thread while
/// eframe opens the window (they took about a quarter of the time to the first paint on the UI
/// thread). `main` calls it just before opening the window; [`App::from_creation`] takes the result.
pub fn preload(data_dir: Option<std::path::PathBuf>) {
    let dir = data_dir.clone();
    let job = move || (Content::builtin(), dir.as_deref().map(Db::open_in));
    if let (Ok(mut slot), Ok(handle)) = (
        PRELOAD.lock(),
        std::thread::Builder::new().name("callside-preload".into()).spawn(job),
    ) {
        *slot = Some((data_dir, handle));
    }
}

/// The preloaded library and database for `data_dir`, or both made now (no preload, another
/// folder, or the thread failed).
fn take_preloaded(data_dir: Option<&std::path::Path>) -> Preloaded {
    let preloaded = PRELOAD.lock().ok().and_then(|mut slot| slot.take());
    let asked = std::time::Instant::now();
    if let Some((dir, handle)) = preloaded
        && dir.as_deref() == data_dir
        && let Ok(done) = handle.join()
    {
        if let Ok(mut w) = STARTUP_WAITS.lock() {
            w.0 = asked.elapsed().as_secs_f64() * 1000.0;
        }
        return done;
    }
    (Content::builtin(), data_dir.map(Db::open_in))
}

/// Start-up work run once the first frame is painted.
type StartUp = Box<dyn FnOnce(&mut App, &egui::Context)>;

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
    /// The huddle presentation.
    pub huddle: HuddleView,
    /// The daily review (its database and clock can be set for tests).
    pub review: ReviewView,
    /// The phrase card (id) picked with the arrow keys on a skill's page.
    skill_selected: Option<String>,
    /// Scroll the selected phrase card into view on the next frame.
    skill_scroll: bool,
    /// The skill page shows "About this skill" (L toggles it with the cards).
    skill_about: bool,
    /// Where the skill page scrolls on the next frame (after L).
    skill_jump: Option<skill_view::Jump>,
    fill: Option<Fill>,
    legend: bool,
    /// The packs settings, when open.
    packs: Option<super::packs_panel::PacksPanel>,
    /// Pack folders and files from the start (personal `packs/`, `--pack`), before the team folder.
    base_roots: Vec<std::path::PathBuf>,
    /// What the loader reads and watches now.
    watching: Vec<String>,
    show_problems: bool,
    /// The last text put on the clipboard (also visible in egui's output).
    pub last_copied: Option<String>,
    user: UserView,
    notice: Option<String>,
    /// The card form, when open.
    card_form: Option<CardForm>,
    /// The reply being built from several cards.
    pub tray: Tray,
    /// The card deleted last (for undo).
    deleted: Option<String>,
    /// The rep's own cards changed: send them to the loader at the next frame.
    mine_dirty: bool,
    actions: Actions,
    /// A window size asked for on the command line, sent to the window on the first frame.
    start_size: Option<[f32; 2]>,
    /// Requests from a second `callside` start (see [`crate::instance`]).
    inbox: Option<std::sync::mpsc::Receiver<crate::instance::Request>>,
    /// The global summon key, once taken (see [`crate::summon`]).
    summon_key: Option<crate::summon::SummonKey>,
    /// Set by the summon key's thread; read (and cleared) on the next frame.
    summoned: Arc<std::sync::atomic::AtomicBool>,
    /// How the summon key stands, for the settings menu.
    summon_note: Option<String>,
    /// The pack loader and watcher, when packs are in use.
    live: Option<Live>,
    /// Packs are still loading (the built-in library shows meanwhile).
    loading: bool,
    /// Toasts for copies, saves and reload problems (raised only in [`App::apply`]).
    feedback: Feedback,
    /// Whether the window had the keyboard focus last frame.
    focused: bool,
    /// Process start, until the first frame has been traced (see [`trace_first_paint`]).
    first_paint: Option<std::time::Instant>,
    /// Start-up work that waits for the first frame to be on screen (run on the second frame).
    after_first_frame: Option<StartUp>,
    /// Whether a frame has been drawn.
    drew_a_frame: bool,
}

impl Default for App {
    /// The built-in library, default settings, nothing saved: for tests and previews.
    fn default() -> Self {
        App::new(Arc::new(Content::builtin()), Settings::default(), None)
    }
}

impl App {
    /// An app over some content, with saved settings and the rep's data (`None`: kept in
    /// memory, nothing saved).
    pub fn new(content: Arc<Content>, settings: Settings, store: Option<Opened>) -> App {
        let (user, notes) = UserView::open(store);
        let notice = (!notes.is_empty()).then(|| notes.join(" "));
        let mut app = App {
            content,
            nav: Nav::new(View::Search),
            search: SearchPanel::default(),
            tough: ToughCall::default(),
            huddle: HuddleView::default(),
            review: ReviewView::default(),
            skill_selected: None,
            skill_scroll: false,
            skill_about: false,
            skill_jump: None,
            fill: None,
            legend: false,
            packs: None,
            base_roots: Vec::new(),
            watching: Vec::new(),
            show_problems: false,
            last_copied: None,
            mine_dirty: !user.own.is_empty(),
            user,
            notice,
            card_form: None,
            tray: Tray::default(),
            deleted: None,
            actions: Actions::new(),
            start_size: None,
            inbox: None,
            summon_key: None,
            summoned: Arc::default(),
            summon_note: None,
            applied: None,
            settings: Settings::default(),
            live: None,
            loading: false,
            focused: true,
            feedback: Feedback::default(),
            first_paint: TRACE_START.get().copied(),
            after_first_frame: None,
            drew_a_frame: false,
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
        self.tray.refind(&self.content.library);
        let q = self.search.query.clone();
        self.search.set_query(&q, &self.content);
    }

    /// Restores what was showing last time.
    fn restore(&mut self, settings: Settings) {
        let settings = settings.sanitized();
        self.search.set_query(&settings.last_query, &self.content);
        self.tough.set_tags(&self.content, settings.last_tags.clone());
        let view = match &settings.last_view {
            View::Skill(id) if self.lib().skill(id).is_none() => View::Search,
            v => v.clone(),
        };
        self.tough.focus_filter = view == View::ToughCall;
        self.nav = Nav::new(view);
        self.huddle.set_scale(settings.huddle_scale);
        self.settings = settings;
    }

    /// Builds the app for eframe: saved settings, user data and the start flags, on the
    /// built-in library at once; packs load on a worker thread and are swapped in when ready.
    pub fn from_creation(cc: &eframe::CreationContext<'_>, start: StartOptions) -> App {
        let began = std::time::Instant::now();
        let app = App::create(cc, start);
        if let Ok(mut w) = STARTUP_WAITS.lock() {
            w.1 = began.elapsed().as_secs_f64() * 1000.0;
        }
        app
    }

    /// The work of [`App::from_creation`].
    fn create(cc: &eframe::CreationContext<'_>, start: StartOptions) -> App {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value::<Settings>(s, SETTINGS_KEY))
            .map(Settings::sanitized)
            .unwrap_or_default();
        let mut roots = start.packs.clone();
        let base_roots = roots.clone();
        let team = start.team_folder.clone().or_else(|| {
            Some(settings.team_folder.trim())
                .filter(|t| !t.is_empty())
                .map(Into::into)
        });
        let mut config = LiveConfig::new(Vec::new());
        if let Some(team) = team {
            if start.poll || settings.poll_team_folder {
                config.poll.push(team.clone());
            }
            roots.push(team);
        }
        config.roots = roots;
        let mut notice = None;
        let (builtin, opened) = take_preloaded(start.data_dir.as_deref());
        let store = start
            .data_dir
            .as_deref()
            .zip(opened)
            .and_then(|(d, opened)| match opened {
                Ok(o) => Some(o),
                Err(e) => {
                    notice = Some(format!(
                        "Your data in {} could not be opened ({e}); nothing you do now is saved.",
                        d.display()
                    ));
                    None
                }
            });
        let mut app = App::new(Arc::new(builtin), settings, store);
        if notice.is_some() {
            app.notice = notice;
        }
        let db = start.data_dir.as_ref().map(|d| d.join(crate::store::DB_FILE));
        app.review = ReviewView::new(db, super::review::system_clock());
        app.base_roots = base_roots;
        app.apply_start(&start);
        let mut live = None;
        if !config.roots.is_empty() || !app.user.own.is_empty() {
            config.mine = (!app.user.own.is_empty()).then(|| app.user.own_source());
            // Usually the packs folder is empty: then the loader only watches, and the library
            // is not parsed and indexed a second time (memory peak, CPU at start).
            config.builtin_shown = config.mine.is_none() && crate::live::packs::list_files(&config.roots).is_empty();
            // The loader starts with the own cards: the first frame must not start another.
            app.mine_dirty = false;
            live = Some(config);
        }
        // Threads, sockets and X requests wait until the first frame is on screen: the
        // loader and watchers, the handoff socket and the summon key.
        let socket = start.data_dir.as_ref().map(|dir| crate::instance::socket_path(dir));
        app.after_first_frame = Some(Box::new(move |app: &mut App, ctx: &egui::Context| {
            if let Some(config) = live {
                app.start_live(config, ctx);
            }
            if let Some(socket) = socket {
                app.inbox = listen(&socket, ctx);
            }
            let key = app.settings.summon_key.clone();
            app.take_summon_key(ctx, &key);
        }));
        app
    }

    /// Grabs `key` as the global summon key (or says why it cannot be had).
    fn take_summon_key(&mut self, ctx: &egui::Context, key: &str) {
        if crate::summon::wayland_session() {
            self.summon_note = Some(
                "Wayland does not let apps take a global key. Bind `callside --show` to a \
                 shortcut in your desktop's keyboard settings instead."
                    .into(),
            );
            return;
        }
        if key.trim().is_empty() {
            // Off: no key is held and no listener thread runs.
            self.summon_key = None;
            self.settings.summon_key = String::new();
            self.summon_note = Some("No summon key (type one to use it).".into());
            return;
        }
        let flag = Arc::clone(&self.summoned);
        let ctx = ctx.clone();
        let on_press = move || {
            flag.store(true, std::sync::atomic::Ordering::Relaxed);
            ctx.request_repaint();
        };
        let result = match &mut self.summon_key {
            Some(k) => k.change(key, on_press),
            None => crate::summon::SummonKey::register(key, on_press).map(|k| self.summon_key = Some(k)),
        };
        match result {
            Ok(()) => {
                self.settings.summon_key = key.trim().to_string();
                self.summon_note = Some(format!("{} shows or hides this window.", self.settings.summon_key));
            }
            Err(e) => self.summon_note = Some(e),
        }
    }

    /// The summon key was pressed: hide the window if it is in front, else bring it forward.
    fn toggle_summoned(&mut self, ctx: &egui::Context) {
        if !self.summoned.swap(false, std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let in_front = ctx.input(|i| i.viewport().focused == Some(true) && i.viewport().minimized != Some(true));
        if in_front {
            ctx.send_viewport_cmd(egui::ViewportCommand::Minimized(true));
        } else {
            self.summon(ctx);
        }
    }

    /// Applies what a second start asked for, then brings the window forward with the search
    /// text selected.
    fn take_requests(&mut self, ctx: &egui::Context) {
        let Some(inbox) = &self.inbox else { return };
        let got: Vec<_> = inbox.try_iter().collect();
        for r in got {
            self.apply_start(&StartOptions {
                query: r.query,
                skill: r.skill,
                tough_call: r.tough_call,
                message: r.message,
                ..StartOptions::default()
            });
            self.summon(ctx);
        }
    }

    /// Shows and focuses the window; the search box gets the keyboard with its text selected.
    pub fn summon(&mut self, ctx: &egui::Context) {
        ctx.send_viewport_cmd(egui::ViewportCommand::Visible(true));
        ctx.send_viewport_cmd(egui::ViewportCommand::Minimized(false));
        ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
        if self.nav.current() == &View::Search {
            self.search.focus = true;
        }
    }

    /// Starts loading and watching packs; each new content is swapped in at the start of the
    /// next frame (the loader asks `ctx` for that frame).
    pub fn start_live(&mut self, config: LiveConfig, ctx: &egui::Context) {
        self.watching = config.roots.iter().map(|r| r.display().to_string()).collect();
        let ctx = ctx.clone();
        self.loading = !config.builtin_shown;
        self.live = Some(Live::start(config, move || ctx.request_repaint()));
    }

    /// Takes in content from the loader: swaps it in and tells about new problems.
    fn take_content(&mut self, content: Arc<Content>, toast_chars: usize) {
        let old: std::collections::HashSet<String> = self.content.problems.iter().map(|p| p.to_string()).collect();
        let new: Vec<String> = content
            .problems
            .iter()
            .filter(|p| !old.contains(&p.to_string()))
            .map(|p| short_problem(p, toast_chars))
            .collect();
        if let Some(first) = new.first() {
            let more = if new.len() > 1 {
                format!("\n…and {} more in the problems list", new.len() - 1)
            } else {
                String::new()
            };
            self.actions.push(Action::Notify {
                text: format!("{first}{more}"),
                problem: true,
            });
        }
        self.loading = false;
        self.swap_content(content);
        give_back_freed_memory();
    }

    /// Applies `--query`, `--skill`, `--tough-call`, `--new-card`, `--reply` and `--theme`.
    pub fn apply_start(&mut self, start: &StartOptions) {
        self.start_size = start.size;
        if start.new_card {
            self.card_form = Some(CardForm::new(CardDraft::default(), None));
        }
        for id in start
            .reply
            .iter()
            .flat_map(|r| r.split(','))
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            if self.lib().phrase_index(id).is_some() {
                self.tray.add(id);
            } else {
                self.notice = Some(format!("--reply: no card has the id \"{id}\""));
            }
        }
        if let Some(t) = start.theme {
            self.settings.theme = t;
        }
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
        if let Some(m) = &start.message {
            self.tough.set_message(m);
            self.tough.focus_filter = true;
            self.nav = Nav::new(View::ToughCall);
        }
        if start.huddle {
            self.nav = Nav::new(View::Huddle);
        }
        if start.review {
            self.nav = Nav::new(View::Review);
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
        if self.drew_a_frame
            && let Some(start) = self.after_first_frame.take()
        {
            start(self, &ctx);
        }
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
        // Coming back to the window: pick up what a `callside` command or another window wrote
        // meanwhile (favorites, cards). Only then, never every frame.
        let focused = ctx.input(|i| i.focused);
        if focused && !self.focused {
            match self.user.reload_if_changed() {
                Ok(true) => self.mine_dirty = true,
                Ok(false) => {}
                Err(e) => self.notice = Some(format!("Could not read your data: {e}")),
            }
        }
        self.focused = focused;
        if std::mem::take(&mut self.mine_dirty) {
            // Own cards are loaded and indexed on the loader thread, like packs.
            let mine = Some(self.user.own_source());
            match &self.live {
                Some(live) => live.set_mine(mine),
                None => {
                    let config = LiveConfig {
                        watch: false,
                        mine,
                        ..LiveConfig::new(Vec::new())
                    };
                    self.start_live(config, &ctx);
                }
            }
        }
        if let Some(c) = self.live.as_ref().and_then(Live::latest) {
            // Toasts do not wrap: keep them as wide as the window allows (about 7.5 px a character).
            let chars = ((ctx.content_rect().width() - 70.0) / 7.5).max(20.0) as usize;
            self.take_content(c, chars);
        }
        self.take_requests(&ctx);
        self.toggle_summoned(&ctx);
        self.keys(&ctx);

        // Full screen, a huddle is the whole screen.
        let mut page_top = ui.max_rect().top();
        if !(self.huddle.fullscreen && self.nav.current() == &View::Huddle) {
            let top = egui::Panel::top("top-bar").show(ui, |ui| {
                top_bar::show(ui, self.nav.current(), &self.settings, self.summon_note.as_deref())
            });
            self.actions.append(top.inner);
            page_top = top.response.rect.bottom();
        }
        // Overlays float above the page: the search box never moves.
        let banners = self.loading
            || self.deleted.is_some()
            || self.notice.is_some()
            || (!self.content.problems.is_empty() && !self.settings.compact);
        // Toasts keep clear of the banners (at 360 px they would cover the banner's buttons).
        let mut toast_lift = 0.0;
        if banners {
            let shown = overlay::show(&ctx, "banners", Place::Bottom, page_top, |ui| {
                overlay::card(ui, |ui| self.banners(ui));
            });
            toast_lift = ctx.content_rect().bottom() - shown.response.rect.top();
        }
        if self.legend {
            let acts = overlay::show(&ctx, "legend", Place::Top, page_top, legend::show);
            self.actions.append(acts.inner);
        }
        if let Some(fill) = &mut self.fill {
            let acts = overlay::show(&ctx, "fill", Place::Top, page_top, |ui| fill.show(ui));
            self.actions.append(acts.inner);
        }
        let content = Arc::clone(&self.content);
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(p) = &mut self.packs {
                self.actions.append(p.show(ui, &self.watching));
            }
            if let Some(form) = &mut self.card_form {
                // The form has the window to itself until it is saved or closed.
                egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                    self.actions.append(form.show(ui, &content.library));
                });
                return;
            }
            self.actions.append(self.tray.show(ui, &content.library));
            // On wide windows what is read sits in a readable column, centred.
            let acts = match self.nav.current().clone() {
                View::Search => theme::page(ui, |ui| self.search.show(ui, &content, &self.user)),
                View::Skill(id) => match content.library.skill_index(&id) {
                    Some(ix) => {
                        let scroll = std::mem::take(&mut self.skill_scroll);
                        let jump = self.skill_jump.take();
                        let sel = self.skill_selected.as_deref();
                        let user = &self.user;
                        // It makes its own readable column(s).
                        skill_view::show(ui, &content.library, ix, sel, scroll, jump, user)
                    }
                    None => {
                        ui.label(format!("The skill \"{id}\" is not in the library any more."));
                        Actions::new()
                    }
                },
                View::ToughCall => self.tough.show(ui, &content, &self.user),
                View::Huddle => self.huddle.show(ui, &content.library),
                View::Review => self.review.show(ui, &content),
            };
            self.actions.append(acts);
        });
        let actions = std::mem::take(&mut self.actions);
        if !actions.is_empty() {
            // What they changed was drawn before it changed: draw once more.
            ctx.request_repaint();
        }
        for a in actions {
            self.apply(&ctx, a);
        }
        self.feedback.show(&ctx, toast_lift);
        if let Some(start) = self.first_paint.take() {
            trace_frame(start);
        }
        if !self.drew_a_frame {
            self.drew_a_frame = true;
            if self.after_first_frame.is_some() {
                // The start-up work left runs in the next frame, after this one is painted.
                ctx.request_repaint();
            }
        }
    }

    /// What the toast showing now says, if one shows (the same words screen readers get).
    pub fn toast(&self) -> Option<&str> {
        self.feedback.showing()
    }

    fn banners(&mut self, ui: &mut egui::Ui) {
        if self.loading {
            ui.label(
                egui::RichText::new("Loading packs… (the built-in library is ready)")
                    .small()
                    .weak(),
            );
        }
        if let Some(id) = self.deleted.clone() {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("Your card {id} was deleted."));
                if ui.small_button("Undo").on_hover_text("Ctrl+Z").clicked() {
                    self.actions.push(Action::UndoDelete);
                }
            });
        }
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
                // Only the rows on screen are laid out: a pack with 100,000 problems costs
                // no more per frame than one with ten.
                let row = ui.text_style_height(&egui::TextStyle::Small);
                egui::ScrollArea::both()
                    .id_salt("problems")
                    .max_height(row * 12.0)
                    .auto_shrink([false, true])
                    .show_rows(ui, row, problems.len(), |ui, rows| {
                        for p in &problems[rows] {
                            let text = egui::RichText::new(p.to_string()).monospace().small();
                            ui.add(egui::Label::new(text).extend());
                        }
                    });
            }
        }
    }

    /// Keyboard routing, driven by the shortcut table in [`keys`]. Runs before drawing so
    /// arrows, Enter and Esc reach us, not the text box.
    fn keys(&mut self, ctx: &egui::Context) {
        if let Some(form) = &mut self.card_form {
            if keys::fired(ctx, Command::Escape, false).is_some() {
                self.card_form = None;
            } else if keys::fired(ctx, Command::SaveCard, false).is_some()
                && let Some(a) = form.submit(&self.content.library)
            {
                self.actions.push(a);
            }
            return;
        }
        if let Some(fill) = &mut self.fill {
            if keys::fired(ctx, Command::Escape, false).is_some() {
                self.fill = None;
            } else if keys::fired(ctx, Command::Activate, false).is_some() {
                fill.submit_requested = true;
            }
            return;
        }
        // The huddle and the review have no text box and keys of their own.
        match self.nav.current() {
            View::Huddle => return self.actions.append(self.huddle.keys(ctx)),
            View::Review => {
                let content = Arc::clone(&self.content);
                return self.actions.append(self.review.keys(ctx, &content));
            }
            _ => {}
        }
        // Typing means a text box has the keyboard (a button reached with Tab does not count).
        let typing = ctx.text_edit_focused();
        // In an empty search box `?` and `/` mean nothing as text, so they stay shortcuts there.
        let search_empty = self.nav.current() == &View::Search && self.search.query.is_empty();
        let free = !typing || search_empty;
        let fired = |c: Command| keys::fired(ctx, c, free);
        let global = [
            (Command::FocusSearch, Action::FocusSearch),
            (Command::Legend, Action::ToggleLegend),
            (Command::ToughCall, Action::Go(View::ToughCall)),
            (Command::Huddle, Action::Go(View::Huddle)),
            (Command::Review, Action::Go(View::Review)),
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
        if fired(Command::NewCard).is_some() {
            self.actions.push(Action::NewCard(None));
        }
        if fired(Command::CopyReply).is_some()
            && let Some(a) = self.tray.submit(&self.content.library)
        {
            self.actions.push(a);
        }
        if !typing && fired(Command::Undo).is_some() {
            self.actions.push(Action::UndoDelete);
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
                View::ToughCall | View::Huddle | View::Review => false,
            };
        let copy = can_copy && fired(Command::Copy).is_some();
        // The selected thing, for starring, moving favorites and the reply tray.
        let (selected, selected_card) = match self.nav.current() {
            View::Search => (
                self.search.selected_id().map(str::to_string),
                self.search.selected_card().map(str::to_string),
            ),
            View::Skill(_) => (self.skill_selected.clone(), self.skill_selected.clone()),
            View::ToughCall | View::Huddle | View::Review => (None, None),
        };
        if let Some(id) = &selected {
            if fired(Command::Star).is_some() {
                self.actions.push(Action::ToggleFavorite(id.clone()));
            }
            if self.user.is_favorite(id) {
                if fired(Command::FavoriteUp).is_some() {
                    self.actions.push(Action::MoveFavorite(id.clone(), -1));
                }
                if fired(Command::FavoriteDown).is_some() {
                    self.actions.push(Action::MoveFavorite(id.clone(), 1));
                }
            }
        }
        if let Some(id) = selected_card
            && fired(Command::AddToReply).is_some()
        {
            self.actions.push(Action::AddToTray(id));
        }
        let delta = i32::from(fired(Command::Down).is_some()) - i32::from(fired(Command::Up).is_some());
        // Before plain Enter, which would also take Alt+Enter (egui ignores Alt when matching).
        let skill_hit = fired(Command::OpenSkillHit).is_some();
        // A control reached with Tab (not a text box) takes Enter itself, as egui's buttons do.
        let tabbed = ctx.memory(|m| m.focused()).is_some() && !ctx.text_edit_focused();
        let enter = !tabbed && fired(Command::Activate).is_some();
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
                if let Some(id) = skill_hit.then(|| self.search.first_skill(lib)).flatten() {
                    self.actions.push(Action::OpenSkill(id));
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
                if fired(Command::SkillAbout).is_some() {
                    self.skill_about = !self.skill_about;
                    self.skill_jump = Some(if self.skill_about {
                        skill_view::Jump::About
                    } else {
                        skill_view::Jump::Cards
                    });
                }
                if esc {
                    self.actions.push(Action::Back);
                }
            }
            View::ToughCall => {
                // With the keyboard on a chip (Tab), the arrows move egui's focus between chips.
                if delta != 0 && !tabbed {
                    self.tough.move_cursor(delta, &content);
                }
                if enter && let Some(t) = self.tough.cursor_tag(&content) {
                    self.actions.push(Action::ToggleTag(t));
                }
                if fired(Command::ClearTags).is_some() {
                    self.actions.push(Action::SetTags(Vec::new()));
                }
                if self.tough.filter_is_empty()
                    && !tabbed
                    && fired(Command::RemoveLastTag).is_some()
                    && let Some(last) = self.tough.tags().last()
                {
                    self.actions.push(Action::ToggleTag(last.clone()));
                }
                if let Some(p) = digit.and_then(|n| self.tough.nth_phrase(n)) {
                    self.actions.push(Action::CopyPhrase(p));
                }
                if esc && !self.tough.escape() {
                    self.actions.push(Action::Back);
                }
            }
            View::Huddle | View::Review => {}
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
                self.feedback.raise(ctx, Tone::Done, format!("Copied: {shown}{more}"));
                self.last_copied = Some(text);
                self.fill = None;
                if let Some(id) = phrase {
                    let mut r = self.user.record_copy(&id);
                    if self.nav.current() == &View::ToughCall {
                        let ids = self.tough.tags().to_vec();
                        r = r.and(self.user.remember_situation(&ids));
                    }
                    self.saved(r);
                }
            }
            Action::OpenSkill(id) => {
                if self.lib().skill(&id).is_some() {
                    self.skill_selected = None;
                    self.skill_about = false;
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
            Action::TogglePacks => {
                self.packs = match self.packs.take() {
                    Some(_) => None,
                    None => Some(super::packs_panel::PacksPanel {
                        team_folder: self.settings.team_folder.clone(),
                        poll: self.settings.poll_team_folder,
                    }),
                }
            }
            Action::SetTeamFolder(folder, poll) => {
                self.settings.team_folder = folder.clone();
                self.settings.poll_team_folder = poll;
                let mut config = LiveConfig::new(self.base_roots.clone());
                if !folder.is_empty() {
                    let path = std::path::PathBuf::from(&folder);
                    if !path.is_dir() {
                        self.notice = Some(format!(
                            "The team folder {folder} is not a folder I can read (yet); it is watched anyway."
                        ));
                    }
                    if poll {
                        config.poll.push(path.clone());
                    }
                    config.roots.push(path);
                }
                config.mine = Some(self.user.own_source());
                self.mine_dirty = false;
                // The old loader and its watchers stop when dropped.
                self.start_live(config, ctx);
                self.packs = None;
            }
            Action::CancelFill => self.fill = None,
            Action::SetSummonKey(k) => self.take_summon_key(ctx, &k),
            Action::FullScreen(on) => ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on)),
            Action::ToggleFavorite(id) => {
                let r = self.user.toggle_favorite(&id).map(|on| {
                    let what = if on { "Starred" } else { "Unstarred" };
                    let text = format!("{what}: {}", self.describe(&id));
                    self.feedback.raise(ctx, Tone::Done, text);
                });
                self.saved(r);
            }
            Action::MoveFavorite(id, delta) => {
                let to = if delta < 0 { Move::Up } else { Move::Down };
                let r = self.user.move_favorite(&id, to).map(|_| ());
                self.saved(r);
            }
            Action::NewCard(from) => {
                let draft = from
                    .as_deref()
                    .and_then(|id| CardDraft::from_card(self.lib(), id))
                    .or_else(|| match self.nav.current() {
                        View::Skill(s) => Some(CardDraft {
                            skill: s.clone(),
                            ..CardDraft::default()
                        }),
                        _ => None,
                    })
                    .unwrap_or_default();
                self.card_form = Some(CardForm::new(draft, None));
            }
            Action::EditCard(id) => {
                if let Some(card) = self.user.own.iter().find(|c| c.id == id) {
                    self.card_form = Some(CardForm::new(card.draft(), Some(id)));
                }
            }
            Action::SaveCard(draft, editing) => match self.user.save_card(&draft, editing.as_deref()) {
                Ok(card) => {
                    self.card_form = None;
                    self.mine_dirty = true;
                    self.feedback.raise(ctx, Tone::Done, "Saved as your card");
                    if self.nav.current() == &View::Search {
                        self.search.select_card(&card.id);
                    }
                }
                Err(e) => {
                    if let Some(f) = &mut self.card_form {
                        f.fail(e);
                    }
                }
            },
            Action::CloseCardForm => self.card_form = None,
            Action::DeleteCard(id) => {
                let r = self.user.delete_card(&id).map(|c| {
                    self.deleted = Some(c.id);
                    self.card_form = None;
                    self.mine_dirty = true;
                });
                if r.is_ok() {
                    self.feedback
                        .raise(ctx, Tone::Done, "Deleted your card (Ctrl+Z brings it back)");
                }
                self.saved(r);
            }
            Action::UndoDelete => {
                if let Some(id) = self.deleted.take() {
                    let r = self.user.restore_card(&id).map(|_| self.mine_dirty = true);
                    if r.is_ok() {
                        self.feedback.raise(ctx, Tone::Done, "Your card is back");
                    }
                    self.saved(r);
                }
            }
            Action::ExportMine => self.export_mine(ctx),
            Action::AddToTray(id) => {
                self.tray.add(&id);
                let text = format!("Added to the reply ({} cards)", self.tray.cards().len());
                self.feedback.raise(ctx, Tone::Done, text);
            }
            Action::MoveInTray(at, delta) => self.tray.shift(at, delta),
            Action::RemoveFromTray(at) => self.tray.remove(at),
            Action::ClearTray => self.tray.clear(),
            Action::Notify { text, problem } => {
                let tone = if problem { Tone::Problem } else { Tone::Done };
                self.feedback.raise(ctx, tone, text);
            }
            Action::CopyReply(text) => {
                let ids = self.tray.cards().to_vec();
                self.apply(ctx, Action::CopyText(text, None));
                let r = self.user.record_copies(&ids);
                self.saved(r);
                self.tray.clear();
            }
        }
    }

    /// Remembers the current tough-call situation as a recent one.
    fn leave_tough_call(&mut self) {
        let ids = self.tough.tags().to_vec();
        if !ids.is_empty() && self.user.recent_situations.first() != Some(&ids) {
            let r = self.user.remember_situation(&ids);
            self.saved(r);
        }
    }

    /// Shows a failed save as a notice (the rep's data is never dropped silently).
    fn saved(&mut self, r: Result<(), String>) {
        if let Err(e) = r {
            self.notice = Some(format!("Could not save your data: {e}"));
        }
    }

    /// A skill's or card's name for a message.
    fn describe(&self, id: &str) -> String {
        let lib = self.lib();
        if let Some(p) = lib.phrase_index(id) {
            let t: String = lib.phrases[p].text.chars().take(40).collect();
            format!("“{t}…”")
        } else {
            lib.skill(id).map_or(id.to_string(), |s| s.name.clone())
        }
    }

    /// Writes the rep's own cards as a pack (`exports/my-cards.ron` in the data folder).
    fn export_mine(&mut self, ctx: &egui::Context) {
        if self.user.own.is_empty() {
            self.notice = Some("You have no cards of your own to export yet (Ctrl+N writes one).".into());
            return;
        }
        let dir = self.user.folder().unwrap_or_else(std::env::temp_dir).join("exports");
        let path = dir.join("my-cards.ron");
        let text = self.user.export_text();
        let r = std::fs::create_dir_all(&dir).and_then(|_| crate::store::write_atomic(&path, text.as_bytes()));
        match r {
            Ok(()) => {
                let text = format!(
                    "Exported {} card(s) to {}: give it to your team lead for the team folder.",
                    self.user.own.len(),
                    path.display()
                );
                self.feedback.raise(ctx, Tone::Done, text);
            }
            Err(e) => self.notice = Some(format!("Could not export to {}: {e}", path.display())),
        }
    }

    /// The rep's data as the window shows it.
    pub fn user(&self) -> &UserView {
        &self.user
    }

    /// Settings as they should be saved now (with the current view, query and tags).
    pub fn settings_to_save(&self) -> Settings {
        let mut s = self.settings.clone();
        s.last_view = self.nav.current().clone();
        s.last_query = self.search.query.clone();
        s.last_tags = self.tough.tags().to_vec();
        s.huddle_scale = self.huddle.scale;
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

/// Listens for a second start's requests; each one wakes the window. None when another window
/// already listens or the socket cannot be made (then this window simply works alone).
fn listen(path: &std::path::Path, ctx: &egui::Context) -> Option<std::sync::mpsc::Receiver<crate::instance::Request>> {
    let listener = crate::instance::Listener::bind(path).ok()?;
    let (tx, rx) = std::sync::mpsc::channel();
    let ctx = ctx.clone();
    listener
        .serve(move |r| {
            if tx.send(r).is_ok() {
                ctx.request_repaint();
            }
        })
        .ok()?;
    Some(rx)
}

/// A problem in a few words for a toast: the file's name (not its folder), where, and the start
/// of the message (the problems list has it whole).
fn short_problem(p: &crate::content::Problem, max: usize) -> String {
    let name = std::path::Path::new(&p.path)
        .file_name()
        .map_or_else(|| p.path.clone(), |n| n.to_string_lossy().into_owned());
    let full = format!("{name}:{}:{}: {}", p.line, p.col, p.message);
    if full.chars().count() > max {
        format!("{}…", full.chars().take(max.saturating_sub(1)).collect::<String>())
    } else {
        full
    }
}

/// Hands freed heap pages back to the system. glibc keeps them otherwise, and a content swap
/// frees a whole library and its index (the first one, at start, several MiB for good).
fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns memory that is already free; no live allocation moves.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Prints the first-paint trace line (the same line `examples/bare_window.rs` prints).
fn trace_frame(start: std::time::Instant) {
    use std::io::Write;
    let epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let cpu = cpu_ms();
    let (waited, created) = STARTUP_WAITS.lock().map_or((0.0, 0.0), |w| *w);
    let _ = writeln!(
        std::io::stderr(),
        "first paint: {ms:.1} ms after main; epoch_ms={epoch}; cpu_ms={cpu:.1}; \
         preload_wait_ms={waited:.1}; app_create_ms={created:.1}"
    );
}

/// CPU time of all this process's threads so far, in ms (Linux's per-thread schedstat; 0 elsewhere).
/// Unlike wall time it hardly changes when other programs keep the machine busy.
fn cpu_ms() -> f64 {
    let ns: u64 = std::fs::read_dir("/proc/self/task")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next().and_then(|n| n.parse::<u64>().ok()))
        .sum();
    ns as f64 / 1e6
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
