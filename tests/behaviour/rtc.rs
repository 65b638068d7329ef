//! `client.rtc()`: every operation against the doc examples.

use easemob_tests::{Harness, UNAUTHORIZED, assert_documented_errors};

#[tokio::test]
async fn usage_summary_encodes_the_app_key_and_reads_the_usage() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"data":{"appKey":"hx#hxdemo","planId":9,"billingItemId":49,"discountUsageMinutes":500000,"fuelBagRemain":0,
            "freeUsageMinutes":120000},"meta":{"timestamp":1780300500400}}"#,
    )
    .await;
    let r = h.client.rtc().usage_summary("hx#hxdemo").send().await.unwrap();
    h.expect("GET", "/org/app/billing/rtc/usage-summary", "appKey=hx%23hxdemo", None).await;
    assert_eq!(r.app_key.as_deref(), Some("hx#hxdemo"));
    assert_eq!((r.plan_id, r.billing_item_id), (Some(9), Some(49)));
    assert_eq!((r.usage_minutes, r.add_on_minutes_left, r.free_minutes), (Some(500000.0), Some(0.0), Some(120000.0)));
}

#[tokio::test]
async fn usage_summary_reads_nulls_when_rtc_is_not_enabled() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"data":{"appKey":"hx#hxdemo2","planId":null,"billingItemId":null,"discountUsageMinutes":0,"fuelBagRemain":0,
            "freeUsageMinutes":null},"meta":{"timestamp":1780300691379}}"#,
    )
    .await;
    let r = h.client.rtc().usage_summary("hx#hxdemo2").send().await.unwrap();
    assert_eq!((r.plan_id, r.billing_item_id, r.free_minutes), (None, None, None));
    assert_eq!(r.usage_minutes, Some(0.0));
}

#[tokio::test]
async fn usage_summary_documented_errors_decode() {
    assert_documented_errors("rtc_usage_summary", &[UNAUTHORIZED], |c| async move {
        c.rtc().usage_summary("org#app").send().await
    })
    .await;
}
