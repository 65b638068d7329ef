//! Exit codes by kind of failure, and how a failure is reported on stderr.
//!
//! | code | meaning |
//! | --- | --- |
//! | 0 | success |
//! | 1 | any other failure (a bug, a failure of code plugged into the client) |
//! | 2 | usage: bad arguments, an input that breaks a documented limit (nothing was sent) |
//! | 3 | configuration: no base URL, org, app or credentials; an unreadable config file |
//! | 4 | the server refused the request (HTTP 4xx) |
//! | 5 | the server failed (HTTP 5xx) or the exchange did (connection, timeout) |
//! | 6 | the server answered with success, but not in the documented shape |
//! | 7 | a local file could not be read or written (upload, download, `--json`, stdout) |

use std::process::ExitCode;

use easemob::Error;

pub const OTHER: u8 = 1;
pub const USAGE: u8 = 2;
pub const CONFIG: u8 = 3;
pub const REFUSED: u8 = 4;
pub const SERVER: u8 = 5;
pub const DECODE: u8 = 6;
pub const LOCAL_IO: u8 = 7;

/// Why a command failed. Every message is safe to print: secrets never
/// reach one (the client scrubs its errors; the CLI's own name no values).
#[derive(Debug)]
pub enum Failure {
    Usage(String),
    Config(String),
    LocalIo(String),
    Call(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Call(e)
    }
}

impl Failure {
    pub fn code(&self) -> u8 {
        match self {
            Failure::Usage(_) => USAGE,
            Failure::Config(_) => CONFIG,
            Failure::LocalIo(_) => LOCAL_IO,
            Failure::Call(e) => call_code(e),
        }
    }

    /// Prints the failure on stderr and returns its exit code.
    pub fn report(&self) -> ExitCode {
        match self {
            Failure::Usage(m) | Failure::Config(m) | Failure::LocalIo(m) => eprintln!("error: {m}"),
            Failure::Call(e) => {
                eprintln!("error: {e}");
                // The client's messages never repeat their cause, so each is printed once.
                let mut source = std::error::Error::source(e);
                while let Some(s) = source {
                    eprintln!("  caused by: {s}");
                    source = s.source();
                }
            }
        }
        ExitCode::from(self.code())
    }
}

/// The exit code of a failed call.
fn call_code(e: &Error) -> u8 {
    match e {
        Error::InvalidInput(_) => USAGE,
        Error::Api(a) if a.status >= 500 => SERVER,
        Error::Api(_) => REFUSED,
        Error::Transport(_) => SERVER,
        Error::Decode(_) => DECODE,
        Error::Config(_) => CONFIG,
        // No token, so nothing was sent: the token request's own failure says why.
        Error::Token(inner) => call_code(inner),
        _ => OTHER,
    }
}
