//! Credentials: the `Secret` type that keeps tokens out of every output, the JWT claims reader,
//! and the sources a token comes from (today: the ibmcloud CLI session).

pub mod jwt;
pub mod session;

use std::fmt;

/// A token, refresh token or API key. `Debug` and `Display` print `****`; the value leaves only
/// through [`Secret::expose`], used where a child's stdin is written.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    #[must_use]
    pub fn new(value: String) -> Self {
        Secret(value)
    }

    /// The value itself. Call it only to hand the secret to its consumer.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Replaces every occurrence of the secret in `text` with `****`.
    #[must_use]
    pub fn redact(&self, text: &str) -> String {
        if self.0.is_empty() {
            text.to_owned()
        } else {
            text.replace(&self.0, "****")
        }
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(****)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("****")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_never_formats_its_value() {
        let s = Secret::new("hunter2".into());
        assert_eq!(format!("{s} {s:?}"), "**** Secret(****)");
        assert_eq!(s.redact("a hunter2 b hunter2"), "a **** b ****");
        assert_eq!(s.expose(), "hunter2");
    }
}
