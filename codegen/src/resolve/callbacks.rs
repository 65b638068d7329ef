//! Checks `spec/callbacks/events.yaml` and builds [`Callbacks`]. Its payload
//! types are resolved with every other named type (see `Resolver::run`);
//! here are the events: names, dispatch conditions, payload and reply types.

use super::operation::{notes, source_url};
use super::{Resolver, TyPlace, names};
use crate::load::Source;
use crate::locate::{NodePath, Seg};
use crate::model::*;
use crate::naming;
use crate::path;
use crate::raw_callbacks as rc;

impl Resolver {
    /// The events; the module's own names are reserved in `names`, where a
    /// spec type or area that would meet them is reported.
    pub(super) fn callbacks(&mut self, src: &Source, file: &rc::CallbacksFile, types: &[TypeDef]) -> Callbacks {
        let rust = names::callback_names();
        let mut events: Vec<CallbackEvent> = Vec::new();
        for (i, e) in file.events.iter().enumerate() {
            let p = path!["events", i];
            let Some(event) = self.callback_event(src, &p, e, types) else { continue };
            let name_at = path!["events", i, "name"];
            if events.iter().any(|x| x.name == event.name || x.rust == event.rust) {
                self.err(src.at(&name_at, format!("duplicate event name `{}`", event.name)));
                continue;
            }
            if let Some(earlier) = events.iter().find(|x| x.when.iter().all(|c| event.when.contains(c))) {
                let msg = format!(
                    "event `{}` can never be chosen: `{}` above matches every body it matches (events are tried in order)",
                    event.name, earlier.name
                );
                self.err(src.at(&path!["events", i, "when"], msg));
                continue;
            }
            events.push(event);
        }
        if file.events.is_empty() {
            self.err(src.at_key(&path!["events"], "the callbacks file needs at least one event"));
        }
        let accessors = accessors(&rust, &events, types);
        Callbacks {
            file: src.rel.clone(),
            title: file.title.clone(),
            doc: file.doc.trim().to_owned(),
            notes: notes(&file.notes),
            events,
            accessors,
            rust,
        }
    }

    fn callback_event(
        &mut self,
        src: &Source,
        p: &NodePath,
        e: &rc::Event,
        types: &[TypeDef],
    ) -> Option<CallbackEvent> {
        let sub = |k: &str| {
            let mut q = p.clone();
            q.push(Seg::Key(k.into()));
            q
        };
        let before = self.diags.0.len();
        let rust = naming::camel(&e.name);
        if !naming::is_snake(&e.name) || naming::is_keyword(&e.name) {
            self.err(
                src.at(&sub("name"), format!("event name `{}` must be snake_case and not a Rust keyword", e.name)),
            );
        } else if rust == names::known_crate_names().other_variant {
            self.err(src.at(
                &sub("name"),
                format!(
                    "event name `{}` would become the variant `{rust}`, which is reserved for events the spec does not know",
                    e.name
                ),
            ));
        }
        if e.summary.trim().is_empty() {
            self.err(src.at(&sub("summary"), "the summary must not be empty"));
        }
        let mut when: Vec<Condition> = Vec::new();
        for (i, c) in e.when.iter().enumerate() {
            let mut cp = sub("when");
            cp.push(Seg::Index(i));
            if let Some(c) = self.condition(src, &cp, c) {
                when.push(c);
            }
        }
        if e.when.is_empty() {
            self.err(src.at(&sub("when"), "an event needs at least one `when` condition, or it matches every body"));
        }
        let ty = self.struct_ref(src, &sub("type"), &e.ty, types, "an event's `type` must be a struct type");
        let reply = e.reply.as_ref().and_then(|r| self.reply(src, &sub("reply"), r, types));
        if self.diags.0.len() != before {
            return None;
        }
        Some(CallbackEvent {
            name: e.name.clone(),
            rust,
            summary: e.summary.trim().to_owned(),
            doc: e.doc.as_ref().map(|d| d.trim().to_owned()),
            source: e.source.clone(),
            source_url: source_url(&self.docs_base, &e.source),
            when,
            ty: ty?,
            reply,
            notes: notes(&e.notes),
        })
    }

