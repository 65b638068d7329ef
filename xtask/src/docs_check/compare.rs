//! Matching the spec to the docs.
//!
//! Each spec operation is looked up by its `source` (page, then section by
//! anchor text; a `source` without `#section` names a one-operation page).
//! Inside the section the operation is the request line with the same method
//! and path (placeholder names ignored); its tables and rate are compared
//! with the spec. A documented request line no spec operation has is a new
//! endpoint. Where a `source` no longer resolves, the same method and path
//! found elsewhere is reported as where the operation moved.

use std::collections::{BTreeMap, HashSet};

use codegen::model::{Api, BodyKind, Operation, ParamIn, Ty, TypeKind};

use super::pages::{DocOp, Named, op_key};
use super::{Docs, ZH};

/// A place in the docs: `docs/...md` and a line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Loc {
    pub file: String,
    pub line: usize,
}

/// The spec operation a finding is about.
#[derive(Debug, Clone)]
pub struct SpecRef {
    pub id: String,
    pub file: String,
    pub line: usize,
    pub source_line: usize,
    pub source: String,
    /// `METHOD /path` as the spec writes it.
    pub request: String,
}

#[derive(Debug)]
pub enum Finding {
    /// The `source` section documents another method or path.
    MethodPath { op: SpecRef, doc: Loc, documented: String },
    /// The `source` page or section is gone (`moved_to`: where the same
    /// method and path is documented now).
    Source { op: SpecRef, what: SourceGone, moved_to: Vec<(Loc, String)> },
    /// A documented operation no spec operation covers.
    New { request: String, title: String, locs: Vec<Loc> },
    /// A query or header parameter or body field on one side only
    /// (`spec_part`: where the spec has a documented name instead).
    Name {
        op: SpecRef,
        part: &'static str,
        name: String,
        in_docs: Option<Loc>,
        spec_part: Option<&'static str>,
        section: Loc,
    },
    /// The documented rate limit is not the spec's.
    Rate { op: SpecRef, spec: Option<String>, documented: String, doc: Loc },
    /// A page the check could not read as intended.
    Page { doc: Loc, message: String, error: bool },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceGone {
    Page,
    Section,
    /// The section exists but has no request line.
    NoRequest,
}

impl Finding {
    /// Whether the finding makes the check fail (page warnings do not).
    pub fn fails(&self) -> bool {
        !matches!(self, Finding::Page { error: false, .. })
    }
}

/// How much of the spec the docs let the check compare.
#[derive(Debug, Default)]
pub struct Coverage {
    /// Operations whose `source` section documents their method and path.
    pub matched: usize,
    /// Of those, how many sections list query names, headers, body fields,
    /// and state a rate (in the section or in a limits table).
    pub query: usize,
    pub headers: usize,
    pub body: usize,
    pub rate: usize,
}

pub fn compare(api: &Api, docs: &Docs) -> (Vec<Finding>, Coverage) {
    let mut out = Vec::new();
    let mut cov = Coverage::default();
    // Every documented operation by key, Chinese tree first.
    let mut by_key: BTreeMap<&str, Vec<(&str, &DocOp)>> = BTreeMap::new();
    for (rel, page) in &docs.pages {
        for op in &page.ops {
            by_key.entry(op.key.as_str()).or_default().push((rel, op));
        }
    }
    for list in by_key.values_mut() {
        list.sort_by_key(|(rel, op)| (!rel.starts_with(ZH), rel.to_string(), op.line));
    }
    let heading_of = |rel: &str, op: &DocOp| -> String {
        let page = docs.page(rel);
        op.heading.and_then(|h| page.map(|p| p.headings[h].text.clone())).unwrap_or_default()
    };
    let mut limits: BTreeMap<&str, (Loc, &str)> = BTreeMap::new();
    // The first row wins: `docs/document` sorts before `docs/product` and
    // `docs/rest`, and a page's first row before its later ones.
    for (rel, page) in &docs.pages {
        for row in &page.limits {
            limits.entry(row.key.as_str()).or_insert((Loc { file: rel.clone(), line: row.line }, row.rate.as_str()));
        }
    }

    let mut spec_keys = HashSet::new();
    for op in api.operations() {
        let key = op_key(op.method.as_str(), &op.path);
        spec_keys.insert(key.clone());
        let r = spec_ref(op);
        // Where the same request is documented, Chinese tree first.
        let moved = || -> Vec<(Loc, String)> {
            let list = by_key.get(key.as_str()).map(Vec::as_slice).unwrap_or_default();
            list.iter().map(|(rel, d)| (Loc { file: rel.to_string(), line: d.line }, heading_of(rel, d))).collect()
        };
        let (rel, section, doc) = match locate(docs, op, &key) {
            Ok(found) => found,
            Err(Missed::Source(what)) => {
                out.push(Finding::Source { op: r.clone(), what, moved_to: moved() });
                rate(&mut out, &mut cov, &r, op, limits.get(key.as_str()));
                continue;
            }
            Err(Missed::MethodPath(doc, documented)) => {
                out.push(Finding::MethodPath { op: r.clone(), doc, documented });
                rate(&mut out, &mut cov, &r, op, limits.get(key.as_str()));
                continue;
            }
        };
        cov.matched += 1;
        cov.query += usize::from(doc.facts.query.is_some());
        cov.headers += usize::from(doc.facts.headers.is_some());
        cov.body += usize::from(doc.facts.body.is_some());
        let body = body_keys(api, op);
        let spec_names: Vec<(&'static str, Vec<String>)> = vec![
            (QUERY, params(op, ParamIn::Query)),
            (HEADER, params(op, ParamIn::Header)),
            (BODY, body.clone().unwrap_or_default()),
        ];
        let doc_names: Vec<(&'static str, Option<&Vec<Named>>)> = vec![
            (QUERY, doc.facts.query.as_ref()),
            (HEADER, doc.facts.headers.as_ref()),
            (BODY, doc.facts.body.as_ref().filter(|_| body.is_some())),
        ];
        for part in [QUERY, HEADER, BODY] {
            names(&mut out, &r, &section, part, &doc_names, &spec_names);
        }
        // The section's own rate first, else a limits table's.
        let in_section =
            doc.facts.rate.as_ref().map(|(rate, line)| (Loc { file: rel.to_owned(), line: *line }, rate.as_str()));
        rate(&mut out, &mut cov, &r, op, in_section.as_ref().or(limits.get(key.as_str())));
    }

    for (key, list) in &by_key {
        if spec_keys.contains(*key) {
            continue;
        }
        let (rel, first) = list[0];
        out.push(Finding::New {
            request: format!("{} {}", first.method, first.path),
            title: heading_of(rel, first),
            locs: list.iter().map(|(rel, d)| Loc { file: rel.to_string(), line: d.line }).collect(),
        });
    }

    for (rel, page) in &docs.pages {
        for p in &page.problems {
            out.push(Finding::Page {
                doc: Loc { file: rel.clone(), line: p.line },
                message: p.message.clone(),
                error: p.error,
            });
        }
    }
    (out, cov)
}

/// Why a spec operation was not found at its `source`.
enum Missed {
    Source(SourceGone),
    /// The section documents another request: where, and which.
    MethodPath(Loc, String),
}

/// The page (path), section and request line `op`'s `source` points at.
fn locate<'a>(docs: &'a Docs, op: &Operation, key: &str) -> Result<(&'a str, Loc, &'a DocOp), Missed> {
    let (page_part, anchor) = match op.source.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (op.source.as_str(), None),
    };
    let rel = join(ZH, page_part);
    let Some((rel, page)) = docs.resolve(&rel) else { return Err(Missed::Source(SourceGone::Page)) };
    let heading = match anchor {
        Some(a) => Some(page.find_heading(a).ok_or(Missed::Source(SourceGone::Section))?),
        None => None,
    };
    let section = Loc { file: rel.to_owned(), line: heading.map_or(1, |h| page.headings[h].line) };
    let in_section: Vec<&DocOp> = page.ops_in(heading).collect();
    match in_section.iter().find(|d| d.key == key) {
        Some(doc) => Ok((rel, section, doc)),
        None => match in_section.first() {
            None => Err(Missed::Source(SourceGone::NoRequest)),
            Some(d) => {
                Err(Missed::MethodPath(Loc { file: rel.to_owned(), line: d.line }, format!("{} {}", d.method, d.path)))
            }
        },
    }
}

