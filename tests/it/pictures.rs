//! Page bundles, feature images and what sharing reads: bundle files published once
//! and reached from both editions under a base path, `og:image` and `twitter:card` on
//! every briefing, broken references found at their exact place by `check` and
//! warned about by `build`, and the JSON-LD Google's Article checks ask for.

use std::path::Path;

use serde_json::Value;

use crate::support::{Site, stderr, stdout};

const BASE: &str = "https://example.org/briefings-desk/";
const BASE_PATH: &str = "/briefings-desk/";

fn built_sample() -> Site {
    let site = Site::sample();
    site.build(&["--base-url", BASE]);
    site
}

/// Every briefing page of the built site: (path below public/, text).
fn briefing_pages(site: &Site) -> Vec<(String, String)> {
    let mut pages = Vec::new();
    for lang in ["ar", "en"] {
        for file in site.files(&format!("public/{lang}/briefings")) {
            let path = format!("public/{lang}/briefings/{}", file.display());
            if file.components().count() == 2 && path.ends_with("index.html") {
                pages.push((path.clone(), site.read(&path)));
            }
        }
    }
    assert!(pages.len() >= 6, "{pages:?}");
    pages
}

/// The values of `attribute="…"` in `html`.
fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

#[test]
fn bundle_files_are_published_once_and_reached_from_both_editions() {
    let site = built_sample();
    let published = site.files("public");
    let maps: Vec<_> = published
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "map.png"))
        .collect();
    assert_eq!(
        maps,
        [Path::new("briefings/putin-sharaa-call/map.png")],
        "once per site, at its path below content/"
    );
    let url = format!("{BASE_PATH}briefings/putin-sharaa-call/map.png");
    // The Arabic edition uses Markdown, the English one raw HTML: both lead there.
    let ar = site.read("public/ar/briefings/putin-sharaa-call/index.html");
    let en = site.read("public/en/briefings/putin-sharaa-call/index.html");
    assert!(attribute_values(&ar, "src").contains(&url.as_str()), "{ar}");
    assert!(attribute_values(&en, "src").contains(&url.as_str()), "{en}");
    assert!(en.contains("width=\"1600\" height=\"1000\""));
}

