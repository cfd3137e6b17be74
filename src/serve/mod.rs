//! `brief serve`: options in, a running preview out. Builds the site into a private
//! temp directory with a local base URL, serves it over HTTP and, with `watch`,
//! rebuilds on every saved change and tells open pages to reload.
//!
//! Threads: a small tokio runtime runs the HTTP server; one builder thread owns the
//! file watcher and runs every build (builds are CPU-bound and use rayon, so they stay
//! off the async workers). The two meet in [`state::Shared`].

mod changes;
mod guard;
mod host;
mod rebuild;
mod reload;
mod report;
mod server;
mod state;
mod stop;
mod watch;

use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::error::{Error, Result};
pub use report::{Failure, Problem, Report, Reporter};
use state::Shared;

/// The port tried first when `--port` is not given; the next free one is taken when
/// it is busy.
pub const DEFAULT_PORT: u16 = 1111;
/// How many ports after [`DEFAULT_PORT`] are tried before asking the OS for any.
const PORT_TRIES: u16 = 20;

/// What `brief serve` was asked for.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site's directory (holding brief.yaml).
    pub root: PathBuf,
    pub bind: IpAddr,
    /// `Some(0)` lets the OS choose (tests); `None` tries [`DEFAULT_PORT`] and up.
    pub port: Option<u16>,
    pub watch: bool,
    /// Watch by polling instead of OS events; implies `watch`.
    pub poll: bool,
    pub drafts: bool,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

impl Options {
    /// Serve the site at `root` on 127.0.0.1, no watching.
    pub fn new(root: impl Into<PathBuf>) -> Options {
        Options {
            root: root.into(),
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: None,
            watch: false,
            poll: false,
            drafts: false,
            open: false,
        }
    }
}

/// A running preview. Dropping it (or [`Handle::shutdown`]) stops the watcher, the
/// builder and the server, and removes the build directory.
pub struct Handle {
    addr: SocketAddr,
    url: String,
    shared: Arc<Shared>,
    server: Option<server::Running>,
    builder: Option<Worker>,
}

/// The builder: idle without `--watch`, else on its own thread. It owns the build
/// directory, so it is dropped only after the server has stopped.
enum Worker {
    Idle(Box<rebuild::Builder>),
    Running {
        tx: mpsc::Sender<rebuild::Message>,
        thread: JoinHandle<rebuild::Builder>,
    },
}

impl std::fmt::Debug for Handle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handle").field("url", &self.url).finish()
    }
}

impl Handle {
    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The site's URL: `http://127.0.0.1:PORT/<base path>`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The directory of the build being served, if one has succeeded.
    pub fn site_dir(&self) -> Option<PathBuf> {
        self.shared.current().site.map(|s| s.dir.clone())
    }

    /// Stops everything; returns once the server has closed its connections (or after
    /// a short grace period).
    pub fn shutdown(mut self) {
        self.stop();
    }

    /// The prompt stop of a process about to exit: the server stops without waiting
    /// for its connections, the build directories are removed, and a build under way
    /// is left to die with the process rather than waited for.
    fn abandon(mut self) {
        self.shared.stop();
        if let Some(server) = self.server.take() {
            server.abandon();
        }
        match self.builder.take() {
            Some(Worker::Running { tx, thread }) => {
                let _ = tx.send(rebuild::Message::Stop);
                let deadline = std::time::Instant::now() + ABANDON_AFTER;
                while !thread.is_finished() && std::time::Instant::now() < deadline {
                    std::thread::sleep(Duration::from_millis(2));
                }
                match thread.is_finished().then(|| thread.join()) {
                    Some(Ok(builder)) => builder.discard(),
                    _ => stop::remove_builds(),
                }
            }
            Some(Worker::Idle(builder)) => builder.discard(),
            None => {}
        }
    }

