//! Prometheus text-format metrics: request counts and latency histograms by endpoint and
//! verdict. Hand-rolled: two metric families do not justify a metrics framework.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Duration;

/// Latency bucket bounds, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

#[derive(Debug, Default, Clone)]
struct Series {
    count: u64,
    sum_seconds: f64,
    /// Non-cumulative counts per bucket; the last slot is `+Inf`.
    buckets: [u64; BUCKETS.len() + 1],
}

/// The registry of request metrics.
#[derive(Debug, Default)]
pub(crate) struct Metrics {
    series: Mutex<BTreeMap<(String, String), Series>>,
}

impl Metrics {
    /// Records one request to `endpoint` (the route pattern) with `verdict`, taking `elapsed`.
    pub(crate) fn record(&self, endpoint: &str, verdict: &str, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        let slot = BUCKETS
            .iter()
            .position(|bound| seconds <= *bound)
            .unwrap_or(BUCKETS.len());
        if let Ok(mut series) = self.series.lock() {
            let entry = series
                .entry((endpoint.to_owned(), verdict.to_owned()))
                .or_default();
            entry.count += 1;
            entry.sum_seconds += seconds;
            entry.buckets[slot] += 1;
        }
    }

    /// The Prometheus text exposition (version 0.0.4).
    pub(crate) fn render(&self) -> String {
        let snapshot = self.series.lock().map(|s| s.clone()).unwrap_or_default();
        let mut out = String::new();
        out.push_str("# HELP ler_http_requests_total Requests handled, by endpoint and verdict.\n");
        out.push_str("# TYPE ler_http_requests_total counter\n");
        for ((endpoint, verdict), series) in &snapshot {
            let _ = writeln!(
                out,
                "ler_http_requests_total{{endpoint=\"{}\",verdict=\"{}\"}} {}",
                escape(endpoint),
                escape(verdict),
                series.count
            );
        }
        out.push_str(
            "# HELP ler_http_request_duration_seconds Request latency, by endpoint and verdict.\n",
        );
        out.push_str("# TYPE ler_http_request_duration_seconds histogram\n");
        for ((endpoint, verdict), series) in &snapshot {
            let labels = format!(
                "endpoint=\"{}\",verdict=\"{}\"",
                escape(endpoint),
                escape(verdict)
            );
            let mut cumulative = 0;
            for (bound, count) in BUCKETS.iter().zip(series.buckets.iter()) {
                cumulative += count;
                let _ = writeln!(
                    out,
                    "ler_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "ler_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                series.count
            );
            let _ = writeln!(
                out,
                "ler_http_request_duration_seconds_sum{{{labels}}} {}",
                series.sum_seconds
            );
            let _ = writeln!(
                out,
                "ler_http_request_duration_seconds_count{{{labels}}} {}",
                series.count
            );
        }
        out
    }
}

fn escape(label: &str) -> String {
    label
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_buckets_are_cumulative() {
        let metrics = Metrics::default();
        metrics.record("/credentials/verify", "verified", Duration::from_millis(2));
        metrics.record(
            "/credentials/verify",
            "verified",
            Duration::from_millis(200),
        );
        let text = metrics.render();
        assert!(text.contains(
            "ler_http_requests_total{endpoint=\"/credentials/verify\",verdict=\"verified\"} 2"
        ));
        assert!(text.contains("verdict=\"verified\",le=\"0.0025\"} 1"));
        assert!(text.contains("verdict=\"verified\",le=\"0.25\"} 2"));
        assert!(text.contains("verdict=\"verified\",le=\"+Inf\"} 2"));
    }
}
