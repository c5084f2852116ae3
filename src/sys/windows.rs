//! Windows: not written yet. It is to give the same functions as `unix.rs`: opens that do not
//! block (a plain open), private files left to the user profile's ACL, a job object that
//! kills a child's whole tree, console control events for Ctrl-C, a copy of the executable
//! as `docker-credential-cr-ext.exe`, and no runtime directory. Until then a Windows build
//! stops here, with this one message, instead of at every Unix call.

compile_error!(
    "cr-ext does not build for Windows yet: src/sys/windows.rs (job objects, console control events) is still to be written"
);
