//! Progress of a batch of picture work (done of total) → the caller's reporter, but
//! only once the batch has run long enough (about two seconds) for a quiet terminal
//! to look stuck, and then at most a few times a second.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Told how far a batch has got: `done` of `total` items. Called from worker threads.
pub trait Progress: Sync {
    fn advance(&self, done: usize, total: usize);
}

/// No progress reporting.
impl Progress for () {
    fn advance(&self, _done: usize, _total: usize) {}
}

/// How long a batch runs before progress is shown.
pub const QUIET_FOR: Duration = Duration::from_secs(2);
const EVERY: Duration = Duration::from_millis(250);

/// Forwards progress to `report` once [`QUIET_FOR`] has passed since it was made (and
/// the batch is not over yet), then at most every 250 ms, and always the final `total
/// of total` once anything was shown (so a shown counter never stops short).
pub struct LateProgress<F> {
    start: Instant,
    quiet_for: Duration,
    last: Mutex<Option<Instant>>,
    report: F,
}

impl<F: Fn(usize, usize) + Sync> LateProgress<F> {
    pub fn new(report: F) -> Self {
        Self::after(QUIET_FOR, report)
    }

    pub fn after(quiet_for: Duration, report: F) -> Self {
        LateProgress {
            start: Instant::now(),
            quiet_for,
            last: Mutex::new(None),
            report,
        }
    }
}

impl<F> LateProgress<F> {
    /// Whether anything was reported yet.
    pub fn has_shown(&self) -> bool {
        self.last.lock().map(|l| l.is_some()).unwrap_or(false)
    }
}

impl<F> std::fmt::Debug for LateProgress<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LateProgress")
            .field("quiet_for", &self.quiet_for)
            .finish_non_exhaustive()
    }
}

impl<F: Fn(usize, usize) + Sync> Progress for LateProgress<F> {
    fn advance(&self, done: usize, total: usize) {
        let now = Instant::now();
        if now.duration_since(self.start) < self.quiet_for {
            return;
        }
        let Ok(mut last) = self.last.lock() else {
            return;
        };
        let due = match *last {
            // A batch that is already over has nothing to wait for.
            None => done < total,
            Some(shown) => done == total || now.duration_since(shown) >= EVERY,
        };
        if due {
            *last = Some(now);
            (self.report)(done, total);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn quiet_batches_report_nothing() {
        let seen = Mutex::new(Vec::new());
        let progress = LateProgress::after(Duration::from_secs(3600), |d, t| {
            seen.lock().unwrap().push((d, t))
        });
        for done in 1..=10 {
            progress.advance(done, 10);
        }
        assert!(seen.lock().unwrap().is_empty());
    }

    #[test]
    fn long_batches_report_the_first_step_and_the_end() {
        let seen = Mutex::new(Vec::new());
        let progress =
            LateProgress::after(Duration::ZERO, |d, t| seen.lock().unwrap().push((d, t)));
        for done in 1..=10 {
            progress.advance(done, 10);
        }
        // The steps in between come at most every 250 ms, and this loop takes less.
        assert_eq!(*seen.lock().unwrap(), [(1, 10), (10, 10)]);
    }

    #[test]
    fn a_batch_over_before_anything_was_shown_stays_quiet() {
        let seen = Mutex::new(Vec::new());
        let progress =
            LateProgress::after(Duration::ZERO, |d, t| seen.lock().unwrap().push((d, t)));
        progress.advance(3, 3);
        assert!(seen.lock().unwrap().is_empty());
        assert!(!progress.has_shown());
    }
}
