//! The one home for secrets: the `Secret` type, the process-wide list of every secret cr-ext
//! holds, and `scrub`, which every string from outside (a child, a file, a token, IAM) passes
//! through before it is printed: control characters and escape sequences are stripped first,
//! then each known secret is redacted whole, wrapped over lines, split by spaces, URL-encoded
//! or in pieces (a JWT's signature segment alone), also inside base64 (a pull secret's
//! `auth`, base64 of `user:secret`, and its `.dockerconfigjson`, base64 of JSON holding that),
//! and anything shaped like a JWT besides.
//! A leaf: it imports nothing from the crate, so every other module can use it.

use std::fmt::{self, Write as _};
use std::sync::Mutex;

/// Every secret value wrapped in a [`Secret`] during this run, for [`scrub`].
static KNOWN: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// What each known secret looks like inside base64, at any offset and nested once, for
/// [`scrub`]: see [`base64_cores`].
static KNOWN_BASE64: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// A base64 core shorter than this is not looked for (it could occur by chance).
const MIN_CORE: usize = 16;

/// What a redacted secret is shown as.
pub(crate) const MASK: &str = "****";

/// A fragment of a secret shorter than this is not redacted on its own (it could be a word).
const MIN_PIECE: usize = 12;

/// A token, refresh token or API key. `Debug` and `Display` print `****`; the value leaves only
/// through [`Secret::expose`], where a child's stdin or an HTTP form is written. Every value
/// is remembered so that [`scrub`] can redact it from any text printed later.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(String);

impl Secret {
    /// Wraps a secret value and remembers it for redaction.
    #[must_use]
    pub(crate) fn new(value: String) -> Self {
        remember(&value);
        Secret(value)
    }

    /// Wraps a document that holds secrets already remembered (a manifest around a key), so it
    /// travels as a secret, without remembering the whole document: its every word would
    /// then be redacted from unrelated text.
    #[must_use]
    pub(crate) fn holding(value: String) -> Self {
        Secret(value)
    }

