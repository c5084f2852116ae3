//! The ICR region table (the only copy in the code base), region-name resolution, ICR host
//! recognition and validation of `--registry HOST[:PORT]`.

use std::net::{Ipv4Addr, Ipv6Addr};

/// One ICR region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Region {
    /// Region name as the CLI targets it (`us-south`).
    pub(crate) name: &'static str,
    /// Legacy names still accepted (`ng` era names such as `eu-central`).
    pub(crate) aliases: &'static [&'static str],
    /// Public registry domain.
    pub(crate) domain: &'static str,
    /// Private-endpoint registry domain.
    pub(crate) private_domain: &'static str,
}

/// Every ICR region; `global` first.
pub(crate) const REGIONS: &[Region] = &[
    region("global", &[], "icr.io", "private.icr.io"),
    region("au-syd", &["ap-south"], "au.icr.io", "private.au.icr.io"),
    region("br-sao", &[], "br.icr.io", "private.br.icr.io"),
    region("ca-mon", &[], "ca2.icr.io", "private.ca2.icr.io"),
    region("ca-tor", &[], "ca.icr.io", "private.ca.icr.io"),
    region("eu-de", &["eu-central"], "de.icr.io", "private.de.icr.io"),
    region("eu-es", &[], "es.icr.io", "private.es.icr.io"),
    region("eu-gb", &["uk-south"], "uk.icr.io", "private.uk.icr.io"),
    region("in-che", &[], "in.icr.io", "private.in.icr.io"),
    region("in-mum", &[], "in2.icr.io", "private.in2.icr.io"),
    region("jp-osa", &[], "jp2.icr.io", "private.jp2.icr.io"),
    region("jp-tok", &["ap-north"], "jp.icr.io", "private.jp.icr.io"),
    region("us-south", &[], "us.icr.io", "private.us.icr.io"),
];

const fn region(
    name: &'static str,
    aliases: &'static [&'static str],
    domain: &'static str,
    private_domain: &'static str,
) -> Region {
    Region { name, aliases, domain, private_domain }
}

/// Deprecated registry names IBM still serves (DESIGN.md §2), each with the domain that
/// replaces it.
pub(crate) const BLUEMIX_ALIASES: &[(&str, &str)] = &[
    ("registry.bluemix.net", "icr.io"),
    ("registry.ng.bluemix.net", "us.icr.io"),
    ("registry.eu-de.bluemix.net", "de.icr.io"),
    ("registry.eu-gb.bluemix.net", "uk.icr.io"),
    ("registry.au-syd.bluemix.net", "au.icr.io"),
];

/// IBM's entitled registry: username `cp` and an entitlement key, never an IAM credential.
pub(crate) const ENTITLED_REGISTRY: &str = "cp.icr.io";

/// Every ICR host an IAM token is for: each region's public and private domain and the
/// deprecated aliases. Never the entitled registry.
#[must_use]
pub(crate) fn iam_hosts() -> Vec<&'static str> {
    REGIONS
        .iter()
        .flat_map(|r| [r.domain, r.private_domain])
        .chain(BLUEMIX_ALIASES.iter().map(|(alias, _)| *alias))
        .collect()
}

/// Whether the credential helper hands a token to `host` (`host[:port]`, normalized): an ICR
/// host of [`iam_hosts`] (bare, or with port 443), or one of `extra` (recorded by
/// `configure --registry`). Nothing else: a token must never reach a host nobody asked for.
#[must_use]
pub(crate) fn served(host: &str, extra: &[String]) -> bool {
    let bare = host.strip_suffix(":443").unwrap_or(host);
    iam_hosts().contains(&bare) || extra.iter().any(|e| e == host)
}

/// The global region (`icr.io`).
#[must_use]
pub(crate) fn global() -> &'static Region {
    &REGIONS[0]
}

/// Finds a region by name or legacy name, ignoring case and surrounding space.
#[must_use]
pub(crate) fn find(name: &str) -> Option<&'static Region> {
    let name = name.trim();
    REGIONS.iter().find(|r| {
        r.name.eq_ignore_ascii_case(name) || r.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    })
}

