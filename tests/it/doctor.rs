//! `cr-ext doctor` against stand-ins on loopback: an ICR-shaped registry (its `/v2/`
//! challenge, its token endpoint, its namespaces API) per region, reached by name through
//! `CR_EXT_RESOLVE` so every check runs as it would against ICR; every domain not given a
//! stand-in resolves to a closed port, so nothing leaves the machine. Checked: the
//! wrong-region verdict, each ICR message mapped to its cause, the clients' lookup order
//! (a stale runtime login shadowing the helper, an expired stored token, no credential), and
//! hostile answers (unreachable, hung, huge, not JSON, a realm elsewhere, a redirect): a
//! clear line, the documented exit code, no secret in any output.

use std::net::TcpListener;

use base64::Engine as _;
use serde_json::{Value, json};

use crate::support::http::{HttpServer, Reply};
use crate::support::{World, jwt_expiring_in, out};

use crate::support::ICR_DOMAINS as DOMAINS;

const ACCOUNT: &str = "0123456789abcdef";
const WRONG_REGION: &str =
    "The login credentials are not valid, or your IBM Cloud account is not active.";

/// A port nothing listens on.
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// What one region's stand-in answers.
#[derive(Clone)]
struct Region {
    domain: &'static str,
    /// The namespaces of the account there.
    namespaces: Vec<&'static str>,
    /// The token endpoint's answer.
    token: Reply,
    /// `/v2/`'s answer, when not the usual challenge.
    ping: Option<Reply>,
}

impl Region {
    fn new(domain: &'static str, namespaces: &[&'static str]) -> Region {
        Region {
            domain,
            namespaces: namespaces.to_vec(),
            token: refusal(401, "UNAUTHORIZED", WRONG_REGION),
            ping: None,
        }
    }
}

/// A registry error answer.
fn refusal(status: u16, code: &str, message: &str) -> Reply {
    let body = json!({"errors": [{"code": code, "message": message}]}).to_string();
    let line = if status == 401 { "401 Unauthorized" } else { "403 Forbidden" };
    Reply::status(line, &[("Content-Type", "application/json")], &body)
}

/// An ICR-shaped stand-in: `/v2/` challenges with ICR's unquoted header, `/oauth/token`
/// answers as told, `/api/v1/namespaces` lists the namespaces for the right token and
/// `Account` header only (401 otherwise, as ICR's API does).
fn stand_in(region: Region, iam_token: String) -> HttpServer {
    let domain = region.domain;
    HttpServer::start_with(move |request| {
        let line = request.lines().next().unwrap_or_default();
        let header = |name: &str| {
            request.lines().find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
            })
        };
        if line.starts_with("GET /v2/ ") {
            return region.ping.clone().unwrap_or_else(|| {
                Reply::status(
                    "401 Unauthorized",
                    &[(
                        "WWW-Authenticate",
                        &format!("Bearer realm=https://{domain}/oauth/token, service=registry"),
                    )],
                    r#"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"#,
                )
            });
        }
        if line.starts_with("GET /oauth/token?") {
            return region.token.clone();
        }
        if line.starts_with("GET /api/v1/namespaces ") {
            let authorized = header("authorization") == Some(format!("Bearer {iam_token}"))
                && header("account").as_deref() == Some(ACCOUNT);
            if !authorized {
                return Reply::status(
                    "401 Unauthorized",
                    &[],
                    r#"{"code":"CRG0014E","message":"An error occurred when authenticating your request with IBM Cloud."}"#,
                );
            }
            return Reply::status(
                "200 OK",
                &[("Content-Type", "application/json")],
                &json!(region.namespaces).to_string(),
            );
        }
        Reply::status("404 Not Found", &[], r#"{"errors":[{"code":"NOT_FOUND"}]}"#)
    })
}

/// A world with an ibmcloud session, podman configured with cr-ext's helper for the ICR
/// domains, and `CR_EXT_RESOLVE` pointing each stand-in's domain at it (the rest at a
/// closed port).
struct Doctor {
    w: World,
    token: String,
    servers: Vec<(&'static str, HttpServer)>,
    resolve: String,
}

impl Doctor {
    /// Stand-ins for every region: the given ones, the rest answering with no namespace.
    fn everywhere(mut regions: Vec<Region>) -> Doctor {
        for domain in DOMAINS {
            if !regions.iter().any(|r| r.domain == *domain) {
                regions.push(Region::new(domain, &[]));
            }
        }
        Doctor::new(regions)
    }

    fn new(regions: Vec<Region>) -> Doctor {
        let mut w = World::new();
        let token = jwt_expiring_in(3600);
        w.ibmcloud_session(&token).client("podman").install_helper();
        let persistent = w.home.join(".config/containers");
        std::fs::create_dir_all(&persistent).unwrap();
        std::fs::write(
            persistent.join("auth.json"),
            json!({"credHelpers": {"us.icr.io": "cr-ext", "de.icr.io": "cr-ext"}}).to_string(),
        )
        .unwrap();
        let servers: Vec<(&'static str, HttpServer)> =
            regions.into_iter().map(|r| (r.domain, stand_in(r, token.clone()))).collect();
        let closed = closed_port();
        let resolve: Vec<String> = DOMAINS
            .iter()
            .map(|d| {
                let port = servers.iter().find(|(s, _)| s == d).map_or(closed, |(_, s)| s.port);
                format!("{d}=127.0.0.1:{port}")
            })
            .collect();
        let resolve = resolve.join(",");
        w.env("CR_EXT_RESOLVE", &resolve);
        Doctor { w, token, servers, resolve }
    }

    fn server(&self, domain: &str) -> &HttpServer {
        &self.servers.iter().find(|(d, _)| *d == domain).unwrap().1
    }

    /// `cr-ext doctor ARGS --output json`: the exit code, the document, and stderr; no
    /// secret in any of it.
    fn json(&self, args: &[&str]) -> (i32, Value, String) {
        let a = self.w.cmd().arg("doctor").args(args).args(["--output", "json"]).assert();
        let (stdout, stderr) = out(&a);
        let code = a.get_output().status.code().unwrap();
        assert_no_secret(&self.token, &stdout, &stderr);
        let doc: Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}\n{stderr}"));
        (code, doc, stderr)
    }

    /// `cr-ext doctor ARGS` as text: exit code and stdout.
    fn text(&self, args: &[&str]) -> (i32, String) {
        let a = self.w.cmd().arg("doctor").args(args).assert();
        let (stdout, stderr) = out(&a);
        assert_no_secret(&self.token, &stdout, &stderr);
        (a.get_output().status.code().unwrap(), stdout)
    }
}

fn assert_no_secret(token: &str, stdout: &str, stderr: &str) {
    let signature = token.rsplit('.').next().unwrap();
    for text in [stdout, stderr] {
        assert!(!text.contains(token) && !text.contains(signature), "token leaked: {text}");
    }
}

/// The check with `id`.
fn check<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id}: {doc:#}"))
}

