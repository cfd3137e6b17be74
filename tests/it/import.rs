//! `brief import jekyll|hugo`: fixture sites modeled on real ones are imported, the
//! result passes `brief check --strict`, builds with no broken internal link, and every
//! old URL leads to its page; SRC is never written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{BIN, repo, stderr, stdout};

/// Every file under `dir` with its bytes, to prove SRC is left as it was.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn brief(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// Imports the fixture `name` with `kind` into a temp dir; returns (temp, site, report).
fn import(kind: &str, name: &str) -> (tempfile::TempDir, PathBuf, String) {
    let src = repo().join("tests/fixtures").join(name);
    let before = snapshot(&src);
    let work = tempfile::tempdir().unwrap();
    let out = brief(
        work.path(),
        &["import", kind, src.to_str().unwrap(), "site"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(snapshot(&src), before, "import wrote into SRC");
    let site = work.path().join("site");
    let out = brief(&site, &["check", "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // The report, from a second import into another directory (the same text).
    let report = stdout(&brief(
        work.path(),
        &["import", kind, src.to_str().unwrap(), "again"],
    ));
    (work, site, report)
}

/// Builds `site`, requires no broken internal link under `base_url`, and that each
/// old URL's file redirects to `to` (below the base path), a page that exists.
fn old_urls_lead_to_their_pages(site: &Path, base_url: &str, old: &[(&str, &str)]) {
    let out = brief(site, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = site.join("public");
    let broken = crate::links::broken(&public, base_url);
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    let base_path = &base_url[base_url[8..].find('/').unwrap() + 8..];
    for (url, to) in old {
        let file = if url.ends_with(".html") {
            public.join(url.trim_start_matches('/'))
        } else {
            public.join(url.trim_start_matches('/')).join("index.html")
        };
        let page = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("old URL {url}: {}: {e}", file.display()));
        assert!(
            page.contains(&format!("url={base_path}{to}\"")),
            "{url} does not lead to {to}:\n{page}"
        );
        assert!(public.join(to).join("index.html").is_file(), "{to}");
    }
}

#[test]
fn an_arabic_jekyll_blog_moves_in_with_its_permalinks() {
    let (_work, site, report) = import("jekyll", "import-jekyll");
    for needle in [
        "converted 5 pages, copied 3 files, skipped 3, 5 to review\n",
        "  _posts/2015-07-20-bootloader-intro.markdown → content/posts/bootloader-intro.ar.md\n",
        "  _drafts/scheduler.md: a Jekyll draft: move it into _posts/ with a date to import it\n",
        "  about.md: no date, in its name (2015-07-20-title.md) or its front matter: brief needs one; add `date:` and import again\n",
        "  layout (in 4 files)\n",
        "  content/posts/bootloader-gdt.ar.md:9: Liquid tag `{% include toc.html %}` (brief does not run Liquid)\n",
        "  content/posts/linux-kernel.ar.md:10: Liquid tag `{{ site.title }}` (brief does not run Liquid)\n",
        "  content/posts/linux-kernel.ar.md:5: image_alt is the title, since the source had no alt text: describe the picture\n",
        "raw HTML refers to /images/boot.png, /images/real-mode.svg from the site root",
    ] {
        assert!(report.contains(needle), "no {needle:?} in\n{report}");
    }
    assert!(report.ends_with("next: brief -C again check\n"), "{report}");
    let gdt = std::fs::read_to_string(site.join("content/posts/bootloader-gdt.ar.md")).unwrap();
    assert_eq!(gdt.lines().nth(8), Some("{% include toc.html %}"));
    let intro = std::fs::read_to_string(site.join("content/posts/bootloader-intro.ar.md")).unwrap();
    for line in [
        "title: \"محمل الإقلاع: الدرس ١ – مقدمة إلى Bootloader\"",
        "date: 2015-07-20",
        "image: \"/images/boot.png\"",
        "tags: [\"osdev\", \"bootloader\", \"x86\", \"تجميع\"]",
        "authors: [\"أحمد سامي\"]",
        "aliases: [\"/osdev/bootloader/1-intro.html\"]",
        "```nasm",
    ] {
        assert!(intro.lines().any(|l| l == line), "no {line} in\n{intro}");
    }
    let config = std::fs::read_to_string(site.join("brief.yaml")).unwrap();
    assert!(config.contains("base_url: \"https://ahmad-dev.github.io/\"\nlanguages:\n  - code: \"ar\"\n    dir: rtl\n"), "{config}");
    assert!(site.join("static/images/real-mode.svg").is_file());
    assert!(
        !site.join("static/images/unused.txt").exists(),
        "only what posts use is copied"
    );
    old_urls_lead_to_their_pages(
        &site,
        "https://ahmad-dev.github.io/",
        &[
            (
                "/osdev/bootloader/1-intro.html",
                "ar/posts/bootloader-intro/",
            ),
            ("/osdev/bootloader/2-gdt.html", "ar/posts/bootloader-gdt/"),
            ("/ruby/2016/01/10/ruby-notes.html", "ar/posts/ruby-notes/"),
            ("/2016/03/05/linux-kernel.html", "ar/posts/linux-kernel/"),
            ("/2016/05/01/hello.html", "ar/posts/hello/"),
        ],
    );
    let page =
        std::fs::read_to_string(site.join("public/ar/posts/linux-kernel/index.html")).unwrap();
    assert!(
        page.contains("2016-03-05T21:30:00+03:00"),
        "the time and offset are kept"
    );
    let root = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(
        root.contains("url=/ar/\""),
        "a one-language site's root leads home: {root}"
    );
}

#[test]
fn a_bilingual_hugo_site_moves_in_with_bundles_and_aliases() {
    let (_work, site, report) = import("hugo", "import-hugo");
    for needle in [
        "converted 6 pages, copied 1 file, skipped 3, 5 to review\n",
        "  content/_index.md: a section's list page (_index): brief makes section listings itself, so its text is not imported\n",
        "  content/draft-note.md: no `date` in its front matter: brief needs one; add it and import again\n",
        "  weight (in 1 file)\n",
        "  content/posts/sharaa-visit.ar.md:10: Hugo shortcode `{{< tweet user=\"SyriaDesk\" id=\"1895000000000000000\" >}}` (brief does not run shortcodes)\n",
        "  content/posts/al-sharaa-visit.en.md:9: Hugo shortcode `{{% note %}}` (brief does not run shortcodes)\n",
    ] {
        assert!(report.contains(needle), "no {needle:?} in\n{report}");
    }
    let config = std::fs::read_to_string(site.join("brief.yaml")).unwrap();
    assert!(
        config.contains("title:\n  ar: \"موجز المشرق\"\n  en: \"Levant Brief\"\n"),
        "{config}"
    );
    assert!(
        config
            .contains("  - code: \"ar\"\n    name: \"العربية\"\n    dir: rtl\n  - code: \"en\"\n"),
        "{config}"
    );
    let ar = std::fs::read_to_string(site.join("content/posts/sharaa-visit.ar.md")).unwrap();
    assert!(
        ar.contains("slug: \"zyara\"\ntranslation_key: \"visit\"\n"),
        "{ar}"
    );
    old_urls_lead_to_their_pages(
        &site,
        "https://levant-desk.github.io/brief/",
        &[
            ("/posts/putin-call/", "ar/posts/putin-call/"),
            ("/2025/02/putin-call/", "ar/posts/putin-call/"),
            ("/en/2025/02/putin-call-en/", "en/posts/putin-call/"),
            ("/posts/zyara/", "ar/posts/zyara/"),
            ("/about-us/", "ar/about/"),
            ("/en/about-us/", "en/about/"),
        ],
    );
    let public = site.join("public");
    // The translations are paired: by directory, and by translationKey.
    let visit = std::fs::read_to_string(public.join("ar/posts/zyara/index.html")).unwrap();
    assert!(
        visit.contains(
            "hreflang=\"en\" href=\"https://levant-desk.github.io/brief/en/posts/al-sharaa-visit/\""
        ),
        "{visit}"
    );
    let call = std::fs::read_to_string(public.join("ar/posts/putin-call/index.html")).unwrap();
    // The bundle's file is published once, where both editions reach it.
    assert!(
        call.contains("src=\"/brief/posts/putin-call/cover.svg\""),
        "{call}"
    );
    assert!(public.join("posts/putin-call/cover.svg").is_file());
    let front = std::fs::read_to_string(site.join("content/posts/putin-call/index.ar.md")).unwrap();
    assert!(
        front.contains("image: \"cover.svg\"\n"),
        "a bundle's image points where it is published: {front}"
    );
    assert!(!public.join("en/posts/putin-call/cover.svg").exists());
}

#[test]
fn import_refuses_to_write_into_src_or_over_a_site() {
    let work = tempfile::tempdir().unwrap();
    let src = work.path().join("blog");
    crate::support::copy_dir(&repo().join("tests/fixtures/import-jekyll"), &src);
    let before = snapshot(&src);
    let out = brief(
        work.path(),
        &["import", "jekyll", "blog", "blog/brief-site"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("brief import never writes into the site it reads"),
        "{}",
        stderr(&out)
    );
    std::fs::create_dir(work.path().join("full")).unwrap();
    std::fs::write(work.path().join("full/notes.md"), "ملاحظات").unwrap();
    let out = brief(work.path(), &["import", "jekyll", "blog", "full"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not empty; give a new directory, or use --into"),
        "{}",
        stderr(&out)
    );
    assert_eq!(snapshot(&src), before);

    // --into: the pages join an existing site, whose brief.yaml is kept.
    let out = brief(work.path(), &["init", "desk"]);
    assert!(out.status.success());
    let config = std::fs::read_to_string(work.path().join("desk/brief.yaml")).unwrap();
    let out = brief(
        work.path(),
        &["-C", "desk", "import", "jekyll", "blog", "--into"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(work.path().join("desk/brief.yaml")).unwrap(),
        config
    );
    assert!(
        work.path()
            .join("desk/content/posts/bootloader-gdt.ar.md")
            .is_file()
    );
    let out = brief(&work.path().join("desk"), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        work.path()
            .join("desk/public/osdev/bootloader/2-gdt.html")
            .is_file()
    );
    // A second import would replace files: refused, naming the first.
    let out = brief(
        work.path(),
        &["-C", "desk", "import", "jekyll", "blog", "--into"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("already exists; brief import never replaces a file"),
        "{}",
        stderr(&out)
    );
}
