//! The sync plan as a table: local rows and remote customers in, the expected plan out.

use zorus::reconcile::{plan, Conflict, LocalCustomer, NewCustomer, Renamed, SyncPlan};
use zorus::{Customer, DeploymentInfo};

const A: &str = "00000000-0000-4000-8000-00000000000a";
const B: &str = "00000000-0000-4000-8000-00000000000b";

fn local(id: i64, uuid: Option<&str>, name: &str, enabled: bool, vanished: bool) -> LocalCustomer {
    LocalCustomer {
        id,
        zorus_uuid: uuid.map(str::to_string),
        name: name.into(),
        enabled,
        vanished,
    }
}

fn remote(uuid: &str, name: &str, enabled: bool) -> Customer {
    Customer {
        uuid: uuid.into(),
        name: Some(name.into()),
        created_date_utc: None,
        is_enabled: enabled,
        deployment_info: DeploymentInfo::default(),
        integrations: None,
    }
}

struct Case {
    name: &'static str,
    local: Vec<LocalCustomer>,
    remote: Vec<Customer>,
    want: SyncPlan,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "nothing on either side",
            local: vec![],
            remote: vec![],
            want: SyncPlan::default(),
        },
        Case {
            name: "a new customer",
            local: vec![],
            remote: vec![remote(A, " Acme ", false)],
            want: SyncPlan {
                new: vec![NewCustomer {
                    zorus_uuid: A.into(),
                    name: "Acme".into(),
                    enabled: false,
                }],
                ..SyncPlan::default()
            },
        },
        Case {
            name: "unchanged, with uuid case and name spaces ignored",
            local: vec![local(1, Some(&A.to_uppercase()), "Acme", true, false)],
            remote: vec![remote(A, "Acme ", true)],
            want: SyncPlan {
                unchanged: 1,
                ..SyncPlan::default()
            },
        },
        Case {
            name: "renamed, including a change of case",
            local: vec![
                local(1, Some(A), "Acme", true, false),
                local(2, Some(B), "beta", true, false),
            ],
            remote: vec![remote(A, "Acme Corp", true), remote(B, "Beta", true)],
            want: SyncPlan {
                renamed: vec![
                    Renamed {
                        id: 1,
                        from: "Acme".into(),
                        to: "Acme Corp".into(),
                    },
                    Renamed {
                        id: 2,
                        from: "beta".into(),
                        to: "Beta".into(),
                    },
                ],
                ..SyncPlan::default()
            },
        },
        Case {
            name: "disabled and re-enabled",
            local: vec![
                local(1, Some(A), "Acme", true, false),
                local(2, Some(B), "Beta", false, false),
            ],
            remote: vec![remote(A, "Acme", false), remote(B, "Beta", true)],
            want: SyncPlan {
                disabled: vec![1],
                re_enabled: vec![2],
                ..SyncPlan::default()
            },
        },
        Case {
            name: "renamed and disabled at once",
            local: vec![local(1, Some(A), "Acme", true, false)],
            remote: vec![remote(A, "Acme Corp", false)],
            want: SyncPlan {
                renamed: vec![Renamed {
                    id: 1,
                    from: "Acme".into(),
                    to: "Acme Corp".into(),
                }],
                disabled: vec![1],
                ..SyncPlan::default()
            },
        },
        Case {
            name: "vanished: marked, and the only linked one, so flagged",
            local: vec![local(1, Some(A), "Acme", true, false)],
            remote: vec![],
            want: SyncPlan {
                vanished: vec![1],
                vanishes_everything: true,
                ..SyncPlan::default()
            },
        },
        Case {
            name: "vanished while others remain",
            local: vec![
                local(1, Some(A), "Acme", true, false),
                local(2, Some(B), "Beta", true, false),
            ],
            remote: vec![remote(B, "Beta", true)],
            want: SyncPlan {
                vanished: vec![1],
                unchanged: 1,
                ..SyncPlan::default()
            },
        },
        Case {
            name: "already vanished and still gone: nothing to do",
            local: vec![
                local(1, Some(A), "Acme", true, true),
                local(2, Some(B), "Beta", true, false),
            ],
            remote: vec![remote(B, "Beta", true)],
            want: SyncPlan {
                unchanged: 2,
                ..SyncPlan::default()
            },
        },
        Case {
            name: "vanished then back, renamed meanwhile",
            local: vec![local(1, Some(A), "Acme", true, true)],
            remote: vec![remote(A, "Acme Two", true)],
            want: SyncPlan {
                returned: vec![1],
                renamed: vec![Renamed {
                    id: 1,
                    from: "Acme".into(),
                    to: "Acme Two".into(),
                }],
                ..SyncPlan::default()
            },
        },
        Case {
            name: "manual and CSV customers are never touched, even with an empty remote list",
            local: vec![
                local(1, None, "Typed", true, false),
                local(2, Some("  "), "Blank uuid", true, false),
            ],
            remote: vec![],
            want: SyncPlan::default(),
        },
        Case {
            name: "a manual customer with the same name as a new remote one stays separate",
            local: vec![local(1, None, "Acme", true, false)],
            remote: vec![remote(A, "Acme", true)],
            want: SyncPlan {
                new: vec![NewCustomer {
                    zorus_uuid: A.into(),
                    name: "Acme".into(),
                    enabled: true,
                }],
                ..SyncPlan::default()
            },
        },
        Case {
            name: "two local rows with one uuid: the lower id is synced, the other reported",
            local: vec![
                local(7, Some(A), "Acme copy", true, false),
                local(3, Some(A), "Acme", true, false),
            ],
            remote: vec![remote(A, "Acme", true)],
            want: SyncPlan {
                unchanged: 1,
                conflicts: vec![Conflict::DuplicateLocalUuid {
                    id: 7,
                    kept_id: 3,
                    zorus_uuid: A.into(),
                }],
                ..SyncPlan::default()
            },
        },
        Case {
            name: "a uuid listed twice upstream counts once",
            local: vec![],
            remote: vec![
                remote(A, "Acme", true),
                remote(&A.to_uppercase(), "Acme again", true),
            ],
            want: SyncPlan {
                new: vec![NewCustomer {
                    zorus_uuid: A.into(),
                    name: "Acme".into(),
                    enabled: true,
                }],
                ..SyncPlan::default()
            },
        },
        Case {
            name: "a blank remote name never replaces a local one",
            local: vec![local(1, Some(A), "Acme", true, false)],
            remote: vec![remote(A, "  ", true)],
            want: SyncPlan {
                unchanged: 1,
                ..SyncPlan::default()
            },
        },
    ]
}

#[test]
fn every_case_plans_as_expected() {
    for case in cases() {
        let got = plan(&case.local, &case.remote);
        assert_eq!(got, case.want, "case: {}", case.name);
        assert_eq!(got.is_empty(), {
            let w = &case.want;
            w.new.is_empty()
                && w.renamed.is_empty()
                && w.disabled.is_empty()
                && w.re_enabled.is_empty()
                && w.vanished.is_empty()
                && w.returned.is_empty()
        });
    }
}
