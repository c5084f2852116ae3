//! Real signals against the real binary: SIGINT, SIGTERM and SIGHUP each stop `ibmcloud` and
//! its grandchild (a process group of their own) and the waiting client before its stdin
//! closes, so no login is attempted, and cr-ext then dies of the same signal, so that a shell
//! loop around it stops on Ctrl-C (the real bash is the witness).

use crate::support;
use std::os::unix::process::{CommandExt as _, ExitStatusExt as _};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::World;

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

fn stopped_by(signal: &str, number: i32) {
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
        (output.status.signal(), output.status.code()),
        (Some(number), None),
        "{signal}: cr-ext must die of the signal; {}",
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
fn sigterm_stops_every_child_then_ends_the_run_by_sigterm() {
    stopped_by("TERM", 15);
}

#[test]
fn sighup_stops_every_child_then_ends_the_run_by_sighup() {
    stopped_by("HUP", 1);
}

#[test]
fn sigint_stops_every_child_then_ends_the_run_by_sigint_every_time() {
    for _ in 0..10 {
        stopped_by("INT", 2);
    }
}

/// Ctrl-C sends SIGINT to the terminal's whole foreground group: here a bash script looping
/// over `cr-ext login` and the cr-ext it runs. bash goes on with its loop when its child
/// exits normally (it took the child to have handled the signal), and stops only when the
/// child died of SIGINT; an exit code of 130 is not enough.
#[test]
fn ctrl_c_stops_a_shell_loop_around_cr_ext() {
    let w = World::new();
    w.client("podman");
    let cli = w.bin.join("ibmcloud");
    std::fs::write(&cli, HANGING_CLI.replace("@LOG@", w.log.to_str().unwrap())).unwrap();
    support::make_executable(&cli);
    let after = w.log.join("after");
    let script = format!(
        "for i in 1 2 3; do '{}' login -c podman; echo \"$i $?\" >> '{}'; done",
        assert_cmd::cargo::cargo_bin("cr-ext").display(),
        after.display()
    );
    let bash = which::which("bash").expect("BASH MISSING: this test needs the real bash");
    let mut child = std::process::Command::new(bash)
        .args(["-c", &script])
        .env_clear()
        .env("HOME", &w.home)
        .env("PATH", &w.bin)
        .env("XDG_RUNTIME_DIR", &w.runtime)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        // Its own process group, with SIGINT at its default action, as at a terminal.
        .process_group(0)
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while read_pid(&w.log.join("ibmcloud.pid")).is_none() {
        assert!(Instant::now() < deadline, "ibmcloud never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    let group = format!("-{}", child.id());
    let status = std::process::Command::new("kill").args(["-INT", "--", &group]).status().unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = std::process::Command::new("kill").args(["-KILL", "--", &group]).status();
            let _ = child.wait();
            panic!("the loop went on after Ctrl-C: {:?}", std::fs::read_to_string(&after));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.signal(), Some(2), "bash must stop its loop and die of SIGINT");
    assert!(!after.exists(), "the loop went on: {:?}", std::fs::read_to_string(&after));
    // The first run's client starts beside ibmcloud and may not have been recorded yet when
    // the signal came; what must never happen is the loop's second run.
    assert!(w.calls("podman").len() <= 1, "a second login started");
}
