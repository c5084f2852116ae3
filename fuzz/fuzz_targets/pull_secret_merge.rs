//! Fuzz target: the file `pull-secret --merge` builds on (src/commands/pull_secret.rs via
//! authfile::read_dockerconfig). The assertions are in `cr_ext::fuzzing::pull_secret_merge`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cr_ext::fuzzing::pull_secret_merge(data));
