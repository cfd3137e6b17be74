//! HTML written for pages of the site → the same HTML for another place (a feed
//! reader, an embedded TimelineJS timeline), with every URL in its `href`, `src`,
//! `srcset` and `poster` attributes made absolute.

use crate::markdown::references::{self, RawText};

/// `html` with every URL in its `href`, `src`, `srcset` and `poster` attributes made
/// absolute against `page`, the entry's own absolute URL (ending in `/`): `/repo/x`
/// takes the page's scheme and host, `map.png` and `#note` the page's address.
/// URLs with a scheme (`https:`, `mailto:`) and `//host/…` stay as written.
pub(super) fn links(html: &str, page: &str) -> String {
    let origin = page.find("://").and_then(|scheme| {
        page[scheme + 3..]
            .find('/')
            .map(|p| &page[..scheme + 3 + p])
    });
    let Some(origin) = origin else {
        return html.to_string();
    };
    let found = references::scan(html, &mut RawText::default());
    references::rewrite(html, &found, |_, url| {
        if url.is_empty() || url.starts_with("//") || references::has_scheme(url) {
            url.to_string()
        } else if url.starts_with('/') {
            format!("{origin}{url}")
        } else {
            format!("{page}{url}")
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_inside_content_become_absolute() {
        let page = "https://example.github.io/brief/ar/briefings/putin-sharaa-call/";
        // content HTML → the same with absolute URLs
        #[rustfmt::skip]
        let table: &[(&str, &str)] = &[
            (r#"<a href="/brief/ar/entities/putin/">بوتين</a>"#,
             r#"<a href="https://example.github.io/brief/ar/entities/putin/">بوتين</a>"#),
            (r#"<img src="/brief/briefings/putin-sharaa-call/map.png" alt="خريطة">"#,
             r#"<img src="https://example.github.io/brief/briefings/putin-sharaa-call/map.png" alt="خريطة">"#),
            (r##"<a href="#fn-1">1</a>"##,
             r##"<a href="https://example.github.io/brief/ar/briefings/putin-sharaa-call/#fn-1">1</a>"##),
            (r#"<img srcset="/brief/a-480.webp 480w, /brief/a-960.webp 960w">"#,
             r#"<img srcset="https://example.github.io/brief/a-480.webp 480w, https://example.github.io/brief/a-960.webp 960w">"#),
            (r#"<a href="https://tass.ru/politika/23150897">TASS</a> <a href="mailto:desk@example.org">desk</a>"#,
             r#"<a href="https://tass.ru/politika/23150897">TASS</a> <a href="mailto:desk@example.org">desk</a>"#),
            (r#"<video poster="/brief/still.jpg" src="//cdn.example.org/v.mp4"></video>"#,
             r#"<video poster="https://example.github.io/brief/still.jpg" src="//cdn.example.org/v.mp4"></video>"#),
            // Code shown as text is not a link.
            (r#"<code>&lt;a href="/x"&gt;</code>"#, r#"<code>&lt;a href="/x"&gt;</code>"#),
        ];
        for (html, want) in table {
            assert_eq!(links(html, page), *want, "{html}");
        }
        // A base URL without a host leaves the links as they are.
        assert_eq!(
            links(r#"<a href="/x">x</a>"#, "/ar/a/"),
            r#"<a href="/x">x</a>"#
        );
    }
}
