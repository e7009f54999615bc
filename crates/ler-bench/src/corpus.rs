//! The corpus generator (`ler bench corpus`): signed LERs of four kinds from several `did:key`
//! issuers, a share of them tampered with or revoked, written as they are made (constant memory
//! whatever `n` is).

use std::fmt;

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use ler::microcredential::{
    EuMicroCredential, Issuer, ParticipationForm, Skill, UsMicroCredential,
};
use ler::model::EmploymentType;
use ler::model::builder::{
    AchievementCredentialBuilder, ClrCredentialBuilder, EmploymentRecordBuilder, NewAchievement,
    NewAlignment, NewAssociation, NewProfile, NewResult, NewResultDescription, NewRole,
};
use ler::model::json::{Object, Value};
use ler::proof::di::{self, Cryptosuite, ProofOptions};
use ler::proof::{Ed25519KeyPair, Ed25519Signer};
use ler::verifier::status::{
    MIN_ENTRIES, StatusList, StatusListCredential, StatusPurpose, add_status_entry,
};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::rng::Rng;
use crate::BenchError;

/// The corpus format, written in `corpus.json`; the harness refuses others.
pub const FORMAT: &str = "ler-bench-corpus/1";
/// How many issuers sign the corpus.
const ISSUERS: usize = 8;
/// Every document's `validFrom` and proof `created`: fixed, so the bytes never depend on the
/// clock.
const ISSUED: &str = "2026-01-15T09:00:00Z";
/// The verification time the manifest's verdicts hold for (after the documents' fixed issuance
/// time, before any expiry).
pub const VERIFY_AT: &str = "2026-06-01T00:00:00Z";
/// What a corpus folder holds, written beside it for whoever receives the folder.
const README: &str = "# A ler benchmark corpus

Written by `ler bench corpus`; the settings that made it are in `corpus.json` (the same settings
and seed give the same bytes). Verify it, checking every verdict, with
`ler bench verify <this folder> [--jobs N] [--no-batch] [--json]`.

- `corpus.jsonl`: every document, one per line.
- `manifest.jsonl`: one line per document, in the same order: `file`, `kind`, `suite`, `size`,
  `bytes`, `issuer`, `expected` verdict (`verified` or `invalid`), `failing_check` (the check id
  expected to fail: `proof.signature` for documents changed after signing, `status.revocation`
  for revoked ones) and `why`.
- `corpus.json`: settings, the verification time the verdicts hold for (`verify_at`), issuers
  (`did:key`), status lists (URL and file) and counts.
- `documents/`: each document as a file (absent with `--jsonl-only`).
- `status/`: the issuers' signed Bitstring Status List credentials (when documents carry status).
";

/// Documents per folder under `documents/`.
const PER_FOLDER: usize = 1000;

/// The kinds of document in a corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Open Badges 3.0 `OpenBadgeCredential`.
    Ob3,
    /// US workforce micro-credential.
    MicroUs,
    /// EU micro-credential.
    MicroEu,
    /// CLR 2.0 `ClrCredential` embedding signed OB 3.0 credentials.
    Clr,
    /// Employment record.
    Employment,
}

impl Kind {
    /// Every kind, in the order of [`CorpusCounts::by_kind`].
    pub const ALL: [Kind; 5] = [
        Kind::Ob3,
        Kind::MicroUs,
        Kind::MicroEu,
        Kind::Clr,
        Kind::Employment,
    ];

    /// The name in the manifest and in `--kinds`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Ob3 => "ob3",
            Kind::MicroUs => "microcredential-us",
            Kind::MicroEu => "microcredential-eu",
            Kind::Clr => "clr2",
            Kind::Employment => "employment",
        }
    }

    /// The kind of a [`name`](Self::name), if any.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The kinds of a comma-separated list of names (as `--kinds` takes them).
    ///
    /// # Errors
    ///
    /// [`BenchError::InvalidSettings`] naming the first unknown kind.
    pub fn parse_list<S: AsRef<str>>(names: &[S]) -> Result<Vec<Kind>, BenchError> {
        names
            .iter()
            .map(|name| {
                let name = name.as_ref();
                Kind::from_name(name.trim()).ok_or_else(|| {
                    let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                    BenchError::InvalidSettings(format!(
                        "--kinds: unknown kind `{name}` ({})",
                        names.join(", ")
                    ))
                })
            })
            .collect()
    }

    /// One of `only` drawn uniformly; when `only` is empty, every kind in the standard shares,
    /// in percent: OB 3.0 35, micro-credentials 25 (US 13, EU 12), CLR 15, employment 25.
    fn draw(rng: &mut Rng, only: &[Kind]) -> Kind {
        if !only.is_empty() {
            let pick = usize::try_from(rng.below(only.len() as u64)).unwrap_or(0);
            return only.get(pick).copied().unwrap_or(Kind::Ob3);
        }
        match rng.below(100) {
            0..35 => Kind::Ob3,
            35..48 => Kind::MicroUs,
            48..60 => Kind::MicroEu,
            60..75 => Kind::Clr,
            _ => Kind::Employment,
        }
    }
}

