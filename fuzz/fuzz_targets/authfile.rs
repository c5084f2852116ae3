//! Fuzz target: docker's and the containers tools' credentials files (src/authfile.rs) and a
//! helper's `list` answer. The assertions are in `cr_ext::fuzzing::authfile`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cr_ext::fuzzing::authfile(data));
