//! Reads the criterion results of the `scaling` bench and writes the plot of verification cost
//! (as a ratio to the same group's `verify_strict` baseline) against credential size for
//! eddsa-jcs-2022 and eddsa-rdfc-2022, as SVG, then prints the tables for BENCHMARKS.md.
//!
//! ```sh
//! cargo bench -p ler-benches --bench scaling -- --warm-up-time 1 --measurement-time 4
//! cargo run -p ler-benches --release --bin scaling-plot -- [--criterion DIR] [--out FILE]
//! ```
//!
//! `DIR` defaults to `$CARGO_TARGET_DIR/criterion` (else the workspace's `target/criterion`),
//! `FILE` to `BENCHMARKS-scaling.svg` at the workspace root.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use plotters::prelude::*;
use serde_json::Value;

/// One measured benchmark.
#[derive(Debug, Clone)]
struct Point {
    function: String,
    parameter: String,
    /// Criterion's estimate (the slope where it has one, else the mean), in nanoseconds.
    nanos: f64,
    /// The `Bytes` or `Elements` throughput the bench set.
    throughput: Option<u64>,
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Every benchmark of a group: each `new/benchmark.json` below `dir` with its estimates.
fn group(dir: &Path) -> Result<Vec<Point>, String> {
    let mut points = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if !path.is_dir() {
                continue;
            }
            if path.file_name().is_some_and(|n| n == "new") {
                let meta = read_json(&path.join("benchmark.json"))?;
                let estimates = read_json(&path.join("estimates.json"))?;
                let estimate = |name: &str| {
                    estimates
                        .get(name)
                        .and_then(|e| e.get("point_estimate"))
                        .and_then(Value::as_f64)
                };
                let nanos = estimate("slope")
                    .or_else(|| estimate("mean"))
                    .ok_or_else(|| format!("{}: no estimate", path.display()))?;
                let text = |name: &str| {
                    meta.get(name)
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned()
                };
                let throughput = meta.get("throughput").and_then(|t| {
                    t.get("Bytes")
                        .or_else(|| t.get("Elements"))
                        .and_then(Value::as_u64)
                });
                points.push(Point {
                    function: text("function_id"),
                    parameter: text("value_str"),
                    nanos,
                    throughput,
                });
            } else if path
                .file_name()
                .is_some_and(|n| n != "base" && n != "change" && n != "report")
            {
                stack.push(path);
            }
        }
    }
    Ok(points)
}

fn baseline(points: &[Point], group: &str) -> Result<f64, String> {
    points
        .iter()
        .find(|p| p.function.contains("verify_strict"))
        .map(|p| p.nanos)
        .ok_or_else(|| format!("{group}: no baseline measured"))
}

/// The points of one function, sorted by their throughput (size or batch length).
fn series(points: &[Point], function: &str) -> Vec<Point> {
    let mut s: Vec<Point> = points
        .iter()
        .filter(|p| p.function == function)
        .cloned()
        .collect();
    s.sort_by_key(|p| {
        (
            p.throughput.unwrap_or(0),
            p.parameter.parse::<u64>().unwrap_or(0),
        )
    });
    s
}

fn micros(nanos: f64) -> String {
    if nanos >= 1_000_000.0 {
        format!("{:.2} ms", nanos / 1_000_000.0)
    } else {
        format!("{:.1} µs", nanos / 1000.0)
    }
}

