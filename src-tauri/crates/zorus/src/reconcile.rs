//! The plan that brings the local customer list in line with Zorus, without touching storage.
//!
//! The store applies the plan; this module only decides. Nothing local is ever deleted: a
//! customer gone from Zorus is marked vanished and keeps its integration (its Autotask contract
//! and mapping), so the partner decides what happens to it. A customer entered by hand or from
//! CSV has no Zorus uuid and is never touched.

use std::collections::HashMap;

use crate::model::Customer;

/// A customer as the local store holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalCustomer {
    pub id: i64,
    /// `None` for a customer entered by hand or imported from CSV.
    pub zorus_uuid: Option<String>,
    pub name: String,
    pub enabled: bool,
    pub vanished: bool,
}

/// A customer Zorus has and the store does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCustomer {
    pub zorus_uuid: String,
    pub name: String,
    pub enabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    pub id: i64,
    pub from: String,
    pub to: String,
}

/// Why a local row was left alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// Two local rows carry the same Zorus uuid; the one with the lowest id is kept in sync,
    /// this one is not, until someone merges them.
    DuplicateLocalUuid {
        id: i64,
        kept_id: i64,
        zorus_uuid: String,
    },
}

/// What to change. Each list is in a stable order (local id, or Zorus's order for new ones).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncPlan {
    pub new: Vec<NewCustomer>,
    pub renamed: Vec<Renamed>,
    /// Local ids to mark disabled (Zorus disabled the customer).
    pub disabled: Vec<i64>,
    pub re_enabled: Vec<i64>,
    /// Local ids to mark vanished: no longer in Zorus. Marked, never deleted.
    pub vanished: Vec<i64>,
    /// Local ids marked vanished that Zorus lists again: clear the mark.
    pub returned: Vec<i64>,
    pub unchanged: usize,
    pub conflicts: Vec<Conflict>,
    /// Every linked customer would vanish at once. That is more likely a key whose user lost
    /// its rights (reference §6 q8) than a partner who lost every customer; the caller should
    /// ask before applying.
    pub vanishes_everything: bool,
}

impl SyncPlan {
    /// True when applying the plan changes nothing.
    pub fn is_empty(&self) -> bool {
        self.new.is_empty()
            && self.renamed.is_empty()
            && self.disabled.is_empty()
            && self.re_enabled.is_empty()
            && self.vanished.is_empty()
            && self.returned.is_empty()
    }
}

fn key(uuid: &str) -> String {
    uuid.trim().to_ascii_lowercase()
}

/// Compares the local customers with the list just fetched from Zorus.
///
/// `remote` is expected to be a complete list (the client fails rather than return a partial
/// one); a customer missing from it is taken as gone.
pub fn plan(local: &[LocalCustomer], remote: &[Customer]) -> SyncPlan {
    let mut plan = SyncPlan::default();

    let mut linked: Vec<&LocalCustomer> = local
        .iter()
        .filter(|l| {
            l.zorus_uuid
                .as_deref()
                .is_some_and(|u| !u.trim().is_empty())
        })
        .collect();
    linked.sort_by_key(|l| l.id);
    let mut by_uuid: HashMap<String, &LocalCustomer> = HashMap::new();
    for l in linked {
        let uuid = key(l.zorus_uuid.as_deref().unwrap_or_default());
        match by_uuid.get(&uuid) {
            Some(kept) => plan.conflicts.push(Conflict::DuplicateLocalUuid {
                id: l.id,
                kept_id: kept.id,
                zorus_uuid: uuid,
            }),
            None => {
                by_uuid.insert(uuid, l);
            }
        }
    }

    let mut present: HashMap<String, &Customer> = HashMap::new();
    for r in remote {
        let uuid = key(&r.uuid);
        if uuid.is_empty() || present.contains_key(&uuid) {
            continue;
        }
        present.insert(uuid.clone(), r);
        let Some(l) = by_uuid.get(&uuid) else {
            plan.new.push(NewCustomer {
                zorus_uuid: r.uuid.trim().to_string(),
                name: r.display_name().to_string(),
                enabled: r.is_enabled,
            });
            continue;
        };
        let mut changed = false;
        if l.vanished {
            plan.returned.push(l.id);
            changed = true;
        }
        let name = r.display_name();
        // A blank remote name never replaces a local one (the client refuses such lists too).
        if !name.is_empty() && name != l.name.trim() {
            plan.renamed.push(Renamed {
                id: l.id,
                from: l.name.clone(),
                to: name.to_string(),
            });
            changed = true;
        }
        if l.enabled && !r.is_enabled {
            plan.disabled.push(l.id);
            changed = true;
        } else if !l.enabled && r.is_enabled {
            plan.re_enabled.push(l.id);
            changed = true;
        }
        if !changed {
            plan.unchanged += 1;
        }
    }

    let mut still_linked = 0;
    for (uuid, l) in &by_uuid {
        if present.contains_key(uuid) {
            continue;
        }
        if l.vanished {
            plan.unchanged += 1;
        } else {
            still_linked += 1;
            plan.vanished.push(l.id);
        }
    }
    plan.vanishes_everything = still_linked > 0 && present.is_empty();

    plan.renamed.sort_by_key(|r| r.id);
    for ids in [
        &mut plan.disabled,
        &mut plan.re_enabled,
        &mut plan.vanished,
        &mut plan.returned,
    ] {
        ids.sort_unstable();
    }
    plan
}