/// How large the generated documents are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DocumentSize {
    /// About 1.6 to 5.6 kB (an achievement with a few alignments, a CLR of two credentials).
    #[default]
    Small,
    /// About 5 to 18 kB (50 alignments and 20 results, a CLR of eight credentials).
    Large,
    /// Each document small (80%) or large (20%), drawn from the seed.
    Mixed,
}

impl DocumentSize {
    /// The name in `corpus.json` and in `--size`.
    pub fn name(self) -> &'static str {
        match self {
            DocumentSize::Small => "small",
            DocumentSize::Large => "large",
            DocumentSize::Mixed => "mixed",
        }
    }
}

/// What [`write_corpus`] makes: the same settings give the same bytes.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct CorpusSettings {
    /// The folder to write (created; files already there with the same names are replaced).
    pub out: PathBuf,
    /// How many documents.
    pub n: usize,
    /// The seed (default 1).
    pub seed: u64,
    /// Cryptosuite weights (default `jcs=50,rdfc=50`; see [`parse_mix`]).
    pub mix: Vec<(Cryptosuite, u64)>,
    /// Document sizes (default small).
    pub size: DocumentSize,
    /// Percentage of documents tampered with after signing (default 5).
    pub invalid: f64,
    /// Percentage of documents revoked in their issuer's status list (default 5). When above 0,
    /// every document carries a status entry.
    pub revoked: f64,
    /// Write only `corpus.jsonl` and the manifest, not one file per document (default false).
    pub jsonl_only: bool,
    /// Only these kinds, equally often; empty (the default) for every kind in the standard
    /// shares (OB 3.0 35%, micro-credentials 25%, CLR 15%, employment 25%).
    pub kinds: Vec<Kind>,
}

impl CorpusSettings {
    /// `n` documents into `out`, every other setting at its default.
    pub fn new(out: impl Into<PathBuf>, n: usize) -> Self {
        CorpusSettings {
            out: out.into(),
            n,
            seed: 1,
            mix: vec![
                (Cryptosuite::EddsaJcs2022, 50),
                (Cryptosuite::EddsaRdfc2022, 50),
            ],
            size: DocumentSize::Small,
            invalid: 5.0,
            revoked: 5.0,
            jsonl_only: false,
            kinds: Vec::new(),
        }
    }
}

/// What the verifier must say about a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    Verified,
    Tampered,
    Revoked,
}

/// The cryptosuite weights of `--mix`, such as `jcs=50,rdfc=50` (suites `jcs` or
/// `eddsa-jcs-2022`, `rdfc` or `eddsa-rdfc-2022`).
///
/// # Errors
///
/// [`BenchError::InvalidSettings`] for a part that is not `SUITE=WEIGHT`, an unknown suite, a
/// suite given twice, or weights that add up to 0.
pub fn parse_mix(text: &str) -> Result<Vec<(Cryptosuite, u64)>, BenchError> {
    let invalid = |message: String| BenchError::InvalidSettings(message);
    let mut mix = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, weight) = part
            .split_once('=')
            .ok_or_else(|| invalid(format!("--mix: `{part}` is not SUITE=WEIGHT")))?;
        let suite = match name.trim() {
            "jcs" | "eddsa-jcs-2022" => Cryptosuite::EddsaJcs2022,
            "rdfc" | "eddsa-rdfc-2022" => Cryptosuite::EddsaRdfc2022,
            other => {
                return Err(invalid(format!(
                    "--mix: unknown suite `{other}` (jcs or rdfc)"
                )));
            }
        };
        let weight: u64 = weight
            .trim()
            .parse()
            .map_err(|_| invalid(format!("--mix: `{weight}` is not a whole number")))?;
        if mix.iter().any(|(s, _)| *s == suite) {
            return Err(invalid(format!("--mix: `{name}` given twice")));
        }
        mix.push((suite, weight));
    }
    check_mix(&mix)?;
    Ok(mix)
}

