//! Request path → a file path inside the build, or nothing. Decodes the URL once,
//! refuses every way out of the output directory (`..` however it is encoded,
//! backslashes, absolute and empty segments, NUL), and after resolving symlinks makes
//! sure the file really lies inside the build.

use std::path::{Path, PathBuf};

/// A decoded, checked path below the site's base path: `en/timeline/` or
/// `assets/style.css`; empty for the site's home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SitePath(String);

impl SitePath {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The path as ServeDir expects it: absolute, percent-encoded, so that its single
    /// decoding gives back exactly the segments checked here.
    pub fn to_uri_path(&self) -> String {
        encode(&format!("/{}", self.0))
    }
}

/// Percent-encodes all but unreserved characters and `/`: a path fit for a URI or a
/// `Location` header (a base path may be Arabic).
pub(crate) fn encode(path: &str) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const RESERVED: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'/');
    utf8_percent_encode(path, RESERVED).to_string()
}

/// Maps the raw request path to a path inside the site served under `base_path`
/// (`/` or `/repo/`), or `None` when it is outside it or tries to escape.
pub(crate) fn site_path(raw: &str, base_path: &str) -> Option<SitePath> {
    let decoded = percent_decode(raw)?;
    let rest = decoded.strip_prefix(base_path)?;
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        // Only the segment after a trailing slash may be empty.
        if segment.is_empty() && i != last {
            return None;
        }
        if *segment == "."
            || *segment == ".."
            || segment.contains(['\\', '\0'])
            || is_drive(segment)
        {
            return None;
        }
    }
    Some(SitePath(rest.to_string()))
}

/// `C:` would make a path absolute on Windows.
fn is_drive(segment: &str) -> bool {
    let bytes = segment.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

/// Decodes `%XX` escapes once; `None` for a malformed escape or bytes that are not
/// UTF-8, which no page of the site can have.
pub(crate) fn percent_decode(raw: &str) -> Option<String> {
    let malformed = raw
        .split('%')
        .skip(1)
        .any(|rest| rest.bytes().take(2).filter(u8::is_ascii_hexdigit).count() != 2);
    if malformed {
        return None;
    }
    percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()
        .map(|t| t.into_owned())
}

/// Whether what `path` names inside the build (the file, or the directory and its
/// `index.html`) resolves inside `canonical_root` once symlinks are followed. Nothing
/// there is fine: the file server answers 404. A dangling symlink is refused, since
/// what it points at may appear later.
pub(crate) async fn resolves_inside(dir: &Path, canonical_root: &Path, path: &SitePath) -> bool {
    let target = dir.join(path.as_str());
    let Some(real) = resolve(&target).await else {
        return true;
    };
    let Ok(real) = real else {
        return false;
    };
    if !real.starts_with(canonical_root) {
        return false;
    }
    if tokio::fs::metadata(&real).await.is_ok_and(|m| m.is_dir()) {
        return match resolve(&real.join("index.html")).await {
            None => true,
            Some(Ok(index)) => index.starts_with(canonical_root),
            Some(Err(())) => false,
        };
    }
    true
}

/// `None`: nothing at `path`; `Some(Err)`: a symlink leading nowhere.
async fn resolve(path: &Path) -> Option<Result<PathBuf, ()>> {
    match tokio::fs::canonicalize(path).await {
        Ok(real) => Some(Ok(real)),
        Err(_) if tokio::fs::symlink_metadata(path).await.is_ok() => Some(Err(())),
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_request_paths_into_the_site() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("/brief/", "/brief/", Some("")),
            ("/brief/en/timeline/", "/brief/", Some("en/timeline/")),
            (
                "/brief/assets/style.css",
                "/brief/",
                Some("assets/style.css"),
            ),
            (
                "/brief/ar/tags/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7/",
                "/brief/",
                Some("ar/tags/سوريا/"),
            ),
            ("/en/", "/", Some("en/")),
            ("/other/en/", "/brief/", None),
            ("/brief", "/brief/", None),
            ("/", "/brief/", None),
        ];
        for (raw, base, expected) in cases {
            assert_eq!(
                site_path(raw, base).as_ref().map(SitePath::as_str),
                *expected,
                "{raw}"
            );
        }
    }

    #[test]
    fn refuses_every_way_out() {
        let attempts = [
            "/../",
            "/brief/../",
            "/brief/../../etc/passwd",
            "/brief/en/../../secret",
            "/brief/%2e%2e/secret",
            "/brief/%2E%2E/%2e%2e/etc/passwd",
            "/brief/.%2e/secret",
            "/brief/..%2fsecret",
            "/brief/..%2Fsecret",
            "/brief/%2e%2e%2fsecret",
            "/brief/..%5csecret",
            "/brief/%5c..%5csecret",
            "/brief/en%5c..%5c..%5csecret",
            "/brief/\\..\\secret",
            "/brief//etc/passwd",
            "/brief/%2fetc%2fpasswd",
            "/brief/C:/Windows/win.ini",
            "/brief/c%3a%5cwindows",
            "/brief/./en/",
            "/brief/en/%00",
            "/brief/%zz",
            "/brief/%e",
            "/brief/%ff%fe",
            "/brief/%252e%252e/secret/..",
        ];
        for raw in attempts {
            assert_eq!(site_path(raw, "/brief/"), None, "{raw}");
        }
        // Decoded once only: a double-encoded `..` is a strange but harmless name.
        assert_eq!(
            site_path("/brief/%252e%252e/x", "/brief/").map(|p| p.to_uri_path()),
            Some("/%252e%252e/x".to_string())
        );
    }

    #[test]
    fn an_arabic_base_path_is_matched_decoded_and_sent_encoded() {
        let base = "/موجز/";
        let path = site_path("/%D9%85%D9%88%D8%AC%D8%B2/en/", base).unwrap();
        assert_eq!(path.as_str(), "en/");
        assert_eq!(encode(base), "/%D9%85%D9%88%D8%AC%D8%B2/");
    }

    #[test]
    fn encodes_for_the_file_server() {
        let path = site_path("/brief/ar/tags/%D8%B3 x/", "/brief/").unwrap();
        assert_eq!(path.to_uri_path(), "/ar/tags/%D8%B3%20x/");
    }

    #[tokio::test]
    async fn refuses_symlinks_that_lead_out() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        let build = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(build.path()).unwrap();
        std::fs::write(root.join("page.html"), "ok").unwrap();
        std::fs::create_dir(root.join("dir")).unwrap();
        std::fs::write(root.join("dir/index.html"), "ok").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::symlink;
            symlink(outside.path().join("secret.txt"), root.join("leak.txt")).unwrap();
            symlink(outside.path(), root.join("out")).unwrap();
            symlink(root.join("page.html"), root.join("alias.html")).unwrap();
            symlink(outside.path().join("gone"), root.join("dangling")).unwrap();
        }
        let check = |p: &str| {
            let path = SitePath(p.to_string());
            let root = root.clone();
            async move { resolves_inside(&root, &root, &path).await }
        };
        assert!(check("page.html").await);
        assert!(check("dir/").await);
        assert!(check("missing.html").await);
        #[cfg(unix)]
        {
            assert!(check("alias.html").await);
            assert!(!check("leak.txt").await);
            assert!(!check("out/secret.txt").await);
            assert!(!check("out/").await);
            assert!(!check("dangling").await);
        }
    }
}