/// Every accepted region name, legacy names included, for messages and completion.
#[must_use]
pub(crate) fn all_names() -> Vec<&'static str> {
    REGIONS.iter().flat_map(|r| std::iter::once(r.name).chain(r.aliases.iter().copied())).collect()
}

/// A credentials-file key or server URL as `host[:port]`, lower case: the scheme, any path
/// and a trailing `/` are dropped (`https://us.icr.io/v1/` → `us.icr.io`), and so is
/// whitespace around what is left, so a normalized host normalizes to itself.
#[must_use]
pub(crate) fn normalize(key: &str) -> String {
    let host = key.trim();
    let host = host.split_once("://").map_or(host, |(_, rest)| rest);
    host.split('/').next().unwrap_or(host).trim().to_ascii_lowercase()
}

/// Whether `key` (as stored in a credentials file) names an ICR host: `icr.io`, `*.icr.io`,
/// or the deprecated `registry*.bluemix.net`.
#[must_use]
pub(crate) fn is_icr(key: &str) -> bool {
    let normalized = normalize(key);
    let host = normalized.as_str();
    let host = host
        .rsplit_once(':')
        .map_or(host, |(h, p)| if p.bytes().all(|b| b.is_ascii_digit()) { h } else { host });
    let host = host.to_ascii_lowercase();
    host == "icr.io"
        || host.ends_with(".icr.io")
        || (host.starts_with("registry") && host.ends_with(".bluemix.net"))
}

/// The region whose public or private domain `host` is (`host[:port]`, normalized; port 443
/// only), and whether it is the private one. Not the deprecated aliases, nor `cp.icr.io`.
#[must_use]
pub(crate) fn region_of(host: &str) -> Option<(&'static Region, bool)> {
    let bare = host.strip_suffix(":443").unwrap_or(host);
    REGIONS.iter().find_map(|r| {
        if r.domain == bare {
            Some((r, false))
        } else if r.private_domain == bare {
            Some((r, true))
        } else {
            None
        }
    })
}

/// The domain that replaces a deprecated `registry*.bluemix.net` host.
#[must_use]
pub(crate) fn bluemix_successor(host: &str) -> Option<&'static str> {
    let bare = host.strip_suffix(":443").unwrap_or(host);
    BLUEMIX_ALIASES.iter().find(|(alias, _)| *alias == bare).map(|(_, domain)| *domain)
}

/// An image reference taken apart: `[HOST/]NAMESPACE/REPOSITORY[:TAG][@DIGEST]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImageRef {
    /// `host[:port]`, lower case; `docker.io` when the reference names none (as clients do).
    pub(crate) host: String,
    /// Whether the reference named the host itself.
    pub(crate) host_given: bool,
    /// The path below the host: `team-a/app` (ICR's namespace, then the repository).
    pub(crate) path: String,
    /// The tag, or the digest (`sha256:…`), to look a manifest up by; `latest` by default.
    pub(crate) reference: String,
    /// What followed the path as given: `:v1`, `@sha256:…`, or nothing.
    pub(crate) tail: String,
}

impl ImageRef {
    /// The first path component: ICR's namespace.
    #[must_use]
    pub(crate) fn namespace(&self) -> &str {
        self.path.split('/').next().unwrap_or_default()
    }

    /// The path below the namespace: ICR's repository (empty when the path has one part).
    #[must_use]
    pub(crate) fn repository(&self) -> &str {
        self.path.split_once('/').map_or("", |(_, rest)| rest)
    }
}

