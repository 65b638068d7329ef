// The crate's front page is its README (quick start, features, configuration,
// pagination, batches, errors, file transfer); its examples run as doctests.
#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

#[rustfmt::skip] // prettyplease formats it; `cargo xtask gen --check` guards it
mod generated;

pub use easemob_runtime::{
    AccessToken, ApiError, BatchError, BoxFuture, CallOptions, Clock, ConfigError, Credentials,
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY, DEFAULT_REQUEST_TIMEOUT, DecodeError, Download, Error, ErrorBody,
    ErrorCode, InvalidInput, ManualClock, OtherError, RawClient, Reached, Response, ResponseMeta, RetryPolicy, Secret,
    SystemClock, TokenProvider, TokenTtlUnit, TransportError, TransportErrorKind, UNKNOWN_TOKEN_LIFETIME, UnknownValue,
    UnknownVariant, Upload,
};
pub use easemob_runtime::{MuteDuration, Timestamp};
pub use generated::*;

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