fn ids(doc: &Value) -> Vec<String> {
    doc["checks"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn a_namespace_in_another_region_gets_the_wrong_region_verdict() {
    let d = Doctor::new(vec![
        Region::new("us.icr.io", &["team-b"]),
        Region::new("de.icr.io", &["team-a", "team-c"]),
    ]);
    let (code, doc, _) = d.json(&["us.icr.io/team-a/app:v1"]);
    assert_eq!(code, 1, "{doc:#}");
    assert_eq!(
        ids(&doc),
        ["identity", "image", "client:podman", "registry", "access:podman", "namespace"]
    );
    for (id, status) in [
        ("identity", "ok"),
        ("image", "ok"),
        ("client:podman", "ok"),
        ("registry", "ok"),
        ("access:podman", "fail"),
        ("namespace", "fail"),
    ] {
        assert_eq!(check(&doc, id)["status"], status, "{id}: {doc:#}");
    }
    assert_eq!(doc["verdict"], "namespace team-a is in de.icr.io; you are using us.icr.io");
    let namespace = check(&doc, "namespace");
    assert_eq!(
        namespace["fix"],
        "use de.icr.io/team-a/app:v1, and cr-ext configure --region eu-de"
    );
    assert!(
        namespace["message"]
            .as_str()
            .unwrap()
            .contains("no answer from 11 region(s): icr.io, au.icr.io")
    );
    let access = check(&doc, "access:podman")["message"].as_str().unwrap().to_owned();
    assert!(access.contains(WRONG_REGION.trim_end_matches('.')), "{access}");
    assert!(access.contains("another region than the namespace's"), "{access}");
    // The token request carried podman's credential (cr-ext's helper: iambearer and the
    // session's token) for the repository's pull scope; the namespaces API got the IAM token
    // and the account.
    let us = d.server("us.icr.io").requests();
    let token_request = us.iter().find(|r| r.starts_with("GET /oauth/token?")).unwrap();
    assert!(
        token_request.contains("scope=repository%3Ateam-a%2Fapp%3Apull ")
            || token_request.contains("scope=repository:team-a/app:pull "),
        "{token_request}"
    );
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("iambearer:{}", d.token));
    assert!(token_request.contains(&format!("Basic {basic}")), "{token_request}");
    let de = d.server("de.icr.io").requests();
    assert!(de.iter().any(|r| r.starts_with("GET /api/v1/namespaces ")), "{de:?}");
    assert!(
        !de.iter().any(|r| r.contains("/oauth/token")),
        "only us.icr.io's token endpoint is asked"
    );

    // The text form: one line per check with its fix, then the verdict.
    let (code, text) = d.text(&["us.icr.io/team-a/app:v1"]);
    assert_eq!(code, 1);
    assert!(
        text.contains(
            "fail  namespace        namespace team-a is in de.icr.io; you are using us.icr.io"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("verdict: namespace team-a is in de.icr.io; you are using us.icr.io\n"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 7, "{text}");
}

#[test]
fn a_namespace_in_no_region_and_one_where_you_are() {
    // Every region answers, none has it: the verdict, and the command that makes it.
    let d = Doctor::everywhere(vec![Region::new("us.icr.io", &["team-b"])]);
    let (code, doc, _) = d.json(&["us.icr.io/team-a/app"]);
    assert_eq!(code, 1);
    assert_eq!(
        doc["verdict"],
        format!("no region of account {ACCOUNT} has a namespace team-a"),
        "{doc:#}"
    );
    assert_eq!(
        check(&doc, "namespace")["fix"],
        "ibmcloud cr region-set us-south && ibmcloud cr namespace-add team-a"
    );
    // Some regions silent: no such verdict, only what the others said.
    let d = Doctor::new(vec![Region::new("us.icr.io", &["team-b"]), Region::new("de.icr.io", &[])]);
    let (code, doc, _) = d.json(&["us.icr.io/team-a/app"]);
    assert_eq!(code, 1);
    let namespace = check(&doc, "namespace");
    assert_eq!(namespace["status"], "warn");
    let text = namespace["message"].as_str().unwrap();
    assert!(
        text.starts_with("namespace team-a is in none of the 2 region(s) that answered"),
        "{text}"
    );
    assert!(text.contains("no answer from 11 region(s)"), "{text}");
    assert!(namespace["fix"].is_null());
    assert!(doc["verdict"].as_str().unwrap().starts_with("access:podman:"), "{doc:#}");

    let mut here = Region::new("us.icr.io", &["team-a"]);
    here.token = refusal(401, "UNAUTHORIZED", "Insufficient scope");
    let d = Doctor::new(vec![here]);
    let (code, doc, _) = d.json(&["us.icr.io/team-a/app"]);
    assert_eq!(code, 1);
    let namespace = check(&doc, "namespace");
    assert_eq!(namespace["status"], "ok");
    assert!(
        namespace["message"]
            .as_str()
            .unwrap()
            .contains("the refusal is about access, not the region")
    );
    let access = check(&doc, "access:podman");
    assert!(access["message"].as_str().unwrap().contains("IAM policies do not grant"), "{access}");
    assert!(
        access["fix"].as_str().unwrap().starts_with("ibmcloud iam user-policy-create"),
        "{access}"
    );
    assert!(doc["verdict"].as_str().unwrap().starts_with("access:podman: "), "{doc:#}");
}

#[test]
fn each_icr_message_is_mapped_to_its_cause() {
    let cases: &[(u16, &str, &str, &str)] = &[
        (401, "UNAUTHORIZED", WRONG_REGION, "another region than the namespace's"),
        (401, "UNAUTHORIZED", "Insufficient scope", "context-based restriction"),
        (
            403,
            "DENIED",
            "You are not authorized to access the specified resource.",
            "no IAM policy gives this identity access",
        ),
        (
            403,
            "DENIED",
            "Your account has exceeded its pull traffic quota for the current month.",
            "pull traffic quota",
        ),
        (
            403,
            "DENIED",
            "Your account has exceeded its image storage quota for the current month.",
            "image storage quota",
        ),
        (
            401,
            "UNAUTHORIZED",
            "CRG0014E An error occurred when authenticating your request with IBM Cloud.",
            "could not authenticate the request",
        ),
        (403, "DENIED", "requested access to the resource is denied", "denies this identity"),
    ];
    for (status, code, message, cause) in cases {
        let mut region = Region::new("us.icr.io", &["team-a"]);
        region.token = refusal(*status, code, message);
        let d = Doctor::new(vec![region]);
        let (exit, doc, _) = d.json(&["us.icr.io/team-a/app"]);
        assert_eq!(exit, 1, "{message}");
        let access = check(&doc, "access:podman");
        let text = access["message"].as_str().unwrap();
        assert!(text.contains(&format!("{status} {code}: {message}")), "{text}");
        assert!(text.contains(cause), "{message}: {text}");
        // The wrong-region refusal of cr-ext's own token has its fix on the namespace line.
        assert_eq!(access["fix"].is_string(), *message != WRONG_REGION, "{message}: {access}");
    }
    // Private-only is said by /v2/ itself, before any token.
    let mut region = Region::new("us.icr.io", &["team-a"]);
    region.ping = Some(refusal(
        403,
        "DENIED",
        "Private-only access is enabled on this account, but this request was over the public network.",
    ));
    let d = Doctor::new(vec![region]);
    let (exit, doc, _) = d.json(&["us.icr.io/team-a/app"]);
    assert_eq!(exit, 1);
    let registry = check(&doc, "registry");
    assert!(
        registry["message"].as_str().unwrap().contains("only private-network access"),
        "{registry}"
    );
    assert!(registry["fix"].as_str().unwrap().contains("private.us.icr.io"), "{registry}");
    assert!(!ids(&doc).iter().any(|id| id.starts_with("access")), "the chain stops: {doc:#}");
}

#[test]
fn a_stale_runtime_login_shadowing_the_helper_is_named_with_its_fix() {
    let d = Doctor::new(vec![Region::new("us.icr.io", &["team-a"])]);
    let runtime = d.w.runtime.join("containers/auth.json");
    std::fs::create_dir_all(runtime.parent().unwrap()).unwrap();
    let stale = jwt_expiring_in(-600);
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("iambearer:{stale}"));
    std::fs::write(&runtime, json!({"auths": {"us.icr.io": {"auth": auth}}}).to_string()).unwrap();
    let (code, doc, stderr) = d.json(&["us.icr.io/team-a/app"]);
    assert_no_secret(&stale, &doc.to_string(), &stderr);
    assert_eq!(code, 1);
    let podman = check(&doc, "client:podman");
    assert_eq!(podman["status"], "fail");
    let message = podman["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("a stored login for us.icr.io in {}", runtime.display())),
        "{message}"
    );
    assert!(message.contains("EXPIRED at"), "{message}");
    assert!(message.contains("is read before cr-ext's helper in"), "{message}");
    assert_eq!(podman["fix"], format!("podman logout --authfile {} us.icr.io", runtime.display()));
    // The registry was asked with what podman really sends: the stale token.
    let us = d.server("us.icr.io").requests();
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("iambearer:{stale}"));
    assert!(us.iter().any(|r| r.contains(&format!("Basic {basic}"))), "{us:?}");

    // A fresh one is a warning: it works until it expires.
    let fresh = jwt_expiring_in(1800);
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("iambearer:{fresh}"));
    std::fs::write(&runtime, json!({"auths": {"us.icr.io": {"auth": auth}}}).to_string()).unwrap();
    let (_, doc, _) = d.json(&["us.icr.io/team-a/app"]);
    assert_eq!(check(&doc, "client:podman")["status"], "warn", "{doc:#}");
}

