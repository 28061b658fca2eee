//! Shared helpers: run the real binary, and a tiny HTTP/1.1 client over `TcpStream`.
#![allow(dead_code)]

pub mod db;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const BIN: &str = env!("CARGO_BIN_EXE_evenhand-receiver");
/// An export token of the length the receiver requires (32 characters or more).
pub const TOKEN: &str = "test-export-token-0123456789abcdef";

/// A running receiver, killed when dropped.
pub struct Server {
    pub child: Child,
    pub addr: String,
    pub db: PathBuf,
    /// Everything it wrote to stderr so far (also passed on to the test's stderr).
    pub stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `serve --addr 127.0.0.1:0 --db DB` plus `extra`, and waits for the ready line.
    pub fn start(db: &Path, extra: &[&str]) -> Server {
        Server::start_with_env(db, extra, &[])
    }

    /// Like [`Server::start`], with the export token in `EVENHAND_EXPORT_TOKEN`.
    pub fn start_with_token(db: &Path, extra: &[&str]) -> Server {
        Server::start_with_env(db, extra, &[("EVENHAND_EXPORT_TOKEN", TOKEN)])
    }

    /// Like [`Server::start`], with these environment variables.
    pub fn start_with_env(db: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--addr", "127.0.0.1:0", "--db"])
            .arg(db)
            .args(extra)
            .env_remove("EVENHAND_ADDR")
            .env_remove("EVENHAND_DB")
            .env_remove("EVENHAND_EXPORT_TOKEN")
            .env_remove("EVENHAND_EXPORT_TOKEN_FILE")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn the receiver");
        let stderr = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().expect("piped stderr");
        let log = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                eprintln!("[receiver] {line}");
                let mut log = log.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let addr = ready_addr(&mut child);
        Server {
            child,
            addr,
            db: db.to_path_buf(),
            stderr,
        }
    }

    /// Starts with an app folder and the export token.
    pub fn start_default(dir: &Path) -> Server {
        let app = dir.join("app");
        std::fs::create_dir_all(&app).unwrap();
        Server::start_with_token(
            &dir.join("data/feedback.sqlite"),
            &["--app", app.to_str().unwrap()],
        )
    }

    /// What the receiver wrote to stderr so far.
    pub fn log(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub fn post_json(&self, body: &str, headers: &[(&str, &str)]) -> Resp {
        let mut h = vec![("Content-Type", "application/json")];
        h.extend_from_slice(headers);
        request(&self.addr, "POST", "/api/feedback", &h, body.as_bytes())
    }

    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Resp {
        request(&self.addr, "GET", path, headers, b"")
    }

    /// Every stored submission, through the JSON export.
    pub fn export(&self) -> Vec<serde_json::Value> {
        let auth = format!("Bearer {TOKEN}");
        let r = self.get("/api/feedback.json", &[("Authorization", &auth)]);
        assert_eq!(r.status, 200, "{}", r.text());
        serde_json::from_slice::<Vec<serde_json::Value>>(&r.body).unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads the child's stdout until the ready line and returns `127.0.0.1:PORT`.
pub fn ready_addr(child: &mut Child) -> String {
    let stdout = child.stdout.take().expect("piped stdout");
    let mut reader = BufReader::new(stdout);
    let mut line = String::new();
    reader.read_line(&mut line).expect("read the ready line");
    let prefix = "evenhand receiver listening on http://";
    assert!(line.starts_with(prefix), "unexpected first line: {line:?}");
    let addr = line[prefix.len()..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    // Keep draining stdout so the child never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut sink = Vec::new();
        let _ = reader.read_to_end(&mut sink);
    });
    addr
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// One request on a fresh connection (`Connection: close`).
pub fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Resp {
    try_request(addr, method, path, headers, body).expect("HTTP request")
}

/// Like [`request`], but reports connection failures instead of panicking.
pub fn try_request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<Resp> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && *v == "chunked");
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    if !chunked && (method == "POST" || !body.is_empty()) {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if chunked {
        for part in body.chunks(8192) {
            stream.write_all(format!("{:x}\r\n", part.len()).as_bytes())?;
            stream.write_all(part)?;
            stream.write_all(b"\r\n")?;
        }
        stream.write_all(b"0\r\n\r\n")?;
    } else {
        stream.write_all(body)?;
    }
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    parse_response(&raw, method == "HEAD")
}

fn parse_response(raw: &[u8], head_only: bool) -> std::io::Result<Resp> {
    let bad = |m: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, m.to_string());
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| bad("no end of headers"))?;
    let head = std::str::from_utf8(&raw[..end]).map_err(|_| bad("head not UTF-8"))?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().ok_or_else(|| bad("no status line"))?;
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("bad status line"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let rest = &raw[end + 4..];
    let is_chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    let body = if head_only {
        Vec::new()
    } else if is_chunked {
        let mut out = Vec::new();
        let mut pos = 0;
        loop {
            let line_end = rest[pos..]
                .windows(2)
                .position(|w| w == b"\r\n")
                .ok_or_else(|| bad("bad chunk"))?;
            let size_text = std::str::from_utf8(&rest[pos..pos + line_end])
                .map_err(|_| bad("bad chunk size"))?;
            let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
                .map_err(|_| bad("bad chunk size"))?;
            pos += line_end + 2;
            if size == 0 {
                break;
            }
            out.extend_from_slice(
                rest.get(pos..pos + size)
                    .ok_or_else(|| bad("short chunk"))?,
            );
            pos += size + 2;
        }
        out
    } else {
        rest.to_vec()
    };
    Ok(Resp {
        status,
        headers,
        body,
    })
}

static COUNTER: AtomicU64 = AtomicU64::new(1);

/// A fresh UUID-shaped id, unique within the test process.
pub fn new_id() -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let pid = u64::from(std::process::id());
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        nanos,
        pid & 0xffff,
        (n >> 12) & 0xfff,
        n & 0xfff,
        n
    )
}

/// Payload v1 like SPEC §4, with the given id.
pub fn payload(id: &str) -> serde_json::Value {
    serde_json::json!({
        "schema": "evenhand.feedback/1",
        "id": id,
        "created_at": "2026-11-24T19:30:05.120Z",
        "venue": "bistro-lyon-1",
        "place": "table-12",
        "mode": "kiosk",
        "language": "fr",
        "praise": { "text": "Service rapide et souriant, merci Amy.", "declined": false, "staff_named": ["Amy"] },
        "complaint": { "text": "Vingt minutes d'attente pour l'addition." },
        "ratings": { "service": 4, "waiting": 2 },
        "contact": null,
        "guidance": { "names_mentioned": [], "heated": false, "edited_after_guidance": false },
        "verified": false
    })
}

/// Ids of the stored submissions, in arrival order.
pub fn stored_ids(export: &[serde_json::Value]) -> Vec<String> {
    export
        .iter()
        .map(|e| e["payload"]["id"].as_str().unwrap().to_string())
        .collect()
}

/// Runs the receiver's binary with `args` and `stdin` as its input, without
/// `EVENHAND_DB` from the environment: (exit code, stdout, stderr).
pub fn run_bin(args: &[&std::ffi::OsStr], stdin: &str) -> (Option<i32>, String, String) {
    use std::io::Write as _;
    use std::process::Stdio;
    let mut child = std::process::Command::new(BIN)
        .args(args)
        .env_remove("EVENHAND_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that does not read its input may have exited already (broken pipe).
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
