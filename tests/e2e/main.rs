//! The real app window, driven through tauri-driver and WebKitWebDriver, against the Autotask and
//! Zorus simulators started in this process. The tests are `#[ignore]`d: they need a display, a
//! session bus and a Secret Service, which `scripts/test-all.sh` provides (Xvfb,
//! dbus-run-session, scripts/with-secret-service.sh). Screenshots go to tests/artifacts/.

mod demo;
mod harness;
mod journey;
mod webdriver;
