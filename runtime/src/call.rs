//! One prepared request: what the generated `send` methods build before
//! handing it to the client. Input checks live here too, so a call that breaks
//! a documented rule fails before anything touches the network.

use std::fmt::{self, Display};

use serde::Serialize;
use serde_json::{Map, Value};

use super::encode;
use super::error::{Error, InvalidInput};
use super::secret::{Secret, collecting};

/// HTTP methods the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// DELETE
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    pub(crate) fn to_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        }
    }
}

/// The unit of a rate limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    /// Calls per second.
    Second,
    /// Calls per minute.
    Minute,
    /// Calls per day.
    Day,
}

/// A documented rate limit, per App Key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Number of calls.
    pub calls: u32,
    /// Per this unit of time.
    pub per: Per,
}

/// What the runtime knows of one operation, from the spec.
#[derive(Debug)]
pub struct OperationInfo {
    /// Operation ID (`chatrooms_get`).
    pub id: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Full path template, for logs and errors.
    pub path: &'static str,
    /// Keys leading to the payload; empty for the whole body.
    pub payload_at: &'static [&'static str],
    /// Whether every decoder the answer's payload reaches that could keep a
    /// JSON number read as a float notes it (the runtime's own do; a plain
    /// `f64`, a JSON value or a flattened struct does not): then the answer
    /// is decoded before its integers wider than 64 bits are quoted, and
    /// the body is searched for such integers only if one was noted. The
    /// generator works it out from the payload's type.
    pub numbers_noted: bool,
    /// Whether sending the request twice is harmless.
    pub retry_safe: bool,
    /// Whether the call carries the app token.
    pub auth: bool,
    /// The documented rate limit.
    pub rate_limit: Option<RateLimit>,
}

/// An operation for unit tests: a safe GET without limits.
#[cfg(test)]
pub(crate) static TEST_OPERATION: OperationInfo = OperationInfo {
    id: "t",
    method: Method::Get,
    path: "/",
    payload_at: &[],
    numbers_noted: false,
    retry_safe: true,
    auth: true,
    rate_limit: None,
};

/// Characters a map key may use.
#[derive(Debug)]
pub struct CharSet {
    /// The set as the docs write it (`a-zA-Z0-9_.-`).
    pub text: &'static str,
    /// Inclusive ranges.
    pub ranges: &'static [(char, char)],
}

impl CharSet {
    fn contains(&self, c: char) -> bool {
        self.ranges.iter().any(|&(a, b)| a <= c && c <= b)
    }
}

/// What a call's path buffer starts with: most whole paths fit.
const PATH_CAPACITY: usize = 128;

/// A request being prepared.
pub struct Call {
    pub(crate) info: &'static OperationInfo,
    /// Encoded path after `/{org_name}/{app_name}`.
    pub(crate) path: String,
    pub(crate) query: Vec<(&'static str, String)>,
    /// Headers; the flag marks a secret value (sent as a sensitive header).
    pub(crate) headers: Vec<(&'static str, String, bool)>,
    pub(crate) body: Option<Value>,
    /// Multipart parts, built into a fresh form for every attempt.
    pub(crate) parts: Option<Vec<(&'static str, Part)>>,
    /// `application/x-www-form-urlencoded` pairs, in order.
    pub(crate) form: Option<Vec<(String, String)>>,
    pub(crate) options: CallOptions,
    /// Every secret the request carries (passwords, a client secret, a
    /// file's share-secret): kept out of anything the server echoes back.
    pub(crate) secrets: Vec<Secret>,
}

/// One part of a multipart body.
pub(crate) enum Part {
    Text(String),
    File(super::files::Upload),
}

impl fmt::Debug for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The body and header values may hold passwords and share-secrets.
        f.debug_struct("Call").field("operation", &self.info.id).field("path", &self.path).finish_non_exhaustive()
    }
}

/// Settings for one call that override the client's: timeout and retries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CallOptions {
    pub(crate) timeout: Option<std::time::Duration>,
    /// Boxed: rarely set, and every call in flight carries these options.
    pub(crate) retry: Option<Box<super::retry::RetryPolicy>>,
    pub(crate) bearer: Option<super::secret::Secret>,
}

impl CallOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Timeout of each attempt of this call (head and body). It also bounds
    /// the wait for the app token; for a download it limits the wait for
    /// the answer's head only (the body is limited by the idle limit).
    pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Retry policy of this call.
    pub fn retry(mut self, policy: super::retry::RetryPolicy) -> Self {
        self.retry = Some(Box::new(policy));
        self
    }

    /// Sends this token instead of the client's app token, for the calls the
    /// docs want another token on (a **user** token for
    /// `push().set_user_template`). A 401 answer is returned as it is: the
    /// client cannot refresh a token it did not issue, and it keeps its own.
    pub fn bearer_token(mut self, token: impl Into<super::secret::Secret>) -> Self {
        self.bearer = Some(token.into());
        self
    }
}

