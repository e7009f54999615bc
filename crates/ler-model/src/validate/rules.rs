//! The rule ids: stable, dotted, documented in one table (the crate docs, kept in step by a
//! test).

macro_rules! rules {
    ($($(#[doc = $doc:literal])+ $variant:ident = $id:literal,)+) => {
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
    VcContextMissing = "vc.context.missing",
    /// The first `@context` is not the VC base context (2.0, or 1.1 for 1.1 documents).
    VcContextFirst = "vc.context.first",
    /// A `@context` entry is neither a URL string nor an object.
    VcContextValue = "vc.context.value",
    /// An `id` is not a single URL.
    VcIdValue = "vc.id.value",
    /// `type` is missing.
    VcTypeMissing = "vc.type.missing",
    /// `type` is not a string or an array of strings.
    VcTypeValue = "vc.type.value",
    /// A credential's `type` lacks `VerifiableCredential`.
    VcTypeMissingBase = "vc.type.missing-base",
    /// `issuer` is missing.
    VcIssuerMissing = "vc.issuer.missing",
    /// `issuer` is neither a URL nor an object whose `id` is a URL.
    VcIssuerValue = "vc.issuer.value",
    /// `credentialSubject` is missing or empty.
    VcSubjectMissing = "vc.subject.missing",
    /// A `credentialSubject` entry is not an object.
    VcSubjectValue = "vc.subject.value",
    /// A date is not in its lexical form (`validFrom`/`validUntil`: `xsd:dateTimeStamp`;
    /// 1.1 `issuanceDate`/`expirationDate`: `xsd:dateTime`).
    VcDateFormat = "vc.date.format",
    /// `validUntil` (or 1.1 `expirationDate`) is before `validFrom` (or `issuanceDate`).
    VcValidityOrder = "vc.validity.order",
    /// A VC 1.1 credential has no `issuanceDate`.
    VcIssuanceDateMissing = "vc.issuance-date.missing",
    /// `name` or `description` is not a string, a language value object, or an array of them.
    VcTextValue = "vc.text.value",
    /// A `credentialStatus` entry is not an object with a `type` (and, if present, a URL `id`).
    VcStatusValue = "vc.status.value",
    /// A `credentialSchema` entry is not an object with a URL `id` and a `type`.
    VcSchemaValue = "vc.schema.value",
    /// An `evidence` entry is not an object with a `type`.
    VcEvidenceValue = "vc.evidence.value",
    /// A `termsOfUse` entry is not an object with a `type`.
    VcTermsOfUseValue = "vc.terms-of-use.value",
    /// A `refreshService` entry is not an object with a `type`.
    VcRefreshServiceValue = "vc.refresh-service.value",
    /// A `relatedResource` entry lacks a URL `id` or both `digestSRI` and `digestMultibase`.
    VcRelatedResourceValue = "vc.related-resource.value",
    /// A `proof` entry is not an object with a `type`.
    VcProofValue = "vc.proof.value",
    /// Credentials nested deeper than the validator follows (their content is not checked).
    VcNestingDepth = "vc.nesting.depth",
    /// More violations than the validator lists (the first ones are listed, then this one with
    /// the count of the rest), so a hostile document cannot make the list unbounded.
    VcViolationsTruncated = "vc.violations.truncated",
    /// A presentation's `type` lacks `VerifiablePresentation`.
    VpTypeMissingBase = "vp.type.missing-base",
    /// `holder` is neither a URL nor an object whose `id` is a URL.
    VpHolderValue = "vp.holder.value",
    /// A `verifiableCredential` entry of a presentation is not an object.
    VpCredentialValue = "vp.credential.value",
    /// A document with an Open Badges context names no Open Badges credential type.
    ObCredentialType = "ob.credential.type",
    /// An Open Badges credential lacks `id`, `name` or its issuance date (endorsements embedded
    /// in other objects are exempt, as 1EdTech's validator accepts them without).
    ObCredentialRequired = "ob.credential.required",
    /// An Open Badges subject's `type` lacks `AchievementSubject`.
    ObSubjectType = "ob.subject.type",
    /// An `AchievementSubject` has no `achievement`.
    ObSubjectRequired = "ob.subject.required",
    /// An `AchievementSubject` has neither `id` nor `identifier`.
    ObSubjectIdentifier = "ob.subject.identifier",
    /// An `Achievement` lacks `id`, `type`, `name`, `criteria` or `description`.
    ObAchievementRequired = "ob.achievement.required",
    /// An `Achievement`'s `type` lacks `Achievement`.
    ObAchievementType = "ob.achievement.type",
    /// An `Achievement` property has the wrong JSON type (`creditsAvailable` a number, `tag` strings, ...).
    ObAchievementValue = "ob.achievement.value",
    /// `achievementType` is not a value of the enumeration nor an `ext:` extension.
    ObAchievementTypeValue = "ob.achievement-type.value",
    /// `criteria` is not an object with an `id` or a `narrative`.
    ObCriteriaValue = "ob.criteria.value",
    /// An `Alignment` lacks `targetName` or a URL `targetUrl`.
    ObAlignmentRequired = "ob.alignment.required",
    /// An `Alignment`'s `type` lacks `Alignment`.
    ObAlignmentType = "ob.alignment.type",
    /// `targetType` is not a value of the enumeration nor an `ext:` extension.
    ObAlignmentTargetType = "ob.alignment.target-type",
    /// A `ResultDescription` lacks `id`, `name` or `resultType`.
    ObResultDescriptionRequired = "ob.result-description.required",
    /// A `ResultDescription`'s `type` lacks `ResultDescription`.
    ObResultDescriptionType = "ob.result-description.type",
    /// `resultType` is not a value of the enumeration nor an `ext:` extension.
    ObResultTypeValue = "ob.result-type.value",
    /// A `RubricCriterionLevel` lacks `id`, `name`, or `RubricCriterionLevel` in its `type`.
    ObRubricLevelRequired = "ob.rubric-level.required",
    /// A `Result`'s `type` lacks `Result`.
    ObResultType = "ob.result.type",
    /// A `Result`'s `status` is not a value of the enumeration.
    ObResultStatus = "ob.result.status",
    /// A `Profile` lacks a URL `id` or is not an object.
    ObProfileRequired = "ob.profile.required",
    /// A `Profile`'s `type` lacks `Profile`.
    ObProfileType = "ob.profile.type",
    /// An `IdentityObject` lacks `hashed` (a boolean), `identityHash` or `identityType`.
    ObIdentityRequired = "ob.identity.required",
    /// An `IdentityObject`'s `type` lacks `IdentityObject`.
    ObIdentityType = "ob.identity.type",
    /// A hashed `identityHash` is not `sha256$` and 64 hex digits (or `md5$` and 32).
    ObIdentityHash = "ob.identity.hash",
    /// An `IdentifierEntry`'s `identifierType` is not a value of the enumeration nor an `ext:`
    /// extension. (`IdentityObject.identityType` is only checked to be a string: 1EdTech's own
    /// fixtures use values outside the enumeration.)
    ObIdentifierTypeValue = "ob.identifier-type.value",
    /// An `IdentifierEntry` lacks `identifier` or `identifierType`.
    ObIdentifierEntryRequired = "ob.identifier-entry.required",
    /// An `IdentifierEntry`'s `type` lacks `IdentifierEntry`.
    ObIdentifierEntryType = "ob.identifier-entry.type",
    /// An Open Badges `Evidence`'s `type` lacks `Evidence`.
    ObEvidenceType = "ob.evidence.type",
    /// An `Image` is not a URL string or an object with a URL `id` and `Image` in its `type`.
    ObImageValue = "ob.image.value",
    /// A `Related` lacks a URL `id` or `Related` in its `type`.
    ObRelatedRequired = "ob.related.required",
    /// An endorsement's subject lacks `EndorsementSubject` in its `type`, or an `id`.
    ObEndorsementSubject = "ob.endorsement-subject.required",
    /// A document with a CLR context names no `ClrCredential` type.
    ClrCredentialType = "clr.credential.type",
    /// A `ClrCredential` lacks `id`, `name` or its issuance date.
    ClrCredentialRequired = "clr.credential.required",
    /// A CLR subject's `type` lacks `ClrSubject`.
    ClrSubjectType = "clr.subject.type",
    /// A `ClrSubject` has no `verifiableCredential` (one or more).
    ClrSubjectRequired = "clr.subject.required",
    /// A `ClrSubject.verifiableCredential` entry is not an object.
    ClrCredentialValue = "clr.credential.value",
    /// An `Association` lacks `associationType`, `sourceId` or `targetId`, or `Association` in its `type`.
    ClrAssociationRequired = "clr.association.required",
    /// `associationType` is not a value of the enumeration.
    ClrAssociationTypeValue = "clr.association-type.value",
    /// An employment record does not name the employment context.
    EmpContextMissing = "emp.context.missing",
    /// A document with the employment context names no `EmploymentCredential` type.
    EmpCredentialType = "emp.credential.type",
    /// An employment subject's `type` lacks `EmploymentSubject`.
    EmpSubjectType = "emp.subject.type",
    /// An `EmploymentSubject` lacks `employer` or `role`.
    EmpSubjectRequired = "emp.subject.required",
    /// A `role` is not an object with `EmploymentRole` in its `type`.
    EmpRoleType = "emp.role.type",
    /// An `EmploymentRole` lacks `positionTitle` (a string).
    EmpRoleRequired = "emp.role.required",
    /// `startDate` or `endDate` is not an `xsd:date` (`YYYY-MM-DD`).
    EmpDateFormat = "emp.date.format",
    /// `endDate` is before `startDate`.
    EmpDateOrder = "emp.date.order",
    /// `employmentType` is not one of FullTime, PartTime, Contract, Temporary, Internship,
    /// Apprenticeship, Volunteer, SelfEmployed.
    EmpEmploymentTypeValue = "emp.employment-type.value",
    /// `hoursPerWeek` is not a number from 0 to 168.
    EmpHoursValue = "emp.hours.value",
    /// `duties` is not an array of strings.
    EmpDutiesValue = "emp.duties.value",
    /// `occupation` or `skill` is not an array of `Alignment` objects.
    EmpAlignmentValue = "emp.alignment.value",
    /// An `occupation`'s `targetFramework` is not `O*NET-SOC` or `ESCO`, or its code or URL does
    /// not fit that framework.
    EmpOccupationFramework = "emp.occupation.framework",
}
