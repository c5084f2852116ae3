//! Test harness: a temporary world per test with its own HOME, XDG_RUNTIME_DIR and a private
//! PATH holding fake programs (`ibmcloud`, container clients). Every fake records each call's
//! argv (NUL-separated) and stdin, then answers from response files the test wrote.

pub(crate) mod fake_iam;
pub(crate) mod fake_identity;
pub(crate) mod http;
pub(crate) mod registry;
pub(crate) mod token_server;

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use serde_json::{Value, json};
use tempfile::TempDir;

/// The generic fake: records argv, environment and stdin, marks the call `done` once stdin
/// reached EOF, then answers. `form` is `json` for `ibmcloud ... --output json`, else the first argument
/// (`iam`, `login`, ...), so one script serves every program.
const FAKE: &str = r#"#!/bin/sh
name=${0##*/}
L="@LOG@"
D="@DATA@"
n=$(/bin/cat "$L/$name.count" 2>/dev/null || echo 0); n=$((n+1))
# A rename, so a test reading the count never sees the file empty between truncate and write.
echo "$n" > "$L/$name.count.$$"; /bin/mv -f "$L/$name.count.$$" "$L/$name.count"
/bin/date +%s%N > "$L/$name.$n.start"
printf '%s\0' "$@" > "$L/$name.$n.argv"
/usr/bin/env > "$L/$name.$n.env"
/bin/cat > "$L/$name.$n.stdin"
: > "$L/$name.$n.done"
form=$1
case " $* " in *" --output json"*) form=json;; esac
R="$D/$name.$form"
[ -f "$R.sleep" ] && /bin/sleep "$(/bin/cat "$R.sleep")"
[ -f "$R.stdout" ] && /bin/cat "$R.stdout"
[ -f "$R.stderr" ] && /bin/cat "$R.stderr" >&2
/bin/date +%s%N > "$L/$name.$n.end"
exit "$(/bin/cat "$R.code" 2>/dev/null || echo 0)"
"#;

/// Every ICR region's public domain, in the order of DESIGN.md §2's table (written out here,
/// not taken from the code under test).
pub const ICR_DOMAINS: &[&str] = &[
    "icr.io",
    "au.icr.io",
    "br.icr.io",
    "ca2.icr.io",
    "ca.icr.io",
    "de.icr.io",
    "es.icr.io",
    "uk.icr.io",
    "in.icr.io",
    "in2.icr.io",
    "jp2.icr.io",
    "jp.icr.io",
    "us.icr.io",
];

pub const SYSTEM_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// What a fake answers to one form of call.
#[derive(Default, Clone)]
pub struct Response {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
    pub sleep_secs: u32,
    /// A short delay before answering, in milliseconds (a client's round trip).
    pub delay_ms: u32,
}

impl Response {
    pub fn out(stdout: impl Into<String>) -> Self {
        Response { stdout: stdout.into(), ..Self::default() }
    }
    pub fn fail(code: i32, stderr: impl Into<String>) -> Self {
        Response { stderr: stderr.into(), code, ..Self::default() }
    }
    pub fn hang() -> Self {
        Response { sleep_secs: 30, ..Self::default() }
    }
}

/// One recorded call of a fake.
#[derive(Debug)]
pub struct Call {
    pub argv: Vec<String>,
    pub stdin: Vec<u8>,
    pub env: String,
    /// Whether it read its stdin to the end (a killed child never gets there).
    pub done: bool,
    /// When it started and ended (ns since the epoch; 0 when not recorded).
    pub start: u128,
    pub end: u128,
}

impl Call {
    /// The value of `key` in the environment it ran with.
    pub fn env_var(&self, key: &str) -> Option<String> {
        self.env.lines().find_map(|l| l.strip_prefix(&format!("{key}="))).map(str::to_owned)
    }
}

