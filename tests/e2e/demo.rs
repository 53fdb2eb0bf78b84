//! Demo mode from the first screen: one click starts both simulators inside the app and connects;
//! everything says DEMO; one click leaves and the partner's own (empty) data is back. Then the
//! same under the OS's dark theme.

use crate::harness::*;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, a session bus, a Secret Service and tauri-driver: scripts/test-all.sh"]
async fn try_with_demo_data_and_leave() {
    let dir = tempfile::tempdir().unwrap();
    let env = vec![
        (
            "ZORUS_AUTOTASK_DATA_DIR",
            dir.path().join("data").display().to_string(),
        ),
        (
            "ZORUS_AUTOTASK_LOG_DIR",
            dir.path().join("logs").display().to_string(),
        ),
    ];
    let driver = Driver::start(&env);
    let c = driver.session().await;
    click(&c, "#demo-start").await;
    wait_css(
        &c,
        "main[data-page='autotask'][data-ready='true'] #it-table tr.clickable",
    )
    .await;
    wait_css(&c, "#demo-badge:not([hidden])").await;
    wait_css(&c, "#demo-banner:not([hidden])").await;
    screenshot(&c, "20-demo-autotask").await;
    open(&c, "customers").await;
    screenshot(&c, "21-demo-customers").await;
    open(&c, "seats").await;
    click(&c, "#se-refresh").await;
    wait_css(&c, "#se-table input[type='checkbox']").await;
    screenshot(&c, "22-demo-seats").await;

    click(&c, "#demo-leave").await;
    wait_css(&c, "main[data-page='welcome'][data-ready='true']").await;
    wait_css(&c, "#demo-badge[hidden]").await;
    screenshot(&c, "23-demo-left").await;
    c.close().await.unwrap();

    drop(driver);

    // The same in the OS's dark theme: the page follows prefers-color-scheme.
    let mut dark = env.clone();
    dark.push(("GTK_THEME", "Adwaita:dark".into()));
    let driver = Driver::start(&dark);
    let c = driver.session().await;
    let background = c
        .execute(
            "return matchMedia('(prefers-color-scheme: dark)').matches;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        background,
        serde_json::Value::Bool(true),
        "the webview reports dark"
    );
    click(&c, "#demo-start").await;
    wait_css(
        &c,
        "main[data-page='autotask'][data-ready='true'] #it-table tr.clickable",
    )
    .await;
    screenshot(&c, "24-demo-dark").await;
    click(&c, "#demo-leave").await;
    wait_css(&c, "main[data-page='welcome'][data-ready='true']").await;
    c.close().await.unwrap();
}
