//! `serve`: opens the store, binds, prints the ready line and answers until SIGTERM or
//! ctrl-c.
//!
//! Connections are served with hyper's HTTP/1 builder rather than `axum::serve`, so the
//! receiver decides how long a client may take ([`ConnectionLimits`]): a request head
//! must arrive whole within the header timeout (a client trickling a header line every
//! few seconds is cut off), a silent connection is closed after the keep-alive timeout,
//! and at most `max_connections` are open at once (the next ones wait in the listen
//! queue, and one line says so).

use std::future::Future;
use std::io::{self, Write as _};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tokio::time::Instant;
use tower::ServiceExt as _;

use crate::state::{AppOptions, AppState};
use crate::store::{Database, Store};

/// Everything `serve` needs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub addr: String,
    pub db: Database,
    pub app: AppOptions,
    pub limits: ConnectionLimits,
    /// Applied at start and daily.
    pub retention: evenhand_core::retention::Rules,
}

/// How long a client may take, and how many may be connected at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// A request's head (request line and headers) must arrive whole within this,
    /// counted from the connection's opening or the end of the previous answer.
    pub header_timeout: Duration,
    /// A connection on which no byte moves for this long is closed: at once when it
    /// waits for a request, after its answer otherwise.
    pub keep_alive_timeout: Duration,
    /// Most connections open at once.
    pub max_connections: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_timeout: Duration::from_secs(10),
            keep_alive_timeout: Duration::from_secs(5),
            max_connections: 256,
        }
    }
}

/// A connection asked to close that still moves no byte this long after (a client that
/// stopped reading its answer) is dropped. Longer than any answer takes to start: the
/// body timeout (30 s) and the database's busy wait (10 s).
pub const STALLED_AFTER: Duration = Duration::from_secs(60);
/// On shutdown, answers in progress get this long to finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

pub async fn serve(opts: ServeOptions) -> Result<(), String> {
    // Every fault in the options before anything is created on disk.
    opts.app.check()?;
    if let Some(path) = opts.db.sqlite_path() {
        check_db_outside_app(path, &opts.app.app)?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            if !parent.is_dir() {
                create_private_folder(parent)
                    .map_err(|e| format!("cannot create the folder {}: {e}", parent.display()))?;
            }
        }
    }
    let store = Store::open_at(&opts.db)
        .map_err(|e| format!("cannot open the database {}: {e}", opts.db))?;
    if !opts.app.app.is_dir() {
        eprintln!(
            "warning: the app folder {} does not exist; only the API is served",
            opts.app.app.display()
        );
    }
    let state = AppState::new(store, &opts.app)?;
    eprintln!("retention: {}", crate::retention::describe(&opts.retention));
    tokio::spawn(crate::retention::daily(state.store.clone(), opts.retention));
    let app = crate::router(state);
    // The dummy hash an unknown email is checked against, made now: the first such
    // sign-in then takes no longer than a wrong password.
    tokio::task::spawn_blocking(|| crate::password::verify_nothing(""));
    let listener = TcpListener::bind(&opts.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", opts.addr))?;
    let bound: SocketAddr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))?;
    println!(
        "evenhand receiver listening on http://{bound} (app: {}, db: {})",
        opts.app.app.display(),
        opts.db
    );
    // The ready line is what scripts and tests wait for: out now, not at exit.
    let _ = std::io::stdout().flush();
    run(listener, app, opts.limits, shutdown_signal()).await;
    eprintln!("evenhand receiver stopped");
    Ok(())
}

/// Serves `app` on `listener` within `limits` until `shutdown` resolves, then lets the
/// answers in progress finish (for at most [`SHUTDOWN_GRACE`]).
pub async fn run(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let max = limits.max_connections.clamp(1, Semaphore::MAX_PERMITS);
    let slots = Arc::new(Semaphore::new(max));
    let (stop, stopping) = watch::channel(());
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    tokio::pin!(shutdown);
    // One line each time the cap is reached, not one per connection kept waiting.
    let mut reported_full = false;
    loop {
        let slot = match slots.clone().try_acquire_owned() {
            Ok(slot) => {
                reported_full = false;
                slot
            }
            Err(_) => {
                if !reported_full {
                    eprintln!(
                        "warning: {max} connections open, the most allowed (--max-connections): new connections wait until one closes"
                    );
                    reported_full = true;
                }
                tokio::select! {
                    slot = slots.clone().acquire_owned() => match slot {
                        Ok(slot) => slot,
                        Err(_) => break,
                    },
                    () = &mut shutdown => break,
                }
            }
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, or a connection reset while queued:
                    // wait a little rather than spin.
                    eprintln!("warning: cannot accept a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let conn = serve_connection(
            http.clone(),
            stream,
            peer,
            app.clone(),
            limits.keep_alive_timeout,
            stopping.clone(),
        );
        tokio::spawn(async move {
            conn.await;
            drop(slot);
        });
    }
    drop(listener);
    // Every connection closes once its answer is sent; all slots back means all done.
    let _ = stop.send(());
    let all = u32::try_from(max).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, slots.acquire_many(all)).await;
}

