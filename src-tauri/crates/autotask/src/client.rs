//! The client: zone, credentials, limits and retries around every request.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use reqwest::header::HeaderMap;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use tracing::Instrument;
use url::Url;

use crate::config::ClientConfig;
use crate::endpoint;
use crate::error::{Error, Result};
use crate::limits::{pacing_delay, EntityLimiter, Usage, UsageTracker};
use crate::models::FieldInfo;
use crate::retry::{self, Decision, Failure, Operation};
use crate::transport::{self, DecodeError, SendError};
use crate::zone::{ZoneCache, ZoneInfo};

/// An Autotask REST client. Cheap to clone; clones share zone, limits and counters.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) config: ClientConfig,
    http: reqwest::Client,
    headers: HeaderMap,
    zones: Arc<ZoneCache>,
    limiter: EntityLimiter,
    pub(crate) usage: UsageTracker,
    pub(crate) fields: Mutex<HashMap<String, Arc<Vec<FieldInfo>>>>,
    jitter_seed: RandomState,
    jitter_counter: AtomicU64,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

/// Where a request goes: a path under `{zone}/V1.0/`, or a URL the service gave us.
#[derive(Debug, Clone)]
pub(crate) enum Target {
    Path(String),
    Absolute(Url),
}

/// One logical request, retried as a whole.
pub(crate) struct Call<'a> {
    pub method: Method,
    pub target: Target,
    pub body: Option<Vec<u8>>,
    pub op: Operation,
    /// Names the request in spans and errors.
    pub entity: &'a str,
    /// Thread-limit buckets this request occupies.
    pub buckets: Vec<&'a str>,
}

impl Client {
    /// A client with its own zone cache.
    pub fn new(config: ClientConfig) -> Result<Client> {
        let ttl = config.zone_ttl;
        Client::with_zone_cache(config, Arc::new(ZoneCache::new(ttl)))
    }

