//! Checks `spec/callbacks/events.yaml` and builds [`Callbacks`]. Its payload
//! types are resolved with every other named type (see `Resolver::run`);
//! here are the events: names, dispatch conditions, payload and reply types.

use super::Resolver;
use crate::load::Source;
use crate::locate::{NodePath, Pos, Seg};
use crate::model::*;
use crate::naming;
use crate::path;
use crate::raw::{self, Note as RawNote};
use crate::raw_callbacks as rc;

/// The Rust module the callback events become; no area may take the name.
pub const MODULE: &str = "callbacks";

impl Resolver {
    pub(super) fn callbacks(
        &mut self,
        src: &Source,
        file: &rc::CallbacksFile,
        areas: &[(Source, raw::AreaFile)],
        types: &[TypeDef],
    ) -> Callbacks {
        for (asrc, _) in areas.iter().filter(|(a, _)| a.stem == MODULE) {
            self.err(asrc.diag_at(
                Pos { line: 1, col: 1 },
                format!("the area name `{MODULE}` is taken by the callback events (`{}`); rename this file", src.rel),
            ));
        }
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
        Callbacks {
            file: src.rel.clone(),
            title: file.title.clone(),
            doc: file.doc.trim().to_owned(),
            notes: notes(&file.notes),
            events,
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
        } else if rust == "Other" {
            self.err(src.at(&sub("name"), "the event name `other` is reserved for events the spec does not know"));
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
        match self.ty(src, p, text, false)? {
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

fn notes(raw: &[RawNote]) -> Vec<Note> {
    raw.iter().map(|n| Note { kind: n.kind, text: n.text.trim().to_owned() }).collect()
}
