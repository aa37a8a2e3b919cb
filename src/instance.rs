//! One window at a time: a second `callside` (with `--query`, `--skill`, `--tough-call`, `--show`
//! or nothing) hands its request to the window that is already open, over a local socket in the
//! data folder, and exits instead of opening a second window.
//!
//! Unix only (a Unix domain socket); elsewhere [`send`] reports `Unsupported` and every start
//! opens its own window. No egui here: the window gives [`Listener::serve`] a callback that
//! queues the request and wakes the UI.

use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The socket's file name inside the data folder.
pub const SOCKET_NAME: &str = "callside.sock";
/// What the window answers once it has queued a request.
const ACK: &str = "ok";
/// How long a client waits for the window to answer.
const TIMEOUT: Duration = Duration::from_secs(3);

/// What a second start asks the open window to do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Request {
    /// Search for this text.
    pub query: Option<String>,
    /// Open this skill (id).
    pub skill: Option<String>,
    /// Open the tough-call helper with these tags (comma-separated ids).
    pub tough_call: Option<String>,
    /// Open the tough-call helper with this customer message pasted in.
    pub message: Option<String>,
}

/// Where the socket of the window using `data_dir` lives.
pub fn socket_path(data_dir: &Path) -> PathBuf {
    data_dir.join(SOCKET_NAME)
}

/// Hands `req` to the window listening at `path`. `Ok` once the window has it; an error when
/// no window is listening (then the caller opens one).
pub fn send(path: &Path, req: &Request) -> io::Result<()> {
    imp::send(path, req)
}

/// The open window's end of the socket.
pub struct Listener {
    inner: imp::Listener,
}

impl Listener {
    /// Listens at `path`, replacing a stale socket file left by a window that crashed. Fails if
    /// another window is listening there (a live socket is never taken over).
    pub fn bind(path: &Path) -> io::Result<Listener> {
        if send_probe(path) {
            return Err(io::Error::new(
                io::ErrorKind::AddrInUse,
                format!("another Callside window listens at {}", path.display()),
            ));
        }
        Ok(Listener {
            inner: imp::Listener::bind(path)?,
        })
    }

    /// Answers requests on a background thread for as long as the program runs, calling
    /// `on_request` for each one (which queues it and wakes the window).
    pub fn serve(self, on_request: impl FnMut(Request) + Send + 'static) -> io::Result<()> {
        std::thread::Builder::new()
            .name("callside-instance".into())
            .spawn(move || self.inner.serve(on_request))
            .map(|_| ())
    }

    /// Takes one request (blocking) and acknowledges it: for tests and the thread above.
    pub fn accept_one(&self) -> io::Result<Request> {
        self.inner.accept_one()
    }
}

/// Whether a window answers at `path` (it connects and hangs up, which the window ignores).
fn send_probe(path: &Path) -> bool {
    path.exists() && imp::connect(path).is_ok()
}

/// Reads one request line and writes the acknowledgement.
fn answer<S: io::Read + Write>(stream: S) -> io::Result<(Request, S)> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    if line.trim().is_empty() {
        // A probe (see `Listener::bind`) connects and hangs up: not a request.
        return Err(io::Error::new(io::ErrorKind::InvalidData, "no request"));
    }
    let req: Request = serde_json::from_str(line.trim()).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let mut stream = reader.into_inner();
    writeln!(stream, "{ACK}")?;
    stream.flush()?;
    Ok((req, stream))
}

/// Writes one request line and waits for the acknowledgement.
fn ask<S: io::Read + Write>(stream: S, req: &Request) -> io::Result<()> {
    let mut stream = stream;
    let line = serde_json::to_string(req).map_err(io::Error::other)?;
    writeln!(stream, "{line}")?;
    stream.flush()?;
    let mut reader = BufReader::new(stream);
    let mut back = String::new();
    reader.read_line(&mut back)?;
    if back.trim() == ACK {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "the window did not acknowledge",
        ))
    }
}

#[cfg(unix)]
mod imp {
    use super::*;
    use std::os::unix::net::{UnixListener, UnixStream};

