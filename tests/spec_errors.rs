//! The broken-spec corpus: every `broken_specs/*.yaml` is a small area file
//! with one deliberate mistake. Its leading comment lines say exactly what the
//! generator must report:
//!
//! ```yaml
//! # expect: spec/unknown_type.yaml:17:13: error: unknown type `Chatroom`: ...
//! # bug: what the validator gets wrong today (optional)
//! # replaces: common.yaml (optional)
//! ```
//!
//! Each case is checked in a scratch root holding the repository's
//! `spec/common.yaml` and the case as `spec/<file name>`, or, with
//! `# replaces: common.yaml`, the case alone as `spec/common.yaml` (for
//! mistakes only the common file can make); the displayed
//! diagnostics must equal the `# expect:` lines, in order. A case with a
//! `# bug:` line records a known validator bug: it is run and printed, but
//! does not fail the test.
//!
//! Cases under `broken_specs/callbacks/` are callback events files: each is
//! checked as `spec/callbacks/events.yaml` beside `spec/common.yaml`.

use std::fs;
use std::path::{Path, PathBuf};

/// Fewer cases than this means the corpus went missing.
const MIN_CASES: usize = 20;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ lives in the workspace").to_path_buf()
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("broken_specs")
}

struct Case {
    /// File name, `unknown_type.yaml` (`callbacks/empty_when.yaml` for a callbacks case).
    file: String,
    /// Where the case is put in the scratch spec folder, `unknown_type.yaml`.
    target: String,
    path: PathBuf,
    expect: Vec<String>,
    bugs: Vec<String>,
    /// The case is a whole `common.yaml`, checked without an area file.
    replaces_common: bool,
}

fn load_corpus() -> Vec<Case> {
    let mut cases = load_dir(&corpus_dir(), None);
    cases.extend(load_dir(&corpus_dir().join("callbacks"), Some("callbacks/events.yaml")));
    cases.sort_by(|a, b| a.file.cmp(&b.file));
    cases
}

/// The cases in `dir`, each put in the spec folder as `target` (default: its own name).
fn load_dir(dir: &Path, target: Option<&str>) -> Vec<Case> {
    fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("corpus entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|path| {
            let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let (mut expect, mut bugs, mut replaces_common) = (Vec::new(), Vec::new(), false);
            // Only the leading comment block holds directives.
            for line in text.lines().take_while(|l| l.starts_with('#')) {
                if let Some(e) = line.strip_prefix("# expect:") {
                    expect.push(e.trim().to_owned());
                } else if let Some(b) = line.strip_prefix("# bug:") {
                    bugs.push(b.trim().to_owned());
                } else if let Some(r) = line.strip_prefix("# replaces:") {
                    assert_eq!(r.trim(), "common.yaml", "{}: only common.yaml can be replaced", path.display());
                    replaces_common = true;
                }
            }
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let (file, target) = match target {
                Some(t) => (format!("callbacks/{name}"), t.to_owned()),
                None => (name.clone(), name),
            };
            Case { file, target, path, expect, bugs, replaces_common }
        })
        .collect()
}

/// Runs the generator on `common.yaml` plus the case; `None` when it passes.
fn diagnostics_for(case: &Case) -> Option<Vec<String>> {
    let root = tempfile::tempdir().expect("temp dir");
    let spec = root.path().join("spec");
    fs::create_dir(&spec).unwrap();
    if case.replaces_common {
        fs::copy(&case.path, spec.join("common.yaml")).expect("copy the case");
    } else {
        fs::copy(workspace_root().join("spec/common.yaml"), spec.join("common.yaml")).expect("copy common.yaml");
        let target = spec.join(&case.target);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::copy(&case.path, target).expect("copy the case");
    }
    match codegen::generate(root.path()) {
        Ok(_) => None,
        Err(diags) => Some(diags.0.iter().map(ToString::to_string).collect()),
    }
}

fn show(lines: &[String]) -> String {
    lines.iter().map(|l| format!("      {l}\n")).collect()
}

fn describe(actual: &Option<Vec<String>>) -> String {
    match actual {
        None => "      (no error: the spec was accepted)\n".to_owned(),
        Some(lines) => show(lines),
    }
}

