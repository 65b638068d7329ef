//! Contacts and block lists: add and remove contacts (both users must
//! exist), remarks, the list (whole or by cursor), block and unblock, and
//! the relation checks.

use serde_json::{Value, json};

use super::{Ctx, State, cursor_answer, envelope};
use crate::answer::Answer;

pub(super) fn answer(state: &mut State, cx: &mut Ctx<'_>) -> Option<Answer> {
    let req = cx.req;
    if matches!(cx.op.id, "contacts_check" | "contacts_check_blocked") {
        let owner = state.users.get(&req.text("username").unwrap_or("").to_lowercase());
        let names = req.field("check_list").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str);
        let blocks = cx.op.id == "contacts_check_blocked";
        let checks: Vec<Value> = names
            .map(|n| {
                let yes = owner.is_some_and(|o| {
                    if blocks { o.blocked.iter().any(|b| b == n) } else { o.contacts.contains_key(n) }
                });
                let relation = match (blocks, yes) {
                    (false, true) => "friend",
                    (false, false) => "not_friend",
                    (true, true) => "blacklist",
                    (true, false) => "not_blacklist",
                };
                json!({"username": n, "relation": relation})
            })
            .collect();
        return Some(Answer::json(200, &envelope(cx, "entities", json!(checks), &[])));
    }
    let owner_name = req.path_param("owner_username").or(req.path_param("username"))?.to_owned();
    let other = req.path_param("friend_username").or(req.path_param("blocked_username")).map(str::to_owned);
    // The other user must exist too, for calls that name one.
    if let Some(o) = &other
        && !state.users.contains_key(&o.to_lowercase())
        && cx.op.id != "contacts_unblock"
    {
        return Some(Answer::not_found(cx.op, &format!("username {o}")));
    }
    let other_entity = other.as_ref().and_then(|o| state.users.get(&o.to_lowercase())).map(super::User::entity);
    let Some(owner) = state.users.get_mut(&owner_name.to_lowercase()) else {
        return Some(Answer::not_found(cx.op, &format!("username {owner_name}")));
    };
    let other = other.unwrap_or_default();
    let entities = || json!([other_entity.clone().unwrap_or_else(|| json!({"username": other}))]);
    let body = match cx.op.id {
        "contacts_add" => {
            owner.contacts.entry(other.clone()).or_default();
            envelope(cx, "entities", entities(), &[])
        }
        "contacts_remove" => {
            owner.contacts.remove(&other);
            envelope(cx, "entities", entities(), &[])
        }
        "contacts_set_remark" => match owner.contacts.get_mut(&other) {
            Some(remark) => {
                *remark = req.text("remark").unwrap_or("").to_owned();
                envelope(cx, "data", json!({}), &[])
            }
            None => return Some(Answer::not_found(cx.op, &format!("contact {other}"))),
        },
        "contacts_list" => {
            let names: Vec<&String> = owner.contacts.keys().collect();
            envelope(cx, "data", json!(names), &[("count", json!(names.len()))])
        }
        "contacts_list_paged" => {
            let with_remarks = req.query("needReturnRemark") == Some("true");
            let all: Vec<Value> = owner
                .contacts
                .iter()
                .map(|(n, r)| if with_remarks { json!({"username": n, "remark": r}) } else { json!({"username": n}) })
                .collect();
            // The page sits at `data.contacts`, the cursor at the top level.
            let mut page = cursor_answer(cx, "data", &all);
            let mut body: Value = serde_json::from_slice(&page.body).unwrap_or(Value::Null);
            let contacts = body["data"].take();
            body["data"] = json!({"contacts": contacts});
            page.body = body.to_string().into();
            return Some(page);
        }
        "contacts_import" => {
            let names: Vec<String> = req
                .field("usernames")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
            for n in &names {
                owner.contacts.entry(n.clone()).or_default();
            }
            envelope(cx, "data", json!({"success": names, "NotExistFailed": [], "maxLimitFailed": []}), &[])
        }
        "contacts_remove_all" => {
            owner.contacts.clear();
            envelope(cx, "data", json!({}), &[])
        }
        "contacts_block" => {
            let names =
                req.field("usernames").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str);
            let mut done = Vec::new();
            for n in names {
                if !owner.blocked.iter().any(|b| b == n) {
                    owner.blocked.push(n.to_owned());
                }
                done.push(n.to_owned());
            }
            envelope(cx, "data", json!(done), &[])
        }
        "contacts_list_blocked" => {
            let all: Vec<Value> = owner.blocked.iter().map(|b| json!(b)).collect();
            return Some(cursor_answer(cx, "data", &all));
        }
        "contacts_unblock" => {
            owner.blocked.retain(|b| *b != other);
            envelope(cx, "entities", entities(), &[])
        }
        _ => return None,
    };
    Some(Answer::json(200, &body))
}
