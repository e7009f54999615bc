//! What the harness records about the machine: CPU, cores, memory, load, peak memory. Linux
//! facts come from `/proc`; elsewhere they are `None` ("n/a").

use std::fs;

/// The process's peak resident set size (`VmHWM` in `/proc/self/status`), in bytes.
pub(super) fn peak_memory() -> Option<u64> {
    proc_field("/proc/self/status", "VmHWM:").and_then(kib)
}

/// Total memory (`MemTotal` in `/proc/meminfo`), in bytes.
pub(super) fn total_memory() -> Option<u64> {
    proc_field("/proc/meminfo", "MemTotal:").and_then(kib)
}

/// The CPU model (`model name` in `/proc/cpuinfo`).
pub(super) fn cpu_model() -> Option<String> {
    let text = fs::read_to_string("/proc/cpuinfo").ok()?;
    text.lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map(|(_, v)| v.trim().to_owned())
}

/// The 1-minute load average (`/proc/loadavg`): how busy the machine was.
pub(super) fn load_average() -> Option<f64> {
    let text = fs::read_to_string("/proc/loadavg").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// The cores this process may use.
pub(super) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

fn proc_field(path: &str, key: &str) -> Option<String> {
    let text = fs::read_to_string(path).ok()?;
    text.lines()
        .find(|l| l.starts_with(key))
        .map(|l| l.trim_start_matches(key).trim().to_owned())
}

/// `"12345 kB"` → bytes.
fn kib(value: String) -> Option<u64> {
    let number = value.trim_end_matches("kB").trim().parse::<u64>().ok()?;
    number.checked_mul(1024)
}

/// Bytes as MiB with one decimal.
pub(super) fn format_bytes(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let mib = bytes as f64 / (1024.0 * 1024.0);
    format!("{mib:.1} MiB")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kib_parses_proc_values() {
        assert_eq!(kib("2048 kB".to_owned()), Some(2 * 1024 * 1024));
        assert_eq!(kib("x kB".to_owned()), None);
    }

    #[test]
    fn peak_memory_is_known_on_linux() {
        if cfg!(target_os = "linux") {
            let peak = peak_memory().unwrap_or(0);
            assert!(peak > 0, "VmHWM should be readable on Linux");
        } else {
            assert_eq!(peak_memory(), None);
        }
    }

    #[test]
    fn bytes_format_as_mib() {
        assert_eq!(format_bytes(3 * 1024 * 1024 / 2), "1.5 MiB");
    }
}