#[test]
fn an_expired_stored_token_and_no_credential_at_all() {
    let d = Doctor::new(vec![Region::new("us.icr.io", &["team-a"])]);
    // docker with an expired stored iambearer; podman's files name no helper for de.icr.io.
    d.w.client("docker");
    let stale = jwt_expiring_in(-7200);
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("iambearer:{stale}"));
    std::fs::create_dir_all(d.w.home.join(".docker")).unwrap();
    std::fs::write(
        d.w.home.join(".docker/config.json"),
        json!({"auths": {"https://us.icr.io": {"auth": auth}}}).to_string(),
    )
    .unwrap();
    let (code, doc, _) = d.json(&["us.icr.io/team-a/app", "--client", "docker"]);
    assert_eq!(code, 1);
    let docker = check(&doc, "client:docker");
    assert_eq!(docker["status"], "fail");
    assert!(docker["message"].as_str().unwrap().contains("its token is EXPIRED at"), "{docker}");
    assert_eq!(docker["fix"], "cr-ext configure --client docker");
    assert!(!ids(&doc).contains(&"client:podman".to_owned()), "--client docker only: {doc:#}");

    // podman reads docker's file last, after its own two: the expired login is found there.
    let (_, doc, _) = d.json(&["us.icr.io/team-a/app", "--client", "podman"]);
    assert_eq!(check(&doc, "client:podman")["status"], "ok", "the helper in its own file first");
    std::fs::write(d.w.home.join(".config/containers/auth.json"), "{}").unwrap();
    let (_, doc, _) = d.json(&["us.icr.io/team-a/app", "--client", "podman"]);
    let podman = check(&doc, "client:podman");
    assert!(
        podman["message"]
            .as_str()
            .unwrap()
            .contains(".docker/config.json for us.icr.io, and its token is EXPIRED"),
        "{podman}"
    );
    std::fs::remove_file(d.w.home.join(".docker/config.json")).unwrap();
    let (_, doc, _) = d.json(&["us.icr.io/team-a/app", "--client", "podman"]);
    let podman = check(&doc, "client:podman");
    assert_eq!(podman["status"], "fail");
    assert!(
        podman["message"].as_str().unwrap().contains("has no credential for us.icr.io"),
        "{podman}"
    );
    assert_eq!(podman["fix"], "cr-ext configure --client podman");
    // The registry is then checked with cr-ext's own token, as the fix would make podman send.
    let access = check(&doc, "access:podman")["message"].as_str().unwrap().to_owned();
    assert!(
        access.contains("refused cr-ext's IAM token (iambearer) for team-a/app (pull)"),
        "{access}"
    );
}

#[test]
fn no_identity_exits_4_and_a_bad_image_exits_2() {
    let w = World::new();
    let a = w.cmd().args(["doctor", "us.icr.io/team-a/app", "--output", "json"]).assert().code(4);
    let doc: Value = serde_json::from_str(&out(&a).0).unwrap();
    assert_eq!(check(&doc, "identity")["status"], "fail");
    assert!(check(&doc, "identity")["fix"].as_str().unwrap().contains("ibmcloud"));

    let expired = World::new();
    expired.ibmcloud_session(&jwt_expiring_in(-60));
    let a = expired.cmd().args(["doctor"]).assert().code(4);
    let (stdout, _) = out(&a);
    assert!(stdout.starts_with("fail  identity "), "{stdout}");

    for bad in
        ["https://us.icr.io/a/b", "us.icr.io/a//b", "us.icr.io/A/b", "us.icr.io/a/b:\u{1b}[2J"]
    {
        let a = w.cmd().args(["doctor", bad]).assert().code(2);
        let (stdout, stderr) = out(&a);
        assert!(
            stdout.is_empty() && stderr.contains("is not an image reference"),
            "{bad}: {stderr}"
        );
        assert!(!stderr.contains('\u{1b}'), "{stderr}");
    }
}

