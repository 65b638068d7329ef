//! Checks a request against its operation in the table, as the real server
//! would: required inputs, types and documented limits. Everything here
//! reads untrusted input, so nothing may panic: every lookup is checked and
//! recursion follows the (already parsed, depth-limited) JSON.

use serde_json::{Map, Value};

use crate::request::ApiRequest;
use crate::table::{Body, BodyKind, Field, Limits, Location, Operation, Ty, TypeKind, find_type};

/// Why a request was refused: a description for `error_description`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

type Checked = Result<(), Refusal>;

fn refuse(text: impl Into<String>) -> Checked {
    Err(Refusal(text.into()))
}

/// Checks every parameter and the body of `req` against `op`.
pub fn check(op: &Operation, req: &ApiRequest) -> Checked {
    for p in op.params {
        let f = &p.field;
        let value = match p.location {
            Location::Path => req.path_param(f.name),
            Location::Query => req.query(f.name),
            Location::Header => req.header(f.name),
        };
        match value {
            None | Some("") if p.location == Location::Path => return refuse(format!("{} must not be empty", f.name)),
            None if f.required => return refuse(format!("{} must be provided", f.name)),
            None => {}
            Some(text) => check_text(f, text)?,
        }
    }
    if let Some(body) = &op.body {
        check_body(op, body, req)?;
    }
    Ok(())
}

/// A parameter or form value, sent as text: lists comma-joined.
fn check_text(f: &Field, text: &str) -> Checked {
    match &f.ty {
        Ty::List(item) | Ty::OneOrMany(item) => {
            let items: Vec<&str> = text.split(',').collect();
            count(f.name, items.len(), &f.limits)?;
            items.iter().try_for_each(|i| scalar_text(f.name, item, i, &Limits::NONE))
        }
        t => scalar_text(f.name, t, text, &f.limits),
    }
}

fn scalar_text(name: &str, ty: &Ty, text: &str, limits: &Limits) -> Checked {
    match ty {
        Ty::Integer => match text.trim().parse::<i64>() {
            Ok(n) => range(name, n, limits),
            Err(_) => refuse(format!("{name} must be an integer, not {text:?}")),
        },
        Ty::Number if text.trim().parse::<f64>().is_err() => refuse(format!("{name} must be a number")),
        Ty::Boolean if !matches!(text, "true" | "false") => refuse(format!("{name} must be true or false")),
        Ty::Named(n) => match find_type(n).map(|t| &t.kind) {
            Some(TypeKind::Enum(values)) if !values.contains(&text) => {
                refuse(format!("{name} must be one of {}, not {text:?}", values.join(", ")))
            }
            _ => length(name, text, limits),
        },
        _ => length(name, text, limits),
    }
}

fn check_body(op: &Operation, body: &Body, req: &ApiRequest) -> Checked {
    if let Some(max) = op.max_body_bytes {
        let size = counted_size(op, req);
        if size as u64 > max {
            return refuse(format!("the body is {size} bytes; at most {max} are allowed"));
        }
    }
    match body.kind {
        BodyKind::Multipart => {
            if !req.content_type().starts_with("multipart/form-data") {
                return refuse("the body must be multipart/form-data");
            }
            for f in body.fields.iter().filter(|f| f.required) {
                let part = format!("name=\"{}\"", f.name);
                if !req.body_text().contains(&part) {
                    return refuse(format!("{} must be provided", f.name));
                }
            }
            Ok(())
        }
        BodyKind::Form { whole_map } => {
            let pairs = req.form();
            if whole_map {
                let Some(f) = body.fields.first() else { return Ok(()) };
                let map: Map<String, Value> = pairs.into_iter().map(|(k, v)| (k, Value::String(v))).collect();
                return value(f.name, &f.ty, &Value::Object(map), &f.limits);
            }
            for f in body.fields {
                match pairs.iter().find(|(k, _)| k == f.name) {
                    Some((_, v)) => check_text(f, v)?,
                    None if f.required => return refuse(format!("{} must be provided", f.name)),
                    None => {}
                }
            }
            Ok(())
        }
        BodyKind::Value => {
            let Some(json) = req.json() else { return refuse("the body must be JSON") };
            match body.fields.first() {
                Some(f) => value(f.name, &f.ty, json, &f.limits),
                None => Ok(()),
            }
        }
        BodyKind::Object => match req.json() {
            Some(Value::Object(obj)) => fields(obj, body.fields),
            Some(_) => refuse("the body must be a JSON object"),
            None if body.fields.iter().any(|f| f.required) => refuse("the body must be a JSON object"),
            None => Ok(()),
        },
    }
}

/// What `max_body_bytes` counts: the whole body, or the encoded values of
/// the listed keys. A form counts its keys and values as UTF-8, as the
/// server stores them and the client counts: percent-encoding triples CJK
/// text, and a limit on stored bytes must not refuse documented-valid data.
fn counted_size(op: &Operation, req: &ApiRequest) -> usize {
    if matches!(op.body.as_ref().map(|b| b.kind), Some(BodyKind::Form { .. })) {
        return req.form().iter().map(|(k, v)| k.len() + v.len()).sum();
    }
    match (op.body_size_counts, req.json()) {
        ([], _) | (_, None) => req.body_len(),
        (keys, Some(json)) => {
            keys.iter().filter_map(|k| json.get(*k)).map(|v| serde_json::to_vec(v).map_or(0, |b| b.len())).sum()
        }
    }
}

