//! Query pages and the stream that follows `nextPageUrl` (§4.3): with the same verb and body as
//! the first request, only on the zone host, and no further than the loop guard allows.

use std::collections::HashSet;

use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use url::Url;

use crate::client::{Call, Client, Target};
use crate::error::{Error, Result};
use crate::query::Query;
use crate::retry::Operation;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageDetails {
    /// Items in this page (not the total: use a count query for that, §4.3).
    #[serde(default)]
    pub count: Option<u64>,
    #[serde(default)]
    pub request_count: Option<u64>,
    #[serde(default)]
    pub prev_page_url: Option<String>,
    #[serde(default)]
    pub next_page_url: Option<String>,
}

/// One page of a query.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub items: Vec<T>,
    #[serde(default)]
    pub page_details: PageDetails,
}

impl<T> Page<T> {
    pub fn next_page_url(&self) -> Option<&str> {
        self.page_details
            .next_page_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
    }
}

/// A paged request: where the first page comes from, and how every page is asked for.
pub(crate) struct Pager {
    pub entity: String,
    pub method: Method,
    pub first: String,
    pub body: Option<Vec<u8>>,
    pub buckets: Vec<String>,
}

struct State {
    client: Client,
    pager: Pager,
    next: Option<Target>,
    pages: usize,
    seen: HashSet<String>,
}

impl Client {
    pub(crate) fn pages<T: DeserializeOwned + Send + 'static>(
        &self,
        pager: Pager,
    ) -> BoxStream<'static, Result<Vec<T>>> {
        let state = State {
            client: self.clone(),
            next: Some(Target::Path(pager.first.clone())),
            pager,
            pages: 0,
            seen: HashSet::new(),
        };
        stream::try_unfold(state, |mut st| async move {
            let Some(target) = st.next.take() else {
                return Ok(None);
            };
            let max = st.client.inner.config.max_pages;
            if st.pages >= max {
                return Err(Error::PagingLoop {
                    reason: format!("{} query went past {max} pages", st.pager.entity),
                });
            }
            st.pages += 1;
            let page: Page<T> = {
                let call = Call {
                    method: st.pager.method.clone(),
                    target,
                    body: st.pager.body.clone(),
                    op: Operation::Read,
                    entity: &st.pager.entity,
                    buckets: st.pager.buckets.iter().map(String::as_str).collect(),
                };
                st.client.execute(&call).await?
            };
            if let Some(next) = page.next_page_url() {
                let url = Url::parse(next).map_err(|e| Error::Decode {
                    path: "pageDetails.nextPageUrl".into(),
                    message: e.to_string(),
                })?;
                if !st.seen.insert(url.as_str().to_string()) {
                    return Err(Error::PagingLoop {
                        reason: format!(
                            "{} paging returned a page it had already given",
                            st.pager.entity
                        ),
                    });
                }
                st.next = Some(Target::Absolute(url));
            }
            Ok(Some((page.items, st)))
        })
        .boxed()
    }

    /// The pages of `POST {T::NAME}/query`, each page's `nextPageUrl` re-POSTed with the same
    /// body as most clients do (§4.3).
    pub fn query_pages<T: crate::Entity>(
        &self,
        query: &Query,
    ) -> BoxStream<'static, Result<Vec<T>>> {
        self.query_pages_as(T::NAME, query)
    }

    pub fn query_pages_as<T: DeserializeOwned + Send + 'static>(
        &self,
        entity: &str,
        query: &Query,
    ) -> BoxStream<'static, Result<Vec<T>>> {
        let body = match Client::body(query) {
            Ok(b) => b,
            Err(e) => return stream::once(async { Err(e) }).boxed(),
        };
        self.pages(Pager {
            entity: entity.to_string(),
            method: Method::POST,
            first: format!("{entity}/query"),
            body: Some(body),
            buckets: vec![entity.to_string()],
        })
    }

    /// Every record a query matches, page after page.
    pub async fn query<T: crate::Entity>(&self, query: &Query) -> Result<Vec<T>> {
        self.query_as(T::NAME, query).await
    }

    pub async fn query_as<T: DeserializeOwned + Send + 'static>(
        &self,
        entity: &str,
        query: &Query,
    ) -> Result<Vec<T>> {
        let pages: Vec<Vec<T>> = self.query_pages_as(entity, query).try_collect().await?;
        Ok(pages.into_iter().flatten().collect())
    }

    /// One page of a query, for callers that page by hand.
    pub async fn query_page<T: DeserializeOwned>(
        &self,
        entity: &str,
        query: &Query,
    ) -> Result<Page<T>> {
        let call = Call {
            method: Method::POST,
            target: Target::Path(format!("{entity}/query")),
            body: Some(Client::body(query)?),
            op: Operation::Read,
            entity,
            buckets: vec![entity],
        };
        self.execute(&call).await
    }

    /// Follows a `nextPageUrl` (POST with the query that produced it). A URL on any host but the
    /// zone's is refused before anything is sent.
    pub async fn next_page<T: DeserializeOwned>(
        &self,
        entity: &str,
        next_page_url: &str,
        query: &Query,
    ) -> Result<Page<T>> {
        let url =
            Url::parse(next_page_url).map_err(|e| Error::Config(format!("nextPageUrl: {e}")))?;
        let call = Call {
            method: Method::POST,
            target: Target::Absolute(url),
            body: Some(Client::body(query)?),
            op: Operation::Read,
            entity,
            buckets: vec![entity],
        };
        self.execute(&call).await
    }
}
