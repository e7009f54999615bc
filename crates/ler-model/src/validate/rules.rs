//! The rule ids: stable, dotted, documented in one table (the crate docs, kept in step by a
//! test), each with the specification it comes from.

/// The specification a [`Rule`] comes from. A verifier keeps the two apart: breaking the VC
/// Data Model is a structural failure, breaking a profile (Open Badges, CLR, the employment
/// record) in a record whose proofs hold is a conformance finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Spec {
    /// W3C Verifiable Credentials Data Model 2.0 (and 1.1 for 1.1 documents): `vc.*`, `vp.*`.
    Vcdm,
    /// 1EdTech Open Badges 3.0: `ob.*`.
    OpenBadges3,
    /// 1EdTech Comprehensive Learner Record 2.0: `clr.*`.
    Clr2,
    /// The ler employment record profile: `emp.*`.
    Employment,
}

impl Spec {
    /// Whether this is a profile layered on the VC Data Model (everything but [`Spec::Vcdm`]).
    pub fn is_profile(self) -> bool {
        self != Spec::Vcdm
    }

    /// A short name: `vcdm`, `ob3`, `clr2` or `employment`.
    pub fn name(self) -> &'static str {
        match self {
            Spec::Vcdm => "vcdm",
            Spec::OpenBadges3 => "ob3",
            Spec::Clr2 => "clr2",
            Spec::Employment => "employment",
        }
    }
}

