//! One operation's request, read from the command line and turned into the
//! runtime's `Call`: the same path encoding, limit checks, auth, retries and
//! envelope decoding as the typed client's `send`, driven by the table
//! instead of a generated request type.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use clap::ArgMatches;
use easemob::{CallOptions, Error, RawClient, Response, Secret, Upload};
use easemob_runtime::__private::{Call, OperationInfo, decode_answer, send};
use serde_json::Value;

use crate::exit::Failure;
use crate::secrets::{Marked, read_secret};
use crate::table::{BodyKind, Input, Kind, Location, Operation, Paging, PathPart, Scalar};

/// A request ready to send; cloned for each page of a walk.
#[derive(Clone)]
pub struct Request {
    client: RawClient,
    op: &'static Operation,
    options: CallOptions,
    /// One per input: its value, if given.
    values: Vec<Option<Value>>,
    /// Secret inputs' values, by input index.
    secrets: BTreeMap<usize, Secret>,
    /// Files to upload, by input index (opened when sent).
    files: BTreeMap<usize, PathBuf>,
    /// The body given with `--json`.
    json: Option<Value>,
    /// Paging fields, kept apart so the runtime's page walkers can set them.
    cursor: Option<String>,
    page: Option<i64>,
    size: Option<i64>,
}

impl Request {
    /// Reads the inputs of `op` from its command's matches.
    pub fn from_matches(
        client: RawClient,
        options: CallOptions,
        op: &'static Operation,
        m: &ArgMatches,
    ) -> Result<Request, Failure> {
        let mut values = Vec::with_capacity(op.inputs.len());
        let mut secrets = BTreeMap::new();
        let mut files = BTreeMap::new();
        for (i, input) in op.inputs.iter().enumerate() {
            let value = match input.kind {
                Kind::Scalar(s) => scalar(m, input, s),
                Kind::List(_) if input.location == Location::Path => m
                    .get_one::<String>(input.flag)
                    .map(|v| Value::Array(v.split(',').map(|x| Value::String(x.to_owned())).collect())),
                Kind::List(s) => list(m, input, s),
                Kind::Json => match m.get_one::<String>(input.flag) {
                    Some(text) => Some(
                        serde_json::from_str(text)
                            .map_err(|e| Failure::Usage(format!("--{} is not valid JSON: {e}", input.flag)))?,
                    ),
                    None => None,
                },
                Kind::Secret => {
                    if let Some(text) = m.get_one::<String>(input.flag) {
                        let what = format!("--{}", input.flag);
                        let hint = format!("pass --{} @FILE or - (stdin), or put it in --json", input.flag);
                        secrets.insert(i, read_secret(text, &what, &hint)?);
                    }
                    None
                }
                Kind::File => {
                    if let Some(p) = m.get_one::<String>(input.flag) {
                        files.insert(i, PathBuf::from(p));
                    }
                    None
                }
            };
            values.push(value);
        }
        let json = match m.try_get_one::<String>("json").ok().flatten() {
            Some(src) => Some(read_json(src)?),
            None => None,
        };
        let mut req =
            Request { client, op, options, values, secrets, files, json, cursor: None, page: None, size: None };
        // Paging fields move into their slots.
        match op.paging {
            Some(Paging::Cursor { cursor, limit, .. }) => {
                req.cursor = req.values[cursor].take().and_then(|v| v.as_str().map(str::to_owned));
                req.size = req.values[limit].take().and_then(|v| v.as_i64());
            }
            Some(Paging::PageNumber { page, size, .. }) => {
                req.page = req.values[page].take().and_then(|v| v.as_i64());
                req.size = req.values[size].take().and_then(|v| v.as_i64());
            }
            None => {}
        }
        Ok(req)
    }

