//! `spec/callbacks/events.yaml` exactly as written: the callbacks (webhooks)
//! Easemob sends to an app server. Checked in `resolve::callbacks`.

use serde::Deserialize;

use crate::raw::{Note, TypeDef};

/// The callback events file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallbacksFile {
    pub title: String,
    pub doc: String,
    /// Decisions that apply to every event (the signature, dispatch order).
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Payload types; the same format as an area's `types`.
    #[serde(default)]
    pub types: Vec<TypeDef>,
    /// The event types, in dispatch order: the first whose `when` holds wins.
    pub events: Vec<Event>,
}

/// One event type: how a receiver recognises it and what it decodes to.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// snake_case; the Rust variant is its UpperCamelCase form.
    pub name: String,
    pub summary: String,
    #[serde(default)]
    pub doc: Option<String>,
    /// Doc page (and section) the event is described on.
    pub source: String,
    /// Every condition must hold for a body to be this event.
    pub when: Vec<Condition>,
    /// The payload: a struct type the whole body decodes to.
    #[serde(rename = "type")]
    pub ty: String,
    /// The answer the receiver must send back, for events that want one.
    #[serde(default)]
    pub reply: Option<Reply>,
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// A test on one field of the body: `field` is a dotted path
/// (`payload.type`); exactly one of `is` and `present` is given.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub field: String,
    /// The field is a string equal to one of these.
    #[serde(default)]
    pub is: Option<Vec<String>>,
    /// The field is present and not null (`true`) or absent or null (`false`).
    #[serde(default)]
    pub present: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    /// A struct whose only required field is the boolean verdict.
    #[serde(rename = "type")]
    pub ty: String,
    /// The longest reply Easemob accepts, in characters.
    pub max_chars: u64,
}
