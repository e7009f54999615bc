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
    let style = Style::for_stdout();
    let mut keeper = Keeper {
        dir: args.out.clone(),
        kept: Vec::new(),
    };
    if let Some(dir) = &keeper.dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut expected = true;
    print(&format!(
        "{}\n\n",
        style.bold("ler demo: issue, verify, revoke, present and match skills, all offline")
    ));

    // 1. Keys.
    let college = Party::new("Example Community College")?;
    let university = Party::new("Example Technical University")?;
    let employer = Party::new("Example Fabrication GmbH")?;
    let learner = Party::new("the learner")?;
    print(&style.bold("1. Keys (Ed25519, did:key)\n"));
    for (role, party) in [
        ("college", &college),
        ("university", &university),
        ("employer", &employer),
        ("learner", &learner),
    ] {
        print(&format!(
            "   {role:<11}{}  {}\n",
            short(party.did()),
            party.name
        ));
        keeper.keep(
            &format!("{role}.key.json"),
            &party.signer.to_key_file(),
            true,
        )?;
    }

    // 2. Issue.
    let now = now_stamp();
    let proof = ProofOptions::new(Cryptosuite::EddsaRdfc2022).created(now.as_str());
    let college_p = (college.did().to_owned(), college.name);
    let university_p = (university.did().to_owned(), university.name);
    let employer_p = (employer.did().to_owned(), employer.name);
    fn at<'a>(issuer: &'a (String, &'static str), subject: &'a str, now: &'a str) -> Parties<'a> {
        Parties {
            issuer: (issuer.0.as_str(), issuer.1),
            subject,
            valid_from: now,
        }
    }
    let mut list = StatusList::new(
        StatusPurpose::Revocation,
        ler::verifier::status::MIN_ENTRIES,
    )
    .map_err(|e| e.to_string())?;
    let index = IndexAllocator::random(list.len())
        .and_then(|mut a| a.allocate())
        .map_err(|e| e.to_string())?;
    let mut us = template::micro_us(&at(&college_p, learner.did(), &now))?;
    add_status_entry(&mut us, LIST_URL, index, &list).map_err(|e| e.to_string())?;
    let eu = template::micro_eu(&at(&university_p, learner.did(), &now))?;
    let job = template::employment(&at(&employer_p, learner.did(), &now))?;
    let sign = |doc: &Value, party: &Party| {
        di::sign(doc, &proof, &party.signer).map_err(|e| format!("cannot sign: {e}"))
    };
    let credentials = [
        (
            "MIG welding fundamentals",
            "US micro-credential",
            sign(&us, &college)?,
            "micro-us.json",
        ),
        (
            "Weld inspection and quality",
            "EU micro-credential",
            sign(&eu, &university)?,
            "micro-eu.json",
        ),
        (
            "Welder at Example Fabrication",
            "employment record",
            sign(&job, &employer)?,
            "employment.json",
        ),
    ];
    print(&format!(
        "\n{}\n",
        style.bold("2. Issue three credentials to the learner (eddsa-rdfc-2022)")
    ));
    for (title, kind, signed, file) in &credentials {
        print(&format!("   {title:<31}{kind}\n"));
        keeper.keep(file, &(signed.to_pretty_string() + "\n"), false)?;
    }
    let publish = |list: &StatusList| {
        sign_list(
            LIST_URL,
            list,
            &now,
            &college.signer,
            Cryptosuite::EddsaRdfc2022,
        )
    };
    let list_credential = publish(&list)?.to_string();
    print(&format!(
        "   the US micro-credential carries entry {index} of the college's revocation list\n   {}\n",
        style.dim(LIST_URL)
    ));
    keeper.keep("status-list.json", &list_credential, false)?;

    // 3. Verify.
    let options = |list_credential: &str| {
        VerifyOptions::default()
            .check(ler::microcredential::SchemaCheck::new())
            .status_lists(MemoryStatusLists::new().with(LIST_URL, list_credential.as_bytes()))
    };
    let texts: Vec<String> = credentials.iter().map(|c| c.2.to_string()).collect();
    let verify_all = |options: &VerifyOptions| -> Vec<Report> {
        ler::verifier::verify_batch(&texts, options)
            .into_iter()
            .map(|v| v.into_parts().0)
            .collect()
    };
    print(&format!(
        "\n{}\n",
        style.bold("3. Verify them (proofs, issuer keys, dates, schemas, status)")
    ));
    let reports = verify_all(&options(&list_credential));
    for ((title, ..), report) in credentials.iter().zip(&reports) {
        print(&report_lines(title, report, style));
        expected &= report.is_verified();
    }

    // 4. Revoke.
    list.set(index).map_err(|e| e.to_string())?;
    let list_credential = publish(&list)?.to_string();
    keeper.keep("status-list-revoked.json", &list_credential, false)?;
    print(&format!(
        "\n{}\n",
        style.bold(&format!(
            "4. The college revokes the US micro-credential (sets entry {index}) and republishes"
        ))
    ));
    let revoked = verify_all(&options(&list_credential));
    if let Some(report) = revoked.first() {
        print(&report_lines(credentials[0].0, report, style));
        expected &= report.verdict == Verdict::Invalid
            && report.failing_ids() == [CheckId::STATUS_REVOCATION];
    }

    // 5. Present.
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
        &[credentials[1].2.clone(), credentials[2].2.clone()],
        &learner.signer,
        &PresentationOptions::new(Cryptosuite::EddsaRdfc2022)
            .challenge(challenge.as_str())
            .domain(DOMAIN)
            .created(now.as_str()),
    )
    .map_err(|e| format!("cannot present: {e}"))?
    .to_string();
    keeper.keep("presentation.json", &presentation, false)?;
    print(&format!(
        "\n{}\n",
        style.bold(&format!(
            "5. The learner presents the other two to an employer ({CHALLENGE_LABEL} {challenge}, domain {DOMAIN})"
        ))
    ));
    let employer_options = options(&list_credential)
        .challenge(challenge.as_str())
        .domain(DOMAIN)
        .holder_binding(true);
    let report = verify_presentation(presentation.as_bytes(), &employer_options)
        .into_parts()
        .0;
    print(&report_lines(
        "presentation with 2 credentials",
        &report,
        style,
    ));
    expected &= report.is_verified();
    let replay_options = options(&list_credential)
        .challenge("another-challenge")
        .domain(DOMAIN);
    let replay = verify_presentation(presentation.as_bytes(), &replay_options)
        .into_parts()
        .0;
    print(&format!(
        "   {} the same presentation replayed to a verifier with another challenge  {}\n",
        verdict_word(replay.verdict, style),
        style.dim(&format!("(fails {})", replay.failing_ids().join(", ")))
    ));
    expected &= replay.verdict == Verdict::Invalid;

    // 6. Skills.
    let mapper = SkillMapper::embedded().map_err(|e| format!("skills data: {e}"))?;
    let taxonomy = mapper.taxonomy();
    let held: Vec<(Credential, Verdict)> = credentials
        .iter()
        .zip(&revoked)
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
            if let Some(o) = m.occupation {
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
    }
    print("\n");
    for line in crate::skills::attribution(taxonomy, &shown) {
        print(&format!("{}\n", style.dim(&line)));
    }
    if let Some(dir) = &keeper.dir {
        print(&format!(
            "\nFiles kept in {}: {}\nTry: ler verify --status-list {} {}\n",
            dir.display(),
            keeper.kept.join(", "),
            Path::new(dir).join("status-list-revoked.json").display(),
            Path::new(dir).join("micro-us.json").display(),
        ));
    }
    Ok(expected)
}
