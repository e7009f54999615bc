//! The enumerations the profiles allow (Open Badges 3.0, employment records): the closed
//! vocabularies a value is checked against.

pub(super) const ACHIEVEMENT_TYPES: &[&str] = &[
    "Achievement",
    "ApprenticeshipCertificate",
    "Assessment",
    "Assignment",
    "AssociateDegree",
    "Award",
    "Badge",
    "BachelorDegree",
    "Certificate",
    "CertificateOfCompletion",
    "Certification",
    "CommunityService",
    "Competency",
    "Course",
    "CoCurricular",
    "Degree",
    "Diploma",
    "DoctoralDegree",
    "Fieldwork",
    "GeneralEducationDevelopment",
    "JourneymanCertificate",
    "LearningProgram",
    "License",
    "Membership",
    "ProfessionalDoctorate",
    "QualityAssuranceCredential",
    "MasterCertificate",
    "MasterDegree",
    "MicroCredential",
    "ResearchDoctorate",
    "SecondarySchoolDiploma",
];

pub(super) const ALIGNMENT_TARGET_TYPES: &[&str] = &[
    "ceasn:Competency",
    "ceterms:Credential",
    "CFItem",
    "CFRubric",
    "CFRubricCriterion",
    "CFRubricCriterionLevel",
    "CTDL",
];

pub(super) const RESULT_TYPES: &[&str] = &[
    "GradePointAverage",
    "LetterGrade",
    "Percent",
    "PerformanceLevel",
    "PredictedScore",
    "RawScore",
    "Result",
    "RubricCriterion",
    "RubricCriterionLevel",
    "RubricScore",
    "ScaledScore",
    "Status",
];

pub(super) const RESULT_STATUSES: &[&str] = &[
    "Completed",
    "Enrolled",
    "Failed",
    "InProgress",
    "OnHold",
    "Provisional",
    "Withdrew",
];

pub(super) const IDENTIFIER_TYPES: &[&str] = &[
    "name",
    "sourcedId",
    "systemId",
    "productId",
    "userName",
    "accountId",
    "emailAddress",
    "nationalIdentityNumber",
    "isbn",
    "issn",
    "lisSourcedId",
    "oneRosterSourcedId",
    "sisSourcedId",
    "ltiContextId",
    "ltiDeploymentId",
    "ltiToolId",
    "ltiPlatformId",
    "ltiUserId",
    "identifier",
];

pub(super) const ASSOCIATION_TYPES: &[&str] = &[
    "exactMatchOf",
    "isChildOf",
    "isParentOf",
    "isPartOf",
    "isPeerOf",
    "isRelatedTo",
    "precedes",
    "replacedBy",
];

pub(super) const EMPLOYMENT_TYPES: &[&str] = &[
    "FullTime",
    "PartTime",
    "Contract",
    "Temporary",
    "Internship",
    "Apprenticeship",
    "Volunteer",
    "SelfEmployed",
];

/// Whether `value` is in `allowed` or is an `ext:` extension term, as OB enumerations allow.
pub(super) fn in_extensible(value: &str, allowed: &[&str]) -> bool {
    allowed.contains(&value)
        || value
            .strip_prefix("ext:")
            .is_some_and(|rest| !rest.is_empty())
}
