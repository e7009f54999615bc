//! ESCO v1.1.x classification CSVs (English) and relations.

use std::path::Path;

use super::{Table, split_lines};
use crate::error::Error;
use crate::model::{
    ConceptKind, EscoCollections, Framework, FrameworkId, Importance, MatchKind, RelationKind,
    ReuseLevel, keys,
};
use crate::taxonomy::{NewConcept, TaxonomyBuilder};

const ESCO_ATTRIBUTION: &str =
    "This service uses the ESCO classification of the European Commission.";
const ESCO_LICENCE: &str =
    "Free reuse with acknowledgement of the source (Commission Decision 2011/833/EU)";

pub(crate) fn framework() -> Framework {
    Framework::new(
        keys::ESCO,
        "ESCO",
        "v1.1.1",
        ESCO_LICENCE,
        ESCO_ATTRIBUTION,
        "https://esco.ec.europa.eu/",
    )
}

pub(crate) fn isco_framework() -> Framework {
    Framework::new(
        keys::ISCO,
        "ISCO-08 (as distributed with ESCO)",
        "ISCO-08 / ESCO v1.1.1",
        ESCO_LICENCE,
        format!(
            "{ESCO_ATTRIBUTION} ISCO-08 is the International Standard Classification of \
             Occupations of the International Labour Organization."
        ),
        "https://esco.ec.europa.eu/",
    )
}

/// The ESCO URI prefix of ISCO groups; the code follows a `C`.
pub(crate) const ISCO_URI_PREFIX: &str = "http://data.europa.eu/esco/isco/C";

fn reuse_level(text: &str) -> Option<ReuseLevel> {
    match text {
        "transversal" => Some(ReuseLevel::Transversal),
        "cross-sector" => Some(ReuseLevel::CrossSector),
        "sector-specific" => Some(ReuseLevel::SectorSpecific),
        "occupation-specific" => Some(ReuseLevel::OccupationSpecific),
        _ => None,
    }
}

fn importance(text: &str) -> Option<Importance> {
    match text {
        "essential" => Some(Importance::Essential),
        "optional" => Some(Importance::Optional),
        _ => None,
    }
}

impl TaxonomyBuilder {
    /// Loads a file of coded, labelled concepts (`conceptUri`, `code`, `preferredLabel`,
    /// `altLabels`): the ISCO-08 groups and the ESCO skill groups share this layout.
    fn load_coded_concepts(
        &mut self,
        dir: &Path,
        file: &str,
        framework: FrameworkId,
        kind: ConceptKind,
    ) -> Result<(), Error> {
        let mut t = Table::open(&dir.join(file), false)?;
        let (uri, code, label, alt) = (
            t.col("conceptUri")?,
            t.col("code")?,
            t.col("preferredLabel")?,
            t.col("altLabels")?,
        );
        let rows = t.rows(|r, line| {
            let c = NewConcept {
                framework,
                kind,
                id: r.get(uri),
                code: r.get(code),
                label: r.get(label),
            };
            if let Some(id) = self.add_or_note(c, file, line)? {
                for a in split_lines(r.get(alt)) {
                    self.add_alt(id, a)?;
                }
            }
            Ok(())
        })?;
        self.rows_read(file, rows);
        Ok(())
    }

    /// Loads an ESCO language export placed beside the English files (the same CSV layout:
    /// `occupations_<lang>.csv`, `skills_<lang>.csv`, `skillGroups_<lang>.csv`, whichever are
    /// present), as labels of the concepts already loaded in `lang`; load the English files
    /// first. Returns whether any file was found. Rows for unknown concepts become notes.
    pub fn load_esco_language(&mut self, dir: &Path, lang: &str) -> Result<bool, Error> {
        let valid = !lang.is_empty()
            && lang.len() <= 8
            && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !valid {
            return Err(Error::CompactData(format!("not a language tag: {lang:?}")));
        }
        let mut found = false;
        for stem in ["occupations", "skills", "skillGroups"] {
            let path = dir.join(format!("{stem}_{lang}.csv"));
            if !path.is_file() {
                continue;
            }
            found = true;
            let mut t = Table::open(&path, false)?;
            let file = t.name().to_owned();
            let (uri, label, alt) = (
                t.col("conceptUri")?,
                t.col("preferredLabel")?,
                t.col("altLabels")?,
            );
            let rows = t.rows(|r, line| {
                let Some(id) = self.lookup(r.get(uri)) else {
                    self.note(&file, line, format!("unknown concept {}", r.get(uri)));
                    return Ok(());
                };
                let preferred = std::iter::once((false, r.get(label)));
                let alternatives = split_lines(r.get(alt)).map(|a| (true, a));
                for (alternative, text) in preferred.chain(alternatives) {
                    if text.is_empty() {
                        continue;
                    }
                    let label = self.data.push_str(text)?;
                    self.data.translations.push(crate::taxonomy::Translation {
                        concept: id.0,
                        lang: lang.into(),
                        alternative,
                        label,
                    });
                }
                Ok(())
            })?;
            self.rows_read(&file, rows);
        }
        Ok(found)
    }

