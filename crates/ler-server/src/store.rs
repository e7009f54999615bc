//! The durable credential-id-to-index mapping: sqlx over SQLite (default) or PostgreSQL, chosen
//! by the database URL. Migrations are embedded and versioned (`migrations/`).

use std::borrow::Cow;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use sqlx::{AnyPool, Row};

use crate::engine::{LIST_ENTRIES, Purpose};

/// The schema, in order; a new version is a new file and a new line here, never an edit.
const MIGRATIONS: &[(i64, &str, &str)] = &[(
    1,
    "status entries",
    include_str!("../migrations/0001_status_entries.sql"),
)];

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be reached or refused the statement.
    #[error("the database is unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    /// A migration failed.
    #[error("the database schema could not be migrated: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
    /// Every index has been handed out.
    #[error("the status index space is exhausted")]
    Exhausted,
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        Self::Unavailable(e)
    }
}

/// A status entry's place: the list number and the index in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slot {
    /// Which list (lists hold [`LIST_ENTRIES`] entries each).
    pub list: u64,
    /// The index in the list.
    pub index: usize,
}

#[derive(Debug)]
struct Embedded;

impl<'s> MigrationSource<'s> for Embedded {
    fn resolve(
        self,
    ) -> std::pin::Pin<Box<dyn Future<Output = Result<Vec<Migration>, BoxDynError>> + Send + 's>>
    {
        Box::pin(async {
            Ok(MIGRATIONS
                .iter()
                .map(|(version, description, sql)| {
                    Migration::new(
                        *version,
                        Cow::Borrowed(*description),
                        MigrationType::Simple,
                        Cow::Borrowed(*sql),
                        false,
                    )
                })
                .collect())
        })
    }
}

/// The store.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
}

impl Store {
    /// Connects to `url` (`sqlite://FILE?mode=rwc`, `postgres://…`) and applies the migrations.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        install_default_drivers();
        let sqlite = url.starts_with("sqlite:");
        let pool = AnyPoolOptions::new()
            // SQLite has one writer; a few connections serve reads alongside it.
            .max_connections(if sqlite { 4 } else { 16 })
            .acquire_timeout(Duration::from_secs(5))
            .connect(url)
            .await?;
        let migrator = Migrator::new(Embedded).await.map_err(StoreError::Migrate)?;
        migrator.run(&pool).await.map_err(StoreError::Migrate)?;
        Ok(Self { pool })
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Hands out the next index and records it for `credential_id`, in one transaction: on any
    /// error nothing is written.
    pub async fn allocate(&self, credential_id: Option<&str>) -> Result<Slot, StoreError> {
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(
            "UPDATE status_counter SET next_index = next_index + 1 WHERE id = 1 RETURNING next_index",
        )
        .fetch_one(&mut *tx)
        .await?;
        let next: i64 = row.try_get(0)?;
        let global = u64::try_from(next - 1).map_err(|_| StoreError::Exhausted)?;
        let entries = LIST_ENTRIES as u64;
        let slot = Slot {
            list: global / entries,
            index: usize::try_from(global % entries).map_err(|_| StoreError::Exhausted)?,
        };
        let list = i64::try_from(slot.list).map_err(|_| StoreError::Exhausted)?;
        let index = i64::try_from(slot.index).map_err(|_| StoreError::Exhausted)?;
        sqlx::query(
            "INSERT INTO status_entries (list_number, list_index, credential_id) VALUES ($1, $2, $3)",
        )
        .bind(list)
        .bind(index)
        .bind(credential_id.map(str::to_owned))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(slot)
    }

    /// Sets (`on`) or clears the `purpose` status of every credential issued with this id;
    /// the number of entries changed.
    pub async fn set_status(
        &self,
        credential_id: &str,
        purpose: Purpose,
        on: bool,
    ) -> Result<u64, StoreError> {
        let sql = match purpose {
            Purpose::Revocation => {
                "UPDATE status_entries SET revoked = $1 WHERE credential_id = $2"
            }
            Purpose::Suspension => {
                "UPDATE status_entries SET suspended = $1 WHERE credential_id = $2"
            }
        };
        let done = sqlx::query(sql)
            .bind(i64::from(on))
            .bind(credential_id.to_owned())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// Whether list `list` has been started (some index in it handed out).
    pub async fn list_exists(&self, list: u64) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT next_index FROM status_counter WHERE id = 1")
            .fetch_one(&self.pool)
            .await?;
        let next: i64 = row.try_get(0)?;
        let next = u64::try_from(next).unwrap_or(0);
        Ok(list
            .checked_mul(LIST_ENTRIES as u64)
            .is_some_and(|start| start < next))
    }

    /// The indexes of list `list` whose `purpose` status is on.
    pub async fn set_indexes(&self, list: u64, purpose: Purpose) -> Result<Vec<usize>, StoreError> {
        let sql = match purpose {
            Purpose::Revocation => {
                "SELECT list_index FROM status_entries WHERE list_number = $1 AND revoked = 1"
            }
            Purpose::Suspension => {
                "SELECT list_index FROM status_entries WHERE list_number = $1 AND suspended = 1"
            }
        };
        let list = i64::try_from(list).map_err(|_| StoreError::Exhausted)?;
        let rows = sqlx::query(sql).bind(list).fetch_all(&self.pool).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let index: i64 = row.try_get(0)?;
            if let Ok(index) = usize::try_from(index) {
                out.push(index);
            }
        }
        Ok(out)
    }

    /// Every slot handed out (for tests and audits).
    pub async fn all_slots(&self) -> Result<Vec<Slot>, StoreError> {
        let rows = sqlx::query("SELECT list_number, list_index FROM status_entries")
            .fetch_all(&self.pool)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let list: i64 = row.try_get(0)?;
            let index: i64 = row.try_get(1)?;
            out.push(Slot {
                list: u64::try_from(list).unwrap_or(u64::MAX),
                index: usize::try_from(index).unwrap_or(usize::MAX),
            });
        }
        Ok(out)
    }

    /// Closes the pool.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
