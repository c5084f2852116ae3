//! IAM access tokens: the one `Bearer `-stripping rule, the claims of a JWT, and the check
//! every token passes before use (a JWT that is not expired). The signature is not verified:
//! cr-ext only needs to know that the token is well formed, who it names and when it expires.

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::secret::Secret;

/// base64url that accepts the segment with or without `=` padding.
const URL_SAFE_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Treat a token as expired this many seconds early, as IBM's SDKs do.
pub(crate) const EXPIRY_MARGIN_SECS: i64 = 10;
/// The latest `exp` taken as real: 9999-12-31 23:59:59 UTC. Anything later is a forged or
/// broken token, and arithmetic on it could overflow.
pub(crate) const MAX_EXP: i64 = 253_402_300_799;

/// The claims cr-ext reads.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Claims {
    /// Expiry, unix seconds.
    pub(crate) exp: i64,
    /// Everything else, as decoded.
    pub(crate) raw: Value,
}

impl Claims {
    /// Who the token names: `email`, else `sub`.
    #[must_use]
    pub(crate) fn who(&self) -> Option<&str> {
        ["email", "sub"].iter().find_map(|k| self.raw.get(k).and_then(Value::as_str))
    }

    /// Seconds until expiry (negative when already expired).
    #[must_use]
    pub(crate) fn expires_in(&self, now: i64) -> i64 {
        self.exp.saturating_sub(now)
    }
}

/// Decodes the claims of `token`, or says what is wrong with it (never quoting the token).
///
/// # Errors
/// The token is not three base64url segments, or its middle segment is not a JSON object
/// with a numeric `exp`.
pub(crate) fn decode(token: &str) -> Result<Claims, String> {
    let segments: Vec<&str> = token.split('.').collect();
    let is_b64url = |s: &str| {
        !s.is_empty()
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'='))
    };
    if segments.len() != 3 {
        return Err(format!(
            "not a JWT (expected three segments separated by '.', found {})",
            segments.len()
        ));
    }
    if let Some(n) = segments.iter().position(|s| !is_b64url(s)) {
        return Err(format!("not a JWT (its segment {} is empty or not base64url)", n + 1));
    }
    let bytes = URL_SAFE_LENIENT
        .decode(segments[1])
        .map_err(|_| "not a JWT (its claims segment is not valid base64url)".to_owned())?;
    let raw: Value = serde_json::from_slice(&bytes)
        .map_err(|_| "not a JWT (its claims segment is not JSON)".to_owned())?;
    let exp = raw.get("exp").ok_or_else(|| "its claims have no 'exp' (expiry)".to_owned())?;
    let exp = exp
        .as_i64()
        .or_else(|| {
            // IAM writes integers; a whole float is read, anything else is refused.
            #[allow(clippy::cast_possible_truncation, clippy::float_cmp)]
            exp.as_f64()
                .filter(|f| f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15)
                .map(|f| f as i64)
        })
        .ok_or_else(|| "its 'exp' (expiry) is not a whole number of seconds".to_owned())?;
    if exp <= 0 || exp > MAX_EXP {
        return Err(format!("its 'exp' (expiry) {exp} is not a plausible time"));
    }
    Ok(Claims { exp, raw })
}

/// An IAM access token and its claims.
#[derive(Debug)]
pub(crate) struct Token {
    /// The raw JWT, without `Bearer `.
    pub(crate) secret: Secret,
    /// Its decoded claims.
    pub(crate) claims: Claims,
}

/// Validates a raw token: a JWT that is not expired (with the SDKs' 10 s margin).
///
/// # Errors
/// Not a JWT, no expiry, or expired.
pub(crate) fn checked_token(raw: &str, now: i64) -> Result<Token> {
    let claims = decode(raw).map_err(|what| Error::BadToken { what })?;
    let left = claims.expires_in(now);
    if left <= EXPIRY_MARGIN_SECS {
        return Err(Error::TokenExpired { expired_ago_secs: -left });
    }
    Ok(Token { secret: Secret::new(raw.to_owned()), claims })
}

