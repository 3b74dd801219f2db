//! Serving an output directory over HTTP for `watch --serve`: the files as they are on disk at
//! each request (a run swaps the directory in whole), the HTML pages with a small script that
//! reloads the page after each good run and shows a broken edit's problems over it.
//!
//! Not a web server for anyone but the researcher's own browser: GET and HEAD only, no TLS, no
//! authentication, no directory listings; it binds the loopback unless another address is
//! asked for. Not for deciding when to re-run (`cli::watch`).

use crate::error::{Error, Result};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// The port `--serve` tries first when none is given, then the next few.
pub const DEFAULT_PORT: u16 = 8765;
/// How many ports after [`DEFAULT_PORT`] are tried when it is taken.
const PORTS_TRIED: u16 = 10;
/// Where the page asks how the last run went.
const STATE_PATH: &str = "/.thematic/state";

/// How the last run went, as the page polls it.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct State {
    /// The number of the last good run (1 is the first); the page reloads when it changes.
    pub run: usize,
    /// Whether the last edit could be used.
    pub ok: bool,
    /// A broken edit's problems (empty when `ok`).
    pub message: String,
}

/// A running server; [`Server::stop`] ends it.
pub struct Server {
    pub address: SocketAddr,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

/// The addresses to try for `--serve [ADDR]`: `ADDR` as `HOST:PORT`, `HOST` or `PORT` (the
/// loopback's), or, without one, 127.0.0.1 from [`DEFAULT_PORT`] on.
pub fn addresses(asked: Option<&str>) -> Result<Vec<SocketAddr>> {
    let loopback = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let asked = asked.map(str::trim).filter(|a| !a.is_empty());
    let Some(asked) = asked else {
        return Ok((0..PORTS_TRIED)
            .map(|i| SocketAddr::new(loopback, DEFAULT_PORT + i))
            .collect());
    };
    let host = |h: &str| -> Option<IpAddr> {
        match h {
            "localhost" => Some(loopback),
            _ => h.trim_matches(['[', ']']).parse().ok(),
        }
    };
    if let Ok(address) = asked.parse::<SocketAddr>() {
        return Ok(vec![address]);
    }
    if let Ok(port) = asked.parse::<u16>() {
        return Ok(vec![SocketAddr::new(loopback, port)]);
    }
    if let Some(ip) = host(asked) {
        return Ok(vec![SocketAddr::new(ip, DEFAULT_PORT)]);
    }
    if let Some((h, port)) = asked.rsplit_once(':') {
        if let (Some(ip), Ok(port)) = (host(h), port.parse::<u16>()) {
            return Ok(vec![SocketAddr::new(ip, port)]);
        }
    }
    Err(Error::Usage(format!(
        "--serve {asked:?} is not an address: give a port (--serve 8000), an IP address and port (--serve 127.0.0.1:8000) or nothing (127.0.0.1:{DEFAULT_PORT})"
    )))
}

impl Server {
    /// Serve `dir` on the first of `addresses` that can be bound.
    pub fn start(addresses: &[SocketAddr], dir: PathBuf) -> Result<Server> {
        let mut last = String::new();
        for &address in addresses {
            match tiny_http::Server::http(address) {
                Ok(server) => {
                    let address = server.server_addr().to_ip().unwrap_or(address);
                    let state = Arc::new(Mutex::new(State::default()));
                    let stop = Arc::new(AtomicBool::new(false));
                    let thread = {
                        let (state, stop) = (state.clone(), stop.clone());
                        std::thread::spawn(move || serve(&server, &dir, &state, &stop))
                    };
                    return Ok(Server {
                        address,
                        state,
                        stop,
                        thread,
                    });
                }
                Err(e) => last = format!("{address}: {e}"),
            }
        }
        Err(Error::Usage(format!(
            "cannot serve the report: {last}; give another address with --serve, e.g. --serve 127.0.0.1:8000"
        )))
    }

    /// Change what the page is told about the last run.
    pub fn update(&self, change: impl FnOnce(&mut State)) {
        if let Ok(mut state) = self.state.lock() {
            change(&mut state);
        }
    }

    /// End the server (requests in flight are answered first).
    pub fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = self.thread.join();
    }
}

fn serve(server: &tiny_http::Server, dir: &Path, state: &Mutex<State>, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        match server.recv_timeout(Duration::from_millis(100)) {
            Ok(Some(request)) => {
                let state = state.lock().map(|s| s.clone()).unwrap_or_default();
                let (status, kind, body) = answer(request.method(), request.url(), dir, &state);
                let head = matches!(request.method(), tiny_http::Method::Head);
                let mut response = tiny_http::Response::from_data(if head { vec![] } else { body })
                    .with_status_code(status);
                for (name, value) in [("Content-Type", kind), ("Cache-Control", "no-store")] {
                    if let Ok(header) = tiny_http::Header::from_bytes(name, value) {
                        response.add_header(header);
                    }
                }
                // A browser that went away is no error of ours.
                let _ = request.respond(response);
            }
            Ok(None) => {}
            Err(_) => break,
        }
    }
}

