//! Identifier normal forms shared by the loaders and the alignment resolver.

/// The last path segment of a CASE URI, lowercased: CFItem identifiers are UUIDs and CASE
/// servers publish items at `<base>/uri/<identifier>`.
pub(crate) fn case_key(identifier: &str) -> String {
    identifier
        .trim()
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// `http://data.europa.eu/esco/...` form of an ESCO URI given over https, with a trailing
/// slash, a query or a fragment. Other strings come back trimmed.
pub(crate) fn normalize_esco_uri(uri: &str) -> String {
    let uri = uri.trim();
    let Some(pos) = uri.find("data.europa.eu/esco/") else {
        return uri.to_owned();
    };
    let rest = uri.get(pos..).unwrap_or("");
    let rest = rest
        .split(['?', '#'])
        .next()
        .unwrap_or(rest)
        .trim_end_matches('/');
    format!("http://{rest}")
}
