//! One regression test per defect of the hardening issue, each named after
//! what it proves, against the scriptable raw server in `wire.rs`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use easemob::files::FileThumbnailFlag;
use easemob::messages::{MessageBody, MessageTextBody};
use easemob::{
    AccessToken, Client, Credentials, Error, ManualClock, Reached, RetryPolicy, Secret, TransportErrorKind, Upload,
};
use futures_util::{StreamExt, TryStreamExt};
use serde_json::json;

use super::wire::{Reply, Req, serve};

const TOKEN: &str = "YWMt-live-token-5521";
const CLIENT_SECRET: &str = "YXA6-hardening-secret-0042";

fn ok_announcement() -> Reply {
    Reply::json(200, r#"{"data":{"announcement":"hi"}}"#)
}

fn token_answer(body: &str) -> impl Fn(&Req) -> Option<Reply> + use<> {
    let body = body.to_owned();
    move |req: &Req| (req.path() == "/org/app/token").then(|| Reply::json(200, body.clone()))
}

fn credentials_client(url: &str, clock: &Arc<ManualClock>) -> Client {
    Client::builder(url, "org", "app").client_credentials("id", CLIENT_SECRET).clock(clock.clone()).build().unwrap()
}

fn shown(e: &Error) -> String {
    format!("{e}\n{e:?}")
}

// ------------------------------------------------------------ 1: arithmetic

#[tokio::test]
async fn an_expires_in_of_i64_max_does_not_panic_and_the_token_is_kept() {
    let token = token_answer(r#"{"access_token":"t","expires_in":9223372036854775807}"#);
    let server = serve(move |req| token(req).unwrap_or_else(ok_announcement)).await;
    let clock = Arc::new(ManualClock::new());
    let client = credentials_client(&server.url, &clock);
    for _ in 0..2 {
        client.chatrooms().get_announcement("r").send().await.unwrap();
        clock.advance(Duration::from_secs(86_400 * 365));
    }
    assert_eq!(server.count("/org/app/token"), 1);
}

#[tokio::test]
async fn a_callback_token_living_duration_max_does_not_panic() {
    let server = serve(|_| ok_announcement()).await;
    let client = Client::builder(&server.url, "org", "app")
        .credentials(Credentials::callback(|| async {
            Ok(AccessToken { token: Secret::new("cb"), expires_in: Some(Duration::MAX) })
        }))
        .build()
        .unwrap();
    client.chatrooms().get_announcement("r").send().await.unwrap();
}

#[tokio::test]
async fn a_retry_after_of_u64_max_after_a_first_retry_gives_up_without_panic() {
    let n = Arc::new(AtomicUsize::new(0));
    let seen = n.clone();
    let server = serve(move |_| {
        let reply = Reply::json(503, "{}");
        match seen.fetch_add(1, Ordering::SeqCst) {
            0 => reply,
            _ => reply.with_header("retry-after", "18446744073709551615"),
        }
    })
    .await;
    let clock = Arc::new(ManualClock::new());
    let client = Client::builder(&server.url, "org", "app")
        .app_token("t")
        .clock(clock.clone())
        .retry_policy(RetryPolicy::default().max_attempts(5))
        .build()
        .unwrap();
    let e = easemob_tests::api_error(client.chatrooms().get_announcement("r").send().await);
    assert_eq!(e.retry_after, Some(Duration::from_secs(u64::MAX)));
    assert_eq!(n.load(Ordering::SeqCst), 2, "the second answer's wait is beyond any budget");
}

// ------------------------------------------------------------ 2: secrets

#[tokio::test]
async fn an_undecodable_token_answer_never_shows_the_token() {
    for answer in [
        format!(r#"{{"access_token":"{TOKEN}","expires_in":36"#),
        format!(r#"{{"access_token":"{TOKEN}","expires_in":"{TOKEN}"}}"#),
        format!(r#"{{"access_token":["{TOKEN}"],"expires_in":3600}}"#),
        format!(r#"{{"access_token":"{TOKEN}","expires_in":{{"a":"{TOKEN}"}}}}"#),
    ] {
        let token = token_answer(&answer);
        let server = serve(move |req| token(req).unwrap_or_else(ok_announcement)).await;
        let clock = Arc::new(ManualClock::new());
        let e = credentials_client(&server.url, &clock).chatrooms().get_announcement("r").send().await.unwrap_err();
        assert!(matches!(&e, Error::Token(inner) if matches!(**inner, Error::Decode(_))), "{e:?}");
        assert!(!shown(&e).contains(TOKEN), "the token leaked from {answer}:\n{}", shown(&e));
        assert_eq!(e.reached_server(), Reached::No);
    }
}

#[tokio::test]
async fn a_server_echoing_a_password_or_the_client_secret_is_scrubbed_from_api_errors() {
    const PASSWORD: &str = "pw-\"quoted\"-7781";
    let server = serve(|req| {
        // Echo the request body back, JSON-escaped, in every field.
        let echoed = String::from_utf8_lossy(&req.body).into_owned();
        if req.path() == "/org/app/token" {
            return Reply::json(400, json!({"error": "invalid_grant", "error_description": echoed}).to_string());
        }
        Reply::json(400, json!({"error": echoed, "exception": echoed, "error_description": echoed}).to_string())
    })
    .await;
    let client = Client::builder(&server.url, "org", "app").app_token(TOKEN).build().unwrap();
    let e = client.users().create("alice", PASSWORD).send().await.unwrap_err();
    let e = e.as_api().unwrap().clone();
    let text = format!("{e}\n{e:?}");
    assert!(text.contains("alice"), "the echo arrived: {text}");
    assert!(!text.contains("7781"), "the password leaked: {text}");

    let clock = Arc::new(ManualClock::new());
    let e = credentials_client(&server.url, &clock).chatrooms().get_announcement("r").send().await.unwrap_err();
    assert!(!shown(&e).contains(CLIENT_SECRET), "the client secret leaked: {}", shown(&e));
}

#[tokio::test]
async fn a_share_secret_is_redacted_in_request_debug() {
    let client = Client::builder("https://a1.easemob.com", "org", "app").app_token(TOKEN).build().unwrap();
    let req = client.files().download("f").share_secret("share-secret-9090");
    let thumb = client.files().download_thumbnail("f", FileThumbnailFlag::True).share_secret("share-secret-9090");
    let text = format!("{req:?}{thumb:?}");
    assert!(!text.contains("9090") && text.contains("Secret(***)"), "{text}");
}

#[tokio::test]
async fn credentials_in_the_base_url_are_refused_and_never_printed() {
    let b = Client::builder("https://user:hunter2@a1.easemob.com", "org", "app").app_token(TOKEN);
    assert!(!format!("{b:?}").contains("hunter2"));
    let e = b.build().unwrap_err();
    assert!(matches!(e, Error::Config(_)), "{e:?}");
    assert!(!shown(&e).contains("hunter2"), "{}", shown(&e));
}

// ------------------------------------------------------------ 3: transfers

fn rejecting_old_token(ok: Reply) -> impl Fn(&Req) -> Reply + Send + Sync + 'static {
    let fetched = Arc::new(AtomicUsize::new(0));
    move |req: &Req| {
        if req.path() == "/org/app/token" {
            let n = fetched.fetch_add(1, Ordering::SeqCst);
            return Reply::json(200, format!(r#"{{"access_token":"tok{n}","expires_in":3600}}"#));
        }
        if req.header("authorization") == Some("Bearer tok0") {
            return Reply::json(401, r#"{"error":"unauthorized","error_description":"token expired"}"#);
        }
        ok.clone()
    }
}

#[tokio::test]
async fn a_download_with_a_rejected_token_refreshes_it_and_replays() {
    let file = Reply::Full { status: 200, headers: vec![], body: b"file-bytes".to_vec() };
    let server = serve(rejecting_old_token(file)).await;
    let clock = Arc::new(ManualClock::new());
    let got = credentials_client(&server.url, &clock).files().download("f").send().await.unwrap().bytes().await;
    assert_eq!(&got.unwrap()[..], b"file-bytes");
    assert_eq!((server.count("/org/app/token"), server.count("/org/app/chatfiles/f")), (2, 2));
}

#[tokio::test]
async fn an_upload_with_a_rejected_token_refreshes_it_and_replays_the_bytes() {
    let server = serve(rejecting_old_token(Reply::json(200, r#"{"entities":[{"uuid":"u1"}]}"#))).await;
    let clock = Arc::new(ManualClock::new());
    let client = credentials_client(&server.url, &clock);
    client.files().upload(Upload::from_bytes("a.txt", "hello")).send().await.unwrap();
    let uploads: Vec<Req> =
        server.requests().into_iter().filter(|r| r.method == "POST" && r.path() == "/org/app/chatfiles").collect();
    assert_eq!(uploads.len(), 2);
    assert!(String::from_utf8_lossy(&uploads[1].body).contains("hello"), "the bytes were sent again");
}

#[tokio::test]
async fn a_streamed_upload_with_a_rejected_token_drops_the_token_for_the_next_call() {
    let server = serve(rejecting_old_token(ok_announcement())).await;
    let clock = Arc::new(ManualClock::new());
    let client = credentials_client(&server.url, &clock);
    let stream = futures_util::stream::iter([Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"x"))]);
    let e = easemob_tests::api_error(client.files().upload(Upload::from_stream("s", stream, None)).send().await);
    assert_eq!(e.status, 401, "a consumed stream cannot be replayed");
    client.chatrooms().get_announcement("r").send().await.unwrap();
    assert_eq!(server.count("/org/app/token"), 2, "the rejected token was not kept");
}

#[tokio::test]
async fn a_download_follows_the_retry_policy() {
    let n = Arc::new(AtomicUsize::new(0));
    let seen = n.clone();
    let server = serve(move |_| match seen.fetch_add(1, Ordering::SeqCst) {
        0 => Reply::json(503, "{}").with_header("retry-after", "3"),
        _ => Reply::Full { status: 200, headers: vec![], body: b"ok".to_vec() },
    })
    .await;
    let clock = Arc::new(ManualClock::new());
    let client = Client::builder(&server.url, "org", "app").app_token("t").clock(clock.clone()).build().unwrap();
    assert_eq!(&client.files().download("f").send().await.unwrap().bytes().await.unwrap()[..], b"ok");
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(3)]);
}

// ------------------------------------------------------------ 4: transfer time limits

#[tokio::test(start_paused = true)]
async fn a_slow_download_that_keeps_arriving_is_not_cut_off_by_the_request_timeout() {
    let chunks: Vec<(Duration, Vec<u8>)> =
        (0..20).map(|i| (Duration::from_secs(5), vec![b'a' + i as u8; 1000])).collect();
    let server = serve(move |_| Reply::Chunks { status: 200, chunks: chunks.clone() }).await;
    let client = Client::builder(&server.url, "org", "app")
        .app_token("t")
        .request_timeout(Duration::from_secs(30))
        .transfer_timeouts(Duration::from_secs(30), Duration::from_secs(10))
        .build()
        .unwrap();
    let started = tokio::time::Instant::now();
    let body = client.files().download("f").send().await.unwrap().bytes().await.unwrap();
    assert_eq!(body.len(), 20_000);
    assert!(started.elapsed() >= Duration::from_secs(100), "100 s of virtual time: {:?}", started.elapsed());
}

#[tokio::test(start_paused = true)]
async fn a_download_stalled_beyond_the_idle_limit_times_out() {
    let chunks = vec![(Duration::ZERO, b"first".to_vec()), (Duration::from_secs(60), b"late".to_vec())];
    let server = serve(move |_| Reply::Chunks { status: 200, chunks: chunks.clone() }).await;
    let client = Client::builder(&server.url, "org", "app")
        .app_token("t")
        .transfer_timeouts(Duration::from_secs(30), Duration::from_secs(10))
        .build()
        .unwrap();
    let mut stream = Box::pin(client.files().download("f").send().await.unwrap().into_stream());
    assert_eq!(&stream.next().await.unwrap().unwrap()[..], b"first");
    match stream.next().await {
        Some(Err(Error::Transport(t))) => assert_eq!(t.kind, TransportErrorKind::Timeout),
        other => panic!("expected an idle timeout, got {other:?}"),
    }
    assert!(stream.next().await.is_none(), "the stream ends after its error");
}

// ------------------------------------------------------------ 5: token refresh under failure

#[tokio::test]
async fn a_failed_token_refresh_is_shared_by_concurrent_waiters() {
    let server = serve(|req| match req.path() {
        "/org/app/token" => Reply::json(503, r#"{"error":"down"}"#),
        _ => ok_announcement(),
    })
    .await;
    let clock = Arc::new(ManualClock::new());
    let client = credentials_client(&server.url, &clock);
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move { c.chatrooms().get_announcement("r").send().await })
        })
        .collect();
    for call in calls {
        let e = call.await.unwrap().unwrap_err();
        assert!(matches!(e, Error::Token(_)), "{e:?}");
    }
    // One retry policy run (3 attempts) for all 20, plus at most one per
    // caller that arrived after it had failed.
    let tokens = server.count("/org/app/token");
    assert!(tokens <= 6, "{tokens} token requests for 20 concurrent callers");
}

#[tokio::test(start_paused = true)]
async fn a_call_timeout_covers_the_wait_for_the_token() {
    let server = serve(|req| match req.path() {
        "/org/app/token" => Reply::Delayed(
            Duration::from_secs(20),
            Box::new(Reply::json(200, r#"{"access_token":"t","expires_in":60}"#)),
        ),
        _ => ok_announcement(),
    })
    .await;
    let client = Client::builder(&server.url, "org", "app").client_credentials("id", "s").build().unwrap();
    let started = tokio::time::Instant::now();
    let opts = easemob::CallOptions::new().timeout(Duration::from_secs(2));
    let e = client.chatrooms().get_announcement("r").options(opts).send().await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    assert_eq!(e.reached_server(), Reached::No, "{e:?}");
    assert_eq!(server.count("/org/app/chatrooms/r/announcement"), 0);
}

// ------------------------------------------------------------ 6: closed connections

#[tokio::test]
async fn a_connection_closed_before_any_answer_is_retried_for_a_safe_get() {
    let n = Arc::new(AtomicUsize::new(0));
    let seen = n.clone();
    let server =
        serve(move |_| if seen.fetch_add(1, Ordering::SeqCst) == 0 { Reply::Close } else { ok_announcement() }).await;
    let clock = Arc::new(ManualClock::new());
    let client = Client::builder(&server.url, "org", "app").app_token("t").clock(clock.clone()).build().unwrap();
    assert_eq!(client.chatrooms().get_announcement("r").send().await.unwrap().announcement, "hi");
    assert_eq!(n.load(Ordering::SeqCst), 2);
}

/// A text message from `u1` to `u2`: an operation not safe to repeat.
pub(super) fn send_text(client: &Client) -> easemob::messages::SendToUsersRequest {
    client.messages().send_to_users(["u2"], MessageBody::Txt(MessageTextBody::new("hello"))).from("u1")
}

#[tokio::test]
async fn a_send_closed_before_any_answer_is_not_replayed_and_may_have_been_delivered() {
    let server = serve(|_| Reply::Close).await;
    let clock = Arc::new(ManualClock::new());
    let client = Client::builder(&server.url, "org", "app").app_token("t").clock(clock.clone()).build().unwrap();
    let e = send_text(&client).send().await.unwrap_err();
    match &e {
        Error::Transport(t) => assert_eq!(t.kind, TransportErrorKind::Closed, "{t}"),
        other => panic!("expected a closed connection, got {other:?}"),
    }
    assert_eq!(e.reached_server(), Reached::Maybe);
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_send_cut_off_mid_answer_says_it_reached_the_server() {
    let server =
        serve(|_| Reply::Truncated { status: 200, body: br#"{"data":{"u2":"1"#.to_vec(), declared: 100 }).await;
    let clock = Arc::new(ManualClock::new());
    let client = Client::builder(&server.url, "org", "app").app_token("t").clock(clock.clone()).build().unwrap();
    let e = send_text(&client).send().await.unwrap_err();
    match &e {
        Error::Transport(t) => {
            assert_eq!(t.kind, TransportErrorKind::Body);
            assert!(t.message.contains("may have taken effect"), "{}", t.message);
        }
        other => panic!("expected a broken answer, got {other:?}"),
    }
    assert_eq!(e.reached_server(), Reached::Yes);
    assert_eq!(server.requests().len(), 1, "not replayed");
}

// ------------------------------------------------------------ 7: 429

#[tokio::test]
async fn a_429_on_a_send_is_retried_after_its_retry_after() {
    let n = Arc::new(AtomicUsize::new(0));
    let seen = n.clone();
    let server = serve(move |_| match seen.fetch_add(1, Ordering::SeqCst) {
        0 => Reply::json(429, r#"{"error":"reach_limit"}"#).with_header("retry-after", "2"),
        _ => Reply::json(200, r#"{"data":{"u2":"123"}}"#),
    })
    .await;
    let clock = Arc::new(ManualClock::new());
    let client = Client::builder(&server.url, "org", "app").app_token("t").clock(clock.clone()).build().unwrap();
    send_text(&client).send().await.unwrap();
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(2)]);
    assert_eq!(n.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_retry_after_http_date_is_measured_from_the_servers_date() {
    let n = Arc::new(AtomicUsize::new(0));
    let seen = n.clone();
    let server = serve(move |_| match seen.fetch_add(1, Ordering::SeqCst) {
        0 => Reply::json(503, "{}")
            .with_header("date", "Sun, 06 Nov 1994 08:49:37 GMT")
            .with_header("retry-after", "Sun, 06 Nov 1994 08:49:41 GMT"),
        _ => ok_announcement(),
    })
    .await;
    let clock = Arc::new(ManualClock::new());
    let client = Client::builder(&server.url, "org", "app").app_token("t").clock(clock.clone()).build().unwrap();
    client.chatrooms().get_announcement("r").send().await.unwrap();
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(4)]);
}

// ------------------------------------------------------------ 8: pagination

fn rooms(ids: &[&str], cursor: Option<&str>) -> Reply {
    let data: Vec<_> = ids.iter().map(|id| json!({"id": id, "name": id})).collect();
    let mut body = json!({"data": data});
    if let Some(c) = cursor {
        body["cursor"] = json!(c);
    }
    Reply::json(200, body.to_string())
}

#[tokio::test]
async fn a_cursor_cycle_ends_the_walk_without_duplicates() {
    let server = serve(|req| match req.query("cursor").as_deref() {
        None => rooms(&["a"], Some("A")),
        Some("A") => rooms(&["b"], Some("B")),
        Some(_) => rooms(&["c"], Some("A")),
    })
    .await;
    let client = Client::builder(&server.url, "org", "app").app_token("t").build().unwrap();
    let ids: Vec<String> =
        client.chatrooms().list().items().map_ok(|r| r.id.into_string()).try_collect().await.unwrap();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(server.requests().len(), 3);
}

fn members(from: usize, n: usize) -> Reply {
    let data: Vec<_> = (from..from + n).map(|i| json!({"member": format!("u{i}")})).collect();
    Reply::json(200, json!({"data": data}).to_string())
}

#[tokio::test]
async fn a_server_ignoring_the_page_number_ends_the_walk_without_duplicates() {
    let server = serve(|_| members(0, 3)).await;
    let client = Client::builder(&server.url, "org", "app").app_token("t").build().unwrap();
    let all: Vec<_> = client.chatroom_members().list("room").pagesize(3).items().try_collect().await.unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_page_size_above_the_servers_cap_still_walks_every_page() {
    // The server caps pages at 4, silently; 10 items in all.
    let server = serve(|req| {
        let page: usize = req.query("pagenum").unwrap().parse().unwrap();
        let from = (page - 1) * 4;
        members(from, 10usize.saturating_sub(from).min(4))
    })
    .await;
    let client = Client::builder(&server.url, "org", "app").app_token("t").build().unwrap();
    let all: Vec<_> = client.chatroom_members().list("room").pagesize(100).items().try_collect().await.unwrap();
    assert_eq!(all.len(), 10);
    assert_eq!(server.requests().len(), 3, "the short third page is shorter than the server's effective size");
}

// ------------------------------------------------------------ 9: smaller ones

#[tokio::test]
async fn a_401_html_page_from_a_proxy_keeps_the_token() {
    let server = serve(|req| match req.path() {
        "/org/app/token" => Reply::json(200, r#"{"access_token":"t","expires_in":3600}"#),
        _ => Reply::Full { status: 401, headers: vec![], body: b"<html>401 Proxy says no</html>".to_vec() },
    })
    .await;
    let clock = Arc::new(ManualClock::new());
    let client = credentials_client(&server.url, &clock);
    for _ in 0..3 {
        assert_eq!(client.chatrooms().get_announcement("r").send().await.unwrap_err().status(), Some(401));
    }
    assert_eq!(server.count("/org/app/token"), 1);
}

#[tokio::test]
async fn a_negative_or_missing_expires_in_is_not_cached_forever() {
    for answer in [r#"{"access_token":"t","expires_in":-5}"#, r#"{"access_token":"t"}"#] {
        let token = token_answer(answer);
        let server = serve(move |req| token(req).unwrap_or_else(ok_announcement)).await;
        let clock = Arc::new(ManualClock::new());
        let client = credentials_client(&server.url, &clock);
        client.chatrooms().get_announcement("r").send().await.unwrap();
        clock.advance(easemob::UNKNOWN_TOKEN_LIFETIME);
        client.chatrooms().get_announcement("r").send().await.unwrap();
        assert_eq!(server.count("/org/app/token"), 2, "{answer}");
    }
}

/// A clock that stands still and whose non-zero sleeps never end, to
/// cancel callers while they wait; it records every wait asked for.
#[derive(Debug)]
struct StuckClock {
    now: std::time::Instant,
    sleeps: std::sync::Mutex<Vec<Duration>>,
}

impl easemob::Clock for StuckClock {
    fn now(&self) -> std::time::Instant {
        self.now
    }
    fn sleep(&self, d: Duration) -> easemob::BoxFuture<'static, ()> {
        self.sleeps.lock().unwrap().push(d);
        if d.is_zero() { Box::pin(std::future::ready(())) } else { Box::pin(std::future::pending()) }
    }
}

#[tokio::test]
async fn callers_cancelled_in_the_rate_limiter_give_their_slots_back() {
    use futures_util::FutureExt;
    let server = serve(|_| Reply::json(200, r#"{"data":[]}"#)).await;
    let clock = Arc::new(StuckClock { now: std::time::Instant::now(), sleeps: Default::default() });
    let client = Client::builder(&server.url, "org", "app")
        .app_token("t")
        .clock(clock.clone())
        .rate_limit(true)
        .build()
        .unwrap();
    // chatrooms_list: 50/s. The burst goes at once.
    for _ in 0..50 {
        client.chatrooms().list().send().await.unwrap();
    }
    // 100 callers must wait; each is cancelled while waiting.
    for _ in 0..100 {
        assert!(client.chatrooms().list().send().now_or_never().is_none(), "it had to wait");
    }
    // Each found the same next slot: the cancelled ones gave theirs back.
    assert_eq!(*clock.sleeps.lock().unwrap(), vec![Duration::from_millis(20); 100]);
    assert_eq!(server.requests().len(), 50);
}

#[tokio::test]
async fn a_cross_host_redirect_is_not_followed_with_the_client_secret() {
    let other = serve(|_| Reply::json(200, r#"{"access_token":"stolen","expires_in":60}"#)).await;
    let target = format!("{}/org/app/token", other.url);
    let server = serve(move |_| Reply::json(307, "{}").with_header("location", &target)).await;
    let clock = Arc::new(ManualClock::new());
    let e = credentials_client(&server.url, &clock).chatrooms().get_announcement("r").send().await.unwrap_err();
    assert_eq!(e.status(), None, "{e:?}");
    assert!(matches!(&e, Error::Token(inner) if inner.status() == Some(307)), "{e:?}");
    assert!(other.requests().is_empty(), "the other host received nothing");
}

#[tokio::test]
async fn plain_http_to_a_remote_host_is_refused_unless_allowed() {
    let e = Client::builder("http://a1.easemob.com", "org", "app").app_token("t").build().unwrap_err();
    assert!(e.to_string().contains("http://"), "{e}");
    assert!(Client::builder("http://a1.easemob.com", "org", "app").app_token("t").allow_http(true).build().is_ok());
    assert!(Client::builder("http://localhost:1", "org", "app").app_token("t").build().is_ok());
}

#[tokio::test]
async fn an_id_of_2_to_the_64_keeps_its_digits() {
    let server = serve(|_| Reply::json(200, r#"{"data":[{"id":18446744073709551616,"name":"n"}]}"#)).await;
    let client = Client::builder(&server.url, "org", "app").app_token("t").build().unwrap();
    let rooms = client.chatrooms().list().send().await.unwrap();
    assert_eq!(rooms[0].id.as_str(), "18446744073709551616");
}

/// An integer ID of any width, on either side of the 64-bit limits and at
/// any offset in the answer, decodes to its exact digits: generated
/// integers (the 19-digit negatives below `i64::MIN` among them), one
/// server answering each case with the body the case sets.
#[test]
fn integer_ids_of_any_width_keep_their_digits() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    let rt = tokio::runtime::Runtime::new().unwrap();
    let body = Arc::new(std::sync::Mutex::new(String::new()));
    let served = body.clone();
    let server = rt.block_on(serve(move |_| Reply::json(200, served.lock().unwrap().clone())));
    let client = Client::builder(&server.url, "org", "app").app_token("t").build().unwrap();
    let near = |edge: i128| (edge - 1000..=edge + 1000).boxed();
    let integer = prop_oneof![
        any::<i128>().prop_map(|n| n.to_string()),
        near(i128::from(i64::MIN)).prop_map(|n| n.to_string()),
        near(i128::from(u64::MAX)).prop_map(|n| n.to_string()),
        near(-10i128.pow(19)).prop_map(|n| n.to_string()),
        "-?[1-9][0-9]{17,60}",
    ];
    let mut runner = TestRunner::new(Config { cases: 256, ..Config::default() });
    runner
        .run(&(integer, 0usize..40), |(n, pad)| {
            *body.lock().unwrap() = format!(r#"{{"data":[{{"name":"{}","id":{n}}}]}}"#, "x".repeat(pad));
            let rooms = rt.block_on(client.chatrooms().list().send()).unwrap();
            prop_assert_eq!(rooms[0].id.as_str(), n.as_str());
            Ok(())
        })
        .unwrap();
}
