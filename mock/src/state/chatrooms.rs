//! Chatrooms and their members: create, get, list by cursor, delete; add
//! members (one or a batch), list them by page number (owner first, as
//! `{"owner": …}` / `{"member": …}` entries), remove them.

use serde_json::{Value, json};

use super::{Ctx, State, cursor_answer, envelope, numbered_page};
use crate::answer::Answer;

/// A chatroom.
#[derive(Debug, Clone)]
pub struct Chatroom {
    /// Its ID.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its description.
    pub description: String,
    /// The owner's user ID.
    pub owner: String,
    /// The most members it may have.
    pub maxusers: i64,
    /// The members other than the owner, in the order they joined.
    pub members: Vec<String>,
    /// Creation time, Unix milliseconds.
    pub created: i64,
}

impl Chatroom {
    /// A new, empty chatroom.
    pub fn new(id: &str, name: &str, description: &str, owner: &str, maxusers: i64) -> Self {
        Chatroom {
            id: id.to_owned(),
            name: name.to_owned(),
            description: description.to_owned(),
            owner: owner.to_owned(),
            maxusers,
            members: Vec::new(),
            created: crate::clock::now_ms(),
        }
    }

    fn has(&self, user: &str) -> bool {
        self.owner == user || self.members.iter().any(|m| m == user)
    }

    /// The owner and members, as the member list shows them.
    fn affiliations(&self) -> Vec<Value> {
        std::iter::once(json!({"owner": self.owner})).chain(self.members.iter().map(|m| json!({"member": m}))).collect()
    }

    fn details(&self) -> Value {
        json!({
            "id": self.id, "name": self.name, "description": self.description, "membersonly": false,
            "allowinvites": false, "maxusers": self.maxusers, "owner": self.owner, "created": self.created,
            "custom": "", "affiliations_count": self.members.len() + 1, "affiliations": self.affiliations(),
            "public": true, "mute": false,
        })
    }

    fn summary(&self) -> Value {
        json!({"id": self.id, "name": self.name, "owner": self.owner, "affiliations_count": self.members.len() + 1, "disabled": false})
    }
}

pub(super) fn answer(state: &mut State, cx: &mut Ctx<'_>) -> Option<Answer> {
    let op = cx.op;
    let req = cx.req;
    if op.id == "chatrooms_create" {
        let id = state.next_id();
        let owner = req.text("owner").unwrap_or("");
        let maxusers = req.field("maxusers").and_then(Value::as_i64).unwrap_or(200);
        let mut room =
            Chatroom::new(&id, req.text("name").unwrap_or(""), req.text("description").unwrap_or(""), owner, maxusers);
        for m in req.field("members").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
            if !room.has(m) {
                room.members.push(m.to_owned());
            }
        }
        state.chatrooms.insert(id.clone(), room);
        return Some(Answer::json(200, &envelope(cx, "data", json!({"id": id}), &[])));
    }
    if op.id == "chatrooms_list" {
        let all: Vec<Value> = state.chatrooms.values().map(Chatroom::summary).collect();
        return Some(cursor_answer(cx, "data", &all));
    }
    if op.id == "chatrooms_get" {
        let ids = req.path_param("chatroom_ids").unwrap_or("");
        let mut rooms = Vec::new();
        for id in ids.split(',') {
            match state.chatrooms.get(id) {
                Some(c) => rooms.push(c.details()),
                None => return Some(Answer::not_found(op, &format!("grpID {id}"))),
            }
        }
        return Some(Answer::json(200, &envelope(cx, "data", json!(rooms), &[("count", json!(rooms.len()))])));
    }
    // Everything else names one chatroom in the path.
    let id = req.path_param("chatroom_id")?.to_owned();
    if !super::STATEFUL.contains(&op.id) {
        return None;
    }
    let Some(room) = state.chatrooms.get_mut(&id) else {
        return Some(Answer::not_found(op, &format!("grpID {id}")));
    };
    let user = req.path_param("username").map(str::to_owned);
    Some(match op.id {
        "chatrooms_delete" => {
            state.chatrooms.remove(&id);
            Answer::json(200, &envelope(cx, "data", json!({"success": true, "id": id}), &[]))
        }
        "chatroom_members_add" => {
            let user = user.unwrap_or_default();
            let added = !room.has(&user);
            if added {
                room.members.push(user.clone());
            }
            let data = json!({"result": added, "action": "add_member", "id": id, "user": user});
            Answer::json(200, &envelope(cx, "data", data, &[]))
        }
        "chatroom_members_add_batch" => {
            let mut added = Vec::new();
            for u in req.field("usernames").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
                if !room.has(u) {
                    room.members.push(u.to_owned());
                    added.push(u.to_owned());
                }
            }
            let data = json!({"newmembers": added, "action": "add_member", "id": id});
            Answer::json(200, &envelope(cx, "data", data, &[]))
        }
        "chatroom_members_list" => {
            let all = room.affiliations();
            let range = numbered_page(cx, &all, 10);
            let page = all[range].to_vec();
            let mut extra = vec![("count", json!(page.len()))];
            let mut params = serde_json::Map::new();
            for name in ["pagenum", "pagesize"] {
                if let Some(v) = req.query(name) {
                    params.insert(name.into(), json!([v]));
                }
            }
            extra.push(("params", Value::Object(params)));
            Answer::json(200, &envelope(cx, "data", json!(page), &extra))
        }
        "chatroom_members_remove" | "chatroom_members_remove_batch" => {
            let names = req.path_param("usernames").or(user.as_deref()).unwrap_or("").to_owned();
            let results: Vec<Value> = names
                .split(',')
                .map(|u| {
                    let was = room.members.iter().position(|m| m == u);
                    if let Some(i) = was {
                        room.members.remove(i);
                    }
                    let mut r = json!({"result": was.is_some(), "action": "remove_member", "user": u, "id": id});
                    if was.is_none() {
                        r["reason"] = json!(format!("user {u} doesn't exist in chatroom {id}"));
                    }
                    r
                })
                .collect();
            let data = if op.id == "chatroom_members_remove" && results.len() == 1 {
                results[0].clone()
            } else {
                json!(results)
            };
            Answer::json(200, &envelope(cx, "data", data, &[]))
        }
        _ => return None,
    })
}
