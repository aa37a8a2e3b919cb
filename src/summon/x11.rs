//! The summon key on X11, grabbed by hand: `global-hotkey`'s X11 backend polls its connection
//! every 50 ms (20 wake-ups a second while nothing happens), so an idle window was never idle.
//! Here one thread blocks in `wait_for_event` on its own connection and wakes only for the key
//! or for a note to stop (a ClientMessage to a small unmapped window of its own).

use global_hotkey::hotkey::{Code, HotKey, Modifiers};
use std::sync::Arc;
use std::thread::JoinHandle;
use x11rb::connection::Connection;
use x11rb::errors::ReplyError;
use x11rb::protocol::xkb::{self, ConnectionExt as _};
use x11rb::protocol::xproto::{
    ClientMessageEvent, ConnectionExt as _, CreateWindowAux, EventMask, GrabMode, KeyButMask, Keycode, ModMask, Window,
    WindowClass,
};
use x11rb::protocol::{ErrorKind, Event};
use x11rb::rust_connection::RustConnection;

/// A key grabbed on the root window; dropping it releases the key and ends the thread.
pub struct Grab {
    conn: Arc<RustConnection>,
    root: Window,
    keycode: Keycode,
    mods: ModMask,
    /// Its own unmapped window: a ClientMessage sent to it wakes the thread to stop.
    waker: Window,
    thread: Option<JoinHandle<()>>,
}

/// NumLock and CapsLock count as modifiers while on, so each grab is taken with and without them.
fn lock_variants() -> [ModMask; 4] {
    [
        ModMask::from(0u16),
        ModMask::M2,
        ModMask::LOCK,
        ModMask::M2 | ModMask::LOCK,
    ]
}

impl Grab {
    /// Grabs `key` on the default display; `on_press` runs on the grab's thread at each press
    /// (held keys do not repeat it). `shown` is how the rep wrote the key, for errors.
    pub fn new(key: HotKey, shown: &str, on_press: impl Fn() + Send + 'static) -> Result<Grab, String> {
        Grab::on_display(None, key, shown, on_press)
    }

    /// [`Grab::new`] on the display named `display` (`None`: `$DISPLAY`).
    fn on_display(
        display: Option<&str>,
        key: HotKey,
        shown: &str,
        on_press: impl Fn() + Send + 'static,
    ) -> Result<Grab, String> {
        let sym = keysym(key.key).ok_or_else(|| format!("{shown} cannot be used as a global key on X11"))?;
        let (conn, screen) = RustConnection::connect(display).map_err(|e| format!("no global keys here: {e}"))?;
        let conn = Arc::new(conn);
        let root = conn.setup().roots[screen].root;
        let keycode = keycode_of(&conn, sym)?.ok_or_else(|| format!("{shown}: this keyboard has no such key"))?;
        let mods = x11_mods(key.mods);
        let x = |e: &dyn std::fmt::Display| format!("could not take {shown}: {e}");
        for lock in lock_variants() {
            let grabbed = conn
                .grab_key(false, root, mods | lock, keycode, GrabMode::ASYNC, GrabMode::ASYNC)
                .map_err(|e| x(&e))?
                .check();
            if let Err(e) = grabbed {
                ungrab(&conn, root, keycode, mods);
                return Err(match e {
                    ReplyError::X11Error(e) if e.error_kind == ErrorKind::Access => {
                        format!("could not take {shown}: another app already uses it")
                    }
                    e => x(&e),
                });
            }
        }
        // Without this, a held key arrives as press, release, press…, and would toggle the window.
        if let Ok(c) = conn.xkb_use_extension(1, 0) {
            let _ = c.reply();
            let flag = xkb::PerClientFlag::DETECTABLE_AUTO_REPEAT;
            if let Ok(c) = conn.xkb_per_client_flags(
                xkb::ID::USE_CORE_KBD.into(),
                flag,
                flag,
                0u32.into(),
                0u32.into(),
                0u32.into(),
            ) {
                let _ = c.reply();
            }
        }
        let waker = conn.generate_id().map_err(|e| x(&e))?;
        conn.create_window(
            0,
            waker,
            root,
            0,
            0,
            1,
            1,
            0,
            WindowClass::INPUT_ONLY,
            0,
            &CreateWindowAux::new(),
        )
        .map_err(|e| x(&e))?
        .check()
        .map_err(|e| x(&e))?;
        let thread = {
            let conn = Arc::clone(&conn);
            std::thread::Builder::new()
                .name("callside-summon".into())
                .spawn(move || listen(&conn, keycode, mods, on_press))
                .map_err(|e| x(&e))?
        };
        Ok(Grab {
            conn,
            root,
            keycode,
            mods,
            waker,
            thread: Some(thread),
        })
    }
}

