//! Chatroom super admins: grant, list by page number, revoke. Only
//! registered users may hold the role, as the documented 404 says.

use serde_json::{Value, json};

use super::{Ctx, State, envelope, numbered_page};
use crate::answer::{Answer, error_body};

pub(super) fn answer(state: &mut State, cx: &mut Ctx<'_>) -> Option<Answer> {
    let op = cx.op.id.strip_prefix("chatroom_super_admins_")?;
    let req = cx.req;
    let admins = &mut state.chatroom_super_admins;
    let user = match op {
        "add" => req.text("superadmin"),
        "remove" => req.path_param("superAdmin"),
        _ => None,
    };
    if let Some(user) = user
        && !state.users.contains_key(&user.to_lowercase())
    {
        let body = error_body("resource_not_found", &format!("username {user} doesn't exist!"));
        return Some(Answer::json(404, &body));
    }
    let body = match (op, user) {
        ("add", Some(user)) => {
            if !admins.iter().any(|a| a.eq_ignore_ascii_case(user)) {
                admins.push(user.to_owned());
            }
            // The server says "success" where the docs' table says Bool.
            envelope(cx, "data", json!({"result": "success", "resource": ""}), &[])
        }
        ("remove", Some(user)) => {
            admins.retain(|a| !a.eq_ignore_ascii_case(user));
            envelope(cx, "data", json!({"newSuperAdmin": user, "resource": ""}), &[("properties", json!({}))])
        }
        ("list", _) => {
            let range = numbered_page(cx, admins, 10);
            // The docs' example echoes the paging query as lists of text.
            let params: serde_json::Map<String, Value> =
                ["pagenum", "pagesize"].iter().filter_map(|k| Some((k.to_string(), json!([req.query(k)?])))).collect();
            let page = admins[range].to_vec();
            let count = page.len();
            envelope(cx, "data", json!(page), &[("params", Value::Object(params)), ("count", json!(count))])
        }
        _ => return None,
    };
    Some(Answer::json(200, &body))
}
