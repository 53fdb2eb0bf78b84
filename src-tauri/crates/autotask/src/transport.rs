//! One HTTP exchange and what its answer means: headers, sending, reading the body, decoding,
//! and turning a refusal into a retry decision and an error kind.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use url::Url;

use crate::config::ClientConfig;
use crate::error::{Error, Result};
use crate::retry::{Failure, Operation};

/// The credential headers (§1.1). The secret's value is marked sensitive so even a debug print
/// of the header map hides it.
pub(crate) fn credential_headers(config: &ClientConfig) -> Result<HeaderMap> {
    let mut h = HeaderMap::new();
    let value = |v: &str| {
        HeaderValue::from_str(v).map_err(|_| {
            Error::Config("a credential holds characters a header cannot carry".into())
        })
    };
    h.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    h.insert(
        HeaderName::from_static("apiintegrationcode"),
        value(config.integration_code.as_str())?,
    );
    h.insert(
        HeaderName::from_static("username"),
        value(&config.username)?,
    );
    let mut secret = value(config.secret.expose())?;
    secret.set_sensitive(true);
    h.insert(HeaderName::from_static("secret"), secret);
    if let Some(id) = config.impersonation_resource_id {
        h.insert(
            HeaderName::from_static("impersonationresourceid"),
            value(&id.to_string())?,
        );
    }
    Ok(h)
}

/// A complete answer.
pub(crate) struct Answer {
    pub status: StatusCode,
    pub body: Vec<u8>,
    pub retry_after: Option<Duration>,
}

/// Why no complete answer came.
#[derive(Debug)]
pub(crate) enum SendError {
    /// Nothing reached the service.
    Connect(String),
    /// The request went out; the answer never came or came incomplete.
    NoAnswer(String),
}

pub(crate) async fn send(
    http: &reqwest::Client,
    method: Method,
    url: Url,
    headers: Option<&HeaderMap>,
    body: Option<&[u8]>,
) -> std::result::Result<Answer, SendError> {
    let mut req = http.request(method, url);
    if let Some(h) = headers {
        req = req.headers(h.clone());
    }
    if let Some(b) = body {
        req = req.body(b.to_vec());
    }
    let resp = req.send().await.map_err(send_error)?;
    let status = resp.status();
    let retry_after = resp
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_retry_after);
    let body = resp
        .bytes()
        .await
        .map_err(|e| SendError::NoAnswer(format!("the answer was cut off: {}", error_chain(&e))))?;
    Ok(Answer {
        status,
        body: body.to_vec(),
        retry_after,
    })
}

fn send_error(e: reqwest::Error) -> SendError {
    let text = error_chain(&e);
    if e.is_connect() {
        SendError::Connect(text)
    } else if e.is_timeout() {
        SendError::NoAnswer(format!("timed out: {text}"))
    } else {
        SendError::NoAnswer(text)
    }
}

/// The error and its causes on one line. reqwest's own text names the URL, never headers.
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// `Retry-After` as seconds or an HTTP date (one client handles both, §11.1).
fn parse_retry_after(v: &str) -> Option<Duration> {
    if let Ok(secs) = v.trim().parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(v.trim()).ok()?;
    let wait = at.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

/// A body that could not be decoded.
pub(crate) enum DecodeError {
    /// The JSON ended early: the answer was cut off on the way.
    Truncated(String),
    /// Complete JSON of the wrong shape.
    Shape { path: String, message: String },
}

pub(crate) fn decode<T: DeserializeOwned>(body: &[u8]) -> std::result::Result<T, DecodeError> {
    match serde_json::from_slice(body) {
        Ok(v) => Ok(v),
        Err(e) if e.is_eof() => Err(DecodeError::Truncated(e.to_string())),
        // Tracking the path costs an allocation per key, so it is paid only to explain a failure.
        Err(e) => Err(locate::<T>(body).unwrap_or(DecodeError::Shape {
            path: ".".into(),
            message: e.to_string(),
        })),
    }
}

fn locate<T: DeserializeOwned>(body: &[u8]) -> Option<DecodeError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(_) => None,
        Err(e) => {
            let path = e.path().to_string();
            Some(DecodeError::Shape {
                path,
                message: e.into_inner().to_string(),
            })
        }
    }
}

