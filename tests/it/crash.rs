//! `brief build` killed with SIGKILL at many moments: the output directory is always
//! a whole site (the old one or the new one), and the next build removes what the
//! killed ones left beside it.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::{BIN, Site};

#[test]
fn a_killed_build_never_leaves_a_missing_or_partial_output() {
    let site = Site::sample();
    site.build(&[]);
    let whole = site.files("public");
    assert!(whole.len() > 40, "{whole:?}");

    // How long a build takes here, to spread the kills over all of it.
    let started = Instant::now();
    site.build(&[]);
    let span = started.elapsed().as_millis().max(20) as u64;

    let rounds = 24;
    for round in 0..rounds {
        let mut child = Command::new(BIN)
            .arg("-C")
            .arg(site.path())
            .arg("build")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // From the very start to a little past the end of a build.
        std::thread::sleep(Duration::from_millis(span * round / (rounds - 4)));
        child.kill().unwrap();
        child.wait().unwrap();
        assert_eq!(
            site.files("public"),
            whole,
            "after a kill {} ms into round {round}, the output is not a whole site",
            span * round / (rounds - 4)
        );
    }

    site.build(&[]);
    let left: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The picture cache stays: it is meant to outlive builds.
        .filter(|n| n.contains(".brief-") && n != brief::media::CACHE_DIR)
        .collect();
    assert!(left.is_empty(), "left beside the output: {left:?}");
    assert_eq!(site.files("public"), whole);
}
