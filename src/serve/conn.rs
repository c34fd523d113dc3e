//! One client connection, on its own thread: read a head (with deadlines), answer, repeat while
//! the connection is kept alive.
//!
//! Issue 10: under tiny_http, one client that pipelined 200 requests and never read its answers
//! froze every other request (the shared workers all waited to write to it). Here a connection
//! only ever blocks its own thread, and every wait has an end:
//! - an idle kept-alive connection is closed after [`IDLE`];
//! - a head must arrive whole within [`HEAD_TIME`] of its first byte (a "slowloris" client that
//!   trickles a header is cut off), and within the sizes of [`super::request`];
//! - a write that makes no progress for [`WRITE_STALL`], or an answer not delivered within
//!   [`WRITE_TIME`], closes the connection.
//!
//! Pipelined requests are answered in order: the next head is only read after the answer to the
//! previous one is written, so a client that does not read cannot make loa buffer anything.

use super::request::{self, Head, HeadError};
use super::response::Response;
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

pub(crate) const IDLE: Duration = Duration::from_secs(10);
pub(crate) const HEAD_TIME: Duration = Duration::from_secs(10);
pub(crate) const WRITE_STALL: Duration = Duration::from_secs(10);
pub(crate) const WRITE_TIME: Duration = Duration::from_secs(120);
/// Requests on one connection at most (then it is closed; the browser opens another).
const MAX_REQUESTS: usize = 10_000;
const CHUNK: usize = 64 * 1024;

/// What the router makes of a request.
pub(crate) enum Reply {
    Response(Response),
    /// Hand the connection over to the live-reload event stream (it ends the connection).
    Stream(Box<dyn FnOnce(TcpStream) + Send>),
}

/// Serves one connection until it closes, times out or misbehaves.
pub(crate) fn serve(mut stream: TcpStream, route: &dyn Fn(&Head) -> Reply) {
    // Heads and bodies go out as separate writes: without this, Nagle's algorithm and delayed
    // ACKs add 40 ms to every kept-alive answer.
    let _ = stream.set_nodelay(true);
    let _ = stream.set_write_timeout(Some(WRITE_STALL));
    let mut buf = Vec::new();
    for _ in 0..MAX_REQUESTS {
        let head = match read_head(&mut stream, &mut buf) {
            Ok(Some(head)) => head,
            Ok(None) => return,
            Err(e) => return refuse(stream, e.status()),
        };
        if head.has_body {
            // Only GET and HEAD are answered, and they carry no body: answer, then close rather
            // than read a body nobody needs.
            let r = if matches!(head.method.as_str(), "GET" | "HEAD") {
                Response::text(413, "loa serve does not accept a request body.\n")
            } else {
                not_allowed()
            };
            let _ = write(&mut stream, &r, &head, false);
            return linger(stream);
        }
        let keep_alive = head.keep_alive;
        match route(&head) {
            Reply::Response(r) => {
                let r = r.negotiate(&head.accept_encoding);
                if write(&mut stream, &r, &head, keep_alive).is_err() || !keep_alive {
                    return;
                }
            }
            Reply::Stream(run) => return run(stream),
        }
    }
}

pub(crate) fn not_allowed() -> Response {
    Response::text(405, "loa serve answers GET and HEAD only.\n").with("Allow", "GET, HEAD")
}

/// Reads until `buf` holds a complete head; returns it and keeps what follows (the next
/// pipelined request). `Ok(None)`: the client closed or stayed idle.
fn read_head(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Result<Option<Head>, HeadError> {
    // Waiting for a request is idle time; once its first byte is in, the head has HEAD_TIME.
    let mut started = !buf.is_empty();
    let mut until = Instant::now() + if started { HEAD_TIME } else { IDLE };
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = request::head_end(buf) {
            let head = request::parse(&buf[..end]);
            buf.drain(..end);
            return head.map(Some);
        }
        request::check_partial(buf)?;
        let left = until.saturating_duration_since(Instant::now());
        if left < Duration::from_millis(1) {
            return if started { Err(HeadError::Timeout) } else { Ok(None) };
        }
        if stream.set_read_timeout(Some(left)).is_err() {
            return Ok(None);
        }
        match stream.read(&mut chunk) {
            Ok(0) => return Ok(None),
            Ok(n) => {
                if !started {
                    started = true;
                    until = Instant::now() + HEAD_TIME;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted) => {}
            Err(_) => return Ok(None),
        }
    }
}

/// Writes the answer (no body for HEAD) within [`WRITE_TIME`].
fn write(stream: &mut TcpStream, r: &Response, head: &Head, keep_alive: bool) -> std::io::Result<()> {
    let until = Instant::now() + WRITE_TIME;
    stream.write_all(&r.head_bytes(keep_alive))?;
    if head.method != "HEAD" {
        for chunk in r.body.chunks(CHUNK) {
            if Instant::now() > until {
                return Err(ErrorKind::TimedOut.into());
            }
            stream.write_all(chunk)?;
        }
    }
    stream.flush()
}

/// Answers a head that could not be read with its status, then closes.
fn refuse(mut stream: TcpStream, status: u16) {
    let text = match status {
        408 => "The request did not arrive in time.\n",
        414 => "The address is too long.\n",
        431 => "The request headers are too large.\n",
        505 => "loa serve speaks HTTP/1.0 and HTTP/1.1.\n",
        _ => "loa serve could not read this request.\n",
    };
    let r = Response::text(status, text);
    let _ = stream.write_all(&r.head_bytes(false)).and_then(|()| stream.write_all(&r.body));
    linger(stream);
}

/// Closes after an error answer so that the client can still read it: closing a socket with
/// unread bytes in it makes the system reset the connection, which can discard the answer. What
/// the client still sends is read and dropped for a moment, never without bound.
fn linger(mut stream: TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let until = Instant::now() + Duration::from_secs(2);
    let mut drained = 0usize;
    let mut sink = [0u8; 4096];
    while drained < 1024 * 1024 {
        let left = until.saturating_duration_since(Instant::now());
        if left < Duration::from_millis(1) || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(n) => drained += n,
        }
    }
}
