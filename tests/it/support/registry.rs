//! A real registry for end-to-end tests: CNCF distribution (`docker-registry serve`) on a free
//! loopback port, TLS with a fresh self-signed certificate for 127.0.0.1 and localhost, and
//! either htpasswd (bcrypt, cost 4) users (`Registry::start`) or the token protocol against a
//! loopback `TokenServer` (`Registry::start_token_auth`), which then decides who may pull and
//! push. Stopped by its pid when dropped, also when a test panics.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::token_server::{ISSUER, SERVICE, TokenServer};

/// Programs the end-to-end tests run.
pub const E2E_TOOLS: &[&str] =
    &["docker-registry", "docker", "podman", "buildah", "skopeo", "umoci", "openssl"];

/// Fails loudly when an end-to-end tool is missing: these tests run only when asked
/// (`--include-ignored`, which `scripts/test.sh` passes once the tools are installed).
pub fn require_e2e_tools() {
    let missing: Vec<&str> =
        E2E_TOOLS.iter().copied().filter(|t| which::which(t).is_err()).collect();
    let bcrypt = Command::new("/usr/bin/python3")
        .args(["-c", "import bcrypt"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        missing.is_empty() && bcrypt,
        "END-TO-END TOOLS MISSING: {missing:?}{}; run scripts/e2e-setup.sh as root",
        if bcrypt { "" } else { " and python3-bcrypt" }
    );
}

pub struct Registry {
    child: Child,
    pub dir: tempfile::TempDir,
    pub port: u16,
}

impl Registry {
    /// Starts a registry whose htpasswd holds `users` (name, password) and waits until
    /// `/v2/` answers 401.
    pub fn start(users: &[(&str, &str)]) -> Registry {
        require_e2e_tools();
        let dir = tempfile::tempdir().unwrap();
        write_htpasswd(&dir.path().join("htpasswd"), users);
        let auth = format!(
            "  htpasswd:\n    realm: cr-ext-e2e\n    path: {}/htpasswd\n",
            dir.path().display()
        );
        Registry::launch(dir, "error", &auth)
    }

    /// Starts a registry that sends clients to `tokens` for a bearer token (its realm, service
    /// and issuer; its signing cert as `rootcertbundle`) and waits until `/v2/` answers 401.
    /// It logs at `info`, so a refusal's reason is in `log()`.
    pub fn start_token_auth(tokens: &TokenServer) -> Registry {
        require_e2e_tools();
        let dir = tempfile::tempdir().unwrap();
        let auth = format!(
            "  token:\n    realm: {}\n    service: {SERVICE}\n    issuer: {ISSUER}\n    rootcertbundle: {}\n",
            tokens.realm(),
            tokens.cert().display()
        );
        Registry::launch(dir, "info", &auth)
    }

    /// Makes the TLS certificate, writes the config with `auth` (YAML under `auth:`), starts.
    fn launch(dir: tempfile::TempDir, log_level: &str, auth: &str) -> Registry {
        let d = dir.path();
        self_signed(
            d,
            "/CN=localhost",
            &[
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost",
                // A leaf, not a CA: rustls refuses a CA certificate used as a server's own.
                "-addext",
                "basicConstraints=critical,CA:FALSE",
                "-addext",
                "extendedKeyUsage=serverAuth",
            ],
        );
        let port = free_port();
        std::fs::write(
            d.join("config.yml"),
            format!(
                "version: 0.1\nlog:\n  level: {log_level}\nstorage:\n  filesystem:\n    rootdirectory: {root}/data\n\
                 http:\n  addr: 127.0.0.1:{port}\n  tls:\n    certificate: {root}/cert.pem\n    key: {root}/key.pem\n\
                 auth:\n{auth}",
                root = d.display()
            ),
        )
        .unwrap();
        let log = std::fs::File::create(d.join("registry.log")).unwrap();
        let child = Command::new("docker-registry")
            .arg("serve")
            .arg(d.join("config.yml"))
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start docker-registry");
        let mut registry = Registry { child, dir, port };
        registry.wait_ready();
        registry
    }

    /// `127.0.0.1:PORT`.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    pub fn cert(&self) -> PathBuf {
        self.dir.path().join("cert.pem")
    }

    fn wait_ready(&mut self) {
        let cert = reqwest::Certificate::from_pem(&std::fs::read(self.cert()).unwrap()).unwrap();
        let http = reqwest::blocking::Client::builder()
            .add_root_certificate(cert)
            .timeout(Duration::from_secs(2))
            .build()
            .unwrap();
        let url = format!("https://{}/v2/", self.host());
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("registry exited ({status}): {}", self.log());
            }
            if let Ok(r) = http.get(&url).send() {
                assert_eq!(r.status().as_u16(), 401, "/v2/ must demand auth");
                return;
            }
            assert!(Instant::now() < deadline, "registry not ready: {}", self.log());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("registry.log")).unwrap_or_default()
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// bcrypt at cost 4 with Debian's python3-bcrypt; passwords go over stdin, never argv.
/// bcrypt reads at most 72 bytes, so the hash is of those (newer bcrypt refuses longer ones).
fn write_htpasswd(path: &Path, users: &[(&str, &str)]) {
    let script = "import bcrypt, sys\n\
        for line in sys.stdin.buffer.read().split(b'\\n'):\n    \
            if line:\n        \
                user, pw = line.split(b'\\t', 1)\n        \
                print(user.decode() + ':' + bcrypt.hashpw(pw[:72], bcrypt.gensalt(4)).decode())\n";
    let mut child = Command::new("/usr/bin/python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for (user, password) in users {
        writeln!(stdin, "{user}\t{password}").unwrap();
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "htpasswd generation failed");
    std::fs::write(path, out.stdout).unwrap();
}

/// A fresh P-256 key (`DIR/key.pem`) and a self-signed certificate for it (`DIR/cert.pem`),
/// valid two days, with `subject` and `extra` arguments to `openssl req`.
pub fn self_signed(dir: &Path, subject: &str, extra: &[&str]) {
    let key = dir.join("key.pem");
    let cert = dir.join("cert.pem");
    run(Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            subject,
        ])
        .args(extra)
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert));
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub fn run(cmd: &mut Command) -> std::process::Output {
    let out = cmd.stdin(Stdio::null()).output().unwrap();
    assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// A tiny OCI image built with umoci (no daemon), holding `/hello.txt` with `text`; returns its
/// `oci:DIR:v1` reference for skopeo.
pub fn tiny_image(w: &super::World, text: &str) -> String {
    let layout = w.root.path().join("oci");
    let file = w.root.path().join("hello.txt");
    std::fs::write(&file, text).unwrap();
    let image = format!("{}:v1", layout.display());
    run(w.system_cmd("umoci").args(["init", "--layout"]).arg(&layout));
    run(w.system_cmd("umoci").args(["new", "--image", &image]));
    run(w.system_cmd("umoci").args(["insert", "--image", &image]).arg(&file).arg("/hello.txt"));
    format!("oci:{image}")
}
