//! The loopback server both sides call: a minimal HTTP/1.1 server with
//! keep-alive, on its own thread and single-threaded runtime, answering from
//! responses built once at start-up. It allocates nothing per request (one
//! buffer per connection), so it neither costs one side more than the other
//! nor disturbs the heap figures.

use std::net::SocketAddr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The org, app, token and IDs both sides use.
pub const ORG: &str = "bench-org";
/// See [`ORG`].
pub const APP: &str = "bench-app";
/// See [`ORG`].
pub const TOKEN: &str = "YWMtbench-app-token-0123456789abcdefABCDEF";
/// See [`ORG`].
pub const USERNAME: &str = "user_00042";
/// See [`ORG`].
pub const CHATROOM: &str = "262881097564161";
/// Members in the chatroom list answer.
pub const MEMBERS: usize = 10_000;

/// Set to record the head of the next request (see [`record_next`]).
static RECORD_NEXT: AtomicBool = AtomicBool::new(false);
/// The recorded head.
static RECORDED: Mutex<Option<Vec<u8>>> = Mutex::new(None);

/// Asks the server to keep the head of the next request it answers, for
/// [`take_recorded`]. Off the measured path: a request costs one atomic load.
pub fn record_next() {
    RECORDED.lock().expect("recorded head").take();
    RECORD_NEXT.store(true, Ordering::SeqCst);
}

/// The head recorded since [`record_next`], if a request came.
pub fn take_recorded() -> Option<String> {
    let head = RECORDED.lock().expect("recorded head").take()?;
    Some(String::from_utf8_lossy(&head).into_owned())
}

/// The bodies the server answers with.
pub struct Bodies {
    pub user: String,
    pub members: String,
}

impl Bodies {
    pub fn new() -> Self {
        Bodies { user: user_body(), members: members_body() }
    }
}

/// The `users().get` answer: the doc example (`account_system.md`, one user
/// in `entities`) with a nickname and two push fields set, plus the
/// `organization` and `applicationName` most answers carry.
fn user_body() -> String {
    format!(
        concat!(
            r#"{{"action":"get","path":"/users","#,
            r#""uri":"https://a1.easemob.com/{org}/{app}/users/{user}","#,
            r#""entities":[{{"uuid":"0ffe2d80-ed76-11e8-8d66-279e3e1c214b","type":"user","#,
            r#""created":1542795196504,"modified":1542795196504,"username":"{user}","activated":true,"#,
            r#""nickname":"Testuser 42","notification_display_style":1,"notification_no_disturbing":false}}],"#,
            r#""timestamp":1542798985011,"duration":6,"organization":"{org}","applicationName":"{app}","count":1}}"#
        ),
        org = ORG,
        app = APP,
        user = USERNAME
    )
}

/// The `chatroom_members().list` answer: the owner, then members, in the
/// doc example's shape.
fn members_body() -> String {
    let mut data = String::with_capacity(MEMBERS * 24);
    for i in 0..MEMBERS {
        let role = if i == 0 { "owner" } else { "member" };
        if i > 0 {
            data.push(',');
        }
        data.push_str(&format!(r#"{{"{role}":"user_{i:05}"}}"#));
    }
    format!(
        concat!(
            r#"{{"action":"get","application":"527cd7e0-04b3-11e7-9f59-ef10ecd81ff0","#,
            r#""uri":"https://a1.easemob.com/{org}/{app}/chatrooms/{room}/users","entities":[],"#,
            r#""data":[{data}],"timestamp":1489074511416,"duration":0,"#,
            r#""organization":"{org}","applicationName":"{app}","count":{count}}}"#
        ),
        org = ORG,
        app = APP,
        room = CHATROOM,
        data = data,
        count = MEMBERS
    )
}

/// Full HTTP answers, head and body, chosen by [`route`].
struct Answers {
    user: Vec<u8>,
    members: Vec<u8>,
    unauthorized: Vec<u8>,
    not_found: Vec<u8>,
}

fn answer(status: &str, body: &str) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json;charset=UTF-8\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

/// Starts the server on 127.0.0.1 on a thread of its own; returns its base URL.
pub fn start(bodies: &Bodies) -> String {
    let answers: &'static Answers = Box::leak(Box::new(Answers {
        user: answer("200 OK", &bodies.user),
        members: answer("200 OK", &bodies.members),
        unauthorized: answer(
            "401 Unauthorized",
            r#"{"error":"unauthorized","error_description":"Unable to authenticate (OAuth)"}"#,
        ),
        not_found: answer("404 Not Found", r#"{"error":"service_resource_not_found"}"#),
    }));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    listener.set_nonblocking(true).expect("non-blocking listener");
    let addr: SocketAddr = listener.local_addr().expect("local address");
    std::thread::Builder::new()
        .name("bench-server".into())
        .spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_io().build().expect("server runtime");
            rt.block_on(async move {
                let listener = TcpListener::from_std(listener).expect("tokio listener");
                loop {
                    let Ok((stream, _)) = listener.accept().await else { continue };
                    let _ = stream.set_nodelay(true);
                    tokio::spawn(serve(stream, answers));
                }
            });
        })
        .expect("server thread");
    format!("http://{addr}")
}

