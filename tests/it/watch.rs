//! `thematic watch` as a researcher uses it: the real binary started on a codebook, the codebook
//! edited under it, the outputs and its lines read, a broken edit, Ctrl-C (a real SIGINT); and
//! `--serve` asked over HTTP. The browser's reload is checked in `.ci/watch.py`.

use crate::workdir::{snapshot_dir, Workdir};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Generous: a debug binary on two busy cores; the point is that a run happens, not its speed
/// (BENCHMARKS.md measures that).
const PATIENCE: Duration = Duration::from_secs(60);

/// A running `thematic watch`, its stdout read line by line.
struct Watch {
    child: Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Watch {
    fn start(wd: &Workdir, args: &[&str]) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_thematic"))
            .arg("watch")
            .args(args)
            .current_dir(wd.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Watch {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// The next line that contains `text` (lines before it are kept in `seen`).
    fn until(&mut self, text: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(text) {
                        return line;
                    }
                }
                Err(_) => panic!("no line with {text:?}; saw:\n{}", self.seen.join("\n")),
            }
        }
    }

    /// Send SIGINT, as Ctrl-C does, and wait for the process to end.
    fn interrupt(mut self) -> (std::process::ExitStatus, Vec<String>) {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success());
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let rest: Vec<String> = self.lines.try_iter().collect();
                self.seen.extend(rest);
                return (status, std::mem::take(&mut self.seen));
            }
            assert!(Instant::now() < deadline, "watch did not end on SIGINT");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn an_edit_reruns_a_broken_edit_keeps_the_output_and_ctrl_c_ends_it() {
    let wd = Workdir::new();
    wd.fixture("tiny", "cb");
    let mut watch = Watch::start(&wd, &["--codebook", "cb", "--out", "out", "--lang", "en"]);
    watch.until("watching cb for changes");
    assert!(
        watch
            .seen
            .iter()
            .any(|l| l.starts_with("run 1: wrote 38 files to out in ")),
        "the first run says what it wrote: {:?}",
        watch.seen
    );
    assert!(wd.read("out/dimensions.csv").contains("D1,First,"));

    // An edit: the first dimension's printed value 9 → 7.
    let saved = Instant::now();
    wd.edit("cb/dimensions.csv", "D1,First,9", "D1,First,7");
    let line = watch.until("run 2 after dimensions.csv");
    let took = saved.elapsed();
    assert!(
        line.contains("dimension «First»: printed 9 → 7"),
        "the line says what changed: {line}"
    );
    assert!(line.contains("wrote out in"), "{line}");
    let dimensions = wd.read("out/dimensions.csv");
    assert!(
        dimensions
            .lines()
            .any(|l| l.starts_with("D1,First,") && l.contains(",7,")),
        "{dimensions}"
    );
    eprintln!("an edit reached the outputs in {took:?} (debug binary)");

    // Saving the same bytes again is a run with nothing to report.
    wd.edit("cb/dimensions.csv", "D1,First,7", "D1,First,7");
    let line = watch.until("run 3 after dimensions.csv");
    assert!(line.contains("no difference"), "{line}");

    // A broken edit: its problem said, the last good output kept byte for byte.
    let before = snapshot_dir(&wd.path().join("out"));
    wd.write("cb/components.csv", "dimension,component\n");
    let line = watch.until("the codebook cannot be used");
    assert_eq!(
        line,
        "run 4 after components.csv: the codebook cannot be used; out still holds run 3"
    );
    let problem = watch.until("components.csv");
    assert!(problem.contains("header but no rows"), "{problem}");
    // A moment for anything that might (wrongly) still be written.
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        before == snapshot_dir(&wd.path().join("out")),
        "the output changed"
    );

    // Fixed, with one English label edited: the line says so (the printed labels are the same).
    wd.write(
        "cb/components.csv",
        "dimension,component,component_en,printed_frequency\nD1,C1,Component one,5\nD1,C2,Comp two,۴\nD2,C3,Comp three,٣\n",
    );
    let line = watch.until("run 5 after components.csv");
    assert!(
        line.contains("component «Component one»: English label «Comp one» → «Component one»"),
        "{line}"
    );

    // Files that are not the codebook's do not make it run.
    wd.write("cb/notes.txt", "to do");
    wd.write("cb/.components.csv.swp", "x");

    let (status, seen) = watch.interrupt();
    assert!(status.success(), "Ctrl-C ends it cleanly: {status:?}");
    assert_eq!(
        seen.last().map(String::as_str),
        Some("watch ended after 5 runs; out holds run 5"),
        "{seen:?}"
    );
    assert!(
        !seen.iter().any(|l| l.starts_with("run 6")),
        "a file that is not the codebook's made it run: {seen:?}"
    );
}

