//! The corpus's status lists, served to the verifier from their files.

use std::path::PathBuf;

use ler::verifier::VerifyOptions;
use ler::verifier::status::FileStatusLists;

/// Adds the corpus's status lists (URL → file) to the options. The verifier caches each list
/// once verified and decoded, as a long-running verifier would.
pub(super) fn configure(
    options: VerifyOptions,
    lists: &[(String, PathBuf)],
) -> Result<VerifyOptions, crate::BenchError> {
    if lists.is_empty() {
        return Ok(options);
    }
    let source = lists
        .iter()
        .fold(FileStatusLists::new(), |source, (url, path)| {
            source.map(url.as_str(), path.clone())
        });
    Ok(options.status_lists(source))
}
