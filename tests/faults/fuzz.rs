//! Model-based fault fuzzing: proptest generates a *sequence* of server
//! behaviours (statuses, `Retry-After` in every form, `expires_in`
//! extremes, 401s of both kinds, connections closed before and after the
//! head, truncated, oversized and echoing bodies, slow heads and slow
//! bodies, redirects, cursor graphs with cycles, pages of every size), a
//! scriptable raw server (`wire.rs`) plays it, and random operations (safe
//! and unsafe, paged, batch, upload, download) run against it from
//! concurrent callers. After every case the invariants are checked:
//!
//! - nothing panics, and every case ends (a hang is a failure);
//! - no secret (app tokens, the client secret, a password, a share-secret)
//!   appears in any `Debug`, `Display`, error or TRACE-level `tracing` output;
//! - an unsafe operation reaches the server again only after an answer that
//!   refused it (429, or 401 for the token) unless the caller opted in;
//! - attempts stay within the policy, and no wait exceeds its budget;
//! - every walk ends, and yields each item of the model once, in order (a
//!   walk that fails yields a prefix).
//!
//! Each case is cheap: one tokio runtime with paused time for the whole run
//! (slow heads and bodies cost no real time), a `ManualClock` for backoff,
//! and a raw `TcpListener` server. The bounded run is part of `cargo test`;
//! the long run is `FUZZ_CASES=130000 cargo test --release -p easemob-tests
//! --test faults fuzz -- --nocapture` (over 1,000,000 generated server
//! behaviours), which prints how many it generated and played.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use easemob::{CallOptions, Client, Error, ManualClock, RetryPolicy, Upload};
use futures_util::{StreamExt, future::join_all};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::json;

use super::wire::{Reply, Req, serve};

const CLIENT_SECRET: &str = "YXA6-fuzz-client-secret-Qz7";
const FIXED_TOKEN: &str = "YWMt-fuzz-fixed-token-Kp3";
const PASSWORD: &str = "fuzz-password-\"Wq9\"-Zr8Lm2Xv";
const SHARE_SECRET: &str = "fuzz-share-secret-Vb2";
/// Every token the token endpoint issues starts with this.
const ISSUED: &str = "YWMt-issued-";
const MAX_BODY: usize = 4096;

// ------------------------------------------------------------ the model

#[derive(Debug, Clone)]
enum RetryAfter {
    Absent,
    Secs(u64),
    /// An HTTP date this many seconds after the answer's `Date`.
    Date(i64),
    Garbage,
}

#[derive(Debug, Clone, Copy)]
enum ErrBody {
    /// `{"error":"unauthorized"}`: the token was rejected.
    TokenRejected,
    /// The server's JSON error of another kind.
    OtherJson,
    /// An HTML page from a proxy.
    Html,
    /// The request echoed back: body and every header, the token included.
    Echo,
    Empty,
}

/// What the server does with one API request.
#[derive(Debug, Clone)]
enum Fault {
    Status {
        status: u16,
        retry_after: RetryAfter,
        body: ErrBody,
    },
    Close,
    /// The right head, then part of the body, then close.
    Truncated,
    Oversized,
    /// 200 with bytes that are not the documented answer.
    Garbage(Vec<u8>),
    /// 200 echoing the request (secrets included).
    EchoOk,
    SlowHead(u64),
    SlowBody(u64),
    Redirect {
        same_origin: bool,
    },
}

/// What the token endpoint does with one request.
#[derive(Debug, Clone)]
enum TokenFault {
    /// A token with this `expires_in` (any JSON).
    Grant(String),
    Status(u16),
    /// An answer with the token that does not decode.
    Undecodable(u8),
    Close,
    Slow(u64),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Get,
    Send,
    Create,
    Register,
    Cursor,
    Numbers,
    Batch(usize),
    UploadBytes,
    UploadStream,
    Download,
    /// A POST of an endpoint the spec lacks, through the raw-call escape
    /// hatch, not declared retry-safe.
    RawPost,
}

/// The raw operation [`Op::RawPost`] sends.
static RAW_NOTE: easemob::RawOperation =
    easemob::RawOperation::new("fuzz_raw_note", easemob::Method::Post, "/notes/{owner}");

