// A request that is built but never sent is a warning turned error here.
#![deny(unused_must_use)]

fn main() {
    let client = easemob::Client::builder("https://a1.easemob.com", "org", "app").app_token("t").build().unwrap();
    client.chatrooms().delete("room-1");
}
