-- One data key per person, wrapped by the master key. A destroyed key leaves its row with wrapped_key null, so that
-- nothing new is sealed for an erased person. Safe to run at every start.
CREATE TABLE IF NOT EXISTS person_data_key (
    person_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    key_id       VARCHAR(64)  NOT NULL UNIQUE,
    wrapped_key  BYTEA,
    created_at   TIMESTAMPTZ  NOT NULL,
    destroyed_at TIMESTAMPTZ
);