/// Pages of a cursor walk: page `i` holds items `i*10..i*10+len` and names
/// its next page (a cycle when it names an earlier one).
#[derive(Debug, Clone)]
struct CursorGraph {
    pages: Vec<(usize, Option<usize>)>,
}

/// A page-number list: `total` items, pages of at most `cap`, and perhaps a
/// server that ignores the page number.
#[derive(Debug, Clone)]
struct NumberList {
    total: usize,
    cap: usize,
    asked: i64,
    ignores_pagenum: bool,
}

#[derive(Debug, Clone)]
struct Case {
    credentials: bool,
    rate_limit: bool,
    replay_unsafe: bool,
    max_attempts: u32,
    call_timeout: Option<u64>,
    faults: Vec<Fault>,
    token_faults: Vec<TokenFault>,
    ops: Vec<Op>,
    graph: CursorGraph,
    list: NumberList,
}

fn retry_after() -> impl Strategy<Value = RetryAfter> {
    prop_oneof![
        3 => Just(RetryAfter::Absent),
        2 => prop::sample::select(vec![0u64, 1, 3, 30, 3600, 1 << 62, u64::MAX]).prop_map(RetryAfter::Secs),
        1 => (-100i64..100).prop_map(RetryAfter::Date),
        1 => Just(RetryAfter::Garbage),
    ]
}

fn fault() -> impl Strategy<Value = Fault> {
    let status = prop::sample::select(vec![400u16, 401, 403, 404, 429, 500, 501, 502, 503, 504, 307]);
    let body = prop::sample::select(vec![
        ErrBody::TokenRejected,
        ErrBody::OtherJson,
        ErrBody::Html,
        ErrBody::Echo,
        ErrBody::Empty,
    ]);
    prop_oneof![
        6 => (status, retry_after(), body).prop_map(|(status, retry_after, body)| Fault::Status { status, retry_after, body }),
        2 => Just(Fault::Close),
        2 => Just(Fault::Truncated),
        1 => Just(Fault::Oversized),
        1 => prop::collection::vec(any::<u8>(), 0..64).prop_map(Fault::Garbage),
        1 => Just(Fault::EchoOk),
        1 => (1u64..120).prop_map(Fault::SlowHead),
        1 => (1u64..120).prop_map(Fault::SlowBody),
        1 => any::<bool>().prop_map(|same_origin| Fault::Redirect { same_origin }),
    ]
}

fn token_fault() -> impl Strategy<Value = TokenFault> {
    let expires = prop::sample::select(vec![
        "3600",
        "0",
        "1",
        "-1",
        "-9223372036854775808",
        "9223372036854775807",
        "18446744073709551616",
        "1e300",
        "\"3600\"",
        "null",
        "[]",
    ]);
    prop_oneof![
        4 => expires.prop_map(|e| TokenFault::Grant(e.to_owned())),
        2 => prop::sample::select(vec![400u16, 401, 429, 500, 503]).prop_map(TokenFault::Status),
        2 => (0u8..4).prop_map(TokenFault::Undecodable),
        1 => Just(TokenFault::Close),
        1 => (1u64..100).prop_map(TokenFault::Slow),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        Just(Op::Get),
        Just(Op::Send),
        Just(Op::Create),
        Just(Op::Register),
        Just(Op::Cursor),
        Just(Op::Numbers),
        (0usize..140).prop_map(Op::Batch),
        Just(Op::UploadBytes),
        Just(Op::UploadStream),
        Just(Op::Download),
        Just(Op::RawPost),
    ]
}

fn graph() -> impl Strategy<Value = CursorGraph> {
    prop::collection::vec((0usize..4, prop::option::weighted(0.85, 0usize..6)), 1..6)
        .prop_map(|pages| CursorGraph { pages })
}

fn list() -> impl Strategy<Value = NumberList> {
    (0usize..30, 1usize..8, prop::sample::select(vec![1i64, 2, 5, 10, 100]), prop::bool::weighted(0.2))
        .prop_map(|(total, cap, asked, ignores_pagenum)| NumberList { total, cap, asked, ignores_pagenum })
}

