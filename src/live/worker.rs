//! The loader thread: reads and indexes packs off the UI thread, rescans when a watched folder
//! changes (once per debounced batch), and hands each new [`Content`] over a channel.

use super::content::Content;
use super::packs::PackSet;
use super::watch::{self, Watch};
use crate::content::{Problem, ProblemKind, Source};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

/// How long one pack may take to load before it is abandoned.
pub const PACK_TIMEOUT: Duration = Duration::from_secs(3);

/// What to load and watch.
#[derive(Debug, Clone)]
pub struct LiveConfig {
    /// Pack folders and files, in load order (personal `packs/`, `--pack`, the team folder).
    pub roots: Vec<PathBuf>,
    /// Watch the roots for changes.
    pub watch: bool,
    /// Roots to poll rather than wait for change events (besides detected network drives).
    pub poll: Vec<PathBuf>,
    /// How long one pack may take to load.
    pub timeout: Duration,
    /// The rep's own cards as a pack, loaded last.
    pub mine: Option<Source>,
    /// The window already shows the built-in library: if the roots hold no pack (and there are
    /// no own cards), send nothing until something changes, instead of a second, equal copy.
    pub builtin_shown: bool,
}

impl LiveConfig {
    /// Load and watch `roots` with the default timeout.
    pub fn new(roots: Vec<PathBuf>) -> LiveConfig {
        LiveConfig {
            roots,
            watch: true,
            poll: Vec::new(),
            timeout: PACK_TIMEOUT,
            mine: None,
            builtin_shown: false,
        }
    }
}

enum Cmd {
    Rescan,
    Mine(Option<Source>),
}

/// The running loader. Drop it to stop loading and watching.
pub struct Live {
    rx: Receiver<Arc<Content>>,
    tx: Sender<Cmd>,
    _watch: Option<Watch>,
}

impl Live {
    /// Starts loading on a worker thread. `wake` is called after each new content is sent (the
    /// window passes its repaint request); it runs on the worker thread.
    pub fn start(config: LiveConfig, wake: impl Fn() + Send + Sync + 'static) -> Live {
        let (tx, cmd_rx) = mpsc::channel::<Cmd>();
        let (out_tx, rx) = mpsc::channel();
        let watch = config.watch.then(|| {
            let tx = tx.clone();
            let polled = config.poll.clone();
            watch::watch(
                &config.roots,
                move |p| polled.iter().any(|x| x == p) || watch::is_network_path(p),
                move || {
                    let _ = tx.send(Cmd::Rescan);
                },
            )
        });
        let watch_errors: Vec<Problem> = watch
            .iter()
            .flat_map(|w| w.errors.iter())
            .map(|e| Problem::error("watch", (1, 1), ProblemKind::Unreadable, e.clone()))
            .collect();
        let has_mine = config.mine.is_some();
        let builtin_shown = config.builtin_shown;
        let mut set = PackSet::new(config.roots, config.timeout);
        set.set_mine(config.mine);
        let spawned = std::thread::Builder::new()
            .name("callside-loader".into())
            .spawn(move || {
                let found = set.rescan();
                let nothing_new = builtin_shown && !found && !has_mine && watch_errors.is_empty();
                let send = |set: &PackSet| {
                    let mut loaded = set.load();
                    loaded.problems.extend(watch_errors.iter().cloned());
                    let ok = out_tx.send(Arc::new(Content::new(loaded))).is_ok();
                    wake();
                    ok
                };
                if !nothing_new && !send(&set) {
                    return;
                }
                while let Ok(first) = cmd_rx.recv() {
                    // One batch: everything that queued up while we were busy.
                    let mut changed = false;
                    let mut rescan = false;
                    for cmd in std::iter::once(first).chain(cmd_rx.try_iter()) {
                        match cmd {
                            Cmd::Rescan => rescan = true,
                            Cmd::Mine(m) => changed |= set.set_mine(m),
                        }
                    }
                    if rescan {
                        changed |= set.rescan();
                    }
                    if changed && !send(&set) {
                        return;
                    }
                }
            });
        if let Err(e) = spawned {
            // No thread: the window keeps the built-in library; say why on stderr if it is open.
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "callside: packs not loaded: no loader thread ({e})");
        }
        Live { rx, tx, _watch: watch }
    }

    /// The newest content sent since the last call, if any (older ones are skipped).
    pub fn latest(&self) -> Option<Arc<Content>> {
        self.rx.try_iter().last()
    }

    /// Waits up to `timeout` for new content (for tests and the command line).
    pub fn wait(&self, timeout: Duration) -> Option<Arc<Content>> {
        let first = self.rx.recv_timeout(timeout).ok()?;
        Some(self.latest().unwrap_or(first))
    }

    /// Replaces the rep's own cards (loaded and indexed on the worker).
    pub fn set_mine(&self, mine: Option<Source>) {
        let _ = self.tx.send(Cmd::Mine(mine));
    }

    /// Reads every pack again now.
    pub fn rescan(&self) {
        let _ = self.tx.send(Cmd::Rescan);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(c: &Content, id: &str) -> Option<String> {
        let l = &c.library;
        l.phrase_index(id).map(|i| l.phrases[i].text.clone())
    }

    #[test]
    fn a_watched_folder_edit_arrives_as_new_content() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("team.ron");
        let pack = |t: &str| format!(r#"(phrases: [(id: "team-hi", skill: "empathy", text: "{t}")])"#);
        std::fs::write(&f, pack("First words.")).unwrap();
        let woken = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let w = woken.clone();
        let live = Live::start(LiveConfig::new(vec![dir.path().to_path_buf()]), move || {
            w.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        });
        let c = live.wait(Duration::from_secs(30)).expect("first content");
        assert_eq!(text(&c, "team-hi").as_deref(), Some("First words."));
        // The wake-up comes right after the send.
        let woke = (0..100).any(|_| {
            std::thread::sleep(Duration::from_millis(20));
            woken.load(std::sync::atomic::Ordering::SeqCst) >= 1
        });
        assert!(woke, "the window was never asked to repaint");
        std::fs::write(&f, pack("Second words.")).unwrap();
        let mut got = None;
        for _ in 0..60 {
            if let Some(c) = live.wait(Duration::from_millis(500))
                && text(&c, "team-hi").as_deref() == Some("Second words.")
            {
                got = Some(c);
                break;
            }
        }
        let c2 = got.expect("the edit arrived without a restart");
        assert!(c2.generation > c.generation);
    }

    #[test]
    fn the_reps_own_cards_are_indexed_on_the_worker() {
        let live = Live::start(
            LiveConfig {
                watch: false,
                ..LiveConfig::new(Vec::new())
            },
            || {},
        );
        live.wait(Duration::from_secs(30)).expect("first content");
        live.set_mine(Some(Source {
            path: crate::store::MINE_SOURCE.into(),
            text: r#"(phrases: [(id: "mine-zebra", skill: "empathy", text: "Zebras are patient.")])"#.into(),
        }));
        let c = live.wait(Duration::from_secs(30)).expect("content with my card");
        let hits = c.index.search("zebras", 5);
        assert!(!hits.is_empty());
    }
}
