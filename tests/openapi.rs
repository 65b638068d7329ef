//! The generated OpenAPI document tells the truth about operations that share
//! a method and path: each alternative's auth, parameters and body stay valid.

use serde_json::Value;

fn document() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../generated/openapi.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("generated/openapi.json")).expect("JSON")
}

fn operation<'a>(doc: &'a Value, path: &str, method: &str) -> &'a Value {
    doc["paths"].get(path).and_then(|p| p.get(method)).unwrap_or_else(|| panic!("no {method} {path}"))
}

#[test]
fn a_merged_operation_lists_the_security_of_every_alternative() {
    let doc = document();
    let token = operation(&doc, "/{org_name}/{app_name}/token", "post");
    let ids: Vec<&str> = token["x-easemob-operations"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(ids.contains(&"tokens_get_app_token") && ids.contains(&"tokens_get_user_token_inherit"), "{ids:?}");
    // The app-token request needs no token, the inherit variant needs one: both alternatives are listed.
    let security = token["security"].as_array().expect("security is stated");
    assert!(security.contains(&serde_json::json!({})), "no-token alternative: {security:?}");
    assert!(security.contains(&serde_json::json!({"appToken": []})), "app-token alternative: {security:?}");
    // An operation with one alternative that needs the token inherits the document default.
    assert!(operation(&doc, "/{org_name}/{app_name}/chatrooms/{chatroom_id}/admin", "get").get("security").is_none());
}

#[test]
fn a_parameter_is_required_only_where_every_alternative_requires_it() {
    let doc = document();
    let download = operation(&doc, "/{org_name}/{app_name}/chatfiles/{file_uuid}", "get");
    let params = download["parameters"].as_array().unwrap();
    let thumbnail = params.iter().find(|p| p["name"] == "thumbnail").expect("the thumbnail header");
    assert_eq!(thumbnail["required"], false, "the original-file download sends no thumbnail header");
}

#[test]
fn merged_bodies_and_answers_accept_any_alternative() {
    let doc = document();
    let mut merged = 0;
    for (path, methods) in doc["paths"].as_object().unwrap() {
        for (method, op) in methods.as_object().unwrap() {
            if op.get("x-easemob-operations").is_none() {
                continue;
            }
            merged += 1;
            // Alternatives may overlap (a batch body is a superset of a single one), so
            // `oneOf` would reject bodies that match two of them.
            let text = op.to_string();
            assert!(!op["requestBody"].to_string().contains("\"oneOf\""), "{method} {path}: {text}");
            let ok = &op["responses"]["200"]["content"];
            let schema = ok.as_object().and_then(|m| m.values().next()).map(|c| &c["schema"]).unwrap();
            assert!(schema.get("oneOf").is_none(), "{method} {path}");
        }
    }
    assert!(merged >= 10, "the shared method-and-path pairs were found ({merged})");
}
