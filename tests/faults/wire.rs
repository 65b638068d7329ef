//! A scriptable HTTP/1.1 server on a raw `TcpListener`: each request is
//! answered by what a handler returns, including what a well-behaved server
//! never does (close before the head, promise more body than it sends, stall
//! between chunks). Cheap enough to start per fuzz case; delays use tokio's
//! timer, so under a paused runtime they cost no real time.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// A request as received.
#[derive(Debug, Clone)]
pub struct Req {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Req {
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn query(&self, key: &str) -> Option<String> {
        let q = self.target.split_once('?')?.1;
        url::form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == key).map(|(_, v)| v.into_owned())
    }
}

/// What the server does with one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A complete answer.
    Full { status: u16, headers: Vec<(String, String)>, body: Vec<u8> },
    /// Close the connection without answering.
    Close,
    /// A head promising `declared` body bytes, then `body` (shorter), then close.
    Truncated { status: u16, body: Vec<u8>, declared: usize },
    /// A chunked answer, each chunk sent after its delay.
    Chunks { status: u16, chunks: Vec<(Duration, Vec<u8>)> },
    /// The reply, after a delay before the head.
    Delayed(Duration, Box<Reply>),
}

impl Reply {
    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Full { status, headers: vec![("content-type".into(), "application/json".into())], body: body.into() }
    }

    pub fn with_header(self, name: &str, value: &str) -> Reply {
        match self {
            Reply::Full { status, mut headers, body } => {
                headers.push((name.to_owned(), value.to_owned()));
                Reply::Full { status, headers, body }
            }
            other => other,
        }
    }
}

type Handler = Arc<dyn Fn(&Req) -> Reply + Send + Sync>;

/// A running server; stops when dropped.
pub struct Server {
    pub url: String,
    log: Arc<Mutex<Vec<Req>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Server {
    /// Every request received so far.
    pub fn requests(&self) -> Vec<Req> {
        self.log.lock().unwrap().clone()
    }

    /// How many requests had this path.
    pub fn count(&self, path: &str) -> usize {
        self.log.lock().unwrap().iter().filter(|r| r.path() == path).count()
    }
}

/// Starts a server on 127.0.0.1 answering with `handler`.
pub async fn serve(handler: impl Fn(&Req) -> Reply + Send + Sync + 'static) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let log = Arc::new(Mutex::new(Vec::new()));
    let handler: Handler = Arc::new(handler);
    let (l, h) = (log.clone(), handler);
    let task = tokio::spawn(async move {
        let mut connections = tokio::task::JoinSet::new();
        while let Ok((sock, _)) = listener.accept().await {
            let _ = sock.set_nodelay(true);
            connections.spawn(connection(sock, h.clone(), l.clone()));
        }
    });
    Server { url, log, task }
}

async fn connection(sock: TcpStream, handler: Handler, log: Arc<Mutex<Vec<Req>>>) {
    let mut sock = BufReader::new(sock);
    while let Some(req) = read_request(&mut sock).await {
        let reply = handler(&req);
        log.lock().unwrap().push(req);
        if !write_reply(sock.get_mut(), reply).await {
            return;
        }
    }
}

async fn read_request(sock: &mut BufReader<TcpStream>) -> Option<Req> {
    let mut line = String::new();
    if sock.read_line(&mut line).await.ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        line.clear();
        sock.read_line(&mut line).await.ok()?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let (k, v) = l.split_once(':')?;
        headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
    }
    let get = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let mut body = Vec::new();
    if let Some(n) = get("content-length").and_then(|v| v.parse::<usize>().ok()) {
        body.resize(n, 0);
        sock.read_exact(&mut body).await.ok()?;
    } else if get("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        loop {
            line.clear();
            sock.read_line(&mut line).await.ok()?;
            let n = usize::from_str_radix(line.trim().split(';').next()?, 16).ok()?;
            let mut chunk = vec![0; n + 2];
            sock.read_exact(&mut chunk).await.ok()?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..n]);
        }
    }
    Some(Req { method, target, headers, body })
}

fn head(status: u16, headers: &[(String, String)], length: Option<usize>) -> Vec<u8> {
    let mut h = format!("HTTP/1.1 {status} X\r\n");
    for (k, v) in headers {
        h.push_str(&format!("{k}: {v}\r\n"));
    }
    match length {
        Some(n) => h.push_str(&format!("content-length: {n}\r\n\r\n")),
        None => h.push_str("transfer-encoding: chunked\r\n\r\n"),
    }
    h.into_bytes()
}

/// Writes the reply; returns whether the connection stays open.
async fn write_reply(sock: &mut TcpStream, reply: Reply) -> bool {
    match reply {
        Reply::Full { status, headers, body } => {
            let mut out = head(status, &headers, Some(body.len()));
            out.extend_from_slice(&body);
            sock.write_all(&out).await.is_ok()
        }
        Reply::Close => {
            let _ = sock.shutdown().await;
            false
        }
        Reply::Truncated { status, body, declared } => {
            let mut out = head(status, &[], Some(declared.max(body.len() + 1)));
            out.extend_from_slice(&body);
            let _ = sock.write_all(&out).await;
            let _ = sock.shutdown().await;
            false
        }
        Reply::Chunks { status, chunks } => {
            if sock.write_all(&head(status, &[], None)).await.is_err() {
                return false;
            }
            for (delay, chunk) in chunks {
                if !delay.is_zero() {
                    tokio::time::sleep(delay).await;
                }
                if chunk.is_empty() {
                    continue;
                }
                let mut out = format!("{:x}\r\n", chunk.len()).into_bytes();
                out.extend_from_slice(&chunk);
                out.extend_from_slice(b"\r\n");
                if sock.write_all(&out).await.is_err() {
                    return false;
                }
            }
            sock.write_all(b"0\r\n\r\n").await.is_ok()
        }
        Reply::Delayed(delay, reply) => {
            tokio::time::sleep(delay).await;
            Box::pin(write_reply(sock, *reply)).await
        }
    }
}
