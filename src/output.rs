//! Everything cr-ext shows: the colour decision (made once), human lines in the ibmcloud plugin
//! style (`...` progress, `OK`, `FAILED` with an error and a hint) on stderr, data and JSON on
//! stdout, and the trace (stderr or a file). Every string that came from outside passes
//! through `secret::scrub` on its way out. It renders; it decides nothing else.

// The one module that prints.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Write as _;
use std::io::{IsTerminal, Write as _};
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use owo_colors::OwoColorize;

use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::secret::scrub;

/// What a command prints its report as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Human-readable text.
    Text,
    /// One JSON document on stdout.
    Json,
}

/// When to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Color {
    /// On a terminal, unless the environment says otherwise.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// How this run prints, decided once from the flags and the environment.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Printer {
    /// Text or JSON.
    pub(crate) format: Format,
    /// `-q`: nothing on stderr on success.
    pub(crate) quiet: bool,
    /// Colour on stderr.
    pub(crate) color: bool,
}

/// Everything [`init`] decides from: the flags, and the ibmcloud SDK's trace and colour
/// settings (environment first, then the CLI's config.json).
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// `--output`.
    pub(crate) format: Format,
    /// `-q`.
    pub(crate) quiet: bool,
    /// `--color`.
    pub(crate) color: Color,
    /// `-v`.
    pub(crate) verbose: bool,
    /// The SDK's trace setting (`true`, `false`, or a file).
    pub(crate) trace: Option<String>,
    /// The SDK's colour setting (`true` or `false`).
    pub(crate) color_setting: Option<String>,
}

/// Where trace lines go.
enum Sink {
    Stderr,
    File(Mutex<std::fs::File>),
}

static PRINTER: OnceLock<Printer> = OnceLock::new();
static TRACE: OnceLock<Option<Sink>> = OnceLock::new();

/// Decides colour, output mode and tracing for the rest of the run. `--verbose` traces to
/// stderr; else the trace setting: `true` stderr, `false` or empty off, anything else a file
/// appended to (created 0600).
///
/// # Errors
/// The trace file cannot be opened.
pub(crate) fn init(options: &Options) -> Result<Printer> {
    let env = |k: &str| match k {
        crate::env::IBMCLOUD_COLOR => options.color_setting.clone(),
        _ => crate::env::get(k),
    };
    let color = use_color(options.color, std::io::stderr().is_terminal(), env);
    let printer = Printer { format: options.format, quiet: options.quiet, color };
    let _ = PRINTER.set(printer);
    let sink = if options.verbose {
        Some(Sink::Stderr)
    } else {
        match options.trace.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(v) if v.eq_ignore_ascii_case("false") || v == "0" => None,
            Some(v) if v.eq_ignore_ascii_case("true") || v == "1" => Some(Sink::Stderr),
            Some(path) => {
                let path = PathBuf::from(path);
                let file = crate::files::open_append_private(&path).map_err(|e| {
                    Error::usage(
                        format!("cannot open the trace file {}: {e}", path.display()),
                        "set IBMCLOUD_TRACE to true, false, or a file you can write",
                    )
                })?;
                Some(Sink::File(Mutex::new(file)))
            }
        }
    };
    let _ = TRACE.set(sink);
    Ok(printer)
}

/// A trace line (`--verbose`, `IBMCLOUD_TRACE`). Callers pass no secret; every known secret
/// and anything shaped like a token is redacted all the same.
pub(crate) fn trace(line: &str) {
    match TRACE.get() {
        Some(Some(Sink::Stderr)) => eprintln!("trace: {}", scrub(line)),
        Some(Some(Sink::File(file))) => {
            if let Ok(mut f) = file.lock() {
                let _ = writeln!(f, "trace: {}", scrub(line));
            }
        }
        _ => {}
    }
}

/// The printer of this run (text, no colour unless a terminal, before `init`).
pub(crate) fn printer() -> Printer {
    *PRINTER.get_or_init(|| Printer {
        format: Format::Text,
        quiet: false,
        color: use_color(Color::Auto, std::io::stderr().is_terminal(), crate::env::get),
    })
}

