//! The employment context (`https://w3id.org/ler/contexts/employment/v1`) after VC 2.0 and
//! OB 3.0.3: every employment term is defined (safe-mode expansion rejects undefined terms), maps
//! to the IRI the context documents, and the credential canonicalizes.

use ler_jsonld::{Options, canonicalize, to_rdf};
use ler_model::json;

/// An employment record using every term of the context (the shape of
/// `benches/fixtures/employment.json`, plus `description`, `name`, and an IRI occupation).
const CREDENTIAL: &str = r#"{
  "@context": [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    "https://w3id.org/ler/contexts/employment/v1"
  ],
  "id": "urn:uuid:0e5f6f4c-3d4e-4f0b-9a51-6a7b1c2d3e4f",
  "type": ["VerifiableCredential", "EmploymentCredential"],
  "issuer": {"id": "https://acme.example/org", "type": ["Profile"], "name": "Acme Analytics Ltd"},
  "validFrom": "2024-07-01T00:00:00Z",
  "name": "Employment record: Data Analyst",
  "description": "Confirms employment at Acme Analytics.",
  "credentialSubject": {
    "id": "did:example:worker-4471",
    "type": ["EmploymentSubject"],
    "employer": {"id": "https://acme.example/org", "type": ["Profile"], "name": "Acme Analytics Ltd", "url": "https://acme.example"},
    "role": {
      "type": ["EmploymentRole"],
      "name": "Analyst role",
      "description": "Analytics for the sales team.",
      "positionTitle": "Data Analyst",
      "occupation": [
        {"type": ["Alignment"], "targetName": "Business Intelligence Analysts", "targetUrl": "https://www.onetonline.org/link/summary/15-2051.01", "targetFramework": "O*NET-SOC", "targetCode": "15-2051.01"},
        "http://data.europa.eu/esco/occupation/d3edb8f8-3a06-47a0-8fb9-9b212c006aa2"
      ],
      "startDate": "2021-03-01",
      "endDate": "2024-06-30",
      "employmentType": "FullTime",
      "hoursPerWeek": 40,
      "duties": ["Built the weekly sales dashboard", "Trained five colleagues in SQL"],
      "skill": [
        {"type": ["Alignment"], "targetName": "SQL", "targetUrl": "https://example.org/skills/sql", "targetFramework": "Example Skills Framework", "targetType": "ceasn:Competency"}
      ]
    }
  }
}"#;

#[test]
fn every_employment_term_is_defined_and_mapped() {
    let doc = json::parse(CREDENTIAL.as_bytes()).unwrap();
    let out = to_rdf(&doc, &Options::safe()).unwrap();
    assert!(
        out.vocab.is_empty(),
        "terms mapped only by @vocab: {:?}",
        out.vocab
    );
    let nquads = out.dataset.to_nquads();
    let ler = "https://w3id.org/ler/vocab#";
    for expected in [
        format!("<{ler}EmploymentCredential>"),
        format!("<{ler}EmploymentSubject>"),
        format!("<{ler}EmploymentRole>"),
        format!("<{ler}employer> <https://acme.example/org>"),
        format!("<{ler}role> _:"),
        "<https://schema.org/jobTitle> \"Data Analyst\"".to_owned(),
        format!(
            "<{ler}occupation> <http://data.europa.eu/esco/occupation/d3edb8f8-3a06-47a0-8fb9-9b212c006aa2>"
        ),
        "<https://schema.org/startDate> \"2021-03-01\"^^<http://www.w3.org/2001/XMLSchema#date>"
            .to_owned(),
        "<https://schema.org/endDate> \"2024-06-30\"^^<http://www.w3.org/2001/XMLSchema#date>"
            .to_owned(),
        "<https://schema.org/employmentType> \"FullTime\"".to_owned(),
        format!("<{ler}hoursPerWeek> \"40\"^^<http://www.w3.org/2001/XMLSchema#decimal>"),
        "<https://schema.org/responsibilities> \"Trained five colleagues in SQL\"".to_owned(),
        format!("<{ler}skill> _:"),
        "<https://schema.org/targetName> \"SQL\"".to_owned(),
        "<https://schema.org/name> \"Analyst role\"".to_owned(),
        "<https://schema.org/description> \"Analytics for the sales team.\"".to_owned(),
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/AlignmentObject>"
            .to_owned(),
    ] {
        assert!(nquads.contains(&expected), "missing {expected}\n{nquads}");
    }
    let canonical = canonicalize(&out.dataset).unwrap();
    assert_eq!(
        canonical.issued_identifiers().len(),
        3,
        "role, two alignments"
    );
}

#[test]
fn an_undefined_term_beside_the_employment_context_is_rejected() {
    let with_typo = CREDENTIAL.replace("\"positionTitle\"", "\"positionTitel\"");
    let doc = json::parse(with_typo.as_bytes()).unwrap();
    assert!(to_rdf(&doc, &Options::safe()).is_err());
}
