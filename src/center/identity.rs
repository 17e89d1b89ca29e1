//! The center's server identity, beside its signing key in the key store:
//!
//! ```text
//! DIR/center.x25519   X25519 agreement key (hex), owner-only: stations seal batches to it
//! DIR/tls.key         the TLS private key (PKCS#8 DER), owner-only
//! DIR/tls.crt         the self-signed TLS certificate (DER); stations pin its SHA-256
//! ```
//!
//! `init` makes them; a key store made before they existed gets them the first time it serves.

use std::path::Path;
use std::sync::Arc;

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use x25519_dalek::{PublicKey, StaticSecret};

use super::keystore::{KeyStoreError, io, write_private};
use crate::crypto::{self, hex};

/// The center's TLS certificate and key, and its agreement key.
pub struct ServerIdentity {
    cert_der: Vec<u8>,
    key_der: Vec<u8>,
    agree: StaticSecret,
}

impl std::fmt::Debug for ServerIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerIdentity")
            .field("cert_sha256", &hex::encode(&self.cert_sha256()))
            .finish_non_exhaustive()
    }
}

fn tls_error(e: impl std::fmt::Display) -> KeyStoreError {
    KeyStoreError::Tls(e.to_string())
}

fn read(path: &Path) -> Result<Option<Vec<u8>>, KeyStoreError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io(path, e)),
    }
}

impl ServerIdentity {
    /// Loads the identity in `dir`, making whatever part of it is missing.
    pub fn ensure(dir: &Path) -> Result<ServerIdentity, KeyStoreError> {
        let agree_path = dir.join("center.x25519");
        let damaged = |source| KeyStoreError::Damaged {
            path: agree_path.display().to_string(),
            source,
        };
        let bytes: [u8; 32] = if let Some(text) = read(&agree_path)? {
            hex::decode::<32>(String::from_utf8_lossy(&text).trim()).map_err(damaged)?
        } else {
            let bytes: [u8; 32] = crypto::random().map_err(damaged)?;
            write_private(&agree_path, format!("{}\n", hex::encode(&bytes)).as_bytes())?;
            bytes
        };
        let agree = StaticSecret::from(bytes);
        let (cert_path, key_path) = (dir.join("tls.crt"), dir.join("tls.key"));
        let (cert_der, key_der) = match (read(&cert_path)?, read(&key_path)?) {
            (Some(cert), Some(key)) => (cert, key),
            (None, None) => {
                let made = rcgen::generate_simple_self_signed(vec![
                    "ustudy-center".to_owned(),
                    "localhost".to_owned(),
                ])
                .map_err(tls_error)?;
                let key = made.signing_key.serialize_der();
                write_private(&key_path, &key)?;
                let cert = made.cert.der().to_vec();
                std::fs::write(&cert_path, &cert).map_err(|e| io(&cert_path, e))?;
                (cert, key)
            }
            _ => {
                return Err(KeyStoreError::Tls(format!(
                    "one of {} and {} is missing: restore both from the backup",
                    cert_path.display(),
                    key_path.display()
                )));
            }
        };
        Ok(ServerIdentity {
            cert_der,
            key_der,
            agree,
        })
    }

    /// SHA-256 of the certificate (DER): what stations pin.
    pub fn cert_sha256(&self) -> [u8; 32] {
        crypto::sha256(&self.cert_der)
    }

    /// The X25519 public key.
    pub fn agree_public(&self) -> [u8; 32] {
        PublicKey::from(&self.agree).to_bytes()
    }

    /// Opens what a station sealed to the center's X25519 key (`crypto::agree`).
    pub fn open_sealed(
        &self,
        ephemeral: &[u8; 32],
        context: &[u8],
        sealed: &[u8],
    ) -> Result<Vec<u8>, crypto::CryptoError> {
        crypto::agree::open_with(&self.agree, ephemeral, context, sealed)
    }

    /// The secret of one-time unlock codes for the station with X25519 key `station_agree`
    /// (`protocol::unlock`).
    pub fn unlock_secret(&self, station_agree: &[u8; 32]) -> Result<[u8; 32], crypto::CryptoError> {
        crypto::agree::shared(&self.agree, station_agree, crate::protocol::unlock::LABEL)
    }

    /// The TLS server configuration (rustls with the ring provider, HTTP/1.1).
    pub fn tls_config(&self) -> Result<rustls::ServerConfig, KeyStoreError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(tls_error)?
            .with_no_client_auth()
            .with_single_cert(
                vec![CertificateDer::from(self.cert_der.clone())],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.key_der.clone())),
            )
            .map_err(tls_error)?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(config)
    }
}
