//! Fuzz target: the JWT decoder (src/credential/jwt.rs): any text as an IAM access token. The
//! assertions are in `cr_ext::fuzzing::jwt`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cr_ext::fuzzing::jwt(data));