impl Drop for Grab {
    fn drop(&mut self) {
        ungrab(&self.conn, self.root, self.keycode, self.mods);
        let stop = ClientMessageEvent::new(32, self.waker, x11rb::NONE, [0u32; 5]);
        // An empty event mask sends the event to the window's creator: this connection.
        let sent = self
            .conn
            .send_event(false, self.waker, EventMask::NO_EVENT, stop)
            .is_ok();
        let _ = self.conn.flush();
        if sent && let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn ungrab(conn: &RustConnection, root: Window, keycode: Keycode, mods: ModMask) {
    for lock in lock_variants() {
        if let Ok(c) = conn.ungrab_key(keycode, root, mods | lock) {
            c.ignore_error();
        }
    }
    let _ = conn.flush();
}

/// Blocks for events: the key pressed runs `on_press`; a ClientMessage or a lost connection ends it.
fn listen(conn: &RustConnection, keycode: Keycode, mods: ModMask, on_press: impl Fn()) {
    let counted = KeyButMask::CONTROL | KeyButMask::SHIFT | KeyButMask::MOD1 | KeyButMask::MOD4;
    let mut down = false;
    while let Ok(event) = conn.wait_for_event() {
        match event {
            Event::KeyPress(e) if e.detail == keycode => {
                let held = u16::from(e.state & counted);
                if held == u16::from(mods) && !down {
                    down = true;
                    on_press();
                }
            }
            Event::KeyRelease(e) if e.detail == keycode => down = false,
            Event::ClientMessage(_) => return,
            _ => {}
        }
    }
}

/// The keycode that types `sym` on this keyboard, if any.
fn keycode_of(conn: &RustConnection, sym: u32) -> Result<Option<Keycode>, String> {
    let (min, max) = (conn.setup().min_keycode, conn.setup().max_keycode);
    let map = conn
        .get_keyboard_mapping(min, max - min + 1)
        .map_err(|e| e.to_string())?
        .reply()
        .map_err(|e| e.to_string())?;
    let per = usize::from(map.keysyms_per_keycode.max(1));
    Ok(map
        .keysyms
        .chunks(per)
        .position(|syms| syms.contains(&sym))
        .and_then(|i| u8::try_from(i).ok())
        .map(|i| min.saturating_add(i)))
}

/// Ctrl, Shift, Alt (Mod1) and Super (Mod4) as X11 modifier bits.
fn x11_mods(m: Modifiers) -> ModMask {
    let mut x = ModMask::from(0u16);
    if m.contains(Modifiers::SHIFT) {
        x |= ModMask::SHIFT;
    }
    if m.contains(Modifiers::CONTROL) {
        x |= ModMask::CONTROL;
    }
    if m.contains(Modifiers::ALT) {
        x |= ModMask::M1;
    }
    #[allow(deprecated)]
    if m.intersects(Modifiers::META | Modifiers::SUPER) {
        x |= ModMask::M4;
    }
    x
}

/// The X keysym for a key (the keys a summon key sensibly uses; others are refused).
fn keysym(code: Code) -> Option<u32> {
    use Code::*;
    const LETTERS: [Code; 26] = [
        KeyA, KeyB, KeyC, KeyD, KeyE, KeyF, KeyG, KeyH, KeyI, KeyJ, KeyK, KeyL, KeyM, KeyN, KeyO, KeyP, KeyQ, KeyR,
        KeyS, KeyT, KeyU, KeyV, KeyW, KeyX, KeyY, KeyZ,
    ];
    const DIGITS: [Code; 10] = [
        Digit0, Digit1, Digit2, Digit3, Digit4, Digit5, Digit6, Digit7, Digit8, Digit9,
    ];
    const F_KEYS: [Code; 24] = [
        F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12, F13, F14, F15, F16, F17, F18, F19, F20, F21, F22, F23, F24,
    ];
    let index = |keys: &[Code]| keys.iter().position(|k| *k == code).and_then(|i| u32::try_from(i).ok());
    if let Some(i) = index(&LETTERS) {
        return Some(u32::from(b'a') + i);
    }
    if let Some(i) = index(&DIGITS) {
        return Some(u32::from(b'0') + i);
    }
    if let Some(i) = index(&F_KEYS) {
        return Some(0xffbe + i);
    }
    Some(match code {
        Space => 0x20,
        Quote => 0x27,
        Comma => 0x2c,
        Minus => 0x2d,
        Period => 0x2e,
        Slash => 0x2f,
        Semicolon => 0x3b,
        Equal => 0x3d,
        BracketLeft => 0x5b,
        Backslash => 0x5c,
        BracketRight => 0x5d,
        Backquote => 0x60,
        Backspace => 0xff08,
        Tab => 0xff09,
        Enter => 0xff0d,
        Pause => 0xff13,
        ScrollLock => 0xff14,
        Escape => 0xff1b,
        Home => 0xff50,
        ArrowLeft => 0xff51,
        ArrowUp => 0xff52,
        ArrowRight => 0xff53,
        ArrowDown => 0xff54,
        PageUp => 0xff55,
        PageDown => 0xff56,
        End => 0xff57,
        PrintScreen => 0xff61,
        Insert => 0xff63,
        ContextMenu => 0xff67,
        Delete => 0xffff,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_their_x_keysyms() {
        assert_eq!(keysym(Code::Space), Some(0x20));
        assert_eq!(keysym(Code::KeyK), Some(u32::from(b'k')));
        assert_eq!(keysym(Code::Digit7), Some(u32::from(b'7')));
        assert_eq!(keysym(Code::F12), Some(0xffc9));
        assert_eq!(keysym(Code::AudioVolumeUp), None);
        let m = x11_mods(Modifiers::CONTROL | Modifiers::ALT);
        assert_eq!(m, ModMask::CONTROL | ModMask::M1);
        assert_eq!(
            x11_mods(Modifiers::META | Modifiers::SHIFT),
            ModMask::M4 | ModMask::SHIFT
        );
    }

    /// An Xvfb the test started, stopped when the test ends (also when it fails).
    struct Xvfb(std::process::Child);

    impl Drop for Xvfb {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    /// A display for the test: the session's, else a fresh Xvfb (None when neither exists).
    fn display() -> Option<(String, Option<Xvfb>)> {
        if let Some(d) = std::env::var("DISPLAY").ok().filter(|d| !d.is_empty()) {
            return Some((d, None));
        }
        // `-displayfd` lets Xvfb pick a free display and print its number once it accepts
        // clients: no guessed number that a stale socket or another server already holds.
        let mut child = std::process::Command::new("Xvfb")
            .args(["-displayfd", "1", "-nolisten", "tcp", "-noreset"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .ok()?;
        let out = child.stdout.take();
        let xvfb = Xvfb(child);
        let mut line = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(out?), &mut line).ok()?;
        let d = format!(":{}", line.trim().parse::<u32>().ok()?);
        Some((d, Some(xvfb)))
    }

    #[test]
    fn a_key_held_by_another_client_is_an_error_and_freed_on_drop() {
        let Some((d, _xvfb)) = display() else {
            eprintln!("skipped: no DISPLAY and no Xvfb");
            return;
        };
        // Held open throughout: an X server may reset when its last client leaves.
        let _keeper = RustConnection::connect(Some(&d)).expect("the test display answers");
        let key = HotKey::new(Some(Modifiers::CONTROL | Modifiers::ALT | Modifiers::SHIFT), Code::F9);
        let presses = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = Arc::clone(&presses);
        let first = Grab::on_display(Some(&d), key, "Ctrl+Alt+Shift+F9", move || {
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        })
        .expect("a free key is taken");
        // A press typed with xdotool (XTEST) reaches the grab, once, NumLock or not.
        let typed = std::process::Command::new("xdotool")
            .args(["key", "ctrl+alt+shift+F9"])
            .env("DISPLAY", &d)
            .status();
        if typed.is_ok_and(|s| s.success()) {
            let waited = std::time::Instant::now();
            while presses.load(std::sync::atomic::Ordering::SeqCst) == 0 && waited.elapsed().as_secs() < 5 {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            assert_eq!(
                presses.load(std::sync::atomic::Ordering::SeqCst),
                1,
                "the press was heard"
            );
        }
        let err = Grab::on_display(Some(&d), key, "Ctrl+Alt+Shift+F9", || {})
            .err()
            .expect("a taken key is refused");
        assert!(err.contains("could not take Ctrl+Alt+Shift+F9"), "{err}");
        drop(first);
        let again = Grab::on_display(Some(&d), key, "Ctrl+Alt+Shift+F9", || {});
        assert!(again.is_ok(), "dropping releases the key: {:?}", again.err());
        drop(again);
    }
}
