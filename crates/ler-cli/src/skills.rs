//! `ler skills …`: map text to taxonomy concepts, resolve alignments, build a skill profile
//! from credentials, match it against an occupation and rank occupations.
//!
//! Results are shown with the attribution their data requires: human output ends with a footer
//! (one line per framework shown); `--json` output carries no attribution in the JSON itself,
//! and prints the same lines on standard error instead, so the JSON stays a clean document.
//! Credentials are treated as unverified (the verifier is not wired into these commands yet),
//! and every output says so.

use std::io::Write;
use std::path::{Path, PathBuf};

use ler::model::json::{Number, Object, Value};
use ler::model::{Alignment, Credential};
use ler::skills::{
    AlignmentRef, Concept, ConceptKind, Coverage, EvidenceSource, ExtractOptions, FrameworkId,
    MapOptions, OccupationMatch, ProfileOptions, Resolution, SkillMapper, SkillProfile, Taxonomy,
    Verdict, keys,
};

use crate::Outcome;

/// Arguments of `ler skills`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Load the full taxonomy files from this directory (laid out like `shared/taxonomies`:
    /// `onet/`, `soc2018/`, `esco/`, `crosswalks/`) instead of the embedded compact copy.
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Map and show labels in this language (`fr`, ...): ESCO language exports placed beside
    /// the English files of --data (`esco/occupations_fr.csv`, `esco/skills_fr.csv`, same CSV
    /// layout as the English ones), or French embedded when built with the `lang-fr` feature.
    /// Only concepts with labels in it are found.
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,
    #[command(subcommand)]
    command: SkillsCommand,
}

/// How `profile`, `match` and `rank` verify the credentials they are given: the same flags as
/// `ler verify`.
#[derive(clap::Args, Clone)]
struct VerifyFlags {
    #[command(flatten)]
    verifier: crate::verify::VerifierFlags,
    /// Also count credentials whose verification was indeterminate (at half weight);
    /// invalid ones never count.
    #[arg(long)]
    include_unverified: bool,
}

