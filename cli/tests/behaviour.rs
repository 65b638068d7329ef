//! The CLI as a real process: paging with `--all`, uploads and downloads,
//! configuration and secrets, help and completions, and exit codes.

mod support;

use serde_json::{Value, json};
use support::{APP, ORG, TOKEN, at, command, exec, run, run_with};
use wiremock::matchers::{body_json, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server_answering(m: &str, p: &str, status: u16, body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(m))
        .and(path(at(p)))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(&server)
        .await;
    server
}

async fn requests(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.expect("recording is on")
}

/// The CLI prints every answer from a JSON tree, so an integer wider than 64
/// bits must be quoted before the tree is built to keep its digits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn integers_wider_than_64_bits_are_printed_with_every_digit() {
    let server = MockServer::start().await;
    let body = r#"{"entities":[{"username":"a","uuid":18446744073709551616,"created":1.5}]}"#;
    Mock::given(method("GET"))
        .and(path(at("/users/a")))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let out = run(&server, &["users", "get", "a"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains(r#""18446744073709551616""#), "{out:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_walks_cursor_pages_one_line_per_item() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(at("/users")))
        .and(query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "entities": [{"username": "a"}, {"username": "b"}], "cursor": "c2"
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(at("/users")))
        .and(query_param("cursor", "c2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"entities": [{"username": "c"}]})))
        .expect(1)
        .mount(&server)
        .await;
    let out = run(&server, &["users", "list", "--limit", "2", "--all"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.lines(), vec![json!({"username": "a"}), json!({"username": "b"}), json!({"username": "c"})]);
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 2);
    assert!(sent.iter().all(|r| r.url.query_pairs().any(|(k, v)| k == "limit" && v == "2")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_walks_numbered_pages_and_clamps_the_page_size() {
    let server = MockServer::start().await;
    for (page, items) in [("1", json!([{"member": "a"}, {"member": "b"}])), ("2", json!([{"member": "c"}]))] {
        Mock::given(method("GET"))
            .and(path(at("/chatrooms/r1/users")))
            .and(query_param("pagenum", page))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": items})))
            .expect(1)
            .mount(&server)
            .await;
    }
    // Asked for more than the server's documented cap: lowered to it.
    let out = run(&server, &["chatroom-members", "list", "r1", "--pagesize", "5000", "--all"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.lines(), vec![json!({"member": "a"}), json!({"member": "b"}), json!({"member": "c"})]);
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 2, "a short page after a longer one is the last");
    assert!(sent.iter().all(|r| r.url.query_pairs().any(|(k, v)| k == "pagesize" && v == "1000")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_streams_a_file_as_multipart() {
    let server = server_answering(
        "POST",
        "/chatfiles",
        200,
        json!({"entities": [{"uuid": "u1", "type": "chatfile", "share-secret": "s3cr3t-share"}]}),
    )
    .await;
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("photo.jpg");
    std::fs::write(&file, b"JPEG bytes \x00\x01\x02").expect("written");
    let out = run(&server, &["files", "upload", "--file", file.to_str().expect("utf-8"), "--restrict-access", "true"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.json()[0]["uuid"], "u1");
    let sent = &requests(&server).await[0];
    assert_eq!(sent.headers.get("restrict-access").expect("header"), "true");
    let ctype = sent.headers.get("content-type").expect("content type").to_str().expect("text");
    assert!(ctype.starts_with("multipart/form-data"), "{ctype}");
    let body = &sent.body;
    let has = |needle: &[u8]| body.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"JPEG bytes \x00\x01\x02"), "the file's bytes are in the body");
    assert!(has(b"filename=\"photo.jpg\""), "the part names the file");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn download_streams_to_a_file_or_stdout() {
    let server = MockServer::start().await;
    let content: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    Mock::given(method("GET"))
        .and(path(at("/chatfiles/u1")))
        .respond_with(ResponseTemplate::new(200).set_body_raw(content.clone(), "application/octet-stream"))
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().expect("a temp dir");
    let target = dir.path().join("out.bin");
    let out = run(&server, &["files", "download", "u1", "--output", target.to_str().expect("utf-8")]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(std::fs::read(&target).expect("written"), content);
    assert_eq!(out.json(), json!({"file": target.to_str(), "bytes": content.len()}));

    let home = tempfile::tempdir().expect("a temp dir");
    let mut cmd = command(home.path());
    cmd.env("EASEMOB_BASE_URL", server.uri())
        .env("EASEMOB_ORG", ORG)
        .env("EASEMOB_APP", APP)
        .env("EASEMOB_TOKEN", TOKEN);
    let raw = cmd.args(["files", "download", "u1", "-o", "-"]).output().expect("runs");
    assert_eq!(raw.status.code(), Some(0));
    assert_eq!(raw.stdout, content, "the bytes as they came, nothing else on stdout");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_download_leaves_no_partial_file() {
    let server = server_answering("GET", "/chatfiles/u1", 404, json!({"error": "file_not_found"})).await;
    let dir = tempfile::tempdir().expect("a temp dir");
    let target = dir.path().join("out.bin");
    let out = run(&server, &["files", "download", "u1", "-o", target.to_str().expect("utf-8")]);
    assert_eq!(out.code, 4, "{out:?}");
    assert!(!target.exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_codes_by_kind_of_failure() {
    // 4xx: refused.
    let server = server_answering(
        "GET",
        "/users/nobody",
        404,
        json!({"error": "service_resource_not_found", "error_description": "Service resource not found"}),
    )
    .await;
    let out = run(&server, &["users", "get", "nobody"]);
    assert_eq!(out.code, 4, "{out:?}");
    assert!(out.stderr.contains("HTTP 404") && out.stderr.contains("Service resource not found"), "{}", out.stderr);
    assert_eq!(out.stdout, "");

    // 5xx: retried by the client, then reported.
    let server = server_answering("GET", "/users/alice", 503, json!({"error": "busy"})).await;
    let out = run(&server, &["users", "get", "alice"]);
    assert_eq!(out.code, 5, "{out:?}");
    assert!(requests(&server).await.len() > 1, "a 503 is retried");

    // A success that is not JSON.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(at("/users/alice")))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>proxy</html>"))
        .mount(&server)
        .await;
    let out = run(&server, &["users", "get", "alice"]);
    assert_eq!(out.code, 6, "{out:?}");

    // Usage: a missing argument, a bad value, a documented limit, bad JSON; nothing is sent.
    let server = MockServer::start().await;
    for (args, needle) in [
        (&["users", "get"][..], "<username>"),
        (&["users", "list", "--limit", "many"][..], "many"),
        (&["users", "list", "--limit", "0"][..], "limit"),
        (&["messages", "send-to-users", "--to", "b", "--message", "{not json"][..], "--message is not valid JSON"),
        (&["users", "frobnicate"][..], "frobnicate"),
    ] {
        let out = run(&server, args);
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert!(out.stderr.contains(needle), "{args:?}: {}", out.stderr);
    }
    assert!(requests(&server).await.is_empty());

    // Transport: nothing listens there.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        l.local_addr().expect("bound").port()
    };
    let home = tempfile::tempdir().expect("a temp dir");
    let mut cmd = command(home.path());
    cmd.env("EASEMOB_BASE_URL", format!("http://127.0.0.1:{closed}")).env("EASEMOB_ORG", ORG).env("EASEMOB_APP", APP);
    cmd.env("EASEMOB_TOKEN", TOKEN).env("EASEMOB_TIMEOUT", "2");
    let out = exec(cmd.args(["users", "get", "alice"]), "");
    assert_eq!(out.code, 5, "{out:?}");

    // Configuration: no base URL.
    let mut cmd = command(home.path());
    let out = exec(cmd.args(["users", "get", "alice"]), "");
    assert_eq!(out.code, 3, "{out:?}");
    assert!(out.stderr.contains("EASEMOB_BASE_URL"), "{}", out.stderr);

    // Local I/O: the file to upload is missing.
    let out = run(&server, &["files", "upload", "--file", "/no/such/file"]);
    assert_eq!(out.code, 7, "{out:?}");
    assert!(requests(&server).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secrets_are_warned_about_and_never_printed() {
    let password = "hunter2-very-secret";
    // The server echoes the password back in its error.
    let server = server_answering(
        "POST",
        "/users",
        400,
        json!({"error": "illegal_argument", "error_description": format!("password {password} is too weak")}),
    )
    .await;
    let out = run(&server, &["users", "create", "--username", "u1", "--password", password, "-v"]);
    assert_eq!(out.code, 4, "{out:?}");
    assert!(out.stderr.contains("warning: --password given on the command line"), "{}", out.stderr);
    assert!(!out.stderr.contains(password) && !out.stdout.contains(password), "{}", out.stderr);
    assert!(out.stderr.contains("***"), "the echo is scrubbed: {}", out.stderr);
    let sent: Value = serde_json::from_slice(&requests(&server).await[0].body).expect("JSON");
    assert_eq!(sent, json!({"username": "u1", "password": password}));

    // From a file: no warning.
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("pw");
    std::fs::write(&file, format!("{password}\n")).expect("written");
    let at_file = format!("@{}", file.display());
    let out = run(&server, &["users", "create", "--username", "u1", "--password", &at_file]);
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
    assert!(!out.stderr.contains(password), "{}", out.stderr);
    let sent: Value = serde_json::from_slice(&requests(&server).await[1].body).expect("JSON");
    assert_eq!(sent["password"], password, "the trailing newline is not part of it");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_credentials_fetch_a_token_and_stay_secret() {
    let secret = "YXA6-the-client-secret";
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(at("/token")))
        .and(body_json(json!({"grant_type": "client_credentials", "client_id": "cid", "client_secret": secret})))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"access_token": "YWMt-fetched", "expires_in": 3600})),
        )
        // Once per process: two runs below.
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(at("/users/alice")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"entities": [{"username": "alice"}]})))
        .mount(&server)
        .await;
    let home = tempfile::tempdir().expect("a temp dir");
    let mut cmd = command(home.path());
    cmd.env("EASEMOB_BASE_URL", server.uri()).env("EASEMOB_ORG", ORG).env("EASEMOB_APP", APP);
    cmd.env("EASEMOB_CLIENT_ID", "cid").env("EASEMOB_CLIENT_SECRET", secret);
    let out = exec(cmd.args(["-vv", "users", "get", "alice"]), "");
    assert_eq!(out.code, 0, "{out:?}");
    assert!(!out.stderr.is_empty(), "-vv logs the call");
    assert!(!out.stderr.contains(secret) && !out.stderr.contains("YWMt-fetched"), "{}", out.stderr);
    let sent = requests(&server).await;
    assert_eq!(sent[1].headers.get("authorization").expect("auth"), "Bearer YWMt-fetched");

    // On the command line: warned about, still never printed.
    let mut cmd = command(home.path());
    cmd.env("EASEMOB_BASE_URL", server.uri()).env("EASEMOB_ORG", ORG).env("EASEMOB_APP", APP);
    let out = exec(cmd.args(["--client-id", "cid", "--client-secret", secret, "users", "get", "alice"]), "");
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stderr.contains("warning: --client-secret"), "{}", out.stderr);
    assert!(!out.stderr.contains(secret));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_come_from_flags_then_environment_then_config_file() {
    let server = server_answering("GET", "/users/alice", 200, json!({"entities": []})).await;
    let other = MockServer::start().await;
    let home = tempfile::tempdir().expect("a temp dir");
    let dir = home.path().join("config").join("easemob");
    std::fs::create_dir_all(&dir).expect("created");
    // The file names the wrong server and org; the environment and a flag fix them.
    std::fs::write(
        dir.join("config.toml"),
        format!("base_url = \"{}\"\norg = \"wrong\"\napp = \"{APP}\"\ntoken = \"{TOKEN}\"\n", other.uri()),
    )
    .expect("written");
    let mut cmd = command(home.path());
    cmd.env("EASEMOB_ORG", ORG);
    let out = exec(cmd.args(["--base-url", &server.uri(), "users", "get", "alice"]), "");
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(requests(&server).await[0].headers.get("authorization").expect("auth"), &format!("Bearer {TOKEN}"));
    assert!(requests(&other).await.is_empty());

    // A broken config file is a configuration error that quotes nothing from it.
    std::fs::write(dir.join("config.toml"), "token = \"YWMt-half\nbroken").expect("written");
    let out = exec(command(home.path()).args(["users", "get", "alice"]), "");
    assert_eq!(out.code, 3, "{out:?}");
    assert!(!out.stderr.contains("YWMt-half"), "{}", out.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn envelope_prints_the_whole_answer() {
    let body = json!({"entities": [{"username": "alice"}], "count": 1, "action": "get"});
    let server = server_answering("GET", "/users/alice", 200, body.clone()).await;
    let out = run_with(&server, &["users", "get", "alice", "--envelope"], "", &[]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.json(), body);
}

#[test]
fn help_shows_the_spec_docs_and_completions_print() {
    let home = tempfile::tempdir().expect("a temp dir");
    let out = exec(command(home.path()).args(["users", "get", "--help"]), "");
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("GET /{org_name}/{app_name}/users/{username}"), "{}", out.stdout);
    assert!(out.stdout.contains("Source: https://"), "{}", out.stdout);
    assert!(out.stdout.contains("operationId `users_get`"), "{}", out.stdout);
    for shell in ["bash", "zsh", "fish"] {
        let out = exec(command(home.path()).args(["completions", shell]), "");
        assert_eq!(out.code, 0, "{out:?}");
        assert!(out.stdout.contains("chatroom-members") && out.stdout.contains("add-batch"), "{shell}");
    }
    let out = exec(command(home.path()).args(["completions", "tcsh"]), "");
    assert_eq!(out.code, 2, "{out:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_inside_a_json_input_is_scrubbed_too() {
    let password = "pw-nested-in-json";
    let server = server_answering(
        "POST",
        "/users",
        400,
        json!({"error": "duplicate_unique_property_exists", "error_description": format!("the passwords are {password}")}),
    )
    .await;
    let users = format!(r#"[{{"username": "a", "password": "{password}"}}]"#);
    let out = run(&server, &["users", "create-batch", "--users", &users]);
    assert_eq!(out.code, 4, "{out:?}");
    assert!(!out.stderr.contains(password), "{}", out.stderr);
    assert!(out.stderr.contains("***"), "{}", out.stderr);
    let sent: Value = serde_json::from_slice(&requests(&server).await[0].body).expect("JSON");
    assert_eq!(sent, json!([{"username": "a", "password": password}]));
}
