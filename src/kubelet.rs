//! The kubelet's image credential provider protocol (DESIGN.md §15): the request the kubelet
//! writes on the provider's stdin (`CredentialProviderRequest`, API versions v1, v1beta1 and
//! v1alpha1 of `credentialprovider.kubelet.k8s.io`), the answer it decodes strictly
//! (`CredentialProviderResponse` with exactly `kind`, `apiVersion`, `cacheKeyType`,
//! `cacheDuration` and `auth`), Go's duration syntax for `cacheDuration`, which registry host an
//! image names, and the `CredentialProviderConfig` that tells a kubelet to run cr-ext. It knows
//! nothing of credentials.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use crate::secret::{Secret, sanitize};

/// The request's and answer's API group.
pub(crate) const GROUP: &str = "credentialprovider.kubelet.k8s.io";
/// The API versions a kubelet may speak, newest first.
pub(crate) const VERSIONS: [&str; 3] = ["v1", "v1beta1", "v1alpha1"];
/// Largest request read.
pub(crate) const MAX_REQUEST: u64 = 1 << 20;
/// The annotation naming a pod's trusted profile, by default.
pub(crate) const PROFILE_ANNOTATION: &str = "cr-ext/trusted-profile";
/// The name the provider also answers to.
pub(crate) const PROGRAM: &str = "cr-ext-kubelet-credential-provider";
/// The subcommand the kubelet config passes.
pub(crate) const SUBCOMMAND: &str = "kubelet-credential-provider";
/// The `matchImages` patterns of every ICR host shape (the kubelet compares label by label).
pub(crate) const MATCH_IMAGES: [&str; 4] =
    ["icr.io", "*.icr.io", "private.icr.io", "private.*.icr.io"];

/// A request from the kubelet.
#[derive(Debug)]
pub(crate) struct Request {
    /// `credentialprovider.kubelet.k8s.io/v1` (or v1beta1, v1alpha1): the answer's too.
    pub(crate) api_version: String,
    /// The image, without tag or digest.
    pub(crate) image: String,
    /// The pod's service-account token (KEP-4412), when the kubelet sends one.
    pub(crate) service_account_token: Option<Secret>,
    /// The pod's service-account annotations.
    pub(crate) annotations: Map<String, Value>,
}

/// Reads a request.
///
/// # Errors
/// What is wrong with it, in a few words that quote nothing secret.
pub(crate) fn parse_request(bytes: &[u8]) -> Result<Request, String> {
    if bytes.len() as u64 > MAX_REQUEST {
        return Err(format!("the request is larger than {} MiB", MAX_REQUEST >> 20));
    }
    let value: Value =
        serde_json::from_slice(bytes).map_err(|_| "the request is not JSON".to_owned())?;
    let Value::Object(doc) = value else {
        return Err("the request is not a JSON object".into());
    };
    // The token is a secret from here on, whatever else is wrong with the request.
    let service_account_token = match doc.get("serviceAccountToken") {
        None | Some(Value::Null) => None,
        Some(Value::String(t)) if t.is_empty() => None,
        Some(Value::String(t)) => Some(Secret::new(t.clone())),
        Some(_) => return Err("its serviceAccountToken is not a string".into()),
    };
    if doc.get("kind").and_then(Value::as_str) != Some("CredentialProviderRequest") {
        return Err("its kind is not CredentialProviderRequest".into());
    }
    let api_version = doc.get("apiVersion").and_then(Value::as_str).unwrap_or_default();
    let known = VERSIONS.iter().any(|v| api_version == format!("{GROUP}/{v}"));
    if !known {
        return Err(format!(
            "its apiVersion '{}' is none of {}",
            sanitize(api_version),
            VERSIONS.map(|v| format!("{GROUP}/{v}")).join(", ")
        ));
    }
    let image = match doc.get("image") {
        Some(Value::String(i)) if !i.trim().is_empty() => i.trim().to_owned(),
        _ => return Err("it has no image".into()),
    };
    let annotations = match doc.get("serviceAccountAnnotations") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(m)) if m.values().all(Value::is_string) => m.clone(),
        Some(_) => return Err("its serviceAccountAnnotations are not strings".into()),
    };
    Ok(Request { api_version: api_version.to_owned(), image, service_account_token, annotations })
}

