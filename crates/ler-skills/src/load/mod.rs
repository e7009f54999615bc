//! Loaders for the files laid out like `../shared/taxonomies` (see its README).

mod case;
mod esco;
mod nesta;
mod onet;
mod soc;

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::taxonomy::{Taxonomy, TaxonomyBuilder};

/// A CSV or TSV file read by header name.
pub(crate) struct Table {
    path: PathBuf,
    name: String,
    reader: csv::Reader<Box<dyn Read>>,
    headers: csv::StringRecord,
}

pub(crate) fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_owned(),
        source,
    }
}

impl Table {
    /// Opens `path`; `.gz` files are decompressed; `tsv` selects tab-separated, unquoted fields
    /// (O*NET's text release has no quoting; its titles contain `"`).
    pub(crate) fn open(path: &Path, tsv: bool) -> Result<Table, Error> {
        let file = File::open(path).map_err(io_error(path))?;
        let read: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
            Box::new(flate2::read::GzDecoder::new(BufReader::new(file)))
        } else {
            Box::new(BufReader::new(file))
        };
        let mut builder = csv::ReaderBuilder::new();
        builder.has_headers(true).flexible(true);
        if tsv {
            builder.delimiter(b'\t').quoting(false);
        }
        let mut reader = builder.from_reader(read);
        let headers = reader
            .headers()
            .map_err(|e| Error::Table {
                path: path.to_owned(),
                line: 1,
                message: e.to_string(),
            })?
            .clone();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        Ok(Table {
            path: path.to_owned(),
            name,
            reader,
            headers,
        })
    }

    /// The file name, for notes.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// The index of a column by header (exact, trimmed).
    pub(crate) fn col(&self, column: &str) -> Result<usize, Error> {
        self.headers
            .iter()
            .position(|h| h.trim() == column)
            .ok_or_else(|| Error::MissingColumn {
                path: self.path.clone(),
                column: column.to_owned(),
            })
    }

    /// Calls `f` with each record and its 1-based starting line; returns the row count.
    pub(crate) fn rows(
        &mut self,
        mut f: impl FnMut(&Row<'_>, u64) -> Result<(), Error>,
    ) -> Result<u64, Error> {
        let mut record = csv::StringRecord::new();
        let mut count = 0u64;
        loop {
            match self.reader.read_record(&mut record) {
                Ok(true) => {
                    count += 1;
                    let line = record.position().map_or(0, |p| p.line());
                    f(&Row(&record), line)?;
                }
                Ok(false) => return Ok(count),
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    return Err(Error::Table {
                        path: self.path.clone(),
                        line,
                        message: e.to_string(),
                    });
                }
            }
        }
    }
}

/// One record; fields are trimmed, missing fields read as empty.
pub(crate) struct Row<'a>(&'a csv::StringRecord);

impl<'a> Row<'a> {
    pub(crate) fn get(&self, col: usize) -> &'a str {
        self.0.get(col).unwrap_or("").trim()
    }
}

/// Splits a multi-valued ESCO field (one value a line).
pub(crate) fn split_lines(field: &str) -> impl Iterator<Item = &str> {
    field.split('\n').map(str::trim).filter(|s| !s.is_empty())
}

impl TaxonomyBuilder {
    /// Loads everything found under `dir` (laid out like `../shared/taxonomies`): `onet/`,
    /// `soc2018/`, `esco/`, then `crosswalks/` (the Nesta crosswalk), then CASE packages and RSDs
    /// among `examples/*.json` (other JSON files there are ignored).
    pub fn load_dir(&mut self, dir: &Path) -> Result<(), Error> {
        let mut found = false;
        let onet = dir.join("onet");
        if onet.is_dir() {
            self.load_onet(&onet)?;
            found = true;
        }
        let soc = dir.join("soc2018");
        if soc.is_dir() {
            self.load_soc(&soc)?;
            found = true;
        }
        let esco = dir.join("esco");
        if esco.is_dir() {
            self.load_esco(&esco)?;
            // Every language export placed beside the English files.
            for lang in esco_languages(&esco) {
                self.load_esco_language(&esco, &lang)?;
            }
            found = true;
        }
        let nesta = dir.join("crosswalks").join(nesta::FILE);
        if nesta.is_file() {
            self.load_nesta_crosswalk(&nesta)?;
            found = true;
        }
        let examples = dir.join("examples");
        if examples.is_dir() {
            found |= self.load_json_dir(&examples)?;
        }
        if found {
            Ok(())
        } else {
            Err(Error::NothingToLoad {
                path: dir.to_owned(),
            })
        }
    }

    /// Loads the frameworks the embedded default holds: O*NET, SOC, ESCO (with ISCO-08) and the
    /// Nesta crosswalk, each required.
    pub fn load_default_sources(&mut self, dir: &Path) -> Result<(), Error> {
        self.load_onet(&dir.join("onet"))?;
        self.load_soc(&dir.join("soc2018"))?;
        self.load_esco(&dir.join("esco"))?;
        self.load_nesta_crosswalk(&dir.join("crosswalks").join(nesta::FILE))
    }

    fn load_json_dir(&mut self, dir: &Path) -> Result<bool, Error> {
        let mut paths = std::fs::read_dir(dir)
            .map_err(io_error(dir))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect::<Vec<_>>();
        paths.sort();
        let mut found = false;
        for path in paths {
            let bytes = std::fs::read(&path).map_err(io_error(&path))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let Ok(value) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
                self.note(&name, 0, "not JSON; skipped");
                continue;
            };
            if value.get("CFDocument").is_some() {
                self.add_case_value(&value, &name)?;
                found = true;
            } else if value.get("type").and_then(|t| t.as_str()) == Some("RichSkillDescriptor") {
                self.add_rsd_value(&value, &name)?;
                found = true;
            }
        }
        Ok(found)
    }
}

/// The languages of `occupations_<lang>.csv` and `skills_<lang>.csv` files in an ESCO folder,
/// English excepted, sorted.
fn esco_languages(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|name| {
            let rest = name
                .strip_prefix("occupations_")
                .or_else(|| name.strip_prefix("skills_"))?;
            let lang = rest.strip_suffix(".csv")?;
            (lang != "en" && !lang.is_empty() && lang.len() <= 8).then(|| lang.to_owned())
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

impl Taxonomy {
    /// Loads every taxonomy file under `dir` in one call (see [`TaxonomyBuilder::load_dir`]).
    ///
    /// ```no_run
    /// let taxonomy = ler_skills::Taxonomy::load_dir("../shared/taxonomies".as_ref())?;
    /// # Ok::<(), ler_skills::Error>(())
    /// ```
    pub fn load_dir(dir: &Path) -> Result<Taxonomy, Error> {
        let mut builder = TaxonomyBuilder::new();
        builder.load_dir(dir)?;
        Ok(builder.build())
    }
}
