//! The `ler` binary against inputs made to hurt the person running it: directory trees with
//! symlink loops, FIFOs, JSON Lines with endless lines and random bytes, and credential strings
//! carrying terminal escape sequences.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn ler() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ler"));
    command.env("NO_COLOR", "1");
    command
}

/// Runs `ler` in `dir`; a run that does not end within a minute (it would block on a FIFO or
/// spin on a stream) is killed and the test fails. This bounds a hang, it measures nothing.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let mut child = ler()
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drained as the child writes, so a full pipe never stops it.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).unwrap();
            bytes
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            let _ = child.wait();
            panic!(
                "ler {args:?} did not finish: {}",
                String::from_utf8_lossy(&err.join().unwrap())
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

fn code(output: &Output) -> i32 {
    output.status.code().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A signed Open Badge in a fresh directory (`signed.json`, its key `key.json`, and
/// `unsigned.json`), after `edit` changed the unsigned document.
fn issued_badge(edit: impl FnOnce(&mut Value)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(code(&run_in(d, &["keygen", "--out", "key.json"])), 0);
    let template = run_in(d, &["template", "ob3", "--key", "key.json"]);
    assert_eq!(code(&template), 0, "{}", stderr(&template));
    let mut unsigned: Value = serde_json::from_slice(&template.stdout).unwrap();
    edit(&mut unsigned);
    std::fs::write(d.join("unsigned.json"), unsigned.to_string()).unwrap();
    let issue = run_in(
        d,
        &[
            "issue",
            "--key",
            "key.json",
            "unsigned.json",
            "-o",
            "signed.json",
        ],
    );
    assert_eq!(code(&issue), 0, "{}", stderr(&issue));
    dir
}

#[cfg(unix)]
#[test]
fn directory_walks_skip_symlinks_and_stop_at_loops_when_following_them() {
    let dir = issued_badge(|_| {});
    let d = dir.path();
    let tree = d.join("tree");
    std::fs::create_dir_all(tree.join("sub")).unwrap();
    std::fs::copy(d.join("signed.json"), tree.join("badge.json")).unwrap();
    // A loop back to the top, and a link to a file outside the tree.
    std::os::unix::fs::symlink("..", tree.join("sub/up")).unwrap();
    std::os::unix::fs::symlink(d.join("signed.json"), tree.join("sub/linked.json")).unwrap();

    let out = run_in(d, &["verify", "--output", "jsonl", "tree"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let inputs: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(inputs.len(), 1, "only the regular file: {}", stdout(&out));
    assert!(inputs[0]["input"].as_str().unwrap().ends_with("badge.json"));
    assert!(
        stderr(&out).contains("skipping the symbolic link"),
        "{}",
        stderr(&out)
    );

    // Followed: the linked file is verified, the loop reported once, and the walk ends.
    let out = run_in(
        d,
        &["verify", "--follow-symlinks", "--output", "jsonl", "tree"],
    );
    assert_eq!(code(&out), 2, "the loop is an unreadable input");
    let reports: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let verified = reports
        .iter()
        .filter(|r| r["verdict"] == "verified")
        .count();
    assert_eq!(verified, 2, "{}", stdout(&out));
    let loops: Vec<&Value> = reports
        .iter()
        .filter(|r| r.get("error").is_some())
        .collect();
    assert_eq!(loops.len(), 1, "{}", stdout(&out));
    assert!(
        loops[0]["error"]
            .as_str()
            .unwrap()
            .contains("already searched")
    );
}

/// Makes a FIFO with `mkfifo`; `None` (and a message) where there is none.
fn mkfifo(path: &Path) -> Option<()> {
    match Command::new("mkfifo").arg(path).status() {
        Ok(status) if status.success() => Some(()),
        other => {
            eprintln!("skipped: mkfifo is unavailable ({other:?})");
            None
        }
    }
}

#[test]
fn fifos_are_refused_without_being_opened() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("tree")).unwrap();
    if mkfifo(&d.join("tree/pipe.json")).is_none() || mkfifo(&d.join("named.json")).is_none() {
        return;
    }
    // Nobody ever writes to these FIFOs: opening one would block forever.
    for args in [
        &["verify", "tree"][..],
        &["verify", "named.json"],
        &["verify", "--input", "jsonl", "named.json"],
        &["inspect", "named.json"],
    ] {
        let out = run_in(d, args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stdout(&out));
        let text = stdout(&out) + &stderr(&out);
        assert!(
            text.contains("not a regular file (a FIFO)"),
            "{args:?}: {text}"
        );
    }
}

#[test]
fn json_lines_survive_endless_lines_and_random_bytes() {
    let dir = issued_badge(|_| {});
    let d = dir.path();
    let good: Value =
        serde_json::from_slice(&std::fs::read(d.join("signed.json")).unwrap()).unwrap();
    let good = good.to_string();
    // Past the 10 MiB parse limit, then a good line.
    let long = "[".to_owned() + &"1,".repeat(6 * 1024 * 1024) + "1]";
    // Random bytes (a fixed xorshift sequence, so the test is the same on every run).
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let garbage: Vec<u8> = (0..200_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 32) as u8
        })
        .collect();
    let mut input = Vec::new();
    input.extend_from_slice(long.as_bytes());
    input.push(b'\n');
    input.extend_from_slice(good.as_bytes());
    input.push(b'\n');
    input.extend_from_slice(&garbage);
    input.push(b'\n');
    input.extend_from_slice(good.as_bytes());
    input.push(b'\n');
    // A last line that never ends.
    input.extend_from_slice(long.as_bytes());
    std::fs::write(d.join("stream.jsonl"), &input).unwrap();

    let out = run_in(d, &["verify", "--output", "jsonl", "stream.jsonl"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let reports: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let first = &reports[0];
    assert_eq!(first["input"], "stream.jsonl:1");
    assert_eq!(first["verdict"], "indeterminate");
    assert_eq!(first["checks"][0]["id"], "limits.exceeded");
    let message = first["checks"][0]["message"].as_str().unwrap();
    assert!(message.contains("more than the limit"), "{message}");
    assert_eq!(reports[1]["input"], "stream.jsonl:2");
    assert_eq!(reports[1]["verdict"], "verified");
    // Every garbage line is invalid; the good line after them verifies; the endless last line
    // is one report, over the limit.
    let verified: Vec<&str> = reports
        .iter()
        .filter(|r| r["verdict"] == "verified")
        .map(|r| r["input"].as_str().unwrap())
        .collect();
    assert_eq!(verified.len(), 2, "{verified:?}");
    let last = reports.last().unwrap();
    assert_eq!(last["verdict"], "indeterminate");
    assert!(
        last["checks"][0]["message"]
            .as_str()
            .unwrap()
            .contains("more than the limit")
    );
    let last_line = input.iter().filter(|&&b| b == b'\n').count() + 1;
    assert_eq!(last["input"], format!("stream.jsonl:{last_line}"));
    assert!(
        reports[2..reports.len() - 1]
            .iter()
            .filter(|r| r["verdict"] != "verified")
            .all(|r| r["checks"][0]["id"] == "json.parse")
    );
}

#[test]
fn escape_sequences_in_a_badge_never_reach_the_terminal() {
    const FAKE: &str = "\u{1b}[2J\u{1b}[31mFAKE\u{202e}\u{9b}";
    let dir = issued_badge(|badge| {
        badge["name"] = Value::from(FAKE);
        badge["credentialSubject"]["achievement"]["name"] = Value::from(FAKE);
    });
    let d = dir.path();
    let mut signed: Value =
        serde_json::from_slice(&std::fs::read(d.join("signed.json")).unwrap()).unwrap();
    // A copy whose file name carries the sequence, and a tampered one whose checks quote it.
    let named = format!("{FAKE}.json");
    std::fs::copy(d.join("signed.json"), d.join(&named)).unwrap();
    signed[FAKE] = Value::from(FAKE);
    signed["proof"]["created"] = Value::from(FAKE);
    std::fs::write(d.join("tampered.json"), signed.to_string()).unwrap();

    for args in [
        &["inspect", "signed.json"][..],
        &["verify", "signed.json", &named, "tampered.json"],
        &["skills", "resolve", "signed.json"],
        &["skills", "profile", "signed.json"],
    ] {
        let out = run_in(d, args);
        for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            assert!(
                !bytes.contains(&0x1b),
                "{args:?} wrote ESC to {stream}: {}",
                String::from_utf8_lossy(bytes)
            );
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text.contains('\u{202e}') && !text.contains('\u{9b}'),
                "{args:?} wrote a bidi override or C1 control to {stream}: {text}"
            );
        }
    }
    let inspect = run_in(d, &["inspect", "signed.json"]);
    assert!(
        stdout(&inspect).contains("\\u{1b}[2J\\u{1b}[31mFAKE\\u{202e}\\u{9b}"),
        "the name is shown escaped: {}",
        stdout(&inspect)
    );
    let verify = run_in(d, &["verify", &named]);
    assert!(
        stdout(&verify).contains("\\u{1b}[2J\\u{1b}[31mFAKE"),
        "the file name is shown escaped: {}",
        stdout(&verify)
    );
    // JSON output stays JSON, the name intact.
    let out = run_in(d, &["inspect", "--json", "signed.json"]);
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(summary.to_string().contains("FAKE"));
    let out = run_in(d, &["verify", "--json", &named]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["input"], named);
    assert_eq!(report["verdict"], "verified");
}
