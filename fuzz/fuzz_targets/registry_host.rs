//! Fuzz target: `--registry HOST[:PORT]` validation and host normalization (src/registry.rs). The
//! assertions are in `cr_ext::fuzzing::registry_host`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cr_ext::fuzzing::registry_host(data));