/// GET `path` from `address` over HTTP/1.0; the status line and the body.
fn get(address: &str, path: &str) -> (String, String) {
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    (head.lines().next().unwrap().to_string(), body.to_string())
}

#[test]
fn serve_gives_the_report_with_its_reload_and_the_state_of_each_run() {
    let wd = Workdir::new();
    wd.fixture("tiny", "cb");
    let mut watch = Watch::start(
        &wd,
        &["--codebook", "cb", "--out", "out", "--serve", "127.0.0.1:0"],
    );
    let line = watch.until("serving out at http://127.0.0.1:");
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap()
        .to_string();
    assert!(
        line.ends_with("the page reloads after each good run"),
        "{line}"
    );
    watch.until("watching cb");

    let (status, page) = get(&address, "/");
    assert_eq!(status, "HTTP/1.0 200 OK");
    assert!(page.contains("<title>") && page.contains("const run = 1;"));
    assert!(page.trim_end().ends_with("</html>"));
    let (_, state) = get(&address, "/.thematic/state");
    assert_eq!(state, r#"{"run":1,"ok":true,"message":""}"#);
    let (status, svg) = get(&address, "/charts/network.svg");
    assert_eq!(status, "HTTP/1.0 200 OK");
    assert!(svg.starts_with("<svg"), "{}", &svg[..100.min(svg.len())]);
    assert_eq!(
        get(&address, "/../cb/dimensions.csv").0,
        "HTTP/1.0 404 Not Found"
    );

    wd.edit("cb/dimensions.csv", "D1,First,9", "D1,First,7");
    watch.until("run 2 after dimensions.csv");
    let (_, state) = get(&address, "/.thematic/state");
    assert_eq!(state, r#"{"run":2,"ok":true,"message":""}"#);
    wd.write("cb/dimensions.csv", "dimension\n");
    watch.until("the codebook cannot be used");
    let (_, state) = get(&address, "/.thematic/state");
    let state: serde_json::Value = serde_json::from_str(&state).unwrap();
    assert_eq!(state["run"], 2, "the page keeps showing the last good run");
    assert_eq!(state["ok"], false);
    assert!(
        state["message"]
            .as_str()
            .unwrap()
            .contains("dimensions.csv"),
        "{state}"
    );
    let (status, _) = watch.interrupt();
    assert!(status.success());
    assert!(
        std::net::TcpStream::connect(&address).is_err(),
        "the server ended with the watch"
    );
}

#[test]
fn watch_refuses_what_it_cannot_follow() {
    let wd = Workdir::new();
    let stderr = wd.run(&["watch"]).failed();
    assert!(
        stderr.contains("watch needs a codebook directory to follow")
            && stderr.contains("--codebook DIR"),
        "{stderr}"
    );
    wd.write("paper.html", "<p>x</p>");
    let stderr = wd.run(&["watch", "--paper", "paper.html"]).failed();
    assert!(stderr.contains("thematic read PAPER --out DIR"), "{stderr}");
    wd.fixture("tiny", "cb");
    let stderr = wd
        .run(&["watch", "--codebook", "cb", "--serve", "my laptop"])
        .failed();
    assert!(stderr.contains("is not an address"), "{stderr}");
    let stderr = wd.run(&["watch", "--codebook", "nowhere"]).failed();
    assert!(stderr.contains("nowhere: no such directory"), "{stderr}");
    assert!(!wd.path().join("output").exists(), "nothing written");
}
