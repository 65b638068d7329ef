//! `easemob-mock [--port N] [--token-ttl SECS] [--seed FILE]`: the mock
//! server as a process, for tests in any language. It prints its URL and
//! serves until killed.

use std::time::Duration;

const USAGE: &str = "usage: easemob-mock [--port N] [--token-ttl SECS] [--seed FILE]

  --port N          listen on 127.0.0.1:N (default: a free port, printed at start)
  --token-ttl SECS  lifetime of issued tokens; 0: they never expire (default: 7 days)
  --seed FILE       JSON with users and chatrooms present from the start:
                    {\"users\": [{\"username\": \"alice\", \"password\": \"pw\"}],
                     \"chatrooms\": [{\"name\": \"lobby\", \"owner\": \"alice\", \"members\": [\"bob\"]}]}

Control API: GET|DELETE /_mock/journal, POST|DELETE /_mock/faults,
POST /_mock/token, POST /_mock/expire_tokens (see the crate docs).";

fn main() {
    if let Err(e) = run() {
        eprintln!("easemob-mock: {e}\n\n{USAGE}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let mut builder = easemob_mock::MockServer::builder();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            println!("{USAGE}");
            return Ok(());
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        builder = match flag.as_str() {
            "--port" => builder.port(value.parse().map_err(|_| format!("--port {value}: not a port number"))?),
            "--token-ttl" => {
                let secs: u64 = value.parse().map_err(|_| format!("--token-ttl {value}: not a number of seconds"))?;
                builder.token_ttl(Duration::from_secs(secs))
            }
            "--seed" => {
                let text = std::fs::read_to_string(&value).map_err(|e| format!("--seed {value}: {e}"))?;
                builder.seed(serde_json::from_str(&text).map_err(|e| format!("--seed {value}: {e}"))?)
            }
            other => return Err(format!("unknown flag {other}")),
        };
    }
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let server = builder.start().await.map_err(|e| e.to_string())?;
        println!("{}", server.url());
        std::future::pending::<()>().await;
        Ok(())
    })
}
