//! The commands on text and identifiers: `map`, `extract` (each also in batch mode) and
//! `crosswalk`.

use std::io::Write as _;
use std::path::Path;

use ler::model::json::{Number, Object, Value};
use ler::skills::{
    Concept, ConceptKind, ExtractOptions, Extracted, FrameworkId, MapOptions, MappedConcept,
    MatchVia, Taxonomy, keys,
};

use super::records::find_occupation;
use super::render::{attribution, concept_json, framework_name, public_id, score};
use super::{Answer, FrameworkArg, KindArg, Printed, Session};
use crate::Outcome;

/// The framework and kinds of `--framework` and `--kind`.
fn target_options(
    taxonomy: &Taxonomy,
    framework: Option<FrameworkArg>,
    kinds: &[KindArg],
) -> Result<MapOptions, ()> {
    let mut options = MapOptions::new();
    if let Some(f) = framework {
        match taxonomy.framework_by_key(f.key()) {
            Some(id) => options = options.framework(id),
            None => {
                crate::common::print_error(
                    "skills",
                    format_args!("framework {} is not loaded", f.key()),
                );
                return Err(());
            }
        }
    }
    let kinds: Vec<ConceptKind> = kinds.iter().map(|k| k.kind()).collect();
    Ok(options.kinds(&kinds))
}

/// Longest input line read in batch mode; longer lines are reported, not read whole.
const MAX_LINE: usize = 64 * 1024;

/// Batch mode: one phrase a line (plain, or `{"text": …, "id": …}`) from `input` (`-`:
/// standard input), one JSON object a line to standard output, written as it goes, so memory
/// stays flat however long the input. Attribution goes to standard error at the end.
fn batch(taxonomy: &Taxonomy, input: &Path, mut answer: impl FnMut(&str) -> Vec<Value>) -> Outcome {
    use std::io::BufRead;
    let mut reader: Box<dyn BufRead> = if input.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        match std::fs::File::open(input) {
            Ok(f) => Box::new(std::io::BufReader::new(f)),
            Err(e) => {
                crate::common::print_error(
                    "skills",
                    format_args!("cannot read {}: {e}", input.display()),
                );
                return Outcome::Unusable;
            }
        }
    };
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let mut shown: Vec<FrameworkId> = Vec::new();
    let mut line = Vec::new();
    let mut number = 0u64;
    let mut outcome = Outcome::Valid;
    loop {
        line.clear();
        // Read at most MAX_LINE + 1 bytes of the line; skip the rest of an overlong line.
        let read = match std::io::Read::take(&mut reader, MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut line)
        {
            Ok(n) => n,
            Err(e) => {
                crate::common::print_error("skills", format_args!("{}: {e}", input.display()));
                return Outcome::Unusable;
            }
        };
        if read == 0 {
            break;
        }
        number += 1;
        let mut o = Object::new();
        o.insert("line", Value::Number(Number::from(number)));
        if line.len() > MAX_LINE && line.last() != Some(&b'\n') {
            let mut rest = Vec::new();
            let _ = reader.read_until(b'\n', &mut rest);
            o.insert(
                "error",
                format!("line longer than {MAX_LINE} bytes; skipped"),
            );
            outcome = Outcome::Invalid;
        } else {
            let text = String::from_utf8_lossy(&line);
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            let phrase = if text.starts_with('{') {
                match ler::model::json::parse(text.as_bytes()) {
                    Ok(Value::Object(obj)) => {
                        if let Some(id) = obj.get("id") {
                            o.insert("id", id.clone());
                        }
                        match obj
                            .get("text")
                            .or_else(|| obj.get("phrase"))
                            .and_then(Value::as_str)
                        {
                            Some(t) => Some(t.to_owned()),
                            None => {
                                o.insert("error", "no string \"text\" member");
                                None
                            }
                        }
                    }
                    _ => {
                        o.insert("error", "not a JSON object");
                        None
                    }
                }
            } else {
                Some(text.to_owned())
            };
            match phrase {
                Some(p) => {
                    let results = answer(&p);
                    for r in &results {
                        if let Some(f) = r
                            .as_object()
                            .and_then(|x| x.get("framework"))
                            .and_then(Value::as_str)
                        {
                            let key = if f == "soc" { keys::SOC } else { f };
                            if let Some(id) = taxonomy.framework_by_key(key)
                                && !shown.contains(&id)
                            {
                                shown.push(id);
                            }
                        }
                    }
                    o.insert("text", p);
                    o.insert("results", Value::Array(results));
                }
                None => outcome = Outcome::Invalid,
            }
        }
        let mut text = Value::Object(o).to_string();
        text.push('\n');
        if stdout.write_all(text.as_bytes()).is_err() {
            // A closed pipe: stop quietly.
            return outcome;
        }
    }
    let _ = stdout.flush();
    for line in attribution(taxonomy, &shown) {
        eprintln!("{line}");
    }
    outcome
}

