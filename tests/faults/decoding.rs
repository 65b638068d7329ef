//! No body, however broken or hostile, makes a decoder panic: every
//! operation's decoder is fed random bytes and mutations of plausible
//! answers, with success and error statuses.
//!
//! The normal run is bounded; for a long run:
//! `PROPTEST_CASES=200000 cargo test -p easemob-tests --test faults decoding`.

use easemob::{DECODABLE_OPERATIONS, Error, decode_response};
use proptest::prelude::*;

/// Plausible answers to start mutations from: envelopes with payloads of
/// every shape, the error body, and odd corners (huge numbers, deep nesting).
const SEEDS: &[&str] = &[
    r#"{"action":"get","data":[{"id":"1","name":"n","owner":"u","affiliations_count":2,"disabled":"false"}],"count":1,"cursor":"c"}"#,
    r#"{"data":{"id":"1","result":"success","user":"u","newowner":true,"successKeys":["k"],"errorKeys":{"k":"e"}}}"#,
    r#"{"entities":[{"uuid":"x","username":"u","created":1,"activated":true}],"properties":{"cursor":"c"},"data":{"affiliations":["a"]}}"#,
    r#"{"error":"unauthorized","exception":"x","timestamp":1,"duration":0,"error_description":"Unable to authenticate (OAuth)"}"#,
    r#"{"data":{"id":18446744073709551615,"expire":-1,"mute":"true"},"timestamp":1e400}"#,
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(op in 0..DECODABLE_OPERATIONS.len(), status in prop::sample::select(vec![200u16, 400, 401, 404, 429, 500, 503]), body in prop::collection::vec(any::<u8>(), 0..256)) {
        check(DECODABLE_OPERATIONS[op], status, &body);
    }

    #[test]
    fn mutated_answers_never_panic(op in 0..DECODABLE_OPERATIONS.len(), seed in 0..SEEDS.len(), status in prop::sample::select(vec![200u16, 401, 503]), edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..8)) {
        check(DECODABLE_OPERATIONS[op], status, &mutate(SEEDS[seed].as_bytes(), &edits));
    }
}

#[test]
fn every_seed_through_every_decoder() {
    assert!(DECODABLE_OPERATIONS.len() > 30, "{}", DECODABLE_OPERATIONS.len());
    for id in DECODABLE_OPERATIONS {
        for seed in SEEDS {
            for status in [200, 401, 503] {
                check(id, status, seed.as_bytes());
            }
        }
    }
}
