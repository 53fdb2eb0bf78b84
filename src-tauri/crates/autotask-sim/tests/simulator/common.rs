//! A raw HTTP caller for the simulator's tests: it speaks the wire format directly (no client
//! crate), so the tests see exactly what the simulator sends.

use autotask_sim::{SimConfig, SimHandle, Simulator};
use reqwest::Method;
use serde_json::Value;

pub struct Api {
    pub sim: SimHandle,
    pub http: reqwest::Client,
    pub username: String,
    pub secret: String,
    pub code: String,
}

pub struct Reply {
    pub status: u16,
    pub body: Value,
}

impl Reply {
    pub fn error_text(&self) -> String {
        let errors = self.body["errors"]
            .as_array()
            .unwrap_or_else(|| panic!("no errors array in {}", self.body));
        errors
            .iter()
            .map(|e| e.as_str().expect("errors are strings"))
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

impl Api {
    pub async fn start() -> Api {
        Api::with(SimConfig::default()).await
    }

    pub async fn with(config: SimConfig) -> Api {
        let (username, secret, code) = (
            config.username.clone(),
            config.secret.clone(),
            config.integration_code.clone(),
        );
        let sim = Simulator::start(config).await.expect("simulator starts");
        Api {
            sim,
            http: reqwest::Client::new(),
            username,
            secret,
            code,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}V1.0/{path}", self.sim.api_url())
    }

    pub async fn call(&self, method: Method, url: &str, body: Option<&Value>) -> Reply {
        let mut req = self
            .http
            .request(method, url)
            .header("ApiIntegrationCode", &self.code)
            .header("UserName", &self.username)
            .header("Secret", &self.secret);
        if let Some(b) = body {
            req = req.json(b);
        }
        let resp = req.send().await.expect("request completes");
        let status = resp.status().as_u16();
        let text = resp.text().await.expect("body");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
        };
        Reply { status, body }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, &self.url(path), None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.call(Method::POST, &self.url(path), Some(&body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Reply {
        self.call(Method::PATCH, &self.url(path), Some(&body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Reply {
        self.call(Method::PUT, &self.url(path), Some(&body)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.call(Method::DELETE, &self.url(path), None).await
    }

    /// POSTs a query and returns its items, asserting success.
    pub async fn query(&self, entity: &str, body: Value) -> Vec<Value> {
        let r = self.post(&format!("{entity}/query"), body).await;
        assert_eq!(r.status, 200, "query failed: {}", r.body);
        r.body["items"].as_array().expect("items").clone()
    }

    pub async fn create(&self, path: &str, body: Value) -> i64 {
        let r = self.post(path, body).await;
        assert_eq!(r.status, 200, "create on {path} failed: {}", r.body);
        r.body["itemId"].as_i64().expect("itemId")
    }

    pub async fn item(&self, path: &str) -> Value {
        let r = self.get(path).await;
        assert_eq!(r.status, 200, "get {path} failed: {}", r.body);
        r.body["item"].clone()
    }
}

pub fn ids(items: &[Value]) -> Vec<i64> {
    items
        .iter()
        .map(|i| i["id"].as_i64().expect("id"))
        .collect()
}
