//! O*NET text release (tab-separated files renamed to snake_case `.tsv`).

use std::collections::HashMap;
use std::path::Path;

use super::Table;
use crate::error::Error;
use crate::model::{ConceptId, ConceptKind, Framework, RelatedTier, RelationKind, keys};
use crate::taxonomy::{NewConcept, TaxonomyBuilder};

/// Prefix of technology-example identifiers: O*NET gives examples no code of their own.
pub(crate) const TECH_PREFIX: &str = "tech:";
/// Prefix of task-statement identifiers (`task:<Task ID>`): O*NET's task ids are bare numbers.
pub(crate) const TASK_PREFIX: &str = "task:";
/// O*NET's rating files (Skills, Knowledge, Abilities, Work Activities), read when present
/// under these snake_case names (the layout of the rest of the folder).
const RATING_FILES: [&str; 4] = [
    "skills.tsv",
    "knowledge.tsv",
    "abilities.tsv",
    "work_activities.tsv",
];
/// Lowest importance (`IM`, 1–5) kept as a requirement.
const MIN_IMPORTANCE: f32 = 3.0;
/// Optional files of the work-activity layer; a release folder without them still loads.
const WORK_ACTIVITY_FILES: [&str; 4] = [
    "iwa_reference.tsv",
    "dwa_reference.tsv",
    "task_statements.tsv",
    "tasks_to_dwas.tsv",
];

pub(crate) fn framework(version: &str) -> Framework {
    Framework::new(
        keys::ONET,
        "O*NET",
        version,
        "CC BY 4.0",
        format!(
            "This product includes information from the O*NET {version} Database by the U.S. \
             Department of Labor, Employment and Training Administration (USDOL/ETA). Used under \
             the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA."
        ),
        "https://www.onetcenter.org/database.html",
    )
}

/// The kind of a content-model element, from its id prefix and whether it has children.
fn element_kind(id: &str, leaf: bool) -> ConceptKind {
    let area = id.get(..3).unwrap_or(id);
    match (area, leaf) {
        ("2.A" | "2.B", true) => ConceptKind::Skill,
        ("2.C", true) => ConceptKind::Knowledge,
        ("1.A", true) => ConceptKind::Ability,
        ("4.A", true) => ConceptKind::WorkActivity,
        ("2.A" | "2.B" | "2.C" | "1.A", false) => ConceptKind::SkillGroup,
        _ => ConceptKind::Other,
    }
}

fn read_version(dir: &Path) -> String {
    // "O*NET 29.2 Database" is the first line of the release's READ_ME.
    std::fs::read_to_string(dir.join("READ_ME_onet_29_2.txt"))
        .ok()
        .and_then(|text| {
            let line = text.lines().next()?.trim().to_owned();
            let version = line.strip_prefix("O*NET ")?.strip_suffix(" Database")?;
            Some(version.to_owned())
        })
        .unwrap_or_else(|| "29.2".to_owned())
}

