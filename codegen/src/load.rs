//! Reading the spec folder: every `*.yaml` file, parsed once into a tree
//! that keeps positions, the typed structs read from it; serde_yaml reads
//! only the files that the tree cannot stand for, and reports their errors.

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
    let locator = index(&rel, &text);
    let mut source = Source { rel, stem, locator };
    if name.ends_with(".yml") {
        return Read::Failed(source.diag_at(Pos { line: 1, col: 1 }, "spec files end in `.yaml`; rename this file"));
    }
    if source.stem == "common" {
        match parse::<raw::CommonFile>(&mut source, &text) {
            Ok(c) => Read::Common(source, c),
            Err(d) => Read::Failed(d),
        }
    } else {
        match parse::<raw::AreaFile>(&mut source, &text) {
            Ok(a) => Read::Area(source, a),
            Err(d) => Read::Failed(d),
        }
    }
}

fn index(rel: &str, text: &str) -> Locator {
    timing::file_stage("load: parse into a tree (yaml-rust2)", rel, || Locator::new(text))
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
    let locator = index(&rel, &text);
    let mut source = Source { rel, stem: "callbacks".into(), locator };
    match parse::<raw_callbacks::CallbacksFile>(&mut source, &text) {
        Ok(file) => Read::Callbacks(source, file),
        Err(d) => Read::Failed(d),
    }
}

/// Where the callback events live, relative to the spec folder.
pub const CALLBACKS_FILE: &str = "callbacks/events.yaml";

fn parse<T: serde::de::DeserializeOwned>(source: &mut Source, text: &str) -> Result<T, Diagnostic> {
    if let Some(t) = timing::file_stage("load: typed read (from the tree)", &source.rel, || source.locator.read::<T>())
    {
        return Ok(t);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The typed structs read from the tree equal serde_yaml's, for every
    /// file of the spec and of the broken-spec corpus that either reads.
    #[test]
    fn the_tree_reads_what_serde_yaml_reads() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace");
        let mut files = Vec::new();
        for dir in ["spec", "spec/callbacks", "tests/broken_specs", "tests/broken_specs/callbacks"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("a folder").flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "yaml") {
                    files.push((dir, path));
                }
            }
        }
        let mut read = 0;
        for (dir, path) in &files {
            let text = std::fs::read_to_string(path).expect("a file");
            let name = path.file_name().unwrap().to_string_lossy();
            let common = name == "common.yaml" || text.contains("# replaces: common.yaml");
            let (tree, yaml) = if dir.ends_with("callbacks") {
                compare::<raw_callbacks::CallbacksFile>(&text)
            } else if common {
                compare::<raw::CommonFile>(&text)
            } else {
                compare::<raw::AreaFile>(&text)
            };
            if let Some(tree) = &tree {
                assert_eq!(Some(tree), yaml.as_ref(), "{}", path.display());
                read += 1;
            }
            if dir.starts_with("spec") {
                assert!(tree.is_some(), "the tree should read {}", path.display());
            }
        }
        assert!(read > 40, "only {read} files read from the tree");
    }

    /// Values read by rules of their own (empty, null, numbers, quoting,
    /// anchors): the tree reads them as serde_yaml does, or leaves them to it.
    #[test]
    fn the_tree_reads_values_as_serde_yaml_does() {
        let area = |op_extra: &str, param_extra: &str| {
            format!(
                "title: T\ndoc: &d |\n  Some\n  text.\noperations:\n  - name: get_x\n    summary: *d\n    method: GET\n    path: /x\n    source: a.md\n    response: {{type: none}}\n    params:\n      - name: p\n        in: query\n        type: string\n        doc: >-\n          folded\n          text\n{param_extra}{op_extra}"
            )
        };
        // (the operation's extra lines, the parameter's, whether the tree reads it)
        let cases: &[(&str, &str, bool)] = &[
            ("", "", true),
            ("", "        default: 10\n", true),
            ("", "        default: -3\n", true),
            ("", "        default: \"10\"\n", true),
            ("", "        default: true\n", true),
            ("", "        default: ~\n", true),
            ("", "        default:\n", true),
            ("", "        default: [a, 1, {b: c}]\n", true),
            ("", "        default: 1.5\n", false),
            ("", "        default: 0x1F\n", false),
            ("", "        default: 007\n", false),
            ("", "        default: .inf\n", false),
            ("", "        default: nan\n", true),
            ("", "        required: yes\n", false),
            ("", "        required: True\n", true),
            ("", "        min: -5\n        max: 0\n", true),
            ("", "        max_length: 00\n", false),
            ("", "        rust_name: 123\n", true),
            ("", "        rust_name: ~\n", true),
            ("", "        rust_name: ''\n", true),
            ("", "        \"aliases\": [x]\n", true),
            ("    errors: [not_found, {status: 400, description: bad}]\n", "", true),
            ("    errors: [404]\n", "", false),
            ("    errors: ~\n", "", false),
            ("    errors:\n", "", true),
            ("    seed:\n", "", true),
            ("    max_body_bytes: 0x10\n", "", false),
            ("    max_body_bytes: \"16\"\n", "", false),
            ("    retry_safe: !!bool true\n", "", false),
            ("    auth: \"none\"\n", "", true),
            ("    notes: [&n {kind: info, text: t}, *n]\n", "", true),
            ("    1: x\n", "", false),
            ("    summary: again\n", "", false),
            ("---\ntitle: U\n", "", false),
        ];
        for (op_extra, param_extra, reads) in cases {
            let text = area(op_extra, param_extra);
            let (tree, yaml) = compare::<raw::AreaFile>(&text);
            if let Some(tree) = &tree {
                assert_eq!(Some(tree), yaml.as_ref(), "{text}");
            }
            assert_eq!(tree.is_some(), *reads, "{text}\nserde_yaml: {yaml:?}");
        }
        for text in ["", "# nothing\n", "title: T\n", "[a]\n", "a: [\n"] {
            assert_eq!(compare::<raw::AreaFile>(text).0, None, "{text}");
        }
    }

    fn compare<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> (Option<String>, Option<String>) {
        let tree = Locator::new(text).read::<T>().map(|t| format!("{t:?}"));
        let yaml = serde_yaml::from_str::<T>(text).ok().map(|t| format!("{t:?}"));
        (tree, yaml)
    }
}
