// A value the spec does not know can be read (`as_str`) but not built, so no
// code can match an unknown code by its text and silently stop matching once
// the spec lists it.
fn main() {
    let _ = easemob::ErrorCode::Unknown(easemob::UnknownValue("brand_new_code".into()));
}
