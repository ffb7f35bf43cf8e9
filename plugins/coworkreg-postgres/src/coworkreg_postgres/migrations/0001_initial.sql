-- The first schema, in the schema named by the URL (search_path).

CREATE TABLE application (
    id text PRIMARY KEY,
    town text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('new', 'renewal', 'variation')),
    provider jsonb NOT NULL,
    workflow_id text NOT NULL,
    workflow_version text NOT NULL,
    state text NOT NULL,
    instance jsonb NOT NULL,
    listing_id text,
    deadline date,
    reviewer text,
    protocol_number text,
    version integer NOT NULL CHECK (version >= 1),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX application_worklist ON application (state, deadline);
CREATE INDEX application_town ON application (town, state);

CREATE TABLE listing (
    registration_number text PRIMARY KEY,
    application_id text NOT NULL REFERENCES application (id),
    town text NOT NULL,
    public_data jsonb NOT NULL,
    valid_from date NOT NULL,
    valid_until date,
    state text NOT NULL
        CHECK (state IN ('listed', 'suspended', 'cancelled', 'expired', 'withdrawn')),
    version integer NOT NULL CHECK (version >= 1),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX listing_public ON listing (town, state, valid_from);
ALTER TABLE application
    ADD CONSTRAINT application_listing_fk FOREIGN KEY (listing_id) REFERENCES listing (registration_number);

CREATE TABLE history (
    application_id text NOT NULL REFERENCES application (id),
    seq integer NOT NULL,
    entry jsonb NOT NULL,
    hash text NOT NULL,
    previous_hash text,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (application_id, seq)
);

-- History and the protocol register are append-only: the database refuses
-- UPDATE, DELETE and TRUNCATE on them.
CREATE FUNCTION coworkreg_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON history
    FOR EACH ROW EXECUTE FUNCTION coworkreg_append_only();
CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON history
    FOR EACH STATEMENT EXECUTE FUNCTION coworkreg_append_only();

-- One row per calendar year; its update locks the numbering until commit.
CREATE TABLE protocol_counter (
    year integer PRIMARY KEY,
    last_number integer NOT NULL
);

CREATE TABLE protocol_register (
    year integer NOT NULL,
    number integer NOT NULL CHECK (number >= 1),
    registered_at timestamptz NOT NULL,
    direction text NOT NULL CHECK (direction IN ('in', 'out')),
    correspondent text NOT NULL,
    subject text NOT NULL,
    document_sha256 text,
    external_reference text,
    application_id text REFERENCES application (id),
    PRIMARY KEY (year, number)
);
CREATE TRIGGER protocol_append_only BEFORE UPDATE OR DELETE ON protocol_register
    FOR EACH ROW EXECUTE FUNCTION coworkreg_append_only();
CREATE TRIGGER protocol_no_truncate BEFORE TRUNCATE ON protocol_register
    FOR EACH STATEMENT EXECUTE FUNCTION coworkreg_append_only();

CREATE TABLE outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key text NOT NULL UNIQUE,
    channel text NOT NULL,
    payload jsonb NOT NULL,
    status text NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
    attempts integer NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    application_id text REFERENCES application (id),
    last_error text,
    reply jsonb,
    sent_at timestamptz
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE document (
    sha256 text PRIMARY KEY,
    media_type text NOT NULL,
    size integer NOT NULL,
    content bytea NOT NULL,
    created_at timestamptz NOT NULL
);
