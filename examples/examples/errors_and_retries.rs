//! What a failed call tells you, and how to tune retries.
//!
//! `cargo run -p easemob-examples --example errors_and_retries -- BASE_URL ORG#APP USERNAME`

use std::time::Duration;

use easemob::{CallOptions, Error, ErrorCode, Reached, RetryPolicy};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args = easemob_examples::args("USERNAME");
    let Some(user) = args.rest.first() else {
        eprintln!("expected USERNAME after the App Key");
        std::process::exit(2);
    };
    // Every call: up to 5 attempts within 20 s, backoff from 100 ms to 2 s.
    let policy = RetryPolicy::default()
        .max_attempts(5)
        .backoff(Duration::from_millis(100), Duration::from_secs(2))
        .budget(Duration::from_secs(20));
    let client = easemob_examples::builder(&args.base_url, &args.app_key)?.retry_policy(policy).build()?;

    // One call with its own limits: a single attempt of at most 5 s.
    let once = CallOptions::new().retry(RetryPolicy::never()).timeout(Duration::from_secs(5));
    match client.users().get(user.as_str()).options(once).send().await {
        Ok(u) => println!("found: {:?}", u.data),
        Err(e) => explain(&e),
    }

    // A send is not repeated after a failure that may have delivered it;
    // the error says whether it may have reached the server.
    let body = easemob::messages::MessageBody::text("hello from errors_and_retries");
    if let Err(e) = client.messages().send_to_users([user.as_str()], body).send().await {
        explain(&e);
        if e.reached_server() != Reached::No && !matches!(e.status(), Some(400..=499)) {
            println!("the message may have been delivered: check before sending it again");
        }
    }
    Ok(())
}

/// Prints what an error says, the way an application would branch on it.
fn explain(e: &Error) {
    println!("failed after {} attempt(s): {e}", e.attempts());
    match e.code() {
        Some(ErrorCode::ServiceResourceNotFound | ErrorCode::ResourceNotFound) => println!("no such user"),
        Some(ErrorCode::Unauthorized) => println!("check the credentials"),
        Some(code) => println!("server code {code} (status {:?})", e.status()),
        None if e.is_retryable() => println!("temporary: try again later"),
        None => println!("not a server answer"),
    }
    // Each cause once, as error reporters print them.
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        println!("  caused by: {s}");
        source = s.source();
    }
}
