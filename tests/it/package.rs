//! The package's own promises: `rust-version` is the highest that any dependency in
//! Cargo.lock needs, so `cargo install` on an older toolchain says so up front
//! instead of failing deep in a dependency.

use std::process::Command;

use crate::support::repo;

fn version(text: &str) -> Vec<u64> {
    text.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

#[test]
fn rust_version_is_the_highest_any_dependency_needs() {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .current_dir(repo())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let root = metadata["resolve"]["root"].as_str().unwrap();
    let resolved: std::collections::BTreeSet<&str> = metadata["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    let packages = metadata["packages"].as_array().unwrap();
    let ours = packages.iter().find(|p| p["id"] == root).unwrap();
    let needed = packages
        .iter()
        .filter(|p| p["id"] != root && resolved.contains(p["id"].as_str().unwrap_or("")))
        .filter_map(|p| Some((version(p["rust_version"].as_str()?), p["name"].to_string())))
        .max()
        .unwrap();
    let declared = version(ours["rust_version"].as_str().unwrap());
    assert_eq!(
        declared, needed.0,
        "Cargo.toml's rust-version must be the highest a dependency needs ({} needs {:?})",
        needed.1, needed.0
    );
}
