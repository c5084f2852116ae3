//! Fuzz target: a registry's `WWW-Authenticate` challenge, its token server's answer and its
//! error bodies, as `doctor` reads them (src/probe.rs). The assertions are in
//! `cr_ext::fuzzing::registry_answer`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cr_ext::fuzzing::registry_answer(data));
