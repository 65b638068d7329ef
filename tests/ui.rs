//! trybuild: the generated API compiles when used as documented, and the
//! misuses it promises to reject fail to compile with a useful message.
//! The `.stderr` files are blessed on the machine's stable toolchain
//! (`TRYBUILD=overwrite cargo test -p easemob-tests --test ui`).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
