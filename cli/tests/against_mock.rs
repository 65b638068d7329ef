//! The CLI as a real process against the offline mock server
//! (`easemob-mock`): its token flow, its checks, its state, its paging and
//! its faults. What the mock journalled is asserted with what was printed.

mod support;

use std::collections::BTreeSet;

use easemob_mock::{Entry, Fault, MockServer};
use serde_json::{Value, json};
use support::{APP, ORG, Run};

const CLIENT_ID: &str = "YXA6cli-test-id";
const CLIENT_SECRET: &str = "YXA6cli-test-secret";

/// A mock that accepts only our client credentials at `POST /token`.
async fn mock() -> MockServer {
    MockServer::builder().credentials(CLIENT_ID, CLIENT_SECRET).start().await.expect("the mock binds")
}

/// Runs the CLI against `mock` with client credentials from the
/// environment (so tokens come from the mock's `POST /token`).
fn easemob(mock: &MockServer, args: &[&str], stdin: &str) -> Run {
    easemob_with_secret(mock, CLIENT_SECRET, args, stdin)
}

/// The same with another client secret.
fn easemob_with_secret(mock: &MockServer, secret: &str, args: &[&str], stdin: &str) -> Run {
    let home = tempfile::tempdir().expect("a temp dir");
    let mut cmd = support::command(home.path());
    cmd.env("EASEMOB_BASE_URL", mock.url())
        .env("EASEMOB_ORG", ORG)
        .env("EASEMOB_APP", APP)
        .env("EASEMOB_CLIENT_ID", CLIENT_ID)
        .env("EASEMOB_CLIENT_SECRET", secret);
    support::exec(cmd.args(args), stdin)
}

/// Runs and expects exit 0.
fn ok(mock: &MockServer, args: &[&str]) -> Run {
    let out = easemob(mock, args, "");
    assert_eq!(out.code, 0, "{args:?}: {out:?}");
    out
}

/// The journal entries of one operation.
fn of(mock: &MockServer, op: &str) -> Vec<Entry> {
    mock.journal().into_iter().filter(|e| e.operation == Some(op)).collect()
}

/// Whether `part` is `whole` or a value somewhere inside it.
fn inside(whole: &Value, part: &Value) -> bool {
    whole == part
        || match whole {
            Value::Object(m) => m.values().any(|v| inside(v, part)),
            Value::Array(a) => a.iter().any(|v| inside(v, part)),
            _ => false,
        }
}

/// The documented example answer of an operation, as the mock has it.
fn example_of(op: &str) -> Value {
    let op = easemob_mock::operations().iter().find(|o| o.id == op).unwrap_or_else(|| panic!("no operation {op}"));
    serde_json::from_str(op.example).unwrap_or_else(|e| panic!("{}: example is not JSON: {e}", op.id))
}

/// One command of an area, answered by the mock's documented example.
struct Case {
    args: &'static [&'static str],
    stdin: &'static str,
    /// The operation the mock must have matched.
    op: &'static str,
}

fn example_cases() -> Vec<Case> {
    let case = |args, op| Case { args, stdin: "", op };
    vec![
        case(&["callback-storage", "info"], "callback_storage_info"),
        case(&["collections", "list", "alice", "--limit", "5"], "collections_list"),
        Case {
            args: &["files", "set-lifetime", "alice", "--json", "-", "--lifetime", "forever"],
            stdin: r#"{"chatfile_ids": ["f1"]}"#,
            op: "files_set_lifetime",
        },
        case(&["moderation", "check-text", "--content", "hello"], "moderation_check_text"),
        case(&["presence", "get", "alice", "--users", "bob"], "presence_get"),
        case(&["push", "get-language", "alice"], "push_get_language"),
        case(&["reactions", "list", "alice", "--msg-ids", "m1", "--msg-type", "chat"], "reactions_list"),
        case(&["rtc", "usage-summary", "--app-key", "org#app"], "rtc_usage_summary"),
        case(&["translation", "list-languages"], "translation_list_languages"),
    ]
}

