//! Base-theme co-occurrence: interviewees shared by each pair of base themes, counted from
//! each interviewee's distinct base themes straight into a theme × theme matrix.
//!
//! Not a join: a self-join would first build every pair as a row (40 s and 6 GB on 10^7
//! codings).

/// Co-occurrence: each interviewee's base themes counted pairwise straight into the theme ×
/// theme matrix (a self-join would first build every pair as a row: 40 s and 6 GB on 10^7
/// codings). The increments are most of the cost of the tables at scale, so the interviewees
/// are split over the cores, each counting into a matrix of its own, summed at the end.
pub(super) fn count_cooccurrence(
    n: usize,
    themes_of: &[u32],
    runs: &[(usize, std::ops::Range<usize>)],
) -> Vec<Vec<u32>> {
    let count = |runs: &[(usize, std::ops::Range<usize>)]| {
        let mut matrix = vec![0u32; n * n];
        for (_, run) in runs {
            let cited = &themes_of[run.clone()];
            for (k, &a) in cited.iter().enumerate() {
                // Themes are ascending within a run: this fills the upper triangle.
                let row = &mut matrix[a as usize * n..(a as usize + 1) * n];
                for &b in &cited[k..] {
                    row[b as usize] += 1;
                }
            }
        }
        matrix
    };
    // One matrix per thread: worth it only when the matrices are small beside the work.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let matrix_bytes = n * n * 4;
    let work: usize = runs.iter().map(|(_, r)| r.len() * (r.len() + 1) / 2).sum();
    let upper = if threads > 1 && matrix_bytes <= 64 << 20 && work > 4 * n * n {
        // Split where the pairwise work (not the number of interviewees) is halved.
        let share = work.div_ceil(threads);
        let mut chunks = Vec::new();
        let (mut from, mut acc) = (0, 0);
        for (i, (_, r)) in runs.iter().enumerate() {
            acc += r.len() * (r.len() + 1) / 2;
            if acc >= share {
                chunks.push(&runs[from..=i]);
                (from, acc) = (i + 1, 0);
            }
        }
        chunks.push(&runs[from..]);
        let partial: Vec<Vec<u32>> = std::thread::scope(|scope| {
            let workers: Vec<_> = chunks
                .iter()
                .map(|chunk| scope.spawn(|| count(chunk)))
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        });
        let mut total = vec![0u32; n * n];
        for matrix in partial {
            for (t, v) in total.iter_mut().zip(matrix) {
                *t += v;
            }
        }
        total
    } else {
        count(runs)
    };
    // Mirror the upper triangle.
    (0..n)
        .map(|a| (0..n).map(|b| upper[a.min(b) * n + a.max(b)]).collect())
        .collect()
}
