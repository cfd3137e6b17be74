//! `brief build` end to end: the sample site and fixture sites, as a user runs it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::support::{Site, stderr, stdout};
use brief::search::background::Work;

fn html_files(site: &Site, dir: &str) -> Vec<String> {
    site.files(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| format!("{dir}/{}", p.display()))
        .collect()
}

/// The values of `attr="…"` in `html`.
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

#[test]
fn sample_site_builds_with_one_summary_line_and_no_warning() {
    let site = Site::sample();
    let out = site.build(&[]);
    let summary = stdout(&out);
    assert_eq!(summary.lines().count(), 1, "{summary}");
    assert!(summary.starts_with("built "), "{summary}");
    assert!(
        summary.contains("ar ") && summary.contains("en "),
        "{summary}"
    );
    assert!(summary.contains("13 entities"), "{summary}");
    // Only the pictures' progress may show (on a slow machine), never a warning.
    let warnings: Vec<String> = stderr(&out)
        .lines()
        .filter(|l| !l.starts_with("pictures: "))
        .map(str::to_string)
        .collect();
    assert_eq!(
        warnings,
        [] as [String; 0],
        "the sample site must build without warnings"
    );
    for file in [
        "index.html",
        "404.html",
        ".nojekyll",
        "sitemap.xml",
        "robots.txt",
        "entities.json",
        "ar/index.html",
        "en/index.html",
        "assets/style.css",
    ] {
        assert!(site.path().join("public").join(file).is_file(), "{file}");
    }
}

#[test]
fn every_page_declares_its_language_and_direction() {
    let site = Site::sample();
    site.build(&[]);
    for (lang, dir) in [("ar", "rtl"), ("en", "ltr")] {
        let pages = html_files(&site, &format!("public/{lang}"));
        assert!(pages.len() > 10, "{pages:?}");
        for page in pages {
            let html = site.read(&page);
            let expected = format!("<html lang=\"{lang}\" dir=\"{dir}\">");
            assert!(html.contains(&expected), "{page} lacks {expected}");
        }
    }
}

/// Checks every built page's `hreflang` alternates (x-default included) across the
/// whole site: each names the page itself, each target is a built page that names it
/// back, and its `og:locale:alternate` tags are the locales of exactly those other
/// pages. Returns how many pages have alternates.
fn assert_hreflang_reciprocal(site: &Site, base: &str) -> usize {
    let url_of = |page: &str| {
        format!(
            "{base}{}",
            page.trim_start_matches("public/")
                .trim_end_matches("index.html")
        )
    };
    let content_of = |line: &str| attr_values(line, "content").first().map(|s| s.to_string());
    let mut alternates: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut locales: BTreeMap<String, (String, BTreeSet<String>)> = BTreeMap::new();
    for page in html_files(site, "public") {
        let html = site.read(&page);
        let url = url_of(&page);
        // x-default counts: the root chooser is every home's x-default and lists
        // the homes in return.
        let links: BTreeSet<String> = html
            .lines()
            .filter(|l| l.starts_with("<link rel=\"alternate\" hreflang="))
            .filter_map(|l| attr_values(l, "href").first().map(|s| s.to_string()))
            .collect();
        let own_locale = html
            .lines()
            .find(|l| l.starts_with("<meta property=\"og:locale\""))
            .and_then(content_of)
            .unwrap_or_default();
        let other_locales: BTreeSet<String> = html
            .lines()
            .filter(|l| l.starts_with("<meta property=\"og:locale:alternate\""))
            .filter_map(content_of)
            .collect();
        locales.insert(url.clone(), (own_locale, other_locales));
        if !links.is_empty() {
            assert!(
                links.contains(&url),
                "{page} does not list itself among its alternates"
            );
            alternates.insert(url, links);
        }
    }
    for (url, links) in &alternates {
        for other in links {
            let back = alternates
                .get(other)
                .unwrap_or_else(|| match locales.contains_key(other) {
                    true => panic!("{url} → {other}, which has no alternates"),
                    false => panic!("{url} → {other}, which was not built"),
                });
            assert!(back.contains(url), "{other} does not link back to {url}");
        }
        let (_, named) = &locales[url];
        let expected: BTreeSet<String> = links
            .iter()
            .filter(|other| *other != url)
            .map(|other| locales[other].0.clone())
            .filter(|locale| *locale != locales[url].0)
            .collect();
        assert_eq!(named, &expected, "og:locale:alternate of {url}");
    }
    alternates.len()
}

#[test]
fn hreflang_alternates_are_reciprocal_and_switcher_links_resolve() {
    let site = Site::sample();
    site.build(&[]);
    assert!(assert_hreflang_reciprocal(&site, "https://example.github.io/brief/") > 20);
    let ar = site.read("public/ar/briefings/putin-sharaa-call/index.html");
    assert!(
        ar.contains("<a href=\"/brief/en/briefings/putin-sharaa-call/\" hreflang=\"en\""),
        "switcher"
    );
    let en = site.read("public/en/briefings/putin-sharaa-call/index.html");
    assert!(
        en.contains("<a href=\"/brief/ar/briefings/putin-sharaa-call/\" hreflang=\"ar\""),
        "switcher"
    );
    assert!(en.contains("<meta property=\"og:locale\" content=\"en_US\">"));
    assert!(en.contains("<meta property=\"og:locale:alternate\" content=\"ar_AR\">"));
}

#[test]
fn timeline_hreflang_is_reciprocal_when_the_latest_years_differ() {
    // Arabic has events up to 2026, English up to 2025 and alone in 2022: the main
    // pages show different years, and some years have a page in one language only.
    let site = Site::fixture("desk-years");
    site.write(
        "content/briefings/idlib-return/index.ar.md",
        "---\ntitle: \"عودة النازحين إلى إدلب في 2026\"\ndate: 2026-01-12\nevents:\n  - date: 2026-01-10\n    text: \"عودة 40 ألف نازح إلى إدلب بإشراف UNHCR\"\n---\n\nعاد آلاف النازحين إلى قراهم في ريف إدلب.\n",
    );
    site.write(
        "content/briefings/vienna-talks/index.en.md",
        "---\ntitle: \"Vienna talks, 2022\"\ndate: 2022-11-03\nevents:\n  - date: 2022-11-02\n    text: \"Ali Bagheri Kani meets Enrique Mora in Vienna\"\n---\n\nTalks on the nuclear file resumed in Vienna.\n",
    );
    site.build(&[]);
    for page in [
        "ar/timeline/2025",
        "ar/timeline/2024",
        "en/timeline/2024",
        "en/timeline/2022",
    ] {
        assert!(site.path().join("public").join(page).is_dir(), "{page}");
    }
    assert!(!site.path().join("public/en/timeline/2025").exists());
    assert!(assert_hreflang_reciprocal(&site, "https://example.org/") > 10);
    // The main pages pair with each other; a year page pairs with the other
    // language's page of that year, and has none where there is no such page.
    let main = site.read("public/ar/timeline/index.html");
    assert!(
        main.contains("hreflang=\"en\" href=\"https://example.org/en/timeline/\""),
        "{main}"
    );
    let ar_2024 = site.read("public/ar/timeline/2024/index.html");
    assert!(
        ar_2024.contains("hreflang=\"en\" href=\"https://example.org/en/timeline/2024/\""),
        "{ar_2024}"
    );
    let ar_2025 = site.read("public/ar/timeline/2025/index.html");
    assert!(!ar_2025.contains("hreflang=\"en\" href="), "{ar_2025}");
    // Its switcher still leads to the English page showing 2025: the main one.
    assert!(
        ar_2025.contains("<a href=\"/en/timeline/\" hreflang=\"en\""),
        "{ar_2025}"
    );
    assert!(
        !ar_2025.contains("class=\"translation-missing\""),
        "{ar_2025}"
    );
    let en_2022 = site.read("public/en/timeline/2022/index.html");
    assert!(!en_2022.contains("hreflang=\"ar\" href="), "{en_2022}");
}

