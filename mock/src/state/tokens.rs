//! `POST /token`: app tokens from the client credentials, user tokens from
//! a password or on the strength of the app token.

use std::time::Duration;

use serde_json::{Value, json};

use super::users::User;
use super::{Ctx, State};
use crate::answer::{Answer, error_body};
use crate::tokens::Holder;

pub(super) fn answer(state: &mut State, cx: &mut Ctx<'_>) -> Option<Answer> {
    let req = cx.req;
    // `ttl` in the body asks for a lifetime; 0 asks for one that never ends.
    let ttl = match req.field("ttl").and_then(Value::as_i64) {
        Some(0) => None,
        Some(secs) => Some(Duration::from_secs(secs.unsigned_abs())),
        None => cx.config.token_ttl,
    };
    let expires_in = ttl.map_or(0, |t| t.as_secs());
    Some(match cx.op.id {
        "tokens_get_app_token" => {
            if let Some((id, secret)) = &cx.config.credentials {
                if req.text("client_id") != Some(id.as_str()) {
                    return Some(invalid_grant("client_id does not match"));
                }
                if req.text("client_secret") != Some(secret.as_str()) {
                    return Some(invalid_grant("client_secret does not match"));
                }
            }
            let token = cx.tokens.issue(Holder::App, ttl);
            Answer::json(
                200,
                &json!({"access_token": token, "expires_in": expires_in, "application": "8be024f0-e978-11e8-b697-5d598d5f8402"}),
            )
        }
        "tokens_get_user_token" | "tokens_get_user_token_inherit" => {
            let name = req.text("username").unwrap_or("");
            let key = name.to_lowercase();
            if cx.op.id == "tokens_get_user_token" {
                match state.users.get(&key) {
                    Some(u) if Some(u.password.as_str()) == req.text("password") => {}
                    _ => return Some(invalid_grant("invalid username or password")),
                }
            } else if !state.users.contains_key(&key) {
                if req.field("autoCreateUser").and_then(Value::as_bool) != Some(true) {
                    return Some(Answer::not_found(cx.op, &format!("username {name}")));
                }
                state.users.insert(key.clone(), User::new(name, "", None));
            }
            let user = state.users.get(&key).map(User::entity).unwrap_or(Value::Null);
            let token = cx.tokens.issue(Holder::User(key), ttl);
            Answer::json(200, &json!({"access_token": token, "expires_in": expires_in, "user": user}))
        }
        _ => return None,
    })
}

fn invalid_grant(text: &str) -> Answer {
    Answer::json(400, &error_body("invalid_grant", text))
}
