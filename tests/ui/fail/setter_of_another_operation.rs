// `maxusers` belongs to create and update, not to delete.
fn main() {
    let client = easemob::Client::builder("https://a1.easemob.com", "org", "app").app_token("t").build().unwrap();
    let _ = client.chatrooms().delete("room-1").maxusers(10);
}
