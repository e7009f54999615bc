//! `ler skills …`: map text to taxonomy concepts, find the concepts a paragraph mentions,
//! follow crosswalks, resolve alignments, build a skill profile from verified credentials, match
//! it against an occupation and rank occupations.
//!
//! Results are shown with the attribution their data requires: human output ends with a footer
//! (one line per framework shown); `--json` output carries no attribution in the JSON itself,
//! and prints the same lines on standard error instead, so the JSON stays a clean document.
//! `profile`, `match` and `rank` verify the credentials they are given (the flags of
//! `ler verify`); only verified ones count unless `--include-unverified`, and the output names
//! the ones left out and why.
//!
//! The commands on text and identifiers live in `lookup`, those on credentials in `records`,
//! the JSON and text forms they share in `render`.

mod lookup;
mod records;
mod render;

use std::io::Write;
use std::path::PathBuf;

use ler::skills::{ConceptKind, FrameworkId, SkillMapper, Taxonomy, keys};

use crate::Outcome;
pub(crate) use render::{attribution, explain_line, framework_name, frameworks_of_match};

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
pub(super) struct VerifyFlags {
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
pub(super) enum FrameworkArg {
    Esco,
    Onet,
    Soc,
}

impl FrameworkArg {
    pub(super) fn key(self) -> &'static str {
        match self {
            FrameworkArg::Esco => keys::ESCO,
            FrameworkArg::Onet => keys::ONET,
            FrameworkArg::Soc => keys::SOC,
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub(super) enum KindArg {
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
    pub(super) fn kind(self) -> ConceptKind {
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

/// What a command leaves to print: its text (or JSON), and the frameworks it showed, whose
/// attribution follows.
struct Printed {
    text: String,
    json: bool,
    shown: Vec<FrameworkId>,
}

/// How a command ended: with something to print, or already done (batch mode writes its own
/// lines; an error was printed).
enum Answer {
    Print(Printed),
    Done(Outcome),
}

/// The loaded taxonomy and the mapper for the chosen language, as every command uses them.
struct Session<'t> {
    taxonomy: &'t Taxonomy,
    mapper: SkillMapper<'t>,
    lang: Option<&'t str>,
}

impl Session<'_> {
    /// A concept's label in the chosen language, else its own.
    fn shown_label(&self, concept: ler::skills::Concept<'_>) -> String {
        self.lang
            .and_then(|l| concept.label_in(l))
            .unwrap_or(concept.label())
            .to_owned()
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
    let session = Session {
        taxonomy,
        mapper: match lang {
            Some(lang) => SkillMapper::for_language(taxonomy, lang),
            None => SkillMapper::new(taxonomy),
        },
        lang,
    };
    let answer = match &args.command {
        SkillsCommand::Map {
            text,
            input,
            framework,
            kind,
            top,
            json,
        } => lookup::map(
            &session,
            text.as_deref(),
            input.as_deref(),
            *framework,
            kind,
            *top,
            *json,
        ),
        SkillsCommand::Extract {
            text,
            input,
            framework,
            kind,
            min_score,
            top,
            json,
        } => lookup::extract(
            &session,
            text.as_deref(),
            input.as_deref(),
            *framework,
            kind,
            (*min_score, *top),
            *json,
        ),
        SkillsCommand::Crosswalk { id, to, json } => lookup::crosswalk(&session, id, to, *json),
        SkillsCommand::Resolve { file, json } => records::resolve_alignments(&session, file, *json),
        SkillsCommand::Profile {
            files,
            verify,
            json,
        } => records::profile(&session, files, verify, *json),
        SkillsCommand::Match {
            occupation,
            files,
            verify,
            json,
        } => records::match_occupation(&session, occupation, files, verify, *json),
        SkillsCommand::Rank {
            files,
            verify,
            framework,
            top,
            json,
        } => records::rank(&session, files, verify, *framework, *top, *json),
    };
    match answer {
        Answer::Print(printed) => print(taxonomy, printed),
        Answer::Done(outcome) => outcome,
    }
}

/// Writes a command's output and the attribution of the frameworks it showed.
fn print(taxonomy: &Taxonomy, printed: Printed) -> Outcome {
    let Printed { text, json, shown } = printed;
    let footer = attribution(taxonomy, &shown);
    let mut stdout = std::io::stdout().lock();
    // Skill names and descriptions come from credentials (and taxonomies): escaped for a
    // terminal, while JSON escapes control characters itself.
    let text = if json {
        text
    } else {
        crate::common::escape_terminal_lines(&text).into_owned()
    };
    // A closed pipe (`| head`) is not worth a panic.
    let _ = stdout.write_all(text.as_bytes());
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