/// Refuses a mix that cannot be drawn from: weights adding up to 0 (or overflowing), or a suite
/// given twice.
fn check_mix(mix: &[(Cryptosuite, u64)]) -> Result<(), BenchError> {
    let invalid = |message: &str| Err(BenchError::InvalidSettings(message.to_owned()));
    let total = mix
        .iter()
        .try_fold(0u64, |sum, (_, weight)| sum.checked_add(*weight));
    match total {
        None => return invalid("--mix: the weights add up to more than 2^64"),
        Some(0) => return invalid("--mix: the weights add up to 0"),
        Some(_) => {}
    }
    let twice = mix
        .iter()
        .enumerate()
        .any(|(i, (suite, _))| mix.iter().skip(i + 1).any(|(other, _)| other == suite));
    if twice {
        return invalid("--mix: a suite is given twice");
    }
    Ok(())
}

fn draw_suite(mix: &[(Cryptosuite, u64)], rng: &mut Rng) -> Cryptosuite {
    let total: u64 = mix.iter().map(|(_, w)| *w).sum();
    let mut roll = rng.below(total);
    for &(suite, weight) in mix {
        if roll < weight {
            return suite;
        }
        roll -= weight;
    }
    Cryptosuite::EddsaJcs2022
}

fn suite_label(suite: Cryptosuite) -> &'static str {
    match suite {
        Cryptosuite::EddsaJcs2022 => "jcs",
        _ => "rdfc",
    }
}

/// One issuer: a key derived from the seed, its did:key, and its status lists.
struct IssuerState {
    signer: Ed25519Signer,
    did: String,
    name: String,
    lists: Vec<StatusList>,
    next_index: usize,
}

fn issuer_key(seed: u64, index: usize) -> Ed25519KeyPair {
    let mut hash = Sha256::new();
    hash.update(b"ler bench corpus issuer key/1");
    hash.update(seed.to_be_bytes());
    hash.update((index as u64).to_be_bytes());
    Ed25519KeyPair::from_seed(&hash.finalize().into())
}

const ISSUER_NAMES: [&str; ISSUERS] = [
    "Northfield Community College",
    "Harbor Technical Institute",
    "Lakeside University",
    "Summit Workforce Board",
    "Riverside Academy of Trades",
    "Eastgate Polytechnic",
    "Meadowbrook Learning Co-op",
    "Acme Analytics Ltd",
];

const SKILLS: [&str; 16] = [
    "teamwork",
    "data analysis",
    "welding",
    "customer service",
    "project planning",
    "technical writing",
    "statistics",
    "electrical safety",
    "bookkeeping",
    "network administration",
    "public speaking",
    "first aid",
    "machine learning",
    "quality control",
    "negotiation",
    "scheduling",
];

fn status_url(seed: u64, issuer: usize, list: usize) -> String {
    format!("https://status.example/ler-bench/{seed}/issuer-{issuer}/list-{list}")
}

fn status_file(issuer: usize, list: usize) -> String {
    format!("status/issuer-{issuer}-list-{list}.json")
}

/// What a corpus holds, as written in `corpus.json`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CorpusCounts {
    /// Documents of each kind, in the order of [`Kind::ALL`].
    pub by_kind: [usize; 5],
    /// Documents signed with eddsa-jcs-2022.
    pub jcs: usize,
    /// Documents signed with eddsa-rdfc-2022.
    pub rdfc: usize,
    /// Small documents.
    pub small: usize,
    /// Large documents.
    pub large: usize,
    /// Documents expected to verify.
    pub verified: usize,
    /// Documents changed after signing (expected `proof.signature` to fail).
    pub tampered: usize,
    /// Revoked documents (expected `status.revocation` to fail).
    pub revoked: usize,
    /// The bytes of every document (`corpus.jsonl` without its newlines).
    pub bytes: u64,
}

/// What [`write_corpus`] wrote; its [`Display`](fmt::Display) is the summary `ler bench corpus`
/// prints.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct CorpusSummary {
    /// The corpus folder.
    pub out: PathBuf,
    /// How many documents.
    pub documents: usize,
    /// What they are.
    pub counts: CorpusCounts,
    /// How many signed status list credentials were written under `status/`.
    pub status_lists: usize,
    /// The process's peak memory after writing (`None` where it is not known).
    pub peak_memory_bytes: Option<u64>,
}

