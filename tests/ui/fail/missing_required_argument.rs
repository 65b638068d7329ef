// Adding a member needs both the chatroom and the user.
fn main() {
    let client = easemob::Client::builder("https://a1.easemob.com", "org", "app").app_token("t").build().unwrap();
    let _ = client.chatroom_members().add("room-1");
}
