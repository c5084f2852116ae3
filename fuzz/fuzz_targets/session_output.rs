//! Fuzz target: what `ibmcloud iam oauth-tokens` prints, JSON and text (src/credential/session.rs).
//! The assertions are in `cr_ext::fuzzing::session_output`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cr_ext::fuzzing::session_output(data));