impl fmt::Display for CorpusSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let counts = &self.counts;
        let kinds: Vec<String> = Kind::ALL
            .iter()
            .zip(counts.by_kind)
            .map(|(k, c)| format!("{} {c}", k.name()))
            .collect();
        write!(
            f,
            "wrote {} documents ({} bytes) to {}\n  kinds: {}\n  suites: jcs {}, rdfc {}; sizes: small {}, large {}\n  expected: verified {}, tampered {}, revoked {}; {} status list(s)\n  peak memory: {}",
            self.documents,
            counts.bytes,
            self.out.display(),
            kinds.join(", "),
            counts.jcs,
            counts.rdfc,
            counts.small,
            counts.large,
            counts.verified,
            counts.tampered,
            counts.revoked,
            self.status_lists,
            self.peak_memory_bytes
                .map_or_else(|| "n/a".to_owned(), super::machine::format_bytes),
        )
    }
}

/// Writes the corpus described by `settings` into `settings.out`: `corpus.jsonl`,
/// `manifest.jsonl`, `corpus.json`, `README.md`, `documents/` (unless
/// [`jsonl_only`](CorpusSettings::jsonl_only)) and `status/` (when documents are revoked).
///
/// # Errors
///
/// [`BenchError::InvalidSettings`] for percentages out of range or a bad mix,
/// [`BenchError::Io`] when a file cannot be written, [`BenchError::Generate`] when a document
/// cannot be built or signed.
pub fn write_corpus(settings: &CorpusSettings) -> Result<CorpusSummary, BenchError> {
    check_settings(settings)?;
    let with_status = settings.revoked > 0.0;
    let out = &settings.out;
    let io = |path: &Path, source: std::io::Error| BenchError::Io {
        path: path.to_path_buf(),
        source,
    };
    fs::create_dir_all(out).map_err(|e| io(out, e))?;
    if with_status {
        let status_dir = out.join("status");
        fs::create_dir_all(&status_dir).map_err(|e| io(&status_dir, e))?;
    }
    let mut issuers = issuers(settings.seed);

    let jsonl_path = out.join("corpus.jsonl");
    let manifest_path = out.join("manifest.jsonl");
    let mut jsonl = BufWriter::new(File::create(&jsonl_path).map_err(|e| io(&jsonl_path, e))?);
    let mut manifest =
        BufWriter::new(File::create(&manifest_path).map_err(|e| io(&manifest_path, e))?);
    let mut counts = CorpusCounts::default();
    let mut folder_made = usize::MAX;

    for index in 0..settings.n {
        let mut rng = Rng::for_document(settings.seed, index as u64);
        let draw = Draw::new(settings, &mut rng);
        let Draw {
            kind,
            suite,
            large,
            expect,
            issuer_index,
        } = draw;
        let issuer = issuers
            .get_mut(issuer_index)
            .ok_or(BenchError::Internal("issuer index out of range"))?;

        let mut document = build(kind, large, issuer, suite, &mut rng)?;
        if with_status {
            let url_of = |list| status_url(settings.seed, issuer_index, list);
            issuer.add_status_entry(&mut document, index, expect == Expect::Revoked, url_of)?;
        }
        let options = ProofOptions::new(suite).created(ISSUED);
        let mut signed = di::sign(&document, &options, &issuer.signer)
            .map_err(generate(format!("document {index}: signing failed")))?;
        let learner = subject_id(&signed);
        if expect == Expect::Tampered {
            // A change after signing: the learner's id, which every kind has.
            if let Some(subject) = signed
                .as_object_mut()
                .and_then(|o| o.get_mut("credentialSubject"))
                .and_then(Value::as_object_mut)
            {
                subject.insert("id", format!("did:example:mallory-{index}"));
            }
        }
        let mut line = signed.to_string();
        let bytes = line.len();
        let file = if settings.jsonl_only {
            None
        } else {
            let folder = index / PER_FOLDER;
            let dir = out.join("documents").join(format!("{folder:04}"));
            if folder != folder_made {
                fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
                folder_made = folder;
            }
            let name = format!("documents/{folder:04}/{index:07}.json");
            let path = out.join(&name);
            fs::write(&path, line.as_bytes()).map_err(|e| io(&path, e))?;
            Some(name)
        };
        line.push('\n');
        jsonl
            .write_all(line.as_bytes())
            .map_err(|e| io(&jsonl_path, e))?;

        let record = manifest_record(index, file, draw, bytes, &issuer.did, &learner);
        writeln!(manifest, "{record}").map_err(|e| io(&manifest_path, e))?;
        counts.add(kind, suite, large, expect, bytes);
    }
    jsonl.flush().map_err(|e| io(&jsonl_path, e))?;
    manifest.flush().map_err(|e| io(&manifest_path, e))?;

    let status_lists = write_status_lists(out, settings.seed, &issuers)?;
    let summary = summary_json(settings, &issuers, &status_lists, &counts);
    let readme_path = out.join("README.md");
    fs::write(&readme_path, README).map_err(|e| io(&readme_path, e))?;
    let summary_path = out.join("corpus.json");
    let text = serde_json::to_string_pretty(&summary).map_err(|source| BenchError::Json {
        what: summary_path.display().to_string(),
        source,
    })?;
    fs::write(&summary_path, text + "\n").map_err(|e| io(&summary_path, e))?;

    Ok(CorpusSummary {
        out: out.clone(),
        documents: settings.n,
        counts,
        status_lists: status_lists.len(),
        peak_memory_bytes: super::machine::peak_memory(),
    })
}

