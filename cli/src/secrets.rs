//! Secret values given to the CLI: where they may come from, and how the
//! ones inside JSON inputs are marked so the client scrubs them.

use std::collections::BTreeSet;
use std::io::Read;

use easemob::Secret;
use serde::Serialize;
use serde_json::Value;

use crate::exit::Failure;

/// Reads a secret argument: `@FILE` (the file's first line), `-` (a line of
/// stdin), or the text itself, which every user of the machine can see in
/// the process list and which stays in shell history: that one is warned
/// about on stderr, naming the argument, never the value.
pub fn read_secret(arg: &str, what: &str, alternative: &str) -> Result<Secret, Failure> {
    let text = if arg == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Failure::LocalIo(format!("cannot read {what} from stdin: {e}")))?;
        s
    } else if let Some(path) = arg.strip_prefix('@') {
        std::fs::read_to_string(path).map_err(|e| Failure::LocalIo(format!("cannot read {what} from {path}: {e}")))?
    } else {
        eprintln!(
            "warning: {what} given on the command line is visible to other users of this machine and kept in shell history; {alternative}"
        );
        return Ok(Secret::new(arg));
    };
    // A file or a pipe usually ends with a newline that is not part of the secret.
    let line = text.lines().next().unwrap_or("").to_owned();
    if line.is_empty() {
        return Err(Failure::Usage(format!("{what} is empty")));
    }
    Ok(Secret::new(line))
}

/// A JSON value serialised with the string values of `keys` (at any depth)
/// as [`Secret`]s, which the client collects while it encodes a body and
/// scrubs from anything the server echoes back, as the typed client does
/// for its secret fields.
pub struct Marked<'a> {
    pub value: &'a Value,
    pub keys: &'a BTreeSet<&'static str>,
}

impl Serialize for Marked<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self.value {
            Value::Object(map) => {
                let mut m = s.serialize_map(Some(map.len()))?;
                for (k, v) in map {
                    match v {
                        Value::String(text) if self.keys.contains(k.as_str()) => {
                            m.serialize_entry(k, &Secret::new(text.as_str()))?
                        }
                        v => m.serialize_entry(k, &Marked { value: v, keys: self.keys })?,
                    }
                }
                m.end()
            }
            Value::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for v in items {
                    seq.serialize_element(&Marked { value: v, keys: self.keys })?;
                }
                seq.end()
            }
            v => v.serialize(s),
        }
    }
}