#[test]
fn translations_pair_by_path_and_by_translation_key() {
    let site = Site::fixture("basic");
    site.build(&[]);
    // Different paths, paired by `translation_key: about`.
    let about_ar = site.read("public/ar/notes/about/index.html");
    assert!(
        about_ar.contains("hreflang=\"en\" href=\"https://example.org/en/notes/about-us/\""),
        "{about_ar}"
    );
    // No English edition: the switcher says so and links to the English edition.
    let only = site.read("public/ar/briefings/arabic-only/index.html");
    assert!(only.contains("class=\"translation-missing\""), "{only}");
    assert!(
        only.contains("لم تُترجم هذه الصفحة إلى الإنكليزية بعد."),
        "{only}"
    );
    assert!(
        only.contains("<a href=\"/en/\" hreflang=\"en\">انتقل إلى النسخة الإنكليزية</a>"),
        "{only}"
    );
    assert!(!site.path().join("public/en/briefings/arabic-only").exists());
}

#[test]
fn links_stay_under_the_base_path_and_resolve() {
    let site = Site::fixture("basic");
    site.build(&["--base-url", "https://org.github.io/repo/"]);
    let public = site.path().join("public");
    let mut checked = 0;
    for page in html_files(&site, "public") {
        let html = site.read(&page);
        for url in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
        {
            if url.starts_with("http") || url.starts_with('#') || url.starts_with("mailto:") {
                assert!(
                    !url.starts_with("https://org.github.io/")
                        || url.starts_with("https://org.github.io/repo/"),
                    "{page}: {url}"
                );
                continue;
            }
            assert!(
                url.starts_with("/repo/"),
                "{page}: {url} escapes the base path"
            );
            let path = url
                .trim_start_matches("/repo/")
                .split('#')
                .next()
                .unwrap_or("");
            let target = public.join(path);
            assert!(
                target.is_file() || target.join("index.html").is_file(),
                "{page}: {url} does not resolve"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked}");
    let about = site.read("public/ar/notes/about/index.html");
    assert!(
        about.contains("href=\"/repo/ar/timeline/\""),
        "root-relative Markdown links get the base path"
    );
    assert!(
        about.contains("href=\"/repo/ar/briefings/call/\""),
        "links to source files become page URLs"
    );
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://org.github.io/repo/ar/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn two_builds_give_the_same_bytes() {
    let site = Site::sample();
    let one = site.path().join("one");
    let two = site.path().join("two");
    site.build(&["--output", one.to_str().unwrap()]);
    site.build(&["--output", two.to_str().unwrap()]);
    let one = site.files("one");
    assert_eq!(one, site.files("two"));
    assert!(one.len() > 50);
    for file in one {
        let a = std::fs::read(site.path().join("one").join(&file)).unwrap();
        let b = std::fs::read(site.path().join("two").join(&file)).unwrap();
        assert!(a == b, "{} differs between builds", file.display());
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Site::fixture("basic");
    site.build(&[]);
    let before: Vec<_> = site
        .files("public")
        .into_iter()
        .map(|f| {
            (
                f.clone(),
                std::fs::read(site.path().join("public").join(f)).unwrap(),
            )
        })
        .collect();
    site.write(
        "content/briefings/call/index.en.md",
        "---\ntitle: broken\ndate: 2025-13-01\n---\nText\n",
    );
    let out = site.brief(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("the previous output is unchanged"));
    let after: Vec<_> = site
        .files("public")
        .into_iter()
        .map(|f| {
            (
                f.clone(),
                std::fs::read(site.path().join("public").join(f)).unwrap(),
            )
        })
        .collect();
    assert!(before == after, "the output changed after a failed build");
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("brief-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "staging directory left behind");
}

#[test]
fn front_matter_errors_are_all_reported_with_file_lines() {
    let site = Site::fixture("invalid-front-matter");
    let out = site.brief(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!site.path().join("public").exists());
    insta::assert_snapshot!("invalid_front_matter", stderr(&out));
}

#[test]
fn unknown_config_key_suggests_the_nearest() {
    let site = Site::fixture("invalid-config");
    let out = site.brief(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("invalid_config", stderr(&out));
}

#[test]
fn arabic_heading_ids_and_bidi_isolation() {
    let site = Site::fixture("basic");
    site.build(&[]);
    let html = site.read("public/ar/briefings/call/index.html");
    assert!(
        html.contains("<h2 id=\"دعم-سوريا\">دعم سوريا</h2>"),
        "{html}"
    );
    assert!(
        html.contains("<h2 id=\"دعم-سوريا-1\">دعم سوريا</h2>"),
        "{html}"
    );
    assert!(html.contains("وقال <bdi>Vladimir Putin</bdi> إن"), "{html}");
    assert!(
        html.contains("<code dir=\"ltr\">brief build</code>"),
        "{html}"
    );
    assert!(
        html.contains(
            "<pre class=\"code\" dir=\"ltr\" tabindex=\"0\"><code class=\"language-rust\">"
        ),
        "{html}"
    );
    let en = site.read("public/en/briefings/call/index.html");
    assert!(en.contains("The word <bdi>دمشق</bdi> means"), "{en}");
}

#[test]
fn dates_follow_each_language_house_style() {
    let site = Site::fixture("house-style");
    site.build(&[]);
    let ar = site.read("public/ar/briefings/x/index.html");
    assert!(
        ar.contains("<time datetime=\"2025-02-12\">١٢ شباط ٢٠٢٥</time>"),
        "{ar}"
    );
    assert!(
        ar.contains("<time datetime=\"2025-01\">كانون الثاني ٢٠٢٥</time>"),
        "{ar}"
    );
    let en = site.read("public/en/briefings/x/index.html");
    assert!(
        en.contains("<time datetime=\"2025-02-12\">February 12, 2025</time>"),
        "{en}"
    );
    let sample = Site::sample();
    sample.build(&[]);
    let timeline = sample.read("public/ar/timeline/index.html");
    assert!(
        timeline.contains("<h3 id=\"m-2025-01\">كانون الثاني/يناير 2025</h3>"),
        "dual month names"
    );
}

#[test]
fn pagination_splits_listings() {
    let site = Site::fixture("basic");
    site.build(&[]);
    // paginate: 2, three Arabic briefings-or-notes in two sections; tag سوريا has two.
    let listing = site.read("public/ar/briefings/index.html");
    assert!(listing.contains("اتصال بوتين مع دمشق") && listing.contains("خبر بالعربية فقط"));
    let tag = site.read("public/ar/tags/سوريا/index.html");
    assert!(tag.contains("إحاطتان"), "Arabic dual plural: {tag}");
    site.write(
        "content/briefings/third/index.ar.md",
        "---\ntitle: ثالث\ndate: 2024-01-01\n---\nنص\n",
    );
    site.build(&[]);
    let first = site.read("public/ar/briefings/index.html");
    let second = site.read("public/ar/briefings/page/2/index.html");
    assert!(
        first.contains("rel=\"next\" href=\"/ar/briefings/page/2/\""),
        "{first}"
    );
    assert!(second.contains("ثالث") && !first.contains("ثالث"));
    assert!(
        second.contains("rel=\"prev\" href=\"/ar/briefings/\""),
        "{second}"
    );
}

#[test]
fn news_article_json_ld() {
    let site = Site::fixture("basic");
    site.build(&[]);
    let html = site.read("public/en/briefings/call/index.html");
    let start = html.find("<script type=\"application/ld+json\">").unwrap()
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let json: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(json["@type"], "NewsArticle");
    assert_eq!(json["inLanguage"], "en");
    // A date-only `date` stays a date: no invented midnight.
    assert_eq!(json["datePublished"], "2025-02-12");
    assert_eq!(json["dateModified"], "2025-02-13");
    assert_eq!(json["about"][0]["name"], "Vladimir Putin");
    assert_eq!(
        json["about"][0]["sameAs"],
        "https://www.wikidata.org/wiki/Q7747"
    );
    assert_eq!(json["mentions"][0]["name"], "Damascus");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::fixture("basic");
    site.write(
        "content/briefings/draft/index.en.md",
        "---\ntitle: Draft\ndate: 2025-03-01\ndraft: true\n---\nText\n",
    );
    site.build(&[]);
    assert!(!site.path().join("public/en/briefings/draft").exists());
    site.build(&["--drafts"]);
    assert!(
        site.path()
            .join("public/en/briefings/draft/index.html")
            .is_file()
    );
}

#[test]
fn refuses_to_replace_a_directory_it_did_not_write() {
    let site = Site::fixture("basic");
    site.write("public/precious.txt", "keep me");
    let out = site.brief(&["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("refusing to replace"),
        "{}",
        stderr(&out)
    );
    assert_eq!(site.read("public/precious.txt"), "keep me");
}

/// The fast path of `brief serve` must give exactly what a full build gives.
#[test]
fn a_body_only_update_equals_a_full_build() {
    use brief::build::{self, update::Update};
    use brief::{LoadOptions, Site as Loaded};
    let site = Site::sample();
    let root = std::fs::canonicalize(site.path()).unwrap();
    let options = LoadOptions::default();
    let mut loaded = Loaded::load(&root, &options).unwrap();
    let fast = root.join("fast");
    let (_, prepared) =
        build::build_keeping(&loaded, &fast, std::time::Instant::now(), &()).unwrap();

    // A body edit that adds mentions (counts move) and changes text.
    let file = root.join("content/briefings/bogdanov-damascus-visit/index.ar.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        format!("{text}\nوقال بوتين إن موسكو ودمشق تتحاوران، وفق Vladimir Putin.\n"),
    )
    .unwrap();
    let change = loaded
        .update_article(&file)
        .expect("a body-only edit takes the fast path");
    assert!(!change.front);
    let update = Update::of(&loaded, &prepared.plan, &change);
    assert!(
        update.pages.len() > 1,
        "entity pages whose counts moved are rendered again: {update:?}"
    );
    assert!(
        update.files.contains(&build::update::FileKey::EntitiesJson)
            && update
                .files
                .contains(&build::update::FileKey::Feed("ar".into()))
            && update
                .files
                .contains(&build::update::FileKey::SearchIndex("ar".into()))
    );
    update.write(&loaded, &prepared, &fast).unwrap();
    index_and_compare_with_a_full_build(&site, &loaded, "ar", "fast", "full", "a body edit");

    // A typo fix that moves no count renders one page, and rewrites no data file
    // but the search index of its language.
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}\nتصحيح.\n")).unwrap();
    let change = loaded.update_article(&file).unwrap();
    let update = Update::of(&loaded, &prepared.plan, &change);
    assert_eq!(update.pages.len(), 1);
    assert!(
        !update.files.contains(&build::update::FileKey::EntitiesJson)
            && update
                .files
                .contains(&build::update::FileKey::SearchIndex("ar".into()))
    );
    update.write(&loaded, &prepared, &fast).unwrap();
    index_and_compare_with_a_full_build(&site, &loaded, "ar", "fast", "again", "a typo fix");

    // A change of front matter other than the title and summary is not taken.
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("tags: [", "tags: [عاجل, ", 1)).unwrap();
    assert!(loaded.update_article(&file).is_none());
}

/// What `brief serve` does after a fast path's update, on a thread of its own: the
/// search index of `lang` made again in `fast` (below the site, with a cache of its
/// own, so that the fresh build runs Pagefind); then a fresh build into `full`, which
/// `fast` must equal file for file, byte for byte.
fn index_and_compare_with_a_full_build(
    site: &Site,
    loaded: &brief::Site,
    lang: &str,
    fast: &str,
    full: &str,
    what: &str,
) {
    let root = &loaded.root;
    let cache = brief::media::Cache::at(root.join("cache"));
    brief::search::background::rewrite(
        Work::of(brief::search::drafts(loaded, lang), lang, &cache),
        lang,
        &root.join(fast),
        &cache,
    )
    .unwrap();
    let fresh = brief::Site::load(root, &brief::LoadOptions::default()).unwrap();
    brief::build::build(&fresh, &root.join(full), std::time::Instant::now()).unwrap();
    let files = site.files(full);
    assert_eq!(site.files(fast), files, "{what}");
    for f in files {
        assert!(
            std::fs::read(root.join(fast).join(&f)).unwrap()
                == std::fs::read(root.join(full).join(&f)).unwrap(),
            "{what}: {} differs between the fast path and a full build",
            f.display()
        );
    }
}

/// A new title or summary leaves every briefing in its place: `brief serve` writes
/// again, in the served build, the pages and files that show it (listings, the
/// timeline, entity pages, feeds, data, the card, redirects); new sources or authors
/// show on the briefing's page and in the feed alone. After each edit the
/// build must be byte for byte a fresh build's, search index included.
#[test]
fn a_title_or_summary_edit_writes_what_shows_it_and_equals_a_full_build() {
    use brief::build::{self, update::Update};
    use brief::{LoadOptions, Site as Loaded};
    let site = Site::sample();
    // One briefing per listing page; two English briefings of one date, whose
    // timeline items go by title; an old URL that names the title it leads to.
    site.write(
        "brief.yaml",
        &site
            .read("brief.yaml")
            .replace("paginate: 10", "paginate: 1"),
    );
    let call = "content/briefings/putin-sharaa-call/index.en.md";
    let fall_en = "content/briefings/fall-of-assad/index.en.md";
    let fall_ar = "content/briefings/fall-of-assad/index.ar.md";
    let visit_ar = "content/briefings/bogdanov-damascus-visit/index.ar.md";
    site.write(
        call,
        &site
            .read(call)
            .replacen("---\n", "---\naliases: [/2025/02/12/putin-call/]\n", 1),
    );
    site.write(
        fall_en,
        &site
            .read(fall_en)
            .replacen("date: 2025-02-14", "date: 2025-02-12", 1),
    );
    let root = std::fs::canonicalize(site.path()).unwrap();
    let options = LoadOptions::default();
    let mut loaded = Loaded::load(&root, &options).unwrap();
    let fast = root.join("fast");
    let (_, mut prepared) =
        build::build_keeping(&loaded, &fast, std::time::Instant::now(), &()).unwrap();
    let total = prepared.plan.pages.len();
    // (what, file, from, to, a page the edit must write again)
    let edits = [
        (
            "a title with raw HTML and an ampersand, a card and an old URL",
            call,
            "title: \"Putin holds",
            "title: \"Putin <b>now</b> & al-Sharaa's desk: Putin holds",
            "2025/02/12/putin-call/index.html",
        ),
        (
            "an Arabic summary",
            fall_ar,
            "summary: \"",
            "summary: \"عاجل: ",
            "ar/index.html",
        ),
        (
            "a title that moves its timeline item before another of its date",
            fall_en,
            "title: \"The fall of Assad",
            "title: \"Assad falls",
            "en/timeline/index.html",
        ),
        (
            "sources and authors, shown on the briefing's page and in the feed alone",
            call,
            "  - title: \"The Standard: Russia's bases in Syria\"",
            "  - title: \"The Standard: Russia's bases\"",
            "en/atom.xml",
        ),
        (
            "an Arabic title mixed with Latin and digits, with a body edit, of a briefing with its own picture",
            visit_ar,
            "title: \"بوتين يوفد",
            "title: \"قال الكرملين إن HTS و2025: بوتين يوفد",
            "ar/briefings/bogdanov-damascus-visit/index.html",
        ),
    ];
    for (n, (what, file, from, to, shown)) in edits.into_iter().enumerate() {
        let mut text = site.read(file);
        assert!(text.contains(from), "{what}: {from:?} is not in {file}");
        text = text.replacen(from, to, 1);
        if file == visit_ar {
            text.push_str("\nتصحيح أخير.\n");
        }
        site.write(file, &text);
        let change = loaded
            .update_article(&root.join(file))
            .unwrap_or_else(|| panic!("{what}: not taken"));
        assert_eq!(change.front, n != 3, "{what}");
        assert_eq!(change.reordered, n == 2, "{what}");
        prepared.refresh(&loaded, &change);
        let update = Update::of(&loaded, &prepared.plan, &change);
        assert!(update.pages.len() < total / 2, "{what}: {update:?}");
        if !change.front {
            assert_eq!(update.pages.len(), 1, "{what}: {update:?}");
        }
        let written = update.write(&loaded, &prepared, &fast).unwrap();
        assert!(written.iter().any(|w| w == shown), "{what}: {written:?}");
        let lang = &loaded.articles[change.article].lang;
        index_and_compare_with_a_full_build(
            &site,
            &loaded,
            lang,
            "fast",
            &format!("full-{n}"),
            what,
        );
    }
    // Not taken: a date, which moves the briefing; a title the social card cannot
    // draw, which the full load warns about.
    for (file, from, to) in [
        (call, "date: 2025-02-12", "date: 2025-02-13"),
        (fall_ar, "title: \"", "title: \"漢字 "),
    ] {
        site.write(file, &site.read(file).replacen(from, to, 1));
        assert!(loaded.update_article(&root.join(file)).is_none(), "{to}");
    }
}

/// A build as `brief serve` makes it, into `dir` below the site: linking from the
/// build whose ledger is `previous`, and taking over the pages of `unchanged`.
fn serve_build(
    loaded: &brief::Site,
    dir: &str,
    previous: Option<brief::build::Ledger>,
    unchanged: std::collections::HashSet<PathBuf>,
) -> (brief::Summary, brief::build::Ledger) {
    let (summary, prepared) = brief::build::build_keeping_with(
        loaded,
        &loaded.root.join(dir),
        std::time::Instant::now(),
        &(),
        brief::build::Mode::Serve {
            previous,
            unchanged,
        },
    )
    .unwrap();
    (summary, prepared.ledger)
}

/// Builds the site afresh into `fresh` and checks that `ours` has the same files
/// with the same bytes, but for the search bundles (the server's to write after a
/// first build); gives the files.
fn same_as_a_fresh_build(site: &Site, ours: &str, fresh: &str, what: &str) -> Vec<PathBuf> {
    let root = std::fs::canonicalize(site.path()).unwrap();
    let options = brief::LoadOptions::default();
    let loaded = brief::Site::load(&root, &options).unwrap();
    brief::build::build(&loaded, &root.join(fresh), std::time::Instant::now()).unwrap();
    let files: Vec<PathBuf> = site
        .files(fresh)
        .into_iter()
        .filter(|f| !f.components().any(|c| c.as_os_str() == "pagefind"))
        .collect();
    assert_eq!(site.files(ours), files, "{what}");
    for f in &files {
        assert!(
            std::fs::read(root.join(ours).join(f)).unwrap()
                == std::fs::read(root.join(fresh).join(f)).unwrap(),
            "{what}: {} differs from a fresh build",
            f.display()
        );
    }
    files
}

/// `brief serve` builds into a fresh directory each time, linking from the last one
/// every file that comes out the same: the result must be what a fresh build gives,
/// every unchanged file linked, and a file replaced in the last build since (as the
/// fast path does) never linked.
#[test]
fn a_build_linking_from_the_last_one_equals_a_fresh_build() {
    use brief::{LoadOptions, Site as Loaded};
    use std::os::unix::fs::MetadataExt;
    let site = Site::sample();
    let root = std::fs::canonicalize(site.path()).unwrap();
    let options = LoadOptions::default();
    let first = Loaded::load(&root, &options).unwrap();
    let (summary, ledger) = serve_build(&first, "serve-1", None, Default::default());
    assert_eq!(summary.linked, 0);
    let before: BTreeMap<PathBuf, Vec<u8>> = site
        .files("serve-1")
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(root.join("serve-1").join(&f)).unwrap();
            (f, bytes)
        })
        .collect();

    // A title edit in English, and a page of the last build replaced since.
    let file = "content/briefings/bogdanov-damascus-visit/index.en.md";
    site.write(
        file,
        &site
            .read(file)
            .replacen("title: \"", "title: \"Update: ", 1),
    );
    let replaced = root.join("serve-1/ar/index.html");
    std::fs::write(root.join("serve-1/ar/stale"), "stale").unwrap();
    std::fs::rename(root.join("serve-1/ar/stale"), &replaced).unwrap();

    let second = Loaded::reload(&root, &options, Some(first)).unwrap();
    let (summary, _) = serve_build(&second, "serve-2", Some(ledger), Default::default());
    let fresh = same_as_a_fresh_build(&site, "serve-2", "fresh", "a title edit");
    let (mut linked, mut written) = (0, Vec::new());
    for f in &fresh {
        let ours = root.join("serve-2").join(f);
        let last = root.join("serve-1").join(f);
        let same_file = last.exists()
            && std::fs::metadata(&ours).unwrap().ino() == std::fs::metadata(&last).unwrap().ino();
        let same_bytes = before
            .get(f)
            .is_some_and(|b| *b == std::fs::read(&ours).unwrap());
        if same_file {
            linked += 1;
            assert!(same_bytes, "{} was linked but changed", f.display());
        } else {
            written.push(f.clone());
            assert!(
                !same_bytes || last == replaced,
                "{} came out the same but was written again",
                f.display()
            );
        }
    }
    assert_eq!(summary.linked, linked);
    assert!(
        written.contains(&PathBuf::from("ar/index.html")),
        "{written:?}"
    );
    assert!(
        written.contains(&PathBuf::from(
            "en/briefings/bogdanov-damascus-visit/index.html"
        )),
        "{written:?}"
    );
    assert!(
        linked > fresh.len() / 2,
        "{linked} of {} linked",
        fresh.len()
    );
}

/// After edits to briefings' front matter, `brief serve` renders the listings and the
/// edited briefings' pages and links the rest from the last build: after each kind
/// of edit, the result must be byte for byte a fresh build's. Edits that move
/// briefings (a slug, a draft) render everything.
#[test]
fn a_front_matter_edit_renders_the_pages_it_can_change_and_equals_a_fresh_build() {
    use brief::build::unchanged::Before;
    use brief::{LoadOptions, Site as Loaded};
    let site = Site::sample();
    // One briefing per listing page, so that a date moves it to another page.
    let config = site
        .read("brief.yaml")
        .replace("paginate: 10", "paginate: 1");
    site.write("brief.yaml", &config);
    let root = std::fs::canonicalize(site.path()).unwrap();
    let options = LoadOptions::default();
    let mut loaded = Loaded::load(&root, &options).unwrap();
    assert!(loaded.config.paginate == 1);
    let (_, mut ledger) = serve_build(&loaded, "serve-0", None, Default::default());
    let en = "content/briefings/bogdanov-damascus-visit/index.en.md";
    let call = "content/briefings/putin-sharaa-call/index.en.md";
    let fall_ar = "content/briefings/fall-of-assad/index.ar.md";
    let fall_en = "content/briefings/fall-of-assad/index.en.md";
    // (what, file, from, to, whether other briefings' pages are linked)
    let edits = [
        (
            "title",
            en,
            "title: \"Putin",
            "title: \"Update: Putin",
            true,
        ),
        (
            "date, moving it to the end of the listings",
            call,
            "date: 2025-02-12",
            "date: 2024-11-30",
            true,
        ),
        (
            "tags",
            fall_ar,
            "tags: [سوريا,",
            "tags: [عاجل, سوريا,",
            true,
        ),
        (
            "entities",
            fall_en,
            "entities: [assad, hts,",
            "entities: [assad,",
            true,
        ),
        (
            "an event",
            fall_ar,
            "    date: 2024-12\n",
            "    date: 2024-12-08\n",
            true,
        ),
        (
            "the summary",
            call,
            "summary: \"The Russian",
            "summary: \"Now: the Russian",
            true,
        ),
        (
            "the translation key",
            en,
            "title:",
            "translation_key: bogdanov-solo\ntitle:",
            true,
        ),
        (
            "the slug",
            fall_en,
            "title:",
            "slug: assad-falls\ntitle:",
            false,
        ),
        ("draft", call, "title:", "draft: true\ntitle:", false),
    ];
    for (n, (what, file, from, to, partial)) in edits.into_iter().enumerate() {
        let text = site.read(file);
        assert!(text.contains(from), "{what}: {from:?} is not in {file}");
        site.write(file, &text.replacen(from, to, 1));
        let before = Before::of(&loaded);
        loaded = Loaded::reload(&root, &options, Some(loaded)).unwrap();
        let unchanged = before.unchanged(&loaded, &[PathBuf::from(file)]);
        assert_eq!(!unchanged.is_empty(), partial, "{what}: {unchanged:?}");
        assert!(!unchanged.contains(&PathBuf::from(file)), "{what}");
        let ours = format!("serve-{}", n + 1);
        let (summary, next) = serve_build(&loaded, &ours, Some(ledger), unchanged.clone());
        ledger = next;
        same_as_a_fresh_build(&site, &ours, &format!("fresh-{}", n + 1), what);
        if partial {
            // Every unchanged briefing's page was linked, not rendered.
            assert!(summary.linked >= unchanged.len(), "{what}");
        }
    }
}

/// `brief serve` reloads with the last good site: what it takes over must give
/// exactly the site a fresh load gives, and it must take over what did not change.
#[test]
fn a_reload_equals_a_fresh_load() {
    use brief::build;
    use brief::{LoadOptions, Site as Loaded};
    let site = Site::sample();
    let root = std::fs::canonicalize(site.path()).unwrap();
    let options = LoadOptions::default();
    let same_as_fresh = |reloaded: &Loaded, name: &str| {
        let (ours, fresh) = (root.join(format!("{name}-reloaded")), root.join(name));
        let now = std::time::Instant::now();
        build::build(reloaded, &ours, now).unwrap();
        build::build(&Loaded::load(&root, &options).unwrap(), &fresh, now).unwrap();
        let files = site.files(name);
        assert_eq!(site.files(&format!("{name}-reloaded")), files);
        for f in files {
            assert!(
                std::fs::read(ours.join(&f)).unwrap() == std::fs::read(fresh.join(&f)).unwrap(),
                "{name}: {} differs between a reload and a fresh load",
                f.display()
            );
        }
    };
    // An entity with no English name: the registry's warning must come with every
    // reload, which takes the parsed registry over.
    let registry = site.read("content/entities.yaml");
    site.write(
        "content/entities.yaml",
        &format!(
            "{registry}
lavrov:
  kind: person
  names:
    ar: [سيرغي لافروف, لافروف]
"
        ),
    );
    let first = Loaded::load(&root, &options).unwrap();
    let articles = first.articles.len();
    assert_eq!(first.reused(), (0, 0));
    let warned = |loaded: &Loaded| {
        loaded
            .warnings
            .iter()
            .filter(|d| d.message.contains("`lavrov` has no name in `en`"))
            .count()
    };
    assert_eq!(warned(&first), 1);

    // A front-matter edit (title and tags), and a body link to a page that does
    // not exist yet: only that file is parsed and rendered again.
    let file = "content/briefings/bogdanov-damascus-visit/index.en.md";
    let text = site
        .read(file)
        .replacen("title: \"", "title: \"Update: ", 1);
    let text = text.replacen("tags: [", "tags: [Envoys, ", 1);
    site.write(
        file,
        &format!("{text}\nSee [the follow-up](../follow-up/index.en.md).\n"),
    );
    let second = Loaded::reload(&root, &options, Some(first)).unwrap();
    assert_eq!(second.reused(), (articles - 1, articles - 1));
    assert_eq!(
        second.warnings,
        Loaded::load(&root, &options).unwrap().warnings
    );
    assert_eq!(warned(&second), 1);
    same_as_fresh(&second, "edited");

    // A new file: nothing needs parsing again, but the bodies are all rendered
    // again, since a link may now lead to it (the one above does).
    site.write(
        "content/briefings/follow-up/index.en.md",
        "---\ntitle: \"Follow-up\"\ndate: 2025-02-20\n---\n\nPutin and al-Sharaa spoke again.\n",
    );
    let third = Loaded::reload(&root, &options, Some(second)).unwrap();
    assert_eq!(third.reused(), (articles, 0));
    same_as_fresh(&third, "added");
    assert!(
        site.read("added/en/briefings/bogdanov-damascus-visit/index.html")
            .contains("href=\"/brief/en/briefings/follow-up/\""),
        "the link to the new page resolves"
    );

    // `brief.yaml` changed: nothing is taken over.
    let config = site.read("brief.yaml");
    site.write("brief.yaml", &format!("{config}\n# edited\n"));
    let fourth = Loaded::reload(&root, &options, Some(third)).unwrap();
    assert_eq!(fourth.reused(), (0, 0));
    same_as_fresh(&fourth, "configured");
}

#[test]
fn timings_name_every_stage() {
    let site = Site::fixture("basic");
    let out = site.build(&["--timings"]);
    let printed = stdout(&out);
    for stage in [
        "config and entities",
        "content and matcher",
        "timelines, sections and tags",
        "static files, pictures and cards",
        "plan, templates and shared values",
        "markdown, mentions, entity index, briefing pages",
        "pages, pictures, feeds, data, sitemap, assets",
        "swap into place",
    ] {
        assert!(
            printed
                .lines()
                .any(|l| l.ends_with(&format!(" ms  {stage}"))),
            "{stage}: {printed}"
        );
    }
    assert!(
        printed.contains("\n0 pages linked from .brief-cache/pages/"),
        "{printed}"
    );
    // The second build links every page from the store: those the summary counts,
    // and the two outside the languages (the root and the 404 page).
    let again = stdout(&site.build(&["--timings"]));
    let pages: usize = again
        .split_once(" pages (")
        .unwrap()
        .0
        .rsplit(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        again.contains(&format!(
            "\n{} pages linked from .brief-cache/pages/",
            pages + 2
        )),
        "{again}"
    );
    let plain = stdout(&site.build(&[]));
    assert!(!plain.contains(" ms  content"), "{plain}");
    assert!(!plain.contains("linked from"), "{plain}");
}

#[test]
fn long_listings_link_to_a_window_of_pages() {
    let site = Site::fixture("basic");
    // paginate is 2 in the fixture: with 24 more, 25 English briefings fill 13 pages.
    for n in 1..=24 {
        site.write(
            &format!("content/briefings/extra-{n:02}/index.en.md"),
            &format!("---\ntitle: Extra {n}\ndate: 2023-01-{n:02}\n---\nText.\n"),
        );
    }
    site.build(&[]);
    let listing = site.read("public/en/briefings/page/7/index.html");
    let nav = &listing[listing.find("<nav class=\"pagination\"").unwrap()..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    let links: Vec<&str> = nav
        .split("href=\"/en/briefings/")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    // prev, 1, 5, 6, (7 is current), 8, 9, last, next.
    assert_eq!(
        links,
        [
            "page/6/", "", "page/5/", "page/6/", "page/8/", "page/9/", "page/13/", "page/8/"
        ],
        "{nav}"
    );
    assert_eq!(
        nav.matches("<span class=\"gap\">…</span>").count(),
        2,
        "{nav}"
    );
    assert!(
        nav.contains("<span aria-current=\"page\">7</span>"),
        "{nav}"
    );
}

#[test]
fn a_streamed_build_writes_what_a_whole_load_writes_and_notices_a_file_saved_meanwhile() {
    use brief::{LoadOptions, Site as Loaded};
    use std::time::Instant;
    let site = Site::sample();
    // A hurried editor's file: CRLF, raw HTML, a broken link and a mixed title.
    let file = "content/briefings/2025-03-01-hts/index.ar.md";
    site.write(
        file,
        "---\r\ntitle: \"قال الكرملين إن HTS و2025\"\r\ndate: 2025-03-01\r\nsummary: ملخص <b>قصير</b>\r\n---\r\n\r\nقال [الكرملين](../missing/index.ar.md) إن <span>HTS</span> و2025.\r\n\r\n## خلفية\r\n\r\nنص.\r\n",
    );
    let root = site.path();
    let whole = Loaded::load(root, &LoadOptions::default()).unwrap();
    brief::build::build(&whole, &root.join("whole"), Instant::now()).unwrap();
    // Without the search cache, so the streamed build indexes afresh from bodies it
    // renders again.
    std::fs::remove_dir_all(root.join(".brief-cache/search")).unwrap();
    let stream = LoadOptions {
        stream: true,
        ..LoadOptions::default()
    };
    let mut streamed = Loaded::load(root, &stream).unwrap();
    assert!(streamed.articles.iter().all(|a| a.released.is_some()));
    assert!(streamed.rendered.is_empty());
    let summary =
        brief::build::publish(&mut streamed, &root.join("streamed"), Instant::now(), &()).unwrap();
    let streamed_tree = crate::support::tree(&root.join("streamed"));
    assert!(streamed_tree.keys().any(|p| p.starts_with("ar/pagefind")));
    assert_eq!(crate::support::tree(&root.join("whole")), streamed_tree);
    assert_eq!(summary.rendered, summary.pages);
    // The warnings that point into bodies read them again: the same lines.
    let warnings = |site: &Loaded| format!("{:?}", brief::check::broken_references(site));
    assert!(
        warnings(&streamed).contains("missing"),
        "{}",
        warnings(&streamed)
    );
    assert_eq!(warnings(&whole), warnings(&streamed));
    assert!(!warnings(&streamed).contains("line is not shown"));
    // Saved after its page was written and before the warnings: the warning says why
    // it has no line instead of pointing at one that may have moved.
    let saved = site.read(file);
    site.write(file, &format!("{saved}\r\nسطر جديد.\r\n"));
    let late = brief::check::broken_references(&streamed);
    let missing = late.iter().find(|d| d.message.contains("missing")).unwrap();
    assert_eq!((missing.line, missing.column), (0, 0), "{missing:?}");
    assert!(
        missing
            .notes
            .iter()
            .any(|n| n.contains("changed while the site was being built")),
        "{missing:?}"
    );
    site.write(file, &saved);

    // A file saved between the load and its body's turn. With the body of the text
    // loaded in the cache, the build is of the text loaded, front matter and body
    // alike: the same output.
    let mut loaded = Loaded::load(root, &stream).unwrap();
    site.write(file, &site.read(file).replace("نص.", "نص آخر."));
    brief::build::publish(&mut loaded, &root.join("streamed"), Instant::now(), &()).unwrap();
    assert_eq!(crate::support::tree(&root.join("streamed")), streamed_tree);
    // Without it, the body is read again: an error naming the file, and the previous
    // output as it was.
    site.write(file, &saved);
    let mut loaded = Loaded::load(root, &stream).unwrap();
    site.write(file, &site.read(file).replace("نص.", "نص آخر."));
    std::fs::remove_dir_all(root.join(".brief-cache/bodies")).unwrap();
    let error = brief::build::publish(&mut loaded, &root.join("streamed"), Instant::now(), &())
        .err()
        .map(|e| format!("{e:?}"))
        .unwrap_or_default();
    assert!(
        error.contains("changed while the site was being built"),
        "{error}"
    );
    assert!(error.contains("2025-03-01-hts"), "{error}");
    assert_eq!(crate::support::tree(&root.join("streamed")), streamed_tree);
}

/// `brief build` keeps each rendered body in `.brief-cache/bodies/` and takes it
/// back while the file, and every answer its rendering had from the rest of the site
/// (a linked file's page, a bundle file, a picture), are as they were: whatever
/// changes, the output is what a build without the cache writes.
#[test]
fn a_build_from_stored_bodies_equals_a_build_without_them() {
    let site = Site::sample();
    let bodies = site.path().join(".brief-cache/bodies");
    let fronts = site.path().join(".brief-cache/fronts");
    let pages = site.path().join(".brief-cache/pages");
    // One pack per kind of build, with its index.
    let kinds = || -> Vec<PathBuf> {
        let mut kinds: Vec<PathBuf> = std::fs::read_dir(&bodies)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "pack"))
            .collect();
        kinds.sort();
        kinds
    };
    // The entries an index lists: its count follows the magic and the generation.
    let entries = |kind: &Path| {
        let index = std::fs::read(kind.with_extension("index")).unwrap();
        u64::from_le_bytes(index[24..32].try_into().unwrap()) as usize
    };
    // Builds from the cache into `ours`, then without it into `fresh`, and checks
    // they wrote the same bytes; gives the tree.
    let out = |name: &str| site.path().join(name).to_str().unwrap().to_string();
    let same_without_the_cache = |ours: &str, what: &str| {
        site.build(&["--output", &out(ours)]);
        let cached = crate::support::tree(&site.path().join(ours));
        assert!(cached.len() > 50, "{what}: {} files", cached.len());
        // Without the stored bodies, the parsed front matter nor the stored pages.
        let hidden = [&bodies, &fronts, &pages].map(|dir| (dir, dir.with_extension("kept")));
        for (dir, kept) in &hidden {
            std::fs::rename(dir, kept).unwrap();
        }
        let fresh = format!("{ours}-fresh");
        site.build(&["--output", &out(&fresh)]);
        for (dir, kept) in &hidden {
            std::fs::remove_dir_all(dir).unwrap();
            std::fs::rename(kept, dir).unwrap();
        }
        assert!(
            cached == crate::support::tree(&site.path().join(&fresh)),
            "{what}: the build from stored bodies and front matter differs from one without them"
        );
        cached
    };
    // A body that links to a briefing not written yet and to a bundle file not there
    // yet: both answers change below.
    let linking = "content/briefings/fall-of-assad/index.en.md";
    let text = site.read(linking);
    site.write(
        linking,
        &format!(
            "{text}\nSee [the follow-up](../follow-up/index.en.md) and [the data](data.csv).\n"
        ),
    );
    let first = same_without_the_cache("one", "the first build");
    let [kind] = kinds().try_into().unwrap();
    let articles = site
        .files("content")
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "md"))
        .count();
    assert_eq!(entries(&kind), articles, "one stored body per file");
    assert_eq!(same_without_the_cache("two", "a second build"), first);
    let linking_page = |tree: &BTreeMap<PathBuf, Vec<u8>>| {
        String::from_utf8(tree[Path::new("en/briefings/fall-of-assad/index.html")].clone()).unwrap()
    };
    assert!(!linking_page(&first).contains("/brief/en/briefings/follow-up/"));

    // The linked briefing and the bundle file appear: the linking body is stale.
    site.write(
        "content/briefings/follow-up/index.en.md",
        "---\ntitle: Follow-up\ndate: 2025-03-02\n---\n\nMore.\n",
    );
    site.write(
        "content/briefings/fall-of-assad/data.csv",
        "year,count\n2024,1\n",
    );
    let after = same_without_the_cache("three", "a linked file and a bundle file added");
    let page = linking_page(&after);
    assert!(
        page.contains("href=\"/brief/en/briefings/follow-up/\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"/brief/briefings/fall-of-assad/data.csv\""),
        "{page}"
    );
    assert_eq!(kinds(), std::slice::from_ref(&kind));
    assert_eq!(entries(&kind), articles + 1, "one stored body per file");

    // The linked briefing moves (its slug), and every stored byte is damaged.
    site.write(
        "content/briefings/follow-up/index.en.md",
        "---\ntitle: Follow-up\ndate: 2025-03-02\nslug: later\n---\n\nMore.\n",
    );
    let mut pack = std::fs::read(&kind).unwrap();
    for byte in &mut pack[24..] {
        *byte = byte.wrapping_add(1);
    }
    std::fs::write(&kind, pack).unwrap();
    let moved = same_without_the_cache("four", "a linked file moved, entries damaged");
    let page = linking_page(&moved);
    assert!(
        page.contains("href=\"/brief/en/briefings/later/\""),
        "{page}"
    );
    assert_eq!(
        entries(&kind),
        articles + 1,
        "the moved file's old entry is removed"
    );

    // Another base URL and another registry are other kinds of build: the last
    // other one is kept beside the current one.
    site.build(&[
        "--output",
        &out("five"),
        "--base-url",
        "https://desk.example.org/",
    ]);
    assert_eq!(kinds().len(), 2);
    let registry = site.read("content/entities.yaml");
    site.write(
        "content/entities.yaml",
        &registry.replacen("Kremlin", "The Kremlin", 1),
    );
    same_without_the_cache("six", "the registry edited");
    assert_eq!(kinds().len(), 2);
    assert!(!kinds().contains(&kind), "the oldest kind went");

    // A cache that cannot be written: the build says so and writes the same pages.
    std::fs::remove_dir_all(&bodies).unwrap();
    std::fs::write(&bodies, "in the way").unwrap();
    let said = crate::support::stderr(&site.build(&["--output", &out("seven")]));
    assert!(said.contains("cannot keep the rendered bodies"), "{said}");
    assert!(said.contains(".brief-cache"), "{said}");
    std::fs::remove_file(&bodies).unwrap();
    site.build(&["--output", &out("eight")]);
    assert!(
        crate::support::tree(&site.path().join("seven"))
            == crate::support::tree(&site.path().join("eight"))
    );
}

