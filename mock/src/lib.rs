//! An offline mock of the Easemob IM REST server, generated from the same
//! spec as the `easemob` client.
//!
//! - Every operation of the spec is routed under `/{org}/{app}/…`, and its
//!   request is checked as the server checks it: the app token, required
//!   parameters and body fields, their types, and the documented limits
//!   (batch sizes, lengths, ranges). A refused request gets the documented
//!   status and error body.
//! - `POST /{org}/{app}/token` issues app and user tokens with a lifetime you
//!   choose; an expired or unknown token gets the documented 401.
//! - Users, their contacts and block lists, chatrooms, groups and their members, admins, block and allow
//!   lists and announcements, group settings, chatroom member tags and super
//!   admins, threads and their members, user attributes and group member
//!   attributes keep state, and every message sent is kept in
//!   an inbox (see [`state::STATEFUL`]); every
//!   other operation answers the docs' example answer from the spec.
//! - Faults (429 with `Retry-After`, 5xx, a connection reset, a truncated
//!   body, a slow answer, an expired token) can be queued for one operation
//!   or for all, from Rust or through the control API under `/_mock/`, and
//!   every request received is kept in a journal.
//!
//! ```no_run
//! # async fn demo() -> Result<(), easemob::Error> {
//! let mock = easemob_mock::MockServer::start().await; // 127.0.0.1, a free port
//! let client = easemob::Client::builder(mock.url(), "my-org", "my-app")
//!     .client_credentials("any-id", "any-secret") // tokens come from its POST /token
//!     .build()?;
//! client.users().create("alice", "pw").send().await?; // kept: get, list and delete see it
//! mock.fault_on("users_get", easemob_mock::Fault::rate_limited(1), 1); // the next users_get gets a 429
//! for entry in mock.journal() {
//!     println!("{} {} -> {} ({})", entry.method, entry.path, entry.status, entry.outcome);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! The operation table, `generated/routes.rs`, is written by `cargo xtask
//! gen` from `spec/`; everything else here is hand-written.

#![deny(missing_docs)]

mod answer;
mod check;
mod clock;
mod control;
mod faults;
#[allow(missing_docs, clippy::all)]
mod generated {
    #[rustfmt::skip] // the generator formats it; `cargo xtask gen --check` guards it
    pub mod routes;
}
mod handler;
mod journal;
mod request;
mod server;
pub mod state;
pub mod table;
mod tokens;

pub use faults::Fault;
pub use journal::Entry;
pub use server::{Builder, Config, MockServer};

/// The operations of the spec, as the mock routes and checks them.
pub fn operations() -> &'static [table::Operation] {
    &generated::routes::OPERATIONS
}
