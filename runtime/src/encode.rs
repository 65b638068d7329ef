//! Percent-encoding of path segments.
//!
//! Every byte outside the RFC 3986 unreserved set is encoded, so an ID
//! containing `/`, `?`, `#` or `%` stays one segment. A segment that is
//! exactly `.` or `..` is refused instead: URL parsers resolve those (even
//! when written `%2E%2E`), which would move the request to another path.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Why a value cannot be a path segment.
pub(crate) fn segment_problem(value: &str) -> Option<&'static str> {
    match value {
        "" => Some("must not be empty"),
        "." | ".." => Some("must not be `.` or `..`, which would change the request path"),
        _ => None,
    }
}

/// Appends `value`, encoded, to `out`.
pub(crate) fn push_segment(out: &mut String, value: &str) {
    out.extend(utf8_percent_encode(value, SEGMENT));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_characters_are_encoded() {
        let mut s = String::new();
        push_segment(&mut s, "a/b?c#d%e f,g.h_i-j~k..");
        assert_eq!(s, "a%2Fb%3Fc%23d%25e%20f%2Cg.h_i-j~k..");
        assert!(segment_problem("..").is_some());
        assert!(segment_problem("").is_some());
        assert!(segment_problem("../x").is_none());
    }
}