/// Front matter parsed by an earlier build is read back, not parsed again: the pages
/// are the same as a build without it; a file with a warning is never stored, so the
/// warning is said on every build; a file that is not NFC is not stored either.
#[test]
fn front_matter_parsed_before_is_read_back_and_warnings_are_said_every_build() {
    let site = Site::sample();
    let fronts = site.path().join(".brief-cache/fronts");
    let entries = || {
        let index = std::fs::read_dir(&fronts)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "index"))
            .expect("an index");
        let index = std::fs::read(index).unwrap();
        u64::from_le_bytes(index[24..32].try_into().unwrap()) as usize
    };
    let markdown = site
        .files("content")
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "md"))
        .count();
    // A hurried editor's file: a misspelt key (a warning), CRLF line ends.
    site.write(
        "content/briefings/hurried/index.en.md",
        "---\r\ntitle: \"Hurried: Putin, al-Sharaa and HTS in 2025\"\r\ndate: 2025-03-09\r\nsumary: typo\r\n---\r\n\r\nText.\r\n",
    );
    // A decomposed hamza (alef + U+0654): the build reads it as أ.
    site.write(
        "content/briefings/hurried/index.ar.md",
        "---\ntitle: \"\u{0627}\u{0654}حمد الشرع في موسكو\"\ndate: 2025-03-09\n---\n\nنص.\n",
    );
    let out = |name: &str| site.path().join(name).to_str().unwrap().to_string();
    for build in ["one", "two"] {
        let said = crate::support::stderr(&site.build(&["--output", &out(build)]));
        assert!(
            said.contains("unknown front-matter key `sumary`"),
            "{build}: {said}"
        );
        assert!(said.contains("index.en.md:4"), "{build}: {said}");
        // Neither the warned file nor the one that is not NFC is stored.
        assert_eq!(entries(), markdown, "{build}");
    }
    let page =
        std::fs::read_to_string(site.path().join("two/ar/briefings/hurried/index.html")).unwrap();
    assert!(page.contains("أحمد الشرع في موسكو"), "{page}");
    // An edited title is the new title, from the next build on.
    let file = "content/briefings/fall-of-assad/index.en.md";
    let text = site.read(file);
    let title = text
        .lines()
        .find(|l| l.starts_with("title:"))
        .unwrap()
        .to_string();
    site.write(
        file,
        &text.replacen(&title, "title: \"A new title, 2025\"", 1),
    );
    site.build(&["--output", &out("three")]);
    let page = std::fs::read_to_string(
        site.path()
            .join("three/en/briefings/fall-of-assad/index.html"),
    )
    .unwrap();
    assert!(page.contains("A new title, 2025"), "{page}");
    assert_eq!(entries(), markdown, "the old text's entry went");
    // From the parsed front matter or without it, the same bytes.
    let kept = fronts.with_extension("kept");
    std::fs::rename(&fronts, &kept).unwrap();
    site.build(&["--output", &out("four")]);
    assert!(
        crate::support::tree(&site.path().join("three"))
            == crate::support::tree(&site.path().join("four")),
        "the build from stored front matter differs from one without it"
    );
}

