//! The integration tests of cr-ext, in one binary (one link of the crate instead of one per
//! file): each module is a feature's tests, run against the real `cr-ext` binary in a
//! temporary world that `support` builds. End-to-end tests (real registry, real clients, real
//! shells) are `#[ignore]`d for a plain `cargo test`; `scripts/test.sh` runs them.

mod support;

mod doctor;
mod e2e;
mod e2e_helper;
mod generated;
mod helper;
mod iam;
mod identity;
mod kubelet;
mod login;
mod pull_secret;
mod regions_clients;
mod registry_token;
mod service_key;
mod shells;
mod signals;
mod targets;
