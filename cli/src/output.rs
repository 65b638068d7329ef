//! JSON on stdout: one document per call, or one compact line per item of
//! a walk. Pretty-printed for a terminal, compact for a pipe.

use std::io::{IsTerminal, Write};

use serde_json::Value;

use crate::exit::Failure;

/// Prints one JSON document.
pub fn document(v: &Value) -> Result<(), Failure> {
    let out = std::io::stdout();
    let pretty = out.is_terminal();
    let mut out = out.lock();
    let written = if pretty { serde_json::to_writer_pretty(&mut out, v) } else { serde_json::to_writer(&mut out, v) };
    written.map_err(|e| stdout_failed(e.into()))?;
    writeln!(out).and_then(|_| out.flush()).map_err(stdout_failed)
}

/// Prints one item of a walk on a line of its own.
pub fn line(out: &mut impl Write, v: &Value) -> Result<(), Failure> {
    serde_json::to_writer(&mut *out, v).map_err(|e| stdout_failed(e.into()))?;
    writeln!(out).map_err(stdout_failed)
}

pub fn stdout_failed(e: std::io::Error) -> Failure {
    Failure::LocalIo(format!("cannot write to stdout: {e}"))
}
