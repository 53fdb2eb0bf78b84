//! Seed data: a believable tenant, the same for the same profile, seed number and date.

use chrono::{Datelike, Months, NaiveDate};
use serde_json::{json, Value};

use crate::config::SeedProfile;
use crate::record::{datetime_value, Record, UdfDef};
use crate::schema::{self, CUSTOMER, RECURRING_CONTRACT_SERVICE_CODE, RECURRING_SERVICE};
use crate::store::Db;

pub use sim_kit::Rng;

/// Keeps this simulator's sequence apart from the Zorus simulator's for the same seed number.
const SALT: u64 = 0x5DEE_CE66_D1CE_4E5B;

const ADJECTIVES: &[&str] = &[
    "Acme",
    "Blue",
    "Cedar",
    "Delta",
    "Evergreen",
    "Falcon",
    "Granite",
    "Harbor",
    "Iron",
    "Juniper",
    "Keystone",
    "Lakeside",
    "Maple",
    "North",
    "Oak",
    "Pioneer",
    "Quarry",
    "River",
    "Summit",
    "Trinity",
    "Union",
    "Valley",
    "Westfield",
    "Yellowstone",
    "Zenith",
];
const NOUNS: &[&str] = &[
    "Dental",
    "Logistics",
    "Law Group",
    "Accounting",
    "Builders",
    "Clinic",
    "Realty",
    "Foods",
    "Engineering",
    "Insurance",
    "Motors",
    "Pharmacy",
    "Architects",
    "Credit Union",
    "Veterinary",
    "Printing",
    "Manufacturing",
    "Consulting",
    "Academy",
    "Hotels",
];
const SUFFIXES: &[&str] = &["LLC", "Inc.", "Ltd", "Co.", "Partners", "Group"];
const FIRST: &[&str] = &[
    "Alex", "Brooke", "Carlos", "Dana", "Elena", "Farid", "Grace", "Hiro", "Imani", "Jonas",
    "Keira", "Luis", "Maya", "Nikhil", "Olivia", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma",
    "Victor",
];
const LAST: &[&str] = &[
    "Anders", "Baker", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ivanova", "Jensen",
    "Kim", "Lopez", "Murphy", "Nakamura", "Okafor", "Patel", "Reyes", "Schmidt", "Tanaka", "Walsh",
];
const CITIES: &[&str] = &[
    "Springfield",
    "Riverton",
    "Fairview",
    "Georgetown",
    "Madison",
    "Clinton",
    "Salem",
];

pub const API_USER_RESOURCE_ID: i64 = 29_682_885;
pub const ADMIN_RESOURCE_ID: i64 = 29_682_801;

fn rec(v: Value) -> Record {
    match v {
        Value::Object(m) => m,
        _ => Record::new(),
    }
}

fn midnight(d: NaiveDate) -> Value {
    datetime_value(d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc())
}

