//! The `cr-ext` binary: runs the library and turns its result into the process exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    match cr_ext::run(std::env::args_os()) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            cr_ext::output::printer().error(&error);
            ExitCode::from(error.exit_code())
        }
    }
}