    pub fn op(&self) -> &'static Operation {
        self.op
    }

    pub fn client(&self) -> &RawClient {
        &self.client
    }

    /// The value of input `i`, paging slots included.
    fn value(&self, i: usize) -> Option<Value> {
        match self.op.paging {
            Some(Paging::Cursor { cursor, limit, .. }) if i == cursor || i == limit => {
                if i == cursor {
                    self.cursor.clone().map(Value::String)
                } else {
                    self.size.map(Value::from)
                }
            }
            Some(Paging::PageNumber { page, size, .. }) if i == page || i == size => {
                if i == page {
                    self.page.map(Value::from)
                } else {
                    self.size.map(Value::from)
                }
            }
            _ => self.values[i].clone(),
        }
    }

    /// Builds the call: limit checks, path, query, headers, body. Files are
    /// opened here (streamed when sent); their failures are local I/O ones.
    pub async fn call(&self) -> Result<Call, Failure> {
        self.call_as(self.op.info).await
    }

    /// [`call`](Self::call), described to the runtime as `info` (the
    /// operation with its payload read from elsewhere).
    pub async fn call_as(&self, info: &'static OperationInfo) -> Result<Call, Failure> {
        let op = self.op;
        let mut call = Call::new(info);
        call.set_options(&self.options);
        let values: Vec<Option<Value>> = (0..op.inputs.len()).map(|i| self.value(i)).collect();
        for (i, input) in op.inputs.iter().enumerate() {
            if let Some(v) = &values[i] {
                check(&call, input, v)?;
            }
            if let Some(s) = self.secrets.get(&i)
                && let Some(max) = input.limits.max_length
            {
                call.check_length(input.name, s.expose(), max)?;
            }
            // A field given only inside `--json` is held to the same limits
            // as the flag would be, so a batch too large is refused here
            // rather than by the server.
            if values[i].is_none()
                && input.location == Location::Body
                && !input.flatten
                && let Some(v) = self.json_field(input)
            {
                check(&call, input, v)?;
            }
        }
        for part in op.path {
            match part {
                PathPart::Lit(l) => call.path_lit(l),
                PathPart::Input(i) => {
                    let input = &op.inputs[*i];
                    match &values[*i] {
                        Some(Value::Array(items)) => {
                            let items: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
                            call.path_list(input.name, &items)?;
                        }
                        Some(v) => call.path_param(input.name, &text(v))?,
                        None => match self.secrets.get(i) {
                            Some(s) => call.path_param(input.name, s.expose())?,
                            None => return Err(Failure::Usage(format!("missing <{}>", input.flag))),
                        },
                    }
                }
            }
        }
        for (i, input) in op.inputs.iter().enumerate() {
            match (input.location, &values[i], self.secrets.get(&i)) {
                (Location::Query, Some(v), _) => call.query(input.wire, &text(v)),
                (Location::Query, _, Some(s)) => call.query(input.wire, &s.expose()),
                (Location::Header, _, Some(s)) => call.secret_header(input.wire, s),
                (Location::Header, Some(v), _) => call.header(input.wire, &text(v)),
                _ => {}
            }
        }
        match op.body {
            None => {}
            Some(BodyKind::Object) => self.object_body(&mut call, &values)?,
            Some(BodyKind::Value) => {
                let (i, input) = self.body_inputs().next().expect("a value body has one field");
                let v = match (&values[i], &self.json) {
                    (Some(v), _) | (None, Some(v)) => v.clone(),
                    (None, None) => return Err(missing(input)),
                };
                call.json_value(input.wire, &Marked { value: &v, keys: &self.secret_keys() })?;
            }
            Some(BodyKind::Form { whole_map }) => {
                call.form_body();
                for (i, input) in self.body_inputs() {
                    match (&values[i], self.secrets.get(&i)) {
                        (Some(Value::Object(map)), _) if whole_map => {
                            let pairs: BTreeMap<String, String> =
                                map.iter().map(|(k, v)| (k.clone(), text(v))).collect();
                            call.form_pairs(input.wire, &pairs);
                        }
                        (Some(v), _) => call.form_field(input.wire, &text(v)),
                        (None, Some(s)) => call.form_field(input.wire, &s.expose()),
                        (None, None) if input.required => return Err(missing(input)),
                        (None, None) => {}
                    }
                }
            }
            Some(BodyKind::Multipart) => {
                for (i, input) in self.body_inputs() {
                    if let Some(path) = self.files.get(&i) {
                        let upload = Upload::from_path(path).await.map_err(|e| {
                            Failure::LocalIo(format!("cannot read {} (--{}): {e}", path.display(), input.flag))
                        })?;
                        call.multipart_file(input.wire, upload)?;
                    } else if let Some(v) = &values[i] {
                        call.multipart_text(input.wire, &text(v));
                    } else if let Some(s) = self.secrets.get(&i) {
                        call.multipart_text(input.wire, &s.expose());
                    } else if input.required {
                        return Err(missing(input));
                    }
                }
            }
        }
        if let Some(size) = &op.max_body {
            call.check_body_size(size.max, size.keys)?;
        }
        Ok(call)
    }

    /// The value `--json` gives for a body input: its field of a JSON
    /// object body, or the whole of a one-value body.
    fn json_field(&self, input: &Input) -> Option<&Value> {
        match (self.op.body, &self.json) {
            (Some(BodyKind::Object), Some(Value::Object(map))) => map.get(input.wire),
            (Some(BodyKind::Value), Some(v)) => Some(v),
            _ => None,
        }
    }

    fn body_inputs(&self) -> impl Iterator<Item = (usize, &'static Input)> {
        self.op.inputs.iter().enumerate().filter(|(_, i)| i.location == Location::Body)
    }

    /// Wire names whose string values are secrets, at any depth of the body.
    fn secret_keys(&self) -> BTreeSet<&'static str> {
        let mut keys = BTreeSet::new();
        for (_, input) in self.body_inputs() {
            keys.extend(input.secret_keys.iter().copied());
            if input.kind == Kind::Secret {
                keys.insert(input.wire);
            }
        }
        keys
    }

    /// A JSON object body: `--json` first, then each input given as a flag
    /// sets (or, flattened, merges into) its field.
    fn object_body(&self, call: &mut Call, values: &[Option<Value>]) -> Result<(), Failure> {
        let keys = self.secret_keys();
        call.json_body();
        let given = match &self.json {
            Some(Value::Object(map)) => {
                call.json_value("body", &Marked { value: &self.json.clone().unwrap_or_default(), keys: &keys })?;
                Some(map)
            }
            Some(_) => return Err(Failure::Usage("--json must hold a JSON object for this operation".to_owned())),
            None => None,
        };
        // The one value the docs allow, over whatever --json said.
        for (wire, value) in self.op.constants {
            call.body_field(wire, value)?;
        }
        for (i, input) in self.body_inputs() {
            if let Some(s) = self.secrets.get(&i) {
                call.body_field(input.wire, s)?;
            } else if let Some(v) = &values[i] {
                let marked = Marked { value: v, keys: &keys };
                if input.flatten {
                    call.body_flatten(input.wire, &marked)?
                } else {
                    call.body_field(input.wire, &marked)?
                }
            } else if input.required && !given.is_some_and(|m| input.flatten || m.contains_key(input.wire)) {
                return Err(missing(input));
            }
        }
        Ok(())
    }

    /// Sends the request and decodes the payload as JSON.
    pub async fn send(self) -> Result<Response<Value>, Failure> {
        let call = self.call().await?;
        let answer = send(self.client, call).await?;
        Ok(decode_answer::<Value>(answer)?)
    }

    /// One page of a list, for the runtime's page walkers (which want the
    /// client's error type, and items they can compare).
    pub async fn page(self) -> Result<Response<Vec<Value>>, Error> {
        let call = match self.call().await {
            Ok(call) => call,
            Err(Failure::Call(e)) => return Err(e),
            // A page walk has no files to open, and its inputs were checked
            // when the first page was built.
            Err(other) => return Err(Error::other(format!("{other:?}"))),
        };
        let answer = send(self.client, call).await?;
        decode_answer::<Value>(answer).map(|r| {
            r.map(|v| match v {
                Value::Array(items) => items,
                Value::Null => Vec::new(),
                // A list documented as "one or many" may be a lone object.
                one => vec![one],
            })
        })
    }

    pub fn cursor_slot(req: &mut Request) -> &mut Option<String> {
        &mut req.cursor
    }
    pub fn page_slot(req: &mut Request) -> &mut Option<i64> {
        &mut req.page
    }
    pub fn size_slot(req: &mut Request) -> &mut Option<i64> {
        &mut req.size
    }
}