prop_compose! {
    fn case()(
        (credentials, rate_limit, replay_unsafe) in (any::<bool>(), any::<bool>(), prop::bool::weighted(0.2)),
        (max_attempts, call_timeout) in (1u32..5, prop::option::weighted(0.3, 1u64..60)),
        faults in prop::collection::vec(fault(), 0..8),
        token_faults in prop::collection::vec(token_fault(), 0..4),
        (ops, graph, list) in (prop::collection::vec(op(), 1..4), graph(), list()),
    ) -> Case {
        Case { credentials, rate_limit, replay_unsafe, max_attempts, call_timeout, faults, token_faults, ops, graph, list }
    }
}

// ------------------------------------------------------------ the server

/// Server behaviours played (requests answered), across every case of the run.
static PLAYED: AtomicU64 = AtomicU64::new(0);
/// Server behaviours generated (scripted faults, token answers, pages and
/// lists), across every case of the run.
static GENERATED: AtomicU64 = AtomicU64::new(0);
/// Cases run; also names each case's org, so that a request can be told
/// apart from strays of earlier cases.
static RAN: AtomicU64 = AtomicU64::new(0);
/// Requests of earlier cases (a late connection or retry of the shared HTTP
/// client reaching a port the OS has since handed to a later case's server)
/// that a case's servers ignored.
static STRAY: AtomicU64 = AtomicU64::new(0);

/// What the server did with one request.
#[derive(Debug, Clone)]
struct Served {
    req: Req,
    /// The answer refused the request (429, or 401 for the token).
    refused: bool,
    /// A success status with a body that is not the documented answer: the
    /// server's word, which a walk may take as an empty page.
    lied: bool,
    /// A redirect to the same origin, which the HTTP client follows within
    /// the same attempt.
    followed: bool,
}

struct Script {
    faults: Mutex<std::collections::VecDeque<Fault>>,
    token_faults: Mutex<std::collections::VecDeque<TokenFault>>,
    issued: AtomicUsize,
    served: Mutex<Vec<Served>>,
    graph: CursorGraph,
    list: NumberList,
    other_origin: String,
    /// `/{org}/app`: this case's paths start with it; requests that do not
    /// are strays of an earlier case (ports are reused across the run).
    base: String,
}

fn rfc1123(secs: i64) -> String {
    let t = std::time::UNIX_EPOCH + Duration::from_secs(784_111_777u64.saturating_add_signed(secs));
    httpdate_fmt(t)
}

fn httpdate_fmt(t: std::time::SystemTime) -> String {
    // Formatting by hand keeps the test free of another dependency.
    let secs = t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (h, m, s) = (rem / 3600, rem % 3600 / 60, rem % 60);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    // Civil from days (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(mo <= 2);
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][(mo - 1) as usize];
    format!("{weekday}, {d:02} {month} {y} {h:02}:{m:02}:{s:02} GMT")
}

impl Script {
    fn answer(&self, req: &Req) -> Reply {
        if !of_case(req, &self.base) {
            // A stray of an earlier case: not this case's to answer or count.
            STRAY.fetch_add(1, Ordering::Relaxed);
            return Reply::Close;
        }
        PLAYED.fetch_add(1, Ordering::Relaxed);
        let token = format!("{}/token", self.base);
        let (lied, followed) = {
            let f = self.faults.lock().unwrap();
            let api = req.path() != token;
            (
                api && matches!(f.front(), Some(Fault::Garbage(_) | Fault::EchoOk)),
                api && matches!(f.front(), Some(Fault::Redirect { same_origin: true })),
            )
        };
        let (reply, refused) = if req.path() == token { self.token(req) } else { self.api(req) };
        self.served.lock().unwrap().push(Served { req: req.clone(), refused, lied, followed });
        reply
    }

