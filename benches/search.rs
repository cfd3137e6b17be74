//! Search benchmark: loads a site (default: a 2,000-pair corpus made by
//! `examples/gen_corpus.rs`; pass a site root as the first argument) and prints, per
//! language, the time to make the records from the model, to index them with
//! Pagefind and the bundle's size, as medians of several runs.
//!
//! Run with `cargo bench --bench search -- /tmp/brief-bench/2000-1/site`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use brief::site::{LoadOptions, Site};

fn main() {
    let root = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/brief-bench/2000-1/site"));
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let site = Site::load(&root, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    for language in &site.config.languages {
        let code = language.code.as_str();
        let mut records_times = Vec::new();
        let mut index_times = Vec::new();
        let mut size = (0, 0, 0);
        for _ in 0..runs {
            let start = Instant::now();
            let records = brief::search::records(&site, code);
            records_times.push(start.elapsed());
            let words: usize = records.iter().map(|r| r.content.split(' ').count()).sum();
            let start = Instant::now();
            let files = brief::search::index(records).unwrap_or_else(|e| panic!("{e}"));
            index_times.push(start.elapsed());
            size = (files.len(), files.iter().map(|(_, b)| b.len()).sum(), words);
        }
        println!(
            "{code}: records {:>8.1} ms, Pagefind {:>8.1} ms (median of {runs}); {} files, {} bytes, {} indexed words",
            median(&mut records_times),
            median(&mut index_times),
            size.0,
            size.1,
            size.2
        );
    }
}

fn median(times: &mut [Duration]) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}
