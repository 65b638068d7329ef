//! Behaviour tests: each operation against a local mock server, asserting
//! what went over the wire and what came back. One binary keeps link time down.

mod chatroom_members;
mod chatroom_super_admins;
mod chatrooms;
mod client;
mod group_members;
mod groups;
mod threads;
mod tokens;
mod users;
