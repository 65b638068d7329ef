//! Walks every member of a chatroom, however large, page by page.
//!
//! `cargo run -p easemob-examples --example chatroom_members -- BASE_URL ORG#APP CHATROOM_ID`

use easemob::Affiliation;
use futures_util::TryStreamExt;

#[tokio::main]
async fn main() -> Result<(), easemob::Error> {
    let args = easemob_examples::args("CHATROOM_ID");
    let Some(room) = args.rest.first() else {
        eprintln!("expected CHATROOM_ID after the App Key");
        std::process::exit(2);
    };
    let client = easemob_examples::builder(&args.base_url, &args.app_key)?.build()?;

    // `items()` asks for the largest page the server returns and stops at
    // the last one; each page is one call with the usual retries.
    let mut members = std::pin::pin!(client.chatroom_members().list(room.as_str()).items());
    let (mut owners, mut others) = (0u64, 0u64);
    while let Some(m) = members.try_next().await? {
        match m {
            Affiliation::Owner(u) => {
                owners += 1;
                println!("owner  {u}");
            }
            Affiliation::Member(u) => {
                others += 1;
                println!("member {u}");
            }
            other => println!("other  {other:?}"),
        }
    }
    println!("{owners} owner(s), {others} member(s)");
    Ok(())
}
