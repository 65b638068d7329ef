//! Generated requests against every route of the mock: random path values,
//! query pairs, bodies (bytes or JSON with extreme values) and tokens. Each
//! gets a whole answer below 500, never a panic or a dropped connection,
//! and the mock keeps serving afterwards.

use easemob_mock::MockServer;
use easemob_mock::table::Segment;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

/// A JSON value with the extremes a server meets: huge and negative
/// numbers, floats, empty and odd strings, nesting.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("JSON has no NaN or infinity", |f| f.is_finite()).prop_map(Value::from),
        ".{0,70}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("username".to_owned()),
                    Just("usernames".to_owned()),
                    Just("password".to_owned()),
                    Just("owner".to_owned()),
                    Just("name".to_owned()),
                    "[a-z_]{1,12}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[derive(Debug, Clone)]
enum Body {
    None,
    Bytes(Vec<u8>),
    Json(Value),
}

fn body() -> impl Strategy<Value = Body> {
    prop_oneof![
        Just(Body::None),
        prop::collection::vec(any::<u8>(), 0..300).prop_map(Body::Bytes),
        json_value().prop_map(Body::Json),
    ]
}

#[derive(Debug, Clone)]
enum Token {
    Valid,
    Missing,
    Bogus(String),
}

fn token() -> impl Strategy<Value = Token> {
    prop_oneof![4 => Just(Token::Valid), 1 => Just(Token::Missing), 1 => "[ -~]{0,40}".prop_map(Token::Bogus)]
}

#[test]
fn generated_requests_to_every_route_get_an_answer_below_500() {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let mock = rt.block_on(MockServer::start());
    let valid = mock.app_token();
    let http = reqwest::Client::new();
    let ops = easemob_mock::operations();
    let case = (
        0..ops.len(),
        prop::collection::vec(".{0,80}", 4),
        prop::collection::vec(("[a-z_]{1,10}", ".{0,30}"), 0..4),
        body(),
        token(),
    );
    let mut runner = TestRunner::new(Config { failure_persistence: None, ..Config::default() });
    runner
        .run(&case, |(i, values, query, body, token)| {
            let op = &ops[i];
            let mut path = String::from("/org/app");
            let mut next = values.iter().cycle();
            for seg in op.path {
                path.push('/');
                match seg {
                    Segment::Lit(l) => path.push_str(l),
                    Segment::Param(_) => {
                        path.extend(utf8_percent_encode(next.next().unwrap(), NON_ALPHANUMERIC).map(str::to_owned))
                    }
                }
            }
            let url = format!("{}{path}", mock.url());
            let method = reqwest::Method::from_bytes(op.method.as_bytes()).unwrap();
            let mut req = http.request(method, &url).query(&query);
            req = match &token {
                Token::Valid => req.bearer_auth(&valid),
                Token::Missing => req,
                Token::Bogus(t) => req.header("authorization", format!("Bearer {t}")),
            };
            req = match &body {
                Body::None => req,
                Body::Bytes(b) => req.header("content-type", "application/json").body(b.clone()),
                Body::Json(v) => req.json(v),
            };
            let (status, _) = rt
                .block_on(async {
                    let r = req.send().await.map_err(|e| format!("{} {url}: no answer: {e}", op.id))?;
                    let status = r.status().as_u16();
                    let bytes = r.bytes().await.map_err(|e| format!("{} {url}: body broke off: {e}", op.id))?;
                    Ok::<_, String>((status, bytes))
                })
                .map_err(TestCaseError::fail)?;
            prop_assert!(status < 500, "{} {url}: status {status}", op.id);
            Ok(())
        })
        .unwrap();
    let still = rt.block_on(async {
        http.get(format!("{}/org/app/users", mock.url())).bearer_auth(&valid).send().await.unwrap().status()
    });
    assert_eq!(still, 200);
}
