//! `cr-ext kubelet-credential-provider` and `kubelet-config` against a harness that does what
//! the kubelet does (DESIGN.md §15; no kubelet can run here): it checks the config by the
//! kubelet's start-up rules, runs the provider with the exact request bytes, an environment
//! with neither `HOME` nor `PATH` plus the config's `env`, the config's `args` and a 60 s
//! kill, decodes the answer as strictly as the kubelet (unknown, duplicated or miscased fields,
//! a wrong kind or apiVersion, a bad `cacheKeyType` or duration all fail), and matches
//! `matchImages` and `auth` keys label by label. The end-to-end test hands the answer to real
//! podman and skopeo pulling from a real registry.

use std::collections::BTreeMap;
use std::path::Path;

use serde::de::{Deserializer as _, MapAccess, Visitor};
use serde_json::{Value, json};

use crate::support::fake_identity::{FakeIdentity, PROFILES, cr_token};
use crate::support::http::{HttpServer, Reply};
use crate::support::{World, jwt, now, out};

const V1: &str = "credentialprovider.kubelet.k8s.io/v1";
const KEY: &str = "kUbElEt-NoDe-kEy_0123456789abcdefghijklmnop";

/// A JSON object's entries in order, duplicates kept (serde_json's `Value` would drop them).
struct Entries(Vec<(String, Value)>);

/// The fields of an object, exactly `allowed` at most (case-sensitive), none twice.
fn strict_fields(text: &str, allowed: &[&str]) -> Result<BTreeMap<String, Value>, String> {
    let mut de = serde_json::Deserializer::from_str(text);
    let Entries(entries) = (&mut de).deserialize_map(EntriesVisitor).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    let mut fields = BTreeMap::new();
    for (key, value) in entries {
        if !allowed.contains(&key.as_str()) {
            return Err(format!("unknown field {key}"));
        }
        if fields.insert(key.clone(), value).is_some() {
            return Err(format!("duplicate field {key}"));
        }
    }
    Ok(fields)
}

struct EntriesVisitor;
impl<'de> Visitor<'de> for EntriesVisitor {
    type Value = Entries;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<String, Value>()? {
            entries.push(entry);
        }
        Ok(Entries(entries))
    }
}

/// Go's `time.ParseDuration` grammar (what `cacheDuration` must be): `0`, or numbers each
/// with a unit.
fn is_go_duration(text: &str) -> bool {
    if text == "0" {
        return true;
    }
    let mut rest = text.strip_prefix(['-', '+']).unwrap_or(text);
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(rest.len());
        if digits == 0 || rest[..digits].matches('.').count() > 1 {
            return false;
        }
        rest = &rest[digits..];
        let unit = ["ns", "us", "µs", "ms", "s", "m", "h"]
            .iter()
            .filter(|u| rest.starts_with(**u))
            .max_by_key(|u| u.len());
        let Some(unit) = unit else { return false };
        rest = &rest[unit.len()..];
    }
    true
}

/// A `CredentialProviderResponse` decoded as the kubelet decodes it, for a provider configured
/// with `api_version`; the service-account token the request carried, if any, must not be the
/// password (cacheType ServiceAccount).
fn decode_answer(text: &str, api_version: &str, sa_token: Option<&str>) -> Result<Value, String> {
    let fields =
        strict_fields(text, &["kind", "apiVersion", "cacheKeyType", "cacheDuration", "auth"])?;
    if fields.get("kind") != Some(&json!("CredentialProviderResponse")) {
        return Err("wrong kind".into());
    }
    if fields.get("apiVersion") != Some(&json!(api_version)) {
        return Err("apiVersion differs from the configured one".into());
    }
    let key_type = fields.get("cacheKeyType").and_then(Value::as_str).unwrap_or_default();
    if !["Image", "Registry", "Global"].contains(&key_type) {
        return Err(format!("bad cacheKeyType {key_type:?}"));
    }
    if let Some(d) = fields.get("cacheDuration")
        && !d.as_str().is_some_and(is_go_duration)
    {
        return Err(format!("bad cacheDuration {d}"));
    }
    let auth = fields.get("auth").cloned().unwrap_or(json!({}));
    let auth_text = auth.to_string();
    let hosts = strict_fields(
        &auth_text,
        &auth
            .as_object()
            .map(|m| m.keys().map(String::as_str).collect::<Vec<_>>())
            .unwrap_or_default(),
    )?;
    for (_, entry) in hosts {
        let creds = strict_fields(&entry.to_string(), &["username", "password"])?;
        if !creds.values().all(Value::is_string) {
            return Err("username and password must be strings".into());
        }
        if sa_token.is_some_and(|t| creds.get("password") == Some(&json!(t))) {
            return Err("the password is the service-account token".into());
        }
    }
    Ok(Value::Object(fields.into_iter().collect()))
}

