//! Prints how fast the pages' reads are on a real file: listing 10,000 customer integrations with
//! their customers (target ≤ 50 ms) and searching 10,000 cached companies by a name fragment
//! (target ≤ 5 ms). Run with `cargo bench -p store`.

use std::time::{Duration, Instant};

use chrono::Utc;
use rust_decimal::Decimal;
use store::repo::cache::{self, CachedCompany};
use store::repo::customers::{self, Counts, NewCustomer, Source};
use store::repo::integrations::{self, NewIntegration};
use store::{Store, TransactionTrait};

const N: i64 = 10_000;
const WORDS: &[&str] = &[
    "Acme", "Blue", "Cedar", "Delta", "Falcon", "Granite", "Harbor", "Maple", "North", "Summit",
];
const KINDS: &[&str] = &[
    "Dental",
    "Logistics",
    "Law",
    "Foods",
    "Clinic",
    "Realty",
    "Motors",
    "Hotels",
];

fn name(i: i64) -> String {
    format!(
        "{} {} {i}",
        WORDS[(i % 10) as usize],
        KINDS[(i / 10 % 8) as usize]
    )
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("bench.sqlite3"))
        .await
        .expect("open");
    let now = Utc::now();
    let started = Instant::now();
    let txn = store.connection().begin().await.expect("txn");
    let mut news = Vec::new();
    for i in 0..N {
        let c = customers::insert(
            &txn,
            NewCustomer {
                zorus_uuid: Some(format!("uuid-{i}")),
                name: name(i),
                counts: Counts {
                    deployed: i % 200,
                    ..Counts::default()
                },
                counts_read_at: Some(now),
                source: Source::Zorus,
            },
            now,
        )
        .await
        .expect("customer");
        news.push(NewIntegration {
            customer_id: c.id,
            company_id: 1_000 + i,
            company_name: name(i),
            contact_id: Some(i),
            contact_name: Some("Jo Doe".into()),
            contract_id: Some(5_000 + i),
            contract_name: Some(format!("Web filtering - {}", name(i))),
            price_per_seat: Decimal::new(450, 2),
            cost_per_seat: Decimal::new(210, 2),
            marker: format!("marker-{i}"),
        });
    }
    integrations::insert_many(&txn, news, now)
        .await
        .expect("integrations");
    let companies: Vec<CachedCompany> = (0..N)
        .map(|i| CachedCompany {
            id: i,
            name: name(i),
            company_type: Some(1),
            is_active: true,
            phone: None,
            city: None,
            fetched_at: now,
        })
        .collect();
    cache::replace_companies(&txn, &companies)
        .await
        .expect("companies");
    txn.commit().await.expect("commit");
    println!(
        "filled {N} customers + integrations and {N} cached companies in {:.2} s",
        started.elapsed().as_secs_f64()
    );

    let mut list = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let rows = integrations::list_with_customers(store.connection())
            .await
            .expect("list");
        list.push(t.elapsed());
        assert_eq!(rows.len(), N as usize);
    }
    println!("list {N} integrations joined with customers: median {:.1} ms, best {:.1} ms (target <= 50 ms)", median(list.clone()).as_secs_f64() * 1e3, list.iter().min().unwrap().as_secs_f64() * 1e3);

    let mut search = Vec::new();
    for fragment in ["acme", "LOGIST", "ar 12", "zzz", "o"]
        .iter()
        .cycle()
        .take(100)
    {
        let t = Instant::now();
        let hits = cache::search_companies(store.connection(), fragment, 50)
            .await
            .expect("search");
        search.push(t.elapsed());
        assert!(hits.len() <= 50);
    }
    let p95 = {
        let mut s = search.clone();
        s.sort();
        s[s.len() * 95 / 100]
    };
    println!("search {N} cached companies by name fragment (50 hits max): median {:.2} ms, p95 {:.2} ms, worst {:.2} ms (target <= 5 ms)", median(search.clone()).as_secs_f64() * 1e3, p95.as_secs_f64() * 1e3, search.iter().max().unwrap().as_secs_f64() * 1e3);
}
