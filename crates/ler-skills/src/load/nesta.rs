//! The Nesta ESCO → O*NET occupation crosswalk (Mapping Career Causeways, Nov 2020).
//!
//! Its O*NET codes come from the O*NET-SOC 2010 taxonomy. A row is carried over to O*NET 29.2
//! only when that is unambiguous (see [`CarryOver`]); every other row is kept as a
//! [`CrosswalkGap`] with its reason.

use std::collections::HashMap;
use std::path::Path;

use super::Table;
use crate::error::Error;
use crate::identifier::normalize_esco_uri;
use crate::model::{
    CarryOver, ConceptId, ConceptKind, CrosswalkGap, CrosswalkGapReason, Framework, MatchKind, keys,
};
use crate::taxonomy::{TaxonomyBuilder, label_key};

/// The file name under `crosswalks/`.
pub(crate) const FILE: &str = "nesta_esco_onet_crosswalk_Nov2020.csv";
/// O*NET's own O*NET-SOC 2010 → 2019 taxonomy crosswalk, read beside [`FILE`] when present
/// (semicolon-separated, UTF-8 with a byte-order mark: `soc2010_code;…;soc2019_code;…`).
pub(crate) const ONET_2010_2019_FILE: &str = "onet_soc_2010_to_2019.csv";

/// Most bytes read from the 2010 → 2019 crosswalk (the real file is about 90 KB).
const MAX_CROSSWALK_BYTES: u64 = 8 * 1024 * 1024;

/// O*NET-SOC 2010 code → its 2019 codes, from O*NET's crosswalk file.
fn read_onet_2010_2019(path: &Path) -> Result<HashMap<String, Vec<String>>, Error> {
    use std::io::Read;
    let mut text = String::new();
    std::fs::File::open(path)
        .map_err(super::io_error(path))?
        .take(MAX_CROSSWALK_BYTES)
        .read_to_string(&mut text)
        .map_err(super::io_error(path))?;
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines
        .next()
        .unwrap_or("")
        .split(';')
        .map(str::trim)
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .ok_or_else(|| Error::MissingColumn {
                path: path.to_owned(),
                column: name.to_owned(),
            })
    };
    let (from, to) = (col("soc2010_code")?, col("soc2019_code")?);
    for line in lines {
        let fields: Vec<&str> = line.split(';').map(str::trim).collect();
        if let (Some(a), Some(b)) = (fields.get(from), fields.get(to))
            && !a.is_empty()
            && !b.is_empty()
        {
            let list = map.entry((*a).to_owned()).or_default();
            if !list.iter().any(|x| x == b) {
                list.push((*b).to_owned());
            }
        }
    }
    Ok(map)
}

pub(crate) fn framework() -> Framework {
    Framework::new(
        keys::NESTA,
        "Nesta ESCO–O*NET occupation crosswalk (Mapping Career Causeways)",
        "Nov 2020",
        "MIT (Copyright (c) 2021 Nesta)",
        "ESCO–O*NET crosswalk: Nesta, Mapping Career Causeways (2020), MIT licence.",
        "https://github.com/nestauk/mapping-career-causeways",
    )
}

impl TaxonomyBuilder {
    /// Loads the Nesta crosswalk; load O*NET and ESCO first. Rows are carried over to O*NET 29.2
    /// codes only when unambiguous; the rest become [`Taxonomy::crosswalk_gaps`](crate::Taxonomy::crosswalk_gaps).
    pub fn load_nesta_crosswalk(&mut self, path: &Path) -> Result<(), Error> {
        let source = self.framework(framework())?;
        let onet = self.framework_by_key(keys::ONET);
        // O*NET 29.2 occupations by lowercased title and by SOC detailed code (first 7 chars).
        let mut by_title: HashMap<String, Vec<ConceptId>> = HashMap::new();
        let mut by_soc: HashMap<String, Vec<ConceptId>> = HashMap::new();
        for (i, rec) in self.data.concepts.iter().enumerate() {
            if Some(crate::FrameworkId(rec.framework)) == onet
                && rec.kind == ConceptKind::Occupation
            {
                let id = ConceptId(i as u32);
                by_title
                    .entry(label_key(self.data.str(rec.label)))
                    .or_default()
                    .push(id);
                let code = self.data.str(rec.id);
                by_soc
                    .entry(code.get(..7).unwrap_or(code).to_owned())
                    .or_default()
                    .push(id);
            }
        }

        let successors = match path.parent().map(|p| p.join(ONET_2010_2019_FILE)) {
            Some(p) if p.is_file() => read_onet_2010_2019(&p)?,
            _ => HashMap::new(),
        };
        let mut t = Table::open(path, false)?;
        let file = t.name().to_owned();
        let (uri, esco_label) = (t.col("concept_uri")?, t.col("esco_occupation")?);
        let (code, title) = (t.col("onet_code")?, t.col("onet_occupation")?);
        let rows = t.rows(|r, _| {
            let (code, title) = (r.get(code), r.get(title));
            let gap = |reason| CrosswalkGap {
                esco_uri: r.get(uri).to_owned(),
                esco_label: r.get(esco_label).to_owned(),
                onet_2010_code: code.to_owned(),
                onet_2010_title: title.to_owned(),
                reason,
            };
            let Some(esco) = self.lookup(&normalize_esco_uri(r.get(uri))) else {
                self.data
                    .gaps
                    .push(gap(CrosswalkGapReason::EscoConceptMissing));
                return Ok(());
            };
            if onet.is_none() {
                self.data.gaps.push(gap(CrosswalkGapReason::OnetNotLoaded));
                return Ok(());
            }
            let title_key = label_key(title);
            let next: Vec<ConceptId> = successors
                .get(code)
                .map(|codes| codes.iter().filter_map(|c| self.lookup(c)).collect())
                .unwrap_or_default();
            let carried = if let Some(target) = self.lookup(code) {
                let same = self
                    .rec(target)
                    .is_some_and(|rec| label_key(self.str(rec.label)) == title_key);
                let how = if same {
                    CarryOver::SameCode
                } else {
                    CarryOver::SameCodeTitleChanged
                };
                Some((target, MatchKind::Close, how))
            } else if let [only] = next.as_slice() {
                Some((*only, MatchKind::Close, CarryOver::OnetSocCrosswalk))
            } else if next.len() > 1 {
                // A 2010 occupation split in 2019: each successor is narrower than it.
                for &target in &next {
                    self.add_link(
                        esco,
                        target,
                        MatchKind::Narrow,
                        source,
                        Some(CarryOver::OnetSocCrosswalk),
                    );
                }
                None
            } else if let Some([only]) = by_title.get(&title_key).map(Vec::as_slice) {
                Some((*only, MatchKind::Close, CarryOver::UniqueTitle))
            } else {
                match by_soc.get(code.get(..7).unwrap_or(code)).map(Vec::as_slice) {
                    Some([only]) => Some((*only, MatchKind::Broad, CarryOver::RolledUpToSoc)),
                    Some(several) => {
                        let candidates = several
                            .iter()
                            .filter_map(|&c| self.rec(c))
                            .map(|rec| self.str(rec.id).to_owned())
                            .collect();
                        self.data
                            .gaps
                            .push(gap(CrosswalkGapReason::Ambiguous { candidates }));
                        None
                    }
                    None => {
                        self.data.gaps.push(gap(CrosswalkGapReason::SocCodeRetired));
                        None
                    }
                }
            };
            if let Some((target, kind, how)) = carried {
                self.add_link(esco, target, kind, source, Some(how));
            }
            Ok(())
        })?;
        self.rows_read(&file, rows);
        Ok(())
    }
}
