//! Where the connection settings come from. Each setting is taken from the
//! first of: its command-line flag, its environment variable, the config
//! file. The config file is `--config FILE`, else `$EASEMOB_CONFIG`, else
//! `$XDG_CONFIG_HOME/easemob/config.toml` (or `~/.config/easemob/config.toml`)
//! when it exists.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Arg, ArgAction, ArgMatches, Command};
use easemob::Secret;
use serde::Deserialize;

use crate::exit::Failure;
use crate::secrets::read_secret;

/// The connection settings a call needs.
pub struct Settings {
    pub base_url: String,
    pub org: String,
    pub app: String,
    pub auth: Auth,
    pub timeout: Option<Duration>,
}

pub enum Auth {
    /// Client ID and secret: the client fetches and refreshes app tokens.
    Credentials { client_id: String, client_secret: Secret },
    /// A fixed app token.
    Token(Secret),
}

/// The config file: the same settings, under the same names as the flags
/// (with `_`), all optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    base_url: Option<String>,
    org: Option<String>,
    app: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    token: Option<String>,
    timeout: Option<u64>,
}

/// The settings flags, and the environment variable each falls back to.
const SETTINGS: &[(&str, &str, &str, &str)] = &[
    ("config", "FILE", "EASEMOB_CONFIG", "Config file (TOML) [default: $XDG_CONFIG_HOME/easemob/config.toml]"),
    ("base-url", "URL", "EASEMOB_BASE_URL", "REST host of the app's data center, such as https://a1.easemob.com"),
    ("org", "ORG", "EASEMOB_ORG", "Org name: the part of the App Key before `#`"),
    ("app", "APP", "EASEMOB_APP", "App name: the part of the App Key after `#`"),
    ("client-id", "ID", "EASEMOB_CLIENT_ID", "Client ID, to fetch app tokens with"),
    (
        "client-secret",
        "SECRET",
        "EASEMOB_CLIENT_SECRET",
        "Client secret: `@FILE` or `-` (stdin); plain text is warned about. Prefer the env variable or config file",
    ),
    (
        "token",
        "TOKEN",
        "EASEMOB_TOKEN",
        "A fixed app token instead of client credentials: `@FILE` or `-` (stdin); plain text is warned about",
    ),
    ("timeout", "SECS", "EASEMOB_TIMEOUT", "Time limit of each attempt, in seconds [default: 30]"),
];

/// The settings flags of the top-level command. They are not global (they
/// go before the area) so that no operation input can clash with them.
pub fn args(cmd: Command) -> Command {
    let cmd = SETTINGS.iter().fold(cmd, |cmd, (flag, value, env, help)| {
        cmd.arg(Arg::new(*flag).long(*flag).value_name(*value).help(format!("{help} [env: {env}]")))
    });
    cmd.arg(
        Arg::new("verbose")
            .short('v')
            .long("verbose")
            .action(ArgAction::Count)
            // Global, so it may follow the operation too: no input can be
            // named `verbose` (the table renames one that would be).
            .global(true)
            .help("Log each attempt, retry and token refresh on stderr (-vv for more); never secrets"),
    )
}

/// Reads the settings from the flags, the environment and the config file.
pub fn resolve(m: &ArgMatches) -> Result<Settings, Failure> {
    let file = load_file(m)?;
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let flag = |id: &str| m.get_one::<String>(id).cloned();
    let pick = |id: &str, env_name: &str, from_file: Option<String>| flag(id).or_else(|| env(env_name)).or(from_file);

    let need = |v: Option<String>, what: &str, id: &str, env_name: &str| {
        v.ok_or_else(|| {
            Failure::Config(format!(
                "no {what}: pass --{id}, set {env_name} or put `{}` in the config file",
                id.replace('-', "_")
            ))
        })
    };
    let base_url =
        need(pick("base-url", "EASEMOB_BASE_URL", file.base_url), "base URL", "base-url", "EASEMOB_BASE_URL")?;
    let org = need(pick("org", "EASEMOB_ORG", file.org), "org name", "org", "EASEMOB_ORG")?;
    let app = need(pick("app", "EASEMOB_APP", file.app), "app name", "app", "EASEMOB_APP")?;

    // Secrets: a flag's value may be `@FILE` or `-`; plain text is warned about.
    let from_flag = |id: &str, what: &str, env_name: &str| -> Result<Option<Secret>, Failure> {
        flag(id)
            .map(|v| read_secret(&v, what, &format!("use {env_name}, the config file, or --{id} @FILE")))
            .transpose()
    };
    let token = match from_flag("token", "--token", "EASEMOB_TOKEN")? {
        Some(t) => Some(t),
        None => env("EASEMOB_TOKEN").or(file.token).map(Secret::new),
    };
    let client_secret = match from_flag("client-secret", "--client-secret", "EASEMOB_CLIENT_SECRET")? {
        Some(s) => Some(s),
        None => env("EASEMOB_CLIENT_SECRET").or(file.client_secret).map(Secret::new),
    };
    let client_id = pick("client-id", "EASEMOB_CLIENT_ID", file.client_id);
    let auth = match (token, client_id, client_secret) {
        (Some(t), _, _) => Auth::Token(t),
        (None, Some(client_id), Some(client_secret)) => Auth::Credentials { client_id, client_secret },
        _ => {
            return Err(Failure::Config(
                "no credentials: set EASEMOB_CLIENT_ID and EASEMOB_CLIENT_SECRET (or EASEMOB_TOKEN), or the same in the config file"
                    .to_owned(),
            ));
        }
    };
    let timeout = match flag("timeout").or_else(|| env("EASEMOB_TIMEOUT")) {
        Some(t) => {
            Some(t.parse::<u64>().map_err(|_| Failure::Usage(format!("timeout {t:?} is not a number of seconds")))?)
        }
        None => file.timeout,
    };
    let timeout = timeout.map(Duration::from_secs);
    Ok(Settings { base_url, org, app, auth, timeout })
}

/// The config file, if there is one.
fn load_file(m: &ArgMatches) -> Result<File, Failure> {
    let explicit = m.get_one::<String>("config").cloned().or_else(|| std::env::var("EASEMOB_CONFIG").ok());
    let path = match explicit {
        Some(p) => PathBuf::from(p),
        None => match default_path() {
            Some(p) if p.is_file() => p,
            _ => return Ok(File::default()),
        },
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Failure::Config(format!("cannot read config file {}: {e}", path.display())))?;
    // The parser's message quotes the offending line, which may hold a
    // secret: report only where the problem is.
    toml::from_str(&text).map_err(|e| {
        let at = e.span().map(|s| format!(" at byte {}", s.start)).unwrap_or_default();
        let what =
            if e.message().contains("unknown field") { e.message().to_owned() } else { "invalid TOML".to_owned() };
        Failure::Config(format!("config file {}{at}: {what}", path.display()))
    })
}

fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("easemob").join("config.toml"))
}
