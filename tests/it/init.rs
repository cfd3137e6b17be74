//! `brief init` and `brief new`, and what a published site must be: the `init` site
//! and the sample site built under a base URL with a path, with every internal link
//! resolving, valid Atom feeds, a sitemap with hreflang alternates, one 404 page.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use crate::support::{BIN, Site, stderr, stdout};

const BASE_URL: &str = "https://example.org/sub/";

fn brief_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// A fresh `brief init` site in a temp dir.
fn init_site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let out = brief_in(dir.path(), &["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    Site { dir }
}

const INIT_FILES: [&str; 6] = [
    ".github/workflows/pages.yml",
    ".gitignore",
    "brief.yaml",
    "content/briefings/arabic-language-day/index.ar.md",
    "content/briefings/arabic-language-day/index.en.md",
    "content/entities.yaml",
];

#[test]
fn init_makes_a_site_that_builds_and_checks_clean() {
    let parent = tempfile::tempdir().unwrap();
    let out = brief_in(parent.path(), &["init", "desk"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("created a brief site in ./desk\n"),
        "{text}"
    );
    for file in INIT_FILES {
        assert!(text.contains(&format!("  wrote    {file}\n")), "{text}");
    }
    let desk = parent.path().join("desk");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&desk)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&desk).unwrap().to_path_buf())
        .collect();
    files.sort();
    assert_eq!(files, INIT_FILES.map(PathBuf::from));

    let out = brief_in(parent.path(), &["-C", "desk", "build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("built 28 pages (ar 14, en 14), 3 entities, 4 events"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).is_empty(), "build warned: {}", stderr(&out));
    let out = brief_in(&desk, &["check", "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "check: no problems in 2 content files\n");
}

#[test]
fn init_refuses_a_directory_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "ملاحظات the editor keeps").unwrap();
    let out = brief_in(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not empty; `brief init --force` adds the site's files that are missing and never replaces one"),
        "{}",
        stderr(&out)
    );
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "init wrote into a non-empty directory");
}

#[test]
fn init_force_adds_what_is_missing_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let mine = "title: موقعي My site\nbase_url: /\nlanguages: [{code: ar}, {code: en}]\n";
    std::fs::write(dir.path().join("brief.yaml"), mine).unwrap();
    std::fs::write(dir.path().join(".gitignore"), "target/\n").unwrap();
    let out = brief_in(dir.path(), &["init", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("  skipped  brief.yaml (it exists)\n"),
        "{text}"
    );
    assert!(
        text.contains("  skipped  .gitignore (it exists)\n"),
        "{text}"
    );
    assert!(
        text.contains("  wrote    content/entities.yaml\n"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("brief.yaml")).unwrap(),
        mine
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
        "target/\n"
    );
    assert!(dir.path().join(".github/workflows/pages.yml").is_file());
}

#[test]
fn init_accepts_a_fresh_git_repository() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let out = brief_in(dir.path(), &["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("brief.yaml").is_file());
}

#[test]
fn init_refuses_a_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site"), "").unwrap();
    let out = brief_in(dir.path(), &["init", "site"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is a file, not a directory"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_workflow_builds_with_the_pages_base_url_and_deploys() {
    let site = init_site();
    let text = site.read(".github/workflows/pages.yml");
    let workflow: Value = serde_saphyr::from_str(&text).expect("the workflow is valid YAML");

    assert_eq!(
        workflow["permissions"],
        serde_json::json!({"contents": "read", "pages": "write", "id-token": "write"})
    );
    assert!(workflow["on"]["push"]["branches"] == serde_json::json!(["main"]));
    assert!(workflow["on"].get("workflow_dispatch").is_some());
    assert_eq!(
        workflow["env"]["BRIEF_VERSION"],
        env!("CARGO_PKG_VERSION"),
        "the workflow installs the brief that wrote it"
    );
    let jobs: Vec<&String> = workflow["jobs"].as_object().unwrap().keys().collect();
    assert_eq!(jobs, ["build", "deploy"]);

    let build = workflow["jobs"]["build"]["steps"].as_array().unwrap();
    let uses = |action: &str| {
        build
            .iter()
            .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(action)))
            .unwrap_or_else(|| panic!("no step uses {action}"))
    };
    uses("actions/checkout@");
    assert_eq!(uses("actions/configure-pages@")["id"], "pages");
    assert_eq!(
        uses("actions/upload-pages-artifact@")["with"]["path"],
        "public"
    );
    let runs: Vec<&str> = build.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(
        runs.contains(&"brief build --base-url \"${{ steps.pages.outputs.base_url }}/\""),
        "{runs:?}"
    );
    assert!(runs.contains(&"brief check"), "{runs:?}");
    assert!(
        runs.iter()
            .any(|r| r.starts_with("cargo install brief-ssg --locked")),
        "{runs:?}"
    );

    let deploy = &workflow["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert_eq!(
        deploy["environment"]["url"],
        "${{ steps.deployment.outputs.page_url }}"
    );
    let step = &deploy["steps"][0];
    assert!(
        step["uses"]
            .as_str()
            .unwrap()
            .starts_with("actions/deploy-pages@")
    );
    assert_eq!(step["id"], "deployment");
    let ignored: Vec<String> = site
        .read(".gitignore")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(String::from)
        .collect();
    assert_eq!(ignored, ["public/", ".brief-cache/"]);
}

