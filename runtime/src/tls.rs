//! The TLS backend of the built-in HTTP client, chosen by crate feature:
//! `rustls` (rustls with aws-lc-rs, the default), `rustls-ring` (rustls with
//! ring) or `native-tls`. Without any of them the built-in client speaks
//! plain HTTP only; pass a configured `reqwest::Client` to
//! `ClientBuilder::http_client` instead.

/// A `reqwest` client builder ready for the chosen TLS backend.
///
/// With `rustls-ring`, reqwest carries no crypto provider of its own, so
/// ring is installed as the process's default rustls provider, unless the
/// application installed one already (which then wins).
pub(crate) fn http_builder() -> reqwest::ClientBuilder {
    #[cfg(feature = "rustls-ring")]
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Losing a race with another installer is fine: a provider is set.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
    reqwest::Client::builder()
}
