//! `aliases:` → redirect pages at old URLs, kept out of the sitemap and feeds, with
//! collisions as errors naming both; and a one-language site, whose root leads to its
//! home page and whose pages have no chooser, switcher or hreflang.

use crate::support::{Site, stderr, stdout};

/// Adds `aliases:` to the front matter of a fixture file.
fn add_aliases(site: &Site, file: &str, aliases: &str) {
    let text = site.read(file);
    site.write(
        file,
        &text.replacen("---\n", &format!("---\naliases: {aliases}\n"), 1),
    );
}

#[test]
fn aliases_become_redirect_pages_outside_the_sitemap_and_feeds() {
    let site = Site::fixture("basic");
    add_aliases(
        &site,
        "content/briefings/call/index.ar.md",
        "[/osdev/bootloader/1-intro.html, /2025/02/12/مكالمة-بوتين/, /old-call]",
    );
    site.build(&["--base-url", "https://org.github.io/repo/"]);
    let page = site.read("public/osdev/bootloader/1-intro.html");
    for needle in [
        "<html lang=\"ar\" dir=\"rtl\">",
        "<meta name=\"robots\" content=\"noindex\">",
        "<link rel=\"canonical\" href=\"https://org.github.io/repo/ar/briefings/call/\">",
        "<meta http-equiv=\"refresh\" content=\"0; url=/repo/ar/briefings/call/\">",
        "<p>انتقلت هذه الصفحة إلى: <a href=\"/repo/ar/briefings/call/\">اتصال بوتين مع دمشق</a></p>",
    ] {
        assert!(page.contains(needle), "no {needle} in\n{page}");
    }
    for file in [
        "public/2025/02/12/مكالمة-بوتين/index.html",
        "public/old-call/index.html",
    ] {
        assert!(
            site.read(file).contains("url=/repo/ar/briefings/call/"),
            "{file}"
        );
    }
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains("/repo/ar/briefings/call/</loc>"),
        "{sitemap}"
    );
    for old in ["osdev", "old-call", "2025/02/12"] {
        assert!(!sitemap.contains(old), "{old} in the sitemap");
        assert!(
            !site.read("public/ar/atom.xml").contains(old),
            "{old} in the feed"
        );
    }
    let broken = crate::links::broken(&site.path().join("public"), "https://org.github.io/repo/");
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    // A Markdown link to an old URL is not a broken link.
    let about = site.read("content/notes/about.ar.md");
    site.write(
        "content/notes/about.ar.md",
        &format!("{about}\nالدرس [الأول](/osdev/bootloader/1-intro.html).\n"),
    );
    let out = site.brief(&["check"]);
    assert!(!stdout(&out).contains("1-intro"), "{}", stdout(&out));
}

#[test]
fn an_alias_on_a_page_or_another_alias_is_an_error_naming_both() {
    let site = Site::fixture("basic");
    add_aliases(
        &site,
        "content/briefings/call/index.ar.md",
        "[/en/briefings/call/, /old/call.html]",
    );
    add_aliases(
        &site,
        "content/briefings/call/index.en.md",
        "[/old/call.html]",
    );
    add_aliases(
        &site,
        "content/notes/about.ar.md",
        "[\"https://old.example.org/about/\"]",
    );
    let out = site.brief(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    for needle in [
        "error: two sources write `en/briefings/call/index.html`: the alias `/en/briefings/call/` in content/briefings/call/index.ar.md and the article content/briefings/call/index.en.md",
        "error: two sources write `old/call.html`: the alias `/old/call.html` in content/briefings/call/index.en.md and the alias `/old/call.html` in content/briefings/call/index.ar.md",
        "help: change or remove the alias: an old URL can lead to one page only, and never over a page",
        "error: alias `https://old.example.org/about/` is a full URL; write only its path",
        "--> content/notes/about.ar.md:2:11",
    ] {
        assert!(err.contains(needle), "no {needle} in\n{err}");
    }
    assert!(!site.path().join("public").exists(), "a failed build wrote");
    let out = site.brief(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("two sources write `old/call.html`"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_one_language_site_has_no_chooser_switcher_or_hreflang() {
    let site = Site::fixture("basic");
    site.write(
        "brief.yaml",
        "title: موجز الاختبار\nbase_url: https://example.org/\nlanguages:\n  - code: ar\npaginate: 2\n",
    );
    let entities = site.read("content/entities.yaml");
    let arabic_only: Vec<&str> = entities
        .lines()
        .filter(|l| !l.trim_start().starts_with("en:"))
        .collect();
    site.write("content/entities.yaml", &arabic_only.join("\n"));
    for file in [
        "content/briefings/call/index.en.md",
        "content/notes/about-us.en.md",
    ] {
        std::fs::remove_file(site.path().join(file)).unwrap();
    }
    site.build(&["--base-url", "https://org.github.io/repo/"]);
    let root = site.read("public/index.html");
    assert!(
        root.contains("<meta http-equiv=\"refresh\" content=\"0; url=/repo/ar/\">"),
        "{root}"
    );
    assert!(root.contains("<title>موجز الاختبار</title>"), "{root}");
    for file in [
        "public/ar/index.html",
        "public/ar/briefings/call/index.html",
        "public/ar/timeline/index.html",
    ] {
        let page = site.read(file);
        for absent in [
            "hreflang",
            "lang-switch",
            "translation-missing",
            "og:locale:alternate",
        ] {
            assert!(!page.contains(absent), "{file} has {absent}");
        }
    }
    let sitemap = site.read("public/sitemap.xml");
    assert!(!sitemap.contains("hreflang"), "{sitemap}");
    assert!(
        !sitemap.contains("<loc>https://org.github.io/repo/</loc>"),
        "{sitemap}"
    );
    let broken = crate::links::broken(&site.path().join("public"), "https://org.github.io/repo/");
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    let out = site.brief(&["check", "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}
