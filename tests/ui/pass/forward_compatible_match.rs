// The forward-compatible pattern: match known values, treat the rest as one
// case, and read the text only for logs.
fn describe(code: &easemob::ErrorCode) -> String {
    match code {
        easemob::ErrorCode::ResourceNotFound => "gone".to_owned(),
        easemob::ErrorCode::Unknown(v) => format!("unlisted code {}", v.as_str()),
        other => other.as_str().to_owned(),
    }
}

fn main() {
    assert_eq!(describe(&easemob::ErrorCode::from("resource_not_found")), "gone");
    assert_eq!(describe(&easemob::ErrorCode::from("brand_new_code")), "unlisted code brand_new_code");
    let affiliation: easemob::Affiliation = serde_json::from_str(r#"{"guest": "u1"}"#).unwrap();
    match affiliation {
        easemob::Affiliation::Other(v) => assert_eq!((v.key(), v.value().as_str()), ("guest", Some("u1"))),
        other => panic!("unexpected {other:?}"),
    }
}
