//! Fuzz target: the ibmcloud CLI's config.json as cr-ext reads it (src/ibmcloud.rs). The
//! process points `IBMCLOUD_CONFIG_HOME` at a directory of its own, where each input becomes
//! config.json, and clears the variables that would be read before the file. The assertions
//! are in `cr_ext::fuzzing::ibmcloud_config`.

#![no_main]

use std::sync::Once;

static SETUP: Once = Once::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    SETUP.call_once(|| {
        let dir = std::env::temp_dir().join(format!("cr-ext-fuzz-ibmcloud-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        // SAFETY: set once, before anything else in this process reads the environment.
        unsafe {
            std::env::set_var("IBMCLOUD_CONFIG_HOME", &dir);
            for name in [
                "IBMCLOUD_HTTP_TIMEOUT",
                "IBMCLOUD_TRACE",
                "BLUEMIX_TRACE",
                "IBMCLOUD_COLOR",
                "BLUEMIX_COLOR",
            ] {
                std::env::remove_var(name);
            }
        }
    });
    cr_ext::fuzzing::ibmcloud_config(data);
});
