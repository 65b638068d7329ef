//! No body, however broken or hostile, makes a decoder panic: every
//! operation's decoder is fed random bytes and mutations of plausible
//! answers, with success and error statuses.
//!
//! Realistic sizes too: bodies up to 1 MB (a long list of plausible items),
//! nesting far deeper than the parser allows, and numbers far beyond 64 bits.
//!
//! The normal run is bounded; for a long run (each property prints how many
//! inputs it decoded; the 1 MB bodies get a twentieth of the cases, deep
//! nesting a quarter):
//! `PROPTEST_CASES=350000 cargo test --release -p easemob-tests --test faults decoding -- --nocapture`.

use std::sync::atomic::{AtomicU64, Ordering};

use easemob::{DECODABLE_OPERATIONS, Error, decode_response};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Plausible answers to start mutations from: envelopes with payloads of
/// every shape, the error body, and odd corners (huge numbers, deep nesting).
const SEEDS: &[&str] = &[
    r#"{"action":"get","data":[{"id":"1","name":"n","owner":"u","affiliations_count":2,"disabled":"false"}],"count":1,"cursor":"c"}"#,
    r#"{"data":{"id":"1","result":"success","user":"u","newowner":true,"successKeys":["k"],"errorKeys":{"k":"e"}}}"#,
    r#"{"entities":[{"uuid":"x","username":"u","created":1,"activated":true}],"properties":{"cursor":"c"},"data":{"affiliations":["a"]}}"#,
    r#"{"error":"unauthorized","exception":"x","timestamp":1,"duration":0,"error_description":"Unable to authenticate (OAuth)"}"#,
    r#"{"data":{"id":18446744073709551615,"expire":-1,"mute":"true"},"timestamp":1e400}"#,
    // Integers wider than 64 bits where IDs, text, unknown keys and the
    // envelope's trees keep them: decoded before and after quoting alike.
    r#"{"data":[{"owner":18446744073709551616},{"member":"u"},{"x":-9223372036854775809}],"cursor":12345678901234567890123,"properties":{"n":18446744073709551616},"count":99999999999999999999}"#,
    r#"{"entities":[{"uuid":18446744073709551616,"username":123456789012345678901,"nickname":-9223372036854775809,"created":"1","notification_display_style":18446744073709551616}],"params":{"a":[18446744073709551616]}}"#,
    r#"{"data":{"id":18446744073709551616,"groupid":18446744073709551616,"result":18446744073709551616,"affiliations":[{"member":18446744073709551616}],"count":1.5}}"#,
    r#"{"access_token":"t","expires_in":"3600","user":{"username":"u"}}"#,
    r#"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"#,
    "<html>502 Bad Gateway</html>",
    "",
];

fn mutate(seed: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut out = seed.to_vec();
    for &(pos, kind, byte) in edits {
        if out.is_empty() {
            out.push(byte);
            continue;
        }
        let i = pos % out.len();
        match kind % 4 {
            0 => out[i] = byte,
            1 => out.insert(i, byte),
            2 => {
                out.remove(i);
            }
            _ => out.truncate(i),
        }
    }
    out
}

fn check(id: &str, status: u16, body: &[u8]) {
    match decode_response(id, status, body) {
        None => panic!("{id} has no decoder"),
        Some(Ok(())) => assert!((200..300).contains(&status), "{id}: an error status must not decode as success"),
        Some(Err(Error::Api(e))) => assert_eq!(e.status, status),
        Some(Err(Error::Decode(e))) => assert_eq!(e.status, status),
        Some(Err(other)) => panic!("{id}: unexpected error kind {other:?}"),
    }
}

fn statuses() -> impl Strategy<Value = u16> {
    prop::sample::select(vec![200u16, 201, 400, 401, 404, 429, 500, 503])
}

fn op() -> impl Strategy<Value = &'static str> {
    (0..DECODABLE_OPERATIONS.len()).prop_map(|i| DECODABLE_OPERATIONS[i])
}

/// Runs `strategy` through `check` for `bounded` cases, or in a long run
/// `PROPTEST_CASES / long_share` (the large inputs get a share of the long
/// run), counting inputs: every input is decoded by one operation.
fn run<S: Strategy>(
    name: &str,
    (bounded, long_share): (u32, u32),
    strategy: S,
    test: impl Fn(S::Value) -> (&'static str, u16, Vec<u8>),
) {
    let long = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse::<u32>().ok());
    let cases = long.map_or(bounded, |n| (n / long_share).max(1));
    let decoded = AtomicU64::new(0);
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let result = runner.run(&strategy, |v| {
        let (id, status, body) = test(v);
        check(id, status, &body);
        decoded.fetch_add(1, Ordering::Relaxed);
        Ok(())
    });
    eprintln!("decoding {name}: {} inputs decoded", decoded.load(Ordering::Relaxed));
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

#[test]
fn random_bytes_never_panic() {
    let s = (op(), statuses(), prop::collection::vec(any::<u8>(), 0..256));
    run("random bytes", (256, 1), s, |(id, status, body)| (id, status, body));
}

#[test]
fn mutated_answers_never_panic() {
    let edits = prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..8);
    let s = (op(), 0..SEEDS.len(), statuses(), edits);
    run("mutated answers", (256, 1), s, |(id, seed, status, edits)| {
        (id, status, mutate(SEEDS[seed].as_bytes(), &edits))
    });
}

