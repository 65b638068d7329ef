//! `xtask gen` on a scratch copy of the repository: a broken spec is reported
//! as `spec/FILE:LINE:COL: error: ...` and leaves every output untouched; a
//! hand-edited or extra generated file is caught by `--check` and repaired by
//! `gen`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("cannot create {}: {e}", to.display()));
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display())) {
        let entry = entry.unwrap();
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&src, &dst);
        } else {
            fs::copy(&src, &dst).unwrap_or_else(|e| panic!("cannot copy {}: {e}", src.display()));
        }
    }
}

/// A temp root with copies of the repository's `spec/`, `generated/`, `runtime/`, `cli/`, `docs/` and `mock/`.
fn scratch_root() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    for dir in ["spec", "generated", "runtime", "cli", "docs", "mock"] {
        copy_dir(&workspace_root().join(dir), &tmp.path().join(dir));
    }
    tmp
}

/// Every file under `dir`, by path relative to `dir`, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                out.insert(path.strip_prefix(base).unwrap().to_path_buf(), fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn xtask(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).arg("gen").args(args).arg("--root").arg(root).output().expect("run xtask")
}

fn describe(out: &Output) -> String {
    format!(
        "exit status: {}\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn assert_check_passes(root: &Path, when: &str) {
    let out = xtask(root, &["--check"]);
    assert!(out.status.success(), "`gen --check` {when} should pass:\n{}", describe(&out));
}

#[test]
fn broken_spec_is_reported_and_nothing_is_written() {
    let tmp = scratch_root();
    let root = tmp.path();
    assert_check_passes(root, "on an unmodified copy");

    // Break the first `type:` of chatrooms.yaml: name a type that does not exist.
    let rel = "spec/chatrooms.yaml";
    let text = fs::read_to_string(root.join(rel)).unwrap();
    let (index, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.trim_start().starts_with("type: "))
        .expect("chatrooms.yaml has a `type:` line");
    let col = line.find("type: ").unwrap() + "type: ".len() + 1;
    let broken_line = format!("{}NoSuchType", &line[..col - 1]);
    let broken: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| if i == index { format!("{broken_line}\n") } else { format!("{l}\n") })
        .collect();
    fs::write(root.join(rel), broken).unwrap();

    let before = (snapshot(&root.join("generated")), snapshot(&root.join("docs")), snapshot(&root.join("runtime")));
    let out = xtask(root, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "`gen` on a broken spec should fail:\n{}", describe(&out));
    let expected = format!(
        "{rel}:{}:{col}: error: unknown type `NoSuchType`: no type of that name is defined in any spec file",
        index + 1
    );
    assert!(stderr.lines().any(|l| l == expected), "stderr should contain\n  {expected}\n{}", describe(&out));
    assert!(stderr.contains("nothing was written"), "stderr should say nothing was written:\n{}", describe(&out));
    let after = (snapshot(&root.join("generated")), snapshot(&root.join("docs")), snapshot(&root.join("runtime")));
    assert!(before.0 == after.0, "generated/ changed although the spec is broken");
    assert!(before.1 == after.1, "docs/ changed although the spec is broken");
    assert!(before.2 == after.2, "runtime/ changed although the spec is broken");
}

#[test]
fn stale_and_extra_generated_files_are_caught_and_repaired() {
    let tmp = scratch_root();
    let root = tmp.path();
    let owned = root.join("generated/src/generated");
    // Start from a tree that matches the spec, so that the only differences
    // are the two made below (the other test checks the repository is fresh).
    let out = xtask(root, &[]);
    assert!(out.status.success(), "`gen` on a valid spec should succeed:\n{}", describe(&out));
    assert_check_passes(root, "right after `gen`");

    // Edit the first generated module by hand and plant a file the spec does not produce.
    let mut modules: Vec<PathBuf> = fs::read_dir(&owned)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    modules.sort();
    let edited = modules.first().expect("generated/src/generated holds modules").clone();
    let edited_rel = format!("generated/src/generated/{}", edited.file_name().unwrap().to_string_lossy());
    let original = fs::read(&edited).unwrap();
    let mut hand_edit = original.clone();
    hand_edit.extend_from_slice(b"// edited by hand\n");
    fs::write(&edited, &hand_edit).unwrap();
    let extra = owned.join("planted_by_test.rs");
    fs::write(&extra, "// not produced by the spec\n").unwrap();

    let out = xtask(root, &["--check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "`gen --check` with a hand-edited file should exit 1:\n{}", describe(&out));
    assert!(
        stderr.lines().any(|l| l.contains("stale") && l.contains(&edited_rel)),
        "stderr should name the stale file {edited_rel}:\n{}",
        describe(&out)
    );
    assert!(
        stderr.lines().any(|l| l.trim_start() == "-// edited by hand"),
        "stderr should show the diff line removing the hand edit:\n{}",
        describe(&out)
    );
    assert!(
        stderr.contains("generated/src/generated/planted_by_test.rs"),
        "stderr should name the extra file:\n{}",
        describe(&out)
    );
    // --check writes nothing.
    assert_eq!(fs::read(&edited).unwrap(), hand_edit, "`gen --check` modified {edited_rel}");
    assert!(extra.exists(), "`gen --check` removed the extra file");

    let out = xtask(root, &[]);
    assert!(out.status.success(), "`gen` should repair the tree:\n{}", describe(&out));
    assert_eq!(fs::read(&edited).unwrap(), original, "`gen` did not restore {edited_rel}");
    assert!(!extra.exists(), "`gen` did not remove the extra file");

    assert_check_passes(root, "after `gen`");
}