#[allow(clippy::cast_precision_loss)]
fn plot(out: &Path, jcs: &[(f64, f64)], rdfc: &[(f64, f64)], floor: f64) -> Result<(), String> {
    let all: Vec<&(f64, f64)> = jcs.iter().chain(rdfc).collect();
    let max_x = all.iter().map(|p| p.0).fold(1_000.0, f64::max) * 1.3;
    let min_x = all
        .iter()
        .map(|p| p.0)
        .fold(f64::INFINITY, f64::min)
        .min(1_000.0)
        * 0.8;
    let max_y = all.iter().map(|p| p.1).fold(2.0, f64::max) * 1.3;
    let e = |e: &dyn std::fmt::Display| e.to_string();
    let root = SVGBackend::new(out, (800, 520)).into_drawing_area();
    root.fill(&WHITE).map_err(|x| e(&x))?;
    let caption = format!(
        "Full verification cost vs credential size (floor: verify_strict = {})",
        micros(floor)
    );
    let mut chart = ChartBuilder::on(&root)
        .caption(caption, ("sans-serif", 18))
        .margin(16)
        .x_label_area_size(48)
        .y_label_area_size(64)
        .build_cartesian_2d(
            (min_x..max_x)
                .log_scale()
                .with_key_points(vec![1_000.0, 3_000.0, 10_000.0, 30_000.0, 100_000.0]),
            (0.8f64..max_y)
                .log_scale()
                .with_key_points(vec![1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0]),
        )
        .map_err(|x| e(&x))?;
    chart
        .configure_mesh()
        .x_desc("signed credential size (bytes)")
        .y_desc("verify time / Ed25519 verify_strict")
        .x_label_formatter(&|x| format!("{:.0} kB", x / 1000.0))
        .y_label_formatter(&|y| format!("{y}x"))
        .draw()
        .map_err(|x| e(&x))?;
    for (points, label, color) in [
        (jcs, "eddsa-jcs-2022", BLUE),
        (rdfc, "eddsa-rdfc-2022", RED),
    ] {
        chart
            .draw_series(LineSeries::new(
                points.iter().copied(),
                color.stroke_width(2),
            ))
            .map_err(|x| e(&x))?
            .label(label)
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
            });
        chart
            .draw_series(points.iter().map(|&p| Circle::new(p, 4, color.filled())))
            .map_err(|x| e(&x))?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()
        .map_err(|x| e(&x))?;
    root.present().map_err(|x| e(&x))
}

fn run() -> Result<String, String> {
    let mut args = std::env::args().skip(1);
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let mut criterion = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace.join("target"), PathBuf::from)
        .join("criterion");
    let mut out = workspace.join("BENCHMARKS-scaling.svg");
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--criterion" => criterion = args.next().ok_or("--criterion needs a folder")?.into(),
            "--out" => out = args.next().ok_or("--out needs a file")?.into(),
            other => {
                return Err(format!(
                    "unknown argument `{other}` (--criterion DIR, --out FILE)"
                ));
            }
        }
    }
    let mut report = String::new();

    let size = group(&criterion.join("scaling-size"))?;
    let floor = baseline(&size, "scaling-size")?;
    let ratios = |function: &str| -> Vec<(f64, f64)> {
        series(&size, function)
            .iter()
            .filter_map(|p| Some((p.throughput? as f64, p.nanos / floor)))
            .collect()
    };
    let (jcs, rdfc) = (ratios("jcs"), ratios("rdfc"));
    if jcs.is_empty() || rdfc.is_empty() {
        return Err(format!(
            "{}: no jcs or rdfc results; run `cargo bench -p ler-benches --bench scaling` first",
            criterion.join("scaling-size").display()
        ));
    }
    plot(&out, &jcs, &rdfc, floor)?;
    let _ = writeln!(report, "plot written to {}\n", out.display());
    let _ = writeln!(
        report,
        "### Cost against size (`scaling-size`, baseline {})\n",
        micros(floor)
    );
    let _ = writeln!(
        report,
        "| target | jcs bytes | jcs time | jcs ratio | rdfc bytes | rdfc time | rdfc ratio |"
    );
    let _ = writeln!(report, "|---|---|---|---|---|---|---|");
    for (j, r) in series(&size, "jcs").iter().zip(series(&size, "rdfc")) {
        let _ = writeln!(
            report,
            "| {} | {} | {} | {:.2}x | {} | {} | {:.2}x |",
            j.parameter,
            j.throughput.unwrap_or(0),
            micros(j.nanos),
            j.nanos / floor,
            r.throughput.unwrap_or(0),
            micros(r.nanos),
            r.nanos / floor
        );
    }

    if let Ok(blank) = group(&criterion.join("scaling-blank-nodes")) {
        let floor = baseline(&blank, "scaling-blank-nodes")?;
        let _ = writeln!(
            report,
            "\n### Cost against blank nodes (`scaling-blank-nodes`, 64 alignments, baseline {})\n",
            micros(floor)
        );
        let _ = writeln!(
            report,
            "| blank alignments | jcs time | jcs ratio | rdfc time | rdfc ratio |"
        );
        let _ = writeln!(report, "|---|---|---|---|---|");
        let by_k = |f: &str| {
            let mut s = series(&blank, f);
            s.sort_by_key(|p| p.parameter.parse::<u64>().unwrap_or(0));
            s
        };
        for (j, r) in by_k("jcs").iter().zip(by_k("rdfc")) {
            let _ = writeln!(
                report,
                "| {} | {} | {:.2}x | {} | {:.2}x |",
                j.parameter,
                micros(j.nanos),
                j.nanos / floor,
                micros(r.nanos),
                r.nanos / floor
            );
        }
    }

    if let Ok(batch) = group(&criterion.join("scaling-batch")) {
        let floor = baseline(&batch, "scaling-batch")?;
        let _ = writeln!(
            report,
            "\n### Cost against batch size (`scaling-batch`, jcs 1 kB, 2 threads, baseline {})\n",
            micros(floor)
        );
        let _ = writeln!(
            report,
            "| credentials | batch time | per credential | ratio |"
        );
        let _ = writeln!(report, "|---|---|---|---|");
        for p in series(&batch, "jcs") {
            let n = p.throughput.unwrap_or(1).max(1) as f64;
            let _ = writeln!(
                report,
                "| {} | {} | {} | {:.2}x |",
                p.parameter,
                micros(p.nanos),
                micros(p.nanos / n),
                p.nanos / n / floor
            );
        }
    }
    Ok(report)
}

