//! What `ler verify` prints: a report per input (for a person, JSON or JSON Lines), the tally
//! and the progress bar.

use super::*;

/// Counts per verdict.
#[derive(Default)]
pub(super) struct Tally {
    verified: usize,
    invalid: usize,
    indeterminate: usize,
    unreadable: usize,
}

impl Tally {
    fn total(&self) -> usize {
        self.verified + self.invalid + self.indeterminate + self.unreadable
    }
}

/// Prints each result as it comes, keeps the tally and the progress bar.
pub(super) struct Printer {
    output: Output,
    /// JSON output as one object (a single document) rather than an array.
    single: bool,
    first: bool,
    style: Style,
    tally: Tally,
    bar: ProgressBar,
    bar_shown: bool,
    stderr_terminal: bool,
    started: Clock,
}

impl Printer {
    pub(super) fn new(output: Output, single: bool) -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} {pos} documents verified ({per_sec})")
        {
            bar.set_style(style);
        }
        Self {
            output,
            single,
            first: true,
            style: Style::for_stdout(),
            tally: Tally::default(),
            bar,
            bar_shown: false,
            stderr_terminal: std::io::stderr().is_terminal(),
            started: Clock::now(),
        }
    }

    pub(super) fn emit(&mut self, text: &str) {
        if self.bar_shown {
            self.bar.suspend(|| print(text));
        } else {
            print(text);
        }
    }

    pub(super) fn begin(&mut self) {
        if self.output == Output::Json && !self.single {
            print("[");
        }
    }

    pub(super) fn item(&mut self, input: &str, item: &Item) {
        match item {
            Item::Report(report) => match report.verdict {
                Verdict::Verified => self.tally.verified += 1,
                Verdict::Invalid => self.tally.invalid += 1,
                _ => self.tally.indeterminate += 1,
            },
            Item::Unreadable(e) => {
                self.tally.unreadable += 1;
                let message = format!(
                    "ler verify: cannot read {}: {}",
                    escape_terminal(input),
                    escape_terminal(e)
                );
                if self.bar_shown {
                    self.bar.suspend(|| eprintln!("{message}"));
                } else {
                    eprintln!("{message}");
                }
            }
        }
        let text = match self.output {
            Output::Human => human(input, item, self.style),
            Output::Jsonl => json(input, item) + "\n",
            Output::Json => {
                let separator = match (self.single, self.first) {
                    (true, _) => "",
                    (false, true) => "\n",
                    (false, false) => ",\n",
                };
                format!("{separator}{}", json(input, item))
            }
        };
        self.first = false;
        self.emit(&text);
        self.bar.inc(1);
        if !self.bar_shown
            && self.stderr_terminal
            && self.started.elapsed() > Duration::from_secs(1)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar_shown = true;
        }
    }

    pub(super) fn finish(&mut self, quiet: bool) {
        self.bar.finish_and_clear();
        match (self.output, self.single) {
            (Output::Json, true) => print("\n"),
            (Output::Json, false) => print(if self.first { "]\n" } else { "\n]\n" }),
            _ => {}
        }
        if quiet {
            return;
        }
        let t = &self.tally;
        let seconds = self.started.elapsed().as_secs_f64();
        let rate = if seconds > 0.0 {
            t.total() as f64 / seconds
        } else {
            0.0
        };
        let line = format!(
            "{} document{}: {} verified, {} invalid, {} indeterminate, {} unreadable ({rate:.0} documents/s)",
            t.total(),
            if t.total() == 1 { "" } else { "s" },
            t.verified,
            t.invalid,
            t.indeterminate,
            t.unreadable,
        );
        // The JSON outputs keep standard output a clean document: the summary goes to stderr.
        if self.output == Output::Human {
            print(&format!("{line}\n"));
        } else {
            eprintln!("{line}");
        }
    }

    pub(super) fn outcome(&self) -> Outcome {
        let t = &self.tally;
        if t.unreadable > 0 {
            Outcome::Unusable
        } else if t.invalid > 0 || t.indeterminate > 0 {
            Outcome::Invalid
        } else {
            Outcome::Valid
        }
    }
}

/// The JSON of one result: `{"input": …, "verdict": …, "checks": […], "nested": […]}`, or
/// `{"input": …, "error": …}` for an input that could not be read.
pub(crate) fn json(input: &str, item: &Item) -> String {
    let input = serde_json::to_string(input).unwrap_or_default();
    match item {
        Item::Report(report) => {
            let body = report.to_json();
            // `to_json` is an object: splice `input` in front of its members.
            match body.strip_prefix('{') {
                Some(rest) => format!("{{\"input\":{input},{rest}"),
                None => body,
            }
        }
        Item::Unreadable(e) => {
            let e = serde_json::to_string(e).unwrap_or_default();
            format!("{{\"input\":{input},\"error\":{e}}}")
        }
    }
}

pub(super) fn verdict_label(verdict: Verdict, style: Style) -> String {
    match verdict {
        Verdict::Verified => style.good("verified"),
        Verdict::Invalid => style.bad("invalid"),
        _ => style.doubt("indeterminate"),
    }
}

/// One result for a person. Everything that may come from a document or a file name (the
/// input name, messages, pointers) is escaped: a badge named with terminal escape sequences
/// must not rewrite the screen of whoever verifies it.
pub(super) fn human(input: &str, item: &Item, style: Style) -> String {
    let input = escape_terminal(input);
    match item {
        Item::Unreadable(e) => format!(
            "{}  {input}: {}\n",
            style.bad("unreadable"),
            escape_terminal(e)
        ),
        Item::Report(report) => {
            let mut out = format!(
                "{}  {}\n",
                verdict_label(report.verdict, style),
                style.bold(&input)
            );
            render_checks(report, style, 1, &mut out);
            out
        }
    }
}

/// Deepest nested report shown in human output.
pub(super) const MAX_SHOWN_DEPTH: usize = 4;

/// Appends the checks worth a person's attention (fail, indeterminate, warn), then the nested
/// credentials that did not verify; what may come from the document is escaped.
pub(crate) fn render_checks(report: &Report, style: Style, depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    for check in &report.checks {
        let label = match check.outcome {
            CheckOutcome::Fail => style.bad("fail"),
            CheckOutcome::Indeterminate => style.doubt("indeterminate"),
            CheckOutcome::Warn => style.doubt("warn"),
            _ => continue,
        };
        let at = check
            .pointer
            .as_deref()
            .filter(|p| !p.is_empty())
            .map(|p| style.dim(&format!(" (at {})", escape_terminal(p))))
            .unwrap_or_default();
        out.push_str(&format!(
            "{indent}{label} {}: {}{at}\n",
            escape_terminal(check.id.as_str()),
            escape_terminal(&check.message)
        ));
    }
    if depth > MAX_SHOWN_DEPTH {
        return;
    }
    for nested in &report.nested {
        if nested.report.verdict != Verdict::Verified {
            out.push_str(&format!(
                "{indent}nested credential at {}: {}\n",
                escape_terminal(&nested.pointer),
                verdict_label(nested.report.verdict, style)
            ));
            render_checks(&nested.report, style, depth + 1, out);
        }
    }
}
