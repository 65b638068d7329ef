//! Every operation of the spec, sent by the generated client to the mock:
//! the mock must accept the request (route it to that very operation, pass
//! its checks) and the client must decode the answer. The calls are
//! generated (`generated/calls.rs`) from the same spec, one per operation.

#[rustfmt::skip] // the generator formats it; `cargo xtask gen --check` guards it
#[path = "generated/calls.rs"]
mod calls;

use easemob::Client;
use easemob_mock::MockServer;

#[tokio::test]
async fn every_operation_of_the_client_is_accepted_by_the_mock() {
    let mock = MockServer::start().await;
    let client = Client::builder(mock.url(), "org", "app").client_credentials("YXA6id", "YXA6secret").build().unwrap();
    assert_eq!(calls::OPERATION_IDS.len(), easemob_mock::operations().len());
    let mut failures = Vec::new();
    for id in calls::OPERATION_IDS {
        mock.clear_journal();
        let result = calls::call(&client, id).await;
        // The client may have fetched a token first; the last request is the call.
        let journal = mock.journal();
        let last = journal.last().map(|e| (e.operation, e.outcome, e.status));
        match (&result, last) {
            // The example answer must decode.
            (Ok(()), Some((Some(op), "example", 200))) if op == *id => {}
            // A state model answers from its data, an error too (the
            // placeholder IDs name nothing): the checks passed before it.
            (_, Some((Some(op), "state", _))) if op == *id => {}
            _ => failures.push(format!("{id}: {last:?}, {result:?}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} operations failed:\n{}",
        failures.len(),
        calls::OPERATION_IDS.len(),
        failures.join("\n")
    );
}

#[test]
fn every_stateful_operation_is_an_operation_of_the_spec() {
    let ids: Vec<&str> = easemob_mock::operations().iter().map(|op| op.id).collect();
    for id in easemob_mock::state::STATEFUL {
        assert!(ids.contains(id), "{id} is listed as stateful but the spec has no such operation");
    }
}