impl Call {
    /// Starts a call of `info`.
    pub fn new(info: &'static OperationInfo) -> Self {
        Call {
            info,
            path: String::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            parts: None,
            form: None,
            options: CallOptions::default(),
            secrets: Vec::new(),
        }
    }

    /// Applies per-call overrides.
    pub fn set_options(&mut self, options: &CallOptions) {
        self.options = options.clone();
    }

    fn invalid(&self, field: &'static str, rule: String) -> Error {
        Error::InvalidInput(InvalidInput { operation: self.info.id, field, rule })
    }

    /// Appends literal path text from the spec.
    pub fn path_lit(&mut self, text: &'static str) {
        if self.path.capacity() == 0 {
            // Room for the parameters and, when sent, the root's path in
            // front (`/{org}/{app}`): one allocation for the whole path.
            self.path.reserve(PATH_CAPACITY.max(text.len() * 2));
        }
        self.path.push_str(text);
    }

    /// Appends one encoded path parameter.
    pub fn path_param(&mut self, field: &'static str, value: &str) -> Result<(), Error> {
        if let Some(problem) = encode::segment_problem(value) {
            return Err(self.invalid(field, problem.to_owned()));
        }
        encode::push_segment(&mut self.path, value);
        Ok(())
    }

    /// Appends a list path parameter: each item encoded, joined with `%2C`.
    pub fn path_list<T: AsRef<str>>(&mut self, field: &'static str, values: &[T]) -> Result<(), Error> {
        if values.is_empty() {
            return Err(self.invalid(field, "must name at least one item".to_owned()));
        }
        for (i, v) in values.iter().enumerate() {
            let v = v.as_ref();
            if let Some(problem) = encode::segment_problem(v) {
                return Err(self.invalid(field, format!("item {i} {problem}")));
            }
            if v.contains(',') {
                return Err(self.invalid(field, format!("item {i} ({v:?}) contains `,`, which separates the items")));
            }
            if i > 0 {
                self.path.push_str("%2C");
            }
            encode::push_segment(&mut self.path, v);
        }
        Ok(())
    }

    /// Adds a query parameter.
    pub fn query(&mut self, name: &'static str, value: &dyn Display) {
        self.query.push((name, value.to_string()));
    }

    /// Adds a header.
    pub fn header(&mut self, name: &'static str, value: &dyn Display) {
        self.headers.push((name, value.to_string(), false));
    }

    /// Adds a header whose value is a secret (a file's `share-secret`).
    pub fn secret_header(&mut self, name: &'static str, value: &Secret) {
        self.headers.push((name, value.expose().to_owned(), true));
        self.secrets.push(value.clone());
    }

    /// Starts a JSON object body (sent even when no field is set).
    pub fn json_body(&mut self) {
        self.object();
    }

    fn object(&mut self) -> &mut Map<String, Value> {
        if !matches!(self.body, Some(Value::Object(_))) {
            self.body = Some(Value::Object(Map::new()));
        }
        match &mut self.body {
            Some(Value::Object(map)) => map,
            _ => unreachable!("set to an object just above"),
        }
    }

    fn encode<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<Value, Error> {
        let (v, secrets) = collecting(|| serde_json::to_value(value));
        self.secrets.extend(secrets);
        v.map_err(|e| self.invalid(name, format!("cannot be encoded as JSON: {e}")))
    }

