//! The check that secrets never reach logs, `Debug` or errors, in a binary
//! of its own: `tracing` decides per callsite whether anyone listens, and
//! tests running beside it on other threads without a subscriber can make
//! that decision race with this test's capture.

#[path = "faults/capture.rs"]
mod capture;
#[path = "faults/secrets.rs"]
mod secrets;