#[test]
fn images_that_are_not_icr_or_deprecated_or_private() {
    let d = Doctor::new(vec![Region::new("us.icr.io", &["team-a"])]);
    let (_, doc, _) = d.json(&["team-a/app"]);
    let image = check(&doc, "image");
    assert_eq!(image["status"], "fail");
    assert!(image["message"].as_str().unwrap().contains("docker.io/team-a/app"), "{image}");
    assert!(!ids(&doc).contains(&"registry".to_owned()));

    let (_, doc, _) = d.json(&["registry.ng.bluemix.net/team-a/app"]);
    let image = check(&doc, "image");
    assert_eq!(image["status"], "warn");
    assert_eq!(image["fix"], "use us.icr.io/team-a/app");

    // A private endpoint from here: nothing answers (its name resolves to a closed port).
    let closed = closed_port();
    let mut w = World::new();
    w.ibmcloud_session(&jwt_expiring_in(3600)).client("podman");
    w.env("CR_EXT_RESOLVE", &format!("private.us.icr.io=127.0.0.1:{closed}"));
    let a = w
        .cmd()
        .args(["doctor", "private.us.icr.io/team-a/app", "--output", "json"])
        .assert()
        .code(1);
    let doc: Value = serde_json::from_str(&out(&a).0).unwrap();
    assert!(
        check(&doc, "image")["message"]
            .as_str()
            .unwrap()
            .contains("reachable only from IBM Cloud's private network")
    );
    let registry = check(&doc, "registry");
    assert!(registry["message"].as_str().unwrap().contains("cannot connect"), "{registry}");
    assert_eq!(
        registry["fix"],
        "private endpoints answer only on IBM Cloud's private network (a VPC, classic infrastructure, a cluster); from elsewhere use us.icr.io/team-a/app"
    );
}