/// The percentages must be shares that add up to at most 100, the mix a valid one.
fn check_settings(settings: &CorpusSettings) -> Result<(), BenchError> {
    check_mix(&settings.mix)?;
    let shares_ok = |p: f64| (0.0..=100.0).contains(&p);
    if !shares_ok(settings.invalid)
        || !shares_ok(settings.revoked)
        || settings.invalid + settings.revoked > 100.0
    {
        return Err(BenchError::InvalidSettings(
            "--invalid and --revoked are percentages that add up to at most 100".into(),
        ));
    }
    Ok(())
}

/// The corpus's issuers, their keys derived from the seed.
fn issuers(seed: u64) -> Vec<IssuerState> {
    (0..ISSUERS)
        .map(|i| {
            let signer = Ed25519Signer::did_key(issuer_key(seed, i));
            IssuerState {
                did: signer.controller().to_owned(),
                signer,
                name: ISSUER_NAMES.get(i).copied().unwrap_or("Issuer").to_owned(),
                lists: Vec::new(),
                next_index: 0,
            }
        })
        .collect()
}

/// What the seeded generator drew for one document.
#[derive(Clone, Copy)]
struct Draw {
    kind: Kind,
    suite: Cryptosuite,
    large: bool,
    expect: Expect,
    issuer_index: usize,
}

impl Draw {
    /// Draws in a fixed order, so a seed always gives the same corpus.
    fn new(settings: &CorpusSettings, rng: &mut Rng) -> Self {
        let kind = Kind::draw(rng, &settings.kinds);
        let suite = draw_suite(&settings.mix, rng);
        let large = match settings.size {
            DocumentSize::Small => false,
            DocumentSize::Large => true,
            DocumentSize::Mixed => rng.below(100) < 20,
        };
        let roll = rng.percent();
        let expect = if roll < settings.invalid {
            Expect::Tampered
        } else if roll < settings.invalid + settings.revoked {
            Expect::Revoked
        } else {
            Expect::Verified
        };
        let issuer_index = usize::try_from(rng.below(ISSUERS as u64)).unwrap_or(0);
        Self {
            kind,
            suite,
            large,
            expect,
            issuer_index,
        }
    }
}

impl IssuerState {
    /// Gives `document` the issuer's next revocation-list entry (a new list when the last is
    /// full), setting its bit when the document is to be revoked; `url_of` names list `n`.
    fn add_status_entry(
        &mut self,
        document: &mut Value,
        index: usize,
        revoked: bool,
        url_of: impl Fn(usize) -> String,
    ) -> Result<(), BenchError> {
        let (list, position) = (self.next_index / MIN_ENTRIES, self.next_index % MIN_ENTRIES);
        self.next_index += 1;
        if self.lists.len() <= list {
            self.lists.push(
                StatusList::new(StatusPurpose::Revocation, MIN_ENTRIES)
                    .map_err(generate("status list"))?,
            );
        }
        if revoked && let Some(l) = self.lists.get_mut(list) {
            l.set(position).map_err(generate("status list"))?;
        }
        let status_list = self
            .lists
            .get(list)
            .ok_or(BenchError::Internal("status list missing"))?;
        add_status_entry(document, &url_of(list), position, status_list)
            .map_err(generate(format!("document {index}: status entry")))
    }
}