#[test]
fn new_writes_one_file_per_language() {
    let site = init_site();
    let out = site.brief(&["new", "briefings/lavrov-visit"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "created content/briefings/lavrov-visit/index.ar.md\ncreated content/briefings/lavrov-visit/index.en.md\n"
    );
    let today = jiff::ZonedDateTime::now().date().to_string();
    for (lang, title) in [("ar", "عنوان الإحاطة"), ("en", "Briefing title")] {
        let text = site.read(&format!("content/briefings/lavrov-visit/index.{lang}.md"));
        for line in [
            format!("title: \"{title}\""),
            format!("date: {today}"),
            "entities: []".to_string(),
            "events: []".to_string(),
        ] {
            assert!(
                text.lines().any(|l| l == line),
                "{lang}: no `{line}` in\n{text}"
            );
        }
    }
    site.build(&[]);
    assert!(
        site.path()
            .join("public/ar/briefings/lavrov-visit/index.html")
            .is_file()
    );
    let out = site.brief(&["check", "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn new_refuses_to_overwrite_and_writes_nothing() {
    let site = init_site();
    let mine = "---\ntitle: \"مسودتي My draft\"\ndate: 2025-01-01\n---\n";
    site.write("content/briefings/x/index.ar.md", mine);
    let out = site.brief(&["new", "briefings/x"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: content/briefings/x/index.ar.md: already exists; `brief new` never replaces a file, so it wrote nothing\n"
    );
    assert_eq!(site.read("content/briefings/x/index.ar.md"), mine);
    assert!(!site.path().join("content/briefings/x/index.en.md").exists());
}

#[test]
fn new_refuses_names_that_leave_content() {
    let site = init_site();
    let before = site.files("");
    for name in [
        "../outside",
        "/tmp/x",
        "briefings/../../x",
        "briefings",
        "briefings/a/b",
        "briefings/My Story",
    ] {
        let out = site.brief(&["new", name]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
        assert!(
            stderr(&out).starts_with("error: "),
            "{name}: {}",
            stderr(&out)
        );
    }
    assert_eq!(site.files(""), before);
    assert!(!site.path().parent().unwrap().join("outside").exists());
}

#[test]
fn new_outside_a_site_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = brief_in(dir.path(), &["new", "briefings/x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("content").exists());
}

// ---- The published site -------------------------------------------------------

fn built(site: &Site) -> PathBuf {
    site.build(&["--base-url", BASE_URL]);
    site.path().join("public")
}

#[test]
fn every_internal_link_resolves() {
    for (name, site) in [("init", init_site()), ("sample", Site::sample())] {
        let public = built(&site);
        let broken = broken_links(&public);
        assert!(
            broken.is_empty(),
            "{name}: {} broken:\n{}",
            broken.len(),
            broken.join("\n")
        );
    }
}

#[test]
fn the_link_checker_finds_broken_links() {
    let site = init_site();
    let public = built(&site);
    std::fs::write(
        public.join("en/extra.html"),
        "<a href=\"/sub/en/nowhere/\">x</a> <a href=\"/en/\">y</a> <a href=\"/sub/en/#nope\">z</a> <a href=\"../ar/\">ok</a>",
    )
    .unwrap();
    let broken = broken_links(&public);
    assert_eq!(broken.len(), 3, "{broken:#?}");
}

#[test]
fn feeds_are_valid_atom() {
    for site in [init_site(), Site::sample()] {
        let public = built(&site);
        for lang in ["ar", "en"] {
            let feed = std::fs::read_to_string(public.join(format!("{lang}/atom.xml"))).unwrap();
            let (head, entries) = feed.split_once("<entry>").expect("the feed has entries");
            assert!(head.contains(&format!(
                "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">"
            )));
            assert_eq!(element(head, "id"), format!("{BASE_URL}{lang}/"));
            assert!(is_rfc3339(&element(head, "updated")), "{head}");
            assert!(!element(head, "title").is_empty());
            assert!(head.contains("<author><name>"), "{head}");
            assert!(head.contains(&format!("<link rel=\"self\" type=\"application/atom+xml\" href=\"{BASE_URL}{lang}/atom.xml\"/>")));
            for entry in entries.split("<entry>") {
                let id = element(entry, "id");
                assert!(
                    id.starts_with(&format!("{BASE_URL}{lang}/briefings/")),
                    "{id}"
                );
                assert!(!element(entry, "title").is_empty(), "{entry}");
                assert!(is_rfc3339(&element(entry, "updated")), "{entry}");
                assert!(is_rfc3339(&element(entry, "published")), "{entry}");
                assert!(!element(entry, "summary").is_empty(), "{entry}");
                assert!(entry.contains("<content type=\"html\">&lt;"), "{entry}");
                assert!(entry.contains(&format!(
                    "<link rel=\"alternate\" type=\"text/html\" href=\"{id}\"/>"
                )));
            }
        }
    }
}

#[test]
fn the_sitemap_has_hreflang_alternates_and_robots_points_at_it() {
    let site = init_site();
    let public = built(&site);
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    let briefing = sitemap
        .split("<url>")
        .find(|u| {
            u.contains("<loc>https://example.org/sub/en/briefings/arabic-language-day/</loc>")
        })
        .expect("the briefing is in the sitemap");
    for (lang, href) in [
        (
            "ar",
            "https://example.org/sub/ar/briefings/arabic-language-day/",
        ),
        (
            "en",
            "https://example.org/sub/en/briefings/arabic-language-day/",
        ),
    ] {
        assert!(
            briefing.contains(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{href}\"/>"
            )),
            "{briefing}"
        );
    }
    assert!(briefing.contains("hreflang=\"x-default\""), "{briefing}");
    assert!(sitemap.contains("<loc>https://example.org/sub/ar/tags/%D8%A7%D9%84%D9%84%D8%BA%D8%A9-%D8%A7%D9%84%D8%B9%D8%B1%D8%A8%D9%8A%D8%A9/</loc>"));
    let robots = std::fs::read_to_string(public.join("robots.txt")).unwrap();
    assert!(
        robots.contains("Sitemap: https://example.org/sub/sitemap.xml\n"),
        "{robots}"
    );
    assert!(public.join(".nojekyll").is_file());
    assert!(
        !public.join("CNAME").exists(),
        "no cname configured, no CNAME"
    );
}

#[test]
fn cname_is_written_when_configured() {
    let site = init_site();
    let config = site.read("brief.yaml");
    site.write(
        "brief.yaml",
        &config.replace(
            "# cname: briefings.example.org",
            "cname: briefings.example.org",
        ),
    );
    let public = built(&site);
    assert_eq!(
        std::fs::read_to_string(public.join("CNAME")).unwrap(),
        "briefings.example.org\n"
    );
}

#[test]
fn one_404_page_serves_both_languages() {
    let site = init_site();
    let public = built(&site);
    let pages: Vec<_> = site
        .files("public")
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "404.html"))
        .collect();
    assert_eq!(pages, [PathBuf::from("404.html")]);
    let page = std::fs::read_to_string(public.join("404.html")).unwrap();
    for needle in [
        "lang=\"ar\" dir=\"rtl\"",
        "lang=\"en\" dir=\"ltr\"",
        "href=\"/sub/ar/\"",
        "href=\"/sub/en/\"",
        "href=\"/sub/assets/style.css\"",
    ] {
        assert!(page.contains(needle), "no {needle} in\n{page}");
    }
}

/// The text of the first `<name>` element in `xml`.
fn element(xml: &str, name: &str) -> String {
    let open = format!("<{name}>");
    let Some(start) = xml.find(&open) else {
        return String::new();
    };
    let rest = &xml[start + open.len()..];
    rest[..rest.find(&format!("</{name}>")).unwrap_or(0)].to_string()
}

/// `2025-12-18T00:00:00Z` or with an offset, as Atom requires.
fn is_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && (text.ends_with('Z') || text[19..].contains(['+', '-']))
}

fn broken_links(public: &Path) -> Vec<String> {
    crate::links::broken(public, BASE_URL)
}
