-- The credential-id-to-index mapping of the status lists. Portable SQL: SQLite and PostgreSQL.
-- One counter row hands out indexes: `UPDATE ... RETURNING` takes the row's write lock, so
-- concurrent issuers (threads, processes, instances on one PostgreSQL) never get the same one.
CREATE TABLE status_counter (
    id BIGINT PRIMARY KEY,
    next_index BIGINT NOT NULL
);
INSERT INTO status_counter (id, next_index) VALUES (1, 0);

-- One row per issued credential with status; the primary key is the last guard against an
-- index handed out twice.
CREATE TABLE status_entries (
    list_number BIGINT NOT NULL,
    list_index BIGINT NOT NULL,
    credential_id TEXT,
    revoked BIGINT NOT NULL DEFAULT 0,
    suspended BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (list_number, list_index)
);
CREATE INDEX status_entries_credential ON status_entries (credential_id);
