//! The user guide in docs/: a brief site in Arabic and English that must pass
//! `brief check --strict` and build, whose configuration reference lists exactly the
//! keys the code accepts, and whose every page exists in both languages.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;

use crate::support::{BIN, repo, stderr, stdout};

fn guide() -> PathBuf {
    repo().join("docs")
}

/// The keys in the first column of each table, by the id of the heading above it:
/// `## brief.yaml {#brief-yaml}` then `| \`title\` | … |` rows.
fn tables(page: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut tables: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut section = String::new();
    for line in page.lines() {
        if line.starts_with('#') {
            section = line
                .rsplit_once("{#")
                .map(|(_, id)| id.trim_end_matches('}').to_string())
                .unwrap_or_default();
        } else if let Some(cell) = line.strip_prefix("| `") {
            let key = cell.split('`').next().unwrap_or_default();
            assert!(
                !section.is_empty(),
                "a key table under a heading without an id: {line}"
            );
            tables
                .entry(section.clone())
                .or_default()
                .insert(key.to_string());
        }
    }
    tables
}

fn set(keys: &[&str]) -> BTreeSet<String> {
    keys.iter().map(|k| k.to_string()).collect()
}

#[test]
fn the_configuration_reference_lists_exactly_the_keys_the_code_accepts() {
    let expected: BTreeMap<String, BTreeSet<String>> = [
        ("brief-yaml", set(brief::keys::CONFIG)),
        ("language", set(brief::keys::LANGUAGE)),
        ("front-matter", set(brief::keys::FRONT_MATTER)),
        ("event", set(brief::keys::EVENT)),
        ("source", set(brief::keys::SOURCE)),
        ("entities-yaml", set(brief::keys::ENTITY)),
    ]
    .into_iter()
    .map(|(id, keys)| (id.to_string(), keys))
    .collect();
    for lang in ["ar", "en"] {
        let file = guide().join(format!("content/guide/configuration.{lang}.md"));
        let page = std::fs::read_to_string(&file).unwrap();
        let found = tables(&page);
        for (section, keys) in &expected {
            let listed = found.get(section).cloned().unwrap_or_default();
            let missing: Vec<_> = keys.difference(&listed).collect();
            let stale: Vec<_> = listed.difference(keys).collect();
            assert!(
                missing.is_empty() && stale.is_empty(),
                "{}, section #{section}: missing {missing:?}, not accepted by the code {stale:?}",
                file.display()
            );
        }
        assert_eq!(found.len(), expected.len(), "{}: {found:?}", file.display());
    }
}

#[test]
fn every_guide_page_exists_in_both_languages() {
    let mut pages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(guide().join("content/guide")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let (stem, lang) = name
            .strip_suffix(".md")
            .and_then(|n| n.rsplit_once('.'))
            .unwrap_or_else(|| panic!("{name} is not <page>.<lang>.md"));
        pages
            .entry(stem.to_string())
            .or_default()
            .insert(lang.to_string());
    }
    let both = set(&["ar", "en"]);
    for (page, langs) in &pages {
        assert_eq!(langs, &both, "{page}");
    }
    for needed in [
        "getting-started",
        "writing",
        "entities",
        "timelines",
        "search",
        "pictures",
        "publishing",
        "importing",
        "configuration",
        "errors",
    ] {
        assert!(pages.contains_key(needed), "the guide has no {needed} page");
    }
}

#[test]
fn the_guide_passes_a_strict_check_and_builds() {
    let check = Command::new(BIN)
        .arg("-C")
        .arg(guide())
        .args(["check", "--strict"])
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}{}",
        stdout(&check),
        stderr(&check)
    );
    assert!(
        stdout(&check).contains("check: no problems"),
        "{}",
        stdout(&check)
    );

    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let build = Command::new(BIN)
        .arg("-C")
        .arg(guide())
        .arg("build")
        .arg("--output")
        .arg(&target)
        .output()
        .unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    let page = std::fs::read_to_string(target.join("ar/guide/configuration/index.html")).unwrap();
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\""), "{page}");
    assert!(page.contains("مرجع الإعدادات"));
    assert!(page.contains("translation_key"));
}
