//! HTTP: a request → a file of the current build (through tower-http's `ServeDir`),
//! the site's 404 page, a redirect to the base path, or the live-reload endpoints.
//! HTML responses get the reload script; nothing is cached, so a reload always shows
//! the newest build.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use tokio::sync::broadcast::error::RecvError;
use tower_http::services::ServeDir;

use super::guard;
use super::reload;
use super::state::{Served, Shared};
use crate::error::{Error, Result};

/// The largest HTML page that gets the reload script; bigger ones are served as is.
const INJECT_LIMIT: usize = 64 * 1024 * 1024;

/// The HTTP server on its own small runtime.
pub(crate) struct Running {
    runtime: tokio::runtime::Runtime,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    shared: Arc<Shared>,
}

impl Running {
    pub fn start(listener: std::net::TcpListener, shared: Arc<Shared>) -> Result<Running> {
        let fail = |e: std::io::Error| Error::Serve(format!("cannot start the server: {e}"));
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("brief-serve-http")
            .enable_all()
            .build()
            .map_err(fail)?;
        listener.set_nonblocking(true).map_err(fail)?;
        let listener = {
            let _context = runtime.enter();
            tokio::net::TcpListener::from_std(listener).map_err(fail)?
        };
        let allowed = super::host::Allowed::new(listener.local_addr().map_err(fail)?);
        let app = Router::new()
            .route(reload::EVENTS, get(events))
            .route(reload::SCRIPT, get(script))
            .fallback(site)
            .with_state(shared.clone())
            .layer(axum::middleware::from_fn_with_state(
                allowed,
                super::host::only_own_names,
            ));
        let mut stopping = shared.stopping();
        let task = runtime.spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stopping.wait_for(|stop| *stop).await;
                })
                .await
        });
        Ok(Running {
            runtime,
            task,
            shared,
        })
    }

    /// Stops at once, for a process about to exit: open connections are dropped
    /// rather than finished.
    pub fn abandon(self) {
        self.shared.stop();
        self.runtime.shutdown_background();
    }

    /// Ends the event streams, lets the server finish what it is answering, and
    /// gives up on stragglers after a moment.
    pub fn stop(self) {
        self.shared.stop();
        let Running { runtime, task, .. } = self;
        if tokio::runtime::Handle::try_current().is_ok() {
            // Blocking inside another runtime would panic.
            runtime.shutdown_background();
            return;
        }
        let _ =
            runtime.block_on(async { tokio::time::timeout(Duration::from_secs(2), task).await });
        runtime.shutdown_timeout(Duration::from_millis(500));
    }
}

/// Every path that is not a live-reload endpoint: a file of the site.
async fn site(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let current = shared.current();
    let Some(served) = current.site else {
        let page = reload::unbuilt_page(current.error.as_deref());
        return html(StatusCode::SERVICE_UNAVAILABLE, page.into_bytes());
    };
    let raw = request.uri().path();
    let base = &served.base_path;
    // `/` and `/repo` lead to the site at `/repo/`, as on GitHub Pages.
    let decoded = guard::percent_decode(raw).unwrap_or_default();
    if base != "/" && (decoded == "/" || decoded == base.trim_end_matches('/')) {
        return redirect(&guard::encode(base));
    }
    let Some(path) = guard::site_path(raw, base) else {
        return not_found(&served).await;
    };
    if !guard::resolves_inside(&served.dir, &served.canonical, &path).await {
        return not_found(&served).await;
    }
    let head = request.method() == Method::HEAD;
    let Ok(uri) = path.to_uri_path().parse::<Uri>() else {
        return not_found(&served).await;
    };
    let mut inner = Request::builder()
        .method(request.method().clone())
        .uri(uri)
        .body(Body::empty())
        .unwrap_or_default();
    *inner.headers_mut() = without_conditionals(request.headers());
    let files = ServeDir::new(&served.dir)
        .redirect_path_prefix(guard::encode(base.trim_end_matches('/')))
        .append_index_html_on_directories(true);
    let response = match files.clone().try_call(inner).await {
        Ok(response) => response.map(Body::new),
        // Without a fallback service, ServeDir reports a missing file as an error.
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound
                    | std::io::ErrorKind::NotADirectory
                    | std::io::ErrorKind::InvalidFilename
            ) =>
        {
            return not_found(&served).await;
        }
        Err(e) => {
            return no_store(
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("cannot read the file: {e}"),
                )
                    .into_response(),
            );
        }
    };
    if response.status() == StatusCode::NOT_FOUND {
        return not_found(&served).await;
    }
    finish(response, &served, head).await
}

/// Request headers without those that would let the browser keep a stale copy
/// (`If-Modified-Since` has a one-second resolution; two saves in a second would show
/// the older page) or ask for a byte range of a page whose length changes with the
/// injected script.
fn without_conditionals(headers: &HeaderMap) -> HeaderMap {
    let mut headers = headers.clone();
    for name in [
        header::IF_MODIFIED_SINCE,
        header::IF_NONE_MATCH,
        header::IF_MATCH,
        header::IF_UNMODIFIED_SINCE,
        header::IF_RANGE,
        header::RANGE,
        // Precompressed variants are not built; keep the bytes plain.
        header::ACCEPT_ENCODING,
    ] {
        headers.remove(name);
    }
    headers
}

