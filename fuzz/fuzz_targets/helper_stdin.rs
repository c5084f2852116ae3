//! Fuzz target: the credential helper's stdin for `get` (src/commands/helper.rs) and whom it
//! serves. The assertions are in `cr_ext::fuzzing::helper_stdin`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cr_ext::fuzzing::helper_stdin(data));