impl TaxonomyBuilder {
    /// Loads an O*NET text release folder: occupations, content-model elements, alternate and
    /// reported titles, technology skills, job zones and related occupations.
    pub fn load_onet(&mut self, dir: &Path) -> Result<(), Error> {
        let fw = self.framework(framework(&read_version(dir)))?;

        let mut t = Table::open(&dir.join("occupation_data.tsv"), true)?;
        let (code, title) = (t.col("O*NET-SOC Code")?, t.col("Title")?);
        let name = t.name().to_owned();
        let rows = t.rows(|r, line| {
            let c = NewConcept {
                framework: fw,
                kind: ConceptKind::Occupation,
                id: r.get(code),
                code: "",
                label: r.get(title),
            };
            self.add_or_note(c, &name, line).map(|_| ())
        })?;
        self.rows_read(&name, rows);

        for (file, title_col) in [
            ("alternate_titles.tsv", "Alternate Title"),
            ("sample_of_reported_titles.tsv", "Reported Job Title"),
        ] {
            let mut t = Table::open(&dir.join(file), true)?;
            let code = t.col("O*NET-SOC Code")?;
            let title = t.col(title_col)?;
            let short = t.col("Short Title").ok();
            let rows = t.rows(|r, line| {
                let Some(occ) = self.lookup(r.get(code)) else {
                    self.note(file, line, format!("unknown occupation {}", r.get(code)));
                    return Ok(());
                };
                self.add_alt(occ, r.get(title))?;
                if let Some(short) = short.map(|s| r.get(s)).filter(|s| *s != "n/a") {
                    self.add_alt(occ, short)?;
                }
                Ok(())
            })?;
            self.rows_read(file, rows);
        }

        self.load_content_model(dir, fw)?;
        self.load_technology(dir, fw)?;
        if WORK_ACTIVITY_FILES.iter().all(|f| dir.join(f).is_file()) {
            self.load_work_activities(dir, fw)?;
        }
        for file in RATING_FILES {
            let path = dir.join(file);
            if path.is_file() {
                self.load_onet_ratings(&path)?;
            }
        }

        let mut t = Table::open(&dir.join("job_zone_reference.tsv"), true)?;
        let name_col = t.col("Name")?;
        let mut names = Vec::new();
        let rows = t.rows(|r, _| {
            names.push(r.get(name_col).to_owned());
            Ok(())
        })?;
        self.rows_read("job_zone_reference.tsv", rows);
        self.data.job_zone_names = names;

        let mut t = Table::open(&dir.join("job_zones.tsv"), true)?;
        let (code, zone) = (t.col("O*NET-SOC Code")?, t.col("Job Zone")?);
        let rows = t.rows(|r, line| {
            let parsed = r
                .get(zone)
                .parse::<u8>()
                .ok()
                .filter(|z| (1..=5).contains(z));
            match (self.lookup(r.get(code)), parsed) {
                (Some(occ), Some(z)) => {
                    if let Some(rec) = self.rec_mut(occ) {
                        rec.job_zone = z;
                    }
                }
                _ => self.note("job_zones.tsv", line, "unknown occupation or job zone"),
            }
            Ok(())
        })?;
        self.rows_read("job_zones.tsv", rows);

        let mut t = Table::open(&dir.join("related_occupations.tsv"), true)?;
        let (code, related) = (t.col("O*NET-SOC Code")?, t.col("Related O*NET-SOC Code")?);
        let (tier, index) = (t.col("Relatedness Tier")?, t.col("Index")?);
        let rows = t.rows(|r, line| {
            let tier = match r.get(tier) {
                "Primary-Short" => Some(RelatedTier::PrimaryShort),
                "Primary-Long" => Some(RelatedTier::PrimaryLong),
                "Supplemental" => Some(RelatedTier::Supplemental),
                _ => None,
            };
            let rank = r.get(index).parse::<u8>().ok();
            match (
                self.lookup(r.get(code)),
                self.lookup(r.get(related)),
                tier,
                rank,
            ) {
                (Some(a), Some(b), Some(tier), Some(rank)) => {
                    self.add_relation(a, b, RelationKind::RelatedOccupation { tier, rank })
                }
                _ => self.note(
                    "related_occupations.tsv",
                    line,
                    "unknown occupation or tier",
                ),
            }
            Ok(())
        })?;
        self.rows_read("related_occupations.tsv", rows);
        Ok(())
    }

    fn load_content_model(&mut self, dir: &Path, fw: crate::FrameworkId) -> Result<(), Error> {
        let mut t = Table::open(&dir.join("content_model_reference.tsv"), true)?;
        let (id_col, name_col) = (t.col("Element ID")?, t.col("Element Name")?);
        let mut elements: Vec<(String, String, u64)> = Vec::new();
        let rows = t.rows(|r, line| {
            elements.push((r.get(id_col).to_owned(), r.get(name_col).to_owned(), line));
            Ok(())
        })?;
        self.rows_read("content_model_reference.tsv", rows);
        let mut has_children: HashMap<&str, bool> = HashMap::new();
        for (id, _, _) in &elements {
            if let Some((parent, _)) = id.rsplit_once('.') {
                has_children.insert(parent, true);
            }
        }
        for (id, name, line) in &elements {
            let leaf = !has_children.contains_key(id.as_str());
            let c = NewConcept {
                framework: fw,
                kind: element_kind(id, leaf),
                id,
                code: "",
                label: name,
            };
            self.add_or_note(c, "content_model_reference.tsv", *line)?;
        }
        for (id, _, _) in &elements {
            if let Some((parent, _)) = id.rsplit_once('.')
                && let (Some(c), Some(p)) = (self.lookup(id), self.lookup(parent))
            {
                self.add_broader(c, p);
            }
        }
        Ok(())
    }

