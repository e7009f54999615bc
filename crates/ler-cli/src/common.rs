//! What several commands share: reading inputs, key files, suites, times, colour, writing files.

use std::borrow::Cow;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use ler::model::date::{Instant, parse_date_time_stamp};
use ler::model::json::{ParseOptions, Value};
use ler::proof::Ed25519Signer;
use ler::proof::di::Cryptosuite;

/// Reads a file, or standard input for `-`, refusing more than `max_bytes` (the excess is never
/// loaded).
pub(crate) fn read_input(path: &Path, max_bytes: usize) -> std::io::Result<Vec<u8>> {
    let bytes = read_bounded(path, max_bytes)?;
    if bytes.len() > max_bytes {
        return Err(std::io::Error::other(format!(
            "larger than the limit of {max_bytes} bytes"
        )));
    }
    Ok(bytes)
}

/// Reads at most `max_bytes + 1` bytes of a file or standard input, so that an oversized input
/// is seen to be too large without being loaded.
pub(crate) fn read_bounded(path: &Path, max_bytes: usize) -> std::io::Result<Vec<u8>> {
    let limit = u64::try_from(max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut bytes = Vec::new();
    if is_stdin(path) {
        std::io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut bytes)?;
    } else {
        open_regular(path)?.take(limit).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// Why a file that is not a regular file is refused.
pub(crate) fn not_regular_file(file_type: std::fs::FileType) -> String {
    format!("not a regular file ({}): refused", file_kind(file_type))
}

/// What kind of file, for a message refusing one that is not a regular file.
fn file_kind(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// Opens a file for reading only when it is a regular file (following a symlink named
/// directly): a FIFO would block until someone writes to it, a device could be endless. The type
/// is checked before opening (opening a FIFO blocks) and again on the open file.
pub(crate) fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let refuse = |file_type| std::io::Error::other(not_regular_file(file_type));
    let file_type = std::fs::metadata(path)?.file_type();
    if !file_type.is_file() {
        return Err(refuse(file_type));
    }
    let file = std::fs::File::open(path)?;
    let file_type = file.metadata()?.file_type();
    if !file_type.is_file() {
        return Err(refuse(file_type));
    }
    Ok(file)
}

/// Escapes what a terminal would act on in text taken from a document, for human-readable
/// output: C0 controls (newline and tab too, so a value cannot fake a line of the report), DEL,
/// C1 controls and the bidirectional overrides and isolates (U+202A to U+202E, U+2066 to
/// U+2069), each written `\u{…}` (`\n`, `\t`, `\r` for those three). JSON output needs none of
/// this: its encoder escapes control characters itself.
pub(crate) fn escape_terminal(text: &str) -> Cow<'_, str> {
    fn is_unsafe(c: char) -> bool {
        c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`escape_terminal`] for text of several lines: each line escaped, the line breaks kept.
pub(crate) fn escape_terminal_lines(text: &str) -> Cow<'_, str> {
    if !text
        .split('\n')
        .any(|line| matches!(escape_terminal(line), Cow::Owned(_)))
    {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(escape_terminal).collect();
    Cow::Owned(lines.join("\n"))
}

/// A copy of `value` with every string (keys too) passed through [`escape_terminal`], for
/// human-readable output rendered from a JSON summary.
pub(crate) fn escape_terminal_value(value: &Value) -> Value {
    match value {
        Value::String(s) => Value::String(escape_terminal(s).into_owned()),
        Value::Array(items) => Value::Array(items.iter().map(escape_terminal_value).collect()),
        Value::Object(object) => Value::Object(
            object
                .iter()
                .map(|(k, v)| (escape_terminal(k).into_owned(), escape_terminal_value(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Prints an error for a person on standard error, as `ler COMMAND: MESSAGE`, with what the
/// message quotes from a document escaped.
pub(crate) fn print_error(command: &str, message: impl std::fmt::Display) {
    eprintln!(
        "ler {command}: {}",
        escape_terminal_lines(&message.to_string())
    );
}

/// Reads a side file (key, list, DID document, trust list) of at most 10 MB, the parser's
/// default limit.
pub(crate) fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    if is_stdin(path) {
        return Err(std::io::Error::other("standard input is for the documents"));
    }
    read_input(path, ParseOptions::default().max_bytes)
}

/// Whether the path names standard input.
pub(crate) fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// How a path is shown in messages.
pub(crate) fn display(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

/// Reads and parses a JSON document (duplicate keys are an error), with a message naming it.
pub(crate) fn read_json(path: &Path) -> Result<Value, String> {
    let limits = ParseOptions::default();
    let bytes = read_input(path, limits.max_bytes)
        .map_err(|e| format!("cannot read {}: {e}", display(path)))?;
    ler::model::json::parse_with(&bytes, &limits).map_err(|e| format!("{}: {e}", display(path)))
}

/// Reads a key file written by `ler keygen` (or any Multikey key file with a secret).
pub(crate) fn read_key(path: &Path) -> Result<Ed25519Signer, String> {
    let bytes = read_file(path).map_err(|e| format!("cannot read key {}: {e}", path.display()))?;
    Ed25519Signer::from_key_file(&bytes)
        .map_err(|e| format!("{} is not an Ed25519 key file: {e}", path.display()))
}

/// The suites `ler issue`, `present` and `canon` accept by name: full ids, `rdfc` and `jcs`.
pub(crate) fn parse_suite(name: &str) -> Result<Cryptosuite, String> {
    match name {
        "rdfc" => Ok(Cryptosuite::EddsaRdfc2022),
        "jcs" => Ok(Cryptosuite::EddsaJcs2022),
        "Ed25519Signature2020" => Err(
            "Ed25519Signature2020 is verified, never created: use eddsa-rdfc-2022 or eddsa-jcs-2022"
                .to_owned(),
        ),
        _ => match Cryptosuite::from_name(name) {
            Some(suite) => Ok(suite),
            None => Err(format!(
                "unknown cryptosuite {name:?}: use eddsa-rdfc-2022 (alias rdfc) or eddsa-jcs-2022 (alias jcs)"
            )),
        },
    }
}

/// Parses an RFC 3339 date-time with a time zone (`2026-06-01T00:00:00Z`).
pub(crate) fn parse_at(text: &str) -> Result<Instant, String> {
    parse_date_time_stamp(text).map_err(|e| {
        format!("{text:?} is not an RFC 3339 date-time with a time zone, such as 2026-06-01T00:00:00Z: {e}")
    })
}

/// The current time, UTC, to the second, as an `xsd:dateTimeStamp` (`2026-11-29T18:00:00Z`).
pub(crate) fn now_stamp() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(0))
        .unwrap_or(0);
    format_stamp(seconds)
}

/// Formats seconds since 1970 as `YYYY-MM-DDThh:mm:ssZ` (proleptic Gregorian, UTC).
pub(crate) fn format_stamp(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let rest = seconds.rem_euclid(86_400);
    // Days to civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Whether to colour what goes to standard output: only on a terminal, and never with
/// `NO_COLOR` set (to anything non-empty, as no-color.org asks).
pub(crate) fn stdout_colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// ANSI styles, or nothing when colour is off.
#[derive(Clone, Copy)]
pub(crate) struct Style {
    on: bool,
}

impl Style {
    /// Colour when standard output takes it.
    pub(crate) fn for_stdout() -> Self {
        Self {
            on: stdout_colour(),
        }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    /// Green.
    pub(crate) fn good(self, text: &str) -> String {
        self.paint("32", text)
    }

    /// Red.
    pub(crate) fn bad(self, text: &str) -> String {
        self.paint("31", text)
    }

    /// Yellow.
    pub(crate) fn doubt(self, text: &str) -> String {
        self.paint("33", text)
    }

    /// Bold.
    pub(crate) fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    /// Dim.
    pub(crate) fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }
}

/// Writes to standard output, ignoring a closed pipe (`ler … | head`).
pub(crate) fn print(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Writes `text` to `path`; refuses an existing file unless `force`; `secret` files get mode
/// 0600 (on Unix) from the moment they exist.
pub(crate) fn write_file(path: &Path, text: &str, force: bool, secret: bool) -> Result<(), String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    if secret {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            format!("{} exists; pass --force to overwrite it", path.display())
        } else {
            format!("cannot write {}: {e}", path.display())
        }
    })?;
    #[cfg(unix)]
    if secret && force {
        // An existing file keeps its mode on truncation: tighten it.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| format!("cannot set the mode of {}: {e}", path.display()))?;
    }
    file.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Writes `text` to the file, or to standard output when there is none.
pub(crate) fn write_output(out: Option<&PathBuf>, text: &str, force: bool) -> Result<(), String> {
    match out {
        Some(path) if !is_stdin(path) => write_file(path, text, force, false),
        _ => {
            print(text);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_civil_dates() {
        assert_eq!(format_stamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_stamp(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_stamp(1_795_000_000), "2026-11-18T11:06:40Z");
    }

    #[test]
    fn terminal_escaping_leaves_nothing_a_terminal_acts_on() {
        assert_eq!(escape_terminal("Grade A – naïve ✓"), "Grade A – naïve ✓");
        assert_eq!(
            escape_terminal("\u{1b}[2J\u{1b}[31mFAKE"),
            "\\u{1b}[2J\\u{1b}[31mFAKE"
        );
        assert_eq!(escape_terminal("a\nb\tc\r"), "a\\nb\\tc\\r");
        assert_eq!(
            escape_terminal("\u{7f}\u{85}\u{9b}\u{202e}\u{2066}\u{2069}\u{0}"),
            "\\u{7f}\\u{85}\\u{9b}\\u{202e}\\u{2066}\\u{2069}\\u{0}"
        );
        assert_eq!(escape_terminal_lines("ok\n\u{1b}x\n"), "ok\n\\u{1b}x\n");
    }

    #[test]
    fn suites_by_alias_and_full_id() {
        assert_eq!(parse_suite("rdfc"), Ok(Cryptosuite::EddsaRdfc2022));
        assert_eq!(parse_suite("eddsa-jcs-2022"), Ok(Cryptosuite::EddsaJcs2022));
        assert!(parse_suite("Ed25519Signature2020").is_err());
        assert!(parse_suite("ecdsa-rdfc-2019").is_err());
    }
}
