//! Employment record rules (`emp.*`): the employment subject, employer, dates and occupations.

use super::terms::*;
use super::*;

impl Checker {
    pub(super) fn employment_subject(&mut self, subject: &Object, at: &At<'_>) {
        self.must_have_type(subject, at, Rule::EmpSubjectType, "EmploymentSubject");
        match subject.get("employer") {
            Some(employer) => self.profile_value(employer, &at.key("employer")),
            None => self.push(
                Rule::EmpSubjectRequired,
                at,
                "an EmploymentSubject needs employer",
            ),
        }
        let role = match subject.get("role") {
            Some(Value::Object(role)) => role,
            Some(other) => {
                self.push(
                    Rule::EmpRoleType,
                    &at.key("role"),
                    format!(
                        "role must be an EmploymentRole object, not {}",
                        other.kind()
                    ),
                );
                return;
            }
            None => {
                self.push(
                    Rule::EmpSubjectRequired,
                    at,
                    "an EmploymentSubject needs role",
                );
                return;
            }
        };
        self.employment_role(role, &at.key("role"));
    }

    /// The `EmploymentRole`: title, dates in order, type, hours, duties and its alignments.
    fn employment_role(&mut self, role: &Object, at: &At<'_>) {
        self.must_have_type(role, at, Rule::EmpRoleType, "EmploymentRole");
        if role
            .get("positionTitle")
            .is_none_or(|t| lang::problem(t).is_some())
        {
            self.push(
                Rule::EmpRoleRequired,
                at,
                "an EmploymentRole needs positionTitle (text)",
            );
        }
        self.role_dates(role, at);
        self.role_terms(role, at);
        self.role_alignments(role, at);
    }

    /// `startDate` and `endDate` are `xsd:date`s, the end not before the start.
    fn role_dates(&mut self, role: &Object, at: &At<'_>) {
        let read_date = |this: &mut Self, key: &str| -> Option<i64> {
            let value = role.get(key)?;
            match value.as_str().map(date::parse_date) {
                Some(Ok(days)) => Some(days),
                _ => {
                    this.push(
                        Rule::EmpDateFormat,
                        &at.key(key),
                        format!(
                            "{key} must be an xsd:date YYYY-MM-DD, not {}",
                            describe(value)
                        ),
                    );
                    None
                }
            }
        };
        let start = read_date(self, "startDate");
        let end = read_date(self, "endDate");
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            self.push(
                Rule::EmpDateOrder,
                &at.key("endDate"),
                "endDate is before startDate",
            );
        }
    }

    /// `employmentType` from the list, `hoursPerWeek` from 0 to 168, `duties` strings.
    fn role_terms(&mut self, role: &Object, at: &At<'_>) {
        if let Some(t) = role.get("employmentType")
            && !t.as_str().is_some_and(|t| EMPLOYMENT_TYPES.contains(&t))
        {
            self.push(
                Rule::EmpEmploymentTypeValue,
                &at.key("employmentType"),
                format!("{} is not an employment type", describe(t)),
            );
        }
        if let Some(h) = role.get("hoursPerWeek") {
            let ok = h
                .as_number()
                .map(|n| n.as_f64())
                .is_some_and(|n| (0.0..=168.0).contains(&n));
            if !ok {
                self.push(
                    Rule::EmpHoursValue,
                    &at.key("hoursPerWeek"),
                    format!(
                        "hoursPerWeek must be a number from 0 to 168, not {}",
                        describe(h)
                    ),
                );
            }
        }
        if let Some(d) = role.get("duties")
            && !d
                .as_array()
                .is_some_and(|a| a.iter().all(|v| v.as_str().is_some()))
        {
            self.push(
                Rule::EmpDutiesValue,
                &at.key("duties"),
                "duties must be an array of strings",
            );
        }
    }

    /// `occupation` and `skill` are arrays of Alignments; an occupation's fits its framework.
    fn role_alignments(&mut self, role: &Object, at: &At<'_>) {
        for key in ["occupation", "skill"] {
            let Some(value) = role.get(key) else { continue };
            let p = at.key(key);
            let Some(items) = value.as_array() else {
                self.push(
                    Rule::EmpAlignmentValue,
                    &p,
                    format!("{key} must be an array of Alignment objects"),
                );
                continue;
            };
            for (i, item) in items.iter().enumerate() {
                let p = p.index(i);
                let Value::Object(alignment) = item else {
                    self.push(
                        Rule::EmpAlignmentValue,
                        &p,
                        format!(
                            "{key} entries must be Alignment objects, not {}",
                            item.kind()
                        ),
                    );
                    continue;
                };
                self.alignment(alignment, &p);
                if key == "occupation" {
                    self.occupation(alignment, &p);
                }
            }
        }
    }

    /// An occupation alignment names its framework, and its code or URL fits it.
    pub(super) fn occupation(&mut self, a: &Object, at: &At<'_>) {
        let framework = a.get("targetFramework").and_then(Value::as_str);
        let code = a.get("targetCode").and_then(Value::as_str);
        let url = a.get("targetUrl").and_then(Value::as_str).unwrap_or("");
        let rule = Rule::EmpOccupationFramework;
        match framework {
            Some("O*NET-SOC") => {
                if !code.is_some_and(is_onet_soc_code) {
                    self.push(
                        rule,
                        &at.key("targetCode"),
                        "an O*NET-SOC occupation needs a targetCode like 15-1252.00",
                    );
                }
            }
            Some("ESCO") => {
                if !url.starts_with("http://data.europa.eu/esco/occupation/") {
                    self.push(
                        rule,
                        &at.key("targetUrl"),
                        "an ESCO occupation's targetUrl must be an ESCO occupation URI",
                    );
                }
            }
            _ => self.push(
                rule,
                &at.key("targetFramework"),
                "an occupation's targetFramework must be O*NET-SOC or ESCO",
            ),
        }
    }
}

/// `NN-NNNN` or `NN-NNNN.NN` (SOC 2018 and O*NET-SOC codes).
pub(super) fn is_onet_soc_code(code: &str) -> bool {
    let b = code.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let base = b.len() >= 7 && digits(0..2) && b[2] == b'-' && digits(3..7);
    base && (b.len() == 7 || (b.len() == 10 && b[7] == b'.' && digits(8..10)))
}
