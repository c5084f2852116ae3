//! Everything cr-ext shows: the colour decision (made once), human lines in the ibmcloud plugin
//! style (`...` progress, `OK`, `FAILED` with an error and a hint) on stderr, data and JSON on
//! stdout, and `sanitize` for anything a child printed. It renders; it decides nothing else.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write as _};
use std::sync::OnceLock;

use owo_colors::OwoColorize;

use crate::cli::{ColorChoice, OutputFormat};
use crate::error::Error;

/// How this run prints, decided once from the flags and the environment.
#[derive(Debug, Clone, Copy)]
pub struct Printer {
    /// Text or JSON.
    pub format: OutputFormat,
    /// `-q`: nothing on success.
    pub quiet: bool,
    /// Colour on stderr.
    pub color: bool,
    /// `--verbose` or `IBMCLOUD_TRACE=true`: trace each step to stderr.
    pub verbose: bool,
}

static PRINTER: OnceLock<Printer> = OnceLock::new();

/// Decides colour, output mode and tracing for the rest of the run.
pub fn init(format: OutputFormat, quiet: bool, color: ColorChoice, verbose: bool) {
    let env = |k: &str| std::env::var(k).ok();
    let color = use_color(color, std::io::stderr().is_terminal(), env);
    let trace_env = env("IBMCLOUD_TRACE")
        .is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "true" | "1"));
    let _ = PRINTER.set(Printer { format, quiet, color, verbose: verbose || trace_env });
}

/// A trace line on stderr with `--verbose`. Callers pass no secret; anything shaped like a
/// token is redacted all the same.
pub fn trace(line: &str) {
    if printer().verbose {
        eprintln!("trace: {}", sanitize(&crate::exec::redact_tokens(line)));
    }
}

/// The printer of this run (text, no colour unless a terminal, before `init`).
pub fn printer() -> Printer {
    *PRINTER.get_or_init(|| Printer {
        format: OutputFormat::Text,
        quiet: false,
        verbose: false,
        color: use_color(ColorChoice::Auto, std::io::stderr().is_terminal(), |k| {
            std::env::var(k).ok()
        }),
    })
}

/// `--color` first; for `auto`: `NO_COLOR` (any non-empty value) turns colour off, then
/// `IBMCLOUD_COLOR=true|false` decides, then whether the stream is a terminal (not `TERM=dumb`).
pub fn use_color(
    choice: ColorChoice,
    is_terminal: bool,
    env: impl Fn(&str) -> Option<String>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if env("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                return false;
            }
            match env("IBMCLOUD_COLOR").map(|v| v.to_ascii_lowercase()).as_deref() {
                Some("false" | "0" | "no") => false,
                Some("true" | "1" | "yes") => true,
                _ => is_terminal && env("TERM").as_deref() != Some("dumb"),
            }
        }
    }
}

/// The colours of the plugin style's labels.
#[derive(Clone, Copy)]
enum Tone {
    Good,
    Bad,
    Info,
    Caution,
}

impl Printer {
    fn human(self) -> bool {
        self.format == OutputFormat::Text && !self.quiet
    }

    /// `label` in bold and its tone's colour when colour is on, as it is otherwise.
    fn paint(self, label: &str, tone: Tone) -> String {
        if !self.color {
            return label.to_owned();
        }
        let bold = label.bold();
        match tone {
            Tone::Good => bold.green().to_string(),
            Tone::Bad => bold.red().to_string(),
            Tone::Info => bold.cyan().to_string(),
            Tone::Caution => bold.yellow().to_string(),
        }
    }

    /// A progress line (`Logging 'podman' in to 'us.icr.io'...`); not with JSON or `-q`.
    pub fn progress(self, line: &str) {
        if self.human() {
            eprintln!("{line}");
        }
    }

    /// A note that explains a choice cr-ext made for the user; not with JSON or `-q`.
    pub fn note(self, line: &str) {
        if self.human() {
            eprintln!("{} {line}", self.paint("note:", Tone::Info));
        }
    }

    /// A warning; not with JSON or `-q`.
    pub fn warn(self, line: &str) {
        if self.human() {
            eprintln!("{} {line}", self.paint("warning:", Tone::Caution));
        }
    }