/// A non-ICR registry on loopback whose `/v2/` names `realm`, and podman holding a stored
/// login for it (a password that must go nowhere but the realm).
fn loopback_registry(realm: &str) -> (World, HttpServer, String) {
    let registry = HttpServer::start(vec![Reply::status(
        "401 Unauthorized",
        &[("WWW-Authenticate", &format!(r#"Bearer realm="{realm}",service="test""#))],
        "{}",
    )]);
    let w = World::new();
    w.ibmcloud_session(&jwt_expiring_in(3600)).client("podman");
    let password = "stored-password-0123456789abcdef".to_owned();
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("puller:{password}"));
    let runtime = w.runtime.join("containers/auth.json");
    std::fs::create_dir_all(runtime.parent().unwrap()).unwrap();
    std::fs::write(
        &runtime,
        json!({"auths": {format!("127.0.0.1:{}", registry.port): {"auth": auth}}}).to_string(),
    )
    .unwrap();
    (w, registry, password)
}

fn doctor_json(w: &World, image: &str, extra: &[&str], secret: &str) -> (i32, Value) {
    let a = w.cmd().args(["doctor", image, "--output", "json"]).args(extra).assert();
    let (stdout, stderr) = out(&a);
    assert!(!stdout.contains(secret) && !stderr.contains(secret), "{stdout}{stderr}");
    (a.get_output().status.code().unwrap(), serde_json::from_str(&stdout).unwrap())
}

#[test]
fn hostile_token_servers_get_a_clear_line_and_no_credential() {
    // A realm on another host: the stored password is not sent there.
    let elsewhere = HttpServer::start(vec![Reply::status("200 OK", &[], r#"{"token":"t"}"#)]);
    let other = elsewhere.port;
    let (w, registry, password) = loopback_registry(&format!("http://localhost:{other}/token"));
    let image = format!("127.0.0.1:{}/team-a/app", registry.port);
    let (code, doc) = doctor_json(&w, &image, &[], &password);
    assert_eq!(code, 1);
    let image_check = check(&doc, "image");
    assert_eq!(image_check["status"], "warn");
    assert!(image_check["message"].as_str().unwrap().contains("is not an ICR host"));
    let access = check(&doc, "access:podman")["message"].as_str().unwrap().to_owned();
    assert!(
        access.contains(&format!("sends credentials to localhost:{other}, another host")),
        "{access}"
    );
    assert!(access.contains("cr-ext sent no credential there"), "{access}");
    assert!(elsewhere.requests().is_empty(), "the other host got: {:?}", elsewhere.requests());

    // A token server that redirects: not followed, the target gets nothing.
    let target = HttpServer::start(vec![Reply::status("200 OK", &[], r#"{"token":"t"}"#)]);
    let target_port = target.port;
    let redirecting = HttpServer::start(vec![Reply::status(
        "302 Found",
        &[("Location", &format!("http://127.0.0.1:{target_port}/steal"))],
        "",
    )]);
    let realm_port = redirecting.port;
    let (w, registry, password) =
        loopback_registry(&format!("http://127.0.0.1:{realm_port}/token"));
    let (code, doc) =
        doctor_json(&w, &format!("127.0.0.1:{}/team-a/app", registry.port), &[], &password);
    assert_eq!(code, 1);
    let access = check(&doc, "access:podman")["message"].as_str().unwrap().to_owned();
    assert!(
        access.contains(&format!("answered 302, a redirect to 127.0.0.1:{target_port}")),
        "{access}"
    );
    assert!(access.contains("cr-ext did not follow it"), "{access}");
    assert!(target.requests().is_empty());
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("puller:{password}"));
    assert!(
        redirecting.requests()[0].contains(&format!("Basic {basic}")),
        "the realm itself is asked with the stored login"
    );

    // Hung, huge, not JSON.
    for (reply, expected) in [
        (
            Reply::Stall {
                head: "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".into(),
                secs: 30,
            },
            "(timed out)",
        ),
        (
            Reply::Stream { head: "HTTP/1.1 200 OK\r\n\r\n".into(), body_bytes: 3 << 20 },
            "larger than 1 MiB",
        ),
        (Reply::status("200 OK", &[], "<html>proxy login</html>"), "its answer is not JSON"),
        (Reply::status("200 OK", &[], r#"{"expires_in":300}"#), "holds no token"),
    ] {
        let server = HttpServer::start(vec![reply]);
        let port = server.port;
        let (w, registry, password) = loopback_registry(&format!("http://127.0.0.1:{port}/token"));
        let started = std::time::Instant::now();
        let (code, doc) = doctor_json(
            &w,
            &format!("127.0.0.1:{}/team-a/app", registry.port),
            &["--timeout", "2"],
            &password,
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "{expected}");
        assert_eq!(code, 1, "{expected}");
        let access = check(&doc, "access:podman")["message"].as_str().unwrap().to_owned();
        assert!(access.contains(expected), "{expected}: {access}");
    }

    // Nothing listening at all.
    let mut w = World::new();
    w.ibmcloud_session(&jwt_expiring_in(3600)).client("podman");
    let closed = closed_port();
    let (code, doc) =
        doctor_json(&w, &format!("127.0.0.1:{closed}/team-a/app"), &[], "unused-secret");
    assert_eq!(code, 1);
    let registry = check(&doc, "registry");
    assert!(registry["message"].as_str().unwrap().contains("cannot connect"), "{registry}");
    w.env("HTTPS_PROXY", "http://user:proxypw@127.0.0.1:9");
    let (_, doc) = doctor_json(&w, "us.icr.io/team-a/app", &["--timeout", "2"], "proxypw");
    let registry = check(&doc, "registry");
    assert!(
        registry["message"].as_str().unwrap().contains("through the proxy 127.0.0.1:9"),
        "{registry}"
    );
    assert!(registry["fix"].as_str().unwrap().contains("HTTPS_PROXY"), "{registry}");
}

/// The real registry with token auth, its token server granting per user, and real clients:
/// what doctor says each credential is granted is what skopeo and podman then get.
mod e2e {
    use base64::Engine as _;
    use serde_json::{Value, json};

    use super::check;
    use crate::support::registry::{Registry, run, tiny_image};
    use crate::support::token_server::TokenServer;
    use crate::support::{World, jwt_expiring_in, out};

    const PUSHER: &str = "pusher-Secret_0123456789";
    const PULLER: &str = "puller-Secret_0123456789";
    const NOBODY: &str = "nobody-Secret_0123456789";

    struct Setup {
        w: World,
        tokens: TokenServer,
        registry: Registry,
        token: String,
        image: String,
    }

    /// `iambearer` with the session's token may pull, as a pull-only service ID would.
    fn setup() -> Setup {
        let token = jwt_expiring_in(3600);
        let tokens = TokenServer::start(&[
            ("pusher", PUSHER, &["pull", "push"]),
            ("puller", PULLER, &["pull"]),
            ("nobody", NOBODY, &[]),
            ("iambearer", &token, &["pull"]),
        ]);
        let registry = Registry::start_token_auth(&tokens);
        let mut w = World::new();
        w.with_system_path().env("SSL_CERT_FILE", registry.cert().to_str().unwrap());
        w.ibmcloud_session(&token);
        let image = tiny_image(&w, "hello from doctor's registry\n");
        Setup { w, tokens, registry, token, image }
    }

    impl Setup {
        fn reference(&self) -> String {
            format!("{}/team-a/app:v1", self.registry.host())
        }

        /// podman's first file (the runtime one) holding `user:password`.
        fn login_as(&self, user: &str, password: &str) -> std::path::PathBuf {
            let file = self.w.runtime.join("containers/auth.json");
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            let auth =
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
            std::fs::write(
                &file,
                json!({"auths": {self.registry.host(): {"auth": auth}}}).to_string(),
            )
            .unwrap();
            file
        }

        fn doctor(&self, extra: &[&str], secrets: &[&str]) -> (i32, Value) {
            let a = self
                .w
                .cmd()
                .args(["doctor", &self.reference(), "--client", "podman", "--output", "json"])
                .args(extra)
                .assert();
            let (stdout, stderr) = out(&a);
            for secret in secrets.iter().chain([&self.token.as_str()]) {
                assert!(!stdout.contains(secret) && !stderr.contains(secret), "{stdout}{stderr}");
            }
            (a.get_output().status.code().unwrap(), serde_json::from_str(&stdout).unwrap())
        }

        fn skopeo_push(&self, authfile: &std::path::Path) -> std::process::Output {
            self.w
                .system_cmd("skopeo")
                .args(["copy", "-q", "--dest-authfile"])
                .arg(authfile)
                .args([self.image.as_str(), &format!("docker://{}", self.reference())])
                .output()
                .unwrap()
        }

        fn skopeo_inspect(&self, authfile: &std::path::Path) -> std::process::Output {
            self.w
                .system_cmd("skopeo")
                .args(["inspect", "--authfile"])
                .arg(authfile)
                .arg(format!("docker://{}", self.reference()))
                .output()
                .unwrap()
        }

        fn podman_pull(&self, storage: &str) -> std::process::Output {
            let root = self.w.root.path().join(storage);
            self.w
                .system_cmd("podman")
                .arg("--root")
                .arg(root.join("root"))
                .arg("--runroot")
                .arg(root.join("runroot"))
                .args(["--storage-driver", "vfs", "pull", "-q"])
                .arg(format!("docker://{}", self.reference()))
                .output()
                .unwrap()
        }
    }

    fn message(doc: &Value, id: &str) -> String {
        check(doc, id)["message"].as_str().unwrap().to_owned()
    }

    #[test]
    #[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
    fn the_actions_doctor_reports_are_what_real_clients_get() {
        let s = setup();
        // pusher: pull and push granted; the push then works.
        let pusher_file = s.login_as("pusher", PUSHER);
        let before = s.tokens.count();
        let (code, doc) = s.doctor(&["--push"], &[PUSHER]);
        let access = message(&doc, "access:podman");
        assert_eq!(code, 0, "{doc:#}");
        assert!(access.contains("granted pull, push on team-a/app"), "{access}");
        // The CNCF registry says MANIFEST_UNKNOWN for a repository it has never seen.
        assert!(access.contains("which has no v1"), "{access}");
        let asked = &s.tokens.requests()[before..];
        assert_eq!(asked.len(), 1, "one token request");
        assert_eq!(asked[0].user.as_deref(), Some("pusher"));
        assert_eq!(asked[0].scopes, ["repository:team-a/app:pull,push"]);
        let pushed = s.skopeo_push(&pusher_file);
        assert!(pushed.status.success(), "{}", String::from_utf8_lossy(&pushed.stderr));
        let (code, doc) = s.doctor(&["--push"], &[PUSHER]);
        assert_eq!(code, 0);
        assert!(message(&doc, "access:podman").contains("v1 is there"), "{doc:#}");

        // puller: pull only; doctor says a push will be refused, and it is.
        let puller = s.login_as("puller", PULLER);
        let (code, doc) = s.doctor(&["--push"], &[PULLER]);
        assert_eq!(code, 1);
        let access = message(&doc, "access:podman");
        assert!(
            access.contains(
                "the registry grants pull on team-a/app, not push, so a push will be refused"
            ),
            "{access}"
        );
        assert!(doc["verdict"].as_str().unwrap().starts_with("access:podman: "), "{doc:#}");
        let refused = s.skopeo_push(&puller);
        assert!(!refused.status.success(), "the push doctor called refused went through");
        assert!(String::from_utf8_lossy(&refused.stderr).contains("denied"));
        let (code, doc) = s.doctor(&[], &[PULLER]);
        assert_eq!(code, 0, "pull is fine: {doc:#}");
        assert!(message(&doc, "access:podman").contains("granted pull on team-a/app; v1 is there"));
        assert!(s.skopeo_inspect(&puller).status.success());

        // nobody: nothing granted; the pull is refused.
        let nobody = s.login_as("nobody", NOBODY);
        let (code, doc) = s.doctor(&[], &[NOBODY]);
        assert_eq!(code, 1);
        assert!(
            message(&doc, "access:podman").contains("grants nothing on team-a/app, not pull"),
            "{doc:#}"
        );
        assert!(!s.skopeo_inspect(&nobody).status.success());

        // A wrong password: the token server's refusal, quoted.
        s.login_as("puller", "not-the-password-0123");
        let (code, doc) = s.doctor(&[], &["not-the-password-0123"]);
        assert_eq!(code, 1);
        assert!(
            message(&doc, "access:podman").contains("refused the puller login stored in"),
            "{doc:#}"
        );
        assert!(
            message(&doc, "access:podman").contains("401 UNAUTHORIZED: authentication required"),
            "{doc:#}"
        );
        assert_eq!(
            check(&doc, "access:podman")["fix"],
            format!("podman login {}", s.registry.host())
        );
        // The registry is not ICR: no namespace look-up, and cr-ext's token went nowhere.
        assert!(doc["checks"].as_array().unwrap().iter().all(|c| c["id"] != "namespace"));
        assert!(s.tokens.requests_by("iambearer").is_empty());
    }

    #[test]
    #[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
    fn a_certificate_nobody_trusts_is_a_tls_failure() {
        let s = setup();
        // The same registry, from a world that does not trust its certificate.
        let w = World::new();
        w.ibmcloud_session(&s.token).client("podman");
        let a = w.cmd().args(["doctor", &s.reference(), "--output", "json"]).assert().code(1);
        let doc: Value = serde_json::from_str(&out(&a).0).unwrap();
        let registry = check(&doc, "registry");
        assert_eq!(registry["status"], "fail");
        assert!(registry["message"].as_str().unwrap().contains("TLS failed"), "{registry}");
        assert!(registry["fix"].as_str().unwrap().contains("SSL_CERT_FILE"), "{registry}");
        assert!(
            doc["checks"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| !c["id"].as_str().unwrap().starts_with("access"))
        );
    }

    #[test]
    #[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
    fn a_stale_runtime_login_is_named_and_after_its_fix_real_podman_pulls() {
        let s = setup();
        s.w.install_helper();
        let pusher = s.w.root.path().join("pusher.json");
        let auth = base64::engine::general_purpose::STANDARD.encode(format!("pusher:{PUSHER}"));
        std::fs::write(&pusher, json!({"auths": {s.registry.host(): {"auth": auth}}}).to_string())
            .unwrap();
        assert!(s.skopeo_push(&pusher).status.success());
        let host = s.registry.host();
        s.w.cmd()
            .args(["configure", "-q", "--client", "podman", "--registry", &host])
            .assert()
            .success();
        // A later `podman login` with a token that has since expired, in the runtime file.
        let stale = jwt_expiring_in(-900);
        let runtime = s.login_as("iambearer", &stale);
        let (code, doc) = s.doctor(&[], &[&stale]);
        assert_eq!(code, 1);
        let podman = check(&doc, "client:podman");
        let text = podman["message"].as_str().unwrap();
        assert!(
            text.contains(&format!(
                "a stored login for {host} in {} (iambearer, EXPIRED at",
                runtime.display()
            )),
            "{text}"
        );
        assert!(text.contains("containers/auth.json: it shadows the helper"), "{text}");
        let fix = podman["fix"].as_str().unwrap().to_owned();
        assert_eq!(fix, format!("podman logout --authfile {} {host}", runtime.display()));
        assert!(
            message(&doc, "access:podman").contains("refused the iambearer login stored in"),
            "{doc:#}"
        );
        let refused = s.podman_pull("before");
        assert!(!refused.status.success(), "podman pulled with the stale login");

        // The fix, run as doctor printed it.
        let words: Vec<&str> = fix.split(' ').collect();
        run(s.w.system_cmd(words[0]).args(&words[1..]));
        let (code, doc) = s.doctor(&[], &[&stale]);
        assert_eq!(code, 0, "{doc:#}");
        assert!(message(&doc, "client:podman").contains("from cr-ext's helper"), "{doc:#}");
        assert!(
            message(&doc, "access:podman").contains("cr-ext's IAM token (iambearer): granted pull"),
            "{doc:#}"
        );
        let pulled = s.podman_pull("after");
        assert!(
            pulled.status.success(),
            "{}\n{}",
            String::from_utf8_lossy(&pulled.stderr),
            s.registry.log()
        );
        assert!(!s.tokens.requests_by("iambearer").is_empty(), "podman went through the helper");
    }
}

#[test]
fn the_entitled_registry_gets_no_iam_token_and_no_namespace_search() {
    // A us.icr.io stand-in whose challenge sends credentials to cp.icr.io: refused.
    let mut us = Region::new("us.icr.io", &["team-a"]);
    us.ping = Some(Reply::status(
        "401 Unauthorized",
        &[("WWW-Authenticate", "Bearer realm=https://cp.icr.io/oauth/token, service=registry")],
        "{}",
    ));
    let cp = HttpServer::start(vec![Reply::status("200 OK", &[], r#"{"token":"t"}"#)]);
    let mut d = Doctor::new(vec![us]);
    let resolve = format!("{},cp.icr.io=127.0.0.1:{}", d.resolve, cp.port);
    d.w.env("CR_EXT_RESOLVE", &resolve);
    let (code, doc, _) = d.json(&["us.icr.io/team-a/app"]);
    assert_eq!(code, 1);
    let access = check(&doc, "access:podman")["message"].as_str().unwrap().to_owned();
    assert!(
        access.contains("sends credentials to cp.icr.io, another host than us.icr.io"),
        "{access}"
    );
    assert!(cp.requests().is_empty(), "cp.icr.io got: {:?}", cp.requests());

    // An image on cp.icr.io: podman's stored entitlement key is what is checked; no IAM
    // policy fix and no namespace look-up with the IAM token.
    let key = "entitlement-key-0123456789abcdef";
    let refusing = HttpServer::start_with(|request: &str| {
        if request.starts_with("GET /v2/ ") {
            Reply::status(
                "401 Unauthorized",
                &[(
                    "WWW-Authenticate",
                    "Bearer realm=https://cp.icr.io/oauth/token, service=registry",
                )],
                "{}",
            )
        } else {
            refusal(401, "UNAUTHORIZED", "authentication required")
        }
    });
    let mut w = World::new();
    w.ibmcloud_session(&jwt_expiring_in(3600)).client("podman");
    w.env("CR_EXT_RESOLVE", &format!("cp.icr.io=127.0.0.1:{}", refusing.port));
    let runtime = w.runtime.join("containers/auth.json");
    std::fs::create_dir_all(runtime.parent().unwrap()).unwrap();
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("cp:{key}"));
    std::fs::write(&runtime, json!({"auths": {"cp.icr.io": {"auth": auth}}}).to_string()).unwrap();
    let (code, doc) = doctor_json(&w, "cp.icr.io/cp/app:v1", &[], key);
    assert_eq!(code, 1);
    assert_eq!(check(&doc, "image")["status"], "warn");
    let access = check(&doc, "access:podman");
    assert!(
        access["message"].as_str().unwrap().contains("refused the cp login stored in"),
        "{access}"
    );
    assert!(access["fix"].as_str().unwrap().contains("myibm.ibm.com"), "{access}");
    assert!(!ids(&doc).contains(&"namespace".to_owned()));
    assert!(!refusing.requests().iter().any(|r| r.contains("/api/v1/namespaces")));
}

#[test]
fn lookup_order_follows_each_client() {
    let d = Doctor::new(vec![Region::new("us.icr.io", &["team-a"])]);
    d.w.client("skopeo");
    d.w.client("docker");
    let auth = |user: &str| {
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:s3cret-0123456789abcdef"))
    };
    // podman and buildah read $DOCKER_CONFIG/config.json first when it is set; skopeo the
    // runtime file.
    let runtime = d.w.runtime.join("containers/auth.json");
    std::fs::create_dir_all(runtime.parent().unwrap()).unwrap();
    std::fs::write(
        &runtime,
        json!({"auths": {"us.icr.io": {"auth": auth("runtime-user")}}}).to_string(),
    )
    .unwrap();
    let docker_dir = d.w.root.path().join("dockercfg");
    std::fs::create_dir_all(&docker_dir).unwrap();
    std::fs::write(
        docker_dir.join("config.json"),
        json!({"auths": {"us.icr.io": {"auth": auth("docker-user")}}}).to_string(),
    )
    .unwrap();
    let mut e = d;
    e.w.env("DOCKER_CONFIG", docker_dir.to_str().unwrap());
    let (_, doc, _) = e.json(&["us.icr.io/team-a/app", "--client", "podman,skopeo"]);
    let dockercfg = docker_dir.join("config.json");
    let podman = message(&doc, "client:podman");
    assert!(podman.contains(&format!("in {} (docker-user)", dockercfg.display())), "{podman}");
    let skopeo = message(&doc, "client:skopeo");
    assert!(skopeo.contains(&format!("in {} (runtime-user)", runtime.display())), "{skopeo}");
    // A password that is no JWT does not expire: nothing said of going stale.
    assert!(!skopeo.contains("stale"), "{skopeo}");

    // docker: a credHelpers key written as a URL names no helper; the auths entry is used.
    std::fs::write(
        docker_dir.join("config.json"),
        json!({
            "credHelpers": {"https://us.icr.io": "cr-ext"},
            "auths": {"https://us.icr.io": {"auth": auth("docker-user")}},
        })
        .to_string(),
    )
    .unwrap();
    let (_, doc, _) = e.json(&["us.icr.io/team-a/app", "--client", "docker"]);
    assert!(
        message(&doc, "client:docker").contains("docker sends the docker-user login"),
        "{doc:#}"
    );

    // A URL-style key in podman's runtime file: `podman logout` cannot remove it, jq can.
    let stale = jwt_expiring_in(-60);
    let stale_auth = base64::engine::general_purpose::STANDARD.encode(format!("iambearer:{stale}"));
    std::fs::write(
        &runtime,
        json!({"auths": {"https://us.icr.io": {"auth": stale_auth}}}).to_string(),
    )
    .unwrap();
    e.w.env("DOCKER_CONFIG", "");
    let (_, doc, _) = e.json(&["us.icr.io/team-a/app", "--client", "podman"]);
    let file = runtime.display();
    assert_eq!(
        check(&doc, "client:podman")["fix"],
        format!(
            "jq 'del(.auths[\"https://us.icr.io\"])' {file} > {file}.new && mv {file}.new {file}"
        )
    );

    // docker with another helper for the host: named, and its credential not guessed at.
    std::fs::create_dir_all(e.w.home.join(".docker")).unwrap();
    std::fs::write(
        e.w.home.join(".docker/config.json"),
        json!({"credHelpers": {"us.icr.io": "gcloud"}}).to_string(),
    )
    .unwrap();
    let (_, doc, _) = e.json(&["us.icr.io/team-a/app", "--client", "docker"]);
    assert_eq!(check(&doc, "client:docker")["status"], "fail", "not on PATH: {doc:#}");
    let access = check(&doc, "access:docker");
    assert_eq!(access["status"], "warn");
    assert!(
        access["message"]
            .as_str()
            .unwrap()
            .contains("not checked: the credential comes from docker-credential-gcloud")
    );
}

fn message(doc: &Value, id: &str) -> String {
    check(doc, id)["message"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn the_policy_fix_names_the_identity_and_the_actions() {
    let mut here = Region::new("us.icr.io", &["team-a"]);
    here.token = refusal(401, "UNAUTHORIZED", "Insufficient scope");
    let d = Doctor::new(vec![here]);
    let (_, doc, _) = d.json(&["us.icr.io/team-a/app"]);
    assert_eq!(
        check(&doc, "access:podman")["fix"],
        "ibmcloud iam user-policy-create dev@example.com --service-name container-registry --region us-south --resource-type namespace --resource team-a --roles Reader"
    );
    let (_, doc, _) = d.json(&["us.icr.io/team-a/app", "--push"]);
    assert!(
        check(&doc, "access:podman")["fix"].as_str().unwrap().ends_with("--roles Reader,Writer")
    );

    // A service ID's token, and the global registry: a geography, not a region.
    let mut global = Region::new("icr.io", &["team-a"]);
    global.token = refusal(401, "UNAUTHORIZED", "Insufficient scope");
    let mut d = Doctor::new(vec![global]);
    let service = crate::support::jwt(&json!({
        "iam_id": "iam-ServiceId-1234abcd",
        "sub": "ServiceId-1234abcd",
        "sub_type": "ServiceId",
        "account": {"bss": ACCOUNT},
        "exp": crate::support::now() + 3600,
    }));
    d.w.ibmcloud_session(&service);
    d.token = service;
    std::fs::write(
        d.w.home.join(".config/containers/auth.json"),
        json!({"credHelpers": {"icr.io": "cr-ext"}}).to_string(),
    )
    .unwrap();
    let (_, doc, _) = d.json(&["icr.io/team-a/app"]);
    assert_eq!(
        check(&doc, "access:podman")["fix"],
        "ibmcloud iam service-policy-create ServiceId-1234abcd --service-name container-registry --attributes \"geography=global\" --resource-type namespace --resource team-a --roles Reader"
    );
}

#[test]
fn the_whole_run_is_bounded_by_the_timeout() {
    // Every region's stand-in stalls, and so does the token endpoint.
    let stall =
        || Reply::Stall { head: "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n".into(), secs: 60 };
    let regions: Vec<Region> = DOMAINS
        .iter()
        .map(|d| {
            let mut r = Region::new(d, &[]);
            r.token = stall();
            r
        })
        .collect();
    let d = Doctor::new(regions);
    let started = std::time::Instant::now();
    let (code, doc, _) = d.json(&["us.icr.io/team-a/app", "--timeout", "3"]);
    let took = started.elapsed();
    assert_eq!(code, 1);
    assert!(took < std::time::Duration::from_secs(8), "took {took:?}");
    assert!(message(&doc, "access:podman").contains("(timed out)"), "{doc:#}");
}

#[test]
fn quiet_json_errors_and_small_texts() {
    let d = Doctor::new(vec![
        Region::new("us.icr.io", &["team-b"]),
        Region::new("de.icr.io", &["team-a"]),
    ]);
    // -q: the lines that are not ok, and the verdict.
    let a = d.w.cmd().args(["doctor", "-q", "us.icr.io/team-a/app"]).assert().code(1);
    let (stdout, _) = out(&a);
    assert!(
        stdout.lines().all(|l| l.starts_with("fail ")
            || l.starts_with("warn ")
            || l.starts_with("verdict: ")),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("verdict: namespace team-a is in de.icr.io; you are using us.icr.io\n"),
        "{stdout}"
    );
    // A usage error with --output json: the error document on stdout too.
    let a = d.w.cmd().args(["doctor", "us.icr.io/a//b", "--output", "json"]).assert().code(2);
    let doc: Value = serde_json::from_str(&out(&a).0).unwrap();
    assert_eq!(doc["error"]["exit_code"], 2, "{doc}");
    // A registry with no image.
    let (_, doc, _) = d.json(&["us.icr.io"]);
    assert_eq!(check(&doc, "image")["fix"], "us.icr.io/NAMESPACE/REPOSITORY[:TAG]");
    // -q when all is well: nothing.
    let fine = World::new();
    fine.ibmcloud_session(&jwt_expiring_in(3600));
    let a = fine.cmd().args(["doctor", "-q"]).assert().code(0);
    assert!(out(&a).0.is_empty());
}

#[test]
fn another_accounts_login_gets_no_namespace_verdict_and_its_own_fix() {
    let d = Doctor::new(vec![
        Region::new("us.icr.io", &["team-b"]),
        Region::new("de.icr.io", &["team-a"]),
    ]);
    let runtime = d.w.runtime.join("containers/auth.json");
    std::fs::create_dir_all(runtime.parent().unwrap()).unwrap();
    let key = "another-accounts-api-key-0123456789";
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("iamapikey:{key}"));
    std::fs::write(&runtime, json!({"auths": {"us.icr.io": {"auth": auth}}}).to_string()).unwrap();
    let (code, doc, stderr) = d.json(&["us.icr.io/team-a/app"]);
    assert_no_secret(key, &doc.to_string(), &stderr);
    assert_eq!(code, 1);
    let access = check(&doc, "access:podman");
    assert_eq!(access["fix"], "cr-ext configure --client podman", "{access}");
    let namespace = check(&doc, "namespace");
    assert_eq!(namespace["status"], "warn");
    assert!(
        namespace["message"]
            .as_str()
            .unwrap()
            .starts_with("not searched: the refused login is not of account"),
        "{namespace}"
    );
    assert!(!d.server("de.icr.io").requests().iter().any(|r| r.contains("/api/v1/namespaces")));
    assert!(!doc["verdict"].as_str().unwrap().contains("de.icr.io"), "{doc:#}");
}

#[test]
fn without_an_image_each_client_says_what_is_wrong_first() {
    let d = Doctor::new(vec![]);
    // cr-ext's helper for two hosts, and an expired runtime login that shadows one.
    std::fs::write(
        d.w.home.join(".config/containers/auth.json"),
        json!({"credHelpers": {"us.icr.io": "cr-ext", "de.icr.io": "cr-ext", "jp.icr.io": "cr-ext"}}).to_string(),
    )
    .unwrap();
    let runtime = d.w.runtime.join("containers/auth.json");
    std::fs::create_dir_all(runtime.parent().unwrap()).unwrap();
    let stale = jwt_expiring_in(-60);
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("iambearer:{stale}"));
    std::fs::write(&runtime, json!({"auths": {"us.icr.io": {"auth": auth}}}).to_string()).unwrap();
    let (code, doc, _) = d.json(&[]);
    assert_eq!(code, 1);
    let podman = check(&doc, "client:podman");
    let text = podman["message"].as_str().unwrap();
    assert!(text.starts_with("a stored login for us.icr.io in"), "{text}");
    assert!(text.ends_with("; 2 host(s) fine: de.icr.io, jp.icr.io"), "{text}");
    assert_eq!(podman["fix"], format!("podman logout --authfile {} us.icr.io", runtime.display()));

    // The helper's link gone from PATH: the fix is the link itself.
    std::fs::remove_file(d.w.bin.join("docker-credential-cr-ext")).unwrap();
    std::fs::remove_file(&runtime).unwrap();
    let (code, doc, _) = d.json(&[]);
    assert_eq!(code, 1);
    let fix = check(&doc, "client:podman")["fix"].as_str().unwrap().to_owned();
    assert!(fix.starts_with("ln -sf '"), "{fix}");
    assert!(fix.contains("docker-credential-cr-ext"), "{fix}");
}