impl CorpusCounts {
    fn add(&mut self, kind: Kind, suite: Cryptosuite, large: bool, expect: Expect, bytes: usize) {
        if let Some(slot) = Kind::ALL
            .iter()
            .position(|k| *k == kind)
            .and_then(|i| self.by_kind.get_mut(i))
        {
            *slot += 1;
        }
        match suite {
            Cryptosuite::EddsaJcs2022 => self.jcs += 1,
            _ => self.rdfc += 1,
        }
        if large {
            self.large += 1;
        } else {
            self.small += 1;
        }
        match expect {
            Expect::Verified => self.verified += 1,
            Expect::Tampered => self.tampered += 1,
            Expect::Revoked => self.revoked += 1,
        }
        self.bytes += bytes as u64;
    }
}

/// One line of `manifest.jsonl`: where the document is, what it is, and the verdict it must
/// get, with the failing check and why.
fn manifest_record(
    index: usize,
    file: Option<String>,
    draw: Draw,
    bytes: usize,
    issuer: &str,
    learner: &str,
) -> Object {
    let (expected, check, why) = match draw.expect {
        Expect::Verified => ("verified", None, "signed and not revoked".to_owned()),
        Expect::Tampered => (
            "invalid",
            Some("proof.signature"),
            format!("tampered: credentialSubject.id changed from {learner} after signing"),
        ),
        Expect::Revoked => (
            "invalid",
            Some("status.revocation"),
            "revoked: its bit is set in the issuer's revocation list".to_owned(),
        ),
    };
    // A fixed key order (ler's JSON keeps insertion order), whatever serde_json's features.
    let mut record = Object::new();
    record.insert("line", index + 1);
    record.insert("file", file.map_or(Value::Null, Value::from));
    record.insert("kind", draw.kind.name());
    record.insert("suite", draw.suite.name());
    record.insert("size", if draw.large { "large" } else { "small" });
    record.insert("bytes", bytes);
    record.insert("issuer", issuer);
    record.insert("expected", expected);
    record.insert("failing_check", check.map_or(Value::Null, Value::from));
    record.insert("why", why);
    record
}

/// `corpus.json`: the settings, the issuers, the status lists and the counts.
fn summary_json(
    settings: &CorpusSettings,
    issuers: &[IssuerState],
    status_lists: &[serde_json::Value],
    counts: &CorpusCounts,
) -> serde_json::Value {
    let kinds = &settings.kinds;
    json!({
        "format": FORMAT,
        "generator": format!("ler {}", env!("CARGO_PKG_VERSION")),
        "settings": {
            "n": settings.n,
            "seed": settings.seed,
            "mix": settings.mix.iter().map(|(s, w)| format!("{}={w}", suite_label(*s))).collect::<Vec<_>>().join(","),
            "size": settings.size.name(),
            "kinds": if kinds.is_empty() { "all".to_owned() } else { kinds.iter().map(|k| k.name()).collect::<Vec<_>>().join(",") },
            "invalid_percent": settings.invalid,
            "revoked_percent": settings.revoked,
            "jsonl_only": settings.jsonl_only,
        },
        "verify_at": VERIFY_AT,
        "issued": ISSUED,
        "documents": "corpus.jsonl",
        "manifest": "manifest.jsonl",
        "issuers": issuers.iter().map(|i| json!({"id": i.did, "name": i.name})).collect::<Vec<_>>(),
        "status_lists": status_lists,
        "counts": {
            "documents": settings.n,
            "bytes": counts.bytes,
            "kinds": Kind::ALL.iter().zip(counts.by_kind).map(|(k, c)| (k.name().to_owned(), json!(c))).collect::<serde_json::Map<_, _>>(),
            "suites": {"eddsa-jcs-2022": counts.jcs, "eddsa-rdfc-2022": counts.rdfc},
            "sizes": {"small": counts.small, "large": counts.large},
            "expected": {"verified": counts.verified, "tampered": counts.tampered, "revoked": counts.revoked},
        },
    })
}

/// Wraps a generator library's error with what was being made.
fn generate<E: std::error::Error + Send + Sync + 'static>(
    context: impl Into<String>,
) -> impl FnOnce(E) -> BenchError {
    let context = context.into();
    move |source| BenchError::Generate {
        context,
        source: Box::new(source),
    }
}

