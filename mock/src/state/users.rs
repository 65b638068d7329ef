//! Users: register (one or a batch), get, list by cursor, delete, reset
//! password, (de)activate. User IDs are case-insensitive, as the docs say.

use serde_json::{Value, json};

use super::{Ctx, State, cursor_answer, envelope};
use crate::answer::{Answer, error_body};

/// A registered user.
#[derive(Clone)]
pub struct User {
    /// The user ID as registered.
    pub username: String,
    /// The password (never printed).
    pub password: String,
    /// The display name.
    pub nickname: Option<String>,
    /// Whether the user may log in.
    pub activated: bool,
    /// Registration time, Unix milliseconds.
    pub created: i64,
    /// Contacts by user ID, with the remark (empty: none).
    pub contacts: std::collections::BTreeMap<String, String>,
    /// Users this one has blocked, in the order blocked.
    pub blocked: Vec<String>,
}

impl std::fmt::Debug for User {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User")
            .field("username", &self.username)
            .field("password", &"***")
            .field("nickname", &self.nickname)
            .field("activated", &self.activated)
            .field("contacts", &self.contacts)
            .field("blocked", &self.blocked)
            .finish()
    }
}

impl User {
    /// A new, active user.
    pub fn new(username: &str, password: &str, nickname: Option<&str>) -> Self {
        User {
            username: username.to_owned(),
            password: password.to_owned(),
            nickname: nickname.map(str::to_owned),
            activated: true,
            created: crate::clock::now_ms(),
            contacts: Default::default(),
            blocked: Vec::new(),
        }
    }

    /// The user as the API shows it (`UserEntity`).
    pub fn entity(&self) -> Value {
        let mut e = json!({
            "uuid": format!("mock-uuid-{}", self.username.to_lowercase()),
            "type": "user",
            "created": self.created,
            "modified": self.created,
            "username": self.username,
            "activated": self.activated,
        });
        if let Some(n) = &self.nickname {
            e["nickname"] = json!(n);
        }
        e
    }
}

pub(super) fn answer(state: &mut State, cx: &mut Ctx<'_>) -> Option<Answer> {
    let op = cx.op;
    let req = cx.req;
    let path_user = req.path_param("username").map(str::to_lowercase);
    let found = |state: &State| path_user.as_ref().and_then(|u| state.users.get(u)).cloned();
    let missing = || Answer::not_found(op, &format!("username {}", req.path_param("username").unwrap_or("")));
    Some(match op.id {
        "users_register_open" | "users_create" => {
            let name = req.text("username").unwrap_or("");
            if state.users.contains_key(&name.to_lowercase()) {
                return Some(duplicate(name));
            }
            let user = User::new(name, req.text("password").unwrap_or(""), req.text("nickname"));
            let entity = user.entity();
            state.users.insert(name.to_lowercase(), user);
            Answer::json(200, &envelope(cx, "entities", json!([entity]), &[]))
        }
        "users_create_batch" => {
            let (mut created, mut failed) = (Vec::new(), Vec::new());
            for u in req.json().and_then(Value::as_array).into_iter().flatten() {
                let name = u.get("username").and_then(Value::as_str).unwrap_or("");
                if state.users.contains_key(&name.to_lowercase()) {
                    failed.push(json!({"username": name, "registerUserFailReason": "the user already exists"}));
                    continue;
                }
                let nickname = u.get("nickname").and_then(Value::as_str);
                let user = User::new(name, u.get("password").and_then(Value::as_str).unwrap_or(""), nickname);
                created.push(user.entity());
                state.users.insert(name.to_lowercase(), user);
            }
            let data = if failed.is_empty() { vec![] } else { vec![("data", json!(failed))] };
            Answer::json(200, &envelope(cx, "entities", json!(created), &data))
        }
        "users_get" => match found(state) {
            Some(u) => Answer::json(200, &envelope(cx, "entities", json!([u.entity()]), &[("count", json!(1))])),
            None => missing(),
        },
        "users_list" => {
            let all: Vec<Value> = state.users.values().map(User::entity).collect();
            cursor_answer(cx, "entities", &all)
        }
        "users_delete" => match path_user.as_ref().and_then(|u| state.users.remove(u)) {
            Some(u) => Answer::json(200, &envelope(cx, "entities", json!([u.entity()]), &[])),
            None => missing(),
        },
        "users_delete_batch" => {
            // The docs: deletes `limit` users, oldest first; no order is
            // promised, so the mock takes them in ID order.
            let n = req.query_int("limit").map_or(10, |n| n.clamp(1, 100) as usize);
            let names: Vec<String> = state.users.keys().take(n).cloned().collect();
            let gone: Vec<Value> = names.iter().filter_map(|k| state.users.remove(k)).map(|u| u.entity()).collect();
            Answer::json(200, &envelope(cx, "entities", json!(gone), &[]))
        }
        "users_reset_password" => match path_user.as_ref().and_then(|u| state.users.get_mut(u)) {
            Some(u) => {
                u.password = req.text("newpassword").unwrap_or("").to_owned();
                Answer::json(200, &envelope(cx, "data", json!({}), &[]))
            }
            None => missing(),
        },
        "users_deactivate" | "users_activate" => match path_user.as_ref().and_then(|u| state.users.get_mut(u)) {
            Some(u) => {
                u.activated = op.id == "users_activate";
                let entity = u.entity();
                Answer::json(200, &envelope(cx, "entities", json!([entity]), &[]))
            }
            None => missing(),
        },
        _ => return None,
    })
}

/// The documented answer to registering a user ID that is taken.
fn duplicate(name: &str) -> Answer {
    let text = format!("Unable to create user with username: {name}, because user already exists");
    Answer::json(400, &error_body("duplicate_unique_property_exists", &text))
}