fn main() -> ExitCode {
    match run() {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("scaling-plot: {message}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Writes one criterion result as criterion lays it out.
    fn bench(root: &Path, function: &str, parameter: Option<&str>, nanos: f64, bytes: Option<u64>) {
        let mut dir = root.join(function.replace('/', "_"));
        if let Some(p) = parameter {
            dir = dir.join(p);
        }
        let new = dir.join("new");
        std::fs::create_dir_all(&new).unwrap();
        let throughput = bytes.map_or(Value::Null, |b| serde_json::json!({"Bytes": b}));
        let meta = serde_json::json!({"function_id": function, "value_str": parameter, "throughput": throughput});
        std::fs::write(new.join("benchmark.json"), meta.to_string()).unwrap();
        let estimates = serde_json::json!({"mean": {"point_estimate": nanos}, "slope": null});
        std::fs::write(new.join("estimates.json"), estimates.to_string()).unwrap();
        // Criterion's older results sit beside `new` and must be ignored.
        std::fs::create_dir_all(dir.join("base")).unwrap();
    }

    #[test]
    fn reads_criterion_results_and_writes_the_plot() {
        let root = std::env::temp_dir().join(format!("ler-scaling-plot-{}", std::process::id()));
        let group_dir = root.join("scaling-size");
        bench(
            &group_dir,
            "baseline/ed25519_verify_strict",
            None,
            40_000.0,
            None,
        );
        for (label, bytes, jcs, rdfc) in [
            ("1k", 1_200, 60_000.0, 70_000.0),
            ("10k", 10_100, 240_000.0, 300_000.0),
            ("100k", 100_500, 1_800_000.0, 2_500_000.0),
        ] {
            bench(&group_dir, "jcs", Some(label), jcs, Some(bytes));
            bench(&group_dir, "rdfc", Some(label), rdfc, Some(bytes));
        }
        let points = group(&group_dir).unwrap();
        assert_eq!(points.len(), 7);
        assert_eq!(baseline(&points, "scaling-size").unwrap(), 40_000.0);
        let jcs = series(&points, "jcs");
        let order: Vec<&str> = jcs.iter().map(|p| p.parameter.as_str()).collect();
        assert_eq!(order, ["1k", "10k", "100k"]);

        let out = root.join("plot.svg");
        let ratios = |s: &[Point]| -> Vec<(f64, f64)> {
            s.iter()
                .map(|p| (p.throughput.unwrap() as f64, p.nanos / 40_000.0))
                .collect()
        };
        plot(
            &out,
            &ratios(&jcs),
            &ratios(&series(&points, "rdfc")),
            40_000.0,
        )
        .unwrap();
        let svg = std::fs::read_to_string(&out).unwrap();
        assert!(svg.starts_with("<svg"));
        for text in [
            "eddsa-jcs-2022",
            "eddsa-rdfc-2022",
            "100 kB",
            "verify_strict = 40.0 µs",
        ] {
            assert!(svg.contains(text), "{text} missing");
        }
        std::fs::remove_dir_all(&root).unwrap();
    }
}
