//! A partner's first day, in the real window: a bad secret then a good one lands on the Autotask
//! page; the Zorus key; customers from Zorus; a customer integration through the wizard (exactly
//! one new contract and contract service in the simulator, with the right units and prices, and
//! the summary shows them); a grown endpoint count reconciled; the app restarted with both
//! simulators stopped still shows the saved mapping; the headless `sync` subcommand plans and
//! applies; and no secret in the page, the log or the database.

use chrono::Utc;
use serde_json::{json, Value};

use crate::harness::*;

const CUSTOMER: &str = "E2E Harbor Dental";

/// An active customer company with an active contact: (company id, name, contact id).
fn company_with_contact(sim: &autotask_sim::SimHandle) -> (i64, String, i64) {
    let contacts = sim.records("Contacts");
    for c in sim.records("Companies") {
        if c["companyType"] == 1 && c["isActive"] == true && c["id"] != 0 {
            let id = c["id"].as_i64().unwrap();
            if let Some(contact) = contacts
                .iter()
                .find(|x| x["companyID"] == id && x["isActive"] == 1)
            {
                let name = c["companyName"].as_str().unwrap().to_string();
                return (id, name, contact["id"].as_i64().unwrap());
            }
        }
    }
    panic!("the seed has an active customer company with an active contact")
}

fn units_today(sim: &autotask_sim::SimHandle, cs_id: i64) -> i64 {
    let d = Utc::now().date_naive().to_string();
    sim.records("ContractServiceUnits")
        .into_iter()
        .filter(|u| {
            u["contractServiceID"] == cs_id
                && u["startDate"].as_str().unwrap()[..10] <= *d
                && u["endDate"].as_str().unwrap()[..10] >= *d
        })
        .map(|u| u["units"].as_i64().unwrap())
        .max()
        .unwrap_or(0)
}

