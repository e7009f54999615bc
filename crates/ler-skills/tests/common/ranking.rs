//! The occupation-ranking sanity set, shared by `tests/ranking.rs` and `examples/evaluate.rs`:
//! for six occupations, the records a person in it would hold (a course or licence with its
//! description, an employment record with a position title and duties), text only (no
//! alignments), and the O*NET and ESCO occupations that must rank in the top 3.

/// One person's records and the occupations they must rank near the top.
pub struct Case {
    /// Short name.
    pub name: &'static str,
    /// O*NET-SOC codes accepted as "their own occupation".
    pub onet: &'static [&'static str],
    /// ESCO occupation URIs accepted.
    pub esco: &'static [&'static str],
    /// The credentials (JSON).
    pub records: Vec<String>,
}

fn badge(id: &str, issuer: &str, name: &str, description: &str, hours: u32) -> String {
    let doc = serde_json::json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": format!("urn:uuid:{id}"),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": format!("https://{}.example/issuer", issuer.to_lowercase().replace(' ', "-")), "type": ["Profile"], "name": issuer},
        "validFrom": "2025-06-01T00:00:00Z",
        "name": name,
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": format!("https://example.org/achievements/{id}"),
                "type": ["Achievement"],
                "name": name,
                "description": description,
                "criteria": {"narrative": "Completed the course and passed the assessment."},
                "learningHours": hours
            }
        }
    });
    doc.to_string()
}

fn job(id: &str, employer: &str, title: &str, duties: &[&str]) -> String {
    let doc = serde_json::json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "https://w3id.org/ler/contexts/employment/v1"],
        "id": format!("urn:uuid:{id}"),
        "type": ["VerifiableCredential", "EmploymentCredential"],
        "issuer": {"id": "https://employer.example/org", "type": ["Profile"], "name": employer},
        "validFrom": "2025-01-01T00:00:00Z",
        "name": format!("Employment record: {title}"),
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["EmploymentSubject"],
            "employer": {"id": "https://employer.example/org", "type": ["Profile"], "name": employer},
            "role": {
                "type": ["EmploymentRole"],
                "positionTitle": title,
                "startDate": "2021-03-01",
                "endDate": "2024-12-31",
                "employmentType": "FullTime",
                "hoursPerWeek": 40,
                "duties": duties
            }
        }
    });
    doc.to_string()
}

