//! What an error tells the caller: its code, status, whether trying again
//! may help, how many attempts were made, and a cause chain that prints
//! each cause once. User code can build errors of its own.

use std::sync::Arc;

use easemob::{Client, Credentials, Error, ErrorCode, ManualClock, Reached};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{APP, ORG, client, ok_announcement};

/// Every message of the chain, outermost first.
fn chain(e: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut out = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(c) = cur {
        out.push(c.to_string());
        cur = c.source();
    }
    out
}

/// A server answering every GET with `status` and the error `code`.
pub(crate) async fn mount_error(status: u16, code: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(status).set_body_json(json!({ "error": code })))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_503_storm_is_retryable_and_counts_its_attempts() {
    let server = mount_error(503, "service_unavailable").await;
    let clock = Arc::new(ManualClock::new());
    let e = client(&server, &clock).chatrooms().get_announcement("r").send().await.unwrap_err();
    assert_eq!((e.status(), e.attempts(), e.is_retryable()), (Some(503), 3, true), "{e:?}");
    assert_eq!(e.code().map(ErrorCode::as_str), Some("service_unavailable"));
    assert_eq!(e.reached_server(), Reached::Yes);
}

#[tokio::test]
async fn a_refusal_is_not_retryable_and_was_sent_once() {
    let server = mount_error(404, "service_resource_not_found").await;
    let clock = Arc::new(ManualClock::new());
    let e = client(&server, &clock).chatrooms().get_announcement("r").send().await.unwrap_err();
    assert_eq!((e.attempts(), e.is_retryable()), (1, false));
    assert_eq!(e.code(), Some(&ErrorCode::ServiceResourceNotFound));
}

#[tokio::test]
async fn a_retried_success_leaves_no_error_and_an_input_error_sent_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(502)).up_to_n_times(1).mount(&server).await;
    Mock::given(method("GET")).respond_with(ok_announcement()).mount(&server).await;
    let clock = Arc::new(ManualClock::new());
    let c = client(&server, &clock);
    assert_eq!(c.chatrooms().get_announcement("r").send().await.unwrap().announcement, "hi");
    let e = c.chatrooms().get_announcement("").send().await.unwrap_err();
    assert!(matches!(e, Error::InvalidInput(_)), "{e:?}");
    assert_eq!((e.attempts(), e.is_retryable(), e.reached_server()), (0, false, Reached::No));
}

#[tokio::test]
async fn a_transport_error_prints_each_cause_once() {
    // A port nobody listens on: connection refused, never retried into success.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let clock = Arc::new(ManualClock::new());
    let c = Client::builder(format!("http://127.0.0.1:{port}"), ORG, APP)
        .app_token("t")
        .clock(clock.clone())
        .build()
        .unwrap();
    let e = c.chatrooms().get_announcement("r").send().await.unwrap_err();
    assert!(e.is_retryable() && e.attempts() == 3, "{e:?}");
    let messages = chain(&e);
    assert!(messages.len() >= 2, "the reqwest error is the source: {messages:?}");
    for (i, outer) in messages.iter().enumerate() {
        for inner in &messages[i + 1..] {
            assert!(!outer.contains(inner.as_str()), "{outer:?} repeats its cause {inner:?}");
        }
    }
}

#[tokio::test]
async fn a_token_source_reports_its_own_failure_with_its_cause() {
    let server = MockServer::start().await;
    let c = Client::builder(server.uri(), ORG, APP)
        .credentials(Credentials::callback(|| {
            Box::pin(async {
                let io = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "vault sealed");
                Err(Error::with_source("could not read the app token from the vault", io))
            })
        }))
        .build()
        .unwrap();
    let e = c.chatrooms().get_announcement("r").send().await.unwrap_err();
    let Error::Token(inner) = &e else { panic!("{e:?}") };
    assert!(matches!(**inner, Error::Other(_)), "{inner:?}");
    assert_eq!(e.attempts(), 0);
    assert_eq!(e.reached_server(), Reached::No);
    let messages = chain(&e);
    assert_eq!(messages.last().map(String::as_str), Some("vault sealed"), "{messages:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
    assert_eq!(Error::other("no").to_string(), "no");
}