fn subject_id(document: &Value) -> String {
    document
        .as_object()
        .and_then(|o| o.get("credentialSubject"))
        .and_then(Value::as_object)
        .and_then(|s| s.get("id"))
        .and_then(Value::as_str)
        .unwrap_or("(none)")
        .to_owned()
}

/// Signs and writes every issuer's status list credentials (eddsa-jcs-2022); returns the
/// `corpus.json` entries (URL and file).
fn write_status_lists(
    out: &Path,
    seed: u64,
    issuers: &[IssuerState],
) -> Result<Vec<serde_json::Value>, BenchError> {
    let mut written = Vec::new();
    for (i, issuer) in issuers.iter().enumerate() {
        for (l, list) in issuer.lists.iter().enumerate() {
            let url = status_url(seed, i, l);
            let credential = StatusListCredential::new(url.as_str(), issuer.did.as_str(), list)
                .valid_from(ISSUED)
                .build();
            let options = ProofOptions::new(Cryptosuite::EddsaJcs2022).created(ISSUED);
            let signed = di::sign(&credential, &options, &issuer.signer)
                .map_err(generate(format!("status list {url}: signing failed")))?;
            let file = status_file(i, l);
            let path: PathBuf = out.join(&file);
            fs::write(&path, signed.to_string())
                .map_err(|source| BenchError::Io { path, source })?;
            written.push(json!({"url": url, "file": file}));
        }
    }
    Ok(written)
}

/// Builds one unsigned document.
fn build(
    kind: Kind,
    large: bool,
    issuer: &IssuerState,
    suite: Cryptosuite,
    rng: &mut Rng,
) -> Result<Value, BenchError> {
    let id = rng.uuid_urn();
    let learner = format!("did:example:learner-{:012x}", rng.next_u64() >> 16);
    let skill = |rng: &mut Rng, j: usize| {
        let name = SKILLS
            .get(usize::try_from(rng.below(SKILLS.len() as u64)).unwrap_or(0))
            .copied()
            .unwrap_or("teamwork");
        let slug = name.replace(' ', "-");
        (
            format!("{name} {j}"),
            format!("https://skills.example/frameworks/core/{slug}-{j}"),
        )
    };
    let profile = NewProfile::new(issuer.did.as_str(), issuer.name.as_str());
    let built = match kind {
        Kind::Ob3 => ob3(&id, &learner, profile, large, rng, &skill)?,
        Kind::MicroUs => {
            let mut b = UsMicroCredential::builder()
                .id(id.as_str())
                .issuer(Issuer::new(issuer.did.as_str(), issuer.name.as_str()))
                .learner(learner.as_str())
                .valid_from(ISSUED)
                .achievement_id(format!(
                    "https://learn.example/achievements/{}",
                    rng.next_u64() % 10_000
                ))
                .title("Applied workplace skills")
                .description("Demonstrates the listed skills in a supervised workplace setting.")
                .criteria("Completes the practical assessment with a passing score.")
                .learning_hours(f64::from(u8::try_from(rng.below(90)).unwrap_or(0) + 4) / 2.0)
                .assessment_type("practical demonstration");
            for j in 0..if large { 40 } else { 1 + rng.below(3) as usize } {
                let (name, url) = skill(rng, j);
                b = b.skill(Skill::new(name, url));
            }
            b.build().map_err(generate("US micro-credential"))?
        }
        Kind::MicroEu => {
            let mut b = EuMicroCredential::builder()
                .id(id.as_str())
                .issuer(
                    Issuer::new(issuer.did.as_str(), issuer.name.as_str())
                        .country("Ireland")
                        .country_code("IE"),
                )
                .learner(learner.as_str())
                .valid_from(ISSUED)
                .achievement_id(format!(
                    "https://learn.example/eu/{}",
                    rng.next_u64() % 10_000
                ))
                .title("Data literacy for the public sector")
                .description("Reads, analyses and presents public data responsibly.")
                .criteria("Passes the final project review.")
                .ects_credits(f64::from(u8::try_from(rng.below(10)).unwrap_or(0) + 1))
                .eqf_level(5)
                .assessment_type("project")
                .participation(ParticipationForm::Online)
                .quality_assurance("Internal quality assurance by the awarding body");
            for j in 0..if large { 40 } else { 2 } {
                let (name, _) = skill(rng, j);
                b = b.learning_outcome(format!("Applies {name} to a real task"));
            }
            b.build().map_err(generate("EU micro-credential"))?
        }
        Kind::Clr => {
            let nested = if large { 8 } else { 2 };
            let mut clr = ClrCredentialBuilder::new(id.as_str())
                .issuer(profile.clone())
                .valid_from(ISSUED)
                .name("Comprehensive Learner Record")
                .subject(learner.as_str());
            let mut previous: Option<String> = None;
            for k in 0..nested {
                let inner_id = rng.uuid_urn();
                let inner = ob3(&inner_id, &learner, profile.clone(), false, rng, &skill)?;
                let options = ProofOptions::new(suite).created(ISSUED);
                let signed = di::sign(&inner, &options, &issuer.signer)
                    .map_err(generate("nested credential: signing failed"))?;
                let credential = ler::model::Credential::from_value(signed)
                    .map_err(generate("nested credential"))?;
                let achievement_id = format!("https://learn.example/clr/{k}");
                let achievement = NewAchievement::new(
                    achievement_id.as_str(),
                    format!("Course {k}"),
                    "A course of the programme.",
                    "Passes the course.",
                )
                .achievement_type("Course");
                clr = clr.credential(credential).achievement(achievement);
                if let Some(prev) = previous {
                    clr = clr.association(NewAssociation::new(
                        "precedes",
                        prev,
                        achievement_id.as_str(),
                    ));
                }
                previous = Some(achievement_id);
            }
            clr.build().map_err(generate("CLR"))?.into_value()
        }
        Kind::Employment => {
            let mut role = NewRole::new("Data Analyst")
                .dates("2021-03-01", Some("2025-12-31"))
                .employment_type(EmploymentType::FullTime)
                .hours_per_week(40u8)
                .occupation(NewAlignment::onet_occupation(
                    "15-2051.01",
                    "Business Intelligence Analysts",
                ));
            let items = if large { 40 } else { 2 };
            for j in 0..items {
                let (name, url) = skill(rng, j);
                role = role
                    .duty(format!("Led work on {name}"))
                    .skill(NewAlignment::new(name, url));
            }
            EmploymentRecordBuilder::new(id.as_str())
                .issuer(profile.clone())
                .valid_from(ISSUED)
                .name("Employment record")
                .subject(learner.as_str())
                .employer(profile)
                .role(role)
                .build()
                .map_err(generate("employment record"))?
                .into_value()
        }
    };
    Ok(built)
}

