//! `ler serve`: the VC-API service (crate `ler-server`).

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::Outcome;

/// Arguments of `ler serve`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The TOML configuration (see the ler-server docs); without one: a generated key, SQLite
    /// and a self-signed certificate in the user's data folder.
    #[arg(long, short, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Listen here instead of the configured address (default 127.0.0.1:8443).
    #[arg(long, value_name = "ADDR")]
    listen: Option<SocketAddr>,
    /// Serve plain HTTP (for example behind a TLS-terminating load balancer).
    #[arg(long)]
    http: bool,
    /// Keep the generated key and the SQLite database here.
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let mut config = match ler_server::Config::load(args.config.as_deref()) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("ler serve: {e}");
            return Outcome::Unusable;
        }
    };
    if let Some(listen) = args.listen {
        config.listen = listen;
    }
    if args.http {
        config.tls.mode = ler_server::TlsMode::Off;
    }
    if let Some(dir) = &args.data_dir {
        config.data_dir = Some(dir.clone());
    }
    ler_server::init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("ler serve: cannot start the runtime: {e}");
            return Outcome::Unusable;
        }
    };
    match runtime.block_on(ler_server::run(config)) {
        Ok(()) => Outcome::Valid,
        Err(e) => {
            eprintln!("ler serve: {e}");
            Outcome::Unusable
        }
    }
}
