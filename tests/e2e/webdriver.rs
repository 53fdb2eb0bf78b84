//! The few WebDriver calls the tests make, as JSON over HTTP to tauri-driver on localhost.

use base64::Engine;
use serde_json::{json, Value};

/// The W3C key under which an element reference travels.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

#[derive(Debug)]
pub struct WdError(pub String);

impl std::fmt::Display for WdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub type Result<T> = std::result::Result<T, WdError>;

pub struct Session {
    http: reqwest::Client,
    url: String,
}

pub struct Element<'s> {
    session: &'s Session,
    id: String,
}

async fn send(
    http: &reqwest::Client,
    method: reqwest::Method,
    url: &str,
    body: Option<Value>,
) -> Result<Value> {
    let mut req = http.request(method, url);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let reply: Value = req
        .send()
        .await
        .map_err(|e| WdError(format!("{url}: {e}")))?
        .json()
        .await
        .map_err(|e| WdError(format!("{url}: {e}")))?;
    let value = reply.get("value").cloned().unwrap_or(Value::Null);
    if let Some(err) = value.get("error").and_then(Value::as_str) {
        let message = value.get("message").and_then(Value::as_str).unwrap_or("");
        return Err(WdError(format!("{err}: {message}")));
    }
    Ok(value)
}

impl Session {
    pub async fn start(server: &str, capabilities: Value) -> Result<Session> {
        let http = reqwest::Client::new();
        let value = send(
            &http,
            reqwest::Method::POST,
            &format!("{server}/session"),
            Some(json!({ "capabilities": { "alwaysMatch": capabilities } })),
        )
        .await?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| WdError(format!("no session id in {value}")))?;
        Ok(Session {
            http,
            url: format!("{server}/session/{id}"),
        })
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value> {
        send(&self.http, method, &format!("{}{path}", self.url), body).await
    }

    pub async fn find(&self, css: &str) -> Result<Element<'_>> {
        let v = self
            .call(
                reqwest::Method::POST,
                "/element",
                Some(json!({"using": "css selector", "value": css})),
            )
            .await?;
        let id = v[ELEMENT]
            .as_str()
            .ok_or_else(|| WdError(format!("no element in {v}")))?;
        Ok(Element {
            session: self,
            id: id.to_string(),
        })
    }

    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.call(
            reqwest::Method::POST,
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
        .await
    }

    pub async fn screenshot(&self) -> Result<Vec<u8>> {
        let v = self.call(reqwest::Method::GET, "/screenshot", None).await?;
        base64::engine::general_purpose::STANDARD
            .decode(v.as_str().unwrap_or_default())
            .map_err(|e| WdError(format!("screenshot: {e}")))
    }

    pub async fn source(&self) -> Result<String> {
        let v = self.call(reqwest::Method::GET, "/source", None).await?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    /// Ends the session, which closes the app.
    pub async fn close(self) -> Result<()> {
        send(&self.http, reqwest::Method::DELETE, &self.url, None)
            .await
            .map(|_| ())
    }
}

impl Element<'_> {
    async fn call(
        &self,
        method: reqwest::Method,
        what: &str,
        body: Option<Value>,
    ) -> Result<Value> {
        self.session
            .call(method, &format!("/element/{}{what}", self.id), body)
            .await
    }

    pub async fn click(&self) -> Result<()> {
        self.call(reqwest::Method::POST, "/click", Some(json!({})))
            .await
            .map(|_| ())
    }

    pub async fn clear(&self) -> Result<()> {
        self.call(reqwest::Method::POST, "/clear", Some(json!({})))
            .await
            .map(|_| ())
    }

    pub async fn send_keys(&self, text: &str) -> Result<()> {
        self.call(reqwest::Method::POST, "/value", Some(json!({"text": text})))
            .await
            .map(|_| ())
    }

    pub async fn text(&self) -> Result<String> {
        let v = self.call(reqwest::Method::GET, "/text", None).await?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    pub async fn attr(&self, name: &str) -> Result<Option<String>> {
        let v = self
            .call(reqwest::Method::GET, &format!("/attribute/{name}"), None)
            .await?;
        Ok(v.as_str().map(str::to_string))
    }
}
