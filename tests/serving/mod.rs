//! Running `loa serve` in tests: the real binary on a port the OS picks (`--port 0`), raw TCP
//! clients, and a small reply parser. Shared by `tests/serve.rs` and `tests/serve_limits.rs`.
#![allow(dead_code, reason = "each test file uses a different subset of these helpers")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Generous: a rebuild takes milliseconds, but CI machines are shared.
pub const PATIENCE: Duration = Duration::from_secs(60);

pub struct Serving {
    pub child: Child,
    pub addr: SocketAddr,
}

impl Serving {
    pub fn start(site: &Path) -> Serving {
        let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
        command
            .env("LC_ALL", "en_US.UTF-8")
            .args(["serve", "--port", "0"])
            .arg(site)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        give_ctrl_c_its_default(&mut command);
        let mut child = command.spawn().expect("start loa serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(PATIENCE).expect("loa serve prints its address");
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Serving { child, addr }
    }

    pub fn get(&self, path: &str) -> Reply {
        self.request("GET", path)
    }

    pub fn request(&self, method: &str, path: &str) -> Reply {
        let raw = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        Reply::parse(&send_raw(self.addr, raw.as_bytes()))
    }

    /// Polls until `f` holds for the reply to GET `path` (bounded by [`PATIENCE`]).
    pub fn wait_for(&self, path: &str, what: &str, f: impl Fn(&Reply) -> bool) -> Reply {
        let start = Instant::now();
        loop {
            let reply = self.get(path);
            if f(&reply) {
                return reply;
            }
            assert!(start.elapsed() < PATIENCE, "gave up waiting for {what} at {path}; last reply:\n{}", reply.text());
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// A suite started as a background job (`cmd &`, nohup) inherits SIGINT as ignored, and loa
/// rightly keeps an ignored Ctrl-C ignored, as a shell intends for background jobs. The server
/// under test is meant to stand for one started in a terminal, so it gets the default back.
#[cfg(unix)]
fn give_ctrl_c_its_default(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: between fork and exec only `signal`, which is async-signal-safe, is called.
    unsafe {
        command.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn give_ctrl_c_its_default(_: &mut Command) {}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends bytes, returns whatever comes back before the server closes (or 20 s pass).
pub fn send_raw(addr: SocketAddr, bytes: &[u8]) -> Vec<u8> {
    send(addr, bytes, false)
}

/// Sends bytes and closes the sending side, as a client that gives up mid-request would.
pub fn send_junk(addr: SocketAddr, bytes: &[u8]) -> Vec<u8> {
    send(addr, bytes, true)
}

pub fn send(addr: SocketAddr, bytes: &[u8], hang_up: bool) -> Vec<u8> {
    let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_secs(20)) else { return Vec::new() };
    let _ = s.set_read_timeout(Some(Duration::from_secs(20)));
    let _ = s.set_write_timeout(Some(Duration::from_secs(20)));
    let _ = s.write_all(bytes);
    if hang_up {
        let _ = s.shutdown(std::net::Shutdown::Write);
    }
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    out
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn parse(raw: &[u8]) -> Reply {
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(raw.len());
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let body = raw.get(split + 4..).unwrap_or_default().to_vec();
        let mut lines = head.lines();
        let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Reply { status, headers, body }
    }
    pub fn header(&self, name: &str) -> &str {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}