    /// Loads one O*NET rating file in its published tab-separated layout (`O*NET-SOC Code`,
    /// `Element ID`, `Scale ID`, `Data Value`, `Recommend Suppress`, ...): each importance
    /// rating (`IM`) of 3.0 or more that is not flagged for suppression becomes a
    /// [`RelationKind::RatedImportance`] from the occupation to the element, and so a
    /// requirement of the occupation. Level ratings (`LV`) are not used. Load the rest of
    /// O*NET first; rows naming unknown occupations or elements become notes.
    pub fn load_onet_ratings(&mut self, path: &Path) -> Result<(), Error> {
        let mut t = Table::open(path, true)?;
        let file = t.name().to_owned();
        let (code, element) = (t.col("O*NET-SOC Code")?, t.col("Element ID")?);
        let (scale, value) = (t.col("Scale ID")?, t.col("Data Value")?);
        let suppress = t.col("Recommend Suppress").ok();
        let rows = t.rows(|r, line| {
            if r.get(scale) != "IM" || suppress.is_some_and(|s| r.get(s) == "Y") {
                return Ok(());
            }
            let Ok(importance) = r.get(value).parse::<f32>() else {
                self.note(&file, line, "importance is not a number");
                return Ok(());
            };
            if !(1.0..=5.0).contains(&importance) {
                self.note(&file, line, "importance outside 1-5");
                return Ok(());
            }
            if importance < MIN_IMPORTANCE {
                return Ok(());
            }
            match (self.lookup(r.get(code)), self.lookup(r.get(element))) {
                (Some(occ), Some(el)) => {
                    let tenths = (importance * 10.0).round() as u8;
                    self.add_relation(occ, el, RelationKind::RatedImportance { tenths });
                }
                _ => self.note(&file, line, "unknown occupation or element"),
            }
            Ok(())
        })?;
        self.rows_read(&file, rows);
        Ok(())
    }

    /// Intermediate and detailed work activities (IWAs under the `4.A` generalized work
    /// activities, DWAs under IWAs), task statements (under the DWAs they are linked to), and
    /// each occupation's tasks and DWAs as relations.
    fn load_work_activities(&mut self, dir: &Path, fw: crate::FrameworkId) -> Result<(), Error> {
        for (file, id_col, title_col, parent_col) in [
            ("iwa_reference.tsv", "IWA ID", "IWA Title", "Element ID"),
            ("dwa_reference.tsv", "DWA ID", "DWA Title", "IWA ID"),
        ] {
            let mut t = Table::open(&dir.join(file), true)?;
            let (id, title, parent) = (t.col(id_col)?, t.col(title_col)?, t.col(parent_col)?);
            let rows = t.rows(|r, line| {
                let c = NewConcept {
                    framework: fw,
                    kind: ConceptKind::WorkActivity,
                    id: r.get(id),
                    code: "",
                    label: r.get(title).trim_end_matches('.'),
                };
                if let Some(c) = self.add_or_note(c, file, line)? {
                    match self.lookup(r.get(parent)) {
                        Some(p) => self.add_broader(c, p),
                        None => self.note(file, line, format!("unknown parent {}", r.get(parent))),
                    }
                }
                Ok(())
            })?;
            self.rows_read(file, rows);
        }
        let file = "task_statements.tsv";
        let mut t = Table::open(&dir.join(file), true)?;
        let (code, task_id) = (t.col("O*NET-SOC Code")?, t.col("Task ID")?);
        let (task, task_type) = (t.col("Task")?, t.col("Task Type")?);
        let mut id = String::new();
        let mut task_core: HashMap<ConceptId, bool> = HashMap::new();
        let rows = t.rows(|r, line| {
            let Some(occ) = self.lookup(r.get(code)) else {
                self.note(file, line, format!("unknown occupation {}", r.get(code)));
                return Ok(());
            };
            id.clear();
            id.push_str(TASK_PREFIX);
            id.push_str(r.get(task_id));
            let c = NewConcept {
                framework: fw,
                kind: ConceptKind::Task,
                id: &id,
                code: "",
                label: r.get(task).trim_end_matches('.'),
            };
            if let Some(c) = self.add_or_note(c, file, line)? {
                // Tasks O*NET has not rated yet ("n/a") count as core: they are all it lists.
                let core = r.get(task_type) != "Supplemental";
                task_core.insert(c, core);
                self.add_relation(occ, c, RelationKind::PerformsTask { core });
            }
            Ok(())
        })?;
        self.rows_read(file, rows);
        let file = "tasks_to_dwas.tsv";
        let mut t = Table::open(&dir.join(file), true)?;
        let (code, task_id, dwa) = (
            t.col("O*NET-SOC Code")?,
            t.col("Task ID")?,
            t.col("DWA ID")?,
        );
        // (occupation, DWA) → linked through a core task; kept in file order.
        let mut performs: Vec<((ConceptId, ConceptId), bool)> = Vec::new();
        let mut seen: HashMap<(ConceptId, ConceptId), usize> = HashMap::new();
        let rows = t.rows(|r, line| {
            id.clear();
            id.push_str(TASK_PREFIX);
            id.push_str(r.get(task_id));
            let (Some(occ), Some(task), Some(dwa)) = (
                self.lookup(r.get(code)),
                self.lookup(&id),
                self.lookup(r.get(dwa)),
            ) else {
                self.note(file, line, "unknown occupation, task or DWA");
                return Ok(());
            };
            self.add_broader(task, dwa);
            let core = task_core.get(&task).copied().unwrap_or(false);
            match seen.get(&(occ, dwa)) {
                Some(&i) => {
                    if let Some(p) = performs.get_mut(i) {
                        p.1 |= core;
                    }
                }
                None => {
                    seen.insert((occ, dwa), performs.len());
                    performs.push(((occ, dwa), core));
                }
            }
            Ok(())
        })?;
        self.rows_read(file, rows);
        for ((occ, dwa), core) in performs {
            self.add_relation(occ, dwa, RelationKind::PerformsActivity { core });
        }
        Ok(())
    }