fn extracted_json(e: &ler::skills::Extracted<'_>) -> Object {
    let mut o = concept_json(e.concept);
    o.insert("score", score(e.score));
    o.insert("text", e.text.as_str());
    o.insert("start", Value::Number(Number::from(e.span.start as u64)));
    o.insert("end", Value::Number(Number::from(e.span.end as u64)));
    o.insert("clause", Value::Number(Number::from(e.clause as u64)));
    o.insert("matchedLabel", e.label);
    o
}

/// Any concept by identifier, code or alignment-style reference.
pub(super) fn find_concept<'t>(taxonomy: &'t Taxonomy, id: &str) -> Option<Concept<'t>> {
    find_occupation(taxonomy, id)
}

/// `ler skills map`: the best matching concepts for a phrase, or for each line of `input`.
pub(super) fn map(
    session: &Session<'_>,
    text: Option<&str>,
    input: Option<&Path>,
    framework: Option<FrameworkArg>,
    kind: &[KindArg],
    top: usize,
    json: bool,
) -> Answer {
    let Ok(target) = target_options(session.taxonomy, framework, kind) else {
        return Answer::Done(Outcome::Unusable);
    };
    let options = target.top(top);
    let hit_json = |h: &MappedConcept<'_>| {
        let mut o = concept_json(h.concept);
        o.insert("label", session.shown_label(h.concept));
        o.insert("score", score(h.score));
        o
    };
    if let Some(input) = input {
        return Answer::Done(batch(session.taxonomy, input, |line| {
            session
                .mapper
                .map(line, &options)
                .iter()
                .map(|h| {
                    let mut o = hit_json(h);
                    o.insert("matchedLabel", h.label);
                    Value::Object(o)
                })
                .collect()
        }));
    }
    let hits = session.mapper.map(text.unwrap_or_default(), &options);
    let shown = hits.iter().map(|h| h.concept.framework_id()).collect();
    let mut out = String::new();
    if json {
        let items = hits.iter().map(|h| Value::Object(hit_json(h))).collect();
        out = Value::Array(items).to_pretty_string() + "\n";
    } else if hits.is_empty() {
        out.push_str("no match\n");
    } else {
        for h in &hits {
            let label = session.shown_label(h.concept);
            out.push_str(&format!(
                "{:.3}  {}  {label}  [{} {}]",
                h.score,
                public_id(h.concept),
                framework_name(h.concept),
                h.concept.kind()
            ));
            if h.label != label {
                out.push_str(&format!("  (as \"{}\")", h.label));
            }
            out.push('\n');
        }
    }
    Answer::Print(Printed {
        text: out,
        json,
        shown,
    })
}