/// Injects the reload script into HTML, names the charset of text, and forbids
/// caching.
async fn finish(response: Response, served: &Served, head: bool) -> Response {
    let (mut parts, body) = response.into_parts();
    parts.headers.remove(header::LAST_MODIFIED);
    parts.headers.remove(header::ETAG);
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    if let Some(with_charset) = with_charset(&content_type)
        && let Ok(value) = HeaderValue::from_str(&with_charset)
    {
        parts.headers.insert(header::CONTENT_TYPE, value);
    }
    let body = if content_type.starts_with("text/html") && parts.status.is_success() && !head {
        match axum::body::to_bytes(body, INJECT_LIMIT).await {
            Ok(bytes) => {
                parts.headers.remove(header::CONTENT_LENGTH);
                Body::from(reload::inject(&bytes, &served.build))
            }
            Err(e) => {
                return no_store(
                    (
                        StatusCode::INTERNAL_SERVER_ERROR,
                        format!("cannot read the page: {e}"),
                    )
                        .into_response(),
                );
            }
        }
    } else {
        body
    };
    no_store(Response::from_parts(parts, body))
}

/// `text/html` → `text/html; charset=utf-8`: brief writes UTF-8, and a browser left to
/// guess shows Arabic JSON and feeds as mojibake.
fn with_charset(content_type: &str) -> Option<String> {
    let textual = content_type.starts_with("text/")
        || [
            "application/json",
            "application/xml",
            "application/javascript",
            "application/atom+xml",
            "image/svg+xml",
        ]
        .iter()
        .any(|t| content_type.starts_with(t));
    (textual && !content_type.contains("charset")).then(|| format!("{content_type}; charset=utf-8"))
}

/// The site's own 404 page (with the reload script, so it turns into the page once
/// the page is written), or a plain one when the site has none.
async fn not_found(served: &Served) -> Response {
    match tokio::fs::read(served.dir.join("404.html")).await {
        Ok(page) => html(StatusCode::NOT_FOUND, reload::inject(&page, &served.build)),
        Err(_) => no_store((StatusCode::NOT_FOUND, "404 Not Found").into_response()),
    }
}

fn html(status: StatusCode, body: Vec<u8>) -> Response {
    no_store(
        (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            body,
        )
            .into_response(),
    )
}

/// A temporary redirect: the base path may change with brief.yaml, so a browser must
/// not remember it.
fn redirect(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => {
            no_store((StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, value)]).into_response())
        }
        Err(_) => no_store(StatusCode::NOT_FOUND.into_response()),
    }
}

fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn script() -> Response {
    no_store(
        (
            [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
            reload::SCRIPT_SOURCE,
        )
            .into_response(),
    )
}

/// The live-reload stream: `hello` first, then every notice, until the server stops.
async fn events(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    // Subscribed before reading the state, so nothing published in between is lost.
    let notices = shared.subscribe();
    let hello = reload::hello(&shared.current());
    let stopping = shared.stopping();
    let stream = stream(hello, notices, stopping);
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(10)))
}

fn stream(
    hello: reload::Message,
    notices: tokio::sync::broadcast::Receiver<super::state::Notice>,
    stopping: tokio::sync::watch::Receiver<bool>,
) -> impl Stream<Item = std::result::Result<Event, Infallible>> {
    // A browser reconnects this fast after the server restarts.
    let first = to_event(&hello).retry(Duration::from_millis(500));
    futures_util::stream::unfold(
        (Some(first), notices, stopping),
        |(first, mut notices, mut stopping)| async move {
            if let Some(event) = first {
                return Some((Ok(event), (None, notices, stopping)));
            }
            loop {
                let notice = tokio::select! {
                    _ = stopping.wait_for(|stop| *stop) => return None,
                    notice = notices.recv() => notice,
                };
                match notice {
                    Ok(notice) => {
                        let event = to_event(&reload::notice(&notice));
                        return Some((Ok(event), (None, notices, stopping)));
                    }
                    // Missed notices are replaced by the ones still queued.
                    Err(RecvError::Lagged(_)) => {}
                    Err(RecvError::Closed) => return None,
                }
            }
        },
    )
}

fn to_event(message: &reload::Message) -> Event {
    Event::default()
        .event(message.name)
        .data(message.data.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_charset_of_text() {
        let cases = [
            ("text/html", Some("text/html; charset=utf-8")),
            ("text/css", Some("text/css; charset=utf-8")),
            ("text/xml", Some("text/xml; charset=utf-8")),
            ("application/json", Some("application/json; charset=utf-8")),
            ("text/html; charset=utf-8", None),
            ("font/woff2", None),
            ("image/png", None),
        ];
        for (given, expected) in cases {
            assert_eq!(with_charset(given).as_deref(), expected, "{given}");
        }
    }
}
