//! Independent jobs on all cores: each thread takes the next job not yet taken, and results
//! come back in the jobs' order, so the output never depends on which thread finished first.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `work` applied to every job, on up to as many threads as there are cores. Put the slowest
/// jobs first: a thread that finishes early takes the next one.
pub fn map<J: Sync, R: Send>(jobs: &[J], work: impl Fn(&J) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(jobs.len());
    if threads <= 1 {
        return jobs.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else {
                            return done;
                        };
                        done.push((i, work(job)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            // A panic in a job is a bug; carry it over to this thread.
            .flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// [`map`], starting with the costliest jobs (so that no long job starts last and leaves the
/// other cores idle); results still come back in the jobs' order. `cost` is called once a job.
pub fn map_costliest_first<J: Sync, R: Send>(
    jobs: &[J],
    cost: impl Fn(&J) -> u64,
    work: impl Fn(&J) -> R + Sync,
) -> Vec<R> {
    let mut order: Vec<(u64, usize)> = jobs.iter().map(&cost).zip(0..).collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let done = map(&order, |&(_, i)| work(&jobs[i]));
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(jobs.len()).collect();
    for (&(_, i), result) in order.iter().zip(done) {
        slots[i] = Some(result);
    }
    slots.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_back_in_job_order() {
        let jobs: Vec<u64> = (0..100).collect();
        let squares = super::map(&jobs, |&j| {
            // Uneven work, so that threads finish out of order.
            std::thread::sleep(std::time::Duration::from_micros((100 - j) * 10));
            j * j
        });
        assert_eq!(squares, jobs.iter().map(|j| j * j).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u8], |&b| b).is_empty());
        let costly = super::map_costliest_first(&jobs, |&j| j % 7, |&j| j * j);
        assert_eq!(costly, jobs.iter().map(|j| j * j).collect::<Vec<_>>());
    }
}
