//! `ler demo`: the whole life of a Learning and Employment Record in one run, offline, on
//! embedded defaults: keys, issuing, a status list, verifying, revoking, presenting to an
//! employer, and the skill profile with the occupations it fits best.

use std::path::{Path, PathBuf};

use ler::model::Credential;
use ler::model::json::Value;
use ler::proof::di::{self, Cryptosuite, ProofOptions};
use ler::proof::{Ed25519KeyPair, Ed25519Signer};
use ler::skills::{Coverage, ProfileOptions, SkillMapper, SkillProfile, keys};
use ler::verifier::status::{
    IndexAllocator, MemoryStatusLists, StatusList, StatusPurpose, add_status_entry,
};
use ler::verifier::{
    CheckId, PresentationOptions, Report, Verdict, VerifyOptions, present, verify_presentation,
};

use crate::Outcome;
use crate::common::{Style, now_stamp, print};
use crate::status::sign_list;
use crate::template::{self, Parties};

/// Arguments of `ler demo`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Keep every file the demo makes (keys, credentials, status list, presentation) in DIR,
    /// created if needed; files of the same names are overwritten.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

const LIST_URL: &str = "https://college.example/status/revocation-1";
const CHALLENGE_LABEL: &str = "challenge";
const DOMAIN: &str = "https://jobs.example";

/// One party of the story: a name and a key.
struct Party {
    name: &'static str,
    signer: Ed25519Signer,
}

impl Party {
    fn new(name: &'static str) -> Result<Self, String> {
        let key = Ed25519KeyPair::generate().map_err(|e| e.to_string())?;
        Ok(Self {
            name,
            signer: Ed25519Signer::did_key(key),
        })
    }

    fn did(&self) -> &str {
        self.signer.controller()
    }
}

/// A DID shortened for display: `did:key:z6MkpT…Xq3e`.
fn short(did: &str) -> String {
    let chars: Vec<char> = did.chars().collect();
    if chars.len() <= 24 {
        return did.to_owned();
    }
    let head: String = chars.iter().take(14).collect();
    let tail: String = chars.iter().skip(chars.len() - 4).collect();
    format!("{head}…{tail}")
}

/// Saves files when --out is given.
struct Keeper {
    dir: Option<PathBuf>,
    kept: Vec<String>,
}

impl Keeper {
    fn keep(&mut self, name: &str, text: &str, secret: bool) -> Result<(), String> {
        let Some(dir) = &self.dir else {
            return Ok(());
        };
        crate::common::write_file(&dir.join(name), text, true, secret)?;
        self.kept.push(name.to_owned());
        Ok(())
    }
}

fn verdict_word(verdict: Verdict, style: Style) -> String {
    let word = verdict.name();
    let padded = format!("{word:<13}");
    match verdict {
        Verdict::Verified => style.good(&padded),
        Verdict::Invalid => style.bad(&padded),
        _ => style.doubt(&padded),
    }
}

/// One line for a report: verdict, what, and how many checks passed; the failing checks below.
fn report_lines(what: &str, report: &Report, style: Style) -> String {
    let passed = report
        .checks
        .iter()
        .filter(|c| c.outcome == ler::verifier::Outcome::Pass)
        .count();
    let mut out = format!(
        "   {} {what:<33} {}\n",
        verdict_word(report.verdict, style),
        style.dim(&format!("({passed} checks passed)"))
    );
    if !report.is_verified() {
        crate::verify::render_checks(report, style, 3, &mut out);
    }
    out
}

pub(crate) fn run(args: &Args) -> Outcome {
    match demo(args) {
        Ok(true) => Outcome::Valid,
        Ok(false) => Outcome::Invalid,
        Err(e) => {
            eprintln!("ler demo: {e}");
            Outcome::Unusable
        }
    }
}

/// Runs the story; `Ok(false)` when an outcome was not the expected one.
fn demo(args: &Args) -> Result<bool, String> {
    let mut story = Story {
        style: Style::for_stdout(),
        keeper: Keeper {
            dir: args.out.clone(),
            kept: Vec::new(),
        },
        expected: true,
        now: now_stamp(),
    };
    if let Some(dir) = &story.keeper.dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    print(&format!(
        "{}\n\n",
        story
            .style
            .bold("ler demo: issue, verify, revoke, present and match skills, all offline")
    ));
    let cast = story.keys()?;
    let mut issued = story.issue(&cast)?;
    story.verify(&issued);
    let revoked = story.revoke(&cast, &mut issued)?;
    story.present(&cast, &issued)?;
    story.skills(&issued, &revoked)?;
    story.files_kept();
    Ok(story.expected)
}