    fn load_technology(&mut self, dir: &Path, fw: crate::FrameworkId) -> Result<(), Error> {
        let file = "technology_skills.tsv";
        let mut t = Table::open(&dir.join(file), true)?;
        let code = t.col("O*NET-SOC Code")?;
        let (example, commodity) = (t.col("Example")?, t.col("Commodity Code")?);
        let commodity_title = t.col("Commodity Title")?;
        let (hot, demand) = (t.col("Hot Technology")?, t.col("In Demand")?);
        let mut id = String::new();
        let rows = t.rows(|r, line| {
            let Some(occ) = self.lookup(r.get(code)) else {
                self.note(file, line, format!("unknown occupation {}", r.get(code)));
                return Ok(());
            };
            let commodity_code = r.get(commodity);
            let group = match self.lookup(commodity_code) {
                Some(g) => g,
                None => self.add(NewConcept {
                    framework: fw,
                    kind: ConceptKind::Technology,
                    id: commodity_code,
                    code: "",
                    label: r.get(commodity_title),
                })?,
            };
            id.clear();
            id.push_str(TECH_PREFIX);
            id.push_str(r.get(example));
            let tech = match self.lookup(&id) {
                Some(t) => t,
                None => self.add(NewConcept {
                    framework: fw,
                    kind: ConceptKind::Technology,
                    id: &id,
                    code: "",
                    label: r.get(example),
                })?,
            };
            self.add_broader(tech, group);
            let kind = RelationKind::UsesTechnology {
                hot: r.get(hot) == "Y",
                in_demand: r.get(demand) == "Y",
            };
            self.add_relation(occ, tech, kind);
            Ok(())
        })?;
        self.rows_read(file, rows);
        Ok(())
    }

    /// Adds a concept, turning a duplicate identifier into a note.
    pub(crate) fn add_or_note(
        &mut self,
        c: NewConcept<'_>,
        source: &str,
        line: u64,
    ) -> Result<Option<ConceptId>, Error> {
        if c.id.is_empty() {
            self.note(source, line, "empty identifier; row skipped");
            return Ok(None);
        }
        match self.add(c) {
            Ok(id) => Ok(Some(id)),
            Err(Error::DuplicateId { id }) => {
                self.note(
                    source,
                    line,
                    format!("duplicate identifier {id}; row skipped"),
                );
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}
