//! File transfer without holding whole files in memory: an [`Upload`] is a
//! stream sent as one multipart part; a [`Download`] is an answer whose body
//! is read chunk by chunk.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use bytes::Bytes;
use futures_util::{Stream, StreamExt, TryStreamExt};
use tokio::io::{AsyncWrite, AsyncWriteExt};

use super::call::OperationInfo;
use super::error::{Error, TransportError};

/// File content to upload, read as it is sent.
///
/// Bytes in memory and files on disk can be sent again (after a rejected
/// token, or a retry the policy allows); a stream of the caller's is sent at
/// most once.
pub struct Upload {
    source: Source,
    pub(crate) file_name: String,
    pub(crate) length: Option<u64>,
    pub(crate) mime: Option<String>,
}

enum Source {
    Bytes(Bytes),
    /// Opened again for every attempt.
    Path(PathBuf),
    /// Taken by the first attempt.
    Stream(Option<reqwest::Body>),
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Upload")
            .field("file_name", &self.file_name)
            .field("length", &self.length)
            .finish_non_exhaustive()
    }
}

impl Upload {
    /// Streams the file at `path`; the part is named after the file. The
    /// file is opened again if the upload has to be sent again.
    pub async fn from_path(path: impl AsRef<Path>) -> std::io::Result<Upload> {
        let path = path.as_ref();
        let length = tokio::fs::metadata(path).await?.len();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "file".to_owned());
        Ok(Upload { source: Source::Path(path.to_owned()), file_name: name, length: Some(length), mime: None })
    }

    /// Streams any byte stream, for example a body being received elsewhere.
    /// `length`, when known, is sent as the part's length. A stream can be
    /// sent only once: the call is not repeated after it was consumed.
    pub fn from_stream<S, E>(file_name: impl Into<String>, stream: S, length: Option<u64>) -> Upload
    where
        S: Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync>> + 'static,
    {
        let body = reqwest::Body::wrap_stream(stream);
        Upload { source: Source::Stream(Some(body)), file_name: file_name.into(), length, mime: None }
    }

    /// Bytes already in memory.
    pub fn from_bytes(file_name: impl Into<String>, bytes: impl Into<Bytes>) -> Upload {
        let bytes: Bytes = bytes.into();
        let length = bytes.len() as u64;
        Upload { source: Source::Bytes(bytes), file_name: file_name.into(), length: Some(length), mime: None }
    }

    /// Sets the part's content type (default: none given).
    pub fn mime(mut self, mime: impl Into<String>) -> Upload {
        self.mime = Some(mime.into());
        self
    }

    /// Whether the upload can be sent again.
    pub(crate) fn replayable(&self) -> bool {
        !matches!(self.source, Source::Stream(_))
    }

    /// Checks what can be checked before sending (the content type).
    pub(crate) fn check(&self) -> Result<(), String> {
        match &self.mime {
            Some(m) => reqwest::multipart::Part::text("")
                .mime_str(m)
                .map(|_| ())
                .map_err(|e| format!("bad content type {m:?}: {e}")),
            None => Ok(()),
        }
    }

    /// The part for one attempt.
    pub(crate) async fn part(&mut self, operation: &'static str) -> Result<reqwest::multipart::Part, Error> {
        let body = match &mut self.source {
            Source::Bytes(b) => reqwest::Body::from(b.clone()),
            Source::Path(p) => {
                let file = tokio::fs::File::open(&*p).await.map_err(|e| upload_error(operation, e))?;
                reqwest::Body::wrap_stream(tokio_util::io::ReaderStream::new(file))
            }
            Source::Stream(s) => s.take().ok_or_else(|| {
                Error::from(TransportError::new(
                    operation,
                    super::error::TransportErrorKind::Other,
                    "the upload stream was already consumed by an earlier attempt".into(),
                ))
            })?,
        };
        let part = match self.length {
            Some(n) => reqwest::multipart::Part::stream_with_length(body, n),
            None => reqwest::multipart::Part::stream(body),
        };
        let part = part.file_name(self.file_name.clone());
        match &self.mime {
            Some(m) => part.mime_str(m).map_err(|e| {
                Error::from(TransportError::new(
                    operation,
                    super::error::TransportErrorKind::Other,
                    format!("bad content type {m:?}: {e}"),
                ))
            }),
            None => Ok(part),
        }
    }
}

fn upload_error(operation: &'static str, e: std::io::Error) -> Error {
    TransportError::new(operation, super::error::TransportErrorKind::Other, format!("opening the upload failed: {e}"))
        .into()
}

/// A file being received. Nothing is buffered until it is read.
///
/// There is no limit on the whole transfer: a large file on a slow link may
/// take as long as it needs, as long as no gap between two chunks exceeds
/// the idle limit (see `ClientBuilder::transfer_timeouts`).
pub struct Download {
    pub(crate) info: &'static OperationInfo,
    pub(crate) response: reqwest::Response,
    /// Longest wait for the next chunk.
    pub(crate) idle: Option<Duration>,
}

impl fmt::Debug for Download {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Download")
            .field("operation", &self.info.id)
            .field("content_type", &self.content_type())
            .field("content_length", &self.content_length())
            .finish()
    }
}

impl Download {
    /// The `Content-Type` the server gave, if any.
    pub fn content_type(&self) -> Option<&str> {
        self.response.headers().get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok())
    }

    /// The length the server announced, if any.
    pub fn content_length(&self) -> Option<u64> {
        self.response.content_length()
    }

    /// The body as a stream of chunks. Ends at the first error, which it
    /// yields (a gap longer than the idle limit is a `Timeout`).
    pub fn into_stream(self) -> impl Stream<Item = Result<Bytes, Error>> + Send {
        let Download { info, response, idle } = self;
        let status = response.status().as_u16();
        futures_util::stream::unfold(Some(response), move |state| async move {
            let mut response = state?;
            let next = match idle {
                Some(limit) => match tokio::time::timeout(limit, response.chunk()).await {
                    Ok(r) => r,
                    Err(_) => return Some((Err(idle_timeout(info.id, limit)), None)),
                },
                None => response.chunk().await,
            };
            match next {
                Ok(Some(chunk)) => Some((Ok(chunk), Some(response))),
                Ok(None) => None,
                Err(e) => Some((Err(TransportError::mid_answer(info.id, status, e).into()), None)),
            }
        })
    }

    /// Copies the body into `writer` chunk by chunk; returns the bytes written.
    pub async fn write_to<W: AsyncWrite + Unpin>(self, writer: &mut W) -> Result<u64, Error> {
        let op = self.info.id;
        let mut stream = Box::pin(self.into_stream());
        let mut written = 0u64;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk?;
            writer.write_all(&chunk).await.map_err(|e| write_error(op, e))?;
            written += chunk.len() as u64;
        }
        writer.flush().await.map_err(|e| write_error(op, e))?;
        Ok(written)
    }

    /// Reads the whole body into memory; for small files only.
    pub async fn bytes(self) -> Result<Bytes, Error> {
        let chunks: Vec<Bytes> = self.into_stream().try_collect().await?;
        Ok(chunks.concat().into())
    }
}

fn idle_timeout(operation: &'static str, limit: Duration) -> Error {
    TransportError::new(
        operation,
        super::error::TransportErrorKind::Timeout,
        format!("no data for {} ms while the download was arriving", limit.as_millis()),
    )
    .into()
}

fn write_error(operation: &'static str, e: std::io::Error) -> Error {
    TransportError::new(operation, super::error::TransportErrorKind::Body, format!("writing the download failed: {e}"))
        .into()
}
