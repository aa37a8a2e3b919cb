//! The global summon key (default Ctrl+Alt+Space): pressed in any app, it calls back into the
//! window, which shows itself or hides again. On X11 we grab it ourselves (a thread that sleeps
//! until the key comes, where `global-hotkey`'s X11 backend polls 20 times a second); on Windows
//! and macOS through the `global-hotkey` crate, whose key parsing serves everywhere. Wayland does
//! not let an app grab keys, so there the rep binds `callside --show` as a desktop shortcut
//! instead (see [`wayland_session`]). No egui here.

use global_hotkey::hotkey::HotKey;

/// The key a new install listens for.
pub const DEFAULT_KEY: &str = "Ctrl+Alt+Space";

/// Reads a key combination such as `Ctrl+Alt+Space` or `Shift+Super+K`; the error says what is
/// wrong in words a rep can act on.
pub fn parse(text: &str) -> Result<HotKey, String> {
    let text = text.trim();
    // People write Win too; the crate knows that key as Super.
    let spelled: Vec<String> = text
        .split('+')
        .map(|t| match t.trim().to_ascii_lowercase().as_str() {
            "win" | "windows" => "super".to_string(),
            other => other.to_string(),
        })
        .collect();
    spelled
        .join("+")
        .parse::<HotKey>()
        .map_err(|e| format!("\"{text}\" is not a key combination ({e}); write it like {DEFAULT_KEY}"))
}

/// Whether this is a Wayland session, where no app can grab a global key.
pub fn wayland_session() -> bool {
    wayland_from(
        std::env::var("XDG_SESSION_TYPE").ok().as_deref(),
        std::env::var_os("WAYLAND_DISPLAY").is_some(),
    )
}

fn wayland_from(session_type: Option<&str>, wayland_display: bool) -> bool {
    session_type.is_some_and(|t| t.eq_ignore_ascii_case("wayland")) || wayland_display
}

#[cfg(any(
    target_os = "linux",
    target_os = "dragonfly",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd"
))]
mod x11;

/// A registered summon key; dropping it releases the key.
pub struct SummonKey {
    held: Held,
    key: HotKey,
}

/// On X11 our own grab (a thread that sleeps until the key or a stop arrives); elsewhere
/// `global-hotkey`'s manager.
#[cfg(any(
    target_os = "linux",
    target_os = "dragonfly",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd"
))]
type Held = x11::Grab;
#[cfg(not(any(
    target_os = "linux",
    target_os = "dragonfly",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd"
)))]
type Held = other::Manager;

impl SummonKey {
    /// Grabs `text` (e.g. `Ctrl+Alt+Space`) system-wide; `on_press` runs on a background thread
    /// each time it is pressed.
    pub fn register(text: &str, on_press: impl Fn() + Send + Sync + 'static) -> Result<SummonKey, String> {
        let key = parse(text)?;
        let held = Held::new(key, text.trim(), on_press)?;
        Ok(SummonKey { held, key })
    }

    /// Changes the key; on failure the old key stays.
    pub fn change(&mut self, text: &str, on_press: impl Fn() + Send + Sync + 'static) -> Result<(), String> {
        let key = parse(text)?;
        if key == self.key {
            return Ok(());
        }
        // The new key is taken first, so a refused one leaves the old in place.
        self.held = Held::new(key, text.trim(), on_press)?;
        self.key = key;
        Ok(())
    }
}

/// Windows and macOS: the `global-hotkey` crate (its event loop there waits without polling).
#[cfg(not(any(
    target_os = "linux",
    target_os = "dragonfly",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd"
)))]
mod other {
    use global_hotkey::hotkey::HotKey;

    /// A key registered with `global-hotkey`; dropping it unregisters the key.
    pub struct Manager {
        manager: GlobalHotKeyManager,
        key: HotKey,
    }

    impl Manager {
        pub fn new(key: HotKey, shown: &str, on_press: impl Fn() + Send + Sync + 'static) -> Result<Manager, String> {
            let manager = GlobalHotKeyManager::new().map_err(|e| format!("no global keys here: {e}"))?;
            manager
                .register(key)
                .map_err(|e| format!("could not take {shown}: {e}"))?;
            let id = key.id();
            GlobalHotKeyEvent::set_event_handler(Some(move |e: GlobalHotKeyEvent| {
                if e.id() == id && e.state() == HotKeyState::Pressed {
                    on_press();
                }
            }));
            Ok(Manager { manager, key })
        }
    }

    impl Drop for Manager {
        fn drop(&mut self) {
            let _ = self.manager.unregister(self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use global_hotkey::hotkey::{Code, Modifiers};

    #[test]
    fn reads_the_default_and_the_ways_people_write_keys() {
        let k = parse(DEFAULT_KEY).unwrap();
        assert_eq!(k, HotKey::new(Some(Modifiers::CONTROL | Modifiers::ALT), Code::Space));
        assert_eq!(parse("ctrl + alt + space").unwrap(), k);
        let s = parse("Shift+Win+K").unwrap();
        assert_eq!(s, HotKey::new(Some(Modifiers::SHIFT | Modifiers::META), Code::KeyK));
    }

    #[test]
    fn a_bad_combination_says_how_to_write_one() {
        let e = parse("Ctrl+Alt+Nope").unwrap_err();
        assert!(e.contains("\"Ctrl+Alt+Nope\""), "{e}");
        assert!(e.contains(DEFAULT_KEY), "{e}");
        assert!(parse("Ctrl++").is_err());
    }

    #[test]
    fn wayland_is_told_apart_from_x11() {
        assert!(wayland_from(Some("wayland"), false));
        assert!(wayland_from(None, true));
        assert!(!wayland_from(Some("x11"), false));
        assert!(!wayland_from(None, false));
    }
}
