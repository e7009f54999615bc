//! Arbitrary bytes through parsing, typed access, validation and writing: no input may panic or
//! hang, and whatever parses must write back to text that parses to the same document.
#![no_main]

use ler_model::json::{self, ParseOptions};
use ler_model::{Document, Issuer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = ParseOptions::default();
    let Ok(document) = Document::from_slice_with(data, &options) else {
        return;
    };
    let _ = document.validate();
    if let Document::Credential(credential) = &document {
        let view = credential.view();
        let _ = (
            view.version(),
            view.ob_version(),
            view.kind(),
            view.valid_from(),
            view.valid_until(),
        );
        if let Some(Issuer::Profile(p)) = view.issuer() {
            let _ = (p.name(), p.other_identifiers());
        }
        for subject in view.subjects() {
            if let Some(a) = subject.achievement() {
                let _ = (a.alignments(), a.result_descriptions(), a.tags());
            }
            if let Some(role) = subject.role() {
                let _ = (
                    role.occupations(),
                    role.skills(),
                    role.duties(),
                    role.employment_type(),
                );
            }
            for identity in subject.identifiers() {
                let _ = identity.matches("fuzz@example.org");
            }
            let _ = (subject.results(), subject.credentials().len());
        }
    }
    let compact = document.as_object().to_string();
    let back = json::parse_with(compact.as_bytes(), &options.max_bytes(usize::MAX));
    assert_eq!(
        back.ok().as_ref().and_then(|v| v.as_object()),
        Some(document.as_object())
    );
});
