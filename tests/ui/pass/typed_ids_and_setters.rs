// IDs convert from strings and from references to themselves; setters chain
// in any order; requests are `Send` and `'static`, so they can be spawned.
use easemob::chatrooms::MetadataAutoDelete;
use easemob::{ChatroomId, Client, MuteDuration, Username};

fn assert_send_static<T: Send + 'static>(_: &T) {}

fn main() {
    let client = Client::builder("https://a1.easemob.com", "org", "app").app_token("t").build().unwrap();
    let room = ChatroomId::new("room-1");
    let user: Username = "alice".into();
    let req = client.chatroom_members().add(&room, &user);
    assert_send_static(&req);
    let _ = client.chatroom_members().mute(&room, MuteDuration::from_secs(60), [user.clone(), Username::from("bob")]);
    let _ = client.chatrooms().update(room.clone()).maxusers(100).name("renamed");
    let _ = client.chatrooms().set_metadata(room, user, [("k", "v")]).auto_delete(MetadataAutoDelete::Delete);
    let fut = client.chatrooms().list().limit(10).send();
    fn assert_send<F: Send>(_: &F) {}
    assert_send(&fut);
}
