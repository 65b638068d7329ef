//! Hand-written shortcuts for what every application otherwise writes
//! itself: the App Key as the console prints it, a client configured from
//! the environment, message bodies in one call, and the URL of an uploaded
//! file. They sit beside the generated code and use only its public API.

use std::fmt;
use std::str::FromStr;

use crate::{Client, ClientBuilder, Error};

/// An App Key, `org_name#app_name`, as Easemob's console shows it.
///
/// ```
/// let key: easemob::AppKey = "my-org#my-app".parse()?;
/// assert_eq!((key.org(), key.app()), ("my-org", "my-app"));
/// let client = easemob::Client::builder_for("https://a1.easemob.com", &key).app_token("YWMt...").build()?;
/// # let _ = client;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AppKey {
    org: String,
    app: String,
}

impl AppKey {
    /// An App Key from its two halves.
    pub fn new(org: impl Into<String>, app: impl Into<String>) -> Self {
        AppKey { org: org.into(), app: app.into() }
    }

    /// The organization name, before the `#`.
    pub fn org(&self) -> &str {
        &self.org
    }

    /// The app name, after the `#`.
    pub fn app(&self) -> &str {
        &self.app
    }
}

impl fmt::Display for AppKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.org, self.app)
    }
}

/// Why a text is not an App Key.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AppKeyError {
    /// The text as given (an App Key is not a secret).
    pub input: String,
}

impl fmt::Display for AppKeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not an App Key: write it as the console shows it, `org_name#app_name`, with one `#` and text on both sides",
            self.input
        )
    }
}

impl std::error::Error for AppKeyError {}

impl FromStr for AppKey {
    type Err = AppKeyError;

    /// Parses `org#app`; surrounding whitespace (from a copied value) is
    /// ignored, an empty half or a second `#` is refused.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        match t.split_once('#') {
            Some((org, app)) if !org.is_empty() && !app.is_empty() && !app.contains('#') => Ok(AppKey::new(org, app)),
            _ => Err(AppKeyError { input: s.to_owned() }),
        }
    }
}

/// The environment variables [`Client::builder_from_env`] reads.
pub mod env {
    /// The REST host of the app's data center, such as `https://a1.easemob.com`.
    pub const BASE_URL: &str = "EASEMOB_BASE_URL";
    /// The App Key, `org_name#app_name`.
    pub const APP_KEY: &str = "EASEMOB_APP_KEY";
    /// The app's client ID (with [`CLIENT_SECRET`]).
    pub const CLIENT_ID: &str = "EASEMOB_CLIENT_ID";
    /// The app's client secret (with [`CLIENT_ID`]).
    pub const CLIENT_SECRET: &str = "EASEMOB_CLIENT_SECRET";
    /// A fixed app token, used when no client ID is set.
    pub const APP_TOKEN: &str = "EASEMOB_APP_TOKEN";
}

impl Client {
    /// Starts building a client for `app_key` served at `base_url`.
    pub fn builder_for(base_url: impl Into<String>, app_key: &AppKey) -> ClientBuilder {
        Client::builder(base_url, app_key.org(), app_key.app())
    }

    /// Starts building a client from the environment: `EASEMOB_BASE_URL`,
    /// `EASEMOB_APP_KEY` (`org#app`), and either `EASEMOB_CLIENT_ID` with
    /// `EASEMOB_CLIENT_SECRET` or `EASEMOB_APP_TOKEN` (names in [`env`](mod@crate::env)).
    /// The builder can still be changed before `build`. Errors name the
    /// variable that is missing or wrong, never a secret's value.
    pub fn builder_from_env() -> Result<ClientBuilder, Error> {
        Client::builder_from_vars(|name| std::env::var(name).ok())
    }

    /// [`builder_from_env`](Self::builder_from_env) with the variables
    /// looked up by `var` instead of in the process environment (a config
    /// file, a secrets service, a test).
    pub fn builder_from_vars(var: impl Fn(&str) -> Option<String>) -> Result<ClientBuilder, Error> {
        let get = |name: &str| var(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let need =
            |name: &str| get(name).ok_or_else(|| Error::other(format!("the environment variable {name} is not set")));
        let base = need(env::BASE_URL)?;
        let key: AppKey = need(env::APP_KEY)?
            .parse()
            .map_err(|e: AppKeyError| Error::with_source(format!("{} is not usable", env::APP_KEY), e))?;
        let builder = Client::builder_for(base, &key);
        match (get(env::CLIENT_ID), get(env::CLIENT_SECRET), get(env::APP_TOKEN)) {
            (Some(id), Some(secret), _) => Ok(builder.client_credentials(id, secret)),
            (Some(_), None, _) => {
                Err(Error::other(format!("{} is set but {} is not", env::CLIENT_ID, env::CLIENT_SECRET)))
            }
            (None, _, Some(token)) => Ok(builder.app_token(token)),
            (None, _, None) => Err(Error::other(format!(
                "no credentials in the environment: set {} and {}, or {}",
                env::CLIENT_ID,
                env::CLIENT_SECRET,
                env::APP_TOKEN
            ))),
        }
    }

    /// The org and app this client calls.
    pub fn app_key(&self) -> AppKey {
        let (org, app) = self.raw().app_key();
        AppKey::new(org, app)
    }
}

#[cfg(feature = "files")]
impl Client {
    /// The URL an image, audio, video or file message carries for an
    /// uploaded file: `{base_url}/{org}/{app}/chatfiles/{uuid}`, on this
    /// client's host and app.
    ///
    /// ```no_run
    /// # async fn f(client: easemob::Client) -> Result<(), easemob::Error> {
    /// use easemob::messages::MessageBody;
    /// let file = easemob::Upload::from_path("cat.jpg").await.map_err(|e| easemob::Error::with_source("cannot read cat.jpg", e))?;
    /// let uploaded = client.files().upload(file).send().await?;
    /// let body = MessageBody::image(client.file_url(&uploaded[0]), "cat.jpg");
    /// # let _ = body; Ok(()) }
    /// ```
    pub fn file_url(&self, uploaded: &crate::files::FileUploaded) -> String {
        self.raw().app_url(&["chatfiles", uploaded.uuid.as_str()])
    }
}

#[cfg(feature = "messages")]
mod bodies {
    use crate::messages::{
        MessageBody, MessageCommandBody, MessageFileBody, MessageImageBody, MessageLocationBody, MessageTextBody,
    };

    /// One-call constructors for the common kinds; the other fields of a
    /// kind are set on its own body type (`MessageImageBody::new(url)...`).
    impl MessageBody {
        /// A text message.
        pub fn text(msg: impl Into<String>) -> Self {
            MessageBody::Txt(MessageTextBody::new(msg))
        }

        /// An image message for an uploaded file (its URL from
        /// `Client::file_url`), shown with `filename`.
        pub fn image(url: impl Into<String>, filename: impl Into<String>) -> Self {
            MessageBody::Img(MessageImageBody::new(url).filename(filename))
        }

        /// A file message for an uploaded file, shown with `filename`.
        pub fn file(url: impl Into<String>, filename: impl Into<String>) -> Self {
            MessageBody::File(MessageFileBody::new(url).filename(filename))
        }

        /// A location: latitude and longitude in degrees, and an address.
        pub fn location(lat: impl Into<String>, lng: impl Into<String>, addr: impl Into<String>) -> Self {
            MessageBody::Loc(MessageLocationBody::new(lat, lng, addr))
        }

        /// A command message, delivered to the app but not shown in a chat.
        pub fn command(action: impl Into<String>) -> Self {
            MessageBody::Cmd(MessageCommandBody::new(action))
        }
    }
}
