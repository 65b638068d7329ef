//! The data the mock keeps between requests, and the operations that read
//! or change it. An operation not handled here answers its example.

mod attributes;
mod contacts;
mod messages;
mod room_extras;
mod rooms;
mod super_admins;
mod threads;
mod tokens;
mod users;

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::answer::Answer;
use crate::request::ApiRequest;
use crate::table::Operation;
use crate::tokens::Tokens;

pub use messages::SentMessage;
pub use room_extras::RoomExtras;
pub use rooms::Room;
pub use threads::Thread;
pub use users::User;

/// Everything the stateful operations share.
#[derive(Debug, Default)]
pub struct State {
    /// Registered users by user ID.
    pub users: BTreeMap<String, User>,
    /// Chatrooms by ID.
    pub chatrooms: BTreeMap<String, Room>,
    /// Groups by ID.
    pub groups: BTreeMap<String, Room>,
    /// User attributes by user ID (lower case).
    pub user_attributes: BTreeMap<String, attributes::Attributes>,
    /// Every message sent, oldest first.
    pub inbox: Vec<SentMessage>,
    /// Threads by ID.
    pub threads: BTreeMap<String, Thread>,
    /// The chatroom super admins, in the order they were made.
    pub chatroom_super_admins: Vec<String>,
    /// Numbers handed out as IDs.
    next_id: u64,
}

/// What an operation's handler may read and change.
pub struct Ctx<'a> {
    /// The operation the request matched.
    pub op: &'static Operation,
    /// The request.
    pub req: &'a ApiRequest,
    /// Issued tokens.
    pub tokens: &'a mut Tokens,
    /// The server's settings.
    pub config: &'a crate::Config,
}

/// The IDs of the operations this module keeps state for.
pub const STATEFUL: &[&str] = &[
    "tokens_get_app_token",
    "tokens_get_user_token",
    "tokens_get_user_token_inherit",
    "users_register_open",
    "users_create",
    "users_create_batch",
    "users_get",
    "users_list",
    "users_delete",
    "users_delete_batch",
    "users_reset_password",
    "users_deactivate",
    "users_activate",
    "contacts_add",
    "contacts_remove",
    "contacts_set_remark",
    "contacts_list_paged",
    "contacts_list",
    "contacts_import",
    "contacts_block",
    "contacts_list_blocked",
    "contacts_unblock",
    "contacts_check",
    "contacts_remove_all",
    "contacts_check_blocked",
    "messages_send_to_users",
    "messages_send_to_groups",
    "messages_send_to_group_members",
    "messages_send_to_chatrooms",
    "messages_send_to_chatroom_members",
    "chatrooms_create",
    "chatrooms_get",
    "chatrooms_list",
    "chatrooms_delete",
    "chatrooms_get_announcement",
    "chatrooms_set_announcement",
    "chatroom_members_add",
    "chatroom_members_add_batch",
    "chatroom_members_list",
    "chatroom_members_remove",
    "chatroom_members_remove_batch",
    "chatroom_members_list_admins",
    "chatroom_members_add_admin",
    "chatroom_members_remove_admin",
    "chatroom_members_list_blocked",
    "chatroom_members_block",
    "chatroom_members_block_batch",
    "chatroom_members_unblock",
    "chatroom_members_unblock_batch",
    "chatroom_members_list_whitelist",
    "chatroom_members_add_to_whitelist",
    "chatroom_members_add_batch_to_whitelist",
    "chatroom_members_remove_from_whitelist",
    "chatroom_members_list_muted",
    "chatroom_members_mute",
    "chatroom_members_unmute",
    "chatroom_members_mute_all",
    "chatroom_members_unmute_all",
    "groups_create",
    "groups_get",
    "groups_list",
    "groups_delete",
    "groups_get_announcement",
    "groups_set_announcement",
    "group_members_add",
    "group_members_add_batch",
    "group_members_list",
    "group_members_remove",
    "group_members_remove_batch",
    "group_members_list_admins",
    "group_members_add_admin",
    "group_members_remove_admin",
    "group_members_list_blocked",
    "group_members_block",
    "group_members_block_batch",
    "group_members_unblock",
    "group_members_unblock_batch",
    "group_members_list_whitelist",
    "group_members_add_to_whitelist",
    "group_members_add_batch_to_whitelist",
    "group_members_remove_from_whitelist",
    "group_members_list_muted",
    "group_members_mute",
    "group_members_unmute",
    "group_members_mute_all",
    "group_members_unmute_all",
    "user_metadata_set",
    "user_metadata_get",
    "user_metadata_get_batch",
    "user_metadata_delete",
    "user_metadata_capacity",
    "group_members_set_metadata",
    "group_members_set_metadata_batch",
    "group_members_get_metadata",
    "group_members_get_metadata_batch",
    "groups_update",
    "groups_disable",
    "groups_enable",
    "groups_is_member",
    "chatroom_members_get_tags",
    "chatroom_members_set_tags",
    "chatroom_super_admins_add",
    "chatroom_super_admins_list",
    "chatroom_super_admins_remove",
    "threads_list",
    "threads_list_joined",
    "threads_list_joined_in_group",
    "threads_create",
    "threads_update",
    "threads_delete",
    "threads_list_members",
    "threads_add_members",
    "threads_remove_members",
];

