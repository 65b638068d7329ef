//! Behaviour tests: each operation against a local mock server, asserting
//! what went over the wire and what came back. One binary keeps link time down.

mod chatroom_members;
mod chatroom_super_admins;
mod chatrooms;
mod client;
mod contacts;
mod files;
mod group_members;
mod groups;
mod messages;
mod page_size_cap;
mod push;
mod threads;
mod tokens;
mod user_metadata;
mod users;
