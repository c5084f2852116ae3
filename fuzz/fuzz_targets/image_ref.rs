//! Fuzz target: an image reference `[HOST/]NAMESPACE/REPOSITORY[:TAG][@DIGEST]`, as `doctor`
//! takes it (src/registry.rs). The assertions are in `cr_ext::fuzzing::image_ref`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cr_ext::fuzzing::image_ref(data));
