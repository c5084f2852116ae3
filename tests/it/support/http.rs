//! A raw HTTP server on loopback for the tests that mockito cannot express: it records every
//! request it receives (request line, headers, body) and answers each with the next scripted
//! reply: a redirect, a proxy's refusal, a body larger than any cap, or headers followed by a
//! body that never arrives. Requests to it through a proxy show up with their absolute URL,
//! so one server also stands in for a proxy that must never be used.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One scripted answer.
#[derive(Clone)]
pub enum Reply {
    /// Raw bytes written as they are, then the connection closes.
    Raw(Vec<u8>),
    /// The head, then `body_bytes` bytes of `x` streamed in 64 KiB chunks (the client may hang up).
    Stream { head: String, body_bytes: usize },
    /// The head, then nothing for `secs` seconds.
    Stall { head: String, secs: u64 },
    /// The head, then `bytes` bytes of `x`, one every `every_ms` milliseconds.
    Trickle { head: String, bytes: usize, every_ms: u64 },
}

impl Reply {
    /// A complete answer with a status line, headers and a body.
    pub fn status(status: &str, headers: &[(&str, &str)], body: &str) -> Reply {
        let mut text =
            format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
        for (k, v) in headers {
            let _ = write!(text, "{k}: {v}\r\n");
        }
        text.push_str("\r\n");
        text.push_str(body);
        Reply::Raw(text.into_bytes())
    }
}

pub struct HttpServer {
    pub port: u16,
    requests: Arc<Mutex<Vec<String>>>,
}

type Handler = dyn Fn(&str) -> Reply + Send + Sync;

impl HttpServer {
    /// Serves `replies` in order, the last one again for any further request.
    pub fn start(replies: Vec<Reply>) -> HttpServer {
        let count = Mutex::new(0usize);
        HttpServer::start_with(move |_| {
            let mut n = count.lock().unwrap();
            *n += 1;
            replies.get(*n - 1).or(replies.last()).cloned().unwrap_or(Reply::Raw(Vec::new()))
        })
    }

    /// Answers each request with what `handler` makes of it (head and body as text).
    /// Requests are served one at a time, in the order they arrive.
    pub fn start_with(handler: impl Fn(&str) -> Reply + Send + Sync + 'static) -> HttpServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        let handler: Arc<Handler> = Arc::new(handler);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let seen = Arc::clone(&seen);
                let handler = Arc::clone(&handler);
                std::thread::spawn(move || serve(stream, &*handler, &seen));
            }
        });
        HttpServer { port, requests }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Every request received so far (head and body as text).
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

fn serve(stream: TcpStream, handler: &Handler, seen: &Mutex<Vec<String>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    // A TLS handshake (a client trying https first) is hung up on at once, unrecorded.
    let mut first = [0u8; 1];
    if stream.peek(&mut first).is_ok_and(|n| n == 1) && first[0] == 0x16 {
        return;
    }
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut head = String::new();
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        head.push_str(&line);
        if line == "\r\n" {
            break;
        }
    }
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    head.push_str(&String::from_utf8_lossy(&body));
    let reply = {
        let mut seen = seen.lock().unwrap();
        seen.push(head.clone());
        Some(handler(&head))
    };
    let mut stream = stream;
    match reply {
        Some(Reply::Raw(bytes)) => {
            let _ = stream.write_all(&bytes);
        }
        Some(Reply::Stream { head, body_bytes }) => {
            let _ = stream.write_all(head.as_bytes());
            let chunk = vec![b'x'; 64 << 10];
            let mut sent = 0;
            while sent < body_bytes {
                let n = chunk.len().min(body_bytes - sent);
                if stream.write_all(&chunk[..n]).is_err() {
                    break;
                }
                sent += n;
            }
        }
        Some(Reply::Trickle { head, bytes, every_ms }) => {
            let _ = stream.write_all(head.as_bytes());
            for _ in 0..bytes {
                if stream.write_all(b"x").and_then(|()| stream.flush()).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(every_ms));
            }
        }
        Some(Reply::Stall { head, secs }) => {
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.flush();
            std::thread::sleep(Duration::from_secs(secs));
        }
        None => {}
    }
}