fn missing(input: &Input) -> Failure {
    Failure::Usage(format!("missing --{} (the body field `{}`), or give it in --json", input.flag, input.wire))
}

/// A scalar value as the text sent in a path, query, header or form.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn scalar(m: &ArgMatches, input: &Input, s: Scalar) -> Option<Value> {
    match s {
        Scalar::Text => m.get_one::<String>(input.flag).map(|v| Value::String(v.clone())),
        Scalar::Integer => m.get_one::<i64>(input.flag).map(|v| Value::from(*v)),
        Scalar::Number => m.get_one::<f64>(input.flag).map(|v| Value::from(*v)),
        Scalar::Boolean => m.get_one::<bool>(input.flag).map(|v| Value::Bool(*v)),
    }
}

fn list(m: &ArgMatches, input: &Input, s: Scalar) -> Option<Value> {
    let items: Vec<Value> = match s {
        Scalar::Text => m.get_many::<String>(input.flag)?.map(|v| Value::String(v.clone())).collect(),
        Scalar::Integer => m.get_many::<i64>(input.flag)?.map(|v| Value::from(*v)).collect(),
        Scalar::Number => m.get_many::<f64>(input.flag)?.map(|v| Value::from(*v)).collect(),
        Scalar::Boolean => m.get_many::<bool>(input.flag)?.map(|v| Value::Bool(*v)).collect(),
    };
    Some(Value::Array(items))
}

