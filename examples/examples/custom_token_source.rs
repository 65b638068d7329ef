//! App tokens from a source of your own (a secrets service, another
//! process that owns the client secret), cached and refreshed by the client.
//!
//! `cargo run -p easemob-examples --example custom_token_source -- BASE_URL ORG#APP`
//!
//! This example reads the token from `EASEMOB_APP_TOKEN` each time the
//! client asks, standing in for a call to a secrets service.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use easemob::{AccessToken, Client, Credentials, Error, Secret};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args = easemob_examples::args("");
    let fetches = Arc::new(AtomicU32::new(0));
    let counter = fetches.clone();
    let credentials = Credentials::callback(move || {
        let counter = counter.clone();
        async move {
            counter.fetch_add(1, Ordering::Relaxed);
            // A failure of the source is reported as the client's error,
            // with its cause kept.
            let token = std::env::var("EASEMOB_APP_TOKEN")
                .map_err(|e| Error::with_source("the secrets service has no app token", e))?;
            // The client reuses it until shortly before this lifetime ends.
            Ok(AccessToken { token: Secret::new(token), expires_in: Some(Duration::from_secs(3600)) })
        }
    });
    let client = Client::builder_for(&args.base_url, &args.app_key).credentials(credentials).build()?;

    for _ in 0..3 {
        let page = client.users().list().limit(1).send().await?;
        println!("{} user(s) on the first page", page.len());
    }
    println!("token fetched {} time(s) for 3 calls", fetches.load(Ordering::Relaxed));
    Ok(())
}
