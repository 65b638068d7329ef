//! Emitters: each reads only the model and returns files. They share
//! nothing but the model, so one output can change without touching another.

pub(crate) mod cli;
pub(crate) mod endpoints;
mod json;
pub(crate) mod mock;
pub(crate) mod mock_calls;
pub(crate) mod openapi;
pub(crate) mod rust;
pub(crate) mod text;
