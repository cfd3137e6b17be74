//! The git commit `brief` was built from → the `BRIEF_COMMIT` environment variable
//! for `brief --version`. Empty when this is not a git checkout (a crates.io
//! download, `cargo publish`'s verification build) or git is not installed: the
//! version alone is printed then, and the build never fails for want of git.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    println!("cargo:rerun-if-changed=build.rs");
    let commit = commit(&manifest).unwrap_or_default();
    println!("cargo:rustc-env=BRIEF_COMMIT={commit}");
}

/// The short hash of HEAD, asked of git only when the package directory itself is a
/// checkout: inside `target/package/` (publishing) git would otherwise answer for
/// the enclosing repository.
fn commit(manifest: &Path) -> Option<String> {
    if !manifest.join(".git").exists() {
        return None;
    }
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(manifest)
            .args(args)
            .output()
            .ok()?;
        out.status.success().then_some(())?;
        let text = String::from_utf8(out.stdout).ok()?;
        Some(text.trim().to_string()).filter(|t| !t.is_empty())
    };
    let hash = git(&["rev-parse", "--short=10", "HEAD"])?;
    // Rebuild the version when HEAD moves: HEAD itself (a checkout) and the branch
    // it points at (a commit). Only existing files: a missing one would rerun always.
    let mut watched = Vec::new();
    if let Some(dir) = git(&["rev-parse", "--absolute-git-dir"]) {
        watched.push(PathBuf::from(dir).join("HEAD"));
    }
    if let (Some(common), Some(branch)) = (
        git(&["rev-parse", "--path-format=absolute", "--git-common-dir"]),
        git(&["symbolic-ref", "-q", "HEAD"]),
    ) {
        watched.push(PathBuf::from(&common).join(branch));
        watched.push(PathBuf::from(&common).join("packed-refs"));
    }
    for path in watched.iter().filter(|p| p.is_file()) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    Some(hash)
}