/// The areas with a stateful scenario in `stateful_areas`,
/// `threads_and_super_admins_keep_state` or `user_attributes_keep_state`.
const STATEFUL_AREAS: &[&str] = &[
    "chatroom-members",
    "chatroom-super-admins",
    "chatrooms",
    "contacts",
    "group-members",
    "groups",
    "messages",
    "threads",
    "tokens",
    "user-metadata",
    "users",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_area_has_a_case() {
    let mock = mock().await;
    let mut covered: BTreeSet<&str> = example_cases().iter().map(|c| c.args[0]).collect();
    covered.extend(STATEFUL_AREAS);
    let listed = ok(&mock, &["--help"]);
    let mut areas = 0;
    for line in listed.stdout.lines().skip_while(|l| !l.starts_with("Commands:")).skip(1) {
        let Some(name) = line.split_whitespace().next() else { break };
        if name != "completions" && name != "help" {
            areas += 1;
            assert!(covered.contains(name), "no case against the mock for the area {name}");
        }
    }
    assert_eq!(areas, 20, "{}", listed.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn areas_without_state_answer_the_documented_example() {
    for case in example_cases() {
        let mock = mock().await;
        let out = easemob(&mock, case.args, case.stdin);
        assert_eq!(out.code, 0, "{:?}: {out:?}", case.args);
        let journal = mock.journal();
        // The token first, from our credentials, then the operation.
        let ops: Vec<(Option<&str>, &str, u16)> = journal.iter().map(|e| (e.operation, e.outcome, e.status)).collect();
        assert_eq!(
            ops,
            [(Some("tokens_get_app_token"), "state", 200), (Some(case.op), "example", 200)],
            "{:?}",
            case.args
        );
        let token = journal[0].json().expect("a JSON token request");
        assert_eq!(token["client_id"], CLIENT_ID);
        let auth = journal[1].header("authorization").expect("an authorization header");
        assert!(auth.starts_with("Bearer ") && auth.len() > "Bearer ".len(), "{auth}");
        let printed = out.json();
        assert!(inside(&example_of(case.op), &printed), "{:?} printed {printed} not from the example", case.args);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stateful_areas() {
    let mock = mock().await;
    // users: created, then fetched from the mock's state.
    for name in ["alice", "bob", "carol"] {
        let body = format!(r#"{{"username": "{name}", "password": "pw-{name}"}}"#);
        let out = easemob(&mock, &["users", "create", "--json", "-"], &body);
        assert_eq!(out.code, 0, "{out:?}");
    }
    let got = ok(&mock, &["users", "get", "alice"]).json();
    assert_eq!(got[0]["username"], "alice", "{got}");
    assert_eq!(of(&mock, "users_create").len(), 3);
    assert!(mock.journal().iter().all(|e| e.outcome == "state"), "{:?}", mock.journal());
    assert_eq!(of(&mock, "tokens_get_app_token").len(), 4, "one token per process");

    // tokens: a user token for a registered user, from the mock's state.
    let out = easemob(
        &mock,
        &["tokens", "get-user-token", "--json", "-"],
        r#"{"grant_type": "password", "username": "alice", "password": "pw-alice"}"#,
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.json()["access_token"].as_str().is_some_and(|t| !t.is_empty()), "{out:?}");
    assert_eq!(of(&mock, "tokens_get_user_token").last().expect("journalled").status, 200);

    // contacts: added, then listed.
    ok(&mock, &["contacts", "add", "alice", "bob"]);
    let contacts = ok(&mock, &["contacts", "list", "alice"]).json();
    assert_eq!(contacts, json!(["bob"]), "{contacts}");

    // chatrooms and chatroom-members: created, a member added, listed.
    let room = ok(&mock, &["chatrooms", "create", "--name", "lobby", "--description", "hi", "--owner", "alice"]).json();
    let room_id = room["id"].as_str().unwrap_or_else(|| panic!("a room id in {room}")).to_owned();
    ok(&mock, &["chatroom-members", "add", &room_id, "bob"]);
    let members = ok(&mock, &["chatroom-members", "list", &room_id]).json();
    assert_eq!(members, json!([{"owner": "alice"}, {"member": "bob"}]), "{members}");
    let details = ok(&mock, &["chatrooms", "get", &room_id]).json();
    assert_eq!(details[0]["id"], room_id.as_str(), "{details}");

    // groups and group-members.
    let group =
        ok(&mock, &["groups", "create", "--owner", "alice", "--public", "true", "--name", "G", "--members", "bob"])
            .json();
    let group_id = group["groupid"].as_str().unwrap_or_else(|| panic!("a group id in {group}")).to_owned();
    ok(&mock, &["group-members", "add", &group_id, "carol"]);
    let members = ok(&mock, &["group-members", "list", &group_id]).json();
    let names: BTreeSet<String> = members
        .as_array()
        .expect("a list")
        .iter()
        .flat_map(|m| m.as_object().expect("an object").values().map(|v| v.as_str().expect("a name").to_owned()))
        .collect();
    assert_eq!(names, BTreeSet::from(["alice".into(), "bob".into(), "carol".into()]), "{members}");

    // messages: sent, and in the mock's inbox.
    let message = r#"{"type":"txt","body":{"msg":"hi"}}"#;
    let sent = ok(&mock, &["messages", "send-to-users", "--from", "alice", "--to", "bob", "--message", message]).json();
    let inbox = mock.inbox();
    assert_eq!(inbox.len(), 1, "{inbox:?}");
    assert_eq!(
        (inbox[0].from.as_str(), inbox[0].to.as_slice(), inbox[0].kind.as_str()),
        ("alice", &["bob".to_owned()][..], "txt")
    );
    assert_eq!(sent, json!({"bob": inbox[0].id}));

    // A deleted chatroom is gone: its members are no longer listed (exit 4).
    ok(&mock, &["chatrooms", "delete", &room_id]);
    assert!(mock.with_state(|s| !s.chatrooms.contains_key(&room_id)));
    let out = easemob(&mock, &["chatroom-members", "list", &room_id], "");
    assert_eq!(out.code, 4, "{out:?}");
    let last = mock.journal().pop().expect("journalled");
    assert_eq!((last.operation, last.status, last.outcome), (Some("chatroom_members_list"), 404, "state"));

    let mut journal = mock.journal();
    journal.pop(); // the 404 above
    let refused: Vec<&Entry> = journal.iter().filter(|e| e.status != 200 || e.outcome != "state").collect();
    assert!(refused.is_empty(), "every request answered from the mock's state: {refused:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn threads_and_super_admins_keep_state() {
    let mock = mock().await;
    // chatroom-super-admins: a registered user granted, listed, revoked.
    let out = easemob(&mock, &["users", "create", "--json", "-"], r#"{"username": "alice", "password": "pw"}"#);
    assert_eq!(out.code, 0, "{out:?}");
    ok(&mock, &["chatroom-super-admins", "add", "--username", "alice"]);
    assert_eq!(ok(&mock, &["chatroom-super-admins", "list"]).json(), json!(["alice"]));
    ok(&mock, &["chatroom-super-admins", "remove", "alice"]);
    assert_eq!(ok(&mock, &["chatroom-super-admins", "list"]).json(), json!([]));

    // threads: started in a group by its owner, who joins; members walked
    // with --all to the empty page that ends the list.
    let group = ok(&mock, &["groups", "create", "--owner", "alice", "--public", "true"]).json();
    let group_id = group["groupid"].as_str().unwrap_or_else(|| panic!("a group id in {group}")).to_owned();
    let args = ["threads", "create", "--group-id", &group_id, "--name", "t", "--msg-id", "m1", "--owner", "alice"];
    let thread = ok(&mock, &args).json();
    let thread_id = thread["thread_id"].as_str().unwrap_or_else(|| panic!("a thread id in {thread}")).to_owned();
    ok(&mock, &["threads", "add-members", &thread_id, "--usernames", "bob", "--usernames", "carol"]);
    let out = ok(&mock, &["threads", "list-members", &thread_id, "--limit", "2", "--all"]);
    assert_eq!(out.lines(), [json!("alice"), json!("bob"), json!("carol")]);
    assert_eq!(of(&mock, "threads_list_members").len(), 3, "two pages, then the empty one");
    let joined = ok(&mock, &["threads", "list-joined", "bob"]).json();
    assert_eq!(joined[0]["id"], thread_id.as_str(), "{joined}");

    ok(&mock, &["threads", "delete", &thread_id]);
    let out = easemob(&mock, &["threads", "list-members", &thread_id], "");
    assert_eq!(out.code, 4, "{out:?}");
    let last = mock.journal().pop().expect("journalled");
    assert_eq!((last.operation, last.status, last.outcome), (Some("threads_list_members"), 404, "state"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_attributes_keep_state() {
    let mock = mock().await;
    ok(&mock, &["user-metadata", "set", "alice", "--metadata", r#"{"city": "Paris", "lang": "fr"}"#]);
    ok(&mock, &["user-metadata", "set", "alice", "--metadata", r#"{"lang": "en"}"#]);
    assert_eq!(ok(&mock, &["user-metadata", "get", "alice"]).json(), json!({"city": "Paris", "lang": "en"}));
    ok(&mock, &["user-metadata", "delete", "alice"]);
    assert_eq!(ok(&mock, &["user-metadata", "get", "alice"]).json(), json!({}));
    let outcomes: Vec<&str> = of(&mock, "user_metadata_get").iter().map(|e| e.outcome).collect();
    assert_eq!(outcomes, ["state", "state"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_walks_every_page_of_the_mocks_state() {
    let mock = mock().await;
    let names: Vec<String> = (0..25).map(|i| format!("user{i:02}")).collect();
    let batch: Vec<Value> = names.iter().map(|n| json!({"username": n, "password": "pw"})).collect();
    let out = easemob(&mock, &["users", "create-batch", "--json", "-"], &Value::Array(batch).to_string());
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(mock.with_state(|s| s.users.len()), 25);

    // By cursor: one line per user, in order, and every page asked for.
    let out = ok(&mock, &["users", "list", "--limit", "10", "--all"]);
    let listed: Vec<String> =
        out.lines().iter().map(|u| u["username"].as_str().expect("a username").to_owned()).collect();
    assert_eq!(listed, names);
    let pages = of(&mock, "users_list");
    assert_eq!(pages.len(), 3, "{pages:?}");
    assert!(pages.iter().all(|p| p.status == 200 && p.outcome == "state" && p.query.contains("limit=10")));
    assert!(!pages[0].query.contains("cursor="), "{:?}", pages[0].query);
    assert!(pages[1..].iter().all(|p| p.query.contains("cursor=")), "{pages:?}");

    // By page number: a chatroom's owner and members.
    let room = ok(&mock, &["chatrooms", "create", "--name", "big", "--description", "d", "--owner", "user00"]).json();
    let room_id = room["id"].as_str().expect("a room id").to_owned();
    for n in &names[1..8] {
        ok(&mock, &["chatroom-members", "add", &room_id, n]);
    }
    let out = ok(&mock, &["chatroom-members", "list", &room_id, "--pagesize", "3", "--all"]);
    let members = out.lines();
    assert_eq!(members.len(), 8, "{members:?}");
    assert_eq!(members[0], json!({"owner": "user00"}));
    assert_eq!(members[7], json!({"member": "user07"}));
    let pages: Vec<String> = of(&mock, "chatroom_members_list").into_iter().map(|e| e.query).collect();
    for n in 1..=3 {
        assert!(pages.iter().any(|q| q.contains(&format!("pagenum={n}"))), "page {n} asked for: {pages:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_reaches_the_mock_as_multipart_and_a_download_is_written() {
    let mock = mock().await;
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("photo.jpg");
    std::fs::write(&file, b"JPEG bytes \x00\x01\x02").expect("written");
    let out = ok(&mock, &["files", "upload", "--file", file.to_str().expect("utf-8")]);
    let uploads = of(&mock, "files_upload");
    assert_eq!(uploads.len(), 1);
    assert_eq!((uploads[0].method.as_str(), uploads[0].status), ("POST", 200));
    assert!(uploads[0].path.ends_with("/chatfiles"), "{:?}", uploads[0].path);
    let ctype = uploads[0].header("content-type").expect("a content type");
    assert!(ctype.starts_with("multipart/form-data; boundary="), "{ctype}");
    assert!(uploads[0].body.contains("filename=\"photo.jpg\""), "the part names the file");
    assert!(uploads[0].body.contains("JPEG bytes"), "the file's bytes are in the body");
    let uuid = out.json()[0]["uuid"].as_str().unwrap_or_else(|| panic!("a uuid in {}", out.stdout)).to_owned();

    let target = dir.path().join("out.bin");
    let out = ok(&mock, &["files", "download", &uuid, "-o", target.to_str().expect("utf-8")]);
    let written = std::fs::read(&target).expect("the download is written");
    assert!(!written.is_empty());
    assert_eq!(out.json(), json!({"file": target.to_str(), "bytes": written.len()}));
    let downloads = of(&mock, "files_download");
    assert_eq!(downloads.len(), 1);
    assert_eq!((downloads[0].method.as_str(), downloads[0].status), ("GET", 200));
    assert!(downloads[0].path.ends_with(&format!("/chatfiles/{uuid}")), "{:?}", downloads[0].path);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mocks_refusals_and_faults_give_the_documented_exit_codes() {
    let mock = mock().await;
    // A missing user: the mock's state answers 404, exit 4.
    let out = easemob(&mock, &["users", "get", "nobody"], "");
    assert_eq!(out.code, 4, "{out:?}");
    assert_eq!(out.stdout, "");
    let got = of(&mock, "users_get");
    assert_eq!((got.len(), got[0].status), (1, 404), "{got:?}");

    // Wrong client credentials: the mock's token operation refuses them.
    let out = easemob_with_secret(&mock, "YXA6wrong", &["users", "get", "alice"], "");
    assert_eq!(out.code, 4, "{out:?}");
    assert!(!out.stderr.contains("YXA6wrong"), "the secret is never printed: {}", out.stderr);
    let last = mock.journal().pop().expect("journalled");
    assert_eq!((last.operation, last.status), (Some("tokens_get_app_token"), 400), "{last:?}");

    // An injected 503 on every attempt: exit 5 after the retries.
    mock.clear_journal();
    mock.fault_on("users_get", Fault::status(503), 10);
    let out = easemob(&mock, &["users", "get", "alice"], "");
    assert_eq!(out.code, 5, "{out:?}");
    let got = of(&mock, "users_get");
    assert_eq!(got.len(), 3, "three attempts: {got:?}");
    assert!(got.iter().all(|e| e.status == 503 && e.outcome == "fault"), "{got:?}");
    mock.clear_faults();

    // A connection reset on every attempt: exit 5 as well.
    mock.clear_journal();
    mock.fault_on("users_get", Fault::Reset, 10);
    let out = easemob(&mock, &["users", "get", "alice"], "");
    assert_eq!(out.code, 5, "{out:?}");
    let got = of(&mock, "users_get");
    assert!(!got.is_empty() && got.iter().all(|e| e.status == 0 && e.fault.as_deref() == Some("reset")), "{got:?}");
    mock.clear_faults();

    // One 503, then the mock's own answer: the retry succeeds.
    let out = easemob(&mock, &["users", "create", "--json", "-"], r#"{"username": "alice", "password": "pw"}"#);
    assert_eq!(out.code, 0, "{out:?}");
    mock.clear_journal();
    mock.fault_on("users_get", Fault::status(503), 1);
    let got = ok(&mock, &["users", "get", "alice"]).json();
    assert_eq!(got[0]["username"], "alice", "{got}");
    let attempts: Vec<(u16, &str)> = of(&mock, "users_get").iter().map(|e| (e.status, e.outcome)).collect();
    assert_eq!(attempts, [(503, "fault"), (200, "state")]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_limit_is_refused_by_the_mocks_check_or_before_sending() {
    let mock = mock().await;
    let out = easemob(&mock, &["users", "create", "--json", "-"], r#"{"username": "alice", "password": "pw"}"#);
    assert_eq!(out.code, 0, "{out:?}");
    // A favourite of 20,481 characters inside a batch (the documented
    // maximum is 20,480): the CLI checks only the operation's own inputs,
    // so it sends the batch and the mock's check refuses it, exit 4.
    let body = json!({"username": "alice", "collections": [
        {"id": "c1", "data": "x".repeat(20_481), "type": 1, "ext": ""}
    ]})
    .to_string();
    let out = easemob(&mock, &["collections", "add-batch", "--json", "-"], &body);
    assert_eq!(out.code, 4, "{out:?}");
    assert!(out.stderr.contains("20480"), "{}", out.stderr);
    let got = of(&mock, "collections_add_batch");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].status, got[0].outcome), (400, "check"), "{got:?}");

    // 11 contacts (the documented maximum is 10), through 11 flags or in a
    // `--json` body: the CLI checks the limit, exit 2, nothing sent.
    let eleven: Vec<String> = (0..11).map(|i| format!("f{i}")).collect();
    let mut args = vec!["contacts", "import", "alice"];
    for name in &eleven {
        args.extend(["--usernames", name.as_str()]);
    }
    let out = easemob(&mock, &args, "");
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("at most 10"), "{}", out.stderr);
    let body = json!({"usernames": eleven}).to_string();
    let out = easemob(&mock, &["contacts", "import", "alice", "--json", "-"], &body);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("at most 10"), "{}", out.stderr);
    // A flag still wins over the same field in `--json`, limits included.
    let out = easemob(&mock, &["contacts", "import", "alice", "--usernames", "f1", "--json", "-"], &body);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(of(&mock, "contacts_import").len(), 1, "only the last import was sent");
    assert!(mock.with_state(|s| s.users["alice"].contacts.len() == 1), "one contact imported");
}