#[derive(clap::Subcommand)]
enum SkillsCommand {
    /// Map a phrase to the best matching concepts, best first.
    Map {
        /// The phrase, e.g. "python programming" (or use --input).
        #[arg(required_unless_present = "input", conflicts_with = "input")]
        text: Option<String>,
        /// Batch mode: read one phrase a line (plain text, or a JSON object with "text" and
        /// an optional "id") from FILE, `-` for standard input; write one JSON object a line.
        #[arg(long, value_name = "FILE")]
        input: Option<PathBuf>,
        /// Only this framework.
        #[arg(long, value_enum)]
        framework: Option<FrameworkArg>,
        /// Only these kinds of concept (repeat the option for several).
        #[arg(long, value_enum)]
        kind: Vec<KindArg>,
        /// Most answers (scores do not depend on it).
        #[arg(long, default_value_t = 10)]
        top: usize,
        /// Print a JSON array of {"id","label","kind","framework","score"}.
        #[arg(long)]
        json: bool,
    },
    /// Find the concepts a text mentions (a paragraph, course description, job ad or CV line),
    /// with the span each comes from.
    Extract {
        /// The text (or use --input).
        #[arg(required_unless_present = "input", conflicts_with = "input")]
        text: Option<String>,
        /// Batch mode, as for `map`: one text a line in, one JSON object a line out.
        #[arg(long, value_name = "FILE")]
        input: Option<PathBuf>,
        /// Only this framework.
        #[arg(long, value_enum)]
        framework: Option<FrameworkArg>,
        /// Only these kinds of concept (repeatable). Default: skills, knowledge, technologies.
        #[arg(long, value_enum)]
        kind: Vec<KindArg>,
        /// Drop matches scoring below this.
        #[arg(long, default_value_t = 0.75)]
        min_score: f32,
        /// Most concepts per text (scores do not depend on it).
        #[arg(long, default_value_t = 50)]
        top: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Crosswalk a concept to another framework: ESCO occupations, O*NET-SOC and SOC 2018.
    Crosswalk {
        /// The concept: an ESCO URI, an O*NET-SOC code (15-1252.00) or a SOC code (15-1252).
        id: String,
        /// The framework to cross to (repeatable; default: every other framework).
        #[arg(long, value_enum)]
        to: Vec<FrameworkArg>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Resolve every alignment in a credential to a taxonomy concept.
    Resolve {
        /// The credential (JSON file).
        file: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Build the skill profile of one person from their credentials (verified first; only
    /// verified ones count unless --include-unverified).
    Profile {
        /// Credential files (JSON).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        verify: VerifyFlags,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Match the credentials' skill profile against one occupation.
    Match {
        /// The occupation: an ESCO occupation URI, an O*NET-SOC code (15-1252.00) or a SOC code.
        #[arg(long)]
        occupation: String,
        /// Credential files (JSON).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        verify: VerifyFlags,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Rank the occupations of a framework for the credentials' skill profile.
    Rank {
        /// Credential files (JSON).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        verify: VerifyFlags,
        /// Which occupations to rank.
        #[arg(long, value_enum, default_value = "onet")]
        framework: FrameworkArg,
        /// How many to show.
        #[arg(long, default_value_t = 10)]
        top: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FrameworkArg {
    Esco,
    Onet,
    Soc,
}

impl FrameworkArg {
    fn key(self) -> &'static str {
        match self {
            FrameworkArg::Esco => keys::ESCO,
            FrameworkArg::Onet => keys::ONET,
            FrameworkArg::Soc => keys::SOC,
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum KindArg {
    Skill,
    Knowledge,
    Ability,
    Occupation,
    Technology,
    /// O*NET generalized, intermediate and detailed work activities.
    WorkActivity,
    /// O*NET task statements.
    Task,
}

impl KindArg {
    fn kind(self) -> ConceptKind {
        match self {
            KindArg::Skill => ConceptKind::Skill,
            KindArg::Knowledge => ConceptKind::Knowledge,
            KindArg::Ability => ConceptKind::Ability,
            KindArg::Occupation => ConceptKind::Occupation,
            KindArg::Technology => ConceptKind::Technology,
            KindArg::WorkActivity => ConceptKind::WorkActivity,
            KindArg::Task => ConceptKind::Task,
        }
    }
}

pub(crate) fn run(args: &Args) -> Outcome {
    let loaded;
    let taxonomy: &Taxonomy = match &args.data {
        Some(dir) => match Taxonomy::load_dir(dir) {
            Ok(t) => {
                loaded = t;
                &loaded
            }
            Err(e) => {
                crate::common::print_error(
                    "skills",
                    format_args!("cannot load {}: {e}", dir.display()),
                );
                return Outcome::Unusable;
            }
        },
        None => match Taxonomy::embedded() {
            Ok(t) => t,
            Err(e) => {
                crate::common::print_error("skills", format_args!("{e}"));
                return Outcome::Unusable;
            }
        },
    };
    let lang = args.lang.as_deref().filter(|l| *l != "en");
    if let Some(lang) = lang
        && !taxonomy.languages().contains(&lang)
    {
        crate::common::print_error(
            "skills",
            format_args!(
                "no labels in {lang:?} are loaded; put ESCO's {lang} export beside the English \
                 files (esco/occupations_{lang}.csv, esco/skills_{lang}.csv) and pass --data DIR \
                 (French is embedded in builds with the lang-fr feature)"
            ),
        );
        return Outcome::Unusable;
    }
    let mapper = match lang {
        Some(lang) => SkillMapper::for_language(taxonomy, lang),
        None => SkillMapper::new(taxonomy),
    };
    // A concept's label in the chosen language, else its own.
    let shown_label = |c: Concept<'_>| -> String {
        lang.and_then(|l| c.label_in(l))
            .unwrap_or(c.label())
            .to_owned()
    };
    let mut out = String::new();
    let (json, shown) = match &args.command {
        SkillsCommand::Map {
            text,
            input,
            framework,
            kind,
            top,
            json,
        } => {
            let mut options = MapOptions::new().top(*top);
            match target_options(taxonomy, *framework, kind) {
                Ok(target) => {
                    options.framework = target.framework;
                    options.kinds = target.kinds;
                }
                Err(()) => return Outcome::Unusable,
            }
            if let Some(input) = input {
                return batch(taxonomy, input, |line| {
                    let hits = mapper.map(line, &options);
                    hits.iter()
                        .map(|h| {
                            let mut o = concept_json(h.concept);
                            o.insert("label", shown_label(h.concept));
                            o.insert("score", score(h.score));
                            o.insert("matchedLabel", h.label);
                            Value::Object(o)
                        })
                        .collect()
                });
            }
            let text = text.as_deref().unwrap_or_default();
            let hits = mapper.map(text, &options);
            let shown: Vec<FrameworkId> = hits.iter().map(|h| h.concept.framework_id()).collect();
            if *json {
                let items = hits
                    .iter()
                    .map(|h| {
                        let mut o = concept_json(h.concept);
                        o.insert("label", shown_label(h.concept));
                        o.insert("score", score(h.score));
                        Value::Object(o)
                    })
                    .collect();
                out = Value::Array(items).to_pretty_string() + "\n";
            } else if hits.is_empty() {
                out.push_str("no match\n");
            } else {
                for h in &hits {
                    out.push_str(&format!(
                        "{:.3}  {}  {}  [{} {}]",
                        h.score,
                        public_id(h.concept),
                        shown_label(h.concept),
                        framework_name(h.concept),
                        h.concept.kind()
                    ));
                    if h.label != shown_label(h.concept) {
                        out.push_str(&format!("  (as \"{}\")", h.label));
                    }
                    out.push('\n');
                }
            }
            (*json, shown)
        }
        SkillsCommand::Extract {
            text,
            input,
            framework,
            kind,
            min_score,
            top,
            json,
        } => {
            let kinds: Vec<KindArg> = if kind.is_empty() {
                vec![KindArg::Skill, KindArg::Knowledge, KindArg::Technology]
            } else {
                kind.clone()
            };
            let Ok(target) = target_options(taxonomy, *framework, &kinds) else {
                return Outcome::Unusable;
            };
            let options = ExtractOptions::new()
                .target(target)
                .min_score(*min_score)
                .top(*top);
            // One JSON form of a found concept, for JSON Lines and JSON output alike.
            let extracted_item = |e: &ler::skills::Extracted<'_>| {
                let mut o = extracted_json(e);
                o.insert("label", shown_label(e.concept));
                Value::Object(o)
            };
            if let Some(input) = input {
                return batch(taxonomy, input, |line| {
                    mapper
                        .extract(line, &options)
                        .iter()
                        .map(&extracted_item)
                        .collect()
                });
            }
            let text = text.as_deref().unwrap_or_default();
            let found = mapper.extract(text, &options);
            let shown: Vec<FrameworkId> = found.iter().map(|e| e.concept.framework_id()).collect();
            if *json {
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
                        shown_label(e.concept),
                        framework_name(e.concept),
                        e.concept.kind()
                    ));
                }
            }
            (*json, shown)
        }
        SkillsCommand::Crosswalk { id, to, json } => {
            let Some(concept) = find_concept(taxonomy, id) else {
                crate::common::print_error(
                    "skills",
                    format_args!("no concept {id} in the loaded taxonomy"),
                );
                return Outcome::Unusable;
            };
            let targets: Vec<FrameworkArg> = if to.is_empty() {
                vec![FrameworkArg::Esco, FrameworkArg::Onet, FrameworkArg::Soc]
            } else {
                to.clone()
            };
            let mut shown = vec![concept.framework_id()];
            let mut items = Vec::new();
            if !*json {
                out.push_str(&format!(
                    "{}  {}  [{} {}]\n",
                    public_id(concept),
                    concept.label(),
                    framework_name(concept),
                    concept.kind()
                ));
            }
            for target in targets {
                let Some(fw) = taxonomy.framework_by_key(target.key()) else {
                    continue;
                };
                if fw == concept.framework_id() {
                    continue;
                }
                for m in taxonomy.crosswalk(concept.id(), fw) {
                    shown.push(fw);
                    let key =
                        |f: FrameworkId| taxonomy.framework(f).map_or("?", |f| f.key.as_str());
                    let via = match m.via {
                        ler::skills::MatchVia::Chain { through } => format!("via {}", key(through)),
                        ler::skills::MatchVia::CodeStructure => "code structure".to_owned(),
                        ler::skills::MatchVia::Asserted { source, carry_over } => {
                            shown.push(source);
                            match carry_over {
                                Some(how) => format!("{}, {}", key(source), how.as_str()),
                                None => key(source).to_owned(),
                            }
                        }
                        _ => "same concept".to_owned(),
                    };
                    if *json {
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
            if *json {
                let mut root = Object::new();
                root.insert("concept", Value::Object(concept_json(concept)));
                root.insert("matches", Value::Array(items));
                out = Value::Object(root).to_pretty_string() + "\n";
            } else if shown.len() == 1 {
                out.push_str("  no crosswalk match\n");
            }
            (*json, shown)
        }
        SkillsCommand::Resolve { file, json } => {
            let credential = match read_credential(file) {
                Ok(c) => c,
                Err(()) => return Outcome::Unusable,
            };
            resolve(taxonomy, &credential, *json, &mut out)
        }
        SkillsCommand::Profile {
            files,
            verify,
            json,
        } => {
            let Ok(checked) = read_and_verify(files, verify) else {
                return Outcome::Unusable;
            };
            let profile = build_profile(&mapper, &checked);
            let shown = profile
                .entries()
                .iter()
                .map(|e| e.concept.framework_id())
                .collect();
            if *json {
                let mut root = profile_json(&profile);
                root.insert("excluded", excluded_json(&checked));
                out = Value::Object(root).to_pretty_string() + "\n";
            } else {
                render_profile(&profile, &mut out);
                render_excluded(&checked, &mut out);
            }
            (*json, shown)
        }
        SkillsCommand::Match {
            occupation,
            files,
            verify,
            json,
        } => {
            let Some(concept) = find_occupation(taxonomy, occupation) else {
                crate::common::print_error(
                    "skills",
                    format_args!("no occupation {occupation} in the loaded taxonomy"),
                );
                return Outcome::Unusable;
            };
            let Ok(checked) = read_and_verify(files, verify) else {
                return Outcome::Unusable;
            };
            let profile = build_profile(&mapper, &checked);
            let m = Coverage::new(&profile).match_occupation(concept);
            let shown = frameworks_of_match(&m);
            if *json {
                let mut root = match_json(&m, &profile, true);
                root.insert("excluded", excluded_json(&checked));
                out = Value::Object(root).to_pretty_string() + "\n";
            } else {
                render_match(&m, &profile, &mut out, true);
                render_excluded(&checked, &mut out);
            }
            (*json, shown)
        }
        SkillsCommand::Rank {
            files,
            verify,
            framework,
            top,
            json,
        } => {
            let Some(fw) = taxonomy.framework_by_key(framework.key()) else {
                crate::common::print_error(
                    "skills",
                    format_args!("framework {} is not loaded", framework.key()),
                );
                return Outcome::Unusable;
            };
            let Ok(checked) = read_and_verify(files, verify) else {
                return Outcome::Unusable;
            };
            let profile = build_profile(&mapper, &checked);
            let ranking = Coverage::new(&profile).rank(taxonomy, fw, *top);
            let shown: Vec<FrameworkId> = ranking.iter().flat_map(frameworks_of_match).collect();
            if *json {
                let items = ranking
                    .iter()
                    .map(|m| Value::Object(match_json(m, &profile, false)))
                    .collect();
                let mut root = Object::new();
                root.insert("ranking", Value::Array(items));
                root.insert("excluded", excluded_json(&checked));
                out = Value::Object(root).to_pretty_string() + "\n";
            } else {
                if ranking.is_empty() {
                    out.push_str("no occupation matches this profile\n");
                }
                for (i, m) in ranking.iter().enumerate() {
                    out.push_str(&format!("{:>3}. ", i + 1));
                    render_match(m, &profile, &mut out, false);
                }
                render_excluded(&checked, &mut out);
            }
            (*json, shown)
        }
    };
    let footer = attribution(taxonomy, &shown);
    let mut stdout = std::io::stdout().lock();
    // Skill names and descriptions come from credentials (and taxonomies): escaped for a
    // terminal, while JSON escapes control characters itself.
    let out = if json {
        out
    } else {
        crate::common::escape_terminal_lines(&out).into_owned()
    };
    // A closed pipe (`| head`) is not worth a panic.
    let _ = stdout.write_all(out.as_bytes());
    if json {
        for line in &footer {
            eprintln!("{line}");
        }
    } else {
        let mut tail = String::new();
        for line in &footer {
            tail.push_str(line);
            tail.push('\n');
        }
        let _ = stdout.write_all(tail.as_bytes());
    }
    Outcome::Valid
}

/// One attribution line per framework shown (and the crosswalk when used), in load order.
pub(crate) fn attribution(taxonomy: &Taxonomy, shown: &[FrameworkId]) -> Vec<String> {
    taxonomy
        .frameworks()
        .iter()
        .enumerate()
        .filter(|(i, _)| shown.iter().any(|f| f.index() == *i))
        .map(|(_, f)| format!("source: {}", f.attribution))
        .collect()
}

pub(crate) fn frameworks_of_match(m: &OccupationMatch<'_>) -> Vec<FrameworkId> {
    let mut out: Vec<FrameworkId> = m.occupation.iter().map(|o| o.framework_id()).collect();
    for r in &m.matched {
        out.push(r.requirement.concept.framework_id());
        out.push(r.by.framework_id());
    }
    out.extend(m.missing.iter().map(|r| r.concept.framework_id()));
    out
}

fn read_credential(path: &Path) -> Result<Credential, ()> {
    let max_bytes = ler::model::json::ParseOptions::default().max_bytes;
    let bytes = crate::common::read_input(path, max_bytes).map_err(|e| {
        crate::common::print_error(
            "skills",
            format_args!("cannot read {}: {e}", path.display()),
        );
    })?;
    Credential::from_slice(&bytes).map_err(|e| {
        crate::common::print_error("skills", format_args!("{}: {e}", path.display()));
    })
}

/// A credential read and verified, with what the profile does with it.
struct Checked {
    path: PathBuf,
    credential: Credential,
    /// The verdict given to the profile, or `None` when the credential is left out.
    counts_as: Option<Verdict>,
    /// The verifier's verdict and the ids of the checks that did not pass.
    verdict: ler::verifier::Verdict,
    failing: Vec<String>,
}

/// Reads and verifies every file as `ler verify` would; only verified credentials count,
/// unless `--include-unverified` lets indeterminate ones count at half weight.
fn read_and_verify(paths: &[PathBuf], flags: &VerifyFlags) -> Result<Vec<Checked>, ()> {
    let options = crate::verify::verifier_options(&flags.verifier)
        .map_err(|e| crate::common::print_error("skills", e))?;
    let mut texts = Vec::new();
    let mut credentials = Vec::new();
    for path in paths {
        let bytes =
            crate::common::read_input(path, options.limits.parse.max_bytes).map_err(|e| {
                crate::common::print_error(
                    "skills",
                    format_args!("cannot read {}: {e}", path.display()),
                );
            })?;
        let credential = Credential::from_slice(&bytes).map_err(|e| {
            crate::common::print_error("skills", format_args!("{}: {e}", path.display()));
        })?;
        texts.push(bytes);
        credentials.push((path.clone(), credential));
    }
    let reports = ler::verifier::verify_batch(&texts, &options);
    Ok(credentials
        .into_iter()
        .zip(reports)
        .map(|((path, credential), verification)| {
            let report = verification.into_parts().0;
            // Verified records count; indeterminate ones only when asked; invalid ones never.
            let counts_as = match report.verdict {
                Verdict::Verified => Some(Verdict::Verified),
                Verdict::Indeterminate if flags.include_unverified => Some(Verdict::Indeterminate),
                _ => None,
            };
            Checked {
                path,
                credential,
                counts_as,
                verdict: report.verdict,
                failing: report
                    .checks
                    .iter()
                    .filter(|c| {
                        c.outcome != ler::verifier::Outcome::Pass
                            && c.outcome != ler::verifier::Outcome::Skipped
                    })
                    .map(|c| format!("{} {}", c.id, c.outcome.name()))
                    .collect(),
            }
        })
        .collect())
}

fn build_profile<'t>(mapper: &SkillMapper<'t>, checked: &[Checked]) -> SkillProfile<'t> {
    SkillProfile::from_credentials(
        mapper,
        checked
            .iter()
            .filter_map(|c| Some((c.credential.view(), Some(c.counts_as?)))),
        &ProfileOptions::default(),
    )
}

fn render_excluded(checked: &[Checked], out: &mut String) {
    for c in checked.iter().filter(|c| c.counts_as.is_none()) {
        out.push_str(&format!(
            "excluded {}: {} ({})\n",
            c.path.display(),
            c.verdict.name(),
            if c.failing.is_empty() {
                "no check failed".to_owned()
            } else {
                c.failing.join(", ")
            }
        ));
    }
    let counted_unverified = checked
        .iter()
        .filter(|c| c.counts_as.is_some_and(|v| v != Verdict::Verified))
        .count();
    if counted_unverified > 0 {
        out.push_str(&format!(
            "note: {counted_unverified} credential(s) not verified count at half weight (--include-unverified)\n"
        ));
    }
}

fn excluded_json(checked: &[Checked]) -> Value {
    Value::Array(
        checked
            .iter()
            .filter(|c| c.counts_as.is_none())
            .map(|c| {
                let mut o = Object::new();
                o.insert("file", c.path.display().to_string());
                o.insert("verdict", c.verdict.name());
                o.insert(
                    "checks",
                    Value::Array(c.failing.iter().map(|f| Value::from(f.as_str())).collect()),
                );
                Value::Object(o)
            })
            .collect(),
    )
}

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
fn find_concept<'t>(taxonomy: &'t Taxonomy, id: &str) -> Option<Concept<'t>> {
    find_occupation(taxonomy, id)
}

fn find_occupation<'t>(taxonomy: &'t Taxonomy, id: &str) -> Option<Concept<'t>> {
    let normalised = id.replacen(
        "https://data.europa.eu/esco/",
        "http://data.europa.eu/esco/",
        1,
    );
    if let Some(c) = taxonomy.concept_by_id(&normalised) {
        return Some(c);
    }
    let alignment = AlignmentRef {
        target_code: Some(id),
        ..AlignmentRef::default()
    };
    match taxonomy.resolve(&alignment) {
        Resolution::Resolved { concept, .. } => Some(concept),
        _ => None,
    }
}

/// The identifier as the CLI shows it: ESCO URIs over `http`, codes as they are.
fn public_id(concept: Concept<'_>) -> String {
    concept.identifier().replacen(
        "https://data.europa.eu/esco/",
        "http://data.europa.eu/esco/",
        1,
    )
}

/// The framework as the `--framework` flag names it (`esco`, `onet`, `soc`), else its key.
pub(crate) fn framework_name(concept: Concept<'_>) -> &str {
    match concept.framework().key.as_str() {
        keys::SOC => "soc",
        other => other,
    }
}

fn score(value: f32) -> Value {
    let rounded = (f64::from(value) * 10_000.0).round() / 10_000.0;
    Number::from_f64(rounded).map_or(Value::Null, Value::Number)
}

fn concept_json(concept: Concept<'_>) -> Object {
    let mut o = Object::new();
    o.insert("id", public_id(concept));
    o.insert("label", concept.label());
    o.insert("kind", concept.kind().as_str());
    o.insert("framework", framework_name(concept));
    o
}

fn resolve(
    taxonomy: &Taxonomy,
    credential: &Credential,
    json: bool,
    out: &mut String,
) -> (bool, Vec<FrameworkId>) {
    let root = Value::Object(credential.as_object().clone());
    let mut shown = Vec::new();
    let mut items = Vec::new();
    for (pointer, value) in root.walk() {
        let Some(object) = value.as_object() else {
            continue;
        };
        let in_alignment_list = ["/alignment/", "/occupation/", "/skill/"].iter().any(|k| {
            pointer
                .rsplit_once('/')
                .is_some_and(|(head, _)| format!("{head}/").ends_with(k))
        });
        if !in_alignment_list {
            continue;
        }
        let alignment = Alignment::new(object);
        let reference = AlignmentRef::from(alignment);
        let mut o = Object::new();
        o.insert("pointer", pointer.as_str());
        if let Some(name) = reference.target_name {
            o.insert("targetName", name);
        }
        let line = match taxonomy.resolve(&reference) {
            Resolution::Resolved { concept, how } => {
                shown.push(concept.framework_id());
                let mut c = concept_json(concept);
                c.insert("resolvedBy", format!("{how:?}"));
                o.insert("concept", Value::Object(c));
                format!(
                    "{pointer}: {} {}  [{} {}]",
                    public_id(concept),
                    concept.label(),
                    framework_name(concept),
                    concept.kind()
                )
            }
            Resolution::External(external) => {
                o.insert("external", format!("{external:?}"));
                format!("{pointer}: external reference {external:?}")
            }
            Resolution::Unresolved(reason) => {
                o.insert("unresolved", reason.to_string());
                format!("{pointer}: unresolved: {reason}")
            }
            _ => format!("{pointer}: unresolved"),
        };
        items.push(Value::Object(o));
        out.push_str(&line);
        out.push('\n');
    }
    if json {
        *out = Value::Array(items).to_pretty_string() + "\n";
    } else if out.is_empty() {
        out.push_str("no alignments\n");
    }
    (json, shown)
}

fn evidence_line(e: &ler::skills::SkillEvidence) -> String {
    let mut parts = Vec::new();
    parts.push(
        if e.is_verified() {
            "verified"
        } else {
            "UNVERIFIED"
        }
        .to_owned(),
    );
    if let Some(name) = &e.credential_name {
        parts.push(format!("\"{name}\""));
    }
    if let Some(issuer) = e.issuer_name.as_ref().or(e.issuer_id.as_ref()) {
        parts.push(format!("by {issuer}"));
    }
    if let Some(date) = &e.date {
        parts.push(date.clone());
    }
    if let Some(hours) = &e.hours {
        parts.push(format!("{hours} h").replace(" h/week h", " h/week"));
    }
    if let Some(result) = &e.result {
        parts.push(format!("result {result}"));
    }
    match &e.source {
        EvidenceSource::Alignment { .. } => parts.push("from an alignment".to_owned()),
        EvidenceSource::Text { text, score } => {
            parts.push(format!("from text \"{text}\" ({score:.2})"));
        }
        _ => {}
    }
    parts.join(", ")
}

fn render_profile(profile: &SkillProfile<'_>, out: &mut String) {
    out.push_str(&format!(
        "{} credentials, {} concepts\n",
        profile.credential_count(),
        profile.entries().len()
    ));
    for e in profile.entries() {
        out.push_str(&format!(
            "{:.2}  {}  {}  [{} {}]\n",
            e.strength(),
            public_id(e.concept),
            e.concept.label(),
            framework_name(e.concept),
            e.concept.kind()
        ));
        for ev in e.evidence.iter().take(5) {
            out.push_str(&format!("      {}\n", evidence_line(ev)));
        }
    }
    for u in profile.unresolved() {
        out.push_str(&format!(
            "unresolved alignment {}: {}\n",
            u.target
                .as_deref()
                .or(u.target_name.as_deref())
                .unwrap_or("?"),
            u.reason
        ));
    }
}

fn profile_json(profile: &SkillProfile<'_>) -> Object {
    let mut root = Object::new();
    root.insert(
        "credentials",
        Value::Number(Number::from(profile.credential_count() as u64)),
    );
    let entries = profile
        .entries()
        .iter()
        .map(|e| {
            let mut o = concept_json(e.concept);
            o.insert("strength", score(e.strength()));
            o.insert("verified", e.is_verified());
            let evidence = e
                .evidence
                .iter()
                .map(|ev| {
                    let mut x = Object::new();
                    let mut put = |k: &str, v: &Option<String>| {
                        if let Some(v) = v {
                            x.insert(k, v.as_str());
                        }
                    };
                    put("credential", &ev.credential_id);
                    put("name", &ev.credential_name);
                    put("issuer", &ev.issuer_id);
                    put("issuerName", &ev.issuer_name);
                    put("date", &ev.date);
                    put("hours", &ev.hours);
                    put("result", &ev.result);
                    x.insert("verdict", ev.verdict_name());
                    match &ev.source {
                        EvidenceSource::Alignment { .. } => {
                            x.insert("source", "alignment");
                        }
                        EvidenceSource::Text { text, score: s } => {
                            x.insert("source", "text");
                            x.insert("text", text.as_str());
                            x.insert("textScore", score(*s));
                        }
                        _ => {}
                    }
                    x.insert("confidence", score(ev.confidence));
                    x.insert("strength", score(ev.strength));
                    Value::Object(x)
                })
                .collect();
            o.insert("evidence", Value::Array(evidence));
            Value::Object(o)
        })
        .collect();
    root.insert("skills", Value::Array(entries));
    let unresolved = profile
        .unresolved()
        .iter()
        .map(|u| {
            let mut o = Object::new();
            if let Some(t) = &u.target {
                o.insert("target", t.as_str());
            }
            o.insert("reason", u.reason.as_str());
            Value::Object(o)
        })
        .collect();
    root.insert("unresolved", Value::Array(unresolved));
    root
}

/// The name of the credential that gave a profile concept its strongest evidence.
pub(crate) fn credential_of<'p>(
    profile: &'p SkillProfile<'_>,
    concept: Concept<'_>,
) -> Option<&'p str> {
    let evidence = profile.entry(concept.id())?.evidence.first()?;
    evidence
        .credential_name
        .as_deref()
        .or(evidence.credential_id.as_deref())
}

