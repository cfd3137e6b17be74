//! `brief serve` answers only its own host names: a request whose `Host` is another
//! name (DNS rebinding) gets 421 for pages and for the event stream alike.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use brief::serve::{Options, Report};

use crate::support::Site;

fn status(addr: SocketAddr, path: &str, host: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let host_line = if host.is_empty() {
        String::new()
    } else {
        format!("Host: {host}\r\n")
    };
    write!(
        stream,
        "GET {path} HTTP/1.1\r\n{host_line}Connection: close\r\n\r\n"
    )
    .unwrap();
    // The event stream never ends: the head and a little of the body are enough.
    let mut raw = vec![0; 4096];
    let mut read = 0;
    while read < 12 || !raw[..read].windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut raw[read..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => read += n,
        }
    }
    let text = String::from_utf8_lossy(&raw[..read]).into_owned();
    let code = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (code, text)
}

#[test]
fn only_its_own_host_names_are_answered() {
    let site = Site::fixture("basic");
    let options = Options {
        port: Some(0),
        ..Options::new(site.path())
    };
    let handle = brief::serve::start(options, Arc::new(|_: Report| {})).unwrap();
    let addr = handle.addr();
    let port = addr.port();
    let own = [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ];
    for host in &own {
        let (code, text) = status(addr, "/", host);
        assert!(
            code == 200 || code == 302 || code == 307 || code == 308,
            "{host}: {text}"
        );
        let (code, _) = status(addr, "/__brief/events", host);
        assert_eq!(code, 200, "{host}");
    }
    for host in [
        format!("attacker.example:{port}"),
        format!("localhost.attacker.example:{port}"),
        "127.0.0.1".to_string(),
        String::new(),
    ] {
        for path in ["/", "/__brief/events", "/__brief/reload.js"] {
            let (code, text) = status(addr, path, &host);
            assert_eq!(code, 421, "{host} {path}: {text}");
            assert!(
                text.contains("answers only requests for 127.0.0.1"),
                "{text}"
            );
        }
    }
}
