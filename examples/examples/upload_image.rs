//! Uploads an image and sends it to a user as an image message.
//!
//! `cargo run -p easemob-examples --example upload_image -- BASE_URL ORG#APP FILE TO_USER`

use easemob::messages::MessageBody;
use easemob::{Error, Upload};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args = easemob_examples::args("FILE TO_USER");
    let [file, to] = &args.rest[..] else {
        eprintln!("expected FILE TO_USER after the App Key");
        std::process::exit(2);
    };
    let client = easemob_examples::builder(&args.base_url, &args.app_key)?.build()?;

    // Uploads are streamed from the file and sent again from the start if
    // a retry is needed.
    let upload = Upload::from_path(file).await.map_err(|e| Error::with_source(format!("cannot read {file}"), e))?;
    let uploaded = client.files().upload(upload).send().await?;
    let Some(first) = uploaded.first() else {
        return Err(Error::other("the server accepted the upload but returned no file"));
    };
    let name = std::path::Path::new(file).file_name().map_or(file.clone(), |n| n.to_string_lossy().into_owned());
    // The message carries the file's URL on this client's host and app.
    let body = MessageBody::image(client.file_url(first), name);
    let sent = client.messages().send_to_users([to.as_str()], body).send().await?;
    println!("sent: {:?}", sent.data);
    Ok(())
}
