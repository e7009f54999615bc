//! The built-in [`StatusListSource`]s: in memory, and files.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::{StatusListSource, StatusSourceError};

/// The most bytes a file source reads for one list (10 MiB, the verifier's default parse limit).
const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Status list credentials held in memory, by URL.
#[derive(Debug, Clone, Default)]
pub struct MemoryStatusLists {
    lists: HashMap<String, Vec<u8>>,
    declared: HashSet<String>,
}

impl MemoryStatusLists {
    /// An empty source.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the list credential at `url`.
    pub fn insert(&mut self, url: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.lists.insert(url.into(), bytes.into());
    }

    /// Builder form of [`MemoryStatusLists::insert`].
    #[must_use]
    pub fn with(mut self, url: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        self.insert(url, bytes);
        self
    }

    /// Adds (or replaces) the list credential at `url`, declared to stand for `url` even when
    /// its own `id` differs (see [`StatusListSource::declared_for`]): an explicit override,
    /// which the status check's message records.
    pub fn insert_declared(&mut self, url: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        let url = url.into();
        self.declared.insert(url.clone());
        self.lists.insert(url, bytes.into());
    }

    /// Removes the list at `url`.
    pub fn remove(&mut self, url: &str) -> Option<Vec<u8>> {
        self.declared.remove(url);
        self.lists.remove(url)
    }
}

impl StatusListSource for MemoryStatusLists {
    fn status_list(&self, url: &str) -> Result<Cow<'_, [u8]>, StatusSourceError> {
        self.lists
            .get(url)
            .map(|bytes| Cow::Borrowed(bytes.as_slice()))
            .ok_or_else(|| StatusSourceError::NotFound { url: url.into() })
    }

    fn declared_for(&self, url: &str) -> bool {
        self.declared.contains(url)
    }
}

/// Status list credentials read from files, on every request (the verifier caches the decoded
/// lists). Two ways to find the file for a URL, tried in this order:
///
/// 1. an explicit map, URL → path ([`FileStatusLists::map`]);
/// 2. a directory ([`FileStatusLists::directory`]): the URL's last path segment (query and
///    fragment removed) names the file, as is or with `.json` added. A segment that is empty,
///    starts with `.`, or holds anything but ASCII letters, digits, `-`, `_` and `.` is never
///    looked up, so a URL cannot reach outside the directory.
///
/// Files over 10 MiB are refused.
#[derive(Debug, Clone, Default)]
pub struct FileStatusLists {
    paths: HashMap<String, PathBuf>,
    directory: Option<PathBuf>,
}

impl FileStatusLists {
    /// A source with no files.
    pub fn new() -> Self {
        Self::default()
    }

    /// Looks up URLs without an explicit mapping in `dir` (see the type's docs).
    pub fn directory(dir: impl Into<PathBuf>) -> Self {
        Self {
            paths: HashMap::new(),
            directory: Some(dir.into()),
        }
    }

    /// Serves the list at `url` from `path`.
    #[must_use]
    pub fn map(mut self, url: impl Into<String>, path: impl Into<PathBuf>) -> Self {
        self.paths.insert(url.into(), path.into());
        self
    }

    /// The file for `url`, if there is a rule for it.
    fn candidates(&self, url: &str) -> Vec<PathBuf> {
        if let Some(path) = self.paths.get(url) {
            return vec![path.clone()];
        }
        let Some(dir) = &self.directory else {
            return Vec::new();
        };
        let without = url.split(['#', '?']).next().unwrap_or_default();
        let segment = without.rsplit('/').next().unwrap_or_default();
        let safe = !segment.is_empty()
            && !segment.starts_with('.')
            && segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if !safe {
            return Vec::new();
        }
        vec![dir.join(segment), dir.join(format!("{segment}.json"))]
    }
}

fn read_capped(path: &Path, url: &str) -> Result<Vec<u8>, StatusSourceError> {
    use std::io::Read;
    let unavailable = |reason: String| StatusSourceError::Unavailable {
        url: url.into(),
        reason,
    };
    let file =
        std::fs::File::open(path).map_err(|e| unavailable(format!("{}: {e}", path.display())))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unavailable(format!("{}: {e}", path.display())))?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_FILE_BYTES {
        return Err(unavailable(format!(
            "{} is larger than {MAX_FILE_BYTES} bytes",
            path.display()
        )));
    }
    Ok(bytes)
}

impl StatusListSource for FileStatusLists {
    fn status_list(&self, url: &str) -> Result<Cow<'_, [u8]>, StatusSourceError> {
        for path in self.candidates(url) {
            if path.is_file() {
                return read_capped(&path, url).map(Cow::Owned);
            }
        }
        Err(StatusSourceError::NotFound { url: url.into() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_rule_never_leaves_the_directory() {
        let source = FileStatusLists::directory("/lists");
        assert_eq!(
            source.candidates("https://example.com/status/3?x=1#list"),
            [PathBuf::from("/lists/3"), PathBuf::from("/lists/3.json")]
        );
        for url in [
            "https://example.com/status/..",
            "https://example.com/status/",
            "https://example.com/a%2F..%2Fetc",
            "https://example.com/.hidden",
        ] {
            assert!(source.candidates(url).is_empty(), "{url}");
        }
    }
}
