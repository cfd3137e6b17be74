//! The pages of a plan → `sitemap.xml`, with `xhtml:link` hreflang alternates for
//! every translated page.

use std::fmt::Write as _;

use super::escape::{encode_url, xml_escape};
use crate::plan::Page;
use crate::site::Site;

/// `sitemap.xml` with `xhtml:link` hreflang alternates for every translated page.
pub(super) fn sitemap(site: &Site, pages: &[Page]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in pages {
        let Some(url) = page.url_path(site) else {
            continue;
        };
        let _ = write!(
            xml,
            "  <url>\n    <loc>{}</loc>\n",
            xml_escape(&encode_url(&site.permalink(&url)))
        );
        if let Some(date) = page.lastmod(site) {
            let _ = writeln!(xml, "    <lastmod>{date}</lastmod>");
        }
        let alternates = page.alternates(site);
        if alternates.len() > 1 {
            for (lang, path) in &alternates {
                let _ = writeln!(
                    xml,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>",
                    xml_escape(&encode_url(&site.permalink(path)))
                );
            }
            if let Some(default) = page.x_default(site) {
                let _ = writeln!(
                    xml,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                    xml_escape(&encode_url(&site.permalink(&default)))
                );
            }
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
