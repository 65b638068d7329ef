//! One API request, start to end: route it to an operation, apply a queued
//! fault, check auth and inputs, answer from the state or the example, and
//! write the journal entry.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::Extension;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::Response;
use bytes::Bytes;

use crate::answer::Answer;
use crate::check::check;
use crate::faults::Fault;
use crate::generated::routes::OPERATIONS;
use crate::journal::Entry;
use crate::request::ApiRequest;
use crate::server::{Conn, Shared};
use crate::state::Ctx;
use crate::table::{BodyKind, Location, Operation, Segment, Ty};

/// Bodies beyond this are refused unread (the largest upload the docs
/// allow is 10 MB).
const MAX_BODY: usize = 12 * 1024 * 1024;

pub(crate) async fn api(State(shared): State<Arc<Shared>>, conn: Option<Extension<Conn>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let headers: HashMap<String, String> = parts
        .headers
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    let mut entry = Entry {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().unwrap_or("").to_owned(),
        headers: headers.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        body: String::new(),
        operation: None,
        status: 0,
        fault: None,
        outcome: "",
    };
    entry.headers.sort();
    let (answer, fault) = match axum::body::to_bytes(body, MAX_BODY).await {
        Err(_) => {
            entry.outcome = "check";
            (Answer::bad_request(None, "the request body is too large or broke off"), None)
        }
        Ok(bytes) => {
            entry.body = String::from_utf8_lossy(&bytes).into_owned();
            let d = decide(&shared, &entry, headers, bytes);
            entry.operation = d.operation;
            entry.outcome = d.outcome;
            (d.answer, d.fault)
        }
    };
    entry.fault = fault.as_ref().map(Fault::name);
    match fault {
        Some(Fault::Reset) => {
            shared.lock().journal.push(entry);
            if let Some(Extension(conn)) = conn {
                conn.reset();
            }
            // The connection task drops this future with the connection.
            std::future::pending::<()>().await;
            unreachable!("a reset connection is never answered")
        }
        Some(Fault::Slow(d)) => tokio::time::sleep(d.min(Duration::from_secs(3600))).await,
        _ => {}
    }
    entry.status = answer.status;
    shared.lock().journal.push(entry);
    respond(answer, matches!(fault, Some(Fault::Truncate)))
}

/// What `decide` settled on.
struct Decision {
    answer: Answer,
    fault: Option<Fault>,
    operation: Option<&'static str>,
    /// Who answered: `state`, `example`, `check`, `auth`, `fault` or `route`.
    outcome: &'static str,
}

