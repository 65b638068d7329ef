//! The inbox: every message sent through the send operations, kept in
//! order for a test to read, each with the ID its answer gave it.

use serde_json::{Value, json};

use super::{Ctx, State, envelope};
use crate::answer::Answer;

/// One message as it was sent.
#[derive(Debug, Clone)]
pub struct SentMessage {
    /// The message ID the answer gave it (one per target: this is the first).
    pub id: String,
    /// The send operation (`messages_send_to_users`, ...).
    pub operation: &'static str,
    /// The sender; `admin` when the request names none, as the server does.
    pub from: String,
    /// The targets: users, groups or chatrooms.
    pub to: Vec<String>,
    /// For sends to some members of groups or chatrooms: those members.
    pub users: Vec<String>,
    /// The message type (`txt`, `img`, ...).
    pub kind: String,
    /// The message's own fields (`{"msg": "hi"}` for text).
    pub body: Value,
    /// The extension fields, if any.
    pub ext: Option<Value>,
}

impl SentMessage {
    /// The message as JSON, for the control API.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id, "operation": self.operation, "from": self.from, "to": self.to,
            "users": self.users, "type": self.kind, "body": self.body, "ext": self.ext,
        })
    }
}

pub(super) fn answer(state: &mut State, cx: &mut Ctx<'_>) -> Option<Answer> {
    if !cx.op.id.starts_with("messages_send_to_") {
        return None;
    }
    let req = cx.req;
    let texts = |k: &str| -> Vec<String> {
        req.field(k)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect()
    };
    let to = texts("to");
    let mut ids = serde_json::Map::new();
    for target in &to {
        ids.insert(target.clone(), json!(state.next_id()));
    }
    let first = ids.values().next().and_then(Value::as_str).unwrap_or("").to_owned();
    state.inbox.push(SentMessage {
        id: first,
        operation: cx.op.id,
        from: req.text("from").unwrap_or("admin").to_owned(),
        to,
        users: texts("users"),
        kind: req.text("type").unwrap_or("").to_owned(),
        body: req.field("body").cloned().unwrap_or(Value::Null),
        ext: req.field("ext").cloned(),
    });
    Some(Answer::json(200, &envelope(cx, "data", Value::Object(ids), &[])))
}
