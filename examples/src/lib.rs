//! What the examples share: the server and App Key come from the command
//! line, the credentials from the environment (so they never appear in a
//! shell history or a process list).
//!
//! Every example is run as
//!
//! ```text
//! cargo run -p easemob-examples --example NAME -- BASE_URL ORG#APP [ARGS...]
//! ```
//!
//! with `EASEMOB_CLIENT_ID` and `EASEMOB_CLIENT_SECRET` (or
//! `EASEMOB_APP_TOKEN`) set. `BASE_URL` is the REST host of the app's data
//! center, such as `https://a1.easemob.com`.
#![deny(missing_docs)]

use easemob::{Client, ClientBuilder, env};

/// The command line after the example's name: the server, the App Key and
/// the example's own arguments.
#[derive(Debug)]
pub struct Args {
    /// `BASE_URL`.
    pub base_url: String,
    /// `ORG#APP`.
    pub app_key: easemob::AppKey,
    /// What follows.
    pub rest: Vec<String>,
}

/// Reads the command line, or exits with `usage` (the example's own
/// arguments, such as `FILE TO_USER`).
pub fn args(usage: &str) -> Args {
    let mut it = std::env::args().skip(1);
    let (Some(base_url), Some(key)) = (it.next(), it.next()) else {
        eprintln!(
            "usage: BASE_URL ORG#APP {usage}\n(credentials from EASEMOB_CLIENT_ID and EASEMOB_CLIENT_SECRET, or EASEMOB_APP_TOKEN)"
        );
        std::process::exit(2);
    };
    let app_key = key.parse().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2);
    });
    Args { base_url, app_key, rest: it.collect() }
}

/// A builder for the server and app on the command line, with the
/// credentials of the environment.
pub fn builder(base_url: &str, app_key: &easemob::AppKey) -> Result<ClientBuilder, easemob::Error> {
    let (base, key) = (base_url.to_owned(), app_key.to_string());
    Client::builder_from_vars(|name| match name {
        n if n == env::BASE_URL => Some(base.clone()),
        n if n == env::APP_KEY => Some(key.clone()),
        n => std::env::var(n).ok(),
    })
}
