//! HTTP/2 refusals: a server may refuse a request before processing any of
//! it (RFC 9113, section 8.7). Such a request took no effect, so the attempt
//! loop sends it again even when the operation is not safe to repeat; any
//! other reset is not a refusal. Against an h2 server on 127.0.0.1 spoken to
//! with prior knowledge, through a reqwest client configured like the
//! built-in one (its own replay of refusals turned off), so that what is
//! seen here is the attempt loop's doing.

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use easemob::messages::{MessageBody, MessageTextBody};
use easemob::{Client, Error, ManualClock, Reached, TransportErrorKind};
use tokio::net::TcpListener;

/// What the server does with one request.
#[derive(Clone, Copy, Debug)]
enum Answer {
    /// Resets the stream with this reason, before reading the request body.
    Reset(h2::Reason),
    /// Answers 200 with a send's JSON result.
    Sent,
}

/// An h2 server answering the n-th request (from 0) with `script(n)`; the
/// requests it saw (method, path, body) are in `seen`.
struct H2Server {
    url: String,
    seen: Arc<Mutex<Vec<(String, String, Bytes)>>>,
}

async fn serve_h2(script: fn(usize) -> Answer) -> H2Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen: Arc<Mutex<Vec<(String, String, Bytes)>>> = Arc::default();
    let log = seen.clone();
    let count = Arc::new(Mutex::new(0usize));
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let (log, count) = (log.clone(), count.clone());
            tokio::spawn(async move {
                let Ok(mut connection) = h2::server::handshake(socket).await else { return };
                // The connection is driven by `accept`; each request is
                // answered by a task of its own, so that its body can arrive.
                while let Some(Ok((request, mut respond))) = connection.accept().await {
                    let n = {
                        let mut count = count.lock().unwrap();
                        *count += 1;
                        *count - 1
                    };
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

/// A client speaking HTTP/2 to `url` without TLS, with the built-in
/// client's retry setting for reqwest, on a manual clock (backoff in
/// virtual time).
fn h2_client(url: &str) -> Client {
    let http = reqwest::Client::builder()
        .http2_prior_knowledge()
        .retry(reqwest::retry::never().max_retries_per_request(0))
        .build()
        .unwrap();
    Client::builder(url, "org", "app")
        .app_token("t")
        .http_client(http)
        .clock(Arc::new(ManualClock::new()))
        .build()
        .unwrap()
}

fn send_text(client: &Client) -> easemob::messages::SendToUsersRequest {
    client.messages().send_to_users(["u2"], MessageBody::Txt(MessageTextBody::new("hello"))).from("u1")
}

const MESSAGES: &str = "/org/app/messages/users";

#[tokio::test]
async fn a_send_the_server_refused_unprocessed_is_sent_again() {
    let server = serve_h2(|n| if n == 0 { Answer::Reset(h2::Reason::REFUSED_STREAM) } else { Answer::Sent }).await;
    let sent = send_text(&h2_client(&server.url)).send().await.unwrap();
    assert_eq!(sent.data["u2"], "1234567890", "{sent:?}");
    let seen = server.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen.iter().all(|(method, path, _)| method == "POST" && path == MESSAGES), "{seen:?}");
    // The replay carries the whole body again.
    let body: serde_json::Value = serde_json::from_slice(&seen[1].2).unwrap();
    assert_eq!(body["body"]["msg"], "hello", "{body}");
}

#[tokio::test]
async fn a_request_refused_on_every_attempt_fails_as_refused_and_not_delivered() {
    let server = serve_h2(|_| Answer::Reset(h2::Reason::REFUSED_STREAM)).await;
    let e = send_text(&h2_client(&server.url)).send().await.unwrap_err();
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
    let e = send_text(&h2_client(&server.url)).send().await.unwrap_err();
    match &e {
        Error::Transport(t) => assert_ne!(t.kind, TransportErrorKind::Refused, "{t}"),
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert_ne!(e.reached_server(), Reached::No, "{e:?}");
    assert_eq!(server.seen.lock().unwrap().len(), 1, "not replayed");
}
