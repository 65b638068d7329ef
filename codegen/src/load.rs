//! Reading the spec folder: every `*.yaml` file, parsed with serde_yaml and
//! indexed for positions.

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};
use crate::locate::{Locator, NodePath, Pos};
use crate::raw;
use crate::raw_callbacks;

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

    let mut common = None;
    let mut areas = Vec::new();
    for name in names {
        let rel = format!("{spec_dir}/{name}");
        let stem = name.trim_end_matches(".yaml").trim_end_matches(".yml").to_owned();
        let text = match std::fs::read_to_string(dir.join(&name)) {
            Ok(t) => t,
            Err(e) => {
                diags.push(Diagnostic { file: rel, line: 1, col: 1, message: format!("cannot read the file: {e}") });
                continue;
            }
        };
        let source = Source { rel, stem: stem.clone(), locator: Locator::new(&text) };
        if name.ends_with(".yml") {
            diags.push(source.diag_at(Pos { line: 1, col: 1 }, "spec files end in `.yaml`; rename this file"));
            continue;
        }
        if stem == "common" {
            match parse::<raw::CommonFile>(&source, &text) {
                Ok(c) => common = Some((source, c)),
                Err(d) => diags.push(d),
            }
        } else {
            match parse::<raw::AreaFile>(&source, &text) {
                Ok(a) => areas.push((source, a)),
                Err(d) => diags.push(d),
            }
        }
    }
    let callbacks = load_callbacks(spec_dir, &dir, &mut diags);
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

/// The callback events file, `callbacks/events.yaml` under the spec folder,
/// which has its own format (`raw_callbacks`); absent is fine.
fn load_callbacks(
    spec_dir: &str,
    dir: &Path,
    diags: &mut Diagnostics,
) -> Option<(Source, raw_callbacks::CallbacksFile)> {
    // A file beside `events.yaml` would be ignored: say so instead.
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
    let path = dir.join(CALLBACKS_FILE);
    let text = std::fs::read_to_string(&path).ok()?;
    let source =
        Source { rel: format!("{spec_dir}/{CALLBACKS_FILE}"), stem: "callbacks".into(), locator: Locator::new(&text) };
    match parse::<raw_callbacks::CallbacksFile>(&source, &text) {
        Ok(file) => Some((source, file)),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// Where the callback events live, relative to the spec folder.
pub const CALLBACKS_FILE: &str = "callbacks/events.yaml";

fn parse<T: serde::de::DeserializeOwned>(source: &Source, text: &str) -> Result<T, Diagnostic> {
    // Syntax first: the typed pass reads while it parses and would report a
    // mis-indented key as a missing field instead.
    let syntax: Result<serde_yaml::Value, _> = serde_yaml::from_str(text);
    let result = match syntax {
        Err(e) => Err(e),
        Ok(_) => serde_yaml::from_str::<T>(text),
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
