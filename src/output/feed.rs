//! An Atom feed per language: the latest briefings, with summary and full content.
//!
//! What feed readers need, and do not all do for themselves: the site's page
//! (`rel="alternate"`) comes before the feed's own address (`rel="self"`), since some
//! readers take the first link as the site; every link and picture inside an entry's
//! content is absolute (readers resolve relative ones against the feed, or not at
//! all, and few honour `xml:base`); the content is wrapped in a `<div>` carrying the
//! language's direction, so Arabic reads right to left; and the site's icon and logo
//! are the feed's `<icon>` and `<logo>`.

use std::fmt::Write as _;

use super::escape::{encode_url, xml_escape};
use crate::site::Site;

/// How many of the latest briefings a feed carries.
pub const ENTRIES: usize = 20;

/// The briefings the feed of `code` carries, with their full content: the latest.
pub fn entries(site: &Site, code: &str) -> Vec<usize> {
    site.articles_in(code).into_iter().take(ENTRIES).collect()
}

pub(super) fn atom(site: &Site, code: &str) -> String {
    let zone = &site.config.timezone;
    let articles = entries(site, code);
    let feed_url = encode_url(&site.permalink(&format!("{code}/atom.xml")));
    let home = encode_url(&site.permalink(&format!("{code}/")));
    let dir = site
        .config
        .language(code)
        .map_or(crate::config::Direction::of_language(code), |l| l.dir);
    // The feed changes when its newest entry does; never the build time, so two
    // builds of the same input give the same bytes.
    let updated = articles
        .iter()
        .map(|&i| {
            let f = &site.articles[i].front;
            f.updated.as_ref().unwrap_or(&f.date).to_rfc3339(zone)
        })
        .max()
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let mut xml = String::new();
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{code}\">\n  <title>{}</title>\n",
        xml_escape(site.config.title(code))
    );
    let description = site.config.description(code);
    if !description.is_empty() {
        let _ = writeln!(xml, "  <subtitle>{}</subtitle>", xml_escape(description));
    }
    let _ = write!(
        xml,
        "  <id>{home}</id>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{home}\"/>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{feed_url}\"/>\n  <updated>{updated}</updated>\n"
    );
    if let Some((path, _)) = crate::render::shared::favicon_path(site) {
        let icon = encode_url(&site.permalink(&path));
        let _ = writeln!(xml, "  <icon>{}</icon>", xml_escape(&icon));
    }
    if let Some(logo) = &site.logo {
        let _ = writeln!(
            xml,
            "  <logo>{}</logo>",
            xml_escape(&encode_url(&logo.permalink))
        );
    }
    let site_author = site
        .config
        .author
        .clone()
        .unwrap_or_else(|| site.config.title(code).to_string());
    let _ = writeln!(
        xml,
        "  <author><name>{}</name></author>",
        xml_escape(&site_author)
    );
    for i in articles {
        let article = &site.articles[i];
        let front = &article.front;
        let url = encode_url(&site.permalink(&article.url_path()));
        let _ = write!(
            xml,
            "  <entry>\n    <title>{}</title>\n    <id>{url}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n    <published>{}</published>\n    <updated>{}</updated>\n",
            xml_escape(&front.title),
            front.date.to_rfc3339(zone),
            front
                .updated
                .as_ref()
                .unwrap_or(&front.date)
                .to_rfc3339(zone),
        );
        for author in &front.authors {
            let _ = writeln!(
                xml,
                "    <author><name>{}</name></author>",
                xml_escape(author)
            );
        }
        for tag in &front.tags {
            let _ = writeln!(xml, "    <category term=\"{}\"/>", xml_escape(tag));
        }
        if let Some(summary) = &front.summary {
            let _ = writeln!(xml, "    <summary>{}</summary>", xml_escape(summary));
        }
        let html = format!(
            "<div dir=\"{}\" lang=\"{code}\">{}</div>",
            dir.as_str(),
            super::absolute::links(&site.rendered[i].html, &url)
        );
        let _ = writeln!(
            xml,
            "    <content type=\"html\">{}</content>\n  </entry>",
            xml_escape(&html)
        );
    }
    xml.push_str("</feed>\n");
    xml
}
