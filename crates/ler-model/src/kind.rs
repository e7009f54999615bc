//! What kind of credential a document is, told by its `type`: shared by the typed views and the
//! validation rules.

use crate::json::Object;
use crate::util::has_type;

/// What kind of credential a document is, told by its `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CredentialKind {
    /// Open Badges 3.0 `OpenBadgeCredential` / `AchievementCredential`.
    OpenBadge,
    /// Open Badges 3.0 `EndorsementCredential`.
    Endorsement,
    /// CLR 2.0 `ClrCredential`.
    Clr,
    /// An employment record (`EmploymentCredential`).
    Employment,
    /// Any other verifiable credential.
    Plain,
}

impl CredentialKind {
    /// A short name for people: `Open Badge`, `CLR`, ...
    pub fn label(self) -> &'static str {
        match self {
            Self::OpenBadge => "Open Badges achievement credential",
            Self::Endorsement => "Open Badges endorsement credential",
            Self::Clr => "CLR 2.0 credential",
            Self::Employment => "employment record",
            Self::Plain => "verifiable credential",
        }
    }

    pub(crate) fn of(object: &Object) -> Self {
        let has = |t: &str| has_type(object, t);
        if has("ClrCredential") {
            Self::Clr
        } else if has("EmploymentCredential") {
            Self::Employment
        } else if has("EndorsementCredential") {
            Self::Endorsement
        } else if has("OpenBadgeCredential") || has("AchievementCredential") {
            Self::OpenBadge
        } else {
            Self::Plain
        }
    }
}
