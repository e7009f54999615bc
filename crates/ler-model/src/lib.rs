//! Typed, lossless Learning and Employment Records: W3C Verifiable Credentials 2.0 (and 1.1
//! reading), 1EdTech Open Badges 3.0, CLR 2.0 and employment records.
//!
//! A [`Credential`] is the parsed document itself ([`json::Object`]: key order, number text,
//! date strings and unknown properties all kept), with typed, borrowing views over it
//! ([`Credential::view`], [`Subject`], [`Achievement`], [`Alignment`], [`EmploymentRole`], ...)
//! and structural validation ([`Credential::validate`]) that reports every violation with a
//! stable rule id and a JSON pointer. Builders ([`builder`]) produce new documents. Proofs are
//! kept as data here; verifying them is `ler-verify`'s job (with `ler-proof`'s cryptosuites).
//!
//! ```
//! use ler_model::{Credential, CredentialKind, VcVersion};
//!
//! let text = br#"{
//!   "@context": ["https://www.w3.org/ns/credentials/v2",
//!                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
//!   "id": "urn:uuid:2f1c3d4e-0000-4000-8000-000000000001",
//!   "type": ["VerifiableCredential", "OpenBadgeCredential"],
//!   "issuer": {"id": "https://example.edu/issuers/565049", "type": ["Profile"], "name": "Example University"},
//!   "validFrom": "2010-01-01T00:00:00Z",
//!   "name": "Teamwork Badge",
//!   "credentialSubject": {
//!     "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
//!     "type": ["AchievementSubject"],
//!     "achievement": {
//!       "id": "https://example.edu/achievements/teamwork", "type": ["Achievement"],
//!       "name": "Teamwork", "description": "Works well in a team.",
//!       "criteria": {"narrative": "Nominated by peers."}
//!     }
//!   }
//! }"#;
//! let credential = Credential::from_slice(text)?;
//! assert_eq!(credential.version(), Some(VcVersion::V2_0));
//! assert_eq!(credential.kind(), CredentialKind::OpenBadge);
//! let achievement = credential.subjects()[0].achievement().unwrap();
//! assert_eq!(achievement.name(), Some("Teamwork"));
//! assert!(credential.validate().is_empty());
//! // Lossless: the same JSON comes back out.
//! assert_eq!(credential.to_json_string(), ler_model::json::parse(text)?.to_string());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Lossless
//!
//! The parsed JSON is the source of truth, so writing it back gives the same keys in the same
//! order, every number with the text it was written with, date strings as written and every
//! property this crate does not know. Duplicate keys are an error naming the key and its JSON
//! pointer. Size and nesting depth are bounded ([`json::ParseOptions`], 10 MB and 128 levels by
//! default); the parser never recurses.
//!
//! # Versions and kinds
//!
//! [`VcVersion`] comes from the first `@context` (2.0 or 1.1; 1.1 documents are read with
//! `issuanceDate`/`expirationDate`). [`CredentialKind`] comes from `type`: Open Badges
//! (`OpenBadgeCredential`/`AchievementCredential`), `EndorsementCredential`, `ClrCredential`,
//! `EmploymentCredential`, or a plain verifiable credential. [`Document`] tells a credential
//! from a [`Presentation`]. Names and descriptions may be plain or language-tagged ([`lang`]).
//!
//! # Employment records
//!
//! An `EmploymentCredential` (context [`context::EMPLOYMENT_V1`]) has an `EmploymentSubject`
//! with an `employer` (an Open Badges `Profile`) and a `role` (`EmploymentRole`):
//! `positionTitle`, `occupation` (Open Badges `Alignment`s whose `targetFramework` is
//! `O*NET-SOC` or `ESCO`), `startDate`/`endDate` (`YYYY-MM-DD`, end not before start),
//! `employmentType` ([`EmploymentType`]), `hoursPerWeek` (0 to 168), `duties` (strings) and
//! `skill` (`Alignment`s).
//!
//! # Validation rules
//!
//! [`Credential::validate`] checks what a data model can check: VC 2.0 MUSTs, Open Badges 3.0
//! and CLR 2.0 required properties, value types and enumerations, and the employment record's
//! rules. It does not check proofs, status, schemas, JSON-LD term definitions or the clock
//! (a credential that is expired or not yet valid breaks no rule here). Credentials nested in
//! a CLR, a presentation or an endorsement are checked with the same rules; their pointers lead
//! into them. Each rule knows the specification it comes from ([`Rule::spec`], a [`Spec`]):
//! `vc.*` and `vp.*` are the VC Data Model's, `ob.*` Open Badges 3.0's, `clr.*` CLR 2.0's and
//! `emp.*` the employment record's. A verifier reports data model violations as structural
//! failures and profile violations separately (`ler_verify`: `profile.*` checks, warnings unless
//! strict). Every rule id ([`Rule::id`]):
//!
//! | rule id | broken when |
//! |---|---|
//! | `vc.context.missing` | `@context` is missing. |
//! | `vc.context.first` | The first `@context` is not the VC base context (2.0, or 1.1 for 1.1 documents). |
//! | `vc.context.value` | A `@context` entry is neither a URL string nor an object. |
//! | `vc.id.value` | An `id` is not a single URL. |
//! | `vc.type.missing` | `type` is missing. |
//! | `vc.type.value` | `type` is not a string or an array of strings. |
//! | `vc.type.missing-base` | A credential's `type` lacks `VerifiableCredential`. |
//! | `vc.issuer.missing` | `issuer` is missing. |
//! | `vc.issuer.value` | `issuer` is neither a URL nor an object whose `id` is a URL. |
//! | `vc.subject.missing` | `credentialSubject` is missing or empty. |
//! | `vc.subject.value` | A `credentialSubject` entry is not an object, or is an empty object (it makes no claim). |
//! | `vc.date.format` | A date is not in its lexical form (`validFrom`/`validUntil`: `xsd:dateTimeStamp`; 1.1 `issuanceDate`/`expirationDate`: `xsd:dateTime`). |
//! | `vc.validity.order` | `validUntil` (or 1.1 `expirationDate`) is before `validFrom` (or `issuanceDate`). |
//! | `vc.issuance-date.missing` | A VC 1.1 credential has no `issuanceDate`. |
//! | `vc.text.value` | `name` or `description` is not a string, a language value object, or an array of them. |
//! | `vc.status.value` | A `credentialStatus` entry is not an object with a `type` (and, if present, a URL `id`). |
//! | `vc.schema.value` | A `credentialSchema` entry is not an object with a URL `id` and a `type`. |
//! | `vc.evidence.value` | An `evidence` entry is not an object with a `type`. |
//! | `vc.terms-of-use.value` | A `termsOfUse` entry is not an object with a `type`. |
//! | `vc.refresh-service.value` | A `refreshService` entry is not an object with a `type`. |
//! | `vc.related-resource.value` | A `relatedResource` entry lacks a URL `id` or both `digestSRI` and `digestMultibase`, or names the same `id` as an earlier entry. |
//! | `vc.proof.value` | A `proof` entry is not an object with a `type`. |
//! | `vc.nesting.depth` | Credentials nested deeper than the validator follows (their content is not checked). |
//! | `vc.violations.truncated` | More violations than the validator lists ([`MAX_VIOLATIONS`]): the first are listed, then this one with the count of the rest. |
//! | `vp.type.missing-base` | A presentation's `type` lacks `VerifiablePresentation`. |
//! | `vp.holder.value` | `holder` is neither a URL nor an object whose `id` is a URL. |
//! | `vp.credential.value` | A `verifiableCredential` entry of a presentation is not an object. |
//! | `ob.credential.type` | A document with an Open Badges context names no Open Badges credential type. |
//! | `ob.credential.required` | An Open Badges credential lacks `id`, `name` or its issuance date (endorsements embedded in other objects are exempt, as 1EdTech's validator accepts them without). |
//! | `ob.subject.type` | An Open Badges subject's `type` lacks `AchievementSubject`. |
//! | `ob.subject.required` | An `AchievementSubject` has no `achievement`. |
//! | `ob.subject.identifier` | An `AchievementSubject` has neither `id` nor `identifier`. |
//! | `ob.achievement.required` | An `Achievement` lacks `id`, `type`, `name`, `criteria` or `description`. |
//! | `ob.achievement.type` | An `Achievement`'s `type` lacks `Achievement`. |
//! | `ob.achievement.value` | An `Achievement` property has the wrong JSON type (`creditsAvailable` a number, `tag` strings, ...). |
//! | `ob.achievement-type.value` | `achievementType` is not a value of the enumeration nor an `ext:` extension. |
//! | `ob.criteria.value` | `criteria` is not an object with an `id` or a `narrative`. |
//! | `ob.alignment.required` | An `Alignment` lacks `targetName` or a URL `targetUrl`. |
//! | `ob.alignment.type` | An `Alignment`'s `type` lacks `Alignment`. |
//! | `ob.alignment.target-type` | `targetType` is not a value of the enumeration nor an `ext:` extension. |
//! | `ob.result-description.required` | A `ResultDescription` lacks `id`, `name` or `resultType`. |
//! | `ob.result-description.type` | A `ResultDescription`'s `type` lacks `ResultDescription`. |
//! | `ob.result-type.value` | `resultType` is not a value of the enumeration nor an `ext:` extension. |
//! | `ob.rubric-level.required` | A `RubricCriterionLevel` lacks `id`, `name`, or `RubricCriterionLevel` in its `type`. |
//! | `ob.result.type` | A `Result`'s `type` lacks `Result`. |
//! | `ob.result.status` | A `Result`'s `status` is not a value of the enumeration. |
//! | `ob.profile.required` | A `Profile` lacks a URL `id` or is not an object. |
//! | `ob.profile.type` | A `Profile`'s `type` lacks `Profile`. |
//! | `ob.identity.required` | An `IdentityObject` lacks `hashed` (a boolean), `identityHash` or `identityType`. |
//! | `ob.identity.type` | An `IdentityObject`'s `type` lacks `IdentityObject`. |
//! | `ob.identity.hash` | A hashed `identityHash` is not `sha256$` and 64 hex digits (or `md5$` and 32). |
//! | `ob.identifier-type.value` | An `IdentifierEntry`'s `identifierType` is not a value of the enumeration nor an `ext:` extension. (`IdentityObject.identityType` is only checked to be a string: 1EdTech's own fixtures use values outside the enumeration.) |
//! | `ob.identifier-entry.required` | An `IdentifierEntry` lacks `identifier` or `identifierType`. |
//! | `ob.identifier-entry.type` | An `IdentifierEntry`'s `type` lacks `IdentifierEntry`. |
//! | `ob.evidence.type` | An Open Badges `Evidence`'s `type` lacks `Evidence`. |
//! | `ob.image.value` | An `Image` is not a URL string or an object with a URL `id` and `Image` in its `type`. |
//! | `ob.related.required` | A `Related` lacks a URL `id` or `Related` in its `type`. |
//! | `ob.endorsement-subject.required` | An endorsement's subject lacks `EndorsementSubject` in its `type`, or an `id`. |
//! | `clr.credential.type` | A document with a CLR context names no `ClrCredential` type. |
//! | `clr.credential.required` | A `ClrCredential` lacks `id`, `name` or its issuance date. |
//! | `clr.subject.type` | A CLR subject's `type` lacks `ClrSubject`. |
//! | `clr.subject.required` | A `ClrSubject` has no `verifiableCredential` (one or more). |
//! | `clr.credential.value` | A `ClrSubject.verifiableCredential` entry is not an object. |
//! | `clr.association.required` | An `Association` lacks `associationType`, `sourceId` or `targetId`, or `Association` in its `type`. |
//! | `clr.association-type.value` | `associationType` is not a value of the enumeration. |
//! | `emp.context.missing` | An employment record does not name the employment context. |
//! | `emp.credential.type` | A document with the employment context names no `EmploymentCredential` type. |
//! | `emp.subject.type` | An employment subject's `type` lacks `EmploymentSubject`. |
//! | `emp.subject.required` | An `EmploymentSubject` lacks `employer` or `role`. |
//! | `emp.role.type` | A `role` is not an object with `EmploymentRole` in its `type`. |
//! | `emp.role.required` | An `EmploymentRole` lacks `positionTitle` (a string). |
//! | `emp.date.format` | `startDate` or `endDate` is not an `xsd:date` (`YYYY-MM-DD`). |
//! | `emp.date.order` | `endDate` is before `startDate`. |
//! | `emp.employment-type.value` | `employmentType` is not one of FullTime, PartTime, Contract, Temporary, Internship, Apprenticeship, Volunteer, SelfEmployed. |
//! | `emp.hours.value` | `hoursPerWeek` is not a number from 0 to 168. |
//! | `emp.duties.value` | `duties` is not an array of strings. |
//! | `emp.alignment.value` | `occupation` or `skill` is not an array of `Alignment` objects. |
//! | `emp.occupation.framework` | An `occupation`'s `targetFramework` is not `O*NET-SOC` or `ESCO`, or its code or URL does not fit that framework. |

pub mod builder;
pub mod context;
mod credential;
pub mod date;
pub mod identity;
mod kind;
pub use ler_json as json;
pub mod lang;
mod model;
mod util;
mod validate;

pub use context::{ObVersion, VcVersion};
pub use credential::{Credential, CredentialRef, Document, Error, Presentation};
pub use kind::CredentialKind;
pub use model::{
    Achievement, AchievementResult, Alignment, Association, EmploymentRole, EmploymentType,
    Evidence, IdentifierEntry, IdentityObject, Image, Issuer, Profile, ResultDescription, Subject,
    SubjectKind,
};
pub use validate::{MAX_VIOLATIONS, Rule, Spec, Violation};
