//! The HTTP client: headers, paging, de-duplication and the client-side filter check.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, SecondsFormat, Utc};
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, RETRY_AFTER};
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};

use crate::config::ClientConfig;
use crate::counting::{CountedCustomer, CountingRule};
use crate::error::{Error, Result};
use crate::model::{Customer, Endpoint};
use crate::retry::delay_before_retry;

/// What a paged search returned, and what it dropped on the way.
#[derive(Debug, Clone)]
pub struct Fetched<T> {
    pub items: Vec<T>,
    /// Requests made, one per page.
    pub pages: u32,
    /// Items dropped because an earlier page already held their uuid.
    pub duplicates: u32,
    /// Items dropped because they did not match the filter that was sent.
    pub filtered_out: u32,
}

/// Filters for the customer search (§2.1). Each is sent to the server and checked again here.
#[derive(Debug, Clone, Default)]
pub struct CustomerFilter {
    /// Substring of the name, without regard to case.
    pub name_contains: Option<String>,
    /// Leave empty to get enabled and disabled customers (§4 recommends showing both).
    pub is_enabled: Option<bool>,
    pub uuid_equals: Option<String>,
}

impl CustomerFilter {
    fn body(&self) -> Map<String, Value> {
        let mut body = Map::new();
        if let Some(s) = &self.name_contains {
            body.insert("nameContains".into(), json!(s));
        }
        if let Some(b) = self.is_enabled {
            body.insert("isEnabled".into(), json!(b));
        }
        if let Some(u) = &self.uuid_equals {
            body.insert("uuidEquals".into(), json!(u));
        }
        body
    }

    fn matches(&self, c: &Customer) -> bool {
        let name_ok = self.name_contains.as_ref().is_none_or(|n| {
            c.name
                .as_deref()
                .is_some_and(|name| name.to_lowercase().contains(&n.to_lowercase()))
        });
        name_ok
            && self.is_enabled.is_none_or(|e| c.is_enabled == e)
            && self
                .uuid_equals
                .as_ref()
                .is_none_or(|u| c.uuid.eq_ignore_ascii_case(u))
    }
}

/// Filters for the endpoint search (§2.2). Each is sent to the server and checked again here:
/// one production client found the customer filter ignored (§2.3).
#[derive(Debug, Clone, Default)]
pub struct EndpointFilter {
    /// Sent as `customerUuidEquals` for one uuid, `customerUuidIn` for several.
    pub customer_uuids: Vec<String>,
    /// Only endpoints seen after this instant (`lastSeenAfter`), for the "active" rule.
    pub last_seen_after: Option<DateTime<Utc>>,
    pub is_enabled: Option<bool>,
}

impl EndpointFilter {
    pub fn for_customer(uuid: &str) -> EndpointFilter {
        EndpointFilter {
            customer_uuids: vec![uuid.to_string()],
            ..EndpointFilter::default()
        }
    }

    fn body(&self) -> Map<String, Value> {
        let mut body = Map::new();
        match self.customer_uuids.as_slice() {
            [] => {}
            [one] => {
                body.insert("customerUuidEquals".into(), json!(one));
            }
            many => {
                body.insert("customerUuidIn".into(), json!(many));
            }
        }
        if let Some(t) = self.last_seen_after {
            body.insert(
                "lastSeenAfter".into(),
                json!(t.to_rfc3339_opts(SecondsFormat::Secs, true)),
            );
        }
        if let Some(b) = self.is_enabled {
            body.insert("isEnabled".into(), json!(b));
        }
        body
    }

    fn matches(&self, e: &Endpoint) -> bool {
        let customer_ok = self.customer_uuids.is_empty()
            || e.customer_uuid.as_deref().is_some_and(|u| {
                self.customer_uuids
                    .iter()
                    .any(|want| want.eq_ignore_ascii_case(u))
            });
        let seen_ok = self
            .last_seen_after
            .is_none_or(|t| e.last_seen_date_utc.is_some_and(|s| s > t));
        customer_ok && seen_ok && self.is_enabled.is_none_or(|b| e.is_enabled == b)
    }
}

