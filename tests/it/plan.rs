//! One owner for every output path: a content file, a section, a tag, an entity, a
//! static file or a data file that would write where another source writes is an
//! error naming both, from `build` (which then leaves the previous output as it was)
//! and from `check`.

use crate::support::{Site, stderr, stdout};

fn page(title: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: 2025-03-01\n---\n\nنص قصير مع Latin text.\n")
}

/// Each case: the files added to the `basic` fixture, and what the error must say
/// (the path written twice, and both sources).
const CASES: &[(&str, &[&str], &[&str])] = &[
    (
        "a section named like a built-in page",
        &["content/timeline/review.en.md"],
        &[
            "two sources write `en/timeline/index.html`",
            "the listing of section `timeline` (content/timeline/)",
            "the timeline brief generates",
            "content/timeline/review.en.md",
        ],
    ),
    (
        "a content file where a tag page is",
        &["content/tags/syria.en.md"],
        &[
            "two sources write `en/tags/syria/index.html`",
            "the article content/tags/syria.en.md",
            "the listing of tag `Syria`",
            "give it another URL with `slug:`",
        ],
    ),
    (
        "a content file where an entity page is",
        &["content/entities/putin.en.md"],
        &[
            "two sources write `en/entities/putin/index.html`",
            "the article content/entities/putin.en.md",
            "the page of entity `putin` (content/entities.yaml)",
        ],
    ),
    (
        "a content file where a listing's second page is",
        &[
            "content/briefings/page/2.en.md",
            "content/briefings/extra/index.en.md",
        ],
        &[
            "two sources write `en/briefings/page/2/index.html`",
            "the article content/briefings/page/2.en.md",
            "page 2 of the listing of section `briefings`",
        ],
    ),
    (
        "a content file where a data file is",
        &["content/atom.xml.en.md"],
        &[
            "two sources write `en/atom.xml/index.html`",
            "the article content/atom.xml.en.md",
            "the Atom feed brief generates",
        ],
    ),
    (
        "a static file where a page is",
        &["static/en/timeline/index.html"],
        &[
            "two sources write `en/timeline/index.html`",
            "the static file static/en/timeline/index.html",
            "the timeline brief generates",
            "rename or move the static file",
        ],
    ),
];

#[test]
fn every_collision_is_an_error_naming_both_sources() {
    for (name, files, expected) in CASES {
        let site = Site::fixture("basic");
        site.build(&[]);
        let before = site.files("public");
        let index = site.read("public/en/index.html");
        for file in *files {
            let text = if file.ends_with(".md") {
                page(name)
            } else {
                "<p>static</p>".to_string()
            };
            site.write(file, &text);
        }
        let out = site.brief(&["build"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        for want in *expected {
            assert!(err.contains(want), "{name}: expected {want:?} in:\n{err}");
        }
        // Nothing was written: the previous output is as it was.
        assert_eq!(site.files("public"), before, "{name}");
        assert_eq!(site.read("public/en/index.html"), index, "{name}");

        let check = site.brief(&["check"]);
        assert_eq!(check.status.code(), Some(1), "{name}");
        let report = stdout(&check);
        assert!(
            report.contains(expected[0]),
            "{name}: check must report it too:\n{report}"
        );
    }
}

/// The site's own `static/` may replace a file of the built-in theme: that is how a
/// desk restyles it, and it is not a collision.
#[test]
fn a_static_file_may_replace_a_theme_asset() {
    let site = Site::fixture("basic");
    site.write("static/assets/style.css", "body { color: black }\n");
    site.build(&[]);
    assert_eq!(
        site.read("public/assets/style.css"),
        "body { color: black }\n"
    );
}

/// The sitemap and `check`'s link targets come from the same plan as the writer:
/// every URL in the sitemap is a file that was written, once.
#[test]
fn the_sitemap_lists_each_written_page_once() {
    let site = Site::sample();
    site.build(&["--base-url", "https://example.org/"]);
    let sitemap = site.read("public/sitemap.xml");
    let locs: Vec<&str> = sitemap
        .lines()
        .filter_map(|l| l.trim().strip_prefix("<loc>"))
        .filter_map(|l| l.strip_suffix("</loc>"))
        .collect();
    let unique: std::collections::BTreeSet<&&str> = locs.iter().collect();
    assert_eq!(unique.len(), locs.len(), "a URL is listed twice");
    for loc in &locs {
        let path = loc.trim_start_matches("https://example.org/");
        let decoded = percent_encoding::percent_decode_str(path)
            .decode_utf8()
            .unwrap();
        let file = site
            .path()
            .join("public")
            .join(&*decoded)
            .join("index.html");
        assert!(file.is_file(), "{loc} has no page");
    }
    assert!(locs.len() > 40, "{}", locs.len());
}