impl State {
    /// The answer of a stateful operation; `None` for the others.
    pub fn answer(&mut self, cx: &mut Ctx<'_>) -> Option<Answer> {
        let (area, _) = cx.op.id.split_once('_')?;
        match area {
            "tokens" => tokens::answer(self, cx),
            "users" => users::answer(self, cx),
            "contacts" => contacts::answer(self, cx),
            "messages" => messages::answer(self, cx),
            "user" => attributes::user(self, cx),
            _ if attributes::GROUP_OPS.contains(&cx.op.id) => attributes::group_member(self, cx),
            "chatrooms" | "chatroom" | "groups" | "group" => super_admins::answer(self, cx)
                .or_else(|| room_extras::answer(self, cx))
                .or_else(|| rooms::answer(self, cx)),
            "threads" => threads::answer(self, cx),
            _ => None,
        }
    }

    /// A fresh numeric ID, as chatroom and group IDs are.
    pub(super) fn next_id(&mut self) -> String {
        self.next_id += 1;
        format!("{}", 262_000_000_000_000_u64 + self.next_id)
    }

    /// Adds seeded data: `{"users": [{"username", "password", "nickname"}],
    /// "chatrooms": [{"id", "name", "description", "owner", "members": [...]}],
    /// "groups": [the same]}` (`id` optional).
    pub fn seed(&mut self, seed: &Value) -> Result<(), String> {
        for u in seed.get("users").and_then(Value::as_array).into_iter().flatten() {
            let name = u.get("username").and_then(Value::as_str).ok_or("every seeded user needs a `username`")?;
            let password = u.get("password").and_then(Value::as_str).unwrap_or("");
            let nickname = u.get("nickname").and_then(Value::as_str);
            self.users.insert(name.to_lowercase(), User::new(name, password, nickname));
        }
        for key in ["chatrooms", "groups"] {
            for c in seed.get(key).and_then(Value::as_array).into_iter().flatten() {
                let text = |k: &str| c.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
                let owner = c.get("owner").and_then(Value::as_str).ok_or("every seeded room needs an `owner`")?;
                let id = match c.get("id").and_then(Value::as_str) {
                    Some(id) => id.to_owned(),
                    None => self.next_id(),
                };
                let mut room = Room::new(&id, &text("name"), &text("description"), owner, 200);
                let members =
                    c.get("members").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str);
                room.members.extend(members.map(str::to_owned));
                let rooms = if key == "groups" { &mut self.groups } else { &mut self.chatrooms };
                rooms.insert(id, room);
            }
        }
        Ok(())
    }
}

/// The envelope the docs show around a payload under `key`.
fn envelope(cx: &Ctx<'_>, key: &str, payload: Value, extra: &[(&str, Value)]) -> Value {
    let req = cx.req;
    let path = format!("/{}", req.segments.join("/"));
    let mut body = Map::new();
    body.insert("action".into(), json!(cx.op.method.to_lowercase()));
    body.insert("application".into(), json!("8be024f0-e978-11e8-b697-5d598d5f8402"));
    body.insert("uri".into(), json!(format!("http://mock/{}/{}{path}", req.org, req.app)));
    body.insert("path".into(), json!(path));
    body.insert(key.into(), payload);
    body.insert("timestamp".into(), json!(crate::clock::now_ms()));
    body.insert("duration".into(), json!(0));
    body.insert("organization".into(), json!(req.org));
    body.insert("applicationName".into(), json!(req.app));
    for (k, v) in extra {
        body.insert((*k).into(), v.clone());
    }
    Value::Object(body)
}

/// One page of `items` (in key order) under `key`, with `count`, and
/// `cursor` when more follow.
fn cursor_answer(cx: &Ctx<'_>, key: &str, items: &[Value]) -> Answer {
    let (range, next) = cursor_page(cx, items, 10);
    let page = items[range].to_vec();
    let mut extra = vec![("count", json!(page.len()))];
    if let Some(c) = next {
        extra.push(("cursor", json!(c)));
    }
    Answer::json(200, &envelope(cx, key, Value::Array(page), &extra))
}

/// `limit`/`cursor` paging over sorted keys: the cursor is the index of the
/// next item, as opaque text. Sizes beyond the documented page cap are
/// capped, as the server does.
fn cursor_page<T>(cx: &Ctx<'_>, items: &[T], default: usize) -> (std::ops::Range<usize>, Option<String>) {
    let (limit_name, cursor_name, max) = match &cx.op.paging {
        Some(crate::table::Paging::Cursor { limit, cursor, max_size }) => (*limit, *cursor, *max_size),
        _ => ("limit", "cursor", 1000),
    };
    let size = cx.req.query_int(limit_name).map_or(default, |n| n.clamp(1, max as i64) as usize);
    let start = cx
        .req
        .query(cursor_name)
        .and_then(|c| c.strip_prefix("mock-cursor-"))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let start = usize::min(start, items.len());
    let end = usize::min(start.saturating_add(size), items.len());
    let next = (end < items.len()).then(|| format!("mock-cursor-{end}"));
    (start..end, next)
}

/// Page-number paging: the items of page `pagenum` (first page 1).
fn numbered_page<T>(cx: &Ctx<'_>, items: &[T], default: usize) -> std::ops::Range<usize> {
    let (page_name, size_name, first, max) = match &cx.op.paging {
        Some(crate::table::Paging::PageNumber { page, size, first_page, max_size }) => {
            (*page, *size, *first_page, *max_size)
        }
        _ => ("pagenum", "pagesize", 1, 1000),
    };
    let size = cx.req.query_int(size_name).map_or(default, |n| n.clamp(1, max as i64) as usize);
    let page = cx.req.query_int(page_name).unwrap_or(first).saturating_sub(first).max(0) as usize;
    let start = usize::min(page.saturating_mul(size), items.len());
    start..usize::min(start.saturating_add(size), items.len())
}
