//! Chatrooms and groups, which the API treats alike: create, get, list by
//! cursor, delete; members (add one or a batch, list by page number with the
//! owner first as `{"owner": …}` / `{"member": …}`, remove one or a batch);
//! admins, the block list and the allow list, mutes; the announcement.

use serde_json::{Value, json};

use super::{Ctx, RoomExtras, State, cursor_answer, envelope, numbered_page};
use crate::answer::Answer;

/// A chatroom or a group.
#[derive(Debug, Clone, Default)]
pub struct Room {
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
    /// Members who are admins.
    pub admins: Vec<String>,
    /// Users blocked from joining.
    pub blocked: Vec<String>,
    /// Users on the allow list.
    pub allowed: Vec<String>,
    /// Muted members and when each mute ends (Unix milliseconds; -1: never).
    pub muted: Vec<(String, i64)>,
    /// Whether everyone but the owner and admins is muted.
    pub all_muted: bool,
    /// Settings, the ban and member tags.
    pub extras: RoomExtras,
    /// The announcement.
    pub announcement: String,
    /// Creation time, Unix milliseconds.
    pub created: i64,
    /// Members' custom attributes (groups only), by user ID.
    pub member_attributes: std::collections::BTreeMap<String, super::attributes::Attributes>,
}

/// Which of the two the request is about: the names the API uses for each.
struct Kind {
    /// Operation ID prefixes of the room's own area and of its members area.
    area: &'static str,
    members_area: &'static str,
    /// Path parameters naming one room, or several.
    id_param: &'static str,
    ids_param: &'static str,
    /// The key of the room's ID in creation answers and member changes,
    /// and in block and allow-list changes.
    id_key: &'static str,
    change_id_key: &'static str,
    /// The body key of the name at creation.
    name_key: &'static str,
}

const CHATROOM: Kind = Kind {
    area: "chatrooms_",
    members_area: "chatroom_members_",
    id_param: "chatroom_id",
    ids_param: "chatroom_ids",
    id_key: "id",
    change_id_key: "chatroomid",
    name_key: "name",
};

const GROUP: Kind = Kind {
    area: "groups_",
    members_area: "group_members_",
    id_param: "group_id",
    ids_param: "group_ids",
    id_key: "groupid",
    change_id_key: "groupid",
    name_key: "groupname",
};

impl Room {
    /// A new room with only its owner.
    pub fn new(id: &str, name: &str, description: &str, owner: &str, maxusers: i64) -> Self {
        Room {
            id: id.to_owned(),
            name: name.to_owned(),
            description: description.to_owned(),
            owner: owner.to_owned(),
            maxusers,
            created: crate::clock::now_ms(),
            ..Room::default()
        }
    }

    pub(super) fn has(&self, user: &str) -> bool {
        self.owner == user || self.members.iter().any(|m| m == user)
    }

    /// The owner and members, as the member list shows them.
    fn affiliations(&self) -> Vec<Value> {
        std::iter::once(json!({"owner": self.owner})).chain(self.members.iter().map(|m| json!({"member": m}))).collect()
    }

    fn details(&self) -> Value {
        let x = &self.extras;
        json!({
            "id": self.id, "name": self.name, "description": self.description, "membersonly": x.membersonly,
            "allowinvites": x.allowinvites, "maxusers": self.maxusers, "owner": self.owner, "created": self.created,
            "custom": x.custom, "affiliations_count": self.members.len() + 1, "affiliations": self.affiliations(),
            "public": x.public, "mute": self.all_muted, "disabled": x.disabled, "avatar": x.avatar,
        })
    }

    fn summary(&self, kind: &Kind) -> Value {
        let count = self.members.len() + 1;
        if kind.area == GROUP.area {
            json!({"groupid": self.id, "groupname": self.name, "owner": self.owner, "affiliations": count, "created": self.created})
        } else {
            json!({"id": self.id, "name": self.name, "owner": self.owner, "affiliations_count": count, "disabled": false})
        }
    }
}

