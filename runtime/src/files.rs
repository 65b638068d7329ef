//! File transfer without holding whole files in memory: an [`Upload`] is a
//! stream sent as one multipart part; a [`Download`] is an answer whose body
//! is read chunk by chunk.

use std::fmt;
use std::path::Path;

use bytes::Bytes;
use futures_util::{Stream, StreamExt, TryStreamExt};
use tokio::io::{AsyncWrite, AsyncWriteExt};

use super::call::OperationInfo;
use super::error::{Error, TransportError};

/// File content to upload, read as it is sent.
pub struct Upload {
    pub(crate) body: reqwest::Body,
    pub(crate) file_name: String,
    pub(crate) length: Option<u64>,
    pub(crate) mime: Option<String>,
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
    /// Streams the file at `path`; the part is named after the file.
    pub async fn from_path(path: impl AsRef<Path>) -> std::io::Result<Upload> {
        let path = path.as_ref();
        let file = tokio::fs::File::open(path).await?;
        let length = file.metadata().await?.len();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "file".to_owned());
        let stream = tokio_util::io::ReaderStream::new(file);
        Ok(Upload { body: reqwest::Body::wrap_stream(stream), file_name: name, length: Some(length), mime: None })
    }

    /// Streams any byte stream, for example a body being received elsewhere.
    /// `length`, when known, is sent as the part's length.
    pub fn from_stream<S, E>(file_name: impl Into<String>, stream: S, length: Option<u64>) -> Upload
    where
        S: Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync>> + 'static,
    {
        Upload { body: reqwest::Body::wrap_stream(stream), file_name: file_name.into(), length, mime: None }
    }

    /// Bytes already in memory.
    pub fn from_bytes(file_name: impl Into<String>, bytes: impl Into<Bytes>) -> Upload {
        let bytes: Bytes = bytes.into();
        let length = bytes.len() as u64;
        Upload { body: reqwest::Body::from(bytes), file_name: file_name.into(), length: Some(length), mime: None }
    }

    /// Sets the part's content type (default: none given).
    pub fn mime(mut self, mime: impl Into<String>) -> Upload {
        self.mime = Some(mime.into());
        self
    }

    pub(crate) fn into_part(self) -> Result<reqwest::multipart::Part, String> {
        let part = match self.length {
            Some(n) => reqwest::multipart::Part::stream_with_length(self.body, n),
            None => reqwest::multipart::Part::stream(self.body),
        };
        let part = part.file_name(self.file_name);
        match self.mime {
            Some(m) => part.mime_str(&m).map_err(|e| format!("bad content type {m:?}: {e}")),
            None => Ok(part),
        }
    }
}

/// A file being received. Nothing is buffered until it is read.
pub struct Download {
    pub(crate) info: &'static OperationInfo,
    pub(crate) response: reqwest::Response,
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

    /// The body as a stream of chunks.
    pub fn into_stream(self) -> impl Stream<Item = Result<Bytes, Error>> + Send {
        let op = self.info.id;
        self.response.bytes_stream().map_err(move |e| Error::from(TransportError::from_reqwest(op, e)))
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
        let op = self.info.id;
        self.response.bytes().await.map_err(|e| TransportError::from_reqwest(op, e).into())
    }
}

fn write_error(operation: &'static str, e: std::io::Error) -> Error {
    TransportError {
        operation,
        kind: super::error::TransportErrorKind::Body,
        message: format!("writing the download failed: {e}"),
        source: None,
    }
    .into()
}