    /// The closing `OK`; not with JSON or `-q`.
    pub fn ok(self) {
        if self.human() {
            eprintln!("{}", self.paint("OK", Tone::Good));
        }
    }

    /// One of several failures: `error: …` on stderr (always).
    pub fn failure(self, error: &Error) {
        eprintln!("{} {}", self.paint("error:", Tone::Bad), sanitize(&error.to_string()));
    }

    /// `FAILED`, the error and its hint, on stderr (always, even with `-q` or JSON).
    pub fn error(self, error: &Error) {
        let mut text = format!(
            "{}\n{} {}\n",
            self.paint("FAILED", Tone::Bad),
            self.paint("error:", Tone::Bad),
            sanitize(&error.to_string())
        );
        if let Some(hint) = error.hint() {
            let _ = writeln!(text, "{} {}", self.paint("hint:", Tone::Info), sanitize(&hint));
        }
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
}

/// Writes `text` to stdout; a closed pipe (`cr-ext regions | head -1`) is not an error.
pub fn stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Writes one JSON document and a newline to stdout.
pub fn json(value: &serde_json::Value) {
    stdout(&format!("{value}\n"));
}

/// `2026-11-27 18:04:05 UTC` for unix seconds (proleptic Gregorian, no leap seconds).
#[must_use]
pub fn utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// `59 min left`, `2 h 5 min left`, `3 min ago`.
#[must_use]
pub fn remaining(secs: i64) -> String {
    let span = |s: i64| {
        let minutes = s / 60;
        if minutes >= 60 {
            format!("{} h {} min", minutes / 60, minutes % 60)
        } else {
            format!("{minutes} min")
        }
    };
    if secs > 0 { format!("{} left", span(secs)) } else { format!("{} ago", span(-secs)) }
}

/// Strips ANSI escape sequences and control characters (but newline and tab) from text that
/// came from elsewhere, so it cannot move the cursor or rewrite the terminal.
#[must_use]
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ params final-byte; OSC: ESC ] ... BEL or ESC \; others: ESC + one char.
            match chars.next() {
                Some('[') => {
                    while let Some(&n) = chars.peek() {
                        chars.next();
                        if ('\u{40}'..='\u{7e}').contains(&n) {
                            break;
                        }
                    }
                }
                Some(']') => {
                    while let Some(n) = chars.next() {
                        if n == '\u{7}' || (n == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                _ => {}
            }
        } else if c == '\n' || c == '\t' || !c.is_control() {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_formats_unix_seconds() {
        assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(utc(1_795_802_645), "2026-11-27 18:04:05 UTC");
        assert_eq!(remaining(3599), "59 min left");
        assert_eq!(remaining(7500), "2 h 5 min left");
        assert_eq!(remaining(-180), "3 min ago");
    }

    #[test]
    fn sanitize_strips_escapes_and_controls() {
        assert_eq!(sanitize("\x1b[1;31mred\x1b[0m ok\r\n\x07"), "red ok\n");
        assert_eq!(sanitize("a\x1b]0;title\x07b"), "ab");
        assert_eq!(sanitize("tab\there\u{8}"), "tab\there");
    }

    #[test]
    fn colour_decision_order() {
        let none = |_: &str| None;
        assert!(use_color(ColorChoice::Always, false, none));
        assert!(!use_color(ColorChoice::Never, true, none));
        assert!(use_color(ColorChoice::Auto, true, none));
        assert!(!use_color(ColorChoice::Auto, false, none));
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| (*v).to_owned())
        };
        assert!(!use_color(ColorChoice::Auto, true, env(&[("NO_COLOR", "1")])));
        assert!(use_color(ColorChoice::Auto, true, env(&[("NO_COLOR", "")])));
        assert!(!use_color(ColorChoice::Auto, true, env(&[("IBMCLOUD_COLOR", "false")])));
        assert!(use_color(ColorChoice::Auto, false, env(&[("IBMCLOUD_COLOR", "true")])));
        assert!(!use_color(
            ColorChoice::Auto,
            false,
            env(&[("IBMCLOUD_COLOR", "true"), ("NO_COLOR", "1")])
        ));
        assert!(!use_color(ColorChoice::Auto, true, env(&[("TERM", "dumb")])));
    }
}
