//! The station's TLS client: rustls with the ring provider, trusting exactly one certificate,
//! the center's, by the SHA-256 of its DER. On first contact (enrollment) no pin is known yet:
//! the verifier records what it was shown, and enrollment accepts it only if the reply, which
//! only the holder of the enrollment code could write, names the same hash. The handshake's
//! signature is always checked against the certificate shown.

use std::sync::{Arc, Mutex};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};

use crate::crypto;

/// Trusts one certificate by hash, or (with no pin) records the one shown.
#[derive(Debug)]
pub struct Pin {
    expected: Option<[u8; 32]>,
    seen: Mutex<Option<[u8; 32]>>,
    provider: Arc<CryptoProvider>,
}

impl Pin {
    /// The SHA-256 of the last certificate the server showed.
    pub fn seen(&self) -> Option<[u8; 32]> {
        self.seen.lock().ok().and_then(|s| *s)
    }
}

impl ServerCertVerifier for Pin {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let shown = crypto::sha256(end_entity.as_ref());
        if let Ok(mut seen) = self.seen.lock() {
            *seen = Some(shown);
        }
        match self.expected {
            Some(pin) if pin != shown => Err(rustls::Error::General(
                "pin mismatch: this is not the center's certificate".to_owned(),
            )),
            _ => Ok(ServerCertVerified::assertion()),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// Why a client could not be built.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the TLS client cannot be built: {0}")]
pub struct ClientError(String);

/// An HTTPS client that trusts only the certificate with hash `pin` (with `None`: records the
/// certificate shown, for enrollment). The returned `Pin` tells what was shown.
pub fn client(
    pin: Option<[u8; 32]>,
    timeout: std::time::Duration,
) -> Result<(reqwest::Client, Arc<Pin>), ClientError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = Arc::new(Pin {
        expected: pin,
        seen: Mutex::new(None),
        provider: Arc::clone(&provider),
    });
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ClientError(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::clone(&verifier) as Arc<dyn ServerCertVerifier>)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let client = reqwest::Client::builder()
        .tls_backend_preconfigured(config)
        .timeout(timeout)
        .build()
        .map_err(|e| ClientError(e.to_string()))?;
    Ok((client, verifier))
}
