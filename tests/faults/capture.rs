//! Capturing `tracing` output in tests, at TRACE level.

use std::sync::Arc;

/// A writer that keeps what it is given, for `tracing` output.
#[derive(Clone, Default)]
pub struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    /// What was written so far, as text; empties the buffer.
    pub fn take(&self) -> String {
        String::from_utf8_lossy(&std::mem::take(&mut *self.0.lock().unwrap())).into_owned()
    }
}

/// Captures every `tracing` event of this thread at TRACE level until the
/// guard is dropped.
pub fn capture_trace() -> (Captured, tracing::subscriber::DefaultGuard) {
    capture(tracing::Level::TRACE, tracing_subscriber::fmt::format::FmtSpan::NONE)
}

/// Captures events at `level` and up, and the span `events` asked for.
pub fn capture(
    level: tracing::Level,
    events: tracing_subscriber::fmt::format::FmtSpan,
) -> (Captured, tracing::subscriber::DefaultGuard) {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_span_events(events)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);
    // Other tests in this binary may have run callsites with no subscriber,
    // which caches them as uninteresting; make every callsite ask again.
    tracing::callsite::rebuild_interest_cache();
    (captured, guard)
}
