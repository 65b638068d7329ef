//! The Easemob REST generator: loads `spec/*.yaml`, checks it, builds a
//! resolved model and emits the `easemob` crate's generated modules, an
//! OpenAPI 3.0.3 document and the endpoint index.
//!
//! Pipeline: `load` (yaml-rust2, keeping positions) → `resolve` (checks, every
//! name the output will use, the [`model`](mod@model)) → `emit` (Rust
//! written as formatted text, a block at a time; JSON; Markdown; syn reads
//! every Rust file back in the tests). Emitters read only the
//! model, so every decision that can fail is made, and reported, before
//! anything is emitted.
//! Nothing is written here: [`generate`] returns the files and `xtask`
//! decides what to do with them.

mod diag;
mod emit;
mod load;
mod locate;
pub mod model;
mod naming;
mod par;
mod raw;
mod raw_callbacks;
mod resolve;
pub mod timing;

use std::path::Path;

pub use diag::{Diagnostic, Diagnostics};

/// One file the generator produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the repository root, `/`-separated.
    pub path: String,
    pub contents: String,
}

/// Folders whose every file belongs to the generator: a file there that the
/// spec no longer produces is stale and is removed.
pub const OWNED_DIRS: &[&str] = &[
    emit::rust::RUST_DIR,
    emit::rust::RUNTIME_DIR,
    emit::cli::CLI_DIR,
    emit::mock::MOCK_DIR,
    emit::mock_calls::CALLS_DIR,
];

/// Reads the spec under `root/spec` and returns every generated file, in a
/// fixed order, or every problem found in the spec.
pub fn generate(root: &Path) -> Result<Vec<OutputFile>, Diagnostics> {
    let files = generate_each(root, |_| ())?;
    Ok(files.into_iter().map(|(f, ())| f).collect())
}

/// [`generate`], calling `each` on every file as soon as it is made, on the
/// thread that made it, so that what is done with the files (`xtask`
/// compares them with the ones on disk) is spread over the cores with the
/// generation; returns what `each` returned beside each file.
pub fn generate_each<T: Send>(
    root: &Path,
    each: impl Fn(&OutputFile) -> T + Sync,
) -> Result<Vec<(OutputFile, T)>, Diagnostics> {
    let api = model(root)?;
    let mut files = emit_all(&api, &each);
    // The features block of the generated crate's manifest (read from
    // `root`: the rest of that file is written by hand).
    files.extend(emit::rust::manifest(&api, root)?.map(|f| {
        let t = each(&f);
        (f, t)
    }));
    Ok(files)
}

/// Loads and checks the spec.
pub fn model(root: &Path) -> Result<model::Api, Diagnostics> {
    let loaded = timing::stage("load (all files)", || load::load(root, "spec"))?;
    timing::stage("resolve", || resolve::resolve(loaded))
}

/// Emits every output of a checked model, the files spread over the cores,
/// each handed to `each` by the job that made it.
fn emit_all<'a, T: Send>(api: &'a model::Api, each: &'a (impl Fn(&OutputFile) -> T + Sync)) -> Vec<(OutputFile, T)> {
    let mut jobs = emit::rust::emit(api);
    // Costs as there: about the output's size in kB of text. The OpenAPI
    // document, about 5.5 kB an operation, is the longest job, so it starts
    // first.
    let ops = api.operations().count();
    jobs.push(par::Job::new(ops * 5, || {
        timing::file_stage("emit: openapi", emit::openapi::OPENAPI_PATH, || emit::openapi::emit(api))
    }));
    jobs.push(par::Job::new(ops / 10, || {
        timing::file_stage("emit: endpoints", emit::endpoints::ENDPOINTS_PATH, || emit::endpoints::emit(api))
    }));
    // The CLI's command table.
    jobs.extend(emit::cli::emit(api));
    jobs.push(par::Job::new(ops, || emit::mock::emit(api)));
    jobs.push(par::Job::new(ops / 2, || emit::mock_calls::emit(api)));
    let jobs = jobs
        .into_iter()
        .map(|job| {
            par::Job::new(job.cost, move || {
                let f = (job.run)();
                let t = each(&f);
                (f, t)
            })
        })
        .collect();
    timing::stage("emit (all files)", || par::run(jobs))
}