    fn token(&self, _req: &Req) -> (Reply, bool) {
        let n = self.issued.fetch_add(1, Ordering::SeqCst);
        let grant =
            |expires: &str| Reply::json(200, format!(r#"{{"access_token":"{ISSUED}{n}-x","expires_in":{expires}}}"#));
        let fault = self.token_faults.lock().unwrap().pop_front();
        let reply = match fault {
            None => grant("3600"),
            Some(TokenFault::Grant(e)) => grant(&e),
            Some(TokenFault::Status(s)) => Reply::json(s, r#"{"error":"invalid_grant","error_description":"no"}"#),
            Some(TokenFault::Undecodable(k)) => {
                let t = format!("{ISSUED}{n}-x");
                let body = match k {
                    0 => format!(r#"{{"access_token":"{t}","expires_in":36"#),
                    1 => format!(r#"{{"access_token":"{t}","expires_in":"{t}"}}"#),
                    2 => format!(r#"{{"access_token":["{t}"],"expires_in":3600}}"#),
                    _ => format!(r#"{{"access_token":{{"{t}":1}}}}"#),
                };
                Reply::json(200, body)
            }
            Some(TokenFault::Close) => Reply::Close,
            Some(TokenFault::Slow(s)) => Reply::Delayed(Duration::from_secs(s), Box::new(grant("3600"))),
        };
        (reply, false)
    }

    fn api(&self, req: &Req) -> (Reply, bool) {
        let good = self.good(req);
        let Some(fault) = self.faults.lock().unwrap().pop_front() else { return (good, false) };
        let echo = || {
            let headers: HashMap<&str, &str> = req.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            json!({"error": "echo", "error_description": String::from_utf8_lossy(&req.body), "exception": headers})
                .to_string()
        };
        match fault {
            Fault::Status { status, retry_after, body } => {
                let text = match body {
                    ErrBody::TokenRejected => r#"{"error":"unauthorized","error_description":"token expired"}"#.into(),
                    ErrBody::OtherJson => r#"{"error":"forbidden_op","error_description":"no"}"#.into(),
                    ErrBody::Html => "<html><h1>Proxy error</h1></html>".into(),
                    ErrBody::Echo => echo(),
                    ErrBody::Empty => String::new(),
                };
                // 307 asks for the request again elsewhere: not taken.
                let refused =
                    status == 429 || status == 307 || (status == 401 && matches!(body, ErrBody::TokenRejected));
                let mut reply = Reply::json(status, text).with_header("date", &rfc1123(0));
                reply = match retry_after {
                    RetryAfter::Absent => reply,
                    RetryAfter::Secs(s) => reply.with_header("retry-after", &s.to_string()),
                    RetryAfter::Date(d) => reply.with_header("retry-after", &rfc1123(d)),
                    RetryAfter::Garbage => reply.with_header("retry-after", "soon, maybe"),
                };
                if status == 307 {
                    reply = reply.with_header("location", &format!("{}{}", self.other_origin, req.target));
                }
                (reply, refused)
            }
            Fault::Close => (Reply::Close, false),
            Fault::Truncated => match good {
                Reply::Full { status, body, .. } => {
                    let cut = body.len() / 2;
                    (Reply::Truncated { status, body: body[..cut].to_vec(), declared: body.len() }, false)
                }
                other => (other, false),
            },
            Fault::Oversized => (Reply::json(200, vec![b' '; MAX_BODY * 2]), false),
            Fault::Garbage(bytes) => (Reply::json(200, bytes), false),
            Fault::EchoOk => (Reply::json(200, echo()), false),
            Fault::SlowHead(s) => (Reply::Delayed(Duration::from_secs(s), Box::new(good)), false),
            Fault::SlowBody(s) => match good {
                Reply::Full { status, body, .. } => {
                    let half = body.len() / 2;
                    let chunks =
                        vec![(Duration::ZERO, body[..half].to_vec()), (Duration::from_secs(s), body[half..].to_vec())];
                    (Reply::Chunks { status, chunks }, false)
                }
                other => (other, false),
            },
            Fault::Redirect { same_origin } => {
                let location =
                    if same_origin { req.target.clone() } else { format!("{}{}", self.other_origin, req.target) };
                (Reply::json(307, "{}").with_header("location", &location), true)
            }
        }
    }

    /// The documented answer to `req`.
    fn good(&self, req: &Req) -> Reply {
        // The path within the app, `/chatrooms` for `/{org}/app/chatrooms`.
        let path = req.path().strip_prefix(self.base.as_str()).unwrap_or("");
        if path == "/chatrooms" && req.method == "GET" {
            let page: usize = req.query("cursor").and_then(|c| c.strip_prefix('p')?.parse().ok()).unwrap_or(0);
            let (len, next) = self.graph.pages.get(page).copied().unwrap_or((0, None));
            let data: Vec<_> = (0..len).map(|i| json!({"id": format!("{}", page * 10 + i), "name": "n"})).collect();
            let mut body = json!({"data": data});
            if let Some(n) = next {
                body["cursor"] = json!(format!("p{}", n % self.graph.pages.len()));
            }
            return Reply::json(200, body.to_string());
        }
        if path == "/chatrooms/room/users" {
            let l = &self.list;
            let asked: usize = req.query("pagesize").and_then(|s| s.parse().ok()).unwrap_or(1000);
            let size = asked.min(l.cap);
            let page: usize = req.query("pagenum").and_then(|s| s.parse().ok()).unwrap_or(1);
            let page = if l.ignores_pagenum { 1 } else { page.max(1) };
            let from = (page - 1).saturating_mul(size).min(l.total);
            let to = from.saturating_add(size).min(l.total);
            let data: Vec<_> = (from..to).map(|i| json!({"member": format!("u{i}")})).collect();
            return Reply::json(200, json!({"data": data}).to_string());
        }
        if path.ends_with("/announcement") {
            return Reply::json(200, r#"{"data":{"announcement":"hi"}}"#);
        }
        if path == "/messages/users" {
            return Reply::json(200, r#"{"data":{"u2":"1"}}"#);
        }
        if path == "/chatrooms" {
            return Reply::json(200, r#"{"data":{"id":"room"}}"#);
        }
        if path == "/users" {
            return Reply::json(200, r#"{"entities":[{"uuid":"x","type":"user","username":"u","activated":true}]}"#);
        }
        if path.ends_with("/blocks/users") {
            let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap_or_default();
            let users = body["usernames"].as_array().cloned().unwrap_or_default();
            let data: Vec<_> = users
                .iter()
                .map(|u| json!({"result": true, "action": "add_blocks", "user": u, "chatroomid": "room"}))
                .collect();
            return Reply::json(200, json!({"data": data}).to_string());
        }
        if path == "/chatfiles" {
            return Reply::json(200, r#"{"entities":[{"uuid":"u1"}]}"#);
        }
        if path.starts_with("/chatfiles/") {
            return Reply::Full { status: 200, headers: vec![], body: vec![b'z'; 300] };
        }
        Reply::json(404, r#"{"error":"not_found"}"#)
    }
}

// ------------------------------------------------------------ running a case

/// One runtime (time paused) and one log capture for the whole run.
fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread().enable_all().start_paused(true).build().expect("runtime")
    })
}

/// One HTTP client for the run (building one per case would cost more than
/// the case), configured as the built-in one: redirects only within the
/// same origin.
fn http() -> &'static reqwest::Client {
    static HTTP: OnceLock<reqwest::Client> = OnceLock::new();
    HTTP.get_or_init(|| {
        let _rt = runtime().enter();
        reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::custom(|attempt| {
                let same = attempt.previous().last().is_some_and(|p| p.origin() == attempt.url().origin());
                if same && attempt.previous().len() <= 5 { attempt.follow() } else { attempt.stop() }
            }))
            .build()
            .expect("HTTP client")
    })
}

/// What one operation yielded, for the checks.
struct Outcome {
    op: Op,
    marker: String,
    shown: String,
    /// Items of a walk, and whether it ended in an error.
    walked: Option<(Vec<String>, bool)>,
}

const WALK_LIMIT: usize = 200;

async fn run_op(client: Client, op: Op, i: usize, opts: CallOptions, pagesize: i64) -> Outcome {
    let marker = format!("op{i}marker");
    let show = |r: &dyn std::fmt::Debug| format!("{r:?}");
    let shown_err = |e: &Error| format!("{e}\n{e:?}\n{:?}", e.reached_server());
    let (shown, walked) = match op {
        Op::Get => {
            let r = client.chatrooms().get_announcement(marker.as_str()).options(opts).send().await;
            (result_text(&r, show, shown_err), None)
        }
        Op::Send => {
            let body = easemob::messages::MessageBody::Txt(easemob::messages::MessageTextBody::new(marker.as_str()));
            let r = client.messages().send_to_users(["u2"], body).from("u1").options(opts).send().await;
            (result_text(&r, show, shown_err), None)
        }
        Op::Create => {
            let r = client.chatrooms().create(marker.as_str(), "d", "o").options(opts).send().await;
            (result_text(&r, show, shown_err), None)
        }
        Op::Register => {
            let r = client.users().create(marker.as_str(), PASSWORD).options(opts).send().await;
            (result_text(&r, show, shown_err), None)
        }
        Op::RawPost => {
            let r = client
                .raw()
                .call(&RAW_NOTE)
                .path_param("owner", "u1")
                .json(&json!({"text": marker}))
                .options(opts)
                .send::<serde_json::Value>()
                .await;
            (result_text(&r, show, shown_err), None)
        }
        Op::Cursor => {
            let items: Vec<_> = client.chatrooms().list().options(opts).items().take(WALK_LIMIT).collect().await;
            walk_outcome(items.into_iter().map(|r| r.map(|room| room.id.into_string())), shown_err)
        }
        Op::Numbers => {
            let items: Vec<_> = client
                .chatroom_members()
                .list("room")
                .pagesize(pagesize)
                .options(opts)
                .items()
                .take(WALK_LIMIT)
                .collect()
                .await;
            walk_outcome(items.into_iter().map(|r| r.map(|m| format!("{m:?}"))), shown_err)
        }
        Op::Batch(n) => {
            let users: Vec<String> = (0..n).map(|k| format!("{marker}-{k}")).collect();
            let r = client.chatroom_members().block_batch("room", users).options(opts).send_all().await;
            let text = match &r {
                Ok(v) => format!("{} results", v.len()),
                Err(e) => {
                    assert!(e.items_done <= e.items_total && e.completed.len() == e.items_done, "{e:?}");
                    format!("{e}\n{e:?}\n{}", shown_err(&e.error))
                }
            };
            (text, None)
        }
        Op::UploadBytes | Op::UploadStream => {
            let upload = if op == Op::UploadBytes {
                Upload::from_bytes(format!("{marker}.txt"), "content")
            } else {
                let s = futures_util::stream::iter([Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"content"))]);
                Upload::from_stream(format!("{marker}.txt"), s, None)
            };
            let r = client.files().upload(upload).options(opts).send().await;
            (result_text(&r, show, shown_err), None)
        }
        Op::Download => {
            let req = client.files().download(marker.as_str()).share_secret(SHARE_SECRET).options(opts);
            let mut text = format!("{req:?}");
            match req.send().await {
                Ok(d) => {
                    text += &format!("{d:?}");
                    if let Err(e) = d.bytes().await {
                        text += &shown_err(&e);
                    }
                }
                Err(e) => text += &shown_err(&e),
            }
            (text, None)
        }
    };
    Outcome { op, marker, shown, walked }
}

fn result_text<T: std::fmt::Debug>(
    r: &Result<T, Error>,
    show: impl Fn(&dyn std::fmt::Debug) -> String,
    shown_err: impl Fn(&Error) -> String,
) -> String {
    match r {
        Ok(v) => show(v),
        Err(e) => shown_err(e),
    }
}

fn walk_outcome(
    items: impl Iterator<Item = Result<String, Error>>,
    shown_err: impl Fn(&Error) -> String,
) -> (String, Option<(Vec<String>, bool)>) {
    let mut got = Vec::new();
    let mut text = String::new();
    let mut failed = false;
    for item in items {
        match item {
            Ok(s) => got.push(s),
            Err(e) => {
                assert!(!failed, "a walk yields at most one error, at its end");
                failed = true;
                text += &shown_err(&e);
            }
        }
    }
    (text, Some((got, failed)))
}

/// The items a cursor walk must yield: pages in order until a page is
/// empty, has no next cursor, or names a page already visited.
fn expected_cursor_items(g: &CursorGraph) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut page = 0;
    loop {
        let (len, next) = g.pages[page];
        out.extend((0..len).map(|i| format!("{}", page * 10 + i)));
        let Some(n) = next.map(|n| n % g.pages.len()) else { break };
        if len == 0 || n == 0 || !seen.insert(n) {
            break;
        }
        page = n;
    }
    out
}

fn expected_members(l: &NumberList) -> Vec<String> {
    let page = (l.asked as usize).min(l.cap);
    let n = if l.ignores_pagenum { l.total.min(page) } else { l.total };
    (0..n).map(|i| format!("{:?}", easemob::Affiliation::Member(format!("u{i}").into()))).collect()
}

fn secrets_in(text: &str) -> Vec<&'static str> {
    [CLIENT_SECRET, FIXED_TOKEN, "Zr8Lm2Xv", SHARE_SECRET, ISSUED].into_iter().filter(|s| text.contains(s)).collect()
}

/// Whether `req` is one of this case's: its path starts with the case's
/// `/{org}/app`.
fn of_case(req: &Req, base: &str) -> bool {
    req.path().strip_prefix(base).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

fn run_case(case: &Case, log: &super::Captured) -> Result<(), TestCaseError> {
    log.take();
    let generated = case.faults.len() + case.token_faults.len() + case.graph.pages.len() + 1;
    GENERATED.fetch_add(generated as u64, Ordering::Relaxed);
    // One runtime and one HTTP client serve the whole run, and the OS reuses
    // ports: a late request of an earlier case can reach this case's
    // servers. Each case has its own org, and its servers tell its requests
    // by it.
    let n = RAN.fetch_add(1, Ordering::Relaxed);
    let org = format!("org{n}");
    if n > 0 && n.is_multiple_of(10_000) {
        // Progress of a long run, so that a stopped run still has its counts.
        eprintln!(
            "fuzz progress: {n} cases, {} server behaviours generated, {} played, {} strays ignored",
            GENERATED.load(Ordering::Relaxed),
            PLAYED.load(Ordering::Relaxed),
            STRAY.load(Ordering::Relaxed),
        );
    }
    let base = format!("/{org}/app");
    runtime().block_on(async {
        let other = serve(|_| Reply::json(200, r#"{"access_token":"stolen","expires_in":60}"#)).await;
        let script = Arc::new(Script {
            faults: Mutex::new(case.faults.iter().cloned().collect()),
            token_faults: Mutex::new(case.token_faults.iter().cloned().collect()),
            issued: AtomicUsize::new(0),
            served: Mutex::new(Vec::new()),
            graph: case.graph.clone(),
            list: case.list.clone(),
            other_origin: other.url.clone(),
            base: base.clone(),
        });
        let s = script.clone();
        let server = serve(move |req| s.answer(req)).await;
        let clock = Arc::new(ManualClock::new());
        let policy = RetryPolicy::default().max_attempts(case.max_attempts).replay_unsafe(case.replay_unsafe);
        let budget = Duration::from_secs(30);
        let mut builder = Client::builder(&server.url, org.as_str(), "app")
            .http_client(http().clone())
            .clock(clock.clone())
            .retry_policy(policy.clone())
            .max_body_size(MAX_BODY)
            .rate_limit(case.rate_limit)
            .transfer_timeouts(Duration::from_secs(30), Duration::from_secs(20));
        builder = if case.credentials {
            builder.client_credentials("id", CLIENT_SECRET)
        } else {
            builder.app_token(FIXED_TOKEN)
        };
        let client = builder.build().unwrap();
        let mut opts = CallOptions::new();
        if let Some(t) = case.call_timeout {
            opts = opts.timeout(Duration::from_secs(t));
        }
        let mut shown = format!("{client:?}");
        let calls =
            case.ops.iter().enumerate().map(|(i, &op)| run_op(client.clone(), op, i, opts.clone(), case.list.asked));
        // A hang is caught in real time, by another thread: a tokio timer
        // would fire early, as paused time jumps ahead whenever the runtime
        // waits, even for data already on its way over loopback.
        let (hung, watchdog) = watchdog(Duration::from_secs(5));
        let outcomes = tokio::select! {
            outcomes = join_all(calls) => outcomes,
            _ = hung => return Err(TestCaseError::fail("the case did not end within 5 s of real time")),
        };
        drop(watchdog);
        drop(client);
        tokio::task::yield_now().await;

        // Secrets.
        for o in &outcomes {
            shown += &o.shown;
        }
        shown += &log.take();
        let leaked = secrets_in(&shown);
        prop_assert!(leaked.is_empty(), "{leaked:?} leaked:\n{shown}");

        // Redirects to another host are never followed (by this case's client:
        // a stray of an earlier case may reach the port, but not with its org).
        let (followed, strays): (Vec<Req>, Vec<Req>) = other.requests().into_iter().partition(|r| of_case(r, &base));
        STRAY.fetch_add(strays.len() as u64, Ordering::Relaxed);
        prop_assert!(followed.is_empty(), "a redirect to another host was followed: {followed:?}");

        // Waits stay within the budget.
        for wait in clock.sleeps() {
            prop_assert!(wait <= budget, "a wait of {wait:?} beyond the budget");
        }

        let served = script.served.lock().unwrap().clone();
        for o in &outcomes {
            // Requests of this operation (by its marker), in order.
            let mine: Vec<&Served> = served
                .iter()
                .filter(|s| {
                    s.req.target.contains(&o.marker) || String::from_utf8_lossy(&s.req.body).contains(&o.marker)
                })
                .collect();
            let unsafe_op = matches!(
                o.op,
                Op::Send | Op::Create | Op::Register | Op::Batch(_) | Op::UploadBytes | Op::UploadStream | Op::RawPost
            );
            let single = !matches!(o.op, Op::Cursor | Op::Numbers | Op::Batch(_));
            if single {
                // Attempts: the policy's, plus one replay after a rejected token.
                let attempts = mine.iter().filter(|s| !s.followed).count();
                prop_assert!(
                    attempts <= case.max_attempts as usize + 1,
                    "{:?}: {} attempts with max {}",
                    o.op,
                    attempts,
                    case.max_attempts
                );
            }
            if unsafe_op && !case.replay_unsafe && single {
                // Every attempt but the last was refused by the server.
                for s in mine.iter().rev().skip(1) {
                    prop_assert!(s.refused, "{:?} was sent again after an answer that did not refuse it", o.op);
                }
            }
            if let Some((items, failed)) = &o.walked {
                prop_assert!(items.len() < WALK_LIMIT, "a walk did not end");
                let expected = match o.op {
                    Op::Cursor => expected_cursor_items(&case.graph),
                    _ => expected_members(&case.list),
                };
                let path = if o.op == Op::Cursor { "/chatrooms" } else { "/chatrooms/room/users" };
                let path = format!("{base}{path}");
                let lied = served.iter().any(|s| s.lied && s.req.method == "GET" && s.req.path() == path);
                if *failed || lied {
                    prop_assert!(expected.starts_with(items), "{:?}: {items:?} is not a prefix of {expected:?}", o.op);
                } else {
                    prop_assert_eq!(items, &expected, "{:?}", o.op);
                }
            }
        }
        Ok(())
    })
}

/// Ends its thread when dropped.
struct Watchdog {
    done: Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            t.thread().unpark();
            let _ = t.join();
        }
    }
}

/// A receiver that fires after `limit` of real time, unless the watchdog
/// is dropped first.
fn watchdog(limit: Duration) -> (tokio::sync::oneshot::Receiver<()>, Watchdog) {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let d = done.clone();
    let thread = std::thread::spawn(move || {
        let until = std::time::Instant::now() + limit;
        while !d.load(Ordering::SeqCst) {
            let now = std::time::Instant::now();
            if now >= until {
                let _ = tx.send(());
                return;
            }
            std::thread::park_timeout(until - now);
        }
    });
    (rx, Watchdog { done, thread: Some(thread) })
}

fn cases() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(150)
}

#[test]
fn server_behaviour_sequences_keep_every_promise() {
    let (log, _guard) = super::capture_trace();

    let started = std::time::Instant::now();
    let before = PLAYED.load(Ordering::Relaxed);
    let generated_before = GENERATED.load(Ordering::Relaxed);
    let ran_before = RAN.load(Ordering::Relaxed);
    let stray_before = STRAY.load(Ordering::Relaxed);
    let config = Config { cases: cases(), failure_persistence: None, max_shrink_iters: 16, ..Config::default() };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&case(), |c| run_case(&c, &log));
    let played = PLAYED.load(Ordering::Relaxed) - before;
    let generated = GENERATED.load(Ordering::Relaxed) - generated_before;
    let ran = RAN.load(Ordering::Relaxed) - ran_before;
    let stray = STRAY.load(Ordering::Relaxed) - stray_before;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "fuzz: {ran} cases in {secs:.1} s ({:.0} cases/s): {generated} server behaviours generated ({:.0}/s), {played} played (requests answered), {stray} stray requests of earlier cases ignored",
        ran as f64 / secs,
        generated as f64 / secs,
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}
