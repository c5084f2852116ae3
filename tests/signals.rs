//! Real signals against the real binary: SIGINT, SIGTERM and SIGHUP each stop `ibmcloud` and
//! its grandchild (a process group of their own) and the waiting client before its stdin
//! closes, so no login is attempted, and cr-ext exits 128 + the signal (130, 143, 129).

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use support::World;

/// An `ibmcloud` that starts a grandchild, records both pids, then hangs.
const HANGING_CLI: &str = r#"#!/bin/sh
/bin/sleep 300 &
echo $! > "@LOG@/grandchild.pid"
echo $$ > "@LOG@/ibmcloud.pid"
wait
"#;

fn alive(pid: i32) -> bool {
    // A zombie still answers kill(0): read its state instead.
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|s| s.rsplit(')').next().is_some_and(|rest| !rest.trim_start().starts_with('Z')))
}

fn read_pid(path: &Path) -> Option<i32> {
    std::fs::read_to_string(path).ok()?.trim().parse().ok()
}

fn stopped_by(signal: &str, code: i32) {
    let w = World::new();
    w.client("podman");
    let cli = w.bin.join("ibmcloud");
    std::fs::write(&cli, HANGING_CLI.replace("@LOG@", w.log.to_str().unwrap())).unwrap();
    support::make_executable(&cli);
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("cr-ext"))
        .args(["login", "-c", "podman"])
        .env_clear()
        .env("HOME", &w.home)
        .env("PATH", &w.bin)
        .env("XDG_RUNTIME_DIR", &w.runtime)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let (cli_pid, grandchild) = loop {
        if let (Some(a), Some(b)) =
            (read_pid(&w.log.join("ibmcloud.pid")), read_pid(&w.log.join("grandchild.pid")))
            && !w.calls("podman").is_empty()
        {
            break (a, b);
        }
        assert!(Instant::now() < deadline, "ibmcloud and podman never started");
        std::thread::sleep(Duration::from_millis(20));
    };
    let status = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(code),
        "{signal}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("FAILED\nerror: "), "{stderr}");
    let deadline = Instant::now() + Duration::from_secs(5);
    while alive(cli_pid) || alive(grandchild) {
        assert!(Instant::now() < deadline, "{signal}: ibmcloud or its grandchild survived");
        std::thread::sleep(Duration::from_millis(20));
    }
    let calls = w.calls("podman");
    assert_eq!(calls.len(), 1);
    assert!(!calls[0].done, "{signal}: the client read its stdin to the end (a login attempt)");
    assert!(calls[0].stdin.is_empty());
}

#[test]
fn sigterm_stops_every_child_and_exits_143() {
    stopped_by("TERM", 143);
}

#[test]
fn sighup_stops_every_child_and_exits_129() {
    stopped_by("HUP", 129);
}

#[test]
fn sigint_stops_every_child_and_exits_130_every_time() {
    for _ in 0..10 {
        stopped_by("INT", 130);
    }
}