pub(super) fn answer(state: &mut State, cx: &mut Ctx<'_>) -> Option<Answer> {
    let id = cx.op.id;
    let (kind, own) = if let Some(op) = id.strip_prefix(CHATROOM.area) {
        (&CHATROOM, Some(op))
    } else if let Some(op) = id.strip_prefix(GROUP.area) {
        (&GROUP, Some(op))
    } else if id.starts_with(CHATROOM.members_area) {
        (&CHATROOM, None)
    } else {
        (&GROUP, None)
    };
    let rooms = if kind.area == GROUP.area { &mut state.groups } else { &mut state.chatrooms };
    match own {
        Some("create") => {
            let req = cx.req;
            let room_id = match req.text("groupid") {
                Some(given) => given.to_owned(),
                None => state.next_id(),
            };
            let maxusers = req.field("maxusers").and_then(Value::as_i64).unwrap_or(200);
            let text = |k: &str| req.text(k).unwrap_or("").to_owned();
            let mut room = Room::new(&room_id, &text(kind.name_key), &text("description"), &text("owner"), maxusers);
            room.extras = RoomExtras::from_create(req);
            for m in req.field("members").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
                if !room.has(m) {
                    room.members.push(m.to_owned());
                }
            }
            let rooms = if kind.area == GROUP.area { &mut state.groups } else { &mut state.chatrooms };
            rooms.insert(room_id.clone(), room);
            return Some(Answer::json(200, &envelope(cx, "data", json!({kind.id_key: room_id}), &[])));
        }
        Some("list") => {
            let all: Vec<Value> = rooms.values().map(|r| r.summary(kind)).collect();
            return Some(cursor_answer(cx, "data", &all));
        }
        Some("get") => {
            let mut found = Vec::new();
            for one in cx.req.path_param(kind.ids_param).unwrap_or("").split(',') {
                match rooms.get(one) {
                    Some(r) => found.push(r.details()),
                    None => return Some(Answer::not_found(cx.op, &format!("grpID {one}"))),
                }
            }
            let count = found.len();
            return Some(Answer::json(200, &envelope(cx, "data", json!(found), &[("count", json!(count))])));
        }
        _ => {}
    }
    if !super::STATEFUL.contains(&id) {
        return None;
    }
    // Everything else names one room in the path.
    let room_id = cx.req.path_param(kind.id_param)?.to_owned();
    let Some(room) = rooms.get_mut(&room_id) else {
        return Some(Answer::not_found(cx.op, &format!("grpID {room_id}")));
    };
    let data = if own == Some("delete") {
        rooms.remove(&room_id);
        json!({"success": true, kind.id_key: room_id})
    } else {
        let op = id.strip_prefix(kind.members_area).or(own).unwrap_or("");
        on_room(room, kind, op, cx)?
    };
    let count: Vec<(&str, Value)> = data.as_array().map(|a| ("count", json!(a.len()))).into_iter().collect();
    Some(Answer::json(200, &envelope(cx, "data", data, &count)))
}

