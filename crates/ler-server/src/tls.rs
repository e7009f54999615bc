//! rustls server configuration with the `ring` provider only: from PEM files, or a
//! certificate generated at start-up for local use.

use std::sync::Arc;

use rustls::ServerConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::ServeError;
use crate::config::{TlsConfig, TlsMode};

/// The server configuration (`None` for plain HTTP) and, for a generated certificate, its PEM.
pub(crate) fn server_config(
    tls: &TlsConfig,
) -> Result<(Option<Arc<ServerConfig>>, Option<String>), ServeError> {
    let error = |e: &dyn std::fmt::Display| ServeError::Tls(e.to_string());
    let (chain, key, pem) = match tls.mode {
        TlsMode::Off => return Ok((None, None)),
        TlsMode::Files => {
            let (Some(cert), Some(key)) = (&tls.cert, &tls.key) else {
                return Err(ServeError::Tls("tls.cert and tls.key are required".into()));
            };
            let chain = CertificateDer::pem_file_iter(cert)
                .map_err(|e| error(&format!("{}: {e}", cert.display())))?
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| error(&format!("{}: {e}", cert.display())))?;
            let key = PrivateKeyDer::from_pem_file(key)
                .map_err(|e| error(&format!("{}: {e}", key.display())))?;
            (chain, key, None)
        }
        TlsMode::SelfSigned => {
            let names = vec!["localhost".to_owned(), "127.0.0.1".to_owned()];
            let generated = rcgen::generate_simple_self_signed(names).map_err(|e| error(&e))?;
            let pem = generated.cert.pem();
            let key =
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(generated.key_pair.serialize_der()));
            (vec![generated.cert.der().clone()], key, Some(pem))
        }
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| error(&e))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| error(&e))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok((Some(Arc::new(config)), pem))
}