/// The `--json` body, from a file or stdin.
fn read_json(src: &str) -> Result<Value, Failure> {
    let text = if src == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| Failure::LocalIo(format!("cannot read --json from stdin: {e}")))?;
        s
    } else {
        std::fs::read_to_string(src).map_err(|e| Failure::LocalIo(format!("cannot read --json file {src}: {e}")))?
    };
    // serde_json's message names a line and column, never the content.
    serde_json::from_str(&text).map_err(|e| Failure::Usage(format!("--json {src} is not valid JSON: {e}")))
}

/// The documented limits of one input, checked as the typed client does.
fn check(call: &Call, input: &Input, v: &Value) -> Result<(), Error> {
    let l = &input.limits;
    let name = input.name;
    if (l.min.is_some() || l.max.is_some())
        && let Some(n) = v.as_i64()
    {
        call.check_range(name, n, l.min, l.max)?;
    }
    if let (Some(max), Value::String(s)) = (l.max_length, v) {
        call.check_length(name, s, max)?;
    }
    if l.min_items.is_some() || l.max_items.is_some() {
        let n = match v {
            Value::Array(a) => Some(a.len()),
            Value::Object(o) => Some(o.len()),
            _ => None,
        };
        if let Some(n) = n {
            call.check_items(name, n, l.min_items, l.max_items)?;
        }
    }
    if let Value::Object(map) = v {
        if l.key_max_length.is_some() || l.key_chars.is_some() {
            let chars = l.key_chars.map(|c| easemob_runtime::__private::CharSet { text: c.text, ranges: c.ranges });
            call.check_keys(name, map.keys().map(String::as_str), l.key_max_length, chars)?;
        }
        if let Some(max) = l.value_max_length {
            call.check_values(name, map.values().filter_map(Value::as_str), max)?;
        }
    }
    Ok(())
}
