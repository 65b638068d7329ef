//! User attributes (`spec/user_metadata.yaml`) and group member attributes
//! (`spec/group_members.yaml`): free text key-value pairs. Both answer with
//! only `timestamp`, `data` and `duration`, as the docs say.
//!
//! Sizes are counted as the docs state their limits: the UTF-8 bytes of
//! every key and every value a user (or a member in a group) holds. The
//! app-wide total (10 GB by default) is not modelled, nor what becomes of
//! a member's attributes when they leave (the spec does not say); a
//! non-member's are never shown.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{Ctx, State};
use crate::answer::{Answer, error_body};

/// A user's or a member's attributes, key to value.
pub type Attributes = BTreeMap<String, String>;

/// All attributes of one user take at most this many bytes (2 KB).
const USER_TOTAL: usize = 2048;
/// One member's attribute name, value and all of them together (4 KB).
const MEMBER_KEY: usize = 16;
const MEMBER_VALUE: usize = 512;
const MEMBER_TOTAL: usize = 4096;

/// The group member operations answered here.
pub const GROUP_OPS: &[&str] = &[
    "group_members_set_metadata",
    "group_members_set_metadata_batch",
    "group_members_get_metadata",
    "group_members_get_metadata_batch",
];

/// The bytes the attributes take, as the limits count them.
pub fn size(attrs: &Attributes) -> usize {
    attrs.iter().map(|(k, v)| k.len() + v.len()).sum()
}

/// The short envelope of these answers.
fn short(data: Value) -> Answer {
    Answer::json(200, &json!({"timestamp": crate::clock::now_ms(), "data": data, "duration": 0}))
}

pub(super) fn user(state: &mut State, cx: &mut Ctx<'_>) -> Option<Answer> {
    let req = cx.req;
    // User IDs are case-insensitive, as for registration.
    let user = req.path_param("username").map(str::to_lowercase).unwrap_or_default();
    Some(match cx.op.id {
        "user_metadata_set" => {
            let sent: Attributes = req.form().into_iter().collect();
            let mut merged = state.user_attributes.get(&user).cloned().unwrap_or_default();
            merged.extend(sent.clone());
            if size(&merged) > USER_TOTAL {
                let text =
                    format!("size of metadata for this single user exceeds the user defined limit, {USER_TOTAL}Bytes");
                return Some(Answer::error(Some(cx.op), 403, "FORBIDDEN", &text));
            }
            state.user_attributes.insert(user, merged);
            short(json!(sent))
        }
        "user_metadata_get" => short(json!(state.user_attributes.get(&user).cloned().unwrap_or_default())),
        "user_metadata_get_batch" => {
            let wanted = req.texts("properties");
            let mut found = BTreeMap::new();
            for target in req.texts("targets") {
                let Some(attrs) = state.user_attributes.get(&target.to_lowercase()) else { continue };
                let picked: Attributes =
                    attrs.iter().filter(|(k, _)| wanted.contains(k)).map(|(k, v)| (k.clone(), v.clone())).collect();
                // Users without any of the keys asked for are left out.
                if !picked.is_empty() {
                    found.insert(target, picked);
                }
            }
            short(json!(found))
        }
        "user_metadata_delete" => {
            state.user_attributes.remove(&user);
            short(json!(true))
        }
        "user_metadata_capacity" => short(json!(state.user_attributes.values().map(size).sum::<usize>())),
        _ => return None,
    })
}

pub(super) fn group_member(state: &mut State, cx: &mut Ctx<'_>) -> Option<Answer> {
    let (op, req) = (cx.op, cx.req);
    let group_id = req.path_param("group_id").unwrap_or("");
    let Some(group) = state.groups.get_mut(group_id) else {
        return Some(Answer::json(404, &error_body("metadata_error", "group not exists")));
    };
    let not_in = |users: &[String]| {
        let text = format!("Some users are not in the group: {}", users.join(","));
        Answer::json(400, &error_body("metadata_error", &text))
    };
    Some(match op.id {
        "group_members_set_metadata" | "group_members_set_metadata_batch" => {
            let changes: Vec<(String, Attributes)> = if op.id == "group_members_set_metadata" {
                let user = req.path_param("username").unwrap_or("").to_owned();
                vec![(user, attributes(req.field("metaData")))]
            } else {
                let items = req.json().and_then(Value::as_array).into_iter().flatten();
                items
                    .map(|m| {
                        (
                            m.get("username").and_then(Value::as_str).unwrap_or("").to_owned(),
                            attributes(m.get("metadata")),
                        )
                    })
                    .collect()
            };
            let outside: Vec<String> = changes.iter().map(|(u, _)| u.clone()).filter(|u| !group.has(u)).collect();
            if !outside.is_empty() {
                return Some(not_in(&outside));
            }
            // Every member's change is checked before any is made.
            let mut after = group.member_attributes.clone();
            for (user, sent) in &changes {
                let now = after.entry(user.clone()).or_default();
                for (k, v) in sent {
                    let fault = if k.is_empty() {
                        Some("an attribute name must not be empty")
                    } else if k.len() > MEMBER_KEY {
                        Some("exceeds chatgroup user metadata single key limit")
                    } else if v.len() > MEMBER_VALUE {
                        Some("exceeds chatgroup user metadata single value limit")
                    } else {
                        None
                    };
                    if let Some(text) = fault {
                        return Some(Answer::json(400, &error_body("metadata_error", text)));
                    }
                    // An empty value deletes the attribute.
                    if v.is_empty() {
                        now.remove(k);
                    } else {
                        now.insert(k.clone(), v.clone());
                    }
                }
                if size(now) > MEMBER_TOTAL {
                    let text = format!("exceeds chatgroup user metadata total size limit, {MEMBER_TOTAL} bytes");
                    return Some(Answer::json(400, &error_body("metadata_error", &text)));
                }
            }
            after.retain(|_, attrs| !attrs.is_empty());
            group.member_attributes = after;
            if op.id == "group_members_set_metadata" {
                short(json!(changes.into_iter().next().map(|(_, sent)| sent).unwrap_or_default()))
            } else {
                let succeeded: Vec<Value> = changes
                    .iter()
                    .map(|(u, _)| {
                        json!({"username": u, "metadata": group.member_attributes.get(u).cloned().unwrap_or_default()})
                    })
                    .collect();
                short(json!({"updateMetadataSucceeded:": succeeded, "updateMetadataFailed:": []}))
            }
        }
        "group_members_get_metadata" => {
            let user = req.path_param("username").unwrap_or("");
            if !group.has(user) {
                return Some(Answer::error(Some(op), 404, "MetadataException", "user not in group"));
            }
            short(json!(group.member_attributes.get(user).cloned().unwrap_or_default()))
        }
        "group_members_get_metadata_batch" => {
            // No properties (or none listed) reads every attribute.
            let wanted = req.texts("properties");
            let mut found = BTreeMap::new();
            for target in req.texts("targets").into_iter().filter(|u| group.has(u)) {
                let attrs = group.member_attributes.get(&target).cloned().unwrap_or_default();
                let picked: Attributes =
                    attrs.into_iter().filter(|(k, _)| wanted.is_empty() || wanted.contains(k)).collect();
                found.insert(target, picked);
            }
            short(json!(found))
        }
        _ => return None,
    })
}

/// A JSON object of text values.
fn attributes(v: Option<&Value>) -> Attributes {
    let pairs = v.and_then(Value::as_object).into_iter().flatten();
    pairs.filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned()))).collect()
}
