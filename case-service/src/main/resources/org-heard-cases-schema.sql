-- case-service's own read models, kept in step with the event store in the same transaction (subscribing handlers).
CREATE TABLE IF NOT EXISTS case_summary (
    case_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    person_id   VARCHAR(64)  NOT NULL,
    advocate_id VARCHAR(200),
    status      VARCHAR(20)  NOT NULL
);
CREATE INDEX IF NOT EXISTS case_summary_advocate ON case_summary (advocate_id);
CREATE INDEX IF NOT EXISTS case_summary_person ON case_summary (person_id);

-- NHS number lookups for trust feeds: a keyed HMAC of the number, never the number. Deleted on erasure.
CREATE TABLE IF NOT EXISTS person_lookup (
    lookup_hmac VARCHAR(64) NOT NULL PRIMARY KEY,
    person_id   VARCHAR(64) NOT NULL UNIQUE
);
