//! Running one operation: the client, the request, and what is done with
//! the answer (printed, walked page by page, or streamed to a file).

use std::io::Write;

use clap::ArgMatches;
use easemob::{CallOptions, Client, RawClient};
use easemob_runtime::__private::{OperationInfo, download};
use futures_util::StreamExt;
use serde_json::Value;

use crate::config::{Auth, Settings};
use crate::exit::Failure;
use crate::output;
use crate::request::Request;
use crate::table::{Operation, Paging, ResponseKind};

/// The client for the settings. Built through the typed client, so app
/// tokens are fetched with the spec's own token operation.
pub fn client(settings: &Settings) -> Result<(RawClient, CallOptions), Failure> {
    let builder = Client::builder(&settings.base_url, &settings.org, &settings.app);
    let builder = match &settings.auth {
        Auth::Token(t) => builder.app_token(t.expose()),
        Auth::Credentials { client_id, client_secret } => builder.client_credentials(client_id, client_secret.expose()),
    };
    let builder = match settings.timeout {
        Some(t) => builder.request_timeout(t),
        None => builder,
    };
    let client = builder.build().map_err(|e| Failure::Config(e.to_string()))?;
    Ok((client.raw().clone(), CallOptions::default()))
}

/// Runs `op` with the inputs in `m`.
pub async fn run(settings: &Settings, op: &'static Operation, m: &ArgMatches) -> Result<(), Failure> {
    let (client, options) = client(settings)?;
    let req = Request::from_matches(client, options, op, m)?;
    if op.response == ResponseKind::File {
        let target = m.get_one::<String>("output").map(String::as_str).unwrap_or("-");
        return save(req, target).await;
    }
    if m.try_get_one::<bool>("all").ok().flatten().copied().unwrap_or(false) {
        return walk(req).await;
    }
    if m.get_flag("envelope") {
        return envelope(req).await;
    }
    let answer = req.send().await?;
    output::document(&answer.data)
}

/// Every item of every page, one line each, printed as pages arrive.
async fn walk(req: Request) -> Result<(), Failure> {
    let op = req.op();
    let pages = match op.paging {
        Some(Paging::Cursor { next_at, cap, .. }) => easemob_runtime::__private::paging::cursor_pages(
            req,
            Request::page,
            next_at,
            Request::cursor_slot,
            Request::size_slot,
            Some(cap),
        )
        .boxed(),
        Some(Paging::PageNumber { default_size, first_page, cap, .. }) => {
            easemob_runtime::__private::paging::number_pages(
                req,
                Request::page,
                Request::page_slot,
                Request::size_slot,
                default_size,
                first_page,
                Some(cap),
            )
            .boxed()
        }
        None => unreachable!("--all is offered only on paged operations"),
    };
    let mut items = easemob_runtime::__private::paging::items(pages);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    while let Some(item) = items.next().await {
        output::line(&mut out, &item?)?;
    }
    out.flush().map_err(output::stdout_failed)
}

/// The whole decoded body: the same call with the payload taken from the top.
async fn envelope(req: Request) -> Result<(), Failure> {
    let info = req.op().info;
    // One per process, so leaking it is what a `'static` costs here.
    let whole: &'static OperationInfo = Box::leak(Box::new(OperationInfo {
        id: info.id,
        method: info.method,
        path: info.path,
        payload_at: &[],
        // Decoded as a JSON tree, whose numbers nothing notes.
        numbers_noted: false,
        retry_safe: info.retry_safe,
        auth: info.auth,
        rate_limit: info.rate_limit,
    }));
    let call = req.call_as(whole).await?;
    let answer = easemob_runtime::__private::send(req.client().clone(), call).await?;
    let body = easemob_runtime::__private::decode_answer::<Value>(answer)?;
    output::document(&body.data)
}

/// The file, streamed to `target` (`-`: stdout). A partly written file is
/// removed when the transfer fails.
async fn save(req: Request, target: &str) -> Result<(), Failure> {
    let call = req.call().await?;
    let file = download(req.client().clone(), call).await?;
    if target == "-" {
        let mut out = tokio::io::stdout();
        file.write_to(&mut out).await?;
        tokio::io::AsyncWriteExt::flush(&mut out).await.map_err(output::stdout_failed)?;
        return Ok(());
    }
    let mut f =
        tokio::fs::File::create(target).await.map_err(|e| Failure::LocalIo(format!("cannot create {target}: {e}")))?;
    let written = match file.write_to(&mut f).await {
        Ok(n) => n,
        Err(e) => {
            drop(f);
            let _ = std::fs::remove_file(target);
            return Err(e.into());
        }
    };
    tokio::io::AsyncWriteExt::flush(&mut f)
        .await
        .map_err(|e| Failure::LocalIo(format!("cannot write {target}: {e}")))?;
    output::document(&serde_json::json!({ "file": target, "bytes": written }))
}
