//! HTTP/2 refusals: a server may refuse a request before processing any of
//! it (RFC 9113, section 8.7). Such a request took no effect, so the attempt
//! loop sends it again even when the operation is not safe to repeat; any
//! other reset is not a refusal. Against an h2 server on 127.0.0.1 spoken to
//! with prior knowledge, through a reqwest client configured like the
//! built-in one (its own replay of refusals turned off), so that what is
//! seen here is the attempt loop's doing. Beside the examples, proptest
//! generates sequences of refusals, other resets and answers and checks each
//! against a model of the policy: the requests sent, the attempts the
//! interceptors saw, the outcome and whether it says the send was delivered,
//! and that no error shows the token (48 cases in `cargo test`;
//! `H2_FUZZ_CASES=500` for more).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use easemob::{Attempt, AttemptOutcome, Client, Error, Interceptor, ManualClock, Reached, TransportErrorKind};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::hardening::send_text;

/// The app token: long enough that finding it in an output means it leaked.
const TOKEN: &str = "YWMt-h2-refusals-token-Jm5";

/// What the server does with one request.
#[derive(Clone, Copy, Debug)]
enum Answer {
    /// Resets the stream with this reason, before reading the request body.
    Reset(h2::Reason),
    /// Answers 200 with a send's JSON result.
    Sent,
}

/// The requests a server saw: method, path and body.
type Log = Mutex<Vec<(String, String, Bytes)>>;

/// An h2 server answering the n-th request (from 0) with `script(n)`; the
/// requests it saw are in `seen`.
struct H2Server {
    url: String,
    seen: Arc<Log>,
}

/// What the server does with its n-th request, from 0.
type Script = Arc<dyn Fn(usize) -> Answer + Send + Sync>;

async fn serve_h2(script: impl Fn(usize) -> Answer + Send + Sync + 'static) -> H2Server {
    serve_h2_after(Arc::new(script), false).await
}