/// Plausible list items, repeated into bodies of up to 1 MB.
const ITEMS: &[&str] = &[
    r#"{"id":"1","name":"n","owner":"u","affiliations_count":2}"#,
    r#"{"member":"u1"}"#,
    r#"{"uuid":"x","username":"u","created":1,"activated":true}"#,
    r#"{"result":true,"action":"add_blocks","user":"u","chatroomid":"r"}"#,
    r#""u1""#,
    r#"{"id":18446744073709551616123,"expire":-1e400}"#,
    r#"{"member":18446744073709551616}"#,
    r#"{"uuid":"x","username":123456789012345678901234,"created":1.0}"#,
];

#[test]
fn bodies_up_to_a_megabyte_never_panic() {
    // Up to 1 MB: the item repeated, in the envelope's `data` or `entities`,
    // whole or cut off at a random point.
    let s = (op(), statuses(), 0..ITEMS.len(), 0usize..1_048_576, any::<bool>(), prop::option::of(any::<usize>()));
    run("bodies up to 1 MB", (24, 20), s, |(id, status, item, size, entities, cut)| {
        let item = ITEMS[item];
        let n = (size / (item.len() + 1)).max(1);
        let mut body = String::with_capacity(size + 64);
        body.push_str(if entities { r#"{"entities":["# } else { r#"{"count":1,"data":["# });
        for i in 0..n {
            if i > 0 {
                body.push(',');
            }
            body.push_str(item);
        }
        body.push_str(r#"],"cursor":"c"}"#);
        let mut body = body.into_bytes();
        if let Some(at) = cut {
            body.truncate(at % (body.len() + 1));
        }
        (id, status, body)
    });
}

#[test]
fn deep_nesting_never_panics() {
    // Far deeper than serde_json's recursion limit (128), in arrays, objects
    // and the payload's own place.
    let s = (op(), statuses(), 0usize..100_000, 0u8..3, any::<bool>());
    run("deep nesting", (64, 4), s, |(id, status, depth, kind, closed)| {
        let (open, close): (&[u8], &[u8]) = match kind {
            0 => (b"[", b"]"),
            1 => (br#"{"a":"#, b"}"),
            _ => (br#"{"data":"#, b"}"),
        };
        let mut body = Vec::with_capacity(depth * (open.len() + close.len()) + 4);
        for _ in 0..depth {
            body.extend_from_slice(open);
        }
        body.extend_from_slice(b"1");
        if closed {
            for _ in 0..depth {
                body.extend_from_slice(close);
            }
        }
        (id, status, body)
    });
}

#[test]
fn numbers_beyond_64_bits_never_panic() {
    // Integers of up to 400 digits, signed, with fractions and exponents,
    // put where the seeds have values.
    let number = (any::<bool>(), "[1-9][0-9]{0,399}", prop::option::of("[0-9]{1,20}"), prop::option::of(-400i32..400))
        .prop_map(|(neg, digits, frac, exp)| {
            let mut n = if neg { format!("-{digits}") } else { digits };
            if let Some(f) = frac {
                n.push('.');
                n.push_str(&f);
            }
            if let Some(e) = exp {
                n.push_str(&format!("e{e}"));
            }
            n
        });
    let s = (op(), statuses(), 0..SEEDS.len(), number, any::<usize>());
    run("numbers beyond 64 bits", (128, 1), s, |(id, status, seed, number, at)| {
        // Replace the value after the n-th `:` of the seed with the number.
        let seed = SEEDS[seed];
        let colons: Vec<usize> = seed.match_indices(':').map(|(i, _)| i).collect();
        let body = match colons.get(at % colons.len().max(1)) {
            Some(&i) => {
                let rest = &seed[i + 1..];
                let end = rest.find([',', '}', ']']).unwrap_or(rest.len());
                format!("{}:{number}{}", &seed[..i], &rest[end..])
            }
            None => format!(r#"{{"data":{{"id":{number}}},"timestamp":{number}}}"#),
        };
        (id, status, body.into_bytes())
    });
}

#[test]
fn every_seed_through_every_decoder() {
    assert!(DECODABLE_OPERATIONS.len() > 30, "{}", DECODABLE_OPERATIONS.len());
    // Integers too wide even for a float, in the envelope and the payload:
    // an error where they are read, where quoted they are text.
    let beyond = "9".repeat(400);
    let wide = [
        format!(r#"{{"timestamp":1,"duration":{beyond}}}"#),
        format!(r#"{{"data":{{"id":{beyond},"name":"n"}},"count":{beyond},"cursor":"c"}}"#),
        format!(r#"{{"entities":[{{"username":"u","uuid":-{beyond}}}],"timestamp":1}}"#),
    ];
    for id in DECODABLE_OPERATIONS {
        for seed in SEEDS.iter().copied().chain(wide.iter().map(String::as_str)) {
            for status in [200, 401, 503] {
                check(id, status, seed.as_bytes());
            }
        }
    }
}
