//! What every test module needs: a simulator with a recognisable secret, and a client for it.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use autotask::{ClientConfig, IntegrationCode, PacingPolicy, RetryPolicy, Secret};
use autotask_sim::{SeedProfile, SimConfig, SimHandle, Simulator};

/// Distinctive enough that finding it anywhere in output is a real leak.
pub const SECRET: &str = "sEcReT-7Qz-do-not-print-4242";

pub async fn sim(seed: SeedProfile) -> SimHandle {
    Simulator::start(SimConfig {
        secret: SECRET.into(),
        seed,
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts")
}

/// A client config for `sim`, with retries fast enough for tests.
pub fn config(sim: &SimHandle) -> ClientConfig {
    let c = sim.config();
    let mut cfg = ClientConfig::new(
        c.username.clone(),
        Secret::new(c.secret.clone()),
        IntegrationCode::resolve(Some(&c.integration_code)).expect("code"),
    )
    .with_zone_entry_url(&sim.zone_entry_url())
    .expect("loopback http is allowed");
    cfg.timeout = Duration::from_secs(5);
    cfg.retry = RetryPolicy {
        max_attempts: 4,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(40),
        max_retry_after: Duration::from_millis(100),
    };
    cfg.pacing = PacingPolicy {
        at_50_percent: Duration::from_millis(1),
        at_75_percent: Duration::from_millis(2),
    };
    cfg
}

pub fn client(sim: &SimHandle) -> autotask::Client {
    autotask::Client::new(config(sim)).expect("client")
}

/// Every log line of this test process from the first call on, at TRACE, in memory.
#[derive(Clone, Default)]
pub struct Capture(Arc<Mutex<Vec<u8>>>);

impl Capture {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Capture {
        self.clone()
    }
}

/// Installs the process-wide capture once. A global subscriber, not a thread-local one, so
/// tasks on every worker thread (the client's and the simulator's) are seen.
pub fn log_capture() -> Capture {
    static CAPTURE: OnceLock<Capture> = OnceLock::new();
    CAPTURE
        .get_or_init(|| {
            let capture = Capture::default();
            let subscriber = tracing_subscriber::fmt()
                .with_max_level(tracing::Level::TRACE)
                .with_ansi(false)
                .with_writer(capture.clone())
                .finish();
            tracing::subscriber::set_global_default(subscriber).expect("no other subscriber");
            capture
        })
        .clone()
}
