//! Metadata that clients read: Google's Article requirements on the JSON-LD of every
//! briefing of the sample site, the site `timezone:` in every timestamp (Atom,
//! JSON-LD, sitemap, `<time>`, Open Graph), the Atom feeds' links, direction and
//! icon, and entity pages described by their own description.

use crate::support::Site;

/// The JSON-LD of a built page.
fn json_ld(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("no JSON-LD") + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

/// The file a permalink of the site built in `site` points to, if it was built.
fn built_file(site: &Site, base_url: &str, url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix(base_url)?;
    let rest = percent_decode(rest);
    let path = site.path().join("public").join(rest);
    let path = if path.is_dir() {
        path.join("index.html")
    } else {
        path
    };
    path.is_file().then_some(path)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(Ok(b)) = s.get(i + 1..i + 3).map(|h| u8::from_str_radix(h, 16))
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// The `content` of the `<meta>` with attribute `attr="name"`.
fn meta<'a>(html: &'a str, attr: &str, name: &str) -> Vec<&'a str> {
    let open = format!("<meta {attr}=\"{name}\" content=\"");
    html.match_indices(&open)
        .map(|(i, _)| {
            let rest = &html[i + open.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// Google's Article structured data (developers.google.com/search/docs/appearance/
/// structured-data/article): a headline, an image, datePublished (a date, or a
/// timestamp with its zone), authors with a name and a url, and a publisher with a
/// logo. Checked on both editions of every briefing of the sample site.
#[test]
fn every_sample_briefing_meets_googles_article_requirements() {
    let site = Site::sample();
    site.build(&[]);
    let base_url = "https://example.github.io/brief/";
    let mut checked = 0;
    for lang in ["ar", "en"] {
        for file in site.files(&format!("public/{lang}/briefings")) {
            if file.components().count() != 2 || !file.ends_with("index.html") {
                continue;
            }
            let html = site.read(&format!("public/{lang}/briefings/{}", file.display()));
            let json = json_ld(&html);
            let at = format!("{lang}/{}", file.display());
            assert_eq!(json["@type"], "NewsArticle", "{at}");
            let headline = json["headline"].as_str().unwrap_or_default();
            assert!(
                !headline.is_empty() && headline.chars().count() <= 110,
                "{at}: headline {headline:?}"
            );
            let image = json["image"]["url"]
                .as_str()
                .or_else(|| json["image"].as_str())
                .unwrap_or_default();
            assert!(
                built_file(&site, base_url, image).is_some(),
                "{at}: image {image:?} is not an absolute URL of a built file"
            );
            for key in ["datePublished", "dateModified"] {
                let date = json[key].as_str().unwrap_or_default();
                let ok = if date.contains('T') {
                    date.parse::<jiff::Timestamp>().is_ok()
                } else {
                    date.parse::<jiff::civil::Date>().is_ok()
                };
                assert!(
                    ok,
                    "{at}: {key} {date:?} is neither a date nor a timestamp with a zone"
                );
            }
            let authors = json["author"].as_array().cloned().unwrap_or_default();
            assert!(!authors.is_empty(), "{at}: no author");
            for author in &authors {
                assert!(
                    matches!(author["@type"].as_str(), Some("Person" | "Organization")),
                    "{at}: {author}"
                );
                assert!(
                    author["name"].as_str().is_some_and(|n| !n.is_empty()),
                    "{at}: {author}"
                );
                assert!(
                    author["url"]
                        .as_str()
                        .is_some_and(|u| u.starts_with("https://")),
                    "{at}: author without url {author}"
                );
            }
            let publisher = &json["publisher"];
            assert!(
                publisher["name"].as_str().is_some_and(|n| !n.is_empty()),
                "{at}"
            );
            assert_eq!(publisher["url"], base_url, "{at}");
            let logo = publisher["logo"]["url"].as_str().unwrap_or_default();
            assert!(
                built_file(&site, base_url, logo).is_some(),
                "{at}: publisher logo {logo:?} is not an absolute URL of a built file"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 6, "three briefings in two languages");
}

/// A Damascus desk writing local times, and a London desk across daylight saving:
/// the same instant in Atom, JSON-LD, the sitemap, `<time>` and Open Graph.
#[test]
fn timestamps_without_a_zone_are_in_the_site_timezone_everywhere() {
    let site = Site::sample();
    let config = site
        .read("brief.yaml")
        .replace("timezone: Asia/Damascus\n", "");
    site.write("brief.yaml", &format!("{config}timezone: Europe/London\n"));
    for (lang, title) in [
        ("ar", "لافروف يهاتف الشيباني بشأن حميميم"),
        ("en", "Lavrov calls al-Shaibani about Hmeimim"),
    ] {
        site.write(
            &format!("content/briefings/lavrov-call/index.{lang}.md"),
            &format!(
                "---\ntitle: \"{title}\"\ndate: 2025-01-15T09:00\nupdated: 2025-07-15T09:00\nsummary: \"S\"\nauthors: [{}]\n---\n\nنص Text.\n",
                if lang == "ar" {
                    "هيئة التحرير"
                } else {
                    "Editorial desk"
                }
            ),
        );
    }
    site.build(&[]);
    // 09:00 in January is GMT; 09:00 in July is BST, an hour ahead of UTC.
    let (published, updated) = ("2025-01-15T09:00:00Z", "2025-07-15T09:00:00+01:00");
    for lang in ["ar", "en"] {
        let html = site.read(&format!("public/{lang}/briefings/lavrov-call/index.html"));
        let json = json_ld(&html);
        assert_eq!(json["datePublished"], published, "{lang}");
        assert_eq!(json["dateModified"], updated, "{lang}");
        assert!(
            html.contains(&format!("<time datetime=\"{published}\">")),
            "{lang}: no <time datetime=\"{published}\">"
        );
        assert_eq!(
            meta(&html, "property", "article:published_time"),
            [published]
        );
        assert_eq!(meta(&html, "property", "article:modified_time"), [updated]);
        let feed = site.read(&format!("public/{lang}/atom.xml"));
        let entry = &feed[feed.find("lavrov-call").unwrap()..];
        assert!(
            entry.contains(&format!("<published>{published}</published>")),
            "{entry}"
        );
        assert!(
            entry.contains(&format!("<updated>{updated}</updated>")),
            "{entry}"
        );
        // The other briefings are dates: in the feed, midnight in London.
        assert!(
            feed.contains("<published>2025-02-12T00:00:00Z</published>"),
            "{feed}"
        );
    }
    let sitemap = site.read("public/sitemap.xml");
    let url = sitemap
        .find("/ar/briefings/lavrov-call/</loc>")
        .expect("no sitemap entry");
    assert!(
        sitemap[url..].contains(&format!("<lastmod>{updated}</lastmod>")),
        "{sitemap}"
    );
    // A date stays a date in the sitemap.
    assert!(
        sitemap.contains("<lastmod>2025-02-13</lastmod>"),
        "{sitemap}"
    );

    // The same files in Damascus (+03:00 all year): dates become midnight there.
    site.write("brief.yaml", &format!("{config}timezone: Asia/Damascus\n"));
    site.build(&[]);
    let feed = site.read("public/en/atom.xml");
    assert!(
        feed.contains("<published>2025-01-15T09:00:00+03:00</published>"),
        "{feed}"
    );
    assert!(
        feed.contains("<published>2025-02-12T00:00:00+03:00</published>"),
        "{feed}"
    );
}

#[test]
fn an_unknown_timezone_is_an_error_at_its_line_naming_the_nearest() {
    let site = Site::sample();
    let config = site
        .read("brief.yaml")
        .replace("timezone: Asia/Damascus\n", "");
    let line = config.lines().count() + 1;
    site.write("brief.yaml", &format!("{config}timezone: Asia/Damascas\n"));
    let out = site.brief(&["build"]);
    assert!(!out.status.success());
    let err = crate::support::stderr(&out);
    assert!(
        err.contains("`timezone: Asia/Damascas` is not a time zone brief knows"),
        "{err}"
    );
    assert!(err.contains(&format!("brief.yaml:{line}")), "{err}");
    assert!(
        err.contains("did you mean `timezone: Asia/Damascus`"),
        "{err}"
    );
}

#[test]
fn atom_feeds_link_the_site_first_and_carry_absolute_rtl_content() {
    let site = Site::sample();
    site.build(&[]);
    let base_url = "https://example.github.io/brief/";
    for (lang, dir) in [("ar", "rtl"), ("en", "ltr")] {
        let feed = site.read(&format!("public/{lang}/atom.xml"));
        let alternate = feed
            .find(&format!(
                "<link rel=\"alternate\" type=\"text/html\" href=\"{base_url}{lang}/\"/>"
            ))
            .expect("no alternate link");
        let own = feed.find("<link rel=\"self\"").expect("no self link");
        assert!(alternate < own, "{lang}: self before alternate");
        assert!(
            feed.contains(&format!("<icon>{base_url}assets/favicon.svg</icon>")),
            "{feed}"
        );
        assert!(
            feed.contains(&format!("<logo>{base_url}logo.svg</logo>")),
            "{feed}"
        );
        let entries = feed.matches("<entry>").count();
        assert_eq!(
            feed.matches(&format!(
                "<content type=\"html\">&lt;div dir=&quot;{dir}&quot; lang=&quot;{lang}&quot;&gt;"
            ))
            .count(),
            entries,
            "{lang}: an entry's content is not wrapped in dir={dir}"
        );
        for relative in ["href=&quot;/", "src=&quot;/", "srcset=&quot;/"] {
            assert!(!feed.contains(relative), "{lang}: {relative} in {feed}");
        }
        // The sample desk is in Damascus: a date is midnight there.
        assert!(
            feed.contains("<published>2025-02-12T00:00:00+03:00</published>"),
            "{feed}"
        );
        // The bundle's map and the entity links are there, absolute.
        assert!(
            feed.contains(&format!(
                "src=&quot;{base_url}briefings/putin-sharaa-call/map"
            )),
            "{feed}"
        );
        assert!(
            feed.contains(&format!("href=&quot;{base_url}{lang}/entities/")),
            "{feed}"
        );
    }
}

#[test]
fn entity_pages_are_described_by_the_entity_in_the_page_language() {
    let site = Site::sample();
    let registry = site.read("content/entities.yaml");
    site.build(&[]);
    for lang in ["ar", "en"] {
        let html = site.read(&format!("public/{lang}/entities/putin/index.html"));
        let description = meta(&html, "name", "description");
        let og = meta(&html, "property", "og:description");
        assert_eq!(description, og, "{lang}");
        let text = description.first().copied().unwrap_or_default();
        let home = site.read(&format!("public/{lang}/index.html"));
        let site_blurb = meta(&home, "name", "description");
        assert!(
            !text.is_empty() && site_blurb.first() != Some(&text),
            "{lang}: {text:?}"
        );
        // The words are the registry's, not a translation or the site's blurb.
        let first_word = text.split_whitespace().next().unwrap();
        assert!(
            registry.contains(first_word),
            "{lang}: {text:?} is not from entities.yaml"
        );
    }
}

/// The alternate-language links of a built page: (hreflang, href).
fn hreflangs(html: &str) -> Vec<(String, String)> {
    let open = "<link rel=\"alternate\" hreflang=\"";
    html.match_indices(open)
        .map(|(i, _)| {
            let rest = &html[i + open.len()..];
            let lang = &rest[..rest.find('"').unwrap()];
            let href = rest.split("href=\"").nth(1).unwrap();
            (
                lang.to_string(),
                href[..href.find('"').unwrap()].to_string(),
            )
        })
        .collect()
}

#[test]
fn tag_pages_pair_with_the_tag_the_translations_put_in_the_same_place() {
    let site = Site::sample();
    site.build(&[]);
    let base = "https://example.github.io/brief/";
    let syria = site.read("public/ar/tags/سوريا/index.html");
    assert_eq!(
        hreflangs(&syria),
        [
            ("ar".to_string(), format!("{base}ar/tags/سوريا/")),
            ("en".to_string(), format!("{base}en/tags/syria/")),
        ]
    );
    assert_eq!(meta(&syria, "property", "og:locale:alternate"), ["en_US"]);
    let bases = site.read("public/en/tags/military-bases/index.html");
    assert_eq!(meta(&bases, "property", "og:locale:alternate"), ["ar_AR"]);
    assert!(
        bases.contains(&format!("{base}ar/tags/القواعد-العسكرية/")),
        "{bases}"
    );

    // One translated briefing lists its tags in another order: سوريا and Syria no
    // longer agree everywhere, so neither page claims the other; the others still do.
    for (lang, tags) in [("ar", "[اقتصاد, سوريا]"), ("en", "[Syria, Economy]")] {
        site.write(
            &format!("content/briefings/wheat/index.{lang}.md"),
            &format!("---\ntitle: \"Wheat {lang}\"\ndate: 2025-03-01\ntags: {tags}\n---\n\nنص.\n"),
        );
    }
    site.build(&[]);
    let syria = site.read("public/ar/tags/سوريا/index.html");
    assert!(hreflangs(&syria).iter().all(|(l, _)| l == "ar"), "{syria}");
    assert!(meta(&syria, "property", "og:locale:alternate").is_empty());
    let diplomacy = site.read("public/ar/tags/دبلوماسية/index.html");
    assert_eq!(
        meta(&diplomacy, "property", "og:locale:alternate"),
        ["en_US"]
    );
}

#[test]
fn an_entity_without_a_description_in_the_page_language_is_named_not_translated() {
    let site = Site::sample();
    let registry = site.read("content/entities.yaml");
    site.write(
        "content/entities.yaml",
        &format!(
            "{registry}\nlavrov:\n  kind: person\n  names:\n    ar: [سيرغي لافروف, لافروف]\n    en: [Sergey Lavrov, Lavrov]\n  description:\n    ar: \"وزير الخارجية الروسي منذ **2004**.\"\n"
        ),
    );
    site.build(&[]);
    let ar = site.read("public/ar/entities/lavrov/index.html");
    assert_eq!(
        meta(&ar, "property", "og:description"),
        ["وزير الخارجية الروسي منذ 2004."]
    );
    let en = site.read("public/en/entities/lavrov/index.html");
    let described = meta(&en, "name", "description");
    assert_eq!(described.len(), 1);
    assert!(
        described[0].starts_with("Sergey Lavrov · ")
            && described[0].ends_with(" · Syria–Russia Brief"),
        "{described:?}"
    );
    assert_eq!(meta(&en, "property", "og:description"), described);
}
