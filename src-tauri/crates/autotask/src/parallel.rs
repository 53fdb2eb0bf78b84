//! Listing a large entity faster than one page at a time: split the id space into ranges and
//! page through them side by side, inside the entity's concurrency limit. Paging is by id in
//! ascending order (§4.3), which is what makes id ranges disjoint and complete.

use futures::stream::{self, StreamExt, TryStreamExt};

use crate::client::Client;
use crate::error::Result;
use crate::query::{Filter, Query, MAX_PAGE_SIZE};

/// An id range `(after, up_to]`; the last range is open-ended so nothing is ever missed, however
/// wrong the density estimate behind the bounds.
pub type IdRange = (i64, Option<i64>);

/// Plans ranges for `remaining` records after `after_id`, given the ids spent per record so far
/// (`density`), so each of `workers` streams gets a similar number of whole pages.
pub fn plan_ranges(
    after_id: i64,
    density: f64,
    remaining: u64,
    page_size: u64,
    workers: usize,
) -> Vec<IdRange> {
    let page_size = page_size.max(1);
    let pages = remaining.div_ceil(page_size);
    let streams = (workers as u64).min(pages).max(1);
    if streams == 1 {
        return vec![(after_id, None)];
    }
    let density = if density.is_finite() && density >= 1.0 {
        density
    } else {
        1.0
    };
    let mut ranges = Vec::with_capacity(streams as usize);
    let mut lo = after_id;
    for i in 0..streams {
        if i + 1 == streams {
            ranges.push((lo, None));
            break;
        }
        let share = pages / streams + u64::from(i < pages % streams);
        let span = ((share * page_size) as f64 * density).ceil() as i64;
        let hi = lo.saturating_add(span.max(1));
        ranges.push((lo, Some(hi)));
        lo = hi;
    }
    ranges
}

impl Client {
    /// Every record a query matches, fetched with id-range parallelism: one round asks for the
    /// count and the first page together, then the rest is split into ranges paged concurrently.
    /// Costs about one request more than sequential paging; takes about a third of the time.
    pub async fn query_parallel<T: crate::Entity>(&self, query: &Query) -> Result<Vec<T>> {
        let workers = self.inner.config.max_concurrency_per_entity.max(1);
        let page_size = u64::from(query.max_records.unwrap_or(MAX_PAGE_SIZE));
        let (total, first) = futures::try_join!(
            self.count_as(T::NAME, query),
            self.query_page::<T>(T::NAME, query)
        )?;
        let more = first.next_page_url().is_some();
        let mut records = first.items;
        if !more || records.is_empty() {
            return Ok(records);
        }
        let first_id = records.first().map(|r| r.id()).unwrap_or(0);
        let last_id = records.last().map(|r| r.id()).unwrap_or(0);
        let density = (last_id - first_id + 1) as f64 / records.len() as f64;
        let remaining = total.saturating_sub(records.len() as u64);
        let ranges = plan_ranges(last_id, density, remaining.max(1), page_size, workers);
        tracing::debug!(
            entity = T::NAME,
            total,
            ranges = ranges.len(),
            "parallel listing"
        );
        let parts: Vec<Vec<T>> = stream::iter(ranges)
            .map(|(after, up_to)| {
                let mut q = query.clone().filter(Filter::gt("id", after));
                if let Some(hi) = up_to {
                    q = q.filter(Filter::lte("id", hi));
                }
                let client = self.clone();
                async move { client.query::<T>(&q).await }
            })
            .buffer_unordered(workers)
            .try_collect()
            .await?;
        records.extend(parts.into_iter().flatten());
        records.sort_by_key(|r| r.id());
        records.dedup_by_key(|r| r.id());
        Ok(records)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_everything_in_whole_pages() {
        // 10,001 records, the first 500 (ids 0..=499) already read, dense ids.
        assert_eq!(
            plan_ranges(499, 1.0, 9_501, 500, 3),
            vec![(499, Some(3_999)), (3_999, Some(7_499)), (7_499, None)]
        );
        // Sparse ids stretch the bounds.
        assert_eq!(
            plan_ranges(100, 2.0, 1_000, 500, 3),
            vec![(100, Some(1_100)), (1_100, None)]
        );
        // One page left, or one worker: a single open range.
        assert_eq!(plan_ranges(7, 1.0, 10, 500, 3), vec![(7, None)]);
        assert_eq!(plan_ranges(7, 1.0, 5_000, 500, 1), vec![(7, None)]);
    }
}