    /// Loads an ESCO v1.1.x English CSV folder: ISCO-08 groups, occupations, skill groups,
    /// skills and knowledge (preferred and alternative labels; not hidden labels or
    /// descriptions), the broader relations of both pillars, the skill hierarchy codes, the
    /// transversal / digital / green / language collections, occupation–skill relations
    /// (`occupationSkillRelations.csv.gz` or `.csv`) and skill–skill relations.
    pub fn load_esco(&mut self, dir: &Path) -> Result<(), Error> {
        let esco = self.framework(framework())?;
        let isco = self.framework(isco_framework())?;

        self.load_coded_concepts(dir, "ISCOGroups_en.csv", isco, ConceptKind::OccupationGroup)?;

        let file = "occupations_en.csv";
        let mut t = Table::open(&dir.join(file), false)?;
        let (uri, code, label) = (
            t.col("conceptUri")?,
            t.col("code")?,
            t.col("preferredLabel")?,
        );
        let (alt, isco_code) = (t.col("altLabels")?, t.col("iscoGroup")?);
        let mut isco_key = String::new();
        let rows = t.rows(|r, line| {
            let c = NewConcept {
                framework: esco,
                kind: ConceptKind::Occupation,
                id: r.get(uri),
                code: r.get(code),
                label: r.get(label),
            };
            let Some(id) = self.add_or_note(c, file, line)? else {
                return Ok(());
            };
            for a in split_lines(r.get(alt)) {
                self.add_alt(id, a)?;
            }
            isco_key.clear();
            isco_key.push_str(ISCO_URI_PREFIX);
            isco_key.push_str(r.get(isco_code));
            match self.lookup(&isco_key) {
                // ESCO places each occupation in exactly one ISCO-08 unit group: the group is
                // broader than the occupation.
                Some(group) => self.add_link(id, group, MatchKind::Broad, esco, None),
                None => self.note(
                    file,
                    line,
                    format!("unknown ISCO group {}", r.get(isco_code)),
                ),
            }
            Ok(())
        })?;
        self.rows_read(file, rows);

        self.load_coded_concepts(dir, "skillGroups_en.csv", esco, ConceptKind::SkillGroup)?;

        let file = "skills_en.csv";
        let mut t = Table::open(&dir.join(file), false)?;
        let (uri, label, alt) = (
            t.col("conceptUri")?,
            t.col("preferredLabel")?,
            t.col("altLabels")?,
        );
        let (skill_type, reuse) = (t.col("skillType")?, t.col("reuseLevel")?);
        let rows = t.rows(|r, line| {
            // Six v1.1.1 entries (DigComp areas) have no skillType: they are treated as skills.
            let kind = if r.get(skill_type) == "knowledge" {
                ConceptKind::Knowledge
            } else {
                ConceptKind::Skill
            };
            let c = NewConcept {
                framework: esco,
                kind,
                id: r.get(uri),
                code: "",
                label: r.get(label),
            };
            let Some(id) = self.add_or_note(c, file, line)? else {
                return Ok(());
            };
            for a in split_lines(r.get(alt)) {
                self.add_alt(id, a)?;
            }
            if let (Some(level), Some(rec)) = (reuse_level(r.get(reuse)), self.rec_mut(id)) {
                rec.flags |= level.to_u8() << 4;
            }
            Ok(())
        })?;
        self.rows_read(file, rows);

        self.load_esco_hierarchy(dir)?;
        self.load_esco_broader(dir, "broaderRelationsSkillPillar.csv")?;
        self.load_esco_broader(dir, "broaderRelationsOccPillar.csv")?;

        for (file, flag) in [
            (
                "transversalSkillsCollection_en.csv",
                EscoCollections::TRANSVERSAL,
            ),
            ("digitalSkillsCollection_en.csv", EscoCollections::DIGITAL),
            ("greenSkillsCollection_en.csv", EscoCollections::GREEN),
            ("languageSkillsCollection_en.csv", EscoCollections::LANGUAGE),
        ] {
            let mut t = Table::open(&dir.join(file), false)?;
            let uri = t.col("conceptUri")?;
            let rows = t.rows(|r, line| {
                match self.lookup(r.get(uri)).and_then(|id| self.rec_mut(id)) {
                    Some(rec) => rec.flags |= flag.0,
                    None => self.note(file, line, format!("unknown skill {}", r.get(uri))),
                }
                Ok(())
            })?;
            self.rows_read(file, rows);
        }

        let gz = dir.join("occupationSkillRelations.csv.gz");
        let path = if gz.is_file() {
            gz
        } else {
            dir.join("occupationSkillRelations.csv")
        };
        let mut t = Table::open(&path, false)?;
        let file = t.name().to_owned();
        let (occ, rel, skill) = (
            t.col("occupationUri")?,
            t.col("relationType")?,
            t.col("skillUri")?,
        );
        let rows = t.rows(|r, line| {
            match (
                self.lookup(r.get(occ)),
                self.lookup(r.get(skill)),
                importance(r.get(rel)),
            ) {
                (Some(o), Some(s), Some(i)) => self.add_relation(o, s, RelationKind::Requires(i)),
                (o, s, _) => {
                    let what = if o.is_none() {
                        r.get(occ)
                    } else if s.is_none() {
                        r.get(skill)
                    } else {
                        r.get(rel)
                    };
                    self.note(
                        &file,
                        line,
                        format!("unknown occupation, skill or relation type {what}"),
                    );
                }
            }
            Ok(())
        })?;
        self.rows_read(&file, rows);

        let file = "skillSkillRelations.csv";
        let mut t = Table::open(&dir.join(file), false)?;
        let (a, rel, b) = (
            t.col("originalSkillUri")?,
            t.col("relationType")?,
            t.col("relatedSkillUri")?,
        );
        let rows = t.rows(|r, line| {
            match (
                self.lookup(r.get(a)),
                self.lookup(r.get(b)),
                importance(r.get(rel)),
            ) {
                (Some(x), Some(y), Some(i)) => {
                    self.add_relation(x, y, RelationKind::RelatedSkill(i))
                }
                _ => self.note(file, line, "unknown skill or relation type"),
            }
            Ok(())
        })?;
        self.rows_read(file, rows);
        Ok(())
    }

