//! Pagination as streams. The generated `pages()`/`items()` methods pass the
//! request, how to send it, and how to step to the next page (from the
//! spec's `paging` declaration); the walking itself is here.

use futures_util::stream::{self, Stream, StreamExt};
use serde_json::Value;

use super::clock::BoxFuture;
use super::error::Error;
use super::response::Response;
use crate::generated::ResponseMeta;

/// Sends one page.
pub type SendPage<R, T> = fn(R) -> BoxFuture<'static, Result<Response<Vec<T>>, Error>>;
/// The request for the page after `page`, or `None` on the last page.
pub type NextPage<R, T> = fn(R, &Response<Vec<T>>) -> Option<R>;

/// Every page, fetched only as the stream is polled; stops after the last
/// page or the first error (which it yields).
pub fn pages<R, T>(
    first: R,
    send: SendPage<R, T>,
    next: NextPage<R, T>,
) -> impl Stream<Item = Result<Response<Vec<T>>, Error>> + Send
where
    R: Clone + Send + 'static,
    T: Send + 'static,
{
    stream::unfold(Some(first), move |state| async move {
        let req = state?;
        let following = req.clone();
        match send(req).await {
            Ok(page) => {
                let after = next(following, &page);
                Some((Ok(page), after))
            }
            Err(e) => Some((Err(e), None)),
        }
    })
}

/// The items of every page, in order.
pub fn items<T: Send + 'static>(
    pages: impl Stream<Item = Result<Response<Vec<T>>, Error>> + Send,
) -> impl Stream<Item = Result<T, Error>> + Send {
    pages.flat_map(|page| {
        let items: Vec<Result<T, Error>> = match page {
            Ok(p) => p.data.into_iter().map(Ok).collect(),
            Err(e) => vec![Err(e)],
        };
        stream::iter(items)
    })
}

/// The next cursor, where the spec says the answer carries it: the
/// top-level `cursor`, or a path inside `properties`.
pub fn next_cursor(meta: &ResponseMeta, at: &[&str]) -> Option<String> {
    match at {
        ["cursor"] => meta.cursor.clone().filter(|c| !c.is_empty()),
        ["properties", rest @ ..] => {
            let mut v: &Value = meta.properties.as_ref()?;
            for key in rest {
                v = v.get(key)?;
            }
            v.as_str().filter(|c| !c.is_empty()).map(str::to_owned)
        }
        _ => None,
    }
}

/// Whether a page-number walk is over: an empty page, or one shorter than
/// the page size.
pub fn last_page(len: usize, size: Option<i64>) -> bool {
    len == 0 || size.is_some_and(|s| (len as i64) < s)
}
