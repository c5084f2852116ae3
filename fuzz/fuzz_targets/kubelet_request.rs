//! Fuzz target: the kubelet credential provider's request reader (src/kubelet.rs): any bytes
//! as the kubelet's stdin. The assertions are in `cr_ext::fuzzing::kubelet_request`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| cr_ext::fuzzing::kubelet_request(data));