/// The token of `Bearer TOKEN` (scheme in any case, any spacing); text without the scheme as
/// it is, trimmed.
#[must_use]
pub(crate) fn strip_bearer(text: &str) -> &str {
    let text = text.trim();
    match text.split_once(char::is_whitespace) {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
        _ if text.eq_ignore_ascii_case("bearer") => "",
        _ => text,
    }
}

/// Now, in unix seconds.
#[must_use]
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[cfg(test)]
pub(crate) fn make(claims: &Value) -> String {
    let enc = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    format!(
        "{}.{}.{}",
        enc.encode(br#"{"alg":"RS256","typ":"JWT"}"#),
        enc.encode(claims.to_string()),
        enc.encode(b"signature")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn refuses_expired_and_nearly_expired_tokens() {
        let now = 1_000_000;
        let token = |exp: i64| make(&json!({ "exp": exp }));
        assert!(checked_token(&token(now + 11), now).is_ok());
        assert!(matches!(
            checked_token(&token(now + 10), now),
            Err(Error::TokenExpired { expired_ago_secs: -10 })
        ));
        assert!(matches!(
            checked_token(&token(now - 60), now),
            Err(Error::TokenExpired { expired_ago_secs: 60 })
        ));
        assert!(matches!(checked_token("x.y", now), Err(Error::BadToken { .. })));
    }

    #[test]
    fn decodes_exp_and_who() {
        let t = make(&json!({"exp": 2_000_000_000, "email": "a@b.c", "sub": "x"}));
        let c = decode(&t).unwrap();
        assert_eq!(c.exp, 2_000_000_000);
        assert_eq!(c.who(), Some("a@b.c"));
        assert_eq!(c.expires_in(1_999_999_990), 10);
    }

    #[test]
    fn who_falls_back_to_sub() {
        let t = make(&json!({"exp": 1, "sub": "ServiceId-1"}));
        assert_eq!(decode(&t).unwrap().who(), Some("ServiceId-1"));
    }

    #[test]
    fn accepts_padded_segments() {
        let enc = base64::engine::general_purpose::URL_SAFE;
        let t = format!("e30.{}.c2ln", enc.encode(r#"{"exp":5}"#));
        assert_eq!(decode(&t).unwrap().exp, 5);
    }

    #[test]
    fn rejects_what_is_not_a_jwt() {
        for bad in ["", "abc", "a.b", "a.b.c.d", "a..c", "a b.c.d", "<html>.x.y"] {
            assert!(decode(bad).unwrap_err().contains("not a JWT"), "{bad:?}");
        }
        assert_eq!(
            decode("a.b").unwrap_err(),
            "not a JWT (expected three segments separated by '.', found 2)"
        );
        assert_eq!(
            decode("a.b!.c").unwrap_err(),
            "not a JWT (its segment 2 is empty or not base64url)"
        );
        assert!(decode("e30.bm90IGpzb24.c2ln").unwrap_err().contains("not JSON"));
        assert!(decode("e30.e30.c2ln").unwrap_err().contains("'exp'"));
    }

    #[test]
    fn refuses_absurd_expiry_without_overflow() {
        for exp in [
            json!(i64::MIN),
            json!(-1),
            json!(0),
            json!(i64::MAX),
            json!(MAX_EXP + 1),
            json!(1.5),
            json!("5"),
            json!(1e300),
        ] {
            let err = decode(&make(&json!({ "exp": exp }))).unwrap_err();
            assert!(err.contains("'exp'"), "{exp}: {err}");
        }
        assert_eq!(decode(&make(&json!({"exp": 1_800_000_000.0}))).unwrap().exp, 1_800_000_000);
        assert_eq!(decode(&make(&json!({"exp": MAX_EXP}))).unwrap().expires_in(i64::MIN), i64::MAX);
    }

    #[test]
    fn errors_never_quote_the_token() {
        let err = decode("secretpart.AAAA.BBBB").unwrap_err();
        assert!(!err.contains("secretpart"));
    }
}
