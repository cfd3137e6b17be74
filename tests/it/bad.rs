//! The bad-input corpus: `tests/fixtures/bad/<case>/` holds one writer's mistake as
//! files laid over the `basic` fixture site (and an optional `_setup` of `remove`,
//! `mkdir` and `symlink` lines). For every case, `brief build` runs on a site that
//! was built once before; the test checks that nothing panics, snapshots the exit code
//! and the messages (file, line, column, headline, help), and, when the build fails,
//! that the previous output is byte for byte what it was.

use std::path::Path;
use std::process::Command;

use rayon::prelude::*;

use crate::support::{BIN, Site, repo, tree};

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.unwrap();
        let name = entry.path().strip_prefix(from).unwrap();
        if name == Path::new("_setup") {
            continue;
        }
        let target = to.join(name);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn setup(site: &Path, script: &str) {
    for line in script.lines().filter(|l| !l.trim().is_empty()) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["remove", path] => {
                let path = site.join(path);
                if path.is_dir() {
                    std::fs::remove_dir_all(path).unwrap();
                } else {
                    std::fs::remove_file(path).unwrap();
                }
            }
            ["mkdir", path] => std::fs::create_dir_all(site.join(path)).unwrap(),
            #[cfg(unix)]
            ["symlink", target, link] => {
                let link = site.join(link);
                std::fs::create_dir_all(link.parent().unwrap()).unwrap();
                std::os::unix::fs::symlink(target, link).unwrap();
            }
            _ => panic!("unknown setup line {line:?}"),
        }
    }
}

/// The result of one case, as it is snapshot.
struct Outcome {
    case: String,
    report: String,
    problems: Vec<String>,
}

/// A line `pictures: 3/5` of the pictures' progress.
fn is_picture_progress(line: &str) -> bool {
    let Some((done, total)) = line
        .strip_prefix("pictures: ")
        .and_then(|rest| rest.trim_end().split_once('/'))
    else {
        return false;
    };
    done.parse::<usize>().is_ok() && total.parse::<usize>().is_ok()
}

fn run(case: &str, base: &Path) -> Outcome {
    let dir = repo().join("tests/fixtures/bad").join(case);
    let site = tempfile::tempdir().unwrap();
    copy_tree(base, site.path());
    let before = tree(&site.path().join("public"));
    copy_tree(&dir, site.path());
    if let Ok(script) = std::fs::read_to_string(dir.join("_setup")) {
        setup(site.path(), &script);
    }
    let out = Command::new(BIN)
        .arg("-C")
        .arg(site.path())
        .arg("build")
        .output()
        .unwrap();
    let code = out.status.code();
    let stderr =
        String::from_utf8_lossy(&out.stderr).replace(&site.path().display().to_string(), "[site]");
    // The pictures' progress shows once they take about two seconds: only when the
    // machine is loaded (the cases run side by side), so it is not in the report.
    let stderr: String = stderr
        .split_inclusive('\n')
        .filter(|line| !is_picture_progress(line))
        .collect();
    let mut problems = Vec::new();
    if stderr.contains("panicked") || !matches!(code, Some(0..=2)) {
        problems.push(format!("{case}: brief crashed ({code:?}):\n{stderr}"));
    }
    if code != Some(0) && tree(&site.path().join("public")) != before {
        problems.push(format!(
            "{case}: the failed build changed the previous output"
        ));
    }
    Outcome {
        case: case.to_string(),
        report: format!("exit code: {}\n\n{stderr}", code.unwrap_or(-1)),
        problems,
    }
}

#[test]
fn every_mistake_gets_its_message_and_leaves_the_output_alone() {
    let base = Site::fixture("basic");
    base.build(&[]);
    let mut cases: Vec<String> = std::fs::read_dir(repo().join("tests/fixtures/bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert!(cases.len() >= 60, "the corpus has {} cases", cases.len());
    let outcomes: Vec<Outcome> = cases.par_iter().map(|c| run(c, base.path())).collect();
    let problems: Vec<&String> = outcomes.iter().flat_map(|o| &o.problems).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    for outcome in &outcomes {
        insta::assert_snapshot!(outcome.case.as_str(), outcome.report);
    }
}

/// A title that opens an HTML comment and a script inside the JSON-LD block must
/// neither end the block nor hide the rest of the page: the block parses back as
/// JSON with the title as written, and the page's body is still there after it.
#[test]
fn metadata_cannot_break_the_json_ld_block() {
    let site = Site::fixture("basic");
    let title = "بوتين <!--<script> والشرع </script> Q&A";
    site.write(
        "content/briefings/call/index.en.md",
        &format!(
            "---\ntitle: '{title}'\ndate: 2025-02-12\n---\n\nThe call, with Vladimir Putin.\n"
        ),
    );
    site.build(&[]);
    let html = site.read("public/en/briefings/call/index.html");
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("a JSON-LD block") + open.len();
    let end = start + html[start..].find("</script>").expect("the block ends");
    let block = &html[start..end];
    assert!(!block.contains(['<', '>', '&']), "{block}");
    let json: serde_json::Value = serde_json::from_str(block).unwrap();
    assert_eq!(json["headline"], title);
    assert!(
        html[end..].contains("The call, with"),
        "the body follows the block"
    );
}