#[test]
fn broken_specs_report_the_expected_diagnostics() {
    let cases = load_corpus();
    let mut failures = Vec::new();
    let mut known_bugs = Vec::new();
    for case in &cases {
        if case.expect.is_empty() {
            failures.push(format!("{}: no `# expect:` line at the top of the file\n", case.file));
            continue;
        }
        let actual = diagnostics_for(case);
        let matches = actual.as_ref() == Some(&case.expect);
        if !case.bugs.is_empty() {
            let status = if matches {
                "    NOW MATCHES its expectation: the bug looks fixed, remove the `# bug:` line(s)\n".to_owned()
            } else {
                format!("    currently reported:\n{}", describe(&actual))
            };
            known_bugs.push(format!(
                "{}\n{}    expected once fixed:\n{}{}",
                case.file,
                case.bugs.iter().map(|b| format!("    bug: {b}\n")).collect::<String>(),
                show(&case.expect),
                status
            ));
            continue;
        }
        if !matches {
            failures.push(format!(
                "{}\n    expected:\n{}    got:\n{}",
                case.file,
                show(&case.expect),
                describe(&actual)
            ));
        }
    }
    if !known_bugs.is_empty() {
        println!("{} case(s) skipped as known validator bugs:\n\n{}", known_bugs.len(), known_bugs.join("\n"));
    }
    assert!(
        failures.is_empty(),
        "{} of {} broken-spec case(s) do not report what they expect:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn corpus_is_not_empty() {
    let cases = load_corpus();
    assert!(
        cases.len() >= MIN_CASES,
        "expected at least {MIN_CASES} cases in {}, found {}",
        corpus_dir().display(),
        cases.len()
    );
}

#[test]
fn a_file_beside_the_callback_events_is_reported() {
    let root = tempfile::tempdir().expect("temp dir");
    let spec = root.path().join("spec");
    fs::create_dir_all(spec.join("callbacks")).unwrap();
    fs::copy(workspace_root().join("spec/common.yaml"), spec.join("common.yaml")).unwrap();
    fs::copy(workspace_root().join("spec/callbacks/events.yaml"), spec.join("callbacks/events.yaml")).unwrap();
    fs::write(spec.join("callbacks/more_events.yaml"), "events: []\n").unwrap();
    let diags = codegen::generate(root.path()).expect_err("a stray file is an error");
    let lines: Vec<String> = diags.0.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "spec/callbacks/more_events.yaml:1:1: error: only `callbacks/events.yaml` is read in this folder; move these definitions there"
        ]
    );
}

/// `callbacks` is the callback events' module only when the spec has them:
/// an area of that name is then reported, and accepted otherwise.
#[test]
fn an_area_named_callbacks_clashes_only_with_callback_events() {
    let area = fs::read_to_string(corpus_dir().join("raw.yaml")).unwrap();
    let area: String = area.lines().skip_while(|l| l.starts_with('#')).map(|l| format!("{l}\n")).collect();
    let root = tempfile::tempdir().expect("temp dir");
    let spec = root.path().join("spec");
    fs::create_dir_all(&spec).unwrap();
    fs::copy(workspace_root().join("spec/common.yaml"), spec.join("common.yaml")).unwrap();
    fs::write(spec.join("callbacks.yaml"), &area).unwrap();
    codegen::generate(root.path()).expect("without callback events, `callbacks` is an ordinary area name");
    fs::create_dir_all(spec.join("callbacks")).unwrap();
    fs::copy(workspace_root().join("spec/callbacks/events.yaml"), spec.join("callbacks/events.yaml")).unwrap();
    let diags = codegen::generate(root.path()).expect_err("the module name is taken");
    let lines: Vec<String> = diags.0.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "spec/callbacks.yaml:1:1: error: the file name `callbacks` gives an area module and `Client` method that clash with the module of the callback events (`spec/callbacks/events.yaml`); rename the file"
        ]
    );
}

#[test]
fn the_real_spec_generates() {
    if let Err(diags) = codegen::generate(&workspace_root()) {
        panic!("the repository's spec/ does not generate:\n{diags}");
    }
}

