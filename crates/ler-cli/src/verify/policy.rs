//! The verifier's policy from the command line: clock, trust, status sources, resolvers
//! (offline, or online through the one HTTPS client), limits and strictness.

use super::*;

/// What the command line gave as files, then the network (`--online`).
pub(super) struct LocalThenOnline<L> {
    local: L,
    online: HttpClient,
}

impl<L> LocalThenOnline<L> {
    fn new(local: L, online: HttpClient) -> Self {
        Self { local, online }
    }
}

/// The client for `--online`: the strict outgoing-request policy, or loopback and plain HTTP
/// as well with `--allow-loopback`.
pub(super) fn online_client(args: &VerifierFlags) -> HttpClient {
    let policy = OutgoingPolicy::new()
        .allow_loopback(args.allow_loopback)
        .allow_http(args.allow_loopback);
    HttpClient::builder().policy(policy).build()
}

impl<L: DocumentFetcher> DocumentFetcher for LocalThenOnline<L> {
    fn fetch(&self, url: &str) -> Result<Vec<u8>, FetchError> {
        match self.local.fetch(url) {
            Err(FetchError::NotFound { .. }) => self.online.fetch(url),
            found => found,
        }
    }
}

impl<L: StatusListSource> StatusListSource for LocalThenOnline<L> {
    fn status_list(&self, url: &str) -> Result<Cow<'_, [u8]>, StatusSourceError> {
        match self.local.status_list(url) {
            Err(StatusSourceError::NotFound { .. }) => self.online.status_list(url),
            found => found,
        }
    }

    fn status_list_within(
        &self,
        url: &str,
        remaining: Option<std::time::Duration>,
    ) -> Result<Cow<'_, [u8]>, StatusSourceError> {
        match self.local.status_list(url) {
            Err(StatusSourceError::NotFound { .. }) => {
                self.online.status_list_within(url, remaining)
            }
            found => found,
        }
    }

    fn declared_for(&self, url: &str) -> bool {
        self.local.declared_for(url)
    }
}

/// A `--status-list` value: `FILE`, or `URL=FILE` to serve FILE for URL (for a list whose `id`
/// is not the URL credentials name).
pub(super) fn status_list_arg(given: &Path) -> (Option<&str>, &Path) {
    if let Some(text) = given.to_str()
        && let Some((url, file)) = text.split_once('=')
        && url.contains("://")
    {
        return (Some(url), Path::new(file));
    }
    (None, given)
}

/// Builds the verifier's options from the command line; `Err` is a usage problem.
pub(super) fn options(args: &Args) -> Result<VerifyOptions, String> {
    let mut options = verifier_options(&args.verifier)?.strict(args.strict);
    if let Some(challenge) = &args.challenge {
        options = options.challenge(challenge.as_str());
    }
    options = options.allow_no_challenge(args.no_challenge);
    if let Some(domain) = &args.domain {
        options = options.domain(domain.as_str());
    }
    options = options.holder_binding(args.holder_binding);
    Ok(options)
}

/// The verifier's options for the shared flags (the schema check included); `Err` is a usage
/// problem.
pub(crate) fn verifier_options(args: &VerifierFlags) -> Result<VerifyOptions, String> {
    let mut options = VerifyOptions::default().check(SchemaCheck::new());
    options.at = args.at;
    if let Some(path) = &args.trust {
        let bytes = crate::common::read_file(path)
            .map_err(|e| format!("cannot read the trust list {}: {e}", path.display()))?;
        let list = TrustList::from_json(&bytes)
            .map_err(|e| format!("{} is not a trust list: {e}", path.display()))?;
        options.trust_list = Some(list);
    }
    if !args.status_list.is_empty() {
        let mut lists = MemoryStatusLists::new();
        for given in &args.status_list {
            let (url, path) = status_list_arg(given);
            let bytes = crate::common::read_file(path)
                .map_err(|e| format!("cannot read the status list {}: {e}", path.display()))?;
            // URL=FILE declares the file the list for URL, whatever its own id says; the
            // report's status check records that override.
            if let Some(url) = url {
                lists.insert_declared(url, bytes);
                continue;
            }
            let url = ler::model::json::parse(&bytes)
                .ok()
                .and_then(|v| v.get("id").and_then(|id| id.as_str().map(str::to_owned)))
                .ok_or_else(|| {
                    format!(
                        "{} is not a status list credential: no id (the URL credentials name); \
                         give the URL as URL=FILE",
                        path.display()
                    )
                })?;
            lists.insert(url, bytes);
        }
        options = if args.online {
            options.status_lists(LocalThenOnline::new(lists, online_client(args)))
        } else {
            options.status_lists(lists)
        };
    } else if args.online {
        options = options.status_lists(online_client(args));
    }
    options = options.lenient_status_lists(args.lenient_status_lists);
    options
        .status_list_delegates
        .extend(args.status_list_issuer.iter().cloned());
    if !args.did_document.is_empty() {
        let mut documents = MemoryFetcher::new();
        for path in &args.did_document {
            let bytes = crate::common::read_file(path)
                .map_err(|e| format!("cannot read the DID document {}: {e}", path.display()))?;
            documents
                .insert_did_document(bytes)
                .map_err(|e| format!("{} is not a did:web DID document: {e}", path.display()))?;
        }
        options = if args.online {
            options.resolver(DidWebResolver::new(LocalThenOnline::new(
                documents,
                online_client(args),
            )))
        } else {
            options.resolver(DidWebResolver::new(documents))
        };
    } else if args.online {
        options = options.resolver(online_client(args).did_web_resolver());
    }
    Ok(options)
}
