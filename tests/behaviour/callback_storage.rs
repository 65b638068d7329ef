//! `client.callback_storage()`: every operation against the doc examples.

use easemob_tests::{DocumentedError, Harness, UNAUTHORIZED, assert_documented_errors};
use serde_json::json;

/// The page lists these statuses without codes or messages.
const ERRORS: &[DocumentedError] = &[(400, None, ""), UNAUTHORIZED, (403, None, ""), (429, None, ""), (500, None, "")];

#[tokio::test]
async fn info_reads_the_slices_and_ignores_the_odd_echo() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"path":"/callbacks","uri":"https://XXXX/XXXX/XXXX/callbacks","timestamp":1631193031254,"organization":"XXXX",
            "application":"8dfb1641-XXXX-XXXX-bbe9-d8d45a3be39f","action":"post",
            "data":[{"date":"202109091440","size":15,"retry":0},{"date":"202109091450","size":103,"retry":1}],
            "duration":153,"applicationName":"XXXX"}"#,
    )
    .await;
    let r = h.client.callback_storage().info().send().await.unwrap();
    h.expect("GET", "/org/app/callbacks/storage/info", "", None).await;
    let slices: Vec<(&str, Option<i64>, Option<i64>)> = r.iter().map(|s| (s.date.as_str(), s.size, s.retry)).collect();
    assert_eq!(slices, [("202109091440", Some(15), Some(0)), ("202109091450", Some(103), Some(1))]);
    assert_eq!(r.meta.action.as_deref(), Some("post"));
    assert_eq!(r.meta.path.as_deref(), Some("/callbacks"));
}

#[tokio::test]
async fn info_documented_errors_decode() {
    assert_documented_errors(
        "callback_storage_info",
        ERRORS,
        |c| async move { c.callback_storage().info().send().await },
    )
    .await;
}

#[tokio::test]
async fn retry_posts_the_doc_example_and_reads_success_as_true() {
    for (answer, accepted) in [("success", true), ("failure", false)] {
        let h = Harness::start().await;
        h.reply(200, &json!({"path":"/callbacks","action":"post","data":answer,"duration":225}).to_string()).await;
        let r = h
            .client
            .callback_storage()
            .retry("202108272230")
            .retry(0)
            .target_url("https://localhost:8000/test")
            .send()
            .await
            .unwrap();
        h.expect(
            "POST",
            "/org/app/callbacks/storage/retry",
            "",
            Some(json!({"date":"202108272230","retry":0,"targetUrl":"https://localhost:8000/test"})),
        )
        .await;
        assert_eq!(r.data, accepted);
    }
}

#[tokio::test]
async fn retry_documented_errors_decode() {
    assert_documented_errors("callback_storage_retry", ERRORS, |c| async move {
        c.callback_storage().retry("202108272230").send().await
    })
    .await;
}
