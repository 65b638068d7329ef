// A username is not a chatroom ID, even though both are strings.
use easemob::Username;

fn main() {
    let client = easemob::Client::builder("https://a1.easemob.com", "org", "app").app_token("t").build().unwrap();
    let user = Username::new("alice");
    let _ = client.chatrooms().delete(user);
}
