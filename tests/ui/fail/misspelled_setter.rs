// Optional inputs are named setters; a typo is caught.
fn main() {
    let client = easemob::Client::builder("https://a1.easemob.com", "org", "app").app_token("t").build().unwrap();
    let _ = client.chatrooms().list().limt(10);
}