trait Keyed {
    fn uuid(&self) -> &str;
}

impl Keyed for Customer {
    fn uuid(&self) -> &str {
        &self.uuid
    }
}

impl Keyed for Endpoint {
    fn uuid(&self) -> &str {
        &self.uuid
    }
}

/// A Zorus API client. Requests go one at a time: no rate limit is documented (§3), so the
/// client stays polite by never running two at once.
pub struct Client {
    http: reqwest::Client,
    config: ClientConfig,
    requests: AtomicU64,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.config.base_url.as_str())
            .finish_non_exhaustive()
    }
}

impl Client {
    pub fn new(config: ClientConfig) -> Result<Client> {
        config.validate()?;
        let mut auth = HeaderValue::from_str(&format!("Impersonation {}", config.api_key.expose()))
            .map_err(|_| {
                Error::Config("the API key holds characters a header cannot carry".into())
            })?;
        // Keeps the header out of reqwest's and hyper's debug output.
        auth.set_sensitive(true);
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, auth);
        headers.insert("Zorus-Api-Version", HeaderValue::from_static("1.0"));
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout)
            .user_agent(config.user_agent.clone())
            // The key must never follow a redirect to another host.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::Config(format!("HTTP client: {e}")))?;
        Ok(Client {
            http,
            config,
            requests: AtomicU64::new(0),
        })
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// Requests sent so far, answered or not.
    pub fn requests_made(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// Checks a key before it is saved: the cheapest call that needs a valid one (§1.3).
    pub async fn probe(&self) -> Result<()> {
        let body = json!({ "page": 1, "pageSize": 1 });
        let _: Vec<Value> = self.post("api/customers/search", &body).await?;
        Ok(())
    }

    /// Every customer matching `filter`, all pages. Fails if any customer has a blank name, so
    /// a caller never syncs half a list or a blank name.
    pub async fn customers(&self, filter: &CustomerFilter) -> Result<Fetched<Customer>> {
        let fetched = self
            .search(
                "api/customers/search",
                filter.body(),
                self.config.customer_page_size,
                |c: &Customer| filter.matches(c),
            )
            .await?;
        if let Some(c) = fetched.items.iter().find(|c| c.display_name().is_empty()) {
            return Err(Error::EmptyCustomerName {
                uuid: c.uuid.clone(),
            });
        }
        Ok(fetched)
    }

    /// Every endpoint matching `filter`, all pages.
    pub async fn endpoints(&self, filter: &EndpointFilter) -> Result<Fetched<Endpoint>> {
        self.search(
            "api/endpoints/search",
            filter.body(),
            self.config.endpoint_page_size,
            |e: &Endpoint| filter.matches(e),
        )
        .await
    }

    /// Every customer with its seat count under `rule`. The endpoint-based rule fetches all
    /// endpoints seen in the window in one paged sweep and groups them here, which costs far
    /// fewer calls than one search per customer (§2.3).
    pub async fn count_customers(
        &self,
        rule: CountingRule,
        now: DateTime<Utc>,
    ) -> Result<Vec<CountedCustomer>> {
        let customers = self.customers(&CustomerFilter::default()).await?.items;
        let endpoints = match rule.seen_since(now) {
            Some(since) => {
                let filter = EndpointFilter {
                    last_seen_after: Some(since),
                    ..EndpointFilter::default()
                };
                self.endpoints(&filter).await?.items
            }
            None => Vec::new(),
        };
        Ok(rule.count_all(customers, &endpoints, now))
    }

    async fn search<T, F>(
        &self,
        path: &str,
        filters: Map<String, Value>,
        page_size: u32,
        keep: F,
    ) -> Result<Fetched<T>>
    where
        T: DeserializeOwned + Keyed,
        F: Fn(&T) -> bool,
    {
        let mut body = filters;
        // An explicit sort keeps the page order stable between calls (§2.0).
        body.insert("sortProperty".into(), json!("Name"));
        body.insert("sortAscending".into(), json!(true));
        body.insert("pageSize".into(), json!(page_size));
        let mut fetched = Fetched {
            items: Vec::new(),
            pages: 0,
            duplicates: 0,
            filtered_out: 0,
        };
        let mut seen = HashSet::new();
        for page in 1..=self.config.max_pages {
            body.insert("page".into(), json!(page));
            let batch: Vec<T> = self.post(path, &Value::Object(body.clone())).await?;
            fetched.pages += 1;
            let len = batch.len();
            for item in batch {
                if !seen.insert(item.uuid().to_ascii_lowercase()) {
                    fetched.duplicates += 1;
                } else if keep(&item) {
                    fetched.items.push(item);
                } else {
                    fetched.filtered_out += 1;
                }
            }
            // No total is ever sent (§2.0): a short page, or an empty one, is the end.
            if len < page_size as usize {
                if fetched.duplicates > 0 || fetched.filtered_out > 0 {
                    tracing::warn!(
                        path,
                        duplicates = fetched.duplicates,
                        filtered_out = fetched.filtered_out,
                        "Zorus search returned items it should not have; they were dropped"
                    );
                }
                return Ok(fetched);
            }
        }
        Err(Error::PageCapReached {
            pages: self.config.max_pages,
        })
    }

    /// One call, repeated after transient failures as the retry policy says.
    async fn post<T: DeserializeOwned>(&self, path: &str, body: &Value) -> Result<T> {
        let mut retries = 0;
        loop {
            match self.post_once(path, body).await {
                Ok(value) => return Ok(value),
                Err(err) => match delay_before_retry(&self.config.retry, retries, &err) {
                    Some(wait) => {
                        tracing::warn!(path, error = %err, ?wait, "Zorus call failed; retrying");
                        tokio::time::sleep(wait).await;
                        retries += 1;
                    }
                    None => return Err(err),
                },
            }
        }
    }

    async fn post_once<T: DeserializeOwned>(&self, path: &str, body: &Value) -> Result<T> {
        let url = self
            .config
            .base_url
            .join(path)
            .map_err(|e| Error::Config(format!("URL: {e}")))?;
        self.requests.fetch_add(1, Ordering::Relaxed);
        let response = self
            .http
            .post(url)
            .json(body)
            .send()
            .await
            .map_err(|e| self.transport(e))?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let bytes = response.bytes().await.map_err(|e| self.transport(e))?;
        if status != 200 {
            return Err(self.status_error(status, &bytes, retry_after));
        }
        let mut de = serde_json::Deserializer::from_slice(&bytes);
        serde_path_to_error::deserialize(&mut de).map_err(|e| Error::MalformedJson {
            path: e.path().to_string(),
            message: self.config.api_key.scrub(&e.inner().to_string()),
        })
    }

    fn transport(&self, e: reqwest::Error) -> Error {
        if e.is_timeout() {
            return Error::Timeout;
        }
        // reqwest's message alone ("error sending request") hides the cause; the chain has it.
        let mut text = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            text.push_str(": ");
            text.push_str(&s.to_string());
            source = s.source();
        }
        Error::Transport(self.config.api_key.scrub(&text))
    }

    fn status_error(&self, status: u16, body: &[u8], retry_after_secs: Option<u64>) -> Error {
        let detail = self.config.api_key.scrub(&detail_of(body));
        match status {
            // 403 is not in the reference; a user without rights needs the same fix as a bad key.
            401 | 403 => Error::InvalidKey { status },
            400 | 406 | 422 => Error::Rejected { status, detail },
            429 | 500..=599 => Error::Server {
                status,
                detail,
                retry_after_secs,
            },
            _ => Error::UnexpectedStatus { status, detail },
        }
    }
}

/// The readable part of an error body. Its format is undocumented (§3): problem details,
/// `message` in either case, or plain text.
fn detail_of(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    if let Ok(Value::Object(map)) = serde_json::from_str::<Value>(&text) {
        for key in ["detail", "message", "Message", "error", "title"] {
            if let Some(s) = map.get(key).and_then(Value::as_str) {
                return clip(s);
            }
        }
    }
    clip(text.trim())
}

fn clip(s: &str) -> String {
    const MAX: usize = 300;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
