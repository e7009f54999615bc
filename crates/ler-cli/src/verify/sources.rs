//! The inputs of `ler verify`: paths, directories searched (links and loops handled), standard
//! input, each told to be one document or JSON Lines.

use super::*;

/// One input, as found on the command line or in a directory.
pub(super) enum Source {
    /// One JSON document (a file, or standard input).
    Document(PathBuf),
    /// JSON Lines (a file, or standard input).
    Lines(PathBuf),
    /// Could not be read (a missing path, a directory that cannot be listed).
    Unreadable(String, String),
}

/// Deepest directory nesting searched (a bound, and a stop for symlink loops where directory
/// identities are not available).
pub(super) const MAX_DIR_DEPTH: usize = 32;

/// How directories are searched: whether links are followed, and the directories already
/// searched (by device and inode), so a link loop ends.
pub(super) struct Walk {
    input: Option<Input>,
    follow_symlinks: bool,
    #[cfg(unix)]
    visited: std::collections::HashSet<(u64, u64)>,
}

impl Walk {
    /// Records a directory about to be searched; `false` when it was searched already.
    fn first_visit(&mut self, metadata: &std::fs::Metadata) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            self.visited.insert((metadata.dev(), metadata.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = metadata;
            true
        }
    }
}

pub(super) fn sources(args: &Args) -> Vec<Source> {
    let mut out = Vec::new();
    let stdin = [PathBuf::from("-")];
    let paths = if args.paths.is_empty() {
        if std::io::stdin().is_terminal() {
            eprintln!("ler verify: reading a credential from standard input (end with Ctrl-D)");
        }
        &stdin[..]
    } else {
        &args.paths[..]
    };
    let mut walk = Walk {
        input: args.input,
        follow_symlinks: args.follow_symlinks,
        #[cfg(unix)]
        visited: std::collections::HashSet::new(),
    };
    for path in paths {
        if is_stdin(path) {
            out.push(match args.input {
                Some(Input::Jsonl) => Source::Lines(path.clone()),
                _ => Source::Document(path.clone()),
            });
            continue;
        }
        // A path named on the command line is taken where it leads (a link included).
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => {
                if walk.first_visit(&metadata) {
                    walk_dir(path, 0, &mut walk, &mut out);
                }
            }
            Ok(metadata) if metadata.is_file() => out.push(classify(path.clone(), args.input)),
            Ok(metadata) => out.push(refused(path, metadata.file_type())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => out.push(Source::Unreadable(
                path.display().to_string(),
                "no such file or directory".to_owned(),
            )),
            Err(e) => out.push(Source::Unreadable(
                path.display().to_string(),
                e.to_string(),
            )),
        }
    }
    out
}

/// A path that is not a regular file or a directory: never opened.
pub(super) fn refused(path: &Path, file_type: std::fs::FileType) -> Source {
    Source::Unreadable(
        path.display().to_string(),
        crate::common::not_regular_file(file_type),
    )
}

pub(super) fn classify(path: PathBuf, input: Option<Input>) -> Source {
    let jsonl = match input {
        Some(Input::Jsonl) => true,
        Some(Input::Json) => false,
        None => path.extension().is_some_and(|e| e == "jsonl"),
    };
    if jsonl {
        Source::Lines(path)
    } else {
        Source::Document(path)
    }
}

/// Searches a directory: regular files named `*.json` and `*.jsonl`, subdirectories, and, with
/// `--follow-symlinks`, what links lead to (each directory once). Special files with those names
/// are refused without being opened.
pub(super) fn walk_dir(dir: &Path, depth: usize, walk: &mut Walk, out: &mut Vec<Source>) {
    if depth > MAX_DIR_DEPTH {
        out.push(Source::Unreadable(
            dir.display().to_string(),
            format!("nested deeper than {MAX_DIR_DEPTH} directories"),
        ));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.push(Source::Unreadable(dir.display().to_string(), e.to_string()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let named_for_us = path
            .extension()
            .is_some_and(|e| e == "json" || e == "jsonl");
        // The entry itself, a link not followed.
        let metadata = match std::fs::symlink_metadata(&path) {
            Ok(metadata) => metadata,
            Err(e) => {
                out.push(Source::Unreadable(
                    path.display().to_string(),
                    e.to_string(),
                ));
                continue;
            }
        };
        let metadata = if metadata.file_type().is_symlink() {
            if !walk.follow_symlinks {
                if named_for_us || path.is_dir() {
                    eprintln!(
                        "ler verify: skipping the symbolic link {} (pass --follow-symlinks to \
                         follow links)",
                        crate::common::escape_terminal(&path.display().to_string())
                    );
                }
                continue;
            }
            match std::fs::metadata(&path) {
                Ok(target) => target,
                Err(e) => {
                    out.push(Source::Unreadable(
                        path.display().to_string(),
                        format!("a symbolic link that leads nowhere: {e}"),
                    ));
                    continue;
                }
            }
        } else {
            metadata
        };
        if metadata.is_dir() {
            if walk.first_visit(&metadata) {
                walk_dir(&path, depth + 1, walk, out);
            } else {
                out.push(Source::Unreadable(
                    path.display().to_string(),
                    "a directory already searched (a symbolic link loop?): not searched again"
                        .to_owned(),
                ));
            }
        } else if !named_for_us {
            continue;
        } else if metadata.is_file() {
            out.push(classify(path, walk.input));
        } else {
            out.push(refused(&path, metadata.file_type()));
        }
    }
}
