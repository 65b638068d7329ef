//! Checks and decodes one callback request body, as an app server's
//! callback URL would, and prints what it would answer.
//!
//! `printf '%s' "$BODY" | EASEMOB_CALLBACK_SECRET=... cargo run -p easemob-examples --example callback_receiver`
//!
//! Unlike the other examples it talks to no server: the body comes from
//! standard input and the rule's secret from the environment. Put the same
//! code behind the callback URL of your HTTP server, and answer HTTP 200
//! with the printed body.

use std::io::Read as _;

use easemob::Secret;
use easemob::callbacks::{CallbackEvent, CallbackMessageBody, PreSendReply, Receiver};

fn main() {
    let Ok(secret) = std::env::var("EASEMOB_CALLBACK_SECRET") else {
        eprintln!("set EASEMOB_CALLBACK_SECRET to the callback rule's secret");
        std::process::exit(2);
    };
    let mut body = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut body) {
        eprintln!("cannot read the body: {e}");
        std::process::exit(2);
    }
    // Refuse bodies older than five minutes: a replayed request is refused too.
    let receiver = Receiver::new(Secret::new(secret)).max_age(std::time::Duration::from_secs(300));
    match receiver.verify_and_parse(&body) {
        Ok(event) => println!("{}", answer(&event)),
        // A body that is not signed with the rule's secret, or not a
        // callback: answer with an error status, not 200.
        Err(e) => {
            eprintln!("refused: {e}");
            std::process::exit(1);
        }
    }
}

/// The body to answer the callback with.
fn answer(event: &CallbackEvent) -> String {
    eprintln!("a {} callback, callId {:?}", event.event_type(), event.call_id());
    match event {
        // A pre-send check: block text messages that mention a forbidden word.
        CallbackEvent::PreSend(check) => {
            let blocked = matches!(&check.payload, CallbackMessageBody::Txt(text)
                if text.msg.as_deref().is_some_and(|m| m.contains("forbidden")));
            let reply =
                if blocked { PreSendReply::reject().code("blocked by the app server") } else { PreSendReply::accept() };
            match reply.to_body() {
                Ok(body) => String::from_utf8_lossy(&body).into_owned(),
                Err(e) => {
                    eprintln!("cannot answer: {e}");
                    std::process::exit(1);
                }
            }
        }
        CallbackEvent::Message(message) => {
            eprintln!("message {} from {}", message.msg_id, message.from);
            String::new()
        }
        // Any other event, including types this version does not know: any
        // HTTP 200 acknowledges it, whatever its body.
        _ => String::new(),
    }
}