/// Every `seed` row quotes its line of the overview seed: the path as
/// printed on that line, and the method on it or (where the seed prints one
/// method for several paths) a few lines above. Skipped when the seed is not
/// beside the repository.
#[test]
fn seed_rows_quote_the_overview_seed() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let seed_file = root.join("../shared/seeds/000_faeb9bd05a7b9f6d.txt");
    let Ok(text) = std::fs::read_to_string(&seed_file) else {
        eprintln!("skipped: {} is not there", seed_file.display());
        return;
    };
    let lines: Vec<&str> = text.lines().collect();
    let api = codegen::model(root).expect("the spec loads");
    let mut wrong = Vec::new();
    let mut quoted = 0;
    for op in api.operations() {
        let Some(seed) = &op.seed else { continue };
        quoted += 1;
        let (method, path) = seed.row.split_once(' ').unwrap();
        let line = lines.get(seed.line.wrapping_sub(1)).copied().unwrap_or("");
        let method_near = (seed.line.saturating_sub(4)..seed.line)
            .filter_map(|i| lines.get(i))
            .any(|l| l.split_whitespace().any(|w| w == method));
        if !line.contains(path.trim()) || !method_near {
            wrong.push(format!("{} quotes line {} as {:?}; the line reads {:?}", op.id, seed.line, seed.row, line));
        }
    }
    assert!(quoted > 80, "only {quoted} operations quote a seed row");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The cargo features follow the type references: an area that uses another
/// area's types enables that area, and the client's own token operation
/// (with what it reaches) is compiled whatever the features.
#[test]
fn features_follow_the_type_references() {
    let api = codegen::model(&workspace_root()).expect("the spec loads");
    let feature = |name: &str| api.features.areas.iter().find(|f| f.name == name).expect("an area feature");
    assert_eq!(feature("contacts").requires, ["users"], "contacts answer with `users::UserEntity`");
    assert_eq!(feature("groups").requires, ["chatrooms"], "group announcements reuse the chatroom types");
    assert!(feature("rtc").requires.is_empty());
    assert!(api.features.core_operations.contains("tokens_get_app_token"));
    assert!(api.features.core_types.contains("AppToken") && !api.features.core_types.contains("UserToken"));
    // Only the token operation's area is compiled without its feature.
    let partly: Vec<&str> = api.features.areas.iter().filter(|f| f.partly_core).map(|f| f.name.as_str()).collect();
    assert_eq!(partly, ["tokens"]);
    // Its user tokens answer with `users::UserEntity`, so `tokens` needs `users`, but the client does not.
    assert_eq!(feature("tokens").requires, ["users"]);
    assert!(!api.features.core_types.contains("UserEntity"));
}

/// The features block of `generated/Cargo.toml` is filled in between its
/// markers, the rest of the file kept; a manifest without the markers is
/// reported; a spec folder without the crate gets no manifest.
#[test]
fn the_features_block_is_spliced_into_the_manifest() {
    let root = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(root.path().join("spec")).unwrap();
    fs::create_dir_all(root.path().join("generated")).unwrap();
    fs::copy(workspace_root().join("spec/common.yaml"), root.path().join("spec/common.yaml")).unwrap();
    fs::copy(workspace_root().join("spec/rtc.yaml"), root.path().join("spec/rtc.yaml")).unwrap();
    let manifest = |files: &[codegen::OutputFile]| {
        files.iter().find(|f| f.path == "generated/Cargo.toml").map(|f| f.contents.clone())
    };
    assert_eq!(manifest(&codegen::generate(root.path()).unwrap()), None);

    let path = root.path().join("generated/Cargo.toml");
    fs::write(&path, "[package]\nname = \"x\"\n\n[features]\n# @generated by `cargo xtask gen` (stale)\nold = []\n# @generated end\nmine = []\n").unwrap();
    let text = manifest(&codegen::generate(root.path()).unwrap()).expect("the manifest is generated");
    assert!(
        text.starts_with("[package]\nname = \"x\"\n\n[features]\n# @generated by `cargo xtask gen` from spec/"),
        "{text}"
    );
    assert!(text.contains("all-areas = [\n    \"rtc\",\n]\nrtc = []\n# @generated end\nmine = []\n"), "{text}");
    assert!(!text.contains("old = []"), "{text}");

    // A hand-written feature with an area's name.
    fs::write(
        &path,
        "[package]\nname = \"rtc\"\n[features]\nrtc = []\n# @generated by `cargo xtask gen`\n# @generated end\n",
    )
    .unwrap();
    let diags = codegen::generate(root.path()).expect_err("a clash");
    let lines: Vec<String> = diags.0.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "generated/Cargo.toml:4:1: error: the feature `rtc` is written by hand, but an area of the spec has that name; rename one"
        ]
    );

    fs::write(&path, "[package]\nname = \"x\"\n").unwrap();
    let diags = codegen::generate(root.path()).expect_err("no markers");
    let lines: Vec<String> = diags.0.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 1);
    assert!(lines[0].starts_with("generated/Cargo.toml:1:1: error: the manifest has no block"), "{}", lines[0]);
}
