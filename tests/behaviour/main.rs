//! Behaviour tests: each operation against a local mock server, asserting
//! what went over the wire and what came back. One binary keeps link time down.

mod chatrooms;
mod client;
