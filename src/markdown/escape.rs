//! Text → HTML-escaped text, for element content and for attribute values.

/// Escapes `<`, `>` and `&` into `out`.
pub fn escape_into(text: &str, out: &mut String) {
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html_body_text(&mut *out, text);
}

/// Escapes text for a double-quoted attribute value.
pub(super) fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}
