//! Search: the bundle a build writes, and the browser's query folding (fold.js, run
//! with node) against brief's own folding.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::support::{Site, repo};

/// The search page folds queries in JavaScript; the index was folded in Rust. The
/// two must agree on every string, or a query would miss what it should find.
#[test]
fn fold_js_agrees_with_rust() {
    let table = [
        "أحمد الشرع يصل إلى دمشق",
        "آلاف اللاجئين عادوا",
        "ٱلْأُمَمُ ٱلْمُتَّحِدَةُ",
        "صَرَّحَ بُوتِين أَمْسِ",
        "استقبل وفداً روسياً",
        "هٰذا",
        "قال بوتـــين إن موسكـو سترد",
        "مصطفى على الحدود",
        "Putin’s visit to the UK، أمس",
        "Érdoğan İzmir ÇAVUŞOĞLU",
        "Путин говорит",
        "القرار ٢٢٥٤ (2254)",
        "ﻻ ﷲ ۝ 🇸🇾 Ǆ ẞ",
        "",
    ];
    let script = format!(
        "import {{ fold }} from {:?};\n\
         let input = ''; process.stdin.on('data', (d) => input += d);\n\
         process.stdin.on('end', () => console.log(JSON.stringify(JSON.parse(input).map(fold))));",
        format!(
            "file://{}",
            repo().join("themes/default/static/fold.js").display()
        )
    );
    let mut node = Command::new("node")
        .args(["--input-type=module", "-e", &script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("this test needs node (Debian: apt-get install nodejs)");
    node.stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(&table).unwrap().as_bytes())
        .unwrap();
    let out = node.wait_with_output().unwrap();
    assert!(out.status.success(), "node failed");
    let folded: Vec<String> = serde_json::from_slice(&out.stdout).unwrap();
    for (input, js) in table.iter().zip(&folded) {
        assert_eq!(
            js,
            &brief::text::arabic::fold_str(input),
            "fold.js and fold_str differ on {input:?}"
        );
    }
    assert_eq!(folded.len(), table.len());
}

#[test]
fn the_build_writes_a_bundle_per_language_and_no_search_json() {
    let site = Site::sample();
    site.build(&[]);
    for lang in ["ar", "en"] {
        let entry = site.read(&format!("public/{lang}/pagefind/pagefind-entry.json"));
        assert!(entry.contains("\"page_count\":3"), "{entry}");
        assert!(
            site.path()
                .join(format!("public/{lang}/pagefind/pagefind.js"))
                .is_file()
        );
        assert!(
            !site
                .path()
                .join(format!("public/{lang}/search.json"))
                .exists()
        );
        // Only what the theme's page loads: no Pagefind UI kits.
        assert!(
            !site
                .path()
                .join(format!("public/{lang}/pagefind/pagefind-ui.js"))
                .exists()
        );
    }
    // Arabic is indexed without Pagefind's stemmer; English with it.
    assert!(
        site.read("public/ar/pagefind/pagefind-entry.json")
            .contains("\"unknown\"")
    );
    assert!(
        site.read("public/en/pagefind/pagefind-entry.json")
            .contains("\"en\"")
    );
    let page = site.read("public/ar/search/index.html");
    assert!(page.contains("pagefind/"), "{page}");
    assert!(page.contains("aria-live=\"polite\""));
}

/// Pagefind gives the same bytes for the same records (it does not promise it), and
/// a bundle from the cache is the bundle Pagefind makes: a build with an empty cache,
/// one from the cache, and one with the cache removed again, byte for byte.
#[test]
fn two_builds_give_the_same_search_bytes() {
    let site = Site::sample();
    let entries = |dir: &str| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(site.path().join(dir))
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    };
    // Each entry is a pack, and its files as a tree that later builds hard-link into
    // their output (made by the build that wrote them).
    let packs = || -> Vec<String> {
        let all = entries(".brief-cache/search");
        let (packs, trees): (Vec<String>, Vec<String>) =
            all.iter().cloned().partition(|n| n.ends_with(".pagefind"));
        let stems = |names: &[String]| -> Vec<String> {
            names
                .iter()
                .map(|n| n.rsplit_once('.').unwrap().0.to_string())
                .collect()
        };
        assert_eq!(
            stems(&packs),
            stems(&trees),
            "a tree beside each pack: {all:?}"
        );
        packs
    };
    // Whether each file of `out`'s bundle of `lang` is its tree's file, linked.
    let linked = |out: &str, lang: &str| -> bool {
        let pack = packs().into_iter().find(|n| n.starts_with(lang)).unwrap();
        let tree = format!(
            ".brief-cache/search/{}.files/bundle",
            pack.trim_end_matches(".pagefind")
        );
        let bundle = format!("{out}/{lang}/pagefind");
        let inode = |path: std::path::PathBuf| {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(path).unwrap().ino()
        };
        site.files(&bundle).iter().all(|f| {
            inode(site.path().join(&bundle).join(f)) == inode(site.path().join(&tree).join(f))
        })
    };
    for name in ["cold", "warm", "again", "damaged"] {
        if name == "again" {
            std::fs::remove_dir_all(site.path().join(".brief-cache/search")).unwrap();
        }
        if name == "damaged" {
            // A file of a tree gone: the bundle is written, and the tree stored again.
            let tree = entries(".brief-cache/search")
                .into_iter()
                .find(|n| n.starts_with("en-") && n.ends_with(".files"))
                .unwrap();
            let tree = format!(".brief-cache/search/{tree}/bundle");
            std::fs::remove_file(site.path().join(&tree).join(&site.files(&tree)[0])).unwrap();
        }
        let out = site.path().join(name);
        site.build(&["--output", out.to_str().unwrap()]);
        let cached = packs();
        assert_eq!(cached.len(), 2, "one entry per language: {cached:?}");
        assert!(cached[0].starts_with("ar-") && cached[1].starts_with("en-"));
        #[cfg(unix)]
        {
            // The Arabic tree is whole in the damaged build.
            assert_eq!(
                linked(name, "ar"),
                matches!(name, "warm" | "damaged"),
                "{name}"
            );
            assert_eq!(linked(name, "en"), name == "warm", "{name}");
        }
    }
    #[cfg(unix)]
    {
        site.build(&["--output", site.path().join("mended").to_str().unwrap()]);
        assert!(linked("mended", "en") && linked("mended", "ar"));
    }
    for lang in ["ar", "en"] {
        let bundle = format!("cold/{lang}/pagefind");
        let files = site.files(&bundle);
        assert!(files.len() > 5, "{files:?}");
        for other in ["warm", "again", "damaged", "mended"] {
            let theirs = format!("{other}/{lang}/pagefind");
            assert_eq!(files, site.files(&theirs));
            for f in &files {
                assert!(
                    std::fs::read(site.path().join(&bundle).join(f)).unwrap()
                        == std::fs::read(site.path().join(&theirs).join(f)).unwrap(),
                    "{theirs}/{} differs",
                    f.display()
                );
            }
        }
    }

    // An edit to one language's text makes that language's entry again, and only
    // that one; the old entry goes.
    let before = packs();
    let file = "content/briefings/putin-sharaa-call/index.en.md";
    let text = site.read(file);
    site.write(file, &format!("{text}\nA correction was added.\n"));
    site.build(&["--output", site.path().join("edited").to_str().unwrap()]);
    let after = packs();
    assert_eq!(after.len(), 2, "{after:?}");
    assert_eq!(after[0], before[0], "the Arabic entry was made again");
    assert_ne!(after[1], before[1], "the English entry was not made again");
}

