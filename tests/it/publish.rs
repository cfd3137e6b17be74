//! The GitHub Pages workflow `brief init` writes, run for real: every `run:` step of
//! its build job in order, in a fresh `brief init` site, with the values the Pages
//! actions give a project site (`https://org.github.io/repo`).
//!
//! The install step is checked word for word and then pointed at this working tree:
//! with `BRIEF_WORKFLOW_INSTALL=cargo` (what `.ci/workflow` sets) it runs
//! `cargo install --path <repo> --locked`; without it, the test copies the `brief`
//! this test run built, because a release build inside `cargo test` would take
//! minutes and wait on the build directory's lock.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{BIN, Site, repo, stderr, stdout};

const PAGES_BASE_URL: &str = "https://org.github.io/repo";

/// One run of a workflow's build job: its environment and the outputs of its steps.
struct Run {
    site: Site,
    env: BTreeMap<String, String>,
    outputs: BTreeMap<String, BTreeMap<String, String>>,
    bin: PathBuf,
    _tools: tempfile::TempDir,
}

impl Run {
    fn new(install: Option<&str>) -> (Run, Vec<Value>) {
        let dir = tempfile::tempdir().unwrap();
        let mut args = vec!["init".to_string()];
        if let Some(install) = install {
            args.push(format!("--install={install}"));
        }
        let out = Command::new(BIN)
            .current_dir(dir.path())
            .args(&args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let site = Site { dir };
        let workflow: Value = serde_saphyr::from_str(&site.read(".github/workflows/pages.yml"))
            .expect("the workflow is YAML");
        let env = workflow["env"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect();
        let tools = tempfile::tempdir().unwrap();
        let bin = tools.path().join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        let steps = workflow["jobs"]["build"]["steps"]
            .as_array()
            .unwrap()
            .clone();
        let run = Run {
            site,
            env,
            outputs: BTreeMap::new(),
            bin,
            _tools: tools,
        };
        (run, steps)
    }

    /// `${{ … }}` → its value, for the expressions the workflow uses. Anything else
    /// fails the test, so a new expression in the workflow is noticed here.
    fn expand(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${{") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find("}}").expect("closed expression") + start;
            let expr = rest[start + 3..end].trim();
            out.push_str(&self.value(expr));
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    }

    fn value(&self, expr: &str) -> String {
        let parts: Vec<&str> = expr.split('.').collect();
        match parts.as_slice() {
            ["runner", "os"] => "Linux".to_string(),
            ["github", "sha"] => "0123456789abcdef0123456789abcdef01234567".to_string(),
            ["env", name] => self.env[*name].clone(),
            ["steps", id, "outputs", key] => self
                .outputs
                .get(*id)
                .and_then(|o| o.get(*key))
                .unwrap_or_else(|| panic!("no output {key} of step {id}"))
                .clone(),
            _ => panic!("the test does not know the expression `{expr}`"),
        }
    }

    /// The `if:` conditions the workflow uses: `steps.X.outputs.Y != 'true'`.
    fn condition(&self, condition: &str) -> bool {
        let (left, right) = condition
            .split_once(" != ")
            .unwrap_or_else(|| panic!("unknown condition `{condition}`"));
        self.value(left.trim()) != right.trim().trim_matches('\'')
    }

    /// Runs a `run:` script the way GitHub's ubuntu runners do (`bash -eo pipefail`),
    /// with the workflow's env, and collects what it writes to `$GITHUB_OUTPUT`.
    fn script(&mut self, id: Option<&str>, script: &str) -> std::process::Output {
        let output_file = self._tools.path().join("github_output");
        std::fs::write(&output_file, "").unwrap();
        let path = format!(
            "{}:{}",
            self.bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let out = Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
            .current_dir(self.site.path())
            .envs(&self.env)
            .env("PATH", path)
            .env("GITHUB_OUTPUT", &output_file)
            .output()
            .unwrap();
        if let Some(id) = id {
            let written = std::fs::read_to_string(&output_file).unwrap();
            let outputs = self.outputs.entry(id.to_string()).or_default();
            for line in written.lines() {
                let (k, v) = line.split_once('=').expect("key=value");
                outputs.insert(k.to_string(), v.to_string());
            }
        }
        out
    }

    /// Puts the working tree's `brief` on the PATH (see the module comment).
    fn install_working_tree(&self) {
        if std::env::var("BRIEF_WORKFLOW_INSTALL").as_deref() == Ok("cargo") {
            let root = self.bin.parent().unwrap();
            let out = Command::new(env!("CARGO"))
                .args(["install", "--path"])
                .arg(repo())
                .args(["--locked", "--root"])
                .arg(root)
                .output()
                .unwrap();
            assert!(out.status.success(), "cargo install: {}", stderr(&out));
        } else {
            std::fs::copy(BIN, self.bin.join("brief")).unwrap();
        }
    }
}

#[test]
fn the_workflow_steps_publish_a_project_site_with_no_broken_link() {
    let (mut run, steps) = Run::new(None);
    assert_eq!(run.env["BRIEF_VERSION"], env!("CARGO_PKG_VERSION"));
    let mut ran = Vec::new();
    for step in &steps {
        let id = step["id"].as_str();
        let name = step["name"].as_str().unwrap_or("");
        if let Some(condition) = step["if"].as_str()
            && !run.condition(condition)
        {
            ran.push(format!("skipped {name}"));
            continue;
        }
        if let Some(uses) = step["uses"].as_str() {
            let action = uses.split('@').next().unwrap();
            match action {
                "actions/checkout" => {}
                "actions/configure-pages" => {
                    // What the action outputs for a project site: no trailing slash.
                    run.outputs
                        .entry(id.unwrap().to_string())
                        .or_default()
                        .insert("base_url".to_string(), PAGES_BASE_URL.to_string());
                }
                "actions/cache"
                    if step["with"]["path"]
                        .as_str()
                        .unwrap()
                        .starts_with(".brief-cache") =>
                {
                    // The pictures and search of the last run: a first run has none.
                    // Not the stored pages, which a restored cache cannot match.
                    let paths: Vec<&str> = step["with"]["path"].as_str().unwrap().lines().collect();
                    assert_eq!(paths, [".brief-cache", "!.brief-cache/pages"]);
                    assert_eq!(step["with"]["restore-keys"], "brief-cache-");
                    assert_eq!(
                        run.expand(step["with"]["key"].as_str().unwrap()),
                        "brief-cache-0123456789abcdef0123456789abcdef01234567"
                    );
                }
                "actions/cache" => {
                    assert_eq!(step["with"]["path"], "~/.cargo/bin/brief");
                    assert_eq!(
                        run.expand(step["with"]["key"].as_str().unwrap()),
                        format!("brief-ssg-Linux-{}", env!("CARGO_PKG_VERSION"))
                    );
                    run.outputs
                        .entry(id.unwrap().to_string())
                        .or_default()
                        .insert("cache-hit".to_string(), "false".to_string());
                }
                "actions/upload-pages-artifact" => {
                    let path = run.site.path().join(step["with"]["path"].as_str().unwrap());
                    assert!(path.join("index.html").is_file(), "nothing to upload");
                }
                other => panic!("the test does not know the action {other}"),
            }
            ran.push(format!("uses {action}"));
            continue;
        }
        let script = run.expand(step["run"].as_str().expect("a step runs or uses"));
        if name == "Install brief" {
            assert_eq!(
                script,
                "cargo install brief-ssg --locked --version \"$BRIEF_VERSION\""
            );
            run.install_working_tree();
            ran.push(format!("ran {name} (from the working tree)"));
            continue;
        }
        let out = run.script(id, &script);
        assert!(
            out.status.success(),
            "step {name} failed:\n{script}\n{}{}",
            stdout(&out),
            stderr(&out)
        );
        ran.push(format!("ran {name}"));
    }
    assert_eq!(
        ran,
        [
            "uses actions/checkout",
            "uses actions/configure-pages",
            "uses actions/cache",
            "ran Install brief (from the working tree)",
            "uses actions/cache",
            "ran Check",
            "ran Build",
            "uses actions/upload-pages-artifact",
        ]
    );

    let public = run.site.path().join("public");
    let home = std::fs::read_to_string(public.join("ar/index.html")).unwrap();
    assert!(
        home.contains("href=\"/repo/assets/style.css\""),
        "the build did not use the Pages base URL"
    );
    let broken = crate::links::broken(&public, &format!("{PAGES_BASE_URL}/"));
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    let out = run.site.brief(&["check", "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn the_git_install_finds_the_commit_of_a_branch_tag_or_head() {
    // A real repository standing in for a desk's fork of brief.
    let fork = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .current_dir(fork.path())
            .args(["-c", "user.name=Desk", "-c", "user.email=desk@example.org"])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
        stdout(&out).trim().to_string()
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["commit", "-q", "--allow-empty", "-m", "أول إصدار first"]);
    let first = git(&["rev-parse", "HEAD"]);
    git(&["tag", "-a", "v0.2.0", "-m", "release"]);
    git(&["commit", "-q", "--allow-empty", "-m", "second"]);
    let head = git(&["rev-parse", "HEAD"]);
    git(&["branch", "desk/arabic-fixes", &first]);
    let url = format!("file://{}", fork.path().display());

    for (rev, expected) in [
        (Some("v0.2.0"), Some(first.as_str())),
        (Some("desk/arabic-fixes"), Some(first.as_str())),
        (None, Some(head.as_str())),
        (Some(first.as_str()), Some(first.as_str())),
        (Some("v9.9.9"), None),
    ] {
        let source = match rev {
            Some(rev) => format!("git:{url}@{rev}"),
            None => format!("git:{url}"),
        };
        let (mut run, steps) = Run::new(Some(&source));
        assert_eq!(run.env["BRIEF_GIT"], url);
        let find = steps
            .iter()
            .find(|s| s["id"] == "brief-commit")
            .expect("a step finds the commit");
        let script = run.expand(find["run"].as_str().unwrap());
        let out = run.script(Some("brief-commit"), &script);
        match expected {
            Some(commit) => {
                assert!(out.status.success(), "{source}: {}", stdout(&out));
                assert_eq!(run.value("steps.brief-commit.outputs.commit"), commit);
                let install = steps.iter().find(|s| s["name"] == "Install brief").unwrap();
                assert_eq!(
                    run.expand(install["run"].as_str().unwrap()),
                    format!(
                        "cargo install brief-ssg --locked --git \"$BRIEF_GIT\" --rev \"{commit}\""
                    )
                );
            }
            None => {
                assert!(!out.status.success(), "{source}");
                assert!(
                    stdout(&out).contains("has no branch or tag named v9.9.9"),
                    "{}",
                    stdout(&out)
                );
            }
        }
    }
}

#[test]
fn a_bad_install_source_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .current_dir(dir.path())
        .args(["init", "--install", "npm:brief"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("write `crates.io` or `git:URL[@REV]`"));
    assert!(!Path::new(&dir.path().join("brief.yaml")).exists());
}
