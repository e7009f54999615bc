//! The public check table (`src/verifier/checks.md`, the crate docs) and the check ids
//! (`ler_report::CheckId`) say the same thing: every id in the table is a built-in id, and
//! every built-in id is documented.

use ler_verify::CheckId;

const TABLE: &str = include_str!("../src/verifier/checks.md");

/// The ids in the first column of the table rows: "| `proof.signature` | ...".
fn table_ids() -> Vec<&'static str> {
    TABLE
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split('`').next())
        .filter(|id| id.contains('.'))
        .collect()
}

#[test]
fn every_id_in_the_table_is_a_built_in_check_id() {
    let ids = table_ids();
    assert!(ids.len() > 20, "the table was not found: {ids:?}");
    for id in ids {
        assert!(
            CheckId::from_name(id).is_some(),
            "{id} is in checks.md but not a CheckId"
        );
    }
}

#[test]
fn every_built_in_check_id_is_documented() {
    for id in CheckId::ALL {
        assert!(
            TABLE.contains(&format!("`{id}`")),
            "{id} is a CheckId but checks.md does not document it"
        );
    }
}