/// Parses an image reference the way the clients do: the first component is a host when it
/// has a `.` or a `:`, or is `localhost`.
///
/// # Errors
/// Empty, whitespace or control characters, a scheme, an empty path component, a path or
/// tag with characters no registry takes, or a host that [`validate_host`] refuses.
pub(crate) fn parse_image(text: &str) -> Result<ImageRef, String> {
    if text.is_empty() {
        return Err("it is empty".into());
    }
    if text.len() > 4096 || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("it has whitespace or control characters, or is too long".into());
    }
    if text.contains("://") {
        return Err("it has a scheme; give HOST/NAMESPACE/REPOSITORY[:TAG]".into());
    }
    let (name, digest) = match text.split_once('@') {
        Some((name, digest)) => (name, Some(digest)),
        None => (text, None),
    };
    let (host, host_given, rest) = match name.split_once('/') {
        Some((first, rest))
            if first.contains('.') || first.contains(':') || first == "localhost" =>
        {
            (validate_host(first)?, true, rest)
        }
        _ => ("docker.io".to_owned(), false, name),
    };
    let (path, tag) = match rest.rsplit_once(':') {
        Some((path, tag)) if !tag.contains('/') => (path, Some(tag)),
        _ => (rest, None),
    };
    let path_ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-/".contains(c);
    if path.is_empty() || path.split('/').any(str::is_empty) || !path.chars().all(path_ok) {
        return Err(format!(
            "'{path}' is not a repository path (lower-case letters, digits, '.', '_', '-', '/')"
        ));
    }
    let reference = match (digest, tag) {
        (Some(d), _) => {
            let ok = d.split_once(':').is_some_and(|(alg, hex)| {
                !alg.is_empty()
                    && alg.bytes().all(|b| b.is_ascii_alphanumeric())
                    && !hex.is_empty()
                    && hex.bytes().all(|b| b.is_ascii_hexdigit())
            });
            if !ok {
                return Err(format!("'{d}' is not a digest (ALGORITHM:HEX)"));
            }
            d.to_owned()
        }
        (None, Some(t)) => {
            let ok = !t.is_empty()
                && t.len() <= 128
                && t.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
            if !ok {
                return Err(format!("'{t}' is not a tag"));
            }
            t.to_owned()
        }
        (None, None) => "latest".to_owned(),
    };
    let tail = name[name.len() - rest.len() + path.len()..].to_owned()
        + &digest.map(|d| format!("@{d}")).unwrap_or_default();
    Ok(ImageRef { host, host_given, path: path.to_owned(), reference, tail })
}

/// Checks `HOST[:PORT]`: a hostname, an IPv4 address or a bracketed IPv6 address, with an
/// optional port. Returns the value unchanged (lower-cased host) or why it is refused.
///
/// # Errors
/// A leading `-`, whitespace, a scheme, a path, a bad hostname or a bad port.
pub(crate) fn validate_host(value: &str) -> Result<String, String> {
    if value.is_empty() {
        return Err("it is empty".into());
    }
    if value.starts_with('-') {
        return Err("it starts with '-'".into());
    }
    if value.chars().any(char::is_whitespace) {
        return Err("it contains whitespace".into());
    }
    if value.contains("://") {
        return Err("it has a scheme; give only HOST[:PORT], e.g. us.icr.io".into());
    }
    if value.contains('/') {
        return Err("it has a path; give only HOST[:PORT], e.g. us.icr.io".into());
    }
    let (host, port) = split_port(value)?;
    if let Some(port) = port {
        match port.parse::<u16>() {
            Ok(p)
                if p > 0 && !port.starts_with('0') && port.bytes().all(|b| b.is_ascii_digit()) => {}
            _ => return Err(format!("'{port}' is not a port (1-65535)")),
        }
    }
    let valid = if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        v6.parse::<Ipv6Addr>().is_ok()
    } else {
        host.parse::<Ipv4Addr>().is_ok() || is_hostname(host)
    };
    if !valid {
        return Err(format!("'{host}' is not a hostname or IP address"));
    }
    Ok(value.to_ascii_lowercase())
}

fn split_port(value: &str) -> Result<(&str, Option<&str>), String> {
    if value.starts_with('[') {
        return match value.find(']') {
            Some(end) if end + 1 == value.len() => Ok((value, None)),
            Some(end) if value[end + 1..].starts_with(':') => {
                Ok((&value[..=end], Some(&value[end + 2..])))
            }
            _ => Err("its IPv6 address is not closed with ']'".into()),
        };
    }
    match value.split_once(':') {
        Some((_, port)) if port.contains(':') => {
            Err("an IPv6 address must be written in brackets, e.g. [::1]:5000".into())
        }
        Some((host, port)) => Ok((host, Some(port))),
        None => Ok((value, None)),
    }
}