/// A cache brief cannot write fails the build with the file and what to do, and
/// leaves the previous output as it was.
#[test]
fn a_search_cache_that_cannot_be_written_is_an_error_with_the_fix() {
    let site = Site::sample();
    site.build(&[]);
    let before = site.read("public/en/index.html");
    std::fs::remove_dir_all(site.path().join(".brief-cache/search")).unwrap();
    // A file where the folder should be: no entry can be stored.
    site.write(".brief-cache/search", "not a folder");
    let out = site.brief(&["build"]);
    assert!(!out.status.success());
    let err = crate::support::stderr(&out);
    assert!(err.contains(".brief-cache/search/"), "{err}");
    assert!(
        err.contains("make that folder writable, or delete it"),
        "{err}"
    );
    assert_eq!(site.read("public/en/index.html"), before);
}

#[test]
fn search_false_writes_no_index_and_no_search_page() {
    let site = Site::sample();
    let config = site.read("brief.yaml");
    site.write("brief.yaml", &format!("{config}search: false\n"));
    site.build(&[]);
    assert!(!site.path().join("public/ar/pagefind").exists());
    assert!(!site.path().join("public/ar/search/index.html").exists());
    let home = site.read("public/ar/index.html");
    assert!(
        !home.contains("/search/"),
        "the header still links to search"
    );
}

/// Each briefing is one record, from the model: its text without the page around
/// it, Arabic words followed by their hidden variants, names of the entities it
/// mentions, and the filters the page offers.
#[test]
fn records_come_from_the_model() {
    use brief::{LoadOptions, Site as Loaded};
    let site = Site::sample();
    let loaded = Loaded::load(site.path(), &LoadOptions::default()).unwrap();
    let records = brief::search::records(&loaded, "ar");
    assert_eq!(records.len(), 3);
    let call = records
        .iter()
        .find(|r| r.url.ends_with("/ar/briefings/putin-sharaa-call/"))
        .unwrap();
    assert!(call.url.starts_with("/brief/"), "{}", call.url);
    assert!(call.content.contains("بالاعتبار ~~الاعتبار ~~اعتبار"));
    assert!(call.content.contains("~^الكرملين"));
    // No navigation, chips or footer text.
    assert!(!call.content.contains("الخط الزمني"));
    assert_eq!(call.filters["year"], ["2025"]);
    assert!(call.filters["entity"].contains(&"الكرملين".to_string()));
    assert_eq!(call.sort["date"], "2025-02-12");
    assert_eq!(call.meta["date"], "12 شباط/فبراير 2025");
    assert_eq!(call.language, "unknown");
}

/// The bundle's directory is the search index's alone: a static file inside it is
/// a collision that names both.
#[test]
fn a_static_file_inside_the_bundle_is_a_collision() {
    let site = Site::sample();
    site.write("static/ar/pagefind/extra.js", "// mine");
    let out = site.brief(&["build"]);
    assert!(!out.status.success());
    let err = crate::support::stderr(&out);
    assert!(err.contains("ar/pagefind"), "{err}");
    assert!(err.contains("search index"), "{err}");
}
