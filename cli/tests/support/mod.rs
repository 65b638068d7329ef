//! Running the `easemob` binary as a real process against a local server.
// Each test binary uses part of it.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Stdio};

use wiremock::MockServer;

pub const ORG: &str = "org";
pub const APP: &str = "app";
pub const TOKEN: &str = "YWMtFixedTestToken";

/// What one run of the CLI did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The stdout as one JSON document.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:?}"))
    }

    /// The stdout as one JSON document per line.
    pub fn lines(&self) -> Vec<serde_json::Value> {
        self.stdout.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
    }
}

/// A command with a clean environment: no EASEMOB_* from the caller's
/// shell, no config file from their home.
pub fn command(home: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_easemob"));
    for (k, _) in std::env::vars() {
        if k.starts_with("EASEMOB_") {
            cmd.env_remove(k);
        }
    }
    cmd.env("HOME", home).env("XDG_CONFIG_HOME", home.join("config"));
    cmd
}

/// Runs the CLI with `args`, pointed at `server` with a fixed app token
/// (from the environment, so no warning), feeding `stdin`.
pub fn run_with(server: &MockServer, args: &[&str], stdin: &str, extra_env: &[(&str, &str)]) -> Run {
    let home = tempfile::tempdir().expect("a temp dir");
    let mut cmd = command(home.path());
    cmd.env("EASEMOB_BASE_URL", server.uri()).env("EASEMOB_ORG", ORG).env("EASEMOB_APP", APP);
    cmd.env("EASEMOB_TOKEN", TOKEN);
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    exec(cmd.args(args), stdin)
}

pub fn run(server: &MockServer, args: &[&str]) -> Run {
    run_with(server, args, "", &[])
}

pub fn exec(cmd: &mut Command, stdin: &str) -> Run {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the easemob binary starts");
    child.stdin.take().expect("piped").write_all(stdin.as_bytes()).expect("stdin written");
    let out = child.wait_with_output().expect("the easemob binary ends");
    Run {
        code: out.status.code().expect("exited, not killed"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `/{org}/{app}` + `rest`.
pub fn at(rest: &str) -> String {
    format!("/{ORG}/{APP}{rest}")
}