/// The registry host of `image`: its first path segment when that names a host (a `.` or
/// `:` in it, or `localhost`), lower-cased; else Docker Hub's.
#[must_use]
pub(crate) fn host_of(image: &str) -> String {
    let image = image.split_once("://").map_or(image, |(_, rest)| rest);
    match image.split_once('/') {
        Some((first, _)) if first.contains(['.', ':']) || first == "localhost" => {
            first.to_ascii_lowercase()
        }
        _ => "docker.io".to_owned(),
    }
}

/// `secs` in Go's `time.Duration` syntax: `0s`, `45s`, `29m10s`, `1h0m0s`.
#[must_use]
pub(crate) fn go_duration(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    if h > 0 {
        format!("{h}h{m}m{s}s")
    } else if m > 0 {
        format!("{m}m{s}s")
    } else {
        format!("{s}s")
    }
}

/// The answer for `host`: the credentials, or none (`auth` empty, not to be cached).
#[must_use]
pub(crate) fn response(
    api_version: &str,
    host: &str,
    credentials: Option<(&str, &Secret, u64)>,
) -> Value {
    let (auth, duration) = match credentials {
        Some((username, password, secs)) => (
            json!({ host: { "username": username, "password": password.expose() } }),
            go_duration(secs),
        ),
        None => (json!({}), go_duration(0)),
    };
    json!({
        "kind": "CredentialProviderResponse",
        "apiVersion": api_version,
        "cacheKeyType": "Registry",
        "cacheDuration": duration,
        "auth": auth,
    })
}

/// What `kubelet-config` writes.
#[derive(Debug, Default)]
pub(crate) struct Config {
    /// Extra `matchImages` (hosts recorded or given).
    pub(crate) extra: Vec<String>,
    /// The provider's arguments after the subcommand.
    pub(crate) args: Vec<String>,
    /// The provider's environment.
    pub(crate) env: Vec<(String, String)>,
    /// `defaultCacheDuration`, Go syntax.
    pub(crate) default_cache: String,
    /// With service-account tokens: the annotation naming the profile.
    pub(crate) token_annotation: Option<String>,
}

/// The `CredentialProviderConfig` of `config`.
#[must_use]
pub(crate) fn config_document(config: &Config) -> Value {
    let mut images: Vec<String> = MATCH_IMAGES.iter().map(|s| (*s).to_owned()).collect();
    for host in &config.extra {
        if !images.contains(host) {
            images.push(host.clone());
        }
    }
    let mut provider = json!({
        "name": "cr-ext",
        "matchImages": images,
        "defaultCacheDuration": config.default_cache,
        "apiVersion": format!("{GROUP}/v1"),
        "args": std::iter::once(SUBCOMMAND.to_owned()).chain(config.args.iter().cloned()).collect::<Vec<_>>(),
    });
    if !config.env.is_empty() {
        provider["env"] = config
            .env
            .iter()
            .map(|(name, value)| json!({ "name": name, "value": value }))
            .collect();
    }
    if let Some(annotation) = &config.token_annotation {
        provider["tokenAttributes"] = json!({
            "serviceAccountTokenAudience": "iam",
            "cacheType": "ServiceAccount",
            "requireServiceAccount": true,
            "requiredServiceAccountAnnotationKeys": [annotation],
        });
    }
    json!({
        "apiVersion": "kubelet.config.k8s.io/v1",
        "kind": "CredentialProviderConfig",
        "providers": [provider],
    })
}

/// `value` as YAML: block style, every string double-quoted (a JSON string is a YAML one).
#[must_use]
pub(crate) fn yaml(value: &Value) -> String {
    let mut out = String::new();
    write_yaml(&mut out, value, 0, false);
    out
}

