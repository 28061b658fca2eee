//! `serve`: opens the store, binds, prints the ready line and answers until SIGTERM or
//! ctrl-c.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;

use crate::state::{AppOptions, AppState};
use crate::store::Store;

/// Everything `serve` needs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub addr: String,
    pub db: PathBuf,
    pub app: AppOptions,
}

pub async fn serve(opts: ServeOptions) -> Result<(), String> {
    if let Some(parent) = opts.db.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create the folder {}: {e}", parent.display()))?;
    }
    let store = Store::open(&opts.db)
        .map_err(|e| format!("cannot open the database {}: {e}", opts.db.display()))?;
    if !opts.app.app.is_dir() {
        eprintln!(
            "warning: the app folder {} does not exist; only the API is served",
            opts.app.app.display()
        );
    }
    let app = crate::router(AppState::new(store, &opts.app)?);
    let listener = tokio::net::TcpListener::bind(&opts.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", opts.addr))?;
    let bound: SocketAddr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))?;
    println!(
        "evenhand receiver listening on http://{bound} (app: {}, db: {})",
        opts.app.app.display(),
        opts.db.display()
    );
    // The ready line is what scripts and tests wait for: out now, not at exit.
    let _ = std::io::stdout().flush();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))?;
    eprintln!("evenhand receiver stopped");
    Ok(())
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