    fn stop(&mut self) {
        // A build under way finishes first; its directory goes last.
        let builder = match self.builder.take() {
            Some(Worker::Running { tx, thread }) => {
                let _ = tx.send(rebuild::Message::Stop);
                thread.join().ok()
            }
            Some(Worker::Idle(builder)) => Some(*builder),
            None => None,
        };
        if let Some(server) = self.server.take() {
            server.stop();
        }
        drop(builder);
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.stop();
    }
}

/// What [`run`] waits for first: the first build served, or a signal.
enum Started {
    Served(Box<Result<Handle>>),
    Signal,
}

/// How long a stop waits for the builder to notice; a build still running then is
/// abandoned.
const ABANDON_AFTER: Duration = Duration::from_millis(30);

/// `brief serve`: starts, reports, opens the browser if asked, serves until Ctrl-C
/// or SIGTERM, and then returns promptly (see [`stop`]); the caller is expected to
/// exit.
pub fn run(options: Options, reporter: Reporter) -> Result<()> {
    let open = options.open;
    let (events, signals) = mpsc::channel();
    let signalled = events.clone();
    stop::listen(move || {
        let _ = signalled.send(Started::Signal);
    })?;
    let starter = reporter.clone();
    std::thread::Builder::new()
        .name("brief-serve-start".into())
        .spawn(move || {
            let _ = events.send(Started::Served(Box::new(start(options, starter))));
        })
        .map_err(|e| Error::Serve(format!("cannot start the server: {e}")))?;
    let handle = match signals.recv() {
        Ok(Started::Served(started)) => (*started)?,
        // Stopped during the first build: the build dies with the process.
        Ok(Started::Signal) | Err(_) => {
            stop::remove_builds();
            return Ok(());
        }
    };
    if open && let Err(why) = open_browser(handle.url()) {
        reporter(Report::Warning(format!(
            "could not open a browser ({why}); open {} yourself",
            handle.url()
        )));
    }
    // A signal, or the signal thread gone (it never ends otherwise): stop either way.
    let _ = signals.recv();
    handle.abandon();
    Ok(())
}

/// Builds the site, starts the server (and the watcher when asked) and returns once
/// the first build is served. Without `watch`, a site that does not build is an error;
/// with it, the server starts anyway and shows the error until the site is fixed.
pub fn start(options: Options, reporter: Reporter) -> Result<Handle> {
    let root = std::fs::canonicalize(&options.root).map_err(Error::io(&options.root))?;
    // Fails early, with the usual message, when this is not a site at all.
    crate::site::load::load_config(&root, &crate::LoadOptions::default()).map(drop)?;
    let sweeper = reporter.clone();
    stop::sweep_dead_builds(move |said| sweeper(Report::Warning(said)));

    let (listener, fallback) = bind(options.bind, options.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Serve(format!("cannot read the server's address: {e}")))?;
    if let Some(busy) = fallback {
        reporter(Report::PortTaken {
            busy,
            port: addr.port(),
        });
    }
    if !options.bind.is_loopback() {
        reporter(Report::Exposed(options.bind));
    }

    let shared = Arc::new(Shared::new());
    let mut builder = rebuild::Builder::new(
        rebuild::Config {
            root: root.clone(),
            drafts: options.drafts,
            origin: origin(addr),
        },
        shared.clone(),
        reporter.clone(),
    )?;

    let watch = options.watch || options.poll;
    // The watcher starts before the first build so that nothing saved during it is
    // missed; its events wait in the channel.
    let (tx, rx) = mpsc::channel();
    let watcher = if watch {
        Some(watch::Watcher::new(&root, options.poll, tx.clone())?)
    } else {
        None
    };

    if let Err(error) = builder.first(watch)
        && !watch
    {
        return Err(error);
    }

    let server = server::Running::start(listener, shared.clone())?;
    let base_path = shared
        .current()
        .site
        .map_or_else(|| "/".to_string(), |s| s.base_path.clone());
    let url = format!("{}{}", origin(addr), base_path);
    reporter(Report::Listening {
        url: url.clone(),
        builds: builder.builds().to_path_buf(),
        watching: watch.then(|| watch::describe(options.poll)),
    });

    let builder = match watcher {
        Some(watcher) => {
            let thread = std::thread::Builder::new()
                .name("brief-serve-builder".into())
                .spawn(move || builder.run(rx, watcher))
                .map_err(|e| Error::Serve(format!("cannot start the builder thread: {e}")))?;
            Worker::Running { tx, thread }
        }
        None => Worker::Idle(Box::new(builder)),
    };

    Ok(Handle {
        addr,
        url,
        shared,
        server: Some(server),
        builder: Some(builder),
    })
}