fn write_yaml(out: &mut String, value: &Value, indent: usize, in_list: bool) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) => {
            for (n, (key, item)) in map.iter().enumerate() {
                let lead = if in_list && n == 0 { String::new() } else { pad.clone() };
                match item {
                    Value::Object(m) if !m.is_empty() => {
                        let _ = writeln!(out, "{lead}{key}:");
                        write_yaml(out, item, indent + 2, false);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        let _ = writeln!(out, "{lead}{key}:");
                        write_yaml(out, item, indent + 2, false);
                    }
                    scalar => {
                        let _ = writeln!(out, "{lead}{key}: {}", inline(scalar));
                    }
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                let _ = write!(out, "{pad}- ");
                match item {
                    Value::Object(m) if !m.is_empty() => write_yaml(out, item, indent + 2, true),
                    scalar => {
                        let _ = writeln!(out, "{}", inline(scalar));
                    }
                }
            }
        }
        scalar => {
            let _ = writeln!(out, "{pad}{}", inline(scalar));
        }
    }
}

fn inline(value: &Value) -> String {
    match value {
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_go_writes_them() {
        assert_eq!(go_duration(0), "0s");
        assert_eq!(go_duration(45), "45s");
        assert_eq!(go_duration(1750), "29m10s");
        assert_eq!(go_duration(3600), "1h0m0s");
        assert_eq!(go_duration(5400 + 7), "1h30m7s");
    }

    #[test]
    fn the_host_is_the_first_segment_when_it_names_one() {
        assert_eq!(host_of("us.icr.io/ns/app"), "us.icr.io");
        assert_eq!(host_of("US.ICR.IO:443/ns/app"), "us.icr.io:443");
        assert_eq!(host_of("localhost/ns/app"), "localhost");
        assert_eq!(host_of("library/alpine"), "docker.io");
        assert_eq!(host_of("alpine"), "docker.io");
    }

    #[test]
    fn a_request_is_read_strictly_and_its_token_is_a_secret() {
        let ok = br#"{"kind":"CredentialProviderRequest","apiVersion":"credentialprovider.kubelet.k8s.io/v1","image":"us.icr.io/ns/app"}
"#;
        let r = parse_request(ok).unwrap();
        assert_eq!(
            (r.api_version.as_str(), r.image.as_str()),
            ("credentialprovider.kubelet.k8s.io/v1", "us.icr.io/ns/app")
        );
        for (bad, why) in [
            (&b"nope"[..], "not JSON"),
            (b"[1]", "not a JSON object"),
            (br#"{"kind":"X","apiVersion":"credentialprovider.kubelet.k8s.io/v1","image":"a"}"#, "kind"),
            (br#"{"kind":"CredentialProviderRequest","apiVersion":"credentialprovider.kubelet.k8s.io/v2","image":"a"}"#, "apiVersion"),
            (br#"{"kind":"CredentialProviderRequest","apiVersion":"credentialprovider.kubelet.k8s.io/v1"}"#, "no image"),
            (br#"{"kind":"CredentialProviderRequest","apiVersion":"credentialprovider.kubelet.k8s.io/v1","image":"a","serviceAccountToken":7}"#, "not a string"),
        ] {
            assert!(parse_request(bad).unwrap_err().contains(why), "{why}");
        }
        assert!(parse_request(&vec![b' '; (2 << 20) as usize]).unwrap_err().contains("MiB"));
    }

    #[test]
    fn yaml_is_the_json_in_block_style() {
        let doc = config_document(&Config {
            default_cache: "10m0s".into(),
            token_annotation: Some(PROFILE_ANNOTATION.into()),
            env: vec![("A".into(), "b".into())],
            ..Config::default()
        });
        let text = yaml(&doc);
        assert!(text.starts_with("apiVersion: \"kubelet.config.k8s.io/v1\"\nkind: \"CredentialProviderConfig\"\nproviders:\n  - name: \"cr-ext\"\n    matchImages:\n      - \"icr.io\"\n"), "{text}");
        assert!(text.contains("    env:\n      - name: \"A\"\n        value: \"b\"\n"), "{text}");
        assert!(
            text.contains("    tokenAttributes:\n      serviceAccountTokenAudience: \"iam\"\n"),
            "{text}"
        );
    }
}