/// The kubelet's matching of an image host against a `matchImages` pattern or an `auth` key:
/// the same number of `.`-separated labels, each a glob; equal ports.
fn url_matches(pattern: &str, host: &str) -> bool {
    let split = |s: &str| -> (String, Option<String>) {
        let s = s.split('/').next().unwrap_or(s);
        match s.rsplit_once(':') {
            Some((h, p)) => (h.to_owned(), Some(p.to_owned())),
            None => (s.to_owned(), None),
        }
    };
    let ((ph, pp), (hh, hp)) = (split(pattern), split(host));
    let (pl, hl): (Vec<&str>, Vec<&str>) = (ph.split('.').collect(), hh.split('.').collect());
    pp == hp && pl.len() == hl.len() && pl.iter().zip(&hl).all(|(p, h)| glob(p, h))
}

fn glob(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, tail)) => {
            text.starts_with(head)
                && (0..=text.len() - head.len()).any(|i| glob(tail, &text[head.len() + i..]))
        }
    }
}

/// A qualified name (Kubernetes: optional DNS prefix, `/`, a name of at most 63 characters).
fn is_qualified(key: &str) -> bool {
    let name = key.rsplit_once('/').map_or(key, |(_, n)| n);
    !name.is_empty()
        && name.len() <= 63
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// The kubelet's start-up checks of a `CredentialProviderConfig`.
fn check_config(doc: &Value) -> Result<(), String> {
    if doc["apiVersion"] != "kubelet.config.k8s.io/v1" || doc["kind"] != "CredentialProviderConfig"
    {
        return Err("wrong apiVersion or kind".into());
    }
    let providers = doc["providers"].as_array().filter(|p| !p.is_empty()).ok_or("no provider")?;
    for p in providers {
        let name = p["name"].as_str().ok_or("no name")?;
        if name.is_empty() || name.contains(['/', ' ']) || name == "." || name == ".." {
            return Err(format!("bad name {name:?}"));
        }
        let api = p["apiVersion"].as_str().ok_or("no apiVersion")?;
        if !["v1", "v1beta1", "v1alpha1"]
            .iter()
            .any(|v| api == format!("credentialprovider.kubelet.k8s.io/{v}"))
        {
            return Err(format!("bad apiVersion {api}"));
        }
        let cache = p["defaultCacheDuration"].as_str().ok_or("no defaultCacheDuration")?;
        if !is_go_duration(cache) {
            return Err(format!("bad defaultCacheDuration {cache}"));
        }
        if p["matchImages"].as_array().is_none_or(Vec::is_empty) {
            return Err("empty matchImages".into());
        }
        if let Some(t) = p.get("tokenAttributes") {
            if t["serviceAccountTokenAudience"].as_str().is_none_or(str::is_empty) {
                return Err("token attributes without an audience".into());
            }
            if !t["requireServiceAccount"].is_boolean() {
                return Err("token attributes without requireServiceAccount".into());
            }
            if !["ServiceAccount", "Token"].contains(&t["cacheType"].as_str().unwrap_or_default()) {
                return Err("bad cacheType".into());
            }
            for key in
                ["requiredServiceAccountAnnotationKeys", "optionalServiceAccountAnnotationKeys"]
            {
                for k in t[key].as_array().into_iter().flatten() {
                    if !k.as_str().is_some_and(is_qualified) {
                        return Err(format!("{key}: {k} is not a qualified name"));
                    }
                }
            }
        }
    }
    Ok(())
}

/// What the kubelet gets from one run: exit code, stdout, stderr.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs the provider of `doc` (its args and env) as the kubelet would, in `world` (whose
/// HOME is not passed), with `request`'s exact bytes and a trailing newline.
fn kubelet_runs(_world: &World, doc: &Value, request: &str, extra_env: &[(&str, &str)]) -> Run {
    let provider = &doc["providers"][0];
    let args: Vec<String> = provider["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_owned())
        .collect();
    let mut cmd = assert_cmd::Command::cargo_bin("cr-ext").unwrap();
    cmd.env_clear().args(&args).timeout(std::time::Duration::from_secs(60));
    for e in provider["env"].as_array().into_iter().flatten() {
        cmd.env(e["name"].as_str().unwrap(), e["value"].as_str().unwrap());
    }
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    let o = cmd.write_stdin(format!("{request}\n")).output().unwrap();
    Run {
        code: o.status.code(),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn request(image: &str) -> String {
    format!(r#"{{"kind":"CredentialProviderRequest","apiVersion":"{V1}","image":"{image}"}}"#)
}

/// `kubelet-config` in `world` with `args`, as JSON, checked by the kubelet's rules.
fn config(world: &World, args: &[&str]) -> Value {
    let a = world.cmd().args(["kubelet-config", "--output", "json"]).args(args).assert().success();
    let doc: Value = serde_json::from_str(&out(&a).0).unwrap();
    check_config(&doc)
        .unwrap_or_else(|e| panic!("the kubelet would refuse the config: {e}: {doc}"));
    doc
}

/// An IAM answering every API key grant with `token`.
fn iam_granting(token: &str) -> HttpServer {
    HttpServer::start(vec![Reply::status(
        "200 OK",
        &[("Content-Type", "application/json")],
        &json!({"access_token": token, "expires_in": 3600, "expiration": now() + 3600}).to_string(),
    )])
}

/// A world with a node key file, and the config that reads it, with `extra` args.
fn node(iam: &str, extra: &[&str]) -> (World, Value, std::path::PathBuf) {
    let w = World::new();
    let key = w.root.path().join("pull-key.json");
    std::fs::write(&key, json!({"name": "node", "apikey": KEY}).to_string()).unwrap();
    let cache = w.root.path().join("cache");
    let mut args = vec![
        "--apikey-file",
        key.to_str().unwrap(),
        "--iam-endpoint",
        iam,
        "--cache-dir",
        cache.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let doc = config(&w, &args);
    (w, doc, cache)
}

#[test]
fn the_harness_rules_catch_what_the_kubelet_refuses() {
    assert!(
        is_go_duration("29m10s")
            && is_go_duration("0s")
            && is_go_duration("1h0m0s")
            && is_go_duration("0")
    );
    assert!(
        !is_go_duration("600")
            && !is_go_duration("10 m")
            && !is_go_duration("")
            && !is_go_duration("1d")
    );
    let good = r#"{"kind":"CredentialProviderResponse","apiVersion":"credentialprovider.kubelet.k8s.io/v1","cacheKeyType":"Registry","cacheDuration":"1m0s","auth":{"us.icr.io":{"username":"u","password":"p"}}}"#;
    assert!(decode_answer(good, V1, None).is_ok());
    for bad in [
        good.replace("\"cacheKeyType\"", "\"extra\":1,\"cacheKeyType\""),
        good.replace(
            "\"kind\":\"CredentialProviderResponse\",",
            "\"kind\":\"CredentialProviderResponse\",\"kind\":\"CredentialProviderResponse\",",
        ),
        good.replace("\"apiVersion\"", "\"apiversion\""),
        good.replace("CredentialProviderResponse", "CredentialProviderRequest"),
        good.replace("/v1\"", "/v1beta1\""),
        good.replace("Registry", "Host"),
        good.replace("1m0s", "600"),
        good.replace("\"password\":\"p\"", "\"password\":\"p\",\"email\":\"e\""),
    ] {
        assert!(decode_answer(&bad, V1, None).is_err(), "{bad}");
    }
    assert!(decode_answer(good, V1, Some("p")).is_err(), "the service-account token as password");
    let cases = [
        ("icr.io", "icr.io", true),
        ("*.icr.io", "us.icr.io", true),
        ("*.icr.io", "cp.icr.io", true),
        ("*.icr.io", "private.us.icr.io", false),
        ("private.*.icr.io", "private.us.icr.io", true),
        ("*.icr.io", "us.icr.io:443", false),
        ("*.icr.io", "evil.us.icr.io.example.com", false),
        ("icr.io", "evil.us.icr.io.example.com", false),
    ];
    for (pattern, host, want) in cases {
        assert_eq!(url_matches(pattern, host), want, "{pattern} vs {host}");
    }
}

#[test]
fn kubelet_config_passes_the_kubelets_rules_for_each_source() {
    let w = World::new();
    let key = w.root.path().join("k.json");
    std::fs::write(&key, json!({"apikey": KEY}).to_string()).unwrap();
    let doc = config(&w, &["--apikey-file", key.to_str().unwrap()]);
    let p = &doc["providers"][0];
    assert_eq!(p["name"], "cr-ext");
    assert_eq!(p["apiVersion"], V1);
    assert_eq!(
        p["matchImages"],
        json!(["icr.io", "*.icr.io", "private.icr.io", "private.*.icr.io"])
    );
    assert_eq!(
        p["args"],
        json!(["kubelet-credential-provider", "--cache-dir", "/var/cache/cr-ext"])
    );
    assert_eq!(
        p["env"],
        json!([{"name": "IBMCLOUD_API_KEY", "value": format!("@{}", key.display())}])
    );
    assert!(p.get("tokenAttributes").is_none());
    assert!(!doc.to_string().contains(KEY), "the key itself is never in the config");

    let doc = config(
        &w,
        &[
            "--vpc-cri",
            "--profile",
            PROFILES[0].id,
            "--service-account-token",
            "--registry",
            "registry.example.com:5000",
        ],
    );
    let p = &doc["providers"][0];
    assert_eq!(
        p["env"],
        json!([{"name": "IBMCLOUD_VPC_CRI", "value": "true"}, {"name": "IBMCLOUD_CR_PROFILE", "value": PROFILES[0].id}])
    );
    assert_eq!(p["matchImages"][4], "registry.example.com:5000");
    assert_eq!(
        p["tokenAttributes"],
        json!({"serviceAccountTokenAudience": "iam", "cacheType": "ServiceAccount", "requireServiceAccount": true, "requiredServiceAccountAnnotationKeys": ["cr-ext/trusted-profile"]})
    );
    // Each matchImages pattern matches the hosts it is for, and none foreign.
    let images: Vec<&str> =
        p["matchImages"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    for (host, served) in [
        ("icr.io", true),
        ("us.icr.io", true),
        ("private.us.icr.io", true),
        ("private.icr.io", true),
        ("cp.icr.io", true),
        ("us.icr.io:443", false),
        ("evil.us.icr.io.example.com", false),
        ("registry.example.com:5000", true),
    ] {
        assert_eq!(images.iter().any(|i| url_matches(i, host)), served, "{host}");
    }

    // Refused: nothing chosen, a key on stdin, an annotation that is not a qualified name.
    for (args, why) in [
        (vec![], "choose how the provider proves who it is"),
        (vec!["--apikey-stdin"], "cannot read a key there"),
        (
            vec!["--service-account-token", "--profile-annotation", "a b"],
            "not a qualified annotation name",
        ),
    ] {
        let a = w.cmd().arg("kubelet-config").args(&args).assert().code(2);
        assert!(out(&a).1.contains(why), "{why}");
    }
}

#[test]
fn node_identity_answers_icr_hosts_and_nothing_for_others() {
    let token = jwt(
        &json!({"exp": now() + 3600, "iat": now(), "sub": "ServiceId-node", "sub_type": "ServiceId"}),
    );
    let iam = iam_granting(&token);
    let (w, doc, cache) = node(&iam.url(), &[]);
    for host in ["us.icr.io", "icr.io", "private.de.icr.io"] {
        let run = kubelet_runs(&w, &doc, &request(&format!("{host}/team-a/app")), &[]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert_eq!(run.stderr, "");
        let answer = decode_answer(run.stdout.trim_end(), V1, None).unwrap();
        assert_eq!(answer["auth"], json!({host: {"username": "iambearer", "password": token}}));
        assert!(url_matches(answer["auth"].as_object().unwrap().keys().next().unwrap(), host));
        let secs = go_secs(answer["cacheDuration"].as_str().unwrap());
        assert!((1700..=1800).contains(&secs), "half the token's life: {secs}");
    }
    assert_eq!(iam.requests().len(), 1, "one exchange; the other answers from the cache");
    let form: Vec<(String, String)> =
        url::form_urlencoded::parse(iam.requests()[0].split_once("\r\n\r\n").unwrap().1.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    assert!(form.contains(&("apikey".into(), KEY.into())), "{form:?}");
    let mode = std::fs::metadata(&cache).unwrap();
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&mode.permissions()) & 0o077,
        0,
        "the cache is the owner's only"
    );
    // Other hosts, and the entitled registry, get no credentials and are not cached.
    for image in
        ["cp.icr.io/cp/app", "docker.io/library/alpine", "alpine", "evil.us.icr.io.example.com/x"]
    {
        let run = kubelet_runs(&w, &doc, &request(image), &[]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let answer = decode_answer(run.stdout.trim_end(), V1, None).unwrap();
        assert_eq!(
            (answer["auth"].clone(), answer["cacheDuration"].clone()),
            (json!({}), json!("0s")),
            "{image}"
        );
    }
    // The same apiVersion comes back for each the kubelet may speak.
    for v in ["v1beta1", "v1alpha1"] {
        let api = format!("credentialprovider.kubelet.k8s.io/{v}");
        let req = request("us.icr.io/a/b").replace(V1, &api);
        let run = kubelet_runs(&w, &doc, &req, &[]);
        decode_answer(run.stdout.trim_end(), &api, None).unwrap();
    }
    // Started under its own name, without the subcommand.
    let link = w.root.path().join("cr-ext-kubelet-credential-provider");
    std::os::unix::fs::symlink(assert_cmd::cargo::cargo_bin("cr-ext"), &link).unwrap();
    let args: Vec<&str> = doc["providers"][0]["args"].as_array().unwrap()[1..]
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    let mut cmd = assert_cmd::Command::new(&link);
    cmd.env_clear().args(&args);
    for e in doc["providers"][0]["env"].as_array().unwrap() {
        cmd.env(e["name"].as_str().unwrap(), e["value"].as_str().unwrap());
    }
    let o = cmd.write_stdin(format!("{}\n", request("us.icr.io/a/b"))).output().unwrap();
    let answer = decode_answer(String::from_utf8_lossy(&o.stdout).trim_end(), V1, None).unwrap();
    assert_eq!(answer["auth"]["us.icr.io"]["password"], token.as_str());
}

/// Seconds of a `XhYmZs` duration.
fn go_secs(text: &str) -> u64 {
    let mut total = 0;
    let mut n = 0;
    for c in text.chars() {
        match c {
            '0'..='9' => n = n * 10 + u64::from(c.to_digit(10).unwrap()),
            'h' => {
                total += n * 3600;
                n = 0;
            }
            'm' => {
                total += n * 60;
                n = 0;
            }
            's' => {
                total += n;
                n = 0;
            }
            _ => panic!("{text}"),
        }
    }
    total
}

#[test]
fn pod_identity_exchanges_the_service_account_token_and_never_answers_it() {
    let sa = cr_token(7, 3600);
    let iam = FakeIdentity::iam(std::slice::from_ref(&sa));
    let w = World::new();
    let doc = config(&w, &["--service-account-token", "--iam-endpoint", &iam.url()]);
    let pod = |annotations: Value| {
        json!({"kind": "CredentialProviderRequest", "apiVersion": V1, "image": "de.icr.io/team-a/app", "serviceAccountToken": sa, "serviceAccountAnnotations": annotations}).to_string()
    };
    let run = kubelet_runs(&w, &doc, &pod(json!({"cr-ext/trusted-profile": "ci-builder"})), &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let answer = decode_answer(run.stdout.trim_end(), V1, Some(&sa)).unwrap();
    assert_eq!(answer["auth"]["de.icr.io"]["password"], iam.issued()[0].as_str());
    let sent = iam.requests()[0].clone();
    assert!(
        sent.contains("grant_type=urn%3Aibm%3Aparams%3Aoauth%3Agrant-type%3Acr-token"),
        "{sent}"
    );
    assert!(sent.contains("profile_name=ci-builder"), "{sent}");
    // A profile IAM refuses, and no annotation with no node identity: exit 1, one line.
    for (annotations, why) in [
        (
            json!({"cr-ext/trusted-profile": "not-a-profile"}),
            "Compute resource is not trusted by profile not-a-profile",
        ),
        (json!({}), "has no annotation cr-ext/trusted-profile"),
    ] {
        let run = kubelet_runs(&w, &doc, &pod(annotations), &[]);
        assert_eq!((run.code, run.stdout.as_str()), (Some(1), ""));
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(run.stderr.starts_with("cr-ext: de.icr.io: pod identity"), "{}", run.stderr);
        assert!(run.stderr.contains(why), "{}", run.stderr);
        assert!(!run.stderr.contains(&sa), "{}", run.stderr);
    }
}

#[test]
fn failures_are_one_scrubbed_line_and_well_inside_60_seconds() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (w, doc, _) = node(&format!("http://127.0.0.1:{port}"), &[]);
    let started = std::time::Instant::now();
    let run = kubelet_runs(&w, &doc, &request("us.icr.io/a/b"), &[]);
    assert_eq!((run.code, run.stdout.as_str()), (Some(1), ""));
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.starts_with("cr-ext: us.icr.io: the API key from file "), "{}", run.stderr);
    assert!(run.stderr.contains("cannot connect"), "{}", run.stderr);
    assert!(!run.stderr.contains(KEY));
    // A hung IAM: the request's bound ends it.
    let hung = HttpServer::start(vec![Reply::Stall { head: String::new(), secs: 70 }]);
    let (w, doc, _) = node(&hung.url(), &[]);
    let run = kubelet_runs(&w, &doc, &request("us.icr.io/a/b"), &[]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("no answer within 10 s"), "{}", run.stderr);
    // A key file gone.
    std::fs::remove_file(w.root.path().join("pull-key.json")).unwrap();
    let run = kubelet_runs(&w, &doc, &request("us.icr.io/a/b"), &[]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("does not exist") && run.stderr.lines().count() == 1,
        "{}",
        run.stderr
    );
    // Malformed requests.
    for bad in [
        "",
        "{",
        r#"{"kind":"CredentialProviderRequest","apiVersion":"credentialprovider.kubelet.k8s.io/v9","image":"us.icr.io/a"}"#,
        r#"{"kind":"CredentialProviderRequest","apiVersion":"credentialprovider.kubelet.k8s.io/v1"}"#,
    ] {
        let run = kubelet_runs(&w, &doc, bad, &[]);
        assert_eq!((run.code, run.stdout.as_str()), (Some(1), ""), "{bad}");
        assert!(
            run.stderr.starts_with("cr-ext: cannot use the kubelet's request"),
            "{}",
            run.stderr
        );
        assert_eq!(run.stderr.lines().count(), 1);
    }
    let run = kubelet_runs(&w, &doc, &" ".repeat(2 << 20), &[]);
    assert!(run.stderr.contains("larger than 1 MiB"), "{}", run.stderr);
    assert!(started.elapsed().as_secs() < 50, "all of it well inside the kubelet's minute");
}

/// The end-to-end part: the answer's username and password, handed to real podman and skopeo
/// in an auth file of their own, pull from a real registry; the YAML form is the JSON one.
#[test]
#[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
fn real_clients_pull_with_the_providers_answer() {
    use crate::support::registry::{Registry, tiny_image};
    let token = jwt(&json!({"exp": now() + 3600, "iat": now(), "sub": "ServiceId-node"}));
    let registry = Registry::start(&[("iambearer", &token)]);
    let host = registry.host();
    let iam = iam_granting(&token);
    let (mut w, doc, _) = node(&iam.url(), &["--registry", &host]);
    w.with_system_path().env("SSL_CERT_FILE", registry.cert().to_str().unwrap());
    // Something to pull: pushed with a login of its own.
    let image = tiny_image(&w, "pulled with the kubelet provider's answer\n");
    let push_auth = w.root.path().join("push.json");
    write_auth(&push_auth, &host, "iambearer", &token);
    let remote = format!("docker://{host}/team-a/app:v1");
    let pushed = w
        .system_cmd("skopeo")
        .args(["copy", "-q", "--dest-authfile"])
        .arg(&push_auth)
        .args([&image, &remote])
        .output()
        .unwrap();
    assert!(pushed.status.success(), "{}", String::from_utf8_lossy(&pushed.stderr));

    let run = kubelet_runs(&w, &doc, &request(&format!("{host}/team-a/app")), &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let answer = decode_answer(run.stdout.trim_end(), V1, None).unwrap();
    let creds = &answer["auth"][&host];
    let pull_auth = w.root.path().join("kubelet.json");
    write_auth(
        &pull_auth,
        &host,
        creds["username"].as_str().unwrap(),
        creds["password"].as_str().unwrap(),
    );
    let inspected = w
        .system_cmd("skopeo")
        .args(["inspect", "--authfile"])
        .arg(&pull_auth)
        .arg(&remote)
        .output()
        .unwrap();
    assert!(inspected.status.success(), "skopeo: {}", String::from_utf8_lossy(&inspected.stderr));
    let storage = w.root.path().join("podman");
    let pulled = w
        .system_cmd("podman")
        .args(["--root"])
        .arg(storage.join("root"))
        .args(["--runroot"])
        .arg(storage.join("runroot"))
        .args(["--storage-driver", "vfs", "pull", "-q", "--authfile"])
        .arg(&pull_auth)
        .arg(&remote)
        .output()
        .unwrap();
    assert!(pulled.status.success(), "podman: {}", String::from_utf8_lossy(&pulled.stderr));
    // Without the answer's credentials the pull is refused: the answer is what made it work.
    let empty = w.root.path().join("empty.json");
    std::fs::write(&empty, "{}").unwrap();
    let refused = w
        .system_cmd("skopeo")
        .args(["inspect", "--authfile"])
        .arg(&empty)
        .arg(&remote)
        .output()
        .unwrap();
    assert!(!refused.status.success());

    // The YAML the kubelet reads is the JSON checked above.
    let yaml = out(&w
        .cmd()
        .args(["kubelet-config", "--registry", &host, "--apikey-file"])
        .arg(w.root.path().join("pull-key.json"))
        .args(["--iam-endpoint", &iam.url(), "--cache-dir"])
        .arg(w.root.path().join("cache"))
        .assert()
        .success())
    .0;
    let file = w.root.path().join("config.yaml");
    std::fs::write(&file, &yaml).unwrap();
    let as_json = std::process::Command::new("python3")
        .args(["-c", "import json,sys,yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(as_json.status.success(), "python3-yaml: {}", String::from_utf8_lossy(&as_json.stderr));
    let parsed: Value = serde_json::from_slice(&as_json.stdout).unwrap();
    assert_eq!(parsed, doc);
}

fn write_auth(path: &Path, host: &str, user: &str, password: &str) {
    use base64::Engine as _;
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    std::fs::write(path, json!({"auths": {host: {"auth": auth}}}).to_string()).unwrap();
}
