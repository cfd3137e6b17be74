//! A request's `Host` header → served, or refused with 421 Misdirected Request. The
//! preview answers only the names it is reached by on this machine (`127.0.0.1`,
//! `localhost`, `[::1]`) and the address it is bound to, with its port: a web page
//! that points its own domain name at 127.0.0.1 (DNS rebinding) gets nothing, not the
//! site, not the error text of a broken build, not the event stream.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The host names (with port) the server answers to.
#[derive(Debug, Clone)]
pub(crate) struct Allowed(Vec<String>);

impl Allowed {
    pub fn new(addr: SocketAddr) -> Allowed {
        let port = addr.port();
        let mut hosts = vec![
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
            SocketAddr::new(addr.ip(), port).to_string(),
        ];
        if let IpAddr::V4(ip) = addr.ip()
            && ip.is_unspecified()
        {
            // Bound to every interface: the machine's own names still work.
            hosts.push(format!("0.0.0.0:{port}"));
        }
        if port == 80 {
            hosts.extend(["127.0.0.1", "localhost", "[::1]"].map(String::from));
            hosts.push(match addr.ip() {
                IpAddr::V4(ip) => ip.to_string(),
                IpAddr::V6(ip) => format!("[{ip}]"),
            });
        }
        hosts.sort();
        hosts.dedup();
        Allowed(hosts)
    }

    pub fn admits(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let host = host.strip_suffix('.').unwrap_or(&host);
        let host = match host.split_once("localhost.:") {
            Some((_, port)) => format!("localhost:{port}"),
            None => host.to_string(),
        };
        self.0.contains(&host)
    }
}

/// Axum middleware: refuses requests for any other host before they reach a handler.
pub(crate) async fn only_own_names(
    State(allowed): State<Allowed>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| request.uri().authority().map(|a| a.as_str()));
    match host {
        Some(host) if allowed.admits(host) => next.run(request).await,
        _ => (
            StatusCode::MISDIRECTED_REQUEST,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "brief serve answers only requests for 127.0.0.1, localhost, [::1] or the address it is bound to\n",
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admits_its_own_names_only() {
        let allowed = Allowed::new("127.0.0.1:8080".parse().unwrap());
        let cases = [
            ("127.0.0.1:8080", true),
            ("localhost:8080", true),
            ("LOCALHOST:8080", true),
            ("[::1]:8080", true),
            ("localhost.:8080", true),
            ("127.0.0.1:8081", false),
            ("attacker.example:8080", false),
            ("localhost.attacker.example:8080", false),
            ("127.0.0.1", false),
            ("", false),
        ];
        for (host, expected) in cases {
            assert_eq!(allowed.admits(host), expected, "{host}");
        }
        let lan = Allowed::new("192.168.1.20:4000".parse().unwrap());
        assert!(lan.admits("192.168.1.20:4000"));
        assert!(!lan.admits("192.168.1.20.nip.io:4000"));
    }
}