/// `--color` first; for `auto`: `NO_COLOR` (any non-empty value) turns colour off, then
/// `IBMCLOUD_COLOR=true|false` decides, then whether the stream is a terminal (not `TERM=dumb`).
pub(crate) fn use_color(
    choice: Color,
    is_terminal: bool,
    env: impl Fn(&str) -> Option<String>,
) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            if env(crate::env::NO_COLOR).is_some_and(|v| !v.is_empty()) {
                return false;
            }
            match env(crate::env::IBMCLOUD_COLOR).map(|v| v.to_ascii_lowercase()).as_deref() {
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
    /// Whether this run prints its report as JSON.
    #[must_use]
    pub(crate) fn json(self) -> bool {
        self.format == Format::Json
    }

    fn human(self) -> bool {
        self.format == Format::Text && !self.quiet
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
    pub(crate) fn progress(self, line: &str) {
        if self.human() {
            eprintln!("{}", scrub(line));
        }
    }

    /// A note that explains a choice cr-ext made for the user; not with JSON or `-q`.
    pub(crate) fn note(self, line: &str) {
        if self.human() {
            eprintln!("{} {}", self.paint("note:", Tone::Info), scrub(line));
        }
    }

    /// A warning; not with JSON or `-q`.
    pub(crate) fn warn(self, line: &str) {
        if self.human() {
            eprintln!("{} {}", self.paint("warning:", Tone::Caution), scrub(line));
        }
    }

    /// A warning that must be seen whatever the output format (stdout may carry JSON or YAML);
    /// not with `-q`.
    pub(crate) fn alert(self, line: &str) {
        if !self.quiet {
            eprintln!("{} {}", self.paint("warning:", Tone::Caution), scrub(line));
        }
    }

    /// The closing `OK`; not with JSON or `-q`.
    pub(crate) fn ok(self) {
        if self.human() {
            eprintln!("{}", self.paint("OK", Tone::Good));
        }
    }

    /// One of several failures: `error: …` on stderr (always).
    pub(crate) fn failure(self, error: &Error) {
        eprintln!("{} {}", self.paint("error:", Tone::Bad), scrub(&error.to_string()));
    }

    /// `FAILED`, the error and its hint, on stderr (always, even with `-q` or JSON).
    pub(crate) fn error(self, error: &Error) {
        let mut text = format!(
            "{}\n{} {}\n",
            self.paint("FAILED", Tone::Bad),
            self.paint("error:", Tone::Bad),
            scrub(&error.to_string())
        );
        if let Some(hint) = error.hint() {
            let _ = writeln!(text, "{} {}", self.paint("hint:", Tone::Info), scrub(&hint));
        }
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
}

/// The JSON form of an error, for `--output json` reports.
#[must_use]
pub(crate) fn error_json(error: &Error) -> Value {
    json!({
        "message": scrub(&error.to_string()),
        "hint": error.hint().map(|h| scrub(&h)),
        "exit_code": error.exit_code(),
    })
}

/// One line on stderr, scrubbed, whatever the format and `-q`: a rollback step, the
/// credential helper's one line for its client to pass on.
pub(crate) fn stderr_line(line: &str) {
    eprintln!("{}", scrub(line));
}

/// A question on stderr, without a newline, flushed (the answer is read from stdin).
pub(crate) fn prompt(question: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(scrub(question).as_bytes());
    let _ = err.flush();
}

/// Writes data to stdout as it is (a token, JSON, a completion script). A closed pipe
/// (`cr-ext regions | head -1`) is not an error; any other failure is.
///
/// # Errors
/// stdout cannot be written (`cr-ext token > /dev/full`).
pub(crate) fn stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::Write { path: PathBuf::from("standard output"), source: e })
        }
        _ => Ok(()),
    }
}

/// Writes human text built from outside strings to stdout, scrubbed.
///
/// # Errors
/// As [`stdout`].
pub(crate) fn text(text: &str) -> Result<()> {
    stdout(&scrub(text))
}

/// Writes one JSON document and a newline to stdout.
///
/// # Errors
/// As [`stdout`].
pub(crate) fn json(value: &serde_json::Value) -> Result<()> {
    stdout(&format!("{value}\n"))
}

/// The (year, month, day) of a count of days since 1970-01-01, proleptic Gregorian (Howard
/// Hinnant's days-to-civil algorithm).
#[must_use]
pub(crate) fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// `2026-11-27 18:04:05 UTC` for unix seconds (proleptic Gregorian, no leap seconds).
#[must_use]
pub(crate) fn utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, month, day) = civil(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// `59 min left`, `2 h 5 min left`, `3 min ago`.
#[must_use]
pub(crate) fn remaining(secs: i64) -> String {
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
    fn colour_decision_order() {
        let none = |_: &str| None;
        assert!(use_color(Color::Always, false, none));
        assert!(!use_color(Color::Never, true, none));
        assert!(use_color(Color::Auto, true, none));
        assert!(!use_color(Color::Auto, false, none));
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| (*v).to_owned())
        };
        assert!(!use_color(Color::Auto, true, env(&[("NO_COLOR", "1")])));
        assert!(use_color(Color::Auto, true, env(&[("NO_COLOR", "")])));
        assert!(!use_color(Color::Auto, true, env(&[("IBMCLOUD_COLOR", "false")])));
        assert!(use_color(Color::Auto, false, env(&[("IBMCLOUD_COLOR", "true")])));
        assert!(!use_color(
            Color::Auto,
            false,
            env(&[("IBMCLOUD_COLOR", "true"), ("NO_COLOR", "1")])
        ));
        assert!(!use_color(Color::Auto, true, env(&[("TERM", "dumb")])));
    }
}
