//! Ctrl-C and SIGTERM → a prompt exit that leaves nothing behind. The signals are
//! caught from before the first build, and on one `brief serve` removes its build
//! directories and returns at once: it does not wait for a build under way (the
//! process ends right after, taking the build with it), for idle connections, or for
//! the site in memory to be freed piece by piece.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// The name every build directory of this process starts with, so that they can be
/// found and removed even while a build is still making them.
pub(crate) fn builds_prefix() -> String {
    format!("brief-serve-{}-", std::process::id())
}

/// Calls `on_signal` on the first Ctrl-C (or SIGTERM on Unix). Returns once the
/// handlers are in place, so no signal after this call is missed.
pub(crate) fn listen(on_signal: impl FnOnce() + Send + 'static) -> Result<()> {
    let (ready, installed) = std::sync::mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("brief-serve-signals".into())
        .spawn(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread()
                .enable_io()
                .build()
            {
                Ok(runtime) => runtime,
                Err(e) => {
                    let _ = ready.send(Err(e));
                    return;
                }
            };
            runtime.block_on(async move {
                #[cfg(unix)]
                {
                    use tokio::signal::unix::{SignalKind, signal};
                    let (mut interrupt, mut terminate) = match (
                        signal(SignalKind::interrupt()),
                        signal(SignalKind::terminate()),
                    ) {
                        (Ok(i), Ok(t)) => (i, t),
                        (Err(e), _) | (_, Err(e)) => {
                            let _ = ready.send(Err(e));
                            return;
                        }
                    };
                    let _ = ready.send(Ok(()));
                    tokio::select! {
                        _ = interrupt.recv() => {}
                        _ = terminate.recv() => {}
                    }
                }
                #[cfg(not(unix))]
                {
                    let ctrl_c = tokio::signal::ctrl_c();
                    let _ = ready.send(Ok(()));
                    let _ = ctrl_c.await;
                }
                on_signal();
            });
        })
        .map_err(|e| Error::Serve(format!("cannot watch for Ctrl-C: {e}")))?;
    match installed.recv() {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(Error::Serve(format!("cannot watch for Ctrl-C: {e}"))),
        Err(_) => Err(Error::Serve("cannot watch for Ctrl-C".into())),
    }
}

/// How long a stop spends removing build directories itself; what is left then is
/// handed to `rm -rf` in the background (a large site's builds hold thousands of
/// files, and unlinking them on a busy machine takes seconds).
const REMOVE_BUDGET: Duration = Duration::from_millis(60);

/// Removes every build directory this process made, wherever it is (memory-backed
/// or on disk). Used when a build is abandoned halfway.
pub(crate) fn remove_builds() {
    let prefix = builds_prefix();
    let places = places();
    let mut dirs = Vec::new();
    for place in &places {
        let Ok(entries) = std::fs::read_dir(place) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                dirs.push(entry.path());
            }
        }
    }
    remove(&dirs);
    sweep_after_exit(&places, &prefix);
}

/// Where build directories are made: the temporary directory, and on Linux the
/// memory-backed `/dev/shm`.
fn places() -> Vec<PathBuf> {
    let mut places = vec![std::env::temp_dir()];
    if cfg!(target_os = "linux") {
        places.push(Path::new("/dev/shm").to_path_buf());
    }
    places
}

/// The build directories of `brief serve` processes that ended without removing
/// them (killed with SIGKILL, crashed, stopped by the out-of-memory killer). In
/// `/dev/shm` they hold memory until the machine restarts.
pub(crate) fn dead_builds() -> Vec<PathBuf> {
    let own = std::process::id();
    let mut dead = Vec::new();
    for place in places() {
        let Ok(entries) = std::fs::read_dir(&place) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let pid = name
                .to_str()
                .and_then(|n| n.strip_prefix("brief-serve-"))
                .and_then(|rest| rest.split('-').next())
                .and_then(|pid| pid.parse::<u32>().ok());
            if let Some(pid) = pid
                && pid != own
                && !crate::output::alive(pid)
                && entry.file_type().is_ok_and(|t| t.is_dir())
            {
                dead.push(entry.path());
            }
        }
    }
    dead.sort();
    dead
}

