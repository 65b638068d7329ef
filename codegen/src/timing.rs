//! Wall time per generation stage, for whoever makes generation faster:
//! `XTASK_TIMINGS=1 cargo xtask gen --check` prints them (`=files` adds
//! every file's). Off unless [`enable`]d; then a few clock reads per file.

use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static ENABLED: AtomicBool = AtomicBool::new(false);
static STAGES: Mutex<Vec<Stage>> = Mutex::new(Vec::new());

/// One timed stage, for one file or for the whole run.
#[derive(Debug, Clone)]
pub struct Stage {
    pub name: &'static str,
    /// The file the stage worked on; `None` for a whole-run stage.
    pub file: Option<String>,
    pub took: Duration,
}

/// Starts recording stage times (for the whole process).
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

/// Runs `f`, recording its wall time as stage `name` when timing is enabled.
pub(crate) fn stage<T>(name: &'static str, f: impl FnOnce() -> T) -> T {
    timed(name, || None, f)
}

/// Runs `f`, recording its wall time as stage `name` of `file`.
pub(crate) fn file_stage<T>(name: &'static str, file: &str, f: impl FnOnce() -> T) -> T {
    timed(name, || Some(file.to_owned()), f)
}

fn timed<T>(name: &'static str, file: impl FnOnce() -> Option<String>, f: impl FnOnce() -> T) -> T {
    if !ENABLED.load(Ordering::Relaxed) {
        return f();
    }
    let started = Instant::now();
    let out = f();
    let took = started.elapsed();
    record(Stage { name, file: file(), took });
    out
}

/// Records a stage timed elsewhere, when timing is enabled.
pub fn record(stage: Stage) {
    if ENABLED.load(Ordering::Relaxed) {
        STAGES.lock().unwrap_or_else(|e| e.into_inner()).push(stage);
    }
}

/// The stages recorded so far, in the order they ended, forgetting them.
pub fn take() -> Vec<Stage> {
    std::mem::take(&mut *STAGES.lock().unwrap_or_else(|e| e.into_inner()))
}

/// A table of `stages`: whole-run stages as they are, per-file stages
/// summed by name (and, with `per_file`, each file's too).
pub fn report(stages: &[Stage], per_file: bool) -> String {
    let mut names: Vec<&'static str> = Vec::new();
    for s in stages {
        if !names.contains(&s.name) {
            names.push(s.name);
        }
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "stage times in ms (wall; per-file stages are summed over files that ran on {} thread(s)):",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    for name in names {
        let of: Vec<&Stage> = stages.iter().filter(|s| s.name == name).collect();
        if of.iter().all(|s| s.file.is_none()) {
            for s in of {
                let _ = writeln!(out, "{:9.2}  {name}", ms(s.took));
            }
            continue;
        }
        let total: Duration = of.iter().map(|s| s.took).sum();
        let longest = of.iter().max_by_key(|s| s.took).expect("a stage");
        let _ = writeln!(
            out,
            "{:9.2}  {name} ({} files; longest {:.2} {})",
            ms(total),
            of.len(),
            ms(longest.took),
            longest.file.as_deref().unwrap_or_default()
        );
        if per_file {
            for s in of {
                let _ = writeln!(out, "{:9.2}      {}", ms(s.took), s.file.as_deref().unwrap_or_default());
            }
        }
    }
    out
}
