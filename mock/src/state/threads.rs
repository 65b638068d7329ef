//! Threads of group messages: create in an existing group (the creator
//! joins), rename, delete; list them app-wide, per user and per user in a
//! group; list, add and remove members. The lists page by a cursor in
//! `properties.cursor` that, as on the server, is there even on the last
//! page, so a walk ends at an empty page. A thread goes with its group.

use serde_json::{Value, json};

use super::{Ctx, State, cursor_page, envelope};
use crate::answer::{Answer, error_body};

/// A thread started from a group message.
#[derive(Debug, Clone)]
pub struct Thread {
    /// Its ID.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The user who created it.
    pub owner: String,
    /// The group message it was started from.
    pub msg_id: String,
    /// The group it belongs to.
    pub group_id: String,
    /// Creation time, Unix milliseconds.
    pub created: i64,
    /// The members and when each joined (Unix milliseconds), in the order
    /// they joined: the creator first.
    pub members: Vec<(String, i64)>,
}

impl Thread {
    /// As the per-user lists show it (`ThreadInfo`).
    fn info(&self) -> Value {
        json!({
            "id": self.id, "name": self.name, "owner": self.owner, "msgId": self.msg_id,
            "groupId": self.group_id, "created": self.created,
        })
    }

    fn joined_at(&self, user: &str) -> Option<i64> {
        self.members.iter().find(|(m, _)| m == user).map(|(_, at)| *at)
    }
}

/// Thread errors all carry the code `group_error`, whatever the status.
fn group_error(status: u16, description: &str) -> Answer {
    Answer::json(status, &error_body("group_error", description))
}

pub(super) fn answer(state: &mut State, cx: &mut Ctx<'_>) -> Option<Answer> {
    let op = cx.op.id.strip_prefix("threads_")?;
    // Dissolving a group takes its threads with it; pruning here keeps the
    // group code unaware of threads.
    let groups = &state.groups;
    state.threads.retain(|_, t| groups.contains_key(&t.group_id));
    let req = cx.req;
    let asc = req.query("sort") == Some("asc");
    match op {
        "create" => return Some(create(state, cx)),
        "list" => {
            // IDs grow with creation, so they break ties within a millisecond.
            let mut all: Vec<&Thread> = state.threads.values().collect();
            all.sort_by_key(|t| (t.created, t.id.len(), t.id.clone()));
            if !asc {
                all.reverse();
            }
            let items: Vec<Value> = all.iter().map(|t| json!({"id": t.id})).collect();
            return Some(page(cx, &items, |p| ("entities", Value::Array(p))));
        }
        "list_joined" | "list_joined_in_group" => {
            let user = req.path_param("username")?;
            let group = req.path_param("group_id");
            let mut joined: Vec<(i64, &Thread)> = state
                .threads
                .values()
                .filter(|t| group.is_none_or(|g| t.group_id == g))
                .filter_map(|t| Some((t.joined_at(user)?, t)))
                .collect();
            joined.sort_by_key(|(at, t)| (*at, t.created, t.id.len(), t.id.clone()));
            if !asc {
                joined.reverse();
            }
            let items: Vec<Value> = joined.iter().map(|(_, t)| t.info()).collect();
            return Some(page(cx, &items, |p| ("entities", Value::Array(p))));
        }
        _ => {}
    }
    let id = req.path_param("thread_id")?.to_owned();
    let Some(thread) = state.threads.get_mut(&id) else {
        return Some(group_error(404, "thread not found."));
    };
    let named = req.texts("usernames");
    let (key, payload) = match op {
        "update" => {
            thread.name = req.text("name").unwrap_or("").to_owned();
            ("data", json!({"name": thread.name}))
        }
        "delete" => {
            state.threads.remove(&id);
            ("data", json!({"status": "ok"}))
        }
        "list_members" => {
            let items: Vec<Value> = thread.members.iter().map(|(m, _)| json!(m)).collect();
            return Some(page(cx, &items, |p| ("data", json!({"affiliations": p}))));
        }
        "add_members" => {
            let now = crate::clock::now_ms();
            for u in named {
                if thread.joined_at(&u).is_none() {
                    thread.members.push((u, now));
                }
            }
            ("data", json!({"status": "ok"}))
        }
        "remove_members" => {
            let results: Vec<Value> = named
                .iter()
                .map(|u| {
                    let was = thread.joined_at(u).is_some();
                    thread.members.retain(|(m, _)| m != u);
                    json!({"result": was, "user": u})
                })
                .collect();
            ("entities", json!(results))
        }
        _ => return None,
    };
    Some(Answer::json(200, &envelope(cx, key, payload, &[])))
}

/// Checks a new thread against its group and message, as the server does.
fn create(state: &mut State, cx: &Ctx<'_>) -> Answer {
    let req = cx.req;
    let text = |k: &str| req.text(k).unwrap_or("").to_owned();
    let (group_id, name, msg_id, owner) = (text("group_id"), text("name"), text("msg_id"), text("owner"));
    let Some(group) = state.groups.get(&group_id) else {
        return group_error(404, "group not found.");
    };
    if !group.has(&owner) {
        return group_error(404, "user not in group.");
    }
    // Only messages sent through the mock are known; one sent from a client
    // SDK never passed here, so an unknown ID is taken on trust.
    if let Some(m) = state.inbox.iter().find(|m| m.id == msg_id) {
        if !m.operation.starts_with("messages_send_to_group") {
            return group_error(400, "thread must on group message to create.");
        }
        if !m.to.contains(&group_id) {
            return group_error(400, "msg not belong to group .");
        }
    }
    if state.threads.values().any(|t| t.group_id == group_id && t.msg_id == msg_id) {
        return group_error(403, "msg already create thread.not allow to create.");
    }
    let id = state.next_id();
    let created = crate::clock::now_ms();
    let thread = Thread {
        id: id.clone(),
        name,
        owner: owner.clone(),
        msg_id,
        group_id,
        created,
        members: vec![(owner, created)],
    };
    state.threads.insert(id.clone(), thread);
    Answer::json(200, &envelope(cx, "data", json!({"thread_id": id}), &[]))
}

/// One page of `items`, placed by `wrap`, with the next cursor in
/// `properties.cursor` even after the last item: the following page is
/// then empty, which is how a reader learns the list is done.
fn page(cx: &Ctx<'_>, items: &[Value], wrap: impl FnOnce(Vec<Value>) -> (&'static str, Value)) -> Answer {
    let (range, _) = cursor_page(cx, items, 50);
    // The same opaque form `cursor_page` reads back.
    let cursor = format!("mock-cursor-{}", range.end);
    let (key, payload) = wrap(items[range].to_vec());
    Answer::json(200, &envelope(cx, key, payload, &[("properties", json!({"cursor": cursor}))]))
}