/// `ler skills extract`: the concepts a paragraph mentions, with their spans, or those of each
/// line of `input`. `limits` is `(min_score, top)`.
pub(super) fn extract(
    session: &Session<'_>,
    text: Option<&str>,
    input: Option<&Path>,
    framework: Option<FrameworkArg>,
    kind: &[KindArg],
    (min_score, top): (f32, usize),
    json: bool,
) -> Answer {
    let default_kinds = [KindArg::Skill, KindArg::Knowledge, KindArg::Technology];
    let kinds = if kind.is_empty() {
        &default_kinds
    } else {
        kind
    };
    let Ok(target) = target_options(session.taxonomy, framework, kinds) else {
        return Answer::Done(Outcome::Unusable);
    };
    let options = ExtractOptions::new()
        .target(target)
        .min_score(min_score)
        .top(top);
    // One JSON form of a found concept, for JSON Lines and JSON output alike.
    let extracted_item = |e: &Extracted<'_>| {
        let mut o = extracted_json(e);
        o.insert("label", session.shown_label(e.concept));
        Value::Object(o)
    };
    if let Some(input) = input {
        return Answer::Done(batch(session.taxonomy, input, |line| {
            session
                .mapper
                .extract(line, &options)
                .iter()
                .map(&extracted_item)
                .collect()
        }));
    }
    let found = session.mapper.extract(text.unwrap_or_default(), &options);
    let shown = found.iter().map(|e| e.concept.framework_id()).collect();
    let mut out = String::new();
    if json {
        let items = found.iter().map(&extracted_item).collect();
        out = Value::Array(items).to_pretty_string() + "\n";
    } else if found.is_empty() {
        out.push_str("nothing found\n");
    } else {
        for e in &found {
            out.push_str(&format!(
                "{:.3}  \"{}\" [{}..{}]  {}  {}  [{} {}]\n",
                e.score,
                e.text,
                e.span.start,
                e.span.end,
                public_id(e.concept),
                session.shown_label(e.concept),
                framework_name(e.concept),
                e.concept.kind()
            ));
        }
    }
    Answer::Print(Printed {
        text: out,
        json,
        shown,
    })
}

/// `ler skills crosswalk`: the concepts of other frameworks a concept corresponds to, and how.
pub(super) fn crosswalk(
    session: &Session<'_>,
    id: &str,
    to: &[FrameworkArg],
    json: bool,
) -> Answer {
    let taxonomy = session.taxonomy;
    let Some(concept) = find_concept(taxonomy, id) else {
        crate::common::print_error(
            "skills",
            format_args!("no concept {id} in the loaded taxonomy"),
        );
        return Answer::Done(Outcome::Unusable);
    };
    let all = [FrameworkArg::Esco, FrameworkArg::Onet, FrameworkArg::Soc];
    let targets = if to.is_empty() { &all } else { to };
    let mut shown = vec![concept.framework_id()];
    let mut items = Vec::new();
    let mut out = String::new();
    if !json {
        out.push_str(&format!(
            "{}  {}  [{} {}]\n",
            public_id(concept),
            concept.label(),
            framework_name(concept),
            concept.kind()
        ));
    }
    let key = |f: FrameworkId| taxonomy.framework(f).map_or("?", |f| f.key.as_str());
    for target in targets {
        let Some(fw) = taxonomy.framework_by_key(target.key()) else {
            continue;
        };
        if fw == concept.framework_id() {
            continue;
        }
        for m in taxonomy.crosswalk(concept.id(), fw) {
            shown.push(fw);
            let via = match m.via {
                MatchVia::Chain { through } => format!("via {}", key(through)),
                MatchVia::CodeStructure => "code structure".to_owned(),
                MatchVia::Asserted { source, carry_over } => {
                    shown.push(source);
                    match carry_over {
                        Some(how) => format!("{}, {}", key(source), how.as_str()),
                        None => key(source).to_owned(),
                    }
                }
                _ => "same concept".to_owned(),
            };
            if json {
                let mut o = concept_json(m.concept);
                o.insert("match", m.kind.as_str());
                o.insert("via", via.as_str());
                items.push(Value::Object(o));
            } else {
                out.push_str(&format!(
                    "  {:<7} {}  {}  [{}] ({via})\n",
                    m.kind.as_str(),
                    public_id(m.concept),
                    m.concept.label(),
                    framework_name(m.concept)
                ));
            }
        }
    }
    if json {
        let mut root = Object::new();
        root.insert("concept", Value::Object(concept_json(concept)));
        root.insert("matches", Value::Array(items));
        out = Value::Object(root).to_pretty_string() + "\n";
    } else if shown.len() == 1 {
        out.push_str("  no crosswalk match\n");
    }
    Answer::Print(Printed {
        text: out,
        json,
        shown,
    })
}
