//! Independent pieces of work (a spec file to read, an output file to emit)
//! spread over the machine's cores.

use std::sync::Mutex;

/// One piece of work, which may run on any thread, with a guess of its cost
/// in any unit (only the order matters): the costliest start first, so
/// that no thread is left with a long one at the end.
pub(crate) struct Job<'a, T> {
    pub cost: usize,
    pub run: Box<dyn FnOnce() -> T + Send + 'a>,
}

impl<'a, T> Job<'a, T> {
    pub fn new(cost: usize, run: impl FnOnce() -> T + Send + 'a) -> Self {
        Job { cost, run: Box::new(run) }
    }
}

/// Runs every job on up to as many threads as there are cores, and returns
/// the results in the jobs' order. A job that panics panics the caller once
/// the others end.
pub(crate) fn run<T: Send>(jobs: Vec<Job<'_, T>>) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(jobs.len());
    if threads <= 1 {
        return jobs.into_iter().map(|job| (job.run)()).collect();
    }
    let len = jobs.len();
    let mut queue: Vec<(usize, Job<'_, T>)> = jobs.into_iter().enumerate().collect();
    // Costliest last, as the queue is taken from the end; ties in order.
    queue.sort_by(|(i, a), (j, b)| a.cost.cmp(&b.cost).then(j.cmp(i)));
    let queue = Mutex::new(queue);
    let next = || queue.lock().unwrap_or_else(|e| e.into_inner()).pop();
    let work = || {
        let mut done = Vec::new();
        while let Some((i, job)) = next() {
            done.push((i, (job.run)()));
        }
        done
    };
    let mut results: Vec<Option<T>> = (0..len).map(|_| None).collect();
    std::thread::scope(|s| {
        let helpers: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        let mut all = work();
        for h in helpers {
            // The job's panic message is already printed; carry the panic on.
            all.extend(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        for (i, r) in all {
            results[i] = Some(r);
        }
    });
    results.into_iter().map(|r| r.expect("every job ran")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_order() {
        let jobs: Vec<Job<'_, usize>> = (0..50usize).map(|i| Job::new(i % 7, move || i * 2)).collect();
        assert_eq!(run(jobs), (0..50).map(|i| i * 2).collect::<Vec<_>>());
    }
}
