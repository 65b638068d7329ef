//! Reading the spec folder: every `*.yaml` file, parsed with serde_yaml and
//! indexed for positions.

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};
use crate::locate::{Locator, NodePath, Pos};
use crate::par::{self, Job};
use crate::raw;
use crate::raw_callbacks;
use crate::timing;

/// One spec file as read from disk.
#[derive(Debug)]
pub struct Source {
    /// Path relative to the repository root, with `/` separators.
    pub rel: String,
    /// File stem: `common` or the area name.
    pub stem: String,
    pub locator: Locator,
}

impl Source {
    pub fn diag_at(&self, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic { file: self.rel.clone(), line: pos.line, col: pos.col, message: message.into() }
    }

    /// A diagnostic at the value of `path`.
    pub fn at(&self, path: &NodePath, message: impl Into<String>) -> Diagnostic {
        self.diag_at(self.locator.value(path), message)
    }

    /// A diagnostic at the key leading to `path`.
    pub fn at_key(&self, path: &NodePath, message: impl Into<String>) -> Diagnostic {
        self.diag_at(self.locator.key(path), message)
    }
}

/// The parsed spec.
#[derive(Debug)]
pub struct Loaded {
    pub common: (Source, raw::CommonFile),
    pub areas: Vec<(Source, raw::AreaFile)>,
    /// `callbacks/events.yaml`, when the spec describes callbacks.
    pub callbacks: Option<(Source, raw_callbacks::CallbacksFile)>,
}

/// Reads `spec_dir` (given relative to `root`, e.g. `spec`).
pub fn load(root: &Path, spec_dir: &str) -> Result<Loaded, Diagnostics> {
    let mut diags = Diagnostics::default();
    let dir = root.join(spec_dir);
    let mut names: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
            .collect(),
        Err(e) => {
            diags.push(Diagnostic {
                file: spec_dir.to_owned(),
                line: 1,
                col: 1,
                message: format!("cannot read the spec folder: {e}"),
            });
            return Err(diags);
        }
    };
    names.sort();

    // Each file is read, indexed and parsed on its own; the results are
    // gathered in name order.
    let size = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.len() as usize);
    let mut jobs: Vec<Job<'_, Read>> = Vec::new();
    for name in names {
        let dir = &dir;
        jobs.push(Job::new(size(&dir.join(&name)), move || read_area(spec_dir, dir, name)));
    }
    let callbacks_at = jobs.len();
    let dir_ref = &dir;
    jobs.push(Job::new(size(&dir.join(CALLBACKS_FILE)), move || read_callbacks(spec_dir, dir_ref)));
    let mut common = None;
    let mut areas = Vec::new();
    let mut callbacks = None;
    for (i, read) in par::run(jobs).into_iter().enumerate() {
        if i == callbacks_at {
            // Its folder's other files are reported first, as they are listed first.
            others_beside_callbacks(spec_dir, &dir, &mut diags);
        }
        match read {
            Read::Common(source, file) => common = Some((source, file)),
            Read::Area(source, file) => areas.push((source, file)),
            Read::Callbacks(source, file) => callbacks = Some((source, file)),
            Read::Failed(d) => diags.push(d),
            Read::Absent => {}
        }
    }
    if common.is_none() && diags.is_empty() {
        diags.push(Diagnostic {
            file: format!("{spec_dir}/common.yaml"),
            line: 1,
            col: 1,
            message: "missing: the shared definitions file `common.yaml`".into(),
        });
    }
    match common {
        Some(common) if diags.is_empty() => Ok(Loaded { common, areas, callbacks }),
        _ => Err(diags.sorted()),
    }
}

/// What reading one spec file gave.
enum Read {
    Common(Source, raw::CommonFile),
    Area(Source, raw::AreaFile),
    Callbacks(Source, raw_callbacks::CallbacksFile),
    Failed(Diagnostic),
    Absent,
}