/// [`serve_h2`], whose first connection, with `goaway_first`, takes the
/// first request's headers (logged as `GOAWAY`) and answers them with a
/// graceful `GOAWAY` that leaves that stream out (last stream 0,
/// `NO_ERROR`): a server shutting down before it began on the request.
async fn serve_h2_after(script: Script, goaway_first: bool) -> H2Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen: Arc<Log> = Arc::default();
    let log = seen.clone();
    let count = Arc::new(AtomicUsize::new(0));
    tokio::spawn(async move {
        let mut connections = 0;
        while let Ok((socket, _)) = listener.accept().await {
            connections += 1;
            if goaway_first && connections == 1 {
                let log = log.clone();
                tokio::spawn(async move { goaway_before_processing(socket, &log).await });
                continue;
            }
            let (log, count, script) = (log.clone(), count.clone(), script.clone());
            tokio::spawn(async move {
                let Ok(mut connection) = h2::server::handshake(socket).await else { return };
                // The connection is driven by `accept`; each request is
                // answered by a task of its own, so that its body can arrive.
                while let Some(Ok((request, mut respond))) = connection.accept().await {
                    let n = count.fetch_add(1, Ordering::SeqCst);
                    let (log, answer) = (log.clone(), script(n));
                    tokio::spawn(async move {
                        let (head, mut body) = request.into_parts();
                        let entry = (head.method.to_string(), head.uri.path().to_owned());
                        if let Answer::Reset(reason) = answer {
                            log.lock().unwrap().push((entry.0, entry.1, Bytes::new()));
                            respond.send_reset(reason);
                            return;
                        }
                        let mut received = Vec::new();
                        while let Some(Ok(chunk)) = body.data().await {
                            let _ = body.flow_control().release_capacity(chunk.len());
                            received.extend_from_slice(&chunk);
                        }
                        log.lock().unwrap().push((entry.0, entry.1, received.into()));
                        let head = http::Response::builder()
                            .status(200)
                            .header("content-type", "application/json")
                            .body(())
                            .unwrap();
                        let Ok(mut stream) = respond.send_response(head, false) else { return };
                        let _ = stream.send_data(Bytes::from_static(br#"{"data":{"u2":"1234567890"}}"#), true);
                    });
                }
            });
        }
    });
    H2Server { url, seen }
}

/// One HTTP/2 connection spoken frame by frame (RFC 9113, section 4.1: a
/// 9-byte header of length, type, flags and stream): the settings exchange,
/// then a `GOAWAY` with last stream 0 and `NO_ERROR` as soon as a request's
/// `HEADERS` frame arrives, then reading until the client closes.
async fn goaway_before_processing(mut socket: TcpStream, log: &Log) {
    const SETTINGS: u8 = 0x4;
    const HEADERS: u8 = 0x1;
    const GOAWAY: u8 = 0x7;
    let mut preface = [0u8; 24];
    if socket.read_exact(&mut preface).await.is_err() {
        return;
    }
    // Our settings: none, so the defaults.
    let _ = socket.write_all(&[0, 0, 0, SETTINGS, 0, 0, 0, 0, 0]).await;
    let mut head = [0u8; 9];
    while socket.read_exact(&mut head).await.is_ok() {
        let len = u32::from_be_bytes([0, head[0], head[1], head[2]]) as usize;
        let mut payload = vec![0; len];
        if socket.read_exact(&mut payload).await.is_err() {
            return;
        }
        match head[3] {
            SETTINGS if head[4] & 0x1 == 0 => {
                let _ = socket.write_all(&[0, 0, 0, SETTINGS, 0x1, 0, 0, 0, 0]).await;
            }
            HEADERS => {
                log.lock().unwrap().push(("GOAWAY".into(), String::new(), Bytes::new()));
                // Last stream 0 (none processed), error code 0 (NO_ERROR).
                let _ = socket.write_all(&[0, 0, 8, GOAWAY, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).await;
            }
            _ => {}
        }
    }
}

/// One attempt as interceptors see it: its number, status and failure.
type Seen = (u32, Option<u16>, Option<TransportErrorKind>);

/// Each attempt's number and outcome, as interceptors see them.
#[derive(Clone, Default)]
struct Attempts(Arc<Mutex<Vec<Seen>>>);

impl Interceptor for Attempts {
    fn on_response(&self, attempt: &Attempt, outcome: &AttemptOutcome) {
        self.0.lock().unwrap().push((attempt.number, outcome.status, outcome.transport_error));
    }
}

/// A client speaking HTTP/2 to `url` without TLS, with the built-in
/// client's retry setting for reqwest, on a manual clock (backoff in
/// virtual time); `attempts` sees every attempt.
fn h2_client(url: &str, attempts: &Attempts) -> Client {
    let http = reqwest::Client::builder()
        .http2_prior_knowledge()
        .retry(reqwest::retry::never().max_retries_per_request(0))
        .build()
        .unwrap();
    Client::builder(url, "org", "app")
        .app_token(TOKEN)
        .http_client(http)
        .interceptor(attempts.clone())
        .clock(Arc::new(ManualClock::new()))
        .build()
        .unwrap()
}

const MESSAGES: &str = "/org/app/messages/users";

#[tokio::test]
async fn a_send_the_server_refused_unprocessed_is_sent_again() {
    let server = serve_h2(|n| if n == 0 { Answer::Reset(h2::Reason::REFUSED_STREAM) } else { Answer::Sent }).await;
    let attempts = Attempts::default();
    let sent = send_text(&h2_client(&server.url, &attempts)).send().await.unwrap();
    assert_eq!(sent.data["u2"], "1234567890", "{sent:?}");
    let seen = server.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen.iter().all(|(method, path, _)| method == "POST" && path == MESSAGES), "{seen:?}");
    // The replay carries the whole body again.
    let body: serde_json::Value = serde_json::from_slice(&seen[1].2).unwrap();
    assert_eq!(body["body"]["msg"], "hello", "{body}");
    // The attempt loop replayed it, not reqwest inside one attempt.
    let attempts = attempts.0.lock().unwrap().clone();
    assert_eq!(attempts, [(1, None, Some(TransportErrorKind::Refused)), (2, Some(200), None)]);
}

#[tokio::test]
async fn a_send_left_out_by_a_graceful_goaway_is_sent_again_on_a_new_connection() {
    let server = serve_h2_after(Arc::new(|_| Answer::Sent), true).await;
    let attempts = Attempts::default();
    let sent = send_text(&h2_client(&server.url, &attempts)).send().await.unwrap();
    assert_eq!(sent.data["u2"], "1234567890", "{sent:?}");
    let seen = server.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[0].0, "GOAWAY", "{seen:?}");
    assert_eq!((seen[1].0.as_str(), seen[1].1.as_str()), ("POST", MESSAGES), "{seen:?}");
    let attempts = attempts.0.lock().unwrap().clone();
    assert_eq!(attempts, [(1, None, Some(TransportErrorKind::Refused)), (2, Some(200), None)]);
}