type SkillFn = dyn Fn(&mut Rng, usize) -> (String, String);

/// An OB 3.0 credential: a few alignments (small) or 50 alignments and 20 results (large).
fn ob3(
    id: &str,
    learner: &str,
    issuer: NewProfile,
    large: bool,
    rng: &mut Rng,
    skill: &SkillFn,
) -> Result<Value, BenchError> {
    let number = rng.below(10_000);
    let mut achievement = NewAchievement::new(
        format!("https://learn.example/achievements/{number}"),
        format!("Achievement {number}"),
        "Recognizes the skills shown in the alignments below.",
        "Assessed by a qualified assessor against the published rubric.",
    )
    .achievement_type("Badge");
    let (alignments, results) = if large {
        (50, 20)
    } else {
        (1 + rng.below(3) as usize, 0)
    };
    for j in 0..alignments {
        let (name, url) = skill(rng, j);
        achievement = achievement.alignment(
            NewAlignment::new(name, url)
                .framework("Example Skills Framework")
                .code(format!("SK-{j}"))
                .target_type("CFItem"),
        );
    }
    let mut builder = AchievementCredentialBuilder::new(id)
        .issuer(issuer)
        .valid_from(ISSUED)
        .name(format!("Achievement {number}"))
        .subject(learner);
    for j in 0..results {
        let rd = format!("https://learn.example/results/{number}/{j}");
        achievement = achievement.result_description(NewResultDescription::new(
            rd.as_str(),
            format!("Assessment {j}"),
            "LetterGrade",
        ));
        let grade = ["A", "B", "C"]
            .get(usize::try_from(rng.below(3)).unwrap_or(0))
            .copied()
            .unwrap_or("A");
        builder = builder.result(NewResult::new(rd, grade));
    }
    Ok(builder
        .achievement(achievement)
        .build()
        .map_err(generate("OB 3.0 credential"))?
        .into_value())
}
