//! What a room keeps beyond its members: the group settings (changed by
//! `groups_update`, shown by `groups_get`), the ban (`groups_disable`,
//! `groups_enable`), and chatroom member tags; and the membership check.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::{Ctx, State, envelope};
use crate::answer::{Answer, error_body};
use crate::request::ApiRequest;

/// The settings and tags of a chatroom or group.
#[derive(Debug, Clone)]
pub struct RoomExtras {
    /// The avatar URL.
    pub avatar: String,
    /// Whether joining needs approval.
    pub membersonly: bool,
    /// Whether ordinary members may invite others.
    pub allowinvites: bool,
    /// Whether an invited user must accept.
    pub invite_need_confirm: bool,
    /// Custom extension data.
    pub custom: String,
    /// Whether the room is public.
    pub public: bool,
    /// Whether the room is banned.
    pub disabled: bool,
    /// Chatroom member tags, by member.
    pub tags: BTreeMap<String, Vec<String>>,
}

impl Default for RoomExtras {
    /// The server's defaults at creation.
    fn default() -> Self {
        RoomExtras {
            avatar: String::new(),
            membersonly: false,
            allowinvites: false,
            invite_need_confirm: true,
            custom: String::new(),
            public: true,
            disabled: false,
            tags: BTreeMap::new(),
        }
    }
}

/// The settings a group update may change, by request name; the name,
/// description and member limit live on [`Room`](super::Room) itself.
const SETTINGS: [&str; 9] = [
    "groupname",
    "avatar",
    "description",
    "maxusers",
    "membersonly",
    "allowinvites",
    "invite_need_confirm",
    "custom",
    "public",
];

/// The most characters of one tag; the spec's limits cannot say it of list
/// items, so it is checked here.
const TAG_MAX_CHARS: usize = 32;

impl RoomExtras {
    /// The settings a creation request gives, the defaults for the rest.
    pub(super) fn from_create(req: &ApiRequest) -> Self {
        let mut extras = RoomExtras::default();
        extras.apply(req);
        extras
    }

    /// Copies the settings the request body sets.
    fn apply(&mut self, req: &ApiRequest) {
        let flag = |k: &str, into: &mut bool| {
            if let Some(v) = req.field(k).and_then(Value::as_bool) {
                *into = v;
            }
        };
        flag("membersonly", &mut self.membersonly);
        flag("allowinvites", &mut self.allowinvites);
        flag("invite_need_confirm", &mut self.invite_need_confirm);
        flag("public", &mut self.public);
        if let Some(v) = req.text("avatar") {
            self.avatar = v.to_owned();
        }
        if let Some(v) = req.text("custom") {
            self.custom = v.to_owned();
        }
    }
}

pub(super) fn answer(state: &mut State, cx: &mut Ctx<'_>) -> Option<Answer> {
    let req = cx.req;
    // Tags are lost when their member leaves. Every call naming the room
    // passes here first, a re-join included, so dropping the tags of
    // non-members now keeps the member code unaware of tags.
    if let Some(room) = req.path_param("chatroom_id").and_then(|id| state.chatrooms.get_mut(id)) {
        let (owner, members) = (&room.owner, &room.members);
        room.extras.tags.retain(|m, _| m == owner || members.contains(m));
    }
    match cx.op.id {
        "groups_update" | "groups_disable" | "groups_enable" => {
            let id = req.path_param("group_id")?;
            let Some(group) = state.groups.get_mut(id) else {
                return Some(Answer::not_found(cx.op, &format!("grpID {id}")));
            };
            let data = match cx.op.id {
                "groups_update" => {
                    if let Some(v) = req.text("groupname") {
                        group.name = v.to_owned();
                    }
                    if let Some(v) = req.text("description") {
                        group.description = v.to_owned();
                    }
                    if let Some(v) = req.field("maxusers").and_then(Value::as_i64) {
                        group.maxusers = v;
                    }
                    group.extras.apply(req);
                    // Each field sent comes back, true, under its request name.
                    let sent: Map<String, Value> = SETTINGS
                        .iter()
                        .filter(|k| req.field(k).is_some())
                        .map(|k| (k.to_string(), json!(true)))
                        .collect();
                    Value::Object(sent)
                }
                op => {
                    group.extras.disabled = op == "groups_disable";
                    json!({"disabled": group.extras.disabled})
                }
            };
            Some(Answer::json(200, &envelope(cx, "data", data, &[])))
        }
        "groups_is_member" => {
            // Only the 401 is documented, so an unknown group is not an
            // error: nobody has joined it.
            let user = req.path_param("username")?;
            let joined = req.path_param("group_id").and_then(|g| state.groups.get(g)).is_some_and(|g| g.has(user));
            Some(Answer::json(200, &envelope(cx, "data", json!(joined), &[])))
        }
        "chatroom_members_get_tags" | "chatroom_members_set_tags" => {
            let id = req.path_param("chatroom_id")?;
            let user = req.path_param("username")?;
            let Some(room) = state.chatrooms.get_mut(id) else {
                return Some(Answer::not_found(cx.op, &format!("grpID {id}")));
            };
            if !room.has(user) {
                let body = error_body("forbidden_op", &format!("users [{user}] are not members of this group!"));
                return Some(Answer::json(400, &body));
            }
            let data = if cx.op.id == "chatroom_members_set_tags" {
                let tags = req.texts("tags");
                if tags.iter().any(|t| t.chars().count() > TAG_MAX_CHARS) {
                    return Some(Answer::json(403, &error_body("exceed_limit", "tag length exceeds limit!")));
                }
                room.extras.tags.insert(user.to_owned(), tags);
                json!({"result": true})
            } else {
                // Tags set here never expire: -1.
                let tags = room.extras.tags.get(user).into_iter().flatten();
                Value::Object(tags.map(|t| (t.clone(), json!(-1))).collect())
            };
            Some(Answer::json(200, &envelope(cx, "data", data, &[("properties", json!({}))])))
        }
        _ => None,
    }
}