/// The status, content type and body for a request of `url` (path and query) on `dir`.
fn answer(
    method: &tiny_http::Method,
    url: &str,
    dir: &Path,
    state: &State,
) -> (u16, &'static str, Vec<u8>) {
    let text = "text/plain; charset=utf-8";
    if !matches!(method, tiny_http::Method::Get | tiny_http::Method::Head) {
        return (405, text, b"only GET and HEAD\n".to_vec());
    }
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == STATE_PATH {
        let json = serde_json::to_vec(state).unwrap_or_default();
        return (200, "application/json", json);
    }
    let Some(relative) = relative_path(path) else {
        return (404, text, b"not found\n".to_vec());
    };
    let file = dir.join(&relative);
    match std::fs::read(&file) {
        Ok(bytes) if file.is_file() => {
            let kind = content_type(&relative);
            if kind.starts_with("text/html") {
                (200, kind, with_reload(&bytes, state.run))
            } else {
                (200, kind, bytes)
            }
        }
        _ => (404, text, b"not found\n".to_vec()),
    }
}

/// The file a URL path names under the served directory (`/` is the report), or `None` for a
/// path that would leave it or names nothing.
fn relative_path(path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let trimmed = decoded.trim_start_matches('/');
    let trimmed = if trimmed.is_empty() {
        "report.html"
    } else {
        trimmed
    };
    let mut relative = PathBuf::new();
    for part in trimmed.split('/') {
        if part.is_empty() || part == "." || part == ".." || part.contains(['\\', '\0', ':']) {
            return None;
        }
        relative.push(part);
    }
    Some(relative)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json",
        "md" => "text/markdown; charset=utf-8",
        "txt" | "tex" => "text/plain; charset=utf-8",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

/// The page with the script that polls [`STATE_PATH`]: it reloads the page when a later run
/// than `run` is good, and shows a broken edit's problems in a banner until one is.
fn with_reload(page: &[u8], run: usize) -> Vec<u8> {
    let script = format!(
        r#"<script>
(() => {{
  const run = {run};
  let banner = null;
  const show = (message) => {{
    if (!message) {{ if (banner) banner.hidden = true; return; }}
    if (!banner) {{
      banner = document.createElement('pre');
      banner.dir = 'auto';
      banner.setAttribute('role', 'alert');
      banner.style.cssText = 'position:fixed;inset:0 0 auto 0;margin:0;padding:.75em 1em;' +
        'background:#fff3e0;border-bottom:3px solid #D55E00;color:#000;white-space:pre-wrap;' +
        'font:14px/1.4 monospace;max-height:40vh;overflow:auto;z-index:10';
      document.body.appendChild(banner);
    }}
    banner.textContent = message;
    banner.hidden = false;
  }};
  const poll = () => fetch('{STATE_PATH}', {{ cache: 'no-store' }})
    .then((r) => r.json())
    .then((s) => {{
      if (s.ok && s.run !== run) {{ location.reload(); return; }}
      show(s.ok ? '' : s.message);
      setTimeout(poll, 300);
    }})
    .catch(() => setTimeout(poll, 1000));
  poll();
}})();
</script>
"#
    );
    let text = String::from_utf8_lossy(page);
    match text.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{script}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_default_to_the_loopback() {
        let tried = addresses(None).unwrap();
        assert_eq!(tried[0], "127.0.0.1:8765".parse().unwrap());
        assert!(tried.iter().all(|a| a.ip().is_loopback()));
        assert_eq!(addresses(Some("")).unwrap(), tried);
        assert_eq!(
            addresses(Some("9000")).unwrap(),
            ["127.0.0.1:9000".parse().unwrap()]
        );
        assert_eq!(
            addresses(Some("localhost:9000")).unwrap(),
            ["127.0.0.1:9000".parse().unwrap()]
        );
        assert_eq!(
            addresses(Some("[::1]:9000")).unwrap(),
            ["[::1]:9000".parse().unwrap()]
        );
        assert_eq!(
            addresses(Some("0.0.0.0")).unwrap(),
            ["0.0.0.0:8765".parse().unwrap()]
        );
        let Err(Error::Usage(message)) = addresses(Some("my laptop")) else {
            panic!("a bad address is a usage error");
        };
        assert!(message.contains("--serve 8000"), "{message}");
    }

    #[test]
    fn paths_never_leave_the_served_directory() {
        assert_eq!(relative_path("/"), Some(PathBuf::from("report.html")));
        assert_eq!(
            relative_path("/charts/network%5F1.svg"),
            Some(PathBuf::from("charts/network_1.svg"))
        );
        for bad in [
            "/../secret",
            "/charts/../../x",
            "/%2e%2e/x",
            "/a//b",
            "/c:/x",
            "/%ff",
        ] {
            assert_eq!(relative_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn pages_get_the_reload_script_and_other_files_do_not() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("report.html"),
            "<html><body>x</body></html>",
        )
        .unwrap();
        std::fs::write(dir.path().join("a.csv"), "a,b\n").unwrap();
        let state = State {
            run: 3,
            ok: true,
            message: String::new(),
        };
        let get = tiny_http::Method::Get;
        let (status, kind, body) = answer(&get, "/", dir.path(), &state);
        let body = String::from_utf8(body).unwrap();
        assert_eq!((status, kind), (200, "text/html; charset=utf-8"));
        assert!(body.contains("const run = 3;") && body.ends_with("</body></html>"));
        let (status, _, body) = answer(&get, "/a.csv?x=1", dir.path(), &state);
        assert_eq!((status, body.as_slice()), (200, b"a,b\n".as_slice()));
        assert_eq!(answer(&get, "/nope.csv", dir.path(), &state).0, 404);
        assert_eq!(
            answer(&tiny_http::Method::Post, "/", dir.path(), &state).0,
            405
        );
        let (_, kind, body) = answer(&get, STATE_PATH, dir.path(), &state);
        assert_eq!(kind, "application/json");
        assert_eq!(body, br#"{"run":3,"ok":true,"message":""}"#);
    }
}