/// Whether a candidate operation accepts the request; if not, the refusal
/// and who refused (`auth` or `check`).
type Verdict = Result<(), (Answer, &'static str)>;

/// Routes and answers; also says which fault was applied.
fn decide(shared: &Shared, entry: &Entry, headers: HashMap<String, String>, bytes: Bytes) -> Decision {
    let done = |answer, fault, operation, outcome| Decision { answer, fault, operation, outcome };
    let Some(mut req) = ApiRequest::new(&entry.method, &entry.path, Some(&entry.query), headers, bytes) else {
        let a = Answer::error(None, 404, "resource_not_found", "no organization and app in the path");
        return done(a, None, None, "route");
    };
    let mut inner = shared.lock();
    let authorized = req.bearer().is_some_and(|t| inner.tokens.is_app_token(t));
    // Operations that share a method and path (single vs batch, update vs
    // transfer, the three token grants) are told apart by their inputs: of
    // those whose checks pass, the one that declares the most of what the
    // request sends (and wants the token it carries). If none pass, the
    // refusal of the most specific one stands, and among equally specific
    // ones that of the one the request was evidently meant for (its body's
    // shape, the token it carries): a batch of 61 users is refused for its
    // size, not for not being the single user of open registration.
    let mut chosen: Option<(&'static Operation, Verdict, (bool, usize, usize))> = None;
    for op in candidates(&mut req) {
        req.bind(op);
        let outcome = if op.auth && !authorized {
            Err((Answer::unauthorized(Some(op)), "auth"))
        } else {
            check(op, &req).map_err(|r| (Answer::bad_request(Some(op), &r.0), "check"))
        };
        let rank = if outcome.is_ok() {
            (true, declared_inputs(op, &req) + usize::from(op.auth && authorized), 0)
        } else {
            (false, literals(op), 2 * usize::from(body_fits(op, &req)) + usize::from(op.auth == authorized))
        };
        if chosen.as_ref().is_none_or(|(_, _, best)| rank > *best) {
            chosen = Some((op, outcome, rank));
        }
    }
    let Some((op, outcome, _)) = chosen else {
        let fault = inner.faults.take(None);
        return match fault_answer(&fault, None) {
            Some(a) => done(a, fault, None, "fault"),
            None => done(no_such_operation(&req), None, None, "route"),
        };
    };
    let id = Some(op.id);
    req.bind(op);
    let fault = inner.faults.take(Some(op.id));
    if let (Some(Fault::ExpiredToken), Some(t)) = (&fault, req.bearer()) {
        inner.tokens.revoke(t);
    }
    if let Some(a) = fault_answer(&fault, Some(op)) {
        return done(a, fault, id, "fault");
    }
    if let Err((a, by)) = outcome {
        return done(a, fault, id, by);
    }
    let inner = &mut *inner;
    let mut cx = Ctx { op, req: &req, tokens: &mut inner.tokens, config: &shared.config };
    match inner.state.answer(&mut cx) {
        Some(a) => done(a, fault, id, "state"),
        None => done(example(op), fault, id, "example"),
    }
}

/// How many of the operation's optional query and header parameters and
/// body fields the request sends, and list path parameters that hold a list.
fn declared_inputs(op: &Operation, req: &ApiRequest) -> usize {
    let params = op.params.iter().filter(|p| match p.location {
        Location::Query => req.query(p.field.name).is_some(),
        Location::Header => req.header(p.field.name).is_some(),
        Location::Path => {
            matches!(p.field.ty, Ty::List(_)) && req.path_param(p.field.name).is_some_and(|v| v.contains(','))
        }
    });
    let body = op.body.iter().flat_map(|b| b.fields).filter(|f| req.field(f.name).is_some());
    params.count() + body.count()
}

/// Whether the body has the shape the operation's body takes (a JSON object,
/// a JSON array for a list, a form, a multipart body, none).
fn body_fits(op: &Operation, req: &ApiRequest) -> bool {
    let Some(body) = &op.body else { return req.body_len() == 0 };
    match body.kind {
        BodyKind::Object => matches!(req.json(), Some(serde_json::Value::Object(_))),
        BodyKind::Value => match (body.fields.first().map(|f| &f.ty), req.json()) {
            (_, None) => false,
            (Some(Ty::List(_)), Some(v)) => v.is_array(),
            (Some(Ty::Map(_)), Some(v)) => v.is_object(),
            _ => true,
        },
        BodyKind::Form { .. } => req.content_type().starts_with("application/x-www-form-urlencoded"),
        BodyKind::Multipart => req.content_type().starts_with("multipart/form-data"),
    }
}

/// How many literal segments the operation's path has.
fn literals(op: &Operation) -> usize {
    op.path.iter().filter(|s| matches!(s, Segment::Lit(_))).count()
}

/// The answer a status or expired-token fault replaces the normal one with.
fn fault_answer(fault: &Option<Fault>, op: Option<&Operation>) -> Option<Answer> {
    match fault {
        Some(Fault::Status { status, retry_after }) => {
            let mut a = match status {
                429 => Answer::error(op, 429, "resource_limited", "You have exceeded the limit of the rate limit"),
                s => Answer::error(op, *s, "internal_server_error", "injected by the mock"),
            };
            if let Some(secs) = retry_after {
                a.headers.push(("retry-after", secs.to_string()));
            }
            Some(a)
        }
        Some(Fault::ExpiredToken) => Some(Answer::unauthorized(op)),
        _ => None,
    }
}

/// Every operation whose method and path template fit, the most literal
/// segments first (`/chatrooms/super_admin` before `/chatrooms/{id}`).
fn candidates(req: &mut ApiRequest) -> Vec<&'static Operation> {
    let mut found: Vec<&'static Operation> = OPERATIONS.iter().filter(|op| req.bind(op)).collect();
    found.sort_by_key(|op| std::cmp::Reverse(literals(op)));
    found
}

fn no_such_operation(req: &ApiRequest) -> Answer {
    let text = format!("no operation {} /{}", req.method, req.segments.join("/"));
    Answer::error(None, 404, "resource_not_found", &text)
}

/// The operation's example answer.
fn example(op: &Operation) -> Answer {
    if op.binary_response {
        return Answer::file(Bytes::from_static(b"mock file content"));
    }
    let body = serde_json::from_str(op.example).unwrap_or(serde_json::Value::Null);
    Answer::json(200, &body)
}

/// Into HTTP; `truncate`: promise the whole length, send half, then fail
/// the body so the connection closes mid-answer.
fn respond(a: Answer, truncate: bool) -> Response {
    let len = a.body.len();
    let body = if truncate {
        let half = a.body.slice(..len / 2);
        let chunks: Vec<Result<Bytes, std::io::Error>> =
            vec![Ok(half), Err(std::io::Error::other("truncated by the mock"))];
        Body::from_stream(futures_util::stream::iter(chunks))
    } else {
        Body::from(a.body)
    };
    let mut builder = Response::builder()
        .status(a.status)
        .header("content-type", a.content_type)
        .header("content-length", len.to_string());
    for (k, v) in a.headers {
        builder = builder.header(k, v);
    }
    builder.body(body).unwrap_or_else(|_| Response::new(Body::empty()))
}
