//! Behaviour tests: each operation against a local mock server, asserting
//! what went over the wire and what came back. One binary keeps link time down.

mod callback_storage;
mod chatroom_members;
mod chatroom_super_admins;
mod chatrooms;
mod client;
mod collections;
mod contacts;
mod conveniences;
mod extend;
mod files;
mod group_members;
mod groups;
mod messages;
mod moderation;
mod page_size_cap;
mod presence;
mod push;
mod reactions;
mod round_trip;
mod rtc;
mod threads;
mod tokens;
mod translation;
mod user_metadata;
mod users;
