//! The hand-written runtime of the [`easemob`](https://docs.rs/easemob) crate:
//! the transport, app tokens, retries, rate limits, pagination, batches,
//! request encoding, response decoding and errors. Nothing in this crate is
//! specific to one operation; every operation is described by the spec and
//! generated into the `easemob` crate, which calls in here.
//!
//! Applications depend on `easemob`, which re-exports everything they need
//! from this crate.
//!
//! # The contract with generated code
//!
//! Generated code reaches this crate in two ways only:
//!
//! - the public items re-exported by `easemob` (`Error`, `Response`,
//!   `Secret`, `Upload`, `Download`, `CallOptions`, ...), and
//! - [`__private`], which is `#[doc(hidden)]` and exempt from semver: the
//!   request builder ([`__private::Call`]), the static description of an
//!   operation ([`__private::OperationInfo`]), `send`/`decode_answer`/`download`, the
//!   paging and batching drivers, the lenient decoders and the parts of
//!   the generated structs' `Deserialize` impls, and the `id_type!` and
//!   `string_enum_impls!` macros.
//!
//! The one module written by the generator, [`generated`](crate::ResponseMeta)
//! (`src/generated/`), holds the wire framing every answer shares (the
//! envelope metadata, the error body and the error codes) because the
//! runtime itself decodes them; it is produced from `spec/common.yaml`.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

// Generated code names this crate as `::easemob_runtime` everywhere, also
// from inside this crate (the framing module).
extern crate self as easemob_runtime;

mod auth;
mod batch;
mod call;
pub mod callbacks;
mod client;
mod clock;
#[doc(hidden)]
pub mod de;
mod encode;
mod error;
mod files;
#[rustfmt::skip] // the generator formats it; `cargo xtask gen --check` guards it
mod generated;
mod intercept;
#[doc(hidden)]
pub mod paging;
mod ratelimit;
mod raw;
mod response;
mod retry;
mod secret;
#[doc(hidden)]
pub mod structs;
mod time;
mod tls;
mod unknown;

pub use auth::{AccessToken, Credentials, TokenProvider, TokenTtlUnit, UNKNOWN_TOKEN_LIFETIME};
pub use batch::BatchError;
pub use call::CallOptions;
pub use call::Method;
pub use client::{ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY, DEFAULT_REQUEST_TIMEOUT, RawClient};
pub use clock::{BoxFuture, Clock, ManualClock, SystemClock};
pub use error::{
    ApiError, ConfigError, DecodeError, Error, InvalidInput, OtherError, Reached, TransportError, TransportErrorKind,
};
pub use files::{Download, Upload};
pub use generated::{ErrorBody, ErrorCode, ResponseMeta};
pub use intercept::{Attempt, AttemptOutcome, Interceptor};
pub use raw::{RawOperation, RawRequest};
/// The HTTP header types an [`Interceptor`] works with (reqwest's).
pub use reqwest::header;
pub use response::Response;
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use time::{MuteDuration, Timestamp};
pub use unknown::{UnknownValue, UnknownVariant};

/// What generated code needs and applications do not. Not covered by semver:
/// it changes whenever the generator does.
#[doc(hidden)]
pub mod __private {
    pub use crate::auth::{AppTokenRequest, FetchAppToken, TokenGrant, no_token_operation};
    pub use crate::batch::send_all;
    pub use crate::call::{Call, CharSet, Method, OperationInfo, Per, RateLimit};
    pub use crate::client::{Answered, decode_answer, download, send};
    pub use crate::de;
    pub use crate::de::{OneOrMany, Scalar};
    pub use crate::paging;
    pub use crate::response::{decode_checked, decode_only};
    pub use crate::structs;
    pub use crate::unknown::{unknown_value, unknown_variant};
    pub use crate::{id_type, string_enum_impls};

    /// The serde helpers of [`MuteDuration`](crate::MuteDuration) fields,
    /// whose wire unit depends on the operation.
    pub mod time {
        pub use crate::time::{
            InUnit, Millis, MuteSeed, OptMuteSeed, Seconds, WireUnit, deserialize, deserialize_opt, serialize,
            serialize_opt, wire_value,
        };
    }
}

/// Defines an identifier newtype: a string with its own type, so a username
/// cannot be passed where a chatroom ID is wanted.
#[doc(hidden)]
#[macro_export]
macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(::std::string::String);

        impl $name {
            /// Wraps an identifier.
            pub fn new(id: impl ::std::convert::Into<::std::string::String>) -> Self {
                Self(id.into())
            }
            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
            /// The identifier as an owned string.
            pub fn into_string(self) -> ::std::string::String {
                self.0
            }
        }
        impl ::std::convert::From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
        impl ::std::convert::From<::std::string::String> for $name {
            fn from(s: ::std::string::String) -> Self {
                Self(s)
            }
        }
        impl ::std::convert::From<&$name> for $name {
            fn from(s: &$name) -> Self {
                s.clone()
            }
        }
        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl ::std::cmp::PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }
        impl ::std::cmp::PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            // IDs sometimes arrive as JSON numbers.
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                $crate::__private::de::id(d).map(Self)
            }
        }
    };
}

/// The trait impls of a generated string enum (which has `as_str` and
/// `From<&str>`): `Display`, `AsRef<str>`, `FromStr` and serde.
#[doc(hidden)]
#[macro_export]
macro_rules! string_enum_impls {
    ($name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                $crate::__private::de::lenient::<D, ::std::string::String>(d).map(|s| Self::from(s.as_str()))
            }
        }
    };
}