    pub fn connect(path: &Path) -> io::Result<UnixStream> {
        let s = UnixStream::connect(path)?;
        s.set_read_timeout(Some(TIMEOUT))?;
        s.set_write_timeout(Some(TIMEOUT))?;
        Ok(s)
    }

    pub fn send(path: &Path, req: &Request) -> io::Result<()> {
        ask(connect(path)?, req)
    }

    pub struct Listener(UnixListener);

    impl Listener {
        pub fn bind(path: &Path) -> io::Result<Listener> {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            // A socket file nobody answers on is left over from a crash.
            match std::fs::remove_file(path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
            Ok(Listener(UnixListener::bind(path)?))
        }

        pub fn accept_one(&self) -> io::Result<Request> {
            let (s, _) = self.0.accept()?;
            s.set_read_timeout(Some(TIMEOUT))?;
            s.set_write_timeout(Some(TIMEOUT))?;
            answer(s).map(|(r, _)| r)
        }

        pub fn serve(self, mut on_request: impl FnMut(Request)) {
            loop {
                match self.accept_one() {
                    Ok(r) => on_request(r),
                    Err(e) if e.kind() == io::ErrorKind::InvalidData => continue,
                    Err(_) => std::thread::sleep(Duration::from_millis(50)),
                }
            }
        }
    }
}

#[cfg(not(unix))]
mod imp {
    use super::*;

    fn unsupported() -> io::Error {
        io::Error::new(io::ErrorKind::Unsupported, "one-window handoff is Unix-only for now")
    }

    pub fn connect(_: &Path) -> io::Result<()> {
        Err(unsupported())
    }

    pub fn send(_: &Path, _: &Request) -> io::Result<()> {
        Err(unsupported())
    }

    pub struct Listener;

    impl Listener {
        pub fn bind(_: &Path) -> io::Result<Listener> {
            Err(unsupported())
        }
        pub fn accept_one(&self) -> io::Result<Request> {
            Err(unsupported())
        }
        pub fn serve(self, _: impl FnMut(Request)) {}
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_request_reaches_the_listener_and_the_sender_is_acknowledged() {
        let dir = tempfile::tempdir().unwrap();
        let path = socket_path(dir.path());
        let listener = Listener::bind(&path).unwrap();
        let got = std::thread::spawn(move || listener.accept_one().unwrap());
        let req = Request {
            query: Some("sorry".into()),
            ..Request::default()
        };
        send(&path, &req).unwrap();
        assert_eq!(got.join().unwrap(), req);
    }

    #[test]
    fn with_no_window_sending_fails_so_the_caller_opens_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = socket_path(dir.path());
        assert!(send(&path, &Request::default()).is_err());
        // A stale socket file (a crashed window) is not a window either, and can be replaced.
        drop(std::os::unix::net::UnixListener::bind(&path).unwrap());
        assert!(path.exists());
        assert!(send(&path, &Request::default()).is_err());
        assert!(Listener::bind(&path).is_ok());
    }

    #[test]
    fn a_live_window_is_never_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = socket_path(dir.path());
        let first = Listener::bind(&path).unwrap();
        // The probe that `bind` makes is answered by the first window's thread.
        let t = std::thread::spawn(move || first.accept_one());
        let second = Listener::bind(&path);
        assert_eq!(second.err().map(|e| e.kind()), Some(io::ErrorKind::AddrInUse));
        let probe = t.join().unwrap();
        assert_eq!(probe.err().map(|e| e.kind()), Some(io::ErrorKind::InvalidData));
    }

    #[test]
    fn serve_passes_every_request_on_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = socket_path(dir.path());
        let (tx, rx) = std::sync::mpsc::channel();
        Listener::bind(&path)
            .unwrap()
            .serve(move |r| tx.send(r).unwrap())
            .unwrap();
        for q in ["sorry", "late order"] {
            let req = Request {
                query: Some(q.into()),
                ..Request::default()
            };
            send(&path, &req).unwrap();
        }
        let got: Vec<_> = rx.iter().take(2).filter_map(|r| r.query).collect();
        assert_eq!(got, ["sorry", "late order"]);
    }
}