macro_rules! rules {
    ($($(#[doc = $doc:literal])+ $variant:ident = $id:literal in $spec:ident,)+) => {
        /// A structural rule a document can break. The dotted [`Rule::id`] is stable public API;
        /// the crate documentation lists every one.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Rule {
            $($(#[doc = $doc])+ $variant,)+
        }

        impl Rule {
            /// Every rule, in documentation order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)+];

            /// The stable dotted id, such as `vc.context.first`.
            pub fn id(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)+
                }
            }

            /// The specification the rule comes from.
            pub fn spec(self) -> Spec {
                match self {
                    $(Rule::$variant => Spec::$spec,)+
                }
            }

            /// The rule whose id is `id`.
            pub fn from_id(id: &str) -> Option<Rule> {
                match id {
                    $($id => Some(Rule::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

rules! {
    /// `@context` is missing.
    VcContextMissing = "vc.context.missing" in Vcdm,
    /// The first `@context` is not the VC base context (2.0, or 1.1 for 1.1 documents).
    VcContextFirst = "vc.context.first" in Vcdm,
    /// A `@context` entry is neither a URL string nor an object.
    VcContextValue = "vc.context.value" in Vcdm,
    /// An `id` is not a single URL.
    VcIdValue = "vc.id.value" in Vcdm,
    /// `type` is missing.
    VcTypeMissing = "vc.type.missing" in Vcdm,
    /// `type` is not a string or an array of strings.
    VcTypeValue = "vc.type.value" in Vcdm,
    /// A credential's `type` lacks `VerifiableCredential`.
    VcTypeMissingBase = "vc.type.missing-base" in Vcdm,
    /// `issuer` is missing.
    VcIssuerMissing = "vc.issuer.missing" in Vcdm,
    /// `issuer` is neither a URL nor an object whose `id` is a URL.
    VcIssuerValue = "vc.issuer.value" in Vcdm,
    /// `credentialSubject` is missing or empty.
    VcSubjectMissing = "vc.subject.missing" in Vcdm,
    /// A `credentialSubject` entry is not an object, or is an empty object (it makes no claim).
    VcSubjectValue = "vc.subject.value" in Vcdm,
    /// A date is not in its lexical form (`validFrom`/`validUntil`: `xsd:dateTimeStamp`;
    /// 1.1 `issuanceDate`/`expirationDate`: `xsd:dateTime`).
    VcDateFormat = "vc.date.format" in Vcdm,
    /// `validUntil` (or 1.1 `expirationDate`) is before `validFrom` (or `issuanceDate`).
    VcValidityOrder = "vc.validity.order" in Vcdm,
    /// A VC 1.1 credential has no `issuanceDate`.
    VcIssuanceDateMissing = "vc.issuance-date.missing" in Vcdm,
    /// `name` or `description` is not a string, a language value object, or an array of them.
    VcTextValue = "vc.text.value" in Vcdm,
    /// A `credentialStatus` entry is not an object with a `type` (and, if present, a URL `id`).
    VcStatusValue = "vc.status.value" in Vcdm,
    /// A `credentialSchema` entry is not an object with a URL `id` and a `type`.
    VcSchemaValue = "vc.schema.value" in Vcdm,
    /// An `evidence` entry is not an object with a `type`.
    VcEvidenceValue = "vc.evidence.value" in Vcdm,
    /// A `termsOfUse` entry is not an object with a `type`.
    VcTermsOfUseValue = "vc.terms-of-use.value" in Vcdm,
    /// A `refreshService` entry is not an object with a `type`.
    VcRefreshServiceValue = "vc.refresh-service.value" in Vcdm,
    /// A `relatedResource` entry lacks a URL `id` or both `digestSRI` and `digestMultibase`, or
    /// names the same `id` as an earlier entry.
    VcRelatedResourceValue = "vc.related-resource.value" in Vcdm,
    /// A `proof` entry is not an object with a `type`.
    VcProofValue = "vc.proof.value" in Vcdm,
    /// Credentials nested deeper than the validator follows (their content is not checked).
    VcNestingDepth = "vc.nesting.depth" in Vcdm,
    /// More violations than the validator lists (the first ones are listed, then this one with
    /// the count of the rest), so a hostile document cannot make the list unbounded.
    VcViolationsTruncated = "vc.violations.truncated" in Vcdm,
    /// A presentation's `type` lacks `VerifiablePresentation`.
    VpTypeMissingBase = "vp.type.missing-base" in Vcdm,
    /// `holder` is neither a URL nor an object whose `id` is a URL.
    VpHolderValue = "vp.holder.value" in Vcdm,
    /// A `verifiableCredential` entry of a presentation is not an object.
    VpCredentialValue = "vp.credential.value" in Vcdm,
    /// A document with an Open Badges context names no Open Badges credential type.
    ObCredentialType = "ob.credential.type" in OpenBadges3,
    /// An Open Badges credential lacks `id`, `name` or its issuance date (endorsements embedded
    /// in other objects are exempt, as 1EdTech's validator accepts them without).
    ObCredentialRequired = "ob.credential.required" in OpenBadges3,
    /// An Open Badges subject's `type` lacks `AchievementSubject`.
    ObSubjectType = "ob.subject.type" in OpenBadges3,
    /// An `AchievementSubject` has no `achievement`.
    ObSubjectRequired = "ob.subject.required" in OpenBadges3,
    /// An `AchievementSubject` has neither `id` nor `identifier`.
    ObSubjectIdentifier = "ob.subject.identifier" in OpenBadges3,
    /// An `Achievement` lacks `id`, `type`, `name`, `criteria` or `description`.
    ObAchievementRequired = "ob.achievement.required" in OpenBadges3,
    /// An `Achievement`'s `type` lacks `Achievement`.
    ObAchievementType = "ob.achievement.type" in OpenBadges3,
    /// An `Achievement` property has the wrong JSON type (`creditsAvailable` a number, `tag` strings, ...).
    ObAchievementValue = "ob.achievement.value" in OpenBadges3,
    /// `achievementType` is not a value of the enumeration nor an `ext:` extension.
    ObAchievementTypeValue = "ob.achievement-type.value" in OpenBadges3,
    /// `criteria` is not an object with an `id` or a `narrative`.
    ObCriteriaValue = "ob.criteria.value" in OpenBadges3,
    /// An `Alignment` lacks `targetName` or a URL `targetUrl`.
    ObAlignmentRequired = "ob.alignment.required" in OpenBadges3,
    /// An `Alignment`'s `type` lacks `Alignment`.
    ObAlignmentType = "ob.alignment.type" in OpenBadges3,
    /// `targetType` is not a value of the enumeration nor an `ext:` extension.
    ObAlignmentTargetType = "ob.alignment.target-type" in OpenBadges3,
    /// A `ResultDescription` lacks `id`, `name` or `resultType`.
    ObResultDescriptionRequired = "ob.result-description.required" in OpenBadges3,
    /// A `ResultDescription`'s `type` lacks `ResultDescription`.
    ObResultDescriptionType = "ob.result-description.type" in OpenBadges3,
    /// `resultType` is not a value of the enumeration nor an `ext:` extension.
    ObResultTypeValue = "ob.result-type.value" in OpenBadges3,
    /// A `RubricCriterionLevel` lacks `id`, `name`, or `RubricCriterionLevel` in its `type`.
    ObRubricLevelRequired = "ob.rubric-level.required" in OpenBadges3,
    /// A `Result`'s `type` lacks `Result`.
    ObResultType = "ob.result.type" in OpenBadges3,
    /// A `Result`'s `status` is not a value of the enumeration.
    ObResultStatus = "ob.result.status" in OpenBadges3,
    /// A `Profile` lacks a URL `id` or is not an object.
    ObProfileRequired = "ob.profile.required" in OpenBadges3,
    /// A `Profile`'s `type` lacks `Profile`.
    ObProfileType = "ob.profile.type" in OpenBadges3,
    /// An `IdentityObject` lacks `hashed` (a boolean), `identityHash` or `identityType`.
    ObIdentityRequired = "ob.identity.required" in OpenBadges3,
    /// An `IdentityObject`'s `type` lacks `IdentityObject`.
    ObIdentityType = "ob.identity.type" in OpenBadges3,
    /// A hashed `identityHash` is not `sha256$` and 64 hex digits (or `md5$` and 32).
    ObIdentityHash = "ob.identity.hash" in OpenBadges3,
    /// An `IdentifierEntry`'s `identifierType` is not a value of the enumeration nor an `ext:`
    /// extension. (`IdentityObject.identityType` is only checked to be a string: 1EdTech's own
    /// fixtures use values outside the enumeration.)
    ObIdentifierTypeValue = "ob.identifier-type.value" in OpenBadges3,
    /// An `IdentifierEntry` lacks `identifier` or `identifierType`.
    ObIdentifierEntryRequired = "ob.identifier-entry.required" in OpenBadges3,
    /// An `IdentifierEntry`'s `type` lacks `IdentifierEntry`.
    ObIdentifierEntryType = "ob.identifier-entry.type" in OpenBadges3,
    /// An Open Badges `Evidence`'s `type` lacks `Evidence`.
    ObEvidenceType = "ob.evidence.type" in OpenBadges3,
    /// An `Image` is not a URL string or an object with a URL `id` and `Image` in its `type`.
    ObImageValue = "ob.image.value" in OpenBadges3,
    /// A `Related` lacks a URL `id` or `Related` in its `type`.
    ObRelatedRequired = "ob.related.required" in OpenBadges3,
    /// An endorsement's subject lacks `EndorsementSubject` in its `type`, or an `id`.
    ObEndorsementSubject = "ob.endorsement-subject.required" in OpenBadges3,
    /// A document with a CLR context names no `ClrCredential` type.
    ClrCredentialType = "clr.credential.type" in Clr2,
    /// A `ClrCredential` lacks `id`, `name` or its issuance date.
    ClrCredentialRequired = "clr.credential.required" in Clr2,
    /// A CLR subject's `type` lacks `ClrSubject`.
    ClrSubjectType = "clr.subject.type" in Clr2,
    /// A `ClrSubject` has no `verifiableCredential` (one or more).
    ClrSubjectRequired = "clr.subject.required" in Clr2,
    /// A `ClrSubject.verifiableCredential` entry is not an object.
    ClrCredentialValue = "clr.credential.value" in Clr2,
    /// An `Association` lacks `associationType`, `sourceId` or `targetId`, or `Association` in its `type`.
    ClrAssociationRequired = "clr.association.required" in Clr2,
    /// `associationType` is not a value of the enumeration.
    ClrAssociationTypeValue = "clr.association-type.value" in Clr2,
    /// An employment record does not name the employment context.
    EmpContextMissing = "emp.context.missing" in Employment,
    /// A document with the employment context names no `EmploymentCredential` type.
    EmpCredentialType = "emp.credential.type" in Employment,
    /// An employment subject's `type` lacks `EmploymentSubject`.
    EmpSubjectType = "emp.subject.type" in Employment,
    /// An `EmploymentSubject` lacks `employer` or `role`.
    EmpSubjectRequired = "emp.subject.required" in Employment,
    /// A `role` is not an object with `EmploymentRole` in its `type`.
    EmpRoleType = "emp.role.type" in Employment,
    /// An `EmploymentRole` lacks `positionTitle` (a string).
    EmpRoleRequired = "emp.role.required" in Employment,
    /// `startDate` or `endDate` is not an `xsd:date` (`YYYY-MM-DD`).
    EmpDateFormat = "emp.date.format" in Employment,
    /// `endDate` is before `startDate`.
    EmpDateOrder = "emp.date.order" in Employment,
    /// `employmentType` is not one of FullTime, PartTime, Contract, Temporary, Internship,
    /// Apprenticeship, Volunteer, SelfEmployed.
    EmpEmploymentTypeValue = "emp.employment-type.value" in Employment,
    /// `hoursPerWeek` is not a number from 0 to 168.
    EmpHoursValue = "emp.hours.value" in Employment,
    /// `duties` is not an array of strings.
    EmpDutiesValue = "emp.duties.value" in Employment,
    /// `occupation` or `skill` is not an array of `Alignment` objects.
    EmpAlignmentValue = "emp.alignment.value" in Employment,
    /// An `occupation`'s `targetFramework` is not `O*NET-SOC` or `ESCO`, or its code or URL does
    /// not fit that framework.
    EmpOccupationFramework = "emp.occupation.framework" in Employment,
}
