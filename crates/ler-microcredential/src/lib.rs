//! Micro-credentials for Learning and Employment Records: two profiles on Open Badges 3.0
//! (a US workforce profile and the EU profile of Council Recommendation 2022/C 243/02), builders
//! that refuse incomplete data, a reader that says what a credential lacks, CLR 2.0 stacks with
//! checked totals, embedded JSON Schemas (draft 2020-12), and the verifier's `schema.json` check
//! ([`SchemaCheck`], a `ler_verify::CredentialCheck`).
//!
//! A micro-credential is an OB 3.0 `AchievementCredential` (VC Data Model 2.0) whose
//! `@context` is VC 2.0, OB 3.0.3 and the project's micro-credential context
//! [`ler_model::context::MICROCREDENTIAL_V1`] (`https://w3id.org/ler/contexts/microcredential/v1`, pinned in
//! `ler-jsonld`'s registry: JSON-LD 1.1, `@protected`, no `@vocab`), so every
//! property is a defined term and the credential signs with `eddsa-rdfc-2022` without undefined
//! terms.
//!
//! ```
//! use ler_microcredential::{Issuer, Profile, Schema, Skill, UsMicroCredential, assess};
//!
//! let credential = UsMicroCredential::builder()
//!     .id("urn:uuid:5f0a3c52-8c3e-4a51-9d36-0c4b8e1f2a01")
//!     .issuer(Issuer::new("did:example:college", "Example Community College"))
//!     .learner("did:example:learner")
//!     .valid_from("2026-03-01T00:00:00Z")
//!     .achievement_id("https://college.example/achievements/mig-welding")
//!     .title("MIG welding fundamentals")
//!     .description("Sets up a MIG welder and lays sound fillet welds on mild steel.")
//!     .criteria("Passes a supervised practical weld test.")
//!     .learning_hours(12.5)
//!     .assessment_type("practical demonstration")
//!     .skill(Skill::new("weld metal", "http://data.europa.eu/esco/skill/1e0f3e8e-bf35-4f2a-9a5b-6d2e5f7e4a7b"))
//!     .build()?;
//!
//! assert!(Schema::MicroCredentialUsV1.validate(&credential).is_empty());
//! assert!(assess(&credential).meets(Profile::Us));
//! // Not an EU micro-credential: no learning outcomes, no country, ...
//! let eu = assess(&credential);
//! assert!(eu.missing(Profile::Eu).iter().any(|v| v.rule == "mc.eu.learning-outcomes"));
//!
//! // Out of range: refused, naming the field.
//! let err = UsMicroCredential::builder().learning_hours(0.0).build().unwrap_err();
//! assert!(err.violations().iter().any(|v| v.pointer.as_str() == "/credentialSubject/achievement/learningHours"));
//! # Ok::<(), ler_microcredential::BuildError>(())
//! ```
//!
//! Signed with `eddsa-rdfc-2022` and verified by `ler_verify::verify`, with [`SchemaCheck`]
//! validating it against the embedded schema its `credentialSchema` names (check `schema.json`):
//!
//! ```
//! use ler_microcredential::{Issuer, SchemaCheck, Skill, UsMicroCredential};
//! use ler_proof::{Ed25519KeyPair, Ed25519Signer, di};
//! use ler_verify::{CheckId, Outcome, Verdict, VerifyOptions};
//!
//! let key = Ed25519KeyPair::from_seed(&[7; 32]);
//! let credential = UsMicroCredential::builder()
//!     .id("urn:uuid:5f0a3c52-8c3e-4a51-9d36-0c4b8e1f2a01")
//!     .issuer(Issuer::new(key.public_key().did_key(), "Example Community College"))
//!     .learner("did:example:learner")
//!     .valid_from("2026-03-01T00:00:00Z")
//!     .achievement_id("https://college.example/achievements/mig-welding")
//!     .title("MIG welding fundamentals")
//!     .description("Sets up a MIG welder and lays sound fillet welds on mild steel.")
//!     .criteria("Passes a supervised practical weld test.")
//!     .learning_hours(12.5)
//!     .assessment_type("practical demonstration")
//!     .skill(Skill::new("weld metal", "http://data.europa.eu/esco/skill/1e0f3e8e-bf35-4f2a-9a5b-6d2e5f7e4a7b"))
//!     .build()?;
//! let proof = di::ProofOptions::new(di::Cryptosuite::EddsaRdfc2022).created("2026-03-01T00:00:00Z");
//! let signed = di::sign(&credential, &proof, &Ed25519Signer::did_key(key))?;
//!
//! let at = ler_model::date::parse_date_time_stamp("2026-06-01T00:00:00Z")?;
//! let options = VerifyOptions::default().at(at).check(SchemaCheck::new());
//! let report = ler_verify::verify(signed.to_string().as_bytes(), &options).report().clone();
//! assert_eq!(report.verdict, Verdict::Verified);
//! assert!(report.checks_with_id(CheckId::SCHEMA_JSON).all(|c| c.outcome == Outcome::Pass));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`Schema::from_id`] and [`Schema::validate`] are what [`SchemaCheck`] calls; it never fetches.
//!
//! # Profile elements
//!
//! `A` is `credentialSubject.achievement`. "OB" terms come from the OB 3.0.3 context, "VC" from
//! VC 2.0, "ELM" terms reuse the Europass European Learning Model v3 IRI
//! (`http://data.europa.eu/snb/model/elm/`), and "ler" terms are defined by the micro-credential
//! context under `https://w3id.org/ler/vocab#`. An ELM IRI is reused only where the value has
//! the shape ELM gives it (an object for `elm:learningOutcome`, a concept IRI for
//! `elm:EQFLevel`); where ELM's range is a structured object or a controlled concept and the
//! profile writes a plain number or token (ELM `volumeOfLearning` is an `xsd:duration`,
//! `creditPoint` a `CreditPoint` object, `mode` and `idVerification` concepts, `entryRequirement`
//! and `additionalNote` `Note` objects), a project term is defined instead, rather than claim
//! ELM's meaning for a different value.
//!
//! | profile element | US | EU | JSON property | term IRI |
//! |---|---|---|---|---|
//! | learner identification | – | required | `credentialSubject.id` or `credentialSubject.identifier` (IdentityObject) | VC `@id`; OB `obi:identifier` |
//! | title | required | required | `A.name` | OB `schema:name` |
//! | description | required | (OB requires it) | `A.description` | OB `schema:description` |
//! | issuer profile / awarding body | required (Profile with id, name) | required (id, name) | `issuer` | VC `cred:issuer`, OB `Profile` |
//! | country / region of the issuer | – | required (country) | `issuer.address.addressCountry` / `addressCountryCode`, `addressRegion` | OB `schema:addressCountry`, `obi:addressCountryCode`, `schema:addressRegion` |
//! | date of issue | (OB requires it) | required | `validFrom` | VC `cred:validFrom` |
//! | criteria | required | – | `A.criteria` (`narrative` or `id`) | OB `obi:Criteria` |
//! | learning outcomes | – | required (one or more) | `A.learningOutcome[]` (`{type: LearningOutcome, name}`) | ELM `elm:learningOutcome`, `elm:LearningOutcome` |
//! | learning hours | required, 1 to 100 inclusive, fractions allowed | workload: hours and/or ECTS, above 0 | `A.learningHours` (number) | ler `learningHours` (`xsd:double`) |
//! | ECTS credits | – | workload (ECTS wherever possible) | `A.ectsCredits` (number) | ler `ectsCredits` (`xsd:double`) |
//! | credits | optional, 0 or more | – | `A.creditsAvailable` | OB `obi:creditsAvailable` |
//! | level (EQF) | – | where applicable: 1 to 8 | `A.eqfLevel` = `http://data.europa.eu/snb/eqf/N` | ELM `elm:EQFLevel` (`@id`) |
//! | cycle (QF-EHEA) | – | where applicable | `A.qfEheaCycle` (`short-cycle`, `first-cycle`, `second-cycle`, `third-cycle`) | ler `qfEheaCycle` |
//! | type of assessment | required | required | `A.assessmentType` (text) | ler `assessmentType` |
//! | form of participation | – | required | `A.participationForm` (`online`, `onsite`, `blended`, `volunteering`, `work-experience`) | ler `participationForm` |
//! | type of quality assurance | – | required | `A.qualityAssurance` (text) | ler `qualityAssurance` |
//! | skills | required (one or more Alignments with targetName, targetUrl) | – | `A.alignment[]` | OB `obi:alignment`, `schema:AlignmentObject` |
//! | expiry | optional | – | `validUntil` | VC `cred:validUntil` |
//! | prerequisites | – | optional | `A.prerequisites` (text) | ler `prerequisites` |
//! | supervision and identity verification | – | optional | `A.assessmentSupervision` (`unsupervised-no-identity-verification`, `supervised-no-identity-verification`, `supervised-with-identity-verification`) | ler `assessmentSupervision` |
//! | grade achieved | – | optional | `credentialSubject.result[]` (`Result` with `value`) | OB `obi:Result`, `obi:value` |
//! | integration / stackability | – | optional | `A.stackability` (`standalone`, `integrated`) | ler `stackability` |
//! | further information | – | optional | `A.furtherInformation` (text) | ler `furtherInformation` |
//! | profile schema | written by the builders | written by the builders | `credentialSchema[0]` = `{id: <profile schema $id>, type: JsonSchema}` | VC `cred:credentialSchema`, `cred:JsonSchema` |
//! | stack totals (CLR) | – | – | `credentialSubject.totalLearningHours`, `totalCredits`, `totalEctsCredits` on the `ClrSubject` | ler `totalLearningHours`, `totalCredits`, `totalEctsCredits` |
//!
//! ## The Annex I list, and how it was checked
//!
//! Annex I of the Council Recommendation of 16 June 2022 on a European approach to
//! micro-credentials for lifelong learning and employability (2022/C 243/02, OJ C 243,
//! 27.6.2022, p. 10) lists as **mandatory**: identification of the learner; title of the
//! micro-credential; country(ies)/region(s) of the issuer; awarding body(ies); date of issuing;
//! learning outcomes; notional workload needed to achieve the learning outcomes (in ECTS, wherever
//! possible); level (and cycle, if applicable) of the learning experience (EQF, QF-EHEA), if
//! applicable; type of assessment; form of participation in the learning activity; type of
//! quality assurance used to underpin the micro-credential. As **optional** (a non-exhaustive
//! list): prerequisites needed to enrol; supervision and identity verification during assessment
//! (unsupervised with no identity verification, supervised with no identity verification,
//! supervised online or onsite with identity verification); grade achieved; integration /
//! stackability options (stand-alone, independent micro-credential / integrated, stackable
//! towards another credential); further information.
//!
//! Checked (November 2026) with the project's search tools against: the EUR-Lex record of the
//! Recommendation (CELEX 32022H0627(02); the stored excerpt confirms title, date and OJ reference
//! but ends before the Annex), the Cedefop VET glossary entry "microcredential" (the eleven
//! mandatory elements, same wording), a page quoting the Commission staff working document
//! accompanying the proposal (the eleven mandatory and five optional elements, with the
//! supervision and stackability value lists above), and the standard elements of the 2020
//! consultation report "A European approach to micro-credentials" (Shapiro et al.), which gives
//! the participation values "online, onsite or blended, volunteering, work experience". Not
//! confirmed: whether the adopted Annex itself lists those participation values (the excerpts seen
//! do not show it), so the profile's tokens (`online`, `onsite`, `blended`, `volunteering`,
//! `work-experience`) are this project's closed vocabulary. The Recommendation asks for workload
//! "in ECTS, wherever possible" and does not itself mention hours; the profile accepts ECTS and/or
//! hours, as the issue asks. Awarding body is read from `issuer`; co-awarding bodies are not
//! modelled.
//!
//! # Rules
//!
//! [`Profile::check`], [`assess`] and [`check_stack`] return [`Violation`]s (rule, JSON pointer,
//! message: the shape `ler-model` uses). Rule ids: `mc.credential` (not an OB 3.0
//! AchievementCredential with an achievement), `mc.context` (micro-credential context missing);
//! US: `mc.us.title`, `mc.us.description`, `mc.us.issuer`, `mc.us.criteria`,
//! `mc.us.learning-hours`, `mc.us.assessment-type`, `mc.us.skills`, `mc.us.credits`,
//! `mc.us.expiry`; EU: `mc.eu.learner`, `mc.eu.title`, `mc.eu.awarding-body`, `mc.eu.country`,
//! `mc.eu.date-of-issue`, `mc.eu.learning-outcomes`, `mc.eu.workload`, `mc.eu.level`,
//! `mc.eu.assessment-type`, `mc.eu.participation-form`, `mc.eu.quality-assurance`,
//! `mc.eu.prerequisites`, `mc.eu.supervision`, `mc.eu.grade`, `mc.eu.stackability`,
//! `mc.eu.further-information`; stacks: `mc.stack.type`, `mc.stack.credentials`,
//! `mc.stack.member`, `mc.stack.total-hours`, `mc.stack.total-credits`, `mc.stack.total-ects`,
//! `mc.stack.context`, `mc.stack.required`; JSON Schema: `schema.<keyword>` (`schema.required`,
//! `schema.maximum`, ...), plus `schema.depth` and `schema.number` for documents the validator
//! cannot take.
//!
//! # JSON Schemas
//!
//! | [`Schema`] | `$id` |
//! |---|---|
//! | OB 3.0 AchievementCredential, VC 2.0 form | `https://w3id.org/ler/schemas/ob3-achievement-credential/1.0.0.json` |
//! | US profile | `https://w3id.org/ler/schemas/microcredential-us/1.0.0.json` |
//! | EU profile | `https://w3id.org/ler/schemas/microcredential-eu/1.0.0.json` |
//! | employment record | `https://w3id.org/ler/schemas/employment-record/1.0.0.json` |
//!
//! The files sit in the crate's `schemas/<name>/<version>.json` for use from any language; the
//! profile schemas `$ref` the OB 3.0 one by its `$id`, which a validator resolves from a local
//! registry of these files. The OB 3.0 schema is written from the OB 3.0 data model (the official
//! 1EdTech files are not available here): it is open (extensions allowed), checks required
//! properties, types of every typed class, URLs and `xsd:dateTimeStamp` dates. It does not
//! require `credentialSubject.id` or `identifier` (widely issued credentials omit both; the EU
//! profile requires one).
//!
//! **Versioning rule**: a published schema never changes. A change is a new file and a new
//! `$id` (`.../1.1.0.json`) with a new [`Schema`] variant; the old file and variant stay, so a
//! credential whose `credentialSchema` names the old `$id` is validated against exactly what it
//! was issued with.

mod builder;
mod check;
mod convert;
mod decimal;
mod profile;
mod schema;
mod stack;
mod violation;

pub use builder::{
    AssessmentSupervision, BuildError, EuMicroCredential, Issuer, ParticipationForm, QfEheaCycle,
    Skill, Stackability, UsMicroCredential,
};
pub use check::SchemaCheck;
pub use profile::{Assessment, EQF_LEVEL_PREFIX, Profile, assess};
pub use schema::Schema;
pub use stack::{MicroCredentialStack, StackReport, check_stack};
pub use violation::Violation;
