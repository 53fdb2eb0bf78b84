use autotask_sim::{DEMO_INTEGRATION_CODE, DEMO_SECRET, DEMO_USERNAME};
use integration::connect::{connect, current, disconnect, ConnectInput};
use vault::{Secret, SecretKey, SecretStore};

use crate::World;

fn input(user: &str, secret: &str, code: &str) -> ConnectInput {
    ConnectInput {
        username: user.into(),
        secret: Secret::new(secret),
        integration_code: Some(code.into()),
    }
}

#[tokio::test]
async fn connect_validates_then_saves_the_connection_and_the_secret_apart() {
    let w = World::new().await;
    let view = connect(
        &w.app,
        input(DEMO_USERNAME, DEMO_SECRET, DEMO_INTEGRATION_CODE),
    )
    .await
    .unwrap();
    assert_eq!(view.zone_url, w.sim.api_url());
    assert_eq!(
        view.api_user_resource_id,
        autotask_sim::API_USER_RESOURCE_ID
    );
    let saved = current(&w.app).await.unwrap().unwrap();
    assert_eq!(
        (saved.username.as_str(), saved.verified_at.is_some()),
        (DEMO_USERNAME, true)
    );
    let key = SecretKey::AutotaskSecret {
        username: DEMO_USERNAME.into(),
    };
    assert_eq!(w.vault.get(&key).unwrap().unwrap().expose(), DEMO_SECRET);
    let log = w.sim.request_log();
    assert_eq!(log.count("GET zoneInformation"), 1);
    assert_eq!(
        log.count("POST Resources/query"),
        1,
        "one real query proves the user"
    );
    let audit = store::repo::audit::recent(w.app.store.connection(), 5)
        .await
        .unwrap();
    assert_eq!(audit[0].action, "connect");
    assert!(!audit[0].summary.contains(DEMO_SECRET));
}

#[tokio::test]
async fn each_connection_failure_has_its_own_code_and_saves_nothing() {
    let w = World::new().await;
    let cases = [
        (
            input(
                "nobody@elsewhere.example",
                DEMO_SECRET,
                DEMO_INTEGRATION_CODE,
            ),
            "unknown_user_or_zone",
        ),
        (
            input(DEMO_USERNAME, "wrong-secret", DEMO_INTEGRATION_CODE),
            "invalid_credentials",
        ),
        (
            input(DEMO_USERNAME, DEMO_SECRET, "WRONGCODE"),
            "integration_code_refused",
        ),
        (
            input("", DEMO_SECRET, DEMO_INTEGRATION_CODE),
            "invalid_input",
        ),
        (
            input(DEMO_USERNAME, "  ", DEMO_INTEGRATION_CODE),
            "invalid_input",
        ),
    ];
    for (i, expected) in cases {
        let err = connect(&w.app, i).await.unwrap_err();
        assert_eq!(err.code(), expected, "{err}");
        assert!(!err.to_string().contains("wrong-secret"), "{err}");
    }
    assert!(current(&w.app).await.unwrap().is_none());
    let unreachable = World::new().await;
    unreachable
        .app
        .set_client_settings(integration::ClientSettings {
            zone_entry_url: "http://127.0.0.1:9/atservicesrest".into(),
            timeout: std::time::Duration::from_secs(5),
            zorus_base_url: unreachable.zorus.base_url(),
        });
    let err = connect(
        &unreachable.app,
        input(DEMO_USERNAME, DEMO_SECRET, DEMO_INTEGRATION_CODE),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "transport", "{err}");
    assert!(err.to_string().contains("could not be reached"));
}

#[tokio::test]
async fn disconnecting_removes_the_secret_and_keeps_the_mappings() {
    let w = World::connected().await;
    let c = w.customer("Kept Co", 3).await;
    disconnect(&w.app).await.unwrap();
    assert!(current(&w.app).await.unwrap().is_none());
    assert!(w
        .vault
        .get(&SecretKey::AutotaskSecret {
            username: DEMO_USERNAME.into()
        })
        .unwrap()
        .is_none());
    assert!(store::repo::customers::get(w.app.store.connection(), c.id)
        .await
        .unwrap()
        .is_some());
    assert_eq!(w.app.client().await.unwrap_err().code(), "not_connected");
}