/// `{"errors": [...]}` (§1.5). Strings, or objects with a message as one client guards for.
pub(crate) fn error_messages(body: &[u8], secret: &str) -> Vec<String> {
    #[derive(Deserialize)]
    struct Body {
        #[serde(default, alias = "Errors")]
        errors: Vec<serde_json::Value>,
    }
    let messages = match serde_json::from_slice::<Body>(body) {
        Ok(b) => b
            .errors
            .into_iter()
            .map(|e| match e {
                serde_json::Value::String(s) => s,
                serde_json::Value::Object(o) => o
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case("message"))
                    .and_then(|(_, v)| v.as_str().map(str::to_string))
                    .unwrap_or_else(|| serde_json::Value::Object(o.clone()).to_string()),
                other => other.to_string(),
            })
            .collect(),
        Err(_) => {
            let text = String::from_utf8_lossy(body);
            let text = text.trim();
            if text.is_empty() {
                vec![]
            } else {
                vec![text.chars().take(500).collect()]
            }
        }
    };
    messages.into_iter().map(|m| scrub(&m, secret)).collect()
}

/// Removes the secret from text that came from outside, should a service ever echo it.
pub(crate) fn scrub(text: &str, secret: &str) -> String {
    if secret.is_empty() {
        text.to_string()
    } else {
        text.replace(secret, "<redacted>")
    }
}

/// What a non-200 answer means for retrying, and the error to report if retrying ends.
pub(crate) fn classify(
    answer: &Answer,
    op: Operation,
    entity: &str,
    verb: &Method,
    what: &str,
    secret: &str,
) -> (Failure, Error) {
    let status = answer.status.as_u16();
    let messages = error_messages(&answer.body, secret);
    let text = messages.join(" ").to_ascii_lowercase();
    let first = || messages.first().cloned().unwrap_or_default();
    // The thread-limit refusal may come with any status (§7.3); its text is what identifies it.
    if text.contains("itgenatr005") || text.contains("thread threshold") {
        return (
            Failure::ThreadLimit,
            Error::ThreadLimit {
                entity: entity.to_string(),
                message: first(),
            },
        );
    }
    match status {
        429 => (
            Failure::Threshold,
            Error::ThresholdReached {
                message: first(),
                retry_after: answer.retry_after,
            },
        ),
        403 => (Failure::Refused, Error::Forbidden { messages }),
        404 => (
            Failure::Refused,
            Error::NotFound {
                what: what.to_string(),
            },
        ),
        400..=499 => (Failure::Refused, Error::Validation { status, messages }),
        // A wrong integration code is answered with 500 (§12b); its exact text is not published,
        // so this matches the words any such message would contain.
        500 if text.contains("integrationcode") || text.contains("integration code") => (
            Failure::Refused,
            Error::IntegrationCodeRefused { message: first() },
        ),
        // Some permission failures come as 500 (§7.1).
        500 if text.contains("permission") && !text.contains("no matching records") => {
            (Failure::Refused, Error::Forbidden { messages })
        }
        // Business-rule refusals of writes are 500 with messages (§6): nothing was written.
        500 if op != Operation::Read && !messages.is_empty() => {
            (Failure::Status(500), Error::Validation { status, messages })
        }
        500..=599 if op == Operation::Create => (
            Failure::Status(status),
            Error::UnknownOutcome {
                verb: verb.to_string(),
                entity: entity.to_string(),
                reason: format!("HTTP {status} without an explanation"),
            },
        ),
        _ => (Failure::Status(status), Error::Server { status, messages }),
    }
}
