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
    let elsewhere = placement::elsewhere();
    std::thread::scope(|s| {
        let helpers: Vec<_> = (1..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    // Started away from this thread's core, then free again
                    // once one job has run there.
                    let placed = elsewhere.as_ref().and_then(placement::Elsewhere::start);
                    if let Some((i, job)) = next() {
                        done.push((i, (job.run)()));
                    }
                    drop(placed);
                    done.extend(work());
                    done
                })
            })
            .collect();
        if elsewhere.is_some() {
            // Lets a helper that was queued on this core run at once, move
            // itself, and start.
            std::thread::yield_now();
        }
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

/// Where a helper thread starts.
///
/// Linux puts a new thread on its parent's core and moves it to an idle one
/// only when it next balances load: on the 2-core machines this project is
/// built on, 5–10 ms later, while both threads share one core. Generation
/// has two parallel stages of 10–20 ms each, so that cost a third of it
/// (median wall time of `xtask gen --check` 57 ms, against 41 ms when the
/// helper starts elsewhere). A helper therefore moves itself to another of
/// the cores the process may use before its first job, and lets the
/// scheduler place it freely after that job.
#[cfg(target_os = "linux")]
mod placement {
    /// The cores the calling thread may use, and the same without its
    /// current core.
    pub(super) struct Elsewhere {
        allowed: libc::cpu_set_t,
        others: libc::cpu_set_t,
    }

    /// Until dropped, the calling thread runs only on the other cores.
    pub(super) struct Placed<'a>(&'a Elsewhere);

    /// The calling thread's cores, when there is another one to go to.
    pub(super) fn elsewhere() -> Option<Elsewhere> {
        // SAFETY: `cpu_set_t` is plain bits, for which all zeros is the
        // empty set; the calls get its true size and write only into it.
        unsafe {
            let mut allowed: libc::cpu_set_t = std::mem::zeroed();
            if libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut allowed) != 0 {
                return None;
            }
            let here = usize::try_from(libc::sched_getcpu()).ok()?;
            let mut others = allowed;
            if here < libc::CPU_SETSIZE as usize {
                libc::CPU_CLR(here, &mut others);
            }
            (libc::CPU_COUNT(&others) > 0).then_some(Elsewhere { allowed, others })
        }
    }

    impl Elsewhere {
        /// Moves the calling thread to the other cores; `None` if the
        /// system refused (then it stays where it is, which only costs time).
        pub(super) fn start(&self) -> Option<Placed<'_>> {
            set(&self.others).then_some(Placed(self))
        }
    }

    impl Drop for Placed<'_> {
        fn drop(&mut self) {
            set(&self.0.allowed);
        }
    }

    fn set(cores: &libc::cpu_set_t) -> bool {
        // SAFETY: reads only the set it is given, of its true size; pid 0 is
        // the calling thread.
        unsafe { libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), cores) == 0 }
    }
}

/// Elsewhere, threads start where the system puts them.
#[cfg(not(target_os = "linux"))]
mod placement {
    pub(super) enum Elsewhere {}
    pub(super) enum Placed {}

    pub(super) fn elsewhere() -> Option<Elsewhere> {
        None
    }

    impl Elsewhere {
        pub(super) fn start(&self) -> Option<Placed> {
            match *self {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_order() {
        let jobs: Vec<Job<'_, usize>> = (0..50usize).map(|i| Job::new(i % 7, move || i * 2)).collect();
        assert_eq!(run(jobs), (0..50).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_helper_starts_on_another_core_and_is_then_free() {
        fn cores() -> libc::cpu_set_t {
            // SAFETY: as in `placement`.
            unsafe {
                let mut set: libc::cpu_set_t = std::mem::zeroed();
                assert_eq!(libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set), 0);
                set
            }
        }
        let before = cores();
        // A machine (or a `taskset`) with one core has nowhere else to go.
        let Some(elsewhere) = placement::elsewhere() else { return };
        std::thread::scope(|s| {
            s.spawn(|| {
                let placed = elsewhere.start().expect("the system lets a thread narrow its own cores");
                let during = cores();
                // SAFETY: reads the calling thread's core number.
                let here = usize::try_from(unsafe { libc::sched_getcpu() }).unwrap();
                // SAFETY: compares and tests bits of sets that outlive the calls.
                unsafe {
                    assert!(!libc::CPU_EQUAL(&during, &before), "the helper's cores were narrowed");
                    assert!(libc::CPU_ISSET(here, &during), "it runs on one of its cores");
                    assert!(
                        (0..libc::CPU_SETSIZE as usize)
                            .all(|c| !libc::CPU_ISSET(c, &during) || libc::CPU_ISSET(c, &before))
                    );
                }
                drop(placed);
                // SAFETY: as above.
                assert!(unsafe { libc::CPU_EQUAL(&cores(), &before) }, "every core is allowed again");
            });
        });
    }
}