/// The six cases.
pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "welder",
            onet: &["51-4121.00"],
            esco: &[
                "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b",
                "http://data.europa.eu/esco/occupation/2ff73126-7aff-4233-9d9c-d8725e1c6822",
            ],
            records: vec![
                badge(
                    "c0000000-0000-4000-8000-000000000001",
                    "Example Community College",
                    "MIG and TIG Welding Certificate",
                    "Gas metal arc welding and gas tungsten arc welding of steel and aluminium. \
                     Read welding blueprints and symbols; set up welding equipment; \
                     inspect welds for defects; operate oxy-fuel cutting torches safely.",
                    120,
                ),
                job(
                    "c0000000-0000-4000-8000-000000000002",
                    "Example Fabrication",
                    "Welder",
                    &[
                        "Welded structural steel components to drawings",
                        "Ground and finished welds",
                        "Cut metal plate with plasma cutters",
                    ],
                ),
            ],
        },
        Case {
            name: "registered nurse",
            onet: &["29-1141.00", "29-1141.01", "29-1141.03"],
            esco: &["http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"],
            records: vec![
                badge(
                    "c0000000-0000-4000-8000-000000000011",
                    "Example School of Nursing",
                    "Bachelor of Science in Nursing",
                    "Patient assessment, administering medication, wound care and infection control. \
                     Nursing care planning; clinical placements in acute care wards; \
                     patient education and health promotion.",
                    4000,
                ),
                job(
                    "c0000000-0000-4000-8000-000000000012",
                    "Example General Hospital",
                    "Registered Nurse",
                    &[
                        "Monitored patients' vital signs and recorded observations",
                        "Administered medications and intravenous fluids",
                        "Educated patients and families about care after discharge",
                    ],
                ),
            ],
        },
        Case {
            name: "software developer",
            onet: &["15-1252.00"],
            esco: &["http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"],
            records: vec![
                badge(
                    "c0000000-0000-4000-8000-000000000021",
                    "Example Coding Academy",
                    "Full Stack Software Development Bootcamp",
                    "Software design and object-oriented programming in Java and Python. \
                     Build REST APIs, write unit tests, use Git version control; \
                     relational databases and SQL; agile development.",
                    480,
                ),
                job(
                    "c0000000-0000-4000-8000-000000000022",
                    "Example Software Ltd",
                    "Software Developer",
                    &[
                        "Developed and maintained web applications in Java",
                        "Debugged software and fixed defects",
                        "Reviewed code and wrote technical documentation",
                    ],
                ),
            ],
        },
        Case {
            name: "electrician",
            onet: &["47-2111.00"],
            esco: &[
                "http://data.europa.eu/esco/occupation/4910419f-b4af-4f59-b544-9dbebc8a74f0",
                "http://data.europa.eu/esco/occupation/33960bab-4423-4808-af6c-ec2b485dba41",
                "http://data.europa.eu/esco/occupation/5dbb9cf0-b226-402c-a295-2f42ef05ff8b",
            ],
            records: vec![
                badge(
                    "c0000000-0000-4000-8000-000000000031",
                    "Example Trade School",
                    "Electrical Installation Apprenticeship",
                    "Install electrical wiring, conduit and circuit breakers in buildings. \
                     Read electrical diagrams; test electrical systems; \
                     apply the national electrical code and safety regulations.",
                    1200,
                ),
                job(
                    "c0000000-0000-4000-8000-000000000032",
                    "Example Electrical Contractors",
                    "Electrician",
                    &[
                        "Installed lighting fixtures and electrical panels",
                        "Diagnosed faults in wiring with test meters",
                        "Repaired electrical equipment",
                    ],
                ),
            ],
        },
        Case {
            name: "preschool teacher",
            onet: &["25-2011.00"],
            esco: &["http://data.europa.eu/esco/occupation/55d60ead-0343-4008-b9e4-fb4b5a179c83"],
            records: vec![
                badge(
                    "c0000000-0000-4000-8000-000000000041",
                    "Example College of Education",
                    "Early Childhood Education Diploma",
                    "Child development and play-based learning for children aged three to five. \
                     Plan lessons and activities for young children; observe and assess \
                     children's development; communicate with parents.",
                    900,
                ),
                job(
                    "c0000000-0000-4000-8000-000000000042",
                    "Example Kindergarten",
                    "Preschool Teacher",
                    &[
                        "Taught letters, numbers and colours through games and songs",
                        "Supervised children at play",
                        "Met with parents to discuss children's progress",
                    ],
                ),
            ],
        },
        Case {
            name: "truck driver",
            onet: &["53-3032.00"],
            esco: &[
                "http://data.europa.eu/esco/occupation/45037d43-a8f5-4f46-b332-b2935bc305f4",
                "http://data.europa.eu/esco/occupation/a504e79e-f146-4773-a1cf-2b15b9d614db",
                "http://data.europa.eu/esco/occupation/c5d779f4-345b-4918-872b-a1cbaeb1d9be",
            ],
            records: vec![
                badge(
                    "c0000000-0000-4000-8000-000000000051",
                    "Example Driving School",
                    "Commercial Driver's License (CDL) Class A Training",
                    "Operate tractor-trailer trucks; pre-trip vehicle inspection; \
                     hours of service rules and logbooks; secure cargo; \
                     defensive driving on highways.",
                    160,
                ),
                job(
                    "c0000000-0000-4000-8000-000000000052",
                    "Example Freight",
                    "Truck Driver",
                    &[
                        "Drove heavy trucks on long-haul routes",
                        "Loaded and unloaded freight",
                        "Kept delivery records and logs",
                    ],
                ),
            ],
        },
    ]
}
