//! `client.files()`: streamed upload and download against a local server.

use easemob::files::{FileLifetime, FileLifetimeOutcome, FileThumbnailFlag};
use easemob::{Download, ErrorCode, Upload};
use easemob_tests::{
    DocumentedError, Harness, STD_401, TOKEN, UNAUTHORIZED, api_error, assert_documented_errors, assert_refused,
    invalid_input,
};
use wiremock::matchers::any;
use wiremock::{Mock, Request, ResponseTemplate};

/// The doc's upload answer.
const UPLOADED: &str = r#"{"action":"post","application":"8be024f0-XXXX-XXXX-b697-5d598d5f8402","path":"/chatfiles",
    "uri":"https://XXXX/XXXX/XXXX/chatfiles","entities":[{"uuid":"5fd74830-XXXX-XXXX-822e-81fdfa54bf9e","type":"chatfile",
    "share-secret":"X9dXXXX7Yc"}],"timestamp":1554371126338,"duration":0,"organization":"XXXX","applicationName":"XXXX"}"#;

/// Deterministic file content that no boundary or header can contain by chance.
fn content(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

fn header(req: &Request, name: &str) -> Option<String> {
    req.headers.get(name).map(|v| v.to_str().expect("ASCII header").to_owned())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The parts of a `multipart/form-data` body: (headers, content) each.
fn multipart_parts(req: &Request) -> Vec<(String, Vec<u8>)> {
    let ct = header(req, "content-type").expect("a Content-Type");
    let boundary = ct.strip_prefix("multipart/form-data; boundary=").unwrap_or_else(|| panic!("not multipart: {ct}"));
    let delimiter = format!("--{boundary}");
    let body = &req.body;
    let mut parts = Vec::new();
    let mut rest = &body[find(body, delimiter.as_bytes()).expect("an opening delimiter") + delimiter.len()..];
    while !rest.starts_with(b"--") {
        let rest_after_crlf = rest.strip_prefix(b"\r\n").expect("CRLF after a delimiter");
        let head_end = find(rest_after_crlf, b"\r\n\r\n").expect("part headers end");
        let head = String::from_utf8(rest_after_crlf[..head_end].to_vec()).expect("UTF-8 part headers");
        let data = &rest_after_crlf[head_end + 4..];
        let next = find(data, format!("\r\n{delimiter}").as_bytes()).expect("a closing delimiter");
        parts.push((head, data[..next].to_vec()));
        rest = &data[next + 2 + delimiter.len()..];
    }
    parts
}

/// Asserts the head of a file request: method, path, no query, the token.
fn assert_head(req: &Request, method: &str, path: &str) {
    assert_eq!(req.method.as_str(), method);
    assert_eq!(req.url.path(), path);
    assert_eq!(req.url.query(), None);
    let auth = format!("Bearer {TOKEN}");
    assert_eq!(header(req, "authorization").as_deref(), Some(auth.as_str()), "the token is sent although optional");
}

async fn reply_bytes(h: &Harness, bytes: Vec<u8>, content_type: &str) {
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(bytes, content_type))
        .mount(&h.server)
        .await;
}

// ---------------------------------------------------------------- upload

#[tokio::test]
async fn upload_streams_a_multi_megabyte_file_as_the_file_part() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("holiday.mp4");
    let bytes = content(3 * 1024 * 1024 + 17);
    std::fs::write(&path, &bytes).unwrap();

    let h = Harness::start().await;
    h.reply(200, UPLOADED).await;
    let upload = Upload::from_path(&path).await.unwrap();
    let r = h.client.files().upload(upload).restrict_access(true).send().await.unwrap();

    let reqs = h.requests().await;
    assert_eq!(reqs.len(), 1);
    let req = &reqs[0];
    assert_head(req, "POST", "/org/app/chatfiles");
    assert_eq!(header(req, "restrict-access").as_deref(), Some("true"));
    assert_eq!(header(req, "thumbnail-height"), None);
    assert_eq!(header(req, "accept").as_deref(), Some("application/json"));
    let parts = multipart_parts(req);
    assert_eq!(parts.len(), 1, "one part");
    let (head, data) = &parts[0];
    assert!(head.contains(r#"Content-Disposition: form-data; name="file"; filename="holiday.mp4""#), "{head}");
    assert_eq!(data.len(), bytes.len());
    assert!(data == &bytes, "the part carries the file's bytes");

    assert_eq!(r.len(), 1);
    assert_eq!(r[0].uuid, "5fd74830-XXXX-XXXX-822e-81fdfa54bf9e");
    assert_eq!(r[0].entity_type.as_deref(), Some("chatfile"));
    assert_eq!(r[0].share_secret.as_deref(), Some("X9dXXXX7Yc"));
    assert_eq!(r.meta.action.as_deref(), Some("post"));
    assert_eq!(r.meta.path.as_deref(), Some("/chatfiles"));
    assert_eq!(r.meta.uri.as_deref(), Some("https://XXXX/XXXX/XXXX/chatfiles"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1554371126338)));
    assert_eq!(r.meta.duration, Some(0));
    assert_eq!(r.meta.application.as_deref(), Some("8be024f0-XXXX-XXXX-b697-5d598d5f8402"));
}

#[tokio::test]
async fn upload_sends_thumbnail_sizes_and_a_part_type() {
    let h = Harness::start().await;
    h.reply(200, UPLOADED).await;
    let upload = Upload::from_bytes("photo.jpg", content(20_000)).mime("image/jpeg");
    h.client.files().upload(upload).thumbnail_height(240).thumbnail_width(320).send().await.unwrap();
    let req = &h.requests().await[0];
    assert_head(req, "POST", "/org/app/chatfiles");
    assert_eq!(header(req, "restrict-access"), None, "not sent unless set");
    assert_eq!(header(req, "thumbnail-height").as_deref(), Some("240"));
    assert_eq!(header(req, "thumbnail-width").as_deref(), Some("320"));
    let parts = multipart_parts(req);
    let (head, data) = &parts[0];
    assert!(head.contains(r#"name="file"; filename="photo.jpg""#), "{head}");
    assert!(head.contains("Content-Type: image/jpeg"), "{head}");
    assert_eq!(data, &content(20_000));
}

#[tokio::test]
async fn upload_accepts_an_answer_without_share_secret() {
    let h = Harness::start().await;
    h.reply(200, r#"{"entities":[{"uuid":"5fd74830","type":"chatfile"}]}"#).await;
    let r = h.client.files().upload(Upload::from_bytes("a.txt", "hello")).send().await.unwrap();
    assert_eq!(r[0].uuid, "5fd74830");
    assert_eq!(r[0].share_secret, None);
}

#[tokio::test]
async fn upload_rejects_a_zero_thumbnail_size_before_sending() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.files().upload(Upload::from_bytes("a.jpg", "x")).thumbnail_height(0).send().await);
    assert_eq!(e.operation, "files_upload");
    assert_eq!((e.field, e.rule.as_str()), ("thumbnail_height", "must be at least 1, got 0"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn upload_documented_errors_decode() {
    for (status, body, code, description) in [
        (
            400,
            r#"{"error":"illegal_argument","exception":"java.lang.IllegalArgumentException","timestamp":1,"duration":0,"error_description":"file must be provided."}"#,
            ErrorCode::IllegalArgument,
            "file must be provided.",
        ),
        (
            413,
            r#"{"error":"file exceeding maximum limit","timestamp":1,"duration":0,"error_description":"the file size exceeds the maximum limit."}"#,
            ErrorCode::from("file exceeding maximum limit"),
            "the file size exceeds the maximum limit.",
        ),
        (401, STD_401, ErrorCode::Unauthorized, "Unable to authenticate (OAuth)"),
    ] {
        let h = Harness::start().await;
        h.reply(status, body).await;
        let e = api_error(h.client.files().upload(Upload::from_bytes("a.txt", content(1000))).send().await);
        assert_eq!(e.operation, "files_upload");
        assert_eq!(e.status, status);
        assert_eq!(e.code, Some(code));
        assert_eq!(e.description.as_deref(), Some(description));
        assert_eq!(h.requests().await.len(), 1, "an upload stream is never replayed");
    }
}

// ---------------------------------------------------------------- download

async fn read_all(d: Download) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    let n = d.write_to(&mut out).await.unwrap();
    assert_eq!(n as usize, out.len());
    out
}

#[tokio::test]
async fn download_streams_the_file_into_a_writer() {
    let bytes = content(2 * 1024 * 1024 + 5);
    let h = Harness::start().await;
    reply_bytes(&h, bytes.clone(), "application/octet-stream").await;
    let d = h
        .client
        .files()
        .download("5fd74830-XXXX-XXXX-822e-81fdfa54bf9e")
        .share_secret("X9dXXXX7Yc")
        .send()
        .await
        .unwrap();
    assert_eq!(d.content_type(), Some("application/octet-stream"));
    assert_eq!(d.content_length(), Some(bytes.len() as u64));
    let got = read_all(d).await;
    assert!(got == bytes, "the downloaded bytes are the served bytes");

    let reqs = h.requests().await;
    assert_eq!(reqs.len(), 1);
    let req = &reqs[0];
    assert_head(req, "GET", "/org/app/chatfiles/5fd74830-XXXX-XXXX-822e-81fdfa54bf9e");
    assert_eq!(header(req, "share-secret").as_deref(), Some("X9dXXXX7Yc"));
    assert_eq!(header(req, "thumbnail"), None, "a plain download never asks for the thumbnail");
    assert!(req.body.is_empty());
}

#[tokio::test]
async fn download_without_share_secret_sends_no_such_header() {
    let h = Harness::start().await;
    reply_bytes(&h, b"plain".to_vec(), "text/plain").await;
    let d = h.client.files().download("abc").send().await.unwrap();
    assert_eq!(d.bytes().await.unwrap().as_ref(), b"plain");
    let req = &h.requests().await[0];
    assert_head(req, "GET", "/org/app/chatfiles/abc");
    assert_eq!(header(req, "share-secret"), None);
}

#[tokio::test]
async fn download_thumbnail_sends_thumbnail_true() {
    let thumb = content(40_000);
    let h = Harness::start().await;
    reply_bytes(&h, thumb.clone(), "image/jpeg").await;
    let d = h
        .client
        .files()
        .download_thumbnail("5fd74830-XXXX-XXXX-822e-81fdfa54bf9e", FileThumbnailFlag::True)
        .share_secret("X9dXXXX7Yc")
        .send()
        .await
        .unwrap();
    assert_eq!(d.content_type(), Some("image/jpeg"));
    assert_eq!(read_all(d).await, thumb);
    let req = &h.requests().await[0];
    assert_head(req, "GET", "/org/app/chatfiles/5fd74830-XXXX-XXXX-822e-81fdfa54bf9e");
    assert_eq!(header(req, "thumbnail").as_deref(), Some("true"));
    assert_eq!(header(req, "share-secret").as_deref(), Some("X9dXXXX7Yc"));
}

#[tokio::test]
async fn download_refuses_a_dot_segment_id_before_sending() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.files().download("..").send().await);
    assert_eq!(e.operation, "files_download");
    assert_eq!(e.field, "file_uuid");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn download_documented_errors_decode() {
    let cases = [
        (
            401,
            r#"{"error":"auth_bad_access_token","timestamp":1,"duration":0,"error_description":"Unable to authenticate due to corrupt access token"}"#,
            ErrorCode::AuthBadAccessToken,
            "Unable to authenticate due to corrupt access token",
        ),
        (
            404,
            r#"{"error":"entity_not_found","timestamp":1,"duration":0,"error_description":"file may not exists"}"#,
            ErrorCode::from("entity_not_found"),
            "file may not exists",
        ),
        (
            404,
            r#"{"error":"file_expired","timestamp":1,"duration":0,"error_description":"file xxxxx is expired"}"#,
            ErrorCode::from("file_expired"),
            "file xxxxx is expired",
        ),
    ];
    for (status, body, code, description) in &cases {
        let h = Harness::start().await;
        h.reply(*status, body).await;
        let e = api_error(h.client.files().download("abc").send().await);
        assert_eq!(e.operation, "files_download");
        assert_eq!((e.status, e.code.as_ref(), e.description.as_deref()), (*status, Some(code), Some(*description)));

        let h = Harness::start().await;
        h.reply(*status, body).await;
        let e = api_error(h.client.files().download_thumbnail("abc", FileThumbnailFlag::True).send().await);
        assert_eq!(e.operation, "files_download_thumbnail");
        assert_eq!((e.status, e.code.as_ref(), e.description.as_deref()), (*status, Some(code), Some(*description)));
    }
}

// ---------------------------------------------------------------- set_lifetime

#[tokio::test]
async fn set_lifetime_puts_the_doc_example_and_maps_each_file_to_its_outcome() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"path":"/users/test/chatfiles/lifetime","uri":"https://XXXX/XXXX/XXXX/users/test/chatfiles/lifetime","timestamp":1731382587142,
            "organization":"XXXX","application":"2a8f5b13-XXXX-XXXX-958a-838fd47f1223","action":"put",
            "data":{"359f9c50-XXXX-XXXX-92cd-07eff71e8a37":"success","2fe7f0b0-0b55-XXXX-XXXX-231441e42458":"failed"},
            "duration":102,"applicationName":"XXXX"}"#,
    )
    .await;
    let r = h
        .client
        .files()
        .set_lifetime("test", FileLifetime::Default, ["2fe7f0b0-0b55-XXXX-XXXX-231441e42458"])
        .send()
        .await
        .unwrap();
    h.expect(
        "PUT",
        "/org/app/users/test/chatfiles/lifetime",
        "",
        Some(serde_json::json!({"lifetime":"default","chatfile_ids":["2fe7f0b0-0b55-XXXX-XXXX-231441e42458"]})),
    )
    .await;
    assert_eq!(r["359f9c50-XXXX-XXXX-92cd-07eff71e8a37"], FileLifetimeOutcome::Success);
    assert_eq!(r["2fe7f0b0-0b55-XXXX-XXXX-231441e42458"], FileLifetimeOutcome::Failed);
    assert_eq!(r.meta.action.as_deref(), Some("put"));
}

#[tokio::test]
async fn set_lifetime_takes_at_most_100_files() {
    let h = Harness::start().await;
    let result =
        h.client.files().set_lifetime("test", FileLifetime::Forever, easemob_tests::ids("f", 101)).send().await;
    assert_refused(&h, result, "files_set_lifetime", "file_ids", "takes at most 100 items per call, got 101").await;
}

#[tokio::test]
async fn set_lifetime_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[
        (400, Some("illegal_argument"), "chatfile_ids size is too large"),
        (400, Some("illegal_argument"), "lifetime must be either 'forever' or 'default' or 'refresh'"),
        UNAUTHORIZED,
        (403, Some("forbidden_op"), ""),
    ];
    assert_documented_errors("files_set_lifetime", ERRORS, |c| async move {
        c.files().set_lifetime("test", FileLifetime::Refresh, ["f1"]).send().await
    })
    .await;
}
