//! One module per command. Each takes its parsed arguments and the run's printer, does its
//! work through the core modules (plan, credential, exec, files, output) and returns the exit
//! code. Commands never call each other.

pub(crate) mod clients;
pub(crate) mod configure;
pub(crate) mod doctor;
pub(crate) mod helper;
pub(crate) mod kubelet;
pub(crate) mod login;
pub(crate) mod plugin;
pub(crate) mod pull_secret;
pub(crate) mod regions;
pub(crate) mod service_key;
pub(crate) mod shell;
pub(crate) mod status;
pub(crate) mod token;