/// Fills an empty database. Writes go through the same rules as API writes, so the seed is
/// data the API itself could have produced.
pub fn seed(db: &mut Db, profile: SeedProfile, seed_number: u64, api_username: &str) {
    let mut rng = Rng::salted(seed_number, SALT);
    let today = db.today();
    db.define_udf(
        "Companies",
        UdfDef {
            name: "Customer Ranking".into(),
            label: "Customer Ranking".into(),
            description: "How the partner ranks the customer.".into(),
        },
    );
    db.define_udf(
        "Contracts",
        UdfDef {
            name: "External Reference".into(),
            label: "External Reference".into(),
            description: "An identifier from another system.".into(),
        },
    );

    db.put("Resources", ADMIN_RESOURCE_ID, rec(json!({
        "firstName": "Morgan", "lastName": "Avery", "email": "morgan.avery@demo-msp.example",
        "userName": "morgan.avery@demo-msp.example", "isActive": true, "licenseType": 1, "resourceType": "Employee", "title": "Service Manager"
    })));
    // The API-only user whose credentials the integration uses is itself a Resource.
    db.put("Resources", API_USER_RESOURCE_ID, rec(json!({
        "firstName": "Billing", "lastName": "Integration", "email": api_username, "userName": api_username,
        "isActive": true, "licenseType": 7, "resourceType": "Employee", "title": "API User (API-only)"
    })));

    let codes = [
        (29_683_001, "Remote Support", 1, true),
        (29_683_002, "Onsite Support", 1, true),
        (29_683_003, "Hardware", 2, true),
        (
            29_683_004,
            "Managed Services",
            RECURRING_CONTRACT_SERVICE_CODE,
            true,
        ),
        (
            29_683_005,
            "Security Services",
            RECURRING_CONTRACT_SERVICE_CODE,
            true,
        ),
        (
            29_683_006,
            "Legacy Hosting",
            RECURRING_CONTRACT_SERVICE_CODE,
            false,
        ),
    ];
    for (id, name, ty, active) in codes {
        db.put("BillingCodes", id, rec(json!({
            "name": name, "description": format!("{name} allocation code"), "billingCodeType": ty,
            "isActive": active, "isExcludedFromNewContracts": false, "useType": 1
        })));
    }

    db.put("Companies", 0, rec(json!({
        "companyName": "Demo MSP (your company)", "companyType": CUSTOMER, "phone": "555-0100",
        "ownerResourceID": ADMIN_RESOURCE_ID, "isActive": true, "city": "Springfield", "createDate": midnight(today - Months::new(60))
    })));

    let services = [
        ("Managed Workstation", "45.00", "18.50"),
        ("Web Content Filtering (per endpoint)", "3.00", "1.20"),
        ("Server Backup", "60.00", "25.00"),
    ];
    let mut service_ids = Vec::new();
    for (name, price, cost) in services {
        let body = json!({"name": name, "billingCodeID": 29_683_005, "periodType": 1, "unitPrice": price, "unitCost": cost, "invoiceDescription": name});
        service_ids.extend(db.create(&schema::SERVICES, &body, None).ok());
    }

    for n in 1..=profile.companies() {
        let name = format!(
            "{} {} {}",
            rng.pick(ADJECTIVES),
            rng.pick(NOUNS),
            rng.pick(SUFFIXES)
        );
        let company_type = match rng.below(100) {
            0..=79 => CUSTOMER,
            80..=87 => 3,
            88..=94 => 2,
            _ => 6,
        };
        let mut body = json!({
            "companyName": name, "companyType": company_type, "phone": format!("555-{:04}", n % 10_000),
            "ownerResourceID": ADMIN_RESOURCE_ID, "isActive": !rng.chance(5), "city": rng.pick(CITIES),
            "webAddress": format!("www.{}.example", name.to_lowercase().replace(['.', ' '], "")),
        });
        if rng.chance(20) {
            body["userDefinedFields"] = json!([{"name": "Customer Ranking", "value": rng.pick(&["Gold", "Silver", "Bronze"])}]);
        }
        let Ok(company) = db.create(&schema::COMPANIES, &body, None) else {
            continue;
        };
        let mut contacts = Vec::new();
        for _ in 0..=rng.below(3) {
            let (first, last) = (rng.pick(FIRST), rng.pick(LAST));
            let body = json!({
                "firstName": first, "lastName": last, "isActive": if rng.chance(90) { 1 } else { 0 },
                "emailAddress": format!("{}.{}@customer{n}.example", first.to_lowercase(), last.to_lowercase()),
                "title": rng.pick(&["Office Manager", "Owner", "IT Contact", "Controller"]),
            });
            contacts.extend(
                db.create(&schema::CONTACTS, &body, Some(("companyID", company)))
                    .ok(),
            );
        }
        if company_type == CUSTOMER && rng.chance(30) {
            seed_contract(
                db,
                &mut rng,
                today,
                company,
                contacts.first().copied(),
                &service_ids,
            );
        }
    }
}

fn seed_contract(
    db: &mut Db,
    rng: &mut Rng,
    today: NaiveDate,
    company: i64,
    contact: Option<i64>,
    services: &[i64],
) {
    let recurring = rng.chance(50);
    let months_ago = rng.below(12) as u32 + 1;
    let start = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today)
        - Months::new(months_ago);
    let end = start + Months::new(12 * (1 + rng.below(2) as u32)) - chrono::Days::new(1);
    let mut body = json!({
        "companyID": company, "contractName": if recurring { "Managed Services Agreement" } else { "Service Desk (Time and Materials)" },
        "contractType": if recurring { RECURRING_SERVICE } else { 1 }, "status": 1,
        "startDate": midnight(start), "endDate": midnight(end), "timeReportingRequiresStartAndStopTimes": 1,
        "isDefaultContract": true, "billingPreference": 2,
    });
    if let Some(contact) = contact {
        body["contactID"] = json!(contact);
    }
    let Ok(contract) = db.create(&schema::CONTRACTS, &body, None) else {
        return;
    };
    if recurring && rng.chance(50) && !services.is_empty() {
        let service = services[rng.below(services.len() as u64) as usize];
        let units = 5 + rng.below(56);
        let adjustment = json!({"contractID": contract, "serviceID": service, "effectiveDate": midnight(start), "unitChange": units});
        let _ = db.create(
            &schema::CONTRACT_SERVICE_ADJUSTMENTS,
            &adjustment,
            Some(("contractID", contract)),
        );
    }
}