/// The page store (`.brief-cache/pages/`) links a page kept by the build before only
/// when the page's data, the templates and brief are the same: after each kind of
/// change the site equals, byte for byte, a build made without the store, and links
/// what did not change. A page a tool rewrote in the published copy (the same file as
/// the store's) is rendered again, not linked.
#[cfg(unix)]
#[test]
fn pages_linked_from_the_store_equal_pages_rendered_afresh() {
    use std::os::unix::fs::MetadataExt;
    let site = Site::sample();
    let store = site.path().join(".brief-cache/pages");
    let out = |name: &str| site.path().join(name).to_str().unwrap().to_string();
    let html = |dir: &str| -> Vec<PathBuf> {
        site.files(dir)
            .into_iter()
            .filter(|f| f.extension().is_some_and(|e| e == "html"))
            .collect()
    };
    let inodes = || -> std::collections::HashSet<u64> {
        std::fs::read_dir(&store)
            .map(|d| d.map(|e| e.unwrap().metadata().unwrap().ino()).collect())
            .unwrap_or_default()
    };
    // Builds with the store, then without it, and compares; says how many pages were
    // linked from the store as it was before, and how many there are.
    let build = |what: &str| -> (usize, usize) {
        let before = inodes();
        site.build(&["--output", &out("ours")]);
        let kept = store.with_extension("kept");
        std::fs::rename(&store, &kept).unwrap();
        site.build(&["--output", &out("fresh")]);
        std::fs::remove_dir_all(&store).unwrap();
        std::fs::rename(&kept, &store).unwrap();
        let ours = crate::support::tree(&site.path().join("ours"));
        assert!(ours.len() > 50, "{what}: {} files", ours.len());
        for (file, bytes) in &crate::support::tree(&site.path().join("fresh")) {
            assert!(
                ours.get(file) == Some(bytes),
                "{what}: {} differs from a build without the store",
                file.display()
            );
        }
        assert_eq!(ours.len(), site.files("fresh").len(), "{what}");
        let pages = html("ours");
        let ino = |f: &PathBuf| {
            std::fs::metadata(site.path().join("ours").join(f))
                .unwrap()
                .ino()
        };
        let linked = pages.iter().filter(|f| before.contains(&ino(f))).count();
        // The store keeps this build's pages (all of them) alone, with its index.
        let after = inodes();
        let kept = pages.iter().filter(|f| after.contains(&ino(f))).count();
        assert_eq!(kept, pages.len(), "{what}: pages not kept");
        assert!(
            after.len() <= pages.len() + 1,
            "{what}: {} kept",
            after.len()
        );
        (linked, pages.len())
    };
    let (linked, pages) = build("first build");
    assert_eq!(linked, 0, "first build");
    let inode = |file: &str| {
        std::fs::metadata(site.path().join("ours").join(file))
            .unwrap()
            .ino()
    };
    let home = "en/index.html";
    let first = inode(home);
    let (linked, _) = build("unchanged");
    assert_eq!(linked, pages, "unchanged");
    assert_eq!(
        inode(home),
        first,
        "unchanged: the home page was rendered again"
    );

    // A title shows on its page, listings, tags, entities and timelines.
    let file = "content/briefings/fall-of-assad/index.en.md";
    let text = site.read(file);
    let title = text.lines().find(|l| l.starts_with("title:")).unwrap();
    site.write(
        file,
        &text.replace(title, "title: \"Assad falls: the regime's last 11 days\""),
    );
    let (linked, _) = build("title edit");
    assert!(
        linked > 0 && linked < pages,
        "title edit: {linked} of {pages}"
    );
    let page = site.read("ours/en/briefings/fall-of-assad/index.html");
    assert!(
        page.contains("the regime&#x27;s last 11 days")
            || page.contains("the regime's last 11 days")
    );
    assert_ne!(
        inode(home),
        first,
        "title edit: the home page shows the title"
    );

    // A template every page extends: nothing is linked.
    let base = std::fs::read_to_string(crate::support::repo().join("templates/base.html")).unwrap();
    site.write(
        "templates/base.html",
        &format!("{base}\n<!-- desk build -->\n"),
    );
    let (linked, _) = build("template edit");
    assert_eq!(linked, 0, "template edit");
    assert!(
        site.read("ours/en/index.html")
            .contains("<!-- desk build -->")
    );

    // A tool that rewrites a published page in place changes the store's file too:
    // the next build sees it and renders the page again.
    let published = site.path().join("ours").join(home);
    std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&published)
        .and_then(|mut f| std::io::Write::write_all(&mut f, b"<p>minified</p>"))
        .unwrap();
    let (linked, _) = build("a page rewritten in place");
    assert_eq!(linked, pages - 1, "rewritten");
    assert!(
        site.read("ours/en/index.html")
            .contains("<!-- desk build -->")
    );
}
