//! Text and URLs → what XML and URLs in XML may carry: escaping through
//! pulldown-cmark-escape, percent-encoding through percent-encoding.

/// Percent-encodes what a URL in XML must not carry raw (non-ASCII, spaces, quotes
/// and angle brackets).
pub fn encode_url(url: &str) -> String {
    use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
    const RAW: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>');
    utf8_percent_encode(url, RAW).to_string()
}

/// Escapes text for XML content and double-quoted attributes.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_arabic_paths() {
        assert_eq!(
            encode_url("https://x.org/ar/tags/سوريا/"),
            "https://x.org/ar/tags/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7/"
        );
        assert_eq!(encode_url("/a b\"<>"), "/a%20b%22%3C%3E");
    }

    #[test]
    fn escapes_xml() {
        assert_eq!(
            xml_escape(r#"Putin's <b> & "HTS""#),
            "Putin&#39;s &lt;b&gt; &amp; &quot;HTS&quot;"
        );
    }
}