/// `http://127.0.0.1:PORT`: what the pages' absolute URLs (feeds, Open Graph) point
/// at. An unspecified bind address (0.0.0.0) is reached locally through loopback.
fn origin(addr: SocketAddr) -> String {
    match addr.ip() {
        ip if ip.is_unspecified() || ip.is_loopback() => match ip {
            IpAddr::V4(_) => format!("http://127.0.0.1:{}", addr.port()),
            IpAddr::V6(_) => format!("http://[::1]:{}", addr.port()),
        },
        IpAddr::V4(ip) => format!("http://{ip}:{}", addr.port()),
        IpAddr::V6(ip) => format!("http://[{ip}]:{}", addr.port()),
    }
}

/// Binds `port` exactly when one was asked for; otherwise the first free port from
/// [`DEFAULT_PORT`] up, returning the default as busy when another one was taken.
fn bind(ip: IpAddr, port: Option<u16>) -> Result<(TcpListener, Option<u16>)> {
    let refuse = |port: u16, e: std::io::Error| match e.kind() {
        std::io::ErrorKind::AddrInUse => Error::Usage(format!(
            "port {port} on {ip} is already in use (is another `brief serve` running?); choose another --port, or leave --port out to take the next free one"
        )),
        std::io::ErrorKind::AddrNotAvailable => Error::Usage(format!(
            "cannot listen on {ip}: this machine has no such address; use --bind 127.0.0.1"
        )),
        std::io::ErrorKind::PermissionDenied => Error::Usage(format!(
            "cannot listen on {ip}:{port}: permission denied (ports below 1024 need privileges); choose another --port"
        )),
        _ => Error::Serve(format!("cannot listen on {ip}:{port}: {e}")),
    };
    if let Some(port) = port {
        return TcpListener::bind((ip, port))
            .map(|l| (l, None))
            .map_err(|e| refuse(port, e));
    }
    for port in DEFAULT_PORT..DEFAULT_PORT.saturating_add(PORT_TRIES) {
        match TcpListener::bind((ip, port)) {
            Ok(listener) => {
                return Ok((listener, (port != DEFAULT_PORT).then_some(DEFAULT_PORT)));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {}
            Err(e) => return Err(refuse(port, e)),
        }
    }
    TcpListener::bind((ip, 0))
        .map(|l| (l, Some(DEFAULT_PORT)))
        .map_err(|e| refuse(0, e))
}

/// Hands the URL to the desktop's opener; never waits for the browser.
fn open_browser(url: &str) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_point_at_an_address_this_machine_can_open() {
        let cases = [
            ("127.0.0.1:1111", "http://127.0.0.1:1111"),
            ("0.0.0.0:1111", "http://127.0.0.1:1111"),
            ("[::1]:8080", "http://[::1]:8080"),
            ("[::]:8080", "http://[::1]:8080"),
            ("192.168.1.20:1111", "http://192.168.1.20:1111"),
            ("[fe80::1]:1111", "http://[fe80::1]:1111"),
        ];
        for (addr, expected) in cases {
            let addr: SocketAddr = addr.parse().unwrap();
            assert_eq!(origin(addr), expected);
        }
    }

    #[test]
    fn an_asked_for_port_that_is_taken_is_an_error() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let Err(Error::Usage(message)) = bind(IpAddr::V4(Ipv4Addr::LOCALHOST), Some(port)) else {
            panic!("binding a taken port succeeded");
        };
        assert!(message.contains(&format!("port {port}")), "{message}");
        assert!(message.contains("already in use"), "{message}");
    }
}
