//! `brief check`: one fixture per class of finding, with the exact report, the exit
//! status, `--strict` and `--format json`.

use serde_json::Value;

use crate::support::{Site, stderr, stdout};

fn check(site: &Site, args: &[&str]) -> (i32, String) {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    let out = site.brief(&all);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    (out.status.code().unwrap_or(-1), stdout(&out))
}

fn json(site: &Site, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (code, text) = check(site, &all);
    (
        code,
        serde_json::from_str(&text).expect("check --format json prints JSON"),
    )
}

/// (severity, line, message) of every finding of `file` in a JSON report.
fn findings(report: &Value, file: &str) -> Vec<(String, Option<u64>, String)> {
    let files = report["files"].as_array().unwrap();
    let entry = files
        .iter()
        .find(|f| f["file"] == file)
        .unwrap_or_else(|| panic!("no findings for {file} in {report:#}"));
    entry["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_string(),
                f["line"].as_u64(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_clean_site_passes_and_writes_nothing() {
    let site = Site::fixture("check-entities");
    // The fixture without its unused entity.
    let registry = site.read("content/entities.yaml");
    let used = &registry[..registry.find("lavrov:").unwrap()];
    site.write("content/entities.yaml", used);
    let before = site.files("");
    let (code, out) = check(&site, &[]);
    assert_eq!(
        (code, out.as_str()),
        (0, "check: no problems in 2 content files\n")
    );
    assert_eq!(site.files(""), before, "check wrote files");
    let (code, out) = check(&site, &["--strict"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "check: no problems in 2 content files\n")
    );
}

#[test]
fn broken_links_are_errors() {
    let site = Site::fixture("check-links");
    let (code, out) = check(&site, &[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn links_to_drafts_resolve_with_drafts() {
    let site = Site::fixture("check-links");
    let (_, report) = json(&site, &["--drafts"]);
    let en = findings(&report, "content/briefings/alpha/index.en.md");
    assert!(!en.iter().any(|(_, _, m)| m.contains("draft")), "{en:#?}");
    assert_eq!(en.len(), 2, "{en:#?}");
}

#[test]
fn broken_links_as_json() {
    let site = Site::fixture("check-links");
    let (code, report) = json(&site, &[]);
    assert_eq!(code, 1);
    assert_eq!(report["passed"], false);
    assert_eq!(report["errors"], 9);
    assert_eq!(report["warnings"], 0);
    let files: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "content/briefings/alpha/index.ar.md",
            "content/briefings/alpha/index.en.md"
        ]
    );
    let first = &report["files"][0]["findings"][0];
    assert_eq!(
        first,
        &serde_json::json!({
            "severity": "error",
            "line": 11,
            "column": 22,
            "message": "`../gamma/index.ar.md` is not a page of this site",
            "label": "no such briefing",
            "help": "the path is relative to this file's directory and leads to content/briefings/gamma/index.ar.md, which does not exist",
        })
    );
    let ar = findings(&report, "content/briefings/alpha/index.ar.md");
    let lines: Vec<_> = ar.iter().map(|(_, line, _)| line.unwrap()).collect();
    assert_eq!(lines, [11; 6], "every broken link is on line 11: {ar:#?}");
}

#[test]
fn missing_and_stale_translations_are_warnings() {
    let site = Site::fixture("check-translations");
    let (code, out) = check(&site, &[]);
    assert_eq!(code, 0, "warnings alone pass");
    insta::assert_snapshot!(out);
}

#[test]
fn strict_turns_warnings_into_errors() {
    let site = Site::fixture("check-translations");
    let (code, out) = check(&site, &["--strict"]);
    assert_eq!(code, 1);
    assert!(
        out.ends_with("check: 4 errors in 5 content files (--strict: warnings count as errors)\n"),
        "{out}"
    );
    assert!(
        out.contains("error: this briefing has no `en` edition"),
        "{out}"
    );
    let (code, report) = json(&site, &["--strict"]);
    assert_eq!(code, 1);
    assert_eq!(
        (report["errors"].as_u64(), report["warnings"].as_u64()),
        (Some(4), Some(0))
    );
    assert_eq!(report["strict"], true);
}

#[test]
fn missing_translations_are_listed_per_language_in_json() {
    let site = Site::fixture("check-translations");
    let (code, report) = json(&site, &[]);
    assert_eq!(code, 0);
    assert_eq!(
        report["missing_translations"],
        serde_json::json!({
            "ar": ["content/briefings/only-en/index.ar.md", "translation_key `about`"],
            "en": ["content/briefings/only-ar/index.en.md"],
        })
    );
    assert_eq!(
        findings(&report, "content/briefings/stale/index.ar.md"),
        [(
            "warning".to_string(),
            Some(3),
            "stale translation: the `en` edition has `updated: 2025-02-20`, this `ar` edition `date: 2025-02-12`".to_string()
        )]
    );
}

#[test]
fn unused_entities_are_notes() {
    let site = Site::fixture("check-entities");
    let (code, out) = check(&site, &["--strict"]);
    assert_eq!(code, 0, "notes never fail, even with --strict");
    insta::assert_snapshot!(out);
    let (_, report) = json(&site, &[]);
    assert_eq!(
        findings(&report, "content/entities.yaml"),
        [(
            "note".to_string(),
            Some(14),
            "entity `lavrov` is not mentioned anywhere".to_string()
        )]
    );
}

#[test]
fn build_errors_are_reported_and_fail() {
    let site = Site::fixture("check-invalid");
    let (code, out) = check(&site, &[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
    let (code, report) = json(&site, &[]);
    assert_eq!(code, 1);
    assert_eq!(report["complete"], false);
    assert_eq!(
        report["files"][1]["findings"][0]["help"],
        "did you mean `putin`?"
    );
}

#[test]
fn not_a_site_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(crate::support::BIN)
        .arg("-C")
        .arg(dir.path())
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("has no brief.yaml"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
}

#[test]
fn the_sample_site_has_no_errors() {
    let site = Site::sample();
    let (code, out) = check(&site, &[]);
    assert_eq!(code, 0, "{out}");
}