/// The four parties of the story.
struct Cast {
    college: Party,
    university: Party,
    employer: Party,
    learner: Party,
}

/// What the issuers gave the learner: the three signed credentials (title, kind, document,
/// file name), the college's revocation list and the learner's entry in it.
struct Issued {
    credentials: [(&'static str, &'static str, Value, &'static str); 3],
    list: StatusList,
    index: usize,
    list_credential: String,
}

/// The state the steps share: output style, kept files, the clock, and whether every outcome
/// so far was the expected one.
struct Story {
    style: Style,
    keeper: Keeper,
    expected: bool,
    now: String,
}

impl Story {
    fn proof(&self) -> ProofOptions {
        ProofOptions::new(Cryptosuite::EddsaRdfc2022).created(self.now.as_str())
    }

    /// The verifier's options with the schema check and the given status list.
    fn options(list_credential: &str) -> VerifyOptions {
        VerifyOptions::default()
            .check(ler::microcredential::SchemaCheck::new())
            .status_lists(MemoryStatusLists::new().with(LIST_URL, list_credential.as_bytes()))
    }

    /// The college's revocation list, signed.
    fn publish(&self, list: &StatusList, college: &Party) -> Result<String, String> {
        Ok(sign_list(
            LIST_URL,
            list,
            &self.now,
            &college.signer,
            Cryptosuite::EddsaRdfc2022,
        )?
        .to_string())
    }

    /// Verifies the three credentials in one batch.
    fn verify_all(issued: &Issued, options: &VerifyOptions) -> Vec<Report> {
        let texts: Vec<String> = issued.credentials.iter().map(|c| c.2.to_string()).collect();
        ler::verifier::verify_batch(&texts, options)
            .into_iter()
            .map(|v| v.into_parts().0)
            .collect()
    }

    /// Step 1, keys.
    fn keys(&mut self) -> Result<Cast, String> {
        let cast = Cast {
            college: Party::new("Example Community College")?,
            university: Party::new("Example Technical University")?,
            employer: Party::new("Example Fabrication GmbH")?,
            learner: Party::new("the learner")?,
        };
        print(&self.style.bold("1. Keys (Ed25519, did:key)\n"));
        for (role, party) in [
            ("college", &cast.college),
            ("university", &cast.university),
            ("employer", &cast.employer),
            ("learner", &cast.learner),
        ] {
            print(&format!(
                "   {role:<11}{}  {}\n",
                short(party.did()),
                party.name
            ));
            self.keeper.keep(
                &format!("{role}.key.json"),
                &party.signer.to_key_file(),
                true,
            )?;
        }
        Ok(cast)
    }

    /// Step 2, issue: a US and an EU micro-credential and an employment record; the first carries
    /// an entry of the college's revocation list.
    fn issue(&mut self, cast: &Cast) -> Result<Issued, String> {
        let now = self.now.as_str();
        fn at<'a>(issuer: &'a Party, learner: &'a Party, now: &'a str) -> Parties<'a> {
            Parties {
                issuer: (issuer.did(), issuer.name),
                subject: learner.did(),
                valid_from: now,
            }
        }
        let list = StatusList::new(
            StatusPurpose::Revocation,
            ler::verifier::status::MIN_ENTRIES,
        )
        .map_err(|e| e.to_string())?;
        let index = IndexAllocator::random(list.len())
            .and_then(|mut a| a.allocate())
            .map_err(|e| e.to_string())?;
        let mut us = template::micro_us(&at(&cast.college, &cast.learner, now))?;
        add_status_entry(&mut us, LIST_URL, index, &list).map_err(|e| e.to_string())?;
        let eu = template::micro_eu(&at(&cast.university, &cast.learner, now))?;
        let job = template::employment(&at(&cast.employer, &cast.learner, now))?;
        let proof = self.proof();
        let sign = |doc: &Value, party: &Party| {
            di::sign(doc, &proof, &party.signer).map_err(|e| format!("cannot sign: {e}"))
        };
        let credentials = [
            (
                "MIG welding fundamentals",
                "US micro-credential",
                sign(&us, &cast.college)?,
                "micro-us.json",
            ),
            (
                "Weld inspection and quality",
                "EU micro-credential",
                sign(&eu, &cast.university)?,
                "micro-eu.json",
            ),
            (
                "Welder at Example Fabrication",
                "employment record",
                sign(&job, &cast.employer)?,
                "employment.json",
            ),
        ];
        print(&format!(
            "\n{}\n",
            self.style
                .bold("2. Issue three credentials to the learner (eddsa-rdfc-2022)")
        ));
        for (title, kind, signed, file) in &credentials {
            print(&format!("   {title:<31}{kind}\n"));
            self.keeper
                .keep(file, &(signed.to_pretty_string() + "\n"), false)?;
        }
        let list_credential = self.publish(&list, &cast.college)?;
        print(&format!(
            "   the US micro-credential carries entry {index} of the college's revocation list\n   {}\n",
            self.style.dim(LIST_URL)
        ));
        self.keeper
            .keep("status-list.json", &list_credential, false)?;
        Ok(Issued {
            credentials,
            list,
            index,
            list_credential,
        })
    }

