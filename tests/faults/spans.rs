//! One span per call, with the fields OpenTelemetry's HTTP client and RPC
//! conventions name, recorded when the call ends.

use std::sync::Arc;

use easemob::ManualClock;
use tracing_subscriber::fmt::format::FmtSpan;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::capture::capture;
use super::errors::mount_error;
use super::{Captured, client, ok_announcement};

/// Captures span closings (with their fields) on this thread.
fn capture_spans() -> (Captured, tracing::subscriber::DefaultGuard) {
    capture(tracing::Level::INFO, FmtSpan::CLOSE)
}

/// The line that closes the call's span.
fn close_line(log: &str) -> String {
    log.lines().find(|l| l.contains("easemob.call") && l.contains("close")).unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "current_thread")]
async fn a_retried_call_has_one_span_with_its_status_and_resends() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).up_to_n_times(1).mount(&server).await;
    Mock::given(method("GET")).respond_with(ok_announcement()).mount(&server).await;
    let clock = Arc::new(ManualClock::new());
    let c = client(&server, &clock);
    let (log, _guard) = capture_spans();
    c.chatrooms().get_announcement("r").send().await.unwrap();
    let log = log.take();
    assert_eq!(log.lines().filter(|l| l.contains("easemob.call") && l.contains("close")).count(), 1, "{log}");
    let line = close_line(&log);
    for field in [
        "otel.name=\"chatrooms_get_announcement\"",
        "rpc.method=\"chatrooms_get_announcement\"",
        "http.request.method=\"GET\"",
        "url.template=\"/{org_name}/{app_name}/chatrooms/{chatroom_id}/announcement\"",
        "server.address=\"127.0.0.1\"",
        "http.response.status_code=200",
        "http.request.resend_count=1",
    ] {
        assert!(line.contains(field), "{field} missing from {line}");
    }
    assert!(!line.contains("error.type"), "{line}");
}

#[tokio::test(flavor = "current_thread")]
async fn a_failed_call_records_its_error_type() {
    let server = mount_error(404, "service_resource_not_found").await;
    let clock = Arc::new(ManualClock::new());
    let c = client(&server, &clock);
    let (log, _guard) = capture_spans();
    c.chatrooms().get_announcement("r").send().await.unwrap_err();
    let line = close_line(&log.take());
    assert!(line.contains("http.response.status_code=404"), "{line}");
    assert!(line.contains("error.type=\"service_resource_not_found\""), "{line}");
    assert!(line.contains("http.request.resend_count=0"), "{line}");
}
