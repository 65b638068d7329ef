//! One process serving two apps in two data centers: one client per app,
//! each with its own host, credentials, token cache and connection pool.
//!
//! `cargo run -p easemob-examples --example two_apps -- BASE_URL_1 ORG#APP_1 BASE_URL_2 ORG#APP_2`
//!
//! The first app's credentials come from `EASEMOB_CLIENT_ID` and
//! `EASEMOB_CLIENT_SECRET` (or `EASEMOB_APP_TOKEN`), the second's from the
//! same names with `_2` appended.

use easemob::{AppKey, Client, Error, env};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args = easemob_examples::args("BASE_URL_2 ORG#APP_2");
    let [base2, key2] = &args.rest[..] else {
        eprintln!("expected BASE_URL_2 ORG#APP_2 after the first App Key");
        std::process::exit(2);
    };
    let key2: AppKey = key2.parse().map_err(|e| Error::with_source("the second App Key", e))?;

    let first = easemob_examples::builder(&args.base_url, &args.app_key)?.build()?;
    let second = Client::builder_from_vars(|name| match name {
        n if n == env::BASE_URL => Some(base2.clone()),
        n if n == env::APP_KEY => Some(key2.to_string()),
        n => std::env::var(format!("{n}_2")).ok(),
    })?
    .build()?;

    // Clients are cheap to clone and safe to share between tasks.
    let (a, b) = tokio::join!(first.users().list().limit(5).send(), second.users().list().limit(5).send());
    for (client, page) in [(&first, a), (&second, b)] {
        match page {
            Ok(p) => println!("{}: {} user(s)", client.app_key(), p.len()),
            Err(e) => println!("{}: {e}", client.app_key()),
        }
    }
    Ok(())
}
