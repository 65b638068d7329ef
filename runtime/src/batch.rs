//! Batches: a list of any length sent in calls of the documented size. The
//! generated `send_all()` methods name the list and its size; the loop and
//! its failure report live here, once.

use std::fmt;

use crate::error::Error;
use crate::response::Response;

/// A `send_all()` that stopped at a failed call.
///
/// The calls before it have taken effect: their results are in
/// [`completed`](Self::completed), and [`items_done`](Self::items_done) says
/// how many items of the list they covered, so the caller can resume from
/// there. Converts into [`Error`] (dropping the completed results) for `?`.
#[non_exhaustive]
pub struct BatchError<O> {
    /// The merged results of the calls that succeeded, in order.
    pub completed: Vec<O>,
    /// How many items of the list those calls covered (a prefix of the list).
    pub items_done: usize,
    /// How many items the list had.
    pub items_total: usize,
    /// Why the failed call failed.
    pub error: Error,
}

impl<O> fmt::Debug for BatchError<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BatchError")
            .field("completed", &self.completed.len())
            .field("items_done", &self.items_done)
            .field("items_total", &self.items_total)
            .field("error", &self.error)
            .finish()
    }
}

impl<O> fmt::Display for BatchError<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "batch stopped after {} of {} items (the calls for those took effect)",
            self.items_done, self.items_total
        )
    }
}

impl<O> std::error::Error for BatchError<O> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl<O> From<BatchError<O>> for Error {
    fn from(e: BatchError<O>) -> Self {
        e.error
    }
}

/// Sends `req` once per chunk of at most `max` items of its list, one call
/// after another, and merges the answers with `collect`.
///
/// `take` moves the list out of the request (leaving a cheap template to
/// clone) and `put` sets a chunk on a copy. An empty list is still sent once,
/// so the operation's own rule about empty lists decides.
pub async fn send_all<R, I, T, O, F>(
    mut req: R,
    max: usize,
    take: fn(&mut R) -> Vec<I>,
    put: fn(&mut R, Vec<I>),
    send: fn(R) -> F,
    collect: fn(&mut Vec<O>, T),
) -> Result<Vec<O>, BatchError<O>>
where
    R: Clone,
    F: Future<Output = Result<Response<T>, Error>>,
{
    let max = max.max(1);
    let mut items = take(&mut req).into_iter();
    let items_total = items.len();
    let mut completed = Vec::new();
    let mut items_done = 0;
    loop {
        let chunk: Vec<I> = items.by_ref().take(max).collect();
        let n = chunk.len();
        let mut call = req.clone();
        put(&mut call, chunk);
        match send(call).await {
            Ok(answer) => collect(&mut completed, answer.data),
            Err(error) => return Err(BatchError { completed, items_done, items_total, error }),
        }
        items_done += n;
        if items.len() == 0 {
            return Ok(completed);
        }
    }
}
