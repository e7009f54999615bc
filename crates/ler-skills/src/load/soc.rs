//! US SOC 2018 structure (`soc_structure_2018.csv`: level, soc_code, title).

use std::path::Path;

use super::Table;
use crate::error::Error;
use crate::model::{ConceptId, ConceptKind, Framework, keys};
use crate::taxonomy::{NewConcept, TaxonomyBuilder};

pub(crate) fn framework() -> Framework {
    Framework::new(
        keys::SOC,
        "US Standard Occupational Classification",
        "2018",
        "Public domain (US federal government work, 17 U.S.C. §105)",
        "Source: U.S. Bureau of Labor Statistics, 2018 Standard Occupational Classification.",
        "https://www.bls.gov/soc/2018/",
    )
}

fn depth(level: &str) -> Option<usize> {
    match level {
        "Major" => Some(0),
        "Minor" => Some(1),
        "Broad" => Some(2),
        "Detailed" => Some(3),
        _ => None,
    }
}

impl TaxonomyBuilder {
    /// Loads the SOC 2018 folder: major, minor, broad groups and detailed occupations, each
    /// linked to its parent (the file lists the structure in order, parents first).
    pub fn load_soc(&mut self, dir: &Path) -> Result<(), Error> {
        let fw = self.framework(framework())?;
        let file = "soc_structure_2018.csv";
        let mut t = Table::open(&dir.join(file), false)?;
        let (level, code, title) = (t.col("level")?, t.col("soc_code")?, t.col("title")?);
        let mut stack: [Option<ConceptId>; 4] = [None; 4];
        let rows = t.rows(|r, line| {
            let Some(d) = depth(r.get(level)) else {
                self.note(file, line, format!("unknown level {:?}", r.get(level)));
                return Ok(());
            };
            let kind = if d == 3 {
                ConceptKind::Occupation
            } else {
                ConceptKind::OccupationGroup
            };
            let c = NewConcept {
                framework: fw,
                kind,
                id: r.get(code),
                code: "",
                label: r.get(title),
            };
            let Some(id) = self.add_or_note(c, file, line)? else {
                return Ok(());
            };
            // The nearest open ancestor: a detailed code directly under a minor group exists.
            if let Some(parent) = stack.iter().take(d).rev().flatten().next() {
                self.add_broader(id, *parent);
            }
            for slot in stack.iter_mut().skip(d) {
                *slot = None;
            }
            if let Some(slot) = stack.get_mut(d) {
                *slot = Some(id);
            }
            Ok(())
        })?;
        self.rows_read(file, rows);
        Ok(())
    }
}
