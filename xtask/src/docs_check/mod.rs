//! `cargo xtask docs-check PATH`: where Easemob's docs (a local clone of
//! `easemob/easemob-doc`, any branch) and `spec/` disagree.
//!
//! - [`markdown`] splits a page into headings, code blocks, tables and text,
//!   noting what it cannot read cleanly.
//! - [`pages`] finds the operations a page documents (request lines) and what
//!   each operation's section states (query, header and body names, rate).
//! - [`compare`] matches the spec's operations to the docs, by `source` and by
//!   method and path, and lists the differences.
//! - [`report`] prints them with `docs/...md:LINE` and `spec/...yaml:LINE`.
//!
//! The pages read are `docs/document/server-side/**/*.md` (Chinese, the tree
//! `source` points into) and `docs/rest/**/*.md` (English), plus the page a
//! stub names in its front matter (`pageUri: "/product/limitationapi.html"`
//! makes `docs/product/limitationapi.md` the content of the stub, as on the
//! `doc-v2` branch). Nothing is written.

mod compare;
mod markdown;
mod pages;
mod report;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

pub use pages::Page;

/// The Chinese tree: what `source` is relative to.
pub const ZH: &str = "docs/document/server-side";
/// The English tree.
pub const EN: &str = "docs/rest";

pub const USAGE: &str = "usage: cargo xtask docs-check PATH [--root DIR]

  PATH         a local clone of easemob/easemob-doc, any branch or commit checked out
  --root DIR   compare DIR/spec instead of this repository's spec/

Reads docs/document/server-side/ and docs/rest/ (and the pages their stubs
point to) and lists where they and the spec disagree: method or path, moved or
missing `source` sections, documented operations the spec lacks, query, header
and body names, rate limits. Exit status: 0 when nothing differs, 1 when
something does, 2 when the docs or the spec cannot be read. Changes nothing.";

/// Every page read, by path relative to the docs root (`/`-separated).
#[derive(Debug, Default)]
pub struct Docs {
    pub pages: Vec<(String, Page)>,
}

impl Docs {
    pub fn page(&self, rel: &str) -> Option<&Page> {
        self.pages.binary_search_by(|(p, _)| p.as_str().cmp(rel)).ok().map(|i| &self.pages[i].1)
    }

    /// The page `rel`, or the page it is a stub for, with its path.
    pub fn resolve(&self, rel: &str) -> Option<(&str, &Page)> {
        let i = self.pages.binary_search_by(|(p, _)| p.as_str().cmp(rel)).ok()?;
        let (path, page) = &self.pages[i];
        match stub_target(page).and_then(|t| self.pages.iter().find(|(p, _)| *p == t)) {
            Some((target, content)) => Some((target.as_str(), content)),
            None => Some((path.as_str(), page)),
        }
    }
}

/// `docs/product/x.md` for a page with no heading whose front matter says
/// `pageUri: "/product/x.html"`.
fn stub_target(page: &Page) -> Option<String> {
    let uri = page.page_uri.as_deref().filter(|_| page.headings.is_empty())?;
    let uri = uri.trim_start_matches('/');
    Some(format!("docs/{}.md", uri.strip_suffix(".html").unwrap_or(uri)))
}

pub fn main(args: impl Iterator<Item = String>, default_root: PathBuf) -> ExitCode {
    let (mut docs, mut root) = (None, default_root);
    let mut args = args;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => match args.next() {
                Some(dir) => root = PathBuf::from(dir),
                None => return usage("`--root` needs a folder"),
            },
            "--help" | "-h" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if arg.starts_with('-') => return usage(&format!("unknown argument `{arg}`")),
            _ if docs.is_none() => docs = Some(PathBuf::from(arg)),
            _ => return usage(&format!("unexpected argument `{arg}`")),
        }
    }
    let Some(docs) = docs else { return usage("give the path of a clone of easemob/easemob-doc") };
    let started = Instant::now();
    let api = match codegen::model(&root) {
        Ok(api) => api,
        Err(diags) => {
            eprintln!("{diags}");
            eprintln!("error: the spec does not load; fix it first (`cargo xtask gen` reports the same)");
            return ExitCode::from(2);
        }
    };
    let spec_time = started.elapsed();
    let tree = match load(&docs) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let (findings, coverage) = compare::compare(&api, &tree);
    let timing = report::Timing { spec: spec_time, total: started.elapsed() };
    let label = match checkout(&docs) {
        Some(at) => format!("{} ({at})", docs.display()),
        None => docs.display().to_string(),
    };
    let text = report::render(&findings, &coverage, &api, &tree, &label, timing);
    print!("{text}");
    if findings.iter().any(compare::Finding::fails) { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// The branch and commit checked out in `docs`, read from `.git` without
/// running git: `doc-v2 @ 12fa3b68`, or a bare commit when detached.
fn checkout(docs: &Path) -> Option<String> {
    let git = docs.join(".git");
    let head = std::fs::read_to_string(git.join("HEAD")).ok()?;
    let head = head.trim();
    let Some(refname) = head.strip_prefix("ref: ") else { return Some(head.chars().take(12).collect()) };
    let branch = refname.strip_prefix("refs/heads/").unwrap_or(refname);
    let commit = std::fs::read_to_string(git.join(refname)).ok().or_else(|| {
        let packed = std::fs::read_to_string(git.join("packed-refs")).ok()?;
        packed.lines().find_map(|l| l.strip_suffix(refname).map(|c| c.trim().to_owned()))
    });
    Some(match commit {
        Some(c) => format!("{branch} @ {}", c.trim().chars().take(12).collect::<String>()),
        None => branch.to_owned(),
    })
}

fn usage(message: &str) -> ExitCode {
    eprintln!("error: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

/// Reads every page of both trees and the limit pages under `root`.
pub fn load(root: &Path) -> Result<Docs, String> {
    if !root.is_dir() {
        return Err(format!("{} is not a folder: give the path of a clone of easemob/easemob-doc", root.display()));
    }
    let mut files = Vec::new();
    for tree in [ZH, EN] {
        walk(root, &root.join(tree), &mut files);
    }
    if files.is_empty() {
        return Err(format!(
            "{} has no {ZH}/*.md nor {EN}/*.md: is it a clone of easemob/easemob-doc with a branch checked out?",
            root.display()
        ));
    }
    let mut pages: Vec<(String, Page)> = files.into_iter().map(|rel| (rel.clone(), read_page(root, &rel))).collect();
    let targets: Vec<String> = pages
        .iter()
        .filter_map(|(_, p)| stub_target(p))
        .filter(|t| root.join(t).is_file() && !pages.iter().any(|(p, _)| p == t))
        .collect();
    for t in targets {
        if !pages.iter().any(|(p, _)| *p == t) {
            let page = read_page(root, &t);
            pages.push((t, page));
        }
    }
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Docs { pages })
}

fn read_page(root: &Path, rel: &str) -> Page {
    match std::fs::read(root.join(rel)) {
        Err(e) => unreadable(format!("cannot read the file: {e}")),
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => pages::read(markdown::parse(&text)),
            Err(e) => unreadable(format!(
                "not UTF-8 (invalid byte at offset {}): the page was skipped",
                e.utf8_error().valid_up_to()
            )),
        },
    }
}

fn unreadable(message: String) -> Page {
    Page { problems: vec![markdown::Problem { line: 1, error: true, message }], ..Page::default() }
}

/// `*.md` files under `dir`, as paths relative to `root`.
fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            walk(root, &path, out);
        } else if path.extension().is_some_and(|x| x == "md")
            && let Ok(rel) = path.strip_prefix(root)
        {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}
