//! The hand-written runtime the generated code calls: client, auth, request
//! building, encoding, decoding and errors. Nothing here is generated.

pub(crate) mod auth;
pub(crate) mod call;
pub(crate) mod client;
pub(crate) mod clock;
pub(crate) mod de;
pub(crate) mod encode;
pub(crate) mod error;
pub(crate) mod files;
pub(crate) mod paging;
pub(crate) mod ratelimit;
pub(crate) mod response;
pub(crate) mod retry;
pub(crate) mod secret;

pub(crate) use call::{Call, CharSet, Method, OperationInfo, Per, RateLimit};
pub use client::Client;
pub(crate) use de::{OneOrMany, Scalar};
pub(crate) use response::decode_only;

/// Defines an identifier newtype: a string with its own type, so a username
/// cannot be passed where a chatroom ID is wanted.
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
                crate::runtime::de::lenient::<D, ::std::string::String>(d).map(Self)
            }
        }
    };
}
pub(crate) use id_type;

/// The trait impls of a generated string enum (which has `as_str` and
/// `From<&str>`): `Display`, `AsRef<str>`, `FromStr` and serde.
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
                crate::runtime::de::lenient::<D, ::std::string::String>(d).map(|s| Self::from(s.as_str()))
            }
        }
    };
}
pub(crate) use string_enum_impls;
