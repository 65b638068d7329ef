//! The server: its settings, the shared state behind a lock, the accept
//! loop (our own, so one connection can be reset on demand) and the handle
//! tests hold.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower::ServiceExt;

use crate::faults::{Fault, Faults, Scope};
use crate::journal::Entry;
use crate::state::State;
use crate::tokens::{Holder, Tokens};

/// The server's settings.
#[derive(Clone, Default)]
pub struct Config {
    /// Lifetime of issued tokens when the request asks for none; `None`:
    /// they never expire. Default: 7 days.
    pub token_ttl: Option<Duration>,
    /// The client ID and secret `POST /token` accepts; `None`: any.
    pub credentials: Option<(String, String)>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("token_ttl", &self.token_ttl)
            .field("credentials", &self.credentials.as_ref().map(|(id, _)| (id, "***")))
            .finish()
    }
}

/// What every request handler shares.
pub(crate) struct Shared {
    pub config: Config,
    inner: Mutex<Inner>,
}

/// The mutable part, behind one lock: requests are short and the lock is
/// never held across an `.await`.
#[derive(Default)]
pub(crate) struct Inner {
    pub state: State,
    pub tokens: Tokens,
    pub faults: Faults,
    pub journal: Vec<Entry>,
}

impl Shared {
    /// The lock; a panic elsewhere while it was held does not poison the mock.
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A connection's handle, given to the handler of each of its requests so
/// a `Reset` fault can end it.
#[derive(Clone)]
pub(crate) struct Conn {
    kill: Arc<Notify>,
}

impl Conn {
    /// Ends the connection with a TCP reset.
    pub fn reset(&self) {
        self.kill.notify_one();
    }
}

/// Builds a [`MockServer`].
#[derive(Debug, Default)]
pub struct Builder {
    config: Config,
    port: u16,
    seed: Option<Value>,
    ttl_set: bool,
}

impl Builder {
    /// Lifetime of the tokens `POST /token` issues (unless the request asks
    /// for another); `Duration::ZERO` for tokens that never expire.
    pub fn token_ttl(mut self, ttl: Duration) -> Self {
        self.config.token_ttl = (!ttl.is_zero()).then_some(ttl);
        self.ttl_set = true;
        self
    }

    /// Accept only this client ID and secret at `POST /token` (by default any).
    pub fn credentials(mut self, client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        self.config.credentials = Some((client_id.into(), client_secret.into()));
        self
    }

    /// The port to listen on, on 127.0.0.1 (default 0: any free port).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Data present from the start (see [`State::seed`] for the format).
    pub fn seed(mut self, seed: Value) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Binds and starts serving on the current tokio runtime.
    pub async fn start(mut self) -> std::io::Result<MockServer> {
        if !self.ttl_set {
            self.config.token_ttl = Some(Duration::from_secs(7 * 24 * 3600));
        }
        let mut inner = Inner::default();
        if let Some(seed) = &self.seed {
            inner.state.seed(seed).map_err(std::io::Error::other)?;
        }
        let shared = Arc::new(Shared { config: self.config, inner: Mutex::new(inner) });
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], self.port))).await?;
        let addr = listener.local_addr()?;
        let task = tokio::spawn(accept_loop(listener, shared.clone()));
        Ok(MockServer { addr, shared, task })
    }
}

/// A running mock server. Dropping it stops accepting connections.
pub struct MockServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer").field("addr", &self.addr).field("config", &self.shared.config).finish()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl MockServer {
    /// Starts a server with the default settings on a free port.
    ///
    /// # Panics
    ///
    /// When no port on 127.0.0.1 can be bound (use [`MockServer::builder`]
    /// to get the error instead).
    pub async fn start() -> MockServer {
        Self::builder().start().await.expect("bind the mock server to a free port on 127.0.0.1")
    }

    /// A builder for other settings.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// The base URL to give the client: `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every request received so far, oldest first.
    pub fn journal(&self) -> Vec<Entry> {
        self.shared.lock().journal.clone()
    }

    /// Forgets the requests received so far.
    pub fn clear_journal(&self) {
        self.shared.lock().journal.clear();
    }

    /// Queues `fault` for the next request of any operation.
    pub fn fault(&self, fault: Fault) {
        self.shared.lock().faults.push(Scope::All, fault, 1);
    }

    /// Queues `fault` for the next `times` requests of one operation (its
    /// ID, such as `users_get`).
    pub fn fault_on(&self, operation: &str, fault: Fault, times: usize) {
        self.shared.lock().faults.push(Scope::Operation(operation.to_owned()), fault, times);
    }

    /// Drops every queued fault.
    pub fn clear_faults(&self) {
        self.shared.lock().faults.clear();
    }

    /// Issues an app token directly, for a client built with a fixed token.
    pub fn app_token(&self) -> String {
        let ttl = self.shared.config.token_ttl;
        self.shared.lock().tokens.issue(Holder::App, ttl)
    }

    /// Expires every token issued so far.
    pub fn expire_tokens(&self) {
        self.shared.lock().tokens.revoke_all();
    }

    /// Every message sent so far, oldest first.
    pub fn inbox(&self) -> Vec<crate::state::SentMessage> {
        self.shared.lock().state.inbox.clone()
    }

    /// Reads or changes the stored data.
    pub fn with_state<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        f(&mut self.shared.lock().state)
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    let router = crate::control::router(shared);
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            // Out of file descriptors, say: wait instead of spinning.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        tokio::spawn(serve(stream, router.clone()));
    }
}

async fn serve(stream: tokio::net::TcpStream, router: axum::Router) {
    let kill = Arc::new(Notify::new());
    let conn = Conn { kill: kill.clone() };
    // A second handle on the socket, to set linger 0 when resetting.
    let twin = socket2::SockRef::from(&stream).try_clone().ok();
    let service = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
        let mut req = req.map(axum::body::Body::new);
        req.extensions_mut().insert(conn.clone());
        router.clone().oneshot(req)
    });
    let connection = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = connection => {}
        () = kill.notified() => {
            if let Some(twin) = &twin {
                let _ = twin.set_linger(Some(Duration::ZERO));
            }
            // Dropping the connection and the last descriptor sends the reset.
        }
    }
}
