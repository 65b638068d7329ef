//! `client.translation()`: every operation against the doc examples.

use easemob_tests::{DocumentedError, Harness, UNAUTHORIZED, assert_documented_errors, assert_refused};
use serde_json::json;

const MISSING_TEXT: DocumentedError = (400, None, "An input text is missing or invalid");
const TOO_LONG: DocumentedError = (400, None, "The input text is too long");
const RATE: DocumentedError = (400, None, "The request has reached the maximum limit");
const AZURE: DocumentedError = (400, None, "InternalTranslateFailedException");
const NOT_OPEN: DocumentedError = (503, None, "service not open");

#[tokio::test]
async fn translate_posts_the_doc_example_and_reads_the_bare_array() {
    let h = Harness::start().await;
    h.reply(200, r#"[{"translations":[{"text":"study","to":"en"},{"text":"學習","to":"zh-Hant"}]}]"#).await;
    let r = h.client.translation().translate("学习", ["en", "zh-Hant"]).from("zh-Hans").send().await.unwrap();
    h.expect("POST", "/org/app/translate", "", Some(json!({"from":"zh-Hans","text":"学习","to":["en","zh-Hant"]})))
        .await;
    assert_eq!(r.len(), 1);
    let t: Vec<(&str, &str)> = r[0].translations.iter().map(|t| (t.text.as_str(), t.to.as_str())).collect();
    assert_eq!(t, [("study", "en"), ("學習", "zh-Hant")]);
}

#[tokio::test]
async fn translate_checks_the_text_length() {
    let h = Harness::start().await;
    let result = h.client.translation().translate("字".repeat(10_001), ["en"]).send().await;
    assert_refused(&h, result, "translation_translate", "text", "must be at most 10000 characters, got 10001").await;
}

#[tokio::test]
async fn translate_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[
        MISSING_TEXT,
        (400, None, "The target language is missing or invalid"),
        TOO_LONG,
        RATE,
        AZURE,
        UNAUTHORIZED,
        NOT_OPEN,
    ];
    assert_documented_errors("translation_translate", ERRORS, |c| async move {
        c.translation().translate("学习", ["en"]).send().await
    })
    .await;
}

#[tokio::test]
async fn detect_reads_a_fractional_score_and_a_boolean_flag() {
    let h = Harness::start().await;
    h.reply(200, r#"{"language":"zh-Hans","score":0.98,"isTranslationSupported":true}"#).await;
    let r = h.client.translation().detect("学习").send().await.unwrap();
    h.expect("POST", "/org/app/translate/detect", "", Some(json!({"text":"学习"}))).await;
    assert_eq!(r.language, "zh-Hans");
    assert_eq!(r.score, Some(0.98));
    assert_eq!(r.translation_supported, Some(true));
}

#[tokio::test]
async fn detect_accepts_the_flag_as_the_declared_string() {
    let h = Harness::start().await;
    h.reply(200, r#"{"language":"en","score":1,"isTranslationSupported":"false"}"#).await;
    let r = h.client.translation().detect("hello").send().await.unwrap();
    assert_eq!(r.score, Some(1.0));
    assert_eq!(r.translation_supported, Some(false));
}

#[tokio::test]
async fn detect_checks_the_text_length() {
    let h = Harness::start().await;
    let result = h.client.translation().detect("x".repeat(10_001)).send().await;
    assert_refused(&h, result, "translation_detect", "text", "must be at most 10000 characters, got 10001").await;
}

#[tokio::test]
async fn detect_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[MISSING_TEXT, TOO_LONG, RATE, AZURE, UNAUTHORIZED, NOT_OPEN];
    assert_documented_errors("translation_detect", ERRORS, |c| async move { c.translation().detect("x").send().await })
        .await;
}

#[tokio::test]
async fn list_languages_gets_the_bare_array() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"[{"code":"en","name":"English","nativeName":"English"},{"code":"el","name":"Greek","nativeName":"Ελληνικά"},
            {"code":"dv","name":"Divehi","nativeName":"ދިވެހިބަސް"}]"#,
    )
    .await;
    let r = h.client.translation().list_languages().send().await.unwrap();
    h.expect("GET", "/org/app/translate/support/language", "", None).await;
    assert_eq!(r.len(), 3);
    assert_eq!(
        (r[1].code.as_str(), r[1].name.as_deref(), r[1].native_name.as_deref()),
        ("el", Some("Greek"), Some("Ελληνικά"))
    );
}

#[tokio::test]
async fn list_languages_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[RATE, AZURE, UNAUTHORIZED, NOT_OPEN];
    assert_documented_errors("translation_list_languages", ERRORS, |c| async move {
        c.translation().list_languages().send().await
    })
    .await;
}
