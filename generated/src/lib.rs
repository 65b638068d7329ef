//! A typed async client for the Easemob (环信) IM server REST API.
//!
//! Everything an app server does through the REST API (register users, send
//! messages and files, manage contacts, groups, threads and chatrooms) is one
//! method on [`Client`], grouped by area. Required inputs are arguments,
//! optional ones are setters, and every answer is typed:
//!
//! ```no_run
//! # async fn demo() -> Result<(), easemob::Error> {
//! let client = easemob::Client::builder("https://a1.easemob.com", "my-org", "my-app")
//!     .client_credentials("YXA6…", "YXA6…secret")
//!     .build()?;
//! let room = client.chatrooms().create("lobby", "Say hello", "alice").maxusers(500).send().await?;
//! client.chatroom_members().add(&room.id, "bob").send().await?;
//! # Ok(()) }
//! ```
//!
//! The operation modules are generated from the reviewed spec in `spec/` by
//! `cargo xtask gen`; the runtime beside them (client, auth, encoding,
//! decoding, errors) is written by hand. See `docs/ENDPOINTS.md` for the
//! list of operations.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

#[rustfmt::skip] // prettyplease formats it; `cargo xtask gen --check` guards it
mod generated;
mod runtime;

pub use generated::*;
pub use runtime::Client;
pub use runtime::auth::{AccessToken, Credentials, TokenProvider, TokenTtlUnit};
pub use runtime::call::CallOptions;
pub use runtime::client::{ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY, DEFAULT_REQUEST_TIMEOUT};
pub use runtime::clock::{BoxFuture, Clock, ManualClock, SystemClock};
pub use runtime::error::{ApiError, ConfigError, DecodeError, Error, InvalidInput, TransportError, TransportErrorKind};
pub use runtime::files::{Download, Upload};
pub use runtime::response::Response;
pub use runtime::retry::RetryPolicy;
pub use runtime::secret::Secret;

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
