//! The query language, paging, counting and get-by-id.

use crate::common::{ids, Api};
use reqwest::Method;
use serde_json::{json, Value};

/// Which seeded companies a condition should return.
type Expect = Box<dyn Fn(&Value) -> bool>;

fn all() -> Value {
    json!([{"op": "gte", "field": "id", "value": 0}])
}

#[tokio::test]
async fn every_operator_filters_as_documented() {
    let api = Api::start().await;
    let companies = api.query("Companies", json!({"filter": all()})).await;
    let name_of = |id: i64| {
        companies.iter().find(|c| c["id"] == id).unwrap()["companyName"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let probe = name_of(3);
    let prefix = &probe[..4];
    let cases: Vec<(Value, Expect)> = vec![
        (
            json!({"op": "eq", "field": "id", "value": 3}),
            Box::new(|c| c["id"] == 3),
        ),
        (
            json!({"op": "noteq", "field": "companyType", "value": 1}),
            Box::new(|c| c["companyType"] != 1),
        ),
        (
            json!({"op": "gt", "field": "id", "value": 40}),
            Box::new(|c| c["id"].as_i64().unwrap() > 40),
        ),
        (
            json!({"op": "gte", "field": "id", "value": 40}),
            Box::new(|c| c["id"].as_i64().unwrap() >= 40),
        ),
        (
            json!({"op": "lt", "field": "id", "value": 4}),
            Box::new(|c| c["id"].as_i64().unwrap() < 4),
        ),
        (
            json!({"op": "lte", "field": "id", "value": 4}),
            Box::new(|c| c["id"].as_i64().unwrap() <= 4),
        ),
        (
            json!({"op": "beginsWith", "field": "companyName", "value": prefix.to_uppercase()}),
            {
                let p = prefix.to_lowercase();
                Box::new(move |c| {
                    c["companyName"]
                        .as_str()
                        .unwrap()
                        .to_lowercase()
                        .starts_with(&p)
                })
            },
        ),
        (
            json!({"op": "endsWith", "field": "companyName", "value": "llc"}),
            Box::new(|c| c["companyName"].as_str().unwrap().ends_with("LLC")),
        ),
        (
            json!({"op": "contains", "field": "companyName", "value": "DENTAL"}),
            Box::new(|c| c["companyName"].as_str().unwrap().contains("Dental")),
        ),
        (
            json!({"op": "exist", "field": "webAddress"}),
            Box::new(|c| !c["webAddress"].is_null()),
        ),
        (
            json!({"op": "notExist", "field": "webAddress"}),
            Box::new(|c| c["webAddress"].is_null()),
        ),
        (
            json!({"op": "in", "field": "id", "value": [1, 5, 9, 999]}),
            Box::new(|c| [1, 5, 9].contains(&c["id"].as_i64().unwrap())),
        ),
        (
            json!({"op": "notIn", "field": "companyType", "value": [1, 3]}),
            Box::new(|c| ![1, 3].contains(&c["companyType"].as_i64().unwrap())),
        ),
        (
            json!({"op": "eq", "field": "isActive", "value": false}),
            Box::new(|c| c["isActive"] == false),
        ),
    ];
    for (cond, expected) in cases {
        let got = ids(&api.query("Companies", json!({"filter": [cond]})).await);
        let want: Vec<i64> = companies
            .iter()
            .filter(|c| expected(c))
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        assert!(
            !want.is_empty() || cond["op"] == "notExist",
            "the seed should exercise {cond}"
        );
        assert_eq!(got, want, "{cond}");
    }
}

#[tokio::test]
async fn and_or_groups_nest_and_keys_ignore_case() {
    let api = Api::start().await;
    let body = json!({"Filter": [
        {"OP": "or", "Items": [
            {"op": "eq", "field": "ID", "value": 2},
            {"op": "and", "items": [{"op": "gte", "field": "id", "value": 10}, {"op": "lte", "field": "id", "value": 12}]}
        ]},
        {"op": "noteq", "field": "id", "value": 11}
    ]});
    assert_eq!(ids(&api.query("Companies", body).await), vec![2, 10, 12]);
}

#[tokio::test]
async fn bad_queries_get_500_with_a_message() {
    let api = Api::start().await;
    let bad = [
        (
            json!({"filter": [{"op": "eq", "field": "nonsense", "value": 1}]}),
            "nonsense",
        ),
        (
            json!({"filter": [{"op": "eq", "field": "id", "value": "abc"}]}),
            "not valid",
        ),
        (
            json!({"filter": [{"op": "contains", "field": "id", "value": 1}]}),
            "cannot be used",
        ),
        (
            json!({"filter": [{"op": "gt", "field": "isActive", "value": true}]}),
            "cannot be used",
        ),
        (
            json!({"filter": [{"op": "like", "field": "id", "value": 1}]}),
            "operator",
        ),
        (
            json!({"filter": [{"op": "eq", "field": "isActive", "value": 1}]}),
            "not valid",
        ),
        (
            json!({"filter": [{"op": "eq", "field": "assetValue", "value": 1}]}),
            "not queryable",
        ),
        (json!({"filter": all(), "MaxRecords": 0}), "MaxRecords"),
        (json!({"filter": all(), "MaxRecords": 501}), "MaxRecords"),
        (json!({"filter": all(), "IncludeFields": ["nope"]}), "nope"),
        (
            json!({"filter": [{"op": "in", "field": "id", "value": (0..501).collect::<Vec<_>>()}]}),
            "500 or fewer 'OR'",
        ),
        (
            json!({"filter": [
            {"op": "eq", "field": "Customer Ranking", "udf": true, "value": "Gold"},
            {"op": "eq", "field": "Customer Ranking", "udf": true, "value": "Silver"}]}),
            "one user-defined field",
        ),
    ];
    for (body, needle) in bad {
        let r = api.post("Companies/query", body.clone()).await;
        assert_eq!(r.status, 500, "{body}");
        assert!(
            r.error_text().contains(needle),
            "{body}: {}",
            r.error_text()
        );
    }
    let at_limit =
        json!({"filter": [{"op": "in", "field": "id", "value": (0..500).collect::<Vec<_>>()}]});
    assert_eq!(
        api.post("Companies/query", at_limit).await.status,
        200,
        "500 values are allowed"
    );
}

#[tokio::test]
async fn pages_follow_next_page_url_by_post_with_the_body_by_post_without_it_and_by_get() {
    let api = Api::start().await;
    let body =
        json!({"filter": [{"op": "eq", "field": "companyType", "value": 1}], "MaxRecords": 7});
    let expected = ids(&api
        .query(
            "Companies",
            json!({"filter": [{"op": "eq", "field": "companyType", "value": 1}]}),
        )
        .await);
    assert!(expected.len() > 14, "needs several pages");
    for mode in ["post-body", "post-empty", "get"] {
        let first = api.post("Companies/query", body.clone()).await;
        let mut seen = ids(first.body["items"].as_array().unwrap());
        let mut next = first.body["pageDetails"]["nextPageUrl"].clone();
        assert_eq!(first.body["pageDetails"]["count"], 7);
        assert_eq!(first.body["pageDetails"]["requestCount"], 7);
        let mut guard = 0;
        while let Some(url) = next.as_str() {
            assert!(
                url.starts_with(&api.sim.api_url()),
                "absolute, on the zone host: {url}"
            );
            let page = match mode {
                "post-body" => api.call(Method::POST, url, Some(&body)).await,
                "post-empty" => api.call(Method::POST, url, None).await,
                _ => api.call(Method::GET, url, None).await,
            };
            assert_eq!(page.status, 200, "{mode}: {}", page.body);
            seen.extend(ids(page.body["items"].as_array().unwrap()));
            next = page.body["pageDetails"]["nextPageUrl"].clone();
            guard += 1;
            assert!(guard < 100);
        }
        assert_eq!(seen, expected, "{mode}");
    }
}

#[tokio::test]
async fn get_form_count_include_fields_and_get_by_id() {
    let api = Api::start().await;
    let search = json!({"filter": [{"op": "eq", "field": "companyType", "value": 1}], "IncludeFields": ["companyName"]});
    let encoded: String =
        url::form_urlencoded::byte_serialize(search.to_string().as_bytes()).collect();
    let r = api.get(&format!("Companies/query?search={encoded}")).await;
    assert_eq!(r.status, 200);
    let items = r.body["items"].as_array().unwrap();
    let keys: Vec<&String> = items[0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["companyName", "id", "userDefinedFields"],
        "IncludeFields keeps id"
    );
    let count = api
        .get(&format!("Companies/query/count?search={encoded}"))
        .await;
    assert_eq!(count.body, json!({"queryCount": items.len()}));
    let posted = api.post("Companies/query/count", search).await;
    assert_eq!(posted.body["queryCount"], items.len());

    let own = api.item("Companies/0").await;
    assert_eq!(own["id"], 0, "company 0 is the tenant's own");
    let missing = api.get("Companies/987654").await;
    assert_eq!((missing.status, missing.body), (200, json!({"item": null})));
    // Every field comes back, null when unset.
    assert!(
        own.as_object().unwrap().contains_key("billToZipCode") && own["billToZipCode"].is_null()
    );
}

#[tokio::test]
async fn a_udf_filters_and_returns_as_a_name_value_list() {
    let api = Api::start().await;
    let gold = api.query("Companies", json!({"filter": [{"op": "eq", "field": "customer ranking", "udf": true, "value": "gold"}]})).await;
    assert!(!gold.is_empty());
    for c in &gold {
        let udfs = c["userDefinedFields"].as_array().unwrap();
        assert!(
            udfs.contains(&json!({"name": "Customer Ranking", "value": "Gold"})),
            "{udfs:?}"
        );
    }
    let meta = api
        .get("Companies/entityInformation/userDefinedFields")
        .await;
    assert_eq!(meta.body["fields"][0]["name"], "Customer Ranking");
}

#[tokio::test]
async fn child_collections_list_their_parents_children() {
    let api = Api::start().await;
    let r = api.get("Companies/1/Contacts").await;
    assert_eq!(r.status, 200);
    let listed = ids(r.body["items"].as_array().unwrap());
    let queried = ids(&api
        .query(
            "Contacts",
            json!({"filter": [{"op": "eq", "field": "companyID", "value": 1}]}),
        )
        .await);
    assert!(!listed.is_empty());
    assert_eq!(listed, queried);
    let one = api
        .item(&format!("Companies/1/Contacts/{}", listed[0]))
        .await;
    assert_eq!(one["companyID"], 1);
    let elsewhere = api
        .get(&format!("Companies/2/Contacts/{}", listed[0]))
        .await;
    assert_eq!(
        elsewhere.body,
        json!({"item": null}),
        "a child of another parent is not found"
    );
}

#[tokio::test]
async fn a_page_read_after_a_write_shows_the_write() {
    let api = Api::start().await;
    let page = || {
        api.query(
            "Companies",
            json!({"filter": [{"op": "eq", "field": "id", "value": 4}]}),
        )
    };
    let before = page().await;
    assert_ne!(before[0]["city"], "Renamedville");
    assert_eq!(
        api.patch("Companies", json!({"id": 4, "city": "Renamedville"}))
            .await
            .status,
        200
    );
    assert_eq!(
        page().await[0]["city"],
        "Renamedville",
        "rendered pages are not served stale"
    );
    let units_before = api
        .query("ContractServiceUnits", json!({"filter": []}))
        .await
        .len();
    let c = api
        .sim
        .records("Contracts")
        .into_iter()
        .find(|c| c["contractType"] == 7)
        .unwrap();
    let svc = api.sim.records("Services")[1]["id"].as_i64().unwrap();
    let r = api
        .post(
            &format!("Contracts/{}/Services", c["id"]),
            json!({"serviceID": svc}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        api.query("ContractServiceUnits", json!({"filter": []}))
            .await
            .len()
            > units_before
    );
}