/// The answer's `data` for an operation on one room (`op` without its area).
fn on_room(room: &mut Room, kind: &Kind, op: &str, cx: &Ctx<'_>) -> Option<Value> {
    let req = cx.req;
    let id = room.id.clone();
    // The users a call names: one in the path, several comma-joined in the
    // path, or a list in the body.
    let named: Vec<String> = match (req.path_param("username"), req.path_param("usernames"), req.field("usernames")) {
        (Some(one), _, _) => vec![one.to_owned()],
        (_, Some(many), _) => many.split(',').map(str::to_owned).collect(),
        (_, _, Some(list)) => {
            list.as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect()
        }
        _ => Vec::new(),
    };
    let single = req.path_param("username").is_some();
    let one_or_many = |items: Vec<Value>| if single && items.len() == 1 { items[0].clone() } else { json!(items) };
    Some(match op {
        "list" => {
            let all = room.affiliations();
            let range = numbered_page(cx, &all, 10);
            json!(all[range].to_vec())
        }
        "add" | "add_batch" => {
            let mut added = Vec::new();
            for u in &named {
                if !room.has(u) && !room.blocked.contains(u) {
                    room.members.push(u.clone());
                    added.push(u.clone());
                }
            }
            if op == "add" {
                json!({"result": !added.is_empty(), "action": "add_member", kind.id_key: id, "user": named.first()})
            } else {
                json!({"newmembers": added, "action": "add_member", kind.id_key: id})
            }
        }
        "remove" | "remove_batch" => {
            let results = named
                .iter()
                .map(|u| {
                    let gone = take(&mut room.members, u);
                    take(&mut room.admins, u);
                    let mut r = json!({"result": gone, "action": "remove_member", "user": u, kind.id_key: id});
                    if !gone {
                        r["reason"] = json!(format!("user {u} doesn't exist in {id}"));
                    }
                    r
                })
                .collect();
            one_or_many(results)
        }
        "list_admins" => json!(room.admins),
        "add_admin" => {
            let user = req.text("newadmin").unwrap_or("").to_owned();
            let ok = room.members.contains(&user) && !room.admins.contains(&user);
            if ok {
                room.admins.push(user.clone());
            }
            json!({"result": ok, "newadmin": user})
        }
        "remove_admin" => {
            let user = req.path_param("oldadmin").unwrap_or("").to_owned();
            json!({"result": take(&mut room.admins, &user), "oldadmin": user})
        }
        "list_blocked" => json!(room.blocked),
        "list_whitelist" => json!(room.allowed),
        "block"
        | "block_batch"
        | "unblock"
        | "unblock_batch"
        | "add_to_whitelist"
        | "add_batch_to_whitelist"
        | "remove_from_whitelist" => {
            let blocking = op.contains("block");
            let adding = !op.starts_with("un") && !op.starts_with("remove");
            let results = named
                .iter()
                .map(|u| {
                    let list = if blocking { &mut room.blocked } else { &mut room.allowed };
                    let changed = if adding {
                        let new = !list.contains(u);
                        if new {
                            list.push(u.clone());
                        }
                        new
                    } else {
                        take(list, u)
                    };
                    if blocking && adding {
                        // A blocked member leaves the room.
                        take(&mut room.members, u);
                        take(&mut room.admins, u);
                    }
                    let action = format!(
                        "{}_{}",
                        if adding { "add" } else { "remove" },
                        if blocking { "blocks" } else { "white" }
                    );
                    json!({"result": changed, "action": action, "user": u, kind.change_id_key: id})
                })
                .collect();
            one_or_many(results)
        }
        "list_muted" => {
            let now = crate::clock::now_ms();
            room.muted.retain(|(_, until)| *until == -1 || *until > now);
            json!(room.muted.iter().map(|(u, until)| json!({"user": u, "expire": until})).collect::<Vec<_>>())
        }
        "mute" => {
            // `mute_duration` is in seconds; -1 mutes until unmuted.
            let secs = req.field("mute_duration").and_then(Value::as_i64).unwrap_or(-1);
            let until = if secs < 0 { -1 } else { crate::clock::now_ms().saturating_add(secs.saturating_mul(1000)) };
            let results: Vec<Value> = named
                .iter()
                .map(|u| {
                    room.muted.retain(|(m, _)| m != u);
                    room.muted.push((u.clone(), until));
                    json!({"result": true, "expire": until, "user": u})
                })
                .collect();
            json!(results)
        }
        "unmute" => {
            let results: Vec<Value> = named
                .iter()
                .map(|u| {
                    let was = room.muted.iter().any(|(m, _)| m == u);
                    room.muted.retain(|(m, _)| m != u);
                    json!({"result": was, "user": u})
                })
                .collect();
            json!(results)
        }
        "mute_all" | "unmute_all" => {
            room.all_muted = op == "mute_all";
            json!({"mute": room.all_muted})
        }
        "get_announcement" => json!({"announcement": room.announcement}),
        "set_announcement" => {
            room.announcement = req.text("announcement").unwrap_or("").to_owned();
            json!({"id": id, "result": true})
        }
        _ => return None,
    })
}

/// Removes `user` from `list`; whether it was there.
fn take(list: &mut Vec<String>, user: &str) -> bool {
    let at = list.iter().position(|m| m == user);
    if let Some(i) = at {
        list.remove(i);
    }
    at.is_some()
}