/// Removes [`dead_builds`] in the background (a large site's build takes a while to
/// unlink), saying so through `report`.
pub(crate) fn sweep_dead_builds(report: impl Fn(String) + Send + 'static) {
    let _ = std::thread::Builder::new()
        .name("brief-serve-sweep".into())
        .spawn(move || {
            let dead = dead_builds();
            if dead.is_empty() {
                return;
            }
            let names: Vec<String> = dead.iter().map(|d| d.display().to_string()).collect();
            report(format!(
                "removing {} build folder(s) that earlier `brief serve` runs left when they were killed: {}",
                dead.len(),
                names.join(", ")
            ));
            for dir in dead {
                let _ = std::fs::remove_dir_all(dir);
            }
        });
}

/// Starts a detached shell that waits for this process to end, then removes every
/// `PLACE/PREFIX*` left: a build thread still running when the process decides to
/// stop may create a file, even a build directory, after [`remove`] has walked, and
/// only once the process is gone can nothing write again.
fn sweep_after_exit(places: &[PathBuf], prefix: &str) {
    if !cfg!(unix) {
        return;
    }
    // Single-quoted for the shell; the prefix is `brief-serve-PID-`, safe unquoted.
    let quote = |p: &Path| format!("'{}'", p.to_string_lossy().replace('\'', "'\\''"));
    let globs: Vec<String> = places
        .iter()
        .map(|place| format!("{}/{prefix}*", quote(place)))
        .collect();
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 0.02; done; rm -rf -- {globs}",
        pid = std::process::id(),
        globs = globs.join(" ")
    );
    let _ = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}

/// Removes `dirs` and everything in them: file by file for [`REMOVE_BUDGET`], then
/// whatever remains by a detached `rm -rf`, which outlives this process. Without
/// `rm` (or off Unix) it goes on removing here.
pub(crate) fn remove(dirs: &[PathBuf]) {
    let started = Instant::now();
    for (i, dir) in dirs.iter().enumerate() {
        for entry in walkdir::WalkDir::new(dir).contents_first(true) {
            let Ok(entry) = entry else { continue };
            let _ = if entry.file_type().is_dir() {
                std::fs::remove_dir(entry.path())
            } else {
                std::fs::remove_file(entry.path())
            };
            if started.elapsed() > REMOVE_BUDGET && hand_over(&dirs[i..]) {
                return;
            }
        }
    }
    // A thread still writing (a build being abandoned, the search index refreshed in
    // the background) may have added files after the walk listed the directory: what
    // is left goes to `rm -rf`, which runs on after this process has ended them.
    let left: Vec<PathBuf> = dirs.iter().filter(|d| d.exists()).cloned().collect();
    if !left.is_empty() {
        hand_over(&left);
    }
}

/// Starts `rm -rf DIRS` without waiting for it; false when it cannot be started.
fn hand_over(dirs: &[PathBuf]) -> bool {
    if !cfg!(unix) {
        return false;
    }
    std::process::Command::new("rm")
        .arg("-rf")
        .arg("--")
        .args(dirs)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_builds_of_processes_that_are_gone_are_dead() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let gone = child.id();
        child.wait().unwrap();
        let temp = std::env::temp_dir();
        let dead = temp.join(format!("brief-serve-{gone}-unit"));
        let mine = temp.join(format!("{}unit", builds_prefix()));
        let running = temp.join("brief-serve-1-unit");
        let other = temp.join(format!("brief-serve-{gone}x-unit"));
        for dir in [&dead, &mine, &running, &other] {
            std::fs::create_dir_all(dir).unwrap();
        }
        let found = dead_builds();
        for dir in [&dead, &mine, &running, &other] {
            let _ = std::fs::remove_dir_all(dir);
        }
        assert!(found.contains(&dead), "{found:?}");
        assert!(!found.contains(&mine));
        assert!(!found.contains(&running), "pid 1 is alive");
        assert!(!found.contains(&other), "not a pid");
    }
}