/// Serves one keep-alive connection until the peer closes it.
async fn serve(mut stream: TcpStream, answers: &'static Answers) {
    let mut buf = vec![0u8; 16 * 1024];
    let mut filled = 0;
    loop {
        // Answer every complete request already buffered.
        while let Some(head_len) = find_head_end(&buf[..filled]) {
            let head = &buf[..head_len];
            let body_len = content_length(head);
            let total = head_len + body_len;
            if total > buf.len() {
                return; // larger than any request either side sends
            }
            while filled < total {
                match stream.read(&mut buf[filled..]).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => filled += n,
                }
            }
            if RECORD_NEXT.load(Ordering::Relaxed) && RECORD_NEXT.swap(false, Ordering::SeqCst) {
                *RECORDED.lock().expect("recorded head") = Some(buf[..head_len].to_vec());
            }
            let reply = route(&buf[..head_len], answers);
            if stream.write_all(reply).await.is_err() {
                return;
            }
            buf.copy_within(total..filled, 0);
            filled -= total;
        }
        if filled == buf.len() {
            return; // a head larger than the buffer
        }
        match stream.read(&mut buf[filled..]).await {
            Ok(0) | Err(_) => return,
            Ok(n) => filled += n,
        }
    }
}

/// Length of the request head, blank line included, once it is complete.
fn find_head_end(buf: &[u8]) -> Option<usize> {
    buf.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4)
}

/// The `Content-Length` of a request head (0 without one).
fn content_length(head: &[u8]) -> usize {
    head.split(|&b| b == b'\n')
        .find_map(|line| {
            let colon = line.iter().position(|&b| b == b':')?;
            let (name, value) = line.split_at(colon);
            if !name.eq_ignore_ascii_case(b"content-length") {
                return None;
            }
            std::str::from_utf8(&value[1..]).ok()?.trim().parse().ok()
        })
        .unwrap_or(0)
}

/// Picks the answer for a request head: the token must be there, then the
/// path decides.
fn route<'a>(head: &[u8], answers: &'a Answers) -> &'a [u8] {
    let bearer = b"authorization: bearer ";
    let authorized = head.split(|&b| b == b'\n').any(|line| {
        line.len() > bearer.len()
            && line[..bearer.len()].eq_ignore_ascii_case(bearer)
            && line[bearer.len()..].trim_ascii() == TOKEN.as_bytes()
    });
    if !authorized {
        return &answers.unauthorized;
    }
    let line_end = head.iter().position(|&b| b == b'\r').unwrap_or(head.len());
    let mut parts = head[..line_end].split(|&b| b == b' ');
    let (method, target) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    let path = target.split(|&b| b == b'?').next().unwrap_or_default();
    let path = std::str::from_utf8(path).unwrap_or_default();
    let Some(rest) = path.strip_prefix('/').and_then(|p| p.strip_prefix(ORG)) else { return &answers.not_found };
    let Some(rest) = rest.strip_prefix('/').and_then(|p| p.strip_prefix(APP)) else { return &answers.not_found };
    if method != b"GET" {
        return &answers.not_found;
    }
    if let Some(room) = rest.strip_prefix("/chatrooms/").and_then(|r| r.strip_suffix("/users")) {
        if !room.is_empty() && !room.contains('/') {
            return &answers.members;
        }
    } else if let Some(user) = rest.strip_prefix("/users/")
        && !user.is_empty()
        && !user.contains('/')
    {
        return &answers.user;
    }
    &answers.not_found
}