/// One connection: hyper reads requests (within the header timeout) and answers them;
/// a watch on the bytes moving closes it when silent.
async fn serve_connection(
    http: http1::Builder,
    stream: TcpStream,
    peer: SocketAddr,
    app: Router,
    keep_alive_timeout: Duration,
    mut stopping: watch::Receiver<()>,
) {
    let activity = Activity::new();
    let io = TokioIo::new(Watched {
        inner: stream,
        activity: activity.clone(),
    });
    // The client's address, for the rate limit of submissions (routes/rate_limit.rs).
    let app = app.map_request(move |mut req: hyper::Request<hyper::body::Incoming>| {
        req.extensions_mut().insert(ConnectInfo(peer));
        req
    });
    let conn = http.serve_connection(io, TowerToHyperService::new(app));
    tokio::pin!(conn);
    let mut closing = false;
    loop {
        let silent_limit = if closing {
            keep_alive_timeout + STALLED_AFTER
        } else {
            keep_alive_timeout
        };
        tokio::select! {
            // Errors here are the client's (a reset, a header timeout): nothing to do.
            _ = conn.as_mut() => return,
            () = tokio::time::sleep_until(activity.last() + silent_limit) => {
                if activity.last() + silent_limit > Instant::now() {
                    continue; // bytes moved meanwhile
                }
                if closing {
                    return; // stalled: dropped
                }
                // Closes at once a connection waiting for a request; one in the middle
                // of an answer closes after it.
                conn.as_mut().graceful_shutdown();
                closing = true;
            }
            _ = stopping.changed(), if !closing => {
                conn.as_mut().graceful_shutdown();
                closing = true;
            }
        }
    }
}

/// When a byte last moved on a connection, either way.
#[derive(Clone)]
struct Activity {
    start: Instant,
    last_ms: Arc<AtomicU64>,
}

impl Activity {
    fn new() -> Activity {
        Activity {
            start: Instant::now(),
            last_ms: Arc::new(AtomicU64::new(0)),
        }
    }

    fn touch(&self) {
        let ms = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_ms.store(ms, Ordering::Relaxed);
    }

    fn touch_if_written(&self, polled: &Poll<io::Result<usize>>) {
        if matches!(polled, Poll::Ready(Ok(n)) if *n > 0) {
            self.touch();
        }
    }

    fn last(&self) -> Instant {
        self.start + Duration::from_millis(self.last_ms.load(Ordering::Relaxed))
    }
}

/// A stream that records [`Activity`] on every byte read or written.
struct Watched<S> {
    inner: S,
    activity: Activity,
}

impl<S: AsyncRead + Unpin> AsyncRead for Watched<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let polled = Pin::new(&mut this.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            this.activity.touch();
        }
        polled
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Watched<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.activity.touch_if_written(&polled);
        polled
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.activity.touch_if_written(&polled);
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// The database inside the app folder would be served to anyone (`/feedback.sqlite`,
/// `-wal`): refused, naming both. Compared where they really are, links resolved.
fn check_db_outside_app(db: &Path, app: &Path) -> Result<(), String> {
    if resolved(db).starts_with(resolved(app)) {
        return Err(format!(
            "the database {} is inside the app folder {}, whose files are served to anyone: give --db a path outside --app",
            db.display(),
            app.display()
        ));
    }
    Ok(())
}

/// `path` made absolute with the links of its existing part resolved; the part that
/// does not exist yet (the database before its first start) is kept as written.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut missing = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return missing.iter().rev().fold(real, |p, name| p.join(name));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_owned());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// The database's folder, readable by its owner only (it holds guests' emails).
fn create_private_folder(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_must_not_be_inside_the_app_folder() {
        let dir = tempfile::tempdir().unwrap();
        let app = dir.path().join("app");
        std::fs::create_dir_all(app.join("data")).unwrap();
        let inside = check_db_outside_app(&app.join("data/f.sqlite"), &app)
            .err()
            .unwrap();
        assert!(inside.contains(&app.join("data/f.sqlite").display().to_string()));
        assert!(inside.contains(&format!("app folder {}", app.display())));
        // Not yet created, or reached through a link: still inside.
        assert!(check_db_outside_app(&app.join("new/deeper/f.sqlite"), &app).is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&app, dir.path().join("link")).unwrap();
            assert!(check_db_outside_app(&dir.path().join("link/f.sqlite"), &app).is_err());
        }
        assert!(check_db_outside_app(&dir.path().join("data/f.sqlite"), &app).is_ok());
        // A sibling whose name starts like the app folder is outside.
        assert!(check_db_outside_app(&dir.path().join("app2/f.sqlite"), &app).is_ok());
    }
}
