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

-- Whether a person id was registered and whether it was erased: referrals name registered people, and nothing new is
-- accepted about an erased one. Kept by PersonStandingProjection in the command's transaction.
CREATE TABLE IF NOT EXISTS person_standing (
    person_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    registered BOOLEAN     NOT NULL,
    erased     BOOLEAN     NOT NULL
);
-- Once, for a store that had people before person_standing existed: their standing from their stored events.
CREATE TABLE IF NOT EXISTS person_standing_backfill (
    done BOOLEAN NOT NULL PRIMARY KEY
);
INSERT INTO person_standing (person_id, registered, erased)
SELECT aggregate_identifier,
       bool_or(payload_type = 'org.heard.contracts.persons.PersonRegistered'),
       bool_or(payload_type = 'org.heard.contracts.persons.PersonErased')
FROM domain_event_entry
WHERE payload_type IN ('org.heard.contracts.persons.PersonRegistered', 'org.heard.contracts.persons.PersonErased')
  AND NOT EXISTS (SELECT 1 FROM person_standing_backfill)
GROUP BY aggregate_identifier
ON CONFLICT (person_id) DO UPDATE SET registered = person_standing.registered OR excluded.registered,
                                      erased = person_standing.erased OR excluded.erased;
INSERT INTO person_standing_backfill (done) VALUES (true) ON CONFLICT DO NOTHING;

-- Providers and teams: the provider that received each case (null for cases referred before referrals named one) and
-- the team of its assignment. Added columns, so a store of an earlier version keeps its rows.
ALTER TABLE case_summary ADD COLUMN IF NOT EXISTS provider_id VARCHAR(200);
ALTER TABLE case_summary ADD COLUMN IF NOT EXISTS team VARCHAR(200);

-- Exceptional looks at a person's record (AccessGranted), until they expire. Read-only grants to one advocate.
CREATE TABLE IF NOT EXISTS access_grant (
    grant_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    person_id   VARCHAR(64)  NOT NULL,
    advocate_id VARCHAR(200) NOT NULL,
    provider_id VARCHAR(200) NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX IF NOT EXISTS access_grant_person ON access_grant (person_id, advocate_id);
