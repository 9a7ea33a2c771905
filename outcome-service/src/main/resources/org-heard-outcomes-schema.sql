-- outcome-service's read models, kept in step with the event store in the same transaction (subscribing handlers).
CREATE TABLE IF NOT EXISTS framework_version (
    framework_id VARCHAR(100) NOT NULL,
    version      INTEGER      NOT NULL,
    name         VARCHAR(200) NOT NULL,
    purpose      VARCHAR(40)  NOT NULL,
    scoring_rule VARCHAR(40)  NOT NULL,
    status       VARCHAR(20)  NOT NULL,
    items        TEXT         NOT NULL,
    PRIMARY KEY (framework_id, version)
);
-- What a published version declares for the reliable change index (JSON), null when it declares nothing.
ALTER TABLE framework_version ADD COLUMN IF NOT EXISTS reliable_change TEXT;

-- The cases outcome-service has seen in its own records: systemic issues link only to these.
CREATE TABLE IF NOT EXISTS known_case (
    case_id VARCHAR(64) NOT NULL PRIMARY KEY
);

-- The people and cases outcome-service knows from case-service's published events (CaseDirectory): pseudonymous ids,
-- flags, staff ids; nothing personal. A case's status and advocate carry the sequence of the event that set them.
CREATE TABLE IF NOT EXISTS directory_person (
    person_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    registered BOOLEAN     NOT NULL,
    erased     BOOLEAN     NOT NULL
);
CREATE TABLE IF NOT EXISTS directory_case (
    case_id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    person_id         VARCHAR(64)  NOT NULL,
    status            VARCHAR(20),
    status_sequence   BIGINT,
    advocate_id       VARCHAR(200),
    advocate_sequence BIGINT
);
CREATE INDEX IF NOT EXISTS directory_case_person ON directory_case (person_id);
CREATE INDEX IF NOT EXISTS directory_case_advocate ON directory_case (advocate_id);

-- Providers and teams (added columns, so a store of an earlier version keeps its rows): the provider that received
-- each case and the team of its assignment, for the caseload rule.
ALTER TABLE directory_case ADD COLUMN IF NOT EXISTS provider_id VARCHAR(200);
ALTER TABLE directory_case ADD COLUMN IF NOT EXISTS team VARCHAR(200);

-- One vocabulary of case status (CaseStatus in event-contracts): an accepted or reopened case is OPEN, as
-- case-service says; rows of an earlier version said ACCEPTED.
UPDATE directory_case SET status = 'OPEN' WHERE status = 'ACCEPTED';

-- Who each outcome and goal is about (person, case) and from which perspective, for the record-level checks on its
-- revisions, ratings and endings (RecordHolders). Kept in the command's transaction.
CREATE TABLE IF NOT EXISTS record_holder (
    record_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    person_id   VARCHAR(64) NOT NULL,
    case_id     VARCHAR(64) NOT NULL,
    perspective VARCHAR(20)
);