/// The fields of an object: required ones present, every present one valid.
/// `null` counts as absent, as Jackson reads it.
fn fields(obj: &Map<String, Value>, fields: &[Field]) -> Checked {
    for f in fields {
        if f.flatten {
            value(f.name, &f.ty, &Value::Object(obj.clone()), &f.limits)?;
            continue;
        }
        match obj.get(f.name) {
            None | Some(Value::Null) if f.required => return refuse(format!("{} must be provided", f.name)),
            None | Some(Value::Null) => {}
            Some(v) => value(f.name, &f.ty, v, &f.limits)?,
        }
    }
    Ok(())
}

/// One JSON value against a type. Scalars also come as their string forms,
/// which the server's JSON reader accepts.
fn value(name: &str, ty: &Ty, v: &Value, limits: &Limits) -> Checked {
    match (ty, v) {
        (Ty::Json | Ty::None | Ty::Binary, _) => Ok(()),
        (Ty::String | Ty::Secret, Value::String(s)) => length(name, s, limits),
        (Ty::Integer, Value::Number(n)) => match n.as_i64() {
            Some(n) => range(name, n, limits),
            None => refuse(format!("{name} must be a 64-bit integer")),
        },
        (Ty::Integer | Ty::Number | Ty::Boolean, Value::String(s)) => scalar_text(name, ty, s, limits),
        (Ty::Number, Value::Number(_)) | (Ty::Boolean, Value::Bool(_)) => Ok(()),
        (Ty::List(item), Value::Array(items)) | (Ty::OneOrMany(item), Value::Array(items)) => {
            count(name, items.len(), limits)?;
            items.iter().try_for_each(|i| value(name, item, i, &Limits::NONE))
        }
        (Ty::OneOrMany(item), one) => value(name, item, one, limits),
        (Ty::Map(item), Value::Object(map)) => {
            count(name, map.len(), limits)?;
            for (k, v) in map {
                key(name, k, limits)?;
                if let (Some(max), Value::String(s)) = (limits.value_max_length, v)
                    && s.chars().count() as u64 > max
                {
                    return refuse(format!("a value of {name} is longer than {max} characters"));
                }
                value(name, item, v, &Limits::NONE)?;
            }
            Ok(())
        }
        (Ty::Named(n), v) => named(name, n, v, limits),
        _ => refuse(format!("{name} has the wrong type: {}", kind_of(v))),
    }
}

fn named(name: &str, type_name: &str, v: &Value, limits: &Limits) -> Checked {
    let Some(def) = find_type(type_name) else { return Ok(()) };
    match (&def.kind, v) {
        (TypeKind::Id, Value::String(s)) if s.is_empty() => refuse(format!("{name} must not be empty")),
        (TypeKind::Id, Value::String(s)) => length(name, s, limits),
        (TypeKind::Enum(values), Value::String(s)) if values.contains(&s.as_str()) => Ok(()),
        (TypeKind::Enum(values), _) => refuse(format!("{name} must be one of {}", values.join(", "))),
        (TypeKind::Struct(fs), Value::Object(obj)) => fields(obj, fs),
        (TypeKind::KeyedUnion(vs), Value::Object(obj)) => {
            let mut keys = obj.iter();
            match (keys.next(), keys.next()) {
                (Some((k, inner)), None) => match vs.iter().find(|x| x.key == k) {
                    Some(variant) => value(name, &variant.ty, inner, &Limits::NONE),
                    None => refuse(format!("{name} has an unknown key {k:?}")),
                },
                _ => refuse(format!("{name} must have exactly one key")),
            }
        }
        (TypeKind::TaggedUnion { tag, content, variants }, Value::Object(obj)) => {
            let Some(Value::String(t)) = obj.get(*tag) else { return refuse(format!("{name}.{tag} must be provided")) };
            let Some(variant) = variants.iter().find(|x| x.key == t) else {
                return refuse(format!("{name}.{tag} {t:?} is not a known type"));
            };
            match content {
                Some(c) => match obj.get(*c) {
                    Some(inner) => value(name, &variant.ty, inner, &Limits::NONE),
                    None => refuse(format!("{name}.{c} must be provided")),
                },
                None => value(name, &variant.ty, v, &Limits::NONE),
            }
        }
        _ => refuse(format!("{name} has the wrong type: {}", kind_of(v))),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn range(name: &str, n: i64, l: &Limits) -> Checked {
    if l.min.is_some_and(|min| n < min) || l.max.is_some_and(|max| n > max) {
        let min = l.min.map_or("-".to_owned(), |m| m.to_string());
        let max = l.max.map_or("-".to_owned(), |m| m.to_string());
        return refuse(format!("{name} must be in [{min}, {max}], not {n}"));
    }
    Ok(())
}

fn length(name: &str, s: &str, l: &Limits) -> Checked {
    match l.max_length {
        Some(max) if s.chars().count() as u64 > max => refuse(format!("{name} is longer than {max} characters")),
        _ => Ok(()),
    }
}

fn count(name: &str, n: usize, l: &Limits) -> Checked {
    let n = n as u64;
    if l.min_items.is_some_and(|min| n < min) {
        return refuse(format!("{name} needs at least {} items", l.min_items.unwrap_or(0)));
    }
    if l.max_items.is_some_and(|max| n > max) {
        return refuse(format!("{name} allows at most {} items, not {n}", l.max_items.unwrap_or(0)));
    }
    Ok(())
}

fn key(name: &str, k: &str, l: &Limits) -> Checked {
    if l.key_max_length.is_some_and(|max| k.chars().count() as u64 > max) {
        return refuse(format!("a key of {name} is too long"));
    }
    if let Some(ranges) = l.key_chars
        && !k.chars().all(|c| ranges.iter().any(|(a, b)| (*a..=*b).contains(&c)))
    {
        return refuse(format!("the key {k:?} of {name} uses a character that is not allowed"));
    }
    Ok(())
}