/// The content of the CSV file an export wrote, once it is there.
async fn wait_export(dir: &std::path::Path, name: &str) -> String {
    for _ in 0..100 {
        let found = std::fs::read_dir(dir).unwrap().flatten().find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!("zorus-autotask-{name}-"))
        });
        if let Some(e) = found {
            return std::fs::read_to_string(e.path()).unwrap();
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no {name} export in {}", dir.display())
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a session bus, a Secret Service and tauri-driver: scripts/test-all.sh"]
async fn first_day_then_offline() {
    // Secrets nobody else uses, so finding them anywhere is a leak.
    let secret = format!(
        "at-secret-{}-{}",
        std::process::id(),
        Utc::now().timestamp()
    );
    let wrong = format!("wrong-secret-{}", std::process::id());
    let zorus_key = format!(
        "zorus-key-{}-{}",
        std::process::id(),
        Utc::now().timestamp()
    );
    let autotask = autotask_sim::Simulator::start(autotask_sim::SimConfig {
        secret: secret.clone(),
        ..autotask_sim::SimConfig::default()
    })
    .await
    .unwrap();
    let zorus = zorus_sim::Simulator::start(zorus_sim::SimConfig {
        api_key: zorus_key.clone(),
        seed: zorus_sim::SeedProfile::Tiny,
        ..zorus_sim::SimConfig::default()
    })
    .await
    .unwrap();
    let uuid = zorus.add_customer(CUSTOMER, 7);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let logs = dir.path().join("logs");
    // CSV exports go to the Downloads folder, which the XDG user-dirs file names.
    let downloads = dir.path().join("downloads");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&downloads).unwrap();
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("user-dirs.dirs"),
        format!("XDG_DOWNLOAD_DIR=\"{}\"\n", downloads.display()),
    )
    .unwrap();
    let env = vec![
        ("XDG_CONFIG_HOME", config.display().to_string()),
        ("ZORUS_AUTOTASK_DATA_DIR", data.display().to_string()),
        ("ZORUS_AUTOTASK_LOG_DIR", logs.display().to_string()),
        ("ZORUS_AUTOTASK_ZONE_URL", autotask.zone_entry_url()),
        ("ZORUS_AUTOTASK_ZORUS_URL", zorus.base_url()),
        ("ZORUS_AUTOTASK_LOG", "debug,tao=warn,wry=warn".into()),
    ];
    let driver = Driver::start(&env);
    let c = driver.session().await;

    // No credentials: the first screen offers the demo.
    wait_css(&c, "main[data-page='welcome'] #demo-start").await;
    screenshot(&c, "01-welcome").await;

    // A bad secret: an error that says what to fix, and no connection.
    open(&c, "integrations").await;
    click(&c, "#at-enable").await;
    type_into(&c, "#at-username", autotask_sim::DEMO_USERNAME).await;
    type_into(&c, "#at-secret", &wrong).await;
    if c.find("#at-code").await.is_ok() {
        type_into(&c, "#at-code", autotask_sim::DEMO_INTEGRATION_CODE).await;
    }
    click(&c, "#at-save").await;
    let error = wait_css(&c, "#at-error:not([hidden])").await;
    assert_eq!(
        error.attr("data-code").await.unwrap().as_deref(),
        Some("invalid_credentials")
    );
    assert!(error.text().await.unwrap().contains("secret"));
    screenshot(&c, "02-integrations-bad-secret").await;

    // The good one lands on the Autotask page.
    type_into(&c, "#at-secret", &secret).await;
    click(&c, "#at-save").await;
    wait_css(
        &c,
        "main[data-page='autotask'][data-ready='true'] #add-integration",
    )
    .await;
    screenshot(&c, "03-autotask-empty").await;

    // The Zorus key, then the customers from Zorus.
    open(&c, "integrations").await;
    choose(&c, "#plugin", "zorus").await;
    type_into(&c, "#zorus-key", &zorus_key).await;
    click(&c, "#zorus-save").await;
    wait_js(
        &c,
        "the key saved",
        "return (document.getElementById('zorus-state')||{}).textContent?.includes('is saved') === true;",
    )
    .await;
    screenshot(&c, "04-integrations-zorus").await;
    open(&c, "customers").await;
    click(&c, "#cu-refresh").await;
    wait_js(
        &c,
        "the customer listed",
        &format!("return !!document.getElementById('cu-table') && document.getElementById('cu-table').textContent.includes({});", json!(CUSTOMER)),
    )
    .await;
    // A CSV import with one bad line: the good lines are kept and the bad one is reported.
    let csv = dir.path().join("customers.csv");
    std::fs::write(
        &csv,
        "name,endpoints\nE2E Csv Bakery,12\nE2E Csv Broken,twelve\n",
    )
    .unwrap();
    c.find("#cu-csv")
        .await
        .unwrap()
        .send_keys(&csv.display().to_string())
        .await
        .unwrap();
    wait_js(
        &c,
        "the import report",
        "return (document.getElementById('cu-csv-report')||{}).textContent?.includes('Line 3') === true;",
    )
    .await;
    let report = text(&c, "#cu-csv-report").await;
    assert!(report.contains("1 added"), "{report}");
    assert!(text(&c, "#cu-table").await.contains("E2E Csv Bakery"));
    screenshot(&c, "05-customers").await;

    // The wizard.
    let (company_id, company_name, contact_id) = company_with_contact(&autotask);
    let contracts_before = autotask.records("Contracts").len();
    let services_before = autotask.records("ContractServices").len();
    open(&c, "autotask").await;
    click(&c, "#add-integration").await;
    wait_css(
        &c,
        "main[data-page='wizard'] #wz-account[data-ready='true']",
    )
    .await;
    c.execute(
        "const s = document.getElementById('wz-customer');
         const o = [...s.options].find((o) => o.textContent.startsWith(arguments[0]));
         s.value = o.value; s.dispatchEvent(new Event('change'));",
        vec![json!(CUSTOMER)],
    )
    .await
    .unwrap();
    let fragment: String = company_name.chars().take(6).collect();
    type_into(&c, "#wz-account", &fragment).await;
    click(&c, &format!("#wz-account-list li[data-id='{company_id}']")).await;
    wait_js(
        &c,
        "the contacts",
        &format!("return document.getElementById('wz-contact').value === '{contact_id}';"),
    )
    .await;
    type_into(&c, "#wz-price", "4.50").await;
    type_into(&c, "#wz-cost", "2.10").await;
    screenshot(&c, "06-wizard").await;
    click(&c, "#wz-review").await;
    wait_css(&c, "#wz-plan:not([hidden]) #wz-create").await;
    let writes = text(&c, "#wz-writes").await;
    assert!(
        writes.contains("4.50"),
        "the planned writes show the price: {writes}"
    );
    assert!(writes.contains("7"), "and the units: {writes}");
    // Nothing written before Create.
    assert_eq!(autotask.records("Contracts").len(), contracts_before);
    screenshot(&c, "07-wizard-planned-writes").await;
    click(&c, "#wz-create").await;
    wait_css(&c, "#wz-summary-facts").await;
    screenshot(&c, "08-wizard-summary").await;

    // Exactly one new contract and contract service, with the right prices and units.
    let contracts = autotask.records("Contracts");
    assert_eq!(contracts.len(), contracts_before + 1);
    let services = autotask.records("ContractServices");
    assert_eq!(services.len(), services_before + 1);
    let new_contract: Vec<&Value> = contracts
        .iter()
        .filter(|k| k["companyID"] == company_id && k["contractType"] == 7)
        .collect();
    assert_eq!(new_contract.len(), 1);
    let contract_id = new_contract[0]["id"].as_i64().unwrap();
    let cs: Vec<&Value> = services
        .iter()
        .filter(|s| s["contractID"] == contract_id)
        .collect();
    assert_eq!(cs.len(), 1);
    let cs_id = cs[0]["id"].as_i64().unwrap();
    assert_eq!(
        (cs[0]["adjustedPrice"].as_f64(), cs[0]["unitCost"].as_f64()),
        (Some(4.5), Some(2.1))
    );
    assert_eq!(units_today(&autotask, cs_id), 7);
    // The summary shows them.
    assert_eq!(text(&c, "#summary-cs").await, cs_id.to_string());
    assert_eq!(text(&c, "#summary-seats").await, "7");
    assert_eq!(text(&c, "#summary-price").await, "4.50");
    assert_eq!(text(&c, "#summary-cost").await, "2.10");
    let facts = text(&c, "#wz-summary-facts").await;
    assert!(facts.contains(&contract_id.to_string()), "{facts}");

    open(&c, "autotask").await;
    wait_css(&c, "#it-table tr.clickable").await;
    screenshot(&c, "09-autotask").await;
    click(&c, "#it-table tr.clickable td").await;
    wait_css(&c, "#it-summary:not([hidden])").await;
    screenshot(&c, "10-autotask-summary").await;
    click(&c, "#it-export").await;
    let csv = wait_export(&downloads, "integrations").await;
    assert!(
        csv.contains(CUSTOMER) && csv.contains("4.50") && csv.contains("2.10"),
        "{csv}"
    );

    // The customer grows from 7 to 11 endpoints: reconcile.
    assert!(zorus.set_endpoint_count(&uuid, 11));
    open(&c, "customers").await;
    click(&c, "#cu-refresh").await;
    wait_js(
        &c,
        "the new count",
        &format!("return [...document.querySelectorAll('#cu-table tr')].some((r) => r.textContent.includes({}) && r.textContent.includes('11'));", json!(CUSTOMER)),
    )
    .await;
    open(&c, "seats").await;
    screenshot(&c, "11-seats-saved").await;
    click(&c, "#se-refresh").await;
    wait_css(&c, "#se-table input[type='checkbox']").await;
    let line = text(&c, "#se-table").await;
    assert!(line.contains("+4"), "the plan shows +4 seats: {line}");
    screenshot(&c, "12-seats-plan").await;
    click(&c, "#se-apply").await;
    let result = wait_css(&c, "#se-table [data-result]").await;
    assert_eq!(
        result.attr("data-result").await.unwrap().as_deref(),
        Some("applied")
    );
    assert_eq!(units_today(&autotask, cs_id), 11);
    screenshot(&c, "13-seats-applied").await;
    click(&c, "#se-export").await;
    let seats_csv = wait_export(&downloads, "seats").await;
    assert!(
        seats_csv.contains(CUSTOMER) && seats_csv.contains("+4"),
        "{seats_csv}"
    );

    // The headless `sync` subcommand, beside the open window: it prints the plan, and only
    // --apply sends it.
    assert!(zorus.set_endpoint_count(&uuid, 13));
    let sync = |apply: bool| {
        let mut cmd = std::process::Command::new(APP);
        cmd.arg("sync");
        if apply {
            cmd.arg("--apply");
        }
        for (k, v) in &env {
            cmd.env(k, v);
        }
        cmd.output().expect("the sync subcommand runs")
    };
    let out = sync(false);
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "sync: {printed} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(printed.contains("11 -> 13 seats (+2)"), "{printed}");
    assert_eq!(
        units_today(&autotask, cs_id),
        11,
        "nothing sent without --apply"
    );
    let out = sync(true);
    assert!(
        out.status.success(),
        "sync --apply: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(units_today(&autotask, cs_id), 13);

    open(&c, "audit").await;
    let audit = text(&c, "#au-table").await;
    assert!(audit.contains("adjustment"), "{audit}");
    screenshot(&c, "14-audit-log").await;
    open(&c, "settings").await;
    screenshot(&c, "15-settings").await;
    open(&c, "integrations").await;
    screenshot(&c, "16-integrations-enabled").await;

    let source = c.source().await.unwrap();
    c.close().await.unwrap();

    // Both simulators stopped: the saved mapping, seats and audit log still show, offline.
    autotask.shutdown().await;
    zorus.shutdown().await;
    let c = driver.session().await;
    open(&c, "autotask").await;
    let table = text(&c, "#it-table").await;
    assert!(
        table.contains(CUSTOMER) && table.contains(&company_name),
        "{table}"
    );
    assert!(table.contains("13"), "the last-read seats: {table}");
    open(&c, "seats").await;
    click(&c, "#se-refresh").await;
    let error = wait_css(&c, "#se-error:not([hidden])").await;
    assert_eq!(
        error.attr("data-code").await.unwrap().as_deref(),
        Some("transport")
    );
    wait_css(&c, "#offline-banner:not([hidden])").await;
    screenshot(&c, "17-seats-offline").await;
    open(&c, "autotask").await;
    screenshot(&c, "18-autotask-offline").await;
    open(&c, "audit").await;
    assert!(text(&c, "#au-table").await.contains("adjustment"));
    let source_offline = c.source().await.unwrap();
    c.close().await.unwrap();
    drop(driver);

    // No secret in the page, the log or the database (nor the wrong one typed first).
    for s in [&secret, &wrong, &zorus_key] {
        assert!(
            !source.contains(s.as_str()) && !source_offline.contains(s.as_str()),
            "a secret in the page"
        );
        let logged = files_under(&logs);
        assert!(
            !logged.is_empty(),
            "the app wrote its log to {}",
            logs.display()
        );
        for (path, bytes) in logged.iter().chain(files_under(&data).iter()) {
            assert!(!contains(bytes, s), "a secret in {}", path.display());
        }
    }
}
