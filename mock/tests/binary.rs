//! The `easemob-mock` binary as a process: flags, seeded data, its URL on
//! the first line of its output.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::json;

struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn the_binary_serves_seeded_data_with_the_token_lifetime_asked_for() {
    let dir = std::env::temp_dir().join(format!("easemob-mock-seed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let seed = dir.join("seed.json");
    let data = json!({"users": [{"username": "alice", "password": "pw"}],
                      "chatrooms": [{"id": "42", "name": "lobby", "owner": "alice", "members": ["bob"]}]});
    std::fs::write(&seed, data.to_string()).unwrap();
    let mut child = Killed(
        Command::new(env!("CARGO_BIN_EXE_easemob-mock"))
            .args(["--port", "0", "--token-ttl", "90", "--seed"])
            .arg(&seed)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut line = String::new();
    BufReader::new(child.0.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base = line.trim().to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");

    let http = reqwest::Client::new();
    let t = common::fetch_app_token(&http, &base).await;
    assert_eq!(t["expires_in"], 90);
    let token = t["access_token"].as_str().unwrap();
    let user = common::json_of(http.get(format!("{base}/org/app/users/alice")).bearer_auth(token)).await;
    assert_eq!(user["entities"][0]["username"], "alice");
    let members = common::json_of(http.get(format!("{base}/org/app/chatrooms/42/users")).bearer_auth(token)).await;
    assert_eq!(members["data"], json!([{"owner": "alice"}, {"member": "bob"}]));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_flag_exits_2_with_the_usage() {
    let out = Command::new(env!("CARGO_BIN_EXE_easemob-mock")).arg("--bogus").arg("1").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage: easemob-mock"));
}