    /// `skillsHierarchy_en.csv`: fills in the codes (`S1.2`, `T3`, `L1`) of skill groups.
    fn load_esco_hierarchy(&mut self, dir: &Path) -> Result<(), Error> {
        let file = "skillsHierarchy_en.csv";
        let mut t = Table::open(&dir.join(file), false)?;
        let esco = self.framework(framework())?;
        let mut cols = Vec::new();
        for level in 0..4 {
            cols.push((
                t.col(&format!("Level {level} URI"))?,
                t.col(&format!("Level {level} preferred term"))?,
                t.col(&format!("Level {level} code"))?,
            ));
        }
        let rows = t.rows(|r, line| {
            // Each row names one group at its deepest filled level.
            let Some(&(uri, term, code)) =
                cols.iter().rev().find(|(u, _, _)| !r.get(*u).is_empty())
            else {
                return Ok(());
            };
            let (uri, term, code) = (r.get(uri), r.get(term), r.get(code));
            // v1.1.1 lists 7 groups here that skillGroups_en.csv lacks: they are added from here.
            let c = NewConcept {
                framework: esco,
                kind: ConceptKind::SkillGroup,
                id: uri,
                code: "",
                label: term,
            };
            let Some(id) = self
                .lookup(uri)
                .map_or_else(|| self.add_or_note(c, file, line), |id| Ok(Some(id)))?
            else {
                return Ok(());
            };
            let has_code = self.rec(id).is_some_and(|rec| rec.code.len > 0);
            if !has_code && !code.is_empty() {
                let span = self.data.push_str(code)?;
                if let Some(rec) = self.rec_mut(id) {
                    rec.code = span;
                }
            }
            Ok(())
        })?;
        self.rows_read(file, rows);
        Ok(())
    }

    fn load_esco_broader(&mut self, dir: &Path, file: &str) -> Result<(), Error> {
        let mut t = Table::open(&dir.join(file), false)?;
        let (uri, broader) = (t.col("conceptUri")?, t.col("broaderUri")?);
        let rows = t.rows(|r, line| {
            match (self.lookup(r.get(uri)), self.lookup(r.get(broader))) {
                (Some(c), Some(p)) => self.add_broader(c, p),
                (c, _) => {
                    let missing = if c.is_none() {
                        r.get(uri)
                    } else {
                        r.get(broader)
                    };
                    self.note(file, line, format!("unknown concept {missing}"));
                }
            }
            Ok(())
        })?;
        self.rows_read(file, rows);
        Ok(())
    }
}