#[tokio::test]
async fn a_request_refused_on_every_attempt_fails_as_refused_and_not_delivered() {
    let server = serve_h2(|_| Answer::Reset(h2::Reason::REFUSED_STREAM)).await;
    let e = send_text(&h2_client(&server.url, &Attempts::default())).send().await.unwrap_err();
    match &e {
        Error::Transport(t) => {
            assert_eq!(t.kind, TransportErrorKind::Refused, "{t}");
            assert!(t.message.contains("nothing took effect"), "{}", t.message);
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(e.reached_server(), Reached::No);
    assert!(e.is_retryable());
    // The default policy's three attempts, each one request.
    assert_eq!(e.attempts(), 3);
    assert_eq!(server.seen.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn a_send_reset_for_another_reason_is_not_sent_again() {
    // INTERNAL_ERROR says nothing about whether the server acted on it.
    let server = serve_h2(|_| Answer::Reset(h2::Reason::INTERNAL_ERROR)).await;
    let attempts = Attempts::default();
    let e = send_text(&h2_client(&server.url, &attempts)).send().await.unwrap_err();
    match &e {
        Error::Transport(t) => assert_ne!(t.kind, TransportErrorKind::Refused, "{t}"),
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert_ne!(e.reached_server(), Reached::No, "{e:?}");
    assert_eq!(server.seen.lock().unwrap().len(), 1, "not replayed");
    assert_eq!(attempts.0.lock().unwrap().len(), 1);
}

// ------------------------------------------------------------ generated

/// One answer of a generated sequence: refusals most often, so that runs of
/// them reach the policy's limit; other resets, which are not refusals; and
/// the answer itself.
fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        4 => Just(Answer::Reset(h2::Reason::REFUSED_STREAM)),
        1 => Just(Answer::Reset(h2::Reason::INTERNAL_ERROR)),
        1 => Just(Answer::Reset(h2::Reason::CANCEL)),
        1 => Just(Answer::Reset(h2::Reason::ENHANCE_YOUR_CALM)),
        2 => Just(Answer::Sent),
    ]
}

/// What the attempt loop must make of `script` under the default policy
/// (3 attempts): the requests sent, and whether the send succeeds.
fn expected(script: &[Answer]) -> (usize, Result<(), TransportErrorKind>) {
    for n in 0..3 {
        match script.get(n).copied().unwrap_or(Answer::Sent) {
            Answer::Sent => return (n + 1, Ok(())),
            Answer::Reset(h2::Reason::REFUSED_STREAM) if n < 2 => {}
            Answer::Reset(h2::Reason::REFUSED_STREAM) => return (3, Err(TransportErrorKind::Refused)),
            // Any other reset may have come after the server acted: a send
            // is not sent again.
            Answer::Reset(_) => return (n + 1, Err(TransportErrorKind::Other)),
        }
    }
    unreachable!("the loop returns by its third attempt")
}

#[test]
fn generated_sequences_of_refusals_and_resets_are_replayed_only_when_refused() {
    let cases = std::env::var("H2_FUZZ_CASES").ok().map_or(48, |v| v.parse().expect("a number of cases"));
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    runner
        .run(&proptest::collection::vec(answer(), 0..5), |script| {
            let (sent, outcome) = expected(&script);
            runtime.block_on(async {
                let shared = script.clone();
                let server = serve_h2(move |n| shared.get(n).copied().unwrap_or(Answer::Sent)).await;
                let attempts = Attempts::default();
                let call = send_text(&h2_client(&server.url, &attempts)).send();
                // Every case ends: a hang fails it.
                let result = tokio::time::timeout(Duration::from_secs(10), call).await.expect("the call ended");
                let seen = server.seen.lock().unwrap().len();
                prop_assert_eq!(seen, sent, "requests the server saw, for {:?}", script);
                let attempts = attempts.0.lock().unwrap().clone();
                let numbers: Vec<u32> = attempts.iter().map(|a| a.0).collect();
                prop_assert_eq!(numbers, (1..=sent as u32).collect::<Vec<_>>(), "attempts, for {:?}", script);
                match (result, outcome) {
                    (Ok(answer), Ok(())) => prop_assert_eq!(&answer.data["u2"], "1234567890"),
                    (Err(Error::Transport(t)), Err(kind)) => {
                        let shown = format!("{t}\n{t:?}");
                        prop_assert!(!shown.contains(TOKEN), "the token in {}", shown);
                        prop_assert_eq!(t.attempts as usize, sent);
                        if kind == TransportErrorKind::Refused {
                            prop_assert_eq!(t.kind, TransportErrorKind::Refused);
                        } else {
                            prop_assert_ne!(t.kind, TransportErrorKind::Refused, "{}", t);
                        }
                        let e = Error::Transport(t);
                        prop_assert_eq!(e.reached_server() == Reached::No, kind == TransportErrorKind::Refused);
                    }
                    (result, outcome) => {
                        prop_assert!(false, "got {:?}, expected {:?}, for {:?}", result, outcome, script)
                    }
                }
                Ok(())
            })
        })
        .unwrap();
}
