//! Pagination as streams. The generated `pages()`/`items()` methods pass the
//! request, how to send it, and which of its fields page (from the spec's
//! `paging` declaration); the walking itself is here, with the rules that
//! make every walk end and never yield an item twice:
//!
//! - by cursor: the walk ends at a page without a next cursor, at an empty
//!   page, or when the next cursor is one already followed (a cycle
//!   `A → B → A` ends after `B`); the first page has no cursor of its own,
//!   so a cursor leading back to it is recognised by the page itself (equal
//!   to the first, it is not yielded);
//! - by page number: the walk ends at an empty page, at a page equal to the
//!   one before (a server that ignores the page number; the repeat is not
//!   yielded), when the page number cannot advance, or at a short page.
//!
//! A short page is the last one only when that is certain. The spec
//! declares each list's maximum page size (`cap`) and the size asked for is
//! clamped to it, but a server may still answer with fewer items per page
//! than it was asked for and than the docs promise (a cap lowered on some
//! cluster), silently; so a page shorter than the size asked for ends the
//! walk only when it is also shorter than the longest page seen so far (the
//! server's effective size). The first page, if short, is therefore followed
//! by one more request, which comes back empty when the list really was that
//! short. That costs one request on short lists and loses nothing on long
//! ones.

use std::collections::HashSet;

use futures_util::stream::{self, Stream, StreamExt};
use serde_json::Value;

use super::error::Error;
use super::response::Response;
use crate::generated::ResponseMeta;

/// Sends one page: the request type's own `send`. A function pointer to it,
/// not a boxed future, so the page's future is compiled only where a walk is
/// polled (the application), not in the crate that merely offers `pages()`.
pub type SendPage<R, F> = fn(R) -> F;
/// A paging field of the request.
pub type Field<R, V> = fn(&mut R) -> &mut Option<V>;

/// Clamps the page size to the server's cap, when one is known.
fn clamp<R>(req: &mut R, size: Field<R, i64>, default_size: Option<i64>, cap: Option<i64>) {
    let Some(cap) = cap.filter(|c| *c > 0) else { return };
    let asked = size(req).or(default_size);
    if asked.is_none_or(|n| n > cap) {
        *size(req) = Some(cap);
    }
}

/// Every page by cursor, fetched only as the stream is polled; see the
/// module docs for when it ends. `next_at` is where the answer carries the
/// next cursor; `limit` is the page size field, clamped to `cap`.
pub fn cursor_pages<R, T, F>(
    mut first: R,
    send: SendPage<R, F>,
    next_at: &'static [&'static str],
    cursor: Field<R, String>,
    limit: Field<R, i64>,
    cap: Option<i64>,
) -> impl Stream<Item = Result<Response<Vec<T>>, Error>> + Send
where
    R: Clone + Send + 'static,
    T: Clone + PartialEq + Send + 'static,
    F: Future<Output = Result<Response<Vec<T>>, Error>> + Send,
{
    clamp(&mut first, limit, None, cap);
    let seen: HashSet<String> = cursor(&mut first).iter().cloned().collect();
    let start: Option<Vec<T>> = None;
    stream::unfold(Some((first, seen, start)), move |state| async move {
        let (req, mut seen, mut start) = state?;
        let mut following = req.clone();
        match send(req).await {
            Ok(page) => {
                if start.as_ref().is_some_and(|s| !s.is_empty() && *s == page.data) {
                    tracing::warn!("the server's cursors led back to the first page; the walk ends here");
                    return None;
                }
                let start = Some(start.take().unwrap_or_else(|| page.data.clone()));
                let after = next_cursor(&page.meta, next_at).filter(|_| !page.data.is_empty()).and_then(|next| {
                    if !seen.insert(next.clone()) {
                        tracing::warn!("the server's cursors went round in a cycle; the walk ends here");
                        return None;
                    }
                    *cursor(&mut following) = Some(next);
                    Some((following, seen, start))
                });
                Some((Ok(page), after))
            }
            Err(e) => Some((Err(e), None)),
        }
    })
}

/// Where a page-number walk stands.
struct NumberWalk<T> {
    /// The last page yielded, to spot a server that ignores the page number.
    previous: Vec<T>,
    /// The longest page seen: the server's effective page size.
    longest: usize,
}

/// Every page by page number, from `first_page`, fetched only as the stream
/// is polled; see the module docs for when it ends. `size` is the page size
/// field (`default_size` when unset), clamped to `cap`.
pub fn number_pages<R, T, F>(
    mut first: R,
    send: SendPage<R, F>,
    page: Field<R, i64>,
    size: Field<R, i64>,
    default_size: Option<i64>,
    first_page: i64,
    cap: Option<i64>,
) -> impl Stream<Item = Result<Response<Vec<T>>, Error>> + Send
where
    R: Clone + Send + 'static,
    T: Clone + PartialEq + Send + 'static,
    F: Future<Output = Result<Response<Vec<T>>, Error>> + Send,
{
    clamp(&mut first, size, default_size, cap);
    page(&mut first).get_or_insert(first_page);
    let asked = size(&mut first).or(default_size).and_then(|n| usize::try_from(n).ok());
    let walk = NumberWalk { previous: Vec::new(), longest: 0 };
    stream::unfold(Some((first, walk)), move |state| async move {
        let (req, mut walk) = state?;
        let mut following = req.clone();
        let got = match send(req).await {
            Ok(got) => got,
            Err(e) => return Some((Err(e), None)),
        };
        let len = got.data.len();
        if len > 0 && got.data == walk.previous {
            tracing::warn!("the server answered the same page again; the walk ends here");
            return None;
        }
        walk.longest = walk.longest.max(len);
        let short = asked.is_some_and(|n| len < n) && len < walk.longest;
        let number = page(&mut following);
        let advanced = number.and_then(|n| n.checked_add(1));
        let after = if len == 0 || short || advanced.is_none() {
            None
        } else {
            *number = advanced;
            walk.previous = got.data.clone();
            Some((following, walk))
        };
        Some((Ok(got), after))
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