    /// The value itself. Call it only to hand the secret to its consumer.
    #[must_use]
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(****)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

/// Remembers a secret that is not wrapped in a [`Secret`] (the password of an endpoint URL).
pub(crate) fn remember(value: &str) {
    let value = value.trim();
    if value.len() < 4 {
        return;
    }
    if let Ok(mut known) = KNOWN.lock()
        && !known.iter().any(|k| k == value)
    {
        known.push(value.to_owned());
        let mut cores = base64_cores(value.as_bytes());
        // A secret inside base64 inside base64: `auth` within a `.dockerconfigjson`.
        for core in cores.clone() {
            cores.extend(base64_cores(core.as_bytes()));
        }
        if let Ok(mut known_b64) = KNOWN_BASE64.lock() {
            for core in cores {
                if !known_b64.contains(&core) {
                    known_b64.push(core);
                }
            }
        }
    }
}

/// The parts of any base64 encoding of a text holding `value` that depend on `value` alone:
/// for each of the three offsets `value` can start at within a 3-byte group, its encoding
/// without the first and last characters, which the bytes around it also shape. Standard
/// and URL-safe alphabets; cores shorter than [`MIN_CORE`] are left out.
fn base64_cores(value: &[u8]) -> Vec<String> {
    use base64::Engine as _;
    let engines = [
        base64::engine::general_purpose::STANDARD_NO_PAD,
        base64::engine::general_purpose::URL_SAFE_NO_PAD,
    ];
    let mut cores = Vec::new();
    for offset in 0..3 {
        let mut padded = vec![0u8; offset];
        padded.extend_from_slice(value);
        // The characters before `value`'s first full sextet are shaped by the pad.
        let skip = (offset * 8).div_ceil(6);
        // The last characters are shaped by what follows `value`: keep whole sextets only.
        let end = (padded.len() * 8) / 6;
        for engine in &engines {
            let encoded = engine.encode(&padded);
            if end > skip && end - skip >= MIN_CORE {
                let core = encoded[skip..end].to_owned();
                if !cores.contains(&core) {
                    cores.push(core);
                }
            }
        }
    }
    cores
}

/// Replaces every run of base64 characters that holds one of `cores` with `****`, whole.
fn redact_base64(text: &str, cores: &[String]) -> String {
    let is_b64 = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_');
    let bytes = text.as_bytes();
    let mut cut: Vec<(usize, usize)> = Vec::new();
    for core in cores {
        let mut from = 0;
        while let Some(at) = text[from..].find(core.as_str()) {
            let (mut start, mut end) = (from + at, from + at + core.len());
            // `=` only pads the end: `apikey=…` keeps its name.
            while start > 0 && is_b64(bytes[start - 1]) && bytes[start - 1] != b'=' {
                start -= 1;
            }
            while end < bytes.len() && is_b64(bytes[end]) {
                end += 1;
            }
            cut.push((start, end));
            from = end;
        }
    }
    cut.sort_unstable();
    cut.dedup();
    // Runs found through different cores are the same run or do not overlap.
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in cut {
        match merged.last_mut() {
            Some(last) if start < last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    replace_ranges(text, &merged)
}

/// Forgets every remembered secret: a fuzz target's inputs would otherwise pile up, each
/// scrubbed from every later message.
#[cfg(feature = "fuzzing")]
pub(crate) fn forget_all() {
    if let Ok(mut known) = KNOWN.lock() {
        known.clear();
    }
    if let Ok(mut known) = KNOWN_BASE64.lock() {
        known.clear();
    }
}

/// Makes text from outside safe to print: [`sanitize`], then [`redact`] every known secret,
/// then [`redact_tokens`].
#[must_use]
pub(crate) fn scrub(text: &str) -> String {
    let clean = sanitize(text);
    let known = KNOWN.lock().map(|k| k.clone()).unwrap_or_default();
    let mut out = clean;
    for secret in &known {
        out = redact(&out, secret);
    }
    let cores = KNOWN_BASE64.lock().map(|k| k.clone()).unwrap_or_default();
    if !cores.is_empty() {
        out = redact_base64(&out, &cores);
    }
    redact_tokens(&out)
}

/// Replaces `secret` in `text` with `****`: whole, URL-encoded, wrapped over lines or split by
/// spaces, and any fragment of it at least [`MIN_PIECE`] long standing on its own (such as a
/// JWT's signature segment). Run it on sanitized text: an escape sequence inside a copy would
/// otherwise hide the copy.
#[must_use]
pub(crate) fn redact(text: &str, secret: &str) -> String {
    if secret.is_empty() {
        return text.to_owned();
    }
    let mut out = text.replace(secret, MASK);
    for (all, lower) in [(false, false), (false, true), (true, false), (true, true)] {
        let encoded = url_encode(secret, all, lower);
        if encoded != secret {
            out = out.replace(&encoded, MASK);
        }
    }
    out = redact_spread(&out, secret);
    redact_pieces(&out, secret)
}

/// Percent-encodes as an HTML form does (`application/x-www-form-urlencoded`), or with `all`
/// every byte but letters and digits; hex digits in lower case with `lower`.
fn url_encode(value: &str, all: bool, lower: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => out.push(char::from(b)),
            b'-' | b'_' | b'.' | b'*' if !all => out.push(char::from(b)),
            b' ' if !all => out.push('+'),
            _ => {
                let _ = if lower { write!(out, "%{b:02x}") } else { write!(out, "%{b:02X}") };
            }
        }
    }
    out
}

/// A copy of `secret` with whitespace inside it (line-wrapped, space-split).
fn redact_spread(text: &str, secret: &str) -> String {
    let secret: Vec<char> = secret.chars().filter(|c| !c.is_whitespace()).collect();
    if secret.len() < MIN_PIECE {
        return text.to_owned();
    }
    // Non-whitespace characters of the text with their byte ranges.
    let chars: Vec<(usize, char)> =
        text.char_indices().filter(|(_, c)| !c.is_whitespace()).collect();
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i + secret.len() <= chars.len() {
        if chars[i..i + secret.len()].iter().map(|(_, c)| *c).eq(secret.iter().copied()) {
            let (start, _) = chars[i];
            let (last, c) = chars[i + secret.len() - 1];
            cut.push((start, last + c.len_utf8()));
            i += secret.len();
        } else {
            i += 1;
        }
    }
    replace_ranges(text, &cut)
}

/// Fragments of `secret` that stand alone in `text`, split at characters a key or token never
/// holds.
fn redact_pieces(text: &str, secret: &str) -> String {
    let is_token_char =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '=' | '+' | '/');
    let mut cut = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (start, is_token_char(c) && i < text.len()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let word = &text[s..i];
                if word.len() >= MIN_PIECE && secret.contains(word) {
                    cut.push((s, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    replace_ranges(text, &cut)
}

fn replace_ranges(text: &str, ranges: &[(usize, usize)]) -> String {
    if ranges.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for &(start, end) in ranges {
        out.push_str(&text[at..start]);
        out.push_str(MASK);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// Replaces anything shaped like a JWT (`eyJ…` with dots) with `****`: a safety net for tokens
/// a child echoes that cr-ext did not hand it itself.
#[must_use]
pub(crate) fn redact_tokens(text: &str) -> String {
    let is_token_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '=');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find("eyJ") {
        out.push_str(&rest[..pos]);
        let candidate = &rest[pos..];
        let end = candidate.find(|c| !is_token_char(c)).unwrap_or(candidate.len());
        if candidate[..end].contains('.') {
            out.push_str(MASK);
        } else {
            out.push_str(&candidate[..end]);
        }
        rest = &candidate[end..];
    }
    out.push_str(rest);
    out
}

/// Strips ANSI escape sequences and control characters (but newline and tab) from text that
/// came from elsewhere, so it cannot move the cursor or rewrite the terminal.
#[must_use]
pub(crate) fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ params final-byte; OSC, DCS, APC, PM: ESC ]/P/_/^ ... BEL or ESC \;
            // others: ESC + one char.
            match chars.next() {
                Some('[') => {
                    while let Some(&n) = chars.peek() {
                        chars.next();
                        if ('\u{40}'..='\u{7e}').contains(&n) {
                            break;
                        }
                    }
                }
                Some(']' | 'P' | '_' | '^') => {
                    while let Some(n) = chars.next() {
                        if n == '\u{7}' || (n == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                _ => {}
            }
        } else if c == '\n' || c == '\t' || !(c.is_control() || is_bidi_control(c)) {
            out.push(c);
        }
    }
    out
}

/// [`scrub`]s a single-line field (a claim, a username, a file name): newlines and tabs become
/// spaces too, so a value cannot forge a line of the report.
#[must_use]
pub(crate) fn one_line(text: &str) -> String {
    scrub(text).replace(['\n', '\t'], " ")
}

/// Unicode bidirectional controls, which can make a line read differently from what it holds.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_never_formats_its_value() {
        let s = Secret::new("hunter2-value".into());
        assert_eq!(format!("{s} {s:?}"), "**** Secret(****)");
        assert_eq!(s.expose(), "hunter2-value");
        assert_eq!(scrub("a hunter2-value b"), "a **** b");
    }

    #[test]
    fn sanitize_strips_escapes_and_controls() {
        assert_eq!(sanitize("\x1b[1;31mred\x1b[0m ok\r\n\x07"), "red ok\n");
        assert_eq!(sanitize("a\x1b]0;title\x07b"), "ab");
        assert_eq!(sanitize("tab\there\u{8}"), "tab\there");
        assert_eq!(sanitize("x\u{202e}y"), "xy");
    }

    #[test]
    fn an_escape_inside_a_secret_does_not_hide_it() {
        let key = "abcdefKEY0123456789xyzKEY";
        let _ = Secret::new(key.into());
        let printed = "error: ab\x1b[1mcd\x1b[0mefKEY0123456789xyzKEY rejected";
        assert_eq!(scrub(printed), "error: **** rejected");
    }

    #[test]
    fn wrapped_split_encoded_and_partial_copies_are_redacted() {
        let key = "Zq9-w_Ab3dEf4GhI5jKl6MnO7pQr8StU9vWx0YzA+b/c";
        assert_eq!(redact(&format!("x {key} y"), key), "x **** y");
        let wrapped = format!("key:\n  {}\n  {}\n", &key[..20], &key[20..]);
        assert_eq!(redact(&wrapped, key), "key:\n  ****\n");
        let spaced = format!("{} {}", &key[..10], &key[10..]);
        assert_eq!(redact(&spaced, key), "****");
        assert_eq!(
            redact(&format!("apikey={}", url_encode(key, false, false)), key),
            "apikey=****"
        );
        assert_eq!(redact(&format!("k={}", url_encode(key, true, true)), key), "k=****");
        let jwt = "eyJhbGciOi.eyJleHAiOjF9.c2lnbmF0dXJlLXNlZ21lbnQtMDEyMzQ1";
        assert_eq!(redact("sig c2lnbmF0dXJlLXNlZ21lbnQtMDEyMzQ1 only", jwt), "sig **** only");
        assert_eq!(redact("short words stay", key), "short words stay");
    }

    #[test]
    fn a_secret_inside_base64_is_redacted_at_every_offset_and_nested() {
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD;
        let key = "b64-KeY_0123456789abcdefghijklmnopqrstuvwxyz";
        let _ = Secret::new(key.into());
        for prefix in ["", "u:", "ab:", "iamapikey:"] {
            let encoded = b64.encode(format!("{prefix}{key}"));
            assert_eq!(scrub(&format!("auth {encoded} end")), "auth **** end", "{prefix}");
        }
        let auth = b64.encode(format!("iamapikey:{key}"));
        let doc = format!(r#"{{"auths":{{"us.icr.io":{{"auth":"{auth}"}}}}}}"#);
        let outer = b64.encode(doc);
        assert_eq!(scrub(&format!("data: {outer}")), "data: ****");
        let url_safe = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(key);
        assert_eq!(scrub(&format!("x={url_safe}")), "x=****");
        let unrelated = b64.encode("nothing secret in here at all, really");
        assert_eq!(scrub(&unrelated), unrelated);
    }

    #[test]
    fn redacts_jwt_shaped_words_only() {
        assert_eq!(redact_tokens("token eyJa.b.c here"), "token **** here");
        assert_eq!(redact_tokens("eyJabc alone"), "eyJabc alone");
        assert_eq!(redact_tokens("x=\"Bearer eyJ1.2\""), "x=\"Bearer ****\"");
    }
}