/// Compares the documented rate, if any, with the spec's.
fn rate(
    out: &mut Vec<Finding>,
    cov: &mut Coverage,
    op: &SpecRef,
    spec_op: &Operation,
    documented: Option<&(Loc, &str)>,
) {
    let Some((loc, rate)) = documented else { return };
    cov.rate += 1;
    let spec = spec_op.rate_limit.as_ref().map(|r| r.text());
    if spec.as_deref() != Some(*rate) {
        out.push(Finding::Rate { op: op.clone(), spec, documented: rate.to_string(), doc: loc.clone() });
    }
}

const QUERY: &str = "query parameter";
const HEADER: &str = "header";
const BODY: &str = "body field";

/// Names of `part` documented on one side only. A part the section does not
/// list at all (`None`) says nothing. A name the two sides put in different
/// parts is reported once, from the docs' side.
fn names(
    out: &mut Vec<Finding>,
    op: &SpecRef,
    section: &Loc,
    part: &'static str,
    documented: &[(&'static str, Option<&Vec<Named>>)],
    spec: &[(&'static str, Vec<String>)],
) {
    let Some(docs) = documented.iter().find(|(p, _)| *p == part).and_then(|(_, d)| *d) else { return };
    // Header names are case-insensitive.
    let same = |p: &str, a: &str, b: &str| if p == HEADER { a.eq_ignore_ascii_case(b) } else { a == b };
    let find = |name: &str| spec.iter().find(|(p, names)| names.iter().any(|n| same(p, n, name))).map(|(p, _)| *p);
    let in_other_doc_part = |name: &str| {
        documented.iter().any(|(p, d)| *p != part && d.is_some_and(|d| d.iter().any(|n| same(p, &n.name, name))))
    };
    let mine: &[String] = spec.iter().find(|(p, _)| *p == part).map(|(_, n)| n.as_slice()).unwrap_or_default();
    let name = |name: &str, in_docs: Option<Loc>, spec_part| Finding::Name {
        op: op.clone(),
        part,
        name: name.to_owned(),
        in_docs,
        spec_part,
        section: section.clone(),
    };
    for d in docs {
        if !mine.iter().any(|s| same(part, s, &d.name)) {
            let loc = Loc { file: section.file.clone(), line: d.line };
            out.push(name(&d.name, Some(loc), find(&d.name)));
        }
    }
    for s in mine {
        if !docs.iter().any(|d| same(part, s, &d.name)) && !in_other_doc_part(s) {
            out.push(name(s, None, None));
        }
    }
}

fn params(op: &Operation, location: ParamIn) -> Vec<String> {
    op.params.iter().filter(|p| p.location == location).map(|p| p.field.wire.clone()).collect()
}

/// The top-level keys of the request body, with flattened fields expanded;
/// `None` when the body is not an object of named fields (a whole-body value
/// or a form of free pairs), where a doc table lists something else.
fn body_keys(api: &Api, op: &Operation) -> Option<Vec<String>> {
    let Some(body) = &op.body else { return Some(Vec::new()) };
    if matches!(body.kind, BodyKind::Value | BodyKind::Form { whole_map: true }) {
        return None;
    }
    let mut out = Vec::new();
    for f in &body.fields {
        match (&f.ty, f.flatten) {
            (Ty::Named(n), true) => match api.find_type(n).map(|t| &t.kind) {
                Some(TypeKind::Struct(fields)) => out.extend(fields.iter().map(|f| f.wire.clone())),
                Some(TypeKind::TaggedUnion { tag, content, variants }) => {
                    out.push(tag.clone());
                    match content {
                        Some(content) => out.push(content.clone()),
                        // Without `content` the variant's fields sit beside the tag.
                        None => out.extend(variants.iter().flat_map(|v| match &v.ty {
                            Ty::Named(n) => match api.find_type(n).map(|t| &t.kind) {
                                Some(TypeKind::Struct(fields)) => fields.iter().map(|f| f.wire.clone()).collect(),
                                _ => Vec::new(),
                            },
                            _ => Vec::new(),
                        })),
                    }
                }
                _ => out.push(f.wire.clone()),
            },
            _ => out.push(f.wire.clone()),
        }
    }
    Some(out)
}

fn spec_ref(op: &Operation) -> SpecRef {
    SpecRef {
        id: op.id.clone(),
        file: op.file.clone(),
        line: op.line,
        source_line: op.source_line,
        source: op.source.clone(),
        request: format!("{} {}", op.method.as_str(), op.path),
    }
}

/// `dir/page`, with `./` and `../` resolved (a `source` may reach into the
/// English tree as `../../rest/page.md`).
fn join(dir: &str, page: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').collect();
    for seg in page.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    #[test]
    fn join_resolves_relative_pages() {
        assert_eq!(super::join(super::ZH, "a.md"), "docs/document/server-side/a.md");
        assert_eq!(super::join(super::ZH, "../../rest/a.md"), format!("{}/a.md", super::super::EN));
    }
}