/// One line explaining a ranked occupation: the strongest requirements met (with the
/// credential each comes from) and the most important ones missing.
pub(crate) fn explain_line(
    m: &OccupationMatch<'_>,
    profile: &SkillProfile<'_>,
    items: usize,
) -> String {
    let met: Vec<String> = m
        .matched
        .iter()
        .take(items)
        .map(|r| match credential_of(profile, r.by) {
            Some(c) => format!("\"{}\" ({c})", r.requirement.concept.label()),
            None => format!("\"{}\"", r.requirement.concept.label()),
        })
        .collect();
    let missing: Vec<String> = m
        .missing
        .iter()
        .take(items)
        .map(|r| format!("\"{}\"", r.concept.label()))
        .collect();
    let mut line = String::new();
    if !met.is_empty() {
        line.push_str(&format!("met {}", met.join(", ")));
    }
    if !missing.is_empty() {
        if !line.is_empty() {
            line.push_str("; ");
        }
        line.push_str(&format!("missing {}", missing.join(", ")));
    }
    line
}

fn render_match(
    m: &OccupationMatch<'_>,
    profile: &SkillProfile<'_>,
    out: &mut String,
    detail: bool,
) {
    if let Some(o) = m.occupation {
        out.push_str(&format!(
            "{:.3}  {}  {}\n",
            m.score,
            public_id(o),
            o.label()
        ));
    }
    if let Some((by, path, credit)) = &m.experience {
        out.push_str(&format!(
            "      experience: {} {} ({}, {credit:.2}{})\n",
            public_id(*by),
            by.label(),
            path.as_str(),
            credential_of(profile, *by).map_or(String::new(), |c| format!(", from \"{c}\""))
        ));
    }
    let limit = if detail { usize::MAX } else { 3 };
    for r in m.matched.iter().take(limit) {
        out.push_str(&format!(
            "      matched {} \"{}\" by \"{}\" ({}, {:.2}{}{}{})\n",
            r.requirement.level.as_str(),
            r.requirement.concept.label(),
            r.by.label(),
            r.path.as_str(),
            r.credit,
            if r.verified {
                ", verified"
            } else {
                ", UNVERIFIED"
            },
            credential_of(profile, r.by).map_or(String::new(), |c| format!(", from \"{c}\"")),
            r.requirement
                .via
                .map_or(String::new(), |v| format!(", via {}", v.label()))
        ));
    }
    if detail {
        for r in &m.missing {
            out.push_str(&format!(
                "      missing {} \"{}\"\n",
                r.level.as_str(),
                r.concept.label()
            ));
        }
    } else {
        out.push_str(&format!(
            "      {} matched, {} missing (most important: {})\n",
            m.matched.len(),
            m.missing.len(),
            m.missing
                .iter()
                .take(3)
                .map(|r| format!("\"{}\"", r.concept.label()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
}

fn match_json(m: &OccupationMatch<'_>, profile: &SkillProfile<'_>, with_missing: bool) -> Object {
    let mut root = Object::new();
    if let Some(o) = m.occupation {
        root.insert("occupation", Value::Object(concept_json(o)));
    }
    root.insert("score", score(m.score));
    if let Some((by, path, credit)) = &m.experience {
        let mut e = concept_json(*by);
        e.insert("path", path.as_str());
        e.insert("credit", score(*credit));
        root.insert("experience", Value::Object(e));
    }
    let matched = m
        .matched
        .iter()
        .map(|r| {
            let mut o = concept_json(r.requirement.concept);
            o.insert("level", r.requirement.level.as_str());
            o.insert("by", Value::Object(concept_json(r.by)));
            o.insert("path", r.path.as_str());
            o.insert("credit", score(r.credit));
            o.insert("weight", score(r.requirement.weight));
            o.insert("verified", r.verified);
            if let Some(c) = credential_of(profile, r.by) {
                o.insert("credential", c);
            }
            if let Some(via) = r.requirement.via {
                o.insert("via", Value::Object(concept_json(via)));
            }
            Value::Object(o)
        })
        .collect();
    root.insert("matched", Value::Array(matched));
    if with_missing {
        let missing = m
            .missing
            .iter()
            .map(|r| {
                let mut o = concept_json(r.concept);
                o.insert("level", r.level.as_str());
                Value::Object(o)
            })
            .collect();
        root.insert("missing", Value::Array(missing));
    } else {
        root.insert(
            "missingCount",
            Value::Number(Number::from(m.missing.len() as u64)),
        );
    }
    root
}
