//! `ler inspect FILE|-`: parse and validate one document, print a summary and every violation.

use std::io::Write;
use std::path::PathBuf;

use ler::model::json::{Object, ParseOptions, Value};
use ler::model::{
    Alignment, CredentialKind, CredentialRef, Document, Issuer, Presentation, Subject, SubjectKind,
    Violation,
};

use crate::Outcome;

/// Arguments of `ler inspect`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The document to read: a file path, or `-` for standard input.
    file: PathBuf,
    /// Print the summary and violations as JSON.
    #[arg(long)]
    json: bool,
    /// Largest input accepted, in bytes.
    #[arg(long, default_value_t = ParseOptions::default().max_bytes)]
    max_bytes: usize,
    /// Deepest nesting of arrays and objects accepted.
    #[arg(long, default_value_t = ParseOptions::default().max_depth)]
    max_depth: usize,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let name = args.file.display().to_string();
    let options = ParseOptions::new(args.max_bytes, args.max_depth);
    let bytes = match read_input(args, &options) {
        Ok(bytes) => bytes,
        Err(e) => {
            crate::common::print_error("inspect", format_args!("cannot read {name}: {e}"));
            return Outcome::Unusable;
        }
    };
    let document = match Document::from_slice_with(&bytes, &options) {
        Ok(document) => document,
        Err(e) => {
            crate::common::print_error("inspect", format_args!("{name}: {e}"));
            return Outcome::Unusable;
        }
    };
    let violations = document.validate();
    let summary = summarise(&document, &violations);
    let text = if args.json {
        summary.to_pretty_string() + "\n"
    } else {
        // Names and descriptions come from the document: escaped for a terminal.
        render(&crate::common::escape_terminal_value(&summary))
    };
    // A closed pipe (`ler inspect x | head`) is not an error worth a panic.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    if violations.is_empty() {
        Outcome::Valid
    } else {
        Outcome::Invalid
    }
}

/// Reads at most one byte past the limit, so a huge input is refused without being loaded
/// (and only a regular file: a FIFO or device is refused, never opened).
fn read_input(args: &Args, options: &ParseOptions) -> std::io::Result<Vec<u8>> {
    crate::common::read_bounded(&args.file, options.max_bytes)
}

fn put(o: &mut Object, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        o.insert(key, v);
    }
}

fn strings(items: &[&str]) -> Value {
    Value::Array(items.iter().map(|&s| Value::from(s)).collect())
}

/// The summary as data: the `--json` output, and what the text output is rendered from.
fn summarise(document: &Document, violations: &[Violation]) -> Value {
    let mut o = match document {
        Document::Credential(c) => credential_summary(c.view()),
        Document::Presentation(p) => presentation_summary(p),
        // `Document` may grow variants; say what this build does not know.
        _ => {
            let mut o = Object::new();
            o.insert("kind", "unknown document");
            o
        }
    };
    o.insert("valid", violations.is_empty());
    let list = violations
        .iter()
        .map(|v| {
            let mut e = Object::new();
            e.insert("rule", v.rule.id());
            e.insert("pointer", v.pointer.as_str());
            e.insert("message", v.message.as_str());
            Value::Object(e)
        })
        .collect();
    o.insert("violations", Value::Array(list));
    Value::Object(o)
}

fn presentation_summary(p: &Presentation) -> Object {
    let mut o = Object::new();
    o.insert("kind", "verifiable presentation");
    put(&mut o, "vcVersion", p.version().map(|v| v.as_str()));
    put(&mut o, "id", p.id());
    put(&mut o, "holder", p.holder());
    let credentials = p
        .credentials()
        .into_iter()
        .map(|c| Value::Object(credential_summary(c)))
        .collect();
    o.insert("credentials", Value::Array(credentials));
    o.insert("proofs", p.proofs().len());
    o
}

fn credential_summary(c: CredentialRef<'_>) -> Object {
    let mut o = Object::new();
    let kind = c.kind();
    o.insert("kind", kind.label());
    put(&mut o, "vcVersion", c.version().map(|v| v.as_str()));
    put(&mut o, "obVersion", c.ob_version().map(|v| v.as_str()));
    put(&mut o, "id", c.id());
    o.insert("types", strings(&c.types()));
    if let Some(issuer) = c.issuer() {
        let mut i = Object::new();
        put(&mut i, "id", issuer.id());
        if let Issuer::Profile(p) = issuer {
            put(&mut i, "name", p.name());
        }
        o.insert("issuer", i);
    }
    put(&mut o, "name", c.name());
    put(&mut o, "validFrom", c.valid_from());
    put(&mut o, "validUntil", c.valid_until());
    put(&mut o, "awardedDate", c.awarded_date());
    let all_subjects = c.subjects();
    let subjects = all_subjects
        .iter()
        .take(MAX_LISTED)
        .map(|s| Value::Object(subject_summary(*s, kind)))
        .collect();
    o.insert("subjects", Value::Array(subjects));
    if all_subjects.len() > MAX_LISTED {
        o.insert("subjectsNotListed", all_subjects.len() - MAX_LISTED);
    }
    let proofs = c
        .proofs()
        .into_iter()
        .take(MAX_LISTED)
        .map(|p| {
            let mut e = Object::new();
            put(&mut e, "type", p.get("type").and_then(Value::as_str));
            put(
                &mut e,
                "cryptosuite",
                p.get("cryptosuite").and_then(Value::as_str),
            );
            Value::Object(e)
        })
        .collect();
    o.insert("proofs", Value::Array(proofs));
    o
}

