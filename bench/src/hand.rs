//! The hand-written side: what an app would write without the `easemob`
//! crate. reqwest with the workspace's features, a bearer token, a status
//! check, and `serde_json::from_slice` into derived structs with the same
//! fields as the generated types (payload and envelope metadata).
//!
//! It sends the same request as the client, byte for byte up to header
//! order (the benchmark checks this): the three headers the docs ask for
//! (`Authorization`, `Accept`, and `Content-Type`, whose absence some
//! gateways answer with 415), and the client's `User-Agent`. So the loopback
//! server does the same work for both sides, and the ratio measures the
//! clients alone.

use serde::Deserialize;

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// One user: the fields of the generated `UserEntity`.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // read only through `Debug` and `black_box`
pub struct User {
    pub uuid: Option<String>,
    #[serde(rename = "type")]
    pub entity_type: Option<String>,
    pub created: Option<i64>,
    pub modified: Option<i64>,
    pub username: String,
    pub activated: Option<bool>,
    pub nickname: Option<String>,
    pub notification_display_style: Option<i64>,
    pub notification_no_disturbing: Option<bool>,
    pub notification_no_disturbing_start: Option<String>,
    pub notification_no_disturbing_end: Option<String>,
    pub notifier_name: Option<String>,
    pub device_token: Option<String>,
}

/// One entry of a member list, `{"owner": …}` or `{"member": …}`.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Member {
    Owner(String),
    Member(String),
}

/// An envelope: the payload under its key, and the metadata the client
/// also keeps.
macro_rules! envelope {
    ($name:ident, $key:ident: $payload:ty) => {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)] // read only through `Debug` and `black_box`
        pub struct $name {
            pub $key: $payload,
            pub action: Option<String>,
            pub application: Option<String>,
            #[serde(rename = "applicationName")]
            pub application_name: Option<String>,
            pub organization: Option<String>,
            pub uri: Option<String>,
            pub path: Option<String>,
            pub timestamp: Option<i64>,
            pub duration: Option<i64>,
            pub count: Option<i64>,
            pub cursor: Option<String>,
        }
    };
}

envelope!(UserAnswer, entities: Vec<User>);
envelope!(MembersAnswer, data: Vec<Member>);

/// Where the hand-written calls go.
#[derive(Clone)]
pub struct Api {
    http: reqwest::Client,
    app_url: String,
    bearer: String,
}

impl Api {
    /// Calls `{base_url}/{org}/{app}` with `token`, sending `user_agent`.
    pub fn new(base_url: &str, org: &str, app: &str, token: &str, user_agent: &str) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .connect_timeout(std::time::Duration::from_secs(10))
            .timeout(std::time::Duration::from_secs(30))
            .user_agent(user_agent)
            .build()?;
        Ok(Api { http, app_url: format!("{base_url}/{org}/{app}"), bearer: format!("Bearer {token}") })
    }

    async fn get<T: serde::de::DeserializeOwned>(&self, url: String) -> Result<T, Error> {
        let resp = self
            .http
            .get(url)
            .header(reqwest::header::AUTHORIZATION, &self.bearer)
            .header(reqwest::header::ACCEPT, "application/json")
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .send()
            .await?;
        let status = resp.status();
        let body = resp.bytes().await?;
        if !status.is_success() {
            return Err(format!("HTTP {status}: {}", String::from_utf8_lossy(&body)).into());
        }
        Ok(serde_json::from_slice(&body)?)
    }

    /// `GET /users/{username}`.
    pub async fn get_user(&self, username: &str) -> Result<UserAnswer, Error> {
        self.get(format!("{}/users/{username}", self.app_url)).await
    }

    /// `GET /chatrooms/{id}/users`.
    pub async fn chatroom_members(&self, chatroom_id: &str) -> Result<MembersAnswer, Error> {
        self.get(format!("{}/chatrooms/{chatroom_id}/users", self.app_url)).await
    }
}
