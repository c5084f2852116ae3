//! Fuzz target: IAM's token and admin answers (src/credential/iam.rs, iam_admin.rs): two bytes of
//! status, then the body. The assertions are in `cr_ext::fuzzing::iam_answer`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cr_ext::fuzzing::iam_answer(data));
