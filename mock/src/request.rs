//! A request to the API as the mock's checks and state read it: the path
//! split and decoded, the query and headers as text, the body kept whole
//! and parsed as JSON once.

use std::collections::HashMap;

use bytes::Bytes;
use percent_encoding::percent_decode_str;
use serde_json::Value;

use crate::table::{Operation, Segment};

/// One request to `/{org}/{app}/…`.
#[derive(Clone)]
pub struct ApiRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The org and app names.
    pub org: String,
    /// The app name.
    pub app: String,
    /// The path segments after org and app, percent-decoded.
    pub segments: Vec<String>,
    query: Vec<(String, String)>,
    headers: HashMap<String, String>,
    body: Bytes,
    json: Option<Value>,
    path_params: HashMap<&'static str, String>,
}

impl ApiRequest {
    /// Splits a request; `None` when the path has no org and app.
    pub fn new(
        method: &str,
        path: &str,
        query: Option<&str>,
        headers: HashMap<String, String>,
        body: Bytes,
    ) -> Option<Self> {
        let mut segments =
            path.split('/').filter(|s| !s.is_empty()).map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned());
        let org = segments.next()?;
        let app = segments.next()?;
        let query = url::form_urlencoded::parse(query.unwrap_or("").as_bytes()).into_owned().collect();
        let json = serde_json::from_slice(&body).ok();
        Some(ApiRequest {
            method: method.to_owned(),
            org,
            app,
            segments: segments.collect(),
            query,
            headers,
            body,
            json,
            path_params: HashMap::new(),
        })
    }

    /// Whether the path fits `op`'s template; if so, its parameters are kept.
    pub fn bind(&mut self, op: &'static Operation) -> bool {
        if op.method != self.method || op.path.len() != self.segments.len() {
            return false;
        }
        let mut params = HashMap::new();
        for (seg, text) in op.path.iter().zip(&self.segments) {
            match seg {
                Segment::Lit(l) if l != text => return false,
                Segment::Lit(_) => {}
                Segment::Param(name) => {
                    params.insert(*name, text.clone());
                }
            }
        }
        self.path_params = params;
        true
    }

    /// A path parameter of the bound operation.
    pub fn path_param(&self, name: &str) -> Option<&str> {
        self.path_params.get(name).map(String::as_str)
    }

    /// The first value of a query parameter.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// A query parameter as an integer, if it is one.
    pub fn query_int(&self, name: &str) -> Option<i64> {
        self.query(name).and_then(|v| v.trim().parse().ok())
    }

    /// A header, by its lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }

    /// The bearer token, if one was sent.
    pub fn bearer(&self) -> Option<&str> {
        self.header("authorization").and_then(|h| h.strip_prefix("Bearer ")).map(str::trim)
    }

    /// The `Content-Type`, or empty.
    pub fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<&Value> {
        self.json.as_ref()
    }

    /// A field of a JSON object body.
    pub fn field(&self, name: &str) -> Option<&Value> {
        self.json.as_ref().and_then(|j| j.get(name))
    }

    /// A text field of a JSON object body.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.field(name).and_then(Value::as_str)
    }

    /// The text items of a list field of a JSON object body (none if the
    /// field is absent or not a list; items that are not text are skipped).
    pub fn texts(&self, name: &str) -> Vec<String> {
        let items = self.field(name).and_then(Value::as_array).into_iter().flatten();
        items.filter_map(Value::as_str).map(str::to_owned).collect()
    }

    /// The body as text (lossy), for the multipart check.
    pub fn body_text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }

    /// The body's length in bytes.
    pub fn body_len(&self) -> usize {
        self.body.len()
    }

    /// The body as form pairs.
    pub fn form(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(&self.body).into_owned().collect()
    }
}
