//! `cargo xtask gen [--check]`: regenerate `generated/` (and the OpenAPI
//! document and endpoint index) from `spec/`, or check that the files on disk
//! are what the spec produces.
//!
//! `cargo xtask docs-check PATH`: list where Easemob's docs (a local clone)
//! and `spec/` disagree; see [`docs_check`].

mod docs_check;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use codegen::OutputFile;

// Generation allocates and frees many small strings (the spec's tree, the
// model, pieces of text); with mimalloc it takes about a fifth less CPU than
// with the system allocator (86 vs 105 ms, `perf stat -r 20`, 2026-11-29).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: cargo xtask gen [--check] [--root DIR]
       cargo xtask docs-check PATH [--root DIR]

  gen          regenerate generated/, generated/openapi.json and docs/ENDPOINTS.md from spec/
  gen --check  exit 1, with a diff, if any of those files differ from what spec/ produces
  --root DIR   work on DIR/spec and DIR/generated instead of this repository's (for scratch copies)
  docs-check   compare spec/ with a clone of easemob/easemob-doc (`cargo xtask docs-check --help`)";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("gen") => {}
        Some("docs-check") => return docs_check::main(args, default_root()),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    }
    let (mut check, mut root) = (false, default_root());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--root" => match args.next() {
                Some(dir) => root = PathBuf::from(dir),
                None => {
                    eprintln!("{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--help" | "-h" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => {
                eprintln!("unknown argument `{arg}`\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    run(&root, check)
}

fn default_root() -> PathBuf {
    // xtask lives one level below the workspace root.
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn run(root: &Path, check: bool) -> ExitCode {
    // `XTASK_TIMINGS=1`: time each stage (on stderr); `=files`: each file too.
    let timings = std::env::var("XTASK_TIMINGS").ok().filter(|v| !v.is_empty() && v != "0");
    if timings.is_some() {
        codegen::timing::enable();
    }
    let code = run_gen(root, check);
    if let Some(v) = timings {
        eprint!("{}", codegen::timing::report(&codegen::timing::take(), v == "files"));
    }
    code
}

fn run_gen(root: &Path, check: bool) -> ExitCode {
    let started = Instant::now();
    // Each file is compared with the one on disk by the thread that made it.
    let generated = match codegen::generate_each(root, |f| {
        let started = Instant::now();
        let on_disk = on_disk(root, f);
        let took = started.elapsed();
        codegen::timing::record(codegen::timing::Stage { name: COMPARE_FILE, file: Some(f.path.clone()), took });
        on_disk
    }) {
        Ok(f) => f,
        Err(diags) => {
            eprintln!("{diags}");
            eprintln!("nothing was written: fix the spec and run `cargo xtask gen` again");
            return ExitCode::FAILURE;
        }
    };
    let generated_in = started.elapsed();
    let compare_started = Instant::now();
    let (files, on_disk): (Vec<OutputFile>, Vec<_>) = generated.into_iter().unzip();
    let plan = Plan::new(root, &files, on_disk);
    let stage = |name, took| codegen::timing::Stage { name, file: None, took };
    codegen::timing::record(stage("generate (all of codegen::generate)", generated_in));
    codegen::timing::record(stage("compare: the rest, after generation", compare_started.elapsed()));
    let plan = match plan {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let count = files.len();
    if check {
        if plan.is_clean() {
            println!("generated files are up to date ({count} files, generated in {generated_in:.2?})");
            return ExitCode::SUCCESS;
        }
        eprintln!("{}", plan.report());
        eprintln!("generated files are stale: run `cargo xtask gen` and commit the result");
        return ExitCode::FAILURE;
    }
    match plan.apply(root) {
        Ok(()) => {
            println!(
                "{} written, {} removed, {} unchanged ({count} files generated in {generated_in:.2?})",
                plan.changed.len(),
                plan.stale.len(),
                count - plan.changed.len(),
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The per-file stage of the comparison, timed within generation.
const COMPARE_FILE: &str = "compare with the file on disk";

/// A generated file against the one on disk.
enum OnDisk {
    Same,
    Missing,
    /// With the contents on disk.
    Differs(String),
}

fn on_disk(root: &Path, f: &OutputFile) -> std::io::Result<OnDisk> {
    let path = root.join(&f.path);
    // Nearly always the same: compare the bytes first, without decoding them.
    match same_bytes(&path, f.contents.as_bytes()) {
        Ok(true) if !f.contents.contains('\r') => return Ok(OnDisk::Same),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(OnDisk::Missing),
        Err(e) => return Err(std::io::Error::new(e.kind(), format!("{}: {e}", f.path))),
    }
    let old = std::fs::read_to_string(&path).map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", f.path)))?;
    // Compare with line endings normalised, as a checkout may convert them.
    let same = if old.contains('\r') { old.replace("\r\n", "\n") == f.contents } else { old == f.contents };
    Ok(if same { OnDisk::Same } else { OnDisk::Differs(old) })
}

thread_local! {
    /// Where [`same_bytes`] reads, one block for each thread, zeroed once.
    static BLOCK: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0; 1 << 16]);
}

/// Whether the file at `path` holds exactly `expected`, read a block at a
/// time: the 3 MB of generated files are not copied to fresh memory only to
/// be compared.
fn same_bytes(path: &Path, expected: &[u8]) -> std::io::Result<bool> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path)?;
    BLOCK.with_borrow_mut(|block| {
        let mut at = 0;
        loop {
            let n = match file.read(block) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if n == 0 {
                return Ok(at == expected.len());
            }
            if expected.get(at..at + n) != Some(&block[..n]) {
                return Ok(false);
            }
            at += n;
        }
    })
}

/// What differs between the generator's output and the tree.
struct Plan<'a> {
    /// Files to write: new or with other contents, with the old contents.
    changed: Vec<(&'a OutputFile, Option<String>)>,
    /// Files in an owned folder that the spec no longer produces.
    stale: Vec<String>,
}

impl<'a> Plan<'a> {
    fn new(root: &Path, files: &'a [OutputFile], on_disk: Vec<std::io::Result<OnDisk>>) -> std::io::Result<Self> {
        let mut changed = Vec::new();
        for (f, on_disk) in files.iter().zip(on_disk) {
            match on_disk? {
                OnDisk::Same => {}
                OnDisk::Missing => changed.push((f, None)),
                OnDisk::Differs(old) => changed.push((f, Some(old))),
            }
        }
        let mut stale = Vec::new();
        for dir in codegen::OWNED_DIRS {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
            for e in entries.flatten() {
                let rel = format!("{dir}/{}", e.file_name().to_string_lossy());
                if e.path().is_file() && !files.iter().any(|f| f.path == rel) {
                    stale.push(rel);
                }
            }
        }
        stale.sort();
        Ok(Plan { changed, stale })
    }

    fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.stale.is_empty()
    }

    fn report(&self) -> String {
        let mut out = String::new();
        for (f, old) in &self.changed {
            match old {
                None => out.push_str(&format!("missing: {}\n", f.path)),
                Some(old) => {
                    out.push_str(&format!("stale: {}\n", f.path));
                    out.push_str(&diff_excerpt(old, &f.contents, &f.path));
                }
            }
        }
        for s in &self.stale {
            out.push_str(&format!("not produced by the spec any more: {s}\n"));
        }
        out
    }

    fn apply(&self, root: &Path) -> std::io::Result<()> {
        for (f, _) in &self.changed {
            let path = root.join(&f.path);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&path, &f.contents)?;
            println!("wrote {}", f.path);
        }
        for s in &self.stale {
            std::fs::remove_file(root.join(s))?;
            println!("removed {s}");
        }
        Ok(())
    }
}

/// The first lines of a unified diff, enough to see what moved.
fn diff_excerpt(old: &str, new: &str, path: &str) -> String {
    const MAX_LINES: usize = 40;
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(2)
        .header(&format!("{path} (on disk)"), &format!("{path} (from spec)"))
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    let mut out: String = lines.iter().take(MAX_LINES).map(|l| format!("    {l}\n")).collect();
    if lines.len() > MAX_LINES {
        out.push_str(&format!("    … {} more diff lines\n", lines.len() - MAX_LINES));
    }
    out
}