pub struct World {
    pub root: TempDir,
    pub home: PathBuf,
    pub bin: PathBuf,
    pub log: PathBuf,
    pub data: PathBuf,
    pub runtime: PathBuf,
    path: String,
    env: Vec<(String, String)>,
}

/// A JWT whose claims expire `secs` from now (negative: already expired).
pub fn jwt_expiring_in(secs: i64) -> String {
    jwt(&json!({
        "iam_id": "IBMid-270000TEST",
        "email": "dev@example.com",
        "sub": "dev@example.com",
        "account": {"bss": "0123456789abcdef"},
        "iat": now() - 60,
        "exp": now() + secs,
        "client_id": "bx",
    }))
}

pub fn jwt(claims: &Value) -> String {
    let enc = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    format!(
        "{}.{}.{}",
        enc.encode(br#"{"kid":"20240101","alg":"RS256"}"#),
        enc.encode(claims.to_string()),
        enc.encode(b"not-a-real-signature-0123456789")
    )
}

pub fn now() -> i64 {
    i64::try_from(SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()).unwrap()
}

impl World {
    pub fn new() -> World {
        let root = tempfile::tempdir().expect("tempdir");
        let p = |s: &str| {
            let d = root.path().join(s);
            std::fs::create_dir_all(&d).unwrap();
            d
        };
        let (home, bin, log, data, runtime) = (p("home"), p("bin"), p("log"), p("data"), p("run"));
        let bin_path = bin.to_str().unwrap().to_owned();
        World { root, home, bin, log, data, runtime, path: bin_path, env: Vec::new() }
    }

    /// Installs the recording fake under `name` on the private PATH.
    pub fn fake(&self, name: &str) -> &Self {
        let script = FAKE
            .replace("@LOG@", self.log.to_str().unwrap())
            .replace("@DATA@", self.data.to_str().unwrap());
        let path = self.bin.join(name);
        std::fs::write(&path, script).unwrap();
        make_executable(&path);
        self
    }

    /// Sets what fake `name` answers to calls of `form` (`json`, `iam`, `login`, ...).
    pub fn respond(&self, name: &str, form: &str, r: &Response) -> &Self {
        let write = |ext: &str, text: &str| {
            std::fs::write(self.data.join(format!("{name}.{form}.{ext}")), text).unwrap();
        };
        write("stdout", &r.stdout);
        write("stderr", &r.stderr);
        write("code", &r.code.to_string());
        if r.sleep_secs > 0 {
            write("sleep", &r.sleep_secs.to_string());
        } else if r.delay_ms > 0 {
            write("sleep", &format!("{}.{:03}", r.delay_ms / 1000, r.delay_ms % 1000));
        }
        self
    }

    /// A logged-in `ibmcloud` whose JSON form prints `token`.
    pub fn ibmcloud_session(&self, token: &str) -> &Self {
        self.fake("ibmcloud").respond(
            "ibmcloud",
            "json",
            &Response::out(format!(
                "{{\n  \"iam_token\": \"Bearer {token}\",\n  \"uaa_token\": \"Bearer uaa.uaa.uaa\"\n}}\n"
            )),
        )
    }

    /// A client that accepts any login, as podman does (`Login Succeeded!`).
    pub fn client(&self, name: &str) -> &Self {
        self.fake(name).respond(name, "login", &Response::out("Login Succeeded!\n"))
    }

    /// Writes the CLI's config.json under HOME/.bluemix.
    pub fn cli_config(&self, config: &Value) -> &Self {
        let dir = self.home.join(".bluemix");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("config.json"), config.to_string()).unwrap();
        self
    }

    pub fn env(&mut self, key: &str, value: &str) -> &mut Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// The real cr-ext binary in this world: a clean environment, private PATH.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::cargo_bin("cr-ext").unwrap();
        cmd.env_clear()
            .env("HOME", &self.home)
            .env("PATH", &self.path)
            .env("XDG_RUNTIME_DIR", &self.runtime)
            .env("LANG", "C.UTF-8")
            .timeout(std::time::Duration::from_secs(60));
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }

    /// Links `docker-credential-cr-ext` to the real cr-ext binary on the private PATH.
    pub fn install_helper(&self) -> &Self {
        let link = self.bin.join("docker-credential-cr-ext");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(assert_cmd::cargo::cargo_bin("cr-ext"), &link).unwrap();
        self
    }

    /// The credential helper, started under its own name, in this world's environment.
    pub fn helper(&self, action: &str) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::new(self.bin.join("docker-credential-cr-ext"));
        cmd.env_clear()
            .env("HOME", &self.home)
            .env("PATH", &self.path)
            .env("XDG_RUNTIME_DIR", &self.runtime)
            .env("LANG", "C.UTF-8")
            .arg(action)
            .timeout(std::time::Duration::from_secs(60));
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }

    /// Puts the system's programs (the real clients) on PATH after the fakes.
    pub fn with_system_path(&mut self) -> &mut Self {
        self.path = format!("{}:{SYSTEM_PATH}", self.bin.display());
        self
    }

    /// A system program (skopeo, docker, ...) in this world's environment.
    pub fn system_cmd(&self, program: &str) -> std::process::Command {
        let mut cmd = std::process::Command::new(program);
        cmd.env_clear()
            .env("HOME", &self.home)
            .env("PATH", &self.path)
            .env("XDG_RUNTIME_DIR", &self.runtime)
            .stdin(std::process::Stdio::null());
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }

    /// Every recorded call of fake `name`, in order.
    pub fn calls(&self, name: &str) -> Vec<Call> {
        let count: usize = std::fs::read_to_string(self.log.join(format!("{name}.count")))
            .map_or(0, |s| s.trim().parse().unwrap());
        (1..=count)
            .map(|n| {
                let path = |ext: &str| self.log.join(format!("{name}.{n}.{ext}"));
                let read = |ext: &str| std::fs::read(path(ext)).unwrap_or_default();
                let argv = String::from_utf8(read("argv")).unwrap();
                Call {
                    argv: argv.split_terminator('\0').map(str::to_owned).collect(),
                    stdin: read("stdin"),
                    env: String::from_utf8_lossy(&read("env")).into_owned(),
                    done: path("done").exists(),
                    start: String::from_utf8_lossy(&read("start")).trim().parse().unwrap_or(0),
                    end: String::from_utf8_lossy(&read("end")).trim().parse().unwrap_or(0),
                }
            })
            .collect()
    }

    /// Calls of fake `name` that read their stdin to the end: logins that were attempted.
    pub fn completed(&self, name: &str) -> Vec<Call> {
        self.calls(name).into_iter().filter(|c| c.done).collect()
    }

    /// Everything any fake recorded (argv and env), to search for leaked secrets.
    pub fn all_recorded_argv_and_env(&self) -> String {
        let mut all = String::new();
        for entry in std::fs::read_dir(&self.log).unwrap() {
            let path = entry.unwrap().path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ext == "argv" || ext == "env" {
                all.push_str(&String::from_utf8_lossy(&std::fs::read(&path).unwrap()));
            }
        }
        all
    }
}

/// A finished command's stdout and stderr, as text.
pub fn out(a: &assert_cmd::assert::Assert) -> (String, String) {
    let o = a.get_output();
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Runs `command` to completion, starting it again while the kernel says its program is busy
/// (ETXTBSY). A program this process has just written can be: while it was open for writing,
/// another test's thread may have forked, and its child holds that descriptor until it execs.
pub fn output_when_not_busy(command: &mut std::process::Command) -> std::process::Output {
    const ETXTBSY: i32 = 26;
    for _ in 0..100 {
        match command.output() {
            Err(e) if e.raw_os_error() == Some(ETXTBSY) => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            other => return other.unwrap(),
        }
    }
    panic!("{command:?} stayed busy (ETXTBSY) for a second");
}

pub fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}
