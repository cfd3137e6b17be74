//! Live reload: the script injected into served HTML (never into `brief build`
//! output), and the server-sent events it listens to: `hello` on connecting (the
//! current build and error), `reload` after a good build (with the URL paths whose
//! bytes changed: a page reloads only when it or an asset it uses is among them),
//! `broken` after a failed one.

use serde::Serialize;
use serde_json::json;

use super::report::Failure;
use super::state::{Current, Notice};

/// Where the event stream and the script are served; outside any base path a site
/// can have, so they never shadow a page.
pub(crate) const EVENTS: &str = "/__brief/events";
pub(crate) const SCRIPT: &str = "/__brief/reload.js";

/// The browser side: reloads on a newer build, shows a failed build's errors over the
/// page. Kept in its own file so it reads as JavaScript.
pub(crate) const SCRIPT_SOURCE: &str = include_str!("reload.js");

/// The build id in pages served while no build has succeeded yet.
pub(crate) const NO_BUILD: &str = "none";

/// A server-sent event: its name and its JSON data (one line, as SSE requires).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Message {
    pub name: &'static str,
    pub data: String,
}

/// What a page learns when it connects: which build is current and whether the
/// latest change broke the site.
pub(crate) fn hello(current: &Current) -> Message {
    let build = current.site.as_ref().map_or(NO_BUILD, |s| s.build.as_str());
    message(
        "hello",
        &json!({ "build": build, "error": current.error.as_deref() }),
    )
}

pub(crate) fn notice(notice: &Notice) -> Message {
    match notice {
        Notice::Reload {
            build,
            sources,
            changes,
        } => message(
            "reload",
            &json!({
                "build": build,
                "everything": changes.everything,
                "changed": changes.paths,
                "sources": sources,
            }),
        ),
        Notice::Broken(failure) => message("broken", &json!({ "error": &**failure })),
    }
}

fn message(name: &'static str, data: &impl Serialize) -> Message {
    Message {
        name,
        // Compact JSON escapes every newline, so the data is one SSE line.
        data: serde_json::to_string(data).unwrap_or_else(|_| "{}".to_string()),
    }
}

/// The tag that loads the script; `build` lets the page know which build it shows.
fn script_tag(build: &str) -> String {
    let build: String = build
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("<script src=\"{SCRIPT}\" data-build=\"{build}\"></script>")
}

/// Inserts the script before the last `</body>`, or at the end of a page without one.
pub(crate) fn inject(html: &[u8], build: &str) -> Vec<u8> {
    let tag = script_tag(build);
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len() + 1);
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&html[at..]);
    out
}

/// Served for every page while no build has succeeded: the errors, and the script
/// that reloads once the site builds.
pub(crate) fn unbuilt_page(failure: Option<&Failure>) -> String {
    let text = failure.map_or("The site is being built.", |f| f.text.as_str());
    format!(
        "<!doctype html>\n<html lang=\"en\" dir=\"ltr\">\n<head><meta charset=\"utf-8\"><title>brief: the site does not build yet</title></head>\n<body>\n<h1>The site does not build yet</h1>\n<p>Fix what is below and save; this page reloads by itself.</p>\n<pre>{}</pre>\n{}\n</body>\n</html>\n",
        escape(text),
        script_tag(NO_BUILD)
    )
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html_body_text(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_last_closing_body() {
        let cases: &[(&str, &str)] = &[
            (
                "<html><body><p>x</p></body></html>",
                "<html><body><p>x</p><script src=\"/__brief/reload.js\" data-build=\"b-1\"></script>\n</body></html>",
            ),
            (
                "<p>no body</p>",
                "<p>no body</p><script src=\"/__brief/reload.js\" data-build=\"b-1\"></script>\n",
            ),
            (
                "<pre>&lt;/body&gt;</pre></BODY>",
                "<pre>&lt;/body&gt;</pre><script src=\"/__brief/reload.js\" data-build=\"b-1\"></script>\n</BODY>",
            ),
        ];
        for (html, expected) in cases {
            assert_eq!(
                String::from_utf8(inject(html.as_bytes(), "b-1")).unwrap(),
                *expected
            );
        }
    }

    #[test]
    fn a_build_id_cannot_break_out_of_the_attribute() {
        assert_eq!(
            script_tag("1\"><script>alert(1)</script>"),
            "<script src=\"/__brief/reload.js\" data-build=\"1scriptalert1script\"></script>"
        );
    }

    #[test]
    fn event_data_is_one_line() {
        let failure = Failure {
            text: "error: bad\n --> content/a.md:2:1\r\n".into(),
            problems: vec![],
        };
        let message = notice(&Notice::Broken(failure.into()));
        assert_eq!(message.name, "broken");
        assert!(!message.data.contains(['\n', '\r']));
        assert!(message.data.contains("content/a.md:2:1"));
    }

    #[test]
    fn the_unbuilt_page_escapes_the_error() {
        let failure = Failure {
            text: "<script>".into(),
            problems: vec![],
        };
        let page = unbuilt_page(Some(&failure));
        assert!(page.contains("&lt;script&gt;"));
        assert!(page.contains("data-build=\"none\""));
    }
}
