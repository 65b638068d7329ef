//! One operation of every area, run as a real `easemob` process against a
//! local server: what went over the wire, and what the CLI printed.

mod support;

use serde_json::{Value, json};
use support::{TOKEN, at, run, run_with};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// One command and what it should do.
struct Case {
    args: &'static [&'static str],
    method: &'static str,
    path: &'static str,
    query: &'static [(&'static str, &'static str)],
    /// The JSON body the server must receive, if any.
    sent: Option<Value>,
    /// The server's answer.
    answer: Value,
    /// What the CLI must print (the payload).
    printed: Value,
}

fn cases() -> Vec<Case> {
    let data = |v: Value| json!({ "action": "x", "data": v, "timestamp": 1 });
    vec![
        Case {
            args: &["callback-storage", "info"],
            method: "GET",
            path: "/callbacks/storage/info",
            query: &[],
            sent: None,
            answer: data(json!({"count": 3})),
            printed: json!({"count": 3}),
        },
        Case {
            args: &["chatroom-members", "list", "room1", "--pagesize", "2"],
            method: "GET",
            path: "/chatrooms/room1/users",
            query: &[("pagesize", "2")],
            sent: None,
            answer: data(json!([{"owner": "alice"}, {"member": "bob"}])),
            printed: json!([{"owner": "alice"}, {"member": "bob"}]),
        },
        Case {
            args: &["chatroom-super-admins", "list"],
            method: "GET",
            path: "/chatrooms/super_admin",
            query: &[],
            sent: None,
            answer: data(json!(["alice"])),
            printed: json!(["alice"]),
        },
        Case {
            // A list path parameter: comma-separated on the command line, each item encoded.
            args: &["chatrooms", "get", "r1,r 2"],
            method: "GET",
            path: "/chatrooms/r1%2Cr%202",
            query: &[],
            sent: None,
            answer: data(json!([{"id": "r1"}])),
            printed: json!([{"id": "r1"}]),
        },
        Case {
            args: &["collections", "list", "alice", "--limit", "5"],
            method: "GET",
            path: "/users/alice/collections",
            query: &[("limit", "5")],
            sent: None,
            answer: json!({"collections": [{"id": "c1"}]}),
            printed: json!([{"id": "c1"}]),
        },
        Case {
            args: &["contacts", "add", "alice", "bob"],
            method: "POST",
            path: "/users/alice/contacts/users/bob",
            query: &[],
            sent: None,
            answer: json!({"entities": [{"username": "bob"}]}),
            printed: json!([{"username": "bob"}]),
        },
        Case {
            // The body from --json on stdin, a flag adding a field.
            args: &["files", "set-lifetime", "alice", "--json", "-", "--lifetime", "forever"],
            method: "PUT",
            path: "/users/alice/chatfiles/lifetime",
            query: &[],
            sent: Some(json!({"chatfile_ids": ["f1"], "lifetime": "forever"})),
            answer: data(json!({})),
            printed: json!({}),
        },
        Case {
            args: &["group-members", "add", "g1", "bob"],
            method: "POST",
            path: "/chatgroups/g1/users/bob",
            query: &[],
            sent: None,
            answer: data(json!({"result": true, "groupid": "g1", "user": "bob", "action": "add_member"})),
            printed: json!({"result": true, "groupid": "g1", "user": "bob", "action": "add_member"}),
        },
        Case {
            // Body fields from flags: scalars, a boolean, a repeated list flag.
            args: &[
                "groups",
                "create",
                "--owner",
                "alice",
                "--public",
                "false",
                "--name",
                "G",
                "--members",
                "bob",
                "--members",
                "carol",
                "--maxusers",
                "300",
            ],
            method: "POST",
            path: "/chatgroups",
            query: &[],
            sent: Some(
                json!({"owner": "alice", "public": false, "groupname": "G", "members": ["bob", "carol"], "maxusers": 300}),
            ),
            answer: data(json!({"groupid": "g9"})),
            printed: json!({"groupid": "g9"}),
        },
        Case {
            // A JSON input.
            args: &["messages", "send-to-users", "--to", "bob", "--message", r#"{"type":"txt","body":{"msg":"hi"}}"#],
            method: "POST",
            path: "/messages/users",
            query: &[],
            sent: Some(json!({"to": ["bob"], "type": "txt", "body": {"msg": "hi"}})),
            answer: data(json!({"bob": "1029544257947175712"})),
            printed: json!({"bob": "1029544257947175712"}),
        },
        Case {
            args: &["moderation", "check-text", "--content", "hello"],
            method: "POST",
            path: "/moderation/txt/check",
            query: &[],
            sent: Some(json!({"content": "hello"})),
            answer: data(json!({"result": "Passed"})),
            printed: json!({"result": "Passed"}),
        },
        Case {
            args: &["presence", "get", "alice", "--users", "bob"],
            method: "POST",
            path: "/users/alice/presence",
            query: &[],
            sent: Some(json!({"usernames": ["bob"]})),
            answer: json!({"result": [{"bob": "online"}]}),
            printed: json!([{"bob": "online"}]),
        },
        Case {
            args: &["push", "get-language", "alice"],
            method: "GET",
            path: "/users/alice/notification/language",
            query: &[],
            sent: None,
            answer: data(json!({"language": "en"})),
            printed: json!({"language": "en"}),
        },
        Case {
            args: &["reactions", "list", "alice", "--msg-ids", "m1", "--msg-type", "chat"],
            method: "GET",
            path: "/reaction/user/alice",
            query: &[("msgIdList", "m1"), ("msgType", "chat")],
            sent: None,
            answer: data(json!([])),
            printed: json!([]),
        },
        Case {
            args: &["rtc", "usage-summary", "--app-key", "org#app"],
            method: "GET",
            path: "/billing/rtc/usage-summary",
            query: &[("appKey", "org#app")],
            sent: None,
            answer: data(json!({"total": 1})),
            printed: json!({"total": 1}),
        },
        Case {
            args: &["threads", "list", "--limit", "10"],
            method: "GET",
            path: "/thread",
            query: &[("limit", "10")],
            sent: None,
            answer: json!({"entities": [{"id": "t1"}]}),
            printed: json!([{"id": "t1"}]),
        },
        Case {
            // The password from --json: no warning, and scrubbed like a flag's.
            args: &["tokens", "get-user-token", "--json", "-"],
            method: "POST",
            path: "/token",
            query: &[],
            sent: Some(json!({"grant_type": "password", "username": "alice", "password": "pw-from-stdin"})),
            answer: json!({"access_token": "YWMtUser", "expires_in": 3600, "user": {"username": "alice"}}),
            printed: json!({"access_token": "YWMtUser", "expires_in": 3600, "user": {"username": "alice"}}),
        },
        Case {
            args: &["translation", "list-languages"],
            method: "GET",
            path: "/translate/support/language",
            query: &[],
            sent: None,
            answer: json!([{"code": "en", "name": "English"}]),
            printed: json!([{"code": "en", "name": "English"}]),
        },
        Case {
            args: &["user-metadata", "get", "alice"],
            method: "GET",
            path: "/metadata/user/alice",
            query: &[],
            sent: None,
            answer: data(json!({"nickname": "Al"})),
            printed: json!({"nickname": "Al"}),
        },
        Case {
            args: &["users", "get", "alice"],
            method: "GET",
            path: "/users/alice",
            query: &[],
            sent: None,
            answer: json!({"entities": [{"username": "alice", "activated": true}], "count": 1}),
            printed: json!([{"username": "alice", "activated": true}]),
        },
    ]
}

/// The stdin of the cases that read `--json -`.
fn stdin_of(case: &Case) -> &'static str {
    match case.args[0] {
        "tokens" => r#"{"grant_type": "password", "username": "alice", "password": "pw-from-stdin"}"#,
        "files" => r#"{"chatfile_ids": ["f1"]}"#,
        _ => "",
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_operation_of_every_area() {
    let cases = cases();
    // Every area of the spec has a case.
    let areas: std::collections::BTreeSet<&str> = cases.iter().map(|c| c.args[0]).collect();
    let listed = run(&MockServer::start().await, &["--help"]);
    for line in listed.stdout.lines().skip_while(|l| !l.starts_with("Commands:")).skip(1) {
        let Some(name) = line.split_whitespace().next() else { break };
        if name != "completions" && name != "help" {
            assert!(areas.contains(name), "no case for the area {name}");
        }
    }
    for case in cases {
        let server = MockServer::start().await;
        Mock::given(method(case.method))
            .and(path(at(case.path)))
            .respond_with(ResponseTemplate::new(200).set_body_json(&case.answer))
            .expect(1)
            .mount(&server)
            .await;
        let out = run_with(&server, case.args, stdin_of(&case), &[]);
        assert_eq!(out.code, 0, "{:?}: {out:?}", case.args);
        assert_eq!(out.json(), case.printed, "{:?}", case.args);
        assert_eq!(out.stderr, "", "{:?}", case.args);
        let got = &server.received_requests().await.expect("recorded")[0];
        let auth = got.headers.get("authorization").map(|v| v.to_str().unwrap_or("").to_owned());
        if case.args[0] != "tokens" {
            assert_eq!(auth.as_deref(), Some(format!("Bearer {TOKEN}").as_str()), "{:?}", case.args);
        }
        let query: Vec<(String, String)> =
            got.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        let want: Vec<(String, String)> = case.query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert_eq!(query, want, "{:?}", case.args);
        if let Some(sent) = &case.sent {
            let body: Value = serde_json::from_slice(&got.body).expect("a JSON body");
            assert_eq!(&body, sent, "{:?}", case.args);
        }
    }
}