    /// Sets one top-level field of the JSON body.
    pub fn body_field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), Error> {
        let v = self.encode(name, value)?;
        self.object().insert(name.to_owned(), v);
        Ok(())
    }

    /// Merges the fields of `value` (a struct or tagged union) into the body.
    pub fn body_flatten<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), Error> {
        match self.encode(name, value)? {
            Value::Object(fields) => {
                self.object().extend(fields);
                Ok(())
            }
            _ => Err(self.invalid(name, "must encode as a JSON object".to_owned())),
        }
    }

    /// Makes `value` the whole JSON body (an array, say).
    pub fn json_value<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), Error> {
        self.body = Some(self.encode(name, value)?);
        Ok(())
    }

    /// Starts a form-encoded body (sent even when no field is set).
    pub fn form_body(&mut self) {
        self.form.get_or_insert_with(Vec::new);
    }

    /// Adds one `name=value` pair to a form body.
    pub fn form_field(&mut self, name: &'static str, value: &dyn Display) {
        self.form.get_or_insert_with(Vec::new).push((name.to_owned(), value.to_string()));
    }

    /// Adds every pair of `map` to a form body.
    pub fn form_pairs(&mut self, _name: &'static str, map: &std::collections::BTreeMap<String, String>) {
        self.form.get_or_insert_with(Vec::new).extend(map.iter().map(|(k, v)| (k.clone(), v.clone())));
    }

    /// The form body as sent.
    pub(crate) fn encoded_form(&self) -> Option<String> {
        self.form
            .as_ref()
            .map(|pairs| url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish())
    }

    /// Adds a text part to a multipart body.
    pub fn multipart_text(&mut self, name: &'static str, value: &dyn Display) {
        self.parts.get_or_insert_with(Vec::new).push((name, Part::Text(value.to_string())));
    }

    /// Adds a file part to a multipart body; the file is streamed when sent.
    pub fn multipart_file(&mut self, name: &'static str, upload: super::files::Upload) -> Result<(), Error> {
        upload.check().map_err(|rule| self.invalid(name, rule))?;
        self.parts.get_or_insert_with(Vec::new).push((name, Part::File(upload)));
        Ok(())
    }

    /// Whether the request can be sent again: false when an upload is a
    /// one-shot stream that has been (or is being) consumed.
    pub(crate) fn replayable(&self) -> bool {
        self.parts.iter().flatten().all(|(_, p)| match p {
            Part::Text(_) => true,
            Part::File(u) => u.replayable(),
        })
    }

    /// A fresh multipart form for one attempt, if the body is multipart.
    pub(crate) async fn multipart_form(&mut self) -> Result<Option<reqwest::multipart::Form>, Error> {
        let op = self.info.id;
        let Some(parts) = self.parts.as_mut() else { return Ok(None) };
        let mut form = reqwest::multipart::Form::new();
        for (name, part) in parts.iter_mut() {
            form = match part {
                Part::Text(t) => form.text(*name, t.clone()),
                Part::File(u) => form.part(*name, u.part(op).await?),
            };
        }
        Ok(Some(form))
    }

    /// Checks the size of the body against a documented limit: the encoded
    /// JSON (with `keys`, only those top-level keys, together), or for a form
    /// body the UTF-8 bytes of its keys and values — what the server stores,
    /// not the percent-encoding, which triples CJK text.
    pub fn check_body_size(&self, max: usize, keys: &[&str]) -> Result<(), Error> {
        let size = |v: &Value| serde_json::to_vec(v).map(|b| b.len()).unwrap_or(0);
        let json = self.body.as_ref().map(|b| match (keys, b) {
            ([], b) => size(b),
            (keys, Value::Object(map)) => keys.iter().filter_map(|k| map.get(*k)).map(size).sum(),
            (_, b) => size(b),
        });
        let form = || self.form.as_ref().map(|pairs| pairs.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>());
        let (n, what) = match json {
            Some(n) if keys.is_empty() => (n, "encodes to".to_owned()),
            Some(n) => {
                let named: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
                (n, format!("{} encode to", named.join(" and ")))
            }
            None => (form().unwrap_or(0), "has keys and values (UTF-8) of".to_owned()),
        };
        if n > max {
            return Err(self.invalid("body", format!("{what} {n} bytes; at most {max} are allowed")));
        }
        Ok(())
    }

    /// Checks an integer against inclusive bounds.
    pub fn check_range(&self, field: &'static str, v: i64, min: Option<i64>, max: Option<i64>) -> Result<(), Error> {
        match (min, max) {
            (Some(a), Some(b)) if v < a || v > b => {
                Err(self.invalid(field, format!("must be from {a} to {b}, got {v}")))
            }
            (Some(a), None) if v < a => Err(self.invalid(field, format!("must be at least {a}, got {v}"))),
            (None, Some(b)) if v > b => Err(self.invalid(field, format!("must be at most {b}, got {v}"))),
            _ => Ok(()),
        }
    }

    /// Checks a text length, in characters.
    pub fn check_length(&self, field: &'static str, v: &str, max: usize) -> Result<(), Error> {
        let n = v.chars().count();
        if n > max {
            return Err(self.invalid(field, format!("must be at most {max} characters, got {n}")));
        }
        Ok(())
    }

    /// Checks the number of items in a list or map.
    pub fn check_items(
        &self,
        field: &'static str,
        n: usize,
        min: Option<usize>,
        max: Option<usize>,
    ) -> Result<(), Error> {
        if let Some(min) = min
            && n < min
        {
            return Err(self.invalid(field, format!("needs at least {min} item(s), got {n}")));
        }
        if let Some(max) = max
            && n > max
        {
            return Err(self.invalid(field, format!("takes at most {max} items per call, got {n}")));
        }
        Ok(())
    }

    /// Checks the keys of a map.
    pub fn check_keys<'a>(
        &self,
        field: &'static str,
        keys: impl Iterator<Item = &'a str>,
        max_len: Option<usize>,
        chars: Option<CharSet>,
    ) -> Result<(), Error> {
        for k in keys {
            if let Some(max) = max_len
                && k.chars().count() > max
            {
                return Err(self.invalid(field, format!("key {k:?} is longer than {max} characters")));
            }
            if let Some(set) = &chars
                && let Some(c) = k.chars().find(|&c| !set.contains(c))
            {
                return Err(self.invalid(field, format!("key {k:?} uses {c:?}; keys may use only [{}]", set.text)));
            }
        }
        Ok(())
    }

    /// Checks the text values of a map.
    pub fn check_values<'a>(
        &self,
        field: &'static str,
        values: impl Iterator<Item = &'a str>,
        max: usize,
    ) -> Result<(), Error> {
        for v in values {
            let n = v.chars().count();
            if n > max {
                return Err(self.invalid(field, format!("a value is {n} characters long; at most {max} are allowed")));
            }
        }
        Ok(())
    }
}
