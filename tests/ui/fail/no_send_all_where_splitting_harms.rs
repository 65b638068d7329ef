// Setting a member's tags replaces them, so a long list sent as several calls
// would leave only the last chunk: the spec marks the call `splittable: false`
// and it has no `send_all`.
fn main() {
    let client = easemob::Client::builder("https://a1.easemob.com", "org", "app").app_token("t").build().unwrap();
    let _ = client.chatroom_members().set_tags("room", "user", ["a", "b"]).send_all();
}
