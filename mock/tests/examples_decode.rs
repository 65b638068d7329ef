//! Every example answer the mock holds, the docs' own where the spec has
//! one and otherwise the one built from the response type, decodes with the
//! typed client as a success: an example in the spec that contradicts the
//! client's types fails here, not in a user's test.

#[test]
fn every_operations_example_answer_decodes_with_the_typed_client() {
    let mut failures = Vec::new();
    let mut decoded = 0;
    for op in easemob_mock::operations() {
        if op.binary_response {
            continue;
        }
        match easemob::decode_response(op.id, 200, op.example.as_bytes()) {
            Some(Ok(())) => decoded += 1,
            Some(Err(e)) => failures.push(format!("{}: {e}\n  example: {}", op.id, op.example)),
            None => failures.push(format!("{}: the client does not know this operation", op.id)),
        }
    }
    assert!(failures.is_empty(), "{} examples do not decode:\n{}", failures.len(), failures.join("\n"));
    // Every operation but the downloads has an example.
    assert!(decoded > 190, "only {decoded} examples decoded");
}