    /// A client sharing a zone cache with others (one discovery per username per TTL).
    pub fn with_zone_cache(config: ClientConfig, zones: Arc<ZoneCache>) -> Result<Client> {
        config.validate()?;
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout)
            .user_agent(config.user_agent.clone())
            // A redirect would carry the credential headers to wherever it points.
            .redirect(reqwest::redirect::Policy::none())
            .min_tls_version(reqwest::tls::Version::TLS_1_2)
            .build()
            .map_err(|e| Error::Config(format!("HTTP client: {e}")))?;
        let headers = transport::credential_headers(&config)?;
        Ok(Client {
            inner: Arc::new(Inner {
                limiter: EntityLimiter::new(config.max_concurrency_per_entity),
                usage: UsageTracker::new(config.assumed_hourly_threshold),
                config,
                http,
                headers,
                zones,
                fields: Mutex::default(),
                jitter_seed: RandomState::new(),
                jitter_counter: AtomicU64::new(0),
            }),
        })
    }

    pub fn config(&self) -> &ClientConfig {
        &self.inner.config
    }

    /// What the client knows of the tenant's hourly usage.
    pub fn usage(&self) -> Usage {
        self.inner.usage.snapshot()
    }

    /// The zone for this username: from the cache, or discovered now.
    pub async fn zone(&self) -> Result<ZoneInfo> {
        let username = &self.inner.config.username;
        if let Some(z) = self.inner.zones.get(username) {
            return Ok(z);
        }
        let zone = self.discover_zone().await?;
        self.inner.zones.insert(username, zone.clone());
        Ok(zone)
    }

    async fn discover_zone(&self) -> Result<ZoneInfo> {
        let cfg = &self.inner.config;
        let mut url = Url::parse(&format!(
            "{}/v1.0/zoneInformation",
            cfg.zone_entry_url.as_str().trim_end_matches('/')
        ))
        .map_err(|e| Error::Config(format!("zone entry URL: {e}")))?;
        url.query_pairs_mut().append_pair("user", &cfg.username);
        endpoint::check_transport(&url)?;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let span = tracing::debug_span!(
                "autotask.zone",
                attempt,
                status = tracing::field::Empty,
                duration_ms = tracing::field::Empty
            );
            let started = Instant::now();
            // Sent without credentials: the lookup needs none, and they belong to the zone host.
            let sent = transport::send(&self.inner.http, Method::GET, url.clone(), None, None)
                .instrument(span.clone())
                .await;
            span.record("duration_ms", started.elapsed().as_millis() as u64);
            let failure = match sent {
                Ok(answer) => {
                    span.record("status", answer.status.as_u16());
                    if answer.status.is_success() {
                        return match transport::decode::<ZoneInfo>(&answer.body) {
                            Ok(zone) => {
                                zone.api_base()?;
                                tracing::debug!(parent: &span, zone = ?zone.zone_name, "zone discovered");
                                Ok(zone)
                            }
                            Err(e) => Err(decode_error(e)),
                        };
                    }
                    let messages = transport::error_messages(&answer.body, cfg.secret.expose());
                    // An unknown username is answered with 500 (§2.2).
                    if answer.status.as_u16() == 500 {
                        return Err(Error::UnknownUserOrZone {
                            username: cfg.username.clone(),
                            message: messages.join("; "),
                        });
                    }
                    let status = answer.status.as_u16();
                    if answer.status.is_client_error() {
                        // Not the user's fault but the entry URL's: it is not a zone lookup.
                        return Err(Error::Config(format!(
                            "zone lookup at {} answered HTTP {status}: {}",
                            cfg.zone_entry_url,
                            messages.join("; ")
                        )));
                    }
                    (Failure::Status(status), Error::Server { status, messages })
                }
                Err(SendError::Connect(m)) => {
                    (Failure::ConnectFailed, Error::Transport { message: m })
                }
                Err(SendError::NoAnswer(m)) => (Failure::NoAnswer, Error::Transport { message: m }),
            };
            match retry::decide(
                &cfg.retry,
                Operation::Read,
                failure.0,
                attempt,
                None,
                self.jitter(),
            ) {
                Decision::RetryAfter(d) => tokio::time::sleep(d).await,
                Decision::GiveUp => return Err(failure.1),
            }
        }
    }

    fn jitter(&self) -> f64 {
        let n = self.inner.jitter_counter.fetch_add(1, Ordering::Relaxed);
        (self.inner.jitter_seed.hash_one(n) >> 11) as f64 / (1u64 << 53) as f64
    }

    async fn pace(&self) {
        let usage = self.inner.usage.snapshot();
        let delay = pacing_delay(
            &self.inner.config.pacing,
            usage.estimated_used,
            usage.threshold,
        );
        if !delay.is_zero() {
            self.inner.usage.record_paced();
            tracing::debug!(
                used = usage.estimated_used,
                threshold = usage.threshold,
                delay_ms = delay.as_millis() as u64,
                "hourly usage is high; pausing"
            );
            tokio::time::sleep(delay).await;
        }
    }

    /// Sends a call until it succeeds or the retry policy gives up, and decodes the answer.
    pub(crate) async fn execute<T: DeserializeOwned>(&self, call: &Call<'_>) -> Result<T> {
        let cfg = &self.inner.config;
        let secret = cfg.secret.expose();
        let mut attempt: u32 = 0;
        let mut rediscovered = false;
        loop {
            attempt += 1;
            let zone = self.zone().await?;
            let api = zone.api_base()?;
            let url = match &call.target {
                Target::Path(p) => api
                    .join(&format!("V1.0/{p}"))
                    .map_err(|e| Error::Config(format!("request path {p}: {e}")))?,
                Target::Absolute(u) => {
                    endpoint::check_same_zone(u, &api)?;
                    u.clone()
                }
            };
            self.pace().await;
            let permits = self.inner.limiter.acquire(&call.buckets).await;
            self.inner.usage.record_request();
            let span = tracing::debug_span!(
                "autotask.request",
                entity = call.entity,
                verb = %call.method,
                path = url.path(),
                attempt,
                status = tracing::field::Empty,
                duration_ms = tracing::field::Empty,
            );
            let started = Instant::now();
            let sent = transport::send(
                &self.inner.http,
                call.method.clone(),
                url.clone(),
                Some(&self.inner.headers),
                call.body.as_deref(),
            )
            .instrument(span.clone())
            .await;
            drop(permits);
            span.record("duration_ms", started.elapsed().as_millis() as u64);
            let what = format!("{} {}", call.method, url.path());
            let (failure, error, retry_after) = match sent {
                Ok(answer) => {
                    span.record("status", answer.status.as_u16());
                    if answer.status == reqwest::StatusCode::OK {
                        match transport::decode::<T>(&answer.body) {
                            Ok(v) => {
                                tracing::debug!(parent: &span, "done");
                                return Ok(v);
                            }
                            Err(DecodeError::Truncated(m)) => (
                                Failure::NoAnswer,
                                self.lost(call, format!("the answer was cut off: {m}")),
                                None,
                            ),
                            Err(DecodeError::Shape { path, message }) => {
                                if call.op == Operation::Create {
                                    // It was created (200), but we cannot tell its id.
                                    return Err(Error::UnknownOutcome {
                                        verb: call.method.to_string(),
                                        entity: call.entity.to_string(),
                                        reason: format!("unreadable answer at {path}: {message}"),
                                    });
                                }
                                return Err(Error::Decode { path, message });
                            }
                        }
                    } else if answer.status == reqwest::StatusCode::UNAUTHORIZED {
                        tracing::debug!(parent: &span, "credentials refused");
                        if !rediscovered {
                            // The tenant may have moved zone (one client does the same, §1.3).
                            rediscovered = true;
                            self.inner.zones.invalidate(&cfg.username);
                            let fresh = self.zone().await?;
                            if fresh.api_base()? != api {
                                tracing::info!(zone = ?fresh.zone_name, "zone changed; trying the new zone");
                                attempt -= 1;
                                continue;
                            }
                        }
                        return Err(Error::InvalidCredentials);
                    } else {
                        let (f, e) = transport::classify(
                            &answer,
                            call.op,
                            call.entity,
                            &call.method,
                            &what,
                            secret,
                        );
                        (f, e, answer.retry_after)
                    }
                }
                Err(SendError::Connect(m)) => (
                    Failure::ConnectFailed,
                    Error::Transport { message: m },
                    None,
                ),
                Err(SendError::NoAnswer(m)) => (Failure::NoAnswer, self.lost(call, m), None),
            };
            let decision = retry::decide(
                &cfg.retry,
                call.op,
                failure,
                attempt,
                retry_after,
                self.jitter(),
            );
            match decision {
                Decision::RetryAfter(delay) => {
                    tracing::debug!(
                        parent: &span,
                        error = %error,
                        delay_ms = delay.as_millis() as u64,
                        "retrying"
                    );
                    tokio::time::sleep(delay).await;
                }
                Decision::GiveUp => {
                    tracing::debug!(parent: &span, error = %error, "giving up");
                    return Err(error);
                }
            }
        }
    }

    /// The error for a request that went out and got no complete answer.
    fn lost(&self, call: &Call<'_>, reason: String) -> Error {
        let reason = transport::scrub(&reason, self.inner.config.secret.expose());
        if call.op == Operation::Create {
            Error::UnknownOutcome {
                verb: call.method.to_string(),
                entity: call.entity.to_string(),
                reason,
            }
        } else {
            Error::Transport { message: reason }
        }
    }

    pub(crate) fn body<B: Serialize + ?Sized>(body: &B) -> Result<Vec<u8>> {
        serde_json::to_vec(body).map_err(|e| Error::Config(format!("request body: {e}")))
    }
}

pub(crate) fn read_call(entity: &str, path: String) -> Call<'_> {
    Call {
        method: Method::GET,
        target: Target::Path(path),
        body: None,
        op: Operation::Read,
        entity,
        buckets: vec![entity],
    }
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

pub(crate) fn decode_error(e: DecodeError) -> Error {
    match e {
        DecodeError::Truncated(m) => Error::Transport {
            message: format!("the answer was cut off: {m}"),
        },
        DecodeError::Shape { path, message } => Error::Decode { path, message },
    }
}
