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
//! The client, the operation modules and their types are generated from the
//! reviewed spec in `spec/` by `cargo xtask gen`; the runtime they call
//! (transport, auth, retries, paging, errors) is the hand-written
//! `easemob-runtime` crate, re-exported here. See `docs/ENDPOINTS.md` for
//! the list of operations.
//!
//! The callbacks (webhooks) Easemob sends to an app server are checked and
//! decoded by [`callbacks`].
#![deny(missing_docs)]
#![forbid(unsafe_code)]

#[rustfmt::skip] // prettyplease formats it; `cargo xtask gen --check` guards it
mod generated;

pub use easemob_runtime::{
    AccessToken, ApiError, BatchError, BoxFuture, CallOptions, Clock, ConfigError, Credentials,
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY, DEFAULT_REQUEST_TIMEOUT, DecodeError, Download, Error, ErrorBody,
    ErrorCode, InvalidInput, ManualClock, OtherError, RawClient, Reached, Response, ResponseMeta, RetryPolicy, Secret,
    SystemClock, TokenProvider, TokenTtlUnit, TransportError, TransportErrorKind, UNKNOWN_TOKEN_LIFETIME, UnknownValue,
    UnknownVariant, Upload,
};
pub use generated::*;

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
