//! Emitters: each reads the model and returns files.

pub mod docs;
pub mod endpoints;
pub mod openapi;
pub mod rust;
pub mod rust_callbacks;
pub mod rust_ops;
pub mod rust_types;