fn alignment_summary(a: &Alignment<'_>) -> Value {
    let mut e = Object::new();
    put(&mut e, "targetName", a.target_name());
    put(&mut e, "targetUrl", a.target_url());
    put(&mut e, "targetFramework", a.target_framework());
    put(&mut e, "targetCode", a.target_code());
    Value::Object(e)
}

fn alignments(list: &[Alignment<'_>]) -> Value {
    Value::Array(
        list.iter()
            .take(MAX_LISTED)
            .map(alignment_summary)
            .collect(),
    )
}

/// At most this many subjects, proofs and alignments are summarised (a hostile document could
/// hold millions, and the summary would take many times the document's memory).
const MAX_LISTED: usize = 100;

fn subject_summary(s: Subject<'_>, kind: CredentialKind) -> Object {
    let mut o = Object::new();
    put(&mut o, "id", s.id());
    o.insert("types", strings(&s.types()));
    put(&mut o, "name", s.name());
    if let Some(a) = s.achievement() {
        let mut e = Object::new();
        put(&mut e, "id", a.id());
        put(&mut e, "name", a.name());
        put(&mut e, "achievementType", a.achievement_type());
        e.insert("alignments", alignments(&a.alignments()));
        o.insert("achievement", e);
    }
    let results = s.results();
    if !results.is_empty() {
        let list = results
            .iter()
            .map(|r| {
                let mut e = Object::new();
                put(&mut e, "resultDescription", r.result_description());
                put(&mut e, "value", r.value());
                put(&mut e, "status", r.status());
                Value::Object(e)
            })
            .collect();
        o.insert("results", Value::Array(list));
    }
    if let Some(employer) = s.employer() {
        let mut e = Object::new();
        put(&mut e, "id", employer.id());
        put(&mut e, "name", employer.name());
        o.insert("employer", e);
    }
    if let Some(role) = s.role() {
        let mut e = Object::new();
        put(&mut e, "positionTitle", role.position_title());
        put(
            &mut e,
            "employmentType",
            role.employment_type().map(|t| t.as_str()),
        );
        put(&mut e, "startDate", role.start_date());
        put(&mut e, "endDate", role.end_date());
        if let Some(h) = role.hours_per_week() {
            e.insert("hoursPerWeek", h.clone());
        }
        e.insert("occupations", alignments(&role.occupations()));
        e.insert("skills", alignments(&role.skills()));
        o.insert("role", e);
    }
    if s.kind() == SubjectKind::Clr || kind == CredentialKind::Clr {
        let list = s
            .credentials()
            .into_iter()
            .map(|c| Value::Object(credential_summary(c)))
            .collect();
        o.insert("credentials", Value::Array(list));
        o.insert("achievements", s.achievements().len());
        o.insert("associations", s.associations().len());
    }
    put(&mut o, "endorsementComment", s.endorsement_comment());
    o
}

/// The text form, read off the same summary data so both outputs always agree.
fn render(summary: &Value) -> String {
    let mut out = String::new();
    render_document(summary, 0, &mut out);
    let violations = summary
        .get("violations")
        .and_then(Value::as_array)
        .unwrap_or(&[]);
    if violations.is_empty() {
        out.push_str("\nvalid: no violations\n");
    } else {
        out.push_str(&format!("\nINVALID: {} violation(s)\n", violations.len()));
        for v in violations {
            let pointer = field(v, "pointer");
            let at = if pointer.is_empty() { "/" } else { pointer };
            out.push_str(&format!(
                "  {at}: {} [{}]\n",
                field(v, "message"),
                field(v, "rule")
            ));
        }
    }
    out
}

fn field<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn line(out: &mut String, indent: usize, label: &str, value: &str) {
    if !value.is_empty() {
        out.push_str(&format!("{:indent$}{label:<13}{value}\n", ""));
    }
}

fn render_document(d: &Value, indent: usize, out: &mut String) {
    let mut kind = field(d, "kind").to_owned();
    let versions: Vec<String> = [("VC", "vcVersion"), ("OB", "obVersion")]
        .iter()
        .filter(|(_, k)| !field(d, k).is_empty())
        .map(|(label, k)| format!("{label} {}", field(d, k)))
        .collect();
    if !versions.is_empty() {
        kind = format!("{kind} ({})", versions.join(", "));
    }
    line(out, indent, "kind:", &kind);
    line(out, indent, "id:", field(d, "id"));
    line(out, indent, "holder:", field(d, "holder"));
    if let Some(issuer) = d.get("issuer") {
        let text = match (field(issuer, "name"), field(issuer, "id")) {
            ("", id) => id.to_owned(),
            (name, id) => format!("{name} <{id}>"),
        };
        line(out, indent, "issuer:", &text);
    }
    line(out, indent, "name:", field(d, "name"));
    let dates = match (field(d, "validFrom"), field(d, "validUntil")) {
        ("", "") => String::new(),
        (from, "") => format!("from {from}"),
        ("", until) => format!("until {until}"),
        (from, until) => format!("from {from} until {until}"),
    };
    line(out, indent, "valid:", &dates);
    line(out, indent, "awarded:", field(d, "awardedDate"));
    for s in d.get("subjects").and_then(Value::as_array).unwrap_or(&[]) {
        render_subject(s, indent, out);
    }
    if let Some(more) = d.get("subjectsNotListed").and_then(Value::as_number) {
        line(out, indent, "subjects:", &format!("{more} more not listed"));
    }
    if let Some(proofs) = d.get("proofs").and_then(Value::as_array) {
        let list: Vec<String> = proofs
            .iter()
            .map(|p| match (field(p, "type"), field(p, "cryptosuite")) {
                (t, "") => t.to_owned(),
                (t, suite) => format!("{t} {suite}"),
            })
            .collect();
        let text = if list.is_empty() {
            "none".to_owned()
        } else {
            format!("{} (not verified here)", list.join(", "))
        };
        line(out, indent, "proofs:", &text);
    }
    if let Some(credentials) = d.get("credentials").and_then(Value::as_array) {
        line(out, indent, "credentials:", &credentials.len().to_string());
        for c in credentials {
            out.push('\n');
            render_document(c, indent + 2, out);
        }
    }
}

fn render_alignments(list: Option<&Value>, label: &str, indent: usize, out: &mut String) {
    for (i, a) in list
        .and_then(Value::as_array)
        .unwrap_or(&[])
        .iter()
        .enumerate()
    {
        let mut text = format!("{} <{}>", field(a, "targetName"), field(a, "targetUrl"));
        let framework = [field(a, "targetFramework"), field(a, "targetCode")]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if !framework.is_empty() {
            text.push_str(&format!(" ({framework})"));
        }
        line(out, indent, if i == 0 { label } else { "" }, &text);
    }
}

fn render_subject(s: &Value, indent: usize, out: &mut String) {
    let types: Vec<&str> = s
        .get("types")
        .and_then(Value::as_array)
        .unwrap_or(&[])
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let who = match (field(s, "id"), types.is_empty()) {
        ("", _) => format!("(no id) {}", types.join(", ")),
        (id, true) => id.to_owned(),
        (id, false) => format!("{id} ({})", types.join(", ")),
    };
    line(out, indent, "subject:", &who);
    if let Some(a) = s.get("achievement") {
        let mut text = field(a, "name").to_owned();
        if !field(a, "achievementType").is_empty() {
            text.push_str(&format!(" [{}]", field(a, "achievementType")));
        }
        if !field(a, "id").is_empty() {
            text.push_str(&format!(" <{}>", field(a, "id")));
        }
        line(out, indent, "achievement:", &text);
        render_alignments(a.get("alignments"), "alignments:", indent, out);
    }
    if let Some(results) = s.get("results").and_then(Value::as_array) {
        line(out, indent, "results:", &results.len().to_string());
    }
    if let Some(e) = s.get("employer") {
        line(
            out,
            indent,
            "employer:",
            &format!("{} <{}>", field(e, "name"), field(e, "id")),
        );
    }
    if let Some(r) = s.get("role") {
        let mut text = field(r, "positionTitle").to_owned();
        let period = match (field(r, "startDate"), field(r, "endDate")) {
            ("", _) => String::new(),
            (start, "") => format!("{start} to now"),
            (start, end) => format!("{start} to {end}"),
        };
        let details: Vec<String> = [field(r, "employmentType").to_owned(), period]
            .into_iter()
            .chain(
                r.get("hoursPerWeek")
                    .and_then(Value::as_number)
                    .map(|h| format!("{h} h/week")),
            )
            .filter(|s| !s.is_empty())
            .collect();
        if !details.is_empty() {
            text.push_str(&format!(" ({})", details.join(", ")));
        }
        line(out, indent, "role:", &text);
        render_alignments(r.get("occupations"), "occupations:", indent, out);
        render_alignments(r.get("skills"), "skills:", indent, out);
    }
    line(out, indent, "endorsement:", field(s, "endorsementComment"));
    if let Some(credentials) = s.get("credentials").and_then(Value::as_array) {
        line(out, indent, "credentials:", &credentials.len().to_string());
        for c in credentials {
            out.push('\n');
            render_document(c, indent + 2, out);
        }
    }
}
