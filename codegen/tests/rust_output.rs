//! The Rust the generator writes as text is read back with syn: every file
//! must parse. (The crates that include the files compile them too, but a
//! syntax slip is found here first, with the file named.)

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace root")
}

#[test]
fn every_generated_rust_file_parses() {
    let files = codegen::generate(root()).expect("the spec loads");
    let mut checked = 0;
    for f in files.iter().filter(|f| f.path.ends_with(".rs")) {
        if let Err(e) = syn::parse_file(&f.contents) {
            panic!("{} does not parse: {e}", f.path);
        }
        checked += 1;
    }
    assert!(checked > 20, "only {checked} Rust files were generated");
}
