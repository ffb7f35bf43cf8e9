-- The first schema: applications, listings, history, protocol register,
-- outbox and documents. Times are ISO 8601 text in UTC (fixed width, so they
-- sort); JSON documents are text.

CREATE TABLE application (
    id TEXT PRIMARY KEY,
    town TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('new', 'renewal', 'variation')),
    provider TEXT NOT NULL,
    workflow_id TEXT NOT NULL,
    workflow_version TEXT NOT NULL,
    state TEXT NOT NULL,
    instance TEXT NOT NULL,
    listing_id TEXT REFERENCES listing (registration_number),
    deadline TEXT,
    reviewer TEXT,
    protocol_number TEXT,
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX application_worklist ON application (state, deadline);
CREATE INDEX application_town ON application (town, state);

CREATE TABLE listing (
    registration_number TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES application (id),
    town TEXT NOT NULL,
    public_data TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_until TEXT,
    state TEXT NOT NULL
        CHECK (state IN ('listed', 'suspended', 'cancelled', 'expired', 'withdrawn')),
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX listing_public ON listing (town, state, valid_from);

CREATE TABLE history (
    application_id TEXT NOT NULL REFERENCES application (id),
    seq INTEGER NOT NULL,
    entry TEXT NOT NULL,
    hash TEXT NOT NULL,
    previous_hash TEXT,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (application_id, seq)
) WITHOUT ROWID;

-- History is append-only: the database itself refuses to change it.
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;

-- One row per calendar year; its update locks the numbering until commit.
CREATE TABLE protocol_counter (
    year INTEGER PRIMARY KEY,
    last_number INTEGER NOT NULL
);

-- DPR 445/2000 art. 53: an entry cannot be changed once written.
CREATE TABLE protocol_register (
    year INTEGER NOT NULL,
    number INTEGER NOT NULL CHECK (number >= 1),
    registered_at TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    correspondent TEXT NOT NULL,
    subject TEXT NOT NULL,
    document_sha256 TEXT,
    external_reference TEXT,
    application_id TEXT REFERENCES application (id),
    PRIMARY KEY (year, number)
);
CREATE TRIGGER protocol_no_update BEFORE UPDATE ON protocol_register
BEGIN
    SELECT RAISE(ABORT, 'the protocol register is append-only');
END;
CREATE TRIGGER protocol_no_delete BEFORE DELETE ON protocol_register
BEGIN
    SELECT RAISE(ABORT, 'the protocol register is append-only');
END;

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    channel TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
    attempts INTEGER NOT NULL,
    next_attempt_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    application_id TEXT REFERENCES application (id),
    last_error TEXT,
    reply TEXT,
    sent_at TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE document (
    sha256 TEXT PRIMARY KEY,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    content BLOB NOT NULL,
    created_at TEXT NOT NULL
);
