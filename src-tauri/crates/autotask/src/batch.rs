//! Many ids, few requests: `in` queries of at most 500 values (§4.1), run side by side within
//! the entity's concurrency limit.

use futures::stream::{self, StreamExt, TryStreamExt};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::query::{Filter, Query, MAX_OR_CONDITIONS};

/// Splits values into chunks that fit the OR budget left by `base`. Duplicates are dropped, as
/// they would only spend the budget.
pub fn in_chunks(base: &Query, values: &[Value]) -> Result<Vec<Vec<Value>>> {
    let budget = MAX_OR_CONDITIONS.saturating_sub(base.or_conditions());
    if budget == 0 {
        return Err(Error::Config(
            "the base query already uses all 500 OR conditions".into(),
        ));
    }
    let mut unique: Vec<Value> = Vec::with_capacity(values.len());
    let mut seen = std::collections::HashSet::new();
    for v in values {
        if seen.insert(v.to_string()) {
            unique.push(v.clone());
        }
    }
    Ok(unique.chunks(budget).map(<[Value]>::to_vec).collect())
}

impl Client {
    /// Every record of `entity` matching `base` whose `field` is one of `values`.
    pub async fn query_in<T: DeserializeOwned + Send + 'static>(
        &self,
        entity: &str,
        base: &Query,
        field: &str,
        values: &[Value],
    ) -> Result<Vec<T>> {
        let queries: Vec<Query> = in_chunks(base, values)?
            .into_iter()
            .map(|chunk| base.clone().filter(Filter::in_list(field, chunk)))
            .collect();
        let workers = self.inner.config.max_concurrency_per_entity.max(1);
        let results: Vec<Vec<T>> = stream::iter(queries)
            .map(|q| {
                let client = self.clone();
                let entity = entity.to_string();
                async move { client.query_as::<T>(&entity, &q).await }
            })
            .buffer_unordered(workers)
            .try_collect()
            .await?;
        Ok(results.into_iter().flatten().collect())
    }

    /// The records with these ids, in ascending id order; missing ids are simply absent.
    pub async fn fetch_by_ids<T: crate::Entity>(&self, ids: &[i64]) -> Result<Vec<T>> {
        let values: Vec<Value> = ids.iter().map(|id| Value::from(*id)).collect();
        let mut records: Vec<T> = self.query_in(T::NAME, &Query::new(), "id", &values).await?;
        records.sort_by_key(|r| r.id());
        Ok(records)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_respect_the_or_budget() {
        let values: Vec<Value> = (0..2_300).map(Value::from).collect();
        let chunks = in_chunks(&Query::new(), &values).unwrap();
        assert_eq!(
            chunks.iter().map(Vec::len).collect::<Vec<_>>(),
            [500, 500, 500, 500, 300]
        );
        let base = Query::new().filter(Filter::or([Filter::eq("a", 1), Filter::eq("a", 2)]));
        let chunks = in_chunks(&base, &values[..1_000]).unwrap();
        assert_eq!(chunks[0].len(), 498);
        let dupes = vec![Value::from(1), Value::from(1), Value::from(2)];
        assert_eq!(
            in_chunks(&Query::new(), &dupes).unwrap(),
            vec![vec![Value::from(1), Value::from(2)]]
        );
    }
}
