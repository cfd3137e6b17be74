//! The command line describing itself: completions, man pages, version, bare `brief`.

use std::process::Command;

use crate::support::{BIN, repo, stderr, stdout};

/// Every command a user can type; the list clap knows must be exactly this, so a new
/// command is added here on purpose and then checked in every output below.
const COMMANDS: &[&str] = &[
    "build",
    "init",
    "new",
    "check",
    "serve",
    "completions",
    "man",
    "version",
    "import",
];

fn brief(args: &[&str]) -> std::process::Output {
    Command::new(BIN).args(args).output().unwrap()
}

#[test]
fn the_known_commands_are_the_commands() {
    assert_eq!(brief::usage::command_names(), COMMANDS);
}

#[test]
fn completions_for_every_shell_name_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = brief(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.len() > 500, "{shell}: {script}");
        for command in COMMANDS {
            assert!(
                script.contains(command),
                "{shell} completions do not name `{command}`"
            );
        }
        // Flags of a command are completed too.
        assert!(script.contains("base-url"), "{shell}: no --base-url");
    }
    let out = brief(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("possible values: bash"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_man_page_lists_every_command_and_the_pages_are_written() {
    let out = brief(&["man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.starts_with(".ie"), "not roff: {page}");
    assert!(page.contains(".TH brief 1"), "{page}");
    for command in COMMANDS {
        // roff escapes the hyphen in `brief-build(1)`.
        assert!(
            page.contains(&format!("brief\\-{command}(1)")),
            "the man page does not list `{command}`"
        );
    }
    assert!(!page.contains("brief\\-help"), "lists a page never written");

    let dir = tempfile::tempdir().unwrap();
    let out = brief(&["man", "--output", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut written: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut expected: Vec<String> = COMMANDS.iter().map(|c| format!("brief-{c}.1")).collect();
    expected.push("brief.1".into());
    expected.sort();
    assert_eq!(written, expected);
    let build = std::fs::read_to_string(dir.path().join("brief-build.1")).unwrap();
    assert!(build.contains("\\-\\-base\\-url"), "{build}");
    assert_eq!(stdout(&out).lines().count(), expected.len());
}

#[test]
fn version_names_the_commit_it_was_built_from() {
    let word = stdout(&brief(&["version"]));
    let flag = stdout(&brief(&["--version"]));
    assert_eq!(word, flag);
    let version = format!("brief {}", env!("CARGO_PKG_VERSION"));
    assert!(word.starts_with(&version), "{word}");
    let head = Command::new("git")
        .arg("-C")
        .arg(repo())
        .args(["rev-parse", "--short=10", "HEAD"])
        .output();
    match head {
        Ok(head) if head.status.success() && repo().join(".git").exists() => {
            let commit = String::from_utf8(head.stdout).unwrap();
            assert_eq!(word, format!("{version} (commit {})\n", commit.trim()));
        }
        // Not a checkout (a crates.io download): the version alone.
        _ => assert_eq!(word, format!("{version}\n")),
    }
}

#[test]
fn a_bare_brief_prints_the_help_and_exits_as_a_usage_error() {
    let out = brief(&[]);
    assert_eq!(out.status.code(), Some(2));
    let help = stderr(&out);
    assert!(help.contains("Usage: brief [OPTIONS] <COMMAND>"), "{help}");
    for command in COMMANDS {
        assert!(
            help.contains(&format!("\n  {command} ")),
            "help lacks {command}"
        );
    }
    assert!(stdout(&out).is_empty());
}
