// The crate's front page is its README (quick start, features, configuration,
// pagination, batches, errors, file transfer); its examples run as doctests.
#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod conveniences;
#[rustfmt::skip] // the generator formats it; `cargo xtask gen --check` guards it
mod generated;

pub use conveniences::{AppKey, AppKeyError, env};
pub use easemob_runtime::{
    AccessToken, ApiError, Attempt, AttemptOutcome, BatchError, BoxFuture, CallOptions, Clock, ConfigError,
    Credentials, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY, DEFAULT_REQUEST_TIMEOUT, DecodeError, Download, Error,
    ErrorBody, ErrorCode, Interceptor, InvalidInput, ManualClock, Method, OtherError, RawClient, RawOperation,
    RawRequest, Reached, Response, ResponseMeta, RetryPolicy, Secret, SystemClock, TokenProvider, TokenTtlUnit,
    TransportError, TransportErrorKind, UNKNOWN_TOKEN_LIFETIME, UnknownValue, UnknownVariant, Upload, header,
};
pub use easemob_runtime::{MuteDuration, Timestamp};
pub use generated::*;

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