#[test]
fn every_briefing_has_a_picture_to_share() {
    let site = built_sample();
    for (path, html) in briefing_pages(&site) {
        let image = html
            .split("<meta property=\"og:image\" content=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or_else(|| panic!("{path} has no og:image"));
        assert!(
            image.starts_with(BASE),
            "{path}: og:image {image} is not absolute"
        );
        assert!(
            html.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"),
            "{path}"
        );
        let file = image.strip_prefix(BASE).unwrap();
        assert!(
            site.path().join("public").join(file).is_file(),
            "{path}: {file} is not published"
        );
    }
    let en = site.read("public/en/briefings/putin-sharaa-call/index.html");
    for meta in [
        "<meta property=\"article:published_time\" content=\"2025-02-12\">",
        "<meta property=\"article:modified_time\" content=\"2025-02-13\">",
        "<meta property=\"article:tag\" content=\"Diplomacy\">",
    ] {
        assert!(en.contains(meta), "{meta}");
    }
    // The feature image is shown at the top, with its credit, in both languages.
    let ar = site.read("public/ar/briefings/bogdanov-damascus-visit/index.html");
    assert!(ar.contains("<figure class=\"feature\">"), "{ar}");
    assert!(ar.contains("width=\"1920\" height=\"1080\""), "{ar}");
    assert!(
        ar.contains("الصورة: رسم توليدي لموقع العيّنة (brief)"),
        "{ar}"
    );
    assert!(ar.contains("<meta property=\"og:image:alt\" content=\"أفق مدينة عند الغسق"));
    // And on the cards of listings.
    let home = site.read("public/en/index.html");
    assert!(
        home.contains(&format!(
            "<img class=\"card-image\" src=\"{BASE_PATH}briefings/bogdanov-damascus-visit/dusk.jpg\""
        )),
        "{home}"
    );
}

/// The acceptance-style check: every `href`, `src` and `srcset` URL of every page
/// that points inside the site leads to a published file.
#[test]
fn no_reference_is_broken_under_a_base_path() {
    let site = built_sample();
    let public = site.path().join("public");
    let mut broken = Vec::new();
    let mut seen = 0;
    for file in site.files("public") {
        if file.extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = std::fs::read_to_string(public.join(&file)).unwrap();
        let mut urls: Vec<&str> = attribute_values(&html, "href");
        urls.extend(attribute_values(&html, "src"));
        for set in attribute_values(&html, "srcset") {
            urls.extend(set.split(',').filter_map(|c| c.split_whitespace().next()));
        }
        for url in urls {
            let Some(inside) = url
                .strip_prefix(BASE)
                .or_else(|| url.strip_prefix(BASE_PATH))
            else {
                assert!(
                    !url.starts_with('/') || url.starts_with("//"),
                    "{}: `{url}` ignores the base path",
                    file.display()
                );
                continue;
            };
            seen += 1;
            let path = inside.split(['#', '?']).next().unwrap_or_default();
            let decoded = percent_encoding::percent_decode_str(path)
                .decode_utf8()
                .unwrap();
            let target = public.join(&*decoded);
            if !(target.is_file() || target.join("index.html").is_file()) {
                broken.push(format!("{}: {url}", file.display()));
            }
        }
    }
    assert!(seen > 500, "only {seen} site URLs found");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn check_finds_broken_pictures_at_their_place_and_build_warns() {
    let site = Site::sample();
    let file = "content/briefings/bogdanov-damascus-visit/index.en.md";
    let text = site.read(file);
    let text = text
        .replace("image: dusk.jpg", "image: duks.jpg")
        .replace(
            "\nThe visit gave",
            "\nSee the chart ![Chart of visits](chart.png) and <img alt=\"Al-Sharaa in Damascus\" src=\"photos/sharaa.jpg\">.\n\nThe visit gave",
        );
    site.write(file, &text);
    let out = site.brief(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let entry = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == file)
        .unwrap_or_else(|| panic!("{report:#}"));
    let found: Vec<(u64, u64, &str)> = entry["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    let line = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1;
    let column = |needle: &str, at: &str| {
        let l = text.lines().find(|l| l.contains(needle)).unwrap();
        l[..l.find(at).unwrap()].chars().count() as u64 + 1
    };
    let chart = line("chart.png");
    assert_eq!(
        found,
        [
            (
                line("image: duks.jpg"),
                8,
                "the feature image `duks.jpg` is not a file of this site"
            ),
            (
                chart,
                column("chart.png", "chart.png"),
                "`chart.png` is not a file of this page's bundle"
            ),
            (
                chart,
                column("chart.png", "photos/sharaa.jpg"),
                "`photos/sharaa.jpg` is not a file of this page's bundle"
            ),
        ],
        "{report:#}"
    );
    assert!(
        entry["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["help"] == "did you mean `dusk.jpg`?"),
        "{report:#}"
    );

    let out = site.brief(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let warnings = stderr(&out);
    for missing in ["chart.png", "photos/sharaa.jpg", "duks.jpg"] {
        assert!(warnings.contains(missing), "{missing}: {warnings}");
    }
    assert!(warnings.contains(&format!("{file}:{chart}:")), "{warnings}");
}

#[test]
fn a_feature_image_without_alt_text_is_a_warning() {
    let site = Site::sample();
    let file = "content/briefings/bogdanov-damascus-visit/index.ar.md";
    let text = site.read(file);
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("image_alt:"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write(file, &without);
    let out = site.brief(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let warnings = stderr(&out);
    let line = without
        .lines()
        .position(|l| l.starts_with("image:"))
        .unwrap()
        + 1;
    assert!(
        warnings.contains("the feature image has no alt text"),
        "{warnings}"
    );
    assert!(warnings.contains(&format!("{file}:{line}:")), "{warnings}");
}

/// The JSON-LD of a page.
fn json_ld(html: &str) -> Value {
    let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end].replace("<\\/", "</")).unwrap()
}

/// What Google's Article structured data asks for: headline, image, datePublished
/// (ISO 8601, a time with its zone), author with name and url, publisher with logo.
#[test]
fn every_briefing_meets_googles_article_requirements() {
    let site = built_sample();
    for (path, html) in briefing_pages(&site) {
        let ld = json_ld(&html);
        assert_eq!(ld["@type"], "NewsArticle", "{path}");
        let headline = ld["headline"].as_str().unwrap_or_default();
        assert!(
            !headline.is_empty() && headline.chars().count() <= 110,
            "{path}"
        );
        let image = ld["image"]["url"].as_str().unwrap_or_default();
        assert!(image.starts_with(BASE), "{path}: image {image}");
        let published = ld["datePublished"].as_str().unwrap_or_default();
        let date_ok = match published.split_once('T') {
            Some((_, time)) => time.ends_with('Z') || time.contains('+') || time.contains('-'),
            None => published.len() == 10,
        };
        assert!(date_ok, "{path}: datePublished {published}");
        let authors = ld["author"].as_array().unwrap();
        assert!(!authors.is_empty(), "{path}");
        for author in authors {
            assert!(
                author["name"].as_str().is_some_and(|n| !n.is_empty()),
                "{path}"
            );
            assert!(
                author["url"]
                    .as_str()
                    .is_some_and(|u| u.starts_with("https://")),
                "{path}: {author}"
            );
            assert!(["Person", "Organization"].contains(&author["@type"].as_str().unwrap()));
        }
        assert_eq!(ld["publisher"]["@type"], "Organization", "{path}");
        assert_eq!(ld["publisher"]["url"], BASE, "{path}");
        let logo = ld["publisher"]["logo"]["url"].as_str().unwrap_or_default();
        assert!(logo.starts_with(BASE), "{path}: logo {logo}");
        // The editions point at each other.
        let other = ld["workTranslation"][0]["@id"]
            .as_str()
            .or(ld["translationOfWork"]["@id"].as_str());
        assert!(other.is_some_and(|o| o.starts_with(BASE)), "{path}: {ld:#}");
        // Entities link to their pages.
        for thing in ld["about"].as_array().unwrap() {
            assert!(
                thing["url"].as_str().unwrap().contains("/entities/"),
                "{path}"
            );
        }
    }
}
