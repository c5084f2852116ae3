//! The `cr-ext` binary: runs the library and turns its result into the process exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(cr_ext::run(std::env::args_os()))
}