    fn condition(&mut self, src: &Source, p: &NodePath, c: &rc::Condition) -> Option<Condition> {
        let at = |k: &str| {
            let mut q = p.clone();
            q.push(Seg::Key(k.into()));
            q
        };
        let path: Vec<String> = c.field.split('.').map(str::to_owned).collect();
        if path.iter().any(String::is_empty) {
            self.err(src.at(&at("field"), format!("bad field path `{}`: write keys joined by `.`", c.field)));
            return None;
        }
        let test = match (&c.is, c.present) {
            (Some(values), None) if values.is_empty() => {
                self.err(src.at(&at("is"), "`is` needs at least one value"));
                return None;
            }
            (Some(values), None) => Test::OneOf(values.clone()),
            (None, Some(true)) => Test::Present,
            (None, Some(false)) => Test::Absent,
            _ => {
                self.err(src.at_key(&at("field"), "a condition needs exactly one of `is` and `present`"));
                return None;
            }
        };
        Some(Condition { path, test })
    }

    fn reply(&mut self, src: &Source, p: &NodePath, r: &rc::Reply, types: &[TypeDef]) -> Option<CallbackReply> {
        let mut tp = p.clone();
        tp.push(Seg::Key("type".into()));
        let msg = "a reply `type` must be a struct whose only required field is a boolean (the verdict)";
        let ty = self.struct_ref(src, &tp, &r.ty, types, msg)?;
        let Some(TypeDef { kind: TypeKind::Struct(fields), .. }) = types.iter().find(|t| t.name == ty) else {
            return None;
        };
        let required: Vec<&Field> = fields.iter().filter(|f| f.required).collect();
        let [verdict] = required.as_slice() else {
            self.err(src.at(&tp, msg));
            return None;
        };
        if verdict.ty != Ty::Boolean {
            self.err(src.at(&tp, msg));
            return None;
        }
        if let Some((f, what)) = fields.iter().find_map(|f| Some((f, names::reply_field_clash(&f.rust)?))) {
            self.err(src.at(
                &tp,
                format!("reply type `{ty}` has the field `{}`, which clashes with {what}; rename the field", f.rust),
            ));
            return None;
        }
        if r.max_chars == 0 {
            let mut mp = p.clone();
            mp.push(Seg::Key("max_chars".into()));
            self.err(src.at(&mp, "`max_chars` must be at least 1"));
            return None;
        }
        Some(CallbackReply { ty, verdict: verdict.rust.clone(), max_chars: r.max_chars })
    }

    /// The name of the struct type `text` names, or an error with `msg`.
    fn struct_ref(&mut self, src: &Source, p: &NodePath, text: &str, types: &[TypeDef], msg: &str) -> Option<String> {
        match self.ty(src, p, text, TyPlace::Value)? {
            Ty::Named(n)
                if matches!(types.iter().find(|t| t.name == n), Some(TypeDef { kind: TypeKind::Struct(_), .. })) =>
            {
                Some(n)
            }
            _ => {
                self.err(src.at(p, msg));
                None
            }
        }
    }
}

/// An accessor on the event enum for each text or integer field that every
/// event's payload type has (same wire name, same type): `call_id()` for
/// deduplicating retried deliveries, `timestamp()` for ordering. A field
/// whose Rust name is the enum's `event_type` method is left out.
fn accessors(n: &CallbackNames, events: &[CallbackEvent], types: &[TypeDef]) -> Vec<CallbackAccessor> {
    let fields_of = |ty: &str| match types.iter().find(|t| t.name == ty).map(|t| &t.kind) {
        Some(TypeKind::Struct(fields)) => fields.as_slice(),
        _ => &[],
    };
    let Some(first) = events.first() else { return Vec::new() };
    fields_of(&first.ty)
        .iter()
        .filter(|f| matches!(f.ty, Ty::String | Ty::Integer | Ty::Timestamp) && f.rust != n.event_type_fn)
        .filter_map(|f| {
            let fields = events
                .iter()
                .map(|e| {
                    let g = fields_of(&e.ty).iter().find(|g| g.wire == f.wire && g.ty == f.ty)?;
                    Some(AccessorField { rust: g.rust.clone(), required: g.required })
                })
                .collect::<Option<Vec<_>>>()?;
            Some(CallbackAccessor {
                method: f.rust.clone(),
                wire: f.wire.clone(),
                ty: f.ty.clone(),
                doc: f.doc.clone(),
                fields,
            })
        })
        .collect()
}