    /// Step 3, verify: all three are verified.
    fn verify(&mut self, issued: &Issued) {
        print(&format!(
            "\n{}\n",
            self.style
                .bold("3. Verify them (proofs, issuer keys, dates, schemas, status)")
        ));
        let reports = Self::verify_all(issued, &Self::options(&issued.list_credential));
        for ((title, ..), report) in issued.credentials.iter().zip(&reports) {
            print(&report_lines(title, report, self.style));
            self.expected &= report.is_verified();
        }
    }

    /// Step 4, revoke: the college sets the entry and republishes; the US micro-credential fails
    /// `status.revocation`. Returns the reports under the new list.
    fn revoke(&mut self, cast: &Cast, issued: &mut Issued) -> Result<Vec<Report>, String> {
        issued.list.set(issued.index).map_err(|e| e.to_string())?;
        issued.list_credential = self.publish(&issued.list, &cast.college)?;
        self.keeper
            .keep("status-list-revoked.json", &issued.list_credential, false)?;
        print(&format!(
            "\n{}\n",
            self.style.bold(&format!(
                "4. The college revokes the US micro-credential (sets entry {}) and republishes",
                issued.index
            ))
        ));
        let revoked = Self::verify_all(issued, &Self::options(&issued.list_credential));
        if let Some(report) = revoked.first() {
            print(&report_lines(issued.credentials[0].0, report, self.style));
            self.expected &= report.verdict == Verdict::Invalid
                && report.failing_ids() == [CheckId::STATUS_REVOCATION];
        }
        Ok(revoked)
    }

    /// Step 5, present: the learner presents the other two to an employer, who verifies the
    /// presentation; replayed to another verifier's challenge, it fails.
    fn present(&mut self, cast: &Cast, issued: &Issued) -> Result<(), String> {
        let challenge = {
            let nonce = Ed25519KeyPair::generate().map_err(|e| e.to_string())?;
            let bytes = nonce.public_key().to_bytes();
            bytes
                .iter()
                .take(8)
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        };
        let presentation = present(
            &[
                issued.credentials[1].2.clone(),
                issued.credentials[2].2.clone(),
            ],
            &cast.learner.signer,
            &PresentationOptions::new(Cryptosuite::EddsaRdfc2022)
                .challenge(challenge.as_str())
                .domain(DOMAIN)
                .created(self.now.as_str()),
        )
        .map_err(|e| format!("cannot present: {e}"))?
        .to_string();
        self.keeper
            .keep("presentation.json", &presentation, false)?;
        print(&format!(
            "\n{}\n",
            self.style.bold(&format!(
                "5. The learner presents the other two to an employer ({CHALLENGE_LABEL} {challenge}, domain {DOMAIN})"
            ))
        ));
        let employer_options = Self::options(&issued.list_credential)
            .challenge(challenge.as_str())
            .domain(DOMAIN)
            .holder_binding(true);
        let report = verify_presentation(presentation.as_bytes(), &employer_options)
            .into_parts()
            .0;
        print(&report_lines(
            "presentation with 2 credentials",
            &report,
            self.style,
        ));
        self.expected &= report.is_verified();
        let replay_options = Self::options(&issued.list_credential)
            .challenge("another-challenge")
            .domain(DOMAIN);
        let replay = verify_presentation(presentation.as_bytes(), &replay_options)
            .into_parts()
            .0;
        print(&format!(
            "   {} the same presentation replayed to a verifier with another challenge  {}\n",
            verdict_word(replay.verdict, self.style),
            self.style
                .dim(&format!("(fails {})", replay.failing_ids().join(", ")))
        ));
        self.expected &= replay.verdict == Verdict::Invalid;
        Ok(())
    }

