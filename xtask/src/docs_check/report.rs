//! The reviewer's report: one section per kind of difference, each line
//! starting with the place to edit (`spec/...yaml:LINE` or `docs/...md:LINE`),
//! then a summary with the counts and what to do.

use std::fmt::Write as _;
use std::time::Duration;

use codegen::model::Api;

use super::Docs;
use super::compare::{Coverage, Finding, Loc, SourceGone, SpecRef};

/// How long loading the spec took, and the whole check.
pub struct Timing {
    pub spec: Duration,
    pub total: Duration,
}

pub fn render(findings: &[Finding], cov: &Coverage, api: &Api, docs: &Docs, root: &str, timing: Timing) -> String {
    let mut out = String::new();
    let documented: usize = docs.pages.iter().map(|(_, p)| p.ops.len()).sum();
    let _ = writeln!(
        out,
        "docs-check: {} spec operations against {} ({} pages, {documented} request lines), in {:.1?} ({:.1?} loading the spec)",
        api.operations().count(),
        root,
        docs.pages.len(),
        timing.total,
        timing.spec,
    );
    let _ = writeln!(
        out,
        "{} operations found at their source (compared there: query names for {}, headers for {}, body fields for {}); rate limits compared for {}\n",
        cov.matched, cov.query, cov.headers, cov.body, cov.rate
    );

    let mut sections: [(&str, &str, Vec<String>); 6] = [
        ("Method or path differs", "fix `method`/`path` in the spec, or point `source` at the right section", vec![]),
        ("Source page or section gone or moved", "point `source` at the new page#section", vec![]),
        ("Documented operations the spec lacks", "add them to the spec (or note why not)", vec![]),
        ("Parameters and body fields", "add or remove the names in the spec, or note why they differ", vec![]),
        ("Rate limits", "update `rate_limit`", vec![]),
        ("Pages the check could not fully read", "check these pages by hand", vec![]),
    ];
    for f in findings {
        let (i, line) = match f {
            Finding::MethodPath { op, doc, documented } => (
                0,
                format!(
                    "{}: {} is `{}` in the spec; its source section documents `{documented}` at {}",
                    at(op, op.line),
                    op.id,
                    op.request,
                    loc(doc)
                ),
            ),
            Finding::Source { op, what, moved_to } => {
                let what = match what {
                    SourceGone::Page => "its page no longer exists",
                    SourceGone::Section => "its page has no such section",
                    SourceGone::NoRequest => "its section has no request line",
                };
                let mut s = format!("{}: {} source `{}`: {what}", at(op, op.source_line), op.id, op.source);
                const SHOWN: usize = 3;
                if moved_to.is_empty() {
                    let _ = write!(s, "; `{}` is documented nowhere else", op.request);
                } else {
                    let places: Vec<String> =
                        moved_to.iter().take(SHOWN).map(|(doc, title)| format!("{} (\"{title}\")", loc(doc))).collect();
                    let more = moved_to.len().saturating_sub(SHOWN);
                    let more = if more > 0 { format!(" and {more} more") } else { String::new() };
                    let _ = write!(s, "; `{}` is documented at {}{more}", op.request, places.join(", "));
                }
                (1, s)
            }
            Finding::New { request, title, locs } => {
                let rest: Vec<String> = locs[1..].iter().map(loc).collect();
                let also = if rest.is_empty() { String::new() } else { format!(" (also {})", rest.join(", ")) };
                let title = if title.is_empty() { String::new() } else { format!(" \"{title}\"") };
                (2, format!("{}: {request}{title}{also}", loc(&locs[0])))
            }
            Finding::Name { op, part, name, in_docs, spec_part, section } => (
                3,
                match (in_docs, spec_part) {
                    (Some(doc), Some(other)) => format!(
                        "{}: {} has `{name}` as a {other}; the docs list it as a {part} at {}",
                        at(op, op.line),
                        op.id,
                        loc(doc)
                    ),
                    (Some(doc), None) => {
                        format!("{}: {} lacks {part} `{name}`, documented at {}", at(op, op.line), op.id, loc(doc))
                    }
                    (None, _) => format!(
                        "{}: {} has {part} `{name}`, which its section ({}) does not list",
                        at(op, op.line),
                        op.id,
                        loc(section)
                    ),
                },
            ),
            Finding::Rate { op, spec, documented, doc } => (
                4,
                format!(
                    "{}: {} rate_limit is {}; the docs say {documented} at {}",
                    at(op, op.line),
                    op.id,
                    spec.as_deref().unwrap_or("not set"),
                    loc(doc)
                ),
            ),
            Finding::Page { doc, message, error } => {
                (5, format!("{}: {}: {message}", loc(doc), if *error { "error" } else { "warning" }))
            }
        };
        sections[i].2.push(line);
    }
    for (title, todo, lines) in &sections {
        if lines.is_empty() {
            continue;
        }
        let _ = writeln!(out, "== {title} ({}): {todo}", lines.len());
        for l in lines {
            let _ = writeln!(out, "  {l}");
        }
        out.push('\n');
    }

    let counts: Vec<String> = sections
        .iter()
        .filter(|(_, _, l)| !l.is_empty())
        .map(|(t, _, l)| format!("{} {}", l.len(), t.to_lowercase()))
        .collect();
    if findings.iter().any(Finding::fails) {
        let _ = writeln!(
            out,
            "summary: the docs and the spec disagree: {}.\nUpdate spec/, run `cargo xtask gen`, then this check again.",
            counts.join("; ")
        );
    } else if counts.is_empty() {
        out.push_str("summary: the docs and the spec agree.\n");
    } else {
        let _ = writeln!(out, "summary: the docs and the spec agree ({}).", counts.join("; "));
    }
    out
}

fn at(op: &SpecRef, line: usize) -> String {
    format!("{}:{line}", op.file)
}

fn loc(l: &Loc) -> String {
    format!("{}:{}", l.file, l.line)
}
