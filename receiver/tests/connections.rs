//! The connection limits, against the binary with small values: a client trickling its
//! headers is cut off, a silent kept-alive connection is closed, and with every slot
//! taken new clients wait for one to free (`/api/health` still answers) while one log
//! line says the cap is reached.

mod common;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::*;

/// Reads until the server closes the connection: `true` when it did within `within`,
/// `false` when the connection was still open then.
fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    stream.set_read_timeout(Some(within)).unwrap();
    let mut buf = [0u8; 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return false
            }
            // Reset: closed too.
            Err(_) => return true,
        }
    }
}

#[test]
fn a_client_trickling_its_headers_is_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(&dir.path().join("f.sqlite"), &["--header-timeout", "1"]);
    let mut stream = TcpStream::connect(&s.addr).unwrap();
    stream
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    // A header line every 200 ms, for at most 15 s: without a header timeout the
    // connection would stay open all along.
    let mut trickle = stream.try_clone().unwrap();
    let trickler = std::thread::spawn(move || {
        let end = Instant::now() + Duration::from_secs(15);
        let mut i = 0;
        while Instant::now() < end {
            std::thread::sleep(Duration::from_millis(200));
            if trickle
                .write_all(format!("X-Slow-{i}: a\r\n").as_bytes())
                .is_err()
            {
                return;
            }
            i += 1;
        }
    });
    let mut answer = Vec::new();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let read = stream.read_to_end(&mut answer);
    let still_open =
        matches!(&read, Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut));
    assert!(!still_open, "the trickling client was never cut off");
    assert!(
        !String::from_utf8_lossy(&answer).contains("200 OK"),
        "a request whose head never ended was answered"
    );
    drop(stream);
    trickler.join().unwrap();
    // The server is fine.
    assert_eq!(s.get("/api/health", &[]).status, 200);
}

#[test]
fn a_silent_kept_alive_connection_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(
        &dir.path().join("f.sqlite"),
        &["--keep-alive-timeout", "1", "--header-timeout", "60"],
    );
    let mut stream = TcpStream::connect(&s.addr).unwrap();
    stream
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut answer = Vec::new();
    let mut buf = [0u8; 1024];
    while !answer.ends_with(b"\r\n\r\nok") {
        let n = stream.read(&mut buf).expect("the answer");
        assert!(n > 0, "closed before answering");
        answer.extend_from_slice(&buf[..n]);
    }
    assert!(answer.starts_with(b"HTTP/1.1 200"));
    // Kept alive (HTTP/1.1), then silent: closed by the keep-alive timeout, well before
    // the 60 s header timeout would.
    assert!(
        closed_within(&mut stream, Duration::from_secs(10)),
        "the silent connection stayed open"
    );
}

#[test]
fn at_the_connection_cap_new_clients_wait_for_a_free_slot() {
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(
        &dir.path().join("f.sqlite"),
        &[
            "--max-connections",
            "2",
            "--header-timeout",
            "2",
            "--keep-alive-timeout",
            "60",
        ],
    );
    // Two clients that start a request and never finish it take both slots.
    let mut hogs: Vec<TcpStream> = (0..2)
        .map(|_| {
            let mut c = TcpStream::connect(&s.addr).unwrap();
            c.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
                .unwrap();
            c
        })
        .collect();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !s.log().contains("connections open") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let log = s.log();
    assert!(
        log.contains("warning: 2 connections open, the most allowed (--max-connections)"),
        "{log}"
    );
    // The next client waits in the queue until the header timeout frees a slot, and is
    // answered.
    let r = request(&s.addr, "GET", "/api/health", &[], b"");
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), "ok");
    for hog in &mut hogs {
        assert!(closed_within(hog, Duration::from_secs(10)));
    }
    // One line for the episode, not one per waiting client.
    assert_eq!(
        s.log().matches("connections open").count(),
        1,
        "{}",
        s.log()
    );
}