    /// Step 6, skills: the profile of the credentials still standing, and the occupations it fits
    /// best in ESCO and O*NET, with why.
    fn skills(&mut self, issued: &Issued, revoked: &[Report]) -> Result<(), String> {
        let style = self.style;
        let mapper = SkillMapper::embedded().map_err(|e| format!("skills data: {e}"))?;
        let taxonomy = mapper.taxonomy();
        let held: Vec<(Credential, Verdict)> = issued
            .credentials
            .iter()
            .zip(revoked)
            .filter_map(|((_, _, signed, _), report)| match signed {
                Value::Object(o) => Some((Credential::from_object(o.clone()), report.verdict)),
                _ => None,
            })
            .collect();
        let profile = SkillProfile::from_credentials(
            mapper,
            held.iter().map(|(c, v)| (c.view(), Some(*v))),
            &ProfileOptions::default(),
        );
        print(&format!(
            "\n{}\n",
            style.bold("6. The learner's skill profile (the revoked credential left out)")
        ));
        let mut shown = Vec::new();
        for entry in profile.entries().iter().take(8) {
            shown.push(entry.concept.framework_id());
            print(&format!(
                "   {:.2}  {:<42} {} {}\n",
                entry.strength(),
                entry.concept.label(),
                crate::skills::framework_name(entry.concept),
                entry.concept.kind()
            ));
        }
        if profile.entries().len() > 8 {
            print(&format!(
                "   … and {} more (`ler skills profile FILE…` lists them all)\n",
                profile.entries().len() - 8
            ));
        }
        print(&format!(
            "\n{}\n",
            style.bold("   Best-fitting occupations (the top three in ESCO and in O*NET)")
        ));
        let coverage = Coverage::new(&profile);
        for (key, top) in [(keys::ESCO, 3), (keys::ONET, 3)] {
            let Some(framework) = taxonomy.framework_by_key(key) else {
                continue;
            };
            for m in coverage.rank(taxonomy, framework, top) {
                shown.extend(crate::skills::frameworks_of_match(&m));
                let Some(o) = m.occupation else {
                    continue;
                };
                let held = match &m.experience {
                    Some((by, ..)) if by.id() == o.id() => ", the role held".to_owned(),
                    Some((by, ..)) => format!(", experience as {}", by.label()),
                    None => String::new(),
                };
                print(&format!(
                    "   {:.2}  {:<50} {} ({} of {} requirements met{held})\n",
                    m.score,
                    o.label(),
                    crate::skills::framework_name(o),
                    m.matched.len(),
                    m.matched.len() + m.missing.len()
                ));
                let why = crate::skills::explain_line(&m, &profile, 2);
                if !why.is_empty() {
                    print(&format!("         {}\n", style.dim(&why)));
                }
            }
        }
        print("\n");
        for line in crate::skills::attribution(taxonomy, &shown) {
            print(&format!("{}\n", style.dim(&line)));
        }
        Ok(())
    }

    /// Where the files went, and a command to try on them.
    fn files_kept(&self) {
        if let Some(dir) = &self.keeper.dir {
            print(&format!(
                "\nFiles kept in {}: {}\nTry: ler verify --status-list {} {}\n",
                dir.display(),
                self.keeper.kept.join(", "),
                Path::new(dir).join("status-list-revoked.json").display(),
                Path::new(dir).join("micro-us.json").display(),
            ));
        }
    }
}