/// A DNS name: labels of letters, digits and inner hyphens; the last label not all digits
/// (`999.999.999.999` is a bad IPv4 address, not a name).
fn is_hostname(host: &str) -> bool {
    host.len() <= 253
        && !host.rsplit('.').next().is_some_and(|last| last.bytes().all(|b| b.is_ascii_digit()))
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_the_documented_domains() {
        let pairs: Vec<(&str, &str)> = REGIONS.iter().map(|r| (r.name, r.domain)).collect();
        assert_eq!(
            pairs,
            [
                ("global", "icr.io"),
                ("au-syd", "au.icr.io"),
                ("br-sao", "br.icr.io"),
                ("ca-mon", "ca2.icr.io"),
                ("ca-tor", "ca.icr.io"),
                ("eu-de", "de.icr.io"),
                ("eu-es", "es.icr.io"),
                ("eu-gb", "uk.icr.io"),
                ("in-che", "in.icr.io"),
                ("in-mum", "in2.icr.io"),
                ("jp-osa", "jp2.icr.io"),
                ("jp-tok", "jp.icr.io"),
                ("us-south", "us.icr.io"),
            ]
        );
        for r in REGIONS {
            assert_eq!(r.private_domain, format!("private.{}", r.domain));
        }
    }

    #[test]
    fn the_helper_serves_icr_and_recorded_hosts_only() {
        for yes in [
            "icr.io",
            "us.icr.io",
            "private.ca2.icr.io",
            "us.icr.io:443",
            "registry.ng.bluemix.net",
        ] {
            assert!(served(yes, &[]), "{yes}");
        }
        for no in [
            "cp.icr.io",
            "docker.io",
            "evil.icr.io",
            "icr.io.evil.com",
            "us.icr.io:5000",
            "127.0.0.1:5000",
        ] {
            assert!(!served(no, &[]), "{no}");
        }
        assert!(served("127.0.0.1:5000", &["127.0.0.1:5000".into()]));
        assert_eq!(iam_hosts().len(), 13 * 2 + 5);
    }

    #[test]
    fn images_come_apart_as_the_clients_read_them() {
        let image = parse_image("us.icr.io/team-a/app:v1").unwrap();
        assert_eq!(
            (image.host.as_str(), image.namespace(), image.repository(), image.reference.as_str()),
            ("us.icr.io", "team-a", "app", "v1")
        );
        let image = parse_image("127.0.0.1:5000/team-a/tools/app").unwrap();
        assert_eq!(
            (image.host.as_str(), image.path.as_str()),
            ("127.0.0.1:5000", "team-a/tools/app")
        );
        assert_eq!(image.reference, "latest");
        let digest = format!("sha256:{}", "ab".repeat(32));
        let image = parse_image(&format!("de.icr.io/ns/r:v2@{digest}")).unwrap();
        assert_eq!((image.path.as_str(), image.reference.as_str()), ("ns/r", digest.as_str()));
        assert_eq!(image.tail, format!(":v2@{digest}"));
        assert_eq!(parse_image("us.icr.io/ns/app:v1").unwrap().tail, ":v1");
        assert_eq!(parse_image("us.icr.io/ns/app").unwrap().tail, "");
        let image = parse_image("team-a/app").unwrap();
        assert_eq!((image.host.as_str(), image.host_given), ("docker.io", false));
        assert_eq!(parse_image("localhost/x/y").unwrap().host, "localhost");
        assert_eq!(parse_image("US.ICR.IO/ns/app").unwrap().host, "us.icr.io");
        assert_eq!(parse_image("us.icr.io/app").unwrap().repository(), "");
        for bad in [
            "",
            "https://us.icr.io/ns/app",
            "us.icr.io/ns//app",
            "us.icr.io/NS/app",
            "us.icr.io/ns/app:",
            "us.icr.io/ns/app:a b",
            "us.icr.io/ns/app@sha256",
            "us.icr.io/ns/app\n",
            "-x.io/ns/app",
            "us.icr.io/",
        ] {
            assert!(parse_image(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn regions_and_successors_by_host() {
        assert_eq!(region_of("de.icr.io").map(|(r, p)| (r.name, p)), Some(("eu-de", false)));
        assert_eq!(
            region_of("private.us.icr.io:443").map(|(r, p)| (r.name, p)),
            Some(("us-south", true))
        );
        assert_eq!(region_of("cp.icr.io"), None);
        assert_eq!(region_of("us.icr.io:5000"), None);
        assert_eq!(bluemix_successor("registry.ng.bluemix.net"), Some("us.icr.io"));
        assert_eq!(bluemix_successor("registry.bluemix.net"), Some("icr.io"));
        assert_eq!(bluemix_successor("us.icr.io"), None);
        for (alias, domain) in BLUEMIX_ALIASES {
            assert!(is_icr(alias) && region_of(domain).is_some(), "{alias}");
        }
    }

    #[test]
    fn legacy_names_resolve() {
        assert_eq!(find("ap-south").unwrap().domain, "au.icr.io");
        assert_eq!(find("eu-central").unwrap().domain, "de.icr.io");
        assert_eq!(find("uk-south").unwrap().domain, "uk.icr.io");
        assert_eq!(find("ap-north").unwrap().domain, "jp.icr.io");
        assert_eq!(find(" US-South ").unwrap().domain, "us.icr.io");
        assert_eq!(find("us-east"), None);
        assert_eq!(all_names().len(), 17);
    }

    #[test]
    fn accepts_hosts_ips_and_ports() {
        for ok in ["us.icr.io", "127.0.0.1:5000", "localhost:443", "[::1]:5000", "[::1]", "My-Host"]
        {
            assert!(validate_host(ok).is_ok(), "{ok}");
        }
        assert_eq!(validate_host("US.ICR.IO").unwrap(), "us.icr.io");
    }

    #[test]
    fn refuses_malformed_registries() {
        for (bad, why) in [
            ("", "empty"),
            ("-h", "starts with '-'"),
            ("us.icr.io ", "whitespace"),
            ("a\tb", "whitespace"),
            ("https://us.icr.io", "scheme"),
            ("us.icr.io/ns", "path"),
            ("us.icr.io:0", "port"),
            ("us.icr.io:70000", "port"),
            ("us.icr.io:", "port"),
            ("us.icr.io:ab", "port"),
            ("us.icr.io:+443", "port"),
            ("999.999.999.999", "hostname"),
            ("1.2.3", "hostname"),
            ("bad_host", "hostname"),
            ("-x.io", "starts with"),
            ("a..b", "hostname"),
            ("::1", "brackets"),
            ("[::1", "closed"),
            ("[zz]:1", "hostname"),
        ] {
            let err = validate_host(bad).unwrap_err();
            assert!(err.contains(why), "{bad:?}: {err}");
        }
    }

    #[test]
    fn normalizing_a_normalized_host_changes_nothing() {
        // Found by fuzzing (helper_stdin): whitespace before the path or after the scheme
        // stayed, and a second normalize trimmed it.
        for (key, host) in [
            ("us.icr.io /v1/", "us.icr.io"),
            ("https:// us.icr.io", "us.icr.io"),
            ("b\u{b}/.i", "b"),
            ("https://US.icr.io\t/v2/", "us.icr.io"),
        ] {
            assert_eq!(normalize(key), host, "{key:?}");
            assert_eq!(normalize(&normalize(key)), normalize(key), "{key:?}");
        }
    }

    #[test]
    fn recognises_icr_hosts_only() {
        for icr in [
            "icr.io",
            "us.icr.io",
            "private.de.icr.io",
            "https://uk.icr.io/v2/",
            "us.icr.io:443",
            "registry.bluemix.net",
            "registry.ng.bluemix.net",
        ] {
            assert!(is_icr(icr), "{icr}");
        }
        for other in [
            "docker.io",
            "https://index.docker.io/v1/",
            "ghcr.io",
            "icr.io.evil.com",
            "quay.io",
            "noticr.io",
        ] {
            assert!(!is_icr(other), "{other}");
        }
    }
}
