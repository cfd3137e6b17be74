//! A built site (its directory and base URL) → the internal links in its HTML, XML and
//! JSON that lead nowhere.

use std::path::{Path, PathBuf};

/// Every URL in the built site's HTML, XML and JSON that points into the site (by
/// its base path or its base URL) and leads nowhere: no file, no directory with an
/// `index.html`, or no element with the `#fragment` id. Root-relative links that
/// miss the base path count as broken: on a project page they leave the site.
pub fn broken(public: &Path, base_url: &str) -> Vec<String> {
    let base_path = &base_url[base_url.find("://").map_or(0, |i| i + 3)..];
    let base_path = &base_path[base_path.find('/').unwrap_or(base_path.len())..];
    let mut broken = Vec::new();
    let files: Vec<PathBuf> = walkdir::WalkDir::new(public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && e.path()
                    .extension()
                    .is_some_and(|x| x == "html" || x == "xml" || x == "json")
        })
        .map(|e| e.into_path())
        .collect();
    for file in &files {
        let text = std::fs::read_to_string(file)
            .unwrap()
            .replace("&quot;", "\"");
        let shown = file.strip_prefix(public).unwrap().display().to_string();
        let is_html = file.extension().is_some_and(|x| x == "html");
        for url in urls(&text, base_url) {
            let inside = if let Some(rest) = url.strip_prefix(base_url) {
                rest
            } else if let Some(rest) = url.strip_prefix(base_path) {
                rest
            } else if url.starts_with('/') && !url.starts_with("//") {
                broken.push(format!("{shown}: {url} misses the base path"));
                continue;
            } else if is_html && url.starts_with('#') {
                if !has_id(&text, &decode(&url[1..])) {
                    broken.push(format!("{shown}: {url}"));
                }
                continue;
            } else if is_html && !url.contains(':') && !url.starts_with("//") {
                // Relative: from the page's own directory.
                let dir = file.parent().unwrap();
                let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
                if !resolves(public, &normalize(&dir.join(decode(path))), fragment) {
                    broken.push(format!("{shown}: {url}"));
                }
                continue;
            } else {
                continue;
            };
            let (path, fragment) = inside.split_once('#').unwrap_or((inside, ""));
            if !resolves(public, &public.join(decode(path)), fragment) {
                broken.push(format!("{shown}: {url}"));
            }
        }
    }
    broken.sort();
    broken.dedup();
    broken
}

fn resolves(public: &Path, target: &Path, fragment: &str) -> bool {
    if !target.starts_with(public) {
        return false;
    }
    let file = if target.is_dir() {
        target.join("index.html")
    } else {
        target.to_path_buf()
    };
    if !file.is_file() {
        return false;
    }
    fragment.is_empty()
        || has_id(
            &std::fs::read_to_string(&file).unwrap_or_default(),
            &decode(fragment),
        )
}

fn has_id(html: &str, id: &str) -> bool {
    html.contains(&format!("id=\"{id}\""))
}

/// URLs in attribute values (`href="…"`, `src="…"`, `content="…"`), JSON strings
/// and XML text (`<loc>…</loc>`).
fn urls<'t>(text: &'t str, base_url: &str) -> Vec<&'t str> {
    let mut found = Vec::new();
    for attribute in [
        "href=\"",
        "src=\"",
        "content=\"",
        "\"url\": \"",
        "\"url\":\"",
        "<loc>",
        "<id>",
    ] {
        for (i, _) in text.match_indices(attribute) {
            let rest = &text[i + attribute.len()..];
            let end = rest.find(['"', '<']).unwrap_or(rest.len());
            let url = &rest[..end];
            if url.starts_with(['/', '#'])
                || url.starts_with(base_url)
                || (attribute.starts_with("href") && !url.contains(':'))
            {
                found.push(url);
            }
        }
    }
    found
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

fn normalize(path: &Path) -> PathBuf {
    brief::site::normalize(path)
}
