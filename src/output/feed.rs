//! An Atom feed per language: the latest briefings, with summary and full content.

use std::fmt::Write as _;

use super::escape::{encode_url, xml_escape};
use crate::site::Site;

/// How many of the latest briefings a feed carries.
pub const ENTRIES: usize = 20;

pub(super) fn atom(site: &Site, code: &str) -> String {
    let articles: Vec<usize> = site.articles_in(code).into_iter().take(ENTRIES).collect();
    let feed_url = encode_url(&site.permalink(&format!("{code}/atom.xml")));
    let home = encode_url(&site.permalink(&format!("{code}/")));
    // The feed changes when its newest entry does; never the build time, so two
    // builds of the same input give the same bytes.
    let updated = articles
        .iter()
        .map(|&i| {
            let f = &site.articles[i].front;
            f.updated.as_ref().unwrap_or(&f.date).to_rfc3339()
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
        "  <id>{home}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{feed_url}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{home}\"/>\n  <updated>{updated}</updated>\n"
    );
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
            front.date.to_rfc3339(),
            front.updated.as_ref().unwrap_or(&front.date).to_rfc3339(),
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
        let _ = writeln!(
            xml,
            "    <content type=\"html\">{}</content>\n  </entry>",
            xml_escape(&site.rendered[i].html)
        );
    }
    xml.push_str("</feed>\n");
    xml
}