/// `common.yaml` or an area file, `name` in `dir`.
fn read_area(spec_dir: &str, dir: &Path, name: String) -> Read {
    let rel = format!("{spec_dir}/{name}");
    let stem = name.trim_end_matches(".yaml").trim_end_matches(".yml").to_owned();
    let text = match std::fs::read_to_string(dir.join(&name)) {
        Ok(t) => t,
        Err(e) => {
            return Read::Failed(Diagnostic {
                file: rel,
                line: 1,
                col: 1,
                message: format!("cannot read the file: {e}"),
            });
        }
    };
    let locator = timing::file_stage("load: index positions (yaml-rust2)", &rel, || Locator::new(&text));
    let source = Source { rel, stem, locator };
    if name.ends_with(".yml") {
        return Read::Failed(source.diag_at(Pos { line: 1, col: 1 }, "spec files end in `.yaml`; rename this file"));
    }
    if source.stem == "common" {
        match parse::<raw::CommonFile>(&source, &text) {
            Ok(c) => Read::Common(source, c),
            Err(d) => Read::Failed(d),
        }
    } else {
        match parse::<raw::AreaFile>(&source, &text) {
            Ok(a) => Read::Area(source, a),
            Err(d) => Read::Failed(d),
        }
    }
}

/// A file beside `events.yaml` would be ignored: say so instead.
fn others_beside_callbacks(spec_dir: &str, dir: &Path, diags: &mut Diagnostics) {
    let mut others: Vec<String> = std::fs::read_dir(dir.join("callbacks"))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| (n.ends_with(".yaml") || n.ends_with(".yml")) && format!("callbacks/{n}") != CALLBACKS_FILE)
        .collect();
    others.sort();
    for name in others {
        diags.push(Diagnostic {
            file: format!("{spec_dir}/callbacks/{name}"),
            line: 1,
            col: 1,
            message: format!("only `{CALLBACKS_FILE}` is read in this folder; move these definitions there"),
        });
    }
}

/// The callback events file, `callbacks/events.yaml` under the spec folder,
/// which has its own format (`raw_callbacks`); absent is fine.
fn read_callbacks(spec_dir: &str, dir: &Path) -> Read {
    let Ok(text) = std::fs::read_to_string(dir.join(CALLBACKS_FILE)) else { return Read::Absent };
    let rel = format!("{spec_dir}/{CALLBACKS_FILE}");
    let locator = timing::file_stage("load: index positions (yaml-rust2)", &rel, || Locator::new(&text));
    let source = Source { rel, stem: "callbacks".into(), locator };
    match parse::<raw_callbacks::CallbacksFile>(&source, &text) {
        Ok(file) => Read::Callbacks(source, file),
        Err(d) => Read::Failed(d),
    }
}

/// Where the callback events live, relative to the spec folder.
pub const CALLBACKS_FILE: &str = "callbacks/events.yaml";

fn parse<T: serde::de::DeserializeOwned>(source: &Source, text: &str) -> Result<T, Diagnostic> {
    let typed = timing::file_stage("load: typed parse (serde_yaml)", &source.rel, || serde_yaml::from_str::<T>(text));
    // A typed pass that succeeds means the text parsed, and every mapping
    // in the spec is a struct (which rejects a repeated field) or a
    // `serde_yaml::Value` (read alike in both passes), so the syntax pass
    // below could only fail on a key that repeats or may not be a string:
    // the locator has seen every key.
    let typed = match typed {
        Ok(t) if source.locator.keys_are_plain() => return Ok(t),
        other => other,
    };
    // Syntax first: the typed pass reads while it parses and would report a
    // mis-indented key as a missing field instead.
    let syntax: Result<serde_yaml::Value, _> =
        timing::file_stage("load: syntax parse (serde_yaml)", &source.rel, || serde_yaml::from_str(text));
    let result = match syntax {
        Err(e) => Err(e),
        Ok(_) => typed,
    };
    result.map_err(|e| {
        let mut pos = e.location().map(|l| Pos { line: l.line(), col: l.column() }).unwrap_or(Pos { line: 1, col: 1 });
        // serde_yaml repeats the position in the text; it is already in front.
        let msg = e.to_string().replacen(&format!(" at line {} column {}", pos.line, pos.col), "", 1);
        // serde_yaml places a duplicate key at its mapping; point at the repeat.
        let key = msg
            .split("duplicate field `")
            .nth(1)
            .and_then(|r| r.split('`').next())
            .or_else(|| msg.split("duplicate entry with key \"").nth(1).and_then(|r| r.split('"').next()));
        if let Some(key) = key
            && let Some(at) = source.locator.duplicate(key)
        {
            pos = at;
        }
        source.diag_at(pos, msg)
    })
}
