// Keeps a console window from opening beside the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `zorus-autotask sync [--apply]` runs headless for scheduled jobs; anything else opens the
    // window.
    if args.first().map(String::as_str) == Some("sync") {
        std::process::exit(zorus_autotask_app::sync::main(&args[1..]));
    }
    zorus_autotask_app::run();
}
